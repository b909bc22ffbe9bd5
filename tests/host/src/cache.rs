//! A small on-disk cache of compiled modules, so that running the same large .wasm many
//! times (the end-to-end suite) compiles it once. Keyed by the wasm bytes and the engine's
//! compatibility hash; entries are written atomically and only ever read by this host.
//!
//! `WASMEDGE_TEST_HOST_CACHE` (host environment) picks the directory; `off` disables it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use wasmtime::{Engine, Module, Result};

fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("WASMEDGE_TEST_HOST_CACHE") {
        Some(value) if value == "off" || value.is_empty() => None,
        Some(value) => Some(PathBuf::from(value)),
        None => Some(std::env::temp_dir().join("wasmedge-test-host-cache")),
    }
}

fn cache_key(engine: &Engine, wasm: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    wasm.hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    format!("{:016x}-{}.cwasm", hasher.finish(), wasm.len())
}

/// Compiles `wasm`, or loads the result of an earlier compilation of the same bytes.
pub fn load_module(engine: &Engine, wasm: &[u8]) -> Result<Module> {
    let Some(dir) = cache_dir() else {
        return Module::new(engine, wasm);
    };
    let path = dir.join(cache_key(engine, wasm));
    if path.is_file() {
        // SAFETY: the file was produced by `Module::serialize` of this same engine
        // configuration (the key includes the compatibility hash) and written atomically.
        if let Ok(module) = unsafe { Module::deserialize_file(engine, &path) } {
            return Ok(module);
        }
    }
    let module = Module::new(engine, wasm)?;
    // The cache is an optimisation: failing to write it is not an error.
    if let Ok(bytes) = module.serialize()
        && std::fs::create_dir_all(&dir).is_ok()
    {
        let tmp = dir.join(format!(".{}.{}.tmp", cache_key(engine, wasm), std::process::id()));
        if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    Ok(module)
}
