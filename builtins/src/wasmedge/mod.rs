//! The QuickJS runtime's own modules, as its scripts import them (compat-spec §5): `wasi_net`,
//! `wasi_http`, `std` and `qjs:os`.

pub mod qjs_os;
pub mod std_module;
pub mod wasi_http;
pub mod wasi_net;
