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
//! - at the top, what the families share and the reference's core globals (`print`, `console`,
//!   timers, `env`, `exit`).

pub mod bytes;
pub mod console;
pub mod errno;
pub mod exports;
pub mod fs_io;
pub mod globals;
pub mod node;
pub mod timers;
pub mod wasmedge;
pub mod web;

use node::{fs, process};
use wasmedge::{qjs_os, std_module, wasi_http, wasi_net};
use web::{abort, base64, dom_exception, encoding, microtask, structured_clone, url};

use boa_engine::{Context, JsResult, Module};

/// Builds a native module for the realm of `context`.
pub type ModuleFactory = fn(&mut Context) -> JsResult<Module>;

/// Every Rust-implemented module, by the name scripts import it with.
pub const NATIVE_MODULES: &[(&str, ModuleFactory)] = &[
    ("std", std_module::module),
    ("qjs:os", qjs_os::module),
    ("process", process::module),
    ("_boa:process", process::binding),
    ("_boa:fs", fs::module),
    ("wasi_http", wasi_http::module),
    ("wasi_net", wasi_net::module),
];

/// How native code imports a module synchronously: the runtime's loader installs it (it is what
/// `require` uses) so that builtins can reach the JavaScript library, e.g. `process` loading
/// its event methods from `internal/process` on first use.
#[derive(Clone, boa_gc::Trace, boa_gc::Finalize, boa_engine::JsData)]
pub struct ModuleImporter(#[unsafe_ignore_trace] pub fn(&str, &mut Context) -> JsResult<boa_engine::JsObject>);

/// The namespace of module `name`, loaded, linked and evaluated before this returns.
pub fn import_sync(name: &str, context: &mut Context) -> JsResult<boa_engine::JsObject> {
    let Some(importer) = context.get_data::<ModuleImporter>().map(|i| i.0) else {
        return Err(boa_engine::JsNativeError::error()
            .with_message(format!("cannot import '{name}' here: no module loader"))
            .into());
    };
    importer(name, context)
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
}

/// Installs every global of the runtime on the current realm (the runtime adds `args`).
pub fn register_globals(context: &mut Context) -> JsResult<()> {
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
    abort::register(context)?;
    structured_clone::register(context)?;
    microtask::register(context)?;
    Ok(())
}
