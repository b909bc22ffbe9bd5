//! Small globals of the QuickJS runtime: `env`, `exit`, `newStringFromUTF8`, `__dirname`.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, ObjectInitializer},
    property::{Attribute, PropertyDescriptor},
};

/// The process environment as a plain object (also `process.env`).
pub fn env_object(context: &mut Context) -> boa_engine::JsObject {
    let mut env = ObjectInitializer::new(context);
    for (key, value) in std::env::vars() {
        env.property(JsString::from(key.as_str()), JsString::from(value.as_str()), Attribute::all());
    }
    env.build()
}

/// `exit(code)`: flushes output and leaves at once; pending work is discarded.
pub fn exit(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let code = if value.is_undefined() { 0 } else { value.to_i32(context)? };
    wasmedge_boa_platform::process::exit(code)
}

/// The bytes of an ArrayBuffer, TypedArray or DataView, or the unread bytes of a
/// `wasi_http.Buffer`.
pub fn bytes_of(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    if let Some(bytes) = crate::bytes::binary_bytes(value, context)? {
        return Ok(Some(bytes));
    }
    Ok(value.as_object().and_then(|o| crate::wasi_http::buffer_bytes(&o)))
}

/// `newStringFromUTF8(x)`: bytes decoded as strict UTF-8 (TypeError when invalid); any other value
/// through `String(x)`; no argument gives `undefined`.
fn new_string_from_utf8(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(value) = args.first() else { return Ok(JsValue::undefined()) };
    match bytes_of(value, context)? {
        Some(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(JsString::from(text.as_str()).into()),
            Err(_) => Err(JsNativeError::typ().with_message("newStringFromUTF8: the data is not valid UTF-8").into()),
        },
        None => Ok(value.to_string(context)?.into()),
    }
}

/// `__dirname`: the directory of the module that reads it, as its name was written (relative
/// names stay relative: `example_js/a.js` gives `example_js`, `a.js` gives `""`).
fn dirname(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    for frame in context.stack_trace() {
        if let boa_engine::vm::SourcePath::Path(path) = frame.position().path {
            let parent = path.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
            return Ok(JsString::from(parent.as_str()).into());
        }
    }
    Ok(JsValue::undefined())
}

/// Defines global `name` whose value `build` makes on first use; the first read (or an
/// assignment) replaces the accessor with a plain writable property.
pub fn lazy_global(context: &mut Context, name: &'static str, build: fn(&mut Context) -> JsResult<JsValue>) -> JsResult<()> {
    let key = JsString::from(name);
    let getter = NativeFunction::from_copy_closure(move |_, _, context| {
        let value = build(context)?;
        replace_with_value(name, value.clone(), context)?;
        Ok(value)
    });
    let setter = NativeFunction::from_copy_closure(move |_, args, context| {
        replace_with_value(name, args.get_or_undefined(0).clone(), context)?;
        Ok(JsValue::undefined())
    });
    let getter = FunctionObjectBuilder::new(context.realm(), getter).name(js_string!("get")).build();
    let setter = FunctionObjectBuilder::new(context.realm(), setter).name(js_string!("set")).length(1).build();
    context.global_object().define_property_or_throw(
        key,
        PropertyDescriptor::builder().get(getter).set(setter).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

fn replace_with_value(name: &str, value: JsValue, context: &mut Context) -> JsResult<()> {
    context.global_object().define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder().value(value).writable(true).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

/// Installs `env`, `exit`, `newStringFromUTF8`, `__dirname`, and the seed examples' `net` and
/// `http` (the `wasi_net` and `wasi_http` namespaces; an import of the same name shadows them).
pub fn register(context: &mut Context) -> JsResult<()> {
    let env = env_object(context);
    context.register_global_property(js_string!("env"), env, Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    context.register_global_builtin_callable(js_string!("exit"), 1, NativeFunction::from_fn_ptr(exit))?;
    context.register_global_builtin_callable(
        js_string!("newStringFromUTF8"),
        1,
        NativeFunction::from_fn_ptr(new_string_from_utf8),
    )?;
    lazy_global(context, "net", |context| Ok(crate::wasi_net::exports(context)?.to_object(context)?.into()))?;
    lazy_global(context, "http", |context| Ok(crate::wasi_http::exports(context)?.to_object(context)?.into()))?;
    let getter = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(dirname))
        .name(js_string!("get __dirname"))
        .build();
    context.global_object().define_property_or_throw(
        js_string!("__dirname"),
        PropertyDescriptor::builder().get(getter).enumerable(true).configurable(true),
        context,
    )?;
    Ok(())
}
