//! Our own versions of ECMAScript built-ins that Boa 0.22 implements in a way a script can crash.
//!
//! The other families (`web/`, `node/`, `wasmedge/`) add host APIs; this one replaces parts of
//! the language's own standard library, so it gets its own folder. Boa is pinned and used from the
//! registry unmodified: where one of its built-ins panics, overflows the native stack or aborts on
//! an allocation for some script input, the built-in is replaced on every realm by [`install`]
//! (or guarded: see `src/` of the runtime for the host hooks). Each replacement follows the
//! spec's steps and says which Boa behaviour it avoids; docs/engine.md lists them all.
//!
//! Installing is cheap (a few function objects per realm): it runs at every start-up.

pub mod merge_sort;
mod calls;
mod date_parse;
mod flat;
mod json;
mod prototypes;
mod proxy;
pub use proxy::through_proxies;
mod sort;
pub mod source_guard;
pub mod stack;
pub mod strings;

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    error::{EngineError, RuntimeLimitError},
    native_function::NativeFunctionPointer,
    object::FunctionObjectBuilder,
    property::PropertyDescriptor,
};

/// Replaces Boa's crashing built-ins on the context's current realm.
pub fn install(context: &mut Context) -> JsResult<()> {
    sort::install(context)?;
    strings::install(context)?;
    proxy::install(context)?;
    prototypes::install(context)?;
    json::install(context)?;
    flat::install(context)?;
    calls::install(context)?;
    date_parse::install(context)?;
    Ok(())
}

/// `HostEnsureCanCompileStrings` for `eval` and `Function`: the source guard and the stack
/// budget (see [`source_guard`] and [`stack`]).
pub fn check_compiled_string(parameters: &[JsString], body: &JsString) -> JsResult<()> {
    stack::check()?;
    for parameter in parameters {
        source_guard::check(&parameter.to_std_string_lossy(), source_guard::SourceKind::Eval)?;
    }
    source_guard::check(&body.to_std_string_lossy(), source_guard::SourceKind::Eval)
}

/// Defines a built-in method the way the spec's built-ins are: writable, configurable, not
/// enumerable, no `prototype`, not a constructor.
fn define_method(object: &JsObject, name: JsString, length: usize, function: NativeFunctionPointer, context: &mut Context) -> JsResult<()> {
    let function = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(function))
        .name(name.clone())
        .length(length)
        .build();
    define_builtin(object, name, function, context)
}

/// Sets `object[name]` to `function` with a built-in method's attributes (writable, configurable,
/// not enumerable).
fn define_builtin(object: &JsObject, name: JsString, function: impl Into<JsValue>, context: &mut Context) -> JsResult<()> {
    object.define_property_or_throw(
        name,
        PropertyDescriptor::builder().value(function).writable(true).enumerable(false).configurable(true),
        context,
    )?;
    Ok(())
}

/// Whether `error` is Boa's uncatchable "too much recursion" (a runtime limit, or an internal
/// error that one caused on its way out).
pub fn is_recursion_limit(error: &JsError) -> bool {
    match error.as_engine() {
        Some(EngineError::RuntimeLimit(RuntimeLimitError::Recursion | RuntimeLimitError::StackSize)) => true,
        Some(EngineError::Panic(panic)) => {
            let mut source = std::error::Error::source(panic);
            while let Some(error) = source {
                let limit = error.downcast_ref::<RuntimeLimitError>().copied().or_else(|| {
                    match error.downcast_ref::<JsError>().and_then(JsError::as_engine) {
                        Some(EngineError::RuntimeLimit(limit)) => Some(*limit),
                        _ => None,
                    }
                });
                if matches!(limit, Some(RuntimeLimitError::Recursion | RuntimeLimitError::StackSize)) {
                    return true;
                }
                source = error.source();
            }
            false
        }
        _ => false,
    }
}

/// The error scripts see when the call stack is too deep.
pub fn stack_overflow_error() -> JsError {
    JsNativeError::range().with_message("Maximum call stack size exceeded").into()
}

/// Boa's recursion limit cannot be caught by scripts. Where our native code called back into
/// JavaScript and got it back, it becomes the `RangeError` scripts know, which the nearest
/// `try/catch` above this call can catch.
pub fn catchable(error: JsError) -> JsError {
    if is_recursion_limit(&error) { stack_overflow_error() } else { error }
}
