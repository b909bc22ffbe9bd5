//! `CryptoKey`: an opaque key with its type, extractability, algorithm and usages; the key
//! material stays in Rust.

use boa_engine::{
    Context, JsData, JsNativeError, JsObject, JsResult, JsValue,
    class::{Class, ClassBuilder},
    js_string,
    object::{ObjectInitializer, builtins::{JsArray, JsUint8Array}},
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use super::params::AlgName;
use crate::{
    crypto::{
        asym,
        hash::HashAlg,
        keys::{Curve, PrivateKey, PublicKey},
    },
    fs_io::js_str,
};

/// `KeyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Secret,
    Public,
    Private,
}

impl KeyType {
    pub fn name(self) -> &'static str {
        match self {
            KeyType::Secret => "secret",
            KeyType::Public => "public",
            KeyType::Private => "private",
        }
    }
}

/// `KeyUsage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Encrypt,
    Decrypt,
    Sign,
    Verify,
    DeriveKey,
    DeriveBits,
    WrapKey,
    UnwrapKey,
}

impl Usage {
    pub const ALL: [Usage; 8] = [
        Usage::Encrypt,
        Usage::Decrypt,
        Usage::Sign,
        Usage::Verify,
        Usage::DeriveKey,
        Usage::DeriveBits,
        Usage::WrapKey,
        Usage::UnwrapKey,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Usage::Encrypt => "encrypt",
            Usage::Decrypt => "decrypt",
            Usage::Sign => "sign",
            Usage::Verify => "verify",
            Usage::DeriveKey => "deriveKey",
            Usage::DeriveBits => "deriveBits",
            Usage::WrapKey => "wrapKey",
            Usage::UnwrapKey => "unwrapKey",
        }
    }

    pub fn from_name(name: &str) -> Option<Usage> {
        Usage::ALL.into_iter().find(|u| u.name() == name)
    }
}

/// The key's bytes or asymmetric key.
#[derive(Clone)]
pub enum Material {
    Secret(Vec<u8>),
    Private(PrivateKey),
    Public(PublicKey),
    /// RSA keys (the Node key core's, `crate::crypto::asym`).
    RsaPrivate(std::rc::Rc<asym::Private>),
    RsaPublic(std::rc::Rc<asym::Public>),
}

/// What `key.algorithm` describes.
#[derive(Debug, Clone)]
pub struct KeyAlgorithm {
    pub name: AlgName,
    /// AES key size or HMAC key length, in bits.
    pub length: Option<u32>,
    /// HMAC's hash.
    pub hash: Option<HashAlg>,
    /// ECDSA/ECDH's named curve (and, for Ed25519/X25519, the key's curve).
    pub curve: Option<Curve>,
    /// RSA's modulus size in bits and public exponent (big-endian bytes).
    pub modulus_length: Option<u32>,
    pub public_exponent: Option<Vec<u8>>,
}

/// A `CryptoKey` object's data.
#[derive(Trace, Finalize, JsData)]
pub struct CryptoKey {
    #[unsafe_ignore_trace]
    pub kind: KeyType,
    #[unsafe_ignore_trace]
    pub extractable: bool,
    #[unsafe_ignore_trace]
    pub algorithm: KeyAlgorithm,
    #[unsafe_ignore_trace]
    pub usages: Vec<Usage>,
    #[unsafe_ignore_trace]
    pub material: Box<Material>,
    /// The objects the `algorithm` and `usages` getters return (the same ones every time).
    algorithm_object: JsValue,
    usages_object: JsValue,
}

impl CryptoKey {
    /// A new `CryptoKey` object.
    pub fn create(
        kind: KeyType,
        extractable: bool,
        algorithm: KeyAlgorithm,
        usages: Vec<Usage>,
        material: Material,
        context: &mut Context,
    ) -> JsResult<JsObject> {
        let algorithm_object = algorithm_object(&algorithm, context)?;
        // Usages are reported in the standard's order, without duplicates.
        let usages: Vec<Usage> = Usage::ALL.into_iter().filter(|u| usages.contains(u)).collect();
        let names: Vec<JsValue> = usages.iter().map(|u| js_str(u.name())).collect();
        let usages_object = JsArray::from_iter(names, context).into();
        let key = CryptoKey {
            kind,
            extractable,
            algorithm,
            usages,
            material: Box::new(material),
            algorithm_object,
            usages_object,
        };
        CryptoKey::from_data(key, context)
    }
}

fn algorithm_object(algorithm: &KeyAlgorithm, context: &mut Context) -> JsResult<JsValue> {
    let hash = algorithm.hash.map(|hash| {
        let mut object = ObjectInitializer::new(context);
        object.property(js_string!("name"), js_str(hash.web_name()), Attribute::all());
        object.build()
    });
    let exponent: Option<JsValue> = match &algorithm.public_exponent {
        Some(bytes) => Some(JsUint8Array::from_iter(bytes.iter().copied(), context)?.into()),
        None => None,
    };
    let mut object = ObjectInitializer::new(context);
    object.property(js_string!("name"), js_str(algorithm.name.canonical()), Attribute::all());
    if let Some(length) = algorithm.length {
        object.property(js_string!("length"), length, Attribute::all());
    }
    if let Some(bits) = algorithm.modulus_length {
        object.property(js_string!("modulusLength"), bits, Attribute::all());
    }
    if let Some(exponent) = &exponent {
        object.property(js_string!("publicExponent"), exponent.clone(), Attribute::all());
    }
    if let Some(hash) = hash {
        object.property(js_string!("hash"), hash, Attribute::all());
    }
    if let Some(curve) = algorithm.curve
        && curve.is_ec()
    {
        object.property(js_string!("namedCurve"), js_str(curve.web_name()), Attribute::all());
    }
    Ok(object.build().into())
}

fn with_key<R>(this: &JsValue, f: impl FnOnce(&CryptoKey) -> R) -> JsResult<R> {
    let object = this
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("Value of \"this\" must be of type CryptoKey"))?;
    let key = object
        .downcast_ref::<CryptoKey>()
        .ok_or_else(|| JsNativeError::typ().with_message("Value of \"this\" must be of type CryptoKey"))?;
    Ok(f(&key))
}

fn get_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, |k| js_str(k.kind.name()))
}

fn get_extractable(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, |k| k.extractable.into())
}

fn get_algorithm(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, |k| k.algorithm_object.clone())
}

fn get_usages(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, |k| k.usages_object.clone())
}

impl Class for CryptoKey {
    const NAME: &'static str = "CryptoKey";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Err(super::illegal_constructor(context))
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        super::accessor(class, "type", get_type);
        super::accessor(class, "extractable", get_extractable);
        super::accessor(class, "algorithm", get_algorithm);
        super::accessor(class, "usages", get_usages);
        super::to_string_tag(class, "CryptoKey");
        Ok(())
    }
}

/// The key data of a `CryptoKey`, if `value` is one.
pub fn key_data(value: &JsValue) -> Option<(KeyType, bool, KeyAlgorithm, Vec<Usage>, Material)> {
    let object = value.as_object()?;
    let key = object.downcast_ref::<CryptoKey>()?;
    Some((key.kind, key.extractable, key.algorithm.clone(), key.usages.clone(), (*key.material).clone()))
}

/// The bytes of a secret `CryptoKey` (Node's `KeyObject.from`, `createHmac` with a CryptoKey).
pub fn secret_bytes(value: &JsValue) -> Option<Vec<u8>> {
    match key_data(value)?.4 {
        Material::Secret(bytes) => Some(bytes),
        _ => None,
    }
}

