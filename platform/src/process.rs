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

/// From now on, a native stack overflow on the calling thread prints `message` on stderr and
/// exits with status 1 instead of aborting. (Under WebAssembly the host reports the trap.)
pub fn report_stack_overflow(message: &'static str) {
    crate::sys::report_stack_overflow(message)
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

/// Runs `f` on a stack of `size` bytes and returns its result: natively on a new thread (the
/// main thread's stack is fixed by the OS), under WebAssembly directly (the wasm stack's size is
/// set when linking; there are no threads).
pub fn with_stack<T: Send + 'static>(size: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    #[cfg(not(target_family = "wasm"))]
    {
        let f = std::sync::Arc::new(std::sync::Mutex::new(Some(f)));
        let on_thread = std::sync::Arc::clone(&f);
        let spawned = std::thread::Builder::new().name("main".into()).stack_size(size).spawn(move || {
            let f = on_thread.lock().ok().and_then(|mut f| f.take());
            f.map(|f| f())
        });
        if let Ok(handle) = spawned {
            if let Ok(Some(result)) = handle.join() {
                return result;
            }
        }
        // No thread (or it ended without a result): run here, on the stack we have.
        let f = f.lock().ok().and_then(|mut f| f.take());
        match f {
            Some(f) => f(),
            None => exit(1),
        }
    }
    #[cfg(target_family = "wasm")]
    {
        let _ = size;
        f()
    }
}
