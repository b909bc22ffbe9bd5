//! The web platform's server-side APIs (WinterTC), installed as globals: see
//! `docs/web-globals.md`.

pub mod abort;
pub mod base64;
pub mod crypto;
pub mod dom_exception;
pub mod encoding;
pub mod microtask;
pub mod structured_clone;
pub mod url;
