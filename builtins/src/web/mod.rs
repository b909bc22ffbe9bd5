//! The web platform's server-side APIs (WinterTC), installed as globals: see
//! `docs/web-globals.md`.

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
