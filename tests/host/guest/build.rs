//! The command start-up object must be linked into the binary only (see scripts/build-wasm).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("wasi") {
        let sysroot =
            std::env::var("WASI_SYSROOT_LIB").unwrap_or_else(|_| "/usr/lib/wasm32-wasi".into());
        println!("cargo:rustc-link-arg-bins={sysroot}/crt1-command.o");
        println!("cargo:rerun-if-env-changed=WASI_SYSROOT_LIB");
    }
}
