//! Algorithm normalization (Web Crypto §18.4): an `AlgorithmIdentifier` (a name or a
//! dictionary) checked against the algorithms registered for an operation and converted to that
//! operation's parameter dictionary, with WebIDL's conversions (`[EnforceRange]` integers,
//! `BufferSource` copies, nested hash identifiers).

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};

use super::key::CryptoKey;
use crate::{crypto::hash::HashAlg, web::dom_exception::dom_exception};

/// A registered algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlgName {
    AesCbc,
    AesCtr,
    AesGcm,
    AesKw,
    Hmac,
    Ecdsa,
    Ecdh,
    Ed25519,
    X25519,
    RsassaPkcs1,
    RsaPss,
    RsaOaep,
    Pbkdf2,
    Hkdf,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl AlgName {
    const ALL: [AlgName; 18] = [
        AlgName::AesCbc,
        AlgName::AesCtr,
        AlgName::AesGcm,
        AlgName::AesKw,
        AlgName::Hmac,
        AlgName::Ecdsa,
        AlgName::Ecdh,
        AlgName::Ed25519,
        AlgName::X25519,
        AlgName::RsassaPkcs1,
        AlgName::RsaPss,
        AlgName::RsaOaep,
        AlgName::Pbkdf2,
        AlgName::Hkdf,
        AlgName::Sha1,
        AlgName::Sha256,
        AlgName::Sha384,
        AlgName::Sha512,
    ];

    pub fn canonical(self) -> &'static str {
        match self {
            AlgName::AesCbc => "AES-CBC",
            AlgName::AesCtr => "AES-CTR",
            AlgName::AesGcm => "AES-GCM",
            AlgName::AesKw => "AES-KW",
            AlgName::Hmac => "HMAC",
            AlgName::Ecdsa => "ECDSA",
            AlgName::Ecdh => "ECDH",
            AlgName::Ed25519 => "Ed25519",
            AlgName::X25519 => "X25519",
            AlgName::RsassaPkcs1 => "RSASSA-PKCS1-v1_5",
            AlgName::RsaPss => "RSA-PSS",
            AlgName::RsaOaep => "RSA-OAEP",
            AlgName::Pbkdf2 => "PBKDF2",
            AlgName::Hkdf => "HKDF",
            AlgName::Sha1 => "SHA-1",
            AlgName::Sha256 => "SHA-256",
            AlgName::Sha384 => "SHA-384",
            AlgName::Sha512 => "SHA-512",
        }
    }

    pub fn is_aes(self) -> bool {
        matches!(self, AlgName::AesCbc | AlgName::AesCtr | AlgName::AesGcm | AlgName::AesKw)
    }

    pub fn is_rsa(self) -> bool {
        matches!(self, AlgName::RsassaPkcs1 | AlgName::RsaPss | AlgName::RsaOaep)
    }

    pub fn hash(self) -> Option<HashAlg> {
        HashAlg::from_web_name(self.canonical())
    }
}

/// The operations algorithms register for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Encrypt,
    Decrypt,
    Sign,
    Verify,
    Digest,
    GenerateKey,
    ImportKey,
    DeriveBits,
    GetKeyLength,
    WrapKey,
    UnwrapKey,
}

fn registered(op: Op, name: AlgName) -> bool {
    use AlgName::*;
    match op {
        Op::Encrypt | Op::Decrypt => matches!(name, AesCbc | AesCtr | AesGcm | RsaOaep),
        Op::Sign | Op::Verify => matches!(name, Ecdsa | Hmac | Ed25519 | RsassaPkcs1 | RsaPss),
        Op::Digest => matches!(name, Sha1 | Sha256 | Sha384 | Sha512),
        Op::GenerateKey => name.is_rsa() || matches!(name, AesCbc | AesCtr | AesGcm | AesKw | Hmac | Ecdsa | Ecdh | Ed25519 | X25519),
        Op::ImportKey => {
            name.is_rsa()
                || matches!(name, AesCbc | AesCtr | AesGcm | AesKw | Hmac | Ecdsa | Ecdh | Ed25519 | X25519 | Pbkdf2 | Hkdf)
        }
        Op::DeriveBits => matches!(name, Ecdh | X25519 | Hkdf | Pbkdf2),
        Op::GetKeyLength => matches!(name, AesCbc | AesCtr | AesGcm | AesKw | Hmac | Hkdf | Pbkdf2),
        Op::WrapKey | Op::UnwrapKey => matches!(name, AesKw),
    }
}

/// A normalized algorithm: the name and whichever members its dictionary has.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub name: Option<AlgName>,
    pub hash: Option<HashAlg>,
    pub iv: Option<Vec<u8>>,
    pub counter: Option<Vec<u8>>,
    pub additional_data: Option<Vec<u8>>,
    pub tag_length: Option<u32>,
    pub length: Option<u32>,
    pub named_curve: Option<String>,
    pub public: Option<JsObject>,
    pub salt: Option<Vec<u8>>,
    pub info: Option<Vec<u8>>,
    pub iterations: Option<u32>,
    pub modulus_length: Option<u32>,
    pub public_exponent: Option<Vec<u8>>,
    pub salt_length: Option<u32>,
    pub label: Option<Vec<u8>>,
}

impl Params {
    pub fn alg(&self) -> AlgName {
        self.name.unwrap_or(AlgName::Sha256)
    }
}

fn type_error(message: String) -> boa_engine::JsError {
    JsNativeError::typ().with_message(message).into()
}

/// `[EnforceRange]` conversion to an unsigned integer at most `max`.
pub fn enforce_range(value: &JsValue, max: f64, what: &str, context: &mut Context) -> JsResult<u32> {
    let number = value.to_number(context)?;
    if !number.is_finite() {
        return Err(type_error(format!("{what} is not a finite number")));
    }
    let number = number.trunc();
    if number < 0.0 || number > max {
        return Err(type_error(format!("{what} is outside the range 0 to {max}")));
    }
    Ok(number as u32)
}

/// A `BufferSource` argument, copied.
/// WebIDL's BufferSource is ArrayBuffer memory only: shared memory is refused. The error carries
/// Node's code.
pub fn buffer_source(value: &JsValue, what: &str, context: &mut Context) -> JsResult<Vec<u8>> {
    let Some((buffer, offset, length)) = crate::bytes::binary_range(value, context)? else {
        return Err(crate::node::crypto::coded(
            JsNativeError::typ().with_message(format!("{what} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.")),
            "ERR_INVALID_ARG_TYPE",
            context,
        ));
    };
    let data = buffer.data();
    Ok(data.as_deref().and_then(|d| d.get(offset..offset.saturating_add(length))).map(<[u8]>::to_vec).unwrap_or_default())
}

fn member(object: &JsObject, name: &str, context: &mut Context) -> JsResult<Option<JsValue>> {
    let value = object.get(boa_engine::JsString::from(name), context)?;
    Ok(if value.is_undefined() { None } else { Some(value) })
}

fn required(object: &JsObject, name: &str, dictionary: &str, context: &mut Context) -> JsResult<JsValue> {
    match member(object, name, context)? {
        Some(value) => Ok(value),
        None => {
            let message = format!("Algorithm can not be converted to '{dictionary}' because '{name}' is required in '{dictionary}'.");
            Err(crate::node::crypto::coded(JsNativeError::typ().with_message(message), "ERR_MISSING_OPTION", context))
        }
    }
}

/// Normalizes `algorithm` for `op` (errors: `TypeError` for a malformed identifier,
/// `NotSupportedError` for an algorithm not registered for `op`).
pub fn normalize(algorithm: &JsValue, op: Op, context: &mut Context) -> JsResult<Params> {
    // WebIDL `(object or DOMString)`: an object is a dictionary, anything else a string.
    let object = if let Some(object) = algorithm.as_object() {
        object.clone()
    } else {
        let name = algorithm.to_string(context)?;
        let object = JsObject::with_object_proto(context.intrinsics());
        object.set(js_string!("name"), name, false, context)?;
        object
    };
    let name = required(&object, "name", "Algorithm", context)?.to_string(context)?.to_std_string_lossy();
    let Some(alg) = AlgName::ALL.into_iter().find(|a| a.canonical().eq_ignore_ascii_case(&name)).filter(|a| registered(op, *a))
    else {
        return Err(dom_exception("NotSupportedError", "Unrecognized algorithm name", context));
    };
    let mut params = Params { name: Some(alg), ..Params::default() };
    use AlgName::*;
    // Members are read in each dictionary's (lexicographic) order; nested hash identifiers are
    // normalized afterwards, as the standard does.
    let mut hash_value = None;
    match (op, alg) {
        (Op::Encrypt | Op::Decrypt, AesCbc) => {
            let iv = required(&object, "iv", "AesCbcParams", context)?;
            params.iv = Some(buffer_source(&iv, "iv", context)?);
        }
        (Op::Encrypt | Op::Decrypt, AesCtr) => {
            let counter = required(&object, "counter", "AesCtrParams", context)?;
            params.counter = Some(buffer_source(&counter, "counter", context)?);
            let length = required(&object, "length", "AesCtrParams", context)?;
            params.length = Some(enforce_range(&length, 255.0, "length", context)?);
        }
        (Op::Encrypt | Op::Decrypt, AesGcm) => {
            if let Some(data) = member(&object, "additionalData", context)? {
                params.additional_data = Some(buffer_source(&data, "additionalData", context)?);
            }
            let iv = required(&object, "iv", "AesGcmParams", context)?;
            params.iv = Some(buffer_source(&iv, "iv", context)?);
            if let Some(tag) = member(&object, "tagLength", context)? {
                params.tag_length = Some(enforce_range(&tag, 255.0, "tagLength", context)?);
            }
        }
        (Op::Sign | Op::Verify, Ecdsa) => hash_value = Some(required(&object, "hash", "EcdsaParams", context)?),
        (Op::Sign | Op::Verify, RsaPss) => {
            let salt = required(&object, "saltLength", "RsaPssParams", context)?;
            params.salt_length = Some(enforce_range(&salt, 4294967295.0, "saltLength", context)?);
        }
        (Op::Encrypt | Op::Decrypt, RsaOaep) => {
            if let Some(label) = member(&object, "label", context)? {
                params.label = Some(buffer_source(&label, "label", context)?);
            }
        }
        (Op::GenerateKey, RsassaPkcs1 | RsaPss | RsaOaep) => {
            hash_value = Some(required(&object, "hash", "RsaHashedKeyGenParams", context)?);
            let bits = required(&object, "modulusLength", "RsaHashedKeyGenParams", context)?;
            params.modulus_length = Some(enforce_range(&bits, 4294967295.0, "modulusLength", context)?);
            let exponent = required(&object, "publicExponent", "RsaHashedKeyGenParams", context)?;
            let is_uint8 = exponent
                .as_object()
                .and_then(|o| boa_engine::object::builtins::JsTypedArray::from_object(o.clone()).ok())
                .and_then(|a| a.kind())
                .is_some_and(|k| k == boa_engine::builtins::typed_array::TypedArrayKind::Uint8);
            if !is_uint8 {
                let error = JsNativeError::typ().with_message("publicExponent is not a Uint8Array");
                return Err(crate::node::crypto::coded(error, "ERR_INVALID_ARG_TYPE", context));
            }
            params.public_exponent = Some(buffer_source(&exponent, "publicExponent", context)?);
        }
        (Op::ImportKey, RsassaPkcs1 | RsaPss | RsaOaep) => {
            hash_value = Some(required(&object, "hash", "RsaHashedImportParams", context)?);
        }
        (Op::GenerateKey | Op::GetKeyLength, AesCbc | AesCtr | AesGcm | AesKw) => {
            let length = required(&object, "length", "AesKeyGenParams", context)?;
            params.length = Some(enforce_range(&length, 65535.0, "length", context)?);
        }
        (Op::GenerateKey | Op::ImportKey | Op::GetKeyLength, Hmac) => {
            hash_value = Some(required(&object, "hash", "HmacKeyGenParams", context)?);
            if let Some(length) = member(&object, "length", context)? {
                params.length = Some(enforce_range(&length, 4294967295.0, "length", context)?);
            }
        }
        (Op::GenerateKey | Op::ImportKey, Ecdsa | Ecdh) => {
            let curve = required(&object, "namedCurve", "EcKeyGenParams", context)?;
            params.named_curve = Some(curve.to_string(context)?.to_std_string_lossy());
        }
        (Op::DeriveBits, Ecdh | X25519) => {
            let public = required(&object, "public", "EcdhKeyDeriveParams", context)?;
            let key = public.as_object().filter(|o| o.is::<CryptoKey>());
            let Some(key) = key else {
                let error = JsNativeError::typ().with_message("algorithm.public must be an instance of CryptoKey");
                return Err(crate::node::crypto::coded(error, "ERR_INVALID_ARG_TYPE", context));
            };
            params.public = Some(key);
        }
        (Op::DeriveBits, Hkdf) => {
            hash_value = Some(required(&object, "hash", "HkdfParams", context)?);
            let info = required(&object, "info", "HkdfParams", context)?;
            params.info = Some(buffer_source(&info, "info", context)?);
            let salt = required(&object, "salt", "HkdfParams", context)?;
            params.salt = Some(buffer_source(&salt, "salt", context)?);
        }
        (Op::DeriveBits, Pbkdf2) => {
            hash_value = Some(required(&object, "hash", "Pbkdf2Params", context)?);
            let iterations = required(&object, "iterations", "Pbkdf2Params", context)?;
            params.iterations = Some(enforce_range(&iterations, 4294967295.0, "iterations", context)?);
            let salt = required(&object, "salt", "Pbkdf2Params", context)?;
            params.salt = Some(buffer_source(&salt, "salt", context)?);
        }
        _ => {}
    }
    if let Some(hash) = hash_value {
        let normalized = normalize(&hash, Op::Digest, context)?;
        params.hash = normalized.alg().hash();
    }
    Ok(params)
}
