//! Reading files (scripts, modules, JSON) with errors that name the path.

use std::{fmt, io, path::Path};

/// A file that could not be read, with a message fit for a JavaScript developer.
#[derive(Debug)]
pub struct ReadError {
    pub path: String,
    pub error: io::Error,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.error.kind() {
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::InvalidData => "the file is not valid UTF-8".to_string(),
            _ => self.error.to_string(),
        };
        write!(f, "cannot read '{}': {reason}", self.path)?;
        if let Some(hint) = crate::sys::file_access_hint(&self.error) {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole UTF-8 text file.
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|error| ReadError { path: path.display().to_string(), error })
}

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|error| ReadError { path: path.display().to_string(), error })
}

/// Whether `path` names a regular file that this process can see.
pub fn is_file(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.is_file()).unwrap_or(false)
}
