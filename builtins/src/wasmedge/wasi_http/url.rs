//! `wasi_http.URL`: a WHATWG URL (the `url` crate) with the reference's small read-only API
//! (`scheme`, `host` without port, `port` with scheme default, `path`, `query`), which is what
//! `http.fetch` needs. Unrelated to the global WHATWG `URL` class.

use boa_engine::{
    Context, JsArgs, JsData, JsResult, JsString, JsValue,
    class::{Class, ClassBuilder},
};
use boa_gc::{Finalize, Trace};

use super::js::{accessor, internal_error, method, with_data};

const NAME: &str = "URL";

#[derive(Debug, Trace, Finalize, JsData)]
pub struct HttpUrl {
    #[unsafe_ignore_trace]
    url: url::Url,
}

impl Class for HttpUrl {
    const NAME: &'static str = NAME;
    const LENGTH: usize = 1;

    /// `new URL(text)`: absolute URLs only (there is no base argument); a parse failure throws
    /// `InternalError: <reason>` as in the reference.
    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let text = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        match url::Url::parse(&text) {
            Ok(url) => Ok(Self { url }),
            Err(error) => Err(internal_error(&error.to_string(), context)),
        }
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        accessor(class, "href", href, None);
        accessor(class, "scheme", scheme, None);
        accessor(class, "username", username, None);
        accessor(class, "password", password, None);
        accessor(class, "host", host, None);
        accessor(class, "port", port, None);
        accessor(class, "path", path, None);
        accessor(class, "query", query, None);
        method(class, "toString", 0, href);
        Ok(())
    }
}

fn text(value: &str) -> JsValue {
    JsString::from(value).into()
}

fn href(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| text(u.url.as_str()))
}

fn scheme(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| text(u.url.scheme()))
}

fn username(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| text(u.url.username()))
}

fn password(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| text(u.url.password().unwrap_or_default()))
}

/// The host name only (no port); `undefined` for URLs without a host.
fn host(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| u.url.host_str().map_or_else(JsValue::undefined, text))
}

/// The explicit port, else the scheme's default (80, 443, 21, ...), else `undefined`.
fn port(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| {
        u.url.port_or_known_default().map_or_else(JsValue::undefined, JsValue::from)
    })
}

fn path(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| text(u.url.path()))
}

/// The query without `?`; `undefined` if there is none.
fn query(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_data(this, NAME, |u: &HttpUrl| u.url.query().map_or_else(JsValue::undefined, text))
}
