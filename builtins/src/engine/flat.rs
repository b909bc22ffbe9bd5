//! `Array.prototype.flat`, with a limit on nesting.
//!
//! Boa 0.22's FlattenIntoArray recurses natively once per level of nesting, so
//! `a.flat(Infinity)` of an array nested 100,000 deep (`a = [a]` in a loop) overflows the native
//! stack and kills the process. Here more than [`MAX_FLAT_DEPTH`] levels (or the stack budget) is
//! a `RangeError`; otherwise the spec's steps, ArraySpeciesCreate included.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsSymbol, JsValue, NativeFunction, js_string,
    object::{
        FunctionObjectBuilder,
        builtins::{JsArray, JsProxy},
    },
    value::IntegerOrInfinity,
};

use super::stack;

/// How many levels of nested arrays `flat` follows.
pub const MAX_FLAT_DEPTH: usize = 5_000;

/// 2^53 - 1: the largest array-like index.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let array = context.intrinsics().constructors().array().constructor();
    let is_array = array.get(js_string!("isArray"), context)?;
    let is_array = is_array.as_object().ok_or_else(|| JsNativeError::typ().with_message("Array.isArray is missing"))?;
    let flat = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_copy_closure_with_captures(flat, is_array))
        .name(js_string!("flat"))
        .length(0)
        .build();
    let array_prototype = context.intrinsics().constructors().array().prototype();
    super::define_builtin(&array_prototype, js_string!("flat"), flat, context)
}

/// IsArray: an Array exotic object, or a proxy of one (asked of `Array.isArray`).
fn is_array(value: &JsObject, is_array_fn: &JsObject, context: &mut Context) -> JsResult<bool> {
    if value.is_array() {
        return Ok(true);
    }
    if JsProxy::from_object(value.clone()).is_err() {
        return Ok(false);
    }
    Ok(is_array_fn.call(&JsValue::undefined(), &[value.clone().into()], context)?.to_boolean())
}

fn length_of_array_like(object: &JsObject, context: &mut Context) -> JsResult<u64> {
    object.get(js_string!("length"), context)?.to_length(context)
}

/// ArraySpeciesCreate(originalArray, 0).
fn array_species_create(original: &JsObject, is_array_fn: &JsObject, context: &mut Context) -> JsResult<JsObject> {
    if !is_array(original, is_array_fn, context)? {
        return Ok(JsArray::new(context)?.into());
    }
    let mut constructor = original.get(js_string!("constructor"), context)?;
    if let Some(object) = constructor.as_object() {
        constructor = object.get(JsSymbol::species(), context)?;
        if constructor.is_null() {
            constructor = JsValue::undefined();
        }
    }
    if constructor.is_undefined() {
        return Ok(JsArray::new(context)?.into());
    }
    let constructor = constructor
        .as_constructor()
        .ok_or_else(|| JsNativeError::typ().with_message("Array species constructor is not a constructor"))?;
    constructor.construct(&[JsValue::from(0)], None, context)
}

/// `Array.prototype.flat ( [ depth ] )`
fn flat(this: &JsValue, args: &[JsValue], is_array_fn: &JsObject, context: &mut Context) -> JsResult<JsValue> {
    let source = this.to_object(context)?;
    let source_len = length_of_array_like(&source, context)?;
    let depth = match args.get_or_undefined(0) {
        value if value.is_undefined() => 1.0,
        value => match value.to_integer_or_infinity(context)? {
            IntegerOrInfinity::Integer(n) => n.max(0) as f64,
            IntegerOrInfinity::PositiveInfinity => f64::INFINITY,
            IntegerOrInfinity::NegativeInfinity => 0.0,
        },
    };
    let target = array_species_create(&source, is_array_fn, context)?;
    flatten_into_array(&target, &source, source_len, 0, depth, 0, is_array_fn, context)?;
    Ok(target.into())
}

/// FlattenIntoArray(target, source, sourceLen, start, depth); returns the next target index.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    target: &JsObject,
    source: &JsObject,
    source_len: u64,
    start: u64,
    depth: f64,
    level: usize,
    is_array_fn: &JsObject,
    context: &mut Context,
) -> JsResult<u64> {
    if level > MAX_FLAT_DEPTH {
        return Err(super::stack_overflow_error());
    }
    stack::check()?;
    let mut target_index = start;
    for source_index in 0..source_len {
        if !source.has_property(source_index, context)? {
            continue;
        }
        let element = source.get(source_index, context)?;
        let nested = match element.as_object() {
            Some(object) if depth > 0.0 && is_array(&object, is_array_fn, context)? => Some(object),
            _ => None,
        };
        if let Some(nested) = nested {
            let len = length_of_array_like(&nested, context)?;
            target_index = flatten_into_array(target, &nested, len, target_index, depth - 1.0, level + 1, is_array_fn, context)?;
        } else {
            if target_index >= MAX_SAFE_INTEGER {
                return Err(JsNativeError::typ().with_message("flat: the result would be too long").into());
            }
            target.create_data_property_or_throw(target_index, element, context)?;
            target_index += 1;
        }
    }
    Ok(target_index)
}
