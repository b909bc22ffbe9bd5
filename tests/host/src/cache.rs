//! A small on-disk cache of compiled modules, so that running the same large .wasm many
//! times (the end-to-end suite) compiles it once. Keyed by the wasm bytes and the engine's
//! compatibility hash; entries are written atomically and only ever read by this host.
//!
//! `WASMEDGE_TEST_HOST_CACHE` (host environment) picks the directory; `off` disables it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use wasmtime::{Engine, Module, Result};

/// Modules smaller than this compile in milliseconds: not worth a file.
const MIN_CACHED_SIZE: usize = 64 * 1024;
const KEPT_ENTRIES: usize = 8;

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
    let dir = match cache_dir() {
        Some(dir) if wasm.len() >= MIN_CACHED_SIZE => dir,
        _ => return Module::new(engine, wasm),
    };
    let key = cache_key(engine, wasm);
    let path = dir.join(&key);
    if let Some(module) = load_cached(engine, &path) {
        return Ok(module);
    }
    // Parallel test runs would all compile the same module at once: the first takes a
    // lock and compiles, the others wait for it and load its result.
    let _lock = std::fs::create_dir_all(&dir)
        .ok()
        .and_then(|()| lock(&dir.join(".lock")));
    if let Some(module) = load_cached(engine, &path) {
        return Ok(module);
    }
    let module = Module::new(engine, wasm)?;
    // The cache is an optimisation: failing to write it is not an error.
    if let Ok(bytes) = module.serialize() {
        let tmp = dir.join(format!(".{key}.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        prune(&dir);
    }
    Ok(module)
}

/// Keeps the newest `KEPT_ENTRIES` compiled modules (each rebuild of a .wasm adds one).
fn prune(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut compiled: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".cwasm"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    compiled.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    for (_, path) in compiled.into_iter().skip(KEPT_ENTRIES) {
        let _ = std::fs::remove_file(path);
    }
}

fn load_cached(engine: &Engine, path: &std::path::Path) -> Option<Module> {
    if !path.is_file() {
        return None;
    }
    // SAFETY: the file was produced by `Module::serialize` of this same engine
    // configuration (the key includes the compatibility hash) and written atomically.
    unsafe { Module::deserialize_file(engine, path) }.ok()
}

/// An exclusive advisory lock, released when the returned file is dropped.
fn lock(path: &std::path::Path) -> Option<std::fs::File> {
    use std::os::fd::AsRawFd;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .ok()?;
    // SAFETY: flock on an fd we own.
    (unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0).then_some(file)
}
