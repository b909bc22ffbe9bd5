//! Scaling out on Kubernetes (docs/deploy.md), tested without a cluster:
//!
//! - `wasmedge_boa image` writes an OCI archive that `skopeo inspect` reads, `skopeo copy` copies
//!   and `umoci unpack` unpacks, whose blobs match their digests, and whose layer's .wasm, started with the image
//!   config's entrypoint, arguments and environment under the wasm runner, serves over loopback;
//! - the manifests in deploy/ validate against the Kubernetes OpenAPI schemas
//!   (`kubernetes-validate`, installed by scripts/setup);
//! - graceful shutdown of examples/service/server.js under load, natively by SIGTERM and as wasm
//!   by its /drain request: every request a handler started completes, new connections are
//!   refused while the last ones finish, the process exits 0.
//!
//! The image test needs the runtime .wasm, the runner, skopeo and umoci; the manifest test needs
//! kubernetes-validate. Each is skipped without them unless `REQUIRE_WASM=1` (CI), where
//! scripts/setup has installed them.

mod support;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use support::Flavor;

fn required() -> bool {
    std::env::var("REQUIRE_WASM").is_ok_and(|v| v == "1")
}

/// `tool` if it runs, else None (an error when required).
fn find_tool(candidates: &[PathBuf], what: &str) -> Option<PathBuf> {
    let found = candidates.iter().find(|tool| {
        Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
    });
    if found.is_none() {
        assert!(!required(), "REQUIRE_WASM=1 but {what} is missing: run scripts/setup");
        eprintln!("skipped: {what} is not installed (scripts/setup installs it)");
    }
    found.cloned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("deploy-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

fn service_dir() -> PathBuf {
    support::workspace_root().join("examples/service")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One request on a new connection; the status and body, or None if the server never answered.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = text(&response);
    let status = response.get(9..12)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

/// A running server whose stdout lines are collected with the time each was seen.
struct Server {
    child: Child,
    lines: Arc<Mutex<Vec<(Instant, String)>>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(mut command: Command) -> Self {
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("start the server");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().expect("piped stdout");
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().unwrap().push((Instant::now(), line));
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("piped stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut all = String::new();
            let _ = pipe.read_to_string(&mut all);
            sink.lock().unwrap().push_str(&all);
        });
        Server { child, lines, stderr }
    }

    /// The first log line with `"event":"NAME"`, when it was seen.
    fn event(&self, name: &str) -> Option<(Instant, String)> {
        let needle = format!("\"event\":\"{name}\"");
        self.lines.lock().unwrap().iter().find(|(_, line)| line.contains(&needle)).cloned()
    }

    fn wait_for_event(&self, name: &str, limit: Duration) -> (Instant, String) {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(found) = self.event(name) {
                return found;
            }
            assert!(Instant::now() < deadline, "no '{name}' event in time; log: {:?}\nstderr: {}", self.log(), self.stderr());
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().iter().map(|(_, line)| line.clone()).collect()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits for the process to exit; its status code.
    fn wait(&mut self, limit: Duration) -> Option<i32> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the readers take the last lines.
                std::thread::sleep(Duration::from_millis(50));
                return status.code();
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// The OCI image

/// Checks every blob of the OCI layout in `dir` against the digest in its name, and returns the
/// parsed index, manifest and config.
fn verify_layout(dir: &Path) -> (serde_json::Value, serde_json::Value, serde_json::Value) {
    use sha2::{Digest, Sha256};
    let blobs = dir.join("blobs/sha256");
    let mut count = 0;
    for entry in std::fs::read_dir(&blobs).expect("blobs/sha256") {
        let path = entry.expect("blob").path();
        let bytes = std::fs::read(&path).expect("read a blob");
        let hash: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(path.file_name().unwrap().to_string_lossy(), hash, "blob {} does not match its digest", path.display());
        count += 1;
    }
    assert_eq!(count, 3, "one manifest, one config, one layer");
    let read_json = |path: PathBuf| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&path).expect("read JSON")).expect("valid JSON")
    };
    let blob = |descriptor: &serde_json::Value| {
        let digest = descriptor["digest"].as_str().expect("a digest");
        let path = blobs.join(digest.strip_prefix("sha256:").expect("sha256"));
        let size = std::fs::metadata(&path).expect("the blob exists").len();
        assert_eq!(descriptor["size"].as_u64(), Some(size), "size of {digest}");
        path
    };
    let layout = read_json(dir.join("oci-layout"));
    assert_eq!(layout["imageLayoutVersion"], "1.0.0");
    let index = read_json(dir.join("index.json"));
    let manifest = read_json(blob(&index["manifests"][0]));
    let config = read_json(blob(&manifest["config"]));
    blob(&manifest["layers"][0]);
    (index, manifest, config)
}

#[test]
fn image_archive_inspects_unpacks_and_serves() {
    let Some((runtime, runner)) = support::wasm_setup() else {
        assert!(!required(), "REQUIRE_WASM=1 but the .wasm or its runner is missing");
        eprintln!("skipped: no runtime .wasm or runner");
        return;
    };
    let Some(skopeo) = find_tool(&["skopeo".into()], "skopeo") else { return };
    let Some(umoci) = find_tool(&["umoci".into()], "umoci") else { return };
    let dir = scratch("image");
    let archive = dir.join("service.oci.tar");

    let output = Command::new(support::native_binary())
        .args(["image", "server.js", "-o"])
        .arg(&archive)
        .args(["-t", "registry.example.com/hello-boa:test", "-p", "8080", "-p", "8081"])
        .args(["-e", "PORT=8080", "-e", "ADMIN_PORT=8081", "-e", "DRAIN_DELAY_MS=0", "--", "--from-image"])
        .current_dir(service_dir())
        .env("WASMEDGE_BOA_RUNTIME", &runtime)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(Stdio::null())
        .output()
        .expect("run wasmedge_boa image");
    assert!(output.status.success(), "image failed:\n{}", text(&output.stderr));

    // skopeo reads the archive as a registry client would.
    let inspect = Command::new(&skopeo).arg("inspect").arg(format!("oci-archive:{}", archive.display())).output();
    let inspect = inspect.expect("run skopeo inspect");
    assert!(inspect.status.success(), "skopeo inspect: {}", text(&inspect.stderr));
    let inspected: serde_json::Value = serde_json::from_slice(&inspect.stdout).expect("skopeo prints JSON");
    assert_eq!(inspected["Architecture"], "wasm", "{inspected}");
    assert_eq!(inspected["Os"], "wasi", "{inspected}");
    assert_eq!(inspected["Labels"]["module.wasm.image/variant"], "compat-smart", "{inspected}");
    assert_eq!(inspected["Created"], "2023-11-14T22:13:20Z", "{inspected}");

    // `skopeo copy` (how the README pushes it) reads every blob, checking its digest, and writes
    // the same manifest, byte for byte, to another layout, as it would to a registry.
    let copied = dir.join("copied");
    let copy = Command::new(&skopeo)
        .arg("copy")
        .arg(format!("oci-archive:{}", archive.display()))
        .arg(format!("oci:{}:copied", copied.display()))
        .output()
        .expect("run skopeo copy");
    assert!(copy.status.success(), "skopeo copy: {}", text(&copy.stderr));
    let copied_index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(copied.join("index.json")).expect("index.json")).expect("JSON");
    assert_eq!(copied_index["manifests"][0]["digest"], inspected["Digest"], "skopeo copy kept the manifest");

    // The archive is an OCI layout in a tar: unpack it and check every digest ourselves.
    let layout = dir.join("layout");
    std::fs::create_dir_all(&layout).expect("create the layout folder");
    tar::Archive::new(std::fs::File::open(&archive).expect("open the archive")).unpack(&layout).expect("untar");
    let (index, manifest, config) = verify_layout(&layout);
    assert_eq!(inspected["Digest"], index["manifests"][0]["digest"], "skopeo and index.json agree on the manifest");
    assert_eq!(index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"], "test");
    assert_eq!(index["manifests"][0]["annotations"]["io.containerd.image.name"], "registry.example.com/hello-boa:test");
    assert_eq!(manifest["annotations"]["module.wasm.image/variant"], "compat-smart");
    assert_eq!(config["config"]["Entrypoint"], serde_json::json!(["/app.wasm"]));
    assert_eq!(config["config"]["Cmd"], serde_json::json!(["--from-image"]));
    assert_eq!(config["config"]["ExposedPorts"], serde_json::json!({"8080/tcp": {}, "8081/tcp": {}}));

    // umoci unpacks it (and checks the digests as it reads). Its runtime-bundle generator knows
    // only Linux images (umoci 0.4: "unsupported OS: wasi"), so the wasi/wasm image is unpacked
    // as a root filesystem, and its process comes from the image config as the CRI would make it.
    let rootfs = dir.join("rootfs");
    let unpack = Command::new(&umoci)
        .args(["raw", "unpack", "--rootless", "--image"])
        .arg(format!("{}:test", layout.display()))
        .arg(&rootfs)
        .output()
        .expect("run umoci raw unpack");
    assert!(unpack.status.success(), "umoci raw unpack: {}", text(&unpack.stderr));
    let image_wasm = rootfs.join("app.wasm");
    assert!(std::fs::read(&image_wasm).expect("the layer holds the entrypoint").starts_with(b"\0asm"));

    // The same .wasm as a linux/amd64 image (what nodes whose containerd unpacks only the host's
    // platform get): umoci turns that into a full runtime bundle, config.json and all, as a
    // container engine hands it to crun.
    let linux_archive = dir.join("linux.oci.tar");
    let output = Command::new(support::native_binary())
        .arg("image")
        .arg(&image_wasm)
        .arg("-o")
        .arg(&linux_archive)
        .args(["--platform", "linux/amd64", "-t", "hello-boa:linux"])
        .args(["-e", "PORT=8080", "-e", "ADMIN_PORT=8081", "-e", "DRAIN_DELAY_MS=0", "--", "--from-image"])
        .output()
        .expect("run wasmedge_boa image on a .wasm");
    assert!(output.status.success(), "image of a .wasm failed:\n{}", text(&output.stderr));
    let linux_layout = dir.join("linux-layout");
    std::fs::create_dir_all(&linux_layout).expect("create a folder");
    tar::Archive::new(std::fs::File::open(&linux_archive).expect("open")).unpack(&linux_layout).expect("untar");
    let (_, _, linux_config) = verify_layout(&linux_layout);
    assert_eq!((linux_config["os"].as_str(), linux_config["architecture"].as_str()), (Some("linux"), Some("amd64")));
    let bundle = dir.join("bundle");
    let unpack = Command::new(&umoci)
        .args(["unpack", "--rootless", "--image"])
        .arg(format!("{}:linux", linux_layout.display()))
        .arg(&bundle)
        .output()
        .expect("run umoci unpack");
    assert!(unpack.status.success(), "umoci unpack: {}", text(&unpack.stderr));
    let spec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("config.json")).expect("config.json")).expect("JSON");
    let args: Vec<String> = serde_json::from_value(spec["process"]["args"].clone()).expect("process.args");
    let env: Vec<String> = serde_json::from_value(spec["process"]["env"].clone()).expect("process.env");
    assert_eq!(args, ["/app.wasm", "--from-image"]);
    let rootfs = bundle.join("rootfs");
    let wasm = rootfs.join(args[0].trim_start_matches('/'));
    assert_eq!(std::fs::read(&wasm).ok(), std::fs::read(&image_wasm).ok(), "the same .wasm in both images");

    // Run it as crun and runwasi do: the entrypoint with its arguments, the image's environment,
    // the root filesystem preopened as /. Only the ports change, to free loopback ones.
    let (port, admin_port) = (support::free_port(), support::free_port());
    let mut command = Command::new(&runner[0]);
    command.args(&runner[1..]).arg("--dir").arg(format!("/:{}", rootfs.display()));
    for pair in &env {
        let pair = match pair.split_once('=').map(|(name, _)| name) {
            Some("PORT") => format!("PORT={port}"),
            Some("ADMIN_PORT") => format!("ADMIN_PORT={admin_port}"),
            _ => pair.clone(),
        };
        command.arg("--env").arg(pair);
    }
    command.arg("--env").arg("HOST=127.0.0.1").arg(&wasm).args(&args[1..]).current_dir(&dir);
    let mut server = Server::start(command);
    let (_, listening) = server.wait_for_event("listening", Duration::from_secs(120));
    assert!(listening.contains("\"args\":[\"--from-image\"]"), "{listening}");
    let (status, body) = get(port, "/").expect("the app answers");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("from wasmedge_boa"), "{body}");
    assert_eq!(get(admin_port, "/healthz"), Some((200, "ok\n".into())));
    let (status, body) = get(admin_port, "/drain").expect("/drain answers");
    assert_eq!((status, body.contains("\"drained\":true")), (200, true), "{body}");
    assert_eq!(server.wait(Duration::from_secs(60)), Some(0), "stderr: {}", server.stderr());
}

// ---------------------------------------------------------------------------------------------
// The manifests

#[test]
fn manifests_validate_against_kubernetes_schemas() {
    let root = support::workspace_root();
    let candidates = [
        std::env::var_os("KUBERNETES_VALIDATE").map(PathBuf::from).unwrap_or_default(),
        root.join("target/tools/venv/bin/kubernetes-validate"),
        "kubernetes-validate".into(),
    ];
    let Some(validator) = find_tool(&candidates, "kubernetes-validate") else { return };
    let manifests: Vec<PathBuf> = ["runtimeclass.yaml", "deployment.yaml", "service.yaml", "hpa.yaml"]
        .iter()
        .map(|name| root.join("deploy").join(name))
        .collect();
    // The oldest Kubernetes still in wide use and the newest the validator knows.
    for version in ["1.30.0", "1.37.0"] {
        let output = Command::new(&validator).args(["--strict", "-k", version]).args(&manifests).output().expect("run it");
        let report = text(&output.stdout) + &text(&output.stderr);
        assert!(output.status.success(), "Kubernetes {version}:\n{report}");
        assert_eq!(report.matches(" passed ").count(), 5, "five resources checked:\n{report}");
    }
    // The validator does reject a mistake (a misspelt field).
    let broken = scratch("manifests").join("broken.yaml");
    let deployment = std::fs::read_to_string(&manifests[1]).expect("read deployment.yaml");
    std::fs::write(&broken, deployment.replace("  replicas: 2", "  replica: 2")).expect("write");
    let output = Command::new(&validator).arg("--strict").arg(&broken).output().expect("run it");
    assert!(!output.status.success(), "a misspelt field passed: {}", text(&output.stdout));

    // The manifests and the example agree on ports and paths.
    for needle in ["/healthz", "/readyz", "/drain", "containerPort: 8080", "containerPort: 8081", "compat-smart"] {
        assert!(deployment.contains(needle), "deployment.yaml lacks {needle}");
    }
    let server = std::fs::read_to_string(service_dir().join("server.js")).expect("read server.js");
    for needle in ["'/healthz'", "'/readyz'", "'/drain'", "?? 8080", "?? 8081"] {
        assert!(server.contains(needle), "server.js lacks {needle}");
    }
}

// ---------------------------------------------------------------------------------------------
// Graceful shutdown

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// A whole response.
    Complete,
    /// No connection, or closed before a single byte of response: the request never started.
    NotServed,
    /// Part of a response: a request cut off in flight.
    Partial,
}

fn slow_request(port: u16) -> (Outcome, bool) {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = match TcpStream::connect_timeout(&address, Duration::from_secs(5)) {
        Ok(stream) => stream,
        Err(e) => return (Outcome::NotServed, e.kind() == std::io::ErrorKind::ConnectionRefused),
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let request = b"GET /work?ms=150 HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
    if stream.write_all(request).is_err() {
        return (Outcome::NotServed, false);
    }
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    if response.is_empty() {
        return (Outcome::NotServed, false);
    }
    let response = text(&response);
    let complete = read.is_ok()
        && response.starts_with("HTTP/1.1 200")
        && response.split_once("\r\n\r\n").is_some_and(|(_, body)| body == "{\"worked\":150}");
    (if complete { Outcome::Complete } else { Outcome::Partial }, false)
}

fn graceful_close_under_load(flavor: Flavor) {
    let (port, admin_port) = (support::free_port(), support::free_port());
    let env = [
        ("PORT", port.to_string()),
        ("ADMIN_PORT", admin_port.to_string()),
        ("HOST", "127.0.0.1".to_string()),
        ("DRAIN_DELAY_MS", "200".to_string()),
    ];
    let command = match flavor {
        Flavor::Native => {
            let mut command = support::command(flavor, &service_dir(), "server.js", &[]);
            command.envs(env.iter().map(|(name, value)| (name, value)));
            command
        }
        Flavor::Wasm => {
            // The runner passes only --env variables on, like WasmEdge.
            let (wasm, runner) = support::wasm_setup().expect("checked by the caller");
            let mut command = Command::new(&runner[0]);
            command.args(&runner[1..]).args(["--dir", ".:."]);
            for (name, value) in &env {
                command.arg("--env").arg(format!("{name}={value}"));
            }
            command.arg(wasm).arg("server.js").current_dir(service_dir());
            command
        }
    };
    let mut server = Server::start(command);
    server.wait_for_event("listening", Duration::from_secs(120));

    // Eight clients send slow requests on new connections until they are refused for good.
    let stop = Arc::new(AtomicBool::new(false));
    let outcomes = Arc::new(Mutex::new(Vec::<(Instant, Outcome, bool)>::new()));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (stop, outcomes) = (stop.clone(), outcomes.clone());
            std::thread::spawn(move || {
                let mut refusals = 0;
                while !stop.load(Ordering::SeqCst) && refusals < 20 {
                    let (outcome, refused) = slow_request(port);
                    outcomes.lock().unwrap().push((Instant::now(), outcome, refused));
                    if refused {
                        refusals += 1;
                        std::thread::sleep(Duration::from_millis(2));
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(800));

    // The shutdown: SIGTERM natively; under WasmEdge no signal reaches the program, so the
    // preStop hook's request does it.
    let drain = match flavor {
        Flavor::Native => {
            let status = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status();
            assert!(status.is_ok_and(|s| s.success()), "kill -TERM");
            None
        }
        Flavor::Wasm => Some(std::thread::spawn(move || get(admin_port, "/drain"))),
    };
    server.wait_for_event("draining", Duration::from_secs(30));
    // Unready while draining, still serving.
    assert_eq!(get(admin_port, "/readyz").map(|(status, _)| status), Some(503));
    let (closing_at, closing) = server.wait_for_event("closing", Duration::from_secs(30));
    let (closed_at, closed) = server.wait_for_event("closed", Duration::from_secs(60));
    let code = server.wait(Duration::from_secs(60));
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().expect("a client thread");
    }
    if let Some(drain) = drain {
        let answer = drain.join().expect("the drain request");
        assert!(answer.as_ref().is_some_and(|(status, body)| *status == 200 && body.contains("\"drained\":true")), "{answer:?}");
    }
    assert_eq!(code, Some(0), "exit status; stderr: {}", server.stderr());

    let outcomes = outcomes.lock().unwrap().clone();
    let count = |wanted: Outcome| outcomes.iter().filter(|(_, outcome, _)| *outcome == wanted).count();
    let in_flight: u64 = number_field(&closing, "inFlight");
    let served: u64 = number_field(&closed, "served");
    let report = format!(
        "{} complete, {} not served, {} partial; server: {in_flight} in flight at close, {served} served",
        count(Outcome::Complete),
        count(Outcome::NotServed),
        count(Outcome::Partial)
    );
    eprintln!("{}: {report}", flavor.name());
    assert!(in_flight > 0, "the close found no request in flight, so it proved nothing: {report}");
    assert_eq!(count(Outcome::Partial), 0, "a request was cut off: {report}");
    assert_eq!(count(Outcome::Complete) as u64, served, "every request a handler started must complete: {report}");
    let refused_while_finishing =
        outcomes.iter().any(|(at, _, refused)| *refused && *at > closing_at && *at < closed_at);
    assert!(refused_while_finishing, "no new connection was refused while in-flight requests finished: {report}");
}

fn number_field(line: &str, name: &str) -> u64 {
    let start = line.find(&format!("\"{name}\":")).unwrap_or_else(|| panic!("no {name} in {line}")) + name.len() + 3;
    line[start..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().expect("a number")
}

#[test]
fn graceful_close_under_load_native_by_sigterm() {
    graceful_close_under_load(Flavor::Native);
}

#[test]
fn graceful_close_under_load_wasm_by_drain_request() {
    if !support::flavors().contains(&Flavor::Wasm) {
        return;
    }
    graceful_close_under_load(Flavor::Wasm);
}

/// A signal listener replaces the default action only while it is there.
#[test]
fn removing_the_last_signal_listener_restores_the_default_action() {
    let dir = scratch("signals");
    std::fs::write(
        dir.join("signals.js"),
        "const stop = () => print('SIGINT listener');\n\
         process.on('SIGINT', stop);\n\
         process.on('SIGUSR2', (name, number) => { print('got', name, number); process.off('SIGINT', stop); print('removed'); });\n\
         print('ready');\n\
         setTimeout(() => print('timed out'), 20000);\n",
    )
    .expect("write the script");
    let mut server = Server::start(support::command(Flavor::Native, &dir, "signals.js", &[]));
    let wait_line = |server: &Server, wanted: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !server.log().iter().any(|line| line == wanted) {
            assert!(Instant::now() < deadline, "no '{wanted}': {:?} {}", server.log(), server.stderr());
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let signal = |server: &Server, name: &str| {
        assert!(Command::new("kill").args([&format!("-{name}"), &server.child.id().to_string()]).status().is_ok());
    };
    wait_line(&server, "ready");
    signal(&server, "INT");
    wait_line(&server, "SIGINT listener");
    signal(&server, "USR2");
    wait_line(&server, "removed");
    assert!(server.log().contains(&"got SIGUSR2 12".to_string()), "{:?}", server.log());
    signal(&server, "INT");
    // The default action again: killed by SIGINT.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the process outlived SIGINT");
        std::thread::sleep(Duration::from_millis(5));
    };
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(2), "{status:?}; log {:?}", server.log());
}
