//! Key derivation: PBKDF2 (RFC 8018), HKDF (RFC 5869), scrypt (RFC 7914).

use hmac::Hmac;

use super::hash::{HashAlg, with_digest};
use super::{Error, Result, zeroed};

/// PBKDF2-HMAC with `alg`, `iterations` ≥ 1, `len` output bytes.
pub fn pbkdf2(alg: HashAlg, password: &[u8], salt: &[u8], iterations: u32, len: usize) -> Result<Vec<u8>> {
    let mut out = zeroed(len)?;
    if len == 0 {
        return Ok(out);
    }
    with_digest!(alg, D => {
        pbkdf2::pbkdf2::<Hmac<D>>(password, salt, iterations, &mut out).map_err(|_| Error::InvalidKeyLength)?
    }, xof => return Err(Error::Unsupported(format!("PBKDF2 with {alg:?}"))));
    Ok(out)
}

/// HKDF with `alg`: extract with `salt` (empty means zeros), expand with `info` to `len` bytes
/// (at most 255 digests).
pub fn hkdf(alg: HashAlg, ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Result<Vec<u8>> {
    if alg.is_xof() {
        return Err(Error::Unsupported(format!("HKDF with {alg:?}")));
    }
    if len > 255 * alg.output_len() {
        return Err(Error::TooLarge(format!("HKDF output of {len} bytes exceeds 255 digests")));
    }
    let mut out = zeroed(len)?;
    with_digest!(alg, D => {
        hkdf::Hkdf::<D>::new(Some(salt), ikm).expand(info, &mut out).map_err(|_| Error::InvalidKeyLength)?
    }, xof => unreachable!("checked above"));
    Ok(out)
}

/// Why scrypt refused its parameters (Node words these after OpenSSL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScryptError {
    /// N not a power of two above 1, r or p zero, or r·p too large.
    InvalidParameters,
    /// 128·r·(N + p + 2) bytes exceed `maxmem`.
    MemoryLimitExceeded,
    /// The memory cannot be allocated.
    OutOfMemory,
}

/// scrypt with cost `n` (a power of two > 1), block size `r`, parallelization `p`, using at most
/// `maxmem` bytes of working memory, `len` output bytes.
pub fn scrypt(password: &[u8], salt: &[u8], n: u64, r: u32, p: u32, maxmem: u64, len: usize) -> std::result::Result<Vec<u8>, ScryptError> {
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
        return Err(ScryptError::InvalidParameters);
    }
    let log_n = n.trailing_zeros();
    // RFC 7914: N < 2^(128·r/8) and p ≤ (2^32 − 1)·32 / (128·r).
    if (log_n as u64) >= 16 * r as u64 || (r as u64) * (p as u64) >= 1 << 30 {
        return Err(ScryptError::InvalidParameters);
    }
    let memory = 128u128 * r as u128 * (n as u128 + p as u128 + 2);
    if memory > maxmem as u128 {
        return Err(ScryptError::MemoryLimitExceeded);
    }
    if len == 0 {
        return Ok(Vec::new());
    }
    // The crate allocates its working memory itself: make sure that much can be had first, so a
    // large (but allowed) maxmem gives an error instead of an allocation abort.
    let working = usize::try_from(memory).map_err(|_| ScryptError::OutOfMemory)?;
    drop(zeroed(working).map_err(|_| ScryptError::OutOfMemory)?);
    let mut out = zeroed(len).map_err(|_| ScryptError::OutOfMemory)?;
    let params = scrypt::Params::new(log_n as u8, r, p, 32).map_err(|_| ScryptError::InvalidParameters)?;
    scrypt::scrypt(password, salt, &params, &mut out).map_err(|_| ScryptError::InvalidParameters)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn pbkdf2_rfc6070() {
        let out = pbkdf2(HashAlg::Sha1, b"password", b"salt", 2, 20).unwrap();
        assert_eq!(hex(&out), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        let out = pbkdf2(HashAlg::Sha1, b"pass\0word", b"sa\0lt", 4096, 16).unwrap();
        assert_eq!(hex(&out), "56fa6aa75548099dcc37d7f03425e0c3");
        assert!(pbkdf2(HashAlg::Sha256, b"p", b"s", 1, 0).unwrap().is_empty());
    }

    #[test]
    fn hkdf_rfc5869_case_1() {
        let ikm = unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        let salt = unhex("000102030405060708090a0b0c");
        let info = unhex("f0f1f2f3f4f5f6f7f8f9");
        let okm = hkdf(HashAlg::Sha256, &ikm, &salt, &info, 42).unwrap();
        assert_eq!(
            hex(&okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
        assert!(matches!(hkdf(HashAlg::Sha256, &ikm, &salt, &info, 255 * 32 + 1), Err(Error::TooLarge(_))));
    }

    #[test]
    fn scrypt_rfc7914() {
        let out = scrypt(b"", b"", 16, 1, 1, 32 << 20, 64).unwrap();
        assert!(hex(&out).starts_with("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"));
        let out = scrypt(b"password", b"NaCl", 1024, 8, 16, 32 << 20, 64).unwrap();
        assert!(hex(&out).starts_with("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"));
        assert_eq!(scrypt(b"", b"", 3, 1, 1, 32 << 20, 8), Err(ScryptError::InvalidParameters));
        assert_eq!(scrypt(b"", b"", 1 << 20, 8, 1, 32 << 20, 8), Err(ScryptError::MemoryLimitExceeded));
    }
}
