//! Asymmetric keys on the curves WebCrypto (and Node's key functions) offer: ECDSA/ECDH on
//! P-256 and P-384 (`p256`, `p384`, `ecdsa`), Ed25519 (`ed25519-dalek`) and X25519
//! (`x25519-dalek`); with their encodings: raw (SEC1 points, 32-byte OKP keys), PKCS#8 and SPKI
//! (DER, `pkcs8`/`spki`), and the big-endian field bytes JWK needs.

use pkcs8::der::{Decode, Encode, asn1::OctetStringRef};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, ObjectIdentifier, PrivateKeyInfo};

use rand_core::OsRng;
use spki::{DecodePublicKey, EncodePublicKey, SubjectPublicKeyInfoRef};

use super::{Error, Result};

/// A curve (or, for Ed25519/X25519, the key type that names its curve).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    Ed25519,
    X25519,
}

impl Curve {
    /// WebCrypto's `namedCurve` (`P-256`, `P-384`) or algorithm name (`Ed25519`, `X25519`).
    pub fn web_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::Ed25519 => "Ed25519",
            Curve::X25519 => "X25519",
        }
    }

    /// The size of a field element / scalar / OKP key in bytes.
    pub fn field_len(self) -> usize {
        match self {
            Curve::P384 => 48,
            _ => 32,
        }
    }

    pub fn is_ec(self) -> bool {
        matches!(self, Curve::P256 | Curve::P384)
    }
}

const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

fn bad(what: &str) -> Error {
    Error::InvalidKey(what.to_string())
}

/// The curve named by a PKCS#8 or SPKI algorithm identifier.
fn curve_of(oid: ObjectIdentifier, params: Option<ObjectIdentifier>) -> Result<Curve> {
    match oid {
        OID_ED25519 => Ok(Curve::Ed25519),
        OID_X25519 => Ok(Curve::X25519),
        OID_EC_PUBLIC_KEY => match params {
            Some(OID_P256) => Ok(Curve::P256),
            Some(OID_P384) => Ok(Curve::P384),
            _ => Err(Error::Unsupported("this elliptic curve".into())),
        },
        _ => Err(Error::Unsupported(format!("the key algorithm {oid}"))),
    }
}

/// One instance of the curve-specific code for P-256 and P-384.
macro_rules! ec_curve {
    ($module:ident, $krate:ident) => {
        pub(super) mod $module {
            use super::{Error, Result, bad};
            use $krate::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use $krate::ecdsa::{Signature, SigningKey, VerifyingKey};
            use $krate::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
            use $krate::{EncodedPoint, PublicKey, SecretKey};

            pub fn generate() -> SecretKey {
                SecretKey::random(&mut rand_core::OsRng)
            }

            pub fn secret_from_bytes(d: &[u8]) -> Result<SecretKey> {
                SecretKey::from_slice(d).map_err(|_| bad("invalid private key"))
            }

            pub fn public_from_sec1(bytes: &[u8]) -> Result<PublicKey> {
                PublicKey::from_sec1_bytes(bytes).map_err(|_| bad("invalid public key point"))
            }

            pub fn public_from_xy(x: &[u8], y: &[u8]) -> Result<PublicKey> {
                let len = $krate::FieldBytes::default().len();
                if x.len() != len || y.len() != len {
                    return Err(bad("invalid public key coordinates"));
                }
                let point = EncodedPoint::from_affine_coordinates(x.into(), y.into(), false);
                Option::from(PublicKey::from_encoded_point(&point)).ok_or_else(|| bad("the point is not on the curve"))
            }

            pub fn public_to_sec1(key: &PublicKey, compressed: bool) -> Vec<u8> {
                key.to_encoded_point(compressed).as_bytes().to_vec()
            }

            pub fn xy(key: &PublicKey) -> (Vec<u8>, Vec<u8>) {
                let point = key.to_encoded_point(false);
                (
                    point.x().map(|x| x.to_vec()).unwrap_or_default(),
                    point.y().map(|y| y.to_vec()).unwrap_or_default(),
                )
            }

            /// ECDSA over an already-hashed message; the signature as r ‖ s (IEEE P1363).
            pub fn sign(key: &SecretKey, prehash: &[u8]) -> Result<Vec<u8>> {
                let signer = SigningKey::from(key);
                let signature: Signature = signer.sign_prehash(prehash).map_err(|_| Error::InvalidState("sign".into()))?;
                Ok(signature.to_bytes().to_vec())
            }

            pub fn verify(key: &PublicKey, prehash: &[u8], signature: &[u8]) -> bool {
                let Ok(signature) = Signature::from_slice(signature) else { return false };
                VerifyingKey::from(key).verify_prehash(prehash, &signature).is_ok()
            }

            pub fn p1363_to_der(signature: &[u8]) -> Result<Vec<u8>> {
                let signature = Signature::from_slice(signature).map_err(|_| bad("invalid signature"))?;
                Ok(signature.to_der().as_bytes().to_vec())
            }

            pub fn der_to_p1363(signature: &[u8]) -> Option<Vec<u8>> {
                Signature::from_der(signature).ok().map(|s| s.to_bytes().to_vec())
            }

            pub fn ecdh(key: &SecretKey, peer: &PublicKey) -> Vec<u8> {
                $krate::ecdh::diffie_hellman(key.to_nonzero_scalar(), peer.as_affine()).raw_secret_bytes().to_vec()
            }
        }
    };
}

ec_curve!(p256_impl, p256);
ec_curve!(p384_impl, p384);

/// A private key.
#[derive(Clone)]
pub enum PrivateKey {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    Ed25519(ed25519_dalek::SigningKey),
    X25519([u8; 32]),
}

/// A public key.
#[derive(Clone, PartialEq)]
pub enum PublicKey {
    P256(p256::PublicKey),
    P384(p384::PublicKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    X25519([u8; 32]),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({:?})", self.curve())
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({:?})", self.curve())
    }
}

fn okp_bytes(bytes: &[u8]) -> Result<[u8; 32]> {
    bytes.try_into().map_err(|_| bad("an Ed25519/X25519 key is 32 bytes"))
}

impl PrivateKey {
    /// A new random key.
    pub fn generate(curve: Curve) -> PrivateKey {
        match curve {
            Curve::P256 => PrivateKey::P256(p256_impl::generate()),
            Curve::P384 => PrivateKey::P384(p384_impl::generate()),
            Curve::Ed25519 => PrivateKey::Ed25519(ed25519_dalek::SigningKey::generate(&mut OsRng)),
            Curve::X25519 => PrivateKey::X25519(x25519_dalek::StaticSecret::random_from_rng(OsRng).to_bytes()),
        }
    }

    pub fn curve(&self) -> Curve {
        match self {
            PrivateKey::P256(_) => Curve::P256,
            PrivateKey::P384(_) => Curve::P384,
            PrivateKey::Ed25519(_) => Curve::Ed25519,
            PrivateKey::X25519(_) => Curve::X25519,
        }
    }

    /// The key from its scalar (EC, JWK `d`) or its 32-byte seed (Ed25519/X25519).
    pub fn from_bytes(curve: Curve, d: &[u8]) -> Result<PrivateKey> {
        Ok(match curve {
            Curve::P256 => PrivateKey::P256(p256_impl::secret_from_bytes(d)?),
            Curve::P384 => PrivateKey::P384(p384_impl::secret_from_bytes(d)?),
            Curve::Ed25519 => PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&okp_bytes(d)?)),
            Curve::X25519 => PrivateKey::X25519(okp_bytes(d)?),
        })
    }

    /// The scalar or seed (JWK `d`).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            PrivateKey::P256(k) => k.to_bytes().to_vec(),
            PrivateKey::P384(k) => k.to_bytes().to_vec(),
            PrivateKey::Ed25519(k) => k.to_bytes().to_vec(),
            PrivateKey::X25519(k) => k.to_vec(),
        }
    }

    pub fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::P256(k) => PublicKey::P256(k.public_key()),
            PrivateKey::P384(k) => PublicKey::P384(k.public_key()),
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
            PrivateKey::X25519(k) => PublicKey::X25519(
                x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(*k)).to_bytes(),
            ),
        }
    }

    /// A PKCS#8 `PrivateKeyInfo` (DER) of any supported type.
    pub fn from_pkcs8(der: &[u8]) -> Result<PrivateKey> {
        let info = PrivateKeyInfo::from_der(der).map_err(|_| bad("invalid PKCS#8 data"))?;
        let params = info.algorithm.parameters_oid().ok();
        Ok(match curve_of(info.algorithm.oid, params)? {
            Curve::P256 => PrivateKey::P256(p256::SecretKey::from_pkcs8_der(der).map_err(|_| bad("invalid P-256 key"))?),
            Curve::P384 => PrivateKey::P384(p384::SecretKey::from_pkcs8_der(der).map_err(|_| bad("invalid P-384 key"))?),
            Curve::Ed25519 => PrivateKey::Ed25519(
                ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|_| bad("invalid Ed25519 key"))?,
            ),
            Curve::X25519 => {
                // CurvePrivateKey ::= OCTET STRING, inside the PrivateKeyInfo's OCTET STRING.
                let inner = OctetStringRef::from_der(info.private_key).map_err(|_| bad("invalid X25519 key"))?;
                PrivateKey::X25519(okp_bytes(inner.as_bytes())?)
            }
        })
    }

    pub fn to_pkcs8(&self) -> Result<Vec<u8>> {
        let document = match self {
            PrivateKey::P256(k) => k.to_pkcs8_der(),
            PrivateKey::P384(k) => k.to_pkcs8_der(),
            // OKP keys as OpenSSL and Node write them: RFC 8410's version 1, without the
            // public key (ed25519-dalek's own encoding adds it).
            PrivateKey::Ed25519(k) => return okp_pkcs8(OID_ED25519, &k.to_bytes()),
            PrivateKey::X25519(k) => return okp_pkcs8(OID_X25519, k),
        };
        Ok(document.map_err(|_| bad("PKCS#8 encoding failed"))?.as_bytes().to_vec())
    }

    /// ECDSA (over `prehash`) or Ed25519 (over `message`); IEEE P1363 / RFC 8032 signatures.
    pub fn sign(&self, message_or_prehash: &[u8]) -> Result<Vec<u8>> {
        use ed25519_dalek::Signer;
        match self {
            PrivateKey::P256(k) => p256_impl::sign(k, &widen(message_or_prehash, 32)),
            PrivateKey::P384(k) => p384_impl::sign(k, &widen(message_or_prehash, 48)),
            PrivateKey::Ed25519(k) => Ok(k.sign(message_or_prehash).to_bytes().to_vec()),
            PrivateKey::X25519(_) => Err(Error::Unsupported("signing with X25519".into())),
        }
    }

    /// ECDH / X25519 shared secret with `peer` (which must be on the same curve). An all-zero
    /// X25519 result (a small-order peer) is refused.
    pub fn agree(&self, peer: &PublicKey) -> Result<Vec<u8>> {
        match (self, peer) {
            (PrivateKey::P256(k), PublicKey::P256(p)) => Ok(p256_impl::ecdh(k, p)),
            (PrivateKey::P384(k), PublicKey::P384(p)) => Ok(p384_impl::ecdh(k, p)),
            (PrivateKey::X25519(k), PublicKey::X25519(p)) => {
                let shared = x25519_dalek::x25519(*k, *p);
                if shared.iter().all(|&b| b == 0) {
                    return Err(Error::InvalidKey("the X25519 shared secret is all zero".into()));
                }
                Ok(shared.to_vec())
            }
            _ => Err(Error::InvalidKey("the keys are of different types".into())),
        }
    }
}

impl PublicKey {
    pub fn curve(&self) -> Curve {
        match self {
            PublicKey::P256(_) => Curve::P256,
            PublicKey::P384(_) => Curve::P384,
            PublicKey::Ed25519(_) => Curve::Ed25519,
            PublicKey::X25519(_) => Curve::X25519,
        }
    }

    /// A raw key: a SEC1 point (compressed or not) for EC, 32 bytes for Ed25519/X25519.
    pub fn from_raw(curve: Curve, bytes: &[u8]) -> Result<PublicKey> {
        Ok(match curve {
            Curve::P256 => PublicKey::P256(p256_impl::public_from_sec1(bytes)?),
            Curve::P384 => PublicKey::P384(p384_impl::public_from_sec1(bytes)?),
            Curve::Ed25519 => PublicKey::Ed25519(
                ed25519_dalek::VerifyingKey::from_bytes(&okp_bytes(bytes)?).map_err(|_| bad("invalid Ed25519 key"))?,
            ),
            Curve::X25519 => PublicKey::X25519(okp_bytes(bytes)?),
        })
    }

    /// The raw form: an uncompressed (or compressed) SEC1 point, or the 32 bytes of an OKP key.
    pub fn to_raw(&self, compressed: bool) -> Vec<u8> {
        match self {
            PublicKey::P256(k) => p256_impl::public_to_sec1(k, compressed),
            PublicKey::P384(k) => p384_impl::public_to_sec1(k, compressed),
            PublicKey::Ed25519(k) => k.to_bytes().to_vec(),
            PublicKey::X25519(k) => k.to_vec(),
        }
    }

    /// An EC key from its affine coordinates (JWK `x`, `y`).
    pub fn from_xy(curve: Curve, x: &[u8], y: &[u8]) -> Result<PublicKey> {
        Ok(match curve {
            Curve::P256 => PublicKey::P256(p256_impl::public_from_xy(x, y)?),
            Curve::P384 => PublicKey::P384(p384_impl::public_from_xy(x, y)?),
            _ => return Err(bad("not an EC curve")),
        })
    }

    /// An EC key's affine coordinates (JWK `x`, `y`); for OKP keys `x` is the key itself.
    pub fn xy(&self) -> (Vec<u8>, Vec<u8>) {
        match self {
            PublicKey::P256(k) => p256_impl::xy(k),
            PublicKey::P384(k) => p384_impl::xy(k),
            other => (other.to_raw(false), Vec::new()),
        }
    }

    /// A `SubjectPublicKeyInfo` (DER) of any supported type.
    pub fn from_spki(der: &[u8]) -> Result<PublicKey> {
        let info = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| bad("invalid SPKI data"))?;
        let params = info.algorithm.parameters_oid().ok();
        Ok(match curve_of(info.algorithm.oid, params)? {
            Curve::P256 => PublicKey::P256(p256::PublicKey::from_public_key_der(der).map_err(|_| bad("invalid P-256 key"))?),
            Curve::P384 => PublicKey::P384(p384::PublicKey::from_public_key_der(der).map_err(|_| bad("invalid P-384 key"))?),
            Curve::Ed25519 => PublicKey::Ed25519(
                ed25519_dalek::VerifyingKey::from_public_key_der(der).map_err(|_| bad("invalid Ed25519 key"))?,
            ),
            Curve::X25519 => {
                let bytes = info.subject_public_key.as_bytes().ok_or_else(|| bad("invalid X25519 key"))?;
                PublicKey::X25519(okp_bytes(bytes)?)
            }
        })
    }

    pub fn to_spki(&self) -> Result<Vec<u8>> {
        let document = match self {
            PublicKey::P256(k) => k.to_public_key_der(),
            PublicKey::P384(k) => k.to_public_key_der(),
            PublicKey::Ed25519(k) => k.to_public_key_der(),
            PublicKey::X25519(k) => {
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifierRef { oid: OID_X25519, parameters: None },
                    subject_public_key: spki::der::asn1::BitStringRef::from_bytes(k).map_err(|_| bad("X25519 encoding"))?,
                };
                return info.to_der().map_err(|_| bad("X25519 encoding"));
            }
        };
        Ok(document.map_err(|_| bad("SPKI encoding failed"))?.as_bytes().to_vec())
    }

    /// Checks an ECDSA (P1363, over `prehash`) or Ed25519 (over `message`) signature. A signature
    /// of the wrong size or form is simply not valid.
    pub fn verify(&self, message_or_prehash: &[u8], signature: &[u8]) -> bool {
        match self {
            PublicKey::P256(k) => p256_impl::verify(k, &widen(message_or_prehash, 32), signature),
            PublicKey::P384(k) => p384_impl::verify(k, &widen(message_or_prehash, 48), signature),
            PublicKey::Ed25519(k) => {
                let Ok(bytes) = <[u8; 64]>::try_from(signature) else { return false };
                k.verify_strict(message_or_prehash, &ed25519_dalek::Signature::from_bytes(&bytes)).is_ok()
            }
            PublicKey::X25519(_) => false,
        }
    }
}

/// A digest shorter than the curve's field (SHA-1 on P-384) as the same integer in field size:
/// ECDSA reads the hash as a big-endian number, so leading zeros change nothing, and the
/// `ecdsa` crate refuses hashes under half the field size.
fn widen(prehash: &[u8], field_len: usize) -> Vec<u8> {
    if prehash.len() >= field_len {
        return prehash.to_vec();
    }
    let mut wide = vec![0u8; field_len - prehash.len()];
    wide.extend_from_slice(prehash);
    wide
}

/// A version-1 PKCS#8 `PrivateKeyInfo` for an Ed25519/X25519 seed.
fn okp_pkcs8(oid: ObjectIdentifier, seed: &[u8; 32]) -> Result<Vec<u8>> {
    let inner = OctetStringRef::new(seed).and_then(|o| o.to_der()).map_err(|_| bad("PKCS#8 encoding failed"))?;
    let info = PrivateKeyInfo::new(pkcs8::AlgorithmIdentifierRef { oid, parameters: None }, &inner);
    info.to_der().map_err(|_| bad("PKCS#8 encoding failed"))
}

/// An ECDSA signature converted from r ‖ s to DER (Node's default signature encoding).
pub fn ecdsa_p1363_to_der(curve: Curve, signature: &[u8]) -> Result<Vec<u8>> {
    match curve {
        Curve::P256 => p256_impl::p1363_to_der(signature),
        Curve::P384 => p384_impl::p1363_to_der(signature),
        _ => Err(bad("not an ECDSA curve")),
    }
}

/// An ECDSA signature converted from DER to r ‖ s; `None` when it is not valid DER.
pub fn ecdsa_der_to_p1363(curve: Curve, signature: &[u8]) -> Option<Vec<u8>> {
    match curve {
        Curve::P256 => p256_impl::der_to_p1363(signature),
        Curve::P384 => p384_impl::der_to_p1363(signature),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::hash::{HashAlg, digest};

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn ecdsa_round_trips_and_encodings() {
        for curve in [Curve::P256, Curve::P384] {
            let key = PrivateKey::generate(curve);
            let public = key.public_key();
            let prehash = digest(HashAlg::Sha384, b"message");
            // SHA-1 is shorter than half of P-384's field: still signs and verifies.
            let short = digest(HashAlg::Sha1, b"message");
            assert!(public.verify(&short, &key.sign(&short).unwrap()));
            let signature = key.sign(&prehash).unwrap();
            assert_eq!(signature.len(), 2 * curve.field_len());
            assert!(public.verify(&prehash, &signature));
            assert!(!public.verify(&digest(HashAlg::Sha384, b"other"), &signature));
            assert!(!public.verify(&prehash, &signature[1..]));
            let der = ecdsa_p1363_to_der(curve, &signature).unwrap();
            assert_eq!(ecdsa_der_to_p1363(curve, &der).unwrap(), signature);

            let again = PrivateKey::from_pkcs8(&key.to_pkcs8().unwrap()).unwrap();
            assert_eq!(again.to_bytes(), key.to_bytes());
            assert!(PublicKey::from_spki(&public.to_spki().unwrap()).unwrap() == public);
            let (x, y) = public.xy();
            assert!(PublicKey::from_xy(curve, &x, &y).unwrap() == public);
            assert!(PublicKey::from_raw(curve, &public.to_raw(true)).unwrap() == public);
            assert!(PublicKey::from_raw(curve, &[4, 1, 2]).is_err());
        }
    }

    #[test]
    fn ecdh_agrees() {
        for curve in [Curve::P256, Curve::P384, Curve::X25519] {
            let a = PrivateKey::generate(curve);
            let b = PrivateKey::generate(curve);
            assert_eq!(a.agree(&b.public_key()).unwrap(), b.agree(&a.public_key()).unwrap());
            let again = PrivateKey::from_pkcs8(&a.to_pkcs8().unwrap()).unwrap();
            assert_eq!(again.to_bytes(), a.to_bytes());
            assert!(PublicKey::from_spki(&a.public_key().to_spki().unwrap()).unwrap() == a.public_key());
        }
        assert!(PrivateKey::generate(Curve::P256).agree(&PrivateKey::generate(Curve::P384).public_key()).is_err());
    }

    // RFC 7748 section 6.1.
    #[test]
    fn x25519_rfc7748() {
        let alice = PrivateKey::from_bytes(Curve::X25519, &unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")).unwrap();
        assert_eq!(
            hex(&alice.public_key().to_raw(false)),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        );
        let bob = PublicKey::from_raw(Curve::X25519, &unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")).unwrap();
        assert_eq!(hex(&alice.agree(&bob).unwrap()), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assert!(alice.agree(&PublicKey::X25519([0; 32])).is_err());
    }

    // RFC 8032 section 7.1, test 1.
    #[test]
    fn ed25519_rfc8032() {
        let key = PrivateKey::from_bytes(Curve::Ed25519, &unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")).unwrap();
        assert_eq!(
            hex(&key.public_key().to_raw(false)),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let signature = key.sign(b"").unwrap();
        assert!(hex(&signature).starts_with("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"));
        assert!(key.public_key().verify(b"", &signature));
        assert!(!key.public_key().verify(b"x", &signature));
        let again = PrivateKey::from_pkcs8(&key.to_pkcs8().unwrap()).unwrap();
        assert_eq!(again.to_bytes(), key.to_bytes());
        assert!(PrivateKey::from_pkcs8(b"\x30\x03\x02\x01\x00").is_err());
    }
}
