//! `_boa:http`: the native HTTP/1.1 engine under Node's `http` module (js/http.js) and `fetch`.
//!
//! - [`wire`]: the wire format (heads, bodies, smuggling rules), plain Rust on `httparse`;
//! - [`server`]: accept loop and per-connection state machine;
//! - [`exchange`]: one request/response on a server connection and its JavaScript handle;
//! - [`headers`]: Node's header objects and the outgoing header store;
//! - [`client`]: client connections, the `Agent` pool, pull-based response bodies.
//!
//! Everything runs on the platform reactor through Boa's job queue: the event loop knows nothing
//! about HTTP. Connections are [`ByteStream`](crate::byte_stream::ByteStream)s, so TLS plugs in
//! under the same engine.

pub mod client;
pub mod exchange;
pub mod headers;
pub mod server;
pub mod wire;

use boa_engine::{Context, JsArgs, JsError, JsNativeError, JsResult, JsString, JsValue, Module, NativeFunction, js_string};

use crate::exports::Exports;

/// Builds `_boa:http`.
pub fn module(context: &mut Context) -> JsResult<Module> {
    let use_buffer = NativeFunction::from_fn_ptr(|_, args, _| {
        if let Some(prototype) = args.get_or_undefined(0).as_object() {
            crate::bytes::set_buffer_prototype(prototype.clone());
        }
        Ok(JsValue::undefined())
    })
    .to_js_function(context.realm());
    Ok(Exports::new()
        .class::<server::HttpServer>(context)?
        .class::<server::HttpConnection>(context)?
        .class::<exchange::HttpExchange>(context)?
        .class::<client::HttpAgent>(context)?
        .class::<client::ClientExchange>(context)?
        .value("useBufferPrototype", use_buffer)
        .into_module(context))
}

/// An error of `kind` with Node's `code` property.
pub fn coded_error(kind: JsNativeError, message: &str, code: &str, context: &mut Context) -> JsError {
    let object = kind.with_message(message.to_owned()).into_opaque(context);
    let _ = object.set(js_string!("code"), JsString::from(code), false, context);
    JsError::from_opaque(object.into())
}
