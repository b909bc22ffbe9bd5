//! Reporting uncaught errors: `Uncaught <Name>: <message>` and a stack of `file:line:column`,
//! and turning Boa's parse errors into `SyntaxError`s that name the module's file and the
//! offending token's position.

use boa_engine::{Context, JsError, JsNativeError, JsNativeErrorKind, JsString, JsValue, js_string};

use crate::declarations::{Declarations, Position};

/// The text printed on stderr for an error nobody caught.
pub fn describe_uncaught(error: &JsError, context: &mut Context) -> String {
    if let Some(engine) = error.as_engine() {
        // Boa's runtime limits cannot be caught by scripts; name them the way JS developers know
        // (also when the limit surfaced as an internal error, e.g. in an async function).
        if wasmedge_boa_builtins::engine::is_recursion_limit(error) {
            return "Uncaught RangeError: Maximum call stack size exceeded".to_string();
        }
        return format!("Uncaught InternalError: {engine}");
    }
    match error.clone().into_opaque(context) {
        Ok(value) => describe_value(&value, context),
        Err(_) => format!("Uncaught {error}"),
    }
}

fn describe_value(value: &JsValue, context: &mut Context) -> String {
    let Some(object) = value.as_object() else {
        let text = value.to_string(context).map(|s| s.to_std_string_lossy()).unwrap_or_else(|_| "<value>".into());
        return format!("Uncaught {text}");
    };
    let mut get = |key| {
        object
            .get(key, context)
            .ok()
            .filter(|v| !v.is_undefined())
            .and_then(|v| v.to_string(context).ok())
            .map(|s| s.to_std_string_lossy())
    };
    let name = get(js_string!("name"));
    let message = get(js_string!("message"));
    let stack = get(js_string!("stack"));
    let as_string = |context: &mut Context| value.to_string(context).map(|s| s.to_std_string_lossy()).unwrap_or_else(|_| "[object]".into());
    let head = match (name, message) {
        (Some(name), Some(message)) if !message.is_empty() => format!("{name}: {message}"),
        (Some(name), _) => name,
        // No `name` (e.g. test262's Test262Error): its own toString says what it is.
        (None, _) => as_string(context),
    };
    match stack.map(|stack| without_entry_frame(&stack)) {
        // A V8-style stack already starts with the `Name: message` line.
        Some(stack) if !stack.trim().is_empty() && !stack.starts_with("    at ") => {
            format!("Uncaught {}", stack.trim_end())
        }
        Some(stack) if !stack.trim().is_empty() => format!("Uncaught {head}\n{}", stack.trim_end()),
        _ => format!("Uncaught {head}"),
    }
}

/// A stack without Boa's bottom frame, the nameless native call that started the run
/// (`at  (native)`), which names nothing a script author wrote.
pub fn without_entry_frame(stack: &str) -> String {
    stack.lines().filter(|line| line.trim() != "at  (native)").map(|line| format!("{line}\n")).collect()
}

/// The `SyntaxError` for a module named `path` whose `source` did not parse: Boa's message
/// without its `at line L, col C` suffix, and a stack of one line, `at path:line:column`, at the
/// offending token. Boa reports the checks it makes after parsing a module (duplicate
/// declarations and exports) at 1:1; those are located in the source instead. Other errors are
/// returned unchanged.
pub fn syntax_error(path: &str, source: &str, error: JsError, context: &mut Context) -> JsError {
    let Some(native) = error.as_native() else { return error };
    if !matches!(native.kind(), JsNativeErrorKind::Syntax) {
        return error;
    }
    let (message, position) = split_position(native.message());
    let (message, position) = match position {
        Some((1, 1)) => (message.to_string(), locate_early_error(message, source).or(Some((1, 1)))),
        Some(position) => (message.to_string(), Some(position)),
        None if message == "abrupt end" => ("unexpected end of input".to_string(), Some(end_of(source))),
        None => (message.to_string(), None),
    };
    let location = match position {
        Some((line, column)) => format!("{path}:{line}:{column}"),
        None => path.to_string(),
    };
    let object = JsNativeError::syntax().with_message(message).into_opaque(context);
    let stack = JsString::from(format!("    at {location}\n").as_str());
    if object.create_data_property_or_throw(js_string!("stack"), stack, context).is_err() {
        return error;
    }
    JsError::from_opaque(object.into())
}

/// Splits Boa's `… at line L, col C` into the message and the position.
fn split_position(text: &str) -> (&str, Option<Position>) {
    let Some(at) = text.rfind(" at line ") else { return (text, None) };
    let mut numbers = text[at + " at line ".len()..].split(", col ").map(|n| n.trim().parse::<u32>());
    match (numbers.next(), numbers.next(), numbers.next()) {
        (Some(Ok(line)), Some(Ok(column)), None) => (&text[..at], Some((line, column))),
        _ => (text, None),
    }
}

/// Where a module-level check Boa reports at 1:1 failed: the name it quotes, found in `source`.
fn locate_early_error(message: &str, source: &str) -> Option<Position> {
    let name = message.split('`').nth(1)?;
    let declarations = Declarations::of(source);
    if message.starts_with("lexical name") {
        // The second declaration is the one that clashes.
        Declarations::nth(&declarations.bindings, name, 1)
    } else if message.starts_with("exported name") {
        Declarations::nth(&declarations.exported, name, 1)
    } else if message.starts_with("could not find the exported binding") {
        Declarations::nth(&declarations.export_locals, name, 0)
    } else {
        None
    }
}

/// The position just after the last character of `source`.
fn end_of(source: &str) -> Position {
    let source = source.trim_end();
    let line = source.lines().count().max(1) as u32;
    let last = source.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() as u32 + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_the_position_off_parser_messages() {
        assert_eq!(super::split_position("unexpected token ';' at line 3, col 7"), ("unexpected token ';'", Some((3, 7))));
        assert_eq!(super::split_position("abrupt end"), ("abrupt end", None));
    }

    #[test]
    fn locates_module_level_duplicates() {
        let message = "lexical name `a` declared multiple times";
        assert_eq!(super::locate_early_error(message, "let a = 1;\nlet a = 2;\n"), Some((2, 5)));
        let message = "exported name `x` declared multiple times";
        assert_eq!(super::locate_early_error(message, "export const x = 1;\nexport { x };"), Some((2, 10)));
        assert_eq!(super::end_of("let a = (\n  1 +\n"), (2, 6));
    }

    #[test]
    fn drops_the_nameless_native_entry_frame() {
        let stack = "    at f (a.js:1:2)\n    at <main> (a.js:3:1)\n    at  (native)\n";
        assert_eq!(super::without_entry_frame(stack), "    at f (a.js:1:2)\n    at <main> (a.js:3:1)\n");
    }
}
