//! Module `wasi_http`: HTTP/1.x parse and encode buffers (compat-spec §5.5, docs/wasi_http.md).
//!
//! Exports `Buffer` (received bytes and the parsers), `WasiRequest`, `WasiResponse`,
//! `ChunkResponse` and `URL`. The wire format itself lives in [`codec`], plain Rust on top of
//! `httparse`; this module only converts between JavaScript values and the codec's types.

mod buffer;
pub mod codec;
mod js;
mod request;
mod response;
mod url;

pub use buffer::HttpBuffer;
pub use request::WasiRequest;
pub use response::{ChunkResponse, WasiResponse};
pub use url::HttpUrl;

use boa_engine::{Context, JsObject, JsResult, Module};

use crate::exports::Exports;

/// Builds the `wasi_http` module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    Ok(exports(context)?.into_module(context))
}

/// The exports of `wasi_http` (also installed as the global `http`).
pub fn exports(context: &mut Context) -> JsResult<Exports> {
    Exports::new()
        .class::<HttpBuffer>(context)?
        .class::<WasiRequest>(context)?
        .class::<WasiResponse>(context)?
        .class::<ChunkResponse>(context)?
        .class::<HttpUrl>(context)
}

/// The unread bytes of a `wasi_http.Buffer` object; `None` for any other object.
pub fn buffer_bytes(object: &JsObject) -> Option<Vec<u8>> {
    object.downcast_ref::<HttpBuffer>().map(|buffer| buffer.unread().to_vec())
}

#[cfg(test)]
mod tests;
