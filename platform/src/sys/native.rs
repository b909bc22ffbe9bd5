//! Native (Linux) backend: mio for readiness, std/mio sockets.

use std::{
    io::{self, Read, Write},
    net::{Shutdown, SocketAddr, ToSocketAddrs},
    os::fd::AsRawFd,
    time::Duration,
};

use mio::{Events, Interest as MioInterest};

use crate::reactor::{Direction, Interest, Token};

pub const TARGET: &str = "native";

/// What the backend needs to identify a socket when waiting (unused natively: mio keeps its own
/// registrations).
pub type Handle = i32;
pub type SourceRef<'a> = &'a mut dyn mio::event::Source;

/// Nothing to forget: the native C library reads the environment once, at start-up.
pub fn forget_environment() {}

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
    pub fn new() -> Self {
        // A process that cannot create an epoll instance cannot do I/O; report it on first use.
        Self { poll: mio::Poll::new().ok(), events: Events::with_capacity(256) }
    }

    fn poll(&mut self) -> io::Result<&mut mio::Poll> {
        self.poll.as_mut().ok_or_else(|| io::Error::other("cannot create the I/O poller (epoll)"))
    }

    pub fn register(&mut self, source: SourceRef<'_>, token: Token) -> io::Result<()> {
        self.poll()?.registry().register(source, mio::Token(token.0), MioInterest::READABLE | MioInterest::WRITABLE)
    }

    pub fn deregister(&mut self, source: SourceRef<'_>) {
        if let Ok(poll) = self.poll() {
            let _ = poll.registry().deregister(source);
        }
    }

    /// mio is edge-triggered: every readiness change is reported once, whether or not a future was
    /// waiting. The reactor only passes events on to futures that wait, and futures only wait
    /// after an operation returned `WouldBlock`, so no event a waiter needs can be lost.
    pub fn wait(&mut self, timeout: Option<Duration>, _interests: &[Interest]) -> io::Result<Vec<(Token, Direction)>> {
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
            let token = Token(event.token().0);
            if event.is_readable() || event.is_read_closed() || event.is_error() {
                ready.push((token, Direction::Read));
            }
            if event.is_writable() || event.is_write_closed() || event.is_error() {
                ready.push((token, Direction::Write));
            }
        }
        Ok(ready)
    }
}

pub struct Listener(mio::net::TcpListener);

impl Listener {
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        // mio sets SO_REUSEADDR on Unix, as WasmEdge's socket crate does.
        mio::net::TcpListener::bind(addr).map(Self)
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
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.0.shutdown(Shutdown::Write)
    }
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.peer_addr()
    }
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
    pub fn set_nodelay(&self) -> io::Result<()> {
        self.0.set_nodelay(true)
    }
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
    let fd = SIGNAL_WRITE_FD.load(std::sync::atomic::Ordering::Relaxed);
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
