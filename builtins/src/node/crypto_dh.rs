//! The finite-field half of `_boa:crypto`: classic Diffie-Hellman (`DiffieHellman`,
//! `DiffieHellmanGroup`) and `generatePrime`/`checkPrime`, over `crate::crypto::dh`. Numbers
//! cross as ArrayBuffers of big-endian bytes; `js/internal/crypto/dh.js` keeps the object model,
//! encodings and Node's argument errors.

use boa_engine::{Context, JsArgs, JsNativeError, JsResult, JsValue, object::builtins::JsArray};

use super::crypto::{bytes_arg, coded, node_error, string_arg, usize_arg};
use crate::{
    crypto::{
        Error,
        dh::{self, PeerKeyError, PrimeRequest},
    },
    fs_io::array_buffer,
};

fn buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    Ok(array_buffer(bytes, context)?.into())
}

fn optional_bytes(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    if args.get_or_undefined(index).is_null_or_undefined() { Ok(None) } else { bytes_arg(args, index, context).map(Some) }
}

/// `dhGroup(name)`: `[prime, privateKeyBits]` of a well-known group, or `null`.
fn dh_group(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some((prime, bits)) = dh::group(&string_arg(args, 0)) else { return Ok(JsValue::null()) };
    let prime = buffer(prime, context)?;
    Ok(JsArray::from_iter([prime, JsValue::from(bits as u32)], context).into())
}

/// `dhGeneratePrime(bits, generator)`: a fresh safe prime for DH (bounds checked by the caller).
fn dh_generate_prime(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bits = usize_arg(args, 0, context)?;
    let generator = args.get_or_undefined(1).to_u32(context)?;
    let prime = dh::generate_dh_prime(bits, generator).map_err(|e| node_error(e, context))?;
    buffer(&prime, context)
}

/// `dhCheck(prime, generator)`: the `verifyError` bits.
fn dh_check(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prime = bytes_arg(args, 0, context)?;
    let generator = bytes_arg(args, 1, context)?;
    Ok(dh::check(&prime, &generator).into())
}

/// `dhPrivateKey(prime, bits)`: a random private key (`bits` 0: as long as the prime allows).
fn dh_private_key(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prime = bytes_arg(args, 0, context)?;
    let bits = usize_arg(args, 1, context)?;
    let key = dh::private_key(&prime, bits).map_err(|e| node_error(e, context))?;
    buffer(&key, context)
}

/// `dhPublicKey(prime, generator, privateKey)`.
fn dh_public_key(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prime = bytes_arg(args, 0, context)?;
    let generator = bytes_arg(args, 1, context)?;
    let private = bytes_arg(args, 2, context)?;
    let key = dh::public_key(&prime, &generator, &private).map_err(|e| node_error(e, context))?;
    buffer(&key, context)
}

/// `dhComputeSecret(prime, privateKey, peerPublicKey)`: the secret, padded to the prime's length.
fn dh_compute_secret(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prime = bytes_arg(args, 0, context)?;
    let private = bytes_arg(args, 1, context)?;
    let peer = bytes_arg(args, 2, context)?;
    match dh::compute_secret(&prime, &private, &peer) {
        Ok(secret) => buffer(&secret, context),
        Err(error) => {
            let message = if error == PeerKeyError::TooSmall { "Supplied key is too small" } else { "Supplied key is too large" };
            Err(coded(JsNativeError::range().with_message(message), "ERR_CRYPTO_INVALID_KEYLEN", context))
        }
    }
}

/// `generatePrime(bits, safe, add?, rem?)`: a prime; bad `add`/`rem` are RangeErrors with
/// OpenSSL's wording ("invalid options.add").
fn generate_prime(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bits = usize_arg(args, 0, context)?;
    let safe = args.get_or_undefined(1).to_boolean();
    let add = optional_bytes(args, 2, context)?;
    let rem = optional_bytes(args, 3, context)?;
    let request = PrimeRequest { bits, safe, add: add.as_deref(), rem: rem.as_deref() };
    match dh::generate_prime(&request) {
        Ok(prime) => buffer(&prime, context),
        Err(Error::InvalidKey(message)) => {
            Err(coded(JsNativeError::range().with_message(message), "ERR_OUT_OF_RANGE", context))
        }
        Err(error) => Err(node_error(error, context)),
    }
}

/// `checkPrime(candidate, checks)`: whether the big-endian `candidate` is (very probably) prime.
fn check_prime(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let candidate = bytes_arg(args, 0, context)?;
    let checks = usize_arg(args, 1, context)?;
    // 0 asks for the default; more rounds than 64 add nothing to Baillie-PSW but time.
    let rounds = if checks == 0 { 20 } else { checks.min(64) };
    Ok(dh::is_probable_prime(&candidate, rounds).into())
}

pub const FUNCTIONS: &[(&str, usize, super::crypto::NativeFn)] = &[
    ("dhGroup", 1, dh_group),
    ("dhGeneratePrime", 2, dh_generate_prime),
    ("dhCheck", 2, dh_check),
    ("dhPrivateKey", 2, dh_private_key),
    ("dhPublicKey", 3, dh_public_key),
    ("dhComputeSecret", 3, dh_compute_secret),
    ("generatePrime", 4, generate_prime),
    ("checkPrime", 2, check_prime),
];
