//! Header fields between the wire and JavaScript: Node's `req.headers` object and `rawHeaders`
//! array from parsed fields, and the store behind `res.setHeader()`/`getHeader()`.

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    object::builtins::JsArray,
};
use boa_gc::{Finalize, Trace};

use super::{coded_error, wire};

/// Fields Node keeps once: later duplicates are dropped.
const SINGLE_VALUED: &[&str] = &[
    "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host",
    "if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards",
    "proxy-authorization", "referer", "retry-after", "server", "user-agent",
];

fn latin1_string(bytes: &[u8]) -> JsString {
    if bytes.is_ascii() {
        // ASCII: every byte is one UTF-16 unit.
        return JsString::from(std::str::from_utf8(bytes).unwrap_or_default());
    }
    let units: Vec<u16> = bytes.iter().map(|b| u16::from(*b)).collect();
    JsString::from(&units[..])
}

/// Node's `headers` object: lower-case names; `set-cookie` always an array; the fields of
/// [`SINGLE_VALUED`] keep their first value; `cookie` values joined with `; `, others with `, `.
pub fn header_object(fields: &[(String, Vec<u8>)], context: &mut Context) -> JsObject {
    let object = JsObject::with_object_proto(context.intrinsics());
    let mut seen: Vec<(String, JsValue)> = Vec::with_capacity(fields.len());
    for (name, value) in fields {
        let lower = name.to_ascii_lowercase();
        let text = latin1_string(value);
        match seen.iter_mut().find(|(n, _)| *n == lower) {
            None => {
                let value: JsValue = if lower == "set-cookie" {
                    JsArray::from_iter([JsValue::from(text)], context).into()
                } else {
                    text.into()
                };
                seen.push((lower, value));
            }
            Some((_, existing)) => {
                if lower == "set-cookie" {
                    if let Some(array) = existing.as_object().and_then(|o| JsArray::from_object(o.clone()).ok()) {
                        let _ = array.push(text, context);
                    }
                } else if !SINGLE_VALUED.contains(&lower.as_str()) {
                    let separator = if lower == "cookie" { "; " } else { ", " };
                    let joined = format!(
                        "{}{separator}{}",
                        existing.as_string().map(|s| s.to_std_string_lossy()).unwrap_or_default(),
                        text.to_std_string_lossy()
                    );
                    *existing = JsString::from(joined.as_str()).into();
                }
            }
        }
    }
    for (name, value) in seen {
        let _ = object.create_data_property_or_throw(JsString::from(name.as_str()), value, context);
    }
    object
}

/// Node's `rawHeaders`: `[name, value, name, value, …]` as received.
pub fn raw_header_array(fields: &[(String, Vec<u8>)], context: &mut Context) -> JsArray {
    let values = fields.iter().flat_map(|(name, value)| [JsString::from(name.as_str()).into(), latin1_string(value).into()]);
    JsArray::from_iter(values, context)
}

/// Refuses a field name that is not a token (`ERR_INVALID_HTTP_TOKEN`).
pub fn check_name(name: &str, context: &mut Context) -> JsResult<()> {
    if name.is_empty() || !name.bytes().all(wire::is_tchar) {
        return Err(coded_error(
            JsNativeError::typ(),
            &format!("Header name must be a valid HTTP token [\"{name}\"]"),
            "ERR_INVALID_HTTP_TOKEN",
            context,
        ));
    }
    Ok(())
}

/// Refuses a field value with CR, LF, NUL or other control characters, or characters above
/// U+00FF (`ERR_INVALID_CHAR`): they could end the head early or split the message.
pub fn check_value(name: &str, value: &str, context: &mut Context) -> JsResult<()> {
    if value.chars().any(|c| (c as u32) > 0xff || !wire::is_field_value_byte(c as u32 as u8)) {
        return Err(coded_error(
            JsNativeError::typ(),
            &format!("Invalid character in header content [\"{name}\"]"),
            "ERR_INVALID_CHAR",
            context,
        ));
    }
    Ok(())
}

fn value_error(name: &str, value: &JsValue, context: &mut Context) -> JsError {
    coded_error(
        JsNativeError::typ(),
        &format!("Invalid value \"{}\" for header \"{name}\"", value.display()),
        "ERR_HTTP_INVALID_HEADER_VALUE",
        context,
    )
}

/// One field of an outgoing message, as the script set it.
#[derive(Trace, Finalize)]
struct Slot {
    #[unsafe_ignore_trace]
    lower: String,
    name: JsString,
    value: JsValue,
    /// The value(s) as written on the wire (an array gives one line each).
    #[unsafe_ignore_trace]
    lines: Vec<Vec<u8>>,
}

/// The fields of an outgoing message (`setHeader`, `getHeader`, …), in the order first set.
#[derive(Default, Trace, Finalize)]
pub struct HeaderStore {
    slots: Vec<Slot>,
}

impl HeaderStore {
    /// `setHeader(name, value)`, or `appendHeader` when `append`.
    pub fn set(&mut self, name: &JsValue, value: &JsValue, append: bool, context: &mut Context) -> JsResult<()> {
        let Some(name_text) = name.as_string() else {
            let shown = name.display().to_string();
            return Err(check_name(&shown, context).err().unwrap_or_else(|| value_error("", value, context)));
        };
        let name_text = name_text.to_std_string_lossy();
        check_name(&name_text, context)?;
        if value.is_undefined() {
            return Err(value_error(&name_text, value, context));
        }
        let mut lines = Vec::new();
        let mut push_line = |v: &JsValue, context: &mut Context| -> JsResult<()> {
            let text = v.to_string(context)?.to_std_string_lossy();
            check_value(&name_text, &text, context)?;
            lines.push(text.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>());
            Ok(())
        };
        if let Some(array) = value.as_object().and_then(|o| JsArray::from_object(o.clone()).ok()) {
            let length = array.length(context)?;
            for i in 0..length {
                push_line(&array.get(i, context)?, context)?;
            }
        } else {
            push_line(value, context)?;
        }
        let lower = name_text.to_ascii_lowercase();
        match self.slots.iter_mut().find(|s| s.lower == lower) {
            Some(slot) if append => {
                let mut values: Vec<JsValue> = match slot.value.as_object().and_then(|o| JsArray::from_object(o.clone()).ok()) {
                    Some(array) => {
                        let length = array.length(context)?;
                        (0..length).map(|i| array.get(i, context)).collect::<JsResult<_>>()?
                    }
                    None => vec![slot.value.clone()],
                };
                match value.as_object().and_then(|o| JsArray::from_object(o.clone()).ok()) {
                    Some(array) => {
                        let length = array.length(context)?;
                        for i in 0..length {
                            values.push(array.get(i, context)?);
                        }
                    }
                    None => values.push(value.clone()),
                }
                slot.value = JsArray::from_iter(values, context).into();
                slot.lines.extend(lines);
            }
            Some(slot) => {
                slot.name = name_text.as_str().into();
                slot.value = value.clone();
                slot.lines = lines;
            }
            None => self.slots.push(Slot { lower, name: name_text.as_str().into(), value: value.clone(), lines }),
        }
        Ok(())
    }

    pub fn get(&self, name: &JsValue, context: &mut Context) -> JsResult<JsValue> {
        let name = name.to_string(context)?.to_std_string_lossy().to_ascii_lowercase();
        Ok(self.slots.iter().find(|s| s.lower == name).map(|s| s.value.clone()).unwrap_or_default())
    }

    pub fn has(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        self.slots.iter().any(|s| s.lower == name)
    }

    pub fn remove(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        self.slots.retain(|s| s.lower != name);
    }

    /// `getHeaders()`: a null-prototype object of lower-case names.
    pub fn to_object(&self, context: &mut Context) -> JsObject {
        let object = JsObject::with_null_proto();
        for slot in &self.slots {
            let _ = object.create_data_property_or_throw(JsString::from(slot.lower.as_str()), slot.value.clone(), context);
        }
        object
    }

    /// `getHeaderNames()` (lower-case) or `getRawHeaderNames()` (as set).
    pub fn names(&self, raw: bool, context: &mut Context) -> JsArray {
        let names = self.slots.iter().map(|s| if raw { s.name.clone().into() } else { JsString::from(s.lower.as_str()).into() });
        JsArray::from_iter(names, context)
    }

    /// Calls `f(lower_name, name, value)` for every line of the head.
    pub fn for_each_line(&self, mut f: impl FnMut(&str, &[u8], &[u8])) {
        for slot in &self.slots {
            let name = slot.name.to_std_string_lossy();
            for line in &slot.lines {
                f(&slot.lower, name.as_bytes(), line);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}
