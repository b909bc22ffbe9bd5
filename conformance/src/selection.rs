//! Which tests run: discovery under `test/`, `--filter` paths and globs, and the exclusion file.

use std::path::{Path, PathBuf};

/// A path filter given with `--filter`, relative to the test262 root (`test/...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPattern {
    /// A file, or a directory and everything below it.
    Prefix(String),
    /// `*` (within one path segment), `**` (across segments) and `?`; a glob that matches a
    /// directory selects everything below it.
    Glob(String),
}

impl PathPattern {
    /// Normalises a user-given filter: `built-ins/Array`, `test/built-ins/Array/`, an absolute path
    /// inside the checkout and `./test/...` all mean the same.
    pub fn new(raw: &str, root: &Path) -> Self {
        let mut text = raw.trim().replace('\\', "/");
        if let Ok(relative) = Path::new(&text).strip_prefix(root) {
            text = relative.to_string_lossy().replace('\\', "/");
        }
        while let Some(rest) = text.strip_prefix("./") {
            text = rest.to_string();
        }
        let text = text.trim_end_matches('/');
        let text = if text == "test" || text.starts_with("test/") || text.starts_with("**") {
            text.to_string()
        } else {
            format!("test/{text}")
        };
        if text.contains(['*', '?']) {
            Self::Glob(text)
        } else {
            Self::Prefix(text)
        }
    }

    pub fn matches(&self, path: &str) -> bool {
        match self {
            Self::Prefix(prefix) => {
                path == prefix
                    || (path.starts_with(prefix.as_str()) && path[prefix.len()..].starts_with('/'))
            }
            Self::Glob(glob) => {
                // The path itself, or one of its ancestor directories.
                let mut candidate = path;
                loop {
                    if glob_matches(glob.as_bytes(), candidate.as_bytes()) {
                        return true;
                    }
                    match candidate.rfind('/') {
                        Some(at) => candidate = &candidate[..at],
                        None => return false,
                    }
                }
            }
        }
    }
}

fn glob_matches(glob: &[u8], text: &[u8]) -> bool {
    match glob {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => {
            let rest = rest
                .strip_prefix(b"/")
                .filter(|_| !rest.is_empty())
                .unwrap_or(rest);
            // `**/` may also match nothing, so `a/**/b` matches `a/b`.
            (0..=text.len()).any(|skip| glob_matches(rest, &text[skip..]))
        }
        [b'*', rest @ ..] => {
            let segment_end = text.iter().position(|&c| c == b'/').unwrap_or(text.len());
            (0..=segment_end).any(|skip| glob_matches(rest, &text[skip..]))
        }
        [b'?', rest @ ..] => {
            matches!(text, [c, tail @ ..] if *c != b'/' && glob_matches(rest, tail))
        }
        [c, rest @ ..] => matches!(text, [t, tail @ ..] if t == c && glob_matches(rest, tail)),
    }
}

/// The `--exclude-features` file: one feature name per line; lines starting with `test/` are path
/// patterns (prefix or glob) excluded whatever their features. `#` starts a comment.
#[derive(Clone, Debug, Default)]
pub struct Exclusions {
    pub features: Vec<String>,
    pub paths: Vec<PathPattern>,
}

impl Exclusions {
    pub fn parse(text: &str, root: &Path) -> Self {
        let mut exclusions = Self::default();
        for line in text.lines() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            if entry.starts_with("test/") || entry.contains('/') {
                exclusions.paths.push(PathPattern::new(entry, root));
            } else {
                exclusions.features.push(entry.to_string());
            }
        }
        exclusions.features.sort();
        exclusions.features.dedup();
        exclusions
    }

    pub fn load(file: &Path, root: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read exclusion file {}: {e}", file.display()))?;
        Ok(Self::parse(&text, root))
    }

    /// The reason a test is excluded, if it is.
    pub fn reason(&self, path: &str, features: &[String]) -> Option<String> {
        if self.paths.iter().any(|pattern| pattern.matches(path)) {
            return Some("path excluded by the exclusion file".into());
        }
        features
            .iter()
            .find(|feature| self.features.binary_search(feature).is_ok())
            .map(|feature| format!("feature excluded: {feature}"))
    }
}

/// All test files under `ROOT/test` matching any filter (all of them without filters), as sorted
/// paths relative to the root with `/` separators. `*_FIXTURE.js` files are module dependencies,
/// not tests.
pub fn discover(root: &Path, filters: &[PathPattern]) -> Result<Vec<String>, String> {
    let test_dir = root.join("test");
    if !test_dir.is_dir() {
        return Err(format!(
            "{} has no test/ directory: pass the root of a tc39/test262 checkout with --test262",
            root.display()
        ));
    }
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from("test")];
    while let Some(relative_dir) = pending.pop() {
        let entries = std::fs::read_dir(root.join(&relative_dir))
            .map_err(|e| format!("cannot list {}: {e}", root.join(&relative_dir).display()))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| format!("cannot list {}: {e}", relative_dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = relative_dir.join(&name);
            let file_type = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", relative.display()))?;
            if file_type.is_dir() {
                pending.push(relative);
            } else if name.ends_with(".js") && !name.contains("_FIXTURE") {
                let path = relative.to_string_lossy().replace('\\', "/");
                if filters.is_empty() || filters.iter().any(|f| f.matches(&path)) {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(raw: &str) -> PathPattern {
        PathPattern::new(raw, Path::new("/checkout"))
    }

    #[test]
    fn prefixes_select_directories_and_files() {
        assert_eq!(
            pattern("built-ins/Array/"),
            PathPattern::Prefix("test/built-ins/Array".into())
        );
        assert_eq!(
            pattern("/checkout/test/x.js"),
            PathPattern::Prefix("test/x.js".into())
        );
        assert!(pattern("built-ins/Array").matches("test/built-ins/Array/from/a.js"));
        assert!(!pattern("built-ins/Array").matches("test/built-ins/ArrayBuffer/a.js"));
        assert!(pattern("./test/x.js").matches("test/x.js"));
    }

    #[test]
    fn globs_match_segments_and_ancestors() {
        assert!(pattern("built-ins/Array*").matches("test/built-ins/ArrayBuffer/a.js"));
        assert!(!pattern("built-ins/*.js").matches("test/built-ins/Array/a.js"));
        assert!(pattern("built-ins/**/a.js").matches("test/built-ins/Array/from/a.js"));
        assert!(pattern("built-ins/**/a.js").matches("test/built-ins/a.js"));
        assert!(pattern("**/*let*").matches("test/language/x/let-1.js"));
        assert!(pattern("language/x/?.js").matches("test/language/x/a.js"));
        assert!(!pattern("language/x/?.js").matches("test/language/x/ab.js"));
    }

    #[test]
    fn exclusion_file_has_features_and_paths() {
        let exclusions = Exclusions::parse(
            "# comment\nTemporal\n  tail-call-optimization # slow\ntest/intl402\n",
            Path::new("/checkout"),
        );
        assert_eq!(exclusions.features, ["Temporal", "tail-call-optimization"]);
        assert!(exclusions.reason("test/intl402/a.js", &[]).is_some());
        assert_eq!(
            exclusions.reason("test/b.js", &["x".into(), "Temporal".into()]),
            Some("feature excluded: Temporal".into())
        );
        assert_eq!(exclusions.reason("test/b.js", &["x".into()]), None);
    }
}

/// Whether `path` (relative to the checkout, `test/...`) is in the fixed 1-in-`every` sample:
/// the 64-bit FNV-1a hash of the path, modulo `every`, is 0. The choice of a file depends only
/// on its own path, so every engine, machine and run gets the same sample of a given checkout.
pub fn in_sample(path: &str, every: u32) -> bool {
    let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
    every <= 1 || hash % u64::from(every) == 0
}

#[cfg(test)]
mod sample_tests {
    #[test]
    fn the_sample_is_fixed_and_about_one_in_n() {
        let paths: Vec<String> = (0..10_000).map(|i| format!("test/built-ins/X/t{i}.js")).collect();
        let chosen = paths.iter().filter(|p| super::in_sample(p, 10)).count();
        assert!((900..1100).contains(&chosen), "{chosen}");
        assert!(paths.iter().all(|p| super::in_sample(p, 1)));
        assert_eq!(super::in_sample("test/a.js", 10), super::in_sample("test/a.js", 10));
    }
}
