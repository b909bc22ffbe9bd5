//! Asymmetric keys as Node's `KeyObject` sees them: RSA (PKCS#1 v1.5 and PSS signatures, OAEP
//! and PKCS#1 v1.5 encryption) on the `rsa` crate, plus the elliptic-curve keys of
//! [`super::keys`], read from and written to PKCS#8, SPKI, PKCS#1 and SEC1 DER and JWK fields.
//! PEM armour is the JavaScript side's business (it is base64 between two lines).

use pkcs8::der::{Decode, Encode};
use pkcs8::{ObjectIdentifier, PrivateKeyInfo};
use rand_core::OsRng;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};
use sha2::digest::DynDigest;
use spki::SubjectPublicKeyInfoRef;

use super::dh;
use super::hash::{HashAlg, digest};
use super::keys::{self, Curve};
use super::{Error, Result};

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// PKCS#3 dhKeyAgreement, as OpenSSL writes finite-field DH keys.
const OID_DH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.3.1");

fn bad(what: &str) -> Error {
    Error::InvalidKey(what.to_string())
}

/// A private key of any supported type. `pss` marks an RSA key restricted to RSA-PSS
/// (`rsa-pss` in Node, OID id-RSASSA-PSS).
pub enum Private {
    Rsa { key: RsaPrivateKey, pss: bool },
    Ec(keys::PrivateKey),
    /// Finite-field DH (`dh`): the group, x and g^x mod p, big-endian.
    Dh { group: dh::Group, private: Vec<u8>, public: Vec<u8> },
}

/// A public key of any supported type.
#[derive(PartialEq)]
pub enum Public {
    Rsa { key: RsaPublicKey, pss: bool },
    Ec(keys::PublicKey),
    Dh { group: dh::Group, public: Vec<u8> },
}

/// Node's `asymmetricKeyType` of an elliptic-curve key.
fn curve_kind(curve: Curve) -> &'static str {
    match curve {
        Curve::P256 | Curve::P384 => "ec",
        Curve::Ed25519 => "ed25519",
        Curve::X25519 => "x25519",
    }
}

fn rsa_kind(pss: bool) -> &'static str {
    if pss { "rsa-pss" } else { "rsa" }
}

/// Whether a PKCS#8/SPKI algorithm OID names an RSA key: `Some(pss)` (rsaEncryption, or
/// id-RSASSA-PSS for a key restricted to PSS), `None` for the curves' OIDs.
fn rsa_oid(oid: ObjectIdentifier) -> Option<bool> {
    match oid {
        OID_RSA => Some(false),
        OID_RSA_PSS => Some(true),
        _ => None,
    }
}

/// The algorithm identifier of a DH key: dhKeyAgreement with its group.
fn with_dh_algorithm<R>(group: &dh::Group, f: impl FnOnce(pkcs8::AlgorithmIdentifierRef<'_>) -> Result<R>) -> Result<R> {
    let params = group.to_der()?;
    let parameters = pkcs8::der::asn1::AnyRef::from_der(&params).map_err(|_| bad("DH encoding failed"))?;
    f(pkcs8::AlgorithmIdentifierRef { oid: OID_DH, parameters: Some(parameters) })
}

/// The group of a dhKeyAgreement algorithm identifier.
fn dh_group(algorithm: &pkcs8::AlgorithmIdentifierRef<'_>) -> Result<dh::Group> {
    let params = algorithm.parameters.ok_or_else(|| bad("DH parameters missing"))?;
    dh::Group::from_der(&params.to_der().map_err(|_| bad("invalid DH parameters"))?)
}

/// PKCS#8 / SPKI wrapping of a PKCS#1 RSA key: the algorithm's OID, with the NULL parameters
/// rsaEncryption requires, or none for id-RSASSA-PSS (as OpenSSL writes an unrestricted one).
fn rsa_algorithm(pss: bool) -> pkcs8::AlgorithmIdentifierRef<'static> {
    if pss {
        pkcs8::AlgorithmIdentifierRef { oid: OID_RSA_PSS, parameters: None }
    } else {
        pkcs8::AlgorithmIdentifierRef { oid: OID_RSA, parameters: Some(pkcs8::der::asn1::AnyRef::NULL) }
    }
}

impl Private {
    /// A new key: `kind` is `rsa`, `rsa-pss`, `ec`, `ed25519` or `x25519`; RSA takes
    /// `modulus_bits` and `exponent`, `ec` its curve.
    pub fn generate(kind: &str, modulus_bits: usize, exponent: u64, curve: Option<Curve>) -> Result<Private> {
        Ok(match kind {
            "rsa" | "rsa-pss" => {
                if !(512..=16384).contains(&modulus_bits) {
                    return Err(bad("invalid modulus length"));
                }
                if exponent < 3 || exponent % 2 == 0 {
                    return Err(bad("invalid public exponent"));
                }
                let key = RsaPrivateKey::new_with_exp(&mut OsRng, modulus_bits, &BigUint::from(exponent))
                    .map_err(|e| Error::InvalidKey(format!("RSA key generation failed: {e}")))?;
                Private::Rsa { key, pss: kind == "rsa-pss" }
            }
            "ec" => Private::Ec(keys::PrivateKey::generate(curve.ok_or_else(|| bad("Invalid EC curve name"))?)),
            "ed25519" => Private::Ec(keys::PrivateKey::generate(Curve::Ed25519)),
            "x25519" => Private::Ec(keys::PrivateKey::generate(Curve::X25519)),
            _ => return Err(Error::Unsupported(format!("key type {kind}"))),
        })
    }

    /// A new DH key in `group`: a private value of `bits` bits (0: as long as p allows).
    pub fn dh(group: dh::Group, bits: usize) -> Result<Private> {
        let private = dh::private_key(&group.prime, bits)?;
        let public = dh::public_key(&group.prime, &group.generator, &private)?;
        Ok(Private::Dh { group, private, public })
    }

    /// DER in `format` (`pkcs8`, `pkcs1`, `sec1`), or any of them when `format` is `None`.
    pub fn from_der(der: &[u8], format: Option<&str>) -> Result<Private> {
        match format {
            Some("pkcs8") => Self::from_pkcs8(der),
            Some("pkcs1") => Ok(Private::Rsa {
                key: RsaPrivateKey::from_pkcs1_der(der).map_err(|_| bad("invalid PKCS#1 RSA private key"))?,
                pss: false,
            }),
            Some("sec1") => Self::from_sec1(der),
            Some(other) => Err(Error::Unsupported(format!("the key format {other}"))),
            None => Self::from_pkcs8(der)
                .or_else(|_| Self::from_der(der, Some("pkcs1")))
                .or_else(|_| Self::from_sec1(der))
                .map_err(|_| bad("unsupported or invalid private key")),
        }
    }

    fn from_pkcs8(der: &[u8]) -> Result<Private> {
        let info = PrivateKeyInfo::from_der(der).map_err(|_| bad("invalid PKCS#8 data"))?;
        if info.algorithm.oid == OID_DH {
            let group = dh_group(&info.algorithm)?;
            let private = dh::read_integer(info.private_key).ok_or_else(|| bad("invalid DH private key"))?;
            let public = dh::public_key(&group.prime, &group.generator, &private)?;
            return Ok(Private::Dh { group, private, public });
        }
        let Some(pss) = rsa_oid(info.algorithm.oid) else { return Ok(Private::Ec(keys::PrivateKey::from_pkcs8(der)?)) };
        let key = RsaPrivateKey::from_pkcs1_der(info.private_key).map_err(|_| bad("invalid RSA private key"))?;
        Ok(Private::Rsa { key, pss })
    }

    fn from_sec1(der: &[u8]) -> Result<Private> {
        if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
            return Ok(Private::Ec(keys::PrivateKey::P256(key)));
        }
        let key = p384::SecretKey::from_sec1_der(der).map_err(|_| bad("invalid SEC1 EC private key"))?;
        Ok(Private::Ec(keys::PrivateKey::P384(key)))
    }

    pub fn to_der(&self, format: &str) -> Result<Vec<u8>> {
        match (self, format) {
            (Private::Rsa { key, pss }, "pkcs8") => {
                let inner = key.to_pkcs1_der().map_err(|_| bad("PKCS#1 encoding failed"))?;
                let info = PrivateKeyInfo::new(rsa_algorithm(*pss), inner.as_bytes());
                info.to_der().map_err(|_| bad("PKCS#8 encoding failed"))
            }
            (Private::Rsa { key, pss: false }, "pkcs1") => {
                Ok(key.to_pkcs1_der().map_err(|_| bad("PKCS#1 encoding failed"))?.as_bytes().to_vec())
            }
            (Private::Ec(key), "pkcs8") => key.to_pkcs8(),
            (Private::Dh { group, private, .. }, "pkcs8") => with_dh_algorithm(group, |algorithm| {
                let value = dh::der_integer(private)?;
                PrivateKeyInfo::new(algorithm, &value).to_der().map_err(|_| bad("PKCS#8 encoding failed"))
            }),
            (Private::Ec(key @ (keys::PrivateKey::P256(_) | keys::PrivateKey::P384(_))), "sec1") => {
                // With the curve named, as OpenSSL writes it (the crates' own encoding omits it).
                let curve = if key.curve() == Curve::P256 { OID_P256 } else { OID_P384 };
                let d = key.to_bytes();
                let point = key.public_key().to_raw(false);
                let sec1_key = sec1::EcPrivateKey {
                    private_key: &d,
                    parameters: Some(sec1::EcParameters::NamedCurve(curve)),
                    public_key: Some(&point),
                };
                sec1_key.to_der().map_err(|_| bad("SEC1 encoding failed"))
            }
            _ => Err(Error::Unsupported(format!("the {format} encoding of a {} key", self.kind()))),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Private::Rsa { pss, .. } => rsa_kind(*pss),
            Private::Ec(key) => curve_kind(key.curve()),
            Private::Dh { .. } => "dh",
        }
    }

    pub fn public_key(&self) -> Public {
        match self {
            Private::Rsa { key, pss } => Public::Rsa { key: key.to_public_key(), pss: *pss },
            Private::Ec(key) => Public::Ec(key.public_key()),
            Private::Dh { group, public, .. } => Public::Dh { group: group.clone(), public: public.clone() },
        }
    }

    /// The JWK members of the key (`kty`, `crv` aside): name and big-endian bytes.
    pub fn jwk(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut fields = self.public_key().jwk();
        match self {
            Private::Rsa { key, .. } => {
                fields.push(("d", key.d().to_bytes_be()));
                let primes = key.primes();
                if primes.len() == 2 {
                    fields.push(("p", primes[0].to_bytes_be()));
                    fields.push(("q", primes[1].to_bytes_be()));
                    if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient()) {
                        fields.push(("dp", dp.to_bytes_be()));
                        fields.push(("dq", dq.to_bytes_be()));
                        fields.push(("qi", qi.to_bytes_be()));
                    }
                }
            }
            Private::Ec(key) => fields.push(("d", key.to_bytes())),
            Private::Dh { .. } => {}
        }
        fields
    }

    /// An RSA private key from its JWK members `n`, `e`, `d` and, when present, `p` and `q`.
    pub fn rsa_from_parts(n: &[u8], e: &[u8], d: &[u8], primes: Vec<&[u8]>) -> Result<Private> {
        let primes: Vec<BigUint> = primes.into_iter().map(BigUint::from_bytes_be).collect();
        let key = RsaPrivateKey::from_components(
            BigUint::from_bytes_be(n),
            BigUint::from_bytes_be(e),
            BigUint::from_bytes_be(d),
            primes,
        )
        .map_err(|_| bad("Invalid JWK RSA key"))?;
        key.validate().map_err(|_| bad("Invalid JWK RSA key"))?;
        Ok(Private::Rsa { key, pss: false })
    }

    /// A signature over `data`: `hash` hashes it first (RSA, ECDSA; SHA-256 when `None`),
    /// Ed25519 signs the message itself. `pss_salt` (Some for RSA-PSS): -1 the digest's length,
    /// -2 the largest that fits. ECDSA signatures come as r ‖ s.
    pub fn sign(&self, hash: Option<HashAlg>, data: &[u8], pss_salt: Option<i64>) -> Result<Vec<u8>> {
        match self {
            Private::Rsa { key, pss } => {
                let alg = hash.unwrap_or(HashAlg::Sha256);
                let hashed = digest(alg, data);
                let signed = match pss_salt.or(if *pss { Some(-2) } else { None }) {
                    Some(salt) => {
                        let salt_len = pss_salt_len(key.n().bits(), alg, salt, true)?;
                        let scheme = Pss { blinded: true, digest: dyn_digest(alg)?, salt_len };
                        key.sign_with_rng(&mut OsRng, scheme, &hashed)
                    }
                    None => key.sign(pkcs1v15_scheme(alg)?, &hashed),
                };
                signed.map_err(|e| Error::InvalidKey(format!("RSA signing failed: {e}")))
            }
            Private::Ec(key) => match key.curve() {
                Curve::Ed25519 => key.sign(data),
                Curve::X25519 => Err(Error::Unsupported("signing with an X25519 key".into())),
                _ => key.sign(&digest(hash.unwrap_or(HashAlg::Sha256), data)),
            },
            Private::Dh { .. } => Err(Error::Unsupported("signing with a DH key".into())),
        }
    }

    /// `privateDecrypt`: OAEP (with `oaep` = the hash and label), PKCS#1 v1.5, or no padding.
    pub fn decrypt(&self, padding: RsaPadding, data: &[u8]) -> Result<Vec<u8>> {
        let Private::Rsa { key, pss: false } = self else { return Err(Error::Unsupported("decryption with this key type".into())) };
        let result = match padding {
            RsaPadding::Oaep(alg, label) => key.decrypt(oaep_scheme(alg, label)?, data),
            RsaPadding::Pkcs1 => key.decrypt(Pkcs1v15Encrypt, data),
            RsaPadding::None => raw_private(key, data),
        };
        result.map_err(|_| Error::BadDecrypt)
    }

    /// `privateEncrypt`: PKCS#1 v1.5 type 1 padding (a signature over raw data) or none.
    pub fn encrypt(&self, padding: RsaPadding, data: &[u8]) -> Result<Vec<u8>> {
        let Private::Rsa { key, pss: false } = self else { return Err(Error::Unsupported("encryption with this key type".into())) };
        let result = match padding {
            RsaPadding::Pkcs1 => key.sign(Pkcs1v15Sign::new_unprefixed(), data),
            RsaPadding::None => raw_private(key, data),
            RsaPadding::Oaep(..) => return Err(Error::Unsupported("OAEP padding for privateEncrypt".into())),
        };
        result.map_err(|_| Error::TooLarge("data too large for key size".into()))
    }
}

/// A PKCS#8 `PrivateKeyInfo` out of an `EncryptedPrivateKeyInfo` (PBES2), or
/// [`Error::BadDecrypt`] for a wrong passphrase.
pub fn decrypt_pkcs8(der: &[u8], passphrase: &[u8]) -> Result<Vec<u8>> {
    let info = pkcs8::EncryptedPrivateKeyInfo::from_der(der).map_err(|_| bad("invalid encrypted PKCS#8 data"))?;
    Ok(info.decrypt(passphrase).map_err(|_| Error::BadDecrypt)?.as_bytes().to_vec())
}

/// `pkcs8_der` encrypted as OpenSSL 3 does by default: PBES2, PBKDF2-HMAC-SHA256 (2048
/// iterations, 16-byte salt), AES-128-CBC or AES-256-CBC (`key_len` 16 or 32).
pub fn encrypt_pkcs8(pkcs8_der: &[u8], key_len: usize, passphrase: &[u8]) -> Result<Vec<u8>> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    super::random::fill(&mut salt)?;
    super::random::fill(&mut iv)?;
    let params = match key_len {
        16 => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes128cbc(2048, &salt, &iv),
        32 => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &salt, &iv),
        _ => return Err(Error::Unsupported("this cipher for PKCS#8 encryption".into())),
    }
    .map_err(|_| bad("PBES2 parameters"))?;
    let info = PrivateKeyInfo::from_der(pkcs8_der).map_err(|_| bad("invalid PKCS#8 data"))?;
    let document = info.encrypt_with_params(params, passphrase).map_err(|_| bad("PKCS#8 encryption failed"))?;
    Ok(document.as_bytes().to_vec())
}

/// The raw RSA private operation on a block of exactly the modulus' size.
fn raw_private(key: &RsaPrivateKey, data: &[u8]) -> rsa::Result<Vec<u8>> {
    let size = key.size();
    let c = BigUint::from_bytes_be(data);
    if data.len() != size || &c >= key.n() {
        return Err(rsa::Error::Decryption);
    }
    let m = rsa::hazmat::rsa_decrypt_and_check(key, Some(&mut OsRng), &c)?;
    Ok(left_pad(m.to_bytes_be(), size))
}

fn raw_public(key: &RsaPublicKey, data: &[u8]) -> Result<Vec<u8>> {
    let size = key.size();
    let m = BigUint::from_bytes_be(data);
    if data.len() != size || &m >= key.n() {
        return Err(Error::TooLarge("data too large for modulus".into()));
    }
    let c = rsa::hazmat::rsa_encrypt(key, &m).map_err(|_| Error::BadDecrypt)?;
    Ok(left_pad(c.to_bytes_be(), size))
}

fn left_pad(bytes: Vec<u8>, size: usize) -> Vec<u8> {
    if bytes.len() >= size {
        return bytes;
    }
    let mut out = vec![0; size - bytes.len()];
    out.extend_from_slice(&bytes);
    out
}

/// RSA encryption padding (Node's `padding` option).
pub enum RsaPadding {
    Oaep(HashAlg, Vec<u8>),
    Pkcs1,
    None,
}

impl Public {
    /// DER in `format` (`spki`, `pkcs1`), or either when `None`.
    pub fn from_der(der: &[u8], format: Option<&str>) -> Result<Public> {
        match format {
            Some("spki") => Self::from_spki(der),
            Some("pkcs1") => Ok(Public::Rsa {
                key: RsaPublicKey::from_pkcs1_der(der).map_err(|_| bad("invalid PKCS#1 RSA public key"))?,
                pss: false,
            }),
            Some("x509") => {
                // The subject's key of an X.509 certificate (Node reads a certificate PEM as one).
                let bad_cert = |_| bad("invalid X.509 certificate");
                let cert = x509_cert::Certificate::from_der(der).map_err(bad_cert)?;
                Self::from_spki(&cert.tbs_certificate.subject_public_key_info.to_der().map_err(bad_cert)?)
            }
            Some(other) => Err(Error::Unsupported(format!("the key format {other}"))),
            None => Self::from_spki(der)
                .or_else(|_| Self::from_der(der, Some("pkcs1")))
                .map_err(|_| bad("unsupported or invalid public key")),
        }
    }

    fn from_spki(der: &[u8]) -> Result<Public> {
        let info = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| bad("invalid SPKI data"))?;
        if info.algorithm.oid == OID_DH {
            let group = dh_group(&info.algorithm)?;
            let bits = info.subject_public_key.as_bytes().ok_or_else(|| bad("invalid DH public key"))?;
            let public = dh::read_integer(bits).ok_or_else(|| bad("invalid DH public key"))?;
            return Ok(Public::Dh { group, public });
        }
        let Some(pss) = rsa_oid(info.algorithm.oid) else { return Ok(Public::Ec(keys::PublicKey::from_spki(der)?)) };
        let bytes = info.subject_public_key.as_bytes().ok_or_else(|| bad("invalid RSA public key"))?;
        let key = RsaPublicKey::from_pkcs1_der(bytes).map_err(|_| bad("invalid RSA public key"))?;
        Ok(Public::Rsa { key, pss })
    }

    pub fn to_der(&self, format: &str) -> Result<Vec<u8>> {
        match (self, format) {
            (Public::Rsa { key, pss }, "spki") => {
                let inner = key.to_pkcs1_der().map_err(|_| bad("PKCS#1 encoding failed"))?;
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: rsa_algorithm(*pss),
                    subject_public_key: spki::der::asn1::BitStringRef::from_bytes(inner.as_bytes())
                        .map_err(|_| bad("SPKI encoding failed"))?,
                };
                info.to_der().map_err(|_| bad("SPKI encoding failed"))
            }
            (Public::Rsa { key, pss: false }, "pkcs1") => {
                Ok(key.to_pkcs1_der().map_err(|_| bad("PKCS#1 encoding failed"))?.as_bytes().to_vec())
            }
            (Public::Ec(key), "spki") => key.to_spki(),
            (Public::Dh { group, public }, "spki") => with_dh_algorithm(group, |algorithm| {
                let value = dh::der_integer(public)?;
                let subject_public_key = spki::der::asn1::BitStringRef::from_bytes(&value).map_err(|_| bad("SPKI encoding failed"))?;
                let info = SubjectPublicKeyInfoRef { algorithm, subject_public_key };
                info.to_der().map_err(|_| bad("SPKI encoding failed"))
            }),
            _ => Err(Error::Unsupported(format!("the {format} encoding of a {} key", self.kind()))),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Public::Rsa { pss, .. } => rsa_kind(*pss),
            Public::Ec(key) => curve_kind(key.curve()),
            Public::Dh { .. } => "dh",
        }
    }

    /// RSA: modulus bits and public exponent; EC: the curve.
    pub fn rsa_details(&self) -> Option<(usize, Vec<u8>)> {
        match self {
            Public::Rsa { key, .. } => Some((key.n().bits(), key.e().to_bytes_be())),
            Public::Ec(_) | Public::Dh { .. } => None,
        }
    }

    pub fn curve(&self) -> Option<Curve> {
        match self {
            Public::Ec(key) => Some(key.curve()),
            Public::Rsa { .. } | Public::Dh { .. } => None,
        }
    }

    /// The JWK members of the public key: `n`, `e` for RSA, `x`, `y` (EC) or `x` (OKP).
    pub fn jwk(&self) -> Vec<(&'static str, Vec<u8>)> {
        match self {
            Public::Rsa { key, .. } => vec![("n", key.n().to_bytes_be()), ("e", key.e().to_bytes_be())],
            Public::Ec(key) if key.curve().is_ec() => {
                let (x, y) = key.xy();
                vec![("x", x), ("y", y)]
            }
            Public::Ec(key) => vec![("x", key.to_raw(false))],
            Public::Dh { .. } => Vec::new(),
        }
    }

    pub fn rsa_from_parts(n: &[u8], e: &[u8]) -> Result<Public> {
        let key = RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e)).map_err(|_| bad("Invalid JWK RSA key"))?;
        Ok(Public::Rsa { key, pss: false })
    }

    /// Checks a signature made by [`Private::sign`] (same arguments; for PSS, salt -2 means
    /// any length, as OpenSSL's auto-detection). A malformed signature is simply not valid.
    pub fn verify(&self, hash: Option<HashAlg>, data: &[u8], signature: &[u8], pss_salt: Option<i64>) -> Result<bool> {
        match self {
            Public::Rsa { key, pss } => {
                let alg = hash.unwrap_or(HashAlg::Sha256);
                let hashed = digest(alg, data);
                match pss_salt.or(if *pss { Some(-2) } else { None }) {
                    Some(salt) => {
                        let bits = key.n().bits();
                        let max = pss_salt_len(bits, alg, -2, false)?;
                        let lengths: Vec<usize> = if salt == -2 {
                            let h = alg.output_len().min(max);
                            std::iter::once(h).chain((0..=max).filter(|&l| l != h)).collect()
                        } else {
                            vec![pss_salt_len(bits, alg, salt, false)?]
                        };
                        for salt_len in lengths {
                            let scheme = Pss { blinded: false, digest: dyn_digest(alg)?, salt_len };
                            if key.verify(scheme, &hashed, signature).is_ok() {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                    None => Ok(key.verify(pkcs1v15_scheme(alg)?, &hashed, signature).is_ok()),
                }
            }
            Public::Ec(key) => Ok(match key.curve() {
                Curve::Ed25519 => key.verify(data, signature),
                Curve::X25519 => return Err(Error::Unsupported("verifying with an X25519 key".into())),
                _ => key.verify(&digest(hash.unwrap_or(HashAlg::Sha256), data), signature),
            }),
            Public::Dh { .. } => Err(Error::Unsupported("verifying with a DH key".into())),
        }
    }

    /// `publicEncrypt`: OAEP, PKCS#1 v1.5 or no padding.
    pub fn encrypt(&self, padding: RsaPadding, data: &[u8]) -> Result<Vec<u8>> {
        let Public::Rsa { key, pss: false } = self else { return Err(Error::Unsupported("encryption with this key type".into())) };
        let result = match padding {
            RsaPadding::Oaep(alg, label) => key.encrypt(&mut OsRng, oaep_scheme(alg, label)?, data),
            RsaPadding::Pkcs1 => key.encrypt(&mut OsRng, Pkcs1v15Encrypt, data),
            RsaPadding::None => return raw_public(key, data),
        };
        result.map_err(|_| Error::TooLarge("data too large for key size".into()))
    }

    /// `publicDecrypt`: recovers what `privateEncrypt` padded with PKCS#1 v1.5 type 1 (or not).
    pub fn decrypt(&self, padding: RsaPadding, data: &[u8]) -> Result<Vec<u8>> {
        let Public::Rsa { key, pss: false } = self else { return Err(Error::Unsupported("decryption with this key type".into())) };
        let block = raw_public(key, data).map_err(|_| Error::BadDecrypt)?;
        match padding {
            RsaPadding::None => Ok(block),
            RsaPadding::Pkcs1 => {
                // 00 01 FF…FF 00 data, with at least eight FF bytes.
                if block.len() < 11 || block[0] != 0 || block[1] != 1 {
                    return Err(Error::BadDecrypt);
                }
                let end = block[2..].iter().position(|&b| b != 0xff).map(|i| i + 2).ok_or(Error::BadDecrypt)?;
                if end < 10 || block[end] != 0 {
                    return Err(Error::BadDecrypt);
                }
                Ok(block[end + 1..].to_vec())
            }
            RsaPadding::Oaep(..) => Err(Error::Unsupported("OAEP padding for publicDecrypt".into())),
        }
    }
}

/// The PSS salt length for a key of `bits`: -1 the digest's length, -2 the largest possible.
fn pss_salt_len(bits: usize, alg: HashAlg, salt: i64, signing: bool) -> Result<usize> {
    let em_len = (bits - 1).div_ceil(8);
    let max = em_len.checked_sub(alg.output_len() + 2).ok_or_else(|| bad("digest too big for rsa key"))?;
    let len = match salt {
        -1 => alg.output_len(),
        -2 => max,
        n if n >= 0 => n as usize,
        _ => return Err(bad("invalid salt length")),
    };
    if signing && len > max {
        return Err(bad("data too large for key size"));
    }
    Ok(len)
}

/// PKCS#1 v1.5 signature padding for `alg`: the DER DigestInfo prefix before the hash.
fn pkcs1v15_scheme(alg: HashAlg) -> Result<Pkcs1v15Sign> {
    use sha2::digest::const_oid::AssociatedOid;
    let oid: ObjectIdentifier = match alg {
        HashAlg::Md5 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.5"),
        HashAlg::Sha1 => ObjectIdentifier::new_unwrap("1.3.14.3.2.26"),
        HashAlg::Sha224 => sha2::Sha224::OID,
        HashAlg::Sha256 => sha2::Sha256::OID,
        HashAlg::Sha384 => sha2::Sha384::OID,
        HashAlg::Sha512 => sha2::Sha512::OID,
        HashAlg::Sha512_224 => sha2::Sha512_224::OID,
        HashAlg::Sha512_256 => sha2::Sha512_256::OID,
        HashAlg::Sha3_224 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.7"),
        HashAlg::Sha3_256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.8"),
        HashAlg::Sha3_384 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.9"),
        HashAlg::Sha3_512 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.10"),
        HashAlg::Shake128 | HashAlg::Shake256 => return Err(Error::Unsupported("this digest for RSA signatures".into())),
    };
    let oid = oid.as_bytes();
    let len = alg.output_len() as u8;
    // DigestInfo ::= SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING (the hash) }.
    let mut prefix = vec![0x30, oid.len() as u8 + 8 + len, 0x30, oid.len() as u8 + 4, 0x06, oid.len() as u8];
    prefix.extend_from_slice(oid);
    prefix.extend_from_slice(&[0x05, 0x00, 0x04, len]);
    Ok(Pkcs1v15Sign { hash_len: Some(alg.output_len()), prefix: prefix.into_boxed_slice() })
}

fn oaep_scheme(alg: HashAlg, label: Vec<u8>) -> Result<Oaep> {
    let label = if label.is_empty() {
        None
    } else {
        // The crate keeps labels as text; Node's are bytes, so only UTF-8 labels are possible.
        Some(String::from_utf8(label).map_err(|_| Error::Unsupported("a non-UTF-8 OAEP label".into()))?)
    };
    Ok(Oaep { digest: dyn_digest(alg)?, mgf_digest: dyn_digest(alg)?, label })
}

fn dyn_digest(alg: HashAlg) -> Result<Box<dyn DynDigest + Send + Sync>> {
    Ok(match alg {
        HashAlg::Md5 => Box::new(md5::Md5::default()),
        HashAlg::Sha1 => Box::new(sha1::Sha1::default()),
        HashAlg::Sha224 => Box::new(sha2::Sha224::default()),
        HashAlg::Sha256 => Box::new(sha2::Sha256::default()),
        HashAlg::Sha384 => Box::new(sha2::Sha384::default()),
        HashAlg::Sha512 => Box::new(sha2::Sha512::default()),
        HashAlg::Sha512_224 => Box::new(sha2::Sha512_224::default()),
        HashAlg::Sha512_256 => Box::new(sha2::Sha512_256::default()),
        HashAlg::Sha3_224 => Box::new(sha3::Sha3_224::default()),
        HashAlg::Sha3_256 => Box::new(sha3::Sha3_256::default()),
        HashAlg::Sha3_384 => Box::new(sha3::Sha3_384::default()),
        HashAlg::Sha3_512 => Box::new(sha3::Sha3_512::default()),
        HashAlg::Shake128 | HashAlg::Shake256 => return Err(Error::Unsupported("an XOF digest here".into())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_rsa() -> Private {
        Private::generate("rsa", 1024, 65537, None).unwrap()
    }

    #[test]
    fn rsa_encodings_round_trip() {
        let key = small_rsa();
        for format in ["pkcs8", "pkcs1"] {
            let der = key.to_der(format).unwrap();
            let again = Private::from_der(&der, Some(format)).unwrap();
            assert!(again.public_key() == key.public_key());
            assert!(Private::from_der(&der, None).is_ok());
        }
        let public = key.public_key();
        for format in ["spki", "pkcs1"] {
            let der = public.to_der(format).unwrap();
            assert!(Public::from_der(&der, Some(format)).unwrap() == public);
        }
        assert!(Private::from_der(b"\x30\x03\x02\x01\x00", None).is_err());
        assert!(key.to_der("sec1").is_err());
        let jwk = key.jwk();
        let field = |name: &str| jwk.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_slice()).unwrap();
        let rebuilt = Private::rsa_from_parts(field("n"), field("e"), field("d"), vec![field("p"), field("q")]).unwrap();
        assert!(rebuilt.public_key() == public);
    }

    #[test]
    fn rsa_signatures_and_encryption() {
        let key = small_rsa();
        let public = key.public_key();
        let signature = key.sign(Some(HashAlg::Sha256), b"data", None).unwrap();
        assert!(public.verify(Some(HashAlg::Sha256), b"data", &signature, None).unwrap());
        assert!(!public.verify(Some(HashAlg::Sha256), b"datb", &signature, None).unwrap());
        assert!(!public.verify(Some(HashAlg::Sha256), b"data", &signature[1..], None).unwrap());
        for salt in [-1, -2, 10] {
            let signature = key.sign(Some(HashAlg::Sha256), b"data", Some(salt)).unwrap();
            assert!(public.verify(Some(HashAlg::Sha256), b"data", &signature, Some(-2)).unwrap());
        }
        let sealed = public.encrypt(RsaPadding::Oaep(HashAlg::Sha256, b"label".to_vec()), b"secret").unwrap();
        assert_eq!(key.decrypt(RsaPadding::Oaep(HashAlg::Sha256, b"label".to_vec()), &sealed).unwrap(), b"secret");
        assert_eq!(key.decrypt(RsaPadding::Oaep(HashAlg::Sha256, Vec::new()), &sealed), Err(Error::BadDecrypt));
        let sealed = public.encrypt(RsaPadding::Pkcs1, b"secret").unwrap();
        assert_eq!(key.decrypt(RsaPadding::Pkcs1, &sealed).unwrap(), b"secret");
        let signed = key.encrypt(RsaPadding::Pkcs1, b"hello").unwrap();
        assert_eq!(public.decrypt(RsaPadding::Pkcs1, &signed).unwrap(), b"hello");
    }

    // RFC 8017's DigestInfo prefix for SHA-256 (section 9.2, note 1).
    #[test]
    fn digest_info_prefix() {
        let scheme = pkcs1v15_scheme(HashAlg::Sha256).unwrap();
        let hex: String = scheme.prefix.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "3031300d060960864801650304020105000420");
    }

    #[test]
    fn encrypted_pkcs8_round_trips() {
        let key = Private::generate("ec", 0, 0, Some(Curve::P384)).unwrap();
        let der = key.to_der("pkcs8").unwrap();
        for len in [16, 32] {
            let sealed = encrypt_pkcs8(&der, len, b"pass").unwrap();
            assert_eq!(decrypt_pkcs8(&sealed, b"pass").unwrap(), der);
            assert_eq!(decrypt_pkcs8(&sealed, b"wrong"), Err(Error::BadDecrypt));
        }
    }

    #[test]
    fn ec_keys_through_the_same_core() {
        let key = Private::generate("ec", 0, 0, Some(Curve::P256)).unwrap();
        let sec1 = key.to_der("sec1").unwrap();
        assert!(Private::from_der(&sec1, Some("sec1")).unwrap().public_key() == key.public_key());
        let signature = key.sign(Some(HashAlg::Sha256), b"m", None).unwrap();
        assert!(key.public_key().verify(Some(HashAlg::Sha256), b"m", &signature, None).unwrap());
        let ed = Private::generate("ed25519", 0, 0, None).unwrap();
        assert_eq!(ed.kind(), "ed25519");
        let signature = ed.sign(None, b"m", None).unwrap();
        assert!(ed.public_key().verify(None, b"m", &signature, None).unwrap());
    }
}
