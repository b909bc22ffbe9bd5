//! The reactor: the one place where the process blocks.
//!
//! Futures in the runtime wait for two kinds of things, and both are registered here:
//! - socket readiness ([`Readiness`]): a socket operation returned `WouldBlock`, so the future
//!   waits until the backend reports the socket readable or writable again;
//! - deadlines ([`Sleep`]): read/accept/connect timeouts and `sleep`.
//!
//! [`wait`] blocks in the backend (`mio::Poll` natively, `poll_oneoff` on WASI) until the first of
//! them is due, or until the caller's own deadline (the next JavaScript timer), then wakes every
//! future whose event happened. Only futures that are actually waiting are given to the backend,
//! so an idle process sleeps in one system call and uses no CPU.

use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap, HashSet},
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

/// Identifies a socket registered with the reactor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token(pub(crate) usize);

/// One socket future waiting for readiness, as handed to the backend.
#[allow(dead_code, reason = "the native backend ignores it: mio keeps its own registrations")]
pub(crate) struct Interest {
    pub token: Token,
    pub direction: Direction,
    pub handle: sys::Handle,
}

enum Slot {
    Waiting(Waker),
    Ready,
}

struct Reactor {
    poller: sys::Poller,
    next_token: usize,
    handles: HashMap<Token, sys::Handle>,
    /// Sources whose waiters do not keep the process alive (the signal pipe).
    weak: HashSet<Token>,
    slots: HashMap<(Token, Direction), Slot>,
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
            next_token: 1,
            handles: HashMap::new(),
            weak: HashSet::new(),
            slots: HashMap::new(),
            timers: BTreeMap::new(),
            next_timer: 0,
        });
        f(reactor)
    })
}

/// Registers a socket; the backend may need to know it before any wait (mio does).
pub(crate) fn register(handle: sys::Handle, source: sys::SourceRef<'_>) -> io::Result<Token> {
    with(|r| {
        let token = Token(r.next_token);
        r.next_token += 1;
        r.poller.register(source, token)?;
        r.handles.insert(token, handle);
        Ok(token)
    })
}

/// Registers a source whose waiters do not count as work left ([`has_pending_work`]).
pub(crate) fn register_weak(handle: sys::Handle, source: sys::SourceRef<'_>) -> io::Result<Token> {
    let token = register(handle, source)?;
    with(|r| r.weak.insert(token));
    Ok(token)
}

/// Forgets a socket and any future still waiting on it. Safe to call while the thread shuts down
/// (sockets owned by JS objects are dropped with the garbage collector, possibly after the
/// reactor is gone).
pub(crate) fn deregister(token: Token, source: sys::SourceRef<'_>) {
    let _ = REACTOR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(r) = slot.as_mut() {
                r.poller.deregister(source);
                r.handles.remove(&token);
                r.slots.remove(&(token, Direction::Read));
                r.slots.remove(&(token, Direction::Write));
            }
        }
    });
}

/// Whether any future is waiting for a socket or a deadline: if so, the process has work left.
pub fn has_pending_work() -> bool {
    with(|r| {
        !r.timers.is_empty()
            || r.slots.iter().any(|((token, _), s)| matches!(s, Slot::Waiting(_)) && !r.weak.contains(token))
    })
}

/// Blocks until a registered event happens or `deadline` passes, then wakes the futures whose
/// events happened. Returns immediately if a deadline has already passed.
pub fn wait(deadline: Option<Instant>) -> io::Result<()> {
    let now = Instant::now();
    let (timeout, interests) = with(|r| {
        let first_timer = r.timers.keys().next().map(|(at, _)| *at);
        let deadline = match (deadline, first_timer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let timeout = deadline.map(|d| d.saturating_duration_since(now));
        let interests: Vec<Interest> = r
            .slots
            .iter()
            .filter(|(_, slot)| matches!(slot, Slot::Waiting(_)))
            .filter_map(|((token, direction), _)| {
                r.handles.get(token).map(|handle| Interest { token: *token, direction: *direction, handle: *handle })
            })
            .collect();
        (timeout, interests)
    });
    if timeout.is_none() && interests.is_empty() {
        // Nothing could ever wake us: blocking here would hang the process.
        return Ok(());
    }
    let events = if timeout == Some(Duration::ZERO) {
        Vec::new()
    } else {
        with(|r| r.poller.wait(timeout, &interests))?
    };
    let mut to_wake = Vec::new();
    with(|r| {
        for (token, direction) in events {
            if let Some(slot) = r.slots.get_mut(&(token, direction)) {
                if let Slot::Waiting(waker) = std::mem::replace(slot, Slot::Ready) {
                    to_wake.push(waker);
                }
            }
        }
        let now = Instant::now();
        while let Some(entry) = r.timers.first_entry() {
            if entry.key().0 > now {
                break;
            }
            to_wake.push(entry.remove());
        }
    });
    for waker in to_wake {
        waker.wake();
    }
    Ok(())
}

/// A future that resolves once the socket `token` may be ready in `direction`.
///
/// Used after an operation returned `WouldBlock`: the next operation may still block (spurious
/// wake-ups are allowed), in which case the caller waits again.
pub(crate) struct Readiness {
    token: Token,
    direction: Direction,
    registered: bool,
}

impl Readiness {
    pub(crate) fn new(token: Token, direction: Direction) -> Self {
        Self { token, direction, registered: false }
    }
}

impl Future for Readiness {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let key = (self.token, self.direction);
        let registered = self.registered;
        let ready = with(|r| match r.slots.get(&key) {
            Some(Slot::Ready) if registered => {
                r.slots.remove(&key);
                true
            }
            _ => {
                r.slots.insert(key, Slot::Waiting(cx.waker().clone()));
                false
            }
        });
        if ready {
            Poll::Ready(())
        } else {
            self.registered = true;
            Poll::Pending
        }
    }
}

impl Drop for Readiness {
    fn drop(&mut self) {
        if self.registered {
            let key = (self.token, self.direction);
            let _ = REACTOR.try_with(|cell| {
                if let Ok(mut slot) = cell.try_borrow_mut() {
                    if let Some(r) = slot.as_mut() {
                        r.slots.remove(&key);
                    }
                }
            });
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

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            if let Some(key) = self.key.take() {
                with(|r| r.timers.remove(&key));
            }
            return Poll::Ready(());
        }
        let deadline = self.deadline;
        let key = match self.key {
            Some(key) => key,
            None => {
                let key = with(|r| {
                    r.next_timer += 1;
                    (deadline, r.next_timer)
                });
                self.key = Some(key);
                key
            }
        };
        with(|r| r.timers.insert(key, cx.waker().clone()));
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            let _ = REACTOR.try_with(|cell| {
                if let Ok(mut slot) = cell.try_borrow_mut() {
                    if let Some(r) = slot.as_mut() {
                        r.timers.remove(&key);
                    }
                }
            });
        }
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
