//! `wasi_net` + `wasi_http` scripts against real peers over loopback: the seed's HTTP echo server
//! answering an external client (HTTP/1.1 with `Connection: close`, and HTTP/1.0), and the seed's
//! client pattern against a server run by this test with Content-Length, chunked and
//! close-delimited responses. Each runs natively and as wasm under the test host.

mod support;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::PathBuf,
    process::Stdio,
    time::Duration,
};

fn scripts_dir() -> PathBuf {
    support::workspace_root().join("tests/scripts/wasi_http")
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(scripts_dir().join(name)).expect("expectation file")
}

/// Sends one request and reads the response up to its Content-Length.
fn exchange(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    stream.write_all(request.as_bytes()).expect("write");
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        received.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&received);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
                .unwrap_or(0);
            if received.len() >= head_end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

#[test]
fn seed_http_echo_server_answers_an_external_client() {
    for flavor in support::flavors() {
        let port = support::free_port();
        let mut command = support::command(flavor, &scripts_dir(), "echo_server.js", &[port.to_string(), "2".to_string()]);
        command.stdout(Stdio::piped());
        let mut child = command.spawn().expect("start the server");
        // Wait for the "listen" line rather than probing the port: the seed server accepts exactly
        // two connections, and a probe would be one of them.
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first_line = String::new();
        stdout.read_line(&mut first_line).expect("the listen line");
        let rest = std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
            rest
        });
        let first = exchange(
            port,
            "POST /request HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 12\r\n\r\nhello server",
        );
        assert_eq!(first, "HTTP/1.0 200 OK\r\nContent-Length: 17\r\n\r\necho:hello server", "{flavor:?}");
        let second = exchange(port, "POST /old-client HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 8\r\n\r\nWasmEdge");
        assert!(second.ends_with("Content-Length: 13\r\n\r\necho:WasmEdge"), "{flavor:?}: {second:?}");
        let output = support::wait_with_limit(child, support::time_limit(flavor)).expect("the server exits after two clients");
        let stdout = first_line + &rest.join().unwrap_or_default();
        assert_eq!(stdout, expected("echo_server.expected").replace("PORT", &port.to_string()), "{flavor:?}");
        assert!(output.status.success(), "{flavor:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

/// Answers `<METHOD> <target> body=<body>`, framed by the path: /length (Content-Length, head
/// and body written separately), /chunked (chunks of at most 4 bytes), /close (no length; the
/// body ends when the connection closes); anything else with Content-Length.
fn serve(listener: TcpListener) {
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut stream = stream;
            let Some(request) = support::read_simple_request(&mut reader) else { return };
            let target = request.target;
            let answer = format!("{} {target} body={}", request.method, request.body);
            let pause = || std::thread::sleep(Duration::from_millis(5));
            if target.starts_with("/chunked") {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                for piece in answer.as_bytes().chunks(4) {
                    pause();
                    let _ = stream.write_all(format!("{:x}\r\n", piece.len()).as_bytes());
                    let _ = stream.write_all(piece);
                    let _ = stream.write_all(b"\r\n");
                }
                let _ = stream.write_all(b"0\r\n\r\n");
            } else if target.starts_with("/close") {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
                let (a, b) = answer.as_bytes().split_at(answer.len() / 2);
                let _ = stream.write_all(a);
                pause();
                let _ = stream.write_all(b);
                let _ = stream.shutdown(std::net::Shutdown::Both);
            } else {
                let _ = stream.write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", answer.len()).as_bytes());
                pause();
                let _ = stream.write_all(answer.as_bytes());
            }
        });
    }
}

#[test]
fn seed_client_pattern_reads_every_framing() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || serve(listener));
    for flavor in support::flavors() {
        for (script, expectation) in [("seed_client.js", "seed_client.expected"), ("client_framing.js", "client_framing.expected")] {
            let output = support::run_script(flavor, &scripts_dir(), script, &[port.to_string()]).expect("run");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert_eq!(stdout, expected(expectation), "{flavor:?} {script}\nstderr:\n{}", String::from_utf8_lossy(&output.stderr));
            assert!(output.status.success(), "{flavor:?} {script}");
        }
    }
}
