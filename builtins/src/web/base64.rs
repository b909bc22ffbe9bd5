//! `atob` and `btoa` (HTML Standard, "forgiving-base64").

use boa_engine::{
    Context, JsArgs, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string,
};

use crate::web::dom_exception::dom_exception;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(ALPHABET[(group >> (18 - 6 * position) & 0x3F) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The forgiving-base64 decode of the standard: ASCII whitespace is skipped, padding is
/// optional, bits left over at the end are dropped. `None` when the input is not base64.
pub fn forgiving_decode(input: &[u16]) -> Option<Vec<u8>> {
    let mut data: Vec<u16> = input
        .iter()
        .copied()
        .filter(|&c| !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D | 0x20))
        .collect();
    if data.len().is_multiple_of(4) {
        for _ in 0..2 {
            if data.last() == Some(&u16::from(b'=')) {
                data.pop();
            }
        }
    }
    if data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for unit in data {
        let value = match u8::try_from(unit).ok()? {
            c @ b'A'..=b'Z' => c - b'A',
            c @ b'a'..=b'z' => c - b'a' + 26,
            c @ b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn atob(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(JsNativeError::typ()
            .with_message("atob: 1 argument required, but only 0 present")
            .into());
    }
    let input = args.get_or_undefined(0).to_string(context)?;
    match forgiving_decode(&input.to_vec()) {
        Some(bytes) => {
            let units: Vec<u16> = bytes.into_iter().map(u16::from).collect();
            Ok(JsString::from(units.as_slice()).into())
        }
        None => Err(dom_exception(
            "InvalidCharacterError",
            "atob: the string is not correctly base64-encoded",
            context,
        )),
    }
}

fn btoa(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(JsNativeError::typ()
            .with_message("btoa: 1 argument required, but only 0 present")
            .into());
    }
    let input = args.get_or_undefined(0).to_string(context)?;
    let bytes: Option<Vec<u8>> = input.iter().map(|unit| u8::try_from(unit).ok()).collect();
    match bytes {
        Some(bytes) => Ok(JsString::from(encode(&bytes).as_str()).into()),
        None => Err(dom_exception(
            "InvalidCharacterError",
            "btoa: the string contains characters outside of the Latin1 range",
            context,
        )),
    }
}

/// Installs `atob` and `btoa`.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_builtin_callable(
        js_string!("atob"),
        1,
        NativeFunction::from_fn_ptr(atob),
    )?;
    context.register_global_builtin_callable(
        js_string!("btoa"),
        1,
        NativeFunction::from_fn_ptr(btoa),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Option<Vec<u8>> {
        forgiving_decode(&text.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn encode_pads() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg==");
        assert_eq!(encode(b"fo"), "Zm8=");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(&[0xFF, 0xFE]), "//4=");
    }

    #[test]
    fn forgiving_decode_rules() {
        assert_eq!(decode("Zm9v").unwrap(), b"foo");
        assert_eq!(decode(" Z g\n=\t=").unwrap(), b"f");
        assert_eq!(decode("Zg").unwrap(), b"f"); // padding optional
        assert_eq!(decode("Zh==").unwrap(), b"f"); // leftover bits dropped
        assert_eq!(decode("Zg="), None); // partial padding
        assert_eq!(decode("Z"), None);
        assert_eq!(decode("Zm9v="), None);
        assert_eq!(decode("Zm-v"), None);
        assert_eq!(decode("Z===="), None);
        assert_eq!(decode("").unwrap(), b"");
    }
}
