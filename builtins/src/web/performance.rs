//! `performance` (High Resolution Time, User Timing) and `navigator`.
//!
//! The clock is native (`now()` is called on hot paths); the entry objects of
//! `mark`/`measure` are built by `js/performance.js` on first use of the global.

use std::{
    sync::Mutex,
    time::{Instant, SystemTime, UNIX_EPOCH},
};

use boa_engine::{
    Context, JsObject, JsResult, JsString, JsValue, js_string,
    object::ObjectInitializer,
    property::Attribute,
};

use super::idl;

/// The time origin: a monotonic instant and the wall-clock time (ms since 1970) it stands for.
static ORIGIN: Mutex<Option<(Instant, f64)>> = Mutex::new(None);

fn origin() -> (Instant, f64) {
    let mut origin = ORIGIN.lock().unwrap_or_else(|e| e.into_inner());
    *origin.get_or_insert_with(|| {
        let wall = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
        (Instant::now(), wall)
    })
}

/// Restarts the time origin (a pre-initialised snapshot starts long after it was made).
pub fn restart_clock() {
    *ORIGIN.lock().unwrap_or_else(|e| e.into_inner()) = None;
    origin();
}

/// Milliseconds since the time origin, with microsecond resolution (coarsened, as browsers do).
pub fn now_ms() -> f64 {
    let elapsed = origin().0.elapsed().as_secs_f64() * 1000.0;
    (elapsed * 1000.0).floor() / 1000.0
}

fn now(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(now_ms().into())
}

fn time_origin(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(origin().1.into())
}

/// The names [`build`] defines, installed as lazy globals.
pub const GLOBALS: &[&str] =
    &["performance", "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "navigator", "Navigator"];

/// Builds `performance` and its classes (the object model in JavaScript, the clock native) and
/// `navigator`.
pub fn build(context: &mut Context) -> JsResult<JsObject> {
    let natives = idl::natives(context, &[("now", 0, now), ("timeOrigin", 0, time_origin)])?;
    let exports = idl::run_builtin_script("performance", web_js!("performance.js"), natives, context)?;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let user_agent = format!("wasmedge_boa/{}", env!("CARGO_PKG_VERSION"));
    let navigator_class = exports.get(js_string!("Navigator"), context)?;
    let navigator = ObjectInitializer::new(context)
        .property(js_string!("userAgent"), JsString::from(user_agent.as_str()), Attribute::ENUMERABLE)
        .property(js_string!("hardwareConcurrency"), cores as u32, Attribute::ENUMERABLE)
        .property(js_string!("language"), js_string!("en-US"), Attribute::ENUMERABLE)
        .property(js_string!("platform"), JsString::from(std::env::consts::OS), Attribute::ENUMERABLE)
        .build();
    if let Some(class) = navigator_class.as_object() {
        let prototype = class.get(js_string!("prototype"), context)?;
        if let Some(prototype) = prototype.as_object() {
            navigator.set_prototype(Some(prototype));
        }
    }
    let languages = boa_engine::object::builtins::JsArray::from_iter([js_string!("en-US").into()], context);
    navigator.set(js_string!("languages"), languages, false, context)?;
    exports.set(js_string!("navigator"), navigator, false, context)?;
    Ok(exports)
}
