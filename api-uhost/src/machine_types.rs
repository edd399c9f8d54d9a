//! machine types.
