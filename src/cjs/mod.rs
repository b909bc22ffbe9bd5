//! CommonJS: the native half of the `module` library module (`js/module.js`), and CommonJS files
//! seen from ES modules.
//!
//! `require` returns at once, but the built-in modules are ES modules and Boa loads a module
//! graph through jobs. [`evaluate_now`] loads, links and evaluates a graph synchronously: it starts
//! Boa's loading, then runs right away just the loading tasks that this queued (the loader never
//! waits for anything), so no other job of the event loop runs in between.
//!
//! The binding `_boa:module` (used only by `js/module.js`):
//! - `builtin(name)`: the namespace of a built-in module, evaluated;
//! - `importFile(path)`: the namespace of an ES module file, evaluated (`require` of an ES module);
//! - `resolve(request, parentDir[, paths])`: the absolute file `require(request)` means, or
//!   `node:name` for a built-in reached through a package's `imports`; errors carry Node's code;
//! - `compile(source, filename, detect)`: the wrapper function of a CommonJS module, or `null` if
//!   `detect` is true and the source is an ES module (import/export or top-level await);
//! - `readFile(path)`, `kind(path)` (`commonjs`, `module`, `json`, `addon`, `undetermined`),
//!   `isBuiltin(name)`, `builtinNames()`, `nodeModulePaths(dir)`.

pub mod exports;

use std::{
    collections::BTreeSet,
    fmt::Write as _,
    path::{Path, PathBuf},
    rc::Rc,
};

use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, NativeFunction, Script,
    Source, builtins::promise::PromiseState, js_string, module::SyntheticModuleInitializer,
    object::builtins::{JsArray, JsPromise},
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_builtins::exports::Exports;

use crate::{
    event_loop::EventLoop,
    loader::{Loader, Resolved},
    node_resolve::{Kind, ResolveError, Resolution, node_modules_paths},
};

/// Native modules that need the runtime itself (its loader and event loop), so they live here
/// rather than in the builtins crate.
pub const RUNTIME_MODULES: &[(&str, wasmedge_boa_builtins::ModuleFactory)] = &[("_boa:module", binding)];

fn loader(context: &Context) -> JsResult<Rc<Loader>> {
    context
        .downcast_module_loader::<Loader>()
        .ok_or_else(|| JsNativeError::error().with_message("the runtime's module loader is not installed").into())
}

/// An `Error` with Node's `code` property.
pub fn coded_error(code: &str, message: &str, context: &mut Context) -> JsError {
    let error = JsNativeError::error().with_message(message.to_string()).into_opaque(context);
    let _ = error.set(js_string!("code"), JsString::from(code), false, context);
    JsError::from_opaque(error.into())
}

/// A `TypeError` with Node's `code` property.
fn coded_type_error(code: &str, message: &str, context: &mut Context) -> JsError {
    let error = JsNativeError::typ().with_message(message.to_string()).into_opaque(context);
    let _ = error.set(js_string!("code"), JsString::from(code), false, context);
    JsError::from_opaque(error.into())
}

pub fn resolve_error(error: &ResolveError, context: &mut Context) -> JsError {
    coded_error(error.code, &error.message, context)
}

/// How a settled promise ended; marks a rejection as handled (the caller rethrows it).
fn outcome(promise: &JsPromise, context: &mut Context) -> Option<JsResult<JsValue>> {
    match promise.state() {
        PromiseState::Pending => None,
        PromiseState::Fulfilled(value) => Some(Ok(value)),
        PromiseState::Rejected(reason) => {
            let ignore = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())).to_js_function(context.realm());
            let _ = promise.then(None, Some(ignore), context);
            Some(Err(JsError::from_opaque(reason)))
        }
    }
}

/// Loads, links and evaluates `module` and everything it imports, before returning.
pub fn evaluate_now(module: &Module, context: &mut Context) -> JsResult<()> {
    let event_loop = context
        .downcast_job_executor::<EventLoop>()
        .ok_or_else(|| JsNativeError::error().with_message("the runtime's event loop is not installed"))?;
    let mark = event_loop.queued_tasks();
    let loaded = module.load(context);
    event_loop.run_queued_tasks_now(mark, context)?;
    match outcome(&loaded, context) {
        Some(Ok(_)) => {}
        Some(Err(error)) => return Err(error),
        None => {
            return Err(JsNativeError::error().with_message("a module could not be loaded synchronously").into());
        }
    }
    module.link(context)?;
    let evaluated = module.evaluate(context)?;
    match outcome(&evaluated, context) {
        Some(result) => result.map(drop),
        None => Err(coded_error(
            "ERR_REQUIRE_ASYNC_MODULE",
            "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.",
            context,
        )),
    }
}

/// Whether Boa is in the middle of evaluating `module` (a `require` of an ES module that is
/// still running, through a cycle). Boa has no public status query and asserts against
/// evaluating such a module again, so the status is read from the start of its `Debug` output.
fn is_evaluating(module: &Module) -> bool {
    /// Keeps the first bytes of a `Debug` rendering and then stops it.
    struct Prefix(String);
    impl std::fmt::Write for Prefix {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.push_str(s);
            if self.0.len() > 4096 || self.0.contains("status: ") && self.0.split("status: ").nth(1).is_some_and(|r| r.len() > 20) {
                return Err(std::fmt::Error);
            }
            Ok(())
        }
    }
    let mut prefix = Prefix(String::new());
    let _ = write!(prefix, "{module:?}");
    prefix.0.split("status: ").nth(1).is_some_and(|rest| rest.starts_with("Evaluating {") || rest.starts_with("Evaluating{"))
}

/// The namespace of a built-in module, evaluated.
pub fn builtin_namespace(name: &str, context: &mut Context) -> JsResult<JsObject> {
    let loader = loader(context)?;
    let Some(resolved) = loader.builtin(name) else {
        return Err(coded_error("ERR_UNKNOWN_BUILTIN_MODULE", &format!("No such built-in module: {name}"), context));
    };
    let module = loader.module(&resolved, false, context)?;
    evaluate_now(&module, context)?;
    Ok(module.namespace(context))
}

fn string_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    Ok(args.get_or_undefined(index).to_string(context)?.to_std_string_lossy())
}

fn builtin(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    Ok(builtin_namespace(&name, context)?.into())
}

fn import_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = PathBuf::from(string_arg(args, 0, context)?);
    let loader = loader(context)?;
    let module = loader.module(&Resolved::File(path.clone()), false, context)?;
    if is_evaluating(&module) {
        return Err(coded_error(
            "ERR_REQUIRE_CYCLE_MODULE",
            &format!("Cannot require() ES Module {} in a cycle.", path.display()),
            context,
        ));
    }
    evaluate_now(&module, context)?;
    Ok(module.namespace(context).into())
}

fn resolve(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let request = string_arg(args, 0, context)?;
    let parent_dir = PathBuf::from(string_arg(args, 1, context)?);
    let paths: Option<Vec<PathBuf>> = match args.get_or_undefined(2).as_object() {
        Some(list) => {
            let list = JsArray::from_object(list.clone())?;
            let mut paths = Vec::new();
            for i in 0..list.length(context)? {
                paths.push(PathBuf::from(list.get(i, context)?.to_string(context)?.to_std_string_lossy()));
            }
            Some(paths)
        }
        None => None,
    };
    let loader = loader(context)?;
    let resolved = loader.resolver().resolve_require(&request, &parent_dir, paths.as_deref());
    match resolved {
        Ok(Resolution::File(path)) => Ok(JsString::from(path.to_string_lossy().as_ref()).into()),
        Ok(Resolution::Builtin(name)) => Ok(JsString::from(format!("node:{name}").as_str()).into()),
        Err(error) => Err(resolve_error(&error, context)),
    }
}

fn compile(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let source = string_arg(args, 0, context)?;
    let filename = string_arg(args, 1, context)?;
    let detect = args.get_or_undefined(2).to_boolean();
    let wrapped = exports::wrap(&source);
    match Script::parse(Source::from_bytes(wrapped.as_bytes()).with_path(Path::new(&filename)), None, context) {
        Ok(script) => {
            let prefix = exports::WRAPPER_HEAD.chars().count() as u32;
            wasmedge_boa_builtins::node::error_stack::note_first_line_prefix(&filename, prefix, context);
            script.evaluate(context)
        }
        Err(error) => {
            if detect && exports::parses_as_module(&source) {
                return Ok(JsValue::null());
            }
            let message = error.try_native(context).map(|e| e.message().to_string()).unwrap_or_else(|_| error.to_string());
            Err(JsNativeError::syntax().with_message(format!("{message} in {filename}")).into())
        }
    }
}

fn read_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = string_arg(args, 0, context)?;
    let loader = loader(context)?;
    match loader.files().read_to_string(Path::new(&path)) {
        Ok(text) => Ok(JsString::from(text.as_str()).into()),
        Err(error) => Err(coded_error("MODULE_NOT_FOUND", &error.to_string(), context)),
    }
}

fn kind(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = string_arg(args, 0, context)?;
    let kind = loader(context)?.resolver().kind_of(Path::new(&path));
    Ok(js_string!(kind_name(kind)).into())
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::CommonJs => "commonjs",
        Kind::Module => "module",
        Kind::Json => "json",
        Kind::Addon => "addon",
        Kind::Undetermined => "undetermined",
    }
}

fn is_builtin(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    Ok(Loader::is_public_builtin(&name).into())
}

fn builtin_names(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let names: Vec<JsValue> = Loader::public_builtin_names().into_iter().map(|n| JsString::from(n.as_str()).into()).collect();
    Ok(JsArray::from_iter(names, context).into())
}

fn module_paths(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let dir = string_arg(args, 0, context)?;
    let paths: Vec<JsValue> =
        node_modules_paths(Path::new(&dir)).iter().map(|p| JsString::from(p.to_string_lossy().as_ref()).into()).collect();
    Ok(JsArray::from_iter(paths, context).into())
}

fn binding(context: &mut Context) -> JsResult<Module> {
    let function = |f: fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>, context: &mut Context| {
        NativeFunction::from_fn_ptr(f).to_js_function(context.realm())
    };
    Ok(Exports::new()
        .value("builtin", function(builtin, context))
        .value("importFile", function(import_file, context))
        .value("resolve", function(resolve, context))
        .value("compile", function(compile, context))
        .value("readFile", function(read_file, context))
        .value("kind", function(kind, context))
        .value("isBuiltin", function(is_builtin, context))
        .value("builtinNames", function(builtin_names, context))
        .value("nodeModulePaths", function(module_paths, context))
        .into_module(context))
}

// ---------------------------------------------------------------------------------------------
// CommonJS files imported by ES modules.

/// The export names of the CommonJS file `path` (its detected names plus those of what it
/// re-exports, followed through at most a few levels), always with `default`.
fn export_names(loader: &Loader, path: &Path, found: exports::CommonJsExports) -> Vec<JsString> {
    let mut names = BTreeSet::new();
    let mut seen = BTreeSet::from([path.to_path_buf()]);
    add_names(loader, path, found, &mut names, &mut seen, 0);
    names.remove("default");
    std::iter::once(js_string!("default")).chain(names.iter().map(|n| JsString::from(n.as_str()))).collect()
}

fn add_names(
    loader: &Loader,
    path: &Path,
    found: exports::CommonJsExports,
    names: &mut BTreeSet<String>,
    seen: &mut BTreeSet<PathBuf>,
    depth: usize,
) {
    names.extend(found.names);
    let dir = path.parent().unwrap_or(Path::new("/"));
    for specifier in found.reexports {
        let Ok(Resolution::File(target)) = loader.resolver().resolve_require(&specifier, dir, None) else { continue };
        if !matches!(loader.resolver().kind_of(&target), Kind::CommonJs | Kind::Undetermined) {
            continue;
        }
        if depth >= 8 || !seen.insert(target.clone()) {
            continue;
        }
        if let Some(found) = loader.files().read_to_string(&target).ok().and_then(|text| exports::detect(&text)) {
            add_names(loader, &target, found, names, seen, depth + 1);
        }
    }
}

/// What the synthetic module of a CommonJS file needs when it is evaluated.
#[derive(Trace, Finalize)]
struct CommonJsFile {
    filename: JsString,
    names: Vec<JsString>,
}

/// `module.exports` of the CommonJS file `filename`, running it through `require` if needed.
fn require_file(filename: &JsString, context: &mut Context) -> JsResult<JsValue> {
    let namespace = builtin_namespace("module", context)?;
    let module_class = namespace.get(js_string!("default"), context)?;
    let load = module_class.as_object().map(|m| m.get(js_string!("_load"), context)).transpose()?.unwrap_or_default();
    let Some(load) = load.as_callable() else {
        return Err(JsNativeError::typ().with_message("Module._load is not a function").into());
    };
    load.call(&module_class, &[filename.clone().into(), JsValue::null(), false.into()], context)
}

/// The ES module view of a CommonJS file: `default` is `module.exports`, and every statically
/// detected name is a named export, read from `module.exports` when the file has run.
/// `found` is what [`exports::detect`] found in the file's source; `path` is absolute, `name` is
/// the module's name for stack traces.
pub fn commonjs_module(loader: &Loader, path: &Path, name: PathBuf, found: exports::CommonJsExports, context: &mut Context) -> Module {
    let names = export_names(loader, path, found);
    let file = CommonJsFile { filename: JsString::from(path.to_string_lossy().as_ref()), names: names.clone() };
    Module::synthetic(
        &names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |module, file: &CommonJsFile, context| {
                let exports = require_file(&file.filename, context)?;
                for name in &file.names {
                    let value = if name == &js_string!("default") {
                        exports.clone()
                    } else {
                        match exports.as_object() {
                            Some(object) => object.get(name.clone(), context).unwrap_or_default(),
                            None => JsValue::undefined(),
                        }
                    };
                    module.set_export(name, value)?;
                }
                Ok(())
            },
            file,
        ),
        Some(name),
        None,
        context,
    )
}

/// Whether CommonJS `source` uses CommonJS itself (`require`, `module`, `exports`,
/// `__filename`), as opposed to a plain script.
pub fn uses_commonjs(source: &str) -> bool {
    ["require", "module", "exports", "__filename"].iter().any(|word| mentions_identifier(source, word))
}

fn mentions_identifier(source: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.match_indices(word).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + word.len()..].chars().next();
        !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident)
    })
}

/// A native addon cannot be loaded.
pub fn addon_error(path: &Path, context: &mut Context) -> JsError {
    coded_type_error(
        "ERR_DLOPEN_FAILED",
        &format!("Cannot load native addon '{}': this runtime runs JavaScript only (no .node files under WebAssembly)", path.display()),
        context,
    )
}

