//! A local UHost service.
