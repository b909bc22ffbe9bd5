//! The web platform's server-side APIs (WinterTC), installed as globals: see
//! `docs/web-globals.md`.

/// The deflate-compressed text of `web/js/<file>`, for [`idl::run_builtin_script`] (build.rs
/// compresses it; `crate::embedded` says why).
macro_rules! web_js {
    ($file:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/web_js/", $file))
    };
}

pub mod abort;
pub mod base64;
pub mod blob;
pub mod crypto;
pub mod dom_exception;
pub mod encoding;
pub mod events;
pub mod idl;
pub mod microtask;
pub mod performance;
pub mod streams;
pub mod structured_clone;
pub mod url;
