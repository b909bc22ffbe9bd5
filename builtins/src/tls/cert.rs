//! What Node reports about a certificate (`tlsSocket.getPeerCertificate()`, the altnames in
//! hostname errors), read from its DER with RustCrypto's `x509-cert`.

use std::fmt::Write as _;

use rustls::pki_types::CertificateDer;
use sha2::Digest;
use x509_cert::{
    Certificate,
    der::{Decode, Encode, asn1, oid::ObjectIdentifier},
    ext::pkix::{SubjectAltName, name::GeneralName},
    name::Name,
    time::Time,
};

const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");

/// A certificate as `getPeerCertificate()` describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertInfo {
    /// `(short name, value)` pairs in order: `[("CN", "localhost")]`.
    pub subject: Vec<(String, String)>,
    pub issuer: Vec<(String, String)>,
    /// `"DNS:localhost, IP Address:127.0.0.1"`, as OpenSSL prints it.
    pub subject_alt_name: Option<String>,
    /// `"Nov 28 20:12:49 2026 GMT"`.
    pub valid_from: String,
    pub valid_to: String,
    /// Upper-case hex, as Node gives it.
    pub serial_number: String,
    /// SHA-1 and SHA-256 of the DER, colon-separated upper-case hex.
    pub fingerprint: String,
    pub fingerprint256: String,
    pub ca: bool,
    pub raw: Vec<u8>,
}

fn parse(der: &[u8]) -> Option<Certificate> {
    Certificate::from_der(der).ok()
}

/// Whether the certificate names itself as its issuer.
pub fn is_self_issued(der: &CertificateDer<'_>) -> Option<bool> {
    let cert = parse(der)?;
    Some(cert.tbs_certificate.subject == cert.tbs_certificate.issuer)
}

/// The validity period, in seconds since the Unix epoch (`notBefore`, `notAfter`).
pub fn validity(der: &CertificateDer<'_>) -> Option<(u64, u64)> {
    let validity = parse(der)?.tbs_certificate.validity;
    Some((validity.not_before.to_unix_duration().as_secs(), validity.not_after.to_unix_duration().as_secs()))
}

/// The subject alternative names, OpenSSL-style (`DNS:localhost`, `IP Address:127.0.0.1`).
pub fn alt_names(der: &CertificateDer<'_>) -> Option<Vec<String>> {
    alt_names_of(&parse(der)?)
}

fn alt_names_of(cert: &Certificate) -> Option<Vec<String>> {
    let extensions = cert.tbs_certificate.extensions.as_ref()?;
    let san = extensions.iter().find(|e| e.extn_id == SUBJECT_ALT_NAME)?;
    let names = SubjectAltName::from_der(san.extn_value.as_bytes()).ok()?;
    Some(
        names
            .0
            .iter()
            .filter_map(|name| match name {
                GeneralName::DnsName(dns) => Some(format!("DNS:{}", dns.as_str())),
                GeneralName::IpAddress(ip) => ip_text(ip.as_bytes()).map(|ip| format!("IP Address:{ip}")),
                GeneralName::Rfc822Name(mail) => Some(format!("email:{}", mail.as_str())),
                GeneralName::UniformResourceIdentifier(uri) => Some(format!("URI:{}", uri.as_str())),
                _ => None,
            })
            .collect(),
    )
}

fn ip_text(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(bytes).ok()?).to_string()),
        // OpenSSL prints every group of an IPv6 address, without compression.
        16 => Some(bytes.chunks(2).map(|g| format!("{:X}", u16::from_be_bytes([g[0], g[1]]))).collect::<Vec<_>>().join(":")),
        _ => None,
    }
}

/// Describes a certificate; `None` if it cannot be parsed.
pub fn info(der: &CertificateDer<'_>) -> Option<CertInfo> {
    let cert = parse(der)?;
    let tbs = &cert.tbs_certificate;
    let ca = tbs
        .extensions
        .as_ref()
        .and_then(|exts| exts.iter().find(|e| e.extn_id == BASIC_CONSTRAINTS))
        .and_then(|e| x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca);
    Some(CertInfo {
        subject: name_pairs(&tbs.subject),
        issuer: name_pairs(&tbs.issuer),
        subject_alt_name: alt_names_of(&cert).filter(|n| !n.is_empty()).map(|n| n.join(", ")),
        valid_from: openssl_time(&tbs.validity.not_before),
        valid_to: openssl_time(&tbs.validity.not_after),
        serial_number: tbs.serial_number.as_bytes().iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        }),
        fingerprint: colon_hex(&sha1::Sha1::digest(der.as_ref())),
        fingerprint256: colon_hex(&sha2::Sha256::digest(der.as_ref())),
        ca,
        raw: der.to_vec(),
    })
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// The attributes of a distinguished name with OpenSSL's short names.
fn name_pairs(name: &Name) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            let oid = atv.oid.to_string();
            let key = match oid.as_str() {
                "2.5.4.3" => "CN",
                "2.5.4.6" => "C",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                "2.5.4.10" => "O",
                "2.5.4.11" => "OU",
                "2.5.4.5" => "serialNumber",
                "1.2.840.113549.1.9.1" => "emailAddress",
                other => other,
            }
            .to_string();
            pairs.push((key, attribute_text(&atv.value)));
        }
    }
    pairs
}

fn attribute_text(value: &x509_cert::der::Any) -> String {
    if let Ok(s) = value.decode_as::<asn1::Utf8StringRef<'_>>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = value.decode_as::<asn1::PrintableStringRef<'_>>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = value.decode_as::<asn1::Ia5StringRef<'_>>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = value.decode_as::<asn1::TeletexStringRef<'_>>() {
        return s.as_str().to_string();
    }
    String::from_utf8_lossy(value.value()).into_owned()
}

/// `"Nov 28 20:12:49 2026 GMT"` (day padded with a space, as OpenSSL prints it).
fn openssl_time(time: &Time) -> String {
    let secs = time.to_unix_duration().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{} {day:>2} {:02}:{:02}:{:02} {year} GMT",
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The DER of a certificate's subject public key info (for `pubkey`), if it parses.
pub fn public_key_der(der: &CertificateDer<'_>) -> Option<Vec<u8>> {
    parse(der)?.tbs_certificate.subject_public_key_info.to_der().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_like_openssl() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_000), (2024, 10, 4));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn ipv6_names_are_uncompressed() {
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        assert_eq!(ip_text(&v6).as_deref(), Some("0:0:0:0:0:0:0:1"));
        assert_eq!(ip_text(&[127, 0, 0, 1]).as_deref(), Some("127.0.0.1"));
    }
}
