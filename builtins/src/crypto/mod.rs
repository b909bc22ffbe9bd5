//! The cryptography core shared by Node's `crypto` (`node/crypto.rs`, `js/crypto.js`) and the
//! web's `crypto.subtle` (`web/crypto/`): plain Rust over RustCrypto's crates, with no Boa types,
//! so both APIs hash, encrypt and derive with the very same code. Each binding turns [`Error`]
//! into its own API's error (Node's `code`s, WebCrypto's DOMException names).
//!
//! - [`random`]: the operating system's generator (`getrandom`; WASI `random_get` under WasmEdge);
//! - [`hash`]: digests and HMAC by algorithm name;
//! - [`kdf`]: PBKDF2, HKDF, scrypt;
//! - [`aes`]: AES in CBC, ECB, CTR and GCM modes, streaming (Node's `update`/`final`) and one-shot;
//! - [`asym`]: Node's asymmetric keys (RSA on the `rsa` crate, and the EC keys below);
//! - [`keys`]: elliptic-curve keys (P-256, P-384, Ed25519, X25519): generation, ECDSA/EdDSA,
//!   ECDH/X25519, and their encodings (raw, PKCS#8, SPKI, JWK fields).

pub mod aes;
pub mod asym;
pub mod dh;
mod dh_groups;
pub mod hash;
pub mod kdf;
pub mod keys;
pub mod random;

/// What went wrong, in terms both bindings can map to their own errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An algorithm (hash, cipher, curve) this build does not have.
    Unsupported(String),
    /// A key of the wrong size for the algorithm.
    InvalidKeyLength,
    /// An IV or nonce of the wrong size.
    InvalidIv,
    /// A GCM authentication tag length the mode does not allow.
    InvalidTagLength,
    /// Decryption failed authentication (GCM tag mismatch).
    AuthenticationFailed,
    /// CBC/ECB decryption found bad padding.
    BadDecrypt,
    /// Block-mode input that is not a whole number of blocks (without padding).
    WrongFinalBlockLength,
    /// An output or parameter too large (derived key length, scrypt memory, counter wrap).
    TooLarge(String),
    /// Key material or an encoding that cannot be parsed.
    InvalidKey(String),
    /// The operation is not valid in the current state (e.g. `setAAD` after `update`).
    InvalidState(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Unsupported(what) => write!(f, "{what} is not supported"),
            Error::InvalidKeyLength => f.write_str("Invalid key length"),
            Error::InvalidIv => f.write_str("Invalid initialization vector"),
            Error::InvalidTagLength => f.write_str("Invalid authentication tag length"),
            Error::AuthenticationFailed => f.write_str("Unsupported state or unable to authenticate data"),
            Error::BadDecrypt => f.write_str("bad decrypt"),
            Error::WrongFinalBlockLength => f.write_str("wrong final block length"),
            Error::TooLarge(what) | Error::InvalidKey(what) | Error::InvalidState(what) => f.write_str(what),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A zeroed buffer of `len` bytes, or [`Error::TooLarge`] when memory cannot be had: sizes come
/// from scripts, and an allocation failure must be an exception, not an abort.
pub fn zeroed(len: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(len).map_err(|_| Error::TooLarge(format!("cannot allocate {len} bytes")))?;
    bytes.resize(len, 0);
    Ok(bytes)
}
