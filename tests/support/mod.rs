//! Shared helpers for the end-to-end tests: run a script with the native CLI or as wasm under a
//! WasmEdge-compatible runner, with a time limit.
//!
//! The wasm flavour needs `wasmedge_boa.wasm` (`$WASMEDGE_BOA_WASM`, default
//! `target/wasm32-wasip1/release/wasmedge_boa.wasm`) and a runner (`$WASM_RUNNER`, a command
//! prefix such as `wasmedge` or the test host; default the test host built in `target/`). When
//! `REQUIRE_WASM=1` (CI) a missing one is an error; otherwise those runs are skipped.

#![allow(dead_code, reason = "each test binary uses a different part of the helpers")]

use std::{
    io::Read,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Native,
    Wasm,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Native => "native",
            Flavor::Wasm => "wasm",
        }
    }
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn native_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_wasmedge_boa"))
}

/// The .wasm and the runner command, if both exist.
pub fn wasm_setup() -> Option<(PathBuf, Vec<String>)> {
    let root = workspace_root();
    let wasm = std::env::var_os("WASMEDGE_BOA_WASM")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/wasm32-wasip1/release/wasmedge_boa.wasm"));
    let runner: Vec<String> = match std::env::var("WASM_RUNNER") {
        Ok(runner) if !runner.trim().is_empty() => runner.split_whitespace().map(String::from).collect(),
        _ => {
            let host = [
                "target/release/wasmedge-test-host",
                "target/test-host/wasmedge-test-host",
                "target/debug/wasmedge-test-host",
            ]
            .iter()
            .map(|p| root.join(p))
            .find(|p| p.is_file())?;
            vec![host.to_string_lossy().into_owned()]
        }
    };
    wasm.is_file().then_some((wasm, runner))
}

fn wasm_required() -> bool {
    std::env::var("REQUIRE_WASM").is_ok_and(|v| v == "1")
}

/// The flavours to run: native always, wasm when available (required in CI).
pub fn flavors() -> Vec<Flavor> {
    let mut flavors = vec![Flavor::Native];
    if wasm_setup().is_some() {
        flavors.push(Flavor::Wasm);
    } else if wasm_required() {
        panic!(
            "REQUIRE_WASM=1 but the .wasm or its runner is missing: run scripts/build-wasm and scripts/build-test-host"
        );
    }
    flavors
}

/// A command that runs `script` (relative to `dir`, which becomes the working directory).
pub fn command(flavor: Flavor, dir: &Path, script: &str, args: &[String]) -> Command {
    command_with_env(flavor, dir, script, args, &[])
}

/// Like [`command`], with environment variables set (WasmEdge's `--env` for the wasm flavour).
pub fn command_with_env(flavor: Flavor, dir: &Path, script: &str, args: &[String], env: &[(&str, &str)]) -> Command {
    let mut command = match flavor {
        Flavor::Native => {
            let mut command = Command::new(native_binary());
            command.envs(env.iter().copied());
            command
        }
        Flavor::Wasm => {
            let (wasm, runner) = wasm_setup().expect("wasm flavour requested without a .wasm and runner");
            let mut command = Command::new(&runner[0]);
            command.args(&runner[1..]);
            for (key, value) in env {
                command.arg("--env").arg(format!("{key}={value}"));
            }
            command.arg("--dir").arg(".:.").arg(wasm);
            command
        }
    };
    command.arg(script).args(args).current_dir(dir);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// Generous limits: the wasm build may run under an interpreter.
pub fn time_limit(flavor: Flavor) -> Duration {
    match flavor {
        Flavor::Native => Duration::from_secs(60),
        Flavor::Wasm => Duration::from_secs(240),
    }
}

/// Waits for `child`, killing it after `limit`; `None` if it had to be killed.
pub fn wait_with_limit(mut child: Child, limit: Duration) -> Option<Output> {
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    status.map(|status| Output { status, stdout, stderr })
}

/// Runs a script to completion within the flavour's time limit.
pub fn run_script(flavor: Flavor, dir: &Path, script: &str, args: &[String]) -> Result<Output, String> {
    let child = command(flavor, dir, script, args).spawn().map_err(|e| format!("cannot start {script}: {e}"))?;
    wait_with_limit(child, time_limit(flavor))
        .ok_or_else(|| format!("{script} did not finish within {:?}", time_limit(flavor)))
}

/// A TCP port that was free a moment ago, on 127.0.0.1. Tests running in parallel can be given
/// the same one, and a client's ephemeral port can take it before the server binds: prefer
/// [`ListeningServer`], where the server binds port 0 and reports the port it got.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

/// Waits until something listens on 127.0.0.1:`port`.
pub fn wait_for_port(port: u16, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            // With nothing listening, a probe whose ephemeral port happens to be `port` connects
            // to itself (TCP simultaneous open): that is not a server.
            if stream.local_addr().ok() != stream.peer_addr().ok() {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// A server script started on port 0 that prints a line ending in the port it bound (`listening
/// 40123`). Its stdout and stderr are drained on threads and kept, so that a failing test can say
/// what the server printed. Dropping it kills the server.
pub struct ListeningServer {
    pub child: Child,
    pub port: u16,
    output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl ListeningServer {
    /// Spawns `command` (stdout and stderr piped) and waits up to `limit` for its port line.
    pub fn start(mut command: Command, limit: Duration) -> Result<Self, String> {
        use std::io::BufRead;
        use std::sync::{Arc, Mutex, mpsc};
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|e| format!("cannot start the server: {e}"))?;
        let output = Arc::new(Mutex::new(Vec::new()));
        let (port_tx, port_rx) = mpsc::channel();
        let stdout = child.stdout.take().map(std::io::BufReader::new);
        let kept = Arc::clone(&output);
        std::thread::spawn(move || {
            let Some(mut stdout) = stdout else { return };
            let mut line = String::new();
            while stdout.read_line(&mut line).unwrap_or(0) > 0 {
                let port = line.split_whitespace().last().and_then(|word| word.parse::<u16>().ok());
                if let Some(port) = port.filter(|&p| p != 0) {
                    let _ = port_tx.send(port);
                }
                kept.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(line.as_bytes());
                line.clear();
            }
        });
        if let Some(mut stderr) = child.stderr.take() {
            let kept = Arc::clone(&output);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stderr.read(&mut buf) {
                    kept.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(&buf[..n]);
                }
            });
        }
        let mut server = Self { child, port: 0, output };
        match port_rx.recv_timeout(limit) {
            Ok(port) => {
                server.port = port;
                Ok(server)
            }
            Err(_) => Err(format!("the server printed no port within {limit:?}; its output:\n{}", server.output())),
        }
    }

    /// Everything the server has printed so far (stdout and stderr interleaved).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

impl Drop for ListeningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request read by a test's own HTTP server: method, target and body (Content-Length only).
pub struct SimpleRequest {
    pub method: String,
    pub target: String,
    pub body: String,
}

/// Reads a request head and its Content-Length body; `None` if the peer sent nothing.
pub fn read_simple_request(reader: &mut impl std::io::BufRead) -> Option<SimpleRequest> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return None;
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    Some(SimpleRequest { method, target, body: String::from_utf8_lossy(&body).into_owned() })
}
