//! Build script: stores the web platform's JavaScript halves (`src/web/js/*.js`), without
//! comments and compressed, in `$OUT_DIR`, where `include_bytes!` embeds them (see
//! `src/embedded.rs`).

use std::{env, fs, path::Path};

// `embedded_js`: how a source file is stored (comments left out, deflate-compressed).
include!("embed_js.rs");

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/js");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("web_js");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=embed_js.rs");
    for entry in fs::read_dir(&dir).expect("src/web/js exists").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            println!("cargo:rerun-if-changed={}", path.display());
            let source = fs::read(&path).expect("a readable source file");
            let name = path.file_name().expect("a file name");
            fs::write(out.join(name), embedded_js(&source)).expect("OUT_DIR is writable");
        }
    }
}

