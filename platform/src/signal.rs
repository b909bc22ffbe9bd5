//! Process signals, for `process.on('SIGTERM', …)`.
//!
//! Natively, a signal the program listens to is caught by a handler that writes its number into a
//! pipe; the reactor watches that pipe like a socket, so a signal wakes the event loop and the
//! JavaScript listeners run on the loop's thread, between two jobs. Watching does not keep the
//! process alive (as in Node). A signal nobody listens to keeps its default action: [`listen`]
//! installs the handler and [`unlisten`] puts the default back.
//!
//! WASI has no signals, and WasmEdge passes none to the program: SIGTERM or SIGINT ends the
//! `wasmedge` process at once (docs/deploy.md). There [`listen`] succeeds, nothing ever arrives,
//! and [`DELIVERED`] is false.

use std::{cell::RefCell, collections::VecDeque, io};

use crate::{
    reactor::{self, Direction, Readiness, Token},
    sys,
};

/// Whether this build's host delivers signals to the program.
pub const DELIVERED: bool = sys::SIGNALS_DELIVERED;

/// The signals a program can listen to: Node's names, Linux's numbers.
const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGUSR1", 10),
    ("SIGUSR2", 12),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGWINCH", 28),
];

/// The number of the signal a program may listen to by `name` (`"SIGTERM"` → 15).
pub fn number(name: &str) -> Option<i32> {
    SIGNALS.iter().find(|(n, _)| *n == name).map(|(_, number)| *number)
}

/// The name of signal `number`.
pub fn name(number: i32) -> Option<&'static str> {
    SIGNALS.iter().find(|(_, n)| *n == number).map(|(name, _)| *name)
}

struct Watch {
    pipe: sys::SignalPipe,
    token: Token,
    arrived: VecDeque<i32>,
}

thread_local! {
    static WATCH: RefCell<Option<Watch>> = const { RefCell::new(None) };
}

/// Catches `signal` from now on; it is then reported by [`next`] instead of taking its default
/// action. Calling it again is harmless.
pub fn listen(signal: i32) -> io::Result<()> {
    if !DELIVERED {
        return Ok(());
    }
    WATCH.with(|watch| -> io::Result<()> {
        let mut watch = watch.borrow_mut();
        if watch.is_none() {
            let mut pipe = sys::SignalPipe::open()?;
            let token = reactor::register_weak(pipe.handle(), pipe.source())?;
            *watch = Some(Watch { pipe, token, arrived: VecDeque::new() });
        }
        Ok(())
    })?;
    sys::catch_signal(signal)
}

/// Gives `signal` its default action back.
pub fn unlisten(signal: i32) {
    if DELIVERED {
        let _ = sys::default_signal(signal);
    }
}

/// The next signal caught, in order of arrival. Waiting for it does not keep the process alive.
pub async fn next() -> i32 {
    loop {
        let token = WATCH.with(|watch| {
            let mut watch = watch.borrow_mut();
            let watch = watch.as_mut()?;
            watch.pipe.read_signals(&mut watch.arrived);
            Some(watch.token)
        });
        if let Some(signal) = WATCH.with(|watch| watch.borrow_mut().as_mut().and_then(|w| w.arrived.pop_front())) {
            return signal;
        }
        match token {
            Some(token) => Readiness::new(token, Direction::Read).await,
            None => std::future::pending::<()>().await,
        }
    }
}

#[cfg(all(test, not(target_os = "wasi")))]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(number("SIGTERM"), Some(15));
        assert_eq!(number("SIGKILL"), None);
        assert_eq!(name(2), Some("SIGINT"));
    }
}
