//! The crate's error type.

use std::fmt;
use std::net::SocketAddr;

/// Why the emulator could not start or could not take a setting.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Resolving the listening address, reading or writing a state file,
    /// or another I/O operation failed.
    Io(std::io::Error),
    /// The listening socket could not be bound to `addr` (in use, not an
    /// address of this machine, a privileged port, …).
    Bind {
        /// The address that was tried.
        addr: SocketAddr,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A setting is invalid: no account, an empty key, a negative time
    /// scale, a fault that names an unknown action, region or account, an
    /// HTTP status outside 200–599, a rate outside 0–1, …
    Config(String),
    /// A state dump cannot be read or does not fit this emulator; the text
    /// says where and why.
    State(String),
    /// No account has this public key.
    UnknownAccount(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "emulator I/O error: {e}"),
            Error::Bind { addr, source } => {
                write!(f, "cannot listen on {addr}: {source}")?;
                if source.kind() == std::io::ErrorKind::AddrInUse {
                    f.write_str(
                        " (another process is listening there; choose another port, or port 0 for a free one)",
                    )?;
                }
                Ok(())
            }
            Error::Config(message) => write!(f, "invalid emulator setting: {message}"),
            Error::State(message) => write!(f, "invalid emulator state: {message}"),
            Error::UnknownAccount(key) => write!(f, "no account has the public key {key:?}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) | Error::Bind { source: e, .. } => Some(e),
            Error::Config(_) | Error::State(_) | Error::UnknownAccount(_) => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
