//! `Proxy` and `Proxy.revocable`, refusing chains of proxies too long for the native stack.
//!
//! A proxy without a trap forwards each operation to its target by native recursion, so using a
//! chain of 100,000 proxies (`p = new Proxy(p, {})` in a loop) overflows the native stack in Boa
//! 0.22 and kills the process. The chain is measured when a proxy is created (one more than its
//! target's or its handler's, both of which Boa recurses into) and creating one past
//! [`MAX_PROXY_CHAIN`] is a `RangeError`. Proxies are still made by Boa's own constructor; only
//! the lengths of chains longer than one are remembered, in a `WeakMap`.
//!
//! Boa 0.22 also gives every proxy the shape of an empty ordinary object (`{}`), and its inline
//! caches match property reads by shape before any internal method runs: once a read site had
//! seen a plain `{}`, `p.constructor` on a proxy there returned `Object.prototype.constructor`
//! without calling the `get` trap. Each new proxy is therefore moved to the empty shape with a
//! null prototype, on which no lookup ever succeeds, so no cache entry can match it. A proxy's
//! own prototype slot is never observable (every prototype operation goes to its handler).
//!
//! Node implements AbortSignal, EventTarget and Event in JavaScript and checks a receiver by
//! reading a symbol-keyed property through it, so a Proxy of a signal (with a `get` trap that
//! forwards) is accepted as one. The target of each `new Proxy` is therefore remembered (a
//! `WeakMap` in the realm) and [`through_proxies`] lets native brand checks see through it; a
//! revocable proxy is forgotten when it is revoked (its `revoke` is wrapped), so it no longer passes.

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsValue, NativeFunction,
    builtins::proxy::Proxy,
    js_string,
    object::{
        FunctionObjectBuilder,
        builtins::{JsProxy, JsWeakMap},
    },
};
use boa_gc::{Finalize, Trace};

/// The longest chain of proxies that may be created (the wasm build uses 8,000 safely).
pub const MAX_PROXY_CHAIN: u32 = 4_000;

#[derive(Trace, Finalize)]
struct Originals {
    constructor: JsObject,
    revocable: JsObject,
    /// Proxy → length of its chain, for chains longer than one.
    chains: JsWeakMap,
    /// Proxy (not revoked) → its target.
    targets: JsWeakMap,
}

/// The realm's map of proxies to their targets.
#[derive(Trace, Finalize, JsData)]
struct ProxyTargets(JsWeakMap);

/// `object`, or the innermost target of the chain of (unrevoked) proxies that `object` starts.
pub fn through_proxies(object: JsObject, context: &mut Context) -> JsObject {
    let targets = context.realm().host_defined().get::<ProxyTargets>().map(|t| t.0.clone());
    let Some(targets) = targets else { return object };
    let mut object = object;
    while object.is::<Proxy>() {
        match targets.get(&object, context).ok().and_then(|t| t.as_object()) {
            Some(target) => object = target,
            None => break,
        }
    }
    object
}

pub(super) fn install(context: &mut Context) -> JsResult<()> {
    let constructor = context.intrinsics().constructors().proxy().constructor();
    let revocable = constructor.get(js_string!("revocable"), context)?;
    let revocable = revocable.as_object().ok_or_else(|| JsNativeError::typ().with_message("Proxy.revocable is missing"))?;
    let targets = JsWeakMap::new(context);
    context.realm().host_defined_mut().insert(ProxyTargets(targets.clone()));
    let originals = Originals { constructor, revocable, chains: JsWeakMap::new(context), targets };

    let revocable_function = NativeFunction::from_copy_closure_with_captures(revocable_proxy, originals.clone_handles());
    let proxy = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_copy_closure_with_captures(construct_proxy, originals))
        .name(js_string!("Proxy"))
        .length(2)
        .constructor(true)
        .build();
    let revocable_function = FunctionObjectBuilder::new(context.realm(), revocable_function).name(js_string!("revocable")).length(2).build();
    super::define_builtin(&proxy, js_string!("revocable"), revocable_function, context)?;
    super::define_builtin(&context.global_object(), js_string!("Proxy"), proxy, context)
}

impl Originals {
    fn clone_handles(&self) -> Self {
        Self {
            constructor: self.constructor.clone(),
            revocable: self.revocable.clone(),
            chains: self.chains.clone(),
            targets: self.targets.clone(),
        }
    }

    /// The chain length of `value`: 0 for a non-proxy, 1 for a proxy of a non-proxy.
    fn chain_of(&self, value: &JsValue, context: &mut Context) -> JsResult<u32> {
        let Some(object) = value.as_object() else { return Ok(0) };
        if JsProxy::from_object(object.clone()).is_err() {
            return Ok(0);
        }
        let known = self.chains.get(&object, context)?;
        Ok(known.as_number().map_or(1, |n| n as u32))
    }

    /// Checks the chain a new proxy of `target` with `handler` would end.
    fn new_chain(&self, args: &[JsValue], context: &mut Context) -> JsResult<u32> {
        let chain = 1 + self.chain_of(args.get_or_undefined(0), context)?.max(self.chain_of(args.get_or_undefined(1), context)?);
        if chain > MAX_PROXY_CHAIN {
            return Err(JsNativeError::range()
                .with_message(format!("Maximum call stack size exceeded: a chain of more than {MAX_PROXY_CHAIN} proxies could not be used"))
                .into());
        }
        Ok(chain)
    }

    fn remember(&self, proxy: &JsObject, chain: u32, context: &mut Context) -> JsResult<()> {
        if chain > 1 {
            self.chains.set(proxy, JsValue::from(chain), context)?;
        }
        Ok(())
    }
}

/// `new Proxy(target, handler)`
fn construct_proxy(new_target: &JsValue, args: &[JsValue], originals: &Originals, context: &mut Context) -> JsResult<JsValue> {
    if new_target.is_undefined() {
        return Err(JsNativeError::typ().with_message("Proxy constructor called without new").into());
    }
    let chain = originals.new_chain(args, context)?;
    let proxy = originals.constructor.construct(args, None, context)?;
    proxy.set_prototype(None);
    originals.remember(&proxy, chain, context)?;
    if let Some(target) = args.first().and_then(JsValue::as_object) {
        originals.targets.set(&proxy, target.into(), context)?;
    }
    Ok(proxy.into())
}

/// `Proxy.revocable(target, handler)`
fn revocable_proxy(_: &JsValue, args: &[JsValue], originals: &Originals, context: &mut Context) -> JsResult<JsValue> {
    let chain = originals.new_chain(args, context)?;
    let result = originals.revocable.call(&JsValue::undefined(), args, context)?;
    if let Some(proxy) = result.as_object().map(|r| r.get(js_string!("proxy"), context)).transpose()?.and_then(|p| p.as_object()) {
        proxy.set_prototype(None);
        originals.remember(&proxy, chain, context)?;
        if let (Some(target), Some(result)) = (args.first().and_then(JsValue::as_object), result.as_object())
            && let Some(revoke) = result.get(js_string!("revoke"), context)?.as_object()
        {
            originals.targets.set(&proxy, target.into(), context)?;
            let revoke = NativeFunction::from_copy_closure_with_captures(
                |_, _, (targets, proxy, revoke): &(JsWeakMap, JsObject, JsObject), context| {
                    targets.delete(proxy, context)?;
                    revoke.call(&JsValue::undefined(), &[], context)
                },
                (originals.targets.clone(), proxy, revoke),
            );
            let revoke = FunctionObjectBuilder::new(context.realm(), revoke).length(0).build();
            result.set(js_string!("revoke"), revoke, true, context)?;
        }
    }
    Ok(result)
}
