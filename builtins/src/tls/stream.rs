//! [`TlsStream`]: a rustls session over another [`ByteStream`] (ciphertext below, plaintext
//! above), itself a `ByteStream`, so the protocol engines run over it unchanged.
//!
//! Everything is non-blocking and driven by the caller's `try_*`/`poll_*` calls: a read or a
//! write during the handshake advances the handshake (reading and writing ciphertext as needed),
//! and the readiness polls wait on whichever direction of the socket the session needs next.
//!
//! Writes keep TCP's meaning: `try_write_vectored` reports bytes as written only once their
//! ciphertext is handed to the socket. When the socket takes only part of it, the call answers
//! `None` (would block) and remembers how many of the caller's bytes it already encrypted; the
//! caller retries with the same bytes first (as every non-blocking writer does) and is told then.
//! So a caller that saw everything written and closes loses nothing.
//!
//! Two tasks may use one stream at once (`WasiTlsConn` reads in one while it writes in another),
//! and each direction of plaintext may need either direction of the socket (a read may have to
//! send the session's answers, a write during the handshake waits for the peer). The socket
//! keeps one waker per direction, so the stream never hands it a caller's waker (a second caller
//! would silently replace the first, which then sleeps forever): it registers its own waker
//! ([`Waiters`]), which wakes every caller waiting on the stream.

use std::{
    io::{self, IoSlice, Read, Write},
    net::SocketAddr,
    sync::{Arc, Mutex},
    task::{Context, Poll, Wake, Waker},
    time::Duration,
};

use rustls::Connection;

use super::error::{TlsFailure, handshake_eof};
use crate::byte_stream::ByteStream;

/// Most plaintext encrypted by one write: a few records, so a slow peer does not make us hold
/// megabytes of ciphertext.
const WRITE_BATCH: usize = 64 * 1024;

/// A TLS session (client or server) over the byte stream `S`.
pub struct TlsStream<S> {
    inner: S,
    session: Connection,
    /// Plaintext bytes of the caller's last write that are encrypted but not yet all sent.
    unreported: usize,
    /// The socket reached its end (ciphertext).
    inner_eof: bool,
    /// A fatal error, reported again by every later call.
    failure: Option<TlsFailure>,
    /// A close_notify is queued: the socket is half-closed once it is sent.
    closing: bool,
    inner_shut: bool,
    /// The callers waiting on this stream, and the waker the socket holds for them.
    waiters: Arc<Waiters>,
    socket_waker: Waker,
}

/// The tasks waiting on one TLS stream: the socket's waker wakes them all, and each retries its
/// operation (a spurious wake-up costs one poll; a lost one would hang the connection).
#[derive(Default)]
struct Waiters(Mutex<Vec<Waker>>);

/// More distinct waiters than this are woken at once (so that tasks that stopped waiting, e.g.
/// after a timeout, do not pile up on an idle connection); those still waiting register again.
const MAX_WAITERS: usize = 8;

impl Waiters {
    fn add(self: &Arc<Self>, waker: &Waker) {
        let Ok(mut wakers) = self.0.lock() else { return };
        if wakers.iter().any(|w| w.will_wake(waker)) {
            return;
        }
        if wakers.len() >= MAX_WAITERS {
            wakers.drain(..).for_each(Waker::wake);
        }
        wakers.push(waker.clone());
    }
}

impl Wake for Waiters {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        let wakers = self.0.lock().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default();
        wakers.into_iter().for_each(Waker::wake);
    }
}

/// What a non-blocking attempt to write the session's pending ciphertext did.
#[derive(PartialEq, Eq)]
enum Flush {
    Done,
    Blocked,
}

/// `io::Read` over a non-blocking `ByteStream` (what rustls's `read_tls` wants).
struct ReadAdapter<'a, S>(&'a mut S);

impl<S: ByteStream> Read for ReadAdapter<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.try_read(buf)?.ok_or_else(|| io::ErrorKind::WouldBlock.into())
    }
}

/// `io::Write` over a non-blocking `ByteStream` (what rustls's `write_tls` wants).
struct WriteAdapter<'a, S>(&'a mut S);

impl<S: ByteStream> Write for WriteAdapter<'_, S> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_vectored(&[IoSlice::new(buf)])
    }
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.0.try_write_vectored(bufs)?.ok_or_else(|| io::ErrorKind::WouldBlock.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<S: ByteStream> TlsStream<S> {
    /// Starts a session over `inner`; nothing is sent until the first call that does I/O.
    pub fn new(inner: S, session: impl Into<Connection>) -> Self {
        let waiters = Arc::new(Waiters::default());
        Self {
            socket_waker: Waker::from(waiters.clone()),
            waiters,
            inner,
            session: session.into(),
            unreported: 0,
            inner_eof: false,
            failure: None,
            closing: false,
            inner_shut: false,
        }
    }

    pub fn session(&self) -> &Connection {
        &self.session
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }

    pub fn is_handshaking(&self) -> bool {
        self.session.is_handshaking()
    }

    fn failed(&self) -> io::Result<()> {
        match &self.failure {
            Some(failure) => Err(failure.to_io()),
            None => Ok(()),
        }
    }

    /// Records a fatal error (the session's alert, if any, goes out best-effort) and returns it.
    fn fail(&mut self, failure: TlsFailure) -> io::Error {
        let _ = self.flush_ciphertext();
        let error = failure.to_io();
        self.failure = Some(failure);
        error
    }

    /// Writes pending ciphertext until done or the socket would block.
    fn flush_ciphertext(&mut self) -> io::Result<Flush> {
        while self.session.wants_write() {
            match self.session.write_tls(&mut WriteAdapter(&mut self.inner)) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Flush::Blocked),
                Err(e) => return Err(e),
            }
        }
        if self.closing && !self.inner_shut {
            self.inner_shut = true;
            let _ = self.inner.shutdown_write();
        }
        Ok(Flush::Done)
    }

    /// Reads the ciphertext that is available and processes it. `Ok(false)`: the socket would
    /// block (or the session takes no more until its plaintext is read).
    fn read_ciphertext(&mut self) -> io::Result<bool> {
        if self.inner_eof || !self.session.wants_read() {
            return Ok(false);
        }
        match self.session.read_tls(&mut ReadAdapter(&mut self.inner)) {
            Ok(0) => {
                self.inner_eof = true;
                if self.session.is_handshaking() {
                    return Err(self.fail(handshake_eof()));
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(e) => return Err(e),
        }
        if let Err(error) = self.session.process_new_packets() {
            return Err(self.fail(TlsFailure::from_rustls(&error)));
        }
        Ok(true)
    }

    /// Advances the handshake as far as the socket allows. `Ok(true)` once it is complete.
    fn drive_handshake(&mut self) -> io::Result<bool> {
        self.failed()?;
        while self.session.is_handshaking() {
            let flushed = self.flush_ciphertext()?;
            if !self.session.is_handshaking() {
                break;
            }
            if !self.read_ciphertext()? {
                return Ok(false);
            }
            if flushed == Flush::Blocked && !self.session.wants_write() {
                continue;
            }
        }
        // The last flight (a client's Finished) may still be queued.
        self.flush_ciphertext()?;
        Ok(true)
    }

    /// Waits (as a poll) until the handshake is complete or has failed.
    pub fn poll_handshake(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            match self.drive_handshake() {
                Ok(true) => return Poll::Ready(Ok(())),
                Ok(false) => {}
                Err(e) => return Poll::Ready(Err(e)),
            }
            if self.wait_for_socket(cx).is_pending() {
                return Poll::Pending;
            }
        }
    }

    /// Registers `cx` with the socket directions the session waits for; `Ready` if one of them
    /// already is.
    fn wait_for_socket(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let mut ready = false;
        if self.session.wants_write() && self.poll_socket(cx, S::poll_write_ready).is_ready() {
            ready = true;
        }
        if !self.inner_eof && self.session.wants_read() && self.poll_socket(cx, S::poll_read_ready).is_ready() {
            ready = true;
        }
        if ready { Poll::Ready(()) } else { Poll::Pending }
    }

    /// Polls one readiness of the socket (`S::poll_read_ready` or `S::poll_write_ready`) for the
    /// caller `cx`, through the stream's own waker (see the module's comment).
    fn poll_socket(&mut self, cx: &mut Context<'_>, poll: fn(&mut S, &mut Context<'_>) -> Poll<()>) -> Poll<()> {
        match poll(&mut self.inner, &mut Context::from_waker(&self.socket_waker)) {
            Poll::Pending => {
                self.waiters.add(cx.waker());
                Poll::Pending
            }
            Poll::Ready(()) => {
                // The socket reports an edge once: another caller may have been waiting for this
                // one. Every caller retries; who finds nothing to do waits again.
                self.socket_waker.wake_by_ref();
                Poll::Ready(())
            }
        }
    }

    /// Plaintext is waiting to be read, or the stream's end (or a failure) is known.
    fn read_is_ready(&mut self) -> bool {
        if self.failure.is_some() || self.inner_eof {
            return true;
        }
        match self.session.process_new_packets() {
            Ok(state) => state.plaintext_bytes_to_read() > 0 || state.peer_has_closed(),
            Err(_) => true,
        }
    }
}

impl<S: ByteStream> ByteStream for TlsStream<S> {
    fn try_read(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        if !self.drive_handshake()? {
            return Ok(None);
        }
        loop {
            match self.session.reader().read(buf) {
                Ok(n) => return Ok(Some(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                // The peer closed the socket without close_notify: an ordinary end of stream,
                // as Node (OpenSSL with SSL_OP_IGNORE_UNEXPECTED_EOF) reports it.
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(Some(0)),
                Err(e) => return Err(e),
            }
            // Answers the session may owe (key updates) go out on the way.
            self.flush_ciphertext()?;
            if !self.read_ciphertext()? {
                if self.inner_eof {
                    return Ok(Some(0));
                }
                return Ok(None);
            }
        }
    }

    fn try_write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<Option<usize>> {
        if !self.drive_handshake()? {
            return Ok(None);
        }
        if self.flush_ciphertext()? == Flush::Blocked {
            return Ok(None);
        }
        let offered: usize = bufs.iter().map(|b| b.len()).sum();
        if self.unreported > 0 {
            // The bytes encrypted by an earlier call are out now.
            let n = std::mem::take(&mut self.unreported).min(offered);
            return Ok(Some(n));
        }
        if offered == 0 {
            return Ok(Some(0));
        }
        let mut taken = 0;
        let mut writer = self.session.writer();
        for buf in bufs {
            let room = WRITE_BATCH - taken;
            if room == 0 {
                break;
            }
            let piece = &buf[..buf.len().min(room)];
            let n = writer.write(piece)?;
            taken += n;
            if n < piece.len() {
                break;
            }
        }
        if taken == 0 {
            return Ok(None);
        }
        match self.flush_ciphertext()? {
            Flush::Done => Ok(Some(taken)),
            Flush::Blocked => {
                self.unreported = taken;
                Ok(None)
            }
        }
    }

    fn poll_read_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        if self.read_is_ready() {
            return Poll::Ready(());
        }
        if self.session.wants_write() {
            match self.flush_ciphertext() {
                Ok(Flush::Blocked) => {
                    // Wake up to send it: the peer may wait for it before it answers.
                    if self.poll_socket(cx, S::poll_write_ready).is_ready() {
                        cx.waker().wake_by_ref();
                    }
                }
                Ok(Flush::Done) => {}
                Err(_) => return Poll::Ready(()),
            }
        }
        if self.inner_eof {
            return Poll::Ready(());
        }
        self.poll_socket(cx, S::poll_read_ready)
    }

    fn poll_write_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        if self.failure.is_some() {
            return Poll::Ready(());
        }
        if self.session.is_handshaking() {
            return match self.poll_handshake(cx) {
                Poll::Ready(_) => Poll::Ready(()),
                Poll::Pending => Poll::Pending,
            };
        }
        loop {
            match self.flush_ciphertext() {
                Ok(Flush::Done) | Err(_) => return Poll::Ready(()),
                Ok(Flush::Blocked) => {
                    if self.poll_socket(cx, S::poll_write_ready).is_pending() {
                        return Poll::Pending;
                    }
                }
            }
        }
    }

    fn shutdown_write(&mut self) -> io::Result<()> {
        if !self.closing {
            self.closing = true;
            self.session.send_close_notify();
        }
        self.flush_ciphertext().map(|_| ())
    }

    fn shutdown_both(&mut self) -> io::Result<()> {
        if !self.closing {
            self.closing = true;
            self.session.send_close_notify();
            let _ = self.flush_ciphertext();
        }
        self.inner.shutdown_both()
    }

    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.inner.peer_addr()
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }

    fn set_nodelay(&self, on: bool) -> io::Result<()> {
        self.inner.set_nodelay(on)
    }

    fn set_keepalive(&self, on: bool, idle: Option<Duration>) -> io::Result<()> {
        self.inner.set_keepalive(on, idle)
    }

    fn is_encrypted(&self) -> bool {
        true
    }
    fn forget_drained(&mut self) {
        self.inner.forget_drained();
    }
}
