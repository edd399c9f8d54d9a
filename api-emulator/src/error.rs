//! The crate's error type.

use std::fmt;

/// Why the emulator could not start or could not take a setting.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Binding the listening socket or reading its address failed.
    Io(std::io::Error),
    /// A setting is invalid: no account, an empty key, a negative time
    /// scale, a fault that names an unknown action, an HTTP status outside
    /// 200–599, a rate outside 0–1, …
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "emulator I/O error: {e}"),
            Error::Config(message) => write!(f, "invalid emulator setting: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Config(_) => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
