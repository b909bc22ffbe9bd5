//! `wasi_http.WasiRequest`: a request parsed by `Buffer.parseRequest()` or built by a script.

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsResult, JsString, JsValue,
    class::{Class, ClassBuilder},
};
use boa_gc::{Finalize, Trace};

use super::codec::{Method, Request, Version, encode_request};
use super::js::{
    accessor, array_buffer, array_buffer_or_null, data_bytes, headers_from_object, headers_object, method,
    rust_string, with_data, with_data_mut,
};

const NAME: &str = "WasiRequest";

#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct WasiRequest {
    #[unsafe_ignore_trace]
    request: Request,
}

impl WasiRequest {
    pub fn new(request: Request) -> Self {
        Self { request }
    }

    pub fn request(&self) -> &Request {
        &self.request
    }
}

impl Class for WasiRequest {
    const NAME: &'static str = NAME;
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(Self::default())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "body", get_body, Some(set_body));
        accessor(class, "headers", get_headers, Some(set_headers));
        accessor(class, "method", get_method, Some(set_method));
        accessor(class, "version", get_version, Some(set_version));
        accessor(class, "uri", get_uri, Some(set_uri));
        method(class, "encode", 0, encode);
        method(class, "getHeader", 1, get_header);
        method(class, "setHeader", 1, set_header);
        Ok(())
    }
}

fn get_body(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let body = with_data(this, NAME, |r: &WasiRequest| r.request.body.clone())?;
    array_buffer_or_null(&body, context)
}

/// A string (UTF-8), ArrayBuffer, TypedArray, DataView or `wasi_http.Buffer`; others ignored.
fn set_body(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(body) = data_bytes(args.get_or_undefined(0), context)? {
        with_data_mut(this, NAME, |r: &mut WasiRequest| r.request.body = body)?;
    }
    Ok(JsValue::undefined())
}

fn get_headers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let headers = with_data(this, NAME, |r: &WasiRequest| r.request.headers.clone())?;
    headers_object(&headers, context)
}

/// Replaces all headers; names are lower-cased.
fn set_headers(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(headers) = headers_from_object(args.get_or_undefined(0), true, context)? {
        with_data_mut(this, NAME, |r: &mut WasiRequest| r.request.headers = headers)?;
    }
    Ok(JsValue::undefined())
}

fn get_method(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiRequest| JsString::from(r.request.method.as_str()).into())
}

/// Upper-cased; ignored unless one of the nine known methods.
fn set_method(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let method = rust_string(args.get_or_undefined(0)).and_then(|m| Method::from_name(&m.to_uppercase()));
    if let Some(method) = method {
        with_data_mut(this, NAME, |r: &mut WasiRequest| r.request.method = method)?;
    }
    Ok(JsValue::undefined())
}

fn get_version(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiRequest| JsString::from(r.request.version.as_str()).into())
}

/// `"HTTP/1.0"` or `"HTTP/1.1"`; anything else ignored.
fn set_version(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(version) = rust_string(args.get_or_undefined(0)).and_then(|v| Version::from_name(&v)) {
        with_data_mut(this, NAME, |r: &mut WasiRequest| r.request.version = version)?;
    }
    Ok(JsValue::undefined())
}

fn get_uri(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |r: &WasiRequest| JsString::from(r.request.uri.as_str()).into())
}

fn set_uri(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(uri) = rust_string(args.get_or_undefined(0)) {
        with_data_mut(this, NAME, |r: &mut WasiRequest| r.request.uri = uri)?;
    }
    Ok(JsValue::undefined())
}

/// `getHeader(name)`: the value (repeated fields combined with ", ") or `null`. Names compare
/// case-insensitively.
fn get_header(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let Some(name) = rust_string(args.get_or_undefined(0)) else {
        with_data(this, NAME, |_: &WasiRequest| ())?;
        return Ok(JsValue::null());
    };
    let value = with_data(this, NAME, |r: &WasiRequest| r.request.headers.get(&name))?;
    Ok(value.map_or_else(JsValue::null, |v| JsString::from(v).into()))
}

/// `setHeader(name, value)`: both strings (else ignored); replaces every field of that name.
fn set_header(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let name = rust_string(args.get_or_undefined(0));
    let value = rust_string(args.get_or_undefined(1));
    with_data_mut(this, NAME, |r: &mut WasiRequest| {
        if let (Some(name), Some(value)) = (name, value) {
            r.request.headers.set(name.to_lowercase(), value);
        }
    })?;
    Ok(JsValue::undefined())
}

/// `encode()`: the request as an ArrayBuffer, ready for `conn.write`.
fn encode(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let wire = with_data(this, NAME, |r: &WasiRequest| encode_request(&r.request))?
        .map_err(|error| JsNativeError::typ().with_message(error.to_string()))?;
    array_buffer(&wire, context)
}
