//! WASI backend for WasmEdge: sockets from WasmEdge's socket extension (`wasmedge_wasi_socket`),
//! readiness and timeouts from `poll_oneoff`, which is level-triggered.

use std::{
    io::{self, IoSlice},
    net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr},
    os::fd::AsRawFd,
    time::Duration,
};

use wasmedge_wasi_socket::socket::{AddressFamily, Socket, SocketOptLevel, SocketOptName, SocketType};

use crate::reactor::{Direction, Event, Interest, Token};

pub const TARGET: &str = "wasi";

/// The heap: talc, growing the linear memory itself. wasi-libc's own malloc keeps serving C code;
/// both claim only what `memory.grow` hands them, so they never overlap (see [`GrowAfterLibcHeap`]).
pub struct Heap;

static TALC: talc::cell::TalcSyncCell<GrowAfterLibcHeap, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(GrowAfterLibcHeap);

/// Talc's source of memory: `memory.grow`, as talc's own `WasmGrowAndClaim`, except that the first
/// growth waits until wasi-libc's malloc has set itself up. That malloc (the 2022 wasi-libc Debian
/// ships) takes everything from `__heap_base` to the memory's *current* end on its first call: had
/// talc grown the memory before then, C code (the environment, preopens, `opendir`) would later be
/// handed talc's heaps. This bit a pre-initialized bundle, whose snapshot holds talc's heaps and
/// whose first C allocation comes after it resumes.
#[derive(Debug)]
pub struct GrowAfterLibcHeap;

// SAFETY: `acquire` uses no Rust allocation; it claims only memory that `memory.grow` just added.
unsafe impl talc::source::Source for GrowAfterLibcHeap {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: std::alloc::Layout,
    ) -> Result<(), ()> {
        use std::sync::atomic::{AtomicBool, Ordering};
        const PAGE_SIZE: usize = 64 * 1024;
        static LIBC_HEAP_SET_UP: AtomicBool = AtomicBool::new(false);
        if !LIBC_HEAP_SET_UP.swap(true, Ordering::Relaxed) {
            // `System` is wasi-libc's malloc; one byte makes it claim its initial heap now.
            // `black_box`, or LLVM drops the unused allocation and with it the call.
            let byte = std::alloc::Layout::new::<u8>();
            // SAFETY: a non-zero-size layout, freed with the same layout.
            unsafe {
                use std::alloc::{GlobalAlloc, System};
                System.dealloc(std::hint::black_box(System.alloc(byte)), byte);
            }
        }
        // Room for the allocation, its alignment, talc's chunk overhead and (on the first heap)
        // its bins; generous, since a heap too small to fit would be claimed in vain.
        let needed = layout.size().saturating_add(layout.align()).saturating_add(
            talc::min_first_heap_layout::<B>().size() + 256,
        );
        let pages = needed.div_ceil(PAGE_SIZE);
        let previous_pages = std::arch::wasm32::memory_grow(0, pages);
        if previous_pages == usize::MAX {
            return Err(());
        }
        // SAFETY: the grown pages are new memory that nothing else has seen.
        unsafe { talc.claim((previous_pages * PAGE_SIZE) as *mut u8, pages * PAGE_SIZE) }.map(|_| ()).ok_or(())
    }
}

// SAFETY: every method forwards to talc's allocator with the same arguments.
unsafe impl std::alloc::GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        unsafe { std::alloc::GlobalAlloc::alloc(&TALC, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        unsafe { std::alloc::GlobalAlloc::alloc_zeroed(&TALC, layout) }
    }
    unsafe fn dealloc(&self, pointer: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::GlobalAlloc::dealloc(&TALC, pointer, layout) }
    }
    unsafe fn realloc(&self, pointer: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        unsafe { std::alloc::GlobalAlloc::realloc(&TALC, pointer, layout, new_size) }
    }
}

/// The socket's file descriptor: `poll_oneoff` subscribes to descriptors, not registrations.
pub type Handle = u32;
/// Nothing is registered ahead of a wait on WASI.
pub type SourceRef<'a> = std::marker::PhantomData<&'a ()>;

/// WASI errno values (WasmEdge numbering) this backend reacts to.
const ERRNO_CONNABORTED: i32 = 13;
const ERRNO_CONNRESET: i32 = 15;
const ERRNO_INPROGRESS: i32 = 26;
const ERRNO_MFILE: i32 = 33;
const ERRNO_NFILE: i32 = 41;
const ERRNO_NOBUFS: i32 = 42;
const ERRNO_NOMEM: i32 = 48;
const ERRNO_NOTCONN: i32 = 53;
const ERRNO_PROTO: i32 = 65;

/// WASI's ENOTCAPABLE: the path is outside every preopened directory.
const ERRNO_NOTCAPABLE: i32 = 76;

/// Drops wasi-libc's copy of the environment so the next read asks the host again (a Wizer
/// snapshot must not keep the environment of the run that made it).
pub fn forget_environment() {
    unsafe extern "C" {
        fn __wasilibc_deinitialize_environ();
    }
    // SAFETY: wasi-libc's own reset for snapshotting; nothing holds a pointer into the old
    // environment (Rust's `std::env` copies what it reads).
    unsafe { __wasilibc_deinitialize_environ() }
}

/// Nothing to watch: a WebAssembly stack overflow is a trap, reported by the host.
pub fn report_stack_overflow(_message: &'static str) {}

/// A clearer reason than the errno text, for errors peculiar to WASI.
/// wasi-libc's `struct timespec` (64-bit `time_t`, `long` nanoseconds).
#[repr(C)]
struct Timespec {
    seconds: i64,
    nanos: i32,
}

unsafe extern "C" {
    /// wasi-libc's: finds the preopened directory `path` is under and calls
    /// `path_filestat_set_times` on the rest, with the symlink-follow lookup flag only when
    /// `AT_SYMLINK_NOFOLLOW` is not given.
    fn utimensat(dirfd: i32, path: *const std::ffi::c_char, times: *const Timespec, flags: i32) -> i32;
}

/// Times (seconds, nanoseconds) of the path itself, a symbolic link's own: `path_filestat_set_times`
/// without the symlink-follow lookup flag.
pub fn set_times_nofollow(path: &std::ffi::CStr, accessed: (i64, i64), modified: (i64, i64)) -> io::Result<()> {
    const AT_FDCWD: i32 = -2;
    const AT_SYMLINK_NOFOLLOW: i32 = 1;
    let time = |(seconds, nanos): (i64, i64)| Timespec { seconds, nanos: nanos as i32 };
    let times = [time(accessed), time(modified)];
    // SAFETY: `path` is NUL-terminated and `times` holds the two timespecs utimensat reads.
    if unsafe { utimensat(AT_FDCWD, path.as_ptr(), times.as_ptr(), AT_SYMLINK_NOFOLLOW) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

pub fn file_error_reason(error: &io::Error) -> Option<&'static str> {
    (error.raw_os_error() == Some(ERRNO_NOTCAPABLE)).then_some("not visible to this WebAssembly program")
}

pub fn file_access_hint(error: &io::Error) -> Option<&'static str> {
    match error.kind() {
        _ if error.raw_os_error() == Some(ERRNO_NOTCAPABLE) => {
            Some("under WasmEdge a file is visible only inside a directory given with --dir, e.g. `wasmedge --dir .:. wasmedge_boa.wasm script.js`")
        }
        io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied => {
            Some("under WasmEdge a file is visible only inside a directory given with --dir, e.g. `wasmedge --dir .:. wasmedge_boa.wasm script.js`")
        }
        _ => None,
    }
}

// The socket crate keeps its raw imports private and decodes local/peer addresses into an
// immutable buffer (it reports 0.0.0.0 in release builds), so the few calls we need for
// addresses and non-blocking connect are declared here, with WasmEdge's signatures.
#[repr(C)]
struct WasiAddress {
    buf: *mut u8,
    size: usize,
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
unsafe extern "C" {
    fn sock_connect(fd: u32, addr: *mut WasiAddress, port: u32) -> u32;
    fn sock_getpeeraddr(fd: u32, addr: *mut WasiAddress, addr_type: *mut u32, port: *mut u32) -> u32;
    fn sock_getlocaladdr(fd: u32, addr: *mut WasiAddress, addr_type: *mut u32, port: *mut u32) -> u32;
}

fn errno(code: u32) -> io::Result<()> {
    if code == 0 { Ok(()) } else { Err(io::Error::from_raw_os_error(code as i32)) }
}

type AddrCall = unsafe extern "C" fn(u32, *mut WasiAddress, *mut u32, *mut u32) -> u32;

fn socket_address(fd: u32, call: AddrCall) -> io::Result<SocketAddr> {
    let mut bytes = [0u8; 16];
    let mut addr = WasiAddress { buf: bytes.as_mut_ptr(), size: bytes.len() };
    let mut addr_type = 0u32;
    let mut port = 0u32;
    // SAFETY: every pointer refers to a live local of the size WasmEdge writes.
    errno(unsafe { call(fd, &mut addr, &mut addr_type, &mut port) })?;
    // WasmEdge reports the family as 4/6, older versions as the AddressFamily enum (1/2).
    let bytes = std::hint::black_box(bytes);
    match addr_type {
        4 | 1 => Ok(SocketAddr::new(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).into(), port as u16)),
        6 | 2 => Ok(SocketAddr::new(Ipv6Addr::from(bytes).into(), port as u16)),
        _ => Err(io::Error::new(io::ErrorKind::Unsupported, "unknown socket address family")),
    }
}

fn family(addr: &SocketAddr) -> AddressFamily {
    if addr.is_ipv4() { AddressFamily::Inet4 } else { AddressFamily::Inet6 }
}

pub struct Poller;

impl Poller {
    /// `poll_oneoff` subscribes to descriptors on every call: `wait` needs the waiting sockets.
    pub const NEEDS_INTERESTS: bool = true;

    pub fn new() -> Self {
        Self
    }

    pub fn register(&mut self, _source: SourceRef<'_>, _token: Token) -> io::Result<()> {
        Ok(())
    }

    pub fn deregister(&mut self, _source: SourceRef<'_>) {}

    /// One `poll_oneoff` over the waiting sockets plus a relative monotonic clock.
    pub fn wait(&mut self, timeout: Option<Duration>, interests: &[Interest]) -> io::Result<Vec<Event>> {
        const CLOCK_USERDATA: u64 = u64::MAX;
        let mut subscriptions = Vec::with_capacity(interests.len() + 1);
        for interest in interests {
            let (tag, direction_bit) = match interest.direction {
                Direction::Read => (wasi::EVENTTYPE_FD_READ.raw(), 0),
                Direction::Write => (wasi::EVENTTYPE_FD_WRITE.raw(), 1),
            };
            let fd = wasi::SubscriptionFdReadwrite { file_descriptor: interest.handle };
            subscriptions.push(wasi::Subscription {
                userdata: (interest.token.0 << 1) | direction_bit,
                u: wasi::SubscriptionU { tag, u: wasi::SubscriptionUU { fd_read: fd } },
            });
        }
        if let Some(timeout) = timeout {
            subscriptions.push(wasi::Subscription {
                userdata: CLOCK_USERDATA,
                u: wasi::SubscriptionU {
                    tag: wasi::EVENTTYPE_CLOCK.raw(),
                    u: wasi::SubscriptionUU {
                        clock: wasi::SubscriptionClock {
                            id: wasi::CLOCKID_MONOTONIC,
                            timeout: timeout.as_nanos().min(u64::MAX as u128) as u64,
                            precision: 0,
                            flags: 0,
                        },
                    },
                },
            });
        }
        if subscriptions.is_empty() {
            return Ok(Vec::new());
        }
        // SAFETY: `Event` is plain old data; poll_oneoff writes at most one event per subscription.
        let mut events: Vec<wasi::Event> = vec![unsafe { std::mem::zeroed() }; subscriptions.len()];
        // SAFETY: both buffers hold `subscriptions.len()` properly aligned elements.
        let count = unsafe { wasi::poll_oneoff(subscriptions.as_ptr(), events.as_mut_ptr(), subscriptions.len()) }
            .map_err(|e| io::Error::from_raw_os_error(e.raw() as i32))?;
        let mut ready = Vec::with_capacity(count);
        for event in &events[..count] {
            if event.userdata == CLOCK_USERDATA {
                continue;
            }
            let token = Token(event.userdata >> 1);
            let direction = if event.userdata & 1 == 0 { Direction::Read } else { Direction::Write };
            // An error on the descriptor also wakes the waiter: its next operation reports it.
            let closed = event.error.raw() != 0
                || event.fd_readwrite.flags & wasi::EVENTRWFLAGS_FD_READWRITE_HANGUP != 0;
            ready.push(Event { token, direction, closed });
        }
        Ok(ready)
    }
}

pub struct Listener(Socket);

impl Listener {
    pub fn bind(addr: SocketAddr, backlog: u32) -> io::Result<Self> {
        let socket = Socket::new(family(&addr), SocketType::Stream)?;
        socket.setsockopt(SocketOptLevel::SolSocket, SocketOptName::SoReuseaddr, 1i32)?;
        socket.bind(&addr)?;
        socket.listen(backlog.min(i32::MAX as u32) as i32)?;
        socket.set_nonblocking(true)?;
        Ok(Self(socket))
    }
    pub fn handle(&self) -> Handle {
        self.0.as_raw_fd() as u32
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        std::marker::PhantomData
    }
    pub fn accept(&self) -> io::Result<(Stream, SocketAddr)> {
        let socket = self.0.accept(true)?;
        let stream = Stream(socket);
        let peer = stream.peer_addr()?;
        Ok((stream, peer))
    }
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        socket_address(self.handle(), sock_getlocaladdr)
    }
}

pub struct Stream(Socket);

impl Stream {
    /// Starts a non-blocking connect; completion is signalled by writability.
    pub fn connect(addr: SocketAddr) -> io::Result<Self> {
        let socket = Socket::new(family(&addr), SocketType::Stream)?;
        socket.set_nonblocking(true)?;
        let mut ip = match addr {
            SocketAddr::V4(v4) => v4.ip().octets().to_vec(),
            SocketAddr::V6(v6) => v6.ip().octets().to_vec(),
        };
        let mut wasi_addr = WasiAddress { buf: ip.as_mut_ptr(), size: ip.len() };
        // SAFETY: `wasi_addr` points at `ip`, alive for the call.
        let code = unsafe { sock_connect(socket.as_raw_fd() as u32, &mut wasi_addr, addr.port() as u32) };
        match code {
            0 => Ok(Self(socket)),
            c if c as i32 == ERRNO_INPROGRESS => Ok(Self(socket)),
            c => Err(io::Error::from_raw_os_error(c as i32)),
        }
    }
    pub fn handle(&self) -> Handle {
        self.0.as_raw_fd() as u32
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        std::marker::PhantomData
    }
    pub fn finish_connect(&self) -> io::Result<bool> {
        self.0.take_error()?;
        match self.peer_addr() {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(ERRNO_NOTCONN) => Ok(false),
            Err(e) => Err(e),
        }
    }
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.recv(buf)
    }
    pub fn write(&self, buf: &[u8]) -> io::Result<usize> {
        self.0.send(buf)
    }
    pub fn write_vectored(&self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.0.send_vectored(bufs, 0)
    }
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.0.shutdown(how)
    }
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        socket_address(self.handle(), sock_getpeeraddr)
    }
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        socket_address(self.handle(), sock_getlocaladdr)
    }
    pub fn set_nodelay(&self, _on: bool) -> io::Result<()> {
        // WasmEdge's setsockopt has no TCP-level options.
        Ok(())
    }
    /// SO_KEEPALIVE; the probe delay is a TCP-level option WasmEdge does not have.
    pub fn set_keepalive(&self, on: bool, _idle: Option<Duration>) -> io::Result<()> {
        self.0.setsockopt(SocketOptLevel::SolSocket, SocketOptName::SoKeepalive, i32::from(on))
    }
}

/// The process (or system) is out of descriptors or memory: an accept should be retried later.
pub fn is_resource_exhaustion(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(ERRNO_MFILE | ERRNO_NFILE | ERRNO_NOBUFS | ERRNO_NOMEM))
}

/// The connection being accepted failed before we got it (WasmEdge also reports a peer that reset
/// before we could ask its address): skip it and accept the next one.
pub fn is_aborted_accept(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(ERRNO_CONNABORTED | ERRNO_CONNRESET | ERRNO_NOTCONN | ERRNO_PROTO))
}

/// Resolves through WasmEdge's `sock_getaddrinfo` (or `$DNS_SERVER`, as the socket crate does).
pub fn resolve(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    let found = wasmedge_wasi_socket::nslookup(host, "")?;
    Ok(found.into_iter().map(|mut a| {
        a.set_port(port);
        a
    }).collect())
}

/// WASI has no signals, and WasmEdge passes none to the program; see `crate::signal`.
pub const SIGNALS_DELIVERED: bool = false;

/// Never opened under WASI (`crate::signal` checks `SIGNALS_DELIVERED` first).
pub struct SignalPipe;

impl SignalPipe {
    pub fn open() -> io::Result<Self> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "WASI has no signals"))
    }
    pub fn handle(&self) -> Handle {
        u32::MAX
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        std::marker::PhantomData
    }
    pub fn read_signals(&self, _out: &mut std::collections::VecDeque<i32>) {}
}

pub fn catch_signal(_signal: i32) -> io::Result<()> {
    Ok(())
}

pub fn default_signal(_signal: i32) -> io::Result<()> {
    Ok(())
}
