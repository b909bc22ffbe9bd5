//! rustls configurations from Node's options: trusted roots, certificate verification with Node's
//! verdicts, `rejectUnauthorized`, ALPN, and server keys.
//!
//! Roots: the Mozilla roots compiled in (`webpki-roots`), plus the PEM certificates of
//! `SSL_CERT_FILE` (the QuickJS runtime's variable) and `NODE_EXTRA_CA_CERTS` (Node's), read once,
//! on the first TLS connection. A `ca` option replaces them all, as in Node.

use std::{
    cell::RefCell,
    collections::HashMap,
    rc::Rc,
    sync::{Arc, OnceLock},
};

use rustls::{
    CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme,
    client::{
        WebPkiServerVerifier,
        danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    },
    crypto::CryptoProvider,
    pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime, pem::PemObject},
};

use super::{
    cert,
    error::{TlsFailure, classify_verification},
};

/// The crypto provider every session uses (see docs/tls.md for why this one).
pub fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls_rustcrypto::provider())).clone()
}

/// Prints `message` on stderr once per process for each `key`.
fn warn_once(key: &str, message: &str) {
    thread_local! {
        static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }
    let first = WARNED.with(|w| {
        let mut w = w.borrow_mut();
        if w.iter().any(|k| k == key) {
            false
        } else {
            w.push(key.to_string());
            true
        }
    });
    if first {
        eprintln!("{message}");
    }
}

/// Certificates from PEM text (every `CERTIFICATE` block) or a single DER certificate.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    if bytes.first() == Some(&0x30) {
        return Ok(vec![CertificateDer::from(bytes.to_vec())]);
    }
    let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(bytes).collect();
    let certs = certs.map_err(|e| format!("not a PEM certificate ({e:?})"))?;
    if certs.is_empty() {
        return Err("no PEM certificate found".into());
    }
    Ok(certs)
}

fn add_all(store: &mut RootCertStore, certs: Vec<CertificateDer<'static>>) -> Result<(), String> {
    let (added, ignored) = store.add_parsable_certificates(certs);
    if added == 0 && ignored > 0 {
        return Err("the certificate cannot be used as a trust anchor".into());
    }
    Ok(())
}

/// The roots used when no `ca` is given: Mozilla's, then the extra files named by the
/// environment. A file that cannot be used is reported on stderr once and skipped.
fn default_roots() -> Arc<RootCertStore> {
    thread_local! {
        static ROOTS: RefCell<Option<Arc<RootCertStore>>> = const { RefCell::new(None) };
    }
    ROOTS.with(|roots| {
        roots
            .borrow_mut()
            .get_or_insert_with(|| {
                let mut store = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
                for variable in ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"] {
                    let Some(path) = std::env::var_os(variable).filter(|p| !p.is_empty()) else { continue };
                    let path = path.to_string_lossy().into_owned();
                    let loaded = std::fs::read(&path)
                        .map_err(|e| match e.kind() {
                            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                            _ => e.to_string(),
                        })
                        .and_then(|bytes| parse_certificates(&bytes))
                        .and_then(|certs| add_all(&mut store, certs));
                    if let Err(reason) = loaded {
                        warn_once(
                            &format!("roots:{path}"),
                            &format!("Warning: Ignoring extra certs from `{path}` ({variable}), load failed: {reason}"),
                        );
                    }
                }
                Arc::new(store)
            })
            .clone()
    })
}

/// The host name a client checks the certificate against (and sends as SNI unless it is an IP).
pub fn server_name(host: &str) -> Result<ServerName<'static>, TlsFailure> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(host.to_string())
        .map_err(|_| TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("invalid TLS server name: '{host}'")))
}

/// What a client connection asks for (Node's `tls.connect` options that concern TLS itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ClientOptions {
    /// PEM (or DER) certificates that replace the default roots.
    pub ca: Option<Vec<Vec<u8>>>,
    pub reject_unauthorized: bool,
    /// ALPN protocols to offer, in order of preference.
    pub alpn: Vec<Vec<u8>>,
    /// A client certificate chain and its key (PEM), sent when the server asks for one.
    pub cert: Option<Vec<u8>>,
    pub key: Option<Vec<u8>>,
}

impl ClientOptions {
    /// Verified connections, unless `NODE_TLS_REJECT_UNAUTHORIZED=0` (as in Node, which warns).
    pub fn with_defaults() -> Self {
        let reject_unauthorized = std::env::var("NODE_TLS_REJECT_UNAUTHORIZED").map_or(true, |v| v != "0");
        if !reject_unauthorized {
            warn_once(
                "reject-unauthorized-env",
                "Warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS \
                 connections and HTTPS requests insecure by disabling certificate verification.",
            );
        }
        Self { reject_unauthorized, ..Self::default() }
    }
}

/// A client configuration with the verifier that decides `authorized`.
pub struct TlsClient {
    pub config: Arc<ClientConfig>,
    verifier: Arc<NodeVerifier>,
}

impl TlsClient {
    /// The configuration for `options` (shared: connections with the same options resume
    /// sessions with each other).
    pub fn new(options: &ClientOptions) -> Result<Rc<TlsClient>, TlsFailure> {
        thread_local! {
            static CACHE: RefCell<HashMap<ClientOptions, Rc<TlsClient>>> = RefCell::new(HashMap::new());
        }
        if let Some(client) = CACHE.with(|c| c.borrow().get(options).cloned()) {
            return Ok(client);
        }
        if !options.reject_unauthorized {
            warn_once(
                "reject-unauthorized",
                "Warning: TLS certificate verification is disabled (rejectUnauthorized: false): the peer \
                 of such a connection is not authenticated.",
            );
        }
        let roots = match &options.ca {
            None => default_roots(),
            Some(list) => {
                let mut store = RootCertStore::empty();
                for bytes in list {
                    let certs = parse_certificates(bytes).map_err(|e| TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("ca: {e}")))?;
                    add_all(&mut store, certs).map_err(|e| TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("ca: {e}")))?;
                }
                Arc::new(store)
            }
        };
        let provider = provider();
        let webpki = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
            .build()
            .map_err(|e| TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("ca: {e}")))?;
        let verifier = Arc::new(NodeVerifier { webpki, roots, reject_unauthorized: options.reject_unauthorized });
        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsFailure::from_rustls(&e))?
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone());
        let mut config = match (&options.cert, &options.key) {
            (Some(cert), Some(key)) => {
                let (chain, key) = certified_key(cert, key)?;
                builder.with_client_auth_cert(chain, key).map_err(|e| key_mismatch(&e))?
            }
            (None, None) => builder.with_no_client_auth(),
            _ => return Err(TlsFailure::new("ERR_MISSING_OPTION", "a client certificate needs both the \"cert\" and \"key\" options (PEM)")),
        };
        config.alpn_protocols = options.alpn.clone();
        let client = Rc::new(TlsClient { config: Arc::new(config), verifier });
        // A handful of option sets at most in practice; `ca` lists could make it grow, so it is
        // bounded.
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= 32 {
                c.clear();
            }
            c.insert(options.clone(), client.clone());
        });
        Ok(client)
    }

    /// A new client session for `host`.
    pub fn connect(&self, host: &str) -> Result<ClientConnection, TlsFailure> {
        let name = server_name(host)?;
        ClientConnection::new(self.config.clone(), name).map_err(|e| TlsFailure::from_rustls(&e))
    }

    /// After the handshake: why the peer's certificate would be rejected, if it would (always
    /// `None` when `rejectUnauthorized` is on, since the handshake failed then).
    pub fn authorization_error(&self, session: &ClientConnection, host: &str) -> Option<TlsFailure> {
        if self.verifier.reject_unauthorized {
            return None;
        }
        let certs = session.peer_certificates()?;
        let (end_entity, intermediates) = certs.split_first()?;
        let name = server_name(host).ok()?;
        self.verifier.verify(end_entity, intermediates, &name, &[], UnixTime::now()).err().map(|e| TlsFailure::from_rustls(&e))
    }
}

/// webpki's verification with Node's verdicts; with `rejectUnauthorized: false` the chain is
/// accepted whatever it is (the handshake signature is still checked against its key).
#[derive(Debug)]
struct NodeVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    roots: Arc<RootCertStore>,
    reject_unauthorized: bool,
}

impl NodeVerifier {
    /// webpki's verdict, with Node's codes, and one case webpki refuses where OpenSSL (so Node)
    /// accepts: a self-signed certificate marked as a CA (what `openssl req -x509` makes) that is
    /// itself trusted (given as `ca`). webpki never takes a CA certificate as the server's, so
    /// that certificate is checked here as OpenSSL checks it: trusted as it is, within its
    /// validity period, and naming the host. The handshake signature is checked by rustls.
    fn verify(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let host = host_text(server_name);
        let error = match self.webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Ok(verified) => return Ok(verified),
            Err(error) => error,
        };
        let ca_as_leaf = matches!(&error, rustls::Error::InvalidCertificate(CertificateError::Other(other))
            if matches!(other.0.downcast_ref::<webpki::Error>(), Some(webpki::Error::CaUsedAsEndEntity)));
        if !(ca_as_leaf && intermediates.is_empty() && cert::is_self_issued(end_entity) == Some(true)) {
            return Err(classify_verification(error, end_entity, intermediates, &host));
        }
        let trusted = webpki::anchor_from_trusted_cert(end_entity).is_ok_and(|anchor| {
            self.roots.roots.iter().any(|root| {
                root.subject == anchor.subject && root.subject_public_key_info == anchor.subject_public_key_info
            })
        });
        let failure = if !trusted {
            // Untrusted, as OpenSSL says of a lone self-signed certificate.
            CertificateError::UnknownIssuer
        } else {
            let (not_before, not_after) = cert::validity(end_entity).unwrap_or((u64::MAX, 0));
            let named = webpki::EndEntityCert::try_from(end_entity)
                .is_ok_and(|leaf| leaf.verify_is_valid_for_subject_name(server_name).is_ok());
            if now.as_secs() < not_before {
                CertificateError::NotValidYet
            } else if now.as_secs() > not_after {
                CertificateError::Expired
            } else if !named {
                CertificateError::NotValidForName
            } else {
                return Ok(ServerCertVerified::assertion());
            }
        };
        Err(classify_verification(failure.into(), end_entity, intermediates, &host))
    }
}

fn host_text(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        _ => String::new(),
    }
}

impl ServerCertVerifier for NodeVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.verify(end_entity, intermediates, server_name, ocsp_response, now) {
            Ok(verified) => Ok(verified),
            Err(_) if !self.reject_unauthorized => Ok(ServerCertVerified::assertion()),
            Err(error) => Err(error),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// A certificate chain and its private key from Node's `cert` and `key` options (PEM).
fn certified_key(cert: &[u8], key: &[u8]) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsFailure> {
    let bad = |what: &str, e: String| TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("{what}: {e}"));
    let chain = parse_certificates(cert).map_err(|e| bad("cert", e))?;
    let key = PrivateKeyDer::from_pem_slice(key)
        .map_err(|_| bad("key", "not a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)".into()))?;
    Ok((chain, key))
}

/// rustls's refusal of a certificate and key, as an option error.
fn key_mismatch(error: &rustls::Error) -> TlsFailure {
    let text = match error {
        rustls::Error::InconsistentKeys(_) => "the key does not match the certificate".to_string(),
        other => other.to_string(),
    };
    TlsFailure::new("ERR_INVALID_ARG_VALUE", format!("key: {text}"))
}

/// A server's certificate chain and key (PEM, as Node's `key`/`cert` options take them).
pub fn server_config(key: &[u8], cert: &[u8], alpn: Vec<Vec<u8>>) -> Result<Arc<ServerConfig>, TlsFailure> {
    let (chain, key) = certified_key(cert, key)?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsFailure::from_rustls(&e))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| key_mismatch(&e))?;
    config.alpn_protocols = alpn;
    Ok(Arc::new(config))
}
