//! `Function.prototype.apply`, `Reflect.apply`, `Reflect.construct` and `Function.prototype.bind`.
//!
//! Boa 0.22's CreateListFromArrayLike reserves `length` slots before reading one, so
//! `f.apply(null, {length: 2 ** 32 - 1})` fails an allocation of 32 GiB (natively the last resort
//! reports it, under WebAssembly a capacity overflow): here an array-like longer than
//! [`MAX_ARGUMENTS`] is a `RangeError` before anything is allocated.
//!
//! `bind` names each bound function `"bound " + the target's name` as one flat string, so a chain
//! of N binds (`f = f.bind(null)` in a loop) costs memory in N²: 100,000 binds exhaust the
//! machine. Chains longer than [`MAX_BIND_CHAIN`] are a `RangeError`; binding itself stays Boa's.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsValue, NativeFunction,
    builtins::function::BoundFunction,
    js_string,
    object::{FunctionObjectBuilder, builtins::JsWeakMap},
};
use boa_gc::{Finalize, Trace};

use super::{catchable, define_builtin, define_method};

/// The most arguments one call may spread from an array-like (Boa's VM stack holds them all).
pub const MAX_ARGUMENTS: u64 = 1 << 20;

/// The longest chain of bound functions (`bind` of a bound function of …); its innermost name is
/// then about 12 KB.
pub const MAX_BIND_CHAIN: u32 = 2_000;

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let function_prototype = context.intrinsics().constructors().function().prototype();
    define_method(&function_prototype, js_string!("apply"), 2, apply, context)?;
    let reflect = context.intrinsics().objects().reflect();
    define_method(&reflect, js_string!("apply"), 3, reflect_apply, context)?;
    define_method(&reflect, js_string!("construct"), 2, reflect_construct, context)?;

    let original = function_prototype.get(js_string!("bind"), context)?;
    let original = original.as_object().ok_or_else(|| JsNativeError::typ().with_message("Function.prototype.bind is missing"))?;
    let binder = Binder { original, chains: JsWeakMap::new(context) };
    let bind = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_copy_closure_with_captures(bind, binder))
        .name(js_string!("bind"))
        .length(1)
        .build();
    define_builtin(&function_prototype, js_string!("bind"), bind, context)
}

/// CreateListFromArrayLike(obj), refusing more than [`MAX_ARGUMENTS`] elements.
fn create_list_from_array_like(value: &JsValue, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let object = value
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("the arguments list must be an object (an array or array-like)"))?;
    let len = object.get(js_string!("length"), context)?.to_length(context)?;
    if len > MAX_ARGUMENTS {
        return Err(JsNativeError::range()
            .with_message(format!("Invalid array length: {len} arguments (at most {MAX_ARGUMENTS})"))
            .into());
    }
    (0..len).map(|k| object.get(k, context)).collect()
}

fn callable(value: &JsValue, what: &str) -> JsResult<JsObject> {
    value
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what} is not a function")).into())
}

fn constructor(value: &JsValue, what: &str) -> JsResult<JsObject> {
    value
        .as_constructor()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what} is not a constructor")).into())
}

/// `Function.prototype.apply ( thisArg, argArray )`
fn apply(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let function = callable(this, "Function.prototype.apply was called on a value that")?;
    let arg_array = args.get_or_undefined(1);
    let list = if arg_array.is_null_or_undefined() { Vec::new() } else { create_list_from_array_like(arg_array, context)? };
    function.call(args.get_or_undefined(0), &list, context).map_err(catchable)
}

/// `Reflect.apply ( target, thisArgument, argumentsList )`
fn reflect_apply(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = callable(args.get_or_undefined(0), "Reflect.apply's target")?;
    let list = create_list_from_array_like(args.get_or_undefined(2), context)?;
    target.call(args.get_or_undefined(1), &list, context).map_err(catchable)
}

/// `Reflect.construct ( target, argumentsList [ , newTarget ] )`
fn reflect_construct(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = constructor(args.get_or_undefined(0), "Reflect.construct's target")?;
    let new_target = match args.get(2) {
        Some(value) => constructor(value, "Reflect.construct's newTarget")?,
        None => target.clone(),
    };
    let list = create_list_from_array_like(args.get_or_undefined(1), context)?;
    Ok(target.construct(&list, Some(&new_target), context).map_err(catchable)?.into())
}

#[derive(Trace, Finalize)]
struct Binder {
    original: JsObject,
    /// Bound function → length of its chain, for chains longer than one.
    chains: JsWeakMap,
}

/// `Function.prototype.bind ( thisArg, ...args )`: Boa's, once the chain is known to be short.
fn bind(this: &JsValue, args: &[JsValue], binder: &Binder, context: &mut Context) -> JsResult<JsValue> {
    let chain = match this.as_object() {
        Some(target) if target.is::<BoundFunction>() => {
            1 + binder.chains.get(&target, context)?.as_number().map_or(1, |n| n as u32)
        }
        _ => 1,
    };
    if chain > MAX_BIND_CHAIN {
        return Err(JsNativeError::range()
            .with_message(format!("Maximum call stack size exceeded: a chain of more than {MAX_BIND_CHAIN} bound functions"))
            .into());
    }
    let bound = binder.original.call(this, args, context)?;
    if chain > 1
        && let Some(bound) = bound.as_object()
    {
        binder.chains.set(&bound, JsValue::from(chain), context)?;
    }
    Ok(bound)
}
