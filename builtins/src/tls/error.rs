//! TLS failures as Node reports them: OpenSSL's verification codes and texts
//! (`CERT_HAS_EXPIRED`, "certificate has expired"), Node's own codes (`ERR_TLS_CERT_ALTNAME_INVALID`,
//! `ECONNRESET` for a peer that hangs up during the handshake), never a rustls debug string.

use std::{fmt, io, sync::Arc};

use rustls::{AlertDescription, CertificateError, Error, OtherError, pki_types::CertificateDer};

use super::cert;

/// A TLS failure with Node's `code` and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFailure {
    pub code: String,
    pub message: String,
}

impl fmt::Display for TlsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for TlsFailure {}

impl TlsFailure {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_string(), message: message.into() }
    }

    /// As an `io::Error` that carries this failure ([`of_io`] finds it again).
    pub fn to_io(&self) -> io::Error {
        let kind = if self.code == "ECONNRESET" { io::ErrorKind::ConnectionReset } else { io::ErrorKind::InvalidData };
        io::Error::new(kind, self.clone())
    }

    /// Node's code and message for a rustls error.
    pub fn from_rustls(error: &Error) -> Self {
        match error {
            Error::InvalidCertificate(error) => certificate_failure(error),
            Error::AlertReceived(alert) => alert_failure(*alert),
            Error::InvalidMessage(_) | Error::InappropriateMessage { .. } | Error::InappropriateHandshakeMessage { .. } => {
                // What a TLS client sees from a peer that does not speak TLS (an HTTP server).
                Self::new("ERR_SSL_WRONG_VERSION_NUMBER", "wrong version number")
            }
            Error::NoCertificatesPresented => Self::new("ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE", "peer did not return a certificate"),
            Error::PeerIncompatible(_) => Self::new("ERR_SSL_NO_SHARED_CIPHER", "no shared cipher, version or key exchange with the peer"),
            Error::NoApplicationProtocol => {
                Self::new("ERR_SSL_NO_APPLICATION_PROTOCOL", "no application protocol (ALPN) in common with the peer")
            }
            Error::DecryptError => Self::new("ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC", "decryption failed or bad record mac"),
            Error::PeerMisbehaved(_) => Self::new("ERR_SSL_PEER_MISBEHAVED", format!("the peer broke the TLS protocol: {error}")),
            Error::General(text) => Self::new("ERR_SSL_INTERNAL_ERROR", text.clone()),
            other => Self::new("ERR_SSL_HANDSHAKE_FAILURE", format!("TLS error: {other}")),
        }
    }

    /// The failure carried by an `io::Error` from a TLS stream, if any.
    pub fn of_io(error: &io::Error) -> Option<&TlsFailure> {
        error.get_ref().and_then(|e| e.downcast_ref::<TlsFailure>())
    }
}

/// The peer closed the connection before the handshake finished (Node's text and code).
pub fn handshake_eof() -> TlsFailure {
    TlsFailure::new("ECONNRESET", "Client network socket disconnected before secure TLS connection was established")
}

fn certificate_failure(error: &CertificateError) -> TlsFailure {
    use CertificateError as C;
    let (code, text) = match error {
        C::Other(other) => {
            if let Some(failure) = other.0.downcast_ref::<TlsFailure>() {
                return failure.clone();
            }
            ("CERT_REJECTED", "certificate rejected")
        }
        C::Expired | C::ExpiredContext { .. } => ("CERT_HAS_EXPIRED", "certificate has expired"),
        C::NotValidYet | C::NotValidYetContext { .. } => ("CERT_NOT_YET_VALID", "certificate is not yet valid"),
        C::Revoked => ("CERT_REVOKED", "certificate revoked"),
        C::UnknownIssuer => ("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"),
        C::BadSignature => ("CERT_SIGNATURE_FAILURE", "certificate signature failure"),
        C::UnsupportedSignatureAlgorithmContext { .. }
        | C::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            ("CERT_SIGNATURE_FAILURE", "certificate signature failure (unsupported signature algorithm)")
        }
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            ("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames")
        }
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => ("INVALID_PURPOSE", "unsupported certificate purpose"),
        C::BadEncoding => ("ERR_SSL_BAD_CERTIFICATE", "bad certificate encoding"),
        C::UnhandledCriticalExtension => ("ERR_SSL_BAD_CERTIFICATE", "unhandled critical extension in the certificate"),
        _ => ("CERT_REJECTED", "certificate rejected"),
    };
    TlsFailure::new(code, text)
}

fn alert_failure(alert: AlertDescription) -> TlsFailure {
    // OpenSSL's wording, which Node shows: "tlsv1 alert unknown ca", code ERR_SSL_TLSV1_ALERT_UNKNOWN_CA.
    let name = format!("{alert:?}");
    let mut words = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(ch.to_ascii_lowercase());
    }
    let words = words.replace("unknown c a", "unknown ca");
    let (prefix, code_prefix) = match alert {
        AlertDescription::HandshakeFailure | AlertDescription::BadCertificate | AlertDescription::CertificateExpired => {
            ("sslv3 alert", "ERR_SSL_SSLV3_ALERT_")
        }
        // The alerts TLS 1.3 introduced, as OpenSSL names them.
        AlertDescription::CertificateRequired | AlertDescription::MissingExtension => ("tlsv13 alert", "ERR_SSL_TLSV13_ALERT_"),
        _ => ("tlsv1 alert", "ERR_SSL_TLSV1_ALERT_"),
    };
    TlsFailure::new(&format!("{code_prefix}{}", words.replace(' ', "_").to_ascii_uppercase()), format!("{prefix} {words}"))
}

/// Turns a verification error of webpki into Node's verdict, which looks at the chain the peer
/// sent: OpenSSL tells a self-signed leaf, a self-signed root sent in the chain, a lone leaf and a
/// missing intermediate apart where webpki says "unknown issuer" to all four.
pub fn classify_verification(
    error: Error,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    host: &str,
) -> Error {
    let failure = match &error {
        Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            let self_issued = |der: &CertificateDer<'_>| cert::is_self_issued(der).unwrap_or(false);
            if intermediates.is_empty() && self_issued(end_entity) {
                TlsFailure::new("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")
            } else if intermediates.last().is_some_and(self_issued) {
                TlsFailure::new("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain")
            } else if intermediates.is_empty() {
                TlsFailure::new("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate")
            } else {
                TlsFailure::new("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate")
            }
        }
        Error::InvalidCertificate(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }) => {
            altname_failure(end_entity, host)
        }
        _ => return error,
    };
    Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(failure))))
}

/// Node's message for a certificate that does not name the host.
fn altname_failure(end_entity: &CertificateDer<'_>, host: &str) -> TlsFailure {
    let names = cert::alt_names(end_entity).unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let message = if host.parse::<std::net::IpAddr>().is_ok() {
        let ips: Vec<&str> = names.iter().filter_map(|n| n.strip_prefix("IP Address:")).collect();
        format!("Hostname/IP does not match certificate's altnames: IP: {host} is not in the cert's list: {}", ips.join(", "))
    } else {
        format!("Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: {}", names.join(", "))
    };
    TlsFailure::new("ERR_TLS_CERT_ALTNAME_INVALID", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_read_like_openssl() {
        let f = alert_failure(AlertDescription::UnknownCA);
        assert_eq!(f.code, "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA");
        assert_eq!(f.message, "tlsv1 alert unknown ca");
        let f = alert_failure(AlertDescription::HandshakeFailure);
        assert_eq!(f.code, "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE");
        assert_eq!(f.message, "sslv3 alert handshake failure");
        let f = alert_failure(AlertDescription::CertificateRequired);
        assert_eq!(f.code, "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
        assert_eq!(f.message, "tlsv13 alert certificate required");
    }

    #[test]
    fn io_errors_carry_the_failure() {
        let failure = TlsFailure::new("CERT_HAS_EXPIRED", "certificate has expired");
        let error = failure.to_io();
        assert_eq!(TlsFailure::of_io(&error), Some(&failure));
        assert_eq!(error.to_string(), "certificate has expired (CERT_HAS_EXPIRED)");
        assert!(TlsFailure::of_io(&io::Error::other("x")).is_none());
    }
}
