//! Signal events for `process`: the native half of `process.on('SIGTERM', …)`.
//!
//! `process` is an EventEmitter (`js/internal/process.js`). As in Node, its `newListener` and
//! `removeListener` listeners call `watchSignal(name)` when a signal gets its first listener and
//! `unwatchSignal(name)` when it loses its last one (both in `_boa:process`). Watching makes the
//! platform catch the signal (so it no longer ends the process) and starts one task that waits for
//! signals on the event loop and emits each as `process.emit(name, name, number)`; unwatching gives
//! the signal its default action back. Waiting for signals does not keep the process alive. Under
//! WASI no signal ever arrives (WasmEdge passes none to the program; docs/deploy.md): listeners can
//! be added and emitted by hand, nothing more.

use std::cell::Cell;

use boa_engine::{Context, JsArgs, JsNativeError, JsResult, JsString, JsValue, job::NativeAsyncJob, js_string};
use wasmedge_boa_platform::signal;

thread_local! {
    /// Whether the task that forwards caught signals to `process.emit` is running.
    static SIGNAL_TASK_RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// The signal number of an event name that is a signal.
fn signal_of(event: &JsValue) -> Option<i32> {
    event.as_string().and_then(|name| signal::number(&name.to_std_string_escaped()))
}

/// `watchSignal(event)`: catches the signal `event` names (nothing for other events); `true` if
/// it is a signal.
pub fn watch_signal(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(number) = signal_of(args.get_or_undefined(0)) else { return Ok(false.into()) };
    signal::listen(number).map_err(|e| {
        JsNativeError::error().with_message(format!("cannot listen to {}: {e}", signal::name(number).unwrap_or("signal")))
    })?;
    if !signal::DELIVERED || SIGNAL_TASK_RUNNING.with(|running| running.replace(true)) {
        return Ok(true.into());
    }
    context.enqueue_job(
        NativeAsyncJob::new(async move |context| {
            loop {
                let number = signal::next().await;
                let Some(name) = signal::name(number) else { continue };
                let context = &mut context.borrow_mut();
                // The real process object, even if a script replaced `globalThis.process`.
                let process = super::process::this_process(context)?;
                let emit = process.get(js_string!("emit"), context)?;
                if let Some(emit) = emit.as_callable() {
                    let name = JsValue::from(JsString::from(name));
                    emit.call(&process.clone().into(), &[name.clone(), name, number.into()], context)?;
                }
            }
        })
        .into(),
    );
    Ok(true.into())
}

/// `unwatchSignal(event)`: gives the signal `event` names its default action back.
pub fn unwatch_signal(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(number) = signal_of(args.get_or_undefined(0)) {
        signal::unlisten(number);
    }
    Ok(JsValue::undefined())
}
