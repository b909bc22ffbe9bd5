//! `Event`, `CustomEvent`, `ErrorEvent`, `EventTarget` and `reportError` (DOM Standard), in Rust
//! because dispatch is on hot paths (every abort, every stream or socket event a script listens
//! to).
//!
//! There is no node tree here: an event's path is its target alone, so dispatch runs the
//! target's capture listeners, then its other listeners, all "at target". `AbortSignal`
//! (`abort.rs`) stores its state inside an `EventTarget`, so EventTarget's methods work on it and
//! `signal instanceof EventTarget` holds.
//!
//! `Event`, `CustomEvent` and `ErrorEvent` objects all carry one Rust type ([`Event`]), so every
//! `Event.prototype` method works on all of them; the subclasses override `Class::construct` to
//! build it.

use std::{cell::Cell, rc::Rc};

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol,
    JsValue, Module, NativeFunction, Trace,
    class::{Class, ClassBuilder},
    job::GenericJob,
    js_string,
    property::Attribute,
};

use super::{
    abort::{AbortSignal, signal_object_state},
    dom_exception::dom_exception,
    idl::{self, accessor, arity, constant, member, method},
    performance,
};

const NONE: u16 = 0;
const CAPTURING_PHASE: u16 = 1;
const AT_TARGET: u16 = 2;
const BUBBLING_PHASE: u16 = 3;

#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    bubbles: bool,
    cancelable: bool,
    composed: bool,
    canceled: bool,
    stop_propagation: bool,
    stop_immediate: bool,
    in_passive_listener: bool,
    dispatching: bool,
    initialized: bool,
    trusted: bool,
}

/// The members only `ErrorEvent` has.
#[derive(Debug, Trace, Finalize)]
struct ErrorInfo {
    message: JsValue,
    filename: JsValue,
    #[unsafe_ignore_trace]
    lineno: u32,
    #[unsafe_ignore_trace]
    colno: u32,
    error: JsValue,
}

/// The state of an `Event` (and of `CustomEvent`/`ErrorEvent` objects).
#[derive(Debug, Trace, Finalize, JsData)]
pub struct Event {
    #[unsafe_ignore_trace]
    event_type: JsString,
    #[unsafe_ignore_trace]
    flags: Flags,
    #[unsafe_ignore_trace]
    phase: u16,
    #[unsafe_ignore_trace]
    time_stamp: f64,
    target: Option<JsObject>,
    current_target: Option<JsObject>,
    /// `CustomEvent.detail`.
    detail: JsValue,
    error: Option<Box<ErrorInfo>>,
}

impl Event {
    fn new(event_type: JsString) -> Self {
        Event {
            event_type,
            flags: Flags { initialized: true, ..Flags::default() },
            phase: NONE,
            time_stamp: performance::now_ms(),
            target: None,
            current_target: None,
            detail: JsValue::null(),
            error: None,
        }
    }
}

fn event_data<R>(object: &JsObject, f: impl FnOnce(&mut Event) -> R) -> JsResult<R> {
    let mut data = object
        .downcast_mut::<Event>()
        .ok_or_else(|| JsNativeError::typ().with_message("not an Event"))?;
    Ok(f(&mut data))
}

fn with_event<R>(this: &JsValue, what: &str, f: impl FnOnce(&mut Event) -> R) -> JsResult<R> {
    event_data(&idl::receiver::<Event>(this, what)?, f)
}

/// The prototype for an object made by `new C(...)` (a subclass's when `new_target` is one).
fn prototype_for<C: Class>(new_target: &JsValue, context: &mut Context) -> JsResult<JsObject> {
    let Some(constructor) = new_target.as_object() else {
        return Err(JsNativeError::typ()
            .with_message(format!("Failed to construct '{}': Please use the 'new' operator", C::NAME))
            .into());
    };
    if let Some(prototype) = constructor.get(js_string!("prototype"), context)?.as_object() {
        return Ok(prototype);
    }
    class_prototype::<C>(context)
}

fn class_prototype<C: Class>(context: &mut Context) -> JsResult<JsObject> {
    context
        .realm()
        .get_class::<C>()
        .map(|class| class.prototype())
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{} is not initialised", C::NAME)).into())
}

/// Reads `type` and the `EventInit` members (in WebIDL's order) for the constructor of `C`.
fn event_from_args<C: Class>(args: &[JsValue], context: &mut Context) -> JsResult<(Event, Option<JsObject>)> {
    let what = format!("Failed to construct '{}'", C::NAME);
    arity(&what, 1, args)?;
    let event_type = args[0].to_string(context)?;
    let init = idl::dictionary(args.get_or_undefined(1), &what)?;
    let bubbles = member(&init, "bubbles", context)?.to_boolean();
    let cancelable = member(&init, "cancelable", context)?.to_boolean();
    let composed = member(&init, "composed", context)?.to_boolean();
    let mut event = Event::new(event_type);
    event.flags.bubbles = bubbles;
    event.flags.cancelable = cancelable;
    event.flags.composed = composed;
    Ok((event, init))
}

fn construct_with<C: Class>(new_target: &JsValue, event: Event, context: &mut Context) -> JsResult<JsObject> {
    let prototype = prototype_for::<C>(new_target, context)?;
    Ok(JsObject::new(context.root_shape(), prototype, event).upcast())
}

/// A new, initialised event of type `event_type` made from Rust (`isTrusted` when the runtime
/// itself fires it).
pub fn new_event(event_type: &str, trusted: bool, context: &mut Context) -> JsResult<JsObject> {
    let mut event = Event::new(JsString::from(event_type));
    event.flags.trusted = trusted;
    let prototype = class_prototype::<Event>(context)?;
    Ok(JsObject::new(context.root_shape(), prototype, event).upcast())
}

// ---------------------------------------------------------------- Event.prototype

fn get_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.type", |e| e.event_type.clone().into())
}
fn get_target(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.target", |e| e.target.clone().map_or(JsValue::null(), JsValue::from))
}
fn get_current_target(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.currentTarget", |e| e.current_target.clone().map_or(JsValue::null(), JsValue::from))
}
fn get_event_phase(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.eventPhase", |e| JsValue::from(e.phase))
}
fn get_bubbles(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.bubbles", |e| e.flags.bubbles.into())
}
fn get_cancelable(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.cancelable", |e| e.flags.cancelable.into())
}
fn get_composed(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.composed", |e| e.flags.composed.into())
}
fn get_default_prevented(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.defaultPrevented", |e| e.flags.canceled.into())
}
fn get_is_trusted(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.isTrusted", |e| e.flags.trusted.into())
}
fn get_time_stamp(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.timeStamp", |e| e.time_stamp.into())
}
fn get_return_value(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.returnValue", |e| (!e.flags.canceled).into())
}
fn set_return_value(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0).to_boolean();
    with_event(this, "Event.returnValue", |e| {
        if !value {
            cancel(e);
        }
    })?;
    Ok(JsValue::undefined())
}
fn get_cancel_bubble(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.cancelBubble", |e| e.flags.stop_propagation.into())
}
fn set_cancel_bubble(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0).to_boolean();
    with_event(this, "Event.cancelBubble", |e| {
        if value {
            e.flags.stop_propagation = true;
        }
    })?;
    Ok(JsValue::undefined())
}

fn cancel(event: &mut Event) {
    if event.flags.cancelable && !event.flags.in_passive_listener {
        event.flags.canceled = true;
    }
}

fn prevent_default(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.preventDefault", cancel)?;
    Ok(JsValue::undefined())
}
fn stop_propagation(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.stopPropagation", |e| e.flags.stop_propagation = true)?;
    Ok(JsValue::undefined())
}
fn stop_immediate_propagation(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "Event.stopImmediatePropagation", |e| {
        e.flags.stop_propagation = true;
        e.flags.stop_immediate = true;
    })?;
    Ok(JsValue::undefined())
}
fn composed_path(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let current = with_event(this, "Event.composedPath", |e| e.current_target.clone())?;
    let items: Vec<JsValue> = current.into_iter().map(JsValue::from).collect();
    Ok(boa_engine::object::builtins::JsArray::from_iter(items, context).into())
}

/// The standard's "initialize" (shared by `initEvent` and `initCustomEvent`).
fn reinitialize(event: &mut Event, event_type: JsString, bubbles: bool, cancelable: bool) {
    event.flags = Flags { initialized: true, bubbles, cancelable, composed: event.flags.composed, ..Flags::default() };
    event.event_type = event_type;
    event.target = None;
}

fn init_event(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = idl::receiver::<Event>(this, "Event.initEvent")?;
    arity("Event.initEvent", 1, args)?;
    let event_type = args[0].to_string(context)?;
    let (bubbles, cancelable) = (args.get_or_undefined(1).to_boolean(), args.get_or_undefined(2).to_boolean());
    event_data(&object, |e| {
        if !e.flags.dispatching {
            reinitialize(e, event_type, bubbles, cancelable);
        }
    })?;
    Ok(JsValue::undefined())
}

impl Class for Event {
    const NAME: &'static str = "Event";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Ok(event_from_args::<Event>(args, context)?.0)
    }

    fn construct(new_target: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsObject> {
        let (event, _) = event_from_args::<Event>(args, context)?;
        construct_with::<Event>(new_target, event, context)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "type", get_type, None);
        accessor(class, "target", get_target, None);
        accessor(class, "srcElement", get_target, None);
        accessor(class, "currentTarget", get_current_target, None);
        method(class, "composedPath", 0, composed_path);
        accessor(class, "eventPhase", get_event_phase, None);
        method(class, "stopPropagation", 0, stop_propagation);
        accessor(class, "cancelBubble", get_cancel_bubble, Some(set_cancel_bubble));
        method(class, "stopImmediatePropagation", 0, stop_immediate_propagation);
        accessor(class, "bubbles", get_bubbles, None);
        accessor(class, "cancelable", get_cancelable, None);
        accessor(class, "returnValue", get_return_value, Some(set_return_value));
        method(class, "preventDefault", 0, prevent_default);
        accessor(class, "defaultPrevented", get_default_prevented, None);
        accessor(class, "composed", get_composed, None);
        accessor(class, "isTrusted", get_is_trusted, None);
        accessor(class, "timeStamp", get_time_stamp, None);
        method(class, "initEvent", 1, init_event);
        constant(class, "NONE", NONE.into());
        constant(class, "CAPTURING_PHASE", CAPTURING_PHASE.into());
        constant(class, "AT_TARGET", AT_TARGET.into());
        constant(class, "BUBBLING_PHASE", BUBBLING_PHASE.into());
        class.property(JsSymbol::to_string_tag(), js_string!("Event"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

// ---------------------------------------------------------------- CustomEvent, ErrorEvent

/// Marker for the `CustomEvent` class; its objects hold an [`Event`].
#[derive(Debug, Trace, Finalize, JsData)]
pub struct CustomEvent;

fn get_detail(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_event(this, "CustomEvent.detail", |e| e.detail.clone())
}

fn init_custom_event(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = idl::receiver::<Event>(this, "CustomEvent.initCustomEvent")?;
    arity("CustomEvent.initCustomEvent", 1, args)?;
    let event_type = args[0].to_string(context)?;
    let (bubbles, cancelable) = (args.get_or_undefined(1).to_boolean(), args.get_or_undefined(2).to_boolean());
    let detail = args.get_or_undefined(3).clone();
    event_data(&object, |e| {
        if !e.flags.dispatching {
            reinitialize(e, event_type, bubbles, cancelable);
            e.detail = detail;
        }
    })?;
    Ok(JsValue::undefined())
}

impl Class for CustomEvent {
    const NAME: &'static str = "CustomEvent";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(CustomEvent)
    }

    fn construct(new_target: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsObject> {
        let (mut event, init) = event_from_args::<CustomEvent>(args, context)?;
        let detail = member(&init, "detail", context)?;
        event.detail = if detail.is_undefined() { JsValue::null() } else { detail };
        construct_with::<CustomEvent>(new_target, event, context)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "detail", get_detail, None);
        method(class, "initCustomEvent", 1, init_custom_event);
        class.property(JsSymbol::to_string_tag(), js_string!("CustomEvent"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// Marker for the `ErrorEvent` class; its objects hold an [`Event`] with error members.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct ErrorEvent;

fn error_member(this: &JsValue, what: &str, f: impl FnOnce(&ErrorInfo) -> JsValue) -> JsResult<JsValue> {
    with_event(this, what, |e| e.error.as_deref().map(f))?
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: Illegal invocation")).into())
}
fn get_message(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    error_member(this, "ErrorEvent.message", |i| i.message.clone())
}
fn get_filename(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    error_member(this, "ErrorEvent.filename", |i| i.filename.clone())
}
fn get_lineno(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    error_member(this, "ErrorEvent.lineno", |i| i.lineno.into())
}
fn get_colno(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    error_member(this, "ErrorEvent.colno", |i| i.colno.into())
}
fn get_error(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    error_member(this, "ErrorEvent.error", |i| i.error.clone())
}

fn string_member(init: &Option<JsObject>, name: &str, context: &mut Context) -> JsResult<JsValue> {
    let value = member(init, name, context)?;
    Ok(if value.is_undefined() { js_string!("").into() } else { value.to_string(context)?.into() })
}

fn u32_member(init: &Option<JsObject>, name: &str, context: &mut Context) -> JsResult<u32> {
    let value = member(init, name, context)?;
    if value.is_undefined() { Ok(0) } else { value.to_u32(context) }
}

impl Class for ErrorEvent {
    const NAME: &'static str = "ErrorEvent";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(ErrorEvent)
    }

    fn construct(new_target: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsObject> {
        let (mut event, init) = event_from_args::<ErrorEvent>(args, context)?;
        // ErrorEventInit's own members, in WebIDL's (alphabetical) order.
        let colno = u32_member(&init, "colno", context)?;
        let error = member(&init, "error", context)?;
        let filename = string_member(&init, "filename", context)?;
        let lineno = u32_member(&init, "lineno", context)?;
        let message = string_member(&init, "message", context)?;
        event.error = Some(Box::new(ErrorInfo { message, filename, lineno, colno, error }));
        construct_with::<ErrorEvent>(new_target, event, context)
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "message", get_message, None);
        accessor(class, "filename", get_filename, None);
        accessor(class, "lineno", get_lineno, None);
        accessor(class, "colno", get_colno, None);
        accessor(class, "error", get_error, None);
        class.property(JsSymbol::to_string_tag(), js_string!("ErrorEvent"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

// ---------------------------------------------------------------- EventTarget

/// One registered listener; `callback == None` is the slot of an event handler attribute
/// (`onabort`), whose current value is looked up when it runs.
#[derive(Debug, Clone, Trace, Finalize)]
struct Listener {
    #[unsafe_ignore_trace]
    event_type: JsString,
    callback: Option<JsObject>,
    #[unsafe_ignore_trace]
    capture: bool,
    #[unsafe_ignore_trace]
    once: bool,
    #[unsafe_ignore_trace]
    passive: bool,
    /// Runs even after `stopImmediatePropagation` (Node's `events.addAbortListener`).
    #[unsafe_ignore_trace]
    resist: bool,
    /// Set when the listener is removed, so a dispatch already under way skips it.
    #[unsafe_ignore_trace]
    removed: Rc<Cell<bool>>,
}

impl Listener {
    fn same_as(&self, event_type: &JsString, callback: &Option<JsObject>, capture: bool) -> bool {
        &self.event_type == event_type
            && self.capture == capture
            && match (&self.callback, callback) {
                (Some(a), Some(b)) => JsObject::equals(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// The state of an `EventTarget` (and of every object of a class built on it).
#[derive(Debug, Default, Trace, Finalize, JsData)]
pub struct EventTarget {
    listeners: Vec<Listener>,
    /// Event handler attributes that have a value: (event type, handler).
    handlers: Vec<(JsValue, JsValue)>,
    /// The abort state when this target is an `AbortSignal`.
    pub(crate) signal: Option<Box<AbortSignal>>,
}

impl EventTarget {
    pub fn with_signal(signal: AbortSignal) -> Self {
        EventTarget { listeners: Vec::new(), handlers: Vec::new(), signal: Some(Box::new(signal)) }
    }

    fn remove(&mut self, event_type: &JsString, callback: &Option<JsObject>, capture: bool) {
        self.listeners.retain(|l| {
            let matches = l.same_as(event_type, callback, capture);
            if matches {
                l.removed.set(true);
            }
            !matches
        });
    }

    /// Removes the listener whose removal flag is `flag` (an `AbortSignal` listener option).
    pub(crate) fn remove_by_flag(&mut self, flag: &Rc<Cell<bool>>) {
        flag.set(true);
        self.listeners.retain(|l| !Rc::ptr_eq(&l.removed, flag));
    }
}

pub(crate) fn target_data<R>(object: &JsObject, f: impl FnOnce(&mut EventTarget) -> R) -> JsResult<R> {
    let mut data = object
        .downcast_mut::<EventTarget>()
        .ok_or_else(|| JsNativeError::typ().with_message("not an EventTarget"))?;
    Ok(f(&mut data))
}

/// Reports an exception thrown by a listener: the event loop treats it as uncaught after the
/// current task, so the other listeners and the dispatcher still run (HTML's "report an
/// exception" without a global error event).
pub fn report_exception(error: JsError, context: &mut Context) {
    let realm = context.realm().clone();
    context.enqueue_job(GenericJob::new(move |_| Err(error), realm).into());
}

fn listener_object(value: &JsValue, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value
        .as_object()
        .map(Some)
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: the listener must be an object or a function")).into())
}

fn add_event_listener(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let what = "EventTarget.addEventListener";
    let target = idl::receiver_through::<EventTarget>(this, what, context)?;
    arity(what, 2, args)?;
    let event_type = args[0].to_string(context)?;
    let callback = listener_object(&args[1], what)?;
    let options = args.get_or_undefined(2);
    let (capture, once, passive, signal) = match options.as_object() {
        Some(options) => {
            let capture = options.get(js_string!("capture"), context)?.to_boolean();
            let once = options.get(js_string!("once"), context)?.to_boolean();
            let passive = options.get(js_string!("passive"), context)?.to_boolean();
            let signal = options.get(js_string!("signal"), context)?;
            let signal = if signal.is_undefined() {
                None
            } else {
                Some(signal_object_state(&signal, context).ok_or_else(|| {
                    JsNativeError::typ().with_message(format!("{what}: the signal option must be an AbortSignal"))
                })?)
            };
            (capture, once, passive, signal)
        }
        None => (options.to_boolean(), false, false, None),
    };
    let Some(callback) = callback else { return Ok(JsValue::undefined()) };
    if let Some(signal) = &signal
        && target_data(signal, |t| t.signal.as_ref().is_some_and(|s| s.aborted))?
    {
        return Ok(JsValue::undefined());
    }
    let callback = Some(callback);
    let removed = Rc::new(Cell::new(false));
    let added = target_data(&target, |t| {
        if t.listeners.iter().any(|l| l.same_as(&event_type, &callback, capture)) {
            return false;
        }
        t.listeners.push(Listener { event_type, callback, capture, once, passive, resist: false, removed: removed.clone() });
        true
    })?;
    if added && let Some(signal) = signal {
        target_data(&signal, |t| {
            if let Some(state) = t.signal.as_mut() {
                state.listener_removals.push(super::abort::ListenerRemoval { target: target.clone(), flag: removed });
            }
        })?;
    }
    Ok(JsValue::undefined())
}

fn remove_event_listener(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let what = "EventTarget.removeEventListener";
    let target = idl::receiver_through::<EventTarget>(this, what, context)?;
    arity(what, 2, args)?;
    let event_type = args[0].to_string(context)?;
    let callback = listener_object(&args[1], what)?;
    let options = args.get_or_undefined(2);
    let capture = match options.as_object() {
        Some(options) => options.get(js_string!("capture"), context)?.to_boolean(),
        None => options.to_boolean(),
    };
    if callback.is_some() {
        target_data(&target, |t| t.remove(&event_type, &callback, capture))?;
    }
    Ok(JsValue::undefined())
}

fn dispatch_event(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let what = "EventTarget.dispatchEvent";
    let target = idl::receiver_through::<EventTarget>(this, what, context)?;
    arity(what, 1, args)?;
    let event = idl::receiver::<Event>(&args[0], "EventTarget.dispatchEvent: the argument is not an Event")?;
    let usable = event_data(&event, |e| {
        let usable = !e.flags.dispatching && e.flags.initialized;
        if usable {
            e.flags.trusted = false;
        }
        usable
    })?;
    if !usable {
        return Err(dom_exception("InvalidStateError", "The event is already being dispatched or was not initialized", context));
    }
    Ok(dispatch(&target, &event, context)?.into())
}

/// `_boa:events`, what Node's `events` module sees of an EventTarget: `listeners(target, type)`
/// (for `getEventListeners`) and `resistStopPropagation(target, type, callback)`.
pub fn binding(context: &mut Context) -> JsResult<Module> {
    let exports = crate::exports::Exports::new()
        .functions(&[("listeners", 2, listeners), ("resistStopPropagation", 3, resist_stop_propagation)], context);
    Ok(exports.into_module(context))
}

/// The callbacks registered for `type`, in order (event handler attributes left out).
fn listeners(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = idl::receiver::<EventTarget>(args.get_or_undefined(0), "listeners")?;
    let event_type = args.get_or_undefined(1).to_string(context)?;
    let callbacks: Vec<JsValue> = target_data(&target, |t| {
        t.listeners.iter().filter(|l| l.event_type == event_type).filter_map(|l| l.callback.clone().map(JsValue::from)).collect()
    })?;
    Ok(boa_engine::object::builtins::JsArray::from_iter(callbacks, context).into())
}

/// The listener already added for `type` with `callback` runs even when an earlier one stops
/// the event (for `events.addAbortListener`).
fn resist_stop_propagation(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = idl::receiver::<EventTarget>(args.get_or_undefined(0), "resistStopPropagation")?;
    let event_type = args.get_or_undefined(1).to_string(context)?;
    let callback = args.get_or_undefined(2).as_object();
    target_data(&target, |t| {
        for l in t.listeners.iter_mut().filter(|l| l.event_type == event_type) {
            if let (Some(a), Some(b)) = (&l.callback, &callback) && JsObject::equals(a, b) {
                l.resist = true;
            }
        }
    })?;
    Ok(JsValue::undefined())
}

/// Dispatches `event` at `target`: capture listeners, then the others. Returns `false` when a
/// listener cancelled it. Listener errors are reported, never thrown to the dispatcher.
pub fn dispatch(target: &JsObject, event: &JsObject, context: &mut Context) -> JsResult<bool> {
    let event_type = event_data(event, |e| {
        e.flags.dispatching = true;
        e.target = Some(target.clone());
        e.current_target = Some(target.clone());
        e.phase = AT_TARGET;
        e.event_type.clone()
    })?;
    let snapshot: Vec<Listener> =
        target_data(target, |t| t.listeners.iter().filter(|l| l.event_type == event_type).cloned().collect())?;
    if !snapshot.is_empty() {
        for capture_phase in [true, false] {
            // stopPropagation() in a capture listener ends the phases; stopImmediatePropagation()
            // ends them at once. Neither skips a resisting listener.
            let propagation_stopped = event_data(event, |e| e.flags.stop_propagation)?;
            for listener in snapshot.iter().filter(|l| l.capture == capture_phase) {
                if listener.removed.get()
                    || (!listener.resist && (propagation_stopped || event_data(event, |e| e.flags.stop_immediate)?))
                {
                    continue;
                }
                if listener.once {
                    target_data(target, |t| t.remove_by_flag(&listener.removed))?;
                }
                if listener.passive {
                    event_data(event, |e| e.flags.in_passive_listener = true)?;
                }
                if let Err(error) = invoke(target, event, listener, &event_type, context) {
                    report_exception(error, context);
                }
                event_data(event, |e| e.flags.in_passive_listener = false)?;
            }
        }
    }
    event_data(event, |e| {
        e.phase = NONE;
        e.current_target = None;
        e.flags.dispatching = false;
        e.flags.stop_propagation = false;
        e.flags.stop_immediate = false;
        !e.flags.canceled
    })
}

fn invoke(target: &JsObject, event: &JsObject, listener: &Listener, event_type: &JsString, context: &mut Context) -> JsResult<()> {
    let this: JsValue = target.clone().into();
    let args = [JsValue::from(event.clone())];
    match &listener.callback {
        None => {
            let key: JsValue = event_type.clone().into();
            let handler = target_data(target, |t| {
                t.handlers.iter().find(|(k, _)| k == &key).map(|(_, h)| h.clone())
            })?;
            if let Some(handler) = handler.as_ref().and_then(JsValue::as_callable) {
                handler.call(&this, &args, context)?;
            }
        }
        Some(callback) if callback.is_callable() => {
            callback.call(&this, &args, context)?;
        }
        Some(object) => {
            let method = object.get(js_string!("handleEvent"), context)?;
            let method = method
                .as_callable()
                .ok_or_else(|| JsNativeError::typ().with_message("the event listener has no handleEvent method"))?;
            method.call(&object.clone().into(), &args, context)?;
        }
    }
    Ok(())
}

/// The value of event handler attribute `on<event_type>` (null when unset).
pub fn get_handler(target: &JsObject, event_type: &str) -> JsResult<JsValue> {
    let key: JsValue = JsString::from(event_type).into();
    target_data(target, |t| t.handlers.iter().find(|(k, _)| k == &key).map_or(JsValue::null(), |(_, h)| h.clone()))
}

/// Sets event handler attribute `on<event_type>`: a function takes the listener slot (kept at
/// the position where it was first set); anything else clears it.
pub fn set_handler(target: &JsObject, event_type: &str, value: &JsValue) -> JsResult<()> {
    let event_type = JsString::from(event_type);
    let key: JsValue = event_type.clone().into();
    target_data(target, |t| {
        t.handlers.retain(|(k, _)| k != &key);
        if value.is_callable() {
            t.handlers.push((key, value.clone()));
            if !t.listeners.iter().any(|l| l.same_as(&event_type, &None, false)) {
                t.listeners.push(Listener {
                    event_type,
                    callback: None,
                    capture: false,
                    once: false,
                    passive: false,
                    resist: false,
                    removed: Rc::new(Cell::new(false)),
                });
            }
        } else {
            t.remove(&event_type, &None, false);
        }
    })
}

impl Class for EventTarget {
    const NAME: &'static str = "EventTarget";
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(EventTarget::default())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "addEventListener", 2, add_event_listener);
        method(class, "removeEventListener", 2, remove_event_listener);
        method(class, "dispatchEvent", 1, dispatch_event);
        class.property(JsSymbol::to_string_tag(), js_string!("EventTarget"), Attribute::CONFIGURABLE);
        Ok(())
    }
}

/// `reportError(e)`: reports `e` as an uncaught exception (after the current task).
fn report_error(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    arity("reportError", 1, args)?;
    report_exception(JsError::from_opaque(args[0].clone()), context);
    Ok(JsValue::undefined())
}

/// Makes `Child.prototype` inherit from `Parent.prototype` and `Child` from `Parent`.
pub fn inherit<Child: Class, Parent: Class>(context: &mut Context) -> JsResult<()> {
    let missing = || JsNativeError::typ().with_message("class not registered");
    let child = context.realm().get_class::<Child>().ok_or_else(missing)?;
    let parent = context.realm().get_class::<Parent>().ok_or_else(missing)?;
    child.prototype().set_prototype(Some(parent.prototype()));
    child.constructor().set_prototype(Some(parent.constructor()));
    Ok(())
}

/// The names [`build`] defines, installed as lazy globals.
pub const GLOBALS: &[&str] =
    &["Event", "EventTarget", "CustomEvent", "ErrorEvent", "reportError", "AbortController", "AbortSignal"];

/// Builds the events family (with `AbortController`/`AbortSignal`, which depend on it).
pub fn build(context: &mut Context) -> JsResult<JsObject> {
    use crate::exports::register_class;
    let exports = JsObject::with_null_proto();
    let event = register_class::<Event>(context)?;
    let custom = register_class::<CustomEvent>(context)?;
    let error = register_class::<ErrorEvent>(context)?;
    let target = register_class::<EventTarget>(context)?;
    inherit::<CustomEvent, Event>(context)?;
    inherit::<ErrorEvent, Event>(context)?;
    let report = boa_engine::object::FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(report_error))
        .name(js_string!("reportError"))
        .length(1)
        .build();
    for (name, value) in [("Event", event), ("CustomEvent", custom), ("ErrorEvent", error), ("EventTarget", target), ("reportError", report.into())] {
        exports.set(JsString::from(name), value, false, context)?;
    }
    super::abort::build(&exports, context)?;
    Ok(exports)
}
