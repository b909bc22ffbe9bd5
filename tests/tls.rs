//! TLS end to end, natively and as wasm under the test host, over loopback: the certificates are
//! made here at run time (rcgen: a CA, a server certificate for localhost/127.0.0.1/::1, an
//! expired one, one for another host, a self-signed one), the peer is the installed Node
//! (OpenSSL, an independent TLS stack; tests/support/tls_peer.mjs), and clients of our servers
//! are Node's `https.get` and curl.

mod support;

use std::{
    io::{BufRead, BufReader, Read},
    path::PathBuf,
    process::{Child, ChildStdout, Command, Stdio},
};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
    date_time_ymd,
};
use support::Flavor;

fn scripts_dir() -> PathBuf {
    support::workspace_root().join("tests/scripts/tls")
}

/// A CA and certificates signed by it, written to a fresh directory inside the scripts' folder
/// (the wasm runner sees only that folder), removed on drop.
struct Pki {
    dir: PathBuf,
    /// The directory relative to the scripts' folder (what the scripts and `--env` use).
    rel: String,
}

impl Pki {
    fn new(tag: &str) -> Pki {
        let rel = format!("pki-{}-{tag}", std::process::id());
        let dir = scripts_dir().join(&rel);
        std::fs::create_dir_all(&dir).expect("create the PKI directory");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.distinguished_name.push(DnType::CommonName, "wasmedge_boa test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();

        let leaf = |names: &[&str]| {
            let mut params = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
            params.distinguished_name.push(DnType::CommonName, names[0]);
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
            params
        };
        let write = |name: &str, params: CertificateParams, self_signed: bool| {
            let key = KeyPair::generate().unwrap();
            let cert = if self_signed { params.self_signed(&key).unwrap() } else { params.signed_by(&key, &ca).unwrap() };
            std::fs::write(dir.join(format!("{name}.pem")), cert.pem()).unwrap();
            std::fs::write(dir.join(format!("{name}.key")), key.serialize_pem()).unwrap();
        };
        write("server", leaf(&["localhost", "127.0.0.1", "::1"]), false);
        let mut expired = leaf(&["localhost", "127.0.0.1"]);
        expired.not_before = date_time_ymd(2020, 1, 1);
        expired.not_after = date_time_ymd(2021, 1, 1);
        write("expired", expired, false);
        write("wronghost", leaf(&["wrong.example"]), false);
        write("untrusted", leaf(&["localhost", "127.0.0.1"]), true);
        // Self-signed and marked as a CA, as `openssl req -x509` makes them.
        let mut self_ca = leaf(&["localhost", "127.0.0.1"]);
        self_ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        self_ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::DigitalSignature];
        write("selfca", self_ca, true);
        let mut client = CertificateParams::new(Vec::<String>::new()).unwrap();
        client.distinguished_name.push(DnType::CommonName, "test client");
        client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        write("client", client, false);
        Pki { dir, rel }
    }

    fn file(&self, name: &str) -> String {
        format!("{}/{name}", self.rel)
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A Node process of tests/support/tls_peer.mjs, killed on drop.
struct Peer {
    child: Child,
    port: u16,
}

impl Peer {
    fn start(args: &[&str]) -> Peer {
        let script = support::workspace_root().join("tests/support/tls_peer.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start node (scripts/setup installs it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("listening ").and_then(|p| p.parse().ok()).expect("the peer's port");
        Peer { child, port }
    }

    fn echo(pki: &Pki, cert: &str) -> Peer {
        Peer::start(&["echo", pki.dir.to_str().unwrap(), cert])
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(flavor: Flavor, script: &str, args: &[String], env: &[(&str, &str)]) -> (String, String) {
    let child = support::command_with_env(flavor, &scripts_dir(), script, args, env).spawn().expect("start the runtime");
    let output = support::wait_with_limit(child, support::time_limit(flavor)).unwrap_or_else(|| panic!("{flavor:?}: {script} timed out"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{flavor:?}: {script} {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    (stdout, stderr)
}

// Writing all 10 MB before reading any of it runs a writer and a reader task on one TLS stream
// at once: the case where a caller's waker, lost to the other task, once stalled the transfer
// (builtins/src/tls/stream.rs, `Waiters`).
#[test]
fn wasi_tls_conn_echoes_10_mb_each_way() {
    let pki = Pki::new("echo");
    let peer = Peer::echo(&pki, "server");
    for flavor in support::flavors() {
        // SSL_CERT_FILE (the QuickJS runtime's variable) with an IP address, NODE_EXTRA_CA_CERTS
        // (Node's) with a name: both add to the compiled-in roots.
        let ca = pki.file("ca.pem");
        for (host, variable) in [("127.0.0.1", "SSL_CERT_FILE"), ("localhost", "NODE_EXTRA_CA_CERTS")] {
            let args = ["echo".to_string(), host.to_string(), peer.port.to_string()];
            let (stdout, _) = run(flavor, "wasi_tls_client.js", &args, &[(variable, &ca)]);
            assert_eq!(
                stdout,
                "connected true string string\necho: hello over tls\n10 MB round trip: true true\nread after close: undefined\n",
                "{flavor:?} {variable}"
            );
        }
    }
}

#[test]
fn wasi_tls_conn_rejects_bad_certificates() {
    let pki = Pki::new("reject");
    let ca = pki.file("ca.pem");
    // One run per flavour for every case (a wasm start is slow on a loaded machine).
    let cases = [
        ("untrusted", "127.0.0.1", "Error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT) connecting to 127.0.0.1:PORT\ncode: DEPTH_ZERO_SELF_SIGNED_CERT\n"),
        ("expired", "127.0.0.1", "Error: certificate has expired (CERT_HAS_EXPIRED) connecting to 127.0.0.1:PORT\ncode: CERT_HAS_EXPIRED\n"),
        ("wronghost", "localhost", "Error: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:wrong.example (ERR_TLS_CERT_ALTNAME_INVALID) connecting to localhost:PORT\ncode: ERR_TLS_CERT_ALTNAME_INVALID\n"),
        ("wronghost", "127.0.0.1", "Error: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list:  (ERR_TLS_CERT_ALTNAME_INVALID) connecting to 127.0.0.1:PORT\ncode: ERR_TLS_CERT_ALTNAME_INVALID\n"),
    ];
    let peers: Vec<Peer> = cases.iter().map(|(cert, _, _)| Peer::echo(&pki, cert)).collect();
    let mut args = vec!["reject".to_string()];
    let mut expected = String::new();
    for ((_, host, verdict), peer) in cases.iter().zip(&peers) {
        args.push(host.to_string());
        args.push(peer.port.to_string());
        expected.push_str(&verdict.replace("PORT", &peer.port.to_string()));
    }
    for flavor in support::flavors() {
        let (stdout, _) = run(flavor, "wasi_tls_client.js", &args, &[("SSL_CERT_FILE", &ca)]);
        assert_eq!(stdout, expected, "{flavor:?}");
    }
}

/// Open sockets and resident memory (KiB) of a process. Sockets, not every descriptor: the test
/// host (wasmtime) opens and closes a couple of descriptors of its own now and then.
fn usage(pid: u32) -> (usize, u64) {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|dir| {
            dir.filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
                .filter(|target| target.to_string_lossy().starts_with("socket:"))
                .count()
        })
        .unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (fds, rss)
}

/// Reads the child's stdout up to a line `done N`.
fn wait_for_line(reader: &mut BufReader<ChildStdout>, wanted: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the script ended before printing '{wanted}'");
        if line.trim() == wanted {
            return;
        }
    }
}

#[test]
fn hundred_sequential_handshakes_keep_descriptors_and_memory_flat() {
    let pki = Pki::new("handshakes");
    let peer = Peer::echo(&pki, "server");
    let ca = pki.file("ca.pem");
    for flavor in support::flavors() {
        let args = ["handshakes".to_string(), "127.0.0.1".to_string(), peer.port.to_string(), "100".to_string()];
        let mut child = support::command_with_env(flavor, &scripts_dir(), "wasi_tls_client.js", &args, &[("SSL_CERT_FILE", &ca)])
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        wait_for_line(&mut reader, "done 20");
        let (fds_20, rss_20) = usage(child.id());
        wait_for_line(&mut reader, "done 100");
        let (fds_100, rss_100) = usage(child.id());
        let status = child.wait().unwrap();
        assert!(status.success(), "{flavor:?}: the handshake loop failed");
        assert_eq!(fds_20, fds_100, "{flavor:?}: sockets after 20 and after 100 handshakes");
        // 80 more handshakes must not keep memory: allow for allocator and GC slack only.
        assert!(rss_100 < rss_20 + 8 * 1024, "{flavor:?}: resident memory grew from {rss_20} KiB to {rss_100} KiB");
        eprintln!("{flavor:?}: after 20 handshakes {fds_20} sockets, {rss_20} KiB; after 100: {fds_100} sockets, {rss_100} KiB");
    }
}

impl Peer {
    fn https(pki: &Pki, cert: &str) -> Peer {
        Peer::start(&["https", pki.dir.to_str().unwrap(), cert])
    }
}

#[test]
fn fetch_and_https_request_against_node() {
    let pki = Pki::new("https");
    let peer = Peer::https(&pki, "server");
    let ca = pki.file("ca.pem");
    let expected = "GET 200 GET /echo?x=1 localhost http/1.1\n\
                    POST 200 POST posted body text/plain\n\
                    PUT 200 PUT {\"a\":1} null\n\
                    10 MB up: true true\n\
                    10 MB down: true true\n\
                    10 MB both ways at once: true true\n\
                    https.get 200 /echo?via=https.get true\n\
                    agent 200 /echo?via=agent\n\
                    https->http 200 true plain /landed\n\
                    http->https 200 true /echo?from=http\n";
    for flavor in support::flavors() {
        let args = ["ok".to_string(), peer.port.to_string(), pki.rel.clone()];
        let (stdout, _) = run(flavor, "https_client.js", &args, &[("NODE_EXTRA_CA_CERTS", &ca)]);
        assert_eq!(stdout, expected, "{flavor:?}");
    }
}

#[test]
fn fetch_and_https_request_reject_bad_certificates() {
    let pki = Pki::new("https-reject");
    let ca = pki.file("ca.pem");
    let cases = [
        ("expired", "CERT_HAS_EXPIRED | certificate has expired"),
        ("wronghost", "ERR_TLS_CERT_ALTNAME_INVALID | Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:wrong.example"),
        ("untrusted", "DEPTH_ZERO_SELF_SIGNED_CERT | self-signed certificate"),
    ];
    let peers: Vec<Peer> = cases.iter().map(|(cert, _)| Peer::https(&pki, cert)).collect();
    let mut args = vec!["reject".to_string(), pki.rel.clone()];
    args.extend(peers.iter().map(|p| p.port.to_string()));
    let expected: String =
        cases.iter().map(|(_, verdict)| format!("fetch: TypeError {verdict}\nhttps.get: {verdict}\ninsecure 200\n")).collect();
    for flavor in support::flavors() {
        let (stdout, stderr) = run(flavor, "https_client.js", &args, &[("SSL_CERT_FILE", &ca)]);
        assert_eq!(stdout, expected, "{flavor:?}");
        assert_eq!(stderr.matches("certificate verification is disabled").count(), 1, "{flavor:?}: warned once\n{stderr}");
    }
}

// webpki never accepts a CA certificate as a server's; OpenSSL (so Node) does when that very
// certificate is trusted: the runtime checks that case as OpenSSL does (builtins/src/tls/config.rs).
#[test]
fn a_trusted_self_signed_ca_certificate_is_accepted_as_in_node() {
    let pki = Pki::new("selfca");
    let peer = Peer::https(&pki, "selfca");
    for flavor in support::flavors() {
        let args = ["selfca".to_string(), pki.rel.clone(), peer.port.to_string()];
        let (stdout, _) = run(flavor, "https_client.js", &args, &[("SSL_CERT_FILE", &pki.file("ca.pem"))]);
        assert_eq!(
            stdout,
            "trusted 200 localhost\n\
             another name: ERR_TLS_CERT_ALTNAME_INVALID\n\
             untrusted: DEPTH_ZERO_SELF_SIGNED_CERT self-signed certificate\n",
            "{flavor:?}"
        );
    }
}

#[test]
fn client_certificates_for_https_and_tls_connect() {
    let pki = Pki::new("mtls");
    let peer = Peer::start(&["mtls", pki.dir.to_str().unwrap(), "server"]);
    for flavor in support::flavors() {
        let (stdout, _) = run(flavor, "client_cert.js", &[peer.port.to_string(), pki.rel.clone()], &[]);
        assert_eq!(
            stdout,
            "https.get with a certificate: 200 client test client true\n\
             https.get without: ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED\n\
             tls.connect with a certificate: client test client true\n\
             a certificate without its key: ERR_MISSING_OPTION\n",
            "{flavor:?}"
        );
    }
}

#[test]
fn our_https_server_serves_fetch_node_and_curl() {
    let pki = Pki::new("server");
    let ca = pki.file("ca.pem");
    let ca_abs = pki.dir.join("ca.pem");
    for flavor in support::flavors() {
        let args = [pki.rel.clone()];
        let mut child = support::command_with_env(flavor, &scripts_dir(), "https_server.js", &args, &[("SSL_CERT_FILE", &ca)])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the server");
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut head = String::new();
        let port = loop {
            let mut line = String::new();
            assert!(reader.read_line(&mut line).unwrap() > 0, "{flavor:?}: the server ended early:\n{head}");
            head.push_str(&line);
            if let Some(port) = line.trim().strip_prefix("listening ") {
                break port.parse::<u16>().unwrap();
            }
        };
        assert_eq!(head, format!("self fetch 200 hello over https\nself post POST 3 false\nlistening {port}\n"), "{flavor:?}");

        let node = Command::new("node")
            .arg(support::workspace_root().join("tests/support/tls_peer.mjs"))
            .args(["get", &format!("https://localhost:{port}/hello"), ca_abs.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&node.stdout), "status 200\nhello over https\n", "{flavor:?}: node https.get");

        let curl = |extra: &[&str], path: &str| {
            let output = Command::new("curl")
                .args(["-sS", "--cacert", ca_abs.to_str().unwrap()])
                .args(extra)
                .arg(format!("https://localhost:{port}{path}"))
                .output()
                .expect("curl (scripts/setup installs it)");
            assert!(output.status.success(), "{flavor:?}: curl {path}: {}", String::from_utf8_lossy(&output.stderr));
            output.stdout
        };
        assert_eq!(curl(&[], "/hello"), b"hello over https", "{flavor:?}: curl");
        // 10 MB each way through our server.
        let upload = pki.dir.join("upload.bin");
        std::fs::write(&upload, "0123456789abcdef".repeat(10 * 1024 * 1024 / 16)).unwrap();
        let posted = curl(&["--data-binary", &format!("@{}", upload.display())], "/echo");
        assert_eq!(String::from_utf8_lossy(&posted), "{\"method\":\"POST\",\"length\":10485760,\"pattern\":true}", "{flavor:?}");
        // Both ways at once: the server streams the body back while curl still sends it.
        let echoed = curl(&["--data-binary", &format!("@{}", upload.display())], "/stream");
        assert!(echoed == std::fs::read(&upload).unwrap(), "{flavor:?}: 10 MB streamed both ways");
        let down = curl(&[], "/bytes/10485760");
        assert!(down.len() == 10 * 1024 * 1024 && down.iter().all(|&b| b == b'x'), "{flavor:?}: 10 MB download");
        // Plain HTTP to a TLS port is refused, and the server keeps serving.
        let _ = Command::new("curl").args(["-sS", "-m", "5", &format!("http://127.0.0.1:{port}/hello")]).output();
        assert_eq!(curl(&[], "/quit"), b"bye", "{flavor:?}");
        let output = support::wait_with_limit(child, support::time_limit(flavor)).expect("the server stops after /quit");
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert!(output.status.success(), "{flavor:?}: server exit");
        assert_eq!(rest, "closed\n", "{flavor:?}");
    }
}

#[test]
fn tls_module_connects_and_serves() {
    let pki = Pki::new("tls-module");
    let peer = Peer::echo(&pki, "server");
    for flavor in support::flavors() {
        let args = [peer.port.to_string(), pki.rel.clone()];
        let (stdout, _) = run(flavor, "tls_module.js", &args, &[]);
        assert_eq!(
            stdout,
            "node secureConnect true true false TLSv1.3\n\
             node peer localhost DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1 string true\n\
             node echo hello node\n\
             ours secureConnect true true false TLSv1.3\n\
             ours peer localhost DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1 string true\n\
             ours echo hello ours\n\
             untrusted UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate\n",
            "{flavor:?}"
        );
    }
}
