//! `_boa:crypto`: the native half of Node's `crypto` (the JavaScript half, `js/crypto.js`,
//! validates arguments, handles encodings and keeps Node's object model). Everything here runs
//! on the shared core in `crate::crypto`, which `crypto.subtle` uses as well.
//!
//! Streaming state (hashes, HMACs, ciphers) lives in opaque handle objects that JavaScript
//! passes back in. Inputs are strings (hashed as UTF-8) or binary views, read in place.

use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsValue, Module,
    js_string,
    object::{ObjectInitializer, builtins::JsArray},
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use crate::{
    bytes::{binary_bytes, binary_range, with_binary},
    crypto::{
        self, Error,
        aes::{self, Cipher},
        hash::{HashAlg, Hasher, HmacState},
        kdf::{self, ScryptError},
        random,
    },
    exports::Exports,
    fs_io::{array_buffer, js_str},
};

pub(super) type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

#[derive(Trace, Finalize, JsData)]
struct HashHandle(#[unsafe_ignore_trace] Option<Box<Hasher>>, #[unsafe_ignore_trace] Option<usize>);

#[derive(Trace, Finalize, JsData)]
struct HmacHandle(#[unsafe_ignore_trace] Option<Box<HmacState>>);

#[derive(Trace, Finalize, JsData)]
struct CipherHandle(#[unsafe_ignore_trace] Cipher);

/// An error with Node's `code` (and, for OpenSSL's errors, `library` and `reason`).
pub fn coded(error: JsNativeError, code: &str, context: &mut Context) -> JsError {
    let object = error.into_opaque(context);
    let _ = object.set(js_string!("code"), js_str(code), false, context);
    JsError::from_opaque(object.into())
}

fn openssl_error(hex: &str, reason: &str, context: &mut Context) -> JsError {
    openssl_library_error(hex, "Provider routines", "", reason, context)
}

/// An error in the shape Node gives OpenSSL's: `error:<hex>:<library>::<reason>`, code
/// `ERR_OSSL_<PREFIX><REASON>` (e.g. prefix `EVP_` for "digital envelope routines").
pub(super) fn openssl_library_error(hex: &str, library: &str, code_prefix: &str, reason: &str, context: &mut Context) -> JsError {
    let error = coded(
        JsNativeError::error().with_message(format!("error:{hex}:{library}::{reason}")),
        &format!("ERR_OSSL_{code_prefix}{}", reason.to_ascii_uppercase().replace(' ', "_")),
        context,
    );
    if let Some(object) = error.as_opaque().and_then(JsValue::as_object) {
        let _ = object.set(js_string!("library"), js_str(library), false, context);
        let _ = object.set(js_string!("reason"), js_str(reason), false, context);
    }
    error
}

/// The core's error as Node reports it.
pub(super) fn node_error(error: Error, context: &mut Context) -> JsError {
    match error {
        Error::InvalidKeyLength => {
            coded(JsNativeError::range().with_message("Invalid key length"), "ERR_CRYPTO_INVALID_KEYLEN", context)
        }
        Error::InvalidIv => {
            coded(JsNativeError::typ().with_message("Invalid initialization vector"), "ERR_CRYPTO_INVALID_IV", context)
        }
        Error::InvalidTagLength => coded(
            JsNativeError::typ().with_message("Invalid authentication tag length"),
            "ERR_CRYPTO_INVALID_AUTH_TAG",
            context,
        ),
        Error::AuthenticationFailed => {
            JsNativeError::error().with_message("Unsupported state or unable to authenticate data").into()
        }
        Error::BadDecrypt => openssl_error("1C800064", "bad decrypt", context),
        Error::WrongFinalBlockLength => openssl_error("1C80006B", "wrong final block length", context),
        Error::InvalidState(op) => coded(
            JsNativeError::error().with_message(format!("Invalid state for operation {op}")),
            "ERR_CRYPTO_INVALID_STATE",
            context,
        ),
        Error::TooLarge(message) => JsNativeError::range().with_message(message).into(),
        Error::Unsupported(what) => JsNativeError::error().with_message(format!("{what} is not supported")).into(),
        Error::InvalidKey(message) => JsNativeError::error().with_message(message).into(),
    }
}

pub(super) fn string_arg(args: &[JsValue], index: usize) -> String {
    args.get_or_undefined(index).as_string().map(|s| s.to_std_string_lossy()).unwrap_or_default()
}

pub(super) fn usize_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<usize> {
    let n = args.get_or_undefined(index).to_number(context)?;
    if !(0.0..=(u32::MAX as f64)).contains(&n) {
        return Err(JsNativeError::range().with_message(format!("{n} is out of range")).into());
    }
    Ok(n as usize)
}

/// The bytes of a binary argument or of a string (UTF-8), copied (for keys, salts, IVs).
pub(super) fn bytes_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Vec<u8>> {
    let value = args.get_or_undefined(index);
    if let Some(text) = value.as_string() {
        return Ok(text.to_std_string_lossy().into_bytes());
    }
    binary_bytes(value, context)?.ok_or_else(|| JsNativeError::typ().with_message("expected a string or binary data").into())
}

/// Runs `f` on the bytes of a data argument (a string hashed as UTF-8, or a view read in place).
fn with_data<R>(args: &[JsValue], index: usize, context: &mut Context, f: impl FnOnce(&[u8]) -> R) -> JsResult<R> {
    let value = args.get_or_undefined(index);
    if let Some(text) = value.as_string() {
        return Ok(f(text.to_std_string_lossy().as_bytes()));
    }
    with_binary(value, context, f)?.ok_or_else(|| JsNativeError::typ().with_message("expected a string or binary data").into())
}

fn handle<T: JsData + boa_gc::Trace + 'static>(args: &[JsValue]) -> JsResult<JsObject> {
    args.get_or_undefined(0)
        .as_object()
        .filter(|o| o.is::<T>())
        .ok_or_else(|| JsNativeError::typ().with_message("invalid crypto handle").into())
}

fn buffer_value(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    Ok(array_buffer(bytes, context)?.into())
}

pub(super) fn hash_alg(name: &str) -> Option<HashAlg> {
    HashAlg::from_node_name(name)
}

// --- hashes ----------------------------------------------------------------------------------

/// `hashNew(name, outputLength?)`: a handle, or `null` for an unknown algorithm.
fn hash_new(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(alg) = hash_alg(&string_arg(args, 0)) else { return Ok(JsValue::null()) };
    let out_len = match args.get_or_undefined(1) {
        v if v.is_undefined() => None,
        _ => Some(usize_arg(args, 1, context)?),
    };
    if let Some(len) = out_len
        && !alg.is_xof()
        && len != alg.output_len()
    {
        // Node (OpenSSL 3) reports EVP's own error for an output length a fixed-size hash lacks.
        return Err(openssl_library_error("030000B2", "digital envelope routines", "EVP_", "not XOF or invalid length", context));
    }
    Ok(JsObject::from_proto_and_data(None, HashHandle(Some(Box::new(Hasher::new(alg))), out_len)).into())
}

fn hash_update(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = handle::<HashHandle>(args)?;
    let mut state = object.downcast_mut::<HashHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid handle"))?;
    let Some(hasher) = state.0.as_mut() else { return Ok(false.into()) };
    with_data(args, 1, context, |bytes| hasher.update(bytes))?;
    Ok(true.into())
}

fn hash_digest(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = handle::<HashHandle>(args)?;
    let (hasher, out_len) = {
        let mut state = object.downcast_mut::<HashHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid handle"))?;
        (state.0.take(), state.1)
    };
    let Some(hasher) = hasher else { return Ok(JsValue::null()) };
    let digest = hasher.finish(out_len).map_err(|e| node_error(e, context))?;
    buffer_value(&digest, context)
}

fn hash_copy(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = handle::<HashHandle>(args)?;
    let copy = {
        let state = object.downcast_ref::<HashHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid handle"))?;
        state.0.clone()
    };
    let Some(copy) = copy else { return Ok(JsValue::null()) };
    // As in Node, a copy without `outputLength` has the algorithm's default length, not the
    // original's.
    let out_len = match args.get_or_undefined(1) {
        v if v.is_undefined() => None,
        _ => Some(usize_arg(args, 1, context)?),
    };
    Ok(JsObject::from_proto_and_data(None, HashHandle(Some(copy), out_len)).into())
}

// --- HMAC ------------------------------------------------------------------------------------

/// `hmacNew(name, key)`: a handle, or `null` for an unknown (or XOF) algorithm.
fn hmac_new(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(alg) = hash_alg(&string_arg(args, 0)) else { return Ok(JsValue::null()) };
    let key = bytes_arg(args, 1, context)?;
    match HmacState::new(alg, &key) {
        Ok(state) => Ok(JsObject::from_proto_and_data(None, HmacHandle(Some(Box::new(state)))).into()),
        Err(_) => Ok(JsValue::null()),
    }
}

fn hmac_update(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = handle::<HmacHandle>(args)?;
    let mut state = object.downcast_mut::<HmacHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid handle"))?;
    let Some(mac) = state.0.as_mut() else { return Ok(false.into()) };
    with_data(args, 1, context, |bytes| mac.update(bytes))?;
    Ok(true.into())
}

fn hmac_digest(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = handle::<HmacHandle>(args)?;
    let mac = object.downcast_mut::<HmacHandle>().and_then(|mut s| s.0.take());
    match mac {
        Some(mac) => buffer_value(&mac.finish(), context),
        None => Ok(JsValue::null()),
    }
}

// --- ciphers ---------------------------------------------------------------------------------

/// `cipherNew(name, key, iv|null, encrypt, authTagLength)`.
fn cipher_new(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0);
    let Some(info) = aes::cipher_info(&name) else {
        return Err(coded(JsNativeError::error().with_message("Unknown cipher"), "ERR_CRYPTO_UNKNOWN_CIPHER", context));
    };
    let key = bytes_arg(args, 1, context)?;
    let iv = if args.get_or_undefined(2).is_null_or_undefined() { Vec::new() } else { bytes_arg(args, 2, context)? };
    let encrypt = args.get_or_undefined(3).to_boolean();
    let tag_len = usize_arg(args, 4, context)?;
    let cipher = Cipher::new(info, &key, &iv, encrypt, tag_len).map_err(|e| node_error(e, context))?;
    Ok(JsObject::from_proto_and_data(None, CipherHandle(cipher)).into())
}

fn with_cipher<R>(args: &[JsValue], f: impl FnOnce(&mut Cipher) -> R) -> JsResult<R> {
    let object = handle::<CipherHandle>(args)?;
    let mut state = object.downcast_mut::<CipherHandle>().ok_or_else(|| JsNativeError::typ().with_message("invalid handle"))?;
    Ok(f(&mut state.0))
}

fn cipher_update(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let data = bytes_arg(args, 1, context)?;
    let out = with_cipher(args, |c| c.update(&data))?.map_err(|e| node_error(e, context))?;
    buffer_value(&out, context)
}

fn cipher_final(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let out = with_cipher(args, |c| c.finish())?.map_err(|e| node_error(e, context))?;
    buffer_value(&out, context)
}

fn cipher_set_aad(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let data = bytes_arg(args, 1, context)?;
    with_cipher(args, |c| c.set_aad(&data))?.map_err(|e| node_error(e, context))?;
    Ok(JsValue::undefined())
}

fn cipher_set_tag(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let tag = bytes_arg(args, 1, context)?;
    with_cipher(args, |c| c.set_tag(&tag))?.map_err(|e| node_error(e, context))?;
    Ok(JsValue::undefined())
}

fn cipher_get_tag(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    match with_cipher(args, |c| c.tag())? {
        Some(tag) => buffer_value(&tag, context),
        None => Ok(JsValue::undefined()),
    }
}

fn cipher_set_padding(_: &JsValue, args: &[JsValue], _context: &mut Context) -> JsResult<JsValue> {
    let on = args.get_or_undefined(1).to_boolean();
    Ok(with_cipher(args, |c| c.set_padding(on))?.into())
}

/// `cipherInfo(name)`: `{ name, nid, blockSize, ivLength, keyLength, mode }` or `undefined`.
fn cipher_info(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(info) = aes::cipher_info(&string_arg(args, 0)) else { return Ok(JsValue::undefined()) };
    // Aliases report the cipher's canonical (OpenSSL long, lower-case) name.
    let canonical = match info.mode {
        aes::Mode::Gcm => format!("id-aes{}-gcm", info.key_len * 8),
        aes::Mode::Cbc => format!("aes-{}-cbc", info.key_len * 8),
        aes::Mode::Ecb => format!("aes-{}-ecb", info.key_len * 8),
        aes::Mode::Ctr => format!("aes-{}-ctr", info.key_len * 8),
    };
    let mode = match info.mode {
        aes::Mode::Cbc => "cbc",
        aes::Mode::Ecb => "ecb",
        aes::Mode::Ctr => "ctr",
        aes::Mode::Gcm => "gcm",
    };
    let mut object = ObjectInitializer::new(context);
    object
        .property(js_string!("mode"), js_str(mode), Attribute::all())
        .property(js_string!("name"), js_str(&canonical), Attribute::all())
        .property(js_string!("nid"), info.nid(), Attribute::all())
        .property(js_string!("blockSize"), info.block_size() as u32, Attribute::all());
    if info.iv_len > 0 {
        object.property(js_string!("ivLength"), info.iv_len as u32, Attribute::all());
    }
    object.property(js_string!("keyLength"), info.key_len as u32, Attribute::all());
    Ok(object.build().into())
}

fn names(list: impl Iterator<Item = &'static str>, context: &mut Context) -> JsValue {
    let values: Vec<JsValue> = list.map(js_str).collect();
    JsArray::from_iter(values, context).into()
}

fn get_hashes(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(names(crypto::hash::NODE_NAMES.iter().copied(), context))
}

fn get_ciphers(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(names(aes::CIPHERS.iter().map(|c| c.name), context))
}

// --- random ----------------------------------------------------------------------------------

/// `randomFill(view, offset, size)`: fills that many bytes of the view in place.
fn random_fill(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some((buffer, start, len)) = binary_range(args.get_or_undefined(0), context)? else {
        return Err(JsNativeError::typ().with_message("randomFill: expected binary data").into());
    };
    let offset = usize_arg(args, 1, context)?;
    let size = usize_arg(args, 2, context)?;
    if offset.saturating_add(size) > len {
        return Err(JsNativeError::range().with_message("randomFill: the range is outside the buffer").into());
    }
    if let Some(mut data) = buffer.data_mut()
        && let Some(target) = data.get_mut(start + offset..start + offset + size)
    {
        random::fill(target).map_err(|e| node_error(e, context))?;
    }
    Ok(JsValue::undefined())
}

/// `randomInt(range)`: a uniform integer in `0..range` (range ≤ 2^48).
fn random_int(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let range = args.get_or_undefined(0).to_number(context)?;
    if !(1.0..=281_474_976_710_656.0).contains(&range) {
        return Err(JsNativeError::range().with_message("randomInt: bad range").into());
    }
    let value = random::below(range as u64).map_err(|e| node_error(e, context))?;
    Ok((value as f64).into())
}

fn random_uuid(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(js_str(&random::uuid_v4().map_err(|e| node_error(e, context))?))
}

// --- key derivation --------------------------------------------------------------------------

/// `pbkdf2(password, salt, iterations, keylen, digest)`: an ArrayBuffer, or `null` for an
/// unknown digest.
fn pbkdf2(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let password = bytes_arg(args, 0, context)?;
    let salt = bytes_arg(args, 1, context)?;
    let iterations = args.get_or_undefined(2).to_u32(context)?;
    let len = usize_arg(args, 3, context)?;
    let Some(alg) = hash_alg(&string_arg(args, 4)).filter(|a| !a.is_xof()) else { return Ok(JsValue::null()) };
    let out = kdf::pbkdf2(alg, &password, &salt, iterations, len).map_err(|e| node_error(e, context))?;
    buffer_value(&out, context)
}

/// `hkdf(digest, ikm, salt, info, keylen)`: an ArrayBuffer, or `null` for an unknown digest.
fn hkdf(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(alg) = hash_alg(&string_arg(args, 0)).filter(|a| !a.is_xof()) else { return Ok(JsValue::null()) };
    let ikm = bytes_arg(args, 1, context)?;
    let salt = bytes_arg(args, 2, context)?;
    let info = bytes_arg(args, 3, context)?;
    let len = usize_arg(args, 4, context)?;
    match kdf::hkdf(alg, &ikm, &salt, &info, len) {
        Ok(out) => buffer_value(&out, context),
        Err(Error::TooLarge(_)) => Err(coded(
            JsNativeError::range().with_message("Invalid key length"),
            "ERR_CRYPTO_INVALID_KEYLEN",
            context,
        )),
        Err(e) => Err(node_error(e, context)),
    }
}

/// `scrypt(password, salt, N, r, p, maxmem, keylen)`.
fn scrypt(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let password = bytes_arg(args, 0, context)?;
    let salt = bytes_arg(args, 1, context)?;
    let n = args.get_or_undefined(2).to_number(context)? as u64;
    let r = args.get_or_undefined(3).to_u32(context)?;
    let p = args.get_or_undefined(4).to_u32(context)?;
    let maxmem = args.get_or_undefined(5).to_number(context)?.clamp(0.0, u64::MAX as f64) as u64;
    let len = usize_arg(args, 6, context)?;
    match kdf::scrypt(&password, &salt, n, r, p, maxmem, len) {
        Ok(out) => buffer_value(&out, context),
        Err(error) => {
            let message = match error {
                ScryptError::InvalidParameters => "Invalid scrypt params".to_string(),
                ScryptError::MemoryLimitExceeded => "Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded".to_string(),
                ScryptError::OutOfMemory => "Invalid scrypt params: not enough memory".to_string(),
            };
            Err(coded(JsNativeError::range().with_message(message), "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", context))
        }
    }
}

/// `timingSafeEqual(a, b)` on two views of equal length (checked by the caller).
fn timing_safe_equal(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let a = bytes_arg(args, 0, context)?;
    let b = bytes_arg(args, 1, context)?;
    Ok(crypto::hash::constant_time_eq(&a, &b).into())
}

/// `secretKeyBytes(cryptoKey)`: the bytes of a secret `CryptoKey` (for `KeyObject.from` and
/// keys given as CryptoKeys), or `undefined`.
fn secret_key_bytes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    match crate::web::crypto::secret_bytes(args.get_or_undefined(0)) {
        Some(bytes) => buffer_value(&bytes, context),
        None => Ok(JsValue::undefined()),
    }
}

/// The `_boa:crypto` binding module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    let functions: &[(&str, usize, NativeFn)] = &[
        ("hashNew", 2, hash_new),
        ("hashUpdate", 2, hash_update),
        ("hashDigest", 1, hash_digest),
        ("hashCopy", 2, hash_copy),
        ("hmacNew", 2, hmac_new),
        ("hmacUpdate", 2, hmac_update),
        ("hmacDigest", 1, hmac_digest),
        ("cipherNew", 5, cipher_new),
        ("cipherUpdate", 2, cipher_update),
        ("cipherFinal", 1, cipher_final),
        ("cipherSetAAD", 2, cipher_set_aad),
        ("cipherSetAuthTag", 2, cipher_set_tag),
        ("cipherGetAuthTag", 1, cipher_get_tag),
        ("cipherSetAutoPadding", 2, cipher_set_padding),
        ("cipherInfo", 1, cipher_info),
        ("getHashes", 0, get_hashes),
        ("getCiphers", 0, get_ciphers),
        ("randomFill", 3, random_fill),
        ("randomInt", 1, random_int),
        ("randomUUID", 0, random_uuid),
        ("pbkdf2", 5, pbkdf2),
        ("hkdf", 5, hkdf),
        ("scrypt", 7, scrypt),
        ("timingSafeEqual", 2, timing_safe_equal),
        ("secretKeyBytes", 1, secret_key_bytes),
    ];
    let exports = Exports::new()
        .functions(functions, context)
        .functions(super::crypto_keys::FUNCTIONS, context)
        .functions(super::crypto_dh::FUNCTIONS, context);
    Ok(exports.into_module(context))
}
