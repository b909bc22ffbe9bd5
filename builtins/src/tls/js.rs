//! Node's TLS options read from JavaScript (`ca`, `rejectUnauthorized`, `servername`, `key`,
//! `cert`), and TLS failures turned into JavaScript errors with Node's `code`.

use std::{rc::Rc, sync::Arc};

use boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, js_string, object::builtins::JsArray};
use rustls::ServerConfig;

use super::{ClientOptions, TlsClient, TlsFailure, server_config};
use crate::bytes::chunk_bytes;

/// A client's configuration and the name it verifies (and sends as SNI).
pub struct ClientSetup {
    pub client: Rc<TlsClient>,
    pub servername: String,
}

/// `Error: certificate has expired` with `code: 'CERT_HAS_EXPIRED'`, as Node throws it.
pub fn failure_error(failure: &TlsFailure, context: &mut Context) -> JsError {
    crate::node::http::coded_error(JsNativeError::error(), &failure.message, &failure.code, context)
}

/// One PEM (string or bytes) or an array of them; `None` when absent.
fn pem_list(value: &JsValue, what: &str, context: &mut Context) -> JsResult<Option<Vec<Vec<u8>>>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    let one = |v: &JsValue, context: &mut Context| -> JsResult<Vec<u8>> {
        chunk_bytes(v, context)?.ok_or_else(|| {
            JsNativeError::typ().with_message(format!("The \"options.{what}\" property must be a string, a Buffer or an array of them")).into()
        })
    };
    if let Some(object) = value.as_object().filter(|o| o.is_array()) {
        let array = JsArray::from_object(object.clone())?;
        let mut list = Vec::new();
        for i in 0..array.length(context)? {
            let item = array.get(i, context)?;
            list.push(one(&item, context)?);
        }
        return Ok(Some(list));
    }
    Ok(Some(vec![one(value, context)?]))
}

fn property(options: &JsValue, name: &str, context: &mut Context) -> JsResult<JsValue> {
    match options.as_object() {
        Some(object) => object.get(JsString::from(name), context),
        None => Ok(JsValue::undefined()),
    }
}

/// A client from Node's options (`ca`, `rejectUnauthorized`, `servername`, `ALPNProtocols`, and a
/// client certificate's `cert` and `key`) for a connection to `host`.
pub fn client_from_js(options: &JsValue, host: &str, context: &mut Context) -> JsResult<ClientSetup> {
    let mut settings = ClientOptions::with_defaults();
    settings.ca = pem_list(&property(options, "ca", context)?, "ca", context)?;
    let reject = property(options, "rejectUnauthorized", context)?;
    if !reject.is_undefined() {
        settings.reject_unauthorized = reject.to_boolean();
    }
    let alpn = property(options, "ALPNProtocols", context)?;
    if let Some(object) = alpn.as_object().filter(|o| o.is_array()) {
        let array = JsArray::from_object(object.clone())?;
        for i in 0..array.length(context)? {
            let item = array.get(i, context)?;
            if let Some(bytes) = chunk_bytes(&item, context)? {
                settings.alpn.push(bytes);
            }
        }
    }
    // A client certificate (the first of an array, as for a server).
    let first = |list: Option<Vec<Vec<u8>>>| list.and_then(|l| l.into_iter().next());
    settings.cert = first(pem_list(&property(options, "cert", context)?, "cert", context)?);
    settings.key = first(pem_list(&property(options, "key", context)?, "key", context)?);
    let servername = property(options, "servername", context)?;
    let servername = match servername.as_string() {
        Some(name) if !name.is_empty() => name.to_std_string_lossy(),
        _ => host.to_string(),
    };
    let client = TlsClient::new(&settings).map_err(|f| failure_error(&f, context))?;
    Ok(ClientSetup { client, servername })
}

/// A server configuration from Node's `key` and `cert` options (PEM; the first of an array).
pub fn server_from_js(options: &JsValue, alpn: Vec<Vec<u8>>, context: &mut Context) -> JsResult<Arc<ServerConfig>> {
    let first = |list: Option<Vec<Vec<u8>>>| list.and_then(|l| l.into_iter().next());
    let key = first(pem_list(&property(options, "key", context)?, "key", context)?);
    let cert = first(pem_list(&property(options, "cert", context)?, "cert", context)?);
    let (Some(key), Some(cert)) = (key, cert) else {
        let error = TlsFailure::new("ERR_MISSING_OPTION", "a TLS server needs the \"key\" and \"cert\" options (PEM)");
        return Err(failure_error(&error, context));
    };
    server_config(&key, &cert, alpn).map_err(|f| failure_error(&f, context))
}

/// A certificate as `getPeerCertificate()` gives it (`subject`, `issuer`, `subjectaltname`,
/// `valid_from`, `valid_to`, `serialNumber`, `fingerprint`, `fingerprint256`, `ca`, `raw`).
fn certificate_object(info: &super::cert::CertInfo, context: &mut Context) -> JsResult<JsObject> {
    let names = |pairs: &[(String, String)], context: &mut Context| -> JsResult<JsValue> {
        let object = JsObject::with_object_proto(context.intrinsics());
        for (key, value) in pairs {
            object.set(JsString::from(key.as_str()), JsString::from(value.as_str()), false, context)?;
        }
        Ok(object.into())
    };
    let object = JsObject::with_object_proto(context.intrinsics());
    let subject = names(&info.subject, context)?;
    object.set(js_string!("subject"), subject, false, context)?;
    let issuer = names(&info.issuer, context)?;
    object.set(js_string!("issuer"), issuer, false, context)?;
    if let Some(alt) = &info.subject_alt_name {
        object.set(js_string!("subjectaltname"), JsString::from(alt.as_str()), false, context)?;
    }
    object.set(js_string!("ca"), info.ca, false, context)?;
    object.set(js_string!("valid_from"), JsString::from(info.valid_from.as_str()), false, context)?;
    object.set(js_string!("valid_to"), JsString::from(info.valid_to.as_str()), false, context)?;
    object.set(js_string!("serialNumber"), JsString::from(info.serial_number.as_str()), false, context)?;
    object.set(js_string!("fingerprint"), JsString::from(info.fingerprint.as_str()), false, context)?;
    object.set(js_string!("fingerprint256"), JsString::from(info.fingerprint256.as_str()), false, context)?;
    let raw = crate::bytes::new_buffer(&info.raw, context)?;
    object.set(js_string!("raw"), raw, false, context)?;
    Ok(object)
}

/// What a socket knows once its handshake is done: `{ authorized, authorizationError,
/// alpnProtocol, protocol, cipher, peerCertificate }` (the last `null` without one).
pub fn session_info<S: crate::byte_stream::ByteStream>(
    stream: &super::TlsStream<S>,
    setup: Option<&ClientSetup>,
    context: &mut Context,
) -> JsResult<JsObject> {
    let session = stream.session();
    let object = JsObject::with_object_proto(context.intrinsics());
    let authorization_error = match (setup, session) {
        (Some(setup), rustls::Connection::Client(client)) => setup.client.authorization_error(client, &setup.servername),
        _ => None,
    };
    let authorized = setup.is_some() && authorization_error.is_none();
    object.set(js_string!("authorized"), authorized, false, context)?;
    let error: JsValue = match &authorization_error {
        Some(failure) => JsString::from(failure.code.as_str()).into(),
        None => JsValue::null(),
    };
    object.set(js_string!("authorizationError"), error, false, context)?;
    let alpn: JsValue = match session.alpn_protocol() {
        Some(protocol) => JsString::from(String::from_utf8_lossy(protocol).as_ref()).into(),
        None => false.into(),
    };
    object.set(js_string!("alpnProtocol"), alpn, false, context)?;
    let version = match session.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
        _ => "unknown",
    };
    object.set(js_string!("protocol"), js_string!(version), false, context)?;
    let cipher = session.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())).unwrap_or_default();
    object.set(js_string!("cipher"), JsString::from(cipher.as_str()), false, context)?;
    let certificate: JsValue = match session.peer_certificates().and_then(|c| c.first()).and_then(super::cert::info) {
        Some(info) => certificate_object(&info, context)?.into(),
        None => JsValue::null(),
    };
    object.set(js_string!("peerCertificate"), certificate, false, context)?;
    Ok(object)
}
