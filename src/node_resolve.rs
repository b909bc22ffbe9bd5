//! Node's module resolution: `node_modules` lookup, `package.json` (`main`, `exports`, `imports`,
//! `name`, `type`) and the kind of a module file (CommonJS or ES module).
//!
//! Written from Node's documented algorithms (modules.html "All together", esm.html "Resolution
//! algorithm specification"). `require` resolves with the conditions `require`, `node`,
//! `module-sync` and `default`; the ES module loader resolves bare names that are not built-ins
//! with `import`, `node`, `module-sync` and `default`.
//!
//! One leniency: a package without `exports` resolves subpaths the CommonJS way for `import` too
//! (`import 'pkg/lib/x'` finds `lib/x.js`), where Node's ES loader needs the exact file name.

use std::{
    cell::RefCell,
    collections::HashMap,
    path::{Component, Path, PathBuf},
    rc::Rc,
};

use serde_json::Value;

use crate::bundle::files::ModuleFiles;

/// Which side asks: decides the `exports`/`imports` conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Require,
    Import,
}

impl Mode {
    fn conditions(self) -> &'static [&'static str] {
        match self {
            Mode::Require => &["require", "node", "module-sync", "default"],
            Mode::Import => &["import", "node", "module-sync", "default"],
        }
    }
}

/// What a specifier resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    File(PathBuf),
    /// A built-in module (reachable through a package's `imports`, e.g. `"#fs": "node:fs"`).
    Builtin(String),
}

/// A resolution failure with Node's error code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    pub code: &'static str,
    pub message: String,
}

impl ResolveError {
    fn new(code: &'static str, message: String) -> Self {
        Self { code, message }
    }
}

type Result<T> = std::result::Result<T, ResolveError>;

/// How a module file is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    CommonJs,
    Module,
    Json,
    /// A native addon (`.node`): cannot be loaded by this runtime.
    Addon,
    /// A `.js` file in a package without `"type"`: its syntax decides (import/export or
    /// top-level await make it an ES module), as in Node 20.19+.
    Undetermined,
}

/// The fields of a `package.json` that resolution reads.
#[derive(Debug)]
pub struct Package {
    /// The directory holding the `package.json`.
    pub dir: PathBuf,
    pub name: Option<String>,
    pub main: Option<String>,
    pub module_type: Option<String>,
    exports: Option<Value>,
    imports: Option<Value>,
}

impl Package {
    fn parse(dir: &Path, text: &str) -> Option<Package> {
        let value: Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        let string = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
        Some(Package {
            dir: dir.to_path_buf(),
            name: string("name"),
            main: string("main"),
            module_type: string("type"),
            exports: object.get("exports").filter(|v| !v.is_null()).cloned(),
            imports: object.get("imports").filter(|v| !v.is_null()).cloned(),
        })
    }

    fn json_path(&self) -> String {
        self.dir.join("package.json").display().to_string()
    }
}

/// The parsed `package.json` of a directory: none, a package, or one that does not parse.
#[derive(Clone)]
enum PackageFile {
    Missing,
    Valid(Rc<Package>),
    Invalid(PathBuf),
}

/// Makes `path` absolute against the current directory and removes `.`/`..` textually.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        wasmedge_boa_platform::fs::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Splits a bare specifier into the package name (`pkg`, `@scope/pkg`) and the rest (`""` or
/// `"/sub/path"`).
fn split_package(specifier: &str) -> Option<(&str, &str)> {
    let end = if specifier.starts_with('@') {
        let slash = specifier.find('/')?;
        specifier[slash + 1..].find('/').map_or(specifier.len(), |i| slash + 1 + i)
    } else {
        specifier.find('/').unwrap_or(specifier.len())
    };
    let name = &specifier[..end];
    if name.is_empty() || name.starts_with('.') || name.contains('\\') || name.contains('%') {
        return None;
    }
    Some((name, &specifier[end..]))
}

/// Every `node_modules` directory searched from `start`, nearest first.
pub fn node_modules_paths(start: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut dir = Some(absolute(start));
    while let Some(current) = dir {
        if current.file_name().is_none_or(|name| name != "node_modules") {
            paths.push(current.join("node_modules"));
        }
        dir = current.parent().map(Path::to_path_buf);
    }
    if let Ok(extra) = std::env::var("NODE_PATH") {
        paths.extend(extra.split(':').filter(|p| !p.is_empty()).map(|p| absolute(Path::new(p))));
    }
    paths
}

pub struct Resolver {
    files: ModuleFiles,
    /// Whether a name is a module the runtime provides (`fs`, `node:fs`).
    is_builtin: fn(&str) -> bool,
    packages: RefCell<HashMap<PathBuf, PackageFile>>,
}

impl Resolver {
    pub fn new(files: ModuleFiles, is_builtin: fn(&str) -> bool) -> Self {
        Self { files, is_builtin, packages: RefCell::default() }
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.is_file(path)
    }

    /// The `package.json` in `dir`, parsed once.
    fn package_in(&self, dir: &Path) -> PackageFile {
        if let Some(found) = self.packages.borrow().get(dir) {
            return found.clone();
        }
        let path = dir.join("package.json");
        let found = if !self.is_file(&path) {
            PackageFile::Missing
        } else {
            match self.files.read_to_string(&path).ok().and_then(|text| Package::parse(dir, &text)) {
                Some(package) => PackageFile::Valid(Rc::new(package)),
                None => PackageFile::Invalid(path),
            }
        };
        self.packages.borrow_mut().insert(dir.to_path_buf(), found.clone());
        found
    }

    fn valid_package_in(&self, dir: &Path) -> Result<Option<Rc<Package>>> {
        match self.package_in(dir) {
            PackageFile::Missing => Ok(None),
            PackageFile::Valid(package) => Ok(Some(package)),
            PackageFile::Invalid(path) => Err(invalid_config(&path)),
        }
    }

    /// The nearest `package.json` at or above `dir` (not crossing a `node_modules` directory):
    /// the package scope whose `type`, `name`, `exports` and `imports` apply to files in `dir`.
    pub fn package_scope(&self, dir: &Path) -> Option<Rc<Package>> {
        let mut current = Some(absolute(dir));
        while let Some(dir) = current {
            if dir.file_name().is_some_and(|name| name == "node_modules") {
                return None;
            }
            if let PackageFile::Valid(package) = self.package_in(&dir) {
                return Some(package);
            }
            current = dir.parent().map(Path::to_path_buf);
        }
        None
    }

    /// How the file at `path` runs: by extension, then by its package's `"type"`.
    pub fn kind_of(&self, path: &Path) -> Kind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("mjs") => Kind::Module,
            Some("cjs") => Kind::CommonJs,
            Some("json") => Kind::Json,
            Some("node") => Kind::Addon,
            _ => {
                let scope = path.parent().and_then(|dir| self.package_scope(dir));
                match scope.as_ref().and_then(|p| p.module_type.as_deref()) {
                    Some("module") => Kind::Module,
                    Some("commonjs") => Kind::CommonJs,
                    _ => Kind::Undetermined,
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // CommonJS: files and directories.

    /// LOAD_AS_FILE: `x`, `x.js`, `x.json`, `x.node`.
    fn load_as_file(&self, x: &Path) -> Option<PathBuf> {
        if self.is_file(x) {
            return Some(x.to_path_buf());
        }
        let name = x.file_name()?.to_string_lossy().into_owned();
        ["js", "json", "node"].iter().map(|ext| x.with_file_name(format!("{name}.{ext}"))).find(|p| self.is_file(p))
    }

    /// LOAD_INDEX: `x/index.js`, `x/index.json`, `x/index.node`.
    fn load_index(&self, x: &Path) -> Option<PathBuf> {
        ["index.js", "index.json", "index.node"].iter().map(|name| x.join(name)).find(|p| self.is_file(p))
    }

    /// LOAD_AS_DIRECTORY: the package's `main`, then `index.*`.
    fn load_as_directory(&self, x: &Path) -> Result<Option<PathBuf>> {
        if let Some(package) = self.valid_package_in(x)?
            && let Some(main) = package.main.as_deref().filter(|m| !m.is_empty())
        {
            let m = absolute(&x.join(main));
            if let Some(found) = self.load_as_file(&m).or_else(|| self.load_index(&m)) {
                return Ok(Some(found));
            }
        }
        Ok(self.load_index(x))
    }

    fn load_file_or_directory(&self, x: &Path, directory_only: bool) -> Result<Option<PathBuf>> {
        if !directory_only && let Some(found) = self.load_as_file(x) {
            return Ok(Some(found));
        }
        self.load_as_directory(x)
    }

    /// `require(request)` from a module in `parent_dir`. `paths` replaces the lookup
    /// directories (`require.resolve(request, { paths })`).
    pub fn resolve_require(&self, request: &str, parent_dir: &Path, paths: Option<&[PathBuf]>) -> Result<Resolution> {
        let not_found = || ResolveError::new("MODULE_NOT_FOUND", format!("Cannot find module '{request}'"));
        if is_path_like(request) {
            let directory_only = request.ends_with('/') || request == "." || request == "..";
            let bases: Vec<PathBuf> = match paths {
                Some(paths) if !request.starts_with('/') => paths.iter().map(|p| absolute(&p.join(request))).collect(),
                _ => vec![absolute(&parent_dir.join(request))],
            };
            for base in bases {
                if let Some(found) = self.load_file_or_directory(&base, directory_only)? {
                    return Ok(Resolution::File(self.real_path(&found)));
                }
            }
            return Err(not_found());
        }
        if request.starts_with('#') {
            return self.package_imports(request, parent_dir, Mode::Require);
        }
        if let Some(found) = self.package_self(request, parent_dir, Mode::Require)? {
            return Ok(found);
        }
        let dirs: Vec<PathBuf> = match paths {
            Some(paths) => paths.iter().flat_map(|p| node_modules_paths(p)).collect(),
            None => node_modules_paths(parent_dir),
        };
        for dir in dirs {
            if let Some(found) = self.load_node_module(request, &dir, Mode::Require)? {
                return Ok(found);
            }
        }
        Err(not_found())
    }

    /// A bare name imported by an ES module in `parent_dir`, after the built-ins: `#imports`, the
    /// package itself, then `node_modules`. `None` if no package has it.
    pub fn resolve_import(&self, specifier: &str, parent_dir: &Path) -> Result<Option<Resolution>> {
        if specifier.starts_with('#') {
            return self.package_imports(specifier, parent_dir, Mode::Import).map(Some);
        }
        if split_package(specifier).is_none() {
            return Ok(None);
        }
        if let Some(found) = self.package_self(specifier, parent_dir, Mode::Import)? {
            return Ok(Some(found));
        }
        for dir in node_modules_paths(parent_dir) {
            if let Some(found) = self.load_node_module(specifier, &dir, Mode::Import)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The module `request` in one `node_modules` directory.
    fn load_node_module(&self, request: &str, node_modules: &Path, mode: Mode) -> Result<Option<Resolution>> {
        let Some((name, subpath)) = split_package(request) else { return Ok(None) };
        let package_dir = node_modules.join(name);
        if let Some(package) = self.valid_package_in(&package_dir)?
            && let Some(exports) = &package.exports
        {
            let target = self.exports_resolve(&package, &format!(".{subpath}"), exports, mode)?;
            return self.existing(target, request).map(Some);
        }
        let x = node_modules.join(request);
        Ok(self.load_file_or_directory(&x, request.ends_with('/'))?.map(|p| Resolution::File(self.real_path(&p))))
    }

    /// A package importing itself by its own name (LOAD_PACKAGE_SELF).
    fn package_self(&self, request: &str, parent_dir: &Path, mode: Mode) -> Result<Option<Resolution>> {
        let Some((name, subpath)) = split_package(request) else { return Ok(None) };
        let Some(scope) = self.package_scope(parent_dir) else { return Ok(None) };
        let (Some(exports), Some(own_name)) = (&scope.exports, &scope.name) else { return Ok(None) };
        if own_name != name {
            return Ok(None);
        }
        let target = self.exports_resolve(&scope, &format!(".{subpath}"), exports, mode)?;
        self.existing(target, request).map(Some)
    }

    /// `#name` through the `imports` of the package scope of `parent_dir`.
    fn package_imports(&self, specifier: &str, parent_dir: &Path, mode: Mode) -> Result<Resolution> {
        if specifier == "#" || specifier.starts_with("#/") {
            return Err(ResolveError::new(
                "ERR_INVALID_MODULE_SPECIFIER",
                format!("Invalid module \"{specifier}\" is not a valid internal imports specifier name"),
            ));
        }
        let scope = self.package_scope(parent_dir);
        if let Some(scope) = &scope
            && let Some(imports) = &scope.imports
            && let Some(target) = self.match_resolve(scope, specifier, imports, true, mode)?
        {
            return match target {
                Target::Path(path) => self.existing(Target::Path(path), specifier),
                Target::Bare(bare) => self.resolve_bare_target(&bare, &scope.dir, mode),
            };
        }
        let package = scope.map(|s| format!(" in package {}", s.json_path())).unwrap_or_default();
        Err(ResolveError::new(
            "ERR_PACKAGE_IMPORT_NOT_DEFINED",
            format!("Package import specifier \"{specifier}\" is not defined{package} imported from {}", parent_dir.display()),
        ))
    }

    /// A bare target of an `imports` entry: a built-in or another package.
    fn resolve_bare_target(&self, bare: &str, dir: &Path, mode: Mode) -> Result<Resolution> {
        if (self.is_builtin)(bare) {
            return Ok(Resolution::Builtin(bare.strip_prefix("node:").unwrap_or(bare).to_string()));
        }
        match mode {
            Mode::Require => self.resolve_require(bare, dir, None),
            Mode::Import => self.resolve_import(bare, dir)?.ok_or_else(|| {
                ResolveError::new("ERR_MODULE_NOT_FOUND", format!("Cannot find package '{bare}' imported from {}", dir.display()))
            }),
        }
    }

    /// A resolved `exports`/`imports` target must exist.
    fn existing(&self, target: Target, request: &str) -> Result<Resolution> {
        match target {
            Target::Path(path) if self.is_file(&path) => Ok(Resolution::File(self.real_path(&path))),
            Target::Path(path) => Err(ResolveError::new(
                "MODULE_NOT_FOUND",
                format!("Cannot find module '{}' (the target of '{request}')", path.display()),
            )),
            Target::Bare(bare) => Err(ResolveError::new("MODULE_NOT_FOUND", format!("Cannot find module '{bare}'"))),
        }
    }

    /// Symbolic links resolved, as Node does by default (npm workspaces and `npm link`).
    fn real_path(&self, path: &Path) -> PathBuf {
        match self.files {
            ModuleFiles::Bundle(_) => path.to_path_buf(),
            _ => wasmedge_boa_platform::fs::canonicalize(path).unwrap_or_else(|_| absolute(path)),
        }
    }

    // -----------------------------------------------------------------------------------------
    // `exports` and `imports` (PACKAGE_EXPORTS_RESOLVE and friends).

    fn exports_resolve(&self, package: &Package, subpath: &str, exports: &Value, mode: Mode) -> Result<Target> {
        let has_dot_keys = exports.as_object().map(|o| o.keys().map(|k| k.starts_with('.')).collect::<Vec<_>>());
        if let Some(keys) = &has_dot_keys
            && keys.iter().any(|&d| d)
            && keys.iter().any(|&d| !d)
        {
            return Err(ResolveError::new(
                "ERR_INVALID_PACKAGE_CONFIG",
                format!(
                    "Invalid package config {}. \"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.",
                    package.json_path()
                ),
            ));
        }
        let only_subpath_keys = has_dot_keys.as_ref().is_some_and(|keys| !keys.is_empty() && keys.iter().all(|&d| d));
        if subpath == "." {
            let main = if only_subpath_keys { exports.get(".") } else { Some(exports) };
            if let Some(main) = main
                && let Some(target) = self.target_resolve(package, main, None, false, mode, subpath)?
            {
                return Ok(target);
            }
        } else if only_subpath_keys && let Some(target) = self.match_resolve(package, subpath, exports, false, mode)? {
            return Ok(target);
        }
        Err(not_exported(package, subpath))
    }

    /// PACKAGE_IMPORTS_EXPORTS_RESOLVE: an exact key, else the best `*` pattern.
    fn match_resolve(&self, package: &Package, key: &str, map: &Value, imports: bool, mode: Mode) -> Result<Option<Target>> {
        let Some(object) = map.as_object() else { return Ok(None) };
        if !key.contains('*')
            && let Some(target) = object.get(key)
        {
            return self.target_resolve(package, target, None, imports, mode, key);
        }
        let mut patterns: Vec<&String> = object.keys().filter(|k| k.matches('*').count() == 1).collect();
        patterns.sort_by(|a, b| pattern_key_compare(a, b));
        for pattern in patterns {
            let star = pattern.find('*').unwrap_or(0);
            let (base, trailer) = (&pattern[..star], &pattern[star + 1..]);
            if key.starts_with(base)
                && key != base
                && (trailer.is_empty() || (key.ends_with(trailer) && key.len() >= pattern.len()))
            {
                let matched = &key[base.len()..key.len() - trailer.len()];
                return self.target_resolve(package, &object[pattern.as_str()], Some(matched), imports, mode, key);
            }
        }
        Ok(None)
    }

    /// PACKAGE_TARGET_RESOLVE. `Ok(None)` means "no match here" (null, or no condition applied).
    fn target_resolve(
        &self,
        package: &Package,
        target: &Value,
        pattern: Option<&str>,
        imports: bool,
        mode: Mode,
        subpath: &str,
    ) -> Result<Option<Target>> {
        match target {
            Value::String(text) => {
                let replaced = |s: &str| match pattern {
                    Some(m) => s.replace('*', m),
                    None => s.to_string(),
                };
                if !text.starts_with("./") {
                    if imports && !text.starts_with("../") && !text.starts_with('/') && !text.contains("://") {
                        return Ok(Some(Target::Bare(replaced(text))));
                    }
                    return Err(invalid_target(package, subpath, target, imports));
                }
                if has_invalid_segment(&text[2..]) {
                    return Err(invalid_target(package, subpath, target, imports));
                }
                if let Some(m) = pattern
                    && has_invalid_segment(m)
                {
                    return Err(ResolveError::new(
                        "ERR_INVALID_MODULE_SPECIFIER",
                        format!("Invalid module \"{subpath}\" request is not a valid match in pattern \"{text}\" for the \"{}\" resolution of {}", if imports { "imports" } else { "exports" }, package.json_path()),
                    ));
                }
                Ok(Some(Target::Path(absolute(&package.dir.join(replaced(&text[2..]))))))
            }
            Value::Array(items) => {
                let mut last_error = None;
                for item in items {
                    match self.target_resolve(package, item, pattern, imports, mode, subpath) {
                        Ok(Some(found)) => return Ok(Some(found)),
                        Ok(None) => {}
                        Err(error) if error.code == "ERR_INVALID_PACKAGE_TARGET" => last_error = Some(error),
                        Err(error) => return Err(error),
                    }
                }
                match last_error {
                    Some(error) => Err(error),
                    None => Ok(None),
                }
            }
            Value::Object(conditions) => {
                for (condition, value) in conditions {
                    if condition.starts_with('.') || condition.parse::<u64>().is_ok() {
                        return Err(ResolveError::new(
                            "ERR_INVALID_PACKAGE_CONFIG",
                            format!("Invalid package config {}. \"exports\" cannot contain numeric property keys.", package.json_path()),
                        ));
                    }
                    if mode.conditions().contains(&condition.as_str())
                        && let Some(found) = self.target_resolve(package, value, pattern, imports, mode, subpath)?
                    {
                        return Ok(Some(found));
                    }
                }
                Ok(None)
            }
            Value::Null => Ok(None),
            _ => Err(invalid_target(package, subpath, target, imports)),
        }
    }
}

/// A resolved `exports`/`imports` target before the existence check.
#[derive(Debug)]
enum Target {
    Path(PathBuf),
    /// A bare specifier (allowed in `imports` only).
    Bare(String),
}

fn is_path_like(request: &str) -> bool {
    request == "." || request == ".." || request.starts_with("./") || request.starts_with("../") || request.starts_with('/')
}

/// A target path segment that `exports` forbids: empty, `.`, `..` or `node_modules` (any case).
fn has_invalid_segment(path: &str) -> bool {
    path.split(['/', '\\']).any(|segment| {
        let lower = segment.to_ascii_lowercase();
        segment == "." || segment == ".." || lower == "node_modules" || lower.starts_with("%2e") || lower.contains("%2f")
    }) || path.contains("//")
}

/// PATTERN_KEY_COMPARE: longer prefixes before `*` first, then longer keys.
fn pattern_key_compare(a: &str, b: &str) -> std::cmp::Ordering {
    let base_a = a.find('*').map_or(a.len(), |i| i + 1);
    let base_b = b.find('*').map_or(b.len(), |i| i + 1);
    base_b.cmp(&base_a).then(b.len().cmp(&a.len()))
}

fn invalid_config(path: &Path) -> ResolveError {
    ResolveError::new("ERR_INVALID_PACKAGE_CONFIG", format!("Invalid package config {}.", path.display()))
}

fn not_exported(package: &Package, subpath: &str) -> ResolveError {
    let message = if subpath == "." {
        format!("No \"exports\" main defined in {}", package.json_path())
    } else {
        format!("Package subpath '{subpath}' is not defined by \"exports\" in {}", package.json_path())
    };
    ResolveError::new("ERR_PACKAGE_PATH_NOT_EXPORTED", message)
}

fn invalid_target(package: &Package, subpath: &str, target: &Value, imports: bool) -> ResolveError {
    let message = if imports {
        format!("Invalid \"imports\" target {target} defined for '{subpath}' in the package config {}", package.json_path())
    } else {
        format!(
            "Invalid \"exports\" {}target {target} defined in the package config {}{}",
            if subpath == "." { "main ".to_string() } else { String::new() },
            package.json_path(),
            if target.as_str().is_some_and(|t| !t.starts_with("./")) { "; targets must start with \"./\"" } else { "" }
        )
    };
    ResolveError::new("ERR_INVALID_PACKAGE_TARGET", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> (PathBuf, Resolver) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "wasmedge_boa_resolve_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = std::fs::canonicalize(&root).unwrap();
        (root, Resolver::new(ModuleFiles::Disk, |name| name == "fs" || name == "node:fs"))
    }

    fn file(resolution: Result<Resolution>) -> PathBuf {
        match resolution {
            Ok(Resolution::File(path)) => path,
            other => panic!("not a file: {other:?}"),
        }
    }

    #[test]
    fn splits_package_names() {
        assert_eq!(split_package("pkg"), Some(("pkg", "")));
        assert_eq!(split_package("pkg/a/b"), Some(("pkg", "/a/b")));
        assert_eq!(split_package("@s/pkg"), Some(("@s/pkg", "")));
        assert_eq!(split_package("@s/pkg/x"), Some(("@s/pkg", "/x")));
        assert_eq!(split_package("@s"), None);
        assert_eq!(split_package(".hidden"), None);
    }

    #[test]
    fn require_finds_files_directories_and_main() {
        let (root, r) = tree(&[
            ("app/a.js", ""),
            ("app/data.json", "{}"),
            ("app/dir/index.js", ""),
            ("app/lib/package.json", r#"{"main": "./src/entry"}"#),
            ("app/lib/src/entry.js", ""),
            ("app/node_modules/plain/index.js", ""),
            ("app/node_modules/plain/sub.js", ""),
            ("node_modules/outer/package.json", r#"{"main": "main.js"}"#),
            ("node_modules/outer/main.js", ""),
        ]);
        let app = root.join("app");
        assert_eq!(file(r.resolve_require("./a", &app, None)), app.join("a.js"));
        assert_eq!(file(r.resolve_require("./data", &app, None)), app.join("data.json"));
        assert_eq!(file(r.resolve_require("./dir", &app, None)), app.join("dir/index.js"));
        assert_eq!(file(r.resolve_require("./lib", &app, None)), app.join("lib/src/entry.js"));
        assert_eq!(file(r.resolve_require("plain", &app, None)), app.join("node_modules/plain/index.js"));
        assert_eq!(file(r.resolve_require("plain/sub", &app, None)), app.join("node_modules/plain/sub.js"));
        assert_eq!(file(r.resolve_require("outer", &app.join("dir"), None)), root.join("node_modules/outer/main.js"));
        let missing = r.resolve_require("nope", &app, None).unwrap_err();
        assert_eq!(missing.code, "MODULE_NOT_FOUND");
        assert_eq!(missing.message, "Cannot find module 'nope'");
    }

    #[test]
    fn exports_conditions_and_patterns() {
        let (root, r) = tree(&[
            (
                "node_modules/dual/package.json",
                r#"{"name": "dual", "exports": {
                    ".": {"import": "./esm/index.mjs", "require": "./cjs/index.js"},
                    "./feature/*": {"node": "./lib/*.js", "default": "./browser/*.js"},
                    "./feature/internal/*": null,
                    "./package.json": "./package.json"
                }}"#,
            ),
            ("node_modules/dual/esm/index.mjs", ""),
            ("node_modules/dual/cjs/index.js", ""),
            ("node_modules/dual/lib/x.js", ""),
            ("node_modules/dual/lib/internal/y.js", ""),
            ("node_modules/sugar/package.json", r#"{"exports": "./main.js"}"#),
            ("node_modules/sugar/main.js", ""),
            ("node_modules/sugar/other.js", ""),
        ]);
        let pkg = root.join("node_modules/dual");
        assert_eq!(file(r.resolve_require("dual", &root, None)), pkg.join("cjs/index.js"));
        assert_eq!(r.resolve_import("dual", &root).unwrap(), Some(Resolution::File(pkg.join("esm/index.mjs"))));
        assert_eq!(file(r.resolve_require("dual/feature/x", &root, None)), pkg.join("lib/x.js"));
        assert_eq!(file(r.resolve_require("dual/package.json", &root, None)), pkg.join("package.json"));
        let hidden = r.resolve_require("dual/feature/internal/y", &root, None).unwrap_err();
        assert_eq!(hidden.code, "ERR_PACKAGE_PATH_NOT_EXPORTED");
        let unlisted = r.resolve_require("dual/cjs/index.js", &root, None).unwrap_err();
        assert_eq!(unlisted.code, "ERR_PACKAGE_PATH_NOT_EXPORTED");
        assert!(unlisted.message.starts_with("Package subpath './cjs/index.js' is not defined by \"exports\" in"));
        assert_eq!(file(r.resolve_require("sugar", &root, None)), root.join("node_modules/sugar/main.js"));
        assert_eq!(r.resolve_require("sugar/other", &root, None).unwrap_err().code, "ERR_PACKAGE_PATH_NOT_EXPORTED");
    }

    #[test]
    fn self_reference_imports_and_kinds() {
        let (root, r) = tree(&[
            (
                "pkg/package.json",
                r##"{"name": "me", "type": "module", "exports": {".": "./main.js"},
                    "imports": {"#util": "./src/util.js", "#fs": "node:fs", "#dep/*": "./deps/*.js"}}"##,
            ),
            ("pkg/main.js", ""),
            ("pkg/src/util.js", ""),
            ("pkg/deps/a.js", ""),
            ("pkg/old.cjs", ""),
            ("plain/x.js", ""),
            ("typed/package.json", r#"{"type": "commonjs"}"#),
            ("typed/y.js", ""),
        ]);
        let pkg = root.join("pkg");
        assert_eq!(file(r.resolve_require("me", &pkg.join("src"), None)), pkg.join("main.js"));
        assert_eq!(file(r.resolve_require("#util", &pkg, None)), pkg.join("src/util.js"));
        assert_eq!(file(r.resolve_require("#dep/a", &pkg, None)), pkg.join("deps/a.js"));
        assert_eq!(r.resolve_require("#fs", &pkg, None).unwrap(), Resolution::Builtin("fs".into()));
        assert_eq!(r.resolve_require("#nope", &pkg, None).unwrap_err().code, "ERR_PACKAGE_IMPORT_NOT_DEFINED");
        assert_eq!(r.kind_of(&pkg.join("main.js")), Kind::Module);
        assert_eq!(r.kind_of(&pkg.join("old.cjs")), Kind::CommonJs);
        assert_eq!(r.kind_of(&root.join("typed/y.js")), Kind::CommonJs);
        assert_eq!(r.kind_of(&root.join("plain/x.js")), Kind::Undetermined);
        assert_eq!(r.kind_of(&root.join("plain/x.mjs")), Kind::Module);
    }

    #[test]
    fn invalid_package_json_is_reported() {
        let (root, r) = tree(&[("node_modules/bad/package.json", "{ not json"), ("node_modules/bad/index.js", "")]);
        assert_eq!(r.resolve_require("bad", &root, None).unwrap_err().code, "ERR_INVALID_PACKAGE_CONFIG");
    }
}
