//! Small helpers shared by the file modules (`std`, `qjs:os`, `fs`): the bytes behind a buffer
//! argument, copying into such a buffer, and string arguments.

use boa_engine::{
    Context, JsNativeError, JsResult, JsString, JsValue,
    object::builtins::{AlignedVec, JsArrayBuffer, JsDataView, JsTypedArray},
};

/// A window on the bytes of an ArrayBuffer (or of the part a TypedArray or DataView views).
pub struct Region {
    pub buffer: JsArrayBuffer,
    pub start: usize,
    pub len: usize,
}

impl Region {
    /// The region of `value`, or a TypeError naming `what`.
    pub fn of(value: &JsValue, what: &str, context: &mut Context) -> JsResult<Self> {
        let not_a_buffer = || {
            JsNativeError::typ().with_message(format!("{what}: expected an ArrayBuffer, a TypedArray or a DataView"))
        };
        let object = value.as_object().ok_or_else(not_a_buffer)?;
        if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
            let len = buffer.data().map(|d| d.len()).unwrap_or(0);
            return Ok(Region { buffer, start: 0, len });
        }
        let (buffer, start, len) = if let Ok(array) = JsTypedArray::from_object(object.clone()) {
            (array.buffer(context)?, array.byte_offset(context)?, array.byte_length(context)?)
        } else if let Ok(view) = JsDataView::from_object(object.clone()) {
            (view.buffer(context)?, view.byte_offset(context)? as usize, view.byte_length(context)? as usize)
        } else {
            return Err(not_a_buffer().into());
        };
        let buffer = buffer.as_object().and_then(|o| JsArrayBuffer::from_object(o.clone()).ok()).ok_or_else(|| {
            JsNativeError::typ().with_message(format!("{what}: shared or detached buffers are not supported"))
        })?;
        Ok(Region { buffer, start, len })
    }

    /// Narrows to `offset..offset + len` inside the region, or a RangeError.
    pub fn slice(self, offset: u64, len: u64, what: &str) -> JsResult<Self> {
        let end = offset.checked_add(len).filter(|&end| end <= self.len as u64).ok_or_else(|| {
            JsNativeError::range().with_message(format!(
                "{what}: offset {offset} + length {len} is outside the buffer of {} bytes",
                self.len
            ))
        })?;
        let _ = end;
        Ok(Region { buffer: self.buffer, start: self.start + offset as usize, len: len as usize })
    }

    /// A copy of the bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        self.buffer
            .data()
            .and_then(|d| d.get(self.start..self.start + self.len).map(<[u8]>::to_vec))
            .unwrap_or_default()
    }

    /// Copies `bytes` to the start of the region (never past its end); returns how many fit.
    pub fn fill_from(&self, bytes: &[u8]) -> usize {
        let Some(mut data) = self.buffer.data_mut() else { return 0 };
        let count = bytes.len().min(self.len);
        match data.get_mut(self.start..self.start + count) {
            Some(target) => {
                target.copy_from_slice(&bytes[..count]);
                count
            }
            None => 0,
        }
    }
}

/// A new ArrayBuffer holding `bytes`.
pub fn array_buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsArrayBuffer> {
    let mut block = AlignedVec::<u8>::new(64);
    block.extend_from_slice(bytes);
    JsArrayBuffer::from_byte_block(block, context)
}

/// A required string argument, or a TypeError naming it.
pub fn string_arg(value: &JsValue, what: &str) -> JsResult<String> {
    match value.as_string() {
        Some(s) => Ok(s.to_std_string_lossy()),
        None => {
            Err(JsNativeError::typ().with_message(format!("{what} must be a string, not {}", value.type_of())).into())
        }
    }
}

/// A string from Rust text.
pub fn js_str(text: &str) -> JsValue {
    JsString::from(text).into()
}
