//! `wasi_http.Buffer`: received bytes plus a read offset, and the parsers that read from it.

use boa_engine::{
    Context, JsArgs, JsData, JsResult, JsValue,
    class::{Class, ClassBuilder},
};
use boa_gc::{Finalize, Trace};

use super::codec::{Chunk, parse_chunk, parse_request, parse_response};
use super::js::{
    accessor, array_buffer, array_buffer_or_null, data_bytes, method, parse_error, with_data, with_data_mut,
};
use super::request::WasiRequest;
use super::response::WasiResponse;
use crate::exports::register_class;

const NAME: &str = "Buffer";

/// The bytes received so far; everything before `read` has been consumed by a parser.
#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct HttpBuffer {
    #[unsafe_ignore_trace]
    bytes: Vec<u8>,
    read: usize,
}

impl HttpBuffer {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self { bytes, read: 0 }
    }

    /// The bytes not consumed yet.
    pub fn unread(&self) -> &[u8] {
        self.bytes.get(self.read..).unwrap_or_default()
    }

    pub fn append(&mut self, data: &[u8]) {
        // Drop consumed bytes once they are the larger part, so a long-lived buffer that is
        // parsed as it fills (a chunked body, a keep-alive connection) stays small. Amortised
        // O(1) per byte.
        if self.read > 0 && self.read >= self.bytes.len() - self.read {
            self.bytes.drain(..self.read);
            self.read = 0;
        }
        self.bytes.extend_from_slice(data);
    }

    fn consume(&mut self, count: usize) {
        self.read = (self.read + count).min(self.bytes.len());
        if self.read == self.bytes.len() {
            self.clear();
        }
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.read = 0;
    }
}

impl Class for HttpBuffer {
    const NAME: &'static str = NAME;
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let bytes = data_bytes(args.get_or_undefined(0), context)?.unwrap_or_default();
        Ok(Self::new(bytes))
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "length", length, None);
        accessor(class, "byteLength", length, None);
        accessor(class, "buffer", buffer, None);
        method(class, "append", 1, append);
        method(class, "write", 1, append);
        method(class, "parseRequest", 0, parse_request_method);
        method(class, "parseResponse", 0, parse_response_method);
        method(class, "parseChunk", 0, parse_chunk_method);
        method(class, "clear", 0, clear);
        Ok(())
    }
}

fn length(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |b: &HttpBuffer| JsValue::from(b.unread().len() as f64))
}

fn buffer(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = with_data(this, NAME, |b: &HttpBuffer| b.unread().to_vec())?;
    array_buffer_or_null(&bytes, context)
}

/// `append(data)` / `write(data)`: `true` if `data` was bytes (or a string) and was added.
fn append(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    // Read the argument first: it may be this very buffer.
    let Some(bytes) = data_bytes(args.get_or_undefined(0), context)? else {
        with_data(this, NAME, |_: &HttpBuffer| ())?;
        return Ok(false.into());
    };
    with_data_mut(this, NAME, |b: &mut HttpBuffer| b.append(&bytes))?;
    Ok(true.into())
}

/// `parseRequest([consume])`: a `WasiRequest` once complete, `undefined` before; throws on
/// malformed input. The bytes stay in the buffer unless `consume` is `true` (an addition for
/// keep-alive servers that must keep what follows the request).
fn parse_request_method(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let consume = args.get_or_undefined(0).as_boolean() == Some(true);
    let parsed = with_data(this, NAME, |b: &HttpBuffer| parse_request(b.unread()))?;
    match parsed {
        Ok(Some((request, used))) => {
            if consume {
                with_data_mut(this, NAME, |b: &mut HttpBuffer| b.consume(used))?;
            }
            register_class::<WasiRequest>(context)?;
            Ok(WasiRequest::from_data(WasiRequest::new(request), context)?.into())
        }
        Ok(None) => Ok(JsValue::undefined()),
        Err(error) => Err(parse_error(error).into()),
    }
}

/// `parseResponse()`: a `WasiResponse` once complete (the head is consumed, the body bytes
/// stay), `undefined` before, and an `Error` *returned* on malformed input.
fn parse_response_method(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let parsed = with_data(this, NAME, |b: &HttpBuffer| parse_response(b.unread()))?;
    match parsed {
        Ok(Some((response, head_len))) => {
            with_data_mut(this, NAME, |b: &mut HttpBuffer| b.consume(head_len))?;
            register_class::<WasiResponse>(context)?;
            Ok(WasiResponse::from_data(WasiResponse::new(response), context)?.into())
        }
        Ok(None) => Ok(JsValue::undefined()),
        Err(error) => Ok(parse_error(error).into_opaque(context).into()),
    }
}

/// `parseChunk()`: an ArrayBuffer per data chunk, `null` at the last chunk, `undefined` while
/// incomplete, an `Error` returned on malformed input. Each parsed chunk is consumed.
fn parse_chunk_method(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let parsed = with_data_mut(this, NAME, |b: &mut HttpBuffer| {
        let unread = b.unread();
        let result = parse_chunk(unread).map(|found| {
            found.map(|(chunk, used)| match chunk {
                Chunk::Data { start, end } => (Some(unread[start..end].to_vec()), used),
                Chunk::Last => (None, used),
            })
        });
        if let Ok(Some((_, used))) = &result {
            b.consume(*used);
        }
        result
    })?;
    match parsed {
        Ok(Some((Some(data), _))) => array_buffer(&data, context),
        Ok(Some((None, _))) => Ok(JsValue::null()),
        Ok(None) => Ok(JsValue::undefined()),
        Err(error) => Ok(parse_error(error).into_opaque(context).into()),
    }
}

fn clear(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data_mut(this, NAME, |b: &mut HttpBuffer| b.clear())?;
    Ok(JsValue::undefined())
}
