//! `Array.prototype.sort`, `Array.prototype.toSorted`, `%TypedArray%.prototype.sort` and
//! `%TypedArray%.prototype.toSorted`.
//!
//! Boa 0.22 hands the script's comparator to Rust's `sort_by`, which panics when the comparator
//! is not a total order (`[...Array(100).keys()].sort(() => Math.random() - 0.5)`, or mathjs's
//! `typed-function`), and reserves `length` slots up front (`Array.prototype.sort.call({length:
//! 2 ** 32})` aborts on allocation). These follow the spec's steps (SortIndexedProperties,
//! CompareArrayElements, CompareTypedArrayElements) around [`merge_sort`], which accepts any
//! comparator: an inconsistent one gives some order, never a crash.

use std::cmp::Ordering;

use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    builtins::typed_array::{TypedArray, TypedArrayKind},
    js_string,
    object::builtins::{JsArray, JsArrayBuffer, JsSharedArrayBuffer, JsTypedArray},
};

use super::{catchable, define_method, merge_sort::sort_indices};

/// Elements read before sorting; grown as needed rather than reserved from `length`.
const INITIAL_CAPACITY: u64 = 1 << 12;

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let array_prototype = context.intrinsics().constructors().array().prototype();
    define_method(&array_prototype, js_string!("sort"), 1, array_sort, context)?;
    define_method(&array_prototype, js_string!("toSorted"), 1, array_to_sorted, context)?;
    let typed_array_prototype = context.intrinsics().constructors().typed_array().prototype();
    define_method(&typed_array_prototype, js_string!("sort"), 1, typed_array_sort, context)?;
    define_method(&typed_array_prototype, js_string!("toSorted"), 1, typed_array_to_sorted, context)?;
    Ok(())
}

/// Step 1 of every sort: `comparefn` is undefined or callable.
fn comparator(args: &[JsValue]) -> JsResult<Option<JsObject>> {
    match args.get_or_undefined(0) {
        value if value.is_undefined() => Ok(None),
        value => value.as_callable().map(Some).ok_or_else(|| {
            JsNativeError::typ().with_message("The comparison function must be either a function or undefined").into()
        }),
    }
}

/// `ToLength(? Get(obj, "length"))`.
fn length_of_array_like(object: &JsObject, context: &mut Context) -> JsResult<u64> {
    object.get(js_string!("length"), context)?.to_length(context)
}

/// `? ToNumber(? Call(comparefn, undefined, « x, y »)) > 0` (NaN counts as 0).
fn compare_fn_says_after(comparefn: &JsObject, x: &JsValue, y: &JsValue, context: &mut Context) -> JsResult<bool> {
    let result = comparefn.call(&JsValue::undefined(), &[x.clone(), y.clone()], context).map_err(catchable)?;
    Ok(result.to_number(context)? > 0.0)
}

/// Sorts `items` (no `undefined` among them) as CompareArrayElements orders them.
fn sort_array_items(items: Vec<JsValue>, comparefn: Option<&JsObject>, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let order = match comparefn {
        Some(comparefn) => sort_indices(items.len(), |a, b| compare_fn_says_after(comparefn, &items[a], &items[b], context))?,
        // All primitives (no symbol): their ToString is not observable, so each is converted
        // once and the keys are sorted by std's stable sort, which is safe here because the
        // comparison (code units, lexicographic) is a total order.
        None if items.iter().all(|item| !item.is_object() && !item.is_symbol()) => {
            let mut keyed = Vec::with_capacity(items.len());
            for item in items {
                keyed.push((item.to_string(context)?, item));
            }
            keyed.sort_by(|(x, _), (y, _)| x.cmp(y));
            return Ok(keyed.into_iter().map(|(_, item)| item).collect());
        }
        // Objects (whose toString may do anything) and symbols (which throw) are converted at
        // each comparison, as SortCompare does; primitives once.
        None => {
            let keys: Vec<Option<JsString>> = items
                .iter()
                .map(|item| match item.is_object() || item.is_symbol() {
                    true => None,
                    false => item.to_string(context).ok(),
                })
                .collect();
            sort_indices(items.len(), |a, b| {
                let x = match &keys[a] {
                    Some(key) => key.clone(),
                    None => items[a].to_string(context)?,
                };
                let y = match &keys[b] {
                    Some(key) => key.clone(),
                    None => items[b].to_string(context)?,
                };
                Ok::<_, JsError>(x.cmp(&y) == Ordering::Greater)
            })?
        }
    };
    Ok(permute(items, &order))
}

/// `items` in the order of `order` (a permutation of their indices).
fn permute(mut items: Vec<JsValue>, order: &[usize]) -> Vec<JsValue> {
    order.iter().map(|&i| std::mem::take(&mut items[i])).collect()
}

/// SortIndexedProperties for arrays: the present (`skip_holes`) or all elements, split into the
/// defined ones and the number of `undefined`s (which CompareArrayElements puts last, unordered).
fn read_array_items(object: &JsObject, len: u64, skip_holes: bool, context: &mut Context) -> JsResult<(Vec<JsValue>, u64)> {
    let mut items = Vec::with_capacity(len.min(INITIAL_CAPACITY) as usize);
    let mut undefined = 0;
    for k in 0..len {
        if skip_holes && !object.has_property(k, context)? {
            continue;
        }
        let value = object.get(k, context)?;
        if value.is_undefined() {
            undefined += 1;
        } else {
            items.push(value);
        }
    }
    Ok((items, undefined))
}

/// `Array.prototype.sort ( comparefn )`
fn array_sort(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let comparefn = comparator(args)?;
    let object = this.to_object(context)?;
    let len = length_of_array_like(&object, context)?;
    let (items, undefined) = read_array_items(&object, len, true, context)?;
    let sorted = sort_array_items(items, comparefn.as_ref(), context)?;
    let item_count = sorted.len() as u64 + undefined;
    for (j, item) in sorted.into_iter().enumerate() {
        object.set(j as u64, item, true, context)?;
    }
    for j in item_count - undefined..item_count {
        object.set(j, JsValue::undefined(), true, context)?;
    }
    // The holes that were skipped stay holes, at the end.
    for j in item_count..len {
        object.delete_property_or_throw(j, context)?;
    }
    Ok(object.into())
}

/// `Array.prototype.toSorted ( comparefn )`
fn array_to_sorted(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let comparefn = comparator(args)?;
    let object = this.to_object(context)?;
    let len = length_of_array_like(&object, context)?;
    // ArrayCreate(len).
    if len > u64::from(u32::MAX) {
        return Err(JsNativeError::range().with_message("Invalid array length").into());
    }
    let (items, undefined) = read_array_items(&object, len, false, context)?;
    let mut sorted = sort_array_items(items, comparefn.as_ref(), context)?;
    sorted.extend((0..undefined).map(|_| JsValue::undefined()));
    Ok(JsArray::from_iter(sorted, context).into())
}

/// ValidateTypedArray(O, seq-cst): the typed array and its current length, or a TypeError when
/// `value` is not a typed array, or its buffer is detached or too small for it.
pub(super) fn validate_typed_array(value: &JsValue, context: &mut Context) -> JsResult<(JsTypedArray, TypedArrayKind, u64)> {
    let not_typed_array = || JsError::from(JsNativeError::typ().with_message("`this` is not a typed array object"));
    let object = value.as_object().filter(|o| o.is::<TypedArray>()).ok_or_else(not_typed_array)?;
    let typed_array = JsTypedArray::from_object(object.clone())?;
    let buffer = typed_array.buffer(context)?;
    let buffer = buffer.as_object().ok_or_else(not_typed_array)?;
    let buffer_len = match JsArrayBuffer::from_object(buffer.clone()) {
        Ok(buffer) => buffer.data().map(|bytes| bytes.len() as u64),
        Err(_) => Some(JsSharedArrayBuffer::from_object(buffer.clone())?.byte_length() as u64),
    };
    let out_of_bounds = || JsError::from(JsNativeError::typ().with_message("typed array is outside the bounds of its inner buffer"));
    let buffer_len = buffer_len.ok_or_else(out_of_bounds)?;
    let data = object.downcast_ref::<TypedArray>().ok_or_else(not_typed_array)?;
    let kind = data.kind();
    let offset = data.byte_offset();
    if offset > buffer_len {
        return Err(out_of_bounds());
    }
    // A fixed-length view reports its own length; an auto-length one what fits in the buffer.
    let len = data.array_length(buffer_len as usize);
    if offset + len * element_size(kind) > buffer_len {
        return Err(out_of_bounds());
    }
    Ok((typed_array, kind, len))
}

fn element_size(kind: TypedArrayKind) -> u64 {
    match kind {
        TypedArrayKind::Int8 | TypedArrayKind::Uint8 | TypedArrayKind::Uint8Clamped => 1,
        TypedArrayKind::Int16 | TypedArrayKind::Uint16 | TypedArrayKind::Float16 => 2,
        TypedArrayKind::Int32 | TypedArrayKind::Uint32 | TypedArrayKind::Float32 => 4,
        TypedArrayKind::BigInt64 | TypedArrayKind::BigUint64 | TypedArrayKind::Float64 => 8,
    }
}

/// CompareTypedArrayElements without a comparator: numeric order, -0 before +0, NaN last. A
/// total order (all NaNs equal), so std's sort may use it.
fn numeric_order(x: &JsValue, y: &JsValue) -> Ordering {
    if let (Some(x), Some(y)) = (x.as_bigint(), y.as_bigint()) {
        return x.cmp(&y);
    }
    let (x, y) = (x.as_number().unwrap_or(f64::NAN), y.as_number().unwrap_or(f64::NAN));
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        // Both numbers: `total_cmp` orders them, -0 before +0 included.
        _ => x.total_cmp(&y),
    }
}

/// SortIndexedProperties(O, len, SortCompare, read-through-holes) for a typed array.
fn sort_typed_array_items(typed_array: &JsTypedArray, len: u64, comparefn: Option<&JsObject>, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let object: JsObject = typed_array.clone().into();
    let mut items = Vec::with_capacity(len.min(INITIAL_CAPACITY) as usize);
    for k in 0..len {
        items.push(object.get(k, context)?);
    }
    let Some(comparefn) = comparefn else {
        items.sort_by(numeric_order);
        return Ok(items);
    };
    let order = sort_indices(items.len(), |a, b| compare_fn_says_after(comparefn, &items[a], &items[b], context))?;
    Ok(permute(items, &order))
}

/// `%TypedArray%.prototype.sort ( comparefn )`
fn typed_array_sort(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let comparefn = comparator(args)?;
    let (typed_array, _, len) = validate_typed_array(this, context)?;
    let sorted = sort_typed_array_items(&typed_array, len, comparefn.as_ref(), context)?;
    let object: JsObject = typed_array.into();
    // The comparator may have shrunk the buffer: writes past its end are ignored, as Set on a
    // typed array does.
    for (j, item) in sorted.into_iter().enumerate() {
        object.set(j as u64, item, true, context)?;
    }
    Ok(object.into())
}

/// `%TypedArray%.prototype.toSorted ( comparefn )`
fn typed_array_to_sorted(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let comparefn = comparator(args)?;
    let (typed_array, kind, len) = validate_typed_array(this, context)?;
    // TypedArrayCreateSameType(O, « 𝔽(len) »).
    let constructor = typed_array_constructor(kind, context);
    let result = constructor.construct(&[JsValue::from(len as f64)], None, context)?;
    let sorted = sort_typed_array_items(&typed_array, len, comparefn.as_ref(), context)?;
    for (j, item) in sorted.into_iter().enumerate() {
        result.set(j as u64, item, true, context)?;
    }
    Ok(result.into())
}

fn typed_array_constructor(kind: TypedArrayKind, context: &mut Context) -> JsObject {
    let constructors = context.intrinsics().constructors();
    let standard = match kind {
        TypedArrayKind::Int8 => constructors.typed_int8_array(),
        TypedArrayKind::Uint8 => constructors.typed_uint8_array(),
        TypedArrayKind::Uint8Clamped => constructors.typed_uint8clamped_array(),
        TypedArrayKind::Int16 => constructors.typed_int16_array(),
        TypedArrayKind::Uint16 => constructors.typed_uint16_array(),
        TypedArrayKind::Int32 => constructors.typed_int32_array(),
        TypedArrayKind::Uint32 => constructors.typed_uint32_array(),
        TypedArrayKind::BigInt64 => constructors.typed_bigint64_array(),
        TypedArrayKind::BigUint64 => constructors.typed_biguint64_array(),
        TypedArrayKind::Float16 => constructors.typed_float16_array(),
        TypedArrayKind::Float32 => constructors.typed_float32_array(),
        TypedArrayKind::Float64 => constructors.typed_float64_array(),
    };
    standard.constructor()
}
