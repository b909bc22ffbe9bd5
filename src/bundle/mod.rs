//! Ahead-of-time bundled apps (docs/bundle.md): `wasmedge_boa bundle app.js -o app.wasm`.
//!
//! - [`format`]: the bundle, the app's files in one byte string.
//! - [`files`]: where the module loader reads files (disk, disk while recording, a bundle).
//! - [`guest`]: inside the .wasm: the pre-initialization Wizer runs, and the run after it.
//! - `collect`, `snapshot`, `command` (native CLI only: they need wasmtime): finding the app's
//!   files, pre-initializing the runtime .wasm with them, and the subcommand.

pub mod files;
pub mod format;
pub mod guest;

// Wasmtime runs only natively: the bundler is not part of the .wasm.
#[cfg(not(target_family = "wasm"))]
mod collect;
#[cfg(not(target_family = "wasm"))]
pub(crate) mod command;
#[cfg(not(target_family = "wasm"))]
mod snapshot;

pub use guest::{initialize, run_if_bundled};
// `wasmedge_boa image` (src/image) packs a bundle into an OCI image.
#[cfg(not(target_family = "wasm"))]
pub(crate) use command::bundle_app;

/// Runs the `bundle` subcommand if `args` (the command line without the program name) start with
/// it and this build has the bundler; returns the exit status.
pub fn command(args: &[String]) -> Option<i32> {
    #[cfg(not(target_family = "wasm"))]
    if args.first().is_some_and(|arg| arg == "bundle") {
        return Some(command::run(&args[1..]));
    }
    let _ = args;
    None
}
