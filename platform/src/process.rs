//! Leaving the process.

use std::io::Write;

/// Flushes stdout and stderr, then exits with `code`.
pub fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

/// Forgets the C library's cached copy of the environment: the next read asks the host again.
/// A pre-initialized bundle calls this before its snapshot is taken (docs/bundle.md).
pub fn forget_environment() {
    crate::sys::forget_environment()
}

/// The process id (WASI has none: 2, the number the reference runtime reports).
pub fn id() -> u32 {
    #[cfg(unix)]
    return std::process::id();
    #[cfg(not(unix))]
    2
}

/// The parent's process id (1 under WASI).
pub fn parent_id() -> u32 {
    #[cfg(unix)]
    // SAFETY: getppid has no preconditions and cannot fail.
    return unsafe { libc::getppid() } as u32;
    #[cfg(not(unix))]
    1
}

/// Memory in use by the process, in bytes: the resident set natively (from /proc), the size of
/// the linear memory under WebAssembly; 0 when unknown.
pub fn memory_in_use() -> u64 {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size(0) as u64 * 65536;
    #[cfg(not(target_arch = "wasm32"))]
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map(|pages| pages * 4096)
        .unwrap_or(0)
}
