//! The module loader: how an import specifier becomes a module (compat-spec §3).
//!
//! - `./x` and `../x` are resolved textually against the importing module's name (the main
//!   module's name is its path as given on the command line), so `__dirname`, stack traces and
//!   `import.meta.url` show the paths the user wrote.
//! - A name the runtime provides (a native module such as `std`, `qjs:os`, `wasi_net`, or a
//!   module of the library embedded from `js/`), with or without `node:`, is always the
//!   runtime's own module, as Node's core modules are: a `./modules` folder written for another
//!   runtime (the QuickJS runtime's own library) must not replace it.
//! - Any other bare name is a file of that name in the current directory, then in `$QJS_LIB`
//!   (default `./modules`).
//! - A name without an extension also tries `.js`, `.mjs` and `/index.js`.
//! - `with { type: "json" }` loads a JSON module (the default export is the parsed value).
//! - A module is loaded once per resolved name.
//! - A bare name never resolves to the importing file itself (a script `events.js` that imports
//!   'events' gets the library module).
//! - A bare name that is no built-in is looked up in `node_modules` ([`node_resolve`], `exports`
//!   conditions `import`/`node`/`module-sync`/`default`).
//! - What a file is decides how it loads: `.mjs`, or `.js` under `"type": "module"`, is an ES
//!   module; `.cjs`, or `.js` under `"type": "commonjs"`, is CommonJS ([`crate::cjs`]); a `.js`
//!   of no declared type is CommonJS unless it has module syntax (Node 20.19's detection).
//! - A module that does not parse is a `SyntaxError` at its `file:line:column`
//!   ([`parse_module`]).
//! - Files are identified by their absolute path: `./a.js` and `/abs/a.js` are one module.
//!
//! [`node_resolve`]: crate::node_resolve

use std::{
    cell::RefCell,
    collections::HashMap,
    path::{Path, PathBuf},
    rc::Rc,
};

use wasmedge_boa_builtins::{
    embedded::inflate_source,
    engine::source_guard::{self, SourceKind},
};
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, Module, Source, js_string,
    module::{ModuleLoader, ModuleRequest, Referrer},
};

use crate::{
    bundle::files::ModuleFiles,
    cjs, errors,
    node_resolve::{self, Kind, Resolution, Resolver},
};

include!(concat!(env!("OUT_DIR"), "/js_library.rs"));

/// Prefix of the names of embedded library modules, as they appear in stack traces.
const LIBRARY_PREFIX: &str = "node:";

/// Where a specifier leads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Resolved {
    Native(&'static str),
    Library(&'static str),
    File(PathBuf),
}

impl Resolved {
    fn cache_key(&self) -> String {
        match self {
            Resolved::Native(name) => format!("native:{name}"),
            Resolved::Library(name) => format!("{LIBRARY_PREFIX}{name}"),
            Resolved::File(path) => format!("file:{}", node_resolve::absolute(path).display()),
        }
    }
}

/// The embedded source of library module `name`, if there is one.
pub fn library_source(name: &str) -> Option<JsResult<String>> {
    JS_LIBRARY.iter().find(|(n, _)| *n == name).map(|(n, compressed)| inflate_source(n, compressed))
}

fn library_entry(name: &str) -> Option<&'static str> {
    JS_LIBRARY.iter().find(|(n, _)| *n == name).map(|(n, _)| *n)
}

fn native_entry(name: &str) -> Option<&'static str> {
    wasmedge_boa_builtins::NATIVE_MODULES
        .iter()
        .chain(cjs::RUNTIME_MODULES)
        .find(|(n, _)| *n == name)
        .map(|(n, _)| *n)
}

fn native_factory(name: &str) -> Option<wasmedge_boa_builtins::ModuleFactory> {
    wasmedge_boa_builtins::NATIVE_MODULES.iter().chain(cjs::RUNTIME_MODULES).find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Library modules that exist only under the `node:` prefix, as in Node (`node:test`): their
/// bare names belong to npm packages.
const PREFIX_ONLY: &[&str] = &["test"];

/// Whether `name` (with or without `node:`) is a module the runtime provides.
fn is_builtin_name(name: &str) -> bool {
    let bare = name.strip_prefix(LIBRARY_PREFIX);
    if bare.is_none() && PREFIX_ONLY.contains(&name) {
        return false;
    }
    let name = bare.unwrap_or(name);
    native_entry(name).is_some() || library_entry(name).is_some()
}

/// The runtime's own module called `name`: native first, then the embedded library.
fn builtin(name: &str) -> Option<Resolved> {
    native_entry(name).map(Resolved::Native).or_else(|| library_entry(name).map(Resolved::Library))
}

/// Parses `source` as the module named `path`. A syntax error becomes a `SyntaxError` naming
/// `path:line:column` ([`errors::syntax_error`]).
///
/// Boa 0.22 rejects a valid module whose last statement is `export { … }` (it looks for a
/// `from` after the clause and finds the end of the input): such a source is parsed again with
/// an empty statement after it, which changes nothing else.
pub fn parse_module(source: &str, path: &Path, context: &mut Context) -> JsResult<Module> {
    source_guard::check(source, SourceKind::Module)?;
    let parse = |text: &str, context: &mut Context| {
        Module::parse(Source::from_bytes(text.as_bytes()).with_path(path), None, context)
    };
    parse(source, context).or_else(|error| {
        let abrupt_end = error.as_native().is_some_and(|e| e.message() == "abrupt end");
        match abrupt_end.then(|| parse(&format!("{source}\n;"), context)) {
            Some(Ok(module)) => Ok(module),
            _ => Err(errors::syntax_error(&path.to_string_lossy(), source, error, context)),
        }
    })
}

/// Joins `specifier` (starting with `./` or `../`) to the directory of `base`, textually.
pub fn join_relative(base: &str, specifier: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the file name of the importer
    let absolute = base.starts_with('/');
    for part in specifier.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                if matches!(parts.last(), Some(p) if *p != ".." && !p.is_empty()) {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("/");
    if absolute { format!("/{joined}") } else { joined }
}

/// The candidate file names for `name`: itself, then with `.js`, `.mjs` and `/index.js` if it
/// has no extension.
fn with_extensions(name: &str) -> Vec<String> {
    let file_name = name.rsplit('/').next().unwrap_or(name);
    if file_name.contains('.') && !file_name.starts_with('.') {
        vec![name.to_string()]
    } else {
        vec![name.to_string(), format!("{name}.js"), format!("{name}.mjs"), format!("{name}/index.js")]
    }
}

/// What kind of program the main module is.
///
/// - `commonjs`: it runs as CommonJS (`.cjs`, `"type": "commonjs"`, or a `.js` file without
///   module syntax, as Node 20.19 decides);
/// - `node_program`: it is written for Node — CommonJS that uses `require`/`module`/`exports`,
///   a `.cjs` or `.mjs` file, or a file in a package with a `"type"`. Such a program gets Node's
///   `process.argv` shape and `process.nextTick` order; a plain `.js` script (what the QuickJS
///   runtime ran) keeps that runtime's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainKind {
    pub commonjs: bool,
    pub node_program: bool,
}

pub struct Loader {
    /// `$QJS_LIB`, or `./modules`: where bare names the runtime does not provide are looked up.
    library_dir: PathBuf,
    /// The disk, or a bundle's files (docs/bundle.md).
    files: ModuleFiles,
    /// `node_modules`, `package.json` and module kinds.
    resolver: Resolver,
    cache: RefCell<HashMap<String, Module>>,
}

impl Loader {
    pub fn new(library_dir: Option<PathBuf>) -> Self {
        Self::with_files(library_dir, ModuleFiles::Disk)
    }

    /// A loader that reads module files from `files` instead of the disk.
    pub fn with_files(library_dir: Option<PathBuf>, files: ModuleFiles) -> Self {
        Self {
            library_dir: library_dir.unwrap_or_else(|| PathBuf::from("modules")),
            resolver: Resolver::new(files.clone(), is_builtin_name),
            files,
            cache: RefCell::default(),
        }
    }

    pub(crate) fn files(&self) -> &ModuleFiles {
        &self.files
    }

    pub(crate) fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    /// The built-in module `name` (`fs`, `node:fs`, `util/types`), if the runtime has one.
    pub(crate) fn builtin(&self, name: &str) -> Option<Resolved> {
        if PREFIX_ONLY.contains(&name) {
            return None;
        }
        let name = name.strip_prefix(LIBRARY_PREFIX).unwrap_or(name);
        builtin(name).or_else(|| builtin(name.strip_suffix(".js")?))
    }

    /// Whether `require` and `module.builtinModules` show `name`: every built-in except the
    /// runtime's internal bindings (`_boa:*`, `internal/*`).
    pub fn is_public_builtin(name: &str) -> bool {
        let bare = name.strip_prefix(LIBRARY_PREFIX).unwrap_or(name);
        is_builtin_name(name) && !bare.starts_with("_boa:") && !bare.starts_with("internal/")
    }

    /// The names of the public built-in modules, sorted.
    pub fn public_builtin_names() -> Vec<String> {
        let mut names: Vec<String> = wasmedge_boa_builtins::NATIVE_MODULES
            .iter()
            .map(|(n, _)| *n)
            .chain(JS_LIBRARY.iter().map(|(n, _)| *n))
            .filter(|n| Self::is_public_builtin(n) || PREFIX_ONLY.contains(n))
            .map(|n| if PREFIX_ONLY.contains(&n) { format!("{LIBRARY_PREFIX}{n}") } else { n.to_string() })
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// A bare name that is no built-in, from `node_modules` (or a package's `imports`).
    fn resolve_package(&self, specifier: &str, referrer: Option<&str>) -> Result<Option<Resolved>, node_resolve::ResolveError> {
        if referrer.is_some_and(|r| r.starts_with(LIBRARY_PREFIX)) {
            return Ok(None);
        }
        let dir = match referrer {
            Some(referrer) => node_resolve::absolute(Path::new(referrer)).parent().map(Path::to_path_buf).unwrap_or_default(),
            None => node_resolve::absolute(Path::new(".")),
        };
        Ok(self.resolver.resolve_import(specifier, &dir)?.and_then(|resolution| match resolution {
            Resolution::File(path) => Some(Resolved::File(path)),
            Resolution::Builtin(name) => self.builtin(&name),
        }))
    }

    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<Option<Resolved>, node_resolve::ResolveError> {
        if let Some(found) = self.resolve_file_or_builtin(specifier, referrer) {
            return Ok(Some(found));
        }
        if specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with('/') {
            return Ok(None);
        }
        self.resolve_package(specifier, referrer)
    }

    fn resolve_file_or_builtin(&self, specifier: &str, referrer: Option<&str>) -> Option<Resolved> {
        if let Some(base) = referrer.and_then(|r| r.strip_prefix(LIBRARY_PREFIX)) {
            // Relative imports inside the embedded library stay inside it.
            if specifier.starts_with("./") || specifier.starts_with("../") {
                let name = join_relative(base, specifier);
                let name = name.strip_suffix(".js").unwrap_or(&name);
                return library_entry(name).map(Resolved::Library);
            }
        }
        if specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with('/') {
            let name = match referrer {
                Some(base) if !specifier.starts_with('/') => join_relative(base, specifier),
                _ => join_relative("", specifier),
            };
            return with_extensions(&name)
                .into_iter()
                .map(PathBuf::from)
                .find(|p| self.files.is_file(p))
                .map(Resolved::File);
        }
        if let Some(name) = specifier.strip_prefix(LIBRARY_PREFIX) {
            return builtin(name).or_else(|| builtin(name.strip_suffix(".js")?));
        }
        if PREFIX_ONLY.contains(&specifier.strip_suffix(".js").unwrap_or(specifier)) {
            return self.bare_file(specifier, referrer);
        }
        builtin(specifier)
            .or_else(|| self.bare_file(specifier, referrer))
            // `import 'events.js'` with no such file: the library module.
            .or_else(|| library_entry(specifier.strip_suffix(".js")?).map(Resolved::Library))
    }

    /// A bare name the runtime does not provide: `./name`, then `$QJS_LIB/name`.
    fn bare_file(&self, specifier: &str, referrer: Option<&str>) -> Option<Resolved> {
        for candidate in with_extensions(specifier) {
            for path in [PathBuf::from(&candidate), self.library_dir.join(&candidate)] {
                // A script named like a module (`my_mod.js` importing 'my_mod') means the module,
                // not itself.
                let is_importer = referrer.is_some_and(|r| Path::new(r) == path);
                if !is_importer && self.files.is_file(&path) {
                    return Some(Resolved::File(path));
                }
            }
        }
        None
    }

    /// The module `resolved` leads to, loaded once (`json`: imported `with { type: "json" }`).
    pub(crate) fn module(&self, resolved: &Resolved, json: bool, context: &mut Context) -> JsResult<Module> {
        let key = resolved.cache_key() + if json { "#json" } else { "" };
        if let Some(module) = self.cache.borrow().get(&key) {
            return Ok(module.clone());
        }
        let module = self.load(resolved, json, context)?;
        self.cache.borrow_mut().insert(key, module.clone());
        Ok(module)
    }

    fn load(&self, resolved: &Resolved, json: bool, context: &mut Context) -> JsResult<Module> {
        match resolved {
            Resolved::Native(name) => {
                let factory = native_factory(name)
                    .ok_or_else(|| JsNativeError::error().with_message(format!("no native module '{name}'")))?;
                factory(context)
            }
            Resolved::Library(name) => {
                let source = library_source(name).unwrap_or_else(|| Ok(String::new()))?;
                parse_module(&source, &PathBuf::from(format!("{LIBRARY_PREFIX}{name}")), context)
            }
            Resolved::File(path) => {
                let text =
                    self.files.read_to_string(path).map_err(|e| JsNativeError::error().with_message(e.to_string()))?;
                if json {
                    return Module::parse_json(JsString::from(text.as_str()), context);
                }
                let absolute = node_resolve::absolute(path);
                let commonjs = match self.resolver.kind_of(&absolute) {
                    Kind::Module | Kind::Json => None,
                    Kind::Addon => return Err(cjs::addon_error(path, context)),
                    Kind::CommonJs => Some(cjs::exports::detect(&text).unwrap_or_default()),
                    Kind::Undetermined => cjs::exports::detect(&text),
                };
                match commonjs {
                    Some(found) => Ok(cjs::commonjs_module(self, &absolute, path.clone(), found, context)),
                    None => parse_module(&text, path, context),
                }
            }
        }
    }

    /// How the main module at `path` runs (see [`MainKind`]).
    pub fn main_kind(&self, path: &Path, source: &str) -> MainKind {
        match self.resolver.kind_of(&node_resolve::absolute(path)) {
            Kind::CommonJs => MainKind { commonjs: true, node_program: true },
            Kind::Undetermined if cjs::exports::parses_as_commonjs(source) => {
                MainKind { commonjs: true, node_program: cjs::uses_commonjs(source) }
            }
            Kind::Undetermined => MainKind { commonjs: false, node_program: false },
            _ => MainKind { commonjs: false, node_program: true },
        }
    }

    /// Parses the main module from its path as given on the command line.
    pub fn load_main(&self, path: &Path, source: &str, context: &mut Context) -> JsResult<Module> {
        let module = parse_module(source, path, context)?;
        self.cache.borrow_mut().insert(Resolved::File(path.to_path_buf()).cache_key(), module.clone());
        Ok(module)
    }

    /// The embedded library modules loaded so far (the bundle pre-initializer evaluates them).
    pub fn loaded_library_modules(&self) -> Vec<Module> {
        let cache = self.cache.borrow();
        let mut modules: Vec<(&String, &Module)> =
            cache.iter().filter(|(key, _)| key.starts_with(LIBRARY_PREFIX)).collect();
        modules.sort_by(|a, b| a.0.cmp(b.0));
        modules.into_iter().map(|(_, module)| module.clone()).collect()
    }

    /// Whether `name` (`events`, `util/types`) is a module of the embedded library.
    pub fn is_library_module(name: &str) -> bool {
        library_entry(name).is_some()
    }
}

impl ModuleLoader for Loader {
    async fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: ModuleRequest,
        context: &std::cell::RefCell<&mut Context>,
    ) -> JsResult<Module> {
        let specifier = request.specifier().to_std_string_escaped();
        let referrer_name = referrer.path().map(|p| p.to_string_lossy().into_owned());
        let json = match request.get_attribute("type") {
            None => false,
            Some(kind) if kind == &js_string!("json") => true,
            Some(kind) => {
                return Err(JsNativeError::typ()
                    .with_message(format!(
                        "cannot import '{specifier}': unsupported module type '{}'",
                        kind.to_std_string_escaped()
                    ))
                    .into());
            }
        };
        let resolved = match self.resolve(&specifier, referrer_name.as_deref()) {
            Ok(Some(resolved)) => resolved,
            Ok(None) => {
                let from = referrer_name.map(|r| format!(" imported from '{r}'")).unwrap_or_default();
                let hint = self.files.not_found_hint();
                let message = format!("cannot find module '{specifier}'{from}{hint}");
                return Err(cjs::coded_error("ERR_MODULE_NOT_FOUND", &message, &mut context.borrow_mut()));
            }
            Err(error) => return Err(cjs::resolve_error(&error, &mut context.borrow_mut())),
        };
        if json && !matches!(resolved, Resolved::File(_)) {
            return Err(JsNativeError::typ()
                .with_message(format!("cannot import '{specifier}' as JSON: it is not a file"))
                .into());
        }
        self.module(&resolved, json, &mut context.borrow_mut())
    }

    fn init_import_meta(self: Rc<Self>, import_meta: &JsObject, module: &Module, context: &mut Context) {
        let Some(path) = module.path() else { return };
        let name = path.to_string_lossy();
        let url = if name.starts_with(LIBRARY_PREFIX) {
            name.into_owned()
        } else if path.is_absolute() {
            format!("file://{name}")
        } else {
            match std::env::current_dir() {
                Ok(cwd) => format!("file://{}", cwd.join(path).display()),
                Err(_) => format!("file://{name}"),
            }
        };
        let _ = import_meta.set(js_string!("url"), JsString::from(url.as_str()), false, context);
        if !url.starts_with(LIBRARY_PREFIX) {
            // Node 20.11+: the absolute file name and its directory.
            let file = node_resolve::absolute(path);
            let dir = file.parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
            let _ = import_meta.set(js_string!("filename"), JsString::from(file.to_string_lossy().as_ref()), false, context);
            let _ = import_meta.set(js_string!("dirname"), JsString::from(dir.as_str()), false, context);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_specifiers_textually() {
        assert_eq!(join_relative("example_js/demo.js", "./module_def.js"), "example_js/module_def.js");
        assert_eq!(join_relative("hello.js", "./a.js"), "a.js");
        assert_eq!(join_relative("a/b/c.js", "../d.js"), "a/d.js");
        assert_eq!(join_relative("c.js", "../d.js"), "../d.js");
        assert_eq!(join_relative("/abs/x.js", "../../y.js"), "/y.js");
        assert_eq!(join_relative("test/fs/t.js", "../common"), "test/common");
    }

    #[test]
    fn extensions_are_tried_only_without_one() {
        assert_eq!(with_extensions("a/b.js"), vec!["a/b.js"]);
        assert_eq!(with_extensions("data.json"), vec!["data.json"]);
        assert_eq!(with_extensions("my_mod"), vec!["my_mod", "my_mod.js", "my_mod.mjs", "my_mod/index.js"]);
    }
}
