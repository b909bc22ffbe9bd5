//! `structuredClone(value, { transfer })` (HTML Standard's structured clone, in one realm).
//!
//! Replaces boa_runtime's version, which copies a view's whole buffer into a new view at offset 0
//! (so `structuredClone(bytes.subarray(1))` came back with the wrong bytes) and rejects Error
//! objects and DataViews.
//!
//! Clones primitives, wrapper objects, Date, RegExp, ArrayBuffer, typed arrays, DataView, Map,
//! Set, Error objects, DOMException, arrays and plain objects, keeping shared references and
//! cycles. Functions, symbols, promises, weak collections, proxies and host objects throw a
//! `DataCloneError` DOMException. The graph is walked with an explicit work list, so a deeply
//! nested value cannot overflow the native stack.

use std::collections::HashMap;

use boa_engine::{
    Context, JsArgs, JsBigInt, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
    builtins::{error::Error as ErrorData, object::OrdinaryObject},
    js_string,
    object::builtins::{
        AlignedVec, JsArray, JsArrayBuffer, JsDataView, JsDate, JsMap, JsRegExp, JsSet,
        JsSharedArrayBuffer, JsTypedArray,
    },
};

use crate::web::dom_exception::{DomException, dom_exception, dom_exception_value};

/// Work left after an object's empty copy exists: its contents, cloned later.
enum Fill {
    Properties {
        source: JsObject,
        target: JsObject,
    },
    Map {
        entries: Vec<(JsValue, JsValue)>,
        target: JsMap,
    },
    Set {
        values: Vec<JsValue>,
        target: JsSet,
    },
}

struct Cloner {
    /// Source object -> its copy: keeps shared references shared and cycles finite.
    copies: HashMap<JsObject, JsObject>,
    work: Vec<Fill>,
}

fn data_clone_error(message: &str, context: &mut Context) -> boa_engine::JsError {
    dom_exception("DataCloneError", message, context)
}

impl Cloner {
    fn clone_value(&mut self, value: &JsValue, context: &mut Context) -> JsResult<JsValue> {
        if value.is_symbol() {
            return Err(data_clone_error("a Symbol could not be cloned", context));
        }
        let Some(object) = value.as_object() else {
            return Ok(value.clone());
        };
        if let Some(copy) = self.copies.get(&object) {
            return Ok(copy.clone().into());
        }
        let copy = self.shallow_copy(&object, context)?;
        self.copies.insert(object, copy.clone());
        Ok(copy.into())
    }

    /// A copy of `object` whose contents (if any) are queued in `self.work`.
    fn shallow_copy(&mut self, object: &JsObject, context: &mut Context) -> JsResult<JsObject> {
        if object.is_callable() {
            return Err(data_clone_error("a function could not be cloned", context));
        }
        // Primitive wrappers: ToObject of the same primitive.
        let primitive = (object.downcast_ref::<bool>().map(|b| JsValue::from(*b)))
            .or_else(|| object.downcast_ref::<f64>().map(|n| JsValue::from(*n)))
            .or_else(|| {
                object
                    .downcast_ref::<JsString>()
                    .map(|s| JsValue::from(s.clone()))
            })
            .or_else(|| {
                object
                    .downcast_ref::<JsBigInt>()
                    .map(|b| JsValue::from(b.clone()))
            });
        if let Some(primitive) = primitive {
            return primitive.to_object(context);
        }
        if let Ok(date) = JsDate::from_object(object.clone()) {
            let time = date.get_time(context)?;
            let constructor = context.intrinsics().constructors().date().constructor();
            return constructor.construct(&[time], None, context);
        }
        if let Ok(regexp) = JsRegExp::from_object(object.clone()) {
            let (source, flags) = (regexp.source(context)?, regexp.flags(context)?);
            return Ok(JsRegExp::new(
                JsString::from(source.as_str()),
                JsString::from(flags.as_str()),
                context,
            )?
            .into());
        }
        if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
            let Some(data) = buffer.data() else {
                return Err(data_clone_error(
                    "a detached ArrayBuffer could not be cloned",
                    context,
                ));
            };
            let bytes = AlignedVec::from_slice(64, &data);
            drop(data);
            return Ok(JsArrayBuffer::from_byte_block(bytes, context)?.into());
        }
        if JsSharedArrayBuffer::from_object(object.clone()).is_ok() {
            // Same agent: the clone shares the memory, as it would with a worker.
            return Ok(object.clone());
        }
        if let Ok(array) = JsTypedArray::from_object(object.clone()) {
            let buffer = self.clone_value(&array.buffer(context)?, context)?;
            let offset = array.byte_offset(context)?;
            let length = array.length(context)?;
            let constructor = typed_array_constructor(&array, context)?;
            return constructor.construct(&[buffer, offset.into(), length.into()], None, context);
        }
        if let Ok(view) = JsDataView::from_object(object.clone()) {
            let buffer = self.clone_value(&view.buffer(context)?, context)?;
            let (offset, length) = (view.byte_offset(context)?, view.byte_length(context)?);
            let constructor = context
                .intrinsics()
                .constructors()
                .data_view()
                .constructor();
            return constructor.construct(
                &[buffer, (offset as f64).into(), (length as f64).into()],
                None,
                context,
            );
        }
        if let Ok(map) = JsMap::from_object(object.clone()) {
            let mut entries = Vec::new();
            map.for_each_native(|key, value| {
                entries.push((key, value));
                Ok(())
            })?;
            let target = JsMap::new(context);
            self.work.push(Fill::Map {
                entries,
                target: target.clone(),
            });
            return Ok(target.into());
        }
        if let Ok(set) = JsSet::from_object(object.clone()) {
            let mut values = Vec::new();
            set.for_each_native(|value| {
                values.push(value);
                Ok(())
            })?;
            let target = JsSet::new(context);
            self.work.push(Fill::Set {
                values,
                target: target.clone(),
            });
            return Ok(target.into());
        }
        if object.is::<ErrorData>() {
            return clone_error(object, context);
        }
        if object.is::<DomException>() {
            let name = object
                .get(js_string!("name"), context)?
                .to_string(context)?;
            let message = object
                .get(js_string!("message"), context)?
                .to_string(context)?;
            let value = dom_exception_value(
                &name.to_std_string_lossy(),
                &message.to_std_string_lossy(),
                context,
            )?;
            return value.as_object().ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("DOMException copy")
                    .into()
            });
        }
        if object.is_array() {
            let length = object.get(js_string!("length"), context)?;
            let target: JsObject = JsArray::new(context)?.into();
            target.set(js_string!("length"), length, true, context)?;
            self.work.push(Fill::Properties {
                source: object.clone(),
                target: target.clone(),
            });
            return Ok(target);
        }
        if object.is_ordinary() {
            let target = JsObject::with_object_proto(context.intrinsics());
            self.work.push(Fill::Properties {
                source: object.clone(),
                target: target.clone(),
            });
            return Ok(target);
        }
        Err(data_clone_error(
            "this kind of object could not be cloned",
            context,
        ))
    }

    /// Clones everything queued until nothing is left.
    fn finish(&mut self, context: &mut Context) -> JsResult<()> {
        while let Some(fill) = self.work.pop() {
            match fill {
                Fill::Properties { source, target } => {
                    let keys = OrdinaryObject::keys(
                        &JsValue::undefined(),
                        &[source.clone().into()],
                        context,
                    )?;
                    let keys = keys.as_object().and_then(|k| JsArray::from_object(k).ok());
                    let Some(keys) = keys else { continue };
                    let count = keys.length(context)?;
                    for index in 0..count {
                        let key = keys.get(index, context)?.to_string(context)?;
                        let value = source.get(key.clone(), context)?;
                        let copy = self.clone_value(&value, context)?;
                        target.create_data_property_or_throw(key, copy, context)?;
                    }
                }
                Fill::Map { entries, target } => {
                    for (key, value) in entries {
                        let key = self.clone_value(&key, context)?;
                        let value = self.clone_value(&value, context)?;
                        target.set(key, value, context)?;
                    }
                }
                Fill::Set { values, target } => {
                    for value in values {
                        let value = self.clone_value(&value, context)?;
                        target.add(value, context)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The realm's own constructor for the kind of `array` (never a user-replaced global).
fn typed_array_constructor(array: &JsTypedArray, context: &mut Context) -> JsResult<JsObject> {
    use boa_engine::builtins::typed_array::TypedArrayKind as Kind;
    let constructors = context.intrinsics().constructors();
    let constructor = match array.kind() {
        Some(Kind::Int8) => constructors.typed_int8_array(),
        Some(Kind::Uint8) => constructors.typed_uint8_array(),
        Some(Kind::Uint8Clamped) => constructors.typed_uint8clamped_array(),
        Some(Kind::Int16) => constructors.typed_int16_array(),
        Some(Kind::Uint16) => constructors.typed_uint16_array(),
        Some(Kind::Int32) => constructors.typed_int32_array(),
        Some(Kind::Uint32) => constructors.typed_uint32_array(),
        Some(Kind::BigInt64) => constructors.typed_bigint64_array(),
        Some(Kind::BigUint64) => constructors.typed_biguint64_array(),
        Some(Kind::Float32) => constructors.typed_float32_array(),
        Some(Kind::Float64) => constructors.typed_float64_array(),
        // Float16Array (an optional engine feature): its own constructor property.
        _ => {
            let constructor = array.constructor(context)?;
            return constructor.as_object().ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("typed array without a constructor")
                    .into()
            });
        }
    };
    Ok(constructor.constructor())
}

/// An Error object: same kind (by its `name`), `message`, `stack` and `cause`.
fn clone_error(object: &JsObject, context: &mut Context) -> JsResult<JsObject> {
    let name = object
        .get(js_string!("name"), context)?
        .to_string(context)?
        .to_std_string_lossy();
    let constructors = context.intrinsics().constructors();
    let constructor = match name.as_str() {
        "EvalError" => constructors.eval_error(),
        "RangeError" => constructors.range_error(),
        "ReferenceError" => constructors.reference_error(),
        "SyntaxError" => constructors.syntax_error(),
        "TypeError" => constructors.type_error(),
        "URIError" => constructors.uri_error(),
        _ => constructors.error(),
    }
    .constructor();
    let copy = constructor.construct(&[], None, context)?;
    for key in [js_string!("message"), js_string!("stack")] {
        if object.has_own_property(key.clone(), context)? {
            let value = object.get(key.clone(), context)?.to_string(context)?;
            copy.set(key, value, true, context)?;
        }
    }
    Ok(copy)
}

/// The ArrayBuffers listed in `options.transfer`.
fn transfer_list(options: &JsValue, context: &mut Context) -> JsResult<Vec<JsArrayBuffer>> {
    let Some(options) = options.as_object() else {
        if options.is_null_or_undefined() {
            return Ok(Vec::new());
        }
        return Err(JsNativeError::typ()
            .with_message("structuredClone: the options must be an object")
            .into());
    };
    let transfer = options.get(js_string!("transfer"), context)?;
    if transfer.is_undefined() {
        return Ok(Vec::new());
    }
    let list = transfer
        .as_object()
        .and_then(|o| JsArray::from_object(o).ok())
        .ok_or_else(|| {
            JsNativeError::typ().with_message("structuredClone: options.transfer must be an array")
        })?;
    let mut buffers: Vec<JsArrayBuffer> = Vec::new();
    for index in 0..list.length(context)? {
        let item = list.get(index, context)?;
        let buffer = item
            .as_object()
            .and_then(|o| JsArrayBuffer::from_object(o).ok());
        let Some(buffer) = buffer else {
            return Err(data_clone_error(
                "only ArrayBuffers can be transferred",
                context,
            ));
        };
        if buffers.iter().any(|b| JsObject::equals(b, &buffer)) {
            return Err(data_clone_error(
                "an ArrayBuffer is listed twice in the transfer list",
                context,
            ));
        }
        if buffer.data().is_none() {
            return Err(data_clone_error(
                "a detached ArrayBuffer cannot be transferred",
                context,
            ));
        }
        buffers.push(buffer);
    }
    Ok(buffers)
}

fn structured_clone(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(JsNativeError::typ()
            .with_message("structuredClone: 1 argument required, but only 0 present")
            .into());
    }
    let transfer = transfer_list(args.get_or_undefined(1), context)?;
    let mut cloner = Cloner {
        copies: HashMap::new(),
        work: Vec::new(),
    };
    // Transferred buffers map to new ones with the same bytes; the originals are detached only
    // once the whole clone has succeeded.
    for buffer in &transfer {
        let bytes = buffer
            .data()
            .map(|d| AlignedVec::from_slice(64, &d))
            .unwrap_or_else(|| AlignedVec::new(64));
        let copy = JsArrayBuffer::from_byte_block(bytes, context)?;
        let source: JsObject = buffer.clone().into();
        cloner.copies.insert(source, copy.into());
    }
    let result = cloner.clone_value(args.get_or_undefined(0), context)?;
    cloner.finish(context)?;
    for buffer in &transfer {
        buffer.detach(&JsValue::undefined())?;
    }
    Ok(result)
}

/// Installs `structuredClone`.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_builtin_callable(
        js_string!("structuredClone"),
        1,
        NativeFunction::from_fn_ptr(structured_clone),
    )?;
    Ok(())
}
