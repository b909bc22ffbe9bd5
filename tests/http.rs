//! The `http` module against real peers over loopback: a server driven by a raw client
//! (keep-alive, pipelining, malformed requests, handler errors) and `fetch` against a server run
//! by this test. Each test runs natively and as wasm under the test host.

mod support;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::PathBuf,
    time::Duration,
};

use support::{Flavor, ListeningServer};

fn scripts_dir() -> PathBuf {
    support::workspace_root().join("tests/scripts/http")
}

/// The echo server on a port of its own choosing (port 0), so parallel tests cannot collide.
fn start_server(flavor: Flavor) -> ListeningServer {
    let command = support::command(flavor, &scripts_dir(), "echo_server.js", &["0".to_string()]);
    ListeningServer::start(command, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{flavor:?}: {e}"))
}

/// One parsed HTTP response: status, lower-case headers and body (de-chunked).
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Reads one response from `reader`; `None` at end of stream.
fn read_response(reader: &mut BufReader<TcpStream>) -> Option<Response> {
    let mut status_line = String::new();
    if reader.read_line(&mut status_line).ok()? == 0 {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut response = Response { status, headers, body: String::new() };
    let mut body = Vec::new();
    if response.header("transfer-encoding") == Some("chunked") {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0u8; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = response.header("content-length") {
        let mut chunk = vec![0u8; length.parse().ok()?];
        reader.read_exact(&mut chunk).ok()?;
        body = chunk;
    }
    response.body = String::from_utf8_lossy(&body).into_owned();
    Some(response)
}

fn connect(port: u16) -> (TcpStream, BufReader<TcpStream>) {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let reader = BufReader::new(stream.try_clone().expect("clone"));
    (stream, reader)
}

fn post(path: &str, body: &str) -> String {
    format!("POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn a_thousand_requests_on_one_keep_alive_connection() {
    for flavor in support::flavors() {
        let server = start_server(flavor);
        let port = server.port;
        let (mut stream, mut reader) = connect(port);
        for i in 0..1000 {
            stream.write_all(post(&format!("/n{i}"), &format!("body{i}")).as_bytes()).expect("write");
            let response = read_response(&mut reader).unwrap_or_else(|| panic!("{flavor:?}: no response to request {i}; the server printed:\n{}", server.output()));
            assert_eq!(response.status, 200);
            assert_eq!(response.body, format!("echo:POST /n{i} body{i}"), "{flavor:?}");
        }
    }
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    for flavor in support::flavors() {
        let server = start_server(flavor);
        let port = server.port;
        let (mut stream, mut reader) = connect(port);
        let batch: String = (0..5).map(|i| post(&format!("/p{i}"), &"x".repeat(i))).collect();
        stream.write_all(batch.as_bytes()).expect("write");
        for i in 0..5 {
            let response = read_response(&mut reader).expect("response");
            assert_eq!(response.body, format!("echo:POST /p{i} {}", "x".repeat(i)), "{flavor:?}");
        }
        // A chunked request body, then Connection: close ends the connection after the answer.
        stream
            .write_all(b"POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            .expect("write");
        let response = read_response(&mut reader).expect("response");
        assert_eq!(response.body, "echo:POST /chunked abcde", "{flavor:?}");
        assert!(read_response(&mut reader).is_none(), "{flavor:?}: the connection should be closed");
    }
}

#[test]
fn malformed_requests_and_failing_handlers_do_not_stop_the_server() {
    for flavor in support::flavors() {
        let server = start_server(flavor);
        let port = server.port;
        for garbage in ["NOT HTTP AT ALL\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n"] {
            let (mut stream, mut reader) = connect(port);
            stream.write_all(garbage.as_bytes()).expect("write");
            let response = read_response(&mut reader).expect("a 400 response");
            assert_eq!(response.status, 400, "{flavor:?}: {garbage:?}");
            assert!(read_response(&mut reader).is_none(), "{flavor:?}: closed after a 400");
        }
        let (mut stream, mut reader) = connect(port);
        stream.write_all(b"GET /throw HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        assert_eq!(read_response(&mut reader).expect("a 500 response").status, 500, "{flavor:?}");
        let (mut stream, mut reader) = connect(port);
        stream.write_all(b"GET /after-write HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        let mut rest = String::new();
        let _ = reader.read_to_string(&mut rest);
        // Still serving.
        let (mut stream, mut reader) = connect(port);
        stream.write_all(post("/ok", "fine").as_bytes()).expect("write");
        assert_eq!(read_response(&mut reader).expect("response").body, "echo:POST /ok fine", "{flavor:?}");
    }
}

/// A tiny HTTP server for the fetch test: answers JSON echoes, a chunked and a close-delimited
/// response, a redirect, and a slow response for the abort case.
fn serve_for_fetch(listener: TcpListener) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut stream = stream;
            let Some(request) = support::read_simple_request(&mut reader) else { return };
            let (method, path) = (request.method, request.target);
            let body = request.body.replace('\\', "\\\\").replace('"', "\\\"");
            let response = match path.as_str() {
                "/chunked" => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".to_string(),
                "/close-delimited" => "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end".to_string(),
                "/redirect" => "HTTP/1.1 302 Found\r\nLocation: /items?id=7\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                "/slow" => {
                    std::thread::sleep(Duration::from_secs(3));
                    "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlate".to_string()
                }
                _ => {
                    let json = format!(r#"{{"method":"{method}","path":"{path}","body":"{body}"}}"#);
                    let status = if method == "POST" { "201 Created" } else { "200 OK" };
                    format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}", json.len())
                }
            };
            let _ = stream.write_all(response.as_bytes());
        });
    }
}

#[test]
fn fetch_against_a_local_server() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || serve_for_fetch(listener));
    for flavor in support::flavors() {
        let output = support::run_script(flavor, &scripts_dir(), "fetch_client.js", &[port.to_string()]).expect("run");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = [
            r#"GET 200 true application/json {"method":"GET","path":"/items?id=7","body":""}"#,
            r#"POST 201 Created {"method":"POST","path":"/items","body":"{\"name\":\"boa\",\"n\":1}"}"#,
            "PUT 200 PUT /items/7 [1,2,3]",
            "chunked chunked hello world",
            "close-delimited until the end",
            "redirect 200 true true",
            "abort: AbortError",
        ];
        assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "{flavor:?}\nstderr:\n{stderr}");
        assert!(output.status.success(), "{flavor:?}: {stderr}");
    }
}
