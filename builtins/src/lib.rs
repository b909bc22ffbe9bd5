//! Native (Rust) globals, classes and modules of wasmedge_boa.
//!
//! Two kinds of things live here:
//! - **globals** installed on every realm (`print`, `console`, timers, `TextEncoder`, …): see
//!   [`register_globals`];
//! - **native modules** that scripts `import` by name (`std`, `os`, `wasi_net`, …): every one of
//!   them is listed once, in [`NATIVE_MODULES`].
//!
//! Builtins talk to the event loop only through Boa's own job API (`Job::TimeoutJob`,
//! `NativeAsyncJob`, …) and to the outside world only through `wasmedge_boa_platform`.
//!
//! The code is grouped by API family:
//! - [`web`]: the web platform's server-side APIs (URL, encoding, `AbortController`, …);
//! - [`node`]: the native halves of Node's core modules (`fs`, `process`, …);
//! - [`wasmedge`]: the QuickJS runtime's own modules (`wasi_net`, `wasi_http`, `std`, `qjs:os`);
//! - [`tls`]: rustls sessions under the connection engines, shared by `tls`, `https`, `fetch`
//!   and `wasi_net.WasiTlsConn`;
//! - [`engine`]: our replacements for ECMAScript built-ins of Boa that a script could crash;
//! - at the top, what the families share and the reference's core globals (`print`, `console`,
//!   timers, `env`, `exit`).

pub mod byte_stream;
pub mod bytes;
pub mod compression;
pub mod console;
pub mod crypto;
pub mod embedded;
pub mod engine;
pub mod errno;
pub mod exports;
pub mod fs_io;
pub mod globals;
pub mod node;
pub mod timers;
pub mod tls;
pub mod wasmedge;
pub mod web;

use node::{crypto as node_crypto, fs, process};
use wasmedge::{qjs_os, std_module, wasi_http, wasi_net};
use web::{
    base64, blob, crypto as web_crypto, dom_exception, encoding, events, microtask, performance, streams,
    structured_clone, url,
};

use boa_engine::{Context, JsResult, Module};

/// Builds a native module for the realm of `context`.
pub type ModuleFactory = fn(&mut Context) -> JsResult<Module>;

/// Every Rust-implemented module, by the name scripts import it with.
pub const NATIVE_MODULES: &[(&str, ModuleFactory)] = &[
    ("std", std_module::module),
    ("qjs:os", qjs_os::module),
    ("process", process::module),
    ("_boa:process", process::binding),
    ("_boa:buffer", node::buffer::module),
    ("_boa:fs", fs::module),
    ("_boa:http", node::http::module),
    ("_boa:net", node::net::module),
    ("_boa:crypto", node_crypto::module),
    ("wasi_http", wasi_http::module),
    ("wasi_net", wasi_net::module),
    ("_boa:zlib", compression::module),
    ("_boa:url", url::module),
    ("_boa:events", events::binding),
    ("_boa:vm", node::vm::module),
];

/// How native code imports a module synchronously: the runtime's loader installs it (it is what
/// `require` uses) so that builtins can reach the JavaScript library, e.g. `process` loading
/// its event methods from `internal/process` on first use.
#[derive(Clone, boa_gc::Trace, boa_gc::Finalize, boa_engine::JsData)]
pub struct ModuleImporter(#[unsafe_ignore_trace] pub fn(&str, &mut Context) -> JsResult<boa_engine::JsObject>);

/// The JavaScript function every [`import_sync`] goes through, and the native importer it calls.
#[derive(boa_gc::Trace, boa_gc::Finalize, boa_engine::JsData)]
struct ImportTrampoline {
    trampoline: boa_engine::JsObject,
    import: boa_engine::JsObject,
}

fn import_native(_: &boa_engine::JsValue, args: &[boa_engine::JsValue], context: &mut Context) -> JsResult<boa_engine::JsValue> {
    use boa_engine::JsArgs;
    let name = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let Some(importer) = context.get_data::<ModuleImporter>().map(|i| i.0) else {
        return Err(boa_engine::JsNativeError::error()
            .with_message(format!("cannot import '{name}' here: no module loader"))
            .into());
    };
    importer(&name, context).map(Into::into)
}

/// The namespace of module `name`, loaded, linked and evaluated before this returns.
///
/// Boa 0.22 leaves values behind on its VM stack when a module body is evaluated from native
/// code that no JavaScript frame encloses (a getter such as the lazy `Buffer` global): the
/// expression that read the getter then fails ("not a callable function"). The import therefore
/// runs inside a small JavaScript function, whose return resets the stack.
pub fn import_sync(name: &str, context: &mut Context) -> JsResult<boa_engine::JsObject> {
    if !context.has_data::<ImportTrampoline>() {
        let trampoline = context
            .eval(boa_engine::Source::from_bytes("(function importTrampoline(load, name) { return load(name); })"))?;
        let trampoline = trampoline
            .as_object()
            .ok_or_else(|| boa_engine::JsNativeError::typ().with_message("the import trampoline is not a function"))?;
        let import = boa_engine::object::FunctionObjectBuilder::new(
            context.realm(),
            boa_engine::NativeFunction::from_fn_ptr(import_native),
        )
        .name(boa_engine::js_string!("importSync"))
        .length(1)
        .build();
        context.insert_data(ImportTrampoline { trampoline, import: import.into() });
    }
    let (trampoline, import) = match context.get_data::<ImportTrampoline>() {
        Some(t) => (t.trampoline.clone(), t.import.clone()),
        None => return Err(boa_engine::JsNativeError::error().with_message("no import trampoline").into()),
    };
    let namespace = trampoline.call(
        &boa_engine::JsValue::undefined(),
        &[import.into(), boa_engine::JsString::from(name).into()],
        context,
    )?;
    namespace
        .as_object()
        .ok_or_else(|| boa_engine::JsNativeError::typ().with_message(format!("module '{name}' has no namespace")).into())
}

/// Looks up a native module factory by its import name.
pub fn native_module(name: &str) -> Option<ModuleFactory> {
    NATIVE_MODULES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Restarts the clocks that count from the process's start (`process.uptime()`, `os.now()`):
/// a pre-initialized snapshot runs long after the realm was made.
pub fn restart_clocks() {
    process::restart_clock();
    qjs_os::restart_clock();
    performance::restart_clock();
}

/// Installs every global of the runtime on the current realm (the runtime adds `args`).
pub fn register_globals(context: &mut Context) -> JsResult<()> {
    engine::install(context)?;
    console::register(context)?;
    timers::register(context)?;
    globals::register(context)?;
    process::register(context)?;
    node::globals::register(context)?;
    // Web APIs (docs/web-globals.md).
    dom_exception::register(context)?;
    base64::register(context)?;
    url::register(context)?;
    encoding::register(context)?;
    structured_clone::register(context)?;
    microtask::register(context)?;
    web_crypto::register(context)?;
    // The time origin is the start of the process (performance.now(), Event.timeStamp).
    performance::restart_clock();
    // Built on first use (start-up cost): docs/web-globals.md.
    globals::lazy_family(context, events::GLOBALS, events::build)?;
    globals::lazy_family(context, performance::GLOBALS, performance::build)?;
    globals::lazy_family(context, streams::GLOBALS, streams::build)?;
    globals::lazy_family(context, blob::GLOBALS, blob::build)?;
    Ok(())
}
