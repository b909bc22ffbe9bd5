//! Web Crypto: `globalThis.crypto` (`getRandomValues`, `randomUUID`, `subtle`) and the
//! `Crypto`, `SubtleCrypto` and `CryptoKey` interfaces (W3C Web Cryptography API), on the
//! cryptography core shared with Node's `crypto` (`crate::crypto`). See docs/web-globals.md.
//!
//! Nothing is built at start-up: the globals are accessors that build all of it on first use
//! (one realm-wide [`WebCrypto`] record), so scripts that never touch `crypto` pay nothing.

mod key;
mod params;
mod rsa;
mod subtle;

pub use key::secret_bytes;

use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue, NativeFunction,
    builtins::typed_array::TypedArrayKind,
    class::{Class, ClassBuilder},
    js_string,
    object::{FunctionObjectBuilder, builtins::{JsPromise, JsTypedArray}},
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use crate::{crypto::random, exports::register_class, fs_io::js_str, globals::lazy_global, web::dom_exception::dom_exception};

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// The realm's Web Crypto objects, made on first use.
#[derive(Trace, Finalize, JsData, Clone)]
struct WebCrypto {
    crypto: JsObject,
    subtle: JsObject,
    crypto_class: JsObject,
    subtle_class: JsObject,
    key_class: JsObject,
}

/// The `Crypto` interface (the `crypto` global is its only instance).
#[derive(Trace, Finalize, JsData)]
struct Crypto;

impl Class for Crypto {
    const NAME: &'static str = "Crypto";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Err(illegal_constructor(context))
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "subtle", get_subtle);
        class.method(js_string!("getRandomValues"), 1, NativeFunction::from_fn_ptr(get_random_values));
        class.method(js_string!("randomUUID"), 0, NativeFunction::from_fn_ptr(random_uuid));
        to_string_tag(class, "Crypto");
        Ok(())
    }
}

pub(super) fn accessor(class: &mut ClassBuilder<'_>, name: &str, get: NativeFn) {
    let realm = class.context().realm().clone();
    let getter = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(get))
        .name(JsString::from(format!("get {name}").as_str()))
        .build();
    class.accessor(JsString::from(name), Some(getter), None, Attribute::ENUMERABLE | Attribute::CONFIGURABLE);
}

pub(super) fn to_string_tag(class: &mut ClassBuilder<'_>, tag: &str) {
    class.property(JsSymbol::to_string_tag(), JsString::from(tag), Attribute::CONFIGURABLE);
}

fn objects(context: &mut Context) -> JsResult<WebCrypto> {
    if let Some(existing) = context.realm().host_defined().get::<WebCrypto>() {
        return Ok(existing.clone());
    }
    let crypto_class = register_class::<Crypto>(context)?;
    let subtle_class = register_class::<subtle::SubtleCrypto>(context)?;
    let key_class = register_class::<key::CryptoKey>(context)?;
    let crypto = Crypto::from_data(Crypto, context)?;
    let subtle = subtle::SubtleCrypto::from_data(subtle::SubtleCrypto, context)?;
    let record = WebCrypto { crypto, subtle, crypto_class, subtle_class, key_class };
    context.realm().host_defined_mut().insert(record.clone());
    Ok(record)
}

/// The `crypto` object of the current realm (what `globalThis.crypto` first returns; Node's
/// `crypto.webcrypto`).
pub fn crypto_object(context: &mut Context) -> JsResult<JsObject> {
    Ok(objects(context)?.crypto.clone())
}

fn this_is<T: Class>(this: &JsValue) -> bool {
    this.as_object().is_some_and(|o| o.is::<T>())
}

/// What `new Crypto()`, `new SubtleCrypto()` and `new CryptoKey()` throw (Node's code included).
pub(crate) fn illegal_constructor(context: &mut Context) -> JsError {
    crate::node::crypto::coded(JsNativeError::typ().with_message("Illegal constructor"), "ERR_ILLEGAL_CONSTRUCTOR", context)
}

pub(crate) fn illegal_invocation(interface: &str, context: &mut Context) -> JsError {
    crate::node::crypto::coded(
        JsNativeError::typ().with_message(format!("Value of \"this\" must be of type {interface}")),
        "ERR_INVALID_THIS",
        context,
    )
}

fn get_subtle(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !this_is::<Crypto>(this) {
        return Err(illegal_invocation("Crypto", context));
    }
    Ok(objects(context)?.subtle.clone().into())
}

/// `crypto.getRandomValues(typedArray)`: integer typed arrays of at most 65,536 bytes, filled in
/// place and returned.
fn get_random_values(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !this_is::<Crypto>(this) {
        return Err(illegal_invocation("Crypto", context));
    }
    let value = args.get_or_undefined(0);
    if args.is_empty() {
        return Err(JsNativeError::typ()
            .with_message("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.")
            .into());
    }
    let array = value.as_object().and_then(|o| JsTypedArray::from_object(o.clone()).ok());
    let integer = array.as_ref().and_then(JsTypedArray::kind).is_some_and(|kind| {
        !matches!(kind, TypedArrayKind::Float32 | TypedArrayKind::Float64 | TypedArrayKind::Float16)
    });
    if !integer {
        return Err(dom_exception("TypeMismatchError", "The data argument must be an integer-type TypedArray", context));
    }
    let Some((buffer, start, len)) = crate::bytes::binary_range(value, context)? else {
        return Err(dom_exception("TypeMismatchError", "The data argument must be an integer-type TypedArray", context));
    };
    if len > 65536 {
        return Err(dom_exception("QuotaExceededError", "The requested length exceeds 65,536 bytes", context));
    }
    if let Some(mut data) = buffer.data_mut()
        && let Some(target) = data.get_mut(start..start + len)
    {
        random::fill(target).map_err(|e| JsNativeError::error().with_message(e.to_string()))?;
    }
    Ok(value.clone())
}

fn random_uuid(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !this_is::<Crypto>(this) {
        return Err(illegal_invocation("Crypto", context));
    }
    let id = random::uuid_v4().map_err(|e| JsNativeError::error().with_message(e.to_string()))?;
    Ok(js_str(&id))
}

/// Runs a promise-returning operation: its result resolves the promise, its error rejects it.
pub(super) fn promise(context: &mut Context, run: impl FnOnce(&mut Context) -> JsResult<JsValue>) -> JsResult<JsValue> {
    let promise = match run(context) {
        Ok(value) => JsPromise::resolve(value, context)?,
        Err(error) => JsPromise::reject(error, context)?,
    };
    Ok(promise.into())
}

/// Installs `crypto`, `Crypto`, `SubtleCrypto` and `CryptoKey` as lazy globals.
pub fn register(context: &mut Context) -> JsResult<()> {
    lazy_global(context, "crypto", |context| Ok(objects(context)?.crypto.clone().into()))?;
    lazy_global(context, "Crypto", |context| Ok(objects(context)?.crypto_class.clone().into()))?;
    lazy_global(context, "SubtleCrypto", |context| Ok(objects(context)?.subtle_class.clone().into()))?;
    lazy_global(context, "CryptoKey", |context| Ok(objects(context)?.key_class.clone().into()))?;
    Ok(())
}
