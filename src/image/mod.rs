//! OCI images of bundled apps (docs/deploy.md): `wasmedge_boa image app.js -o app.oci.tar`.
//!
//! - [`oci`]: the OCI image archive writer (image layout in a tar, JSON, sha256 digests).
//! - `command`: the subcommand: bundle (src/bundle), optionally AOT-compile with
//!   `wasmedge compile`, and write the archive with the config crun and runwasi select on.
//!
//! Native CLI only: the .wasm does not contain the image writer.

#[cfg(not(target_family = "wasm"))]
mod command;
#[cfg(not(target_family = "wasm"))]
pub mod oci;

/// Runs the `image` subcommand if `args` (the command line without the program name) start with
/// it and this build has it; returns the exit status.
pub fn command(args: &[String]) -> Option<i32> {
    #[cfg(not(target_family = "wasm"))]
    if args.first().is_some_and(|arg| arg == "image") {
        return Some(command::run(&args[1..]));
    }
    let _ = args;
    None
}
