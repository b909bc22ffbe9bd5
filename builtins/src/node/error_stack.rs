//! V8's error-stack API, which Node programs and npm packages use: `Error.captureStackTrace`,
//! `Error.stackTraceLimit`, `Error.prepareStackTrace`, and a `stack` that starts with the
//! error's `Name: message` line (Boa's own lists only the frames).
//!
//! Frames read `    at name (file:line:column)`, as Boa writes them. When
//! `Error.prepareStackTrace` is a function it is called with the error and V8-style call-site
//! objects (`getFileName()`, `getLineNumber()`, …; built by `js/internal/error_stack.js`).

use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, builtins::JsArray},
    property::PropertyDescriptor,
    vm::SourcePath,
};
use boa_gc::{Finalize, Trace};

/// Boa's own `Error.prototype.stack` getter (the frames of an error object).
#[derive(Trace, Finalize, boa_engine::JsData)]
struct OriginalStackGetter(JsObject);

const DEFAULT_LIMIT: usize = 10;

/// Files whose first line was compiled after a prefix (CommonJS's wrapper function), with the
/// prefix's length: columns on their line 1 are shifted back by it.
#[derive(Default, Trace, Finalize, boa_engine::JsData)]
struct ShiftedFirstLines(#[unsafe_ignore_trace] std::cell::RefCell<std::collections::HashMap<String, u32>>);

/// Records that `file` was compiled with `prefix` characters before its first line.
pub fn note_first_line_prefix(file: &str, prefix: u32, context: &mut Context) {
    if !context.has_data::<ShiftedFirstLines>() {
        context.insert_data(ShiftedFirstLines::default());
    }
    if let Some(shifted) = context.get_data::<ShiftedFirstLines>() {
        shifted.0.borrow_mut().insert(file.to_string(), prefix);
    }
}

fn unshift_columns(frames: &mut [Frame], context: &Context) {
    let Some(shifted) = context.get_data::<ShiftedFirstLines>() else { return };
    let shifted = shifted.0.borrow();
    for (_, file, line, column) in frames.iter_mut() {
        if *line == 1
            && let Some(prefix) = shifted.get(file.as_str())
        {
            *column = column.saturating_sub(*prefix).max(1);
        }
    }
}

/// One frame: function name, file, line, column.
type Frame = (String, String, u32, u32);

fn frames_from_vm(context: &Context) -> Vec<Frame> {
    context
        .stack_trace()
        .map(|frame| {
            let location = frame.position();
            let name = location.function_name.to_std_string_escaped();
            let file = match &location.path {
                SourcePath::Path(path) => path.to_string_lossy().into_owned(),
                SourcePath::Eval => "eval".to_string(),
                SourcePath::Json => "json".to_string(),
                SourcePath::None => String::new(),
            };
            let (line, column) = location.position.map_or((0, 0), |p| (p.line_number(), p.column_number()));
            (if name.is_empty() { "<main>".to_string() } else { name }, file, line, column)
        })
        .collect()
}

/// Parses Boa's `    at name (file:line:col)` lines back into frames, without Boa's bottom
/// frame (`at  (native)`, the nameless native call that started the run: nothing a script wrote).
fn frames_from_text(text: &str) -> Vec<Frame> {
    text.lines()
        .filter(|line| line.trim() != "at  (native)")
        .filter_map(|line| {
            let line = line.trim_start().strip_prefix("at ")?;
            let (name, location) = match line.rfind(" (") {
                Some(at) if line.ends_with(')') => (&line[..at], &line[at + 2..line.len() - 1]),
                _ => ("", line),
            };
            let mut parts = location.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line_number = parts.next().and_then(|l| l.parse().ok());
            match (column, line_number, parts.next()) {
                (Some(column), Some(line_number), Some(file)) => {
                    Some((name.to_string(), file.to_string(), line_number, column))
                }
                _ => Some((name.to_string(), location.to_string(), 0, 0)),
            }
        })
        .collect()
}

/// Drops the runtime's own frames below the script's last one: the CommonJS loader that ran the
/// main script (`node:module`, `node:internal/main`) and the native calls that started the run
/// name nothing a script author wrote. A stack made only of such frames is kept whole.
fn without_runtime_tail(frames: &mut Vec<Frame>) {
    let is_runtime = |(_, file, _, _): &Frame| file.is_empty() || file == "native" || file.starts_with("node:");
    if let Some(last_own) = frames.iter().rposition(|frame| !is_runtime(frame)) {
        frames.truncate(last_own + 1);
    }
}

fn format_frames(frames: &[Frame]) -> String {
    frames
        .iter()
        .map(|(name, file, line, column)| {
            if file.is_empty() || file == "native" {
                format!("    at {name} (native)")
            } else if *line == 0 {
                format!("    at {name} ({file})")
            } else {
                format!("    at {name} ({file}:{line}:{column})")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn error_constructor(context: &mut Context) -> JsObject {
    context.intrinsics().constructors().error().constructor()
}

fn stack_limit(context: &mut Context) -> usize {
    let error = error_constructor(context);
    match error.get(js_string!("stackTraceLimit"), context) {
        Ok(value) if value.is_number() => {
            let n = value.as_number().unwrap_or(0.0);
            if n.is_nan() || n <= 0.0 { 0 } else if n.is_infinite() { usize::MAX } else { n as usize }
        }
        _ => DEFAULT_LIMIT,
    }
}

/// `Name: message`, `Name` or `message`, as V8 writes the first line.
fn header(target: &JsObject, context: &mut Context) -> JsResult<String> {
    let name = target.get(js_string!("name"), context)?;
    let name = if name.is_undefined() { "Error".to_string() } else { name.to_string(context)?.to_std_string_lossy() };
    let message = target.get(js_string!("message"), context)?;
    let message = if message.is_undefined() { String::new() } else { message.to_string(context)?.to_std_string_lossy() };
    Ok(match (name.is_empty(), message.is_empty()) {
        (_, true) => name,
        (true, false) => message,
        (false, false) => format!("{name}: {message}"),
    })
}

/// The value of `stack` for `target` with these frames: `Error.prepareStackTrace`'s result when
/// it is a function, else the header and the frames.
fn stack_value(target: &JsObject, frames: Vec<Frame>, context: &mut Context) -> JsResult<JsValue> {
    let error = error_constructor(context);
    let prepare = error.get(js_string!("prepareStackTrace"), context)?;
    if let Some(prepare) = prepare.as_callable() {
        let raw: Vec<JsValue> = frames
            .iter()
            .map(|(name, file, line, column)| {
                let values: [JsValue; 4] =
                    [JsString::from(name.as_str()).into(), JsString::from(file.as_str()).into(), (*line).into(), (*column).into()];
                JsArray::from_iter(values, context).into()
            })
            .collect();
        let raw = JsArray::from_iter(raw, context);
        let helper = crate::import_sync("internal/error_stack", context)?;
        let make = helper.get(js_string!("callSites"), context)?;
        let sites = match make.as_callable() {
            Some(make) => make.call(&JsValue::undefined(), &[raw.into()], context)?,
            None => return Err(JsNativeError::typ().with_message("internal/error_stack has no callSites").into()),
        };
        return prepare.call(&error.into(), &[target.clone().into(), sites], context);
    }
    let head = header(target, context)?;
    let body = format_frames(&frames);
    let text = if body.is_empty() { head } else { format!("{head}\n{body}") };
    Ok(JsString::from(text.as_str()).into())
}

fn define_stack(target: &JsObject, value: JsValue, context: &mut Context) -> JsResult<()> {
    target.define_property_or_throw(
        js_string!("stack"),
        PropertyDescriptor::builder().value(value).writable(true).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

/// `Error.captureStackTrace(target[, constructorOpt])`: `target.stack` from the current call
/// stack, leaving out the frames above (and including) the last call of `constructorOpt`.
fn capture_stack_trace(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(target) = args.get_or_undefined(0).as_object() else {
        return Err(JsNativeError::typ().with_message("Invalid argument: the target of captureStackTrace must be an object").into());
    };
    let mut frames = frames_from_vm(context);
    if let Some(function) = args.get_or_undefined(1).as_object() {
        let name = function.get(js_string!("name"), context)?;
        if let Some(name) = name.as_string().map(|n| n.to_std_string_escaped()).filter(|n| !n.is_empty())
            && let Some(at) = frames.iter().position(|(frame, ..)| *frame == name)
        {
            frames.drain(..=at);
        }
    }
    without_runtime_tail(&mut frames);
    frames.truncate(stack_limit(context));
    unshift_columns(&mut frames, context);
    let value = stack_value(&target, frames, context)?;
    define_stack(&target, value, context)?;
    Ok(JsValue::undefined())
}

/// `Error.prototype.stack`: Boa's frames under a `Name: message` line, computed on first read
/// and then kept as the error's own `stack`.
fn get_stack(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(target) = this.as_object() else { return Ok(JsValue::undefined()) };
    let Some(original) = context.get_data::<OriginalStackGetter>().map(|g| g.0.clone()) else {
        return Ok(JsValue::undefined());
    };
    let frames = original.call(this, &[], context)?;
    let Some(text) = frames.as_string() else { return Ok(JsValue::undefined()) };
    let mut frames = frames_from_text(&text.to_std_string_lossy());
    without_runtime_tail(&mut frames);
    frames.truncate(stack_limit(context));
    unshift_columns(&mut frames, context);
    let value = stack_value(&target, frames, context)?;
    define_stack(&target, value.clone(), context)?;
    Ok(value)
}

fn set_stack(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(target) = this.as_object() {
        define_stack(&target, args.get_or_undefined(0).clone(), context)?;
    }
    Ok(JsValue::undefined())
}

pub fn register(context: &mut Context) -> JsResult<()> {
    let error = error_constructor(context);
    let capture = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(capture_stack_trace))
        .name(js_string!("captureStackTrace"))
        .length(2)
        .build();
    error.define_property_or_throw(
        js_string!("captureStackTrace"),
        PropertyDescriptor::builder().value(capture).writable(true).enumerable(false).configurable(true),
        context,
    )?;
    error.set(js_string!("stackTraceLimit"), DEFAULT_LIMIT, false, context)?;

    // Keep Boa's getter (it reads the frames recorded when the error was made) and put ours in front.
    let prototype = error.get(js_string!("prototype"), context)?;
    let Some(prototype) = prototype.as_object() else { return Ok(()) };
    let object = context.intrinsics().constructors().object().constructor();
    let describe = object.get(js_string!("getOwnPropertyDescriptor"), context)?;
    let Some(describe) = describe.as_callable() else { return Ok(()) };
    let descriptor = describe.call(&object.clone().into(), &[prototype.clone().into(), js_string!("stack").into()], context)?;
    let original = descriptor.as_object().map(|d| d.get(js_string!("get"), context)).transpose()?.unwrap_or_default();
    let Some(original) = original.as_callable() else { return Ok(()) };
    context.insert_data(OriginalStackGetter(original.clone()));
    let getter = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(get_stack)).name(js_string!("get stack")).build();
    let setter = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(set_stack))
        .name(js_string!("set stack"))
        .length(1)
        .build();
    prototype.define_property_or_throw(
        js_string!("stack"),
        PropertyDescriptor::builder().get(getter).set(setter).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_frames() {
        let text = "    at fail (/a/b.js:3:9)\n    at <main> (/a/c.js:10:1)\n    at call (native)";
        let frames = frames_from_text(text);
        assert_eq!(frames[0], ("fail".into(), "/a/b.js".into(), 3, 9));
        assert_eq!(frames[1], ("<main>".into(), "/a/c.js".into(), 10, 1));
        assert_eq!(format_frames(&frames), text);
    }
}
