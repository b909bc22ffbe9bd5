//! Small globals of the QuickJS runtime: `env`, `exit`, `newStringFromUTF8`, `__dirname`.

use boa_gc::{Finalize, Gc, GcRefCell, Trace};
use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, ObjectInitializer},
    property::{Attribute, PropertyDescriptor},
};

/// The process environment as a plain object (also `process.env`).
pub fn env_object(context: &mut Context) -> JsObject {
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
    Ok(value.as_object().and_then(|o| crate::wasmedge::wasi_http::buffer_bytes(&o)))
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

/// Defines global `name` whose value `build` makes on first use. It stays an accessor: the value
/// (or whatever a script assigns) is kept in a traced cell shared by the getter and setter.
/// (Replacing the accessor with a data property on first use confused Boa 0.22's property
/// caches: a later `new http.X()` at a cached site failed with "not a callable function".)
pub fn lazy_global(context: &mut Context, name: &'static str, build: fn(&mut Context) -> JsResult<JsValue>) -> JsResult<()> {
    let cell: Gc<GcRefCell<Option<JsValue>>> = Gc::new(GcRefCell::new(None));
    let getter = NativeFunction::from_copy_closure_with_captures(
        move |_, _, cell: &Gc<GcRefCell<Option<JsValue>>>, context| {
            if let Some(value) = cell.borrow().clone() {
                return Ok(value);
            }
            let value = build(context)?;
            *cell.borrow_mut() = Some(value.clone());
            Ok(value)
        },
        cell.clone(),
    );
    let setter = NativeFunction::from_copy_closure_with_captures(
        |_, args, cell: &Gc<GcRefCell<Option<JsValue>>>, _| {
            *cell.borrow_mut() = Some(args.get_or_undefined(0).clone());
            Ok(JsValue::undefined())
        },
        cell,
    );
    define_accessor(context, name, getter, setter)
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
    lazy_global(context, "net", |context| Ok(crate::wasmedge::wasi_net::exports(context)?.to_object(context)?.into()))?;
    lazy_global(context, "http", |context| Ok(crate::wasmedge::wasi_http::exports(context)?.to_object(context)?.into()))?;
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

/// One global of a family built together (see [`lazy_family`]).
#[derive(Clone, Trace, Finalize)]
struct FamilySlot {
    /// The family's exports, once built.
    family: Gc<GcRefCell<Option<JsObject>>>,
    /// This global's value once read or assigned (an assignment replaces it).
    value: Gc<GcRefCell<Option<JsValue>>>,
    #[unsafe_ignore_trace]
    name: &'static str,
    #[unsafe_ignore_trace]
    build: fn(&mut Context) -> JsResult<JsObject>,
}

fn family_get(_: &JsValue, _: &[JsValue], slot: &FamilySlot, context: &mut Context) -> JsResult<JsValue> {
    if let Some(value) = slot.value.borrow().clone() {
        return Ok(value);
    }
    let existing = slot.family.borrow().clone();
    let exports = match existing {
        Some(exports) => exports,
        None => {
            let exports = (slot.build)(context)?;
            *slot.family.borrow_mut() = Some(exports.clone());
            exports
        }
    };
    let value = exports.get(JsString::from(slot.name), context)?;
    *slot.value.borrow_mut() = Some(value.clone());
    Ok(value)
}

fn family_set(_: &JsValue, args: &[JsValue], slot: &FamilySlot, _: &mut Context) -> JsResult<JsValue> {
    *slot.value.borrow_mut() = Some(args.get_or_undefined(0).clone());
    Ok(JsValue::undefined())
}

/// Defines globals `names`, all made by one call of `build` on the first use of any of them
/// (`build` returns an object holding every name). Start-up pays for two small functions per
/// name; the family's classes and scripts are made only when a script touches one of them.
pub fn lazy_family(context: &mut Context, names: &'static [&'static str], build: fn(&mut Context) -> JsResult<JsObject>) -> JsResult<()> {
    let family: Gc<GcRefCell<Option<JsObject>>> = Gc::new(GcRefCell::new(None));
    for name in names {
        let slot = FamilySlot { family: family.clone(), value: Gc::new(GcRefCell::new(None)), name, build };
        let getter = NativeFunction::from_copy_closure_with_captures(family_get, slot.clone());
        let setter = NativeFunction::from_copy_closure_with_captures(family_set, slot);
        define_accessor(context, name, getter, setter)?;
    }
    Ok(())
}

/// Defines global `name` as a configurable, non-enumerable accessor.
fn define_accessor(context: &mut Context, name: &str, getter: NativeFunction, setter: NativeFunction) -> JsResult<()> {
    let getter = FunctionObjectBuilder::new(context.realm(), getter).name(JsString::from(format!("get {name}").as_str())).build();
    let setter = FunctionObjectBuilder::new(context.realm(), setter).name(JsString::from(format!("set {name}").as_str())).length(1).build();
    context.global_object().define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder().get(getter).set(setter).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}
