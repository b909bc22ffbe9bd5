//! WHATWG Streams and the streams built on them (`TextEncoderStream`, `TextDecoderStream`,
//! `CompressionStream`, `DecompressionStream`): the object model is `js/streams.js`, evaluated on
//! the first use of one of these globals; compression runs natively (`crate::compression`).

use boa_engine::{Context, JsObject, JsResult};

use super::idl;

/// The names [`build`] defines, installed as lazy globals.
pub const GLOBALS: &[&str] = &[
    "ReadableStream",
    "ReadableStreamDefaultReader",
    "ReadableStreamBYOBReader",
    "ReadableStreamDefaultController",
    "ReadableByteStreamController",
    "ReadableStreamBYOBRequest",
    "WritableStream",
    "WritableStreamDefaultWriter",
    "WritableStreamDefaultController",
    "TransformStream",
    "TransformStreamDefaultController",
    "ByteLengthQueuingStrategy",
    "CountQueuingStrategy",
    "TextEncoderStream",
    "TextDecoderStream",
    "CompressionStream",
    "DecompressionStream",
];

/// Evaluates `js/streams.js` with the native compression functions.
pub fn build(context: &mut Context) -> JsResult<JsObject> {
    let natives = idl::natives(context, crate::compression::FUNCTIONS)?;
    idl::run_builtin_script("streams", web_js!("streams.js"), natives, context)
}
