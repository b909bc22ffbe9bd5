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

/// Installs `env`, `exit`, `newStringFromUTF8` and `__dirname`.
pub fn register(context: &mut Context) -> JsResult<()> {
    let env = env_object(context);
    context.register_global_property(js_string!("env"), env, Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    context.register_global_builtin_callable(js_string!("exit"), 1, NativeFunction::from_fn_ptr(exit))?;
    context.register_global_builtin_callable(
        js_string!("newStringFromUTF8"),
        1,
        NativeFunction::from_fn_ptr(new_string_from_utf8),
    )?;
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
