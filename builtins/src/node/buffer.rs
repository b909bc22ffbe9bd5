//! `_boa:buffer`: the per-byte work of `js/buffer.js` that is too slow as a JavaScript loop
//! (Boa interprets a byte comparison loop at well under 100 MB/s).

use boa_engine::{Context, JsArgs, JsResult, JsValue, Module};

use crate::bytes::{binary_bytes, with_binary};

/// `search(haystack, needle, from, forward, step)`: the index of the first (or, backwards, the
/// last) occurrence of `needle` in `haystack` starting at or before `from`, at an offset that is
/// a multiple of `step` (2 for UTF-16), or -1. Both are byte views; the caller clamps `from`.
fn search(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let needle = binary_bytes(args.get_or_undefined(1), context)?.unwrap_or_default();
    let from = args.get_or_undefined(2).to_number(context)?;
    let forward = args.get_or_undefined(3).to_boolean();
    let step = (args.get_or_undefined(4).to_number(context)? as usize).max(1);
    let found = with_binary(args.get_or_undefined(0), context, |haystack| {
        find(haystack, &needle, from.max(0.0) as usize, forward, step)
    })?
    .flatten();
    Ok(found.map_or(-1.0, |i| i as f64).into())
}

/// `utf16Length(bytes)`: how many UTF-16 code units decoding `bytes` as UTF-8 gives (each
/// maximal invalid sequence becomes one U+FFFD), without building the string: `toString` knows
/// a too long result (ERR_STRING_TOO_LONG) before spending seconds and gigabytes on it.
fn utf16_length(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let units = with_binary(args.get_or_undefined(0), context, |bytes| utf16_units(bytes))?.unwrap_or(0);
    Ok((units as f64).into())
}

fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|chunk| {
            // A character is one unit per leading byte, two from a 4-byte one (a surrogate pair).
            let valid = chunk.valid().as_bytes().iter().fold(0, |n, &b| n + usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0));
            valid + usize::from(!chunk.invalid().is_empty())
        })
        .sum()
}

fn find(haystack: &[u8], needle: &[u8], from: usize, forward: bool, step: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last = haystack.len().checked_sub(needle.len())?;
    let matches = |i: usize| i % step == 0 && haystack.get(i + 1..i + needle.len()) == Some(rest);
    if forward {
        let mut i = from;
        while i <= last {
            i += memchr::memchr(first, haystack.get(i..=last)?)?;
            if matches(i) {
                return Some(i);
            }
            i += 1;
        }
    } else {
        let mut end = from.min(last) + 1;
        while let Some(i) = memchr::memrchr(first, haystack.get(..end)?) {
            if matches(i) {
                return Some(i);
            }
            end = i;
        }
    }
    None
}

pub fn module(context: &mut Context) -> JsResult<Module> {
    let exports =
        crate::exports::Exports::new().functions(&[("search", 5, search), ("utf16Length", 1, utf16_length)], context);
    Ok(exports.into_module(context))
}

#[cfg(test)]
mod tests {
    use super::{find, utf16_units};

    #[test]
    fn counts_utf16_units_of_a_lossy_decode() {
        assert_eq!(utf16_units(b""), 0);
        assert_eq!(utf16_units("a\u{e9}\u{20ac}\u{1f600}".as_bytes()), 5);
        assert_eq!(utf16_units(b"a\xff\xe2\x82b"), 4); // a, U+FFFD, U+FFFD (truncated), b
        assert_eq!(utf16_units(&[0u8; 1000]), 1000);
    }

    #[test]
    fn finds_forward_and_backward_at_aligned_offsets() {
        let text = b"abcabcab";
        assert_eq!(find(text, b"ca", 0, true, 1), Some(2));
        assert_eq!(find(text, b"ca", 3, true, 1), Some(5));
        assert_eq!(find(text, b"ca", 6, true, 1), None);
        assert_eq!(find(text, b"ab", 7, false, 1), Some(6));
        assert_eq!(find(text, b"ab", 5, false, 1), Some(3));
        assert_eq!(find(text, b"ab", 5, false, 2), Some(0));
        assert_eq!(find(text, b"bc", 0, true, 2), Some(4));
        assert_eq!(find(text, b"bc", 5, true, 2), None);
        assert_eq!(find(text, b"", 0, true, 1), None);
        assert_eq!(find(b"ab", b"abc", 0, true, 1), None);
        assert_eq!(find(text, b"ab", usize::MAX, false, 1), Some(6));
    }
}
