//! The one deflate core (flate2 on miniz_oxide, pure Rust) behind both the web's
//! `CompressionStream`/`DecompressionStream` and Node's `zlib` module (`js/zlib.js`, through the
//! native module `_boa:zlib`).
//!
//! A codec is a handle object; `push(handle, bytes, finish)` feeds it bytes and returns the
//! output they produced as an array of `Uint8Array`s (possibly empty), so callers can stream
//! without ever holding the whole input or output.

use std::{cell::RefCell, io::Write};

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsValue, Module, Trace,
    object::builtins::{AlignedVec, JsArray, JsArrayBuffer, JsUint8Array},
};
use flate2::{
    Compression,
    write::{DeflateDecoder, DeflateEncoder, GzDecoder, GzEncoder, ZlibDecoder, ZlibEncoder},
};

use crate::exports::Exports;

enum Codec {
    GzipEncoder(GzEncoder<Vec<u8>>),
    ZlibEncoder(ZlibEncoder<Vec<u8>>),
    RawEncoder(DeflateEncoder<Vec<u8>>),
    GzipDecoder(GzDecoder<Vec<u8>>),
    ZlibDecoder(ZlibDecoder<Vec<u8>>),
    RawDecoder(DeflateDecoder<Vec<u8>>),
    /// Node's `unzip`: gzip or zlib, decided by the first two bytes.
    Sniffing(Vec<u8>),
    Done,
}

/// Why a codec failed; the text becomes a JS error message.
#[derive(Debug)]
pub enum CodecError {
    Corrupt(String),
    TrailingData,
    Truncated,
    Finished,
}

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodecError::Corrupt(why) => write!(f, "the compressed data is invalid ({why})"),
            CodecError::TrailingData => f.write_str("there is data after the end of the compressed stream"),
            CodecError::Truncated => f.write_str("the compressed data ended too early"),
            CodecError::Finished => f.write_str("the stream is already finished"),
        }
    }
}

fn corrupt(error: std::io::Error) -> CodecError {
    match error.kind() {
        std::io::ErrorKind::WriteZero => CodecError::TrailingData,
        std::io::ErrorKind::UnexpectedEof => CodecError::Truncated,
        _ => CodecError::Corrupt(error.to_string()),
    }
}

impl Codec {
    /// A codec for `format` (`gzip`, `deflate` = zlib, `deflate-raw`, and for decoding `unzip`).
    pub fn new(format: &str, compress: bool, level: u32) -> Option<Codec> {
        let level = Compression::new(level.min(9));
        Some(match (format, compress) {
            ("gzip", true) => Codec::GzipEncoder(GzEncoder::new(Vec::new(), level)),
            ("deflate", true) => Codec::ZlibEncoder(ZlibEncoder::new(Vec::new(), level)),
            ("deflate-raw", true) => Codec::RawEncoder(DeflateEncoder::new(Vec::new(), level)),
            ("gzip", false) => Codec::GzipDecoder(GzDecoder::new(Vec::new())),
            ("deflate", false) => Codec::ZlibDecoder(ZlibDecoder::new(Vec::new())),
            ("deflate-raw", false) => Codec::RawDecoder(DeflateDecoder::new(Vec::new())),
            ("unzip", false) => Codec::Sniffing(Vec::new()),
            _ => return None,
        })
    }

    fn output(&mut self) -> Vec<u8> {
        match self {
            Codec::GzipEncoder(w) => std::mem::take(w.get_mut()),
            Codec::ZlibEncoder(w) => std::mem::take(w.get_mut()),
            Codec::RawEncoder(w) => std::mem::take(w.get_mut()),
            Codec::GzipDecoder(w) => std::mem::take(w.get_mut()),
            Codec::ZlibDecoder(w) => std::mem::take(w.get_mut()),
            Codec::RawDecoder(w) => std::mem::take(w.get_mut()),
            Codec::Sniffing(_) | Codec::Done => Vec::new(),
        }
    }

    /// Feeds `input`; with `finish`, ends the stream. Returns the bytes produced.
    pub fn push(&mut self, input: &[u8], finish: bool) -> Result<Vec<u8>, CodecError> {
        if let Codec::Sniffing(pending) = self {
            pending.extend_from_slice(input);
            if pending.len() < 2 && !finish {
                return Ok(Vec::new());
            }
            let buffered = std::mem::take(pending);
            *self = if buffered.starts_with(&[0x1f, 0x8b]) {
                Codec::GzipDecoder(GzDecoder::new(Vec::new()))
            } else {
                Codec::ZlibDecoder(ZlibDecoder::new(Vec::new()))
            };
            return self.push(&buffered, finish);
        }
        let written = match self {
            Codec::GzipEncoder(w) => w.write_all(input),
            Codec::ZlibEncoder(w) => w.write_all(input),
            Codec::RawEncoder(w) => w.write_all(input),
            Codec::GzipDecoder(w) => w.write_all(input),
            Codec::ZlibDecoder(w) => w.write_all(input),
            Codec::RawDecoder(w) => w.write_all(input),
            Codec::Sniffing(_) => Ok(()),
            Codec::Done => return if input.is_empty() { Ok(Vec::new()) } else { Err(CodecError::Finished) },
        };
        if let Err(error) = written {
            *self = Codec::Done;
            return Err(corrupt(error));
        }
        if !finish {
            return Ok(self.output());
        }
        let finished = match self {
            Codec::GzipEncoder(w) => w.try_finish(),
            Codec::ZlibEncoder(w) => w.try_finish(),
            Codec::RawEncoder(w) => w.try_finish(),
            Codec::GzipDecoder(w) => w.try_finish(),
            Codec::ZlibDecoder(w) => w.try_finish(),
            Codec::RawDecoder(w) => w.try_finish(),
            Codec::Sniffing(_) | Codec::Done => Ok(()),
        };
        let complete = match self {
            // A decoder has finished only if it saw the end of the compressed stream.
            Codec::GzipDecoder(w) => decoder_complete(w.write(&[0])),
            Codec::ZlibDecoder(w) => decoder_complete(w.write(&[0])),
            Codec::RawDecoder(w) => decoder_complete(w.write(&[0])),
            _ => true,
        };
        let output = self.output();
        *self = Codec::Done;
        finished.map_err(corrupt)?;
        if !complete {
            return Err(CodecError::Truncated);
        }
        Ok(output)
    }
}

/// After `try_finish`, a decoder that reached the end of its stream accepts no more bytes.
fn decoder_complete(probe: std::io::Result<usize>) -> bool {
    matches!(probe, Ok(0))
}

/// A codec as a JavaScript value (an object with native data).
#[derive(Trace, Finalize, JsData)]
struct Handle {
    #[unsafe_ignore_trace]
    codec: RefCell<Codec>,
}

/// `zlibNew(format, compress, level = 6)`: a codec handle; TypeError for an unknown format.
fn zlib_new(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let format = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let compress = args.get_or_undefined(1).to_boolean();
    let level = match args.get_or_undefined(2) {
        v if v.is_undefined() => 6,
        v => {
            let level = v.to_i32(context)?;
            if level < 0 { 6 } else { level as u32 }
        }
    };
    let codec = Codec::new(&format, compress, level)
        .ok_or_else(|| JsNativeError::typ().with_message(format!("Unsupported compression format: '{format}'")))?;
    Ok(JsObject::from_proto_and_data(None, Handle { codec: RefCell::new(codec) }).into())
}

/// `zlibPush(handle, bytes, finish)`: the output (an array of Uint8Arrays) for `bytes`.
fn zlib_push(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let handle = args
        .get_or_undefined(0)
        .as_object()
        .filter(|o| o.is::<Handle>())
        .ok_or_else(|| JsNativeError::typ().with_message("zlibPush: not a codec handle"))?;
    let input = crate::bytes::binary_bytes(args.get_or_undefined(1), context)?
        .ok_or_else(|| JsNativeError::typ().with_message("zlibPush: the input must be binary data"))?;
    let finish = args.get_or_undefined(2).to_boolean();
    let result = {
        let data = handle.downcast_ref::<Handle>().ok_or_else(|| JsNativeError::typ().with_message("zlibPush: not a codec handle"))?;
        let mut codec = data.codec.borrow_mut();
        codec.push(&input, finish)
    };
    let output = result.map_err(|e| JsNativeError::typ().with_message(e.to_string()))?;
    let array = JsArray::new(context)?;
    if !output.is_empty() {
        array.push(uint8_array(&output, context)?, context)?;
    }
    Ok(array.into())
}

/// A new `Uint8Array` holding a copy of `bytes`.
pub fn uint8_array(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    let block = AlignedVec::from_slice(64, bytes);
    let buffer = JsArrayBuffer::from_byte_block(block, context)?;
    Ok(JsUint8Array::from_array_buffer(buffer, context)?.into())
}

/// The native functions handed to `streams.js` and exported by `_boa:zlib`.
pub const FUNCTIONS: &[(&str, usize, boa_engine::native_function::NativeFunctionPointer)] =
    &[("zlibNew", 3, zlib_new), ("zlibPush", 3, zlib_push)];

/// The `_boa:zlib` native module (the core of `js/zlib.js`).
pub fn module(context: &mut Context) -> JsResult<Module> {
    let exports = Exports::new().functions(FUNCTIONS, context);
    Ok(exports.into_module(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(format: &str, data: &[u8]) {
        let mut encoder = Codec::new(format, true, 6).unwrap();
        let mut compressed = encoder.push(data, false).unwrap();
        compressed.extend(encoder.push(&[], true).unwrap());
        let mut decoder = Codec::new(format, false, 6).unwrap();
        let mut out = Vec::new();
        for piece in compressed.chunks(7) {
            out.extend(decoder.push(piece, false).unwrap());
        }
        out.extend(decoder.push(&[], true).unwrap());
        assert_eq!(out, data);
    }

    #[test]
    fn every_format_round_trips_in_pieces() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for format in ["gzip", "deflate", "deflate-raw"] {
            round_trip(format, &data);
            round_trip(format, b"");
        }
    }

    #[test]
    fn truncated_and_trailing_input_are_errors() {
        let mut encoder = Codec::new("gzip", true, 6).unwrap();
        let compressed = encoder.push(b"hello hello hello", true).unwrap();
        let mut decoder = Codec::new("gzip", false, 6).unwrap();
        // Cut inside the trailer and inside the deflate data: both are errors.
        assert!(decoder.push(&compressed[..compressed.len() - 3], true).is_err());
        let mut decoder = Codec::new("gzip", false, 6).unwrap();
        assert!(decoder.push(&compressed[..compressed.len() / 2], true).is_err());
        let mut decoder = Codec::new("deflate", false, 6).unwrap();
        assert!(decoder.push(b"not zlib at all", true).is_err());
        let mut with_junk = compressed.clone();
        with_junk.extend_from_slice(b"junk");
        let mut decoder = Codec::new("gzip", false, 6).unwrap();
        assert!(decoder.push(&with_junk, true).is_err());
    }

    #[test]
    fn unzip_detects_gzip_and_zlib() {
        for format in ["gzip", "deflate"] {
            let compressed = Codec::new(format, true, 6).unwrap().push(b"abc", true).unwrap();
            let mut decoder = Codec::new("unzip", false, 6).unwrap();
            assert_eq!(decoder.push(&compressed, true).unwrap(), b"abc");
        }
    }
}
