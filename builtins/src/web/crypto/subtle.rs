//! `SubtleCrypto`: every method returns a promise; any error (a `TypeError` from argument
//! conversion, or a DOMException named as the standard says) rejects it. The work itself is
//! synchronous and runs on the shared core (`crate::crypto`).

use base64ct::{Base64UrlUnpadded, Encoding};
use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
    class::{Class, ClassBuilder},
    object::{ObjectInitializer, builtins::JsArray},
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use super::{
    key::{CryptoKey, KeyAlgorithm, KeyType, Material, Usage, key_data},
    params::{AlgName, Op, Params, buffer_source, normalize},
    promise,
};
use crate::{
    crypto::{
        self, Error,
        aes,
        hash::{self, HashAlg},
        kdf,
        keys::{Curve, PrivateKey, PublicKey},
        random,
    },
    fs_io::{array_buffer, js_str},
    web::dom_exception::dom_exception,
};

/// The `SubtleCrypto` interface.
#[derive(Trace, Finalize, JsData)]
pub struct SubtleCrypto;

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

impl Class for SubtleCrypto {
    const NAME: &'static str = "SubtleCrypto";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Err(super::illegal_constructor(context))
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        let methods: &[(&str, usize, NativeFn)] = &[
            ("encrypt", 3, encrypt),
            ("decrypt", 3, decrypt),
            ("sign", 3, sign),
            ("verify", 4, verify),
            ("digest", 2, digest),
            ("generateKey", 3, generate_key),
            ("deriveKey", 5, derive_key),
            ("deriveBits", 2, derive_bits),
            ("importKey", 5, import_key),
            ("exportKey", 2, export_key),
            ("wrapKey", 4, wrap_key),
            ("unwrapKey", 7, unwrap_key),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(*name), *length, NativeFunction::from_fn_ptr(*f));
        }
        super::to_string_tag(class, "SubtleCrypto");
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

pub(super) fn dom(name: &str, message: &str, context: &mut Context) -> JsError {
    dom_exception(name, message, context)
}

/// A TypeError with Node's ERR_INVALID_ARG_TYPE code (an argument of the wrong type).
fn arg_type_error(message: String, context: &mut Context) -> JsError {
    crate::node::crypto::coded(JsNativeError::typ().with_message(message), "ERR_INVALID_ARG_TYPE", context)
}

fn type_error(message: impl Into<String>) -> JsError {
    JsNativeError::typ().with_message(message.into()).into()
}

/// Runs a method body as a promise, after checking `this` and the argument count.
fn method(
    this: &JsValue,
    args: &[JsValue],
    required: usize,
    name: &str,
    context: &mut Context,
    body: impl FnOnce(&mut Context) -> JsResult<JsValue>,
) -> JsResult<JsValue> {
    promise(context, |context| {
        if !this.as_object().is_some_and(|o| o.is::<SubtleCrypto>()) {
            return Err(super::illegal_invocation("SubtleCrypto", context));
        }
        if args.len() < required {
            let message = format!(
                "Failed to execute '{name}' on 'SubtleCrypto': {required} arguments required, but only {} present.",
                args.len()
            );
            return Err(crate::node::crypto::coded(JsNativeError::typ().with_message(message), "ERR_MISSING_ARGS", context));
        }
        body(context)
    })
}

/// A key argument with its data.
struct Key {
    kind: KeyType,
    extractable: bool,
    alg: KeyAlgorithm,
    usages: Vec<Usage>,
    material: Material,
}

fn key_arg(value: &JsValue, what: &str, context: &mut Context) -> JsResult<Key> {
    let is_key = value.as_object().is_some_and(|o| o.is::<CryptoKey>());
    let (kind, extractable, alg, usages, material) = is_key
        .then(|| key_data(value))
        .flatten()
        .ok_or_else(|| arg_type_error(format!("The \"{what}\" argument must be an instance of CryptoKey."), context))?;
    Ok(Key { kind, extractable, alg, usages, material })
}

fn usages_arg(value: &JsValue, context: &mut Context) -> JsResult<Vec<Usage>> {
    let object = value.as_object().ok_or_else(|| type_error("keyUsages is not a sequence"))?;
    let iterator = object.get(boa_engine::JsSymbol::iterator(), context)?;
    if !iterator.is_callable() {
        return Err(type_error("keyUsages is not a sequence"));
    }
    let from = context.intrinsics().constructors().array().constructor().get(js_string!("from"), context)?;
    let array = from
        .as_callable()
        .ok_or_else(|| type_error("Array.from is not callable"))?
        .call(&JsValue::undefined(), &[value.clone()], context)?;
    let array = array.as_object().ok_or_else(|| type_error("keyUsages is not a sequence"))?;
    let length = array.get(js_string!("length"), context)?.to_length(context)?;
    let mut usages = Vec::new();
    for i in 0..length {
        let name = array.get(i, context)?.to_string(context)?.to_std_string_lossy();
        let usage = Usage::from_name(&name)
            .ok_or_else(|| invalid_enum(&name, "KeyUsage", context))?;
        usages.push(usage);
    }
    Ok(usages)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Raw,
    Spki,
    Pkcs8,
    Jwk,
}

fn format_arg(value: &JsValue, context: &mut Context) -> JsResult<Format> {
    let name = value.to_string(context)?.to_std_string_lossy();
    Ok(match name.as_str() {
        "raw" => Format::Raw,
        "spki" => Format::Spki,
        "pkcs8" => Format::Pkcs8,
        "jwk" => Format::Jwk,
        _ => return Err(invalid_enum(&name, "KeyFormat", context)),
    })
}

/// WebIDL's TypeError for a string outside an enumeration, with Node's code.
fn invalid_enum(value: &str, enumeration: &str, context: &mut Context) -> JsError {
    let message = format!("'{value}' is not a valid enum value of type {enumeration}.");
    crate::node::crypto::coded(JsNativeError::typ().with_message(message), "ERR_INVALID_ARG_VALUE", context)
}

fn buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    Ok(array_buffer(bytes, context)?.into())
}

pub(super) fn check_usages(usages: &[Usage], allowed: &[Usage], context: &mut Context) -> JsResult<()> {
    if let Some(bad) = usages.iter().find(|u| !allowed.contains(u)) {
        return Err(dom("SyntaxError", &format!("Unsupported key usage for this key: {}", bad.name()), context));
    }
    Ok(())
}

pub(super) fn operation_error(message: &str, context: &mut Context) -> JsError {
    dom("OperationError", message, context)
}

pub(super) fn data_error(message: &str, context: &mut Context) -> JsError {
    dom("DataError", message, context)
}

fn check_key_for(key: &Key, params: &Params, usage: Usage, context: &mut Context) -> JsResult<()> {
    if key.alg.name != params.alg() {
        return Err(dom("InvalidAccessError", "The requested operation is not valid for the provided key", context));
    }
    if !key.usages.contains(&usage) {
        return Err(dom(
            "InvalidAccessError",
            &format!("The requested operation is not valid for the provided key (it lacks the '{}' usage)", usage.name()),
            context,
        ));
    }
    Ok(())
}

/// `sign`/`verify`'s key check, with Node's message.
fn check_sign_key(key: &Key, params: &Params, usage: Usage, context: &mut Context) -> JsResult<()> {
    if key.alg.name != params.alg() || !key.usages.contains(&usage) {
        return Err(dom("InvalidAccessError", &format!("Unable to use this key to {}", usage.name()), context));
    }
    Ok(())
}

fn secret_of<'a>(key: &'a Key, context: &mut Context) -> JsResult<&'a [u8]> {
    match &key.material {
        Material::Secret(bytes) => Ok(bytes),
        _ => Err(dom("InvalidAccessError", "The key is not a secret key", context)),
    }
}

const AES_USAGES: [Usage; 4] = [Usage::Encrypt, Usage::Decrypt, Usage::WrapKey, Usage::UnwrapKey];
const KW_USAGES: [Usage; 2] = [Usage::WrapKey, Usage::UnwrapKey];
const SIGN_USAGES: [Usage; 2] = [Usage::Sign, Usage::Verify];
const DERIVE_USAGES: [Usage; 2] = [Usage::DeriveKey, Usage::DeriveBits];

fn curve_of_params(params: &Params, context: &mut Context) -> JsResult<Curve> {
    match params.alg() {
        AlgName::Ed25519 => Ok(Curve::Ed25519),
        AlgName::X25519 => Ok(Curve::X25519),
        _ => match params.named_curve.as_deref() {
            Some("P-256") => Ok(Curve::P256),
            Some("P-384") => Ok(Curve::P384),
            _ => Err(dom("NotSupportedError", "Unrecognized namedCurve", context)),
        },
    }
}

/// The usages a public and a private key of this algorithm may have.
fn asymmetric_usages(name: AlgName) -> (&'static [Usage], &'static [Usage]) {
    match name {
        AlgName::RsassaPkcs1 | AlgName::RsaPss | AlgName::RsaOaep => super::rsa::allowed_usages(name),
        AlgName::Ecdsa | AlgName::Ed25519 => (&[Usage::Verify], &[Usage::Sign]),
        _ => (&[], &DERIVE_USAGES),
    }
}

// ---------------------------------------------------------------------------------------------
// encrypt / decrypt / sign / verify / digest.

fn cipher(params: &Params, key: &[u8], data: &[u8], encrypt: bool, context: &mut Context) -> JsResult<Vec<u8>> {
    let result = match params.alg() {
        AlgName::AesCbc => {
            let iv = params.iv.as_deref().unwrap_or_default();
            if iv.len() != 16 {
                return Err(operation_error("algorithm.iv must contain exactly 16 bytes", context));
            }
            aes::cbc(key, iv, data, encrypt)
        }
        AlgName::AesCtr => {
            let counter = params.counter.as_deref().unwrap_or_default();
            if counter.len() != 16 {
                return Err(operation_error("AES-CTR: the counter must be 16 bytes", context));
            }
            let length = params.length.unwrap_or(0);
            if length == 0 || length > 128 {
                return Err(operation_error("AES-CTR: the length must be between 1 and 128", context));
            }
            aes::ctr(key, counter, length, data)
        }
        AlgName::AesGcm => {
            let tag_bits = params.tag_length.unwrap_or(128);
            if ![32, 64, 96, 104, 112, 120, 128].contains(&tag_bits) {
                return Err(operation_error(&format!("{tag_bits} is not a valid AES-GCM tag length"), context));
            }
            let iv = params.iv.as_deref().unwrap_or_default();
            let aad = params.additional_data.as_deref().unwrap_or_default();
            let tag_len = tag_bits as usize / 8;
            if encrypt {
                aes::gcm_seal(key, iv, aad, data, tag_len)
            } else {
                if data.len() < tag_len {
                    return Err(operation_error("The provided data is too small.", context));
                }
                aes::gcm_open(key, iv, aad, data, tag_len)
            }
        }
        AlgName::AesKw => {
            if encrypt {
                aes::key_wrap(key, data)
            } else {
                aes::key_unwrap(key, data)
            }
        }
        _ => return Err(dom("NotSupportedError", "Unrecognized algorithm name", context)),
    };
    result.map_err(|e| {
        let message = match e {
            Error::BadDecrypt | Error::AuthenticationFailed | Error::WrongFinalBlockLength => "The operation failed for an operation-specific reason".to_string(),
            other => other.to_string(),
        };
        operation_error(&message, context)
    })
}

/// Encryption or decryption with a secret key (AES) or an RSA-OAEP public/private key.
fn encrypt_with(params: &Params, key: &Key, data: &[u8], encrypt: bool, context: &mut Context) -> JsResult<Vec<u8>> {
    match (&key.material, encrypt) {
        (Material::Secret(secret), _) => cipher(params, secret, data, encrypt, context),
        (Material::RsaPublic(public), true) => super::rsa::encrypt(params, &key.alg, public, data, context),
        (Material::RsaPrivate(private), false) => super::rsa::decrypt(params, &key.alg, private, data, context),
        _ => Err(dom("InvalidAccessError", "The requested operation is not valid for the provided key", context)),
    }
}

fn encrypt_decrypt(this: &JsValue, args: &[JsValue], encrypt: bool, context: &mut Context) -> JsResult<JsValue> {
    let name = if encrypt { "encrypt" } else { "decrypt" };
    method(this, args, 3, name, context, |context| {
        let key = key_arg(args.get_or_undefined(1), "key", context)?;
        let data = buffer_source(args.get_or_undefined(2), "data", context)?;
        let params = normalize(args.get_or_undefined(0), if encrypt { Op::Encrypt } else { Op::Decrypt }, context)?;
        check_key_for(&key, &params, if encrypt { Usage::Encrypt } else { Usage::Decrypt }, context)?;
        let out = encrypt_with(&params, &key, &data, encrypt, context)?;
        buffer(&out, context)
    })
}

fn encrypt(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    encrypt_decrypt(this, args, true, context)
}

fn decrypt(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    encrypt_decrypt(this, args, false, context)
}

fn sign_bytes(params: &Params, key: &Key, data: &[u8], context: &mut Context) -> JsResult<Vec<u8>> {
    match (params.alg(), &key.material) {
        (AlgName::Hmac, Material::Secret(secret)) => {
            let hash = key.alg.hash.unwrap_or(HashAlg::Sha256);
            hash::hmac(hash, secret, data).map_err(|e| operation_error(&e.to_string(), context))
        }
        (AlgName::Ecdsa, Material::Private(private)) => {
            let prehash = hash::digest(params.hash.unwrap_or(HashAlg::Sha256), data);
            private.sign(&prehash).map_err(|e| operation_error(&e.to_string(), context))
        }
        (AlgName::Ed25519, Material::Private(private)) => {
            private.sign(data).map_err(|e| operation_error(&e.to_string(), context))
        }
        (AlgName::RsassaPkcs1 | AlgName::RsaPss, Material::RsaPrivate(private)) => {
            super::rsa::sign(params, &key.alg, private, data, context)
        }
        _ => Err(dom("InvalidAccessError", "Unable to use this key to sign", context)),
    }
}

fn sign(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 3, "sign", context, |context| {
        let key = key_arg(args.get_or_undefined(1), "key", context)?;
        let data = buffer_source(args.get_or_undefined(2), "data", context)?;
        let params = normalize(args.get_or_undefined(0), Op::Sign, context)?;
        check_sign_key(&key, &params, Usage::Sign, context)?;
        let signature = sign_bytes(&params, &key, &data, context)?;
        buffer(&signature, context)
    })
}

fn verify(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 4, "verify", context, |context| {
        let key = key_arg(args.get_or_undefined(1), "key", context)?;
        let signature = buffer_source(args.get_or_undefined(2), "signature", context)?;
        let data = buffer_source(args.get_or_undefined(3), "data", context)?;
        let params = normalize(args.get_or_undefined(0), Op::Verify, context)?;
        check_sign_key(&key, &params, Usage::Verify, context)?;
        let valid = match (params.alg(), &key.material) {
            (AlgName::Hmac, Material::Secret(_)) => {
                let expected = sign_bytes(&params, &key, &data, context)?;
                hash::constant_time_eq(&expected, &signature)
            }
            (AlgName::Ecdsa, Material::Public(public)) => {
                public.verify(&hash::digest(params.hash.unwrap_or(HashAlg::Sha256), &data), &signature)
            }
            (AlgName::Ed25519, Material::Public(public)) => public.verify(&data, &signature),
            (AlgName::RsassaPkcs1 | AlgName::RsaPss, Material::RsaPublic(public)) => {
                super::rsa::verify(&params, &key.alg, public, &signature, &data, context)?
            }
            _ => return Err(dom("InvalidAccessError", "Unable to use this key to verify", context)),
        };
        Ok(valid.into())
    })
}

fn digest(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 2, "digest", context, |context| {
        let data = buffer_source(args.get_or_undefined(1), "data", context)?;
        let params = normalize(args.get_or_undefined(0), Op::Digest, context)?;
        let alg = params.alg().hash().ok_or_else(|| dom("NotSupportedError", "Unrecognized algorithm name", context))?;
        buffer(&hash::digest(alg, &data), context)
    })
}

// ---------------------------------------------------------------------------------------------
// generateKey.

fn secret_key(
    params: &Params,
    bytes: Vec<u8>,
    length_bits: u32,
    extractable: bool,
    usages: Vec<Usage>,
    context: &mut Context,
) -> JsResult<JsObject> {
    let alg = KeyAlgorithm {
        name: params.alg(),
        length: if matches!(params.alg(), AlgName::Pbkdf2 | AlgName::Hkdf) { None } else { Some(length_bits) },
        hash: if params.alg() == AlgName::Hmac { params.hash } else { None },
        curve: None,
        modulus_length: None,
        public_exponent: None,
    };
    CryptoKey::create(KeyType::Secret, extractable, alg, usages, Material::Secret(bytes), context)
}

fn random_bytes(len: usize, context: &mut Context) -> JsResult<Vec<u8>> {
    let mut bytes = crypto::zeroed(len).map_err(|e| operation_error(&e.to_string(), context))?;
    random::fill(&mut bytes).map_err(|e| operation_error(&e.to_string(), context))?;
    Ok(bytes)
}

fn asymmetric_algorithm(name: AlgName, curve: Curve) -> KeyAlgorithm {
    KeyAlgorithm { name, length: None, hash: None, curve: Some(curve), modulus_length: None, public_exponent: None }
}

fn generate_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 3, "generateKey", context, |context| {
        let extractable = args.get_or_undefined(1).to_boolean();
        let usages = usages_arg(args.get_or_undefined(2), context)?;
        let params = normalize(args.get_or_undefined(0), Op::GenerateKey, context)?;
        let name = params.alg();
        if name.is_aes() || name == AlgName::Hmac {
            let bits = if name == AlgName::Hmac {
                check_usages(&usages, &SIGN_USAGES, context)?;
                let hash = params.hash.unwrap_or(HashAlg::Sha256);
                let bits = params.length.unwrap_or(hash.block_len() as u32 * 8);
                if bits == 0 {
                    return Err(operation_error("HMAC: the key length must not be zero", context));
                }
                bits
            } else {
                check_usages(&usages, if name == AlgName::AesKw { &KW_USAGES } else { &AES_USAGES }, context)?;
                let bits = params.length.unwrap_or(0);
                if ![128, 192, 256].contains(&bits) {
                    return Err(operation_error("AES key length must be 128, 192 or 256 bits", context));
                }
                bits
            };
            if usages.is_empty() {
                return Err(dom("SyntaxError", "Usages cannot be empty when creating a key.", context));
            }
            let bytes = random_bytes(bits.div_ceil(8) as usize, context)?;
            return Ok(secret_key(&params, bytes, bits, extractable, usages, context)?.into());
        }
        let (public_allowed, private_allowed) = asymmetric_usages(name);
        let all: Vec<Usage> = public_allowed.iter().chain(private_allowed).copied().collect();
        check_usages(&usages, &all, context)?;
        let public_usages: Vec<Usage> = usages.iter().filter(|u| public_allowed.contains(u)).copied().collect();
        let private_usages: Vec<Usage> = usages.iter().filter(|u| private_allowed.contains(u)).copied().collect();
        if private_usages.is_empty() {
            return Err(dom("SyntaxError", "Usages cannot be empty when creating a key.", context));
        }
        let (public_key, private_key) = if name.is_rsa() {
            super::rsa::generate(&params, extractable, public_usages, private_usages, context)?
        } else {
            let curve = curve_of_params(&params, context)?;
            let private = PrivateKey::generate(curve);
            let public = private.public_key();
            let algorithm = asymmetric_algorithm(name, curve);
            let public_key =
                CryptoKey::create(KeyType::Public, true, algorithm.clone(), public_usages, Material::Public(public), context)?;
            let private_key =
                CryptoKey::create(KeyType::Private, extractable, algorithm, private_usages, Material::Private(private), context)?;
            (public_key, private_key)
        };
        let mut pair = ObjectInitializer::new(context);
        pair.property(js_string!("publicKey"), public_key, Attribute::all());
        pair.property(js_string!("privateKey"), private_key, Attribute::all());
        Ok(pair.build().into())
    })
}

// ---------------------------------------------------------------------------------------------
// importKey.

/// The members of a JsonWebKey this implementation reads.
#[derive(Default)]
pub(super) struct Jwk {
    pub alg: Option<String>,
    pub crv: Option<String>,
    pub d: Option<String>,
    pub dp: Option<String>,
    pub dq: Option<String>,
    pub e: Option<String>,
    pub ext: Option<bool>,
    pub k: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub kty: Option<String>,
    pub n: Option<String>,
    pub p: Option<String>,
    pub q: Option<String>,
    pub qi: Option<String>,
    pub use_: Option<String>,
    pub x: Option<String>,
    pub y: Option<String>,
}

fn jwk_arg(value: &JsValue, context: &mut Context) -> JsResult<Jwk> {
    let object = match value.as_object() {
        Some(object) => object.clone(),
        None if value.is_null_or_undefined() => JsObject::with_object_proto(context.intrinsics()),
        None => return Err(type_error("keyData is not a JsonWebKey")),
    };
    let text = |name: &str, context: &mut Context| -> JsResult<Option<String>> {
        let value = object.get(JsString::from(name), context)?;
        if value.is_undefined() {
            return Ok(None);
        }
        Ok(Some(value.to_string(context)?.to_std_string_lossy()))
    };
    let alg = text("alg", context)?;
    let crv = text("crv", context)?;
    let d = text("d", context)?;
    let dp = text("dp", context)?;
    let dq = text("dq", context)?;
    let e = text("e", context)?;
    let ext_value = object.get(js_string!("ext"), context)?;
    let ext = if ext_value.is_undefined() { None } else { Some(ext_value.to_boolean()) };
    let k = text("k", context)?;
    let ops_value = object.get(js_string!("key_ops"), context)?;
    let key_ops = if ops_value.is_undefined() {
        None
    } else {
        let array = ops_value.as_object().ok_or_else(|| type_error("key_ops is not a sequence"))?;
        let length = array.get(js_string!("length"), context)?.to_length(context)?;
        let mut ops = Vec::new();
        for i in 0..length {
            ops.push(array.get(i, context)?.to_string(context)?.to_std_string_lossy());
        }
        Some(ops)
    };
    let kty = text("kty", context)?;
    let n = text("n", context)?;
    let p = text("p", context)?;
    let q = text("q", context)?;
    let qi = text("qi", context)?;
    let use_ = text("use", context)?;
    let x = text("x", context)?;
    let y = text("y", context)?;
    Ok(Jwk { alg, crv, d, dp, dq, e, ext, k, key_ops, kty, n, p, q, qi, use_, x, y })
}

/// A JWK member's base64url bytes. Node says the same for a member that is missing and one that
/// is not base64url.
pub(super) fn b64(text: &Option<String>, context: &mut Context) -> JsResult<Vec<u8>> {
    let text = text.as_deref().ok_or_else(|| data_error("Invalid keyData", context))?;
    Base64UrlUnpadded::decode_vec(text.trim_end_matches('=')).map_err(|_| data_error("Invalid keyData", context))
}

/// A JWK's `kty`: missing is invalid key data, another type a wrong parameter (Node's messages).
pub(super) fn check_kty(jwk: &Jwk, kty: &str, context: &mut Context) -> JsResult<()> {
    match jwk.kty.as_deref() {
        None => Err(data_error("Invalid keyData", context)),
        Some(found) if found != kty => Err(data_error("Invalid JWK \"kty\" Parameter", context)),
        Some(_) => Ok(()),
    }
}

/// The checks every JWK import makes: `use`, `key_ops`, `ext`.
pub(super) fn check_jwk(jwk: &Jwk, expected_use: &str, usages: &[Usage], extractable: bool, context: &mut Context) -> JsResult<()> {
    if let Some(use_) = &jwk.use_
        && use_ != expected_use
    {
        return Err(data_error("Invalid JWK \"use\" Parameter", context));
    }
    if let Some(ops) = &jwk.key_ops {
        let mut seen = std::collections::HashSet::new();
        if ops.iter().any(|op| !seen.insert(op.as_str())) {
            return Err(data_error("Duplicate key operation", context));
        }
        if usages.iter().any(|u| !ops.iter().any(|op| op == u.name())) {
            return Err(data_error("Key operations and usage mismatch", context));
        }
    }
    if jwk.ext == Some(false) && extractable {
        return Err(data_error("JWK \"ext\" Parameter and extractable mismatch", context));
    }
    Ok(())
}

fn aes_jwk_alg(name: AlgName, bits: usize) -> String {
    let suffix = match name {
        AlgName::AesCbc => "CBC",
        AlgName::AesCtr => "CTR",
        AlgName::AesGcm => "GCM",
        _ => "KW",
    };
    format!("A{bits}{suffix}")
}

fn hmac_jwk_alg(hash: HashAlg) -> &'static str {
    match hash {
        HashAlg::Sha1 => "HS1",
        HashAlg::Sha384 => "HS384",
        HashAlg::Sha512 => "HS512",
        _ => "HS256",
    }
}

pub(super) enum KeyData {
    Bytes(Vec<u8>),
    Jwk(Jwk),
}

pub(super) fn not_supported_format(context: &mut Context) -> JsError {
    dom("NotSupportedError", "This key format is not supported for this algorithm", context)
}

fn import_secret(params: &Params, format: Format, data: KeyData, extractable: bool, usages: Vec<Usage>, context: &mut Context) -> JsResult<JsObject> {
    let name = params.alg();
    match name {
        AlgName::Pbkdf2 | AlgName::Hkdf => {
            let KeyData::Bytes(bytes) = data else { return Err(not_supported_format(context)) };
            if format != Format::Raw {
                return Err(not_supported_format(context));
            }
            check_usages(&usages, &DERIVE_USAGES, context)?;
            if extractable {
                return Err(dom("SyntaxError", "KDF keys cannot be extractable", context));
            }
            secret_key(params, bytes, 0, false, usages, context)
        }
        AlgName::Hmac => {
            if usages.iter().any(|u| !SIGN_USAGES.contains(u)) {
                return Err(dom("SyntaxError", "Unsupported key usage for an HMAC key", context));
            }
            let hash = params.hash.unwrap_or(HashAlg::Sha256);
            let bytes = match (format, data) {
                (Format::Raw, KeyData::Bytes(bytes)) => bytes,
                (Format::Jwk, KeyData::Jwk(jwk)) => {
                    check_kty(&jwk, "oct", context)?;
                    let bytes = b64(&jwk.k, context)?;
                    if let Some(alg) = &jwk.alg
                        && alg != hmac_jwk_alg(hash)
                    {
                        return Err(data_error("JWK \"alg\" does not match the requested algorithm", context));
                    }
                    check_jwk(&jwk, "sig", &usages, extractable, context)?;
                    bytes
                }
                _ => return Err(not_supported_format(context)),
            };
            let mut bits = bytes.len() as u32 * 8;
            if bits == 0 {
                return Err(data_error("Zero-length key is not supported", context));
            }
            if let Some(length) = params.length {
                if length == 0 {
                    return Err(data_error("Zero-length key is not supported", context));
                }
                if length > bits || length <= bits - 8 {
                    return Err(data_error("Invalid key length", context));
                }
                bits = length;
            }
            secret_key(params, bytes, bits, extractable, usages, context)
        }
        _ => {
            check_usages(&usages, if name == AlgName::AesKw { &KW_USAGES } else { &AES_USAGES }, context)?;
            let bytes = match (format, data) {
                (Format::Raw, KeyData::Bytes(bytes)) => bytes,
                (Format::Jwk, KeyData::Jwk(jwk)) => {
                    check_kty(&jwk, "oct", context)?;
                    let bytes = b64(&jwk.k, context)?;
                    if ![16, 24, 32].contains(&bytes.len()) {
                        return Err(data_error("Invalid AES key length", context));
                    }
                    if let Some(alg) = &jwk.alg
                        && *alg != aes_jwk_alg(name, bytes.len() * 8)
                    {
                        return Err(data_error("JWK \"alg\" does not match the requested algorithm", context));
                    }
                    check_jwk(&jwk, "enc", &usages, extractable, context)?;
                    bytes
                }
                _ => return Err(not_supported_format(context)),
            };
            if ![16, 24, 32].contains(&bytes.len()) {
                return Err(data_error("Invalid AES key length", context));
            }
            let bits = bytes.len() as u32 * 8;
            secret_key(params, bytes, bits, extractable, usages, context)
        }
    }
}

fn import_asymmetric(params: &Params, format: Format, data: KeyData, extractable: bool, usages: Vec<Usage>, context: &mut Context) -> JsResult<JsObject> {
    let name = params.alg();
    let (public_allowed, private_allowed) = asymmetric_usages(name);
    let curve = curve_of_params(params, context)?;
    // A key of another type, or an EC key on another curve.
    let mismatch = |found: Curve, context: &mut Context| {
        let message = if found.is_ec() && curve.is_ec() { "Named curve mismatch" } else { "Invalid key type" };
        data_error(message, context)
    };
    let material = match (format, data) {
        (Format::Spki, KeyData::Bytes(der)) => {
            check_usages(&usages, public_allowed, context)?;
            let key = match crypto::asym::Public::from_der(&der, Some("spki")) {
                Ok(crypto::asym::Public::Ec(key)) => key,
                Ok(_) => return Err(data_error("Invalid key type", context)),
                Err(_) => return Err(data_error("Invalid keyData", context)),
            };
            if key.curve() != curve {
                return Err(mismatch(key.curve(), context));
            }
            Material::Public(key)
        }
        (Format::Pkcs8, KeyData::Bytes(der)) => {
            check_usages(&usages, private_allowed, context)?;
            let key = match crypto::asym::Private::from_der(&der, Some("pkcs8")) {
                Ok(crypto::asym::Private::Ec(key)) => key,
                Ok(_) => return Err(data_error("Invalid key type", context)),
                Err(_) => return Err(data_error("Invalid keyData", context)),
            };
            if key.curve() != curve {
                return Err(mismatch(key.curve(), context));
            }
            Material::Private(key)
        }
        (Format::Raw, KeyData::Bytes(bytes)) => {
            check_usages(&usages, public_allowed, context)?;
            Material::Public(PublicKey::from_raw(curve, &bytes).map_err(|e| data_error(&e.to_string(), context))?)
        }
        (Format::Jwk, KeyData::Jwk(jwk)) => {
            let private = jwk.d.is_some();
            check_usages(&usages, if private { private_allowed } else { public_allowed }, context)?;
            let (kty, expected_use) = match name {
                AlgName::Ecdsa => ("EC", "sig"),
                AlgName::Ecdh => ("EC", "enc"),
                AlgName::Ed25519 => ("OKP", "sig"),
                _ => ("OKP", "enc"),
            };
            check_kty(&jwk, kty, context)?;
            if jwk.crv.as_deref() != Some(curve.web_name()) {
                let message = if curve.is_ec() {
                    "JWK \"crv\" does not match the requested algorithm"
                } else {
                    "JWK \"crv\" Parameter and algorithm name mismatch"
                };
                return Err(data_error(message, context));
            }
            if let Some(alg) = &jwk.alg {
                let ok = match name {
                    AlgName::Ecdsa => alg == if curve == Curve::P256 { "ES256" } else { "ES384" },
                    _ => true,
                };
                if !ok {
                    return Err(data_error("JWK \"alg\" does not match the requested algorithm", context));
                }
            }
            check_jwk(&jwk, expected_use, &usages, extractable, context)?;
            let x = b64(&jwk.x, context)?;
            let public = if curve.is_ec() {
                let y = b64(&jwk.y, context)?;
                PublicKey::from_xy(curve, &x, &y)
            } else {
                PublicKey::from_raw(curve, &x)
            }
            .map_err(|e| data_error(&e.to_string(), context))?;
            if private {
                let d = b64(&jwk.d, context)?;
                if d.len() != curve.field_len() {
                    return Err(data_error("The JWK 'd' member has the wrong length", context));
                }
                let key = PrivateKey::from_bytes(curve, &d).map_err(|e| data_error(&e.to_string(), context))?;
                if key.public_key() != public {
                    return Err(data_error("The JWK's private and public parts do not match", context));
                }
                Material::Private(key)
            } else {
                Material::Public(public)
            }
        }
        _ => return Err(not_supported_format(context)),
    };
    let kind = if matches!(material, Material::Private(_)) { KeyType::Private } else { KeyType::Public };
    CryptoKey::create(kind, extractable, asymmetric_algorithm(name, curve), usages, material, context)
}

fn import(params: &Params, format: Format, data: KeyData, extractable: bool, usages: Vec<Usage>, context: &mut Context) -> JsResult<JsObject> {
    let key = match params.alg() {
        AlgName::Ecdsa | AlgName::Ecdh | AlgName::Ed25519 | AlgName::X25519 => {
            import_asymmetric(params, format, data, extractable, usages.clone(), context)?
        }
        name if name.is_rsa() => super::rsa::import(params, format, data, extractable, usages.clone(), context)?,
        _ => import_secret(params, format, data, extractable, usages.clone(), context)?,
    };
    let kind = key.downcast_ref::<CryptoKey>().map(|k| k.kind);
    if usages.is_empty() && matches!(kind, Some(KeyType::Secret | KeyType::Private)) {
        let what = if kind == Some(KeyType::Secret) { "secret" } else { "private" };
        return Err(dom("SyntaxError", &format!("Usages cannot be empty when importing a {what} key."), context));
    }
    Ok(key)
}

fn key_data_arg(format: Format, value: &JsValue, context: &mut Context) -> JsResult<KeyData> {
    let is_buffer = value.as_object().is_some_and(|o| crate::bytes::is_binary(&o));
    match format {
        Format::Jwk if is_buffer || !(value.is_object() || value.is_null_or_undefined()) => {
            Err(arg_type_error("The \"keyData\" argument must be a JsonWebKey for the 'jwk' format.".into(), context))
        }
        Format::Jwk => Ok(KeyData::Jwk(jwk_arg(value, context)?)),
        _ if !is_buffer => Err(arg_type_error("The \"keyData\" argument must be a BufferSource for this format.".into(), context)),
        _ => Ok(KeyData::Bytes(buffer_source(value, "keyData", context)?)),
    }
}

fn import_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 5, "importKey", context, |context| {
        let format = format_arg(args.get_or_undefined(0), context)?;
        let data = key_data_arg(format, args.get_or_undefined(1), context)?;
        let extractable = args.get_or_undefined(3).to_boolean();
        let usages = usages_arg(args.get_or_undefined(4), context)?;
        let params = normalize(args.get_or_undefined(2), Op::ImportKey, context)?;
        Ok(import(&params, format, data, extractable, usages, context)?.into())
    })
}

// ---------------------------------------------------------------------------------------------
// exportKey.

fn b64_str(bytes: &[u8]) -> JsValue {
    js_str(&Base64UrlUnpadded::encode_string(bytes))
}

enum Exported {
    Bytes(Vec<u8>),
    Jwk(JsObject),
}

fn export(format: Format, key: &Key, context: &mut Context) -> JsResult<Exported> {
    if matches!(key.alg.name, AlgName::Pbkdf2 | AlgName::Hkdf) {
        return Err(dom("NotSupportedError", "This key cannot be exported", context));
    }
    if !key.extractable {
        return Err(dom("InvalidAccessError", "The key is not extractable", context));
    }
    let wrong_type = |context: &mut Context| dom("InvalidAccessError", "The key is not of the type this format needs", context);
    match (&key.material, format) {
        (material @ (Material::RsaPublic(_) | Material::RsaPrivate(_)), Format::Jwk) => {
            let ops: Vec<JsValue> = key.usages.iter().map(|u| js_str(u.name())).collect();
            let ops = JsArray::from_iter(ops, context);
            let members = super::rsa::jwk_members(&key.alg, material);
            let mut jwk = ObjectInitializer::new(context);
            for (name, value) in members {
                let value = match value {
                    super::rsa::JwkValue::Text(text) => js_str(&text),
                    super::rsa::JwkValue::Bytes(bytes) => b64_str(&bytes),
                };
                jwk.property(JsString::from(name), value, Attribute::all());
            }
            jwk.property(js_string!("ext"), true, Attribute::all());
            jwk.property(js_string!("key_ops"), ops, Attribute::all());
            jwk.property(js_string!("kty"), js_str("RSA"), Attribute::all());
            Ok(Exported::Jwk(jwk.build()))
        }
        (material @ (Material::RsaPublic(_) | Material::RsaPrivate(_)), _) => {
            Ok(Exported::Bytes(super::rsa::export_der(format, material, context)?))
        }
        (Material::Secret(bytes), Format::Raw) => Ok(Exported::Bytes(bytes.clone())),
        (Material::Secret(_), Format::Spki | Format::Pkcs8) => Err(not_supported_format(context)),
        (Material::Public(public), Format::Raw) => Ok(Exported::Bytes(public.to_raw(false))),
        (Material::Public(public), Format::Spki) => {
            Ok(Exported::Bytes(public.to_spki().map_err(|e| operation_error(&e.to_string(), context))?))
        }
        (Material::Private(private), Format::Pkcs8) => {
            Ok(Exported::Bytes(private.to_pkcs8().map_err(|e| operation_error(&e.to_string(), context))?))
        }
        (Material::Public(_), Format::Pkcs8) | (Material::Private(_), Format::Spki | Format::Raw) => Err(wrong_type(context)),
        (material, Format::Jwk) => {
            let ops: Vec<JsValue> = key.usages.iter().map(|u| js_str(u.name())).collect();
            let ops = JsArray::from_iter(ops, context);
            let mut jwk = ObjectInitializer::new(context);
            let put = |jwk: &mut ObjectInitializer<'_>, name: &str, value: JsValue| {
                jwk.property(JsString::from(name), value, Attribute::all());
            };
            match material {
                Material::Secret(bytes) => {
                    let alg = if key.alg.name == AlgName::Hmac {
                        hmac_jwk_alg(key.alg.hash.unwrap_or(HashAlg::Sha256)).to_string()
                    } else {
                        aes_jwk_alg(key.alg.name, bytes.len() * 8)
                    };
                    put(&mut jwk, "alg", js_str(&alg));
                    put(&mut jwk, "ext", true.into());
                    put(&mut jwk, "k", b64_str(bytes));
                    put(&mut jwk, "key_ops", ops.into());
                    put(&mut jwk, "kty", js_str("oct"));
                }
                _ => {
                    let (public, private) = match material {
                        Material::Private(p) => (p.public_key(), Some(p)),
                        Material::Public(p) => (p.clone(), None),
                        _ => unreachable!("handled above"),
                    };
                    let curve = public.curve();
                    match key.alg.name {
                        // ECDSA keys carry no `alg` (it would fix the hash, which the key does not).
                        AlgName::Ed25519 => put(&mut jwk, "alg", js_str("Ed25519")),
                        _ => {}
                    }
                    put(&mut jwk, "crv", js_str(curve.web_name()));
                    if let Some(private) = private {
                        put(&mut jwk, "d", b64_str(&private.to_bytes()));
                    }
                    put(&mut jwk, "ext", true.into());
                    put(&mut jwk, "key_ops", ops.into());
                    put(&mut jwk, "kty", js_str(if curve.is_ec() { "EC" } else { "OKP" }));
                    let (x, y) = public.xy();
                    put(&mut jwk, "x", b64_str(&x));
                    if curve.is_ec() {
                        put(&mut jwk, "y", b64_str(&y));
                    }
                }
            }
            Ok(Exported::Jwk(jwk.build()))
        }
    }
}

fn export_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 2, "exportKey", context, |context| {
        let format = format_arg(args.get_or_undefined(0), context)?;
        let key = key_arg(args.get_or_undefined(1), "key", context)?;
        match export(format, &key, context)? {
            Exported::Bytes(bytes) => buffer(&bytes, context),
            Exported::Jwk(object) => Ok(object.into()),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// deriveBits / deriveKey.

fn derive(params: &Params, key: &Key, length: Option<u32>, context: &mut Context) -> JsResult<Vec<u8>> {
    match params.alg() {
        AlgName::Ecdh | AlgName::X25519 => {
            let public_object = params.public.clone().ok_or_else(|| type_error("public is required"))?;
            let public = key_arg(&public_object.into(), "public", context)?;
            if public.kind != KeyType::Public {
                return Err(dom("InvalidAccessError", "algorithm.public must be a public key", context));
            }
            if public.alg.name != key.alg.name {
                return Err(dom("InvalidAccessError", "Keys must be ECDH, X25519, or X448 keys", context));
            }
            if public.alg.curve != key.alg.curve {
                return Err(dom("InvalidAccessError", "Named curve mismatch", context));
            }
            let (Material::Private(private), Material::Public(peer)) = (&key.material, &public.material) else {
                return Err(dom("InvalidAccessError", "The base key must be a private key", context));
            };
            let secret = private.agree(peer).map_err(|e| operation_error(&e.to_string(), context))?;
            match length {
                None => Ok(secret),
                Some(bits) if bits as usize > secret.len() * 8 => {
                    Err(operation_error("derived bit length is too small", context))
                }
                // Node 20 keeps the whole last byte of a length that is not a multiple of 8.
                Some(bits) => Ok(secret[..bits.div_ceil(8) as usize].to_vec()),
            }
        }
        alg @ (AlgName::Hkdf | AlgName::Pbkdf2) => {
            let Some(bits) = length else {
                return Err(operation_error("length cannot be null", context));
            };
            if bits == 0 {
                return Err(operation_error("length cannot be zero", context));
            }
            if bits % 8 != 0 {
                return Err(operation_error("length must be a multiple of 8", context));
            }
            let secret = secret_of(key, context)?;
            let hash = params.hash.unwrap_or(HashAlg::Sha256);
            let salt = params.salt.as_deref().unwrap_or_default();
            let result = if alg == AlgName::Hkdf {
                kdf::hkdf(hash, secret, salt, params.info.as_deref().unwrap_or_default(), bits as usize / 8)
            } else {
                let iterations = params.iterations.unwrap_or(0);
                if bits == 0 {
                    return Err(operation_error("PBKDF2: the length must not be zero", context));
                }
                if iterations == 0 {
                    return Err(operation_error("iterations must not be zero", context));
                }
                kdf::pbkdf2(hash, secret, salt, iterations, bits as usize / 8)
            };
            result.map_err(|e| operation_error(&e.to_string(), context))
        }
        _ => Err(dom("NotSupportedError", "Unrecognized algorithm name", context)),
    }
}

/// `deriveBits`/`deriveKey`'s base-key check, with Node's messages.
fn check_derive_key(key: &Key, params: &Params, usage: Usage, context: &mut Context) -> JsResult<()> {
    if !key.usages.contains(&usage) {
        return Err(dom("InvalidAccessError", &format!("baseKey does not have {} usage", usage.name()), context));
    }
    if key.alg.name != params.alg() {
        return Err(dom("InvalidAccessError", "Key algorithm mismatch", context));
    }
    Ok(())
}

fn length_arg(value: &JsValue, context: &mut Context) -> JsResult<Option<u32>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    Ok(Some(value.to_u32(context)?))
}

fn derive_bits(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 2, "deriveBits", context, |context| {
        let key = key_arg(args.get_or_undefined(1), "baseKey", context)?;
        let length = length_arg(args.get_or_undefined(2), context)?;
        let params = normalize(args.get_or_undefined(0), Op::DeriveBits, context)?;
        check_derive_key(&key, &params, Usage::DeriveBits, context)?;
        let bits = derive(&params, &key, length, context)?;
        buffer(&bits, context)
    })
}

/// "Get key length" of a derived key's algorithm, in bits (`None`: the KDFs, any length).
fn key_length(params: &Params, context: &mut Context) -> JsResult<Option<u32>> {
    match params.alg() {
        AlgName::Hmac => {
            let bits = params.length.unwrap_or(params.hash.unwrap_or(HashAlg::Sha256).block_len() as u32 * 8);
            if bits == 0 {
                return Err(type_error("HMAC: the key length must not be zero"));
            }
            Ok(Some(bits))
        }
        AlgName::Hkdf | AlgName::Pbkdf2 => Ok(None),
        _ => match params.length {
            Some(bits @ (128 | 192 | 256)) => Ok(Some(bits)),
            _ => Err(operation_error("AES key length must be 128, 192 or 256 bits", context)),
        },
    }
}

fn derive_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 5, "deriveKey", context, |context| {
        let key = key_arg(args.get_or_undefined(1), "baseKey", context)?;
        let extractable = args.get_or_undefined(3).to_boolean();
        let usages = usages_arg(args.get_or_undefined(4), context)?;
        let params = normalize(args.get_or_undefined(0), Op::DeriveBits, context)?;
        let import_params = normalize(args.get_or_undefined(2), Op::ImportKey, context)?;
        let length_params = normalize(args.get_or_undefined(2), Op::GetKeyLength, context)?;
        check_derive_key(&key, &params, Usage::DeriveKey, context)?;
        let length = key_length(&length_params, context)?;
        let secret = derive(&params, &key, length, context)?;
        Ok(import(&import_params, Format::Raw, KeyData::Bytes(secret), extractable, usages, context)?.into())
    })
}

// ---------------------------------------------------------------------------------------------
// wrapKey / unwrapKey.

fn normalize_wrap(algorithm: &JsValue, wrap: bool, context: &mut Context) -> JsResult<Params> {
    match normalize(algorithm, if wrap { Op::WrapKey } else { Op::UnwrapKey }, context) {
        Ok(params) => Ok(params),
        Err(_) => normalize(algorithm, if wrap { Op::Encrypt } else { Op::Decrypt }, context),
    }
}

fn json_call(function: &str, argument: JsValue, context: &mut Context) -> JsResult<JsValue> {
    let json = context.intrinsics().objects().json();
    let f = json.get(JsString::from(function), context)?;
    let f = f.as_callable().ok_or_else(|| type_error("JSON is not available"))?;
    f.call(&json.into(), &[argument], context)
}

fn wrap_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 4, "wrapKey", context, |context| {
        let format = format_arg(args.get_or_undefined(0), context)?;
        let key = key_arg(args.get_or_undefined(1), "key", context)?;
        let wrapping = key_arg(args.get_or_undefined(2), "wrappingKey", context)?;
        let params = normalize_wrap(args.get_or_undefined(3), true, context)?;
        check_key_for(&wrapping, &params, Usage::WrapKey, context)?;
        let bytes = match export(format, &key, context)? {
            Exported::Bytes(bytes) => bytes,
            Exported::Jwk(object) => {
                let text = json_call("stringify", object.into(), context)?.to_string(context)?;
                text.to_std_string_lossy().into_bytes()
            }
        };
        let out = encrypt_with(&params, &wrapping, &bytes, true, context)?;
        buffer(&out, context)
    })
}

fn unwrap_key(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    method(this, args, 7, "unwrapKey", context, |context| {
        let format = format_arg(args.get_or_undefined(0), context)?;
        let wrapped = buffer_source(args.get_or_undefined(1), "wrappedKey", context)?;
        let unwrapping = key_arg(args.get_or_undefined(2), "unwrappingKey", context)?;
        let extractable = args.get_or_undefined(5).to_boolean();
        let usages = usages_arg(args.get_or_undefined(6), context)?;
        let params = normalize_wrap(args.get_or_undefined(3), false, context)?;
        let import_params = normalize(args.get_or_undefined(4), Op::ImportKey, context)?;
        check_key_for(&unwrapping, &params, Usage::UnwrapKey, context)?;
        let bytes = encrypt_with(&params, &unwrapping, &wrapped, false, context)?;
        let data = if format == Format::Jwk {
            let text = String::from_utf8(bytes).map_err(|_| data_error("The unwrapped key is not valid JSON", context))?;
            let value = json_call("parse", js_str(&text), context).map_err(|_| data_error("The unwrapped key is not valid JSON", context))?;
            KeyData::Jwk(jwk_arg(&value, context)?)
        } else {
            KeyData::Bytes(bytes)
        };
        Ok(import(&import_params, format, data, extractable, usages, context)?.into())
    })
}
