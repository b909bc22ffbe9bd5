//! Module `wasi_http`: HTTP/1.x parse and encode buffers (compat-spec §5.5).

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
