//! Typed errors for the library. Every variant names where the problem is (file, line, column,
//! field) and the offending value, so the binary can print one line that tells the user what to fix.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written. (The I/O error is part of the message, not
    /// a separate cause, so that it is printed once.)
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        error: std::io::Error,
    },

    /// A data file is malformed at a given line.
    #[error("{path}:{line}: {message}")]
    Data {
        /// The data file (`-` for standard input).
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong, naming the column or value.
        message: String,
    },

    /// A configuration value is out of range or inconsistent.
    #[error("invalid {field} = {value}: {reason}")]
    Config {
        /// The option or field, as the user spells it (e.g. `--min-df`).
        field: &'static str,
        /// The rejected value.
        value: String,
        /// What would be accepted.
        reason: String,
    },

    /// The training rows cannot be fitted (too few rows, a single label, an empty vocabulary…).
    #[error("cannot train: {0}")]
    Training(String),

    /// A model file cannot be used.
    #[error("{path}: {message}")]
    Model {
        /// The model file (`<embedded>` for a model compiled into the binary).
        path: PathBuf,
        /// Why it was refused.
        message: String,
    },
}

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the file it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }

    /// A configuration error for `field` with the rejected `value`.
    pub fn config(field: &'static str, value: impl ToString, reason: impl Into<String>) -> Self {
        Error::Config {
            field,
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}
