//! `print` and `console`: each argument through ECMAScript `ToString`, joined by one space, one
//! line per call (compat-spec §2.1). No format specifiers, no inspection: `print({})` prints
//! `[object Object]`, exactly like the QuickJS runtime. In a Node program (`loader::MainKind`)
//! `console`'s methods format as Node's do, with `util.format` (specifiers, `util.inspect` of
//! objects: `{ a: 1 }`); see [`use_node_format`].
//!
//! Every call writes one whole line and flushes it, so output is never lost when stdout is a pipe
//! and the process is killed.

use std::{
    cell::RefCell,
    collections::HashMap,
    io::Write,
    time::Instant,
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, ObjectInitializer}, property::Attribute,
};
use boa_gc::{Finalize, Trace};

thread_local! {
    /// Set for Node programs: `console` formats with `util.format`.
    static NODE_FORMAT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For a Node program: `console.log({a: 1})` prints `{ a: 1 }` and `'%d'` is a specifier, as in
/// Node. Scripts keep the QuickJS runtime's `[object Object]`; `print` always does.
pub fn use_node_format() {
    NODE_FORMAT.with(|n| n.set(true));
}

fn node_format() -> bool {
    NODE_FORMAT.with(std::cell::Cell::get)
}

/// Calls the function `name` exported by the embedded module `module`.
fn call_export(module: &str, name: &str, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let namespace = crate::import_sync(module, context)?;
    let function = namespace.get(JsString::from(name), context)?;
    let function = function
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{module}.{name} is missing")))?;
    function.call(&JsValue::undefined(), args, context)
}

/// Formats `args` for `console`: as `print` does, or as Node's `util.format` in a Node program.
fn format_console(args: &[JsValue], context: &mut Context) -> JsResult<String> {
    if !node_format() || args.iter().all(|arg| arg.is_string()) && args.len() < 2 {
        return format_args(args, context);
    }
    Ok(call_export("util", "format", args, context)?.to_string(context)?.to_std_string_lossy())
}

/// Formats `args` the way `print` does.
pub fn format_args(args: &[JsValue], context: &mut Context) -> JsResult<String> {
    let mut line = String::new();
    for (i, value) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&value.to_string(context)?.to_std_string_lossy());
    }
    Ok(line)
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

fn write_line(stream: Stream, indent: usize, line: &str) {
    let mut text = String::with_capacity(line.len() + indent + 1);
    if indent > 0 {
        for part in line.split('\n') {
            text.push_str(&" ".repeat(indent));
            text.push_str(part);
            text.push('\n');
        }
    } else {
        text.push_str(line);
        text.push('\n');
    }
    // A closed pipe must not crash the runtime: the output is simply dropped.
    let _ = match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
        Stream::Err => {
            let mut err = std::io::stderr().lock();
            err.write_all(text.as_bytes()).and_then(|()| err.flush())
        }
    };
}

fn print(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let line = format_args(args, context)?;
    write_line(Stream::Out, 0, &line);
    Ok(JsValue::undefined())
}

/// Console state: group indentation, timers and counters.
#[derive(Default, Trace, Finalize, JsData)]
struct ConsoleState {
    #[unsafe_ignore_trace]
    inner: RefCell<ConsoleInner>,
}

#[derive(Default)]
struct ConsoleInner {
    indent: usize,
    timers: HashMap<String, Instant>,
    counts: HashMap<String, u64>,
}

fn with_state<R>(context: &mut Context, f: impl FnOnce(&mut ConsoleInner) -> R) -> R {
    if !context.has_data::<ConsoleState>() {
        context.insert_data(ConsoleState::default());
    }
    match context.get_data::<ConsoleState>() {
        Some(state) => f(&mut state.inner.borrow_mut()),
        None => f(&mut ConsoleInner::default()),
    }
}

fn emit(stream: Stream, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let line = format_console(args, context)?;
    let indent = with_state(context, |s| s.indent);
    write_line(stream, indent, &line);
    Ok(JsValue::undefined())
}

fn label(args: &[JsValue], context: &mut Context) -> JsResult<String> {
    match args.first() {
        None => Ok("default".to_string()),
        Some(v) if v.is_undefined() => Ok("default".to_string()),
        Some(v) => Ok(v.to_string(context)?.to_std_string_lossy()),
    }
}

fn log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit(Stream::Out, args, context)
}

fn error(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit(Stream::Err, args, context)
}

/// Writes text that is already laid out, at the group's indentation.
fn emit_text(text: JsValue, context: &mut Context) -> JsResult<JsValue> {
    let text = text.to_string(context)?.to_std_string_lossy();
    let indent = with_state(context, |s| s.indent);
    write_line(Stream::Out, indent, &text);
    Ok(JsValue::undefined())
}

/// `console.dir(value[, options])`: in a Node program `util.inspect` with the options, as Node
/// (`console.dir('a')` prints `'a'`); otherwise the same as `log`.
fn dir(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !node_format() {
        return log(this, args, context);
    }
    let text = call_export("internal/console", "dirText", args.get(..2).unwrap_or(args), context)?;
    emit_text(text, context)
}

/// `console.table(data[, properties])`: in a Node program Node's table (a primitive `data` is
/// logged); otherwise the same as `log`.
fn table(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !node_format() {
        return log(this, args, context);
    }
    let text = call_export("internal/console", "renderTable", args.get(..2).unwrap_or(args), context)?;
    if text.is_null() {
        return log(this, args.get(..1).unwrap_or(args), context);
    }
    emit_text(text, context)
}

/// The getter of `console.Console`: Node's class lives in the embedded `console` module, which
/// is loaded on first use (it then replaces this accessor with a plain property).
fn console_class(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    crate::import_sync("console", context)?.get(js_string!("Console"), context)
}

fn trace(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut line = format!("Trace: {}", format_console(args, context)?);
    for frame in context.stack_trace() {
        let location = frame.position();
        line.push_str(&format!("\n    at {}", location.function_name.to_std_string_lossy()));
    }
    let indent = with_state(context, |s| s.indent);
    write_line(Stream::Err, indent, &line);
    Ok(JsValue::undefined())
}

fn assert(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.get_or_undefined(0).to_boolean() {
        return Ok(JsValue::undefined());
    }
    let rest = args.get(1..).unwrap_or_default();
    let message = match rest.split_first() {
        None => "Assertion failed".to_string(),
        // Node prefixes the first argument as a string, which then formats the others.
        Some((first, others)) => {
            let mut parts = vec![JsValue::from(JsString::from(format!("Assertion failed: {}", first.to_string(context)?.to_std_string_lossy())))];
            parts.extend_from_slice(others);
            format_console(&parts, context)?
        }
    };
    let indent = with_state(context, |s| s.indent);
    write_line(Stream::Err, indent, &message);
    Ok(JsValue::undefined())
}

fn group(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !args.is_empty() {
        emit(Stream::Out, args, context)?;
    }
    with_state(context, |s| s.indent += 2);
    Ok(JsValue::undefined())
}

fn group_end(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_state(context, |s| s.indent = s.indent.saturating_sub(2));
    Ok(JsValue::undefined())
}

fn time(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    with_state(context, |s| s.timers.insert(label, Instant::now()));
    Ok(JsValue::undefined())
}

fn report_time(args: &[JsValue], context: &mut Context, end: bool) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let started = with_state(context, |s| if end { s.timers.remove(&label) } else { s.timers.get(&label).copied() });
    match started {
        Some(started) => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let extra = args.get(1..).unwrap_or_default();
            let mut line = format!("{label}: {ms:.3}ms");
            if !extra.is_empty() {
                line.push(' ');
                line.push_str(&format_console(extra, context)?);
            }
            let indent = with_state(context, |s| s.indent);
            write_line(Stream::Out, indent, &line);
        }
        None => write_line(Stream::Err, 0, &format!("Warning: No such label '{label}' for console.time{}()", if end { "End" } else { "Log" })),
    }
    Ok(JsValue::undefined())
}

fn time_end(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    report_time(args, context, true)
}

fn time_log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    report_time(args, context, false)
}

fn count(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let n = with_state(context, |s| {
        let n = s.counts.entry(label.clone()).or_insert(0);
        *n += 1;
        *n
    });
    emit(Stream::Out, &[JsString::from(format!("{label}: {n}").as_str()).into()], context)
}

fn count_reset(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    with_state(context, |s| s.counts.remove(&label));
    Ok(JsValue::undefined())
}

/// Installs `print` and `console`.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_builtin_callable(js_string!("print"), 0, NativeFunction::from_fn_ptr(print))?;
    let methods: &[(&str, fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>)] = &[
        ("log", log),
        ("info", log),
        ("debug", log),
        ("dir", dir),
        ("table", table),
        ("warn", error),
        ("error", error),
        ("trace", trace),
        ("assert", assert),
        ("group", group),
        ("groupCollapsed", group),
        ("groupEnd", group_end),
        ("time", time),
        ("timeEnd", time_end),
        ("timeLog", time_log),
        ("count", count),
        ("countReset", count_reset),
    ];
    let getter = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(console_class))
        .name(js_string!("get Console"))
        .build();
    let mut console = ObjectInitializer::new(context);
    for (name, f) in methods {
        console.function(NativeFunction::from_fn_ptr(*f), JsString::from(*name), 0);
    }
    console.accessor(js_string!("Console"), Some(getter), None, Attribute::CONFIGURABLE);
    let console = console.build();
    context
        .register_global_property(js_string!("console"), console, Attribute::WRITABLE | Attribute::CONFIGURABLE)
        .map_err(|e| JsNativeError::error().with_message(format!("cannot install console: {e}")))?;
    Ok(())
}
