//! RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP for `SubtleCrypto`: key generation, import and
//! export (spki, pkcs8, jwk), signatures and encryption, on the RSA core that Node's `KeyObject`
//! uses (`crate::crypto::asym`). Every key carries the hash it was made or imported for.

use std::rc::Rc;

use boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsValue, js_string};

use super::key::{CryptoKey, KeyAlgorithm, KeyType, Material, Usage};
use super::params::{AlgName, Params};
use super::subtle::{Format, Jwk, KeyData, b64, check_jwk, check_kty, check_usages, data_error, not_supported_format, operation_error};
use crate::crypto::{
    asym::{self, RsaPadding},
    hash::HashAlg,
};

/// The usages a public and a private key of this algorithm may have.
pub(super) fn allowed_usages(name: AlgName) -> (&'static [Usage], &'static [Usage]) {
    match name {
        AlgName::RsaOaep => (&[Usage::Encrypt, Usage::WrapKey], &[Usage::Decrypt, Usage::UnwrapKey]),
        _ => (&[Usage::Verify], &[Usage::Sign]),
    }
}

/// `RsaHashedKeyAlgorithm` of a key.
fn algorithm(name: AlgName, hash: HashAlg, public: &asym::Public) -> KeyAlgorithm {
    let (bits, exponent) = public.rsa_details().unwrap_or_default();
    KeyAlgorithm {
        name,
        length: None,
        hash: Some(hash),
        curve: None,
        modulus_length: Some(bits as u32),
        public_exponent: Some(exponent),
    }
}

fn create(
    params: &Params,
    private: Option<asym::Private>,
    public: asym::Public,
    extractable: bool,
    usages: Vec<Usage>,
    context: &mut Context,
) -> JsResult<JsObject> {
    let algorithm = algorithm(params.alg(), params.hash.unwrap_or(HashAlg::Sha256), &public);
    match private {
        Some(private) => {
            CryptoKey::create(KeyType::Private, extractable, algorithm, usages, Material::RsaPrivate(Rc::new(private)), context)
        }
        None => CryptoKey::create(KeyType::Public, extractable, algorithm, usages, Material::RsaPublic(Rc::new(public)), context),
    }
}

/// `generateKey`: a `{publicKey, privateKey}` pair (the usages already checked and split).
pub(super) fn generate(
    params: &Params,
    extractable: bool,
    public_usages: Vec<Usage>,
    private_usages: Vec<Usage>,
    context: &mut Context,
) -> JsResult<(JsObject, JsObject)> {
    let bits = params.modulus_length.unwrap_or(0) as usize;
    let exponent = params.public_exponent.as_deref().unwrap_or_default();
    let significant = &exponent[exponent.iter().position(|&b| b != 0).unwrap_or(exponent.len())..];
    if significant.len() > 4 {
        return Err(operation_error("The publicExponent is too large", context));
    }
    let exponent = significant.iter().fold(0u64, |e, &b| (e << 8) | u64::from(b));
    let private = asym::Private::generate("rsa", bits, exponent, None)
        .map_err(|e| operation_error(&format!("RSA key generation failed: {e}"), context))?;
    let public = private.public_key();
    let public_key = create(params, None, private.public_key(), true, public_usages, context)?;
    let private_key = create(params, Some(private), public, extractable, private_usages, context)?;
    Ok((public_key, private_key))
}

/// The hash a JWK `alg` names (`RS256`, `PS384`, `RSA-OAEP-512`, `RSA-OAEP` for SHA-1…).
fn jwk_alg_hash(alg: &str) -> Option<HashAlg> {
    let suffix = alg.strip_prefix("RSA-OAEP").map(|s| s.strip_prefix('-').unwrap_or(s)).or_else(|| {
        alg.strip_prefix("RS").or_else(|| alg.strip_prefix("PS"))
    })?;
    match suffix {
        "" | "1" => Some(HashAlg::Sha1),
        "256" => Some(HashAlg::Sha256),
        "384" => Some(HashAlg::Sha384),
        "512" => Some(HashAlg::Sha512),
        _ => None,
    }
}

/// The JWK `alg` of a key of this algorithm and hash.
fn jwk_alg(name: AlgName, hash: HashAlg) -> String {
    let bits = match hash {
        HashAlg::Sha1 => "1",
        HashAlg::Sha384 => "384",
        HashAlg::Sha512 => "512",
        _ => "256",
    };
    match name {
        AlgName::RsaOaep if hash == HashAlg::Sha1 => "RSA-OAEP".to_string(),
        AlgName::RsaOaep => format!("RSA-OAEP-{bits}"),
        AlgName::RsaPss => format!("PS{bits}"),
        _ => format!("RS{bits}"),
    }
}

fn invalid_key_data(context: &mut Context) -> JsError {
    data_error("Invalid keyData", context)
}

/// `importKey` for the RSA algorithms.
pub(super) fn import(
    params: &Params,
    format: Format,
    data: KeyData,
    extractable: bool,
    usages: Vec<Usage>,
    context: &mut Context,
) -> JsResult<JsObject> {
    let (public_allowed, private_allowed) = allowed_usages(params.alg());
    let invalid_type = |context: &mut Context| data_error("Invalid key type", context);
    match (format, data) {
        (Format::Spki, KeyData::Bytes(der)) => {
            check_usages(&usages, public_allowed, context)?;
            let key = asym::Public::from_der(&der, Some("spki")).map_err(|_| invalid_key_data(context))?;
            if key.rsa_details().is_none() {
                return Err(invalid_type(context));
            }
            create(params, None, key, extractable, usages, context)
        }
        (Format::Pkcs8, KeyData::Bytes(der)) => {
            check_usages(&usages, private_allowed, context)?;
            let key = asym::Private::from_der(&der, Some("pkcs8")).map_err(|_| invalid_key_data(context))?;
            let public = key.public_key();
            if public.rsa_details().is_none() {
                return Err(invalid_type(context));
            }
            create(params, Some(key), public, extractable, usages, context)
        }
        (Format::Jwk, KeyData::Jwk(jwk)) => import_jwk(params, jwk, extractable, usages, context),
        _ => Err(not_supported_format(context)),
    }
}

fn import_jwk(params: &Params, jwk: Jwk, extractable: bool, usages: Vec<Usage>, context: &mut Context) -> JsResult<JsObject> {
    let name = params.alg();
    let (public_allowed, private_allowed) = allowed_usages(name);
    check_kty(&jwk, "RSA", context)?;
    let private = jwk.d.is_some();
    check_usages(&usages, if private { private_allowed } else { public_allowed }, context)?;
    check_jwk(&jwk, if name == AlgName::RsaOaep { "enc" } else { "sig" }, &usages, extractable, context)?;
    if let Some(alg) = &jwk.alg
        && jwk_alg_hash(alg) != params.hash
    {
        return Err(data_error("JWK \"alg\" does not match the requested algorithm", context));
    }
    let member = |value: &Option<String>, context: &mut Context| -> JsResult<Vec<u8>> {
        if value.is_none() {
            return Err(invalid_key_data(context));
        }
        b64(value, context).map_err(|_| invalid_key_data(context))
    };
    let n = member(&jwk.n, context)?;
    let e = member(&jwk.e, context)?;
    let public = asym::Public::rsa_from_parts(&n, &e).map_err(|_| invalid_key_data(context))?;
    if !private {
        return create(params, None, public, extractable, usages, context);
    }
    let d = member(&jwk.d, context)?;
    let p = member(&jwk.p, context)?;
    let q = member(&jwk.q, context)?;
    // dp, dq and qi follow from the rest; they must be there, as the JWK standard says.
    for value in [&jwk.dp, &jwk.dq, &jwk.qi] {
        member(value, context)?;
    }
    let key = asym::Private::rsa_from_parts(&n, &e, &d, vec![&p, &q]).map_err(|_| invalid_key_data(context))?;
    create(params, Some(key), public, extractable, usages, context)
}

/// `exportKey` in spki or pkcs8 (DER).
pub(super) fn export_der(format: Format, material: &Material, context: &mut Context) -> JsResult<Vec<u8>> {
    let result = match (format, material) {
        (Format::Spki, Material::RsaPublic(key)) => key.to_der("spki"),
        (Format::Pkcs8, Material::RsaPrivate(key)) => key.to_der("pkcs8"),
        // Node (and its tests) call a raw RSA export an invalid access, like a wrong key type.
        _ => return Err(super::subtle::dom("InvalidAccessError", "Unable to export this RSA key in this format", context)),
    };
    result.map_err(|e| operation_error(&e.to_string(), context))
}

/// The members of an RSA key's JWK (`kty`, `key_ops` and `ext` aside).
pub(super) fn jwk_members(alg: &KeyAlgorithm, material: &Material) -> Vec<(&'static str, JwkValue)> {
    let fields = match material {
        Material::RsaPrivate(key) => key.jwk(),
        Material::RsaPublic(key) => key.jwk(),
        _ => Vec::new(),
    };
    let mut members = vec![("alg", JwkValue::Text(jwk_alg(alg.name, alg.hash.unwrap_or(HashAlg::Sha256))))];
    members.extend(fields.into_iter().map(|(name, bytes)| (name, JwkValue::Bytes(bytes))));
    members
}

pub(super) enum JwkValue {
    Text(String),
    Bytes(Vec<u8>),
}

/// The largest RSA-PSS salt for a modulus of `bits` and this hash.
fn max_salt(bits: usize, hash: HashAlg) -> usize {
    (bits.saturating_sub(1)).div_ceil(8).saturating_sub(hash.output_len() + 2)
}

/// The error an out-of-range `saltLength` gives: an OperationError whose `cause` is Node's
/// `ERR_OUT_OF_RANGE` RangeError.
fn salt_error(max: usize, salt: u32, context: &mut Context) -> JsError {
    let message =
        format!("The value of \"algorithm.saltLength\" is out of range. It must be >= 0 && <= {max}. Received {salt}");
    let cause = crate::node::crypto::coded(JsNativeError::range().with_message(message), "ERR_OUT_OF_RANGE", context);
    let error = operation_error("The operation failed for an operation-specific reason", context);
    let cause = cause.into_opaque(context).unwrap_or_default();
    if let Some(object) = error.as_opaque().and_then(JsValue::as_object) {
        let _ = object.define_property_or_throw(
            js_string!("cause"),
            boa_engine::property::PropertyDescriptor::builder()
                .value(cause)
                .writable(true)
                .configurable(true)
                .enumerable(false),
            context,
        );
    }
    error
}

fn pss_salt(params: &Params, key_alg: &KeyAlgorithm, context: &mut Context) -> JsResult<Option<i64>> {
    if params.alg() != AlgName::RsaPss {
        return Ok(None);
    }
    let salt = params.salt_length.unwrap_or(0);
    let max = max_salt(key_alg.modulus_length.unwrap_or(0) as usize, key_alg.hash.unwrap_or(HashAlg::Sha256));
    if salt as usize > max {
        return Err(salt_error(max, salt, context));
    }
    Ok(Some(i64::from(salt)))
}

/// `sign` with a private key of RSASSA-PKCS1-v1_5 or RSA-PSS.
pub(super) fn sign(params: &Params, key_alg: &KeyAlgorithm, key: &asym::Private, data: &[u8], context: &mut Context) -> JsResult<Vec<u8>> {
    let salt = pss_salt(params, key_alg, context)?;
    key.sign(key_alg.hash, data, salt).map_err(|e| operation_error(&e.to_string(), context))
}

/// `verify` with a public key of RSASSA-PKCS1-v1_5 or RSA-PSS.
pub(super) fn verify(
    params: &Params,
    key_alg: &KeyAlgorithm,
    key: &asym::Public,
    signature: &[u8],
    data: &[u8],
    context: &mut Context,
) -> JsResult<bool> {
    let salt = pss_salt(params, key_alg, context)?;
    key.verify(key_alg.hash, data, signature, salt).map_err(|e| operation_error(&e.to_string(), context))
}

fn oaep(params: &Params, key_alg: &KeyAlgorithm) -> RsaPadding {
    RsaPadding::Oaep(key_alg.hash.unwrap_or(HashAlg::Sha256), params.label.clone().unwrap_or_default())
}

/// RSA-OAEP `encrypt` (and `wrapKey`) with a public key.
pub(super) fn encrypt(params: &Params, key_alg: &KeyAlgorithm, key: &asym::Public, data: &[u8], context: &mut Context) -> JsResult<Vec<u8>> {
    key.encrypt(oaep(params, key_alg), data).map_err(|e| operation_error(&e.to_string(), context))
}

/// RSA-OAEP `decrypt` (and `unwrapKey`) with a private key.
pub(super) fn decrypt(params: &Params, key_alg: &KeyAlgorithm, key: &asym::Private, data: &[u8], context: &mut Context) -> JsResult<Vec<u8>> {
    key.decrypt(oaep(params, key_alg), data)
        .map_err(|_| operation_error("The operation failed for an operation-specific reason", context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwk_alg_names_round_trip() {
        for hash in [HashAlg::Sha1, HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512] {
            for name in [AlgName::RsassaPkcs1, AlgName::RsaPss, AlgName::RsaOaep] {
                assert_eq!(jwk_alg_hash(&jwk_alg(name, hash)), Some(hash));
            }
        }
        assert_eq!(jwk_alg(AlgName::RsaOaep, HashAlg::Sha1), "RSA-OAEP");
        assert_eq!(jwk_alg(AlgName::RsaPss, HashAlg::Sha384), "PS384");
        assert_eq!(jwk_alg_hash("ES256"), None);
        assert_eq!(jwk_alg_hash("RS257"), None);
    }

    // RFC 8017 section 9.1.1: emLen = ceil((modBits - 1) / 8) and sLen <= emLen - hLen - 2.
    #[test]
    fn pss_salt_maximum() {
        assert_eq!(max_salt(1024, HashAlg::Sha256), 94);
        assert_eq!(max_salt(2048, HashAlg::Sha512), 190);
        assert_eq!(max_salt(1025, HashAlg::Sha1), 106);
        assert_eq!(max_salt(0, HashAlg::Sha1), 0);
    }
}
