//! The byte stream under every network protocol engine (HTTP/1.1, Node's `net` sockets).
//!
//! The engines drive a [`ByteStream`] by hand: `try_*` operations that never block, and
//! `poll_*_ready` to be woken when one that returned `None` may succeed. Plain TCP implements it
//! here; a TLS session implements it by wrapping another `ByteStream` (ciphertext below,
//! plaintext above: `try_read` decrypts what it can, `try_write_vectored` encrypts and flushes,
//! and the readiness polls wait on whichever direction the session needs next, e.g. reading
//! during a handshake started by a write). The engines above never know which one they have.

use std::{
    cell::RefCell,
    io::{self, IoSlice},
    net::SocketAddr,
    task::{Context, Poll},
    time::Duration,
};

use wasmedge_boa_platform::net::TcpStream;

/// A connected, non-blocking, ordered byte stream.
pub trait ByteStream {
    /// Reads what is available: `Ok(None)` would block, `Ok(Some(0))` is the end of the stream.
    fn try_read(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>>;
    /// Writes what fits: `Ok(None)` would block.
    fn try_write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<Option<usize>>;
    /// After `try_read` returned `None`: `Ready` when reading may succeed, else `cx` is woken
    /// then. An implementation that buffers (TLS) answers `Ready` while it holds unread bytes.
    fn poll_read_ready(&mut self, cx: &mut Context<'_>) -> Poll<()>;
    /// After `try_write_vectored` returned `None` or wrote less than given (a TCP send buffer is
    /// full then): `Ready` when writing may succeed.
    fn poll_write_ready(&mut self, cx: &mut Context<'_>) -> Poll<()>;
    /// Sends the end of the stream once what was written is out (TCP FIN; TLS close_notify).
    fn shutdown_write(&mut self) -> io::Result<()>;
    /// Shuts both directions down at once (the descriptor is released on drop).
    fn shutdown_both(&mut self) -> io::Result<()>;
    fn peer_addr(&self) -> io::Result<SocketAddr>;
    fn local_addr(&self) -> io::Result<SocketAddr>;
    fn set_nodelay(&self, on: bool) -> io::Result<()>;
    fn set_keepalive(&self, on: bool, idle: Option<Duration>) -> io::Result<()>;
    /// Whether the stream is encrypted (`req.socket.encrypted`, `https:` URLs).
    fn is_encrypted(&self) -> bool {
        false
    }
    /// Makes the next `try_read` ask the system even if the last read found the socket drained
    /// (a probe for an end of stream the event loop may not have seen yet).
    fn forget_drained(&mut self) {}
}

impl ByteStream for TcpStream {
    fn try_read(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        TcpStream::try_read(self, buf)
    }
    fn try_write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<Option<usize>> {
        TcpStream::try_write_vectored(self, bufs)
    }
    fn poll_read_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        TcpStream::poll_read_ready(self, cx)
    }
    fn poll_write_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        TcpStream::poll_write_ready(self, cx)
    }
    fn shutdown_write(&mut self) -> io::Result<()> {
        TcpStream::shutdown_write(self)
    }
    fn shutdown_both(&mut self) -> io::Result<()> {
        TcpStream::shutdown_both(self)
    }
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        TcpStream::peer_addr(self)
    }
    fn local_addr(&self) -> io::Result<SocketAddr> {
        TcpStream::local_addr(self)
    }
    fn set_nodelay(&self, on: bool) -> io::Result<()> {
        TcpStream::set_nodelay(self, on)
    }
    fn set_keepalive(&self, on: bool, idle: Option<Duration>) -> io::Result<()> {
        TcpStream::set_keepalive(self, on, idle)
    }
    fn forget_drained(&mut self) {
        TcpStream::forget_drained(self)
    }
}

/// Size of the shared read buffer: one read never takes more than this.
pub const READ_CHUNK: usize = 64 * 1024;

thread_local! {
    /// One read buffer for every socket of the thread: an idle connection owns no buffer, and no
    /// read zeroes a fresh one.
    static SCRATCH: RefCell<Vec<u8>> = RefCell::new(vec![0; READ_CHUNK]);
}

/// What [`read_available`] found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReadOutcome {
    /// Bytes appended.
    pub bytes: usize,
    /// The peer ended its side of the stream.
    pub eof: bool,
    /// The stream is drained for now (the last read would have blocked): wait with
    /// `poll_read_ready` before reading again.
    pub blocked: bool,
}

/// Reads what is available from `stream` into `out`, up to `limit` bytes in all (reading stops
/// early at the end of the stream or when a read would block).
pub fn read_available(stream: &mut dyn ByteStream, out: &mut Vec<u8>, limit: usize) -> io::Result<ReadOutcome> {
    read_available_with(|buf| stream.try_read(buf), out, limit, false)
}

/// [`read_available`] with any non-blocking read function. `burst`: stop after a read that
/// returned less than asked (one burst of what arrived; the caller must then read again before
/// waiting for readiness, since that read did not prove the socket drained).
pub fn read_available_with(
    mut try_read: impl FnMut(&mut [u8]) -> io::Result<Option<usize>>,
    out: &mut Vec<u8>,
    limit: usize,
    burst: bool,
) -> io::Result<ReadOutcome> {
    let mut outcome = ReadOutcome::default();
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        while outcome.bytes < limit {
            let want = (limit - outcome.bytes).min(scratch.len());
            match try_read(&mut scratch[..want])? {
                None => {
                    outcome.blocked = true;
                    break;
                }
                Some(0) => {
                    outcome.eof = true;
                    break;
                }
                Some(n) => {
                    // Even a short read does not prove the socket drained: with edge-triggered
                    // readiness an end of stream that came with the data raises no new event.
                    out.extend_from_slice(&scratch[..n]);
                    outcome.bytes += n;
                    if burst && n < want {
                        break;
                    }
                }
            }
        }
        Ok(outcome)
    })
}

/// What a closed connection holds after its socket is released: every operation fails.
pub struct ClosedStream;

fn closed() -> io::Error {
    io::Error::new(io::ErrorKind::NotConnected, "the connection is closed")
}

impl ByteStream for ClosedStream {
    fn try_read(&mut self, _: &mut [u8]) -> io::Result<Option<usize>> {
        Ok(Some(0))
    }
    fn try_write_vectored(&mut self, _: &[IoSlice<'_>]) -> io::Result<Option<usize>> {
        Err(closed())
    }
    fn poll_read_ready(&mut self, _: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
    fn poll_write_ready(&mut self, _: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
    fn shutdown_write(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn shutdown_both(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Err(closed())
    }
    fn local_addr(&self) -> io::Result<SocketAddr> {
        Err(closed())
    }
    fn set_nodelay(&self, _: bool) -> io::Result<()> {
        Ok(())
    }
    fn set_keepalive(&self, _: bool, _: Option<Duration>) -> io::Result<()> {
        Ok(())
    }
}
