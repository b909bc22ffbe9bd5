//! `DOMException`: the error type web APIs throw (`AbortError`, `InvalidCharacterError`, …).
//!
//! Its prototype inherits from `Error.prototype`, so `e instanceof Error` holds and
//! `String(e)` gives `"<name>: <message>"`.

use boa_engine::{
    Context, Finalize, JsData, JsError, JsNativeError, JsResult, JsString, JsSymbol, JsValue,
    Trace, boa_class, class::Class, js_string, property::PropertyDescriptor,
};

/// The legacy `code` of the names that have one (0 for all others).
fn legacy_code(name: &str) -> u16 {
    const CODES: &[(&str, u16)] = &[
        ("IndexSizeError", 1),
        ("HierarchyRequestError", 3),
        ("WrongDocumentError", 4),
        ("InvalidCharacterError", 5),
        ("NoModificationAllowedError", 7),
        ("NotFoundError", 8),
        ("NotSupportedError", 9),
        ("InvalidStateError", 11),
        ("SyntaxError", 12),
        ("InvalidModificationError", 13),
        ("NamespaceError", 14),
        ("InvalidAccessError", 15),
        ("TypeMismatchError", 17),
        ("SecurityError", 18),
        ("NetworkError", 19),
        ("AbortError", 20),
        ("URLMismatchError", 21),
        ("QuotaExceededError", 22),
        ("TimeoutError", 23),
        ("InvalidNodeTypeError", 24),
        ("DataCloneError", 25),
    ];
    CODES
        .iter()
        .find(|(known, _)| *known == name)
        .map_or(0, |(_, code)| *code)
}

/// A `DOMException` object.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct DomException {
    #[unsafe_ignore_trace]
    name: JsString,
    #[unsafe_ignore_trace]
    message: JsString,
}

#[boa_class(rename = "DOMException")]
#[boa(rename_all = "camelCase")]
impl DomException {
    /// `new DOMException(message = "", name = "Error")`.
    #[boa(constructor)]
    fn constructor(
        message: Option<JsValue>,
        name: Option<JsValue>,
        context: &mut Context,
    ) -> JsResult<Self> {
        let text =
            |value: Option<JsValue>, default: &str, context: &mut Context| -> JsResult<JsString> {
                match value {
                    Some(value) if !value.is_undefined() => value.to_string(context),
                    _ => Ok(JsString::from(default)),
                }
            };
        Ok(DomException {
            message: text(message, "", context)?,
            name: text(name, "Error", context)?,
        })
    }

    #[boa(getter)]
    fn name(&self) -> JsString {
        self.name.clone()
    }

    #[boa(getter)]
    fn message(&self) -> JsString {
        self.message.clone()
    }

    #[boa(getter)]
    fn code(&self) -> u16 {
        legacy_code(&self.name.to_std_string_lossy())
    }
}

/// A `DOMException` with this name and message, as a value to throw or to store as a reason.
pub fn dom_exception_value(name: &str, message: &str, context: &mut Context) -> JsResult<JsValue> {
    let data = DomException {
        name: JsString::from(name),
        message: JsString::from(message),
    };
    Ok(DomException::from_data(data, context)?.into())
}

/// A `DOMException` ready to be returned as `Err(..)`.
pub fn dom_exception(name: &str, message: &str, context: &mut Context) -> JsError {
    match dom_exception_value(name, message, context) {
        Ok(value) => JsError::from_opaque(value),
        // Only if the class is not registered: still throw something with the same text.
        Err(_) => JsNativeError::error()
            .with_message(format!("{name}: {message}"))
            .into(),
    }
}

/// Installs the `DOMException` global.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<DomException>()?;
    let class = context
        .get_global_class::<DomException>()
        .ok_or_else(|| JsNativeError::typ().with_message("DOMException was not registered"))?;
    let error = context.intrinsics().constructors().error().clone();
    let prototype = class.prototype();
    prototype.set_prototype(Some(error.prototype()));
    prototype.define_property_or_throw(
        JsSymbol::to_string_tag(),
        PropertyDescriptor::builder()
            .value(js_string!("DOMException"))
            .writable(false)
            .enumerable(false)
            .configurable(true),
        context,
    )?;
    class.constructor().set_prototype(Some(error.constructor()));
    Ok(())
}
