//! `Date.parse` and `new Date(string)` for the date strings other engines read beyond the spec's
//! format.
//!
//! Boa 0.22 reads the ISO format (`2024-01-02T03:04:05Z`) and what `toString`/`toUTCString`
//! print, and gives `NaN` for everything else. V8 (so Node), SpiderMonkey and JavaScriptCore also
//! read the forms people write by hand or get from logs and databases: `2024-01-02 03:04:05`,
//! `2024/1/2`, `1/2/2024`, `Jan 2 2024`, `2 January 2024 10:00 GMT+0100`,
//! `Tue, 02 Jan 2024 03:04:05 +0000`. Boa's parser runs first; this one only reads what it
//! refused. Without a zone the time is local, as those engines take it.
//!
//! Boa's constructor cannot be given a parser, so `Date` is replaced by a native constructor that
//! parses a lone string argument here and then constructs Boa's own `Date` with the caller's
//! `new.target`: instances, `Date.prototype` and the statics stay Boa's.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, builtins::JsDate},
    property::PropertyDescriptor,
    value::PreferredType,
};

use super::define_builtin;

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let original = context.intrinsics().constructors().date().constructor();
    let prototype = context.intrinsics().constructors().date().prototype();

    let parse = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(parse))
        .name(js_string!("parse"))
        .length(1)
        .build();
    define_builtin(&original, js_string!("parse"), parse.clone(), context)?;

    let date = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_copy_closure_with_captures(construct, original.clone()))
        .name(js_string!("Date"))
        .length(7)
        .constructor(true)
        .build();
    // The statics are the same function objects on both (`parse` being the one above).
    for name in [js_string!("now"), js_string!("UTC")] {
        let value = original.get(name.clone(), context)?;
        define_builtin(&date, name, value, context)?;
    }
    define_builtin(&date, js_string!("parse"), parse, context)?;
    date.define_property_or_throw(
        js_string!("prototype"),
        PropertyDescriptor::builder().value(prototype.clone()).writable(false).enumerable(false).configurable(false),
        context,
    )?;
    define_builtin(&prototype, js_string!("constructor"), date.clone(), context)?;
    context.global_object().define_property_or_throw(
        js_string!("Date"),
        PropertyDescriptor::builder().value(date).writable(true).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

/// `Date.parse(string)`: Boa's parser, then [`parse_lenient`].
fn parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.get_or_undefined(0).to_string(context)?;
    let time = JsDate::parse(JsValue::from(text.clone()), context)?;
    if !time.as_number().is_some_and(f64::is_nan) {
        return Ok(time);
    }
    Ok(JsValue::from(lenient_time(&text.to_std_string_lossy(), context)?.unwrap_or(f64::NAN)))
}

/// The `Date` constructor: Boa's, after reading a lone string argument it would refuse.
fn construct(new_target: &JsValue, args: &[JsValue], original: &JsObject, context: &mut Context) -> JsResult<JsValue> {
    // A native constructor gets `undefined` here when called as a function: `Date()` is a string.
    let Some(new_target) = new_target.as_object() else {
        return original.call(&JsValue::undefined(), &[], context);
    };
    let mut args = args.to_vec();
    if let [value] = args.as_mut_slice() {
        // The spec converts a non-Date object with ToPrimitive first; doing it here (once) lets a
        // string result be read below. Boa then sees the primitive, which converts to itself.
        if value.as_object().is_some_and(|object| !object.is::<boa_engine::builtins::date::Date>()) {
            *value = value.to_primitive(context, PreferredType::Default)?;
        }
        if let Some(text) = value.as_string() {
            let boa_time = JsDate::parse(value.clone(), context)?;
            if boa_time.as_number().is_some_and(f64::is_nan)
                && let Some(time) = lenient_time(&text.to_std_string_lossy(), context)?
            {
                *value = JsValue::from(time);
            }
        }
    }
    Ok(original.construct(&args, Some(&new_target), context)?.into())
}

/// The time value of `text` read by [`parse_lenient`]; local times go through Boa's `Date` so
/// they use the same time zone rules as the rest of `Date`.
fn lenient_time(text: &str, context: &mut Context) -> JsResult<Option<f64>> {
    let Some(parsed) = parse_lenient(text) else { return Ok(None) };
    let fields = [
        parsed.year as f64,
        f64::from(parsed.month - 1),
        f64::from(parsed.day),
        f64::from(parsed.hour),
        f64::from(parsed.minute),
        f64::from(parsed.second),
        f64::from(parsed.millisecond),
    ]
    .map(JsValue::from);
    let time = match parsed.offset_minutes {
        Some(offset) => JsDate::utc(&fields, context)?.to_number(context)? - f64::from(offset) * 60_000.0,
        None => {
            let original = context.intrinsics().constructors().date().constructor();
            let date = original.construct(&fields, None, context)?;
            JsDate::from_object(date)
                .map_err(|_| JsNativeError::typ().with_message("Date did not construct a date"))?
                .get_time(context)?
                .to_number(context)?
        }
    };
    Ok(Some(time).filter(|t| t.is_finite()))
}

/// The fields of a date string in one of the hand-written forms.
#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millisecond: u32,
    /// East of UTC; `None` for local time.
    offset_minutes: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Number { value: i64, digits: usize },
    Word(&'a str),
    Punct(u8),
}

fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut depth = 0u32; // inside `( … )`, a comment such as a zone's name
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'(' {
            depth += 1;
            i += 1;
        } else if c == b')' {
            depth = depth.checked_sub(1)?;
            i += 1;
        } else if depth > 0 || c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = i - start;
            if digits > 9 {
                return None;
            }
            tokens.push(Token::Number { value: text[start..i].parse().ok()?, digits });
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            tokens.push(Token::Word(&text[start..i]));
        } else if matches!(c, b'+' | b'-' | b':' | b'.' | b'/' | b',') {
            tokens.push(Token::Punct(c));
            i += 1;
        } else {
            return None;
        }
    }
    Some(tokens)
}

fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let word = word.to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|month| month.starts_with(&word)).map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let word = word.to_ascii_lowercase();
    word.len() >= 3 && DAYS.iter().any(|day| day.starts_with(&word))
}

/// Reads the hand-written forms; `None` for anything it is not sure of.
fn parse_lenient(text: &str) -> Option<Parsed> {
    let tokens = tokenize(text)?;
    // A signed year or a `T` before the time is the ISO format, which Boa has already refused
    // (the spec requires NaN for an invalid one, such as year -000000 or one out of range).
    if matches!(tokens.first(), Some(Token::Punct(b'+' | b'-'))) {
        return None;
    }
    let mut numbers: Vec<(i64, usize)> = Vec::new();
    let mut month_word = None;
    let mut time: Option<(u32, u32, u32, u32)> = None;
    let mut meridiem: Option<bool> = None; // Some(true) for pm
    let mut offset: Option<i32> = None;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            Token::Number { value, .. } if matches!(tokens.get(i + 1), Some(Token::Punct(b':'))) => {
                if time.is_some() {
                    return None;
                }
                let (parsed, next) = read_time(&tokens, i, value)?;
                time = Some(parsed);
                i = next;
                continue;
            }
            Token::Number { value, digits } => numbers.push((value, digits)),
            Token::Word(word) => {
                let lower = word.to_ascii_lowercase();
                match lower.as_str() {
                    "am" | "pm" if time.is_some() && meridiem.is_none() => meridiem = Some(lower == "pm"),
                    "z" | "utc" | "gmt" | "ut" => {
                        if offset.is_some() {
                            return None;
                        }
                        offset = Some(0);
                        if let Some(Token::Punct(sign @ (b'+' | b'-'))) = tokens.get(i + 1) {
                            let (minutes, next) = read_offset(&tokens, i + 2, *sign)?;
                            offset = Some(minutes);
                            i = next;
                            continue;
                        }
                    }
                    _ if is_weekday(word) => {}
                    _ => match month_of(word) {
                        Some(month) if month_word.is_none() => month_word = Some(month),
                        _ => return None,
                    },
                }
            }
            // A sign after the time starts a zone offset; elsewhere `-`, `/`, `,` and `.` only
            // separate the date's fields.
            Token::Punct(sign @ (b'+' | b'-')) if time.is_some() && offset.is_none() => {
                let (minutes, next) = read_offset(&tokens, i + 1, sign)?;
                offset = Some(minutes);
                i = next;
                continue;
            }
            Token::Punct(b'-' | b'/' | b',' | b'.') => {}
            Token::Punct(_) => return None,
        }
        i += 1;
    }

    let (year, month, day) = match (month_word, numbers.as_slice()) {
        (Some(month), [(a, a_digits), (b, b_digits)]) => {
            if *a_digits >= 3 || *a > 31 {
                (full_year(*a, *a_digits), month, *b)
            } else {
                (full_year(*b, *b_digits), month, *a)
            }
        }
        (None, [(a, a_digits), (b, _), (c, c_digits)]) => {
            if *a_digits >= 3 || *a > 31 {
                (full_year(*a, *a_digits), u32::try_from(*b).ok()?, *c)
            } else {
                (full_year(*c, *c_digits), u32::try_from(*a).ok()?, *b)
            }
        }
        _ => return None,
    };
    let day = u32::try_from(day).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (mut hour, minute, second, millisecond) = time.unwrap_or((0, 0, 0, 0));
    match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    if hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute, second, millisecond) != (0, 0, 0)) {
        return None;
    }
    Some(Parsed { year, month, day, hour, minute, second, millisecond, offset_minutes: offset })
}

/// Years below 100 as V8 reads them (however many digits they are written with): 0–49 are
/// 2000–2049, 50–99 are 1950–1999.
fn full_year(value: i64, _digits: usize) -> i64 {
    match value {
        0..50 => 2000 + value,
        50..100 => 1900 + value,
        _ => value,
    }
}

/// `H:MM[:SS[.fff]]` starting at `tokens[start]` (whose value is `hour`); the fields and the index
/// after them.
fn read_time(tokens: &[Token<'_>], start: usize, hour: i64) -> Option<((u32, u32, u32, u32), usize)> {
    let number = |index: usize| match tokens.get(index) {
        Some(Token::Number { value, digits }) => Some((*value, *digits)),
        _ => None,
    };
    let (minute, _) = number(start + 2)?;
    let mut next = start + 3;
    let mut second = 0;
    let mut millisecond = 0;
    if tokens.get(next) == Some(&Token::Punct(b':')) {
        second = number(next + 1)?.0;
        next += 2;
        if tokens.get(next) == Some(&Token::Punct(b'.')) {
            let (fraction, digits) = number(next + 1)?;
            // Milliseconds are the fraction's first three digits.
            millisecond = match digits {
                1 => fraction * 100,
                2 => fraction * 10,
                _ => fraction / 10_i64.pow(u32::try_from(digits - 3).ok()?),
            };
            next += 2;
        }
    }
    let field = |value: i64| u32::try_from(value).ok();
    Some(((field(hour)?, field(minute)?, field(second)?, field(millisecond)?), next))
}

/// A zone offset after its sign: `HHMM`, `HH` or `HH:MM`; minutes east of UTC and the next index.
fn read_offset(tokens: &[Token<'_>], start: usize, sign: u8) -> Option<(i32, usize)> {
    let Some(Token::Number { value, digits }) = tokens.get(start) else { return None };
    let (value, digits) = (i32::try_from(*value).ok()?, *digits);
    let (hours, minutes, next) = match digits {
        1 | 2 => match (tokens.get(start + 1), tokens.get(start + 2)) {
            (Some(Token::Punct(b':')), Some(Token::Number { value: minutes, .. })) => (value, i32::try_from(*minutes).ok()?, start + 3),
            _ => (value, 0, start + 1),
        },
        3 | 4 => (value / 100, value % 100, start + 1),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let total = hours * 60 + minutes;
    Some((if sign == b'-' { -total } else { total }, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i64, month: u32, day: u32, hms: (u32, u32, u32), offset_minutes: Option<i32>) -> Option<Parsed> {
        Some(Parsed { year, month, day, hour: hms.0, minute: hms.1, second: hms.2, millisecond: 0, offset_minutes })
    }

    #[test]
    fn reads_the_forms_other_engines_read() {
        assert_eq!(parse_lenient("1982-09-10 13:37"), at(1982, 9, 10, (13, 37, 0), None));
        assert_eq!(parse_lenient("1982/09/10 13:37:05"), at(1982, 9, 10, (13, 37, 5), None));
        assert_eq!(parse_lenient("9/10/1982"), at(1982, 9, 10, (0, 0, 0), None));
        assert_eq!(parse_lenient("1982-9-10"), at(1982, 9, 10, (0, 0, 0), None));
        assert_eq!(parse_lenient("Sep 10 1982"), at(1982, 9, 10, (0, 0, 0), None));
        assert_eq!(parse_lenient("10 September 1982 1:37 pm"), at(1982, 9, 10, (13, 37, 0), None));
        assert_eq!(parse_lenient("September 10, 1982 12:00 AM"), at(1982, 9, 10, (0, 0, 0), None));
        assert_eq!(parse_lenient("Fri, 10 Sep 82 13:37:00 GMT+0200"), at(1982, 9, 10, (13, 37, 0), Some(120)));
        assert_eq!(parse_lenient("Fri Sep 10 1982 13:37:00 GMT-03:30 (Somewhere Time)"), at(1982, 9, 10, (13, 37, 0), Some(-210)));
        assert_eq!(parse_lenient("2017-04-08 17:59:38Z"), at(2017, 4, 8, (17, 59, 38), Some(0)));
        assert_eq!(parse_lenient("2017-04-08 17:59:38 +01:00"), at(2017, 4, 8, (17, 59, 38), Some(60)));
        let with_ms = parse_lenient("2017-04-08 17:59:38.0087 UTC").map(|p| p.millisecond);
        assert_eq!(with_ms, Some(8));
    }

    #[test]
    fn refuses_what_it_is_not_sure_of() {
        for text in [
            "", "garbage 12", "12", "1982-09", "13/13/2020", "2020-02-32", "25:00", "1982-09-10 24:01", "1982-09-10 13:60",
            "Sep Oct 10 1982", "10 Sep 1982 13:37 13:38", "10 Sep 1982 13 pm", "((1982-09-10)", "1982-09-10 13:37 +2400",
            "1982-09-10 ☃", "1234567890123 1 1", "-000000-03-31T01:45", "+275760-09-13 00:00:00.001Z", "1982-9-10T13:37",
        ] {
            assert_eq!(parse_lenient(text), None, "{text:?}");
        }
    }
}
