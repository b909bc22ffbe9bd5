//! C `printf` formatting for `std.printf`, `std.sprintf` and `FILE.printf`.
//!
//! Conversions: `%d %i %u %o %x %X %c %s %e %E %f %F %g %G %a %A %%`, flags `- + space # 0`,
//! width and precision as digits or `*`, length modifiers `h hh l ll j z t L` (an `l`-family
//! modifier, or a BigInt argument, makes integer conversions 64-bit; otherwise `%u %o %x` show
//! the value as an unsigned 32-bit number, as C does with an `int`).
//!
//! The formatter is independent of JavaScript: it asks a [`ArgSource`] for each argument in the
//! form the conversion needs, so it can be tested on plain Rust values.

/// The form in which a conversion wants its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// An integer; `wide` when a 64-bit length modifier was given.
    Int {
        wide: bool,
    },
    Float,
    Str,
    /// `%c`: a code point, or the first character of a string.
    Char,
}

/// An argument converted for a conversion.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// An integer and whether it is 64-bit by nature (a BigInt).
    Int(i64, bool),
    Float(f64),
    Str(String),
}

/// Where the formatter takes its arguments from.
pub trait ArgSource {
    type Error;
    /// The next argument converted to `want`; `None` when there are no arguments left.
    fn next(&mut self, want: Want) -> Result<Option<Arg>, Self::Error>;
}

/// Why a format string cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum FormatError<E> {
    /// The format string itself is wrong (the message says how).
    Invalid(String),
    /// Converting an argument failed (e.g. a JavaScript exception).
    Arg(E),
}

#[derive(Default, Clone, Copy)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alternate: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
    wide: bool,
}

/// Largest width or precision accepted: more is a mistake, and would allocate without bound.
const MAX_FIELD: usize = 1 << 20;

/// Formats `format` with arguments from `args`. Missing arguments format as empty (`%s`) or 0.
pub fn format<S: ArgSource>(format: &str, args: &mut S) -> Result<String, FormatError<S::Error>> {
    let mut out = String::with_capacity(format.len());
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&flag) = chars.peek() {
            match flag {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alternate = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        // Width.
        if chars.peek() == Some(&'*') {
            chars.next();
            let width = int_arg(args)?;
            if width < 0 {
                spec.left = true;
            }
            spec.width = (width.unsigned_abs() as usize).min(MAX_FIELD);
        } else {
            spec.width = digits(&mut chars).map_err(FormatError::Invalid)?.unwrap_or(0);
        }
        // Precision.
        if chars.peek() == Some(&'.') {
            chars.next();
            if chars.peek() == Some(&'*') {
                chars.next();
                let precision = int_arg(args)?;
                spec.precision = if precision < 0 { None } else { Some((precision as usize).min(MAX_FIELD)) };
            } else {
                spec.precision = Some(digits(&mut chars).map_err(FormatError::Invalid)?.unwrap_or(0));
            }
        }
        // Length modifiers.
        while let Some(&modifier) = chars.peek() {
            match modifier {
                'l' | 'j' | 'z' | 't' | 'q' => spec.wide = true,
                'h' | 'L' => {}
                _ => break,
            }
            chars.next();
        }
        let Some(conversion) = chars.next() else {
            return Err(FormatError::Invalid("the format string ends in the middle of a conversion".into()));
        };
        let field = match conversion {
            '%' => {
                out.push('%');
                continue;
            }
            'd' | 'i' => {
                let (value, _) = int_value(args, spec.wide)?;
                signed_integer(value as i128, &spec)
            }
            'u' | 'o' | 'x' | 'X' => {
                let (value, wide) = int_value(args, spec.wide)?;
                let unsigned = if wide || spec.wide { value as u64 } else { value as i32 as u32 as u64 };
                unsigned_integer(unsigned, conversion, &spec)
            }
            'c' => {
                let text = match args.next(Want::Char).map_err(FormatError::Arg)? {
                    Some(Arg::Str(s)) => s.chars().next().map(String::from).unwrap_or_default(),
                    Some(Arg::Int(code, _)) => char::from_u32(code as u32).unwrap_or('\u{FFFD}').to_string(),
                    Some(Arg::Float(f)) => char::from_u32(f as u32).unwrap_or('\u{FFFD}').to_string(),
                    None => String::new(),
                };
                pad(String::new(), text, &Spec { zero: false, ..spec })
            }
            's' => {
                let mut text = match args.next(Want::Str).map_err(FormatError::Arg)? {
                    Some(Arg::Str(s)) => s,
                    Some(Arg::Int(i, _)) => i.to_string(),
                    Some(Arg::Float(f)) => f.to_string(),
                    None => String::new(),
                };
                if let Some(precision) = spec.precision
                    && let Some((cut, _)) = text.char_indices().nth(precision)
                {
                    text.truncate(cut);
                }
                pad(String::new(), text, &Spec { zero: false, ..spec })
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'a' | 'A' => {
                let value = match args.next(Want::Float).map_err(FormatError::Arg)? {
                    Some(Arg::Float(f)) => f,
                    Some(Arg::Int(i, _)) => i as f64,
                    Some(Arg::Str(s)) => s.trim().parse().unwrap_or(f64::NAN),
                    None => 0.0,
                };
                float(value, conversion, &spec)
            }
            other => {
                return Err(FormatError::Invalid(format!("unsupported conversion '%{other}' in the format string")));
            }
        };
        out.push_str(&field);
    }
    Ok(out)
}

fn digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<Option<usize>, String> {
    let mut value: Option<usize> = None;
    while let Some(&d) = chars.peek() {
        let Some(digit) = d.to_digit(10) else { break };
        chars.next();
        let next = value.unwrap_or(0).saturating_mul(10).saturating_add(digit as usize);
        if next > MAX_FIELD {
            return Err("a width or precision in the format string is too large".into());
        }
        value = Some(next);
    }
    Ok(value)
}

fn int_arg<S: ArgSource>(args: &mut S) -> Result<i64, FormatError<S::Error>> {
    int_value(args, false).map(|(v, _)| v)
}

fn int_value<S: ArgSource>(args: &mut S, wide: bool) -> Result<(i64, bool), FormatError<S::Error>> {
    Ok(match args.next(Want::Int { wide }).map_err(FormatError::Arg)? {
        Some(Arg::Int(value, is_wide)) => (value, is_wide),
        Some(Arg::Float(f)) => (if f.is_finite() { f as i64 } else { 0 }, false),
        Some(Arg::Str(s)) => (s.trim().parse().unwrap_or(0), false),
        None => (0, false),
    })
}

fn sign_of(negative: bool, spec: &Spec) -> String {
    if negative {
        "-".into()
    } else if spec.plus {
        "+".into()
    } else if spec.space {
        " ".into()
    } else {
        String::new()
    }
}

/// Pads `prefix` + `body` to the field width: spaces left or right, or zeros between them.
fn pad(prefix: String, body: String, spec: &Spec) -> String {
    let length = prefix.chars().count() + body.chars().count();
    if length >= spec.width {
        return prefix + &body;
    }
    let fill = spec.width - length;
    if spec.left {
        prefix + &body + &" ".repeat(fill)
    } else if spec.zero {
        prefix + &"0".repeat(fill) + &body
    } else {
        " ".repeat(fill) + &prefix + &body
    }
}

fn with_precision(digits: String, spec: &Spec) -> String {
    match spec.precision {
        Some(0) if digits == "0" => String::new(),
        Some(p) if digits.len() < p => "0".repeat(p - digits.len()) + &digits,
        _ => digits,
    }
}

fn signed_integer(value: i128, spec: &Spec) -> String {
    let digits = with_precision(value.unsigned_abs().to_string(), spec);
    // A precision disables zero padding for integers, as in C.
    let spec = Spec { zero: spec.zero && spec.precision.is_none(), ..*spec };
    pad(sign_of(value < 0, &spec), digits, &spec)
}

fn unsigned_integer(value: u64, conversion: char, spec: &Spec) -> String {
    let raw = match conversion {
        'o' => format!("{value:o}"),
        'x' => format!("{value:x}"),
        'X' => format!("{value:X}"),
        _ => value.to_string(),
    };
    let mut digits = with_precision(raw, spec);
    let mut prefix = String::new();
    if spec.alternate {
        match conversion {
            'o' if !digits.starts_with('0') => digits.insert(0, '0'),
            'x' if value != 0 => prefix.push_str("0x"),
            'X' if value != 0 => prefix.push_str("0X"),
            _ => {}
        }
    }
    let spec = Spec { zero: spec.zero && spec.precision.is_none(), ..*spec };
    pad(prefix, digits, &spec)
}

fn float(value: f64, conversion: char, spec: &Spec) -> String {
    let upper = conversion.is_ascii_uppercase();
    let sign = sign_of(value.is_sign_negative() && !value.is_nan(), spec);
    if !value.is_finite() {
        let text = if value.is_nan() { "nan" } else { "inf" };
        let text = if upper { text.to_uppercase() } else { text.to_string() };
        return pad(sign, text, &Spec { zero: false, ..*spec });
    }
    let magnitude = value.abs();
    let body = match conversion.to_ascii_lowercase() {
        'f' => fixed(magnitude, spec.precision.unwrap_or(6), spec.alternate),
        'e' => exponential(magnitude, spec.precision.unwrap_or(6), spec.alternate),
        'g' => general(magnitude, spec.precision.unwrap_or(6), spec.alternate),
        _ => hexadecimal(magnitude, spec.precision),
    };
    let body = if upper { body.to_uppercase() } else { body };
    pad(sign, body, spec)
}

fn fixed(value: f64, precision: usize, alternate: bool) -> String {
    let mut text = format!("{value:.precision$}");
    if alternate && precision == 0 {
        text.push('.');
    }
    text
}

fn exponential(value: f64, precision: usize, alternate: bool) -> String {
    // Rust writes `1.5e2`; C writes `1.500000e+02`.
    let text = format!("{value:.precision$e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut mantissa = mantissa.to_string();
    if alternate && precision == 0 {
        mantissa.push('.');
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

fn general(value: f64, precision: usize, alternate: bool) -> String {
    let precision = precision.max(1);
    // The exponent the value has once rounded to `precision` significant digits.
    let rounded = format!("{value:.prec$e}", prec = precision - 1);
    let exponent: i32 = rounded.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let text = if value != 0.0 && (exponent < -4 || exponent >= precision as i32) {
        exponential(value, precision - 1, alternate)
    } else {
        let decimals = (precision as i32 - 1 - exponent).max(0) as usize;
        fixed(value, decimals, alternate)
    };
    if alternate {
        return text;
    }
    // Without '#', trailing zeros of the fraction and a bare point go.
    let (number, exponent_part) = match text.find('e') {
        Some(at) => (&text[..at], &text[at..]),
        None => (text.as_str(), ""),
    };
    let number = if number.contains('.') { number.trim_end_matches('0').trim_end_matches('.') } else { number };
    format!("{number}{exponent_part}")
}

fn hexadecimal(value: f64, precision: Option<usize>) -> String {
    if value == 0.0 {
        let zeros = precision.map(|p| format!(".{}", "0".repeat(p))).unwrap_or_default();
        return format!("0x0{zeros}p+0");
    }
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (lead, exponent) = if biased == 0 { (0, -1022) } else { (1, biased - 1023) };
    let mut hex = format!("{fraction:013x}");
    match precision {
        // Precision is applied by truncation (C rounds): documented.
        Some(p) if p < hex.len() => hex.truncate(p),
        Some(p) => hex.push_str(&"0".repeat(p - hex.len())),
        None => hex = hex.trim_end_matches('0').to_string(),
    }
    let point = if hex.is_empty() { String::new() } else { format!(".{hex}") };
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("0x{lead}{point}p{sign}{}", exponent.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Values(std::vec::IntoIter<Arg>);

    impl ArgSource for Values {
        type Error = ();
        fn next(&mut self, _want: Want) -> Result<Option<Arg>, ()> {
            Ok(self.0.next())
        }
    }

    fn f(format_string: &str, args: Vec<Arg>) -> String {
        format(format_string, &mut Values(args.into_iter())).unwrap()
    }

    fn int(v: i64) -> Arg {
        Arg::Int(v, false)
    }

    #[test]
    fn integers() {
        assert_eq!(
            f("%d|%i|%5d|%-5d|%05d|%+d|% d", vec![int(42), int(-7), int(42), int(42), int(-42), int(3), int(3)]),
            "42|-7|   42|42   |-0042|+3| 3"
        );
        assert_eq!(f("%.3d|%8.3d|%.0d", vec![int(7), int(-7), int(0)]), "007|    -007|");
        assert_eq!(f("%u %x %X %o", vec![int(-1), int(255), int(255), int(8)]), "4294967295 ff FF 10");
        assert_eq!(f("%lx %llu", vec![int(-1), int(-1)]), "ffffffffffffffff 18446744073709551615");
        assert_eq!(f("%x", vec![Arg::Int(-1, true)]), "ffffffffffffffff");
        assert_eq!(f("%#x %#o %#X %#x", vec![int(255), int(8), int(255), int(0)]), "0xff 010 0XFF 0");
        assert_eq!(f("%08.3x", vec![int(10)]), "     00a");
        assert_eq!(f("%*d|%-*d|%.*d", vec![int(4), int(1), int(3), int(2), int(3), int(5)]), "   1|2  |005");
    }

    #[test]
    fn strings_and_chars() {
        assert_eq!(
            f(
                "[%s] [%5s] [%-5s] [%.2s]",
                vec![Arg::Str("ab".into()), Arg::Str("ab".into()), Arg::Str("ab".into()), Arg::Str("abc".into())]
            ),
            "[ab] [   ab] [ab   ] [ab]"
        );
        assert_eq!(f("%c%c%3c", vec![int(65), Arg::Str("xyz".into()), int(0x00e9)]), "Ax  é");
        assert_eq!(f("100%% %s", vec![]), "100% ");
        assert_eq!(f("%d", vec![]), "0");
    }

    #[test]
    fn floats() {
        assert_eq!(
            f(
                "%f %.2f %8.3f %-8.1f| %+.1f %08.2f",
                vec![
                    Arg::Float(1.23456),
                    Arg::Float(2.005),
                    Arg::Float(-1.5),
                    Arg::Float(2.25),
                    Arg::Float(1.0),
                    Arg::Float(-3.5)
                ]
            ),
            "1.234560 2.00   -1.500 2.2     | +1.0 -0003.50"
        );
        assert_eq!(
            f("%e %.2E %e", vec![Arg::Float(1234.5), Arg::Float(0.000123), Arg::Float(0.0)]),
            "1.234500e+03 1.23E-04 0.000000e+00"
        );
        assert_eq!(
            f(
                "%g %g %g %g %g",
                vec![Arg::Float(100000.0), Arg::Float(1e6), Arg::Float(0.0001), Arg::Float(0.00001), Arg::Float(3.5)]
            ),
            "100000 1e+06 0.0001 1e-05 3.5"
        );
        assert_eq!(
            f("%.3g %#g %G %g", vec![Arg::Float(1.23456), Arg::Float(1.0), Arg::Float(1e-10), Arg::Float(0.0)]),
            "1.23 1.00000 1E-10 0"
        );
        assert_eq!(
            f(
                "%f %F %5.1f %e",
                vec![Arg::Float(f64::INFINITY), Arg::Float(f64::NAN), Arg::Float(f64::NEG_INFINITY), Arg::Float(-0.0)]
            ),
            "inf NAN  -inf -0.000000e+00"
        );
        assert_eq!(f("%a %a %A", vec![Arg::Float(1.0), Arg::Float(3.0), Arg::Float(0.5)]), "0x1p+0 0x1.8p+1 0X1P-1");
        assert_eq!(f("%d %f", vec![Arg::Float(3.9), int(2)]), "3 2.000000");
    }

    #[test]
    fn bad_formats_are_errors() {
        assert!(matches!(format("%y", &mut Values(vec![].into_iter())), Err(FormatError::Invalid(_))));
        assert!(matches!(format("abc %", &mut Values(vec![].into_iter())), Err(FormatError::Invalid(_))));
        assert!(matches!(format("%99999999d", &mut Values(vec![].into_iter())), Err(FormatError::Invalid(_))));
    }
}
