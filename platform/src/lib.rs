//! Host capabilities behind one small interface, with a native backend (mio, Linux) and a WASI
//! backend (WasmEdge's socket extension and `poll_oneoff`).
//!
//! Everything above this crate is target-independent: this is the only crate that says
//! `cfg(target_os = "wasi")`, and only to pick the backend in `sys` and a few messages.
//!
//! - [`reactor`]: the single place the process blocks. Futures register interest in socket
//!   readiness or a deadline; [`reactor::wait`] sleeps until one of them is due and wakes it.
//! - [`net`]: non-blocking TCP listeners and streams whose operations are futures on the reactor.
//! - [`fs`]: reading script and module files.
//! - [`process`]: leaving the process with buffered output flushed.
//! - [`signal`]: process signals (natively; WASI has none).
//! - [`Heap`]: the memory allocator.

// WASI's `filestat` device, inode and link count (std::os::wasi::fs::MetadataExt) are unstable;
// the wasm build already uses Debian's rustc with RUSTC_BOOTSTRAP=1 (scripts/build-wasm).
#![cfg_attr(target_os = "wasi", feature(wasi_ext))]

pub mod fs;
pub mod net;
pub mod process;
pub mod reactor;
pub mod signal;

#[cfg(not(target_os = "wasi"))]
#[path = "sys/native.rs"]
mod sys;
#[cfg(target_os = "wasi")]
#[path = "sys/wasi.rs"]
mod sys;

/// `"wasi"` in the WebAssembly build, `"native"` in the Linux build.
pub const TARGET: &str = sys::TARGET;

/// The allocator the runtime's binary builds its global allocator on: mimalloc natively (about a
/// fifth fewer instructions per HTTP request than glibc's malloc: the engine allocates on every
/// object, string and call), the standard one in the WebAssembly build.
pub use sys::Heap;
