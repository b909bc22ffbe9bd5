//! Built-ins that build long strings: `String.prototype.repeat`, `padStart` and `padEnd`,
//! `Array.prototype.join` (and so `Array.prototype.toString`) and `toLocaleString` of arrays and
//! typed arrays (one implementation, so both use the same separator).
//!
//! Boa 0.22's versions allocate without a limit, so `'x'.repeat(500 * 2 ** 20)` (at 24 bytes per
//! character) or `new Array(2 ** 32 - 1).join()` abort the process on a failed allocation, and
//! `join` of deeply nested arrays (`String(a)` where `a = [[[…]]]`) overflows the native stack.
//! Here a result longer than [`MAX_STRING_LENGTH`] is a `RangeError` ("Invalid string length",
//! as in V8, checked before anything is allocated where possible), `repeat` costs one or two
//! bytes per character, and `join` nested deeper than [`MAX_JOIN_DEPTH`] is a `RangeError`.
//! Boa's `padStart`/`padEnd` build `maxLength` code units in one vector, unchecked: 2^31 of
//! them is a capacity overflow under WebAssembly and 4–8 GiB natively.

use std::cell::Cell;

use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, js_string,
    string::JsStrVariant,
};

use super::{catchable, define_method, stack};

/// The longest string these built-ins make (V8's limit on 64-bit machines, 2^29 - 24).
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

/// How deeply `join` / `toLocaleString` may nest (an array whose elements are arrays …): each
/// level recurses through Boa's native code; the wasm build has room for about 2,000.
pub const MAX_JOIN_DEPTH: usize = 1_000;

thread_local! {
    static JOIN_DEPTH: Cell<usize> = const { Cell::new(0) };
}

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let string_prototype = context.intrinsics().constructors().string().prototype();
    define_method(&string_prototype, js_string!("repeat"), 1, repeat, context)?;
    define_method(&string_prototype, js_string!("padStart"), 1, pad_start, context)?;
    define_method(&string_prototype, js_string!("padEnd"), 1, pad_end, context)?;
    let array_prototype = context.intrinsics().constructors().array().prototype();
    define_method(&array_prototype, js_string!("join"), 1, join, context)?;
    define_method(&array_prototype, js_string!("toLocaleString"), 0, to_locale_string, context)?;
    let typed_array_prototype = context.intrinsics().constructors().typed_array().prototype();
    define_method(&typed_array_prototype, js_string!("toLocaleString"), 0, typed_array_to_locale_string, context)?;
    Ok(())
}

fn invalid_length() -> JsError {
    JsNativeError::range().with_message("Invalid string length").into()
}

/// `String.prototype.repeat ( count )`
fn repeat(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if this.is_null_or_undefined() {
        return Err(JsNativeError::typ().with_message("String.prototype.repeat called on null or undefined").into());
    }
    let string = this.to_string(context)?;
    let count = args.get_or_undefined(0).to_integer_or_infinity(context)?;
    let count = match count {
        boa_engine::value::IntegerOrInfinity::Integer(n) if n >= 0 => n as u64,
        _ => return Err(JsNativeError::range().with_message("repeat count must be a non-negative finite number").into()),
    };
    if count == 0 || string.is_empty() {
        return Ok(js_string!().into());
    }
    let total = (string.len() as u64).checked_mul(count).filter(|&n| n <= MAX_STRING_LENGTH as u64).ok_or_else(invalid_length)?;
    let count = count as usize;
    let result = match string.as_str().variant() {
        JsStrVariant::Latin1(bytes) => JsString::from(boa_engine::string::JsStr::latin1(&bytes.repeat(count))),
        JsStrVariant::Utf16(units) => JsString::from(boa_engine::string::JsStr::utf16(&units.repeat(count))),
    };
    debug_assert_eq!(result.len() as u64, total);
    Ok(result.into())
}

/// `String.prototype.padStart ( maxLength [ , fillString ] )`
fn pad_start(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    pad(this, args, true, context)
}

/// `String.prototype.padEnd ( maxLength [ , fillString ] )`
fn pad_end(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    pad(this, args, false, context)
}

/// StringPaddingBuiltinsImpl: `this` as a string, padded to `maxLength` code units with
/// `fillString` (default `" "`) repeated and cut, before it (`at_start`) or after it.
fn pad(this: &JsValue, args: &[JsValue], at_start: bool, context: &mut Context) -> JsResult<JsValue> {
    if this.is_null_or_undefined() {
        let name = if at_start { "padStart" } else { "padEnd" };
        return Err(JsNativeError::typ().with_message(format!("String.prototype.{name} called on null or undefined")).into());
    }
    let string = this.to_string(context)?;
    let max_length = args.get_or_undefined(0).to_length(context)?;
    if max_length <= string.len() as u64 {
        return Ok(string.into());
    }
    let filler = match args.get_or_undefined(1) {
        value if value.is_undefined() => js_string!(" "),
        value => value.to_string(context)?,
    };
    if filler.is_empty() {
        return Ok(string.into());
    }
    if max_length > MAX_STRING_LENGTH as u64 {
        return Err(invalid_length());
    }
    let fill_len = max_length as usize - string.len();
    let fill = match filler.as_str().variant() {
        JsStrVariant::Latin1(bytes) => {
            let bytes: Vec<u8> = bytes.iter().copied().cycle().take(fill_len).collect();
            JsString::from(boa_engine::string::JsStr::latin1(&bytes))
        }
        JsStrVariant::Utf16(units) => {
            let units: Vec<u16> = units.iter().copied().cycle().take(fill_len).collect();
            JsString::from(boa_engine::string::JsStr::utf16(&units))
        }
    };
    let pieces = if at_start { [fill.as_str(), string.as_str()] } else { [string.as_str(), fill.as_str()] };
    Ok(JsString::concat_array(&pieces).into())
}

/// Counts one level of `join` nesting for as long as it lives.
struct JoinLevel;

impl JoinLevel {
    fn enter() -> JsResult<Self> {
        stack::check()?;
        let depth = JOIN_DEPTH.with(|depth| {
            depth.set(depth.get() + 1);
            depth.get()
        });
        let level = JoinLevel;
        if depth > MAX_JOIN_DEPTH {
            return Err(super::stack_overflow_error());
        }
        Ok(level)
    }
}

impl Drop for JoinLevel {
    fn drop(&mut self) {
        JOIN_DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// The pieces of a joined string, with a running length check.
struct Joined {
    parts: Vec<JsString>,
    len: usize,
}

impl Joined {
    fn push(&mut self, part: JsString) -> JsResult<()> {
        self.len = self.len.checked_add(part.len()).filter(|&n| n <= MAX_STRING_LENGTH).ok_or_else(invalid_length)?;
        if !part.is_empty() {
            self.parts.push(part);
        }
        Ok(())
    }

    fn finish(self) -> JsString {
        let pieces: Vec<_> = self.parts.iter().map(JsString::as_str).collect();
        JsString::concat_array(&pieces)
    }
}

fn length_of_array_like(object: &JsObject, context: &mut Context) -> JsResult<u64> {
    object.get(js_string!("length"), context)?.to_length(context)
}

/// `Array.prototype.join ( separator )`
fn join(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let _level = JoinLevel::enter()?;
    let object = this.to_object(context)?;
    let len = length_of_array_like(&object, context)?;
    let separator = match args.get_or_undefined(0) {
        value if value.is_undefined() => js_string!(","),
        value => value.to_string(context)?,
    };
    // The separators alone may already be too long.
    if len > 0 && (separator.len() as u64).saturating_mul(len - 1) > MAX_STRING_LENGTH as u64 {
        return Err(invalid_length());
    }
    let mut joined = Joined { parts: Vec::new(), len: 0 };
    for k in 0..len {
        if k > 0 {
            joined.push(separator.clone())?;
        }
        let element = object.get(k, context)?;
        if !element.is_null_or_undefined() {
            joined.push(element.to_string(context).map_err(catchable)?)?;
        }
    }
    Ok(joined.finish().into())
}

/// `Array.prototype.toLocaleString ( )`: each element's `toLocaleString()`, joined by `,`.
fn to_locale_string(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let _level = JoinLevel::enter()?;
    let object = this.to_object(context)?;
    let len = length_of_array_like(&object, context)?;
    join_locale_strings(&object, len, context)
}

/// `%TypedArray%.prototype.toLocaleString ( )`: as the array one, over the typed array's length
/// (ValidateTypedArray first).
fn typed_array_to_locale_string(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (typed_array, _, len) = super::sort::validate_typed_array(this, context)?;
    join_locale_strings(&JsObject::from(typed_array), len, context)
}

/// The elements `0..len` of `object`, each by its own `toLocaleString()`, joined by `,`.
fn join_locale_strings(object: &JsObject, len: u64, context: &mut Context) -> JsResult<JsValue> {
    if len > 0 && len - 1 > MAX_STRING_LENGTH as u64 {
        return Err(invalid_length());
    }
    let mut joined = Joined { parts: Vec::new(), len: 0 };
    for k in 0..len {
        if k > 0 {
            joined.push(js_string!(","))?;
        }
        let element = object.get(k, context)?;
        if !element.is_null_or_undefined() {
            let element_object = element.to_object(context)?;
            let method = element_object.get(js_string!("toLocaleString"), context)?;
            let method = method.as_callable().ok_or_else(|| JsNativeError::typ().with_message("toLocaleString is not a function"))?;
            let text = method.call(&element, &[], context).map_err(catchable)?.to_string(context)?;
            joined.push(text)?;
        }
    }
    Ok(joined.finish().into())
}
