//! The reactor: the one place where the process blocks.
//!
//! Futures in the runtime wait for two kinds of things, and both are registered here:
//! - socket readiness ([`poll_ready`], [`Readiness`]): a socket operation returned `WouldBlock`,
//!   so the future waits until the backend reports the socket readable or writable again;
//! - deadlines ([`Sleep`]): read/accept/connect timeouts, protocol timeouts and `sleep`.
//!
//! [`wait`] blocks in the backend (`mio::Poll` natively, `poll_oneoff` on WASI) until the first of
//! them is due, or until the caller's own deadline (the next JavaScript timer), then wakes every
//! future whose event happened. Only futures that are actually waiting are given to the backend,
//! so an idle process sleeps in one system call and uses no CPU. [`poll_now`] does the same
//! without blocking: the event loop calls it while it is busy, so sockets are served fairly even
//! when some work is always ready (an accept loop with a full backlog must not starve reads).
//!
//! Sockets live in a slab indexed by their [`Token`]; a token carries a generation, so a future
//! still holding the token of a closed socket can never see the readiness of the socket that
//! reuses its slot. Everything the event loop asks on each turn is O(1) in the number of sockets
//! (the WASI backend alone must list the waiting sockets for each `poll_oneoff`).

use std::{
    cell::RefCell,
    collections::BTreeMap,
    future::Future,
    io,
    pin::Pin,
    task::{Context, Poll, Waker},
    time::{Duration, Instant},
};

use crate::sys;

/// The direction a socket future waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Read,
    Write,
}

/// Identifies a socket registered with the reactor: slab index in the low 32 bits, generation
/// (31 bits, wrapping) above, so a token fits a WASI `userdata` with a direction bit to spare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token(pub(crate) u64);

impl Token {
    fn new(index: usize, generation: u32) -> Self {
        Token((u64::from(generation & 0x7fff_ffff) << 32) | index as u64)
    }
    fn index(self) -> usize {
        (self.0 & 0xffff_ffff) as usize
    }
    fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

/// A readiness event reported by the backend.
pub(crate) struct Event {
    pub token: Token,
    pub direction: Direction,
    /// The peer closed its end (hang-up, EPOLLRDHUP) or the socket has an error.
    pub closed: bool,
}

/// One socket future waiting for readiness, as handed to the backend.
#[allow(dead_code, reason = "the native backend ignores it: mio keeps its own registrations")]
pub(crate) struct Interest {
    pub token: Token,
    pub direction: Direction,
    pub handle: sys::Handle,
}

#[derive(Default)]
enum Slot {
    #[default]
    Idle,
    Waiting(Waker),
    Ready,
}

struct Entry {
    generation: u32,
    handle: Option<sys::Handle>,
    /// Registered with [`register_weak`].
    weak: bool,
    read: Slot,
    write: Slot,
    /// The last read was short and no read event came since: the socket holds nothing more, so
    /// the next read need not ask the system (see [`read_drained`]).
    drained: bool,
    /// The backend reported the peer's end of stream (or an error) once: sticky, because an
    /// edge-triggered backend does not report it again, and a drained socket must still be read
    /// to see it.
    read_closed: bool,
}

impl Entry {
    fn slot(&mut self, direction: Direction) -> &mut Slot {
        match direction {
            Direction::Read => &mut self.read,
            Direction::Write => &mut self.write,
        }
    }
}

struct Reactor {
    poller: sys::Poller,
    entries: Vec<Entry>,
    free: Vec<usize>,
    /// How many slots are `Waiting`: the process has I/O work left while this is not zero.
    waiting: usize,
    /// How many of those belong to weak entries (the signal pipe): they do not keep the process alive.
    weak_waiting: usize,
    timers: BTreeMap<(Instant, u64), Waker>,
    next_timer: u64,
}

thread_local! {
    static REACTOR: RefCell<Option<Reactor>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut Reactor) -> R) -> R {
    REACTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let reactor = slot.get_or_insert_with(|| Reactor {
            poller: sys::Poller::new(),
            entries: Vec::new(),
            free: Vec::new(),
            waiting: 0,
            weak_waiting: 0,
            timers: BTreeMap::new(),
            next_timer: 0,
        });
        f(reactor)
    })
}

/// Like [`with`], but does nothing while the thread shuts down (sockets owned by JS objects are
/// dropped with the garbage collector, possibly after the reactor is gone).
fn try_with(f: impl FnOnce(&mut Reactor)) {
    let _ = REACTOR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(r) = slot.as_mut() {
                f(r);
            }
        }
    });
}

impl Reactor {
    fn entry(&mut self, token: Token) -> Option<&mut Entry> {
        self.entries.get_mut(token.index()).filter(|e| e.generation == token.generation() && e.handle.is_some())
    }

    /// Sets one slot, keeping the count of waiting slots right.
    fn set_slot(&mut self, token: Token, direction: Direction, new: Slot) -> Option<Slot> {
        let entry = self.entry(token)?;
        let old = std::mem::replace(entry.slot(direction), new);
        let was_waiting = matches!(old, Slot::Waiting(_));
        let is_waiting = matches!(entry.slot(direction), Slot::Waiting(_));
        let weak = usize::from(entry.weak);
        match (was_waiting, is_waiting) {
            (false, true) => {
                self.waiting += 1;
                self.weak_waiting += weak;
            }
            (true, false) => {
                self.waiting -= 1;
                self.weak_waiting -= weak;
            }
            _ => {}
        }
        Some(old)
    }

    /// Records an event for (`token`, `direction`) and wakes the future waiting for it, if one
    /// is. An event nobody waits for is remembered (`Ready`): the next operation is then tried
    /// even if the socket was marked drained, since the event may have come after that read.
    fn fire(&mut self, token: Token, event: Event, to_wake: &mut Vec<Waker>) {
        let Some(entry) = self.entry(token) else { return };
        if event.closed {
            entry.read_closed = true;
        }
        if event.direction == Direction::Read {
            entry.drained = false;
        }
        if let Some(Slot::Waiting(waker)) = self.set_slot(token, event.direction, Slot::Ready) {
            to_wake.push(waker);
        }
    }
}

/// Registers a socket; the backend may need to know it before any wait (mio does).
pub(crate) fn register(handle: sys::Handle, source: sys::SourceRef<'_>) -> io::Result<Token> {
    with(|r| {
        let index = match r.free.pop() {
            Some(index) => index,
            None => {
                r.entries.push(Entry {
                    generation: 0,
                    handle: None,
                    weak: false,
                    read: Slot::Idle,
                    write: Slot::Idle,
                    drained: false,
                    read_closed: false,
                });
                r.entries.len() - 1
            }
        };
        let entry = &mut r.entries[index];
        entry.generation = (entry.generation + 1) & 0x7fff_ffff;
        entry.handle = Some(handle);
        entry.weak = false;
        entry.read = Slot::Idle;
        entry.write = Slot::Idle;
        entry.drained = false;
        entry.read_closed = false;
        let token = Token::new(index, entry.generation);
        if let Err(e) = r.poller.register(source, token) {
            r.entries[index].handle = None;
            r.free.push(index);
            return Err(e);
        }
        Ok(token)
    })
}

/// Registers a source whose waiters do not count as work left ([`has_pending_work`]): the
/// signal pipe waits all the time but must not keep a finished process running.
pub(crate) fn register_weak(handle: sys::Handle, source: sys::SourceRef<'_>) -> io::Result<Token> {
    let token = register(handle, source)?;
    with(|r| r.entries[token.index()].weak = true);
    Ok(token)
}

/// Forgets a socket and any future still waiting on it.
pub(crate) fn deregister(token: Token, source: sys::SourceRef<'_>) {
    try_with(|r| {
        r.poller.deregister(source);
        if r.entry(token).is_some() {
            r.set_slot(token, Direction::Read, Slot::Idle);
            r.set_slot(token, Direction::Write, Slot::Idle);
            r.entries[token.index()].handle = None;
            r.free.push(token.index());
        }
    });
}

/// Whether any future is waiting for a socket or a deadline: if so, the process has work left.
pub fn has_pending_work() -> bool {
    with(|r| !r.timers.is_empty() || r.waiting > r.weak_waiting)
}

/// Blocks until a registered event happens or `deadline` passes, then wakes the futures whose
/// events happened. A deadline already passed still asks the backend what is ready, without
/// blocking.
pub fn wait(deadline: Option<Instant>) -> io::Result<()> {
    let (timeout, interests) = with(|r| {
        let first_timer = r.timers.keys().next().map(|(at, _)| *at);
        let deadline = match (deadline, first_timer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // The clock is read only when there is a deadline (under WASI every read is a host call).
        let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let interests = if sys::Poller::NEEDS_INTERESTS { waiting_interests(r) } else { Vec::new() };
        (timeout, interests)
    });
    poll_backend(timeout, interests)
}

/// Wakes whatever is ready now without blocking: what the event loop calls between busy turns.
pub fn poll_now() -> io::Result<()> {
    let interests = with(|r| if sys::Poller::NEEDS_INTERESTS { waiting_interests(r) } else { Vec::new() });
    poll_backend(Some(Duration::ZERO), interests)
}

/// One wait in the backend, then the wake-ups of what happened.
fn poll_backend(timeout: Option<Duration>, interests: Vec<Interest>) -> io::Result<()> {
    if timeout.is_none() && with(|r| r.waiting == 0) {
        // Nothing could ever wake us: blocking here would hang the process.
        return Ok(());
    }
    // A backend that is told what to watch (WASI) has nothing to report without a socket to
    // watch and a time to wait: skip the host call.
    let nothing_to_ask = sys::Poller::NEEDS_INTERESTS && interests.is_empty() && timeout == Some(Duration::ZERO);
    let events = if nothing_to_ask { Vec::new() } else { with(|r| r.poller.wait(timeout, &interests))? };
    let mut to_wake = Vec::new();
    with(|r| {
        for event in events {
            r.fire(event.token, event, &mut to_wake);
        }
        if !r.timers.is_empty() {
            let now = Instant::now();
            while let Some(entry) = r.timers.first_entry() {
                if entry.key().0 > now {
                    break;
                }
                to_wake.push(entry.remove());
            }
        }
    });
    for waker in to_wake {
        waker.wake();
    }
    Ok(())
}

fn waiting_interests(r: &Reactor) -> Vec<Interest> {
    let mut interests = Vec::with_capacity(r.waiting);
    for (index, entry) in r.entries.iter().enumerate() {
        let Some(handle) = entry.handle else { continue };
        let token = Token::new(index, entry.generation);
        if matches!(entry.read, Slot::Waiting(_)) {
            interests.push(Interest { token, direction: Direction::Read, handle });
        }
        if matches!(entry.write, Slot::Waiting(_)) {
            interests.push(Interest { token, direction: Direction::Write, handle });
        }
    }
    interests
}

/// Polls the readiness of socket `token` in `direction`: `Ready` if the backend reported it since
/// the last call, otherwise registers `cx`'s waker and returns `Pending`.
///
/// Call it only after an operation returned `WouldBlock` (or a read found the socket drained).
/// A `Ready` may be stale — the next operation may block again, and the caller then polls again.
pub(crate) fn poll_ready(token: Token, direction: Direction, cx: &mut Context<'_>) -> Poll<()> {
    with(|r| {
        let Some(entry) = r.entry(token) else {
            // A socket that is gone is "ready": its next operation reports the error.
            return Poll::Ready(());
        };
        match entry.slot(direction) {
            Slot::Ready => {
                *entry.slot(direction) = Slot::Idle;
                Poll::Ready(())
            }
            Slot::Waiting(waker) if waker.will_wake(cx.waker()) => Poll::Pending,
            _ => {
                r.set_slot(token, direction, Slot::Waiting(cx.waker().clone()));
                Poll::Pending
            }
        }
    })
}

/// A read of socket `token` returned fewer bytes than asked: it holds nothing more right now.
/// Events recorded before that read are accounted for by it, so they are forgotten, and the next
/// read may wait for a new event without asking the system first ([`read_drained`]). This saves
/// a system call (a host call under WASI) per request on a keep-alive connection.
pub(crate) fn mark_drained(token: Token) {
    with(|r| {
        if let Some(entry) = r.entry(token) {
            if matches!(entry.read, Slot::Ready) {
                entry.read = Slot::Idle;
            }
            entry.drained = true;
        }
    });
}

/// Whether a read of socket `token` would find nothing: its last read was short, no read event
/// came since, and the peer's end of stream was never reported (an end of stream that arrived
/// with the data raises no event of its own on an edge-triggered backend, so such a socket is
/// always read). Level-triggered backends (WASI) report the end again, but the rule is the same.
pub(crate) fn read_drained(token: Token) -> bool {
    with(|r| r.entry(token).is_some_and(|e| e.drained && !e.read_closed && !matches!(e.read, Slot::Ready)))
}

/// Makes the next read of socket `token` ask the system (see [`read_drained`]).
pub(crate) fn forget_drained(token: Token) {
    with(|r| {
        if let Some(entry) = r.entry(token) {
            entry.drained = false;
        }
    });
}

/// Stops waiting for (`token`, `direction`) (a future that waited was dropped).
pub(crate) fn cancel(token: Token, direction: Direction) {
    try_with(|r| {
        if let Some(entry) = r.entry(token) {
            if matches!(entry.slot(direction), Slot::Waiting(_)) {
                r.set_slot(token, direction, Slot::Idle);
            }
        }
    });
}

/// A future that resolves once the socket `token` may be ready in `direction`.
///
/// Used after an operation returned `WouldBlock`: the next operation may still block (spurious
/// wake-ups are allowed), in which case the caller waits again.
pub(crate) struct Readiness {
    token: Token,
    direction: Direction,
    waiting: bool,
}

impl Readiness {
    pub(crate) fn new(token: Token, direction: Direction) -> Self {
        Self { token, direction, waiting: false }
    }
}

impl Future for Readiness {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match poll_ready(self.token, self.direction, cx) {
            Poll::Ready(()) => {
                self.waiting = false;
                Poll::Ready(())
            }
            Poll::Pending => {
                self.waiting = true;
                Poll::Pending
            }
        }
    }
}

impl Drop for Readiness {
    fn drop(&mut self) {
        if self.waiting {
            cancel(self.token, self.direction);
        }
    }
}

/// A future that resolves at `deadline`.
pub struct Sleep {
    deadline: Instant,
    key: Option<(Instant, u64)>,
}

/// Resolves after `duration`.
pub fn sleep(duration: Duration) -> Sleep {
    sleep_until(Instant::now() + duration)
}

/// Resolves at `deadline`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep { deadline, key: None }
}

impl Sleep {
    /// When it resolves.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Moves the deadline (a protocol timer that restarts); the next poll re-registers it.
    pub fn reset(&mut self, deadline: Instant) {
        if deadline != self.deadline {
            self.forget();
            self.deadline = deadline;
        }
    }

    fn forget(&mut self) {
        if let Some(key) = self.key.take() {
            try_with(|r| {
                r.timers.remove(&key);
            });
        }
    }

    /// `Ready` once the deadline has passed; otherwise registers `cx`'s waker for it.
    pub fn poll_at(&mut self, cx: &mut Context<'_>, now: Instant) -> Poll<()> {
        if now >= self.deadline {
            self.forget();
            return Poll::Ready(());
        }
        let deadline = self.deadline;
        with(|r| {
            let key = *self.key.get_or_insert_with(|| {
                r.next_timer += 1;
                (deadline, r.next_timer)
            });
            match r.timers.get(&key) {
                Some(waker) if waker.will_wake(cx.waker()) => {}
                _ => {
                    r.timers.insert(key, cx.waker().clone());
                }
            }
        });
        Poll::Pending
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.poll_at(cx, Instant::now())
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.forget();
    }
}

/// The error a timed-out operation reports; its text is what scripts print.
pub fn deadline_elapsed() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "deadline has elapsed")
}

/// Runs `future` with a time limit: `None` means no limit.
pub async fn with_timeout<T>(
    limit: Option<Duration>,
    future: impl Future<Output = io::Result<T>>,
) -> io::Result<T> {
    let Some(limit) = limit else { return future.await };
    let mut future = std::pin::pin!(future);
    let mut timer = sleep(limit);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(result) = future.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        match Pin::new(&mut timer).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(deadline_elapsed())),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// Returns `Pending` once (after asking to be polled again): lets a task that could go on working
/// give the event loop a turn, so one busy task cannot starve the others.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}
