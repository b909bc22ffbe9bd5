//! `AbortController` and `AbortSignal` (DOM Standard).
//!
//! An `AbortSignal` is an `EventTarget` (`events.rs`) whose data carries the abort state. Abort
//! listeners run synchronously inside `abort()`, in registration order, with a trusted `Event`;
//! a listener that throws does not stop the others, its error is reported as uncaught
//! afterwards, as browsers do.

use std::{cell::Cell, rc::Rc};

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsSymbol, JsValue, Trace,
    class::{Class, ClassBuilder},
    job::{NativeJob, TimeoutJob},
    js_string,
    property::Attribute,
};

use crate::web::{
    dom_exception::dom_exception_value,
    events::{self, EventTarget, inherit, target_data},
    idl::{accessor, method},
};

/// The abort state of an `AbortSignal` (kept inside its [`EventTarget`] data). Also the marker
/// type of the `AbortSignal` class.
#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct AbortSignal {
    #[unsafe_ignore_trace]
    pub(crate) aborted: bool,
    reason: JsValue,
    /// Signals made by `AbortSignal.any` that abort when this one does.
    dependents: Vec<JsObject>,
    /// For a signal made by `AbortSignal.any`: the signals it follows.
    sources: Vec<JsObject>,
    #[unsafe_ignore_trace]
    dependent: bool,
    /// Listeners added with this signal as their `signal` option: (target, removal flag).
    pub(crate) listener_removals: Vec<ListenerRemoval>,
}

/// A listener to remove when the signal aborts.
#[derive(Debug, Trace, Finalize)]
pub(crate) struct ListenerRemoval {
    pub(crate) target: JsObject,
    #[unsafe_ignore_trace]
    pub(crate) flag: Rc<Cell<bool>>,
}

/// `value` if it is an AbortSignal object (or the signal a chain of proxies made by `new Proxy`
/// ends at, as Node's JS AbortSignal accepts).
pub fn signal_object_state(value: &JsValue, context: &mut Context) -> Option<JsObject> {
    let object = crate::engine::through_proxies(value.as_object()?, context);
    let is_signal = object.downcast_ref::<EventTarget>().is_some_and(|t| t.signal.is_some());
    is_signal.then_some(object)
}

fn signal_object(this: &JsValue, what: &str, context: &mut Context) -> JsResult<JsObject> {
    signal_object_state(this, context)
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: 'this' is not an AbortSignal")).into())
}

fn with_signal<R>(signal: &JsObject, f: impl FnOnce(&mut AbortSignal) -> R) -> JsResult<R> {
    target_data(signal, |t| t.signal.as_deref_mut().map(f))?
        .ok_or_else(|| JsNativeError::typ().with_message("not an AbortSignal").into())
}

/// Whether `signal` (an AbortSignal object) is aborted, and its reason.
pub fn state(signal: &JsObject) -> JsResult<(bool, JsValue)> {
    with_signal(signal, |s| (s.aborted, s.reason.clone()))
}

pub fn new_signal(context: &mut Context) -> JsResult<JsObject> {
    let prototype = context
        .realm()
        .get_class::<AbortSignal>()
        .map(|c| c.prototype())
        .ok_or_else(|| JsNativeError::typ().with_message("AbortSignal is not initialised"))?;
    Ok(JsObject::new(context.root_shape(), prototype, EventTarget::with_signal(AbortSignal::default())).upcast())
}

/// The reason used when none is given: a DOMException named AbortError.
fn default_reason(reason: &JsValue, context: &mut Context) -> JsResult<JsValue> {
    if reason.is_undefined() {
        dom_exception_value("AbortError", "This operation was aborted", context)
    } else {
        Ok(reason.clone())
    }
}

/// The standard's "signal abort": marks `signal` and the signals that depend on it as aborted,
/// then runs the abort steps (listener removals, the `abort` event) for each of them.
pub fn signal_abort(signal: &JsObject, reason: JsValue, context: &mut Context) -> JsResult<()> {
    let dependents = with_signal(signal, |s| {
        if s.aborted {
            return None;
        }
        s.aborted = true;
        s.reason = reason.clone();
        Some(std::mem::take(&mut s.dependents))
    })?;
    let Some(dependents) = dependents else {
        return Ok(());
    };
    let mut to_fire = Vec::new();
    for dependent in dependents {
        let newly_aborted = with_signal(&dependent, |d| {
            if d.aborted {
                return false;
            }
            d.aborted = true;
            d.reason = reason.clone();
            true
        })?;
        if newly_aborted {
            to_fire.push(dependent);
        }
    }
    run_abort_steps(signal, context)?;
    for dependent in to_fire {
        run_abort_steps(&dependent, context)?;
    }
    Ok(())
}

fn run_abort_steps(signal: &JsObject, context: &mut Context) -> JsResult<()> {
    let removals = with_signal(signal, |s| std::mem::take(&mut s.listener_removals))?;
    for removal in &removals {
        target_data(&removal.target, |t| t.remove_by_flag(&removal.flag))?;
    }
    let event = events::new_event("abort", true, context)?;
    events::dispatch(signal, &event, context)?;
    Ok(())
}

fn get_aborted(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_signal(&signal_object(this, "AbortSignal.aborted", context)?, |s| s.aborted.into())
}

fn get_reason(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_signal(&signal_object(this, "AbortSignal.reason", context)?, |s| s.reason.clone())
}

fn get_on_abort(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    events::get_handler(&signal_object(this, "AbortSignal.onabort", context)?, "abort")
}

fn set_on_abort(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    events::set_handler(&signal_object(this, "AbortSignal.onabort", context)?, "abort", args.get_or_undefined(0))?;
    Ok(JsValue::undefined())
}

fn throw_if_aborted(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (aborted, reason) = state(&signal_object(this, "AbortSignal.throwIfAborted", context)?)?;
    if aborted { Err(JsError::from_opaque(reason)) } else { Ok(JsValue::undefined()) }
}

/// `AbortSignal.abort(reason)`: a signal that is already aborted.
fn static_abort(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let reason = default_reason(args.get_or_undefined(0), context)?;
    let signal = new_signal(context)?;
    with_signal(&signal, |s| {
        s.aborted = true;
        s.reason = reason;
    })?;
    Ok(signal.into())
}

/// `AbortSignal.timeout(ms)`: a signal that aborts with a TimeoutError DOMException after `ms`.
/// Unlike Node, the pending timeout keeps the process alive until it fires.
fn static_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let ms = args.get_or_undefined(0).to_number(context)?;
    if !(0.0..=9_007_199_254_740_991.0).contains(&ms) {
        return Err(JsNativeError::typ()
            .with_message("AbortSignal.timeout: the delay must be a finite, non-negative number of milliseconds")
            .into());
    }
    let signal = new_signal(context)?;
    let target = signal.clone();
    let job = TimeoutJob::new(
        NativeJob::new(move |context| {
            let reason = dom_exception_value("TimeoutError", "The operation was aborted due to timeout", context)?;
            signal_abort(&target, reason, context)?;
            Ok(JsValue::undefined())
        }),
        ms.trunc() as u64,
    );
    context.enqueue_job(job.into());
    Ok(signal.into())
}

/// `AbortSignal.any(signals)`: a signal that aborts as soon as any of `signals` does. A signal
/// made by `any` is followed through its own sources, so chains do not grow.
fn static_any(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let signals = collect_signals(args.get_or_undefined(0), context)?;
    let result = new_signal(context)?;
    for signal in &signals {
        let (aborted, reason) = state(signal)?;
        if aborted {
            with_signal(&result, |r| {
                r.aborted = true;
                r.reason = reason;
            })?;
            return Ok(result.into());
        }
    }
    let mut sources: Vec<JsObject> = Vec::new();
    for signal in &signals {
        let (dependent, own_sources) = with_signal(signal, |s| (s.dependent, s.sources.clone()))?;
        let candidates = if dependent { own_sources } else { vec![signal.clone()] };
        for source in candidates {
            if !sources.iter().any(|s| JsObject::equals(s, &source)) {
                sources.push(source);
            }
        }
    }
    for source in &sources {
        with_signal(source, |s| s.dependents.push(result.clone()))?;
    }
    with_signal(&result, |r| {
        r.dependent = true;
        r.sources = sources;
    })?;
    Ok(result.into())
}

/// The AbortSignals of an iterable (TypeError for anything else in it).
fn collect_signals(iterable: &JsValue, context: &mut Context) -> JsResult<Vec<JsObject>> {
    let not_iterable =
        || JsNativeError::typ().with_message("AbortSignal.any: the argument must be an iterable of AbortSignals");
    let object = iterable.as_object().ok_or_else(not_iterable)?;
    let method = object.get(JsSymbol::iterator(), context)?;
    let method = method.as_callable().ok_or_else(not_iterable)?;
    let iterator = method.call(iterable, &[], context)?;
    let iterator = iterator.as_object().ok_or_else(not_iterable)?;
    let next = iterator.get(js_string!("next"), context)?;
    let next = next.as_callable().ok_or_else(not_iterable)?;
    let mut signals = Vec::new();
    loop {
        let result = next.call(&iterator.clone().into(), &[], context)?;
        let result = result.as_object().ok_or_else(not_iterable)?;
        if result.get(js_string!("done"), context)?.to_boolean() {
            return Ok(signals);
        }
        let value = result.get(js_string!("value"), context)?;
        let signal = signal_object_state(&value, context).ok_or_else(|| {
            JsNativeError::typ().with_message("AbortSignal.any: every item must be an AbortSignal")
        })?;
        signals.push(signal);
    }
}

impl Class for AbortSignal {
    const NAME: &'static str = "AbortSignal";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message("Illegal constructor: use new AbortController().signal or AbortSignal.abort()")
            .into())
    }

    fn construct(new_target: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsObject> {
        Self::data_constructor(new_target, args, context)?;
        new_signal(context)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "aborted", get_aborted, None);
        accessor(class, "reason", get_reason, None);
        method(class, "throwIfAborted", 0, throw_if_aborted);
        accessor(class, "onabort", get_on_abort, Some(set_on_abort));
        for (name, length, f) in [
            ("abort", 0, static_abort as boa_engine::native_function::NativeFunctionPointer),
            ("timeout", 1, static_timeout),
            ("any", 1, static_any),
        ] {
            class.static_method(boa_engine::JsString::from(name), length, boa_engine::NativeFunction::from_fn_ptr(f));
        }
        class.property(JsSymbol::to_string_tag(), js_string!("AbortSignal"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// An `AbortController` object: owns one signal.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct AbortController {
    signal: JsObject,
}

fn controller_signal(this: &JsValue, what: &str) -> JsResult<JsObject> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<AbortController>().map(|c| c.signal.clone()))
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: 'this' is not an AbortController")).into())
}

fn get_signal(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(controller_signal(this, "AbortController.signal")?.into())
}

fn controller_abort(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let signal = controller_signal(this, "AbortController.abort")?;
    if state(&signal)?.0 {
        return Ok(JsValue::undefined());
    }
    let reason = default_reason(args.get_or_undefined(0), context)?;
    signal_abort(&signal, reason, context)?;
    Ok(JsValue::undefined())
}

impl Class for AbortController {
    const NAME: &'static str = "AbortController";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Ok(AbortController { signal: new_signal(context)? })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "signal", get_signal, None);
        method(class, "abort", 0, controller_abort);
        class.property(JsSymbol::to_string_tag(), js_string!("AbortController"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// Adds `AbortController` and `AbortSignal` to the events family's `exports` (the EventTarget
/// class must be registered first).
pub fn build(exports: &JsObject, context: &mut Context) -> JsResult<()> {
    use crate::exports::register_class;
    let signal = register_class::<AbortSignal>(context)?;
    inherit::<AbortSignal, EventTarget>(context)?;
    let controller = register_class::<AbortController>(context)?;
    exports.set(js_string!("AbortSignal"), signal, false, context)?;
    exports.set(js_string!("AbortController"), controller, false, context)?;
    Ok(())
}
