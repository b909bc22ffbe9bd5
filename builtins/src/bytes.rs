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
