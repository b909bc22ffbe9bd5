//! `wasi_http.WasiResponse` (a response head parsed by `Buffer.parseResponse()` or built by a
//! script) and `wasi_http.ChunkResponse` (the chunked body writer `WasiResponse.chunk(conn)`
//! returns).

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    class::{Class, ClassBuilder},
    js_string,
};
use boa_gc::{Finalize, Trace};

use super::codec::{
    BodyFraming, LAST_CHUNK, Response, Version, default_status_text, encode_chunk, encode_response_head,
};
use super::js::{
    accessor, array_buffer, data_bytes, headers_from_object, headers_object, int32, internal_error, method,
    rust_string, with_data, with_data_mut,
};
use crate::exports::register_class;

const NAME: &str = "WasiResponse";
const CHUNK_NAME: &str = "ChunkResponse";

#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct WasiResponse {
    #[unsafe_ignore_trace]
    response: Response,
}

impl WasiResponse {
    pub fn new(response: Response) -> Self {
        Self { response }
    }

    pub fn response(&self) -> &Response {
        &self.response
    }
}

impl Class for WasiResponse {
    const NAME: &'static str = NAME;
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(Self::default())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "bodyLength", get_body_length, Some(set_body_length));
        accessor(class, "bodyFraming", get_body_framing, None);
        accessor(class, "headers", get_headers, Some(set_headers));
        accessor(class, "status", get_status, Some(set_status));
        accessor(class, "version", get_version, Some(set_version));
        accessor(class, "statusText", get_status_text, Some(set_status_text));
        method(class, "getHeader", 1, get_header);
        method(class, "encode", 0, encode);
        method(class, "chunk", 1, chunk);
        Ok(())
    }
}

/// A number, or `"chunked"`. A body running until the connection closes reads as 0, as in the
/// reference (see `bodyFraming` to tell the two apart).
fn get_body_length(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiResponse| match r.response.framing {
        BodyFraming::Length(length) => JsValue::from(length as f64),
        BodyFraming::Chunked => js_string!("chunked").into(),
        BodyFraming::UntilClose => JsValue::from(0),
    })
}

/// An Int ≥ 0 sets the length; `undefined`/`null` set 0; `"chunked"` sets chunked; anything
/// else is ignored.
fn set_body_length(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let framing = if value.is_null_or_undefined() {
        Some(BodyFraming::Length(0))
    } else if rust_string(value).as_deref() == Some("chunked") {
        Some(BodyFraming::Chunked)
    } else {
        int32(value).and_then(|n| u64::try_from(n).ok()).map(BodyFraming::Length)
    };
    if let Some(framing) = framing {
        with_data_mut(this, NAME, |r: &mut WasiResponse| r.response.framing = framing)?;
    }
    Ok(JsValue::undefined())
}

/// `"length"`, `"chunked"` or `"close"` (body delimited by the end of the connection).
fn get_body_framing(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiResponse| {
        JsString::from(match r.response.framing {
            BodyFraming::Length(_) => "length",
            BodyFraming::Chunked => "chunked",
            BodyFraming::UntilClose => "close",
        })
        .into()
    })
}

fn get_headers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let headers = with_data(this, NAME, |r: &WasiResponse| r.response.headers.clone())?;
    headers_object(&headers, context)
}

/// Replaces all headers; names are kept as given.
fn set_headers(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(headers) = headers_from_object(args.get_or_undefined(0), false, context)? {
        with_data_mut(this, NAME, |r: &mut WasiResponse| r.response.headers = headers)?;
    }
    Ok(JsValue::undefined())
}

fn get_status(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiResponse| JsValue::from(r.response.status))
}

/// An Int from 100 to 999 (else ignored); also resets `statusText` to the reference's phrase
/// for that code (`""` for most codes).
fn set_status(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let status = int32(args.get_or_undefined(0)).filter(|s| (100..=999).contains(s));
    if let Some(status) = status.and_then(|s| u16::try_from(s).ok()) {
        with_data_mut(this, NAME, |r: &mut WasiResponse| {
            r.response.status = status;
            r.response.status_text = default_status_text(status).to_owned();
        })?;
    }
    Ok(JsValue::undefined())
}

fn get_version(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiResponse| JsString::from(r.response.version.as_str()).into())
}

fn set_version(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(version) = rust_string(args.get_or_undefined(0)).and_then(|v| Version::from_name(&v)) {
        with_data_mut(this, NAME, |r: &mut WasiResponse| r.response.version = version)?;
    }
    Ok(JsValue::undefined())
}

fn get_status_text(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiResponse| JsString::from(r.response.status_text.as_str()).into())
}

fn set_status_text(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(text) = rust_string(args.get_or_undefined(0)) {
        with_data_mut(this, NAME, |r: &mut WasiResponse| r.response.status_text = text)?;
    }
    Ok(JsValue::undefined())
}

/// `getHeader(name)` (an addition): the value, repeated fields combined with ", ", or `null`.
fn get_header(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let name = rust_string(args.get_or_undefined(0));
    let value = with_data(this, NAME, |r: &WasiResponse| name.and_then(|n| r.response.headers.get(&n)))?;
    Ok(value.map_or_else(JsValue::null, |v| JsString::from(v).into()))
}

/// `encode([body])`: head and body as one ArrayBuffer. A body sets `bodyLength` to its size; no
/// body sets it to 0 unless the response is chunked.
fn encode(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let body = data_bytes(args.get_or_undefined(0), context)?;
    let head = with_data_mut(this, NAME, |r: &mut WasiResponse| {
        match &body {
            Some(body) => r.response.framing = BodyFraming::Length(body.len() as u64),
            None if r.response.framing != BodyFraming::Chunked => {
                r.response.framing = BodyFraming::Length(0);
            }
            None => {}
        }
        encode_response_head(&r.response)
    })?
    .map_err(|error| JsNativeError::typ().with_message(error.to_string()))?;
    let mut wire = head;
    wire.extend_from_slice(body.as_deref().unwrap_or_default());
    array_buffer(&wire, context)
}

/// `chunk(conn)`: switches to a chunked HTTP/1.1 response, writes the head with
/// `conn.write(ArrayBuffer)` and returns the `ChunkResponse` that writes the body. A `conn` that
/// is not an object gives `undefined`.
fn chunk(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(conn) = args.get_or_undefined(0).as_object() else {
        with_data(this, NAME, |_: &WasiResponse| ())?;
        return Ok(JsValue::undefined());
    };
    let head = with_data_mut(this, NAME, |r: &mut WasiResponse| {
        r.response.framing = BodyFraming::Chunked;
        r.response.version = Version::Http11;
        encode_response_head(&r.response)
    })?
    .map_err(|error| JsNativeError::typ().with_message(error.to_string()))?;
    let head = array_buffer(&head, context)?;
    call_method(&conn, "write", &[head], context)?;
    register_class::<ChunkResponse>(context)?;
    Ok(ChunkResponse::from_data(ChunkResponse { conn: Some(conn) }, context)?.into())
}

/// Calls `object[name](...args)`; TypeError if it is not a function.
fn call_method(object: &JsObject, name: &str, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let function = object.get(JsString::from(name), context)?;
    let Some(function) = function.as_callable() else {
        return Err(JsNativeError::typ()
            .with_message(format!("the connection has no {name}() method"))
            .into());
    };
    function.call(&object.clone().into(), args, context)
}

/// Writes a chunked body to the connection given to `WasiResponse.chunk(conn)`.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct ChunkResponse {
    /// `None` once `end()` was called.
    conn: Option<JsObject>,
}

impl Class for ChunkResponse {
    const NAME: &'static str = CHUNK_NAME;
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message("ChunkResponse is created by WasiResponse.chunk(conn), not with new")
            .into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "on", 2, chunk_on);
        method(class, "write", 1, chunk_write);
        method(class, "end", 1, chunk_end);
        Ok(())
    }
}

/// The connection, or `InternalError: socket is shutdown` after `end()`.
fn open_conn(this: &JsValue, context: &mut Context) -> JsResult<JsObject> {
    match with_data(this, CHUNK_NAME, |c: &ChunkResponse| c.conn.clone())? {
        Some(conn) => Ok(conn),
        None => Err(internal_error("socket is shutdown", context)),
    }
}

/// The bytes `write(data)` sends: strings as UTF-8, binary values as their bytes, other objects
/// as `String(object)`; numbers, booleans, symbols, `undefined` and `null` send nothing.
fn chunk_data(value: &JsValue, context: &mut Context) -> JsResult<Vec<u8>> {
    if let Some(bytes) = data_bytes(value, context)? {
        return Ok(bytes);
    }
    if value.is_object() {
        return Ok(value.to_string(context)?.to_std_string_lossy().into_bytes());
    }
    Ok(Vec::new())
}

/// Sends one chunk (size line, data, line end) in a single `conn.write`. Empty data sends
/// nothing, since a zero-size chunk would end the body.
fn write_chunk(conn: &JsObject, data: &JsValue, context: &mut Context) -> JsResult<()> {
    let wire = encode_chunk(&chunk_data(data, context)?);
    if !wire.is_empty() {
        let wire = array_buffer(&wire, context)?;
        call_method(conn, "write", &[wire], context)?;
    }
    Ok(())
}

fn chunk_write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let conn = open_conn(this, context)?;
    write_chunk(&conn, args.get_or_undefined(0), context)?;
    Ok(true.into())
}

/// `end([data])`: the last data chunk if any, then the terminating chunk via `conn.end(...)`;
/// afterwards the ChunkResponse is detached from the connection.
fn chunk_end(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let conn = open_conn(this, context)?;
    with_data_mut(this, CHUNK_NAME, |c: &mut ChunkResponse| c.conn = None)?;
    write_chunk(&conn, args.get_or_undefined(0), context)?;
    let last = JsString::from(std::str::from_utf8(LAST_CHUNK).unwrap_or("0\r\n\r\n"));
    let finisher = if conn.get(js_string!("end"), context)?.is_callable() { "end" } else { "write" };
    call_method(&conn, finisher, &[last.into()], context)?;
    Ok(true.into())
}

/// `on(...)`: forwarded to `conn.on` (a no-op on sockets that have none).
fn chunk_on(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let conn = open_conn(this, context)?;
    match conn.get(js_string!("on"), context)?.as_callable() {
        Some(on) => on.call(&conn.clone().into(), args, context),
        None => Ok(JsValue::undefined()),
    }
}
