//! What the process does when the engine fails in a way no JavaScript can catch.
//!
//! Every crash found in Boa 0.22 is closed where it happens (docs/engine.md): replaced
//! built-ins, guards before Boa is called, clear errors. This module is for the ones nobody has
//! found yet, so that they still end the way an uncaught error does, on both targets:
//!
//! - a Rust **panic** prints `Uncaught InternalError: <message>` with the script and the engine
//!   location, and exits with status 1 (the release profile aborts on panic, and under
//!   WebAssembly a panic is an `unreachable` trap: the hook runs before either and exits first);
//! - a failed **allocation** prints `Uncaught InternalError: out of memory …` and exits with
//!   status 1 instead of aborting ([`ReportingAllocator`]);
//! - natively, an overflow of the **native stack** (Boa follows some structures by recursion, such
//!   as a prototype chain that scripts built in the VM, past the guards) prints
//!   `Uncaught InternalError: Maximum call stack size exceeded …` and exits with status 1 instead
//!   of Rust's abort; under WebAssembly it is a trap the host reports.

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;
use std::sync::OnceLock;

use wasmedge_boa_platform::Heap;

/// The script the process runs, named in the last-resort messages.
static SCRIPT: OnceLock<String> = OnceLock::new();

/// Installs the panic hook and the stack-overflow report (on the calling thread, the one that runs
/// JavaScript); `script` is the main script's path as given on the command line.
pub fn install(script: &str) {
    let _ = SCRIPT.set(script.to_string());
    // Printed from a signal handler, so composed now and kept for the life of the process.
    let overflow = format!(
        "Uncaught InternalError: Maximum call stack size exceeded (the native stack ran out: something is nested too deeply, such as a prototype chain)\n    at {script}\n"
    );
    wasmedge_boa_platform::process::report_stack_overflow(Box::leak(overflow.into_boxed_str()));
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the engine failed".to_string());
        let engine_location = info.location().map(|l| format!("{}:{}:{}", short_path(l.file()), l.line(), l.column()));
        report(&message, engine_location.as_deref());
    }));
    // For the tests of these paths (tests/cli.rs): fail on purpose, as if the engine had.
    match std::env::var("WASMEDGE_BOA_TEST_FAILURE").as_deref() {
        Ok("panic") => panic!("a panic requested by WASMEDGE_BOA_TEST_FAILURE"),
        Ok("allocation") => {
            // As large as a layout may be: 8 EiB natively; 2 GiB in wasm32, so two of them cannot
            // both fit in its 4 GiB. `black_box`: an allocation whose result is unused may be
            // optimised away.
            let layout = Layout::from_size_align(isize::MAX as usize - 4095, 8).unwrap_or(Layout::new::<u8>());
            for _ in 0..2 {
                // SAFETY: a non-zero-sized layout; the memory (never obtained) is not used.
                std::hint::black_box(unsafe { std::alloc::alloc(layout) });
            }
        }
        Ok("stack") => {
            overflow_the_stack(0);
        }
        _ => {}
    }
}

/// Recurses until the native stack runs out (for WASMEDGE_BOA_TEST_FAILURE=stack).
#[allow(unconditional_recursion)]
#[inline(never)]
fn overflow_the_stack(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 64]);
    overflow_the_stack(frame[0] + 1) + frame[63]
}

/// `…/registry/src/index…/boa_engine-0.22.0/src/x.rs` → `boa_engine-0.22.0/src/x.rs`.
fn short_path(file: &str) -> &str {
    file.rfind("/src/")
        .and_then(|src| file[..src].rfind('/').map(|crate_start| &file[crate_start + 1..]))
        .unwrap_or(file)
}

fn report(message: &str, engine_location: Option<&str>) -> ! {
    let _ = std::io::stdout().flush();
    let script = SCRIPT.get().map(String::as_str).unwrap_or("<script>");
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "Uncaught InternalError: {message}\n    at {script}");
    if let Some(location) = engine_location {
        let _ = writeln!(stderr, "    (a bug in the JavaScript engine, at {location})");
    }
    drop(stderr);
    wasmedge_boa_platform::process::exit(1)
}

/// The platform's heap ([`wasmedge_boa_platform::Heap`]), except that an allocation that fails
/// ends the process with a message and status 1 rather than an abort.
pub struct ReportingAllocator;

impl ReportingAllocator {
    #[cold]
    #[inline(never)]
    fn failed(layout: Layout) -> ! {
        // Formatted on the stack: the allocator has just failed.
        let mut buffer = StackText { bytes: [0; 96], len: 0 };
        let _ = std::fmt::Write::write_fmt(&mut buffer, format_args!("out of memory (an allocation of {} bytes failed)", layout.size()));
        report(std::str::from_utf8(&buffer.bytes[..buffer.len]).unwrap_or("out of memory"), None)
    }
}

/// A short message built without allocating.
struct StackText {
    bytes: [u8; 96],
    len: usize,
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let end = self.len + text.len();
        if end > self.bytes.len() {
            return Err(std::fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

// SAFETY: every method forwards to `Heap` with the same arguments and returns its result
// unchanged, except that a null result (failure) ends the process instead of being returned.
unsafe impl GlobalAlloc for ReportingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let pointer = unsafe { Heap.alloc(layout) };
        if pointer.is_null() {
            Self::failed(layout);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let pointer = unsafe { Heap.alloc_zeroed(layout) };
        if pointer.is_null() {
            Self::failed(layout);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { Heap.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let new = unsafe { Heap.realloc(pointer, layout, new_size) };
        if new.is_null() {
            // SAFETY: the caller guarantees that `new_size` with this alignment is a valid layout.
            Self::failed(unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) });
        }
        new
    }
}
