//! Build script: compresses the web platform's JavaScript halves (`src/web/js/*.js`) into
//! `$OUT_DIR`, where `include_bytes!` embeds them (see `src/embedded.rs`).

use std::{env, fs, io::Write, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/js");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("web_js");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in fs::read_dir(&dir).expect("src/web/js exists").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            println!("cargo:rerun-if-changed={}", path.display());
            let source = fs::read(&path).expect("a readable source file");
            let name = path.file_name().expect("a file name");
            fs::write(out.join(name), deflate(&source)).expect("OUT_DIR is writable");
        }
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).expect("compressing in memory")
}
