//! The UHost service.
