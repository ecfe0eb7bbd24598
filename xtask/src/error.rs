//! The one error type of the xtask: a sentence for the person at the terminal.
//!
//! A task runner's errors are read, never matched on, so a message that names what failed
//! and where (a file, a command, a step) is all they carry.

use std::fmt;
use std::io;
use std::path::Path;

/// Why a task stopped, worded for the person who ran it.
#[derive(Debug)]
pub struct Error {
    message: String,
}

/// The xtask's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with this message (no `error:` prefix; `main` adds it).
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }

    /// An I/O failure while doing `what` (`cannot read`, `cannot create`) to `path`.
    pub fn io(what: &str, path: &Path, error: io::Error) -> Error {
        Error::new(format!("{what} {}: {error}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
