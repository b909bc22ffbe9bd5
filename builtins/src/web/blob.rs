//! `Blob` and `File` (File API): immutable bytes held natively, shared between a blob and its
//! slices. `FormData`, `Blob.prototype.stream()` and the body helpers of `Request`/`Response`
//! are the JavaScript half (`js/blob.js`), evaluated with these classes on first use.

use std::rc::Rc;

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace,
    class::{Class, ClassBuilder},
    js_string,
    object::builtins::JsPromise,
    property::Attribute,
};

use super::{
    events::inherit,
    idl::{self, accessor, arity, method},
};
use crate::compression::uint8_array;

/// The bytes of a `Blob` (or `File`): a window on shared storage.
#[derive(Debug, Clone, Trace, Finalize, JsData)]
pub struct Blob {
    #[unsafe_ignore_trace]
    bytes: Rc<[u8]>,
    #[unsafe_ignore_trace]
    start: usize,
    #[unsafe_ignore_trace]
    end: usize,
    #[unsafe_ignore_trace]
    media_type: String,
    #[unsafe_ignore_trace]
    file: Option<FileInfo>,
}

#[derive(Debug, Clone)]
struct FileInfo {
    name: JsString,
    last_modified: f64,
}

impl Blob {
    pub fn from_bytes(bytes: Vec<u8>, media_type: String) -> Blob {
        let end = bytes.len();
        Blob { bytes: bytes.into(), start: 0, end, media_type, file: None }
    }

    pub fn data(&self) -> &[u8] {
        &self.bytes[self.start..self.end]
    }
}

/// The blob data of `value`, if it is a Blob or File.
pub fn blob_of(value: &JsValue) -> Option<Blob> {
    value.as_object().and_then(|o| o.downcast_ref::<Blob>().map(|b| b.clone()))
}

fn this_blob(this: &JsValue, what: &str) -> JsResult<Blob> {
    blob_of(this).ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: Illegal invocation")).into())
}

/// A blob type as the standard keeps it: lower-cased, or empty if it has a character outside
/// U+0020–U+007E.
fn normalize_type(text: &str) -> String {
    if text.chars().all(|c| (' '..='~').contains(&c)) { text.to_ascii_lowercase() } else { String::new() }
}

/// Runs `each` on the items of an iterable, in order, through the iterator protocol (TypeError
/// for a non-iterable).
pub fn for_each_item(
    value: &JsValue,
    what: &str,
    context: &mut Context,
    mut each: impl FnMut(JsValue, &mut Context) -> JsResult<()>,
) -> JsResult<()> {
    let not_iterable = || JsNativeError::typ().with_message(format!("{what}: the argument is not iterable"));
    let object = value.as_object().ok_or_else(not_iterable)?;
    let method = object.get(JsSymbol::iterator(), context)?;
    let method = method.as_callable().ok_or_else(not_iterable)?;
    let iterator = method.call(value, &[], context)?;
    let iterator = iterator.as_object().ok_or_else(not_iterable)?;
    let next = iterator.get(js_string!("next"), context)?;
    let next = next.as_callable().ok_or_else(not_iterable)?;
    loop {
        let result = next.call(&iterator.clone().into(), &[], context)?;
        let result = result
            .as_object()
            .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: the iterator result is not an object")))?;
        if result.get(js_string!("done"), context)?.to_boolean() {
            return Ok(());
        }
        each(result.get(js_string!("value"), context)?, context)?;
    }
}

/// One converted `BlobPart`: strings wait for the `endings` option.
enum Part {
    Bytes(Vec<u8>),
    Text(JsString),
}

/// `text` as UTF-8, lone surrogates replaced (a USVString), line endings made `\n` when
/// `native` (the native line ending here is always `\n`).
fn string_part(text: &JsString, native: bool) -> Vec<u8> {
    let text = text.to_std_string_lossy();
    if native {
        text.replace("\r\n", "\n").replace('\r', "\n").into_bytes()
    } else {
        text.into_bytes()
    }
}

/// The bytes of a `BlobPart` sequence and the `BlobPropertyBag` members, converted in
/// WebIDL's order (each part as it is iterated, then the options).
fn read_parts(parts: &JsValue, options: &JsValue, what: &str, context: &mut Context) -> JsResult<(Vec<u8>, String)> {
    let mut converted = Vec::new();
    if !parts.is_undefined() {
        for_each_item(parts, what, context, |item, context| {
            let part = if let Some(blob) = blob_of(&item) {
                Part::Bytes(blob.data().to_vec())
            } else if item.as_object().is_some_and(|o| crate::bytes::is_binary(&o)) {
                Part::Bytes(crate::bytes::binary_bytes(&item, context)?.unwrap_or_default())
            } else {
                Part::Text(item.to_string(context)?)
            };
            converted.push(part);
            Ok(())
        })?;
    }
    let options = idl::dictionary(options, what)?;
    let endings = idl::member(&options, "endings", context)?;
    let native = if endings.is_undefined() {
        false
    } else {
        match endings.to_string(context)?.to_std_string_lossy().as_str() {
            "transparent" => false,
            "native" => true,
            other => {
                return Err(JsNativeError::typ().with_message(format!("{what}: '{other}' is not a valid endings value")).into());
            }
        }
    };
    let media_type = idl::member(&options, "type", context)?;
    let media_type =
        if media_type.is_undefined() { String::new() } else { normalize_type(&media_type.to_string(context)?.to_std_string_lossy()) };
    let mut bytes = Vec::new();
    for part in converted {
        match part {
            Part::Bytes(data) => bytes.extend(data),
            Part::Text(text) => bytes.extend(string_part(&text, native)),
        }
    }
    Ok((bytes, media_type))
}

fn get_size(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok((this_blob(this, "Blob.size")?.data().len() as f64).into())
}

fn get_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsString::from(this_blob(this, "Blob.type")?.media_type.as_str()).into())
}

/// A relative position (negative counts from the end), clamped to `0..=size`.
fn relative(value: &JsValue, size: usize, default: usize, context: &mut Context) -> JsResult<usize> {
    if value.is_undefined() {
        return Ok(default);
    }
    let n = value.to_number(context)?;
    let n = if n.is_nan() { 0.0 } else { n.trunc() };
    let size_f = size as f64;
    Ok(if n < 0.0 { (size_f + n).max(0.0) as usize } else { n.min(size_f) as usize })
}

fn slice(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let blob = this_blob(this, "Blob.slice")?;
    let size = blob.data().len();
    let start = relative(args.get_or_undefined(0), size, 0, context)?;
    let end = relative(args.get_or_undefined(1), size, size, context)?;
    let content_type = args.get_or_undefined(2);
    let media_type =
        if content_type.is_undefined() { String::new() } else { normalize_type(&content_type.to_string(context)?.to_std_string_lossy()) };
    let span = end.saturating_sub(start);
    let part = Blob { bytes: blob.bytes.clone(), start: blob.start + start, end: blob.start + start + span, media_type, file: None };
    Ok(Blob::from_data(part, context)?.into())
}

fn text(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let result = this_blob(this, "Blob.text").map(|blob| {
        let data = blob.data();
        let data = data.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(data);
        JsValue::from(JsString::from(String::from_utf8_lossy(data).as_ref()))
    });
    Ok(JsPromise::from_result(result, context)?.into())
}

fn array_buffer(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let result = this_blob(this, "Blob.arrayBuffer").and_then(|blob| {
        let array = uint8_array(blob.data(), context)?;
        array.as_object().map_or(Ok(JsValue::undefined()), |a| a.get(js_string!("buffer"), context))
    });
    Ok(JsPromise::from_result(result, context)?.into())
}

fn bytes(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let result = this_blob(this, "Blob.bytes").and_then(|blob| uint8_array(blob.data(), context));
    Ok(JsPromise::from_result(result, context)?.into())
}

/// `blobBytes(blob, start, end)` for `js/blob.js`: a copy of some of a blob's bytes.
fn blob_bytes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let blob = this_blob(args.get_or_undefined(0), "blobBytes")?;
    let data = blob.data();
    let start = (args.get_or_undefined(1).to_number(context)? as usize).min(data.len());
    let end = (args.get_or_undefined(2).to_number(context)? as usize).clamp(start, data.len());
    uint8_array(&data[start..end], context)
}

/// `makeBlob(bytes, type)` for `js/blob.js`: a Blob over a copy of `bytes`.
fn make_blob(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = crate::bytes::binary_bytes(args.get_or_undefined(0), context)?.unwrap_or_default();
    let media_type = args.get_or_undefined(1);
    let media_type = if media_type.is_undefined() { String::new() } else { normalize_type(&media_type.to_string(context)?.to_std_string_lossy()) };
    Ok(Blob::from_data(Blob::from_bytes(bytes, media_type), context)?.into())
}

impl Class for Blob {
    const NAME: &'static str = "Blob";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let (bytes, media_type) = read_parts(args.get_or_undefined(0), args.get_or_undefined(1), "Failed to construct 'Blob'", context)?;
        Ok(Blob::from_bytes(bytes, media_type))
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "size", get_size, None);
        accessor(class, "type", get_type, None);
        method(class, "slice", 0, slice);
        method(class, "text", 0, text);
        method(class, "arrayBuffer", 0, array_buffer);
        method(class, "bytes", 0, bytes);
        class.property(JsSymbol::to_string_tag(), js_string!("Blob"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// Marker for the `File` class; its objects hold a [`Blob`] with a name and a date.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct File;

fn file_info(this: &JsValue, what: &str) -> JsResult<FileInfo> {
    this_blob(this, what)?.file.clone().ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: Illegal invocation")).into())
}

fn get_name(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(file_info(this, "File.name")?.name.into())
}

fn get_last_modified(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(file_info(this, "File.lastModified")?.last_modified.into())
}

fn now_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0)
}

impl Class for File {
    const NAME: &'static str = "File";
    const LENGTH: usize = 2;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(File)
    }

    fn construct(new_target: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsObject> {
        let what = "Failed to construct 'File'";
        arity(what, 2, args)?;
        let parts = &args[0];
        if parts.is_undefined() || parts.is_null() {
            // A sequence argument must be an iterable object.
            for_each_item(parts, what, context, |_, _| Ok(()))?;
        }
        let name = args[1].to_string(context)?;
        let name = JsString::from(name.to_std_string_lossy().as_str());
        let (bytes, media_type) = read_parts(parts, args.get_or_undefined(2), what, context)?;
        let options = idl::dictionary(args.get_or_undefined(2), what)?;
        let last_modified = idl::member(&options, "lastModified", context)?;
        let last_modified = if last_modified.is_undefined() {
            now_ms()
        } else {
            let n = last_modified.to_number(context)?;
            if n.is_finite() { n.trunc() } else { 0.0 }
        };
        let mut blob = Blob::from_bytes(bytes, media_type);
        blob.file = Some(FileInfo { name, last_modified });
        let prototype = match new_target.as_object() {
            Some(c) => c.get(js_string!("prototype"), context)?.as_object(),
            None => None,
        };
        let prototype = match prototype {
            Some(p) => p,
            None => context
                .realm()
                .get_class::<File>()
                .map(|c| c.prototype())
                .ok_or_else(|| JsNativeError::typ().with_message("File is not initialised"))?,
        };
        Ok(JsObject::new(context.root_shape(), prototype, blob).upcast())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "name", get_name, None);
        accessor(class, "lastModified", get_last_modified, None);
        class.property(JsSymbol::to_string_tag(), js_string!("File"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// `makeFile(blob, name, lastModified)` for `js/blob.js`: a File with the bytes of `blob`.
fn make_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut blob = this_blob(args.get_or_undefined(0), "makeFile")?;
    let name = args.get_or_undefined(1).to_string(context)?;
    let last_modified = match args.get_or_undefined(2) {
        v if v.is_undefined() => now_ms(),
        v => v.to_number(context)?,
    };
    blob.file = Some(FileInfo { name, last_modified });
    let prototype = context
        .realm()
        .get_class::<File>()
        .map(|c| c.prototype())
        .ok_or_else(|| JsNativeError::typ().with_message("File is not initialised"))?;
    Ok(JsObject::new(context.root_shape(), prototype, blob).upcast().into())
}

/// The names [`build`] defines, installed as lazy globals.
pub const GLOBALS: &[&str] = &["Blob", "File", "FormData", "FileReader", "ProgressEvent"];

/// Builds `Blob` and `File`, then `js/blob.js` (FormData, `Blob.prototype.stream`, body helpers).
pub fn build(context: &mut Context) -> JsResult<JsObject> {
    use crate::exports::register_class;
    let blob = register_class::<Blob>(context)?;
    let file = register_class::<File>(context)?;
    inherit::<File, Blob>(context)?;
    let natives = idl::natives(context, &[("blobBytes", 3, blob_bytes), ("makeBlob", 2, make_blob), ("makeFile", 3, make_file)])?;
    natives.set(js_string!("Blob"), blob, false, context)?;
    natives.set(js_string!("File"), file, false, context)?;
    idl::run_builtin_script("blob", web_js!("blob.js"), natives, context)
}
