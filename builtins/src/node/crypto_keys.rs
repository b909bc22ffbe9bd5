//! The asymmetric-key half of `_boa:crypto`: opaque key handles over `crate::crypto::asym`
//! for Node's `KeyObject`, `sign`/`verify`, `publicEncrypt` and friends, `generateKeyPair` and
//! `diffieHellman` (the JavaScript side, `js/internal/crypto/keys.js`, does PEM armour,
//! encodings, option validation and the object model).

use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsValue, js_string, object::ObjectInitializer,
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use super::crypto::{bytes_arg, coded, hash_alg, node_error, openssl_library_error, string_arg, usize_arg};
use crate::{
    crypto::{
        Error,
        asym::{Private, Public, RsaPadding},
        dh,
        hash::HashAlg,
        keys::{Curve, PrivateKey, PublicKey},
    },
    fs_io::{array_buffer, js_str},
};

enum Key {
    Private(Private),
    Public(Public),
}

#[derive(Trace, Finalize, JsData)]
struct KeyHandle(#[unsafe_ignore_trace] Key);

fn new_handle(key: Key) -> JsValue {
    JsObject::from_proto_and_data(None, KeyHandle(key)).into()
}

fn with_key<R>(value: &JsValue, f: impl FnOnce(&Key) -> R) -> JsResult<R> {
    let object = value.as_object().filter(|o| o.is::<KeyHandle>()).ok_or_else(|| JsNativeError::typ().with_message("invalid key handle"))?;
    let handle = object.downcast_ref::<KeyHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid key handle"))?;
    Ok(f(&handle.0))
}

fn public_of(key: &Key) -> Public {
    match key {
        Key::Private(private) => private.public_key(),
        Key::Public(public) => clone_public(public),
    }
}

fn clone_public(public: &Public) -> Public {
    match public {
        Public::Rsa { key, pss } => Public::Rsa { key: key.clone(), pss: *pss },
        Public::Ec(key) => Public::Ec(key.clone()),
        Public::Dh { group, public } => Public::Dh { group: group.clone(), public: public.clone() },
    }
}

/// OpenSSL's decoder error, as Node reports a key it cannot read.
fn unsupported_key(context: &mut Context) -> JsError {
    openssl_library_error("1E08010C", "DECODER routines", "", "unsupported", context)
}

fn buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    Ok(array_buffer(bytes, context)?.into())
}

/// Node's names for the two NIST curves we have.
pub fn curve_by_name(name: &str) -> Option<Curve> {
    match name {
        "prime256v1" | "P-256" | "secp256r1" => Some(Curve::P256),
        "secp384r1" | "P-384" => Some(Curve::P384),
        _ => None,
    }
}

/// `keyParse(kind, der, format|null)`: a handle; a public key may be read from a private one.
fn key_parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let kind = string_arg(args, 0);
    let der = bytes_arg(args, 1, context)?;
    let format = args.get_or_undefined(2).as_string().map(|s| s.to_std_string_lossy());
    let key = if kind == "private" {
        Private::from_der(&der, format.as_deref()).map(Key::Private)
    } else {
        Public::from_der(&der, format.as_deref())
            .or_else(|_| Private::from_der(&der, None).map(|k| k.public_key()))
            .map(Key::Public)
    };
    key.map(new_handle).map_err(|_| unsupported_key(context))
}

/// `pkcs8Decrypt(der, passphrase)`: the inner PKCS#8 DER of an encrypted one.
fn pkcs8_decrypt(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let der = bytes_arg(args, 0, context)?;
    let passphrase = bytes_arg(args, 1, context)?;
    match crate::crypto::asym::decrypt_pkcs8(&der, &passphrase) {
        Ok(inner) => buffer(&inner, context),
        Err(Error::BadDecrypt) => Err(openssl_library_error("1C800064", "Provider routines", "", "bad decrypt", context)),
        Err(_) => Err(unsupported_key(context)),
    }
}

/// `pkcs8Encrypt(der, keyLength, passphrase)`: an `EncryptedPrivateKeyInfo` (DER).
fn pkcs8_encrypt(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let der = bytes_arg(args, 0, context)?;
    let key_len = usize_arg(args, 1, context)?;
    let passphrase = bytes_arg(args, 2, context)?;
    let sealed = crate::crypto::asym::encrypt_pkcs8(&der, key_len, &passphrase).map_err(|e| node_error(e, context))?;
    buffer(&sealed, context)
}

fn jwk_field(jwk: &JsObject, name: &str, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let value = jwk.get(js_string!(name), context)?;
    if value.is_undefined() {
        return Ok(None);
    }
    crate::bytes::binary_bytes(&value, context)
}

fn invalid_jwk(what: &str, context: &mut Context) -> JsError {
    coded(JsNativeError::typ().with_message(format!("Invalid JWK {what} key")), "ERR_CRYPTO_INVALID_JWK", context)
}

/// `keyFromJwk(kind, {kty, crv, n, e, d, p, q, x, y})` with the members already decoded to bytes.
fn key_from_jwk(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let private = string_arg(args, 0) == "private";
    let Some(jwk) = args.get_or_undefined(1).as_object() else { return Err(invalid_jwk("", context)) };
    let kty = jwk.get(js_string!("kty"), context)?.to_string(context)?.to_std_string_lossy();
    let crv = jwk.get(js_string!("crv"), context)?;
    let crv = if crv.is_undefined() { String::new() } else { crv.to_string(context)?.to_std_string_lossy() };
    let field = |name: &str, context: &mut Context| jwk_field(&jwk, name, context);
    let d = field("d", context)?;
    let key = match kty.as_str() {
        "RSA" => {
            let (Some(n), Some(e)) = (field("n", context)?, field("e", context)?) else { return Err(invalid_jwk("RSA", context)) };
            let key = match (&d, private) {
                (Some(d), true) => {
                    let (p, q) = (field("p", context)?, field("q", context)?);
                    let primes = match (&p, &q) {
                        (Some(p), Some(q)) => vec![p.as_slice(), q.as_slice()],
                        _ => Vec::new(),
                    };
                    Private::rsa_from_parts(&n, &e, d, primes).map(Key::Private)
                }
                (None, true) => return Err(invalid_jwk("RSA", context)),
                _ => Public::rsa_from_parts(&n, &e).map(Key::Public),
            };
            key.map_err(|_| invalid_jwk("RSA", context))?
        }
        "EC" | "OKP" => {
            let curve = match crv.as_str() {
                "Ed25519" if kty == "OKP" => Curve::Ed25519,
                "X25519" if kty == "OKP" => Curve::X25519,
                "P-256" if kty == "EC" => Curve::P256,
                "P-384" if kty == "EC" => Curve::P384,
                _ => return Err(invalid_jwk(&format!("{kty}"), context)),
            };
            let x = field("x", context)?.unwrap_or_default();
            let public = if curve.is_ec() {
                let y = field("y", context)?.unwrap_or_default();
                PublicKey::from_xy(curve, &x, &y)
            } else {
                PublicKey::from_raw(curve, &x)
            }
            .map_err(|_| invalid_jwk(&kty, context))?;
            match (d, private) {
                (Some(d), true) => {
                    let key = PrivateKey::from_bytes(curve, &d).map_err(|_| invalid_jwk(&kty, context))?;
                    if key.public_key() != public {
                        return Err(invalid_jwk(&kty, context));
                    }
                    Key::Private(Private::Ec(key))
                }
                (None, true) => return Err(invalid_jwk(&kty, context)),
                _ => Key::Public(Public::Ec(public)),
            }
        }
        _ => {
            return Err(coded(
                JsNativeError::typ().with_message("Unsupported JWK Key Type."),
                "ERR_CRYPTO_INVALID_JWK",
                context,
            ));
        }
    };
    Ok(new_handle(key))
}

/// `keyGenerate(type, modulusLength, publicExponent, namedCurve)`: a private key handle.
fn key_generate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let kind = string_arg(args, 0);
    let bits = usize_arg(args, 1, context)?;
    let exponent = args.get_or_undefined(2).to_number(context)?;
    let curve = curve_by_name(&string_arg(args, 3));
    let exponent = if exponent.is_finite() && exponent >= 0.0 { exponent as u64 } else { 0 };
    let key = Private::generate(&kind, bits, exponent, curve).map_err(|e| node_error(e, context))?;
    Ok(new_handle(Key::Private(key)))
}

/// `keyExport(handle, format)`: DER (`pkcs8`, `pkcs1`, `sec1` for private keys; `spki`,
/// `pkcs1` for public ones).
fn key_export(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let format = string_arg(args, 1);
    let der = with_key(args.get_or_undefined(0), |key| match key {
        Key::Private(k) => k.to_der(&format),
        Key::Public(k) => k.to_der(&format),
    })?;
    match der {
        Ok(der) => buffer(&der, context),
        Err(_) => Err(coded(
            JsNativeError::typ().with_message(format!("The selected key encoding {format} is not supported for this key type.")),
            "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
            context,
        )),
    }
}

/// `keyJwk(handle)`: `{kty, crv?, <member>: ArrayBuffer…}`.
fn key_jwk(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (fields, kind, curve) = with_key(args.get_or_undefined(0), |key| match key {
        Key::Private(k) => (k.jwk(), k.kind(), k.public_key().curve()),
        Key::Public(k) => (k.jwk(), k.kind(), k.curve()),
    })?;
    let (kty, crv) = match (kind, curve) {
        ("rsa", _) => ("RSA", None),
        ("ec", Some(Curve::P256)) => ("EC", Some("P-256")),
        ("ec", Some(Curve::P384)) => ("EC", Some("P-384")),
        ("ed25519", _) => ("OKP", Some("Ed25519")),
        ("x25519", _) => ("OKP", Some("X25519")),
        _ => {
            return Err(coded(
                JsNativeError::error().with_message("Unsupported JWK Key Type."),
                "ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE",
                context,
            ));
        }
    };
    let mut values = Vec::new();
    for (name, bytes) in fields {
        values.push((name, buffer(&bytes, context)?));
    }
    let mut object = ObjectInitializer::new(context);
    if let Some(crv) = crv {
        object.property(js_string!("crv"), js_str(crv), Attribute::all());
    }
    for (name, value) in values {
        object.property(js_string!(name), value, Attribute::all());
    }
    object.property(js_string!("kty"), js_str(kty), Attribute::all());
    Ok(object.build().into())
}

/// `keyDetails(handle)`: `{type, modulusLength?, publicExponent?, namedCurve?}`; the exponent
/// as a byte string (big-endian) for JavaScript to turn into a BigInt.
fn key_details(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let public = with_key(args.get_or_undefined(0), public_of)?;
    let mut object = ObjectInitializer::new(context);
    object.property(js_string!("type"), js_str(public.kind()), Attribute::all());
    if let Some((bits, exponent)) = public.rsa_details() {
        let hex: String = exponent.iter().map(|b| format!("{b:02x}")).collect();
        object.property(js_string!("modulusLength"), bits as u32, Attribute::all());
        object.property(js_string!("publicExponent"), js_str(&hex), Attribute::all());
    }
    match public.curve() {
        Some(Curve::P256) => {
            object.property(js_string!("namedCurve"), js_str("prime256v1"), Attribute::all());
        }
        Some(Curve::P384) => {
            object.property(js_string!("namedCurve"), js_str("secp384r1"), Attribute::all());
        }
        _ => {}
    }
    Ok(object.build().into())
}

fn key_to_public(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(new_handle(Key::Public(with_key(args.get_or_undefined(0), public_of)?)))
}

/// `keyEquals(a, b)`: same type and the same key material.
fn key_equals(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let a = with_key(args.get_or_undefined(0), |k| (matches!(k, Key::Private(_)), public_of(k)))?;
    let b = with_key(args.get_or_undefined(1), |k| (matches!(k, Key::Private(_)), public_of(k)))?;
    // A private key's public half determines it for every type we have.
    Ok((a.0 == b.0 && a.1 == b.1).into())
}

fn digest_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Option<HashAlg>> {
    let value = args.get_or_undefined(index);
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    let name = value.to_string(context)?.to_std_string_lossy();
    match hash_alg(&name).filter(|a| !a.is_xof()) {
        Some(alg) => Ok(Some(alg)),
        None => Err(coded(JsNativeError::typ().with_message(format!("Invalid digest: {name}")), "ERR_CRYPTO_INVALID_DIGEST", context)),
    }
}

fn salt_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Option<i64>> {
    let value = args.get_or_undefined(index);
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    Ok(Some(value.to_number(context)? as i64))
}

fn sign_error(error: Error, context: &mut Context) -> JsError {
    match error {
        Error::Unsupported(_) => {
            openssl_library_error("1C8000A5", "Provider routines", "EVP_", "operation not supported for this keytype", context)
        }
        other => node_error(other, context),
    }
}

/// `keySign(handle, digest|null, data, pssSalt|null, ieeeP1363)`: the signature.
fn key_sign(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let alg = digest_arg(args, 1, context)?;
    let data = bytes_arg(args, 2, context)?;
    let salt = salt_arg(args, 3, context)?;
    let p1363 = args.get_or_undefined(4).to_boolean();
    let result = with_key(args.get_or_undefined(0), |key| match key {
        Key::Private(k) => {
            let signature = k.sign(alg, &data, salt)?;
            match k.public_key().curve() {
                Some(curve) if curve.is_ec() && !p1363 => crate::crypto::keys::ecdsa_p1363_to_der(curve, &signature),
                _ => Ok(signature),
            }
        }
        Key::Public(_) => Err(Error::InvalidKey("a public key cannot sign".into())),
    })?;
    match result {
        Ok(signature) => buffer(&signature, context),
        Err(e) => Err(sign_error(e, context)),
    }
}

/// `keyVerify(handle, digest|null, data, signature, pssSalt|null, ieeeP1363)`: a boolean.
fn key_verify(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let alg = digest_arg(args, 1, context)?;
    let data = bytes_arg(args, 2, context)?;
    let signature = bytes_arg(args, 3, context)?;
    let salt = salt_arg(args, 4, context)?;
    let p1363 = args.get_or_undefined(5).to_boolean();
    let public = with_key(args.get_or_undefined(0), public_of)?;
    let signature = match public.curve() {
        Some(curve) if curve.is_ec() && !p1363 => match crate::crypto::keys::ecdsa_der_to_p1363(curve, &signature) {
            Some(signature) => signature,
            None => return Ok(false.into()),
        },
        _ => signature,
    };
    match public.verify(alg, &data, &signature, salt) {
        Ok(valid) => Ok(valid.into()),
        Err(e) => Err(sign_error(e, context)),
    }
}

/// `keyCrypt(operation, handle, data, padding, oaepHash, oaepLabel)`, `operation` one of
/// `publicEncrypt`, `privateDecrypt`, `privateEncrypt`, `publicDecrypt`.
fn key_crypt(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let operation = string_arg(args, 0);
    let data = bytes_arg(args, 2, context)?;
    let padding = args.get_or_undefined(3).to_number(context)?;
    let oaep_hash = digest_arg(args, 4, context)?.unwrap_or(HashAlg::Sha1);
    let label = if args.get_or_undefined(5).is_null_or_undefined() { Vec::new() } else { bytes_arg(args, 5, context)? };
    let is_oaep = padding == 4.0;
    let padding = match padding as i64 {
        1 => RsaPadding::Pkcs1,
        3 => RsaPadding::None,
        4 => RsaPadding::Oaep(oaep_hash, label),
        _ => {
            return Err(openssl_library_error("1C8000A5", "Provider routines", "", "illegal or unsupported padding mode", context));
        }
    };
    let result = with_key(args.get_or_undefined(1), |key| match (operation.as_str(), key) {
        ("publicEncrypt", key) => public_of(key).encrypt(padding, &data),
        ("publicDecrypt", key) => public_of(key).decrypt(padding, &data),
        ("privateDecrypt", Key::Private(k)) => k.decrypt(padding, &data),
        ("privateEncrypt", Key::Private(k)) => k.encrypt(padding, &data),
        _ => Err(Error::InvalidKey("a private key is needed".into())),
    })?;
    match result {
        Ok(out) => buffer(&out, context),
        Err(Error::BadDecrypt) if is_oaep => Err(openssl_library_error("02000079", "rsa routines", "RSA_", "oaep decoding error", context)),
        Err(Error::BadDecrypt) => Err(openssl_library_error("02000072", "rsa routines", "RSA_", "padding check failed", context)),
        Err(Error::TooLarge(_)) => Err(openssl_library_error(
            "0200006E",
            "rsa routines",
            "RSA_",
            "data too large for key size",
            context,
        )),
        Err(Error::Unsupported(_)) => Err(openssl_library_error(
            "1C8000A5",
            "Provider routines",
            "",
            "operation not supported for this keytype",
            context,
        )),
        Err(e) => Err(node_error(e, context)),
    }
}

/// `keyAgree(privateHandle, publicHandle)`: the ECDH / X25519 shared secret.
fn key_agree(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let peer = with_key(args.get_or_undefined(1), public_of)?;
    if let Public::Dh { group: peer_group, public: peer_public } = &peer {
        let secret = with_key(args.get_or_undefined(0), |key| match key {
            Key::Private(Private::Dh { group, private, .. }) if group == peer_group => {
                Some(dh::compute_secret(&group.prime, private, peer_public))
            }
            _ => None,
        })?;
        return match secret {
            Some(Ok(secret)) => buffer(&secret, context),
            Some(Err(_)) => Err(coded(JsNativeError::range().with_message("Supplied key is invalid"), "ERR_CRYPTO_INVALID_KEYLEN", context)),
            None => Err(openssl_library_error("1C8000CB", "Provider routines", "", "mismatching domain parameters", context)),
        };
    }
    let result = with_key(args.get_or_undefined(0), |key| match (key, &peer) {
        (Key::Private(Private::Ec(k)), Public::Ec(p)) => k.agree(p),
        _ => Err(Error::Unsupported("key agreement with these keys".into())),
    })?;
    match result {
        Ok(secret) => buffer(&secret, context),
        Err(Error::InvalidKey(_)) => Err(coded(
            JsNativeError::error().with_message("Incompatible key types for Diffie-Hellman: ec and x25519"),
            "ERR_CRYPTO_INCOMPATIBLE_KEY",
            context,
        )),
        Err(_) => Err(coded(
            JsNativeError::error().with_message("Unsupported key type for Diffie-Hellman"),
            "ERR_CRYPTO_INCOMPATIBLE_KEY",
            context,
        )),
    }
}

/// `dhKeyGenerate(prime, generator, privateBits)`: a DH private key handle in that group.
fn dh_key_generate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prime = bytes_arg(args, 0, context)?;
    let generator = bytes_arg(args, 1, context)?;
    let bits = usize_arg(args, 2, context)?;
    let key = Private::dh(dh::Group { prime, generator }, bits).map_err(|e| node_error(e, context))?;
    Ok(new_handle(Key::Private(key)))
}

/// `ecPrivateFromRaw(curve, d)`: a private key handle from its scalar (ECDH.setPrivateKey).
fn ec_private_from_raw(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let curve = curve_by_name(&string_arg(args, 0)).ok_or_else(|| JsNativeError::typ().with_message("Invalid EC curve name"))?;
    let d = bytes_arg(args, 1, context)?;
    match PrivateKey::from_bytes(curve, &d) {
        Ok(key) => Ok(new_handle(Key::Private(Private::Ec(key)))),
        Err(_) => Err(coded(JsNativeError::error().with_message("Private key is not valid for specified curve."), "ERR_CRYPTO_INVALID_KEYTYPE", context)),
    }
}

/// `ecPublicFromRaw(curve, point)`: a public key handle from a SEC1 point, or `null`.
fn ec_public_from_raw(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let curve = curve_by_name(&string_arg(args, 0)).ok_or_else(|| JsNativeError::typ().with_message("Invalid EC curve name"))?;
    let point = bytes_arg(args, 1, context)?;
    Ok(PublicKey::from_raw(curve, &point).map(|key| new_handle(Key::Public(Public::Ec(key)))).unwrap_or(JsValue::null()))
}

/// `ecPublicRaw(handle, compressed)`: the public point (SEC1).
fn ec_public_raw(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let compressed = args.get_or_undefined(1).to_boolean();
    let point = with_key(args.get_or_undefined(0), |key| match public_of(key) {
        Public::Ec(key) => Some(key.to_raw(compressed)),
        Public::Rsa { .. } | Public::Dh { .. } => None,
    })?;
    match point {
        Some(point) => buffer(&point, context),
        None => Err(JsNativeError::typ().with_message("not an EC key").into()),
    }
}

pub const FUNCTIONS: &[(&str, usize, super::crypto::NativeFn)] = &[
    ("keyParse", 3, key_parse),
    ("keyFromJwk", 2, key_from_jwk),
    ("keyGenerate", 4, key_generate),
    ("keyExport", 2, key_export),
    ("keyJwk", 1, key_jwk),
    ("keyDetails", 1, key_details),
    ("keyToPublic", 1, key_to_public),
    ("keyEquals", 2, key_equals),
    ("keySign", 5, key_sign),
    ("keyVerify", 6, key_verify),
    ("keyCrypt", 6, key_crypt),
    ("keyAgree", 2, key_agree),
    ("dhKeyGenerate", 3, dh_key_generate),
    ("pkcs8Decrypt", 2, pkcs8_decrypt),
    ("pkcs8Encrypt", 3, pkcs8_encrypt),
    ("ecPrivateFromRaw", 2, ec_private_from_raw),
    ("ecPublicFromRaw", 2, ec_public_from_raw),
    ("ecPublicRaw", 2, ec_public_raw),
];
