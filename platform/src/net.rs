//! Non-blocking TCP whose operations are futures driven by the [`reactor`](crate::reactor).
//!
//! Two styles are offered: `async` operations (`accept`, `connect`, `read`, `write_all`) for
//! simple callers, and `try_*` operations plus `poll_*_ready` for state machines that drive a
//! socket by hand (the HTTP engine and Node's `net` sockets).

use std::{
    io::{self, IoSlice},
    net::{Shutdown, SocketAddr},
    task::{Context, Poll},
    time::Duration,
};

use crate::{
    reactor::{self, Direction, Readiness, Token},
    sys,
};

/// The listen backlog (Node's default).
pub const DEFAULT_BACKLOG: u32 = 511;

/// First and longest pause of an accept loop that ran out of descriptors.
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_millis(320);

/// A listening TCP socket.
pub struct TcpListener {
    socket: sys::Listener,
    token: Token,
}

impl TcpListener {
    /// Binds and listens on `addr` (address reuse on, as WasmEdge's socket crate does).
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        Self::bind_with_backlog(addr, DEFAULT_BACKLOG)
    }

    pub fn bind_with_backlog(addr: SocketAddr, backlog: u32) -> io::Result<Self> {
        let mut socket = sys::Listener::bind(addr, backlog)?;
        let token = reactor::register(socket.handle(), socket.source())?;
        Ok(Self { socket, token })
    }

    /// Waits for the next connection.
    ///
    /// Errors that concern one connection (it was reset before we took it) are skipped. When the
    /// process runs out of descriptors (or the system out of memory), the listener backs off
    /// (10 ms, doubling up to 320 ms) and tries again instead of failing: the connections
    /// already open keep being served, and new ones are taken once descriptors are free.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let mut backoff = ACCEPT_BACKOFF_MIN;
        loop {
            match self.socket.accept() {
                Ok((stream, peer)) => match TcpStream::register(stream) {
                    Ok(stream) => return Ok((stream, peer)),
                    Err(e) if sys::is_resource_exhaustion(&e) => {}
                    Err(e) => return Err(e),
                },
                Err(e) if is_transient(&e) => {
                    Readiness::new(self.token, Direction::Read).await;
                    continue;
                }
                Err(e) if sys::is_aborted_accept(&e) => continue,
                Err(e) if sys::is_resource_exhaustion(&e) => {}
                Err(e) => return Err(e),
            }
            reactor::sleep(backoff).await;
            backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
        }
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }
}

impl Drop for TcpListener {
    fn drop(&mut self) {
        reactor::deregister(self.token, self.socket.source());
    }
}

/// A connected TCP socket.
pub struct TcpStream {
    socket: sys::Stream,
    token: Token,
}

impl TcpStream {
    fn register(mut socket: sys::Stream) -> io::Result<Self> {
        let token = reactor::register(socket.handle(), socket.source())?;
        // Small request/response exchanges should not wait for Nagle's algorithm.
        let _ = socket.set_nodelay(true);
        Ok(Self { socket, token })
    }

    /// Connects to `addr` without blocking the event loop.
    pub async fn connect(addr: SocketAddr) -> io::Result<Self> {
        let stream = Self::register(sys::Stream::connect(addr)?)?;
        loop {
            if stream.socket.finish_connect()? {
                return Ok(stream);
            }
            Readiness::new(stream.token, Direction::Write).await;
        }
    }

    /// Reads some bytes; `Ok(0)` means the peer closed its side.
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.socket.read(buf) {
                Err(e) if is_transient(&e) => Readiness::new(self.token, Direction::Read).await,
                result => return result,
            }
        }
    }

    /// Reads without waiting: `Ok(None)` when nothing is available right now, `Ok(Some(0))` at
    /// end of stream.
    ///
    /// After a short read the socket is known to be empty until the reactor reports a new event,
    /// so the next call answers `None` without a system call (the reactor remembers an end of
    /// stream it saw, so one that came with the data is still read; see
    /// [`reactor::read_drained`]).
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        if reactor::read_drained(self.token) {
            return Ok(None);
        }
        match self.socket.read(buf) {
            Err(e) if is_transient(&e) => Ok(None),
            Ok(n) if n > 0 && n < buf.len() => {
                reactor::mark_drained(self.token);
                Ok(Some(n))
            }
            result => result.map(Some),
        }
    }

    /// Makes the next [`Self::try_read`] ask the system even after a short read.
    pub fn forget_drained(&self) {
        reactor::forget_drained(self.token);
    }

    /// Writes without waiting: `Ok(None)` when the send buffer is full.
    pub fn try_write(&self, buf: &[u8]) -> io::Result<Option<usize>> {
        match self.socket.write(buf) {
            Err(e) if is_transient(&e) => Ok(None),
            result => result.map(Some),
        }
    }

    /// Writes several buffers in one system call, without waiting.
    pub fn try_write_vectored(&self, bufs: &[IoSlice<'_>]) -> io::Result<Option<usize>> {
        match self.socket.write_vectored(bufs) {
            Err(e) if is_transient(&e) => Ok(None),
            result => result.map(Some),
        }
    }

    /// After `try_read` returned `None`: `Ready` once reading may succeed, otherwise registers
    /// `cx` to be woken then.
    pub fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<()> {
        reactor::poll_ready(self.token, Direction::Read, cx)
    }

    /// After `try_write` returned `None`: `Ready` once writing may succeed.
    pub fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<()> {
        reactor::poll_ready(self.token, Direction::Write, cx)
    }

    /// Stops waiting for readiness in one direction (the state machine lost interest).
    pub fn cancel_wait(&self, read: bool) {
        reactor::cancel(self.token, if read { Direction::Read } else { Direction::Write });
    }

    /// Waits until the socket may be readable (after `try_read` returned `None`).
    pub async fn readable(&self) {
        Readiness::new(self.token, Direction::Read).await
    }

    /// Waits until the socket may be writable (after `try_write` returned `None`).
    pub async fn writable(&self) {
        Readiness::new(self.token, Direction::Write).await
    }

    /// Writes some bytes (possibly fewer than `buf.len()`).
    pub async fn write(&self, buf: &[u8]) -> io::Result<usize> {
        loop {
            match self.socket.write(buf) {
                Err(e) if is_transient(&e) => Readiness::new(self.token, Direction::Write).await,
                result => return result,
            }
        }
    }

    /// Writes all of `buf`.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let n = self.write(buf).await?;
            if n == 0 {
                return Err(io::Error::new(io::ErrorKind::WriteZero, "the connection accepts no more data"));
            }
            buf = &buf[n..];
        }
        Ok(())
    }

    /// Half-closes: the peer reads EOF, we can still read.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.socket.shutdown(Shutdown::Write)
    }

    /// Shuts both directions down (the descriptor stays open until the stream is dropped).
    pub fn shutdown_both(&self) -> io::Result<()> {
        self.socket.shutdown(Shutdown::Both)
    }

    pub fn set_nodelay(&self, on: bool) -> io::Result<()> {
        self.socket.set_nodelay(on)
    }

    /// TCP keep-alive probes after `idle` without traffic (WasmEdge: on/off only).
    pub fn set_keepalive(&self, on: bool, idle: Option<Duration>) -> io::Result<()> {
        self.socket.set_keepalive(on, idle)
    }

    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.socket.peer_addr()
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        reactor::deregister(self.token, self.socket.source());
    }
}

fn is_transient(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted)
}

/// Resolves `host` (a name or an IP literal) to socket addresses for `port`.
pub fn resolve(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    sys::resolve(host, port)
}
