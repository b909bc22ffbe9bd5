//! JavaScript sources compiled into the runtime (the library in `js/`, the web scripts in
//! `web/js/`) are stored deflate-compressed by the build scripts: they are text, a quarter of
//! their size compressed, and the .wasm's size is what WasmEdge pays for at every start.
//! A module's source is inflated when it is first loaded.

use std::io::Read;

use boa_engine::{JsNativeError, JsResult};

/// The source text of an embedded script, `name` saying which one in the error.
pub fn inflate_source(name: &str, compressed: &[u8]) -> JsResult<String> {
    let mut text = String::new();
    match flate2::read::DeflateDecoder::new(compressed).read_to_string(&mut text) {
        Ok(_) => Ok(text),
        Err(e) => Err(JsNativeError::error()
            .with_message(format!("the embedded source of '{name}' is damaged ({e}): the runtime was built wrongly"))
            .into()),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn round_trip_and_damage() {
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all("export const x = 'é';".as_bytes()).unwrap();
        let compressed = encoder.finish().unwrap();
        assert_eq!(super::inflate_source("x", &compressed).unwrap(), "export const x = 'é';");
        assert!(super::inflate_source("x", &compressed[..compressed.len() / 2]).is_err());
    }
}
