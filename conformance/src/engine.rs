//! The in-process engine: a Boa `Context` set up like the runtime's, plus the test262 host
//! bindings (`print`, `$262`). Kept in this one small module so that it can later be swapped for a
//! shared context constructor exported by the `wasmedge_boa` library.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use boa_engine::module::SimpleModuleLoader;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArrayBuffer;
use boa_engine::property::Attribute;
use boa_engine::realm::Realm;
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, Script, Source, js_string,
};

/// `[[CanBlock]]` of the main agent. Boa's default (and the runtime's): `Atomics.wait` on the main
/// thread throws. Tests flagged `CanBlockIsTrue` are skipped for this engine.
pub const CAN_BLOCK: bool = false;

thread_local! {
    /// Everything the test passed to `print`, one line per call (async tests report through it).
    static PRINTED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A fresh context whose module loader resolves imports inside `module_root` (the test262 root).
pub fn new_context(module_root: &Path) -> JsResult<Context> {
    let loader = SimpleModuleLoader::new(module_root)?;
    let mut context = Context::builder()
        .module_loader(Rc::new(loader))
        .host_hooks(Rc::new(Hooks))
        .can_block(CAN_BLOCK)
        .build()?;
    install_host(&mut context)?;
    take_printed();
    Ok(context)
}

/// The runtime's `HostEnsureCanCompileStrings`: `eval` and `Function` sources pass the same
/// guard as in `wasmedge_boa` (`wasmedge_boa_builtins::engine`).
struct Hooks;

impl boa_engine::context::HostHooks for Hooks {
    fn ensure_can_compile_strings(
        &self,
        _realm: Realm,
        parameters: &[boa_engine::JsString],
        body: &boa_engine::JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        wasmedge_boa_builtins::engine::check_compiled_string(parameters, body)
    }
}

/// The runtime's checks on a script or module source before Boa parses it.
pub fn check_source(source: &str, is_module: bool) -> JsResult<()> {
    use wasmedge_boa_builtins::engine::source_guard::{SourceKind, check};
    check(source, if is_module { SourceKind::Module } else { SourceKind::Script })
}

/// The module loader of a context made by [`new_context`], to pre-register the main module (so a
/// test that imports itself gets the same module record).
pub fn module_loader(context: &Context) -> Option<Rc<SimpleModuleLoader>> {
    context.downcast_module_loader::<SimpleModuleLoader>()
}

/// Returns and clears what `print` collected on this thread.
pub fn take_printed() -> String {
    PRINTED.with(|printed| std::mem::take(&mut *printed.borrow_mut()))
}

/// Defines `print` and `$262` on the global object of the context's current realm, after the
/// runtime's replacements for Boa built-ins that scripts could crash (`wasmedge_boa_builtins::
/// engine`), so that the in-process engine is the runtime's engine.
fn install_host(context: &mut Context) -> JsResult<()> {
    wasmedge_boa_builtins::engine::install(context)?;
    context.register_global_builtin_callable(
        js_string!("print"),
        1,
        NativeFunction::from_fn_ptr(print),
    )?;
    let host = host_object(context)?;
    context.register_global_property(
        js_string!("$262"),
        host,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    Ok(())
}

fn print(_this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = match args.first() {
        Some(value) => value.to_string(context)?.to_std_string_escaped(),
        None => String::new(),
    };
    PRINTED.with(|printed| {
        let mut printed = printed.borrow_mut();
        printed.push_str(&text);
        printed.push('\n');
    });
    Ok(JsValue::undefined())
}

/// The `$262` object of the current realm. `agent` is deliberately absent: the runner skips tests
/// that use it (this host runs one agent per process), and `IsHTMLDDA` does not exist outside a
/// browser.
fn host_object(context: &mut Context) -> JsResult<JsObject> {
    let realm = context.realm().clone();
    let global = context.global_object();
    let eval_script = NativeFunction::from_copy_closure_with_captures(eval_script, realm);
    Ok(ObjectInitializer::new(context)
        .function(
            NativeFunction::from_fn_ptr(create_realm),
            js_string!("createRealm"),
            0,
        )
        .function(eval_script, js_string!("evalScript"), 1)
        .function(
            NativeFunction::from_fn_ptr(detach_array_buffer),
            js_string!("detachArrayBuffer"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(collect_garbage),
            js_string!("gc"),
            0,
        )
        .property(js_string!("global"), global, Attribute::all())
        .build())
}

/// `$262.createRealm()`: a new realm with its own globals and its own `$262`, which it returns.
fn create_realm(_this: &JsValue, _args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let realm = context.create_realm()?;
    let previous = context.enter_realm(realm);
    let result = install_host(context)
        .and_then(|()| context.global_object().get(js_string!("$262"), context));
    context.enter_realm(previous);
    result
}

/// `$262.evalScript(source)`: ParseScript + ScriptEvaluation in the realm this `$262` belongs to.
fn eval_script(
    _this: &JsValue,
    args: &[JsValue],
    realm: &Realm,
    context: &mut Context,
) -> JsResult<JsValue> {
    let source = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_string(context)?
        .to_std_string_escaped();
    check_source(&source, false)?;
    let previous = context.enter_realm(realm.clone());
    let result = Script::parse(
        Source::from_bytes(source.as_bytes()),
        Some(realm.clone()),
        context,
    )
    .and_then(|script| script.evaluate(context));
    context.enter_realm(previous);
    result
}

/// `$262.detachArrayBuffer(buffer[, key])`: the DetachArrayBuffer abstract operation.
fn detach_array_buffer(
    _this: &JsValue,
    args: &[JsValue],
    _context: &mut Context,
) -> JsResult<JsValue> {
    let object = args.first().and_then(JsValue::as_object).ok_or_else(|| {
        JsNativeError::typ().with_message("detachArrayBuffer: argument is not an ArrayBuffer")
    })?;
    let buffer = JsArrayBuffer::from_object(object.clone())?;
    // DetachArrayBuffer of a detached buffer is allowed (Boa's `detach` throws).
    if buffer.data().is_none() {
        return Ok(JsValue::null());
    }
    let key = args.get(1).cloned().unwrap_or_default();
    buffer.detach(&key)?;
    Ok(JsValue::null())
}

/// `$262.gc()`: a full collection of Boa's garbage collector.
fn collect_garbage(
    _this: &JsValue,
    _args: &[JsValue],
    _context: &mut Context,
) -> JsResult<JsValue> {
    boa_gc::force_collect();
    Ok(JsValue::undefined())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(context: &mut Context, code: &str) -> JsResult<JsValue> {
        context.eval(Source::from_bytes(code))
    }

    #[test]
    fn host_bindings_work() {
        let mut context = new_context(Path::new(".")).unwrap();
        eval(&mut context, "print('hello'); print(1 + 1)").unwrap();
        assert_eq!(take_printed(), "hello\n2\n");

        let detached = eval(
            &mut context,
            "var b = new ArrayBuffer(8); $262.detachArrayBuffer(b); b.byteLength === 0",
        )
        .unwrap();
        assert_eq!(detached, JsValue::from(true));

        let other_realm = eval(
            &mut context,
            "var other = $262.createRealm(); var O = other.evalScript('Object');\
             [O !== Object, other.global.Object === O, other.global !== $262.global].join()",
        )
        .unwrap();
        assert_eq!(other_realm.display().to_string(), "\"true,true,true\"");

        eval(&mut context, "$262.evalScript('let fromEval = 3;')").unwrap();
        let global_lexical = eval(&mut context, "fromEval").unwrap();
        assert_eq!(global_lexical, JsValue::from(3));
        assert!(eval(&mut context, "$262.evalScript('let fromEval = 4;')").is_err());
        eval(&mut context, "$262.gc()").unwrap();
    }
}
