//! Guest program for the test host's own tests. `guest MODE [args…]`:
//! - `sockets`: every socket call over loopback; prints `ok NAME` / `FAIL NAME: why`.
//! - `wasi FILE MISSING`: args, env, reading FILE through a preopen, MISSING must not exist.
//! - `exit N`: proc_exit(N).  `panic`: a Rust panic (wasm `unreachable`).
//! - `misaligned`: fd_fdstat_get with a misaligned pointer (WasmEdge traps).
//! - `stream`: writes "first", waits, writes "second" (checks unbuffered stdout).

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr};
use std::os::fd::{AsRawFd, FromRawFd};
use std::time::{Duration, SystemTime};

use wasmedge_wasi_socket::poll::{self, EventType, Subscription};
use wasmedge_wasi_socket::socket::{AddressFamily, Socket, SocketType};
use wasmedge_wasi_socket::{nslookup, TcpListener, TcpStream, UdpSocket};

/// Raw imports for what the crate does not expose. Signatures match the crate's (and
/// wasi-libc's) declarations of the same names.
mod raw {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        pub fn sock_open(af: i32, socktype: i32, ro_fd: *mut u32) -> i32;
        pub fn sock_bind(fd: u32, addr: *const WasiAddress, port: u32) -> i32;
        pub fn sock_listen(fd: u32, backlog: u32) -> i32;
        pub fn sock_shutdown(fd: u32, how: i32) -> i32;
        pub fn sock_recv(
            fd: u32,
            iovs: *const Iovec,
            iovs_len: u32,
            flags: i32,
            ro_len: *mut u32,
            ro_flags: *mut u32,
        ) -> i32;
        pub fn sock_getlocaladdr(
            fd: u32,
            addr: *mut WasiAddress,
            addr_type: *mut u32,
            port: *mut u32,
        ) -> i32;
        pub fn sock_getpeeraddr(
            fd: u32,
            addr: *mut WasiAddress,
            addr_type: *mut u32,
            port: *mut u32,
        ) -> i32;
        pub fn sock_getlocaladdr_v2(fd: u32, addr: *mut WasiAddress, port: *mut u32) -> i32;
        pub fn sock_getsockopt(
            fd: u32,
            level: i32,
            name: i32,
            val: *mut i32,
            val_len: *mut u32,
        ) -> i32;
        pub fn sock_setsockopt(
            fd: u32,
            level: i32,
            name: i32,
            val: *const i32,
            val_len: u32,
        ) -> i32;
        pub fn sock_getaddrinfo(
            node: *const u8,
            node_len: u32,
            service: *const u8,
            service_len: u32,
            hints: *const u8,
            res: *mut u32,
            max_len: u32,
            res_len: *mut u32,
        ) -> i32;
        pub fn fd_fdstat_get(fd: i32, buf: *mut u8) -> i32;
        pub fn fd_close(fd: i32) -> i32;
        pub fn poll_oneoff(subs: *const u8, events: *mut u8, count: i32, nevents: *mut i32) -> i32;
    }

    #[repr(C)]
    pub struct WasiAddress {
        pub buf: *const u8,
        pub size: usize,
    }

    #[repr(C)]
    pub struct Iovec {
        pub buf: *mut u8,
        pub len: usize,
    }
}

struct Checks {
    passed: usize,
    failed: usize,
}

impl Checks {
    fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.passed += 1;
                println!("ok {name}");
            }
            Err(why) => {
                self.failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

fn os_code<T: std::fmt::Debug>(result: std::io::Result<T>) -> Result<i32, String> {
    match result {
        Ok(v) => Err(format!("expected an error, got Ok({v:?})")),
        Err(e) => e
            .raw_os_error()
            .ok_or_else(|| format!("error without errno: {e}")),
    }
}

fn io<T>(what: &str, result: std::io::Result<T>) -> Result<T, String> {
    result.map_err(|e| format!("{what}: {e}"))
}

/// (filetype, fs_flags) from fd_fdstat_get.
fn fdstat(fd: i32) -> Result<(u8, u16), String> {
    #[repr(C, align(8))]
    struct Buf([u8; 24]);
    let mut buf = Buf([0; 24]);
    let status = unsafe { raw::fd_fdstat_get(fd, buf.0.as_mut_ptr()) };
    if status != 0 {
        return Err(format!("fd_fdstat_get errno {status}"));
    }
    Ok((buf.0[0], u16::from_le_bytes([buf.0[2], buf.0[3]])))
}

fn raw_open(af: i32, socktype: i32) -> Result<u32, i32> {
    let mut fd = 0u32;
    match unsafe { raw::sock_open(af, socktype, &mut fd) } {
        0 => Ok(fd),
        e => Err(e),
    }
}

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
}

/// Waits (up to 5 s) for one io event on `fd`.
fn wait_for(fd: &impl AsRawFd, read: bool, write: bool) -> Result<EventType, String> {
    let deadline = SystemTime::now() + Duration::from_secs(5);
    let subs = [
        Subscription::io(1, fd, read, write, None),
        Subscription::timeout(2, deadline),
    ];
    let mut events = io("poll", poll::poll(&subs))?;
    let event = events
        .drain(..)
        .find(|e| e.userdata == 1)
        .ok_or("poll timed out")?;
    Ok(event.event_type)
}

fn describe(event: &EventType) -> String {
    match event {
        EventType::Read => "Read".into(),
        EventType::Write => "Write".into(),
        EventType::Timeout => "Timeout".into(),
        EventType::Error(e) => format!("Error({:?}, {:?}, {e})", e.kind(), e.raw_os_error()),
    }
}

fn sockets() -> Checks {
    let mut c = Checks {
        passed: 0,
        failed: 0,
    };

    // A non-blocking listener: accept would block, then poll reports the pending connection.
    let listener = match TcpListener::bind(loopback(0), true) {
        Ok(l) => l,
        Err(e) => {
            c.check("bind listener", Err(e.to_string()));
            return c;
        }
    };
    let addr = listener.local_addr().unwrap_or(loopback(0));
    c.check(
        "listener local_addr",
        if addr.port() != 0 && addr.ip() == Ipv4Addr::LOCALHOST {
            Ok(())
        } else {
            Err(format!("got {addr}"))
        },
    );
    c.check(
        "listener fdstat: socket, non-blocking",
        fdstat(listener.as_raw_fd()).and_then(|s| expect_eq("fdstat", s, (6, 4))),
    );
    c.check(
        "fd is a large number",
        if listener.as_raw_fd() > 2 {
            Ok(())
        } else {
            Err("small fd".into())
        },
    );
    c.check(
        "accept would block",
        os_code(listener.accept(false).map(|_| ())).and_then(|e| expect_eq("errno", e, 6)),
    );

    let client = TcpStream::connect(addr);
    c.check(
        "connect",
        client.as_ref().map(|_| ()).map_err(|e| e.to_string()),
    );
    let Ok(mut client) = client else { return c };
    c.check(
        "listener readable via poll_oneoff",
        wait_for(&listener, true, false).and_then(|e| {
            if matches!(e, EventType::Read) {
                Ok(())
            } else {
                Err(describe(&e))
            }
        }),
    );
    let accepted = listener.accept(false);
    c.check(
        "accept",
        accepted.as_ref().map(|_| ()).map_err(|e| e.to_string()),
    );
    let Ok((mut server, peer)) = accepted else {
        return c;
    };
    c.check(
        "accepted socket is blocking",
        fdstat(server.as_raw_fd()).and_then(|s| expect_eq("fdstat", s, (6, 0))),
    );
    c.check(
        "accept peer address",
        expect_eq("peer", peer, client.local_addr().unwrap_or(loopback(1))),
    );
    c.check(
        "peer_addr",
        io("peer_addr", client.peer_addr()).and_then(|p| expect_eq("peer", p, addr)),
    );
    c.check(
        "local_addr",
        io("local_addr", server.local_addr()).and_then(|p| expect_eq("local", p, addr)),
    );
    c.check("getlocaladdr_v2 storage form", {
        let mut buf = [0u8; 128];
        let mut wasi_addr = raw::WasiAddress {
            buf: buf.as_mut_ptr(),
            size: 128,
        };
        let mut port = 0u32;
        let status = unsafe {
            raw::sock_getlocaladdr_v2(server.as_raw_fd() as u32, &mut wasi_addr, &mut port)
        };
        expect_eq(
            "v2",
            (status, &buf[..6], port),
            (0, &[1, 0, 127, 0, 0, 1][..], addr.port() as u32),
        )
    });

    // Data both ways, then level-triggered readiness, then EOF after shutdown.
    c.check(
        "send/recv",
        (|| {
            io("write", client.write_all(b"hello"))?;
            let mut buf = [0u8; 5];
            io("read", server.read_exact(&mut buf))?;
            expect_eq("data", &buf, b"hello")
        })(),
    );
    c.check(
        "poll is level-triggered",
        (|| {
            io("write", server.write_all(b"xy"))?;
            for _ in 0..2 {
                let e = wait_for(&client, true, false)?;
                if !matches!(e, EventType::Read) {
                    return Err(describe(&e));
                }
            }
            let mut buf = [0u8; 2];
            io("read", client.read_exact(&mut buf))
        })(),
    );
    c.check(
        "connected socket is writable",
        wait_for(&client, false, true).and_then(|e| {
            if matches!(e, EventType::Write) {
                Ok(())
            } else {
                Err(describe(&e))
            }
        }),
    );
    c.check(
        "recv timeout gives errno 6",
        (|| {
            // 1.5 s survives the kernel's jiffy rounding exactly (the round trip WasmEdge shows).
            io(
                "set_recv_timeout",
                server
                    .as_ref()
                    .set_recv_timeout(Some(Duration::from_millis(1500))),
            )?;
            let got = io("get_recv_timeout", server.as_ref().get_recv_timeout())?;
            expect_eq("timeout", got, Some(Duration::from_millis(1500)))?;
            io(
                "set_recv_timeout",
                server
                    .as_ref()
                    .set_recv_timeout(Some(Duration::from_millis(40))),
            )?;
            let mut buf = [0u8; 4];
            let e = os_code(server.read(&mut buf))?;
            io("clear timeout", server.as_ref().set_recv_timeout(None))?;
            expect_eq("errno", e, 6)
        })(),
    );
    c.check(
        "fd_write and fd_read on sockets",
        (|| {
            // Borrow the socket fds as files (ManuallyDrop: the sockets still own them).
            let mut as_file = std::mem::ManuallyDrop::new(unsafe {
                std::fs::File::from_raw_fd(client.as_raw_fd())
            });
            io("fd_write", as_file.write_all(b"via-fd"))?;
            let mut server_file = std::mem::ManuallyDrop::new(unsafe {
                std::fs::File::from_raw_fd(server.as_raw_fd())
            });
            let mut buf = [0u8; 6];
            io("fd_read", server_file.read_exact(&mut buf))?;
            expect_eq("data", &buf, b"via-fd")?;
            let e = os_code(as_file.metadata())?;
            expect_eq("fd_filestat_get errno", e, 76)
        })(),
    );
    c.check(
        "shutdown write gives EOF, repeatedly",
        (|| {
            io("shutdown", client.shutdown(Shutdown::Write))?;
            let e = wait_for(&server, true, false)?;
            if !matches!(e, EventType::Read) {
                return Err(describe(&e));
            }
            let mut buf = [0u8; 8];
            expect_eq("first read", io("read", server.read(&mut buf))?, 0)?;
            expect_eq("second read", io("read", server.read(&mut buf))?, 0)
        })(),
    );
    c.check("sock_recv at EOF writes zero length and flags", {
        let mut buf = [0u8; 4];
        let iov = raw::Iovec {
            buf: buf.as_mut_ptr(),
            len: 4,
        };
        let (mut len, mut flags) = (99u32, 99u32);
        let status =
            unsafe { raw::sock_recv(server.as_raw_fd() as u32, &iov, 1, 0, &mut len, &mut flags) };
        expect_eq("recv", (status, len, flags), (0, 0, 0))
    });
    c.check("sock_recv bad flags", {
        let mut buf = [0u8; 4];
        let iov = raw::Iovec {
            buf: buf.as_mut_ptr(),
            len: 4,
        };
        let (mut len, mut flags) = (0u32, 0u32);
        let status =
            unsafe { raw::sock_recv(server.as_raw_fd() as u32, &iov, 1, 4, &mut len, &mut flags) };
        expect_eq("errno", status, 28)
    });
    c.check(
        "send after peer closed is EPIPE or ECONNRESET",
        (|| {
            let server_fd = server.as_raw_fd();
            drop(client);
            let mut last = Ok(0);
            for _ in 0..20 {
                last = server.as_ref().send(b"data after close");
                if last.is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            let e = os_code(last)?;
            if e != 64 && e != 15 {
                return Err(format!("errno {e}"));
            }
            let _ = server_fd;
            Ok(())
        })(),
    );
    drop(server);

    // Non-blocking connect: EINPROGRESS, then writable, SO_ERROR 0, second connect 0.
    c.check(
        "non-blocking connect",
        (|| {
            let s = io(
                "socket",
                Socket::new(AddressFamily::Inet4, SocketType::Stream),
            )?;
            io("set_nonblocking", s.set_nonblocking(true))?;
            expect_eq("connect errno", os_code(s.connect(&addr))?, 26)?;
            let e = wait_for(&s, false, true)?;
            if !matches!(e, EventType::Write) {
                return Err(describe(&e));
            }
            io("take_error", s.take_error())?;
            io("second connect", s.connect(&addr))?;
            let (accepted, _) = io("accept", listener.accept(false))?;
            drop(accepted);
            Ok(())
        })(),
    );

    // A closed port: blocking connect is refused; non-blocking reports it through poll.
    let closed_port = {
        let probe = TcpListener::bind(loopback(0), false).ok();
        let port = probe
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
            .unwrap_or(1);
        drop(probe);
        port
    };
    c.check(
        "connect to a closed port is refused (14)",
        os_code(TcpStream::connect(loopback(closed_port)).map(|_| ()))
            .and_then(|e| expect_eq("errno", e, 14)),
    );
    c.check(
        "non-blocking connect to a closed port",
        (|| {
            let s = io(
                "socket",
                Socket::new(AddressFamily::Inet4, SocketType::Stream),
            )?;
            io("set_nonblocking", s.set_nonblocking(true))?;
            expect_eq(
                "connect errno",
                os_code(s.connect(&loopback(closed_port)))?,
                26,
            )?;
            match wait_for(&s, false, true)? {
                EventType::Error(e) if e.kind() == ErrorKind::NotConnected => {}
                other => return Err(format!("write event: {}", describe(&other))),
            }
            expect_eq("SO_ERROR", os_code(s.take_error())?, 14)?;
            io("SO_ERROR cleared", s.take_error())
        })(),
    );

    // Socket options.
    c.check(
        "getsockopt/setsockopt",
        (|| {
            let s = listener.as_ref();
            expect_eq(
                "SO_REUSEADDR",
                io("reuse_address", s.reuse_address())?,
                true,
            )?;
            expect_eq("SO_ACCEPTCONN", io("is_listener", s.is_listener())?, true)?;
            if !matches!(io("type", s.r#type())?, SocketType::Stream) {
                return Err("SO_TYPE is not Stream".into());
            }
            if io("send_buffer_size", s.send_buffer_size())? == 0 {
                return Err("SO_SNDBUF is 0".into());
            }
            let fd = s.as_raw_fd() as u32;
            let one = 1i32;
            expect_eq(
                "SO_REUSEADDR with 2 bytes",
                unsafe { raw::sock_setsockopt(fd, 0, 0, &one, 2) },
                28,
            )?;
            expect_eq(
                "set SO_TYPE",
                unsafe { raw::sock_setsockopt(fd, 0, 1, &one, 4) },
                50,
            )?;
            let (mut val, mut len) = (0i32, 4u32);
            expect_eq(
                "level 1",
                unsafe { raw::sock_getsockopt(fd, 1, 0, &mut val, &mut len) },
                28,
            )?;
            expect_eq(
                "name 15",
                unsafe { raw::sock_getsockopt(fd, 0, 15, &mut val, &mut len) },
                28,
            )
        })(),
    );

    // UDP: send_to/recv_from, with WasmEdge's byte-swapped source port.
    c.check(
        "udp send_to/recv_from",
        (|| {
            let a = io("bind a", UdpSocket::bind(loopback(0)))?;
            let b = io("bind b", UdpSocket::bind(loopback(0)))?;
            let a_addr = io("a.local_addr", a.as_ref().get_local())?;
            let b_addr = io("b.local_addr", b.as_ref().get_local())?;
            expect_eq("sent", io("send_to", a.send_to(b"datagram", b_addr))?, 8)?;
            let mut buf = [0u8; 16];
            let (n, from) = io("recv_from", b.recv_from(&mut buf))?;
            expect_eq("data", &buf[..n], b"datagram")?;
            expect_eq("source ip", from.ip(), a_addr.ip())?;
            expect_eq(
                "source port (byte-swapped, as WasmEdge)",
                from.port(),
                a_addr.port().swap_bytes(),
            )?;
            expect_eq(
                "listen on udp",
                unsafe { raw::sock_listen(a.as_raw_fd() as u32, 1) },
                58,
            )?;
            expect_eq("fdstat filetype", fdstat(a.as_raw_fd())?.0, 6)
        })(),
    );

    // getaddrinfo.
    c.check(
        "getaddrinfo localhost",
        io("nslookup", nslookup("localhost", "8080")).and_then(|addrs| {
            if addrs.contains(&loopback(8080)) {
                Ok(())
            } else {
                Err(format!("got {addrs:?}"))
            }
        }),
    );
    c.check(
        "getaddrinfo IP literal",
        io("nslookup", nslookup("127.0.0.1", "80"))
            .and_then(|addrs| expect_eq("addrs", addrs, vec![loopback(80)])),
    );
    c.check(
        "getaddrinfo errors",
        (|| {
            let mut hints = [0u8; 28];
            hints[2] = 1; // INET4
            hints[3] = 2; // STREAM
                          // One caller-allocated result node with its sockaddr and data buffers.
            let mut sa_data = [0u8; 26];
            let sockaddr = [0u32, 26, sa_data.as_mut_ptr() as u32];
            let mut node_buf = [0u32; 7];
            node_buf[3] = sockaddr.as_ptr() as u32;
            let mut res = node_buf.as_mut_ptr() as u32;
            let mut res_len = 0u32;
            let node = b"127.0.0.1\0";
            let status = unsafe {
                raw::sock_getaddrinfo(
                    node.as_ptr(),
                    10,
                    b"80\0".as_ptr(),
                    3,
                    hints.as_ptr(),
                    &mut res,
                    0,
                    &mut res_len,
                )
            };
            expect_eq("max_len 0", status, 82)?;
            let status = unsafe {
                raw::sock_getaddrinfo(
                    std::ptr::null(),
                    0,
                    std::ptr::null(),
                    0,
                    hints.as_ptr(),
                    &mut res,
                    1,
                    &mut res_len,
                )
            };
            expect_eq("no node, no service", status, 84)?;
            let no_service = b"no-such-service-here\0";
            let status = unsafe {
                raw::sock_getaddrinfo(
                    node.as_ptr(),
                    10,
                    no_service.as_ptr(),
                    no_service.len() as u32,
                    hints.as_ptr(),
                    &mut res,
                    1,
                    &mut res_len,
                )
            };
            let _ = &mut node_buf;
            expect_eq("unknown service", status, 85)
        })(),
    );

    // Argument checking and errno values of the raw calls.
    c.check(
        "sock_open argument checks",
        (|| {
            expect_eq("af 0", raw_open(0, 2), Err(28))?;
            expect_eq("af_unix", raw_open(3, 2), Err(52))?;
            expect_eq("socktype 0", raw_open(1, 0), Err(28))
        })(),
    );
    c.check(
        "unconnected socket",
        (|| {
            let fd = raw_open(1, 2).map_err(|e| format!("sock_open errno {e}"))?;
            expect_eq("fdstat", fdstat(fd as i32)?, (6, 0))?;
            let mut buf = [0u8; 16];
            let mut wasi_addr = raw::WasiAddress {
                buf: buf.as_mut_ptr(),
                size: 16,
            };
            let (mut ty, mut port) = (0u32, 0u32);
            expect_eq(
                "getpeeraddr",
                unsafe { raw::sock_getpeeraddr(fd, &mut wasi_addr, &mut ty, &mut port) },
                53,
            )?;
            let status = unsafe { raw::sock_getlocaladdr(fd, &mut wasi_addr, &mut ty, &mut port) };
            expect_eq(
                "getlocaladdr unbound",
                (status, &buf[..4], ty, port),
                (0, &[0u8; 4][..], 4, 0),
            )?;
            let mut wasi_addr = raw::WasiAddress {
                buf: buf.as_mut_ptr(),
                size: 128,
            };
            expect_eq(
                "getlocaladdr size 128",
                unsafe { raw::sock_getlocaladdr(fd, &mut wasi_addr, &mut ty, &mut port) },
                28,
            )?;
            let misaligned = (&mut buf[1..]).as_mut_ptr() as *mut u32;
            let mut wasi_addr = raw::WasiAddress {
                buf: buf.as_mut_ptr(),
                size: 16,
            };
            expect_eq(
                "misaligned pointer",
                unsafe { raw::sock_getlocaladdr(fd, &mut wasi_addr, &mut ty, misaligned) },
                4,
            )?;
            let bad_size = raw::WasiAddress {
                buf: buf.as_ptr(),
                size: 5,
            };
            expect_eq(
                "bind size 5",
                unsafe { raw::sock_bind(fd, &bad_size, 0) },
                28,
            )?;
            expect_eq(
                "shutdown unconnected",
                unsafe { raw::sock_shutdown(fd, 3) },
                53,
            )?;
            expect_eq("shutdown how 4", unsafe { raw::sock_shutdown(fd, 4) }, 28)?;
            expect_eq("close", unsafe { raw::fd_close(fd as i32) }, 0)?;
            expect_eq("close twice", unsafe { raw::fd_close(fd as i32) }, 8)
        })(),
    );
    c.check(
        "bad fd and non-socket fd",
        (|| {
            let mut buf = [0u8; 4];
            let iov = raw::Iovec {
                buf: buf.as_mut_ptr(),
                len: 4,
            };
            let (mut len, mut flags) = (0u32, 0u32);
            expect_eq(
                "bad fd",
                unsafe { raw::sock_recv(0x7fff_0000, &iov, 1, 0, &mut len, &mut flags) },
                8,
            )?;
            expect_eq(
                "stdout",
                unsafe { raw::sock_recv(1, &iov, 1, 0, &mut len, &mut flags) },
                57,
            )
        })(),
    );
    c.check(
        "address in use (3)",
        (|| {
            let other =
                Socket::new(AddressFamily::Inet4, SocketType::Stream).map_err(|e| e.to_string())?;
            expect_eq("errno", os_code(other.bind(&addr))?, 3)
        })(),
    );

    // poll_oneoff: clocks (relative monotonic via sleep, absolute realtime via the crate),
    // and errors that only come back alongside another event.
    c.check(
        "clock subscriptions",
        (|| {
            let start = std::time::Instant::now();
            std::thread::sleep(Duration::from_millis(30));
            if start.elapsed() < Duration::from_millis(30) {
                return Err("sleep returned early".into());
            }
            let deadline = SystemTime::now() + Duration::from_millis(30);
            let events = io("poll", poll::poll(&[Subscription::timeout(9, deadline)]))?;
            if SystemTime::now() < deadline {
                return Err("absolute realtime clock fired early".into());
            }
            expect_eq(
                "events",
                events
                    .iter()
                    .map(|e| (e.userdata, matches!(e.event_type, EventType::Timeout)))
                    .collect::<Vec<_>>(),
                vec![(9, true)],
            )
        })(),
    );
    c.check(
        "poll error events ride with a clock",
        (|| {
            #[repr(C, align(8))]
            struct Subs([u8; 96]);
            #[repr(C, align(8))]
            struct Events([u8; 64]);
            let mut subs = Subs([0; 96]);
            subs.0[0] = 1; // userdata 1
            subs.0[8] = 1; // FD_READ
            subs.0[16..20].copy_from_slice(&0x7fff_0001u32.to_le_bytes()); // unknown fd
            subs.0[48] = 2; // userdata 2
            subs.0[56] = 0; // CLOCK
            subs.0[64..68].copy_from_slice(&1u32.to_le_bytes()); // MONOTONIC
            subs.0[72..80].copy_from_slice(&10_000_000u64.to_le_bytes()); // 10 ms
            let mut events = Events([0; 64]);
            let mut n = 0i32;
            let status =
                unsafe { raw::poll_oneoff(subs.0.as_ptr(), events.0.as_mut_ptr(), 2, &mut n) };
            let e = &events.0;
            expect_eq(
                "poll",
                (status, n, e[0], e[8], e[10], e[32], e[40], e[42]),
                (0, 2, 1, 8, 1, 2, 0, 0),
            )
        })(),
    );

    drop(listener);
    c
}

fn wasi_mode(args: &[String]) -> i32 {
    println!("argc={}", args.len());
    for (i, arg) in args.iter().enumerate() {
        println!("arg[{i}]={arg}");
    }
    let mut vars: Vec<_> = std::env::vars().collect();
    vars.sort();
    for (k, v) in vars {
        println!("env {k}={v}");
    }
    match args.get(2).map(std::fs::read_to_string) {
        Some(Ok(text)) => println!("file={}", text.trim_end()),
        Some(Err(e)) => println!("file error: {e}"),
        None => {}
    }
    match args.get(3).map(std::fs::read) {
        Some(Ok(_)) => println!("missing file exists?"),
        Some(Err(e)) => println!("missing: {:?} errno={:?}", e.kind(), e.raw_os_error()),
        None => {}
    }
    0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = match args.get(1).map(String::as_str) {
        Some("sockets") => {
            let c = sockets();
            println!(
                "guest: {} checks passed, {} checks failed",
                c.passed, c.failed
            );
            if c.failed == 0 {
                0
            } else {
                1
            }
        }
        Some("wasi") => wasi_mode(&args),
        Some("exit") => std::process::exit(args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0)),
        Some("panic") => panic!("guest panics on purpose"),
        Some("misaligned") => {
            let mut buf = [0u8; 32];
            let status = unsafe {
                raw::fd_fdstat_get(
                    1,
                    buf.as_mut_ptr()
                        .add(if buf.as_ptr() as usize % 8 == 0 { 1 } else { 0 }),
                )
            };
            println!("misaligned fd_fdstat_get returned {status}");
            0
        }
        Some("stream") => {
            print!("first");
            let _ = std::io::stdout().flush();
            std::thread::sleep(Duration::from_millis(1500));
            println!(" second");
            0
        }
        _ => {
            eprintln!("usage: guest sockets|wasi|exit N|panic|misaligned|stream");
            2
        }
    };
    std::process::exit(code);
}
