//! Fully populated requests of this resource's actions.

pub(crate) fn check_all() -> Vec<&'static str> {
    Vec::new()
}
