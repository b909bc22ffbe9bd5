//! `URL` and `URLSearchParams` (WHATWG URL Standard), on top of the `url` crate.
//!
//! A `URL` object owns its `URLSearchParams` (created with it, the same object on every access)
//! and the params object points back at the URL: changing the params rewrites `url.search`, and
//! setting `url.search` or `url.href` re-reads the params' list from the new query.

use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsSymbol,
    JsValue, NativeFunction, Trace,
    builtins::{iterable::create_iter_result_object, object::OrdinaryObject},
    class::{Class, ClassBuilder},
    js_string,
    object::{FunctionObjectBuilder, builtins::JsArray},
    property::{Attribute, PropertyKey},
};
use url::form_urlencoded;

use super::blob::{Blob, blob_of};

/// The longest piece of a bad input quoted back in an error message.
const MAX_QUOTED_INPUT: usize = 200;

fn invalid_url_error(what: &str, input: &str, reason: impl std::fmt::Display) -> JsNativeError {
    let quoted: String = if input.chars().count() > MAX_QUOTED_INPUT {
        input
            .chars()
            .take(MAX_QUOTED_INPUT)
            .chain("…".chars())
            .collect()
    } else {
        input.to_owned()
    };
    JsNativeError::typ().with_message(format!("Invalid {what} \"{quoted}\": {reason}"))
}

/// The basic URL parser, with an optional base (as the `URL` constructor uses it).
pub fn parse_url(input: &str, base: Option<&str>) -> JsResult<url::Url> {
    let base = match base {
        Some(base) => {
            Some(url::Url::parse(base).map_err(|e| invalid_url_error("base URL", base, e))?)
        }
        None => None,
    };
    url::Url::options()
        .base_url(base.as_ref())
        .parse(input)
        .map_err(|e| invalid_url_error("URL", input, e).into())
}

/// A JS value as a USVString (lone surrogates become U+FFFD).
fn to_usv_string(value: &JsValue, context: &mut Context) -> JsResult<String> {
    Ok(value.to_string(context)?.to_std_string_lossy())
}

/// The `(input, base)` arguments of `new URL`, `URL.parse` and `URL.canParse`.
fn url_arguments(
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<(String, Option<String>)> {
    if args.is_empty() {
        return Err(missing_url_argument(context));
    }
    let input = to_usv_string(&args[0], context)?;
    let base = match args.get_or_undefined(1) {
        base if base.is_undefined() => None,
        base => Some(to_usv_string(base, context)?),
    };
    Ok((input, base))
}

/// Node's error for a call without its URL (a TypeError with code `ERR_MISSING_ARGS`).
fn missing_url_argument(context: &mut Context) -> boa_engine::JsError {
    let error = JsNativeError::typ().with_message("The \"url\" argument must be specified");
    crate::node::crypto::coded(error, "ERR_MISSING_ARGS", context)
}

fn missing_arguments(what: &str, needed: usize, given: usize) -> JsNativeError {
    let plural = if needed == 1 { "" } else { "s" };
    JsNativeError::typ().with_message(format!(
        "{what}: {needed} argument{plural} required, but only {given} present"
    ))
}

fn js_str(text: &str) -> JsValue {
    JsString::from(text).into()
}

/// A getter or setter function for `ClassBuilder::accessor`.
fn accessor_function(
    context: &mut Context,
    name: String,
    length: usize,
    function: NativeFunction,
) -> boa_engine::object::builtins::JsFunction {
    FunctionObjectBuilder::new(context.realm(), function)
        .name(JsString::from(name.as_str()))
        .length(length)
        .build()
}

// ---------------------------------------------------------------------------------------------
// URL
// ---------------------------------------------------------------------------------------------

/// A `URL` object.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct Url {
    #[unsafe_ignore_trace]
    url: url::Url,
    /// The `searchParams` object; set right after the URL object is created.
    search_params: Option<JsObject>,
}

impl Url {
    /// The parsed URL.
    pub fn url(&self) -> &url::Url {
        &self.url
    }
}

/// Runs `f` on the URL behind `this`, or throws a TypeError naming `what`.
fn with_url<R>(this: &JsValue, what: &str, f: impl FnOnce(&mut Url) -> R) -> JsResult<R> {
    let object = this.as_object();
    let mut url = object
        .as_ref()
        .and_then(|o| o.downcast_mut::<Url>())
        .ok_or_else(|| {
            JsNativeError::typ().with_message(format!("{what}: 'this' is not a URL object"))
        })?;
    Ok(f(&mut url))
}

/// Re-reads the list of the URL's params object from the URL's current query.
fn refresh_search_params(url_object: &JsValue) -> JsResult<()> {
    let (query, params) = with_url(url_object, "URL", |u| {
        (u.url.query().map(str::to_owned), u.search_params.clone())
    })?;
    if let Some(mut params) = params
        .as_ref()
        .and_then(|p| p.downcast_mut::<UrlSearchParams>())
    {
        params.list = query.map(|q| parse_query(&q)).unwrap_or_default();
    }
    Ok(())
}

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
type ComponentGetter = fn(&url::Url) -> &str;
type ComponentSetter = fn(&mut url::Url, &str);

/// The string attributes of a URL: name, getter, setter (`None`: read-only).
/// Setters ignore values the URL cannot take, as the standard says (only `href` throws).
const COMPONENTS: &[(&str, ComponentGetter, Option<ComponentSetter>)] = &[
    ("href", url::quirks::href, None), // its setter can throw: defined separately
    ("origin", |_| "", None),          // computed: defined separately
    (
        "protocol",
        url::quirks::protocol,
        Some(|u, v| {
            let _ = url::quirks::set_protocol(u, v);
        }),
    ),
    (
        "username",
        url::quirks::username,
        Some(|u, v| {
            let _ = url::quirks::set_username(u, v);
        }),
    ),
    (
        "password",
        url::quirks::password,
        Some(|u, v| {
            let _ = url::quirks::set_password(u, v);
        }),
    ),
    (
        "host",
        url::quirks::host,
        Some(|u, v| {
            let _ = url::quirks::set_host(u, v);
        }),
    ),
    (
        "hostname",
        url::quirks::hostname,
        Some(|u, v| {
            let _ = url::quirks::set_hostname(u, v);
        }),
    ),
    (
        "port",
        url::quirks::port,
        Some(|u, v| {
            let _ = url::quirks::set_port(u, v);
        }),
    ),
    (
        "pathname",
        url::quirks::pathname,
        Some(url::quirks::set_pathname),
    ),
    ("search", url::quirks::search, Some(url::quirks::set_search)),
    ("hash", url::quirks::hash, Some(url::quirks::set_hash)),
];

fn url_href(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "URL.href", |u| js_str(u.url.as_str()))
}

fn url_set_href(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let href = to_usv_string(args.get_or_undefined(0), context)?;
    let parsed = parse_url(&href, None)?;
    with_url(this, "URL.href", |u| u.url = parsed)?;
    refresh_search_params(this)?;
    Ok(JsValue::undefined())
}

fn url_origin(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "URL.origin", |u| js_str(&url::quirks::origin(&u.url)))
}

fn url_search_params(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "URL.searchParams", |u| {
        u.search_params
            .clone()
            .map(JsValue::from)
            .unwrap_or_default()
    })
}

fn url_to_string(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "URL.toString", |u| js_str(u.url.as_str()))
}

fn url_to_json(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "URL.toJSON", |u| js_str(u.url.as_str()))
}

fn url_can_parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (input, base) = url_arguments(args, context)?;
    Ok(parse_url(&input, base.as_deref()).is_ok().into())
}

fn url_parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (input, base) = url_arguments(args, context)?;
    match parse_url(&input, base.as_deref()) {
        Ok(url) => Ok(Url::from_data(
            Url {
                url,
                search_params: None,
            },
            context,
        )?
        .into()),
        Err(_) => Ok(JsValue::null()),
    }
}

// ---------------------------------------------------------------------------------------------
// Object URLs: `URL.createObjectURL(blob)` → `blob:nodedata:<uuid>`, as Node names them
// ---------------------------------------------------------------------------------------------

const OBJECT_URL_PREFIX: &str = "blob:nodedata:";

/// The realm's registered blobs, by id. A Blob holds only bytes, so nothing here needs tracing.
#[derive(Default, Trace, Finalize, JsData)]
struct ObjectUrls(#[unsafe_ignore_trace] std::collections::HashMap<String, Blob>);

fn create_object_url(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let Some(blob) = blob_of(value) else {
        let error = JsNativeError::typ().with_message(format!(
            "The \"obj\" argument must be an instance of Blob. Received {}",
            value.type_of()
        ));
        return Err(crate::node::crypto::coded(error, "ERR_INVALID_ARG_TYPE", context));
    };
    let id = crate::crypto::random::uuid_v4()
        .map_err(|e| JsNativeError::error().with_message(format!("URL.createObjectURL: {e}")))?;
    let realm = context.realm().clone();
    let mut host = realm.host_defined_mut();
    if host.get::<ObjectUrls>().is_none() {
        host.insert(ObjectUrls::default());
    }
    if let Some(urls) = host.get_mut::<ObjectUrls>() {
        urls.0.insert(id.clone(), blob);
    }
    Ok(js_str(&format!("{OBJECT_URL_PREFIX}{id}")))
}

fn revoke_object_url(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(missing_url_argument(context));
    }
    let url = to_usv_string(&args[0], context)?;
    if let Some(id) = url.strip_prefix(OBJECT_URL_PREFIX)
        && let Some(urls) = context.realm().host_defined_mut().get_mut::<ObjectUrls>()
    {
        urls.0.remove(id);
    }
    Ok(JsValue::undefined())
}

/// `buffer.resolveObjectURL(url)`: the Blob registered under `url`, or `undefined`.
fn resolve_object_url(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let url = to_usv_string(args.get_or_undefined(0), context)?;
    let blob = url.strip_prefix(OBJECT_URL_PREFIX).and_then(|id| {
        context.realm().host_defined().get::<ObjectUrls>().and_then(|urls| urls.0.get(id).cloned())
    });
    match blob {
        Some(blob) => Ok(Blob::from_data(blob, context)?.into()),
        None => Ok(JsValue::undefined()),
    }
}

/// Module `_boa:url`: what `buffer` needs from the object-URL registry.
pub fn module(context: &mut Context) -> JsResult<boa_engine::Module> {
    let exports = crate::exports::Exports::new()
        .functions(&[("resolveObjectURL", 1, resolve_object_url)], context);
    Ok(exports.into_module(context))
}

impl Class for Url {
    const NAME: &'static str = "URL";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let (input, base) = url_arguments(args, context)?;
        Ok(Url {
            url: parse_url(&input, base.as_deref())?,
            search_params: None,
        })
    }

    /// Creates the params object linked to the new URL (also for `URL.parse`).
    fn object_constructor(
        instance: &JsObject<Self>,
        _: &[JsValue],
        context: &mut Context,
    ) -> JsResult<()> {
        let url_object: JsObject = instance.clone().upcast();
        let list = instance
            .borrow()
            .data()
            .url
            .query()
            .map(parse_query)
            .unwrap_or_default();
        let params = UrlSearchParams::from_data(
            UrlSearchParams {
                list,
                url: Some(url_object),
            },
            context,
        )?;
        instance.borrow_mut().data_mut().search_params = Some(params);
        Ok(())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        let attribute = Attribute::ENUMERABLE | Attribute::CONFIGURABLE;
        for &(name, getter, setter) in COMPONENTS {
            let (get, set) = match name {
                "href" => (
                    NativeFunction::from_fn_ptr(url_href),
                    Some(NativeFunction::from_fn_ptr(url_set_href)),
                ),
                "origin" => (NativeFunction::from_fn_ptr(url_origin), None),
                _ => (
                    NativeFunction::from_copy_closure(move |this, _, _| {
                        with_url(this, "URL getter", |u| js_str(getter(&u.url)))
                    }),
                    setter.map(|setter| {
                        NativeFunction::from_copy_closure(move |this, args, context| {
                            let value = to_usv_string(args.get_or_undefined(0), context)?;
                            with_url(this, "URL setter", |u| setter(&mut u.url, &value))?;
                            if name == "search" {
                                refresh_search_params(this)?;
                            }
                            Ok(JsValue::undefined())
                        })
                    }),
                ),
            };
            let get = accessor_function(class.context(), format!("get {name}"), 0, get);
            let set =
                set.map(|set| accessor_function(class.context(), format!("set {name}"), 1, set));
            class.accessor(js_string!(name), Some(get), set, attribute);
        }
        let get = accessor_function(
            class.context(),
            "get searchParams".into(),
            0,
            NativeFunction::from_fn_ptr(url_search_params),
        );
        class.accessor(js_string!("searchParams"), Some(get), None, attribute);
        class.method(
            js_string!("toString"),
            0,
            NativeFunction::from_fn_ptr(url_to_string),
        );
        class.method(
            js_string!("toJSON"),
            0,
            NativeFunction::from_fn_ptr(url_to_json),
        );
        class.static_method(
            js_string!("canParse"),
            1,
            NativeFunction::from_fn_ptr(url_can_parse),
        );
        class.static_method(
            js_string!("parse"),
            1,
            NativeFunction::from_fn_ptr(url_parse),
        );
        class.static_method(
            js_string!("createObjectURL"),
            1,
            NativeFunction::from_fn_ptr(create_object_url),
        );
        class.static_method(
            js_string!("revokeObjectURL"),
            1,
            NativeFunction::from_fn_ptr(revoke_object_url),
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("URL"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// URLSearchParams
// ---------------------------------------------------------------------------------------------

/// A `URLSearchParams` object: an ordered list of name/value pairs.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct UrlSearchParams {
    #[unsafe_ignore_trace]
    list: Vec<(String, String)>,
    /// The URL whose query this list is, if any.
    url: Option<JsObject>,
}

/// `application/x-www-form-urlencoded` parsing (invalid UTF-8 becomes U+FFFD).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

/// `application/x-www-form-urlencoded` serialization.
pub fn serialize_query(list: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(list.iter())
        .finish()
}

/// Stable sort by name, comparing UTF-16 code units as the standard says.
pub fn sort_pairs(list: &mut [(String, String)]) {
    list.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
}

fn params_of(this: &JsValue, what: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|o| o.is::<UrlSearchParams>())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what}: 'this' is not a URLSearchParams object"))
                .into()
        })
}

/// Reads the list behind `this`.
fn read_params<R>(
    this: &JsValue,
    what: &str,
    f: impl FnOnce(&[(String, String)]) -> R,
) -> JsResult<R> {
    let object = params_of(this, what)?;
    let params = object.downcast_ref::<UrlSearchParams>().ok_or_else(|| {
        JsNativeError::typ().with_message(format!("{what}: 'this' is not a URLSearchParams object"))
    })?;
    Ok(f(&params.list))
}

/// Changes the list behind `this`, then runs the standard's "update steps": the linked URL's
/// query becomes the serialized list (no query at all when the list is empty).
fn update_params<R>(
    this: &JsValue,
    what: &str,
    f: impl FnOnce(&mut Vec<(String, String)>) -> R,
) -> JsResult<R> {
    let object = params_of(this, what)?;
    let (result, url_object, serialized) = {
        let mut params = object.downcast_mut::<UrlSearchParams>().ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what}: 'this' is not a URLSearchParams object"))
        })?;
        let result = f(&mut params.list);
        let serialized = params.url.as_ref().map(|_| serialize_query(&params.list));
        (result, params.url.clone(), serialized)
    };
    if let (Some(url_object), Some(serialized)) = (url_object, serialized)
        && let Some(mut url) = url_object.downcast_mut::<Url>()
    {
        url.url.set_query(if serialized.is_empty() {
            None
        } else {
            Some(&serialized)
        });
    }
    Ok(result)
}

/// The name and, if given and not undefined, the value argument of `delete` and `has`.
fn name_and_optional_value(
    args: &[JsValue],
    what: &str,
    context: &mut Context,
) -> JsResult<(String, Option<String>)> {
    if args.is_empty() {
        return Err(missing_arguments(what, 1, 0).into());
    }
    let name = to_usv_string(&args[0], context)?;
    let value = match args.get_or_undefined(1) {
        value if value.is_undefined() => None,
        value => Some(to_usv_string(value, context)?),
    };
    Ok((name, value))
}

fn two_strings(args: &[JsValue], what: &str, context: &mut Context) -> JsResult<(String, String)> {
    if args.len() < 2 {
        return Err(missing_arguments(what, 2, args.len()).into());
    }
    Ok((
        to_usv_string(&args[0], context)?,
        to_usv_string(&args[1], context)?,
    ))
}

fn one_string(args: &[JsValue], what: &str, context: &mut Context) -> JsResult<String> {
    if args.is_empty() {
        return Err(missing_arguments(what, 1, 0).into());
    }
    to_usv_string(&args[0], context)
}

fn params_append(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.append")?;
    let (name, value) = two_strings(args, "URLSearchParams.append", context)?;
    update_params(this, "URLSearchParams.append", |list| {
        list.push((name, value))
    })?;
    Ok(JsValue::undefined())
}

fn params_delete(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.delete")?;
    let (name, value) = name_and_optional_value(args, "URLSearchParams.delete", context)?;
    update_params(this, "URLSearchParams.delete", |list| {
        list.retain(|(n, v)| !(n == &name && value.as_ref().is_none_or(|value| v == value)))
    })?;
    Ok(JsValue::undefined())
}

fn params_get(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.get")?;
    let name = one_string(args, "URLSearchParams.get", context)?;
    read_params(this, "URLSearchParams.get", |list| {
        list.iter()
            .find(|(n, _)| n == &name)
            .map(|(_, v)| js_str(v))
            .unwrap_or(JsValue::null())
    })
}

fn params_get_all(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.getAll")?;
    let name = one_string(args, "URLSearchParams.getAll", context)?;
    let values = read_params(this, "URLSearchParams.getAll", |list| {
        list.iter()
            .filter(|(n, _)| n == &name)
            .map(|(_, v)| js_str(v))
            .collect::<Vec<_>>()
    })?;
    Ok(JsArray::from_iter(values, context).into())
}

fn params_has(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.has")?;
    let (name, value) = name_and_optional_value(args, "URLSearchParams.has", context)?;
    read_params(this, "URLSearchParams.has", |list| {
        list.iter()
            .any(|(n, v)| n == &name && value.as_ref().is_none_or(|value| v == value))
            .into()
    })
}

fn params_set(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.set")?;
    let (name, value) = two_strings(args, "URLSearchParams.set", context)?;
    update_params(this, "URLSearchParams.set", |list| {
        match list.iter().position(|(n, _)| n == &name) {
            Some(first) => {
                list[first].1 = value;
                let mut index = 0;
                list.retain(|(n, _)| {
                    let keep = index <= first || n != &name;
                    index += 1;
                    keep
                });
            }
            None => list.push((name, value)),
        }
    })?;
    Ok(JsValue::undefined())
}

fn params_sort(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    update_params(this, "URLSearchParams.sort", |list| sort_pairs(list))?;
    Ok(JsValue::undefined())
}

fn params_to_string(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read_params(this, "URLSearchParams.toString", |list| {
        js_str(&serialize_query(list))
    })
}

fn params_size(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read_params(this, "URLSearchParams.size", |list| {
        JsValue::from(list.len() as u32)
    })
}

fn params_for_each(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_of(this, "URLSearchParams.forEach")?;
    let callback = args.get_or_undefined(0).as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message("URLSearchParams.forEach: the callback is not a function")
    })?;
    let this_arg = args.get_or_undefined(1).clone();
    // The list is live: re-read the entry at each index, as the callback may change the list.
    let mut index = 0;
    while let Some((name, value)) = read_params(this, "URLSearchParams.forEach", |list| {
        list.get(index).cloned()
    })? {
        callback.call(
            &this_arg,
            &[js_str(&value), js_str(&name), this.clone()],
            context,
        )?;
        index += 1;
    }
    Ok(JsValue::undefined())
}

fn params_iterator(
    this: &JsValue,
    kind: IterationKind,
    what: &str,
    context: &mut Context,
) -> JsResult<JsValue> {
    let params = params_of(this, what)?;
    Ok(UrlSearchParamsIterator::from_data(
        UrlSearchParamsIterator {
            params: Some(params),
            kind,
            index: 0,
        },
        context,
    )?
    .into())
}

fn params_entries(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_iterator(
        this,
        IterationKind::Entries,
        "URLSearchParams.entries",
        context,
    )
}

fn params_keys(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_iterator(this, IterationKind::Keys, "URLSearchParams.keys", context)
}

fn params_values(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    params_iterator(
        this,
        IterationKind::Values,
        "URLSearchParams.values",
        context,
    )
}

/// Calls `f` with each value an iterable object produces (the iterator protocol, by hand).
fn for_each_iterated(
    iterable: &JsObject,
    method: &JsObject,
    context: &mut Context,
    mut f: impl FnMut(JsValue, &mut Context) -> JsResult<()>,
) -> JsResult<()> {
    let iterator = method.call(&iterable.clone().into(), &[], context)?;
    let iterator = iterator.as_object().ok_or_else(|| {
        JsNativeError::typ().with_message("URLSearchParams: the iterator is not an object")
    })?;
    let next = iterator.get(js_string!("next"), context)?;
    let next = next.as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message("URLSearchParams: the iterator has no next method")
    })?;
    loop {
        let result = next.call(&iterator.clone().into(), &[], context)?;
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ()
                .with_message("URLSearchParams: the iterator result is not an object")
        })?;
        if result.get(js_string!("done"), context)?.to_boolean() {
            return Ok(());
        }
        let value = result.get(js_string!("value"), context)?;
        f(value, context)?;
    }
}

/// The `@@iterator` method of `value`, if it is an object that has one.
fn iterator_method(object: &JsObject, context: &mut Context) -> JsResult<Option<JsObject>> {
    let method = object.get(JsSymbol::iterator(), context)?;
    if method.is_null_or_undefined() {
        return Ok(None);
    }
    match method.as_callable() {
        Some(method) => Ok(Some(method.clone())),
        None => Err(JsNativeError::typ()
            .with_message("URLSearchParams: Symbol.iterator is not a function")
            .into()),
    }
}

/// The list for `new URLSearchParams(init)`.
fn list_from_init(init: &JsValue, context: &mut Context) -> JsResult<Vec<(String, String)>> {
    if init.is_undefined() {
        return Ok(Vec::new());
    }
    let Some(object) = init.as_object() else {
        let text = to_usv_string(init, context)?;
        return Ok(parse_query(text.strip_prefix('?').unwrap_or(&text)));
    };
    if let Some(params) = object.downcast_ref::<UrlSearchParams>() {
        return Ok(params.list.clone());
    }
    if let Some(method) = iterator_method(&object, context)? {
        // A sequence of [name, value] sequences.
        let mut list = Vec::new();
        for_each_iterated(&object, &method, context, |pair, context| {
            let pair_object = pair.as_object().ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("URLSearchParams: each pair must be an iterable [name, value]")
            })?;
            let pair_method = iterator_method(&pair_object, context)?.ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("URLSearchParams: each pair must be an iterable [name, value]")
            })?;
            let mut items = Vec::new();
            for_each_iterated(&pair_object, &pair_method, context, |item, _| {
                items.push(item);
                Ok(())
            })?;
            if items.len() != 2 {
                return Err(JsNativeError::typ()
                    .with_message(format!(
                        "URLSearchParams: each pair must have exactly 2 items, found {}",
                        items.len()
                    ))
                    .into());
            }
            list.push((
                to_usv_string(&items[0], context)?,
                to_usv_string(&items[1], context)?,
            ));
            Ok(())
        })?;
        return Ok(list);
    }
    // A record: the object's own enumerable string-keyed properties.
    let mut list = Vec::new();
    for key in object.own_property_keys(context)? {
        let name = match &key {
            PropertyKey::String(name) => name.clone(),
            PropertyKey::Index(index) => JsString::from(index.get().to_string().as_str()),
            PropertyKey::Symbol(_) => continue,
        };
        let descriptor = OrdinaryObject::get_own_property_descriptor(
            &JsValue::undefined(),
            &[object.clone().into(), name.clone().into()],
            context,
        )?;
        let enumerable = match descriptor.as_object() {
            Some(descriptor) => descriptor
                .get(js_string!("enumerable"), context)?
                .to_boolean(),
            None => false,
        };
        if enumerable {
            let value = object.get(key, context)?;
            list.push((name.to_std_string_lossy(), to_usv_string(&value, context)?));
        }
    }
    Ok(list)
}

impl Class for UrlSearchParams {
    const NAME: &'static str = "URLSearchParams";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Ok(UrlSearchParams {
            list: list_from_init(args.get_or_undefined(0), context)?,
            url: None,
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        let methods: [(&str, usize, NativeFn); 12] = [
            ("append", 2, params_append),
            ("delete", 1, params_delete),
            ("get", 1, params_get),
            ("getAll", 1, params_get_all),
            ("has", 1, params_has),
            ("set", 2, params_set),
            ("sort", 0, params_sort),
            ("toString", 0, params_to_string),
            ("forEach", 1, params_for_each),
            ("keys", 0, params_keys),
            ("values", 0, params_values),
            ("entries", 0, params_entries),
        ];
        for (name, length, function) in methods {
            class.method(
                js_string!(name),
                length,
                NativeFunction::from_fn_ptr(function),
            );
        }
        let size = accessor_function(
            class.context(),
            "get size".into(),
            0,
            NativeFunction::from_fn_ptr(params_size),
        );
        class.accessor(
            js_string!("size"),
            Some(size),
            None,
            Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("URLSearchParams"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// URLSearchParams iterators
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum IterationKind {
    Keys,
    Values,
    Entries,
}

/// A live iterator over a `URLSearchParams` list (sees pairs appended while iterating).
#[derive(Debug, Trace, Finalize, JsData)]
struct UrlSearchParamsIterator {
    /// `None` once the iterator is exhausted.
    params: Option<JsObject>,
    #[unsafe_ignore_trace]
    kind: IterationKind,
    #[unsafe_ignore_trace]
    index: usize,
}

fn iterator_next(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = this.as_object();
    let (params, kind, index) = {
        let iterator = object
            .as_ref()
            .and_then(|o| o.downcast_ref::<UrlSearchParamsIterator>())
            .ok_or_else(|| {
                JsNativeError::typ().with_message("next: 'this' is not a URLSearchParams iterator")
            })?;
        (iterator.params.clone(), iterator.kind, iterator.index)
    };
    let entry = match &params {
        Some(params) => read_params(&params.clone().into(), "URLSearchParams Iterator", |list| {
            list.get(index).cloned()
        })?,
        None => None,
    };
    let Some(object) = object else {
        return Ok(JsValue::undefined());
    };
    let Some((name, value)) = entry else {
        if let Some(mut iterator) = object.downcast_mut::<UrlSearchParamsIterator>() {
            iterator.params = None;
        }
        return Ok(create_iter_result_object(
            JsValue::undefined(),
            true,
            context,
        ));
    };
    if let Some(mut iterator) = object.downcast_mut::<UrlSearchParamsIterator>() {
        iterator.index += 1;
    }
    let result = match kind {
        IterationKind::Keys => js_str(&name),
        IterationKind::Values => js_str(&value),
        IterationKind::Entries => {
            JsArray::from_iter([js_str(&name), js_str(&value)], context).into()
        }
    };
    Ok(create_iter_result_object(result, false, context))
}

impl Class for UrlSearchParamsIterator {
    const NAME: &'static str = "URLSearchParams Iterator";

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message("Illegal constructor")
            .into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(
            js_string!("next"),
            0,
            NativeFunction::from_fn_ptr(iterator_next),
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("URLSearchParams Iterator"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }
}

/// Installs the `URL` and `URLSearchParams` globals.
pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<UrlSearchParams>()?;
    context.register_global_class::<Url>()?;

    // `[Symbol.iterator]` is the same function object as `entries`, as in browsers.
    let params_class = context
        .get_global_class::<UrlSearchParams>()
        .ok_or_else(|| JsNativeError::typ().with_message("URLSearchParams was not registered"))?;
    let prototype = params_class.prototype();
    let entries = prototype.get(js_string!("entries"), context)?;
    prototype.define_property_or_throw(
        JsSymbol::iterator(),
        boa_engine::property::PropertyDescriptor::builder()
            .value(entries)
            .writable(true)
            .enumerable(false)
            .configurable(true),
        context,
    )?;

    // The iterator class is not a global, but `from_data` needs it registered in the realm; its
    // prototype inherits from %IteratorPrototype% so iterator helpers and `[Symbol.iterator]` work.
    let mut builder = ClassBuilder::new::<UrlSearchParamsIterator>(context);
    UrlSearchParamsIterator::init(&mut builder)?;
    let iterator_class = builder.build();
    let iterator_prototype = context.intrinsics().constructors().iterator().prototype();
    iterator_class
        .prototype()
        .set_prototype(Some(iterator_prototype));
    context
        .realm()
        .register_class::<UrlSearchParamsIterator>(iterator_class);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trip() {
        let list = parse_query("a=1&b=x+y&c=%F0%9F%98%80&&d&=e");
        assert_eq!(
            list,
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("c".into(), "😀".into()),
                ("d".into(), "".into()),
                ("".into(), "e".into()),
            ]
        );
        assert_eq!(serialize_query(&list), "a=1&b=x+y&c=%F0%9F%98%80&d=&=e");
    }

    #[test]
    fn serialization_escapes_everything_but_the_safe_set() {
        let list = vec![("a b&c=d".to_owned(), "*-._~!'()".to_owned())];
        assert_eq!(serialize_query(&list), "a+b%26c%3Dd=*-._%7E%21%27%28%29");
    }

    #[test]
    fn invalid_percent_encoding_is_kept_and_bad_utf8_replaced() {
        assert_eq!(
            parse_query("a=%zz&b=%FF"),
            vec![("a".into(), "%zz".into()), ("b".into(), "\u{FFFD}".into())]
        );
    }

    #[test]
    fn sort_is_stable_and_by_utf16_code_units() {
        // U+FFFD sorts after U+1F600 in UTF-16 (0xFFFD > 0xD83D), though not in UTF-8 or chars.
        let mut list: Vec<(String, String)> = vec![
            ("\u{FFFD}".into(), "1".into()),
            ("😀".into(), "2".into()),
            ("b".into(), "3".into()),
            ("a".into(), "4".into()),
            ("b".into(), "5".into()),
        ];
        sort_pairs(&mut list);
        let values: Vec<&str> = list.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["4", "3", "5", "2", "1"]);
    }

    #[test]
    fn parse_with_and_without_base() {
        assert_eq!(
            parse_url("/x?y#z", Some("http://h/a/b")).unwrap().as_str(),
            "http://h/x?y#z"
        );
        assert!(parse_url("/x", None).is_err());
        assert!(parse_url("x", Some("not a url")).is_err());
        assert_eq!(
            parse_url("#f", Some("mailto:a@b")).unwrap().as_str(),
            "mailto:a@b#f"
        );
    }
}
