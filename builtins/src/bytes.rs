//! Reading the bytes behind JavaScript binary values.

use boa_engine::{
    Context, JsObject, JsResult, JsValue,
    object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray},
};

/// A copy of the bytes of an ArrayBuffer, or of the part of a buffer a TypedArray or DataView
/// views; `None` for any other value.
pub fn binary_bytes(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(object) = value.as_object() else { return Ok(None) };
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        return Ok(Some(buffer.data().map(|d| d.to_vec()).unwrap_or_default()));
    }
    let (buffer, offset, length) = if let Ok(array) = JsTypedArray::from_object(object.clone()) {
        (array.buffer(context)?, array.byte_offset(context)?, array.byte_length(context)?)
    } else if let Ok(view) = JsDataView::from_object(object.clone()) {
        (view.buffer(context)?, view.byte_offset(context)? as usize, view.byte_length(context)? as usize)
    } else {
        return Ok(None);
    };
    Ok(Some(slice_of(&buffer, offset, length)))
}

fn slice_of(buffer: &JsValue, offset: usize, length: usize) -> Vec<u8> {
    let Some(buffer) = buffer.as_object().and_then(|o| JsArrayBuffer::from_object(o.clone()).ok()) else {
        // A SharedArrayBuffer or a detached buffer: nothing readable.
        return Vec::new();
    };
    let Some(data) = buffer.data() else { return Vec::new() };
    data.get(offset..offset.saturating_add(length)).map(<[u8]>::to_vec).unwrap_or_default()
}

/// Whether `object` is any binary value `binary_bytes` understands.
pub fn is_binary(object: &JsObject) -> bool {
    JsArrayBuffer::from_object(object.clone()).is_ok()
        || JsTypedArray::from_object(object.clone()).is_ok()
        || JsDataView::from_object(object.clone()).is_ok()
}

/// The ArrayBuffer and byte range behind a binary value, or `None` for any other value (and for
/// SharedArrayBuffers and views on them).
pub fn binary_range(value: &JsValue, context: &mut Context) -> JsResult<Option<(JsArrayBuffer, usize, usize)>> {
    let Some(object) = value.as_object() else { return Ok(None) };
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        let len = buffer.data().map(|d| d.len()).unwrap_or(0);
        return Ok(Some((buffer, 0, len)));
    }
    let (buffer, offset, length) = if let Ok(array) = JsTypedArray::from_object(object.clone()) {
        (array.buffer(context)?, array.byte_offset(context)?, array.byte_length(context)?)
    } else if let Ok(view) = JsDataView::from_object(object.clone()) {
        (view.buffer(context)?, view.byte_offset(context)? as usize, view.byte_length(context)? as usize)
    } else {
        return Ok(None);
    };
    Ok(buffer
        .as_object()
        .and_then(|o| JsArrayBuffer::from_object(o.clone()).ok())
        .map(|buffer| (buffer, offset, length)))
}

/// Runs `f` on the bytes of a binary value in place, without copying them (`f` must not run
/// script code); `None` when `value` is not binary. A detached buffer reads as empty.
pub fn with_binary<R>(value: &JsValue, context: &mut Context, f: impl FnOnce(&[u8]) -> R) -> JsResult<Option<R>> {
    let Some((buffer, offset, length)) = binary_range(value, context)? else { return Ok(None) };
    let data = buffer.data();
    let bytes = data.as_deref().and_then(|d| d.get(offset..offset.saturating_add(length))).unwrap_or(&[]);
    Ok(Some(f(bytes)))
}
