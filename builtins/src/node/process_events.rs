//! `process` as an event emitter: `on`, `once`, `off`, `emit`, `listeners`… with Node's
//! semantics, and signal events (`'SIGTERM'`, `'SIGINT'`, …) delivered from the platform.
//!
//! Adding the first listener for a signal makes the platform catch it (so it no longer ends the
//! process) and starts one task that waits for signals on the event loop and emits them as
//! `process.emit(name, name, number)`; removing the last listener gives the signal its default
//! action back. Waiting for signals does not keep the process alive. Under WASI no signal ever
//! arrives (WasmEdge passes none to the program; docs/deploy.md): listeners can be added and
//! emitted by hand, nothing more.
//!
//! Other events (`'exit'`, `'warning'`, …) are stored and run by `emit`; the runtime itself
//! emits none of them yet.

use std::cell::Cell;

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, job::NativeAsyncJob, js_string,
    object::builtins::JsArray,
};
use boa_gc::{Finalize, GcRefCell, Trace};
use wasmedge_boa_platform::signal;

#[derive(Trace, Finalize)]
struct Listener {
    event: JsValue,
    function: JsObject,
    #[unsafe_ignore_trace]
    once: bool,
}

/// Every listener on the realm's process object, in call order.
#[derive(Trace, Finalize, JsData, Default)]
struct Listeners {
    list: GcRefCell<Vec<Listener>>,
    #[unsafe_ignore_trace]
    signal_task_running: Cell<bool>,
}

fn listeners(context: &mut Context) -> &Listeners {
    if context.get_data::<Listeners>().is_none() {
        context.insert_data(Listeners::default());
    }
    context.get_data::<Listeners>().expect("inserted just now")
}

/// The signal number of an event name that is a signal.
fn signal_of(event: &JsValue) -> Option<i32> {
    event.as_string().and_then(|name| signal::number(&name.to_std_string_escaped()))
}

fn listener_argument(args: &[JsValue]) -> JsResult<JsObject> {
    match args.get_or_undefined(1).as_object() {
        Some(function) if function.is_callable() => Ok(function.clone()),
        _ => Err(JsNativeError::typ()
            .with_message("The \"listener\" argument must be of type function")
            .into()),
    }
}

fn add(this: &JsValue, args: &[JsValue], context: &mut Context, once: bool, prepend: bool) -> JsResult<JsValue> {
    let event = args.get_or_undefined(0).clone();
    let function = listener_argument(args)?;
    if let Some(number) = signal_of(&event) {
        watch_signal(number, context)?;
    }
    let listener = Listener { event, function, once };
    let list = &listeners(context).list;
    if prepend { list.borrow_mut().insert(0, listener) } else { list.borrow_mut().push(listener) }
    Ok(this.clone())
}

/// Catches signal `number` and makes sure one task forwards caught signals to `emit`.
fn watch_signal(number: i32, context: &mut Context) -> JsResult<()> {
    signal::listen(number).map_err(|e| {
        JsNativeError::error().with_message(format!("cannot listen to {}: {e}", signal::name(number).unwrap_or("signal")))
    })?;
    let state = listeners(context);
    if !signal::DELIVERED || state.signal_task_running.replace(true) {
        return Ok(());
    }
    context.enqueue_job(
        NativeAsyncJob::new(async move |context| {
            loop {
                let number = signal::next().await;
                let Some(name) = signal::name(number) else { continue };
                let context = &mut context.borrow_mut();
                let process = context.global_object().get(js_string!("process"), context)?;
                let name = JsValue::from(JsString::from(name));
                emit_event(&process, &name, &[name.clone(), number.into()], context)?;
            }
        })
        .into(),
    );
    Ok(())
}

/// Gives `event`'s signal its default action back when nothing listens to it any more.
fn release_signal_if_unused(event: &JsValue, context: &mut Context) {
    if let Some(number) = signal_of(event) {
        let in_use = listeners(context).list.borrow().iter().any(|l| l.event == *event);
        if !in_use {
            signal::unlisten(number);
        }
    }
}

pub fn on(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, context, false, false)
}

pub fn once(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, context, true, false)
}

pub fn prepend_listener(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, context, false, true)
}

pub fn prepend_once_listener(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, context, true, true)
}

/// `off(event, listener)`: removes the most recently added matching listener, as Node does.
pub fn off(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event = args.get_or_undefined(0).clone();
    let Some(function) = args.get_or_undefined(1).as_object() else { return Ok(this.clone()) };
    {
        let mut list = listeners(context).list.borrow_mut();
        if let Some(index) = list.iter().rposition(|l| l.event == event && l.function == function) {
            list.remove(index);
        }
    }
    release_signal_if_unused(&event, context);
    Ok(this.clone())
}

pub fn remove_all_listeners(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let removed: Vec<JsValue> = {
        let mut list = listeners(context).list.borrow_mut();
        let event = args.first().filter(|e| !e.is_undefined());
        let (removed, kept): (Vec<_>, Vec<_>) = list.drain(..).partition(|l| event.is_none_or(|e| l.event == *e));
        *list = kept;
        removed.iter().map(|l| l.event.clone()).collect()
    };
    for event in removed {
        release_signal_if_unused(&event, context);
    }
    Ok(this.clone())
}

fn emit_event(this: &JsValue, event: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<bool> {
    // The listeners at the time of the call run, even if one of them removes another.
    let (to_call, had_once) = {
        let mut list = listeners(context).list.borrow_mut();
        let to_call: Vec<JsObject> = list.iter().filter(|l| l.event == *event).map(|l| l.function.clone()).collect();
        let before = list.len();
        list.retain(|l| !(l.once && l.event == *event));
        (to_call, list.len() != before)
    };
    if had_once {
        release_signal_if_unused(event, context);
    }
    for function in &to_call {
        function.call(this, args, context)?;
    }
    Ok(!to_call.is_empty())
}

pub fn emit(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event = args.get_or_undefined(0).clone();
    let rest = args.get(1..).unwrap_or_default();
    Ok(emit_event(this, &event, rest, context)?.into())
}

pub fn listeners_of(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event = args.get_or_undefined(0).clone();
    let functions: Vec<JsValue> = listeners(context)
        .list
        .borrow()
        .iter()
        .filter(|l| l.event == event)
        .map(|l| l.function.clone().into())
        .collect();
    Ok(JsArray::from_iter(functions, context).into())
}

pub fn listener_count(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event = args.get_or_undefined(0).clone();
    Ok((listeners(context).list.borrow().iter().filter(|l| l.event == event).count() as u32).into())
}

pub fn event_names(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut names: Vec<JsValue> = Vec::new();
    for listener in listeners(context).list.borrow().iter() {
        if !names.contains(&listener.event) {
            names.push(listener.event.clone());
        }
    }
    Ok(JsArray::from_iter(names, context).into())
}
