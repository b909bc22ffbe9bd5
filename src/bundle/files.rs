//! Where the module loader reads files from: the disk, the disk while remembering what was read
//! (the `bundle` command walking an app's module graph), or a bundle (a bundled app at run time).
//!
//! Resolution is the same code in all three cases, so a bundled app finds exactly the modules
//! the same app found on disk when it was bundled.

use std::{cell::RefCell, collections::BTreeMap, fmt, io, path::Path, rc::Rc};

use wasmedge_boa_platform::fs::{self, ReadError};

#[derive(Clone, Default)]
pub enum ModuleFiles {
    #[default]
    Disk,
    /// Reads the disk and keeps a copy of every file read, by the name it was read under.
    Recording(Rc<RefCell<BTreeMap<String, String>>>),
    /// Only these files exist.
    Bundle(Rc<BTreeMap<String, String>>),
}

impl fmt::Debug for ModuleFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Disk => f.write_str("Disk"),
            Self::Recording(files) => write!(f, "Recording({} files)", files.borrow().len()),
            Self::Bundle(files) => write!(f, "Bundle({} files)", files.len()),
        }
    }
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl ModuleFiles {
    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            Self::Disk | Self::Recording(_) => fs::is_file(path),
            Self::Bundle(files) => files.contains_key(&key(path)),
        }
    }

    pub fn read_to_string(&self, path: &Path) -> Result<String, ReadError> {
        match self {
            Self::Disk => fs::read_to_string(path),
            Self::Recording(files) => {
                let text = fs::read_to_string(path)?;
                files.borrow_mut().insert(key(path), text.clone());
                Ok(text)
            }
            Self::Bundle(files) => files
                .get(&key(path))
                .cloned()
                .ok_or_else(|| ReadError { path: key(path), error: io::Error::other("it is not in this bundle") }),
        }
    }

    /// Added to "cannot find module" errors: a bundled app sees only what was bundled.
    pub fn not_found_hint(&self) -> &'static str {
        match self {
            Self::Bundle(_) => {
                " (this app is a bundle: it holds only the modules its static imports and literal \
                 dynamic imports reached when it was built; add others with `bundle --include`)"
            }
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_holds_only_its_files() {
        let files = ModuleFiles::Bundle(Rc::new(BTreeMap::from([("lib/a.js".to_string(), "export {}".to_string())])));
        assert!(files.is_file(Path::new("lib/a.js")));
        assert!(!files.is_file(Path::new("lib/b.js")));
        assert_eq!(files.read_to_string(Path::new("lib/a.js")).ok().as_deref(), Some("export {}"));
        let missing = files.read_to_string(Path::new("lib/b.js")).unwrap_err();
        assert!(missing.to_string().contains("not in this bundle"));
    }

    #[test]
    fn recording_keeps_what_was_read() {
        let dir = std::env::temp_dir().join(format!("wasmedge_boa_files_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("x.js");
        std::fs::write(&file, "1").unwrap();
        let seen = Rc::new(RefCell::new(BTreeMap::new()));
        let files = ModuleFiles::Recording(seen.clone());
        assert_eq!(files.read_to_string(&file).unwrap(), "1");
        assert_eq!(seen.borrow().get(&key(&file)).map(String::as_str), Some("1"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
