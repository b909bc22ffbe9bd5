//! Reporting uncaught errors: `Uncaught <Name>: <message>` and a stack of `file:line:column`.

use boa_engine::{Context, JsError, JsValue, js_string};

/// The text printed on stderr for an error nobody caught.
pub fn describe_uncaught(error: &JsError, context: &mut Context) -> String {
    if let Some(engine) = error.as_engine() {
        // Boa's runtime limits cannot be caught by scripts; name them the way JS developers know.
        let text = engine.to_string();
        if text.contains("recursi") || text.contains("stack") {
            return "Uncaught RangeError: Maximum call stack size exceeded".to_string();
        }
        return format!("Uncaught InternalError: {text}");
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
    match stack {
        // A V8-style stack already starts with the `Name: message` line.
        Some(stack) if !stack.trim().is_empty() && !stack.starts_with("    at ") => {
            format!("Uncaught {}", stack.trim_end())
        }
        Some(stack) if !stack.trim().is_empty() => format!("Uncaught {head}\n{}", stack.trim_end()),
        _ => format!("Uncaught {head}"),
    }
}

/// A syntax error in `path`: Boa's message carries "line L, col C"; name the file with them.
pub fn describe_syntax_error(path: &str, error: &JsError, context: &mut Context) -> String {
    let text = describe_uncaught(error, context);
    match line_and_column(&text) {
        Some((line, column)) => format!("{text}\n    at {path}:{line}:{column}"),
        None => format!("{text}\n    at {path}"),
    }
}

fn line_and_column(text: &str) -> Option<(u32, u32)> {
    let after_line = &text[text.find("line ")? + 5..];
    let line: u32 = after_line.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    let after_col = &after_line[after_line.find("col")? + 3..];
    let column: u32 = after_col.trim_start_matches([' ', 'u', 'm', 'n', ':']).split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_line_and_column_in_parser_messages() {
        assert_eq!(super::line_and_column("SyntaxError: unexpected token at line 3, col 7"), Some((3, 7)));
        assert_eq!(super::line_and_column("no position"), None);
    }
}
