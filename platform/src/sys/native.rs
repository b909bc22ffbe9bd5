//! Native (Linux) backend: mio for readiness, std/mio sockets.

use std::{
    io::{self, IoSlice, Read, Write},
    net::{Shutdown, SocketAddr, ToSocketAddrs},
    os::fd::AsRawFd,
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering::Relaxed},
    },
    time::Duration,
};

use mio::{Events, Interest as MioInterest};

use crate::reactor::{Direction, Event, Interest, Token};

pub const TARGET: &str = "native";

pub use mimalloc::MiMalloc as Heap;

/// What the backend needs to identify a socket when waiting (unused natively: mio keeps its own
/// registrations).
pub type Handle = i32;
pub type SourceRef<'a> = &'a mut dyn mio::event::Source;

/// Nothing to forget: the native C library reads the environment once, at start-up.
pub fn forget_environment() {}

/// `utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW)`: times (seconds, nanoseconds) of
/// the path itself, a symbolic link's own.
pub fn set_times_nofollow(path: &std::ffi::CStr, accessed: (i64, i64), modified: (i64, i64)) -> io::Result<()> {
    let time = |(seconds, nanos): (i64, i64)| libc::timespec { tv_sec: seconds as libc::time_t, tv_nsec: nanos as _ };
    let times = [time(accessed), time(modified)];
    // SAFETY: `path` is NUL-terminated and `times` holds the two timespecs utimensat reads.
    if unsafe { libc::utimensat(libc::AT_FDCWD, path.as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

pub fn file_error_reason(_error: &io::Error) -> Option<&'static str> {
    None
}

pub fn file_access_hint(_error: &io::Error) -> Option<&'static str> {
    None
}

pub struct Poller {
    poll: Option<mio::Poll>,
    events: Events,
}

impl Poller {
    /// mio keeps its own registrations: `wait` needs no list of waiting sockets.
    pub const NEEDS_INTERESTS: bool = false;

    pub fn new() -> Self {
        // A process that cannot create an epoll instance cannot do I/O; report it on first use.
        Self { poll: mio::Poll::new().ok(), events: Events::with_capacity(256) }
    }

    fn poll(&mut self) -> io::Result<&mut mio::Poll> {
        self.poll.as_mut().ok_or_else(|| io::Error::other("cannot create the I/O poller (epoll)"))
    }

    pub fn register(&mut self, source: SourceRef<'_>, token: Token) -> io::Result<()> {
        self.poll()?.registry().register(source, mio::Token(token.0 as usize), MioInterest::READABLE | MioInterest::WRITABLE)
    }

    pub fn deregister(&mut self, source: SourceRef<'_>) {
        if let Ok(poll) = self.poll() {
            let _ = poll.registry().deregister(source);
        }
    }

    /// mio is edge-triggered: every readiness change is reported once, whether or not a future was
    /// waiting. The reactor only passes events on to futures that wait, and futures only wait
    /// after an operation returned `WouldBlock`, so no event a waiter needs can be lost.
    pub fn wait(&mut self, timeout: Option<Duration>, _interests: &[Interest]) -> io::Result<Vec<Event>> {
        let Self { poll, events } = self;
        let poll = poll.as_mut().ok_or_else(|| io::Error::other("cannot create the I/O poller (epoll)"))?;
        // Round up so that a timer due in 0.4 ms does not turn into a busy loop of 0 ms polls.
        let timeout = timeout.map(|t| {
            let rounded = Duration::from_millis(t.as_micros().div_ceil(1000) as u64);
            rounded.max(t)
        });
        match poll.poll(events, timeout) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Vec::new()),
            Err(e) => return Err(e),
        }
        let mut ready = Vec::new();
        for event in events.iter() {
            let token = Token(event.token().0 as u64);
            // EPOLLRDHUP/EPOLLHUP: the peer's end of stream, reported once (edge-triggered).
            let closed = event.is_read_closed() || event.is_error();
            if event.is_readable() || closed {
                ready.push(Event { token, direction: Direction::Read, closed });
            }
            if event.is_writable() || event.is_write_closed() || event.is_error() {
                ready.push(Event { token, direction: Direction::Write, closed });
            }
        }
        Ok(ready)
    }
}

pub struct Listener(mio::net::TcpListener);

impl Listener {
    pub fn bind(addr: SocketAddr, backlog: u32) -> io::Result<Self> {
        // mio sets SO_REUSEADDR on Unix, as WasmEdge's socket crate does, and listens with a
        // backlog of 128; listening again only raises the backlog.
        let listener = mio::net::TcpListener::bind(addr)?;
        // SAFETY: a plain system call on a descriptor we own.
        if unsafe { libc::listen(listener.as_raw_fd(), backlog.min(i32::MAX as u32) as i32) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Self(listener))
    }
    pub fn handle(&self) -> Handle {
        self.0.as_raw_fd()
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        &mut self.0
    }
    pub fn accept(&self) -> io::Result<(Stream, SocketAddr)> {
        let (stream, addr) = self.0.accept()?;
        Ok((Stream(stream), addr))
    }
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

pub struct Stream(mio::net::TcpStream);

impl Stream {
    /// Starts a non-blocking connect; completion is signalled by writability.
    pub fn connect(addr: SocketAddr) -> io::Result<Self> {
        mio::net::TcpStream::connect(addr).map(Self)
    }
    pub fn handle(&self) -> Handle {
        self.0.as_raw_fd()
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        &mut self.0
    }
    /// After writability: `Ok(true)` connected, `Ok(false)` still in progress, `Err` failed.
    pub fn finish_connect(&self) -> io::Result<bool> {
        if let Some(error) = self.0.take_error()? {
            return Err(error);
        }
        match self.0.peer_addr() {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(false),
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok(false),
            Err(e) => Err(e),
        }
    }
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        (&self.0).read(buf)
    }
    pub fn write(&self, buf: &[u8]) -> io::Result<usize> {
        (&self.0).write(buf)
    }
    pub fn write_vectored(&self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        (&self.0).write_vectored(bufs)
    }
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.0.shutdown(how)
    }
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.peer_addr()
    }
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
    pub fn set_nodelay(&self, on: bool) -> io::Result<()> {
        self.0.set_nodelay(on)
    }
    /// TCP keep-alive probes after `idle` without traffic (`None`: the system's default delay).
    pub fn set_keepalive(&self, on: bool, idle: Option<Duration>) -> io::Result<()> {
        let fd = self.0.as_raw_fd();
        setsockopt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, i32::from(on))?;
        if let (true, Some(idle)) = (on, idle) {
            let seconds = idle.as_secs().clamp(1, i32::MAX as u64) as i32;
            setsockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, seconds)?;
        }
        Ok(())
    }
}

fn setsockopt(fd: i32, level: i32, name: i32, value: i32) -> io::Result<()> {
    // SAFETY: `value` is a live i32 and its size is passed along.
    let code = unsafe {
        libc::setsockopt(fd, level, name, (&value as *const i32).cast(), std::mem::size_of::<i32>() as libc::socklen_t)
    };
    if code == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// The process (or system) is out of descriptors or memory: an accept should be retried later.
pub fn is_resource_exhaustion(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM))
}

/// The connection being accepted failed before we got it: skip it and accept the next one.
pub fn is_aborted_accept(error: &io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(libc::ECONNABORTED | libc::EPROTO | libc::EPERM | libc::ENETDOWN | libc::ENOPROTOOPT
            | libc::EHOSTDOWN | libc::ENONET | libc::EHOSTUNREACH | libc::EOPNOTSUPP | libc::ENETUNREACH)
    ) || matches!(error.kind(), io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::NotConnected)
}

/// Resolves a host name (or IP literal) to socket addresses. Blocking, as on WasmEdge.
pub fn resolve(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    Ok((host, port).to_socket_addrs()?.collect())
}

/// Linux delivers signals; see `crate::signal`.
pub const SIGNALS_DELIVERED: bool = true;

/// The write end of the signal pipe, for the handler (-1 until a pipe exists).
static SIGNAL_WRITE_FD: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

/// The read end of the pipe the signal handler writes signal numbers into.
pub struct SignalPipe(mio::net::UnixStream);

impl SignalPipe {
    pub fn open() -> io::Result<Self> {
        let (reader, writer) = mio::net::UnixStream::pair()?;
        // The write end lives as long as the process: the handler may run at any time.
        let fd = writer.as_raw_fd();
        std::mem::forget(writer);
        SIGNAL_WRITE_FD.store(fd, std::sync::atomic::Ordering::SeqCst);
        Ok(Self(reader))
    }
    pub fn handle(&self) -> Handle {
        self.0.as_raw_fd()
    }
    pub fn source(&mut self) -> SourceRef<'_> {
        &mut self.0
    }
    /// Moves every signal number waiting in the pipe to `out`.
    pub fn read_signals(&self, out: &mut std::collections::VecDeque<i32>) {
        let mut buf = [0u8; 64];
        while let Ok(n @ 1..) = (&self.0).read(&mut buf) {
            out.extend(buf[..n].iter().map(|&b| i32::from(b)));
        }
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    let fd = SIGNAL_WRITE_FD.load(Relaxed);
    if fd >= 0 {
        let byte = signal as u8;
        // SAFETY: write(2) and errno are async-signal-safe; errno is restored for the code the
        // signal interrupted. A full pipe drops the byte: the loop is far behind anyway.
        unsafe {
            let errno = *libc::__errno_location();
            libc::write(fd, (&byte as *const u8).cast(), 1);
            *libc::__errno_location() = errno;
        }
    }
}

fn set_signal_action(signal: i32, handler: libc::sighandler_t) -> io::Result<()> {
    // SAFETY: a zeroed sigaction with an empty mask is valid; the handler only writes to a pipe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Routes `signal` to the pipe. (signal-hook cannot give a signal its default action back, which
/// `process.off` needs; the handler is a few lines.)
pub fn catch_signal(signal: i32) -> io::Result<()> {
    set_signal_action(signal, on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t)
}

pub fn default_signal(signal: i32) -> io::Result<()> {
    set_signal_action(signal, libc::SIG_DFL)
}

/// The calling thread's stack guard, widened by a margin, and the message for [`on_stack_fault`].
static STACK_GUARD: [AtomicUsize; 2] = [const { AtomicUsize::new(0) }; 2];
static OVERFLOW_MESSAGE: OnceLock<&'static str> = OnceLock::new();

/// Makes a stack overflow of the calling thread print `message` and exit with status 1 rather
/// than Rust's abort. Best effort: without the thread's bounds or the handler, Rust's stays.
pub fn report_stack_overflow(message: &'static str) {
    // Faults this far below or above the guard pages still count: a large frame can skip them.
    const MARGIN: usize = 1 << 20;
    let _ = OVERFLOW_MESSAGE.set(message);
    // SAFETY: the attribute object is initialised by pthread_getattr_np and destroyed once; the
    // handler installed only reads atomics and calls write(2) and _exit(2), both async-signal-safe.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return;
        }
        let (mut low, mut size, mut guard) = (std::ptr::null_mut(), 0usize, 0usize);
        let known = libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0
            && libc::pthread_attr_getguardsize(&attr, &mut guard) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if !known {
            return;
        }
        // glibc counts the guard inside the reported stack, at its low end.
        let low = low as usize;
        STACK_GUARD[0].store(low.saturating_sub(MARGIN), Relaxed);
        STACK_GUARD[1].store(low + guard + MARGIN, Relaxed);
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_stack_fault as extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) as usize;
        // Rust gives every thread it starts an alternate signal stack to run this on.
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut());
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
    }
}

extern "C" fn on_stack_fault(signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers; write(2), _exit(2) and
    // sigaction(2) are async-signal-safe.
    unsafe {
        let address = (*info).si_addr() as usize;
        if (STACK_GUARD[0].load(Relaxed)..STACK_GUARD[1].load(Relaxed)).contains(&address)
            && let Some(message) = OVERFLOW_MESSAGE.get()
        {
            libc::write(2, message.as_ptr().cast(), message.len());
            libc::_exit(1);
        }
        // Any other fault: the default action, taken when the faulting instruction runs again.
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = libc::SIG_DFL;
        libc::sigaction(signal, &action, std::ptr::null_mut());
    }
}
