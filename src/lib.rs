//! Support shared by the workspace's examples and cross-crate tests.
