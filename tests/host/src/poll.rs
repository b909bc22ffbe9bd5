//! `poll_oneoff` the way WasmEdge 0.17 does it on Linux: an epoll set with the fds and
//! one timerfd per clock, an infinite `epoll_wait`, level-triggered, events compacted in
//! subscription order, and per-subscription errors that never wake the poll by themselves.

use std::collections::HashMap;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::errno::{self, Errno};
use crate::memory::GuestMemory;

const EVENTTYPE_CLOCK: u8 = 0;
const EVENTTYPE_FD_READ: u8 = 1;
const EVENTTYPE_FD_WRITE: u8 = 2;
const EVENTRWFLAGS_HANGUP: u16 = 1;
const SUBCLOCKFLAGS_ABSTIME: u16 = 1;

/// epoll user data marking a timerfd; the low bits hold the subscription index.
const CLOCK_MARK: u64 = 1 << 63;

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Clock { id: u32, timeout: u64, flags: u16 },
    Read(u32),
    Write(u32),
    UnknownTag,
}

#[derive(Debug, Clone, Copy)]
pub struct Subscription {
    pub userdata: u64,
    pub tag: u8,
    pub kind: Kind,
}

/// What a subscribed guest fd is on the host.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// A pollable host fd (a socket, or inherited stdio).
    Host(RawFd),
    /// The errno its event carries (BADF, PERM for files, ...).
    Error(Errno),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    pub userdata: u64,
    pub error: Errno,
    pub event_type: u8,
    pub nbytes: u64,
    pub flags: u16,
}

pub fn read_subscriptions(
    mem: &GuestMemory,
    in_ptr: u32,
    count: u32,
) -> Result<Vec<Subscription>, Errno> {
    mem.range(in_ptr, count.checked_mul(48).ok_or(errno::FAULT)?)?;
    (0..count)
        .map(|i| {
            let at = in_ptr + i * 48;
            let userdata = mem.read_u64(at)?;
            let tag = mem.read_u8(at + 8)?;
            let kind = match tag {
                EVENTTYPE_CLOCK => Kind::Clock {
                    id: mem.read_u32(at + 16)?,
                    timeout: mem.read_u64(at + 24)?,
                    flags: mem.read_u16(at + 40)?,
                },
                EVENTTYPE_FD_READ => Kind::Read(mem.read_u32(at + 16)?),
                EVENTTYPE_FD_WRITE => Kind::Write(mem.read_u32(at + 16)?),
                _ => Kind::UnknownTag,
            };
            Ok(Subscription {
                userdata,
                tag,
                kind,
            })
        })
        .collect()
}

pub fn write_events(mem: &mut GuestMemory, out: u32, events: &[Event]) -> Result<(), Errno> {
    for (i, event) in events.iter().enumerate() {
        let at = out + 32 * i as u32;
        mem.write_bytes(at, &[0u8; 32])?;
        mem.write_u64(at, event.userdata)?;
        mem.write_u16(at + 8, event.error)?;
        mem.write_u8(at + 10, event.event_type)?;
        mem.write_u64(at + 16, event.nbytes)?;
        mem.write_u16(at + 24, event.flags)?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Outcome {
    Pending,
    Failed(Errno),
    Fired { nbytes: u64, flags: u16 },
}

#[derive(Default)]
struct Registration {
    read: Option<usize>,
    write: Option<usize>,
}

fn os_error<T>() -> Result<T, Errno> {
    Err(errno::last_os_error())
}

fn arm_clock(
    epoll: RawFd,
    index: usize,
    id: u32,
    timeout: u64,
    flags: u16,
) -> Result<OwnedFd, Errno> {
    let clock = match id {
        0 => libc::CLOCK_REALTIME,
        1 => libc::CLOCK_MONOTONIC,
        // CPU-time clocks make timerfd_create fail with EINVAL in WasmEdge.
        _ => return Err(errno::INVAL),
    };
    if flags & !SUBCLOCKFLAGS_ABSTIME != 0 {
        return Err(errno::INVAL);
    }
    // SAFETY: plain syscall; the result is checked.
    let raw = unsafe { libc::timerfd_create(clock, libc::TFD_CLOEXEC | libc::TFD_NONBLOCK) };
    if raw < 0 {
        return os_error();
    }
    // SAFETY: a fresh fd we own.
    let timer = unsafe { OwnedFd::from_raw_fd(raw) };
    // A zero it_value would disarm the timer: 0 becomes 1 ns and fires at once.
    let timeout = timeout.max(1);
    let spec = libc::itimerspec {
        it_interval: libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        it_value: libc::timespec {
            tv_sec: (timeout / 1_000_000_000) as libc::time_t,
            tv_nsec: (timeout % 1_000_000_000) as libc::c_long,
        },
    };
    let settime_flags = if flags & SUBCLOCKFLAGS_ABSTIME != 0 {
        libc::TFD_TIMER_ABSTIME
    } else {
        0
    };
    // SAFETY: valid fd and itimerspec.
    if unsafe {
        libc::timerfd_settime(
            timer.as_raw_fd(),
            settime_flags,
            &spec,
            std::ptr::null_mut(),
        )
    } < 0
    {
        return os_error();
    }
    let mut ev = libc::epoll_event {
        events: libc::EPOLLIN as u32,
        u64: CLOCK_MARK | index as u64,
    };
    // SAFETY: valid fds and event.
    if unsafe { libc::epoll_ctl(epoll, libc::EPOLL_CTL_ADD, timer.as_raw_fd(), &mut ev) } < 0 {
        return os_error();
    }
    Ok(timer)
}

/// `nbytes` of a read event: WasmEdge reports 1 whenever FIONREAD works (an inverted
/// test on its side), 0 when it fails (listening sockets).
fn read_nbytes(fd: RawFd) -> u64 {
    let mut queued: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut queued) } < 0 {
        0
    } else {
        1
    }
}

/// `nbytes` of a write event: free send-buffer space, or 1 if it cannot be computed.
fn write_nbytes(fd: RawFd) -> u64 {
    let mut sndbuf: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: SO_SNDBUF writes one int.
    let ok = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_SNDBUF,
            (&mut sndbuf as *mut libc::c_int).cast(),
            &mut len,
        )
    } == 0;
    let mut outq: libc::c_int = 0;
    // SAFETY: TIOCOUTQ writes one int.
    if !ok || unsafe { libc::ioctl(fd, libc::TIOCOUTQ, &mut outq) } < 0 {
        return 1;
    }
    (sndbuf as i64 - outq as i64).max(0) as u64
}

/// Blocks until at least one subscription fires and returns the events to report.
/// `targets` maps every subscribed guest fd to its host fd or error.
pub fn wait(subs: &[Subscription], targets: &HashMap<u32, Target>) -> Result<Vec<Event>, Errno> {
    if subs.is_empty() {
        return Ok(Vec::new());
    }
    // SAFETY: plain syscall.
    let raw = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if raw < 0 {
        return os_error();
    }
    // SAFETY: a fresh fd we own.
    let epoll = unsafe { OwnedFd::from_raw_fd(raw) };
    let mut outcomes = vec![Outcome::Pending; subs.len()];
    let mut registrations: HashMap<RawFd, Registration> = HashMap::new();
    let mut timers = Vec::new();

    for (index, sub) in subs.iter().enumerate() {
        match sub.kind {
            Kind::UnknownTag => outcomes[index] = Outcome::Failed(errno::INVAL),
            Kind::Clock { id, timeout, flags } => {
                match arm_clock(epoll.as_raw_fd(), index, id, timeout, flags) {
                    Ok(timer) => timers.push(timer),
                    Err(e) => outcomes[index] = Outcome::Failed(e),
                }
            }
            Kind::Read(fd) | Kind::Write(fd) => match targets
                .get(&fd)
                .copied()
                .unwrap_or(Target::Error(errno::BADF))
            {
                Target::Error(e) => outcomes[index] = Outcome::Failed(e),
                Target::Host(host_fd) => {
                    let entry = registrations.entry(host_fd).or_default();
                    let slot = if matches!(sub.kind, Kind::Read(_)) {
                        &mut entry.read
                    } else {
                        &mut entry.write
                    };
                    if slot.is_some() {
                        outcomes[index] = Outcome::Failed(errno::EXIST);
                    } else {
                        *slot = Some(index);
                    }
                }
            },
        }
    }

    for (&host_fd, reg) in &registrations {
        let mut events = 0u32;
        if reg.read.is_some() {
            events |= libc::EPOLLIN as u32;
        }
        if reg.write.is_some() {
            events |= libc::EPOLLOUT as u32;
        }
        let mut ev = libc::epoll_event {
            events,
            u64: host_fd as u64,
        };
        // SAFETY: valid fds and event.
        if unsafe { libc::epoll_ctl(epoll.as_raw_fd(), libc::EPOLL_CTL_ADD, host_fd, &mut ev) } < 0
        {
            // e.g. EPERM for a regular file.
            let e = errno::last_os_error();
            for index in [reg.read, reg.write].into_iter().flatten() {
                outcomes[index] = Outcome::Failed(e);
            }
        }
    }

    let mut ready = vec![libc::epoll_event { events: 0, u64: 0 }; subs.len().max(1)];
    let count = loop {
        // Infinite timeout, like WasmEdge: only a clock or an fd ends the wait, so a poll
        // whose subscriptions all failed blocks forever.
        // SAFETY: `ready` has room for `ready.len()` events.
        let n = unsafe {
            libc::epoll_wait(
                epoll.as_raw_fd(),
                ready.as_mut_ptr(),
                ready.len() as libc::c_int,
                -1,
            )
        };
        if n >= 0 {
            break n as usize;
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return os_error();
        }
    };

    for ev in &ready[..count] {
        let (bits, data) = (ev.events, ev.u64);
        if data & CLOCK_MARK != 0 {
            outcomes[(data & !CLOCK_MARK) as usize] = Outcome::Fired {
                nbytes: 0,
                flags: 0,
            };
            continue;
        }
        let host_fd = data as RawFd;
        let Some(reg) = registrations.get(&host_fd) else {
            continue;
        };
        let readable = bits & libc::EPOLLIN as u32 != 0;
        let writable = bits & libc::EPOLLOUT as u32 != 0;
        let hangup = bits & libc::EPOLLHUP as u32 != 0;
        let hangup_only = hangup && !readable && !writable;
        let flags = if hangup { EVENTRWFLAGS_HANGUP } else { 0 };
        // EPOLLERR alone produces nothing, as in WasmEdge.
        if let Some(index) = reg.read
            && (readable || hangup_only)
        {
            outcomes[index] = Outcome::Fired {
                nbytes: read_nbytes(host_fd),
                flags,
            };
        }
        if let Some(index) = reg.write
            && (writable || hangup_only)
        {
            outcomes[index] = Outcome::Fired {
                nbytes: write_nbytes(host_fd),
                flags,
            };
        }
    }
    drop(timers);

    Ok(subs
        .iter()
        .zip(outcomes)
        .filter_map(|(sub, outcome)| {
            let (error, nbytes, flags) = match outcome {
                Outcome::Pending => return None,
                Outcome::Failed(e) => (e, 0, 0),
                Outcome::Fired { nbytes, flags } => (0, nbytes, flags),
            };
            Some(Event {
                userdata: sub.userdata,
                error,
                event_type: sub.tag,
                nbytes,
                flags,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(userdata: u64, nanos: u64) -> Subscription {
        Subscription {
            userdata,
            tag: 0,
            kind: Kind::Clock {
                id: 1,
                timeout: nanos,
                flags: 0,
            },
        }
    }

    #[test]
    fn nearest_clock_fires_alone() {
        let events = wait(
            &[clock(1, 60_000_000), clock(2, 5_000_000)],
            &HashMap::new(),
        )
        .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].userdata, 2);
    }

    #[test]
    fn errors_ride_along_with_a_fired_clock_in_subscription_order() {
        let subs = [
            Subscription {
                userdata: 7,
                tag: 1,
                kind: Kind::Read(99),
            },
            clock(8, 0),
            Subscription {
                userdata: 9,
                tag: 5,
                kind: Kind::UnknownTag,
            },
        ];
        let events = wait(&subs, &HashMap::new()).unwrap();
        let summary: Vec<_> = events
            .iter()
            .map(|e| (e.userdata, e.error, e.event_type))
            .collect();
        assert_eq!(
            summary,
            vec![(7, errno::BADF, 1), (8, 0, 0), (9, errno::INVAL, 5)]
        );
    }

    #[test]
    fn readiness_is_level_triggered_and_duplicates_fail() {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for two fds.
        assert_eq!(
            unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fds.as_mut_ptr()) },
            0
        );
        // SAFETY: fresh fds we own.
        let (a, b) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        // SAFETY: writes 3 bytes from a valid buffer.
        assert_eq!(
            unsafe { libc::write(b.as_raw_fd(), b"abc".as_ptr().cast(), 3) },
            3
        );
        let targets = HashMap::from([(5u32, Target::Host(a.as_raw_fd()))]);
        let subs = [
            Subscription {
                userdata: 1,
                tag: 1,
                kind: Kind::Read(5),
            },
            Subscription {
                userdata: 2,
                tag: 1,
                kind: Kind::Read(5),
            },
        ];
        for _ in 0..2 {
            let events = wait(&subs, &targets).unwrap();
            assert_eq!(
                events[0],
                Event {
                    userdata: 1,
                    error: 0,
                    event_type: 1,
                    nbytes: 1,
                    flags: 0
                }
            );
            assert_eq!(events[1].error, errno::EXIST);
        }
    }
}
