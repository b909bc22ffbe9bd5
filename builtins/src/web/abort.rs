//! `AbortController` and `AbortSignal` (DOM Standard).
//!
//! Replaces boa_runtime's versions, which run listeners later (as jobs) instead of during
//! `abort()`, pass them no event, and lack `onabort`, `AbortSignal.abort/timeout/any`.
//!
//! Listeners run synchronously inside `abort()`, in registration order, with a plain event
//! object `{ type: "abort", target, currentTarget }`. A listener that throws does not stop the
//! others; its error is reported as uncaught by the event loop afterwards, like a browser does.

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString,
    JsSymbol, JsValue, NativeFunction, Trace,
    class::{Class, ClassBuilder},
    job::{GenericJob, NativeJob, TimeoutJob},
    js_string,
    object::{FunctionObjectBuilder, ObjectInitializer},
    property::Attribute,
};

use crate::web::dom_exception::dom_exception_value;

/// One registered listener; `callback == None` is the slot of the `onabort` handler.
#[derive(Debug, Clone, Trace, Finalize)]
struct Listener {
    #[unsafe_ignore_trace]
    event_type: String,
    callback: Option<JsObject>,
    #[unsafe_ignore_trace]
    capture: bool,
    #[unsafe_ignore_trace]
    once: bool,
}

impl Listener {
    fn same_as(&self, other: &Listener) -> bool {
        self.event_type == other.event_type
            && self.capture == other.capture
            && match (&self.callback, &other.callback) {
                (Some(a), Some(b)) => JsObject::equals(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// An `AbortSignal` object.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct AbortSignal {
    #[unsafe_ignore_trace]
    aborted: bool,
    reason: JsValue,
    listeners: Vec<Listener>,
    /// The `onabort` handler (null when unset).
    on_abort: JsValue,
    /// Signals made by `AbortSignal.any` that abort when this one does.
    dependents: Vec<JsObject>,
}

impl AbortSignal {
    fn new() -> Self {
        AbortSignal {
            aborted: false,
            reason: JsValue::undefined(),
            listeners: Vec::new(),
            on_abort: JsValue::null(),
            dependents: Vec::new(),
        }
    }

    /// Whether the signal has been aborted.
    pub fn aborted(&self) -> bool {
        self.aborted
    }

    /// The abort reason (`undefined` while not aborted).
    pub fn reason(&self) -> JsValue {
        self.reason.clone()
    }
}

fn signal_object(this: &JsValue, what: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|o| o.is::<AbortSignal>())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what}: 'this' is not an AbortSignal"))
                .into()
        })
}

fn with_signal<R>(signal: &JsObject, f: impl FnOnce(&mut AbortSignal) -> R) -> JsResult<R> {
    let mut data = signal
        .downcast_mut::<AbortSignal>()
        .ok_or_else(|| JsNativeError::typ().with_message("not an AbortSignal"))?;
    Ok(f(&mut data))
}

fn new_signal(context: &mut Context) -> JsResult<JsObject> {
    AbortSignal::from_data(AbortSignal::new(), context)
}

/// The reason used when none is given: a DOMException named AbortError.
fn default_reason(reason: &JsValue, context: &mut Context) -> JsResult<JsValue> {
    if reason.is_undefined() {
        dom_exception_value("AbortError", "This operation was aborted", context)
    } else {
        Ok(reason.clone())
    }
}

/// Reports an error thrown by a listener: the event loop treats it as uncaught, after the
/// current task, so the other listeners and the caller of `abort()` still run.
fn report_listener_error(error: JsError, context: &mut Context) {
    let realm = context.realm().clone();
    context.enqueue_job(GenericJob::new(move |_| Err(error), realm).into());
}

/// The standard's "signal abort": marks `signal` and the signals that depend on it as aborted,
/// then fires `abort` on each of them.
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
    fire_abort(signal, context)?;
    for dependent in to_fire {
        fire_abort(&dependent, context)?;
    }
    Ok(())
}

fn fire_abort(signal: &JsObject, context: &mut Context) -> JsResult<()> {
    let event = ObjectInitializer::new(context)
        .property(js_string!("type"), js_string!("abort"), Attribute::all())
        .property(js_string!("target"), signal.clone(), Attribute::all())
        .property(
            js_string!("currentTarget"),
            signal.clone(),
            Attribute::all(),
        )
        .property(js_string!("defaultPrevented"), false, Attribute::all())
        .build();
    let snapshot: Vec<Listener> = with_signal(signal, |s| {
        s.listeners
            .iter()
            .filter(|l| l.event_type == "abort")
            .cloned()
            .collect()
    })?;
    for listener in snapshot {
        // Skip listeners removed by an earlier one; `once` listeners go before they run.
        let still_registered = with_signal(signal, |s| {
            let position = s.listeners.iter().position(|l| l.same_as(&listener));
            if let (Some(position), true) = (position, listener.once) {
                s.listeners.remove(position);
            }
            position.is_some()
        })?;
        if !still_registered {
            continue;
        }
        let result = match &listener.callback {
            None => {
                let handler = with_signal(signal, |s| s.on_abort.clone())?;
                match handler.as_callable() {
                    Some(handler) => handler
                        .call(&signal.clone().into(), &[event.clone().into()], context)
                        .map(drop),
                    None => Ok(()),
                }
            }
            Some(callback) if callback.is_callable() => callback
                .call(&signal.clone().into(), &[event.clone().into()], context)
                .map(drop),
            Some(object) => call_handle_event(object, &event, context),
        };
        if let Err(error) = result {
            report_listener_error(error, context);
        }
    }
    Ok(())
}

/// A listener object: its `handleEvent` method is looked up at dispatch time.
fn call_handle_event(object: &JsObject, event: &JsObject, context: &mut Context) -> JsResult<()> {
    let method = object.get(js_string!("handleEvent"), context)?;
    let method = method.as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message("the event listener has no handleEvent method")
    })?;
    method.call(&object.clone().into(), &[event.clone().into()], context)?;
    Ok(())
}

/// `(capture, once)` from the third argument of `addEventListener`/`removeEventListener`.
fn listener_options(options: &JsValue, context: &mut Context) -> JsResult<(bool, bool)> {
    match options.as_object() {
        Some(options) => Ok((
            options.get(js_string!("capture"), context)?.to_boolean(),
            options.get(js_string!("once"), context)?.to_boolean(),
        )),
        None => Ok((options.to_boolean(), false)),
    }
}

fn listener_from_args(
    args: &[JsValue],
    what: &str,
    context: &mut Context,
) -> JsResult<Option<Listener>> {
    if args.len() < 2 {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "{what}: 2 arguments required, but only {} present",
                args.len()
            ))
            .into());
    }
    let event_type = args[0].to_string(context)?.to_std_string_lossy();
    let callback = match &args[1] {
        value if value.is_null_or_undefined() => return Ok(None),
        value => value.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message(format!(
                "{what}: the listener must be a function or an object"
            ))
        })?,
    };
    let (capture, once) = listener_options(args.get_or_undefined(2), context)?;
    Ok(Some(Listener {
        event_type,
        callback: Some(callback),
        capture,
        once,
    }))
}

fn add_event_listener(
    this: &JsValue,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let signal = signal_object(this, "addEventListener")?;
    if let Some(listener) = listener_from_args(args, "addEventListener", context)? {
        with_signal(&signal, |s| {
            if !s.listeners.iter().any(|l| l.same_as(&listener)) {
                s.listeners.push(listener);
            }
        })?;
    }
    Ok(JsValue::undefined())
}

fn remove_event_listener(
    this: &JsValue,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let signal = signal_object(this, "removeEventListener")?;
    if let Some(listener) = listener_from_args(args, "removeEventListener", context)? {
        with_signal(&signal, |s| s.listeners.retain(|l| !l.same_as(&listener)))?;
    }
    Ok(JsValue::undefined())
}

fn get_aborted(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_signal(&signal_object(this, "AbortSignal.aborted")?, |s| {
        s.aborted.into()
    })
}

fn get_reason(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_signal(&signal_object(this, "AbortSignal.reason")?, |s| {
        s.reason.clone()
    })
}

fn get_on_abort(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_signal(&signal_object(this, "AbortSignal.onabort")?, |s| {
        s.on_abort.clone()
    })
}

/// Setting `onabort` to a function registers its listener slot (once, at that position);
/// setting anything else removes it.
fn set_on_abort(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let signal = signal_object(this, "AbortSignal.onabort")?;
    let value = args.get_or_undefined(0);
    let handler = if value.is_callable() {
        value.clone()
    } else {
        JsValue::null()
    };
    let slot = Listener {
        event_type: "abort".into(),
        callback: None,
        capture: false,
        once: false,
    };
    with_signal(&signal, |s| {
        let registered = s.listeners.iter().any(|l| l.same_as(&slot));
        if handler.is_null() {
            s.listeners.retain(|l| !l.same_as(&slot));
        } else if !registered {
            s.listeners.push(slot);
        }
        s.on_abort = handler;
    })?;
    Ok(JsValue::undefined())
}

fn throw_if_aborted(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let (aborted, reason) =
        with_signal(&signal_object(this, "AbortSignal.throwIfAborted")?, |s| {
            (s.aborted, s.reason.clone())
        })?;
    if aborted {
        Err(JsError::from_opaque(reason))
    } else {
        Ok(JsValue::undefined())
    }
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
            let reason = dom_exception_value(
                "TimeoutError",
                "The operation was aborted due to timeout",
                context,
            )?;
            signal_abort(&target, reason, context)?;
            Ok(JsValue::undefined())
        }),
        ms.trunc() as u64,
    );
    context.enqueue_job(job.into());
    Ok(signal.into())
}

/// `AbortSignal.any(signals)`: a signal that aborts as soon as any of `signals` does.
fn static_any(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let sources = collect_signals(args.get_or_undefined(0), context)?;
    let result = new_signal(context)?;
    for source in &sources {
        let (aborted, reason) = with_signal(source, |s| (s.aborted, s.reason.clone()))?;
        if aborted {
            with_signal(&result, |r| {
                r.aborted = true;
                r.reason = reason;
            })?;
            return Ok(result.into());
        }
    }
    for source in &sources {
        with_signal(source, |s| s.dependents.push(result.clone()))?;
    }
    Ok(result.into())
}

/// The AbortSignals of an iterable (TypeError for anything else in it).
fn collect_signals(iterable: &JsValue, context: &mut Context) -> JsResult<Vec<JsObject>> {
    let not_iterable = || {
        JsNativeError::typ()
            .with_message("AbortSignal.any: the argument must be an iterable of AbortSignals")
    };
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
        let signal = value
            .as_object()
            .filter(|o| o.is::<AbortSignal>())
            .ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("AbortSignal.any: every item must be an AbortSignal")
            })?;
        signals.push(signal);
    }
}

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

fn accessor(class: &mut ClassBuilder<'_>, name: &str, get: NativeFn, set: Option<NativeFn>) {
    let realm = class.context().realm().clone();
    let getter = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(get))
        .name(JsString::from(format!("get {name}").as_str()))
        .build();
    let setter = set.map(|set| {
        FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(set))
            .name(JsString::from(format!("set {name}").as_str()))
            .length(1)
            .build()
    });
    class.accessor(
        JsString::from(name),
        Some(getter),
        setter,
        Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
    );
}

impl Class for AbortSignal {
    const NAME: &'static str = "AbortSignal";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message(
                "Illegal constructor: use new AbortController().signal or AbortSignal.abort()",
            )
            .into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "aborted", get_aborted, None);
        accessor(class, "reason", get_reason, None);
        accessor(class, "onabort", get_on_abort, Some(set_on_abort));
        class.method(
            js_string!("throwIfAborted"),
            0,
            NativeFunction::from_fn_ptr(throw_if_aborted),
        );
        class.method(
            js_string!("addEventListener"),
            2,
            NativeFunction::from_fn_ptr(add_event_listener),
        );
        class.method(
            js_string!("removeEventListener"),
            2,
            NativeFunction::from_fn_ptr(remove_event_listener),
        );
        class.static_method(
            js_string!("abort"),
            0,
            NativeFunction::from_fn_ptr(static_abort),
        );
        class.static_method(
            js_string!("timeout"),
            1,
            NativeFunction::from_fn_ptr(static_timeout),
        );
        class.static_method(
            js_string!("any"),
            1,
            NativeFunction::from_fn_ptr(static_any),
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("AbortSignal"),
            Attribute::CONFIGURABLE,
        );
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
        .and_then(|o| {
            o.downcast_ref::<AbortController>()
                .map(|c| c.signal.clone())
        })
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what}: 'this' is not an AbortController"))
                .into()
        })
}

fn get_signal(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(controller_signal(this, "AbortController.signal")?.into())
}

fn controller_abort(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let signal = controller_signal(this, "AbortController.abort")?;
    if with_signal(&signal, |s| s.aborted)? {
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
        Ok(AbortController {
            signal: new_signal(context)?,
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "signal", get_signal, None);
        class.method(
            js_string!("abort"),
            0,
            NativeFunction::from_fn_ptr(controller_abort),
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("AbortController"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

/// Installs the `AbortController` and `AbortSignal` globals.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<AbortSignal>()?;
    context.register_global_class::<AbortController>()?;
    Ok(())
}
