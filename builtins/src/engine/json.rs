//! `JSON.stringify`, following the spec (SerializeJSONProperty, SerializeJSONObject,
//! SerializeJSONArray, QuoteJSONString), with a limit on nesting.
//!
//! Boa 0.22 serializes by native recursion without a limit, so `JSON.stringify` of an object
//! nested 100,000 deep (`o = {a: o}` in a loop) overflows the native stack and kills the process.
//! Here nesting deeper than [`MAX_JSON_DEPTH`], or than the stack budget, is a `RangeError`. The
//! output is written into one buffer.

use boa_engine::{
    Context, JsArgs, JsBigInt, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, js_string,
    string::JsStrVariant,
};
use boa_gc::{Finalize, Trace};

use super::{catchable, stack};

/// How deeply objects and arrays may nest in `JSON.stringify`.
pub const MAX_JSON_DEPTH: usize = 5_000;

/// The intrinsics the algorithm calls (captured when installed, so scripts cannot swap them).
#[derive(Trace, Finalize, Clone)]
struct Intrinsics {
    /// `Object.keys`: EnumerableOwnProperties(O, key).
    keys: JsObject,
    /// `Array.isArray`: IsArray, which looks through proxies.
    is_array: JsObject,
    /// `JSON.isRawJSON`.
    is_raw_json: JsObject,
    /// `Reflect.get`, for GetV on a BigInt (the getter's receiver is the primitive).
    reflect_get: JsObject,
}

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let get = |object: &JsObject, name: JsString, context: &mut Context| -> JsResult<JsObject> {
        object.get(name.clone(), context)?.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message(format!("{} is missing", name.to_std_string_lossy())).into()
        })
    };
    let object = context.intrinsics().constructors().object().constructor();
    let array = context.intrinsics().constructors().array().constructor();
    let json = context.intrinsics().objects().json();
    let intrinsics = Intrinsics {
        keys: get(&object, js_string!("keys"), context)?,
        is_array: get(&array, js_string!("isArray"), context)?,
        is_raw_json: get(&json, js_string!("isRawJSON"), context)?,
        reflect_get: get(&context.intrinsics().objects().reflect(), js_string!("get"), context)?,
    };
    let function = boa_engine::NativeFunction::from_copy_closure_with_captures(stringify, intrinsics);
    let function = boa_engine::object::FunctionObjectBuilder::new(context.realm(), function)
        .name(js_string!("stringify"))
        .length(3)
        .build();
    super::define_builtin(&json, js_string!("stringify"), function, context)
}

struct State<'a> {
    intrinsics: &'a Intrinsics,
    replacer: Option<JsObject>,
    property_list: Option<Vec<JsString>>,
    gap: Vec<u16>,
    indent: Vec<u16>,
    /// The objects being serialized, outermost first (cycle detection).
    stack: Vec<JsObject>,
    out: Vec<u16>,
}

fn is_array(value: &JsObject, intrinsics: &Intrinsics, context: &mut Context) -> JsResult<bool> {
    if value.is_array() {
        return Ok(true);
    }
    if boa_engine::object::builtins::JsProxy::from_object(value.clone()).is_err() {
        return Ok(false);
    }
    Ok(intrinsics.is_array.call(&JsValue::undefined(), &[value.clone().into()], context)?.to_boolean())
}

fn length_of_array_like(object: &JsObject, context: &mut Context) -> JsResult<u64> {
    object.get(js_string!("length"), context)?.to_length(context)
}

/// `JSON.stringify ( value [ , replacer [ , space ] ] )`
fn stringify(_: &JsValue, args: &[JsValue], intrinsics: &Intrinsics, context: &mut Context) -> JsResult<JsValue> {
    let mut state = State { intrinsics, replacer: None, property_list: None, gap: Vec::new(), indent: Vec::new(), stack: Vec::new(), out: Vec::new() };
    if let Some(replacer) = args.get_or_undefined(1).as_object() {
        if replacer.is_callable() {
            state.replacer = Some(replacer.clone());
        } else if is_array(&replacer, intrinsics, context)? {
            let mut list: Vec<JsString> = Vec::new();
            let len = length_of_array_like(&replacer, context)?;
            for k in 0..len {
                let v = replacer.get(k, context)?;
                let item = if let Some(s) = v.as_string() {
                    Some(s.clone())
                } else if v.is_number() {
                    Some(v.to_string(context)?)
                } else if let Some(o) = v.as_object()
                    && (o.is::<JsString>() || o.is::<f64>())
                {
                    Some(v.to_string(context)?)
                } else {
                    None
                };
                if let Some(item) = item
                    && !list.contains(&item)
                {
                    list.push(item);
                }
            }
            state.property_list = Some(list);
        }
    }
    let mut space = args.get_or_undefined(2).clone();
    if let Some(o) = space.as_object() {
        if o.is::<f64>() {
            space = space.to_number(context)?.into();
        } else if o.is::<JsString>() {
            space = space.to_string(context)?.into();
        }
    }
    if space.is_number() {
        let n = space.to_integer_or_infinity(context)?;
        let n = match n {
            boa_engine::value::IntegerOrInfinity::Integer(n) => n.clamp(0, 10) as usize,
            boa_engine::value::IntegerOrInfinity::PositiveInfinity => 10,
            boa_engine::value::IntegerOrInfinity::NegativeInfinity => 0,
        };
        state.gap = vec![u16::from(b' '); n];
    } else if let Some(s) = space.as_string() {
        state.gap = s.iter().take(10).collect();
    }
    let wrapper = JsObject::with_object_proto(context.intrinsics());
    wrapper.create_data_property_or_throw(js_string!(), args.get_or_undefined(0).clone(), context)?;
    if state.serialize_property(js_string!(), &wrapper, context)? {
        Ok(JsString::from(state.out.as_slice()).into())
    } else {
        Ok(JsValue::undefined())
    }
}

impl State<'_> {
    fn push_ascii(&mut self, text: &str) {
        self.out.extend(text.bytes().map(u16::from));
    }

    /// SerializeJSONProperty: writes the value's JSON and returns true, or writes nothing and
    /// returns false (undefined, functions, symbols).
    fn serialize_property(&mut self, key: JsString, holder: &JsObject, context: &mut Context) -> JsResult<bool> {
        let mut value = holder.get(key.clone(), context)?;
        if value.is_object() || value.is_bigint() {
            // GetV(value, "toJSON"): for a BigInt, on its wrapper with the primitive as receiver.
            let to_json = match value.as_object() {
                Some(object) => object.get(js_string!("toJSON"), context)?,
                None => {
                    let wrapper = value.to_object(context)?;
                    let args = [wrapper.into(), js_string!("toJSON").into(), value.clone()];
                    self.intrinsics.reflect_get.call(&JsValue::undefined(), &args, context)?
                }
            };
            if let Some(to_json) = to_json.as_callable() {
                value = to_json.call(&value, &[key.clone().into()], context).map_err(catchable)?;
            }
        }
        if let Some(replacer) = &self.replacer {
            value = replacer.call(&holder.clone().into(), &[key.into(), value], context).map_err(catchable)?;
        }
        if let Some(object) = value.as_object() {
            if object.is::<f64>() {
                value = value.to_number(context)?.into();
            } else if object.is::<JsString>() {
                value = value.to_string(context)?.into();
            } else if let Some(boolean) = object.downcast_ref::<bool>().map(|b| *b) {
                value = boolean.into();
            } else if let Some(bigint) = object.downcast_ref::<JsBigInt>().map(|b| b.clone()) {
                value = bigint.into();
            } else if object.prototype().is_none()
                && self.intrinsics.is_raw_json.call(&JsValue::undefined(), &[value.clone()], context)?.to_boolean()
            {
                let raw = object.get(js_string!("rawJSON"), context)?.to_string(context)?;
                self.out.extend(raw.iter());
                return Ok(true);
            }
        }
        if value.is_null() {
            self.push_ascii("null");
        } else if let Some(boolean) = value.as_boolean() {
            self.push_ascii(if boolean { "true" } else { "false" });
        } else if let Some(string) = value.as_string() {
            quote(&string, &mut self.out);
        } else if let Some(number) = value.as_number() {
            if number.is_finite() {
                let text = value.to_string(context)?;
                self.out.extend(text.iter());
            } else {
                self.push_ascii("null");
            }
        } else if value.is_bigint() {
            return Err(JsNativeError::typ().with_message("cannot serialize a BigInt to JSON").into());
        } else if let Some(object) = value.as_object().filter(|o| !o.is_callable()) {
            if is_array(&object, self.intrinsics, context)? {
                self.serialize_array(&object, context)?;
            } else {
                self.serialize_object(&object, context)?;
            }
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// Enters `value`: cycle and depth checks, one more indent.
    fn enter(&mut self, value: &JsObject) -> JsResult<Vec<u16>> {
        if self.stack.contains(value) {
            return Err(JsNativeError::typ().with_message("cyclic object value").into());
        }
        if self.stack.len() >= MAX_JSON_DEPTH {
            return Err(super::stack_overflow_error());
        }
        stack::check()?;
        self.stack.push(value.clone());
        let stepback = self.indent.clone();
        self.indent.extend_from_slice(&self.gap.clone());
        Ok(stepback)
    }

    fn leave(&mut self, stepback: Vec<u16>) {
        self.stack.pop();
        self.indent = stepback;
    }

    /// Before a member: `,` after the first, then a new line and the indent when there is a gap.
    fn separator(&mut self, first: bool) {
        if !first {
            self.out.push(u16::from(b','));
        }
        if !self.gap.is_empty() {
            self.out.push(u16::from(b'\n'));
            let indent = self.indent.clone();
            self.out.extend_from_slice(&indent);
        }
    }

    /// The closing bracket: on its own line at the outer indent when there is a gap and members.
    fn close(&mut self, bracket: u8, empty: bool, stepback: &[u16]) {
        if !empty && !self.gap.is_empty() {
            self.out.push(u16::from(b'\n'));
            self.out.extend_from_slice(stepback);
        }
        self.out.push(u16::from(bracket));
    }

    fn serialize_object(&mut self, value: &JsObject, context: &mut Context) -> JsResult<()> {
        let stepback = self.enter(value)?;
        let keys: Vec<JsString> = match &self.property_list {
            Some(list) => list.clone(),
            None => {
                let keys = self.intrinsics.keys.call(&JsValue::undefined(), &[value.clone().into()], context)?;
                let keys = keys.as_object().ok_or_else(|| JsError::from(JsNativeError::typ()))?;
                let len = length_of_array_like(&keys, context)?;
                let mut list = Vec::with_capacity(len as usize);
                for k in 0..len {
                    list.push(keys.get(k, context)?.to_string(context)?);
                }
                list
            }
        };
        self.out.push(u16::from(b'{'));
        let mut first = true;
        for key in keys {
            let mark = self.out.len();
            self.separator(first);
            quote(&key, &mut self.out);
            self.out.push(u16::from(b':'));
            if !self.gap.is_empty() {
                self.out.push(u16::from(b' '));
            }
            if self.serialize_property(key, value, context)? {
                first = false;
            } else {
                self.out.truncate(mark);
            }
        }
        self.close(b'}', first, &stepback);
        self.leave(stepback);
        Ok(())
    }

    fn serialize_array(&mut self, value: &JsObject, context: &mut Context) -> JsResult<()> {
        let stepback = self.enter(value)?;
        let len = length_of_array_like(value, context)?;
        self.out.push(u16::from(b'['));
        for index in 0..len {
            self.separator(index == 0);
            let key = JsString::from(index.to_string().as_str());
            if !self.serialize_property(key, value, context)? {
                self.push_ascii("null");
            }
        }
        self.close(b']', len == 0, &stepback);
        self.leave(stepback);
        Ok(())
    }
}

/// QuoteJSONString: the string in double quotes, with JSON's escapes; lone surrogates as
/// `\udXXX`.
fn quote(string: &JsString, out: &mut Vec<u16>) {
    out.push(u16::from(b'"'));
    let escape = |unit: u16, out: &mut Vec<u16>| {
        let text = format!("\\u{unit:04x}");
        out.extend(text.bytes().map(u16::from));
    };
    match string.as_str().variant() {
        JsStrVariant::Latin1(bytes) => {
            for &byte in bytes {
                push_escaped(u16::from(byte), out, &escape);
            }
        }
        JsStrVariant::Utf16(units) => {
            let mut i = 0;
            while i < units.len() {
                let unit = units[i];
                if (0xD800..0xDC00).contains(&unit) && units.get(i + 1).is_some_and(|next| (0xDC00..0xE000).contains(next)) {
                    out.push(unit);
                    out.push(units[i + 1]);
                    i += 2;
                    continue;
                }
                if (0xD800..0xE000).contains(&unit) {
                    escape(unit, out);
                } else {
                    push_escaped(unit, out, &escape);
                }
                i += 1;
            }
        }
    }
    out.push(u16::from(b'"'));
}

fn push_escaped(unit: u16, out: &mut Vec<u16>, escape: &impl Fn(u16, &mut Vec<u16>)) {
    let short = match unit {
        0x08 => Some(b'b'),
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        0x22 => Some(b'"'),
        0x5C => Some(b'\\'),
        _ => None,
    };
    match short {
        Some(c) => {
            out.push(u16::from(b'\\'));
            out.push(u16::from(c));
        }
        None if unit < 0x20 => escape(unit, out),
        None => out.push(unit),
    }
}
