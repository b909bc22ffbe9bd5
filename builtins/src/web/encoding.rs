//! `TextEncoder` and `TextDecoder` (WHATWG Encoding Standard) for UTF-8 and UTF-16.
//!
//! Replaces boa_runtime's versions, which panic on UTF-16 views at odd offsets, lack `fatal`,
//! `encodeInto` and streaming, and reject non-string arguments to `encode`.

use std::cell::RefCell;

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsNativeError, JsResult, JsString, JsSymbol, JsValue,
    NativeFunction, Trace,
    class::{Class, ClassBuilder},
    js_string,
    object::{
        FunctionObjectBuilder, ObjectInitializer,
        builtins::{AlignedVec, JsArrayBuffer, JsUint8Array},
    },
    property::Attribute,
    string::CodePoint,
};

/// The encodings `TextDecoder` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The encoding for a label, as the Encoding Standard's "get an encoding" does it
    /// (ASCII whitespace trimmed, ASCII case ignored). Only the UTF-8 and UTF-16 labels are known.
    pub fn for_label(label: &str) -> Option<Encoding> {
        const LABELS: &[(&str, Encoding)] = &[
            ("unicode-1-1-utf-8", Encoding::Utf8),
            ("unicode11utf8", Encoding::Utf8),
            ("unicode20utf8", Encoding::Utf8),
            ("utf-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("x-unicode20utf8", Encoding::Utf8),
            ("unicodefffe", Encoding::Utf16Be),
            ("utf-16be", Encoding::Utf16Be),
            ("csunicode", Encoding::Utf16Le),
            ("iso-10646-ucs-2", Encoding::Utf16Le),
            ("ucs-2", Encoding::Utf16Le),
            ("unicode", Encoding::Utf16Le),
            ("unicodefeff", Encoding::Utf16Le),
            ("utf-16", Encoding::Utf16Le),
            ("utf-16le", Encoding::Utf16Le),
        ];
        let label = label.trim_matches(['\t', '\n', '\x0C', '\r', ' ']);
        LABELS
            .iter()
            .find(|(known, _)| label.eq_ignore_ascii_case(known))
            .map(|(_, encoding)| *encoding)
    }

    /// The encoding's canonical name (what `TextDecoder.encoding` reports).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// The text was not valid in the decoder's encoding and the decoder is `fatal`.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodeError;

/// A streaming decoder: keeps the bytes of an incomplete character between `decode` calls.
#[derive(Debug)]
pub struct Decoder {
    encoding: Encoding,
    fatal: bool,
    ignore_bom: bool,
    pending: Vec<u8>,
    /// Whether this stream has already produced output (so a U+FEFF is text, not a BOM).
    bom_seen: bool,
}

impl Decoder {
    pub fn new(encoding: Encoding, fatal: bool, ignore_bom: bool) -> Self {
        Decoder {
            encoding,
            fatal,
            ignore_bom,
            pending: Vec::new(),
            bom_seen: false,
        }
    }

    /// Decodes `input` after any bytes left over from the previous streaming call. With
    /// `stream == false` the stream ends here: an incomplete character is an error, and the
    /// next call starts a new stream.
    pub fn decode(&mut self, input: &[u8], stream: bool) -> Result<Vec<u16>, DecodeError> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(input);
        let result = match self.encoding {
            Encoding::Utf8 => self.decode_utf8(&bytes, stream),
            Encoding::Utf16Le => self.decode_utf16(&bytes, stream, u16::from_le_bytes),
            Encoding::Utf16Be => self.decode_utf16(&bytes, stream, u16::from_be_bytes),
        };
        if !stream || result.is_err() {
            self.pending.clear();
        }
        if result.is_err() {
            self.bom_seen = false;
        }
        let mut units = result?;
        if !self.ignore_bom && !self.bom_seen && !units.is_empty() {
            if units[0] == 0xFEFF {
                units.remove(0);
            }
            self.bom_seen = true;
        }
        if !stream {
            self.bom_seen = false;
        }
        Ok(units)
    }

    fn decode_utf8(&mut self, mut bytes: &[u8], stream: bool) -> Result<Vec<u16>, DecodeError> {
        let mut text = String::with_capacity(bytes.len());
        loop {
            match std::str::from_utf8(bytes) {
                Ok(valid) => {
                    text.push_str(valid);
                    break;
                }
                Err(error) => {
                    let (valid, rest) = bytes.split_at(error.valid_up_to());
                    // `valid` was just checked by `from_utf8`.
                    text.push_str(std::str::from_utf8(valid).map_err(|_| DecodeError)?);
                    match error.error_len() {
                        // An invalid sequence: one U+FFFD for its maximal subpart (as the
                        // standard and `from_utf8_lossy` agree), then go on after it.
                        Some(length) => {
                            if self.fatal {
                                return Err(DecodeError);
                            }
                            text.push('\u{FFFD}');
                            bytes = &rest[length..];
                        }
                        // A character cut off by the end of the input.
                        None => {
                            if stream {
                                self.pending = rest.to_vec();
                            } else if self.fatal {
                                return Err(DecodeError);
                            } else {
                                text.push('\u{FFFD}');
                            }
                            break;
                        }
                    }
                }
            }
        }
        Ok(text.encode_utf16().collect())
    }

    fn decode_utf16(
        &mut self,
        bytes: &[u8],
        stream: bool,
        unit: fn([u8; 2]) -> u16,
    ) -> Result<Vec<u16>, DecodeError> {
        let mut units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| unit([pair[0], pair[1]]))
            .collect();
        let mut leftover_start = bytes.len() - bytes.len() % 2;
        // A high surrogate at the very end may be completed by the next chunk.
        if stream && matches!(units.last(), Some(0xD800..=0xDBFF)) {
            units.pop();
            leftover_start -= 2;
        }
        let leftover = &bytes[leftover_start..];
        let mut output = Vec::with_capacity(units.len() + 1);
        let mut index = 0;
        while index < units.len() {
            let current = units[index];
            match current {
                0xD800..=0xDBFF if matches!(units.get(index + 1), Some(0xDC00..=0xDFFF)) => {
                    output.extend_from_slice(&units[index..index + 2]);
                    index += 2;
                    continue;
                }
                0xD800..=0xDFFF => {
                    if self.fatal {
                        return Err(DecodeError);
                    }
                    output.push(0xFFFD);
                }
                _ => output.push(current),
            }
            index += 1;
        }
        if !leftover.is_empty() {
            if stream {
                self.pending = leftover.to_vec();
            } else if self.fatal {
                return Err(DecodeError);
            } else {
                output.push(0xFFFD);
            }
        }
        Ok(output)
    }
}

/// UTF-8 bytes of a JS string, lone surrogates replaced by U+FFFD (USVString conversion).
pub fn utf8_bytes(text: &JsString) -> Vec<u8> {
    text.to_std_string_lossy().into_bytes()
}

/// Reads a boolean member of an options dictionary (`undefined`/absent is false).
fn option_flag(options: &JsValue, name: JsString, context: &mut Context) -> JsResult<bool> {
    match options.as_object() {
        Some(options) => Ok(options.get(name, context)?.to_boolean()),
        None if options.is_null_or_undefined() => Ok(false),
        None => Err(JsNativeError::typ()
            .with_message("the options argument must be an object")
            .into()),
    }
}

// Both classes are written by hand rather than with `#[boa_class]`: its methods hold a mutable
// borrow of `this` while they run, and converting arguments can run script code (`toString`,
// option getters) that touches the same object, which would panic.

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

fn getter(class: &mut ClassBuilder<'_>, name: &str, function: NativeFn) {
    let realm = class.context().realm().clone();
    let get = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(function))
        .name(JsString::from(format!("get {name}").as_str()))
        .build();
    class.accessor(
        JsString::from(name),
        Some(get),
        None,
        Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
    );
}

/// The `TextEncoder` class (UTF-8 only, as in the standard).
#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct TextEncoder;

fn check_encoder(this: &JsValue, what: &str) -> JsResult<()> {
    match this.as_object() {
        Some(object) if object.is::<TextEncoder>() => Ok(()),
        _ => Err(JsNativeError::typ()
            .with_message(format!("{what}: 'this' is not a TextEncoder"))
            .into()),
    }
}

fn encoder_encoding(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    check_encoder(this, "TextEncoder.encoding")?;
    Ok(js_string!("utf-8").into())
}

/// `encode(input = "")`: a new Uint8Array with the UTF-8 bytes of `String(input)`.
fn encode(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    check_encoder(this, "TextEncoder.encode")?;
    let input = args.get_or_undefined(0);
    let bytes = if input.is_undefined() {
        Vec::new()
    } else {
        utf8_bytes(&input.to_string(context)?)
    };
    let buffer = JsArrayBuffer::from_byte_block(AlignedVec::from_slice(64, &bytes), context)?;
    Ok(JsUint8Array::from_array_buffer(buffer, context)?.into())
}

/// `encodeInto(source, destination)`: writes as many whole characters as fit into the
/// Uint8Array and reports `{ read, written }` (`read` counts UTF-16 code units).
fn encode_into(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    check_encoder(this, "TextEncoder.encodeInto")?;
    let source = args.get_or_undefined(0).to_string(context)?;
    let array = args
        .get_or_undefined(1)
        .as_object()
        .and_then(|object| JsUint8Array::from_object(object).ok())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("TextEncoder.encodeInto: the destination must be a Uint8Array")
        })?;
    let offset = array.byte_offset(context)?;
    let length = array.byte_length(context)?;
    let buffer = array.buffer(context)?;
    let buffer = buffer
        .as_object()
        .and_then(|object| JsArrayBuffer::from_object(object).ok())
        .ok_or_else(|| {
            JsNativeError::typ().with_message(
                "TextEncoder.encodeInto: the destination must be backed by an ArrayBuffer",
            )
        })?;
    let (mut read, mut written) = (0usize, 0usize);
    if let Some(mut data) = buffer.data_mut() {
        let Some(target) = data.get_mut(offset..offset.saturating_add(length)) else {
            return Err(JsNativeError::range()
                .with_message("TextEncoder.encodeInto: the destination is out of bounds")
                .into());
        };
        let mut scratch = [0u8; 4];
        for code_point in source.code_points() {
            let (character, units) = match code_point {
                CodePoint::Unicode(c) => (c, c.len_utf16()),
                CodePoint::UnpairedSurrogate(_) => ('\u{FFFD}', 1),
            };
            let encoded = character.encode_utf8(&mut scratch).as_bytes();
            if written + encoded.len() > target.len() {
                break;
            }
            target[written..written + encoded.len()].copy_from_slice(encoded);
            written += encoded.len();
            read += units;
        }
    }
    Ok(ObjectInitializer::new(context)
        .property(js_string!("read"), read as f64, Attribute::all())
        .property(js_string!("written"), written as f64, Attribute::all())
        .build()
        .into())
}

impl Class for TextEncoder {
    const NAME: &'static str = "TextEncoder";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(TextEncoder)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "encoding", encoder_encoding);
        class.method(js_string!("encode"), 0, NativeFunction::from_fn_ptr(encode));
        class.method(
            js_string!("encodeInto"),
            2,
            NativeFunction::from_fn_ptr(encode_into),
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("TextEncoder"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

/// The `TextDecoder` class.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct TextDecoder {
    /// Borrowed only for the moment of decoding, never while script code runs.
    #[unsafe_ignore_trace]
    decoder: RefCell<Decoder>,
}

fn with_decoder<R>(this: &JsValue, what: &str, f: impl FnOnce(&mut Decoder) -> R) -> JsResult<R> {
    let object = this.as_object();
    let data = object
        .as_ref()
        .and_then(|o| o.downcast_ref::<TextDecoder>());
    let Some(data) = data else {
        return Err(JsNativeError::typ()
            .with_message(format!("{what}: 'this' is not a TextDecoder"))
            .into());
    };
    let mut decoder = data
        .decoder
        .try_borrow_mut()
        .map_err(|_| JsNativeError::typ().with_message(format!("{what}: the decoder is busy")))?;
    Ok(f(&mut decoder))
}

fn decoder_encoding(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "TextDecoder.encoding", |d| {
        js_string!(d.encoding.name()).into()
    })
}

fn decoder_fatal(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "TextDecoder.fatal", |d| d.fatal.into())
}

fn decoder_ignore_bom(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "TextDecoder.ignoreBOM", |d| d.ignore_bom.into())
}

/// `decode(input?, { stream })`: `input` is an ArrayBuffer, a TypedArray or a DataView (only
/// the bytes the view covers).
fn decode(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "TextDecoder.decode", |_| ())?;
    let input = args.get_or_undefined(0);
    let bytes = if input.is_undefined() {
        Vec::new()
    } else {
        crate::bytes::binary_bytes(input, context)?.ok_or_else(|| {
            JsNativeError::typ().with_message(
                "TextDecoder.decode: the input must be an ArrayBuffer, a TypedArray or a DataView",
            )
        })?
    };
    let stream = option_flag(args.get_or_undefined(1), js_string!("stream"), context)?;
    let result = with_decoder(this, "TextDecoder.decode", |d| {
        d.decode(&bytes, stream).map_err(|_| d.encoding)
    })?;
    match result {
        Ok(units) => Ok(JsString::from(units.as_slice()).into()),
        Err(encoding) => Err(JsNativeError::typ()
            .with_message(format!(
                "The encoded data was not valid for encoding {}",
                encoding.name()
            ))
            .into()),
    }
}

impl Class for TextDecoder {
    const NAME: &'static str = "TextDecoder";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    /// `new TextDecoder(label = "utf-8", { fatal, ignoreBOM })`.
    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let label = args.get_or_undefined(0);
        let encoding = if label.is_undefined() {
            Encoding::Utf8
        } else {
            let label = label.to_string(context)?.to_std_string_lossy();
            Encoding::for_label(&label).ok_or_else(|| {
                JsNativeError::range()
                    .with_message(format!("The \"{label}\" encoding is not supported"))
            })?
        };
        let options = args.get_or_undefined(1);
        let fatal = option_flag(options, js_string!("fatal"), context)?;
        let ignore_bom = option_flag(options, js_string!("ignoreBOM"), context)?;
        Ok(TextDecoder {
            decoder: RefCell::new(Decoder::new(encoding, fatal, ignore_bom)),
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "encoding", decoder_encoding);
        getter(class, "fatal", decoder_fatal);
        getter(class, "ignoreBOM", decoder_ignore_bom);
        class.method(js_string!("decode"), 0, NativeFunction::from_fn_ptr(decode));
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("TextDecoder"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

/// Installs the `TextEncoder` and `TextDecoder` globals.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<TextEncoder>()?;
    context.register_global_class::<TextDecoder>()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(units: Vec<u16>) -> String {
        String::from_utf16_lossy(&units)
    }

    #[test]
    fn labels() {
        assert_eq!(Encoding::for_label(" UTF8\n"), Some(Encoding::Utf8));
        assert_eq!(Encoding::for_label("Utf-16"), Some(Encoding::Utf16Le));
        assert_eq!(Encoding::for_label("utf-16be"), Some(Encoding::Utf16Be));
        assert_eq!(Encoding::for_label("latin1"), None);
        assert_eq!(Encoding::for_label("utf-8x"), None);
    }

    #[test]
    fn utf8_replacement_follows_maximal_subparts() {
        let mut decoder = Decoder::new(Encoding::Utf8, false, false);
        // F0 9F 98 (truncated 4-byte), then 'a', then a lone continuation byte, then C0 (never valid).
        assert_eq!(
            text(decoder.decode(b"\xF0\x9F\x98a\x80\xC0b", false).unwrap()),
            "\u{FFFD}a\u{FFFD}\u{FFFD}b"
        );
    }

    #[test]
    fn utf8_streaming_joins_split_characters_and_bom() {
        let mut decoder = Decoder::new(Encoding::Utf8, true, false);
        let mut out = String::new();
        for chunk in [&b"\xEF"[..], b"\xBB\xBF\xE2\x82", b"\xAC!"] {
            out += &text(decoder.decode(chunk, true).unwrap());
        }
        out += &text(decoder.decode(b"", false).unwrap());
        assert_eq!(out, "€!");
        // A new stream strips its own BOM again; a second BOM is kept as text.
        assert_eq!(
            text(decoder.decode(b"\xEF\xBB\xBF\xEF\xBB\xBFx", false).unwrap()),
            "\u{FEFF}x"
        );
    }

    #[test]
    fn fatal_rejects_bad_and_truncated_input() {
        let mut decoder = Decoder::new(Encoding::Utf8, true, false);
        assert_eq!(decoder.decode(b"\xFF", false), Err(DecodeError));
        assert_eq!(decoder.decode(b"\xE2\x82", false), Err(DecodeError));
        assert_eq!(text(decoder.decode(b"ok", false).unwrap()), "ok");
    }

    #[test]
    fn ignore_bom_keeps_it() {
        let mut decoder = Decoder::new(Encoding::Utf8, false, true);
        assert_eq!(
            text(decoder.decode(b"\xEF\xBB\xBFa", false).unwrap()),
            "\u{FEFF}a"
        );
    }

    #[test]
    fn utf16_both_orders_surrogates_and_odd_bytes() {
        let mut le = Decoder::new(Encoding::Utf16Le, false, false);
        assert_eq!(
            text(
                le.decode(&[0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE], false)
                    .unwrap()
            ),
            "A😀"
        );
        assert_eq!(
            text(le.decode(&[0x00, 0xD8, 0x41, 0x00, 0x42], false).unwrap()),
            "\u{FFFD}A\u{FFFD}"
        );
        let mut be = Decoder::new(Encoding::Utf16Be, false, false);
        assert_eq!(
            text(be.decode(&[0xFE, 0xFF, 0x00, 0x41], false).unwrap()),
            "A"
        );
        // A surrogate pair split across streaming chunks.
        let mut le = Decoder::new(Encoding::Utf16Le, true, false);
        let first = le.decode(&[0x3D, 0xD8, 0x00], true).unwrap();
        let second = le.decode(&[0xDE], false).unwrap();
        assert_eq!(text([first, second].concat()), "😀");
    }
}
