//! Node's own globals: `global` (the global object), `Buffer`, which loads the `buffer` library
//! module on first use (Node programs use it without importing it), and V8's error-stack API.

use boa_engine::{
    Context, JsResult, JsSymbol, js_string,
    property::{Attribute, PropertyDescriptor},
};

pub fn register(context: &mut Context) -> JsResult<()> {
    super::error_stack::register(context)?;
    let global = context.global_object();
    context.register_global_property(js_string!("global"), global.clone(), Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    // `[object global]`, as in Node.
    global.define_property_or_throw(
        JsSymbol::to_string_tag(),
        PropertyDescriptor::builder().value(js_string!("global")).writable(false).enumerable(false).configurable(true),
        context,
    )?;
    crate::globals::lazy_global(context, "Buffer", |context| {
        let namespace = crate::import_sync("buffer", context)?;
        namespace.get(js_string!("Buffer"), context)
    })?;
    Ok(())
}
