//! The native halves of Node's core modules. Their API shape is JavaScript in `js/`; what is
//! here does the per-call work (`_boa:buffer` for `js/buffer.js`, `_boa:fs` for `js/fs.js`, `_boa:http` for `js/http.js` and
//! `fetch`, `_boa:net` for `js/net.js`, `_boa:vm` for `js/vm.js`, the `process` object).

pub mod buffer;
pub mod crypto;
pub mod crypto_dh;
pub mod crypto_keys;
pub mod error_stack;
pub mod fs;
pub mod globals;
pub mod http;
pub mod net;
pub mod outgoing;
pub mod process;
pub mod vm;
mod process_events;
