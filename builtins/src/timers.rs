//! Timer globals: `setTimeout`, `setInterval`, `setImmediate`, their `clear*` functions,
//! `nextTick` and `sleep` (compat-spec §2.2).
//!
//! They are Boa jobs handed to the event loop: timeouts and immediates are `TimeoutJob`s,
//! intervals `IntervalJob`s, ticks `GenericJob`s. Cancelling goes through the job's
//! `CancellationToken`, so a cleared timer stops keeping the process alive at once.
//!
//! The handle is Node's `Timeout`: `ref()`/`unref()`/`hasRef()` (an unreferenced timer does not
//! keep the process alive: the event loop asks [`unrefed_timers`]), `refresh()`, `close()`, and
//! a numeric primitive value that `clearTimeout` also accepts. Callbacks run with the handle as
//! `this`.
//!
//! Differences from the QuickJS runtime (documented in the README): a delay that is missing, not
//! an integer or negative is treated like Node does (0 ms, fractions truncated) instead of never
//! firing; `setTimeout(cb, 0)` returns a handle that `clearTimeout` accepts.

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue, NativeFunction,
    class::{Class, ClassBuilder},
    job::{CancellationToken, GenericJob, IntervalJob, NativeJob, NativeJobFn, TimeoutJob},
    js_string,
    object::builtins::{JsFunction, JsPromise},
    property::Attribute,
};
use boa_gc::{Finalize, GcRefCell, Trace};

use crate::exports::register_class;

thread_local! {
    /// Live timers that were `unref()`ed: the event loop does not wait for them.
    static UNREFED: Cell<usize> = const { Cell::new(0) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
    /// Timers whose numeric id escaped (`+timeout`), so `clearTimeout(id)` finds them.
    static BY_ID: RefCell<HashMap<u64, JsObject>> = RefCell::new(HashMap::new());
    /// Node programs: a handle converts to its id whatever the hint (see [`use_node_handles`]).
    static NODE_HANDLES: Cell<bool> = const { Cell::new(false) };
}

/// For a Node program (`loader::MainKind`): `String(timeout)` and `` `${timeout}` `` give the
/// timer's id, as in Node. Otherwise only a numeric conversion (`+timeout`) does, and the string
/// form stays `[object Object]`, what scripts written for the QuickJS runtime print.
pub fn use_node_handles() {
    NODE_HANDLES.with(|n| n.set(true));
}

/// How many live timers do not keep the process alive.
pub fn unrefed_timers() -> usize {
    UNREFED.with(Cell::get)
}

/// The handle returned by `setTimeout`, `setInterval` and `setImmediate` (Node's `Timeout`).
#[derive(Trace, Finalize, JsData)]
pub struct Timeout {
    #[unsafe_ignore_trace]
    token: RefCell<CancellationToken>,
    /// Node's `_onTimeout`: what runs when the timer fires; a script may replace it (a value
    /// that is not a function drops the timer when it next fires).
    on_timeout: GcRefCell<JsValue>,
    args: Vec<JsValue>,
    /// The delay of the queued job, and whether that job is an interval.
    #[unsafe_ignore_trace]
    delay: Cell<u64>,
    #[unsafe_ignore_trace]
    interval_job: Cell<bool>,
    /// Node's `_idleTimeout` (the delay; -1 once cleared: an interval is not re-armed) and
    /// `_repeat` (an interval's delay, `null` for a one-shot timer). Scripts may set both from
    /// the callback: a timeout given a `_repeat` becomes an interval, and the reverse.
    #[unsafe_ignore_trace]
    idle_timeout: Cell<f64>,
    #[unsafe_ignore_trace]
    repeat: Cell<Option<u64>>,
    #[unsafe_ignore_trace]
    id: u64,
    #[unsafe_ignore_trace]
    live: Cell<bool>,
    #[unsafe_ignore_trace]
    refed: Cell<bool>,
    /// `clearTimeout`/`close()` was called: `refresh()` no longer revives it.
    #[unsafe_ignore_trace]
    cleared: Cell<bool>,
    /// How many times the timer was (re)started: `refresh()` in its own callback re-arms it.
    #[unsafe_ignore_trace]
    starts: Cell<u32>,
}

impl Timeout {
    /// The timer stops being live (fired once, or cleared).
    fn finish(&self) {
        if self.live.replace(false) && !self.refed.get() {
            UNREFED.with(|u| u.set(u.get().saturating_sub(1)));
        }
        BY_ID.with(|m| m.borrow_mut().remove(&self.id));
    }

    fn set_ref(&self, refed: bool) {
        if self.live.get() && self.refed.get() != refed {
            UNREFED.with(|u| u.set(if refed { u.get().saturating_sub(1) } else { u.get() + 1 }));
        }
        self.refed.set(refed);
    }
}

impl Class for Timeout {
    const NAME: &'static str = "Timeout";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("Timeout is created by setTimeout, not with new").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(js_string!("ref"), 0, NativeFunction::from_fn_ptr(|this, _, _| {
            with_timeout(this, |t| t.set_ref(true));
            Ok(this.clone())
        }));
        class.method(js_string!("unref"), 0, NativeFunction::from_fn_ptr(|this, _, _| {
            with_timeout(this, |t| t.set_ref(false));
            Ok(this.clone())
        }));
        class.method(js_string!("hasRef"), 0, NativeFunction::from_fn_ptr(|this, _, _| {
            Ok(with_timeout(this, |t| t.refed.get()).unwrap_or(false).into())
        }));
        class.method(js_string!("refresh"), 0, NativeFunction::from_fn_ptr(refresh));
        class.method(js_string!("close"), 0, NativeFunction::from_fn_ptr(|this, _, context| {
            clear_value(this, context);
            Ok(this.clone())
        }));
        // `using timer = setTimeout(…)` clears it at the end of the block, as in Node.
        let symbol = class.context().global_object().get(js_string!("Symbol"), class.context())?;
        let dispose = match symbol.as_object() {
            Some(symbol) => symbol.get(js_string!("dispose"), class.context())?,
            None => JsValue::undefined(),
        };
        if let Some(dispose) = dispose.as_symbol() {
            class.method(dispose, 0, NativeFunction::from_fn_ptr(|this, _, context| {
                clear_value(this, context);
                Ok(JsValue::undefined())
            }));
        }
        // Node's `_destroyed`: the timer fired for the last time or was cleared.
        let realm = class.context().realm().clone();
        let destroyed = NativeFunction::from_fn_ptr(|this, _, _| {
            Ok(with_timeout(this, |t| !t.live.get()).unwrap_or(true).into())
        })
        .to_js_function(&realm);
        class.accessor(js_string!("_destroyed"), Some(destroyed), None, Attribute::CONFIGURABLE);
        let get_idle = NativeFunction::from_fn_ptr(|this, _, _| {
            Ok(with_timeout(this, |t| t.idle_timeout.get()).map_or(JsValue::undefined(), JsValue::from))
        })
        .to_js_function(&realm);
        let set_idle = NativeFunction::from_fn_ptr(|this, args, context| {
            let ms = args.get_or_undefined(0).to_number(context)?;
            with_timeout(this, |t| t.idle_timeout.set(ms));
            Ok(JsValue::undefined())
        })
        .to_js_function(&realm);
        class.accessor(js_string!("_idleTimeout"), Some(get_idle), Some(set_idle), Attribute::CONFIGURABLE);
        let get_repeat = NativeFunction::from_fn_ptr(|this, _, _| {
            Ok(with_timeout(this, |t| t.repeat.get()).flatten().map_or(JsValue::null(), |ms| JsValue::from(ms as f64)))
        })
        .to_js_function(&realm);
        let set_repeat = NativeFunction::from_fn_ptr(|this, args, context| {
            let value = args.get_or_undefined(0);
            let repeat = if value.to_boolean() {
                let ms = value.to_number(context)?;
                Some(if ms >= 1.0 && ms <= TIMEOUT_MAX { ms as u64 } else { 1 })
            } else {
                None
            };
            with_timeout(this, |t| t.repeat.set(repeat));
            Ok(JsValue::undefined())
        })
        .to_js_function(&realm);
        class.accessor(js_string!("_repeat"), Some(get_repeat), Some(set_repeat), Attribute::CONFIGURABLE);
        let get_on_timeout = NativeFunction::from_fn_ptr(|this, _, _| {
            Ok(with_timeout(this, |t| t.on_timeout.borrow().clone()).unwrap_or_default())
        })
        .to_js_function(&realm);
        let set_on_timeout = NativeFunction::from_fn_ptr(|this, args, _| {
            let value = args.get_or_undefined(0).clone();
            with_timeout(this, |t| *t.on_timeout.borrow_mut() = value);
            Ok(JsValue::undefined())
        })
        .to_js_function(&realm);
        class.accessor(js_string!("_onTimeout"), Some(get_on_timeout), Some(set_on_timeout), Attribute::CONFIGURABLE);
        class.method(JsSymbol::to_primitive(), 1, NativeFunction::from_fn_ptr(|this, args, _| {
            let numeric = args.get_or_undefined(0).as_string().is_some_and(|hint| hint == js_string!("number"));
            if !numeric && !NODE_HANDLES.with(Cell::get) {
                return Ok(js_string!("[object Object]").into());
            }
            let Some(object) = this.as_object() else { return Ok(JsValue::undefined()) };
            let Some(id) = object.downcast_ref::<Timeout>().map(|t| t.id) else { return Ok(JsValue::undefined()) };
            BY_ID.with(|m| m.borrow_mut().insert(id, object.clone()));
            Ok((id as f64).into())
        }));
        Ok(())
    }
}

fn with_timeout<R>(value: &JsValue, f: impl FnOnce(&Timeout) -> R) -> Option<R> {
    let object = value.as_object()?;
    let timeout = object.downcast_ref::<Timeout>()?;
    Some(f(&timeout))
}

/// How Node's ERR_INVALID_ARG_TYPE names a received value.
fn describe_received(value: &JsValue) -> String {
    match value {
        v if v.is_undefined() => "undefined".into(),
        v if v.is_null() => "null".into(),
        v if v.is_boolean() => format!("type boolean ({})", v.display()),
        v if v.is_number() => format!("type number ({})", v.display()),
        v if v.is_bigint() => format!("type bigint ({}n)", v.display()),
        v if v.is_string() => format!("type string ({})", v.display()),
        v if v.is_symbol() => "type symbol".into(),
        _ => "an instance of Object".into(),
    }
}

fn callback(args: &[JsValue], context: &mut Context) -> JsResult<JsFunction> {
    let value = args.get_or_undefined(0);
    if let Some(f) = value.as_callable().and_then(|f| JsFunction::from_object(f.clone())) {
        return Ok(f);
    }
    let message = format!("The \"callback\" argument must be of type function. Received {}", describe_received(value));
    let error = JsNativeError::typ().with_message(message).into_opaque(context);
    let _ = error.set(js_string!("code"), js_string!("ERR_INVALID_ARG_TYPE"), false, context);
    Err(boa_engine::JsError::from_opaque(error.into()))
}

/// Node's longest delay (2^31 - 1 ms); a longer one (or Infinity) is 1 ms, with a warning.
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

/// A delay in whole milliseconds: missing, NaN and negative delays are 0, fractions are dropped.
fn delay(value: &JsValue, context: &mut Context) -> JsResult<u64> {
    if value.is_undefined() {
        return Ok(0);
    }
    let ms = value.to_number(context)?;
    if ms > TIMEOUT_MAX {
        warn_overflow(ms, context)?;
        return Ok(1);
    }
    Ok(if ms > 0.0 { ms as u64 } else { 0 })
}

/// Node's `TimeoutOverflowWarning`, through the process object's `emitWarning` (the real one,
/// even if a script replaced `globalThis.process`).
fn warn_overflow(ms: f64, context: &mut Context) -> JsResult<()> {
    let process = crate::node::process::this_process(context)?;
    let emit = process.get(js_string!("emitWarning"), context)?;
    let Some(emit) = emit.as_callable() else { return Ok(()) };
    let shown = JsValue::from(ms).to_string(context)?.to_std_string_escaped();
    let message = format!("{shown} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.");
    emit.call(
        &process.clone().into(),
        &[JsString::from(message).into(), js_string!("TimeoutOverflowWarning").into()],
        context,
    )?;
    Ok(())
}

/// Runs a timer's callback with the handle as `this`, then re-arms or retires the timer as its
/// `_repeat`/`_idleTimeout` now say.
fn fire(handle: &JsObject, context: &mut Context) -> JsResult<JsValue> {
    let (callback, args, starts) = {
        let Some(timeout) = handle.downcast_ref::<Timeout>() else { return Ok(JsValue::undefined()) };
        (timeout.on_timeout.borrow().clone(), timeout.args.clone(), timeout.starts.get())
    };
    let Some(callback) = callback.as_callable() else {
        // `_onTimeout` was replaced by something that cannot run: the timer is dropped.
        retire(handle, context);
        return Ok(JsValue::undefined());
    };
    let result = callback.call(&handle.clone().into(), &args, context);
    let Some((live, restarted, interval_job, delay, wanted)) = handle.downcast_ref::<Timeout>().map(|t| {
        let wanted = t.repeat.get().filter(|_| t.idle_timeout.get() != -1.0);
        (t.live.get(), t.starts.get() != starts, t.interval_job.get(), t.delay.get(), wanted)
    }) else {
        return result;
    };
    // Cleared or refreshed by its own callback: that already decided what happens next.
    if !live || restarted {
        return result;
    }
    match wanted {
        None if interval_job => retire(handle, context),
        None => {
            if let Some(timeout) = handle.downcast_ref::<Timeout>() {
                timeout.finish();
            }
        }
        Some(ms) if interval_job && ms == delay => {}
        Some(ms) => {
            // A timeout given a `_repeat`, or an interval given another one: queue the new job.
            let old = handle.downcast_ref::<Timeout>().map(|t| t.token.borrow().clone());
            if let Some(old) = old
                && !old.revoked()
            {
                old.cancel(context);
            }
            let token = start(handle, ms, true, context);
            if let Some(timeout) = handle.downcast_ref::<Timeout>() {
                *timeout.token.borrow_mut() = token;
                timeout.delay.set(ms);
                timeout.interval_job.set(true);
                timeout.idle_timeout.set(ms as f64);
            }
        }
    }
    result
}

/// The timer will not fire again: its job is cancelled and it stops being live.
fn retire(handle: &JsObject, context: &mut Context) {
    let token = {
        let Some(timeout) = handle.downcast_ref::<Timeout>() else { return };
        timeout.finish();
        timeout.token.borrow().clone()
    };
    if !token.revoked() {
        token.cancel(context);
    }
}

/// Queues the job of `handle` (again, for `refresh`); returns its cancellation token.
fn start(handle: &JsObject, delay: u64, repeat: bool, context: &mut Context) -> CancellationToken {
    let target = handle.clone();
    if repeat {
        let job = IntervalJob::new(NativeJobFn::new(move |context| fire(&target, context)), delay.max(1));
        let token = job.cancellation_token().clone();
        context.enqueue_job(job.into());
        token
    } else {
        let job = TimeoutJob::new(NativeJob::new(move |context| fire(&target, context)), delay);
        let token = job.cancellation_token().clone();
        context.enqueue_job(job.into());
        token
    }
}

fn schedule(f: JsFunction, ms: u64, call_args: Vec<JsValue>, repeat: bool, context: &mut Context) -> JsResult<JsValue> {
    register_class::<Timeout>(context)?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    // The job needs the handle and the handle the job's token: a placeholder token first.
    let placeholder = TimeoutJob::new(NativeJob::new(|_| Ok(JsValue::undefined())), 0).cancellation_token().clone();
    let timeout = Timeout {
        token: RefCell::new(placeholder),
        on_timeout: GcRefCell::new(f.into()),
        args: call_args,
        delay: Cell::new(ms),
        interval_job: Cell::new(repeat),
        idle_timeout: Cell::new(ms as f64),
        repeat: Cell::new(repeat.then_some(ms)),
        id,
        live: Cell::new(true),
        refed: Cell::new(true),
        cleared: Cell::new(false),
        starts: Cell::new(1),
    };
    let handle = Timeout::from_data(timeout, context)?;
    let token = start(&handle, ms, repeat, context);
    if let Some(timeout) = handle.downcast_ref::<Timeout>() {
        *timeout.token.borrow_mut() = token;
    }
    Ok(handle.into())
}

fn refresh(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(handle) = this.as_object() else { return Ok(this.clone()) };
    let Some((cleared, delay, repeat, token)) =
        handle.downcast_ref::<Timeout>().map(|t| (t.cleared.get(), t.delay.get(), t.interval_job.get(), t.token.borrow().clone()))
    else {
        return Ok(this.clone());
    };
    if cleared {
        return Ok(this.clone());
    }
    // A timer that already fired is armed again, as in Node.
    if let Some(timeout) = handle.downcast_ref::<Timeout>()
        && !timeout.live.replace(true)
        && !timeout.refed.get()
    {
        UNREFED.with(|u| u.set(u.get() + 1));
    }
    if !token.revoked() {
        token.cancel(context);
    }
    let token = start(&handle, delay, repeat, context);
    if let Some(timeout) = handle.downcast_ref::<Timeout>() {
        *timeout.token.borrow_mut() = token;
        timeout.starts.set(timeout.starts.get().wrapping_add(1));
    }
    Ok(this.clone())
}

fn set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, context)?;
    let ms = delay(args.get_or_undefined(1), context)?;
    schedule(f, ms, args.get(2..).unwrap_or_default().to_vec(), false, context)
}

fn set_immediate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, context)?;
    schedule(f, 0, args.get(1..).unwrap_or_default().to_vec(), false, context)
}

fn set_interval(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, context)?;
    // Node's minimum: an interval of 0 would run on every loop turn.
    let ms = delay(args.get_or_undefined(1), context)?.max(1);
    schedule(f, ms, args.get(2..).unwrap_or_default().to_vec(), true, context)
}

fn clear_value(value: &JsValue, context: &mut Context) {
    let handle = match value {
        v if v.is_number() || v.is_string() => {
            let id = v.to_number(context).unwrap_or(f64::NAN);
            if !(id.is_finite() && id >= 1.0) {
                return;
            }
            BY_ID.with(|m| m.borrow().get(&(id as u64)).cloned())
        }
        v => v.as_object().filter(|o| o.downcast_ref::<Timeout>().is_some()),
    };
    let Some(handle) = handle else { return };
    let token = {
        let Some(timeout) = handle.downcast_ref::<Timeout>() else { return };
        timeout.cleared.set(true);
        timeout.idle_timeout.set(-1.0);
        timeout.finish();
        timeout.token.borrow().clone()
    };
    if !token.revoked() {
        token.cancel(context);
    }
}

/// `clearTimeout`, `clearInterval` and `clearImmediate`: a handle or its numeric id; anything
/// else is ignored.
fn clear(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    clear_value(args.get_or_undefined(0), context);
    Ok(JsValue::undefined())
}

fn next_tick(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, context)?;
    let call_args = args.get(1..).unwrap_or_default().to_vec();
    let realm = context.realm().clone();
    context.enqueue_job(GenericJob::new(move |context| f.call(&JsValue::undefined(), &call_args, context), realm).into());
    Ok(JsValue::undefined())
}

/// `sleep(cb, ms, ...args)`: a promise that calls `cb(...args)` after `ms` and then resolves with
/// `undefined` (or rejects with what `cb` threw).
fn sleep(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let f = callback(args, context)?;
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
    register_class::<Timeout>(context)?;
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
        context.register_global_builtin_callable(JsString::from(*name), *length, NativeFunction::from_fn_ptr(*f))?;
    }
    Ok(())
}
