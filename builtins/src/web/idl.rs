//! Small helpers for web classes written by hand (WebIDL's shapes: accessors on the prototype,
//! constants on both the constructor and the prototype, dictionary members, receivers).

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Script, Source,
    class::ClassBuilder,
    native_function::NativeFunctionPointer,
    object::{FunctionObjectBuilder, NativeObject},
    property::Attribute,
};

/// Adds a getter (and optionally a setter) named `name` to the prototype: enumerable and
/// configurable, as WebIDL attributes are.
pub fn accessor(class: &mut ClassBuilder<'_>, name: &str, get: NativeFunctionPointer, set: Option<NativeFunctionPointer>) {
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
    class.accessor(JsString::from(name), Some(getter), setter, Attribute::ENUMERABLE | Attribute::CONFIGURABLE);
}

/// Adds a method to the prototype.
pub fn method(class: &mut ClassBuilder<'_>, name: &str, length: usize, f: NativeFunctionPointer) {
    class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
}

/// Adds a WebIDL constant to both the constructor and the prototype.
pub fn constant(class: &mut ClassBuilder<'_>, name: &str, value: i32) {
    let attribute = Attribute::ENUMERABLE;
    class.property(JsString::from(name), value, attribute);
    class.static_property(JsString::from(name), value, attribute);
}

/// The receiver of a method of class `T`, or a TypeError naming the method.
pub fn receiver<T: NativeObject>(this: &JsValue, what: &str) -> JsResult<JsObject> {
    match this.as_object() {
        Some(object) if object.is::<T>() => Ok(object),
        _ => Err(JsNativeError::typ().with_message(format!("{what}: Illegal invocation")).into()),
    }
}

/// As [`receiver`], also through a chain of proxies made by `new Proxy` (Node's JS classes check a
/// receiver by reading a property through it, which a forwarding proxy passes).
pub fn receiver_through<T: NativeObject>(this: &JsValue, what: &str, context: &mut Context) -> JsResult<JsObject> {
    match this.as_object() {
        Some(object) => receiver::<T>(&crate::engine::through_proxies(object, context).into(), what),
        None => receiver::<T>(this, what),
    }
}

/// Reads member `name` of a WebIDL dictionary argument (`undefined` when the dictionary is).
pub fn member(dictionary: &Option<JsObject>, name: &str, context: &mut Context) -> JsResult<JsValue> {
    match dictionary {
        Some(object) => object.get(JsString::from(name), context),
        None => Ok(JsValue::undefined()),
    }
}

/// A dictionary argument: `undefined`/`null` → `None`, an object → `Some`, anything else a
/// TypeError.
pub fn dictionary(value: &JsValue, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value
        .as_object()
        .map(Some)
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{what}: the options argument must be an object")).into())
}

/// The TypeError for a call with too few arguments.
pub fn arity(what: &str, required: usize, args: &[JsValue]) -> JsResult<()> {
    if args.len() < required {
        let plural = if required == 1 { "" } else { "s" };
        return Err(JsNativeError::typ()
            .with_message(format!("{what}: {required} argument{plural} required, but only {} present", args.len()))
            .into());
    }
    Ok(())
}

/// Evaluates one of the runtime's own JavaScript files (a script whose value is a function),
/// calls that function with `natives`, and returns the object it returns (its exports).
/// `compressed` is the file as `web_js!` embeds it.
pub fn run_builtin_script(name: &str, compressed: &[u8], natives: JsObject, context: &mut Context) -> JsResult<JsObject> {
    let source = crate::embedded::inflate_source(name, compressed)?;
    let path = std::path::PathBuf::from(format!("builtin:{name}"));
    let script = Script::parse(Source::from_bytes(&source).with_path(&path), None, context)?;
    let factory = script.evaluate(context)?;
    let factory = factory
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("builtin script {name} is not a function")))?;
    let exports = factory.call(&JsValue::undefined(), &[natives.into()], context)?;
    exports
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message(format!("builtin script {name} returned no exports")).into())
}

/// `{}` with `name: function` entries, the natives handed to a builtin script.
pub fn natives(context: &mut Context, functions: &[(&str, usize, NativeFunctionPointer)]) -> JsResult<JsObject> {
    let object = JsObject::with_object_proto(context.intrinsics());
    for (name, length, f) in functions {
        let function = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(*f))
            .name(JsString::from(*name))
            .length(*length)
            .build();
        object.set(JsString::from(*name), function, false, context)?;
    }
    Ok(object)
}
