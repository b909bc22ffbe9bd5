//! Non-blocking TCP whose operations are futures driven by the [`reactor`](crate::reactor).

use std::{io, net::SocketAddr};

use crate::{
    reactor::{self, Direction, Readiness, Token},
    sys,
};

/// A listening TCP socket.
pub struct TcpListener {
    socket: sys::Listener,
    token: Token,
}

impl TcpListener {
    /// Binds and listens on `addr` (address reuse on, as WasmEdge's socket crate does).
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        let mut socket = sys::Listener::bind(addr)?;
        let token = reactor::register(socket.handle(), socket.source())?;
        Ok(Self { socket, token })
    }

    /// Waits for the next connection.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        loop {
            match self.socket.accept() {
                Ok((stream, peer)) => return Ok((TcpStream::register(stream)?, peer)),
                Err(e) if is_transient(&e) => Readiness::new(self.token, Direction::Read).await,
                Err(e) => return Err(e),
            }
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
        let _ = socket.set_nodelay();
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

    /// Reads without waiting: `Ok(None)` when nothing is available right now.
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        match self.socket.read(buf) {
            Err(e) if is_transient(&e) => Ok(None),
            result => result.map(Some),
        }
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
        self.socket.shutdown_write()
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
