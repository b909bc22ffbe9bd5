//! `queueMicrotask(callback)` (HTML Standard).
//!
//! Replaces boa_runtime's version, which returns `null` and has `length` 0. The callback runs as
//! a promise job, so it shares the FIFO microtask queue with promise reactions.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsResult, JsValue, NativeFunction,
    job::{Job, PromiseJob},
    js_string,
};

fn queue_microtask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = args.get_or_undefined(0).as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message("queueMicrotask: the callback must be a function")
    })?;
    context.enqueue_job(Job::from(PromiseJob::new(move |context| {
        callback.call(&JsValue::undefined(), &[], context)?;
        Ok(JsValue::undefined())
    })));
    Ok(JsValue::undefined())
}

/// Installs `queueMicrotask`.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_builtin_callable(
        js_string!("queueMicrotask"),
        1,
        NativeFunction::from_fn_ptr(queue_microtask),
    )?;
    Ok(())
}
