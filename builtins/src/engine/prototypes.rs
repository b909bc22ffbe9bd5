//! `Object.create`, `Object.setPrototypeOf`, `Reflect.setPrototypeOf` and the `__proto__` setter,
//! refusing prototype chains too long to follow.
//!
//! Boa 0.22 follows a prototype chain by native recursion (`ordinary_get`,
//! `ordinary_has_property` and `ordinary_set` call the parent's once per level), so a lookup that
//! misses on a chain of 100,000 objects overflows the native stack: the process ends natively
//! (with the last-resort message) and traps under WebAssembly. These four built-ins, the ways a
//! script gives an existing object a prototype, measure the chain the object would end before
//! Boa's own built-in runs, and refuse one longer than [`MAX_PROTOTYPE_CHAIN`] with a
//! `RangeError`. Object literals with `__proto__`, `class extends` and `new F()` set prototypes
//! inside Boa's VM, where nothing can check them.

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
    object::FunctionObjectBuilder, property::PropertyDescriptor,
};
use boa_gc::{Finalize, Trace};

/// The longest prototype chain these built-ins make, the object itself counted. Lookups work to
/// 20,000 levels under the test host's 4 MiB wasm stack; this leaves room for the code around.
pub const MAX_PROTOTYPE_CHAIN: usize = 10_000;

/// Boa's built-in and which of its arguments is the new prototype.
#[derive(Trace, Finalize)]
struct Guarded {
    original: JsObject,
    prototype_argument: usize,
}

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let object = context.intrinsics().constructors().object().constructor();
    guard_method(&object, js_string!("create"), 2, 0, context)?;
    guard_method(&object, js_string!("setPrototypeOf"), 2, 1, context)?;
    let reflect = context.intrinsics().objects().reflect();
    guard_method(&reflect, js_string!("setPrototypeOf"), 2, 1, context)?;

    let object_prototype = context.intrinsics().constructors().object().prototype();
    // Boa's own getOwnPropertyDescriptor: its internal one is not public.
    let describe = object.get(js_string!("getOwnPropertyDescriptor"), context)?;
    let describe = describe.as_callable().ok_or_else(|| JsNativeError::typ().with_message("Object.getOwnPropertyDescriptor is missing"))?;
    let accessor = describe.call(&object.clone().into(), &[object_prototype.clone().into(), js_string!("__proto__").into()], context)?;
    let setter = match accessor.as_object() {
        Some(accessor) => accessor.get(js_string!("set"), context)?.as_object(),
        None => None,
    };
    let setter = setter.ok_or_else(|| JsNativeError::typ().with_message("Object.prototype.__proto__ has no setter"))?;
    let setter = guarded(setter, js_string!("set __proto__"), 1, 0, context);
    object_prototype.define_property_or_throw(js_string!("__proto__"), PropertyDescriptor::builder().set(setter), context)?;
    Ok(())
}

/// Replaces `object[name]` by a guarded version of itself.
fn guard_method(object: &JsObject, name: JsString, length: usize, prototype_argument: usize, context: &mut Context) -> JsResult<()> {
    let original = object.get(name.clone(), context)?;
    let original = original
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{} is missing", name.to_std_string_escaped())))?;
    let function = guarded(original, name.clone(), length, prototype_argument, context);
    super::define_builtin(object, name, function, context)
}

fn guarded(original: JsObject, name: JsString, length: usize, prototype_argument: usize, context: &mut Context) -> JsObject {
    let function = NativeFunction::from_copy_closure_with_captures(call_guarded, Guarded { original, prototype_argument });
    FunctionObjectBuilder::new(context.realm(), function).name(name).length(length).build().into()
}

fn call_guarded(this: &JsValue, args: &[JsValue], guarded: &Guarded, context: &mut Context) -> JsResult<JsValue> {
    if let Some(prototype) = args.get(guarded.prototype_argument).and_then(JsValue::as_object) {
        check_chain(prototype)?;
    }
    guarded.original.call(this, args, context)
}

/// A `RangeError` if an object whose prototype is `prototype` would end a chain longer than
/// [`MAX_PROTOTYPE_CHAIN`]. Reads the prototypes Boa stores, so no proxy trap runs (a proxy ends
/// the walk: its own chain is limited where proxies are made, see `proxy.rs`).
fn check_chain(prototype: JsObject) -> JsResult<()> {
    let mut length = 1;
    let mut next = Some(prototype);
    while let Some(object) = next {
        length += 1;
        if length > MAX_PROTOTYPE_CHAIN {
            return Err(JsNativeError::range()
                .with_message(format!(
                    "Maximum call stack size exceeded: a prototype chain of more than {MAX_PROTOTYPE_CHAIN} objects could not be made"
                ))
                .into());
        }
        next = object.prototype();
    }
    Ok(())
}
