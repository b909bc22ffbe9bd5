//! Build script: embeds the JavaScript library from `js/` and sets wasm link arguments.

use std::{env, fmt::Write as _, fs, path::Path};

// `embedded_js`: how a source file is stored (comments left out, deflate-compressed).
include!("builtins/embed_js.rs");

fn main() {
    embed_js_library();

    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "wasi" {
        // Only binaries get the command start-up object: in RUSTFLAGS it would also reach Boa's
        // cdylib and break its link (see boa-notes.md).
        let sysroot = env::var("WASI_SYSROOT_LIB").unwrap_or_else(|_| "/usr/lib/wasm32-wasi".into());
        println!("cargo:rustc-link-arg-bins={sysroot}/crt1-command.o");
        // Boa's builtins recurse on the native stack (JSON, RegExp, deep parsing): 8 MiB keeps
        // ordinary deep code from trapping; the default is 1 MiB.
        println!("cargo:rustc-link-arg-bins=-zstack-size=8388608");
        // The pre-initializer that `wasmedge_boa bundle` runs under Wizer (docs/bundle.md).
        println!("cargo:rustc-link-arg-bins=--export=wizer-initialize");
        println!("cargo:rerun-if-env-changed=WASI_SYSROOT_LIB");
    }
}

/// Writes `$OUT_DIR/js_library.rs`: every `js/**/*.js` file as `(module name, compressed
/// source)`, the module name being the path under `js/` without `.js` (`js/util/types.js` is
/// `util/types`). Sources are stored beside it as `embedded_js` makes them (why compressed:
/// builtins/src/embedded.rs).
fn embed_js_library() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=builtins/embed_js.rs");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let out_dir = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("js_library");
    let mut out = String::from(
        "/// The embedded JavaScript library: (module name, deflate-compressed source without comments).\npub static JS_LIBRARY: &[(&str, &[u8])] = &[\n",
    );
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&root).expect("file is under js/");
        let name = relative.with_extension("").to_string_lossy().replace('\\', "/");
        let compressed = out_dir.join(relative);
        fs::create_dir_all(compressed.parent().expect("a file has a parent")).expect("OUT_DIR is writable");
        fs::write(&compressed, embedded_js(&fs::read(&file).expect("a readable source file"))).expect("OUT_DIR is writable");
        let _ = writeln!(out, "    ({name:?}, include_bytes!({:?})),", compressed.display().to_string());
    }
    out.push_str("];\n");
    fs::write(out_dir.with_file_name("js_library.rs"), out).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "js") {
            files.push(path);
        }
    }
}
