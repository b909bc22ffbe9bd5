//! wasmedge_boa: a JavaScript runtime for WasmEdge on the Boa engine.
//!
//! - [`runtime`]: builds a Boa context with every global and module, runs the main module.
//! - [`event_loop`]: the job executor that drives promises, timers and I/O.
//! - [`loader`]: how import specifiers become modules.
//! - [`node_resolve`]: Node's `node_modules`/`package.json` resolution and module kinds.
//! - [`cjs`]: CommonJS (`require`): the native half of `js/module.js`, CommonJS seen from ESM.
//! - [`errors`]: how uncaught errors and syntax errors are reported ([`declarations`] locates
//!   the duplicate declarations Boa reports at 1:1).
//! - [`last_resort`]: what happens when the engine itself fails (a panic, a failed allocation).
//! - [`bundle`]: ahead-of-time bundled, pre-initialized apps (`wasmedge_boa bundle`).
//! - [`image`]: OCI images of bundled apps for Kubernetes (`wasmedge_boa image`).
//!
//! Native modules and globals live in the `wasmedge_boa_builtins` crate; host capabilities
//! (sockets, files, the blocking wait) in `wasmedge_boa_platform`.

pub mod bundle;
pub mod cjs;
pub mod declarations;
pub mod errors;
pub mod event_loop;
pub mod image;
pub mod last_resort;
pub mod loader;
pub mod node_resolve;
pub mod runtime;
