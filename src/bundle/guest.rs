//! The bundled app inside the .wasm: the pre-initialization Wizer runs, and the run after the
//! snapshot (docs/bundle.md).
//!
//! Pre-initialization reads the bundle from stdin, builds the realm, parses, loads and links the
//! whole static module graph (and the targets of literal dynamic imports) and evaluates the
//! embedded library modules among them (their bodies only define things). The app's own module
//! bodies never run there, so nothing the app computes can depend on the time, randomness,
//! environment or arguments of the snapshot. The few objects the realm made that hold such
//! facts are filled in place at run time ([`run_if_bundled`]): `env`/`process.env` (empty at
//! snapshot time), `args`/`process.argv` (an empty array at snapshot time) and the clocks of
//! `process.uptime()` and `os.now()`.

use std::{
    collections::BTreeMap,
    io::{Read, Write},
    path::Path,
    ptr,
    rc::Rc,
    sync::atomic::{AtomicPtr, Ordering},
};

use boa_engine::{
    JsError, JsResult, JsString, JsValue, Module, Source, builtins::promise::PromiseState, js_string,
    object::builtins::JsArray,
};

use super::{files::ModuleFiles, format::Bundle};
use crate::runtime::{Config, Runtime};

/// The realm and the linked main module, made by [`initialize`] and kept in the snapshot.
struct Prepared {
    runtime: Runtime,
    main: Module,
    main_name: String,
}

/// Set by [`initialize`], taken by [`run_if_bundled`]. A raw pointer (not a thread-local with a
/// destructor) so nothing tears the realm down when the init function returns. wasm32-wasip1
/// has one thread, so the atomic is only a safe place to keep a pointer.
static PREPARED: AtomicPtr<Prepared> = AtomicPtr::new(ptr::null_mut());

/// Wizer's init function (exported as `wizer-initialize` by main.rs): prepares the bundle that
/// stdin holds. On failure it prints why and exits with status 1, which fails the `bundle`
/// command.
pub fn initialize() {
    match prepare() {
        Ok(prepared) => PREPARED.store(Box::into_raw(Box::new(prepared)), Ordering::SeqCst),
        Err(message) => {
            eprintln!("{message}");
            wasmedge_boa_platform::process::exit(1)
        }
    }
}

fn prepare() -> Result<Prepared, String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read the bundle from stdin: {e}"))?;
    let bundle = Bundle::decode(&bytes)?;
    let main_source = bundle
        .files
        .get(&bundle.main)
        .cloned()
        .ok_or_else(|| format!("the bundle lacks its main module '{}'", bundle.main))?;
    let files: BTreeMap<String, String> = bundle.files;
    let config =
        Config { library_dir: Some(bundle.library_dir.into()), module_files: ModuleFiles::Bundle(Rc::new(files)) };
    let mut runtime = Runtime::new(config).map_err(|e| format!("cannot start the runtime: {e}"))?;
    // Modules that capture `args` when they load (the `process` module's `argv`) must see the
    // array that is filled at run time.
    runtime.set_args(&[]).map_err(|e| e.to_string())?;
    let main = runtime.prepare_main(&bundle.main, &main_source).map_err(|failure| failure.message)?;
    for import in &bundle.dynamic_imports {
        preload(&mut runtime, &import.referrer, &import.specifier, import.json)
            .map_err(|e| format!("cannot pre-load import('{}') of '{}': {e}", import.specifier, import.referrer))?;
    }
    evaluate_library(&mut runtime)?;
    // The realm read the (empty) environment of this run; the app's run must read its own.
    wasmedge_boa_platform::process::forget_environment();
    Ok(Prepared { runtime, main, main_name: bundle.main })
}

/// Evaluates the embedded library modules the app loaded. Their bodies only define things (a
/// rule of js/, docs/bundle.md); the app's own modules are never evaluated here.
fn evaluate_library(runtime: &mut Runtime) -> Result<(), String> {
    for module in runtime.loader().loaded_library_modules() {
        let name = module.path().map(|p| p.display().to_string()).unwrap_or_default();
        let context = runtime.context();
        let failed = |e: JsError| format!("cannot pre-evaluate library module '{name}': {e}");
        module.link(context).map_err(failed)?;
        let promise = module.evaluate(context).map_err(failed)?;
        context.run_jobs().map_err(failed)?;
        match promise.state() {
            PromiseState::Fulfilled(_) => {}
            PromiseState::Rejected(reason) => return Err(failed(JsError::from_opaque(reason))),
            PromiseState::Pending => return Err(format!("library module '{name}' did not finish evaluating")),
        }
    }
    Ok(())
}

/// The source of a module that statically imports what `import(specifier)` would load.
pub(crate) fn import_statement(specifier: &str, json: bool) -> String {
    let quoted = js_string_literal(specifier);
    if json { format!("import {quoted} with {{ type: \"json\" }};") } else { format!("import {quoted};") }
}

/// `text` as a JavaScript string literal.
fn js_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Loads (parses, with its static imports) what `import(specifier)` in `referrer` would load, so
/// the loader's cache holds it. A throwaway module named like the referrer does the import, so
/// relative specifiers resolve against the referrer.
pub(crate) fn preload(runtime: &mut Runtime, referrer: &str, specifier: &str, json: bool) -> Result<(), String> {
    let context = runtime.context();
    let source = import_statement(specifier, json);
    let module = Module::parse(Source::from_bytes(source.as_bytes()).with_path(Path::new(referrer)), None, context)
        .map_err(|e| e.to_string())?;
    let loaded = module.load(context);
    context.run_jobs().map_err(|e| e.to_string())?;
    match loaded.state() {
        PromiseState::Fulfilled(_) => Ok(()),
        PromiseState::Rejected(reason) => {
            let message = reason.as_object().and_then(|error| error.get(js_string!("message"), context).ok());
            Err(match message.as_ref().and_then(JsValue::as_string) {
                Some(message) => message.to_std_string_escaped(),
                None => JsError::from_opaque(reason).to_string(),
            })
        }
        PromiseState::Pending => Err("loading never finished".into()),
    }
}

/// Runs the pre-initialized app if this .wasm is a bundle; returns its exit status.
pub fn run_if_bundled() -> Option<i32> {
    let prepared = PREPARED.swap(ptr::null_mut(), Ordering::SeqCst);
    if prepared.is_null() {
        return None;
    }
    // SAFETY: the pointer came from Box::into_raw in `initialize` and was swapped out just now,
    // so this is its only owner.
    let Prepared { mut runtime, main, main_name } = *unsafe { Box::from_raw(prepared) };
    wasmedge_boa_builtins::restart_clocks();
    crate::last_resort::install(&main_name);
    let mut args = vec![main_name];
    args.extend(std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()));
    if let Err(error) = fill_process_facts(&mut runtime, &args) {
        eprintln!("wasmedge_boa: cannot start the bundled app: {error}");
        return Some(1);
    }
    let result = runtime.run_prepared(&main);
    let _ = std::io::stdout().flush();
    Some(match result {
        Ok(()) => 0,
        Err(failure) => {
            eprintln!("{}", failure.message);
            1
        }
    })
}

/// Puts this run's environment into the (empty) `env` object and its arguments into the (empty)
/// `args` array the snapshot holds, in place: `process.env`, `process.argv` and modules that
/// captured them share these objects.
fn fill_process_facts(runtime: &mut Runtime, args: &[String]) -> JsResult<()> {
    let context = runtime.context();
    let global = context.global_object();
    if let Some(env) = global.get(js_string!("env"), context)?.as_object() {
        for (key, value) in std::env::vars() {
            env.set(JsString::from(key.as_str()), JsString::from(value.as_str()), false, context)?;
        }
    }
    let array = global.get(js_string!("args"), context)?;
    match array.as_object().and_then(|object| JsArray::from_object(object.clone()).ok()) {
        Some(array) => {
            for arg in args {
                array.push(JsValue::from(JsString::from(arg.as_str())), context)?;
            }
        }
        None => runtime.set_args(args)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_statements_quote_specifiers() {
        assert_eq!(import_statement("./a.js", false), "import \"./a.js\";");
        assert_eq!(import_statement("./d.json", true), "import \"./d.json\" with { type: \"json\" };");
        assert_eq!(import_statement("./we\"ird\\.js", false), "import \"./we\\\"ird\\\\.js\";");
    }
}
