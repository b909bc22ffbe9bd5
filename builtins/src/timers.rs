//! Timer globals: `setTimeout`, `setInterval`, `setImmediate`, their `clear*` functions,
//! `nextTick` and `sleep` (compat-spec §2.2).
//!
//! They are Boa jobs handed to the event loop: timeouts and immediates are `TimeoutJob`s,
//! intervals `IntervalJob`s, ticks `GenericJob`s. Cancelling goes through the job's
//! `CancellationToken`, so a cleared timer stops keeping the process alive at once.
//!
//! Differences from the QuickJS runtime (documented in the README): a delay that is missing, not
//! an integer or negative is treated like Node does (0 ms, fractions truncated) instead of never
//! firing; `setTimeout(cb, 0)` returns a handle that `clearTimeout` accepts.

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsResult, JsValue, NativeFunction,
    class::{Class, ClassBuilder},
    job::{CancellationToken, GenericJob, IntervalJob, NativeJob, NativeJobFn, TimeoutJob},
    js_string,
    object::builtins::{JsFunction, JsPromise},
};
use boa_gc::{Finalize, Trace};

use crate::exports::register_class;

/// The handle returned by `setTimeout`, `setInterval` and `setImmediate`. It prints as
/// `[object Object]`, as the QuickJS runtime's `TimeoutId` does.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct TimeoutId {
    #[unsafe_ignore_trace]
    token: CancellationToken,
}

impl Class for TimeoutId {
    const NAME: &'static str = "TimeoutId";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("TimeoutId is created by setTimeout, not with new").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        // Node's Timeout methods; the loop has no "unref": a timer always keeps the process alive.
        let this = NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone()));
        class.method(js_string!("ref"), 0, this.clone());
        class.method(js_string!("unref"), 0, this);
        class.method(js_string!("hasRef"), 0, NativeFunction::from_fn_ptr(|_, _, _| Ok(true.into())));
        Ok(())
    }
}

fn callback(args: &[JsValue], what: &str) -> JsResult<JsFunction> {
    args.get_or_undefined(0)
        .as_callable()
        .and_then(|f| JsFunction::from_object(f.clone()))
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: the callback must be a function")).into())
}

/// A delay in whole milliseconds: missing, NaN and negative delays are 0, fractions are dropped.
fn delay(value: &JsValue, context: &mut Context) -> JsResult<u64> {
    if value.is_undefined() {
        return Ok(0);
    }
    let ms = value.to_number(context)?;
    Ok(if ms.is_finite() && ms > 0.0 { ms.min(u32::MAX as f64) as u64 } else { 0 })
}

fn handle(token: CancellationToken, context: &mut Context) -> JsResult<JsValue> {
    register_class::<TimeoutId>(context)?;
    Ok(TimeoutId::from_data(TimeoutId { token }, context)?.into())
}

fn schedule_once(f: JsFunction, ms: u64, call_args: Vec<JsValue>, context: &mut Context) -> JsResult<JsValue> {
    let job = TimeoutJob::new(
        NativeJob::new(move |context| f.call(&JsValue::undefined(), &call_args, context)),
        ms,
    );
    let token = job.cancellation_token().clone();
    context.enqueue_job(job.into());
    handle(token, context)
}

fn set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, "setTimeout")?;
    let ms = delay(args.get_or_undefined(1), context)?;
    schedule_once(f, ms, args.get(2..).unwrap_or_default().to_vec(), context)
}

fn set_immediate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, "setImmediate")?;
    schedule_once(f, 0, args.get(1..).unwrap_or_default().to_vec(), context)
}

fn set_interval(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, "setInterval")?;
    // Node's minimum: an interval of 0 would run on every loop turn.
    let ms = delay(args.get_or_undefined(1), context)?.max(1);
    let call_args = args.get(2..).unwrap_or_default().to_vec();
    // The closure holds GC values outside the heap: they stay rooted while the interval lives.
    let job = IntervalJob::new(
        NativeJobFn::new(move |context| f.call(&JsValue::undefined(), &call_args, context)),
        ms,
    );
    let token = job.cancellation_token().clone();
    context.enqueue_job(job.into());
    handle(token, context)
}

/// `clearTimeout`, `clearInterval` and `clearImmediate`: anything but a timer handle is ignored.
fn clear(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let token = args
        .get_or_undefined(0)
        .as_object()
        .and_then(|o| o.downcast_ref::<TimeoutId>().map(|t| t.token.clone()));
    if let Some(token) = token {
        if !token.revoked() {
            token.cancel(context);
        }
    }
    Ok(JsValue::undefined())
}

fn next_tick(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, "nextTick")?;
    let call_args = args.get(1..).unwrap_or_default().to_vec();
    let realm = context.realm().clone();
    context.enqueue_job(GenericJob::new(move |context| f.call(&JsValue::undefined(), &call_args, context), realm).into());
    Ok(JsValue::undefined())
}

/// `sleep(cb, ms, ...args)`: a promise that calls `cb(...args)` after `ms` and then resolves with
/// `undefined` (or rejects with what `cb` threw).
fn sleep(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, "sleep")?;
    let ms = delay(args.get_or_undefined(1), context)?;
    let call_args = args.get(2..).unwrap_or_default().to_vec();
    let (promise, resolvers) = JsPromise::new_pending(context);
    let job = TimeoutJob::new(
        NativeJob::new(move |context| {
            match f.call(&JsValue::undefined(), &call_args, context) {
                Ok(_) => resolvers.resolve.call(&JsValue::undefined(), &[], context)?,
                Err(error) => {
                    let reason = error.into_opaque(context)?;
                    resolvers.reject.call(&JsValue::undefined(), &[reason], context)?
                }
            };
            Ok(JsValue::undefined())
        }),
        ms,
    );
    context.enqueue_job(job.into());
    Ok(promise.into())
}

/// Installs the timer globals.
pub fn register(context: &mut Context) -> JsResult<()> {
    register_class::<TimeoutId>(context)?;
    let functions: &[(&str, usize, fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>)] = &[
        ("setTimeout", 2, set_timeout),
        ("setInterval", 2, set_interval),
        ("setImmediate", 1, set_immediate),
        ("clearTimeout", 1, clear),
        ("clearInterval", 1, clear),
        ("clearImmediate", 1, clear),
        ("nextTick", 1, next_tick),
        ("sleep", 2, sleep),
    ];
    for (name, length, f) in functions {
        context.register_global_builtin_callable(boa_engine::JsString::from(*name), *length, NativeFunction::from_fn_ptr(*f))?;
    }
    Ok(())
}
