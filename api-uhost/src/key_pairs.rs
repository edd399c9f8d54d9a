//! key pairs.
