//! `_boa:vm`, the native half of Node's `vm` module (`js/vm.js`): fresh realms and running a
//! script in one.
//!
//! A new realm has only the language's own globals, as a new Node context does, and gets the
//! same replacements for Boa's crashing built-ins as the main realm (`engine::install`).
//! Scripts pass the same source guard as `eval`.

use std::path::Path;

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsValue, Source, Trace,
    class::{Class, ClassBuilder},
    realm::Realm,
};

use crate::{
    engine::{self, source_guard},
    exports::Exports,
};

/// A realm made by `createRealm`; `js/vm.js` keeps one per contextified object.
#[derive(Trace, Finalize, JsData)]
pub struct VmRealm {
    realm: Realm,
}

impl Class for VmRealm {
    const NAME: &'static str = "VmRealm";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("Illegal constructor").into())
    }

    fn init(_: &mut ClassBuilder<'_>) -> JsResult<()> {
        Ok(())
    }
}

/// Runs `f` with `realm` as the current realm, and puts the previous one back whatever happens.
fn in_realm<T>(realm: Realm, context: &mut Context, f: impl FnOnce(&mut Context) -> JsResult<T>) -> JsResult<T> {
    let previous = context.enter_realm(realm);
    let result = f(context);
    context.enter_realm(previous);
    result
}

fn vm_realm(value: &JsValue) -> JsResult<Realm> {
    value
        .as_object()
        .and_then(|o| o.downcast_ref::<VmRealm>().map(|r| r.realm.clone()))
        .ok_or_else(|| JsNativeError::typ().with_message("vm: not a context").into())
}

/// `createRealm()`: a new realm, as an opaque handle.
fn create_realm(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let realm = context.create_realm()?;
    in_realm(realm.clone(), context, engine::install)?;
    Ok(VmRealm::from_data(VmRealm { realm }, context)?.into())
}

/// `realmGlobal(handle)`: the realm's global object.
fn realm_global(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let realm = vm_realm(args.get_or_undefined(0))?;
    let global: JsObject = in_realm(realm, context, |context| Ok(context.global_object()))?;
    Ok(global.into())
}

/// `runInRealm(handle, code, filename)`: the completion value of `code` run as a script there.
fn run_in_realm(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let realm = vm_realm(args.get_or_undefined(0))?;
    let code = args.get_or_undefined(1).to_string(context)?.to_std_string_lossy();
    let filename = args.get_or_undefined(2).to_string(context)?.to_std_string_lossy();
    engine::stack::check()?;
    source_guard::check(&code, source_guard::SourceKind::Script)?;
    in_realm(realm, context, |context| {
        context.eval(Source::from_bytes(code.as_bytes()).with_path(Path::new(&filename)))
    })
}

pub fn module(context: &mut Context) -> JsResult<boa_engine::Module> {
    let exports = Exports::new().class::<VmRealm>(context)?.functions(
        &[("createRealm", 0, create_realm), ("realmGlobal", 1, realm_global), ("runInRealm", 3, run_in_realm)],
        context,
    );
    Ok(exports.into_module(context))
}
