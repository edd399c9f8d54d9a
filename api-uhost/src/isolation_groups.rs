//! isolation groups.
