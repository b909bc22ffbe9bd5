//! The event loop: Boa's job queue driven against the platform reactor.
//!
//! Boa hands every piece of deferred work to a [`JobExecutor`]; this one runs all of it on one
//! thread, in this order (the same rules are in the README):
//!
//! 1. **Microtasks** (promise reactions, `queueMicrotask`) run until none are left.
//! 2. **Ticks** (`nextTick`, Boa's generic jobs) run next, each followed by the microtasks it
//!    queued; ticks queued meanwhile run in the same phase. As in the QuickJS runtime (and unlike
//!    Node), promise reactions queued before a tick run before it. A Node program (see
//!    `loader::MainKind`) gets Node's order instead: all ticks, then all microtasks, repeated.
//! 3. **Native tasks** (socket reads, accepts, connects, `sleep`, module loading) whose I/O became
//!    ready are polled; what they resolve is run by going back to step 1.
//! 4. **Timers** that are due (`setTimeout`, `setInterval`, `setImmediate`) run one at a time in
//!    deadline order, ties in the order they were set, each followed by steps 1–2.
//! 5. When nothing is runnable, unhandled promise rejections are reported; then the loop ends if
//!    no timer, task waiting for I/O or reactor deadline is left, and otherwise blocks in the
//!    reactor until the next timer or I/O readiness — no CPU is used while idle.
//!
//! While it is busy (step 3 or 4 always has more work), the loop still asks the reactor what
//! became ready every [`FAIR_TURNS`] turns, without blocking: a JavaScript accept loop whose
//! backlog is never empty, or a timer that is always due, must not starve the sockets that wait
//! for readiness.
//!
//! Once idle for [`IDLE_GC_DELAY`] after work (and under continuous load every
//! [`BUSY_GC_INTERVAL`] and [`BUSY_GC_MIN_TURNS`] turns), the loop runs the garbage collector:
//! sockets whose JavaScript objects were dropped are closed then, not at
//! some later allocation-driven collection, which is what scripts written for the reference
//! counting QuickJS runtime expect.
//!
//! An exception that escapes a job ends the loop with that error (the runtime prints it and exits
//! with status 1). A pending promise that nothing (no timer, no I/O) can ever settle does not keep
//! the process alive.

use std::{
    cell::{Cell, RefCell},
    collections::{BTreeMap, VecDeque},
    future::Future,
    mem::MaybeUninit,
    pin::Pin,
    rc::Rc,
    sync::{Arc, Mutex},
    task::{Context as TaskContext, Poll, Wake, Waker},
    time::{Duration, Instant},
};

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsValue,
    builtins::promise::OperationType,
    context::HostHooks,
    job::{GenericJob, IntervalJob, Job, JobExecutor, NativeAsyncJob, PromiseJob, TimeoutJob},
    object::builtins::JsPromise,
};
use wasmedge_boa_builtins::node::process;
use wasmedge_boa_platform::reactor;

/// After work, the loop collects garbage once it has been idle this long.
const IDLE_GC_DELAY: Duration = Duration::from_millis(100);
/// Under continuous load the loop is never idle: collect anyway every this often, so sockets of
/// dropped connections (scripts written for QuickJS never close them) do not pile up until the
/// process runs out of descriptors. A server's live heap is small, so this costs little.
const BUSY_GC_INTERVAL: Duration = Duration::from_millis(200);
/// ... and every this many turns that did work at most: a slowed-down process (a profiler, an
/// interpreter) does not collect more often per unit of work than a fast one.
const BUSY_GC_MIN_TURNS: u32 = 2000;

/// Busy turns between two non-blocking polls of the reactor (see the module documentation).
const FAIR_TURNS: u32 = 8;

/// Boa collects garbage when the bytes allocated pass a threshold that only ever grows to 1/0.7
/// of what survived a collection, and every collection marks the whole heap (the realm's
/// thousands of built-in objects included): the raw echo collects after every ~300 requests,
/// 13 % of its instructions. `WASMEDGE_BOA_GC_BALLAST_MB=N` makes the loop keep N MiB of filler
/// that Boa counts but never traces once the program waits for I/O (never while a bundle is
/// pre-initialised, so no snapshot holds it): the threshold grows with it and collections come
/// several times less often. Off by default: 32 MiB cut the raw echo's instructions by 7 % but
/// tripled its RSS (31 → 101 MiB) with no throughput gain measurable here (docs/performance.md).
/// Boa has no setting for its threshold.
const GC_BALLAST_BYTES: usize = 0;
const GC_BALLAST_CHUNK: usize = 64 << 10;

/// Untraced filler counted by Boa's allocator (see [`GC_BALLAST_BYTES`]).
struct GcBallast(#[allow(dead_code, reason = "only its size matters")] [MaybeUninit<u8>; GC_BALLAST_CHUNK]);

impl boa_gc::Finalize for GcBallast {}
// SAFETY: it holds no `Gc` pointers.
unsafe impl boa_gc::Trace for GcBallast {
    boa_gc::empty_trace!();
}

fn gc_ballast() -> Vec<boa_gc::Gc<GcBallast>> {
    // Read once per run, when the loop first waits for I/O.
    let bytes = std::env::var("WASMEDGE_BOA_GC_BALLAST_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(GC_BALLAST_BYTES, |mb| mb.min(1024) << 20);
    (0..bytes / GC_BALLAST_CHUNK)
        .map(|_| boa_gc::Gc::new(GcBallast([const { MaybeUninit::uninit() }; GC_BALLAST_CHUNK])))
        .collect()
}

type Task<'a> = Pin<Box<dyn Future<Output = JsResult<JsValue>> + 'a>>;

/// A started native task and the waker it is always polled with (so futures can tell wakers apart).
type Slot<'a> = (Task<'a>, Waker);

enum Timer {
    Once(TimeoutJob),
    Repeat(IntervalJob),
}

impl Timer {
    fn cancelled(&self) -> bool {
        match self {
            Timer::Once(job) => job.cancelled(),
            Timer::Repeat(job) => job.cancelled(),
        }
    }
}

/// Wakes a native task: records its index so the loop polls it again.
struct TaskWaker {
    index: usize,
    woken: Arc<Mutex<Vec<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        if let Ok(mut woken) = self.woken.lock() {
            woken.push(self.index);
        }
    }
}

/// The runtime's job executor and promise-rejection tracker.
#[derive(Default)]
pub struct EventLoop {
    microtasks: RefCell<VecDeque<PromiseJob>>,
    ticks: RefCell<VecDeque<GenericJob>>,
    new_tasks: RefCell<Vec<NativeAsyncJob>>,
    timers: RefCell<BTreeMap<(Instant, u64), Timer>>,
    timer_sequence: Cell<u64>,
    /// Promises rejected with no handler yet; reported when the loop runs out of work to do.
    unhandled_rejections: RefCell<Vec<JsObject>>,
    /// Ticks before microtasks (Node's order), for Node programs.
    node_tick_order: Cell<bool>,
}

impl EventLoop {
    pub fn new() -> Self {
        Self::default()
    }

    fn add_timer(&self, after: Duration, timer: Timer) {
        let sequence = self.timer_sequence.get() + 1;
        self.timer_sequence.set(sequence);
        self.timers.borrow_mut().insert((Instant::now() + after, sequence), timer);
    }

    fn next_due_timer(&self, now: Instant) -> Option<Timer> {
        let mut timers = self.timers.borrow_mut();
        while let Some(entry) = timers.first_entry() {
            if entry.get().cancelled() {
                entry.remove();
                continue;
            }
            if entry.key().0 > now {
                return None;
            }
            return Some(entry.remove());
        }
        None
    }

    fn next_timer_deadline(&self) -> Option<Instant> {
        let mut timers = self.timers.borrow_mut();
        timers.retain(|_, timer| !timer.cancelled());
        timers.keys().next().map(|(at, _)| *at)
    }

    /// Whether every live timer was `unref()`ed (also when there is none).
    fn only_unrefed_timers(&self) -> bool {
        self.next_timer_deadline();
        self.timers.borrow().len() <= wasmedge_boa_builtins::timers::unrefed_timers()
    }

    /// Switches to Node's order for a Node program: all ticks first (also those queued
    /// meanwhile), then all microtasks, again until both are empty.
    pub fn use_node_tick_order(&self) {
        self.node_tick_order.set(true);
    }

    /// Node's order: ticks, then microtasks, repeated.
    fn run_ticks_then_microtasks(&self, context: &mut Context) -> JsResult<bool> {
        let mut ran = false;
        loop {
            loop {
                let tick = self.ticks.borrow_mut().pop_front();
                let Some(tick) = tick else { break };
                ran = true;
                uncaught(tick.call(context), context)?;
            }
            let mut any = false;
            loop {
                let job = self.microtasks.borrow_mut().pop_front();
                let Some(job) = job else { break };
                ran = true;
                any = true;
                uncaught(job.call(context), context)?;
            }
            if !any && self.ticks.borrow().is_empty() {
                return Ok(ran);
            }
        }
    }

    /// Runs microtasks, then ticks (each followed by microtasks), until both queues are empty.
    fn run_microtasks_and_ticks(&self, context: &mut Context) -> JsResult<bool> {
        if self.node_tick_order.get() {
            return self.run_ticks_then_microtasks(context);
        }
        let mut ran = false;
        loop {
            loop {
                let job = self.microtasks.borrow_mut().pop_front();
                let Some(job) = job else { break };
                ran = true;
                uncaught(job.call(context), context)?;
            }
            let tick = self.ticks.borrow_mut().pop_front();
            let Some(tick) = tick else { return Ok(ran) };
            ran = true;
            uncaught(tick.call(context), context)?;
        }
    }

    fn run_timer(&self, timer: Timer, context: &mut Context) -> JsResult<()> {
        match timer {
            Timer::Once(job) => uncaught(job.call(context), context),
            Timer::Repeat(job) => {
                uncaught(job.call(context), context)?;
                if !job.cancelled() {
                    let interval = Duration::from(job.interval());
                    self.add_timer(interval, Timer::Repeat(job));
                }
                Ok(())
            }
        }
    }

    /// Offers the first unhandled rejection to `unhandledRejection` listeners; `Ok(true)` if one
    /// took it, the error if none did.
    fn report_unhandled_rejection(&self, context: &mut Context) -> JsResult<bool> {
        let Some((error, promise)) = self.take_unhandled_rejection() else { return Ok(false) };
        if !process::handle_uncaught(&error, Some(&promise), context)? {
            return Err(error);
        }
        Ok(true)
    }

    /// The first unhandled rejection and its promise.
    fn take_unhandled_rejection(&self) -> Option<(JsError, JsObject)> {
        let mut pending = self.unhandled_rejections.borrow_mut();
        while !pending.is_empty() {
            let object = pending.remove(0);
            let Ok(promise) = JsPromise::from_object(object.clone()) else { continue };
            if let boa_engine::builtins::promise::PromiseState::Rejected(reason) = promise.state() {
                return Some((JsError::from_opaque(reason), object));
            }
        }
        None
    }

    /// Whether anything is left to run or wait for (after `beforeExit` listeners ran).
    pub fn has_work(&self) -> bool {
        !self.microtasks.borrow().is_empty()
            || !self.ticks.borrow().is_empty()
            || !self.new_tasks.borrow().is_empty()
            || (self.next_timer_deadline().is_some() && !self.only_unrefed_timers())
            || reactor::has_pending_work()
    }

    /// How many native tasks are queued and not yet started (see [`Self::run_queued_tasks_now`]).
    pub fn queued_tasks(&self) -> usize {
        self.new_tasks.borrow().len()
    }

    /// Runs the native tasks queued after the first `mark` ones — and those they queue — to
    /// completion now, nested inside whatever job is running. `require` loads module graphs this
    /// way: Boa queues one task per import and the loader's tasks never wait, so each finishes
    /// in one poll. A task that would wait is an error (nothing else may run meanwhile).
    pub fn run_queued_tasks_now(&self, mark: usize, context: &mut Context) -> JsResult<()> {
        let context = RefCell::new(context);
        loop {
            let jobs = {
                let mut queue = self.new_tasks.borrow_mut();
                if queue.len() <= mark {
                    return Ok(());
                }
                queue.split_off(mark)
            };
            for job in jobs {
                let mut task = std::pin::pin!(job.call(&context));
                match task.as_mut().poll(&mut TaskContext::from_waker(Waker::noop())) {
                    Poll::Ready(result) => {
                        result?;
                    }
                    Poll::Pending => {
                        return Err(JsNativeError::error()
                            .with_message("a module could not be loaded synchronously (its loading had to wait)")
                            .into());
                    }
                }
            }
        }
    }

    /// The whole loop; returns when no work is left, or with the first uncaught error.
    fn run(&self, context: &mut Context) -> JsResult<()> {
        let context = RefCell::new(context);
        let woken = Arc::new(Mutex::new(Vec::<usize>::new()));
        // A slab: finished tasks leave a hole that the next task reuses, so a long-running server
        // does not grow this list. A stale wake-up of a reused slot only causes a spurious poll.
        let mut tasks: Vec<Option<Slot<'_>>> = Vec::new();
        let mut free_slots: Vec<usize> = Vec::new();
        let mut last_gc = Instant::now();
        let mut last_work = last_gc;
        let mut turns_since_io = 0;
        let mut work_since_gc: u32 = 0;
        let mut ballast = None;
        let mut busy = false;

        loop {
            if turns_since_io >= FAIR_TURNS {
                turns_since_io = 0;
                if ballast.is_none() && reactor::has_pending_work() {
                    ballast = Some(gc_ballast());
                }
                reactor::poll_now().map_err(wait_error)?;
            }
            turns_since_io += 1;
            // Start native tasks queued since the last turn; each is polled once right away.
            let new_tasks = std::mem::take(&mut *self.new_tasks.borrow_mut());
            for job in new_tasks {
                let task: Task<'_> = Box::pin(job.call(&context));
                let index = free_slots.pop().unwrap_or_else(|| {
                    tasks.push(None);
                    tasks.len() - 1
                });
                let waker = Waker::from(Arc::new(TaskWaker { index, woken: woken.clone() }));
                tasks[index] = Some((task, waker));
                if let Ok(mut woken) = woken.lock() {
                    woken.push(index);
                }
            }

            let ready: Vec<usize> = woken.lock().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default();
            let mut progressed = !ready.is_empty();
            for index in ready {
                let Some(Some((task, waker))) = tasks.get_mut(index) else { continue };
                if let Poll::Ready(result) = task.as_mut().poll(&mut TaskContext::from_waker(waker)) {
                    tasks[index] = None;
                    free_slots.push(index);
                    uncaught(result, &mut context.borrow_mut())?;
                }
            }

            progressed |= self.run_microtasks_and_ticks(&mut context.borrow_mut())?;
            if !self.new_tasks.borrow().is_empty() || woken.lock().map(|w| !w.is_empty()).unwrap_or(false) {
                continue;
            }
            // Node reports a rejection left unhandled once the microtasks ran, before any timer.
            if self.node_tick_order.get() && self.report_unhandled_rejection(&mut context.borrow_mut())? {
                continue;
            }

            // A due timer runs only while something keeps the process alive: with nothing but
            // `unref()`ed timers left the process ends, as in Node, even if one of them is due.
            if !self.timers.borrow().is_empty()
                && (!self.only_unrefed_timers() || reactor::has_pending_work())
                && let Some(timer) = self.next_due_timer(Instant::now())
            {
                self.run_timer(timer, &mut context.borrow_mut())?;
                continue;
            }
            if progressed {
                work_since_gc += 1;
                busy = true;
                if work_since_gc >= BUSY_GC_MIN_TURNS && last_gc.elapsed() >= BUSY_GC_INTERVAL {
                    boa_gc::force_collect();
                    last_gc = Instant::now();
                    work_since_gc = 0;
                }
                continue;
            }
            // The work (if any) ended now: read the clock once here rather than after every busy
            // turn (a clock read is a host call under WASI).
            if busy {
                busy = false;
                last_work = Instant::now();
            }

            if self.report_unhandled_rejection(&mut context.borrow_mut())? {
                continue;
            }

            let next_timer = self.next_timer_deadline();
            // Timers that were `unref()`ed do not keep the process alive on their own.
            if (next_timer.is_none() || self.only_unrefed_timers()) && !reactor::has_pending_work() {
                return Ok(());
            }
            let mut wake_at = next_timer;
            if work_since_gc > 0 {
                let now = Instant::now();
                let idle_due = last_work + IDLE_GC_DELAY;
                if now >= idle_due || (work_since_gc >= BUSY_GC_MIN_TURNS && now >= last_gc + BUSY_GC_INTERVAL) {
                    boa_gc::force_collect();
                    last_gc = Instant::now();
                    work_since_gc = 0;
                } else {
                    // Come back for the collection if nothing else wakes us first.
                    wake_at = Some(wake_at.map_or(idle_due, |t| t.min(idle_due)));
                }
            }
            turns_since_io = 0;
            if ballast.is_none() && reactor::has_pending_work() {
                ballast = Some(gc_ballast());
            }
            reactor::wait(wake_at).map_err(wait_error)?;
        }
    }
}

fn wait_error(e: std::io::Error) -> JsError {
    JsError::from(JsNativeError::error().with_message(format!("the event loop cannot wait for I/O: {e}")))
}

/// An error that escaped a job goes to `process`'s `uncaughtException` listeners, if any; the
/// program goes on when one took it. Otherwise it ends the loop.
fn uncaught(result: JsResult<JsValue>, context: &mut Context) -> JsResult<()> {
    match result {
        Ok(_) => Ok(()),
        // Engine errors (runtime limits) cannot be turned into values nor caught.
        Err(error) if error.as_engine().is_some() => Err(error),
        Err(error) => match process::handle_uncaught(&error, None, context) {
            Ok(true) => Ok(()),
            Ok(false) => Err(error),
            Err(thrown) => Err(thrown),
        },
    }
}

impl JobExecutor for EventLoop {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(job) => self.microtasks.borrow_mut().push_back(job),
            Job::GenericJob(job) => self.ticks.borrow_mut().push_back(job),
            Job::AsyncJob(job) => self.new_tasks.borrow_mut().push(job),
            Job::TimeoutJob(job) => self.add_timer(job.timeout().into(), Timer::Once(job)),
            Job::IntervalJob(job) => self.add_timer(job.interval().into(), Timer::Repeat(job)),
            // Cleanup jobs wait for a GC signal that may never come: they must not keep the
            // process alive, and FinalizationRegistry callbacks are best-effort anyway.
            Job::FinalizationRegistryCleanupJob(_) => {}
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        self.run(context)
    }
}

impl HostHooks for EventLoop {
    /// Every `eval` and `Function` source passes here before Boa parses it: refuse what would
    /// crash Boa (too deep for the native stack, `using` declarations) with a catchable error,
    /// and stop eval-inside-eval recursion before the native stack runs out.
    fn ensure_can_compile_strings(
        &self,
        _realm: boa_engine::realm::Realm,
        parameters: &[boa_engine::JsString],
        body: &boa_engine::JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        wasmedge_boa_builtins::engine::check_compiled_string(parameters, body)
    }

    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        let promise = promise.clone().upcast();
        let mut pending = self.unhandled_rejections.borrow_mut();
        match operation {
            OperationType::Reject => pending.push(promise),
            OperationType::Handle => pending.retain(|p| p != &promise),
        }
    }
}
