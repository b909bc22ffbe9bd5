//! Node's own globals: `global` (the global object), `Buffer`, which loads the `buffer` library
//! module on first use (Node programs use it without importing it), and V8's error-stack API.

use boa_engine::{Context, JsResult, js_string, property::Attribute};

pub fn register(context: &mut Context) -> JsResult<()> {
    super::error_stack::register(context)?;
    let global = context.global_object();
    context.register_global_property(js_string!("global"), global, Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    crate::globals::lazy_global(context, "Buffer", |context| {
        let namespace = crate::import_sync("buffer", context)?;
        namespace.get(js_string!("Buffer"), context)
    })?;
    Ok(())
}
