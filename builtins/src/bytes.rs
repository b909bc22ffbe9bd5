//! Reading the bytes behind JavaScript binary values.

use boa_engine::{
    Context, JsObject, JsResult, JsValue,
    object::builtins::{AlignedVec, JsArrayBuffer, JsDataView, JsSharedArrayBuffer, JsTypedArray, JsUint8Array},
};

/// A copy of the bytes of an ArrayBuffer, or of the part of a buffer a TypedArray or DataView
/// views; `None` for any other value.
pub fn binary_bytes(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(object) = value.as_object() else { return Ok(None) };
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        return Ok(Some(buffer.data().map(|d| d.to_vec()).unwrap_or_default()));
    }
    if let Ok(shared) = JsSharedArrayBuffer::from_object(object.clone()) {
        return Ok(Some(shared.to_vec()));
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
    let Some(object) = buffer.as_object() else { return Vec::new() };
    if let Ok(shared) = JsSharedArrayBuffer::from_object(object.clone()) {
        // Shared memory is read byte by byte (atomically) into a copy.
        let bytes = shared.to_vec();
        return bytes.get(offset..offset.saturating_add(length)).map(<[u8]>::to_vec).unwrap_or_default();
    }
    let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) else {
        // A detached buffer: nothing readable.
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

/// The bytes to send for a chunk a script wrote: a string as UTF-8, the bytes of a binary value
/// (`Buffer`s and other `Uint8Array`s take the fast path), `None` for anything else.
pub fn chunk_bytes(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    if let Some(text) = value.as_string() {
        return Ok(Some(text.to_std_string_lossy().into_bytes()));
    }
    let Some(object) = value.as_object() else { return Ok(None) };
    if let Ok(array) = JsUint8Array::from_object(object.clone()) {
        return array.to_vec(context).map(Some);
    }
    binary_bytes(value, context)
}

thread_local! {
    /// `Buffer.prototype`, registered by the library modules that hand out Node buffers.
    static BUFFER_PROTOTYPE: std::cell::RefCell<Option<JsObject>> = const { std::cell::RefCell::new(None) };
}

/// Makes natively created byte arrays Node `Buffer`s (the JavaScript `buffer` module calls this
/// through the modules that return bytes).
pub fn set_buffer_prototype(prototype: JsObject) {
    BUFFER_PROTOTYPE.with(|p| *p.borrow_mut() = Some(prototype));
}

/// A new `Buffer` (a `Uint8Array` with `Buffer.prototype`, once registered) holding `bytes`.
pub fn new_buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsObject> {
    let mut block = AlignedVec::new(64);
    block.extend_from_slice(bytes);
    let buffer = JsArrayBuffer::from_byte_block(block, context)?;
    let array: JsObject = JsUint8Array::from_array_buffer(buffer, context)?.into();
    if let Some(prototype) = BUFFER_PROTOTYPE.with(|p| p.borrow().clone()) {
        array.set_prototype(Some(prototype));
    }
    Ok(array)
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
/// script code); `None` when `value` is not binary. A detached buffer reads as empty; shared
/// memory (a SharedArrayBuffer or a view on one) is read from a copy.
pub fn with_binary<R>(value: &JsValue, context: &mut Context, f: impl FnOnce(&[u8]) -> R) -> JsResult<Option<R>> {
    let Some((buffer, offset, length)) = binary_range(value, context)? else {
        return Ok(binary_bytes(value, context)?.map(|bytes| f(&bytes)));
    };
    let data = buffer.data();
    let bytes = data.as_deref().and_then(|d| d.get(offset..offset.saturating_add(length))).unwrap_or(&[]);
    Ok(Some(f(bytes)))
}
