//! Example answers and enums of this resource.
