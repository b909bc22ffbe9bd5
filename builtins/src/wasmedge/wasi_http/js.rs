//! Conversions between JavaScript values and the codec's types, shared by the classes.

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    builtins::object::OrdinaryObject,
    class::ClassBuilder,
    js_string,
    native_function::NativeFunctionPointer,
    object::{
        NativeObject,
        builtins::{AlignedVec, JsArrayBuffer},
    },
    property::{Attribute, PropertyDescriptor, PropertyKey},
    string::JsStrVariant,
};

use super::codec::{Headers, ParseError};

/// Adds an accessor property `name` to the class prototype (configurable, not enumerable, as
/// the reference's "fields" are).
pub fn accessor(
    class: &mut ClassBuilder<'_>,
    name: &str,
    get: NativeFunctionPointer,
    set: Option<NativeFunctionPointer>,
) {
    let realm = class.context().realm().clone();
    let getter = NativeFunction::from_fn_ptr(get).to_js_function(&realm);
    let setter = set.map(|set| NativeFunction::from_fn_ptr(set).to_js_function(&realm));
    class.accessor(JsString::from(name), Some(getter), setter, Attribute::CONFIGURABLE);
}

/// Adds a method to the class prototype.
pub fn method(class: &mut ClassBuilder<'_>, name: &str, length: usize, f: NativeFunctionPointer) {
    class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
}

/// The receiver of a method of class `T` (TypeError for any other receiver).
pub fn receiver<T: NativeObject>(this: &JsValue, class_name: &str) -> JsResult<JsObject> {
    match this.as_object() {
        Some(object) if object.is::<T>() => Ok(object),
        _ => Err(JsNativeError::typ()
            .with_message(format!("this method needs a wasi_http.{class_name} object as receiver"))
            .into()),
    }
}

/// Runs `f` on the Rust data of a `T` receiver.
pub fn with_data<T: NativeObject, R>(
    this: &JsValue,
    class_name: &str,
    f: impl FnOnce(&T) -> R,
) -> JsResult<R> {
    let object = receiver::<T>(this, class_name)?;
    let data = object.downcast_ref::<T>().ok_or_else(|| busy(class_name))?;
    Ok(f(&data))
}

/// Runs `f` on the mutable Rust data of a `T` receiver. `f` must not call back into JavaScript.
pub fn with_data_mut<T: NativeObject, R>(
    this: &JsValue,
    class_name: &str,
    f: impl FnOnce(&mut T) -> R,
) -> JsResult<R> {
    let object = receiver::<T>(this, class_name)?;
    let mut data = object.downcast_mut::<T>().ok_or_else(|| busy(class_name))?;
    Ok(f(&mut data))
}

fn busy(class_name: &str) -> JsNativeError {
    JsNativeError::typ().with_message(format!("wasi_http.{class_name} is in use by another call"))
}

/// A new ArrayBuffer holding a copy of `bytes`.
pub fn array_buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    let block = AlignedVec::from_slice(64, bytes);
    Ok(JsArrayBuffer::from_byte_block(block, context)?.into())
}

/// An ArrayBuffer copy of `bytes`, or `null` when there are none (the reference's convention
/// for `Buffer.buffer` and `WasiRequest.body`).
pub fn array_buffer_or_null(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    if bytes.is_empty() { Ok(JsValue::null()) } else { array_buffer(bytes, context) }
}

/// The bytes of a value used as data: a string (its UTF-8), an ArrayBuffer, a TypedArray or
/// DataView (the bytes it views) or a `wasi_http.Buffer` (its unread bytes). `None` otherwise.
pub fn data_bytes(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    if let Some(text) = value.as_string() {
        return Ok(Some(lossy_string(&text).into_bytes()));
    }
    if let Some(bytes) = crate::bytes::binary_bytes(value, context)? {
        return Ok(Some(bytes));
    }
    Ok(value.as_object().and_then(|object| super::buffer_bytes(&object)))
}

/// A string argument as a Rust string (lone surrogates become U+FFFD).
pub fn rust_string(value: &JsValue) -> Option<String> {
    value.as_string().map(|s| lossy_string(&s))
}

/// `JsString::to_std_string_lossy` without its character-by-character formatter: header names,
/// values and bodies are almost always ASCII, copied here in one go (a few thousand instructions
/// per request less). Lone surrogates still become U+FFFD.
pub fn lossy_string(text: &JsString) -> String {
    match text.variant() {
        JsStrVariant::Latin1(bytes) if bytes.is_ascii() => {
            // ASCII is UTF-8 as it is.
            String::from_utf8(bytes.to_vec()).unwrap_or_default()
        }
        JsStrVariant::Latin1(bytes) => bytes.iter().map(|&b| char::from(b)).collect(),
        JsStrVariant::Utf16(units) => String::from_utf16_lossy(units),
    }
}

/// A number that is an integer in the int32 range (what the reference calls an "Int").
pub fn int32(value: &JsValue) -> Option<i32> {
    let number = value.as_number()?;
    (number.fract() == 0.0 && number >= f64::from(i32::MIN) && number <= f64::from(i32::MAX))
        .then_some(number as i32)
}

/// A plain object with one property per header name (repeated fields combined with ", "), in
/// wire order. A new object every time, as in the reference.
pub fn headers_object(headers: &Headers, context: &mut Context) -> JsResult<JsValue> {
    let object = JsObject::with_object_proto(context.intrinsics());
    for (name, value) in headers.grouped() {
        object.create_data_property_or_throw(JsString::from(name), JsString::from(value), context)?;
    }
    Ok(object.into())
}

/// Reads a headers object given by a script: its own enumerable string keys in order, values
/// through `String(v)`; an array value gives one field per element. `None` when `value` is not
/// an object (the setter then leaves the headers unchanged, as the reference does).
pub fn headers_from_object(
    value: &JsValue,
    lower_case_names: bool,
    context: &mut Context,
) -> JsResult<Option<Headers>> {
    let Some(object) = value.as_object() else { return Ok(None) };
    let mut headers = Headers::new();
    for (key, value) in own_enumerable_entries(&object, context)? {
        let name = lossy_string(&key);
        let name = if lower_case_names { name.to_lowercase() } else { name };
        let values = match value.as_object() {
            Some(array) if array.is_array() => {
                let length = array.get(js_string!("length"), context)?.to_length(context)?;
                let mut values = Vec::new();
                for i in 0..length {
                    values.push(array.get(i, context)?.to_string(context)?);
                }
                values
            }
            _ => vec![value.to_string(context)?],
        };
        for value in values {
            headers.append(name.clone(), lossy_string(&value));
        }
    }
    Ok(Some(headers))
}

/// `Object.entries(object)` as a list: the own enumerable string-keyed properties in order, each
/// value read with `[[Get]]` after all the keys are known. A plain object (what scripts pass per
/// response) is read from its property map without building the arrays `Object.keys` would.
fn own_enumerable_entries(object: &JsObject, context: &mut Context) -> JsResult<Vec<(JsString, JsValue)>> {
    if !object.is_ordinary() {
        let keys = OrdinaryObject::keys(&JsValue::undefined(), &[object.clone().into()], context)?;
        let keys = keys.as_object().ok_or_else(|| JsNativeError::typ().with_message("Object.keys failed"))?;
        let count = keys.get(js_string!("length"), context)?.to_length(context)?;
        let mut entries = Vec::new();
        for index in 0..count {
            let key = keys.get(index, context)?.to_string(context)?;
            let value = object.get(key.clone(), context)?;
            entries.push((key, value));
        }
        return Ok(entries);
    }
    // An ordinary object's own properties are its property map: no script runs while they are
    // listed, and only accessors (getters) run while the values are read.
    let keys: Vec<PropertyKey> = object
        .own_property_keys(context)?
        .into_iter()
        .filter(|key| !matches!(key, PropertyKey::Symbol(_)))
        .filter(|key| object.borrow().properties().get(key).is_some_and(|d| d.expect_enumerable()))
        .collect();
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        let data = object.borrow().properties().get(&key).and_then(|d| d.value().cloned());
        let value = match data {
            Some(value) => value,
            None => object.get(key.clone(), context)?,
        };
        let name = match key {
            PropertyKey::String(name) => name,
            PropertyKey::Index(index) => JsString::from(index.get().to_string().as_str()),
            PropertyKey::Symbol(_) => continue,
        };
        entries.push((name, value));
    }
    Ok(entries)
}

/// An `Error` object whose message is the parse error's name.
pub fn parse_error(error: ParseError) -> JsNativeError {
    JsNativeError::error().with_message(error.name())
}

/// An `Error` whose `name` is `InternalError`, so it prints as the reference's QuickJS
/// `InternalError` did (`InternalError: socket is shutdown`).
pub fn internal_error(message: &str, context: &mut Context) -> boa_engine::JsError {
    let error = JsNativeError::error().with_message(message.to_owned()).into_opaque(context);
    let name = PropertyDescriptor::builder()
        .value(js_string!("InternalError"))
        .writable(true)
        .enumerable(false)
        .configurable(true);
    // Defining a property on a fresh error object cannot fail.
    let _ = error.define_property_or_throw(js_string!("name"), name, context);
    boa_engine::JsError::from_opaque(error.into())
}
