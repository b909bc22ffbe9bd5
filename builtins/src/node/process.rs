//! `process`: Node's process object, as the global `process` and as the module `process`
//! (default export = the object, plus one named export per property).
//!
//! The reference runtime has no global `process` (only the module); having the global is an
//! improvement that Node-style code expects (`path`, `url`, `stream` read `globalThis.process`).
//! Fixed facts: `platform` is `'wasi'` and `arch` `'wasm32'` on both targets (scripts written for
//! the reference check them), `version` is `'v16.8.0'` (what the reference reports).
//!
//! Events: `process` becomes an EventEmitter the first time one of its event methods is called
//! (`js/internal/process.js` installs `events` on it; starting without it keeps start-up cheap).
//! That module also registers hooks (`_boa:process`) through which the runtime emits
//! `beforeExit` and `exit`, hands uncaught errors to `uncaughtException`/`unhandledRejection`
//! listeners, and reads `process.exitCode`. Signal events arrive natively (`process_events`; no
//! signal reaches a WASI program).

use std::{
    sync::{Mutex, PoisonError},
    time::Instant,
};

use boa_engine::{
    Context, JsArgs, JsBigInt, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, NativeFunction,
    js_string,
    object::{FunctionObjectBuilder, ObjectInitializer, builtins::JsArray},
    property::{Attribute, PropertyDescriptor, PropertyKey},
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_platform::{fs as pfs, process as pprocess};

use super::process_events as events;
use crate::{exports::Exports, errno, fs_io::js_str};

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

pub const NODE_VERSION: &str = "v16.8.0";

/// The realm's process object, kept so the module and the global are the same object even if a
/// script replaces `globalThis.process`.
#[derive(Trace, Finalize, JsData)]
struct ProcessObject(JsObject);

/// When the process started (`uptime`, `hrtime`); see [`restart_clock`].
static START: Mutex<Option<Instant>> = Mutex::new(None);

fn start() -> Instant {
    *START.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert_with(Instant::now)
}

/// Makes "now" the process's start: a pre-initialized bundle (docs/bundle.md) starts long after
/// its snapshot was taken.
pub fn restart_clock() {
    *START.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
}

pub(crate) fn this_process(context: &mut Context) -> JsResult<JsObject> {
    if let Some(ProcessObject(object)) = context.get_data::<ProcessObject>() {
        return Ok(object.clone());
    }
    let object = build(context)?;
    context.insert_data(ProcessObject(object.clone()));
    Ok(object)
}

fn exit(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let code = args.get_or_undefined(0).clone();
    if !code.is_undefined() {
        this_process(context)?.set(js_string!("exitCode"), code, false, context)?;
    }
    let code = emit_exit(context)?;
    pprocess::exit(code)
}

// ---------------------------------------------------------------------------------------------
// Events and the runtime's hooks.

/// What `js/internal/process.js` registered with `_boa:process.setHooks`.
#[derive(Trace, Finalize, JsData)]
struct Hooks {
    before_exit: JsObject,
    exit: JsObject,
    uncaught: JsObject,
}

const EVENT_METHODS: &[&str] = &[
    "on",
    "once",
    "off",
    "addListener",
    "removeListener",
    "removeAllListeners",
    "prependListener",
    "prependOnceListener",
    "setMaxListeners",
    "getMaxListeners",
    "emit",
    "listeners",
    "rawListeners",
    "listenerCount",
    "eventNames",
];

/// Makes `process` an EventEmitter (once) by evaluating `internal/process`.
fn install_events(context: &mut Context) -> JsResult<()> {
    if context.has_data::<Hooks>() {
        return Ok(());
    }
    let namespace = crate::import_sync("internal/process", context)?;
    let install = namespace.get(js_string!("install"), context)?;
    let process = this_process(context)?;
    match install.as_callable() {
        Some(install) => install.call(&JsValue::undefined(), &[process.into()], context).map(drop),
        None => Err(JsNativeError::typ().with_message("internal/process has no install()").into()),
    }
}

/// An event method before events are installed: installs them, then calls the real method.
fn event_method(name: &'static str, length: usize, context: &mut Context) -> JsObject {
    let function = NativeFunction::from_copy_closure(move |this, args, context| {
        install_events(context)?;
        let target = match this.as_object() {
            Some(object) => object.clone(),
            None => this_process(context)?,
        };
        let method = target.get(JsString::from(name), context)?;
        match method.as_callable() {
            Some(method) => method.call(&target.clone().into(), args, context),
            None => Err(JsNativeError::typ().with_message(format!("process.{name} is not a function")).into()),
        }
    });
    FunctionObjectBuilder::new(context.realm(), function).name(JsString::from(name)).length(length).build().into()
}

fn set_hooks(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let function = |index: usize| -> JsResult<JsObject> {
        args.get_or_undefined(index)
            .as_callable()
            .ok_or_else(|| JsNativeError::typ().with_message("setHooks: expected functions").into())
    };
    let hooks = Hooks { before_exit: function(0)?, exit: function(1)?, uncaught: function(2)? };
    context.insert_data(hooks);
    Ok(JsValue::undefined())
}

/// `_boa:process`: `setHooks(beforeExit, exit, uncaught)`, `watchSignal(name)`,
/// `unwatchSignal(name)`; used by `js/internal/process.js`.
pub fn binding(context: &mut Context) -> JsResult<Module> {
    let set_hooks = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(set_hooks))
        .name(js_string!("setHooks"))
        .length(3)
        .build();
    let watch = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(events::watch_signal))
        .name(js_string!("watchSignal"))
        .length(1)
        .build();
    let unwatch = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(events::unwatch_signal))
        .name(js_string!("unwatchSignal"))
        .length(1)
        .build();
    Ok(Exports::new()
        .value("setHooks", set_hooks)
        .value("watchSignal", watch)
        .value("unwatchSignal", unwatch)
        .into_module(context))
}

fn hooks(context: &Context) -> Option<(JsObject, JsObject, JsObject)> {
    context.get_data::<Hooks>().map(|h| (h.before_exit.clone(), h.exit.clone(), h.uncaught.clone()))
}

/// Whether `exit` listeners can exist (events were installed on `process`).
pub fn has_exit_listeners(context: &mut Context) -> bool {
    context.has_data::<Hooks>()
}

/// Gives a Node program Node's `process.argv`: `[execPath, script, ...arguments]`, `script`
/// being the absolute path of the main module. Other scripts keep the QuickJS runtime's shape,
/// the global `args` (`[script as given, ...arguments]`).
pub fn use_node_argv(script: &str, context: &mut Context) -> JsResult<()> {
    let process = this_process(context)?;
    let args = context.global_object().get(js_string!("args"), context)?;
    let mut argv = vec![process.get(js_string!("execPath"), context)?, js_str(script)];
    if let Some(args) = args.as_object() {
        let length = args.get(js_string!("length"), context)?.to_length(context)?;
        for index in 1..length {
            argv.push(args.get(index, context)?);
        }
    }
    let argv = JsArray::from_iter(argv, context);
    process.define_property_or_throw(
        js_string!("argv"),
        PropertyDescriptor::builder().value(argv).writable(true).enumerable(true).configurable(true),
        context,
    )?;
    Ok(())
}

/// Sets `process.exitCode`.
pub fn set_exit_code(code: i32, context: &mut Context) {
    if let Ok(process) = this_process(context) {
        let _ = process.set(js_string!("exitCode"), code, false, context);
    }
}

/// `process.exitCode` as a status (0 when unset or not a number).
pub fn exit_code(context: &mut Context) -> i32 {
    let Ok(process) = this_process(context) else { return 0 };
    match process.get(js_string!("exitCode"), context) {
        Ok(code) if !code.is_null_or_undefined() => code.to_i32(context).unwrap_or(1),
        _ => 0,
    }
}

/// Emits `beforeExit` when the event loop has run dry; `true` if anyone listened (the loop
/// must then run again, in case they queued work).
pub fn emit_before_exit(context: &mut Context) -> JsResult<bool> {
    let Some((before_exit, _, _)) = hooks(context) else { return Ok(false) };
    Ok(before_exit.call(&JsValue::undefined(), &[], context)?.to_boolean())
}

/// Emits `exit` (once) and returns the status to exit with: `process.exitCode` as the listeners
/// left it.
pub fn emit_exit(context: &mut Context) -> JsResult<i32> {
    if let Some((_, exit, _)) = hooks(context) {
        exit.call(&JsValue::undefined(), &[], context)?;
    }
    Ok(exit_code(context))
}

/// Offers an uncaught error to `uncaughtException` (or, for a rejection, `unhandledRejection`)
/// listeners. `Ok(true)`: a listener took it and the program goes on.
pub fn handle_uncaught(error: &JsError, rejected: Option<&JsObject>, context: &mut Context) -> JsResult<bool> {
    let Some((_, _, uncaught)) = hooks(context) else { return Ok(false) };
    let value = error.clone().into_opaque(context)?;
    let promise = rejected.map_or(JsValue::undefined(), |p| p.clone().into());
    Ok(uncaught.call(&JsValue::undefined(), &[value, rejected.is_some().into(), promise], context)?.to_boolean())
}

thread_local! {
    /// The file mode creation mask `umask()` reports and sets (WASI has none; the host's applies
    /// natively).
    static UMASK: std::cell::Cell<u32> = const { std::cell::Cell::new(0o022) };
}

/// `umask([mask])`: the previous mask; a mask is a number or an octal string.
fn umask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let old = UMASK.with(std::cell::Cell::get);
    let mask = args.get_or_undefined(0);
    if !mask.is_undefined() {
        let value = if let Some(text) = mask.as_string() {
            let text = text.to_std_string_lossy();
            u32::from_str_radix(&text, 8).map_err(|_| {
                JsNativeError::typ().with_message(format!(
                    "The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '{text}'"
                ))
            })?
        } else {
            mask.to_u32(context)?
        };
        UMASK.with(|m| m.set(value & 0o777));
    }
    Ok(old.into())
}

fn cwd(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(js_str(&pfs::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_else(|_| ".".into())))
}

fn chdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let dir = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    pfs::set_current_dir(std::path::Path::new(&dir))
        .map_err(|error| errno::node_error(&error, "chdir", Some(&dir), None, context))?;
    Ok(JsValue::undefined())
}

fn elapsed_ns() -> u128 {
    start().elapsed().as_nanos()
}

fn hrtime(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let now = elapsed_ns() as i128;
    let mut seconds = (now / 1_000_000_000) as f64;
    let mut nanos = (now % 1_000_000_000) as f64;
    if let Some(previous) = args.first().and_then(JsValue::as_object) {
        let prev_seconds = previous.get(0, context)?.to_number(context)?;
        let prev_nanos = previous.get(1, context)?.to_number(context)?;
        seconds -= prev_seconds;
        nanos -= prev_nanos;
        if nanos < 0.0 {
            seconds -= 1.0;
            nanos += 1e9;
        }
    }
    Ok(JsArray::from_iter([seconds.into(), nanos.into()], context).into())
}

fn hrtime_bigint(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsBigInt::new(elapsed_ns() as i64).into())
}

fn uptime(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(start().elapsed().as_secs_f64().into())
}

fn memory_usage(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let rss = pprocess::memory_in_use() as f64;
    let mut usage = ObjectInitializer::new(context);
    for (name, value) in [("rss", rss), ("heapTotal", rss), ("heapUsed", rss), ("external", 0.0), ("arrayBuffers", 0.0)]
    {
        usage.property(JsString::from(name), value, Attribute::all());
    }
    Ok(usage.build().into())
}

fn memory_rss(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok((pprocess::memory_in_use() as f64).into())
}

fn cpu_usage(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    // No CPU accounting under WASI: wall time since start stands in for user time.
    let user = (elapsed_ns() / 1000) as f64;
    let mut usage = ObjectInitializer::new(context);
    usage.property(js_string!("user"), user, Attribute::all());
    usage.property(js_string!("system"), 0, Attribute::all());
    Ok(usage.build().into())
}

/// `process.emitWarning` before `process` became an EventEmitter: makes it one and hands the
/// warning to the JavaScript `emitWarning`, so that a 'warning' listener added later in the same
/// tick still receives it (Node emits warnings on the next tick). Printed directly only if that
/// cannot be done.
fn emit_warning(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    thread_local! {
        /// Set while handing over, so that a `process.emitWarning` still native prints.
        static HANDING_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !HANDING_OVER.with(|h| h.get()) && install_events(context).is_ok() {
        let process = this_process(context)?;
        let method = process.get(js_string!("emitWarning"), context)?;
        if let Some(method) = method.as_callable() {
            HANDING_OVER.with(|h| h.set(true));
            let result = method.call(&process.into(), args, context);
            HANDING_OVER.with(|h| h.set(false));
            return result;
        }
    }
    print_warning(args, context)
}

fn print_warning(args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let warning = args.get_or_undefined(0);
    let (name, message) = match warning.as_object() {
        Some(error) if error.has_property(js_string!("message"), context)? => {
            let name = error.get(js_string!("name"), context)?;
            let message = error.get(js_string!("message"), context)?;
            (name.to_string(context)?.to_std_string_lossy(), message.to_string(context)?.to_std_string_lossy())
        }
        _ => {
            let kind = match args.get_or_undefined(1) {
                v if v.is_string() => v.to_string(context)?.to_std_string_lossy(),
                v => match v.as_object() {
                    Some(options) => {
                        let t = options.get(js_string!("type"), context)?;
                        if t.is_undefined() { "Warning".into() } else { t.to_string(context)?.to_std_string_lossy() }
                    }
                    None => "Warning".into(),
                },
            };
            (kind, warning.to_string(context)?.to_std_string_lossy())
        }
    };
    let line = format!("({}:{}) {name}: {message}\n", "wasmedge_boa", pprocess::id());
    let _ = pfs::write_fd(pfs::STDERR, line.as_bytes());
    Ok(JsValue::undefined())
}

fn return_zero(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(0.into())
}

fn no_op(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::undefined())
}

fn unsupported(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let what = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    Err(JsNativeError::error()
        .with_message(format!("process.binding('{what}') is not supported by wasmedge_boa"))
        .into())
}

fn abort(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    pprocess::exit(134)
}

/// `process.stdout.write` / `process.stderr.write`: strings as UTF-8, binary data as bytes; the
/// optional callback runs on the next tick. Returns `true` (nothing is ever queued).
fn stream_write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = match this.as_object() {
        Some(stream) => stream.get(js_string!("fd"), context)?.to_i32(context)?,
        None => pfs::STDOUT,
    };
    let chunk = args.get_or_undefined(0);
    let bytes = match crate::bytes::binary_bytes(chunk, context)? {
        Some(bytes) => bytes,
        None => chunk.to_string(context)?.to_std_string_lossy().into_bytes(),
    };
    let result = pfs::write_fd(fd, &bytes).and_then(|_| pfs::flush(fd));
    let callback = args.iter().skip(1).find(|v| v.is_callable()).cloned();
    if let Some(callback) = callback {
        let error = match result {
            Ok(()) => JsValue::null(),
            Err(error) => errno::node_error(&error, "write", None, None, context).into_opaque(context)?,
        };
        let next_tick = context.global_object().get(js_string!("nextTick"), context)?;
        if let Some(next_tick) = next_tick.as_callable() {
            next_tick.call(&JsValue::undefined(), &[callback, error], context)?;
        }
    }
    Ok(true.into())
}

fn stream_object(fd: i32, context: &mut Context) -> JsObject {
    let this_function = |context: &mut Context| {
        FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone()))).build()
    };
    let (on, once, off) = (this_function(context), this_function(context), this_function(context));
    let mut stream = ObjectInitializer::new(context);
    stream
        .property(js_string!("fd"), fd, Attribute::all())
        .property(js_string!("isTTY"), pfs::isatty(fd), Attribute::all())
        .property(js_string!("writable"), fd != pfs::STDIN, Attribute::all())
        .property(js_string!("readable"), fd == pfs::STDIN, Attribute::all())
        .property(js_string!("on"), on.clone(), Attribute::all())
        .property(js_string!("once"), once, Attribute::all())
        .property(js_string!("off"), off.clone(), Attribute::all())
        .property(js_string!("removeListener"), off, Attribute::all())
        .property(js_string!("addListener"), on, Attribute::all());
    if fd != pfs::STDIN {
        stream.function(NativeFunction::from_fn_ptr(stream_write), js_string!("write"), 1).function(
            NativeFunction::from_fn_ptr(|this, args, context| {
                if !args.first().is_none_or(|v| v.is_undefined() || v.is_callable()) {
                    stream_write(this, args, context)?;
                }
                Ok(JsValue::undefined())
            }),
            js_string!("end"),
            1,
        );
    }
    stream.build()
}

fn global(name: JsString, context: &mut Context) -> JsResult<JsValue> {
    context.global_object().get(name, context)
}

/// Builds the process object.
fn build(context: &mut Context) -> JsResult<JsObject> {
    start();
    let hrtime_function = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(hrtime))
        .name(js_string!("hrtime"))
        .length(1)
        .build();
    let bigint = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(hrtime_bigint))
        .name(js_string!("bigint"))
        .build();
    hrtime_function.set(js_string!("bigint"), bigint, false, context)?;
    let memory_function = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(memory_usage))
        .name(js_string!("memoryUsage"))
        .build();
    let rss = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(memory_rss))
        .name(js_string!("rss"))
        .build();
    memory_function.set(js_string!("rss"), rss, false, context)?;

    let env = match global(js_string!("env"), context)? {
        v if v.is_object() => v,
        _ => crate::globals::env_object(context).into(),
    };
    let next_tick = global(js_string!("nextTick"), context)?;
    let stdin = stream_object(pfs::STDIN, context);
    let stdout = stream_object(pfs::STDOUT, context);
    let stderr = stream_object(pfs::STDERR, context);
    let exec_path =
        std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "wasmedge_boa".into());

    let mut versions = ObjectInitializer::new(context);
    versions
        .property(js_string!("node"), js_str(NODE_VERSION.trim_start_matches('v')), Attribute::all())
        .property(js_string!("wasmedge_boa"), js_str(env!("CARGO_PKG_VERSION")), Attribute::all())
        .property(js_string!("boa"), js_str("0.22.0"), Attribute::all());
    let versions = versions.build();
    let mut release = ObjectInitializer::new(context);
    release.property(js_string!("name"), js_str("wasmedge_boa"), Attribute::all());
    let release = release.build();
    let mut features = ObjectInitializer::new(context);
    for name in ["inspector", "debug", "uv", "ipv6", "tls_alpn", "tls_sni", "tls_ocsp", "tls"] {
        features.property(JsString::from(name), false, Attribute::all());
    }
    features.property(js_string!("cached_builtins"), true, Attribute::all());
    let features = features.build();
    // Node's build configuration, as far as programs look at it: no Intl, no OpenSSL, release.
    let mut variables = ObjectInitializer::new(context);
    variables
        .property(js_string!("v8_enable_i18n_support"), 0, Attribute::all())
        .property(js_string!("asan"), 0, Attribute::all())
        .property(js_string!("node_shared_openssl"), false, Attribute::all())
        .property(js_string!("icu_small"), false, Attribute::all())
        .property(js_string!("node_use_openssl"), false, Attribute::all());
    let variables = variables.build();
    let mut target_defaults = ObjectInitializer::new(context);
    target_defaults.property(js_string!("default_configuration"), js_str("Release"), Attribute::all());
    let target_defaults = target_defaults.build();
    let mut config = ObjectInitializer::new(context);
    config
        .property(js_string!("target_defaults"), target_defaults, Attribute::all())
        .property(js_string!("variables"), variables, Attribute::all());
    let config = config.build();
    let exec_argv = JsArray::new(context)?;

    let mut process = ObjectInitializer::new(context);
    process
        .property(js_string!("title"), js_str("wasmedge_boa"), Attribute::all())
        .property(js_string!("version"), js_str(NODE_VERSION), Attribute::all())
        .property(js_string!("versions"), versions, Attribute::all())
        .property(js_string!("platform"), js_str("wasi"), Attribute::all())
        .property(js_string!("arch"), js_str("wasm32"), Attribute::all())
        .property(js_string!("release"), release, Attribute::all())
        .property(js_string!("features"), features, Attribute::all())
        .property(js_string!("config"), config, Attribute::all())
        .property(js_string!("env"), env, Attribute::all())
        .property(js_string!("execArgv"), exec_argv, Attribute::all())
        .property(js_string!("pid"), pprocess::id(), Attribute::all())
        .property(js_string!("ppid"), pprocess::parent_id(), Attribute::all())
        .property(js_string!("execPath"), js_str(&exec_path), Attribute::all())
        .property(js_string!("argv0"), js_str("wasmedge_boa"), Attribute::all())
        .property(js_string!("exitCode"), JsValue::undefined(), Attribute::all())
        .property(js_string!("stdin"), stdin, Attribute::all())
        .property(js_string!("stdout"), stdout, Attribute::all())
        .property(js_string!("stderr"), stderr, Attribute::all())
        .property(js_string!("nextTick"), next_tick, Attribute::all())
        .property(js_string!("hrtime"), hrtime_function, Attribute::all())
        .property(js_string!("memoryUsage"), memory_function, Attribute::all());
    let functions: &[(&str, usize, NativeFn)] = &[
        ("exit", 1, exit),
        ("cwd", 0, cwd),
        ("chdir", 1, chdir),
        ("uptime", 0, uptime),
        ("cpuUsage", 0, cpu_usage),
        ("emitWarning", 1, emit_warning),
        ("umask", 1, umask),
        ("getuid", 0, return_zero),
        ("geteuid", 0, return_zero),
        ("getgid", 0, return_zero),
        ("getegid", 0, return_zero),
        ("kill", 2, no_op),
        ("abort", 0, abort),
        ("binding", 1, unsupported),
    ];
    for (name, length, f) in functions {
        process.function(NativeFunction::from_fn_ptr(*f), JsString::from(*name), *length);
    }
    let process = process.build();
    // Its own tag, as in Node: `Object.prototype.toString.call(process)` is `[object process]`,
    // and an object merely inheriting from it is not.
    process.define_property_or_throw(
        boa_engine::JsSymbol::to_string_tag(),
        PropertyDescriptor::builder().value(js_string!("process")).writable(true).enumerable(false).configurable(false),
        context,
    )?;
    for name in EVENT_METHODS {
        let length = if matches!(*name, "removeAllListeners" | "getMaxListeners" | "eventNames") { 0 } else { 2 };
        let method = event_method(name, length, context);
        process.set(JsString::from(*name), method, false, context)?;
    }

    // `argv` is the global `args` the first time it is read (the runtime sets `args` after the
    // globals exist), then a plain property.
    let argv_getter = FunctionObjectBuilder::new(
        context.realm(),
        NativeFunction::from_fn_ptr(|this, _, context| {
            let args = context.global_object().get(js_string!("args"), context)?;
            let argv = if args.is_object() { args } else { JsArray::new(context)?.into() };
            if let Some(object) = this.as_object() {
                object.define_property_or_throw(
                    js_string!("argv"),
                    PropertyDescriptor::builder()
                        .value(argv.clone())
                        .writable(true)
                        .enumerable(true)
                        .configurable(true),
                    context,
                )?;
            }
            Ok(argv)
        }),
    )
    .name(js_string!("get argv"))
    .build();
    let argv_setter = FunctionObjectBuilder::new(
        context.realm(),
        NativeFunction::from_fn_ptr(|this, args, context| {
            if let Some(object) = this.as_object() {
                object.define_property_or_throw(
                    js_string!("argv"),
                    PropertyDescriptor::builder()
                        .value(args.get_or_undefined(0).clone())
                        .writable(true)
                        .enumerable(true)
                        .configurable(true),
                    context,
                )?;
            }
            Ok(JsValue::undefined())
        }),
    )
    .name(js_string!("set argv"))
    .build();
    process.define_property_or_throw(
        js_string!("argv"),
        PropertyDescriptor::builder().get(argv_getter).set(argv_setter).enumerable(true).configurable(true),
        context,
    )?;
    Ok(process)
}

/// Installs the global `process`.
pub fn register(context: &mut Context) -> JsResult<()> {
    let process = this_process(context)?;
    context.register_global_property(js_string!("process"), process, Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    Ok(())
}

/// The `process` module: `default` is the process object; every property is also a named
/// export (read when the module is first imported).
pub fn module(context: &mut Context) -> JsResult<Module> {
    let process = this_process(context)?;
    let mut exports = Exports::new();
    for key in process.own_property_keys(context)? {
        let PropertyKey::String(name) = &key else { continue };
        let value = process.get(key.clone(), context)?;
        exports = exports.value(&name.to_std_string_escaped(), value);
    }
    Ok(exports.value("default", process).into_module(context))
}
