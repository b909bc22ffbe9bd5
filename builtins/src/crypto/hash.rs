//! Message digests and HMAC, chosen by name at run time.

use digest::{DynDigest, ExtendableOutput, Update};
use hmac::{Hmac, Mac as _};

use super::{Error, Result};

/// A hash algorithm this build has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,
    Shake256,
}

/// Node's names (`crypto.getHashes()`), in its sorted order; all are accepted case-insensitively.
pub const NODE_NAMES: &[&str] = &[
    "RSA-MD5",
    "RSA-SHA1",
    "RSA-SHA1-2",
    "RSA-SHA224",
    "RSA-SHA256",
    "RSA-SHA3-224",
    "RSA-SHA3-256",
    "RSA-SHA3-384",
    "RSA-SHA3-512",
    "RSA-SHA384",
    "RSA-SHA512",
    "RSA-SHA512/224",
    "RSA-SHA512/256",
    "md5",
    "md5WithRSAEncryption",
    "sha1",
    "sha1WithRSAEncryption",
    "sha224",
    "sha224WithRSAEncryption",
    "sha256",
    "sha256WithRSAEncryption",
    "sha3-224",
    "sha3-256",
    "sha3-384",
    "sha3-512",
    "sha384",
    "sha384WithRSAEncryption",
    "sha512",
    "sha512-224",
    "sha512-224WithRSAEncryption",
    "sha512-256",
    "sha512-256WithRSAEncryption",
    "shake128",
    "shake256",
];

impl HashAlg {
    /// The algorithm Node (OpenSSL) calls `name`: `sha256`, `SHA256`, `RSA-SHA256`,
    /// `sha256WithRSAEncryption`, `SHA2-256`, `sha-256`, `sha512/256`, … (any case).
    pub fn from_node_name(name: &str) -> Option<HashAlg> {
        let lower = name.to_ascii_lowercase();
        let mut base = lower.as_str();
        if let Some(rest) = base.strip_prefix("rsa-") {
            base = rest;
        }
        if let Some(rest) = base.strip_suffix("withrsaencryption") {
            base = rest;
        }
        Some(match base {
            "md5" | "ssl3-md5" => HashAlg::Md5,
            "sha1" | "sha-1" | "ssl3-sha1" | "sha1-2" => HashAlg::Sha1,
            "sha224" | "sha-224" | "sha2-224" => HashAlg::Sha224,
            "sha256" | "sha-256" | "sha2-256" => HashAlg::Sha256,
            "sha384" | "sha-384" | "sha2-384" => HashAlg::Sha384,
            "sha512" | "sha-512" | "sha2-512" => HashAlg::Sha512,
            "sha512-224" | "sha512/224" | "sha-512/224" | "sha2-512/224" => HashAlg::Sha512_224,
            "sha512-256" | "sha512/256" | "sha-512/256" | "sha2-512/256" => HashAlg::Sha512_256,
            "sha3-224" => HashAlg::Sha3_224,
            "sha3-256" => HashAlg::Sha3_256,
            "sha3-384" => HashAlg::Sha3_384,
            "sha3-512" => HashAlg::Sha3_512,
            "shake128" | "shake-128" => HashAlg::Shake128,
            "shake256" | "shake-256" => HashAlg::Shake256,
            _ => return None,
        })
    }

    /// The algorithm WebCrypto calls `name` (`SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`; any case).
    pub fn from_web_name(name: &str) -> Option<HashAlg> {
        match name.to_ascii_uppercase().as_str() {
            "SHA-1" => Some(HashAlg::Sha1),
            "SHA-256" => Some(HashAlg::Sha256),
            "SHA-384" => Some(HashAlg::Sha384),
            "SHA-512" => Some(HashAlg::Sha512),
            _ => None,
        }
    }

    /// The WebCrypto name of an algorithm WebCrypto has.
    pub fn web_name(self) -> &'static str {
        match self {
            HashAlg::Sha1 => "SHA-1",
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            _ => "SHA-512",
        }
    }

    /// The digest size in bytes (the default output length for SHAKE: 16 and 32, as OpenSSL).
    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Md5 | HashAlg::Shake128 => 16,
            HashAlg::Sha1 => 20,
            HashAlg::Sha224 | HashAlg::Sha512_224 | HashAlg::Sha3_224 => 28,
            HashAlg::Sha256 | HashAlg::Sha512_256 | HashAlg::Sha3_256 | HashAlg::Shake256 => 32,
            HashAlg::Sha384 | HashAlg::Sha3_384 => 48,
            HashAlg::Sha512 | HashAlg::Sha3_512 => 64,
        }
    }

    /// The internal block size in bytes (what HMAC pads keys to).
    pub fn block_len(self) -> usize {
        match self {
            HashAlg::Md5 | HashAlg::Sha1 | HashAlg::Sha224 | HashAlg::Sha256 => 64,
            HashAlg::Sha384 | HashAlg::Sha512 | HashAlg::Sha512_224 | HashAlg::Sha512_256 => 128,
            HashAlg::Sha3_224 => 144,
            HashAlg::Sha3_256 | HashAlg::Shake256 => 136,
            HashAlg::Sha3_384 => 104,
            HashAlg::Sha3_512 => 72,
            HashAlg::Shake128 => 168,
        }
    }

    /// Whether the output length can be chosen (SHAKE).
    pub fn is_xof(self) -> bool {
        matches!(self, HashAlg::Shake128 | HashAlg::Shake256)
    }
}

/// Runs `$body` with `$d` bound to the digest type of `$alg`; SHAKE (no fixed output, no HMAC)
/// evaluates `$xof` instead.
macro_rules! with_digest {
    ($alg:expr, $d:ident => $body:expr, xof => $xof:expr) => {
        match $alg {
            $crate::crypto::hash::HashAlg::Md5 => { type $d = md5::Md5; $body }
            $crate::crypto::hash::HashAlg::Sha1 => { type $d = sha1::Sha1; $body }
            $crate::crypto::hash::HashAlg::Sha224 => { type $d = sha2::Sha224; $body }
            $crate::crypto::hash::HashAlg::Sha256 => { type $d = sha2::Sha256; $body }
            $crate::crypto::hash::HashAlg::Sha384 => { type $d = sha2::Sha384; $body }
            $crate::crypto::hash::HashAlg::Sha512 => { type $d = sha2::Sha512; $body }
            $crate::crypto::hash::HashAlg::Sha512_224 => { type $d = sha2::Sha512_224; $body }
            $crate::crypto::hash::HashAlg::Sha512_256 => { type $d = sha2::Sha512_256; $body }
            $crate::crypto::hash::HashAlg::Sha3_224 => { type $d = sha3::Sha3_224; $body }
            $crate::crypto::hash::HashAlg::Sha3_256 => { type $d = sha3::Sha3_256; $body }
            $crate::crypto::hash::HashAlg::Sha3_384 => { type $d = sha3::Sha3_384; $body }
            $crate::crypto::hash::HashAlg::Sha3_512 => { type $d = sha3::Sha3_512; $body }
            $crate::crypto::hash::HashAlg::Shake128 | $crate::crypto::hash::HashAlg::Shake256 => $xof,
        }
    };
}
pub(crate) use with_digest;

/// A running digest (`createHash`, `subtle.digest`); cloneable for Node's `hash.copy()`.
pub enum Hasher {
    Fixed(Box<dyn DynDigest>),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
}

impl Clone for Hasher {
    fn clone(&self) -> Self {
        match self {
            Hasher::Fixed(d) => Hasher::Fixed(d.box_clone()),
            Hasher::Shake128(s) => Hasher::Shake128(s.clone()),
            Hasher::Shake256(s) => Hasher::Shake256(s.clone()),
        }
    }
}

impl Hasher {
    pub fn new(alg: HashAlg) -> Hasher {
        with_digest!(alg, D => Hasher::Fixed(Box::new(<D as digest::Digest>::new())), xof => match alg {
            HashAlg::Shake128 => Hasher::Shake128(Default::default()),
            _ => Hasher::Shake256(Default::default()),
        })
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Fixed(d) => d.update(data),
            Hasher::Shake128(s) => Update::update(s, data),
            Hasher::Shake256(s) => Update::update(s, data),
        }
    }

    /// The digest; `xof_len` chooses SHAKE's output length (ignored by fixed-size digests).
    pub fn finish(self, xof_len: Option<usize>) -> Result<Vec<u8>> {
        match self {
            Hasher::Fixed(d) => Ok(d.finalize().into_vec()),
            Hasher::Shake128(s) => {
                let mut out = super::zeroed(xof_len.unwrap_or(16))?;
                s.finalize_xof_into(&mut out);
                Ok(out)
            }
            Hasher::Shake256(s) => {
                let mut out = super::zeroed(xof_len.unwrap_or(32))?;
                s.finalize_xof_into(&mut out);
                Ok(out)
            }
        }
    }
}

/// The digest of `data` in one call.
pub fn digest(alg: HashAlg, data: &[u8]) -> Vec<u8> {
    let mut h = Hasher::new(alg);
    h.update(data);
    // Fixed-size digests and the default SHAKE lengths cannot fail to allocate meaningfully.
    h.finish(None).unwrap_or_default()
}

/// A running HMAC (`createHmac`, the HMAC algorithm of `subtle`).
#[derive(Clone)]
pub struct HmacState {
    inner: MacState,
}

macro_rules! mac_state {
    ($($variant:ident => $d:ty),* $(,)?) => {
        #[derive(Clone)]
        enum MacState { $($variant(Hmac<$d>)),* }
        impl MacState {
            fn new(alg: HashAlg, key: &[u8]) -> Result<MacState> {
                Ok(match alg {
                    $(HashAlg::$variant => MacState::$variant(
                        <Hmac<$d> as hmac::Mac>::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?,
                    ),)*
                    other => return Err(Error::Unsupported(format!("HMAC with {other:?}"))),
                })
            }
            fn update(&mut self, data: &[u8]) {
                match self { $(MacState::$variant(m) => hmac::Mac::update(m, data)),* }
            }
            fn finish(self) -> Vec<u8> {
                match self { $(MacState::$variant(m) => m.finalize().into_bytes().to_vec()),* }
            }
        }
    };
}

mac_state! {
    Md5 => md5::Md5,
    Sha1 => sha1::Sha1,
    Sha224 => sha2::Sha224,
    Sha256 => sha2::Sha256,
    Sha384 => sha2::Sha384,
    Sha512 => sha2::Sha512,
    Sha512_224 => sha2::Sha512_224,
    Sha512_256 => sha2::Sha512_256,
    Sha3_224 => sha3::Sha3_224,
    Sha3_256 => sha3::Sha3_256,
    Sha3_384 => sha3::Sha3_384,
    Sha3_512 => sha3::Sha3_512,
}


impl HmacState {
    /// An HMAC keyed with `key` (any length; SHAKE has no HMAC).
    pub fn new(alg: HashAlg, key: &[u8]) -> Result<HmacState> {
        Ok(HmacState { inner: MacState::new(alg, key)? })
    }

    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    pub fn finish(self) -> Vec<u8> {
        self.inner.finish()
    }
}

/// HMAC of `data` under `key` in one call.
pub fn hmac(alg: HashAlg, key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    let mut mac = HmacState::new(alg, key)?;
    mac.update(data);
    Ok(mac.finish())
}

/// Compares two byte strings in time that depends only on their length.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digests_of_abc() {
        // FIPS 180-4 / FIPS 202 example values for "abc"; RFC 1321 for MD5.
        let cases = [
            (HashAlg::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (HashAlg::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (HashAlg::Sha224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
            (HashAlg::Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                HashAlg::Sha384,
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            ),
            (
                HashAlg::Sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
            (HashAlg::Sha512_256, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"),
            (HashAlg::Sha3_256, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
            (
                HashAlg::Sha3_512,
                "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
            ),
            (HashAlg::Shake128, "5881092dd818bf5cf8a3ddb793fbcba7"),
        ];
        for (alg, expected) in cases {
            assert_eq!(hex(&digest(alg, b"abc")), expected, "{alg:?}");
            assert_eq!(digest(alg, b"abc").len(), alg.output_len());
        }
    }

    #[test]
    fn streaming_and_copy_match_one_shot() {
        let mut h = Hasher::new(HashAlg::Sha256);
        h.update(b"a");
        let copy = h.clone();
        h.update(b"bc");
        assert_eq!(h.finish(None).unwrap(), digest(HashAlg::Sha256, b"abc"));
        assert_eq!(copy.finish(None).unwrap(), digest(HashAlg::Sha256, b"a"));
    }

    #[test]
    fn shake_lengths() {
        let mut h = Hasher::new(HashAlg::Shake256);
        h.update(b"");
        // FIPS 202: SHAKE256("") starts 46b9dd2b0ba88d13.
        assert_eq!(&hex(&h.finish(Some(8)).unwrap()), "46b9dd2b0ba88d13");
    }

    #[test]
    fn hmac_rfc4231_case_2() {
        let mac = hmac(HashAlg::Sha256, b"Jefe", b"what do ya want for nothing?").unwrap();
        assert_eq!(hex(&mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        let mac = hmac(HashAlg::Sha512, b"Jefe", b"what do ya want for nothing?").unwrap();
        assert!(hex(&mac).starts_with("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"));
        // RFC 2202: HMAC-MD5 and HMAC-SHA1, test case 2.
        assert_eq!(hex(&hmac(HashAlg::Md5, b"Jefe", b"what do ya want for nothing?").unwrap()), "750c783e6ab0b503eaa86e310a5db738");
        assert_eq!(
            hex(&hmac(HashAlg::Sha1, b"Jefe", b"what do ya want for nothing?").unwrap()),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert!(hmac(HashAlg::Shake128, b"k", b"").is_err());
    }

    #[test]
    fn node_names() {
        assert_eq!(HashAlg::from_node_name("RSA-SHA256"), Some(HashAlg::Sha256));
        assert_eq!(HashAlg::from_node_name("SHA512"), Some(HashAlg::Sha512));
        assert_eq!(HashAlg::from_node_name("sha256WithRSAEncryption"), Some(HashAlg::Sha256));
        assert_eq!(HashAlg::from_node_name("sha512-256"), Some(HashAlg::Sha512_256));
        assert_eq!(HashAlg::from_node_name("whirlpool"), None);
        for name in NODE_NAMES {
            assert!(HashAlg::from_node_name(name).is_some(), "{name}");
        }
    }
}
