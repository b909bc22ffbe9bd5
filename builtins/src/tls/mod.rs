//! TLS in the guest, on rustls: sessions run under the same connection engines as plain TCP.
//!
//! - [`stream`]: [`TlsStream`], a rustls session over a [`ByteStream`](crate::byte_stream::ByteStream)
//!   that is itself one, so the HTTP engine, Node's sockets and `wasi_net` use it unchanged;
//! - [`config`]: client and server configurations from Node's options (roots, `ca`,
//!   `rejectUnauthorized`, ALPN, keys); nothing is built before the first TLS connection, so TLS
//!   costs nothing at start-up;
//! - [`error`]: failures with Node's codes and messages;
//! - [`js`]: Node's TLS options read from JavaScript, failures as JavaScript errors;
//! - [`cert`]: certificates as `getPeerCertificate()` describes them.

pub mod cert;
pub mod config;
pub mod error;
pub mod js;
pub mod stream;

pub use config::{ClientOptions, TlsClient, server_config};
pub use error::TlsFailure;
pub use stream::TlsStream;
