//! `wasi_net` driven from outside: the seed's echo server answering real clients, 10,000
//! sequential connections without leaking descriptors, and an idle server using no CPU.
//! Each test runs natively and as wasm under the test host.

mod support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::PathBuf,
    process::Child,
    time::{Duration, Instant},
};

use support::Flavor;

fn scripts_dir() -> PathBuf {
    support::workspace_root().join("tests/scripts/net")
}

/// Starts the seed echo server on a free port; returns the child and the port.
fn start_echo_server(flavor: Flavor, connections: usize) -> (Child, u16) {
    let port = support::free_port();
    let args = vec![port.to_string(), connections.to_string()];
    let child = support::command(flavor, &scripts_dir(), "seed_echo_server.js", &args).spawn().expect("start the server");
    assert!(support::wait_for_port(port, Duration::from_secs(120)), "{flavor:?}: the server did not start listening");
    (child, port)
}

fn echo_round_trip(port: u16, message: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    stream.write_all(message.as_bytes()).expect("write");
    let expected = format!("echo:{message}");
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    while received.len() < expected.len() {
        let n = stream.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        received.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&received).into_owned()
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count()).unwrap_or(0)
}

/// User + system CPU time of a process, from /proc.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let per_second = 100; // USER_HZ on Linux
    Duration::from_millis(ticks * 1000 / per_second)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn seed_echo_server_answers_external_clients() {
    for flavor in support::flavors() {
        let (child, port) = start_echo_server(flavor, 1000);
        assert_eq!(echo_round_trip(port, "hello"), "echo:hello", "{flavor:?}");
        // Several clients at once, interleaved.
        let mut streams: Vec<TcpStream> = (0..10).map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect")).collect();
        for (i, s) in streams.iter_mut().enumerate() {
            s.write_all(format!("client {i}").as_bytes()).expect("write");
        }
        for (i, s) in streams.iter_mut().enumerate() {
            s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
            let mut buf = [0u8; 64];
            let n = s.read(&mut buf).expect("read");
            assert_eq!(&buf[..n], format!("echo:client {i}").as_bytes(), "{flavor:?}");
        }
        stop(child);
    }
}

#[test]
fn ten_thousand_sequential_connections_leave_no_open_descriptors() {
    for flavor in support::flavors() {
        let count = if flavor == Flavor::Native { 10_000 } else { 2_000 };
        let (child, port) = start_echo_server(flavor, count + 10);
        let pid = child.id();
        assert_eq!(echo_round_trip(port, "warm-up"), "echo:warm-up");
        std::thread::sleep(Duration::from_millis(200));
        let before = open_fds(pid);
        for i in 0..count {
            let message = format!("n{i}");
            assert_eq!(echo_round_trip(port, &message), format!("echo:{message}"), "{flavor:?} connection {i}");
        }
        // Closed connections are released when the server sees EOF and the objects are
        // collected; give the loop a moment to catch up with the last few.
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut after = open_fds(pid);
        while after > before + 16 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
            after = open_fds(pid);
        }
        eprintln!("{flavor:?}: {count} connections, open fds before {before}, after {after}");
        assert!(after <= before + 16, "{flavor:?}: descriptors grew from {before} to {after} over {count} connections");
        stop(child);
    }
}

#[test]
fn idle_server_uses_no_cpu() {
    for flavor in support::flavors() {
        let (child, port) = start_echo_server(flavor, 10);
        assert_eq!(echo_round_trip(port, "x"), "echo:x");
        std::thread::sleep(Duration::from_millis(300));
        let before = cpu_time(child.id());
        std::thread::sleep(Duration::from_secs(1));
        let used = cpu_time(child.id()) - before;
        eprintln!("{flavor:?}: idle server used {used:?} of CPU in 1 s");
        assert!(used <= Duration::from_millis(50), "{flavor:?}: an idle server used {used:?} of CPU in 1 s");
        stop(child);
    }
}

/// A QuickJS-style raw server (accept loop that never waits, connections left to the garbage
/// collector) under 1,000 `Connection: close` clients: reads must be served while accepts keep
/// succeeding, and the descriptors of finished connections must come back.
#[test]
fn an_always_ready_accept_loop_does_not_starve_reads_or_leak_descriptors() {
    for flavor in support::flavors() {
        let port = support::free_port();
        let mut child = support::command(flavor, &scripts_dir(), "gc_close_http_echo.js", &[port.to_string()])
            .spawn()
            .expect("start the server");
        assert!(support::wait_for_port(port, Duration::from_secs(120)), "{flavor:?}: the server did not start listening");
        let pid = child.id();
        std::thread::sleep(Duration::from_millis(300));
        let before = open_fds(pid);
        let clients: Vec<_> = (0..20)
            .map(|t| {
                std::thread::spawn(move || {
                    for i in 0..50 {
                        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
                        stream
                            .write_all(format!("GET /t{t}-{i} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
                            .expect("write");
                        let mut text = String::new();
                        let _ = stream.read_to_string(&mut text);
                        assert!(text.ends_with(&format!("echo:/t{t}-{i}")), "answer {text:?}");
                    }
                })
            })
            .collect();
        for client in clients {
            client.join().expect("client");
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut after = open_fds(pid);
        while after > before + 32 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
            after = open_fds(pid);
        }
        eprintln!("{flavor:?}: 1,000 close clients, open fds before {before}, after {after}");
        assert!(after <= before + 32, "{flavor:?}: descriptors grew from {before} to {after}");
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// An ordinary Node program (a line-protocol key-value server on `node:net`) run unmodified,
/// driven by several clients at once, with commands split across writes.
#[test]
fn a_node_style_line_protocol_server_runs_unmodified() {
    for flavor in support::flavors() {
        // PORT=0: the server takes any free port and prints it.
        let command = support::command_with_env(flavor, &scripts_dir(), "kv_line_server.js", &[], &[("PORT", "0")]);
        let server = support::ListeningServer::start(command, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{flavor:?}: {e}"));
        let port = server.port;
        let talk = |script: &[&str]| -> Vec<String> {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
            // Every command in two pieces, to exercise line reassembly.
            for command in script {
                let (a, b) = command.split_at(command.len() / 2);
                stream.write_all(a.as_bytes()).expect("write");
                stream.flush().expect("flush");
                std::thread::sleep(Duration::from_millis(5));
                stream.write_all(format!("{b}\n").as_bytes()).expect("write");
            }
            let mut text = String::new();
            let _ = stream.read_to_string(&mut text);
            text.lines().map(str::to_string).collect()
        };
        let first = std::thread::scope(|scope| {
            let a = scope.spawn(|| talk(&["SET a 1", "SET b two words", "GET b", "QUIT"]));
            let c = scope.spawn(|| talk(&["SET c 3", "GET missing", "BOGUS", "QUIT"]));
            (a.join().expect("client a"), c.join().expect("client c"))
        });
        assert_eq!(first.0, ["OK", "OK", "VALUE two words", "BYE"], "{flavor:?}");
        assert_eq!(first.1, ["OK", "NONE", "ERROR unknown command \"BOGUS\"", "BYE"], "{flavor:?}");
        assert_eq!(talk(&["DEL a", "DEL a", "KEYS", "QUIT"]), ["DELETED", "NONE", "KEYS b,c", "BYE"], "{flavor:?}");
    }
}
