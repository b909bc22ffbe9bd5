//! The extended JSON accepted by `std.parseExtJSON`: standard JSON plus what people write in
//! configuration files (a JSON5-like superset):
//!
//! - `// line` and `/* block */` comments;
//! - trailing commas in arrays and objects;
//! - unquoted property names (identifiers such as `name`, `$x`, `_y`);
//! - single-quoted strings, `\x41`, `\v`, `\0` escapes and backslash-newline continuations;
//! - numbers with a leading `+`, a leading or trailing `.`, hexadecimal `0x…`, `Infinity`, `NaN`.
//!
//! Parsing produces an [`ExtJson`] tree; converting it to JavaScript values is the caller's job.
//! Strings are kept as UTF-16 so that lone surrogates written as `\uD800` survive, as in JS.

/// A parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum ExtJson {
    Null,
    Bool(bool),
    Number(f64),
    String(Vec<u16>),
    Array(Vec<ExtJson>),
    /// Members in source order (a repeated key keeps its last value, as `JSON.parse` does).
    Object(Vec<(Vec<u16>, ExtJson)>),
}

/// Deepest nesting accepted: deeper input is rejected instead of exhausting the native stack.
const MAX_DEPTH: usize = 1000;

/// Parses `text`; the error says what is wrong and where (line and column, from 1).
pub fn parse(text: &str) -> Result<ExtJson, String> {
    let mut parser = Parser { chars: text.chars().collect(), at: 0 };
    parser.skip_blanks()?;
    let value = parser.value(0)?;
    parser.skip_blanks()?;
    if parser.at < parser.chars.len() {
        return Err(parser.unexpected());
    }
    Ok(value)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn position(&self) -> String {
        let before = &self.chars[..self.at.min(self.chars.len())];
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let column = before.iter().rev().take_while(|&&c| c != '\n').count() + 1;
        format!("line {line}, column {column}")
    }

    fn error(&self, what: &str) -> String {
        format!("{what} at {}", self.position())
    }

    fn unexpected(&self) -> String {
        match self.peek() {
            Some(c) => self.error(&format!("unexpected character {c:?}")),
            None => self.error("unexpected end of input"),
        }
    }

    fn skip_blanks(&mut self) -> Result<(), String> {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() || c == '\u{FEFF}' => self.at += 1,
                Some('/') if self.peek_at(1) == Some('/') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.at += 1;
                    }
                }
                Some('/') if self.peek_at(1) == Some('*') => {
                    let start = self.at;
                    self.at += 2;
                    loop {
                        match self.peek() {
                            None => {
                                self.at = start;
                                return Err(self.error("unterminated comment"));
                            }
                            Some('*') if self.peek_at(1) == Some('/') => {
                                self.at += 2;
                                break;
                            }
                            Some(_) => self.at += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<ExtJson, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        match self.peek() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some(quote @ ('"' | '\'')) => Ok(ExtJson::String(self.string(quote)?)),
            Some(c) if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => self.number(),
            Some(c) if is_identifier_start(c) => {
                let start = self.at;
                let word: String = self.identifier().into_iter().collect();
                match word.as_str() {
                    "null" => Ok(ExtJson::Null),
                    "true" => Ok(ExtJson::Bool(true)),
                    "false" => Ok(ExtJson::Bool(false)),
                    "Infinity" => Ok(ExtJson::Number(f64::INFINITY)),
                    "NaN" => Ok(ExtJson::Number(f64::NAN)),
                    _ => {
                        self.at = start;
                        Err(self.error(&format!("unexpected word '{word}'")))
                    }
                }
            }
            _ => Err(self.unexpected()),
        }
    }

    fn identifier(&mut self) -> Vec<char> {
        let mut word = Vec::new();
        while let Some(c) = self.peek() {
            if !(is_identifier_start(c) || c.is_ascii_digit()) {
                break;
            }
            word.push(c);
            self.at += 1;
        }
        word
    }

    fn object(&mut self, depth: usize) -> Result<ExtJson, String> {
        self.at += 1; // '{'
        let mut members: Vec<(Vec<u16>, ExtJson)> = Vec::new();
        loop {
            self.skip_blanks()?;
            let key = match self.peek() {
                Some('}') => {
                    self.at += 1;
                    return Ok(ExtJson::Object(members));
                }
                Some(quote @ ('"' | '\'')) => self.string(quote)?,
                Some(c) if is_identifier_start(c) => {
                    self.identifier().into_iter().collect::<String>().encode_utf16().collect()
                }
                Some(c) if c.is_ascii_digit() => {
                    let ExtJson::Number(n) = self.number()? else { return Err(self.unexpected()) };
                    number_key(n).encode_utf16().collect()
                }
                _ => return Err(self.unexpected()),
            };
            self.skip_blanks()?;
            if self.peek() != Some(':') {
                return Err(self.error("expected ':' after a property name"));
            }
            self.at += 1;
            self.skip_blanks()?;
            let value = self.value(depth + 1)?;
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some(existing) => existing.1 = value,
                None => members.push((key, value)),
            }
            self.skip_blanks()?;
            match self.peek() {
                Some(',') => self.at += 1,
                Some('}') => {
                    self.at += 1;
                    return Ok(ExtJson::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<ExtJson, String> {
        self.at += 1; // '['
        let mut items = Vec::new();
        loop {
            self.skip_blanks()?;
            if self.peek() == Some(']') {
                self.at += 1;
                return Ok(ExtJson::Array(items));
            }
            items.push(self.value(depth + 1)?);
            self.skip_blanks()?;
            match self.peek() {
                Some(',') => self.at += 1,
                Some(']') => {
                    self.at += 1;
                    return Ok(ExtJson::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn hex_digits(&mut self, count: usize) -> Result<u32, String> {
        let mut value = 0;
        for _ in 0..count {
            let digit =
                self.peek().and_then(|c| c.to_digit(16)).ok_or_else(|| self.error("invalid escape sequence"))?;
            value = value * 16 + digit;
            self.at += 1;
        }
        Ok(value)
    }

    fn string(&mut self, quote: char) -> Result<Vec<u16>, String> {
        let start = self.at;
        self.at += 1;
        let mut units = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                self.at = start;
                return Err(self.error("unterminated string"));
            };
            self.at += 1;
            match c {
                c if c == quote => return Ok(units),
                '\n' => {
                    self.at -= 1;
                    return Err(self.error("line break inside a string"));
                }
                '\\' => {
                    let Some(escaped) = self.peek() else { continue };
                    self.at += 1;
                    let unit: Option<u32> = match escaped {
                        'n' => Some(0x0a),
                        't' => Some(0x09),
                        'r' => Some(0x0d),
                        'b' => Some(0x08),
                        'f' => Some(0x0c),
                        'v' => Some(0x0b),
                        '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Some(0),
                        'x' => Some(self.hex_digits(2)?),
                        'u' => Some(self.hex_digits(4)?),
                        // Line continuation: the escaped line break disappears.
                        '\n' => None,
                        '\r' => {
                            if self.peek() == Some('\n') {
                                self.at += 1;
                            }
                            None
                        }
                        c if c.is_ascii_digit() => {
                            self.at -= 1;
                            return Err(self.error("octal escapes are not allowed"));
                        }
                        other => {
                            let mut buf = [0u16; 2];
                            units.extend_from_slice(other.encode_utf16(&mut buf));
                            None
                        }
                    };
                    if let Some(unit) = unit {
                        units.push(unit as u16);
                    }
                }
                other => {
                    let mut buf = [0u16; 2];
                    units.extend_from_slice(other.encode_utf16(&mut buf));
                }
            }
        }
    }

    fn number(&mut self) -> Result<ExtJson, String> {
        let start = self.at;
        let negative = match self.peek() {
            Some('-') => {
                self.at += 1;
                true
            }
            Some('+') => {
                self.at += 1;
                false
            }
            _ => false,
        };
        let sign = if negative { -1.0 } else { 1.0 };
        if self.peek().is_some_and(is_identifier_start) {
            let word: String = self.identifier().into_iter().collect();
            return match word.as_str() {
                "Infinity" => Ok(ExtJson::Number(sign * f64::INFINITY)),
                "NaN" => Ok(ExtJson::Number(f64::NAN)),
                _ => {
                    self.at = start;
                    Err(self.error("invalid number"))
                }
            };
        }
        if self.peek() == Some('0') && matches!(self.peek_at(1), Some('x' | 'X')) {
            self.at += 2;
            let digits_start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.at += 1;
            }
            let digits: String = self.chars[digits_start..self.at].iter().collect();
            if digits.is_empty() {
                self.at = start;
                return Err(self.error("invalid hexadecimal number"));
            }
            let value = digits.chars().fold(0.0f64, |acc, d| acc * 16.0 + d.to_digit(16).unwrap_or(0) as f64);
            return Ok(ExtJson::Number(sign * value));
        }
        let body_start = self.at;
        let mut seen_digit = false;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
            seen_digit = true;
        }
        if self.peek() == Some('.') {
            self.at += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.at += 1;
                seen_digit = true;
            }
        }
        if !seen_digit {
            self.at = start;
            return Err(self.error("invalid number"));
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let exponent_start = self.at;
            self.at += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.at += 1;
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.at = exponent_start;
                return Err(self.error("invalid number exponent"));
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.at += 1;
            }
        }
        let mut body: String = self.chars[body_start..self.at].iter().collect();
        if body.starts_with('.') {
            body.insert(0, '0');
        }
        let value: f64 = body
            .replace(".e", ".0e")
            .replace(".E", ".0E")
            .trim_end_matches('.')
            .parse()
            .map_err(|_| self.error("invalid number"))?;
        Ok(ExtJson::Number(sign * value))
    }
}

fn is_identifier_start(c: char) -> bool {
    c == '_' || c == '$' || c.is_alphabetic()
}

/// A numeric property name as JavaScript would write it (`1` not `1.0`).
fn number_key(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 { format!("{}", n as i64) } else { n.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> ExtJson {
        ExtJson::String(text.encode_utf16().collect())
    }

    fn key(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn standard_json() {
        assert_eq!(parse("null").unwrap(), ExtJson::Null);
        assert_eq!(
            parse(" [1, -2.5e3, true, \"a\\n\\u0041\"] ").unwrap(),
            ExtJson::Array(vec![ExtJson::Number(1.0), ExtJson::Number(-2500.0), ExtJson::Bool(true), s("a\nA"),])
        );
        assert_eq!(
            parse(r#"{"a": {"b": []}}"#).unwrap(),
            ExtJson::Object(vec![(key("a"), ExtJson::Object(vec![(key("b"), ExtJson::Array(vec![]))]))])
        );
    }

    #[test]
    fn extensions() {
        let text = "// settings\n{\n  name: 'web', /* inline */ port: 0x1F,\n  ratio: .5, big: +1., list: [1, 2,],\n  $x: Infinity, 'q\"': -Infinity,\n}\n";
        assert_eq!(
            parse(text).unwrap(),
            ExtJson::Object(vec![
                (key("name"), s("web")),
                (key("port"), ExtJson::Number(31.0)),
                (key("ratio"), ExtJson::Number(0.5)),
                (key("big"), ExtJson::Number(1.0)),
                (key("list"), ExtJson::Array(vec![ExtJson::Number(1.0), ExtJson::Number(2.0)])),
                (key("$x"), ExtJson::Number(f64::INFINITY)),
                (key("q\""), ExtJson::Number(f64::NEG_INFINITY)),
            ])
        );
        assert!(matches!(parse("NaN").unwrap(), ExtJson::Number(n) if n.is_nan()));
        assert_eq!(parse("'a\\\nb\\x41\\'\\v'").unwrap(), s("abA'\u{b}"));
        assert_eq!(parse("{\"a\":1,\"a\":2}").unwrap(), ExtJson::Object(vec![(key("a"), ExtJson::Number(2.0))]));
        assert_eq!(parse("\"\\ud800\"").unwrap(), ExtJson::String(vec![0xd800]));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(parse("{a: 1,\n  b 2}").unwrap_err(), "expected ':' after a property name at line 2, column 5");
        assert_eq!(parse("[1, 2").unwrap_err(), "expected ',' or ']' in an array at line 1, column 6");
        assert_eq!(parse("'abc").unwrap_err(), "unterminated string at line 1, column 1");
        assert_eq!(parse("/* x").unwrap_err(), "unterminated comment at line 1, column 1");
        assert_eq!(parse("undefined").unwrap_err(), "unexpected word 'undefined' at line 1, column 1");
        assert_eq!(parse("1 2").unwrap_err(), "unexpected character '2' at line 1, column 3");
        assert_eq!(parse("").unwrap_err(), "unexpected end of input at line 1, column 1");
        assert!(parse(&"[".repeat(5000)).unwrap_err().starts_with("nesting too deep"));
    }
}
