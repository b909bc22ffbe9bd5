//! Module `wasi_http`: HTTP/1.x parse and encode buffers (compat-spec §5.5).

pub mod codec;

use boa_engine::{Context, JsResult, Module};

use crate::exports::Exports;

/// Builds the `wasi_http` module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    Ok(exports(context)?.into_module(context))
}

/// The exports of `wasi_http` (also installed as the global `http`).
pub fn exports(_context: &mut Context) -> JsResult<Exports> {
    Ok(Exports::new())
}

/// The unread bytes of a `wasi_http.Buffer` object; `None` for any other object.
/// (Stub added by the lead so callers compile; the wasi_http owner replaces it.)
pub fn buffer_bytes(_object: &boa_engine::JsObject) -> Option<Vec<u8>> {
    None
}

