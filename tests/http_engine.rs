//! The native HTTP/1.1 engine under `http.createServer`, against hostile and heavy clients over
//! loopback: request smuggling and limits, slow clients and timeouts, clients that never read,
//! departed clients, large ignored uploads, 1,000 concurrent connections, descriptor exhaustion
//! and graceful close. Each test runs natively and as wasm under the test host. Speed is never
//! asserted; time limits only bound how long a test may wait for something that must happen.

mod support;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{Shutdown, TcpStream},
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use support::{Flavor, ListeningServer};

fn scripts_dir() -> PathBuf {
    support::workspace_root().join("tests/scripts/http")
}

struct Server {
    inner: ListeningServer,
    port: u16,
    flavor: Flavor,
}

impl Server {
    /// `settings`: headersTimeout, requestTimeout, keepAliveTimeout in ms (0 keeps Node's default).
    fn start(flavor: Flavor, settings: &[u32]) -> Self {
        Self::start_limited(flavor, settings, None)
    }

    /// Like `start`, with the descriptor limit of the server process set to `nofile`. The server
    /// binds port 0 and prints the port it got, so parallel tests cannot collide.
    fn start_limited(flavor: Flavor, settings: &[u32], nofile: Option<u32>) -> Self {
        let mut args = vec!["0".to_string()];
        args.extend(settings.iter().map(u32::to_string));
        let inner = support::command(flavor, &scripts_dir(), "engine_server.js", &args);
        let command = match nofile {
            None => inner,
            Some(limit) => {
                let mut command = Command::new("prlimit");
                command.arg(format!("--nofile={limit}")).arg("--").arg(inner.get_program()).args(inner.get_args());
                command.current_dir(scripts_dir()).stdin(Stdio::null());
                command
            }
        };
        let inner = ListeningServer::start(command, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{flavor:?}: {e}"));
        let port = inner.port;
        Self { inner, port, flavor }
    }

    fn pid(&self) -> u32 {
        self.inner.child.id()
    }

    fn alive(&mut self) -> bool {
        matches!(self.inner.child.try_wait(), Ok(None))
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        stream
    }

    /// Sends `bytes` on a new connection and reads until the server closes it.
    fn exchange(&self, bytes: &[u8]) -> String {
        let mut stream = self.connect();
        stream.write_all(bytes).expect("write");
        read_to_close(&mut stream)
    }

    /// One `GET path` with keep-alive; returns the response body.
    fn get(&self, path: &str) -> String {
        let stream = self.connect();
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut stream = stream;
        stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).expect("write");
        let (status, body) = read_response(&mut reader).unwrap_or_else(|| panic!("{:?}: no response to GET {path}; the server printed:\n{}", self.flavor, self.inner.output()));
        assert!(status.starts_with("HTTP/1.1 200"), "{:?}: {status}", self.flavor);
        body
    }
}

fn read_to_close(stream: &mut TcpStream) -> String {
    let mut all = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => all.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("reading until the server closes: {e}"),
        }
    }
    String::from_utf8_lossy(&all).into_owned()
}

/// Reads one Content-Length response: (status line, body).
fn read_response(reader: &mut impl BufRead) -> Option<(String, String)> {
    let mut status = String::new();
    if reader.read_line(&mut status).ok()? == 0 {
        return None;
    }
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some((status.trim_end().to_string(), String::from_utf8_lossy(&body).into_owned()))
}

fn status_line(response: &str) -> &str {
    response.lines().next().unwrap_or("")
}

fn proc_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count()).unwrap_or(0)
}

/// Waits (up to `limit`) for `condition`; returns whether it became true.
fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    condition()
}

#[test]
fn smuggling_and_malformed_requests_are_refused_and_closed() {
    let long_head = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(70 * 1024));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("TE and CL", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), "400"),
        ("duplicate CL", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc".to_vec(), "400"),
        ("conflicting CL", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabcd".to_vec(), "400"),
        ("invalid CL", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(), "400"),
        ("head over the limit in one read", long_head.into_bytes(), "431"),
        ("NUL in target", b"GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), "400"),
        ("control character in target", b"GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), "400"),
        ("vertical tab before chunked", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \x0bchunked\r\n\r\n0\r\n\r\n".to_vec(), "400"),
        ("HTTP/1.9", b"GET / HTTP/1.9\r\nHost: x\r\n\r\n".to_vec(), "400"),
        ("bare LF", b"GET / HTTP/1.1\nHost: x\n\n".to_vec(), "400"),
        ("obs-fold", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n".to_vec(), "400"),
        ("final coding not chunked", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n".to_vec(), "400"),
        ("bad chunk size", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(), "400"),
        ("missing Host", b"GET / HTTP/1.1\r\n\r\n".to_vec(), "400"),
    ];
    for flavor in support::flavors() {
        let mut server = Server::start(flavor, &[]);
        for (name, bytes, status) in &cases {
            let response = server.exchange(bytes);
            let line = status_line(&response);
            assert!(line.starts_with(&format!("HTTP/1.1 {status}")), "{flavor:?} {name}: got {line:?}");
            // Exactly one response, then the connection is closed: nothing smuggled through.
            assert_eq!(response.matches("HTTP/1.1 ").count(), 1, "{flavor:?} {name}: {response:?}");
            assert!(response.contains("Connection: close"), "{flavor:?} {name}");
        }
        assert!(server.alive(), "{flavor:?}: the server died");
        assert_eq!(server.get("/after"), "echo:GET /after ", "{flavor:?}: still serving");
    }
}

#[test]
fn large_heads_and_many_fields_are_answered_promptly() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        // A head just under 64 KiB, in one write and byte by byte in 1 KiB pieces.
        let big = format!("GET /big-head HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "a".repeat(60 * 1024));
        assert!(server.exchange(big.as_bytes()).starts_with("HTTP/1.1 200"), "{flavor:?}");
        let mut stream = server.connect();
        for piece in big.as_bytes().chunks(1024) {
            stream.write_all(piece).expect("write");
        }
        assert!(read_to_close(&mut stream).starts_with("HTTP/1.1 200"), "{flavor:?}");
        // 1,500 fields are served; 10,000 are refused with 431.
        let mut many = String::from("GET /fields HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for i in 0..1500 {
            many.push_str(&format!("X-{i}: v\r\n"));
        }
        many.push_str("\r\n");
        assert!(server.exchange(many.as_bytes()).starts_with("HTTP/1.1 200"), "{flavor:?}");
        let mut too_many = String::from("GET /fields HTTP/1.1\r\nHost: x\r\n");
        for i in 0..10_000 {
            too_many.push_str(&format!("X{i}:v\r\n"));
        }
        too_many.push_str("\r\n");
        assert!(server.exchange(too_many.as_bytes()).starts_with("HTTP/1.1 431"), "{flavor:?}");
    }
}

#[test]
fn one_byte_chunks_do_not_stall_other_clients() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        let chunks = 100_000;
        let port = server.port;
        let slow = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            stream.set_read_timeout(Some(Duration::from_secs(120))).expect("timeout");
            stream.write_all(b"POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").expect("write");
            let piece = b"1\r\nx\r\n".repeat(1000);
            for _ in 0..chunks / 1000 {
                stream.write_all(&piece).expect("write");
            }
            stream.write_all(b"0\r\n\r\n").expect("write");
            read_to_close(&mut stream)
        });
        // Meanwhile other clients are served.
        for i in 0..20 {
            assert_eq!(server.get(&format!("/other{i}")), format!("echo:GET /other{i} "), "{flavor:?}");
        }
        let response = slow.join().expect("client thread");
        assert!(response.ends_with(&format!("bytes={chunks}")), "{flavor:?}: {response:?}");
    }
}

#[test]
fn a_client_that_never_reads_does_not_grow_the_server() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        server.get("/warm-up");
        let baseline = proc_kib(server.pid(), "VmRSS");
        // 300 pipelined requests for 1 MiB responses, never read.
        let mut hog = server.connect();
        let requests = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n".repeat(300);
        hog.set_write_timeout(Some(Duration::from_secs(5))).expect("timeout");
        let _ = hog.write_all(requests.as_bytes());
        std::thread::sleep(Duration::from_secs(2));
        // Others are still served while it hogs.
        assert_eq!(server.get("/meanwhile"), "echo:GET /meanwhile ", "{flavor:?}");
        let grown = proc_kib(server.pid(), "VmRSS").saturating_sub(baseline);
        eprintln!("{flavor:?}: RSS grew by {grown} KiB with 300 MiB of responses unread");
        assert!(grown < 64 * 1024, "{flavor:?}: RSS grew by {grown} KiB");
        drop(hog);
    }
}

#[test]
fn ignored_uploads_are_not_buffered() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        server.get("/warm-up");
        let baseline = proc_kib(server.pid(), "VmRSS");
        let size: usize = 64 * 1024 * 1024;
        let stream = server.connect();
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut stream = stream;
        stream.write_all(format!("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n").as_bytes()).expect("write");
        let (status, body) = read_response(&mut reader).expect("the answer comes before the body is sent");
        assert!(status.starts_with("HTTP/1.1 200") && body == "ignored", "{flavor:?}: {status} {body}");
        let block = vec![b'u'; 1024 * 1024];
        for _ in 0..size / block.len() {
            stream.write_all(&block).expect("the server keeps reading (and dropping) the body");
        }
        // The connection is still usable afterwards.
        stream.write_all(b"GET /next HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        let (_, body) = read_response(&mut reader).expect("the next response");
        assert_eq!(body, "echo:GET /next ", "{flavor:?}");
        let grown = proc_kib(server.pid(), "VmHWM").saturating_sub(baseline);
        eprintln!("{flavor:?}: peak RSS grew by {grown} KiB over a 64 MiB ignored upload");
        assert!(grown < 32 * 1024, "{flavor:?}: peak RSS grew by {grown} KiB");
    }
}

#[test]
fn slow_clients_time_out_without_delaying_others() {
    for flavor in support::flavors() {
        // headersTimeout 1 s, requestTimeout 2 s, keepAliveTimeout 500 ms.
        let server = Server::start(flavor, &[1000, 2000, 500]);
        let port = server.port;
        let started = Instant::now();
        // Slowloris: 20 clients dribbling a head one byte every 200 ms.
        let slow: Vec<_> = (0..20)
            .map(|_| {
                std::thread::spawn(move || {
                    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
                    let head = b"GET /slowloris HTTP/1.1\r\nHost: x\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
                    for byte in head {
                        if stream.write_all(&[*byte]).is_err() {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(200));
                    }
                    (read_to_close(&mut stream), started.elapsed())
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        for i in 0..10 {
            assert_eq!(server.get(&format!("/fast{i}")), format!("echo:GET /fast{i} "), "{flavor:?}");
        }
        // A body that never finishes: 408 at requestTimeout.
        let mut body = server.connect();
        body.write_all(b"POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial").expect("write");
        // A connection that sends nothing: 408 at headersTimeout.
        let mut silent = server.connect();
        // An idle keep-alive connection: closed quietly at keepAliveTimeout.
        let idle = server.connect();
        let mut idle_reader = BufReader::new(idle.try_clone().expect("clone"));
        let mut idle = idle;
        idle.write_all(b"GET /once HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        assert!(read_response(&mut idle_reader).is_some(), "{flavor:?}");
        for handle in slow {
            let (response, elapsed) = handle.join().expect("slow client");
            assert!(status_line(&response).starts_with("HTTP/1.1 408"), "{flavor:?}: slowloris got {response:?}");
            assert!(elapsed < Duration::from_secs(8), "{flavor:?}: a slow client was closed only after {elapsed:?}");
        }
        assert!(status_line(&read_to_close(&mut body)).starts_with("HTTP/1.1 408"), "{flavor:?}: slow body");
        assert!(status_line(&read_to_close(&mut silent)).starts_with("HTTP/1.1 408"), "{flavor:?}: silent connection");
        let mut rest = String::new();
        let _ = idle_reader.read_to_string(&mut rest);
        assert_eq!(rest, "", "{flavor:?}: an idle keep-alive connection is closed without a response");
    }
}

#[test]
fn departed_clients_of_unanswered_requests_release_their_sockets() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        server.get("/warm-up");
        std::thread::sleep(Duration::from_millis(200));
        let before = open_fds(server.pid());
        for _ in 0..300 {
            let mut stream = server.connect();
            stream.write_all(b"GET /hang HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
            stream.shutdown(Shutdown::Both).expect("shutdown");
        }
        let released = eventually(Duration::from_secs(20), || open_fds(server.pid()) <= before + 16);
        let after = open_fds(server.pid());
        eprintln!("{flavor:?}: descriptors before {before}, after 300 departed clients {after}");
        assert!(released, "{flavor:?}: descriptors went from {before} to {after}");
        assert_eq!(server.get("/still"), "echo:GET /still ", "{flavor:?}");
    }
}

#[test]
fn a_thousand_concurrent_connections() {
    for flavor in support::flavors() {
        let server = Server::start(flavor, &[]);
        let mut streams: Vec<TcpStream> = (0..1000).map(|_| server.connect()).collect();
        for round in 0..2 {
            for (i, stream) in streams.iter_mut().enumerate() {
                stream.write_all(format!("GET /c{i}-{round} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).expect("write");
            }
            for (i, stream) in streams.iter_mut().enumerate() {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let (_, body) = read_response(&mut reader).unwrap_or_else(|| panic!("{flavor:?}: no answer on connection {i}"));
                assert_eq!(body, format!("echo:GET /c{i}-{round} "), "{flavor:?}");
            }
        }
    }
}

#[test]
fn descriptor_exhaustion_backs_off_and_keeps_serving() {
    for flavor in support::flavors() {
        if flavor == Flavor::Wasm {
            // The test host's poll_oneoff (wasmtime) needs a descriptor of its own: at the limit it
            // fails, and the event loop ends with "the event loop cannot wait for I/O: No file
            // descriptors available" (docs/test-host.md). Natively the accept back-off is tested.
            continue;
        }
        let mut server = Server::start_limited(flavor, &[], Some(256));
        server.get("/warm-up");
        // More idle connections than descriptors: the kernel queues the rest.
        let mut idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok()).collect();
        std::thread::sleep(Duration::from_secs(1));
        assert!(server.alive(), "{flavor:?}: the server exited when it ran out of descriptors");
        // Free some: waiting connections are taken and served again.
        idle.drain(..150);
        let port = server.port;
        let answered = eventually(Duration::from_secs(30), || {
            let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            if stream.write_all(b"GET /back HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").is_err() {
                return false;
            }
            let mut text = String::new();
            let _ = stream.read_to_string(&mut text);
            text.ends_with("echo:GET /back ")
        });
        assert!(answered, "{flavor:?}: no answer after descriptors were freed");
        assert!(server.alive(), "{flavor:?}");
        drop(idle);
    }
}

#[test]
fn graceful_close_finishes_in_flight_requests() {
    for flavor in support::flavors() {
        let mut server = Server::start(flavor, &[]);
        let slow = server.connect();
        let mut slow_reader = BufReader::new(slow.try_clone().expect("clone"));
        let mut slow = slow;
        slow.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        std::thread::sleep(Duration::from_millis(100));
        let idle = server.connect();
        let closing = server.exchange(b"GET /close HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(closing.ends_with("closing"), "{flavor:?}: {closing:?}");
        // The request in flight still gets its answer, marked as the connection's last.
        let (status, body) = read_response(&mut slow_reader).expect("the in-flight response");
        assert!(status.starts_with("HTTP/1.1 200") && body == "slow done", "{flavor:?}");
        let mut rest = String::new();
        let _ = slow_reader.read_to_string(&mut rest);
        assert_eq!(rest, "", "{flavor:?}: closed after the in-flight response");
        // The idle connection was closed, new ones are refused, and the process ends by itself.
        let mut idle = idle;
        assert_eq!(read_to_close(&mut idle), "", "{flavor:?}");
        assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err(), "{flavor:?}: still accepting");
        assert!(eventually(Duration::from_secs(30), || !server.alive()), "{flavor:?}: the process did not end after close()");
        let status = server.inner.child.wait().expect("status");
        assert!(status.success(), "{flavor:?}: {status}");
    }
}
