//! The HTTP/1.1 client engine under `http.request`, `http.Agent` and `fetch`.
//!
//! An [`HttpAgent`] keeps idle keep-alive connections per `host:port` and limits the sockets in
//! use; [`ClientExchange`] is one request on it, driven by its own task:
//!
//! - the request head and body go out as JavaScript writes them (`write()` answers `false` above
//!   the high-water mark and a `'drain'` event follows), chunked unless a length was given;
//! - the response head resolves `response()`; the body is *pulled*: each `read()` resolves with the
//!   next bytes (a `Buffer`) or `null` at the end, and the socket is only read while the body
//!   queue is under the high-water mark, so a slow consumer holds the server back instead of
//!   filling memory. That pull sequence is what `fetch` bodies (and WHATWG streams) sit on.
//!
//! When both directions are complete and both sides allow it, the connection goes back to the
//! agent's pool; a pooled connection that the server closed (or that idled too long) is dropped
//! the next time the pool is looked at.

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, VecDeque},
    future::poll_fn,
    io,
    net::SocketAddr,
    rc::Rc,
    task::{Context as TaskContext, Poll, Waker},
    time::{Duration, Instant},
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    builtins::promise::ResolvingFunctions,
    class::{Class, ClassBuilder},
    job::NativeAsyncJob,
    js_string,
    object::builtins::{JsArray, JsFunction, JsPromise},
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_platform::{
    net::TcpStream,
    reactor::{self, Sleep},
};

use super::{
    coded_error,
    headers::{check_name, check_value, raw_header_array},
    wire::{self, BodyDecoder, HeadScanner, ResponseHead},
};
use crate::{
    byte_stream::{ByteStream, read_available},
    bytes::{chunk_bytes, new_buffer},
    node::outgoing::{Flushed, OutQueue},
    tls::{TlsFailure, TlsStream, js::ClientSetup},
};

/// Request bytes queued before `write()` answers `false`.
const REQUEST_HIGH_WATER: usize = 64 * 1024;
/// Response body bytes read ahead of the consumer.
const BODY_HIGH_WATER: usize = 64 * 1024;
/// Largest response head.
const MAX_RESPONSE_HEAD: usize = 256 * 1024;

/// Events given to an exchange's `onEvent(kind, …)`.
mod event {
    pub const SOCKET: u32 = 0;
    pub const DRAIN: u32 = 1;
    pub const CONTINUE: u32 = 2;
    pub const INFORMATION: u32 = 3;
    pub const TIMEOUT: u32 = 4;
}

// ------------------------------------------------------------------------------------------------
// The pool.

/// An idle connection kept for reuse.
struct Idle {
    conn: ClientConn,
    since: Instant,
}

struct ClientConn {
    stream: Box<dyn ByteStream>,
    read_blocked: bool,
    peer: Option<SocketAddr>,
    local: Option<SocketAddr>,
}

impl ClientConn {
    /// Whether a pooled connection still looks usable: nothing to read (a server that closed it
    /// shows the end of the stream; unexpected bytes are a protocol error).
    fn still_open(&mut self) -> bool {
        let mut probe = [0u8; 1];
        self.stream.forget_drained();
        matches!(self.stream.try_read(&mut probe), Ok(None))
    }
}

#[derive(Default)]
struct Pool {
    idle: Vec<Idle>,
    active: usize,
    waiting: VecDeque<Waker>,
}

struct AgentShared {
    keep_alive: Cell<bool>,
    max_sockets: Cell<usize>,
    max_free: Cell<usize>,
    free_timeout: Cell<Duration>,
    pools: RefCell<HashMap<String, Pool>>,
}

impl AgentShared {
    /// Takes a usable idle connection for `key`, counting it active.
    fn take_idle(&self, key: &str) -> Option<ClientConn> {
        let mut pools = self.pools.borrow_mut();
        let pool = pools.get_mut(key)?;
        let timeout = self.free_timeout.get();
        // Most recently used first (LIFO), as Node's agent does.
        while let Some(mut idle) = pool.idle.pop() {
            if idle.since.elapsed() < timeout && idle.conn.still_open() {
                pool.active += 1;
                return Some(idle.conn);
            }
        }
        None
    }

    /// Claims a slot for a new connection if `maxSockets` allows it; otherwise registers `waker`.
    fn claim(&self, key: &str, waker: &Waker) -> bool {
        let mut pools = self.pools.borrow_mut();
        let pool = pools.entry(key.to_owned()).or_default();
        if pool.active < self.max_sockets.get() {
            pool.active += 1;
            true
        } else {
            if !pool.waiting.iter().any(|w| w.will_wake(waker)) {
                pool.waiting.push_back(waker.clone());
            }
            false
        }
    }

    /// A connection is done with: back to the pool when `reusable`, closed otherwise.
    fn release(&self, key: &str, conn: Option<ClientConn>) {
        let mut pools = self.pools.borrow_mut();
        let Some(pool) = pools.get_mut(key) else { return };
        pool.active = pool.active.saturating_sub(1);
        let timeout = self.free_timeout.get();
        pool.idle.retain(|idle| idle.since.elapsed() < timeout);
        if let Some(conn) = conn {
            if self.keep_alive.get() && pool.idle.len() < self.max_free.get() {
                pool.idle.push(Idle { conn, since: Instant::now() });
            }
        }
        if let Some(waker) = pool.waiting.pop_front() {
            waker.wake();
        }
        if pool.idle.is_empty() && pool.active == 0 && pool.waiting.is_empty() {
            pools.remove(key);
        }
    }

    fn forget_waiter(&self, key: &str, waker: &Waker) {
        if let Some(pool) = self.pools.borrow_mut().get_mut(key) {
            pool.waiting.retain(|w| !w.will_wake(waker));
        }
    }
}

/// `new HttpAgent(keepAlive, maxSockets, maxFreeSockets, freeSocketTimeoutMs)`: the native
/// pool of an `http.Agent`.
#[derive(Trace, Finalize, JsData)]
pub struct HttpAgent {
    #[unsafe_ignore_trace]
    shared: Rc<AgentShared>,
}

impl HttpAgent {
    fn shared(this: &JsValue) -> JsResult<Rc<AgentShared>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<HttpAgent>().map(|a| a.shared.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not an HttpAgent").into())
    }

    /// `request(host, port, method, path, [name, value, …], chunked, onEvent[, tls])` → a
    /// `ClientExchange`; the connection is made (or reused) in the background. `tls` (Node's
    /// `ca`, `rejectUnauthorized`, `servername`) makes it an HTTPS request.
    fn request(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let agent = Self::shared(this)?;
        let host = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        let port = args.get_or_undefined(1).to_u32(context)?;
        let port = u16::try_from(port).map_err(|_| JsNativeError::range().with_message(format!("port out of range: {port}")))?;
        let method = args.get_or_undefined(2).to_string(context)?.to_std_string_lossy();
        let path = args.get_or_undefined(3).to_string(context)?.to_std_string_lossy();
        if method.is_empty() || !method.bytes().all(wire::is_tchar) {
            return Err(coded_error(JsNativeError::typ(), &format!("Method must be a valid HTTP token [\"{method}\"]"), "ERR_INVALID_HTTP_TOKEN", context));
        }
        if path.is_empty() || path.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(coded_error(JsNativeError::typ(), "Request path contains unescaped characters", "ERR_UNESCAPED_CHARACTERS", context));
        }
        let mut head = Vec::with_capacity(256);
        head.extend_from_slice(method.as_bytes());
        head.push(b' ');
        head.extend_from_slice(path.as_bytes());
        head.extend_from_slice(b" HTTP/1.1\r\n");
        let mut expect_continue = false;
        if let Some(list) = args.get_or_undefined(4).as_object() {
            let list = JsArray::from_object(list.clone())?;
            let length = list.length(context)?;
            let mut i = 0;
            while i + 1 < length {
                let name = list.get(i, context)?.to_string(context)?.to_std_string_lossy();
                let value = list.get(i + 1, context)?.to_string(context)?.to_std_string_lossy();
                check_name(&name, context)?;
                check_value(&name, &value, context)?;
                if name.eq_ignore_ascii_case("expect") && value.eq_ignore_ascii_case("100-continue") {
                    expect_continue = true;
                }
                let value: Vec<u8> = value.chars().map(|c| c as u32 as u8).collect();
                wire::write_field(&mut head, name.as_bytes(), &value);
                i += 2;
            }
        }
        head.extend_from_slice(b"\r\n");
        let chunked = args.get_or_undefined(5).to_boolean();
        let on_event = args.get(6).and_then(JsValue::as_object).and_then(|o| JsFunction::from_object(o.clone()));
        let tls = match args.get(7) {
            Some(options) if options.is_object() => Some(crate::tls::js::client_from_js(options, &host, context)?),
            _ => None,
        };
        let mut out = OutQueue::default();
        out.push(head);
        let core = Rc::new(RefCell::new(ClientCore {
            method,
            out,
            chunked,
            ended: false,
            want_drain: false,
            expect_continue,
            response: None,
            response_waiter: None,
            body: VecDeque::new(),
            body_len: 0,
            body_done: false,
            trailers: Vec::new(),
            read_waiter: None,
            error: None,
            aborted: false,
            finished: false,
            waker: None,
            reused: false,
            connected: false,
            timeout: None,
            on_event,
            peer: None,
            local: None,
        }));
        // TLS connections are pooled apart, by name verified and configuration.
        let key = match &tls {
            None => format!("{host}:{port}"),
            Some(setup) => format!("{host}:{port}:{}:{:p}", setup.servername, Rc::as_ptr(&setup.client)),
        };
        let task_core = core.clone();
        context.enqueue_job(
            NativeAsyncJob::new(async move |cell| {
                let mut task = ClientTask::new(task_core, agent, key, host, port, tls);
                let result = task.run(cell).await;
                task.finish(cell)?;
                result
            })
            .into(),
        );
        Ok(ClientExchange::from_data(ClientExchange { core }, context)?.into())
    }

    /// `configure(keepAlive, maxSockets, maxFreeSockets, freeSocketTimeoutMs)`.
    fn configure(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let agent = Self::shared(this)?;
        apply_options(&agent, args, context)?;
        Ok(JsValue::undefined())
    }

    /// `destroy()`: closes every idle connection.
    fn destroy(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let agent = Self::shared(this)?;
        for pool in agent.pools.borrow_mut().values_mut() {
            pool.idle.clear();
        }
        Ok(JsValue::undefined())
    }

    /// `counts()`: `{"host:port": [active, idle], …}` (for `agent.sockets`/`freeSockets`).
    fn counts(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let agent = Self::shared(this)?;
        let object = JsObject::with_object_proto(context.intrinsics());
        for (key, pool) in agent.pools.borrow().iter() {
            let pair = JsArray::from_iter([JsValue::from(pool.active as u32), JsValue::from(pool.idle.len() as u32)], context);
            object.create_data_property_or_throw(JsString::from(key.as_str()), pair, context)?;
        }
        Ok(object.into())
    }
}

fn apply_options(agent: &AgentShared, args: &[JsValue], context: &mut Context) -> JsResult<()> {
    agent.keep_alive.set(args.get_or_undefined(0).to_boolean());
    let number = |i: usize, default: f64, context: &mut Context| -> JsResult<f64> {
        match args.get(i) {
            Some(v) if !v.is_null_or_undefined() => {
                let n = v.to_number(context)?;
                Ok(if n.is_nan() || n <= 0.0 { default } else { n })
            }
            _ => Ok(default),
        }
    };
    let max_sockets = number(1, f64::INFINITY, context)?;
    agent.max_sockets.set(if max_sockets.is_finite() { max_sockets as usize } else { usize::MAX });
    agent.max_free.set(number(2, 256.0, context)?.min(1e9) as usize);
    agent.free_timeout.set(Duration::from_millis(number(3, 4000.0, context)?.min(1e12) as u64));
    Ok(())
}

impl Class for HttpAgent {
    const NAME: &'static str = "HttpAgent";
    const LENGTH: usize = 4;

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let shared = Rc::new(AgentShared {
            keep_alive: Cell::new(true),
            max_sockets: Cell::new(usize::MAX),
            max_free: Cell::new(256),
            free_timeout: Cell::new(Duration::from_secs(4)),
            pools: RefCell::new(HashMap::new()),
        });
        apply_options(&shared, args, context)?;
        Ok(Self { shared })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(js_string!("request"), 7, NativeFunction::from_fn_ptr(Self::request));
        class.method(js_string!("configure"), 4, NativeFunction::from_fn_ptr(Self::configure));
        class.method(js_string!("destroy"), 0, NativeFunction::from_fn_ptr(Self::destroy));
        class.method(js_string!("counts"), 0, NativeFunction::from_fn_ptr(Self::counts));
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------------
// One exchange.

/// What went wrong, kept until JavaScript asks (`response()` or `read()` rejects with it).
#[derive(Clone)]
enum Failure {
    Io { error: std::rc::Rc<io::Error>, syscall: &'static str, address: Option<SocketAddr> },
    Resolve { host: String, error: std::rc::Rc<io::Error> },
    Protocol(&'static str, &'static str),
    /// The TLS handshake failed (certificate, protocol, or the peer hung up).
    Tls(TlsFailure),
    /// The server closed the connection before a complete response.
    HangUp,
    Aborted,
}

struct ClientCore {
    method: String,
    out: OutQueue,
    chunked: bool,
    /// `end()` was called: the last chunk is queued.
    ended: bool,
    want_drain: bool,
    expect_continue: bool,
    response: Option<ResponseHead>,
    response_waiter: Option<ResolvingFunctions>,
    body: VecDeque<Vec<u8>>,
    body_len: usize,
    body_done: bool,
    trailers: Vec<(String, Vec<u8>)>,
    read_waiter: Option<ResolvingFunctions>,
    error: Option<Failure>,
    aborted: bool,
    /// The task is over.
    finished: bool,
    waker: Option<Waker>,
    reused: bool,
    connected: bool,
    timeout: Option<Duration>,
    on_event: Option<JsFunction>,
    peer: Option<SocketAddr>,
    local: Option<SocketAddr>,
}

impl ClientCore {
    fn wake(&self) {
        if let Some(waker) = &self.waker {
            waker.wake_by_ref();
        }
    }
}

fn failure_error(failure: &Failure, context: &mut Context) -> JsValue {
    let error = match failure {
        Failure::Io { error, syscall, address } => match TlsFailure::of_io(error) {
            // A TLS failure after the handshake (the server's alert on the first read, e.g. for
            // a client certificate it requires) keeps its TLS code.
            Some(failure) => crate::tls::js::failure_error(failure, context),
            None => {
                let host = address.map(|a| a.ip().to_string());
                crate::node::net::socket_error(error, syscall, host.as_deref(), address.map(|a| a.port()), context)
            }
        },
        Failure::Resolve { host, error } => crate::node::net::socket_error(error, "getaddrinfo", Some(host), None, context),
        Failure::Protocol(message, code) => coded_error(JsNativeError::error(), &format!("Parse Error: {message}"), code, context),
        Failure::Tls(failure) => crate::tls::js::failure_error(failure, context),
        Failure::HangUp => coded_error(JsNativeError::error(), "socket hang up", "ECONNRESET", context),
        Failure::Aborted => coded_error(JsNativeError::error(), "aborted", "ECONNRESET", context),
    };
    error.into_opaque(context).unwrap_or_default()
}

enum Stage {
    /// Waiting for a socket (pool or `maxSockets`).
    Acquire,
    Connecting,
    /// TLS handshake under way.
    Handshake,
    /// Request going out, response head awaited.
    Exchange,
    /// Response head known: body being read as it is pulled.
    Body,
    Done,
}

enum Step {
    /// Connected (new or reused): tell JavaScript (`'socket'`).
    Socket,
    Interim(ResponseHead),
    Head,
    Body,
    Drain,
    Timeout,
    Failed(Failure),
    Done,
}

struct ClientTask {
    core: Rc<RefCell<ClientCore>>,
    agent: Rc<AgentShared>,
    key: String,
    host: String,
    port: u16,
    stage: Stage,
    conn: Option<ClientConn>,
    connecting: Option<std::pin::Pin<Box<dyn std::future::Future<Output = io::Result<TcpStream>>>>>,
    connect_target: Option<SocketAddr>,
    tls: Option<ClientSetup>,
    handshaking: Option<TlsStream<TcpStream>>,
    claimed: bool,
    input: Vec<u8>,
    start: usize,
    scanner: HeadScanner,
    decoder: Option<BodyDecoder>,
    eof: bool,
    write_blocked: bool,
    reusable: bool,
    timer: Sleep,
    last_activity: Instant,
}

impl ClientTask {
    fn new(core: Rc<RefCell<ClientCore>>, agent: Rc<AgentShared>, key: String, host: String, port: u16, tls: Option<ClientSetup>) -> Self {
        let now = Instant::now();
        Self {
            core,
            agent,
            key,
            host,
            port,
            stage: Stage::Acquire,
            conn: None,
            connecting: None,
            connect_target: None,
            tls,
            handshaking: None,
            claimed: false,
            input: Vec::new(),
            start: 0,
            scanner: HeadScanner::default(),
            decoder: None,
            eof: false,
            write_blocked: false,
            reusable: false,
            timer: reactor::sleep_until(now + Duration::from_secs(3600)),
            last_activity: now,
        }
    }

    async fn run(&mut self, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
        loop {
            let step = poll_fn(|cx| self.poll_step(cx)).await;
            let context = &mut **cell.borrow_mut();
            match step {
                Step::Socket => self.emit(event::SOCKET, &[], context)?,
                Step::Interim(head) => {
                    if head.status == 100 {
                        self.emit(event::CONTINUE, &[], context)?;
                    } else {
                        let raw: JsValue = raw_header_array(&head.headers, context).into();
                        self.emit(event::INFORMATION, &[u32::from(head.status).into(), JsString::from(head.reason.as_str()).into(), raw], context)?;
                    }
                }
                Step::Head => self.settle_head(context)?,
                Step::Body => self.settle_read(context)?,
                Step::Drain => self.emit(event::DRAIN, &[], context)?,
                Step::Timeout => {
                    self.last_activity = Instant::now();
                    self.emit(event::TIMEOUT, &[], context)?;
                }
                Step::Failed(failure) => {
                    self.core.borrow_mut().error = Some(failure);
                    self.settle_head(context)?;
                    self.settle_read(context)?;
                    return Ok(JsValue::undefined());
                }
                Step::Done => return Ok(JsValue::undefined()),
            }
        }
    }

    fn emit(&self, kind: u32, rest: &[JsValue], context: &mut Context) -> JsResult<()> {
        let on_event = self.core.borrow().on_event.clone();
        if let Some(on_event) = on_event {
            let mut args = vec![kind.into()];
            args.extend_from_slice(rest);
            on_event.call(&JsValue::undefined(), &args, context)?;
        }
        Ok(())
    }

    /// Resolves (or rejects) a waiting `response()`.
    fn settle_head(&self, context: &mut Context) -> JsResult<()> {
        let (waiter, value) = {
            let mut core = self.core.borrow_mut();
            if core.response_waiter.is_none() {
                return Ok(());
            }
            if let Some(head) = &core.response {
                let head = head.clone();
                let waiter = core.response_waiter.take();
                drop(core);
                (waiter, Ok(response_value(&head, context)))
            } else if let Some(failure) = core.error.clone() {
                (core.response_waiter.take(), Err(failure))
            } else {
                return Ok(());
            }
        };
        let Some(waiter) = waiter else { return Ok(()) };
        match value {
            Ok(value) => waiter.resolve.call(&JsValue::undefined(), &[value], context)?,
            Err(failure) => {
                let error = failure_error(&failure, context);
                waiter.reject.call(&JsValue::undefined(), &[error], context)?
            }
        };
        Ok(())
    }

    /// Resolves (or rejects) a waiting `read()`.
    fn settle_read(&self, context: &mut Context) -> JsResult<()> {
        let (waiter, outcome) = {
            let mut core = self.core.borrow_mut();
            if core.read_waiter.is_none() {
                return Ok(());
            }
            if core.body_len > 0 {
                let bytes = take_body(&mut core);
                (core.read_waiter.take(), Ok(Some(bytes)))
            } else if core.body_done {
                (core.read_waiter.take(), Ok(None))
            } else if let Some(failure) = core.error.clone() {
                (core.read_waiter.take(), Err(failure))
            } else {
                return Ok(());
            }
        };
        let Some(waiter) = waiter else { return Ok(()) };
        match outcome {
            Ok(Some(bytes)) => {
                let buffer = new_buffer(&bytes, context)?;
                waiter.resolve.call(&JsValue::undefined(), &[buffer.into()], context)?;
            }
            Ok(None) => {
                waiter.resolve.call(&JsValue::undefined(), &[JsValue::null()], context)?;
            }
            Err(failure) => {
                let error = failure_error(&failure, context);
                waiter.reject.call(&JsValue::undefined(), &[error], context)?;
            }
        }
        self.core.borrow().wake();
        Ok(())
    }

    fn poll_step(&mut self, cx: &mut TaskContext<'_>) -> Poll<Step> {
        self.core.borrow_mut().waker = Some(cx.waker().clone());
        loop {
            if self.core.borrow().aborted {
                return Poll::Ready(Step::Failed(Failure::Aborted));
            }
            match self.stage {
                Stage::Acquire => {
                    if let Some(conn) = self.agent.take_idle(&self.key) {
                        self.claimed = true;
                        let mut core = self.core.borrow_mut();
                        core.reused = true;
                        core.connected = true;
                        core.peer = conn.peer;
                        core.local = conn.local;
                        self.conn = Some(conn);
                        self.stage = Stage::Exchange;
                        return Poll::Ready(Step::Socket);
                    }
                    if !self.agent.claim(&self.key, cx.waker()) {
                        return Poll::Pending;
                    }
                    self.claimed = true;
                    let addrs = match wasmedge_boa_platform::net::resolve(&self.host, self.port) {
                        Ok(addrs) if !addrs.is_empty() => addrs,
                        Ok(_) => {
                            let error = io::Error::new(io::ErrorKind::NotFound, "no address");
                            return Poll::Ready(Step::Failed(Failure::Resolve { host: self.host.clone(), error: Rc::new(error) }));
                        }
                        Err(error) => return Poll::Ready(Step::Failed(Failure::Resolve { host: self.host.clone(), error: Rc::new(error) })),
                    };
                    let addr = addrs[0];
                    self.connect_target = Some(addr);
                    self.connecting = Some(Box::pin(TcpStream::connect(addr)));
                    self.stage = Stage::Connecting;
                }
                Stage::Connecting => {
                    let Some(connecting) = self.connecting.as_mut() else {
                        self.stage = Stage::Acquire;
                        continue;
                    };
                    match connecting.as_mut().poll(cx) {
                        Poll::Pending => return self.pending_with_timer(cx),
                        Poll::Ready(Err(error)) => {
                            self.connecting = None;
                            return Poll::Ready(Step::Failed(Failure::Io { error: Rc::new(error), syscall: "connect", address: self.connect_target }));
                        }
                        Poll::Ready(Ok(stream)) => {
                            self.connecting = None;
                            if let Some(setup) = &self.tls {
                                match setup.client.connect(&setup.servername) {
                                    Ok(session) => {
                                        self.handshaking = Some(TlsStream::new(stream, session));
                                        self.stage = Stage::Handshake;
                                        continue;
                                    }
                                    Err(failure) => return Poll::Ready(Step::Failed(Failure::Tls(failure))),
                                }
                            }
                            return Poll::Ready(self.connected(Box::new(stream)));
                        }
                    }
                }
                Stage::Handshake => {
                    let Some(handshaking) = self.handshaking.as_mut() else {
                        self.stage = Stage::Acquire;
                        continue;
                    };
                    match handshaking.poll_handshake(cx) {
                        Poll::Pending => return self.pending_with_timer(cx),
                        Poll::Ready(Err(error)) => {
                            self.handshaking = None;
                            let failure = match TlsFailure::of_io(&error) {
                                Some(failure) => Failure::Tls(failure.clone()),
                                None => Failure::Io { error: Rc::new(error), syscall: "read", address: self.connect_target },
                            };
                            return Poll::Ready(Step::Failed(failure));
                        }
                        Poll::Ready(Ok(())) => {
                            let Some(stream) = self.handshaking.take() else { continue };
                            return Poll::Ready(self.connected(Box::new(stream)));
                        }
                    }
                }
                Stage::Exchange | Stage::Body => {
                    if let Some(step) = self.poll_io(cx) {
                        return Poll::Ready(step);
                    }
                    return self.pending_with_timer(cx);
                }
                Stage::Done => return Poll::Ready(Step::Done),
            }
        }
    }

    /// A new connection is ready (TCP, or TLS after its handshake): the exchange starts.
    fn connected(&mut self, stream: Box<dyn ByteStream>) -> Step {
        let peer = stream.peer_addr().ok();
        let local = stream.local_addr().ok();
        {
            let mut core = self.core.borrow_mut();
            core.connected = true;
            core.peer = peer;
            core.local = local;
        }
        self.conn = Some(ClientConn { stream, read_blocked: false, peer, local });
        self.stage = Stage::Exchange;
        self.last_activity = Instant::now();
        Step::Socket
    }

    fn pending_with_timer(&mut self, cx: &mut TaskContext<'_>) -> Poll<Step> {
        let timeout = self.core.borrow().timeout;
        if let Some(timeout) = timeout {
            self.timer.reset(self.last_activity + timeout);
            if self.timer.poll_at(cx, Instant::now()).is_ready() {
                return Poll::Ready(Step::Timeout);
            }
        }
        Poll::Pending
    }

    /// Writes, reads and parses what can be done now.
    fn poll_io(&mut self, cx: &mut TaskContext<'_>) -> Option<Step> {
        loop {
            let Some(conn) = self.conn.as_mut() else { return Some(Step::Failed(Failure::HangUp)) };
            // Write.
            {
                let mut core = self.core.borrow_mut();
                let hold_body = core.expect_continue && core.response.is_none();
                if !core.out.is_empty() && !hold_body {
                    if self.write_blocked && conn.stream.poll_write_ready(cx).is_ready() {
                        self.write_blocked = false;
                    }
                    if !self.write_blocked {
                        match core.out.flush(conn.stream.as_mut()) {
                            Ok(Flushed::All) => self.last_activity = Instant::now(),
                            Ok(Flushed::Blocked) => {
                                self.last_activity = Instant::now();
                                self.write_blocked = true;
                                if conn.stream.poll_write_ready(cx).is_ready() {
                                    self.write_blocked = false;
                                    continue;
                                }
                            }
                            Err(error) => {
                                // The server may have answered and closed early: read what it sent.
                                if core.response.is_none() && !self.eof {
                                    core.out.clear();
                                    core.ended = true;
                                    self.reusable = false;
                                } else {
                                    return Some(Step::Failed(Failure::Io { error: Rc::new(error), syscall: "write", address: None }));
                                }
                            }
                        }
                    }
                }
                if core.want_drain && core.out.len() < REQUEST_HIGH_WATER / 2 {
                    core.want_drain = false;
                    return Some(Step::Drain);
                }
            }
            // Parse what we have.
            if let Some(step) = self.advance() {
                return Some(step);
            }
            if matches!(self.stage, Stage::Done) {
                return Some(Step::Done);
            }
            // Read when useful.
            let wants = !self.eof && {
                let core = self.core.borrow();
                match self.stage {
                    Stage::Body => core.body_len < BODY_HIGH_WATER,
                    _ => true,
                }
            };
            if !wants {
                return None;
            }
            let conn = self.conn.as_mut()?;
            if conn.read_blocked {
                if conn.stream.poll_read_ready(cx).is_pending() {
                    return None;
                }
                conn.read_blocked = false;
            }
            if self.start > 0 && self.start == self.input.len() {
                self.input.clear();
                self.start = 0;
            }
            let limit = if matches!(self.stage, Stage::Body) { BODY_HIGH_WATER } else { MAX_RESPONSE_HEAD };
            match read_available(conn.stream.as_mut(), &mut self.input, limit) {
                Ok(outcome) => {
                    if outcome.bytes > 0 {
                        self.last_activity = Instant::now();
                    }
                    if outcome.eof {
                        self.eof = true;
                    }
                    if outcome.blocked {
                        conn.read_blocked = true;
                    }
                    if outcome.bytes == 0 && !outcome.eof {
                        if conn.stream.poll_read_ready(cx).is_pending() {
                            return None;
                        }
                        conn.read_blocked = false;
                    }
                }
                Err(error) => {
                    return Some(Step::Failed(Failure::Io { error: Rc::new(error), syscall: "read", address: None }));
                }
            }
        }
    }

    fn advance(&mut self) -> Option<Step> {
        match self.stage {
            Stage::Exchange => {
                let available = &self.input[self.start..];
                match self.scanner.scan(available, MAX_RESPONSE_HEAD, false) {
                    Err(_) => return Some(Step::Failed(Failure::Protocol("response head too large", "HPE_HEADER_OVERFLOW"))),
                    Ok(None) => {
                        if self.eof {
                            return Some(Step::Failed(Failure::HangUp));
                        }
                        return None;
                    }
                    Ok(Some(len)) => {
                        let head = match wire::parse_response_head(&available[..len]) {
                            Ok(head) => head,
                            Err(error) => return Some(Step::Failed(Failure::Protocol(error.reason, error.code))),
                        };
                        self.start += len;
                        if (100..200).contains(&head.status) && head.status != 101 {
                            if head.status == 100 {
                                self.core.borrow_mut().expect_continue = false;
                                self.core.borrow().wake();
                            }
                            return Some(Step::Interim(head));
                        }
                        let method = self.core.borrow().method.clone();
                        let framing = match head.framing(&method) {
                            Ok(framing) => framing,
                            Err(error) => return Some(Step::Failed(Failure::Protocol(error.reason, error.code))),
                        };
                        self.reusable = head.keep_alive && framing != wire::Framing::UntilClose && head.status != 101;
                        self.decoder = Some(BodyDecoder::new(framing, false, MAX_RESPONSE_HEAD));
                        let mut core = self.core.borrow_mut();
                        core.expect_continue = false;
                        core.response = Some(head);
                        self.stage = Stage::Body;
                        drop(core);
                        // Decode what came with the head before reporting it.
                        let _ = self.decode_body();
                        return Some(Step::Head);
                    }
                }
            }
            Stage::Body => {
                if let Some(failure) = self.decode_body() {
                    return Some(Step::Failed(failure));
                }
                let core = self.core.borrow();
                if core.read_waiter.is_some() && (core.body_len > 0 || core.body_done) {
                    return Some(Step::Body);
                }
                if core.body_done && core.ended && core.out.is_empty() {
                    drop(core);
                    self.stage = Stage::Done;
                }
                None
            }
            _ => None,
        }
    }

    /// Moves response body bytes from the input to the body queue; a failure if it breaks.
    fn decode_body(&mut self) -> Option<Failure> {
        let decoder = self.decoder.as_mut()?;
        let mut core = self.core.borrow_mut();
        if core.body_done {
            return None;
        }
        let available = &self.input[self.start..];
        if !available.is_empty() && core.body_len < BODY_HIGH_WATER {
            let mut data = Vec::new();
            match decoder.decode(available, Some(&mut data)) {
                Ok(decoded) => {
                    self.start += decoded.used;
                    if !data.is_empty() {
                        core.body_len += data.len();
                        core.body.push_back(data);
                    }
                    if decoded.done {
                        core.body_done = true;
                        core.trailers = decoder.trailers();
                    }
                }
                Err(error) => return Some(Failure::Protocol(error.reason, error.code)),
            }
        }
        if !core.body_done && self.eof && self.start == self.input.len() {
            if decoder.until_close() {
                core.body_done = true;
            } else {
                return Some(Failure::HangUp);
            }
        }
        if core.body_done && self.start < self.input.len() {
            // Bytes after the response: the connection cannot be trusted for another request.
            self.reusable = false;
        }
        None
    }

    /// The task is over: the connection goes back to the pool or is closed.
    fn finish(&mut self, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let conn = self.conn.take();
        let reusable = {
            let core = self.core.borrow();
            self.reusable && core.error.is_none() && core.body_done && core.ended && core.out.is_empty() && !self.eof
        };
        if self.claimed {
            self.agent.release(&self.key, if reusable { conn } else { None });
        } else if let Some(waker) = self.core.borrow().waker.as_ref() {
            self.agent.forget_waiter(&self.key, waker);
        }
        let context = &mut **cell.borrow_mut();
        {
            let mut core = self.core.borrow_mut();
            core.finished = true;
            if core.error.is_none() && !core.body_done {
                core.error = Some(Failure::Aborted);
            }
            core.waker = None;
        }
        self.settle_head(context)?;
        self.settle_read(context)?;
        self.core.borrow_mut().on_event = None;
        Ok(())
    }
}

fn take_body(core: &mut ClientCore) -> Vec<u8> {
    core.body_len = 0;
    if core.body.len() == 1 {
        return core.body.pop_front().unwrap_or_default();
    }
    let mut all = Vec::new();
    for piece in core.body.drain(..) {
        all.extend_from_slice(&piece);
    }
    all
}

/// `[statusCode, statusMessage, minorVersion, rawHeaders]`.
fn response_value(head: &ResponseHead, context: &mut Context) -> JsValue {
    let raw: JsValue = raw_header_array(&head.headers, context).into();
    let values = [u32::from(head.status).into(), JsString::from(head.reason.as_str()).into(), u32::from(head.minor).into(), raw];
    JsArray::from_iter(values, context).into()
}

// ------------------------------------------------------------------------------------------------
// The JavaScript handle.

/// One client request (from `HttpAgent.request`).
#[derive(Trace, Finalize, JsData)]
pub struct ClientExchange {
    #[unsafe_ignore_trace]
    core: Rc<RefCell<ClientCore>>,
}

impl ClientExchange {
    fn core(this: &JsValue) -> JsResult<Rc<RefCell<ClientCore>>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<ClientExchange>().map(|e| e.core.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not a ClientExchange").into())
    }

    fn queue(this: &JsValue, args: &[JsValue], end: bool, context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let chunk = args.get_or_undefined(0);
        let data = if chunk.is_null_or_undefined() {
            Vec::new()
        } else {
            chunk_bytes(chunk, context)?.ok_or_else(|| {
                JsNativeError::typ().with_message("The \"chunk\" argument must be of type string or an instance of Buffer or Uint8Array")
            })?
        };
        let mut state = core.borrow_mut();
        if state.ended || state.finished {
            return Ok(false.into());
        }
        if state.chunked {
            if !data.is_empty() {
                let mut line = Vec::new();
                wire::chunk_size_line(&mut line, data.len());
                state.out.push(line);
                state.out.push(data);
                state.out.push_slice(b"\r\n");
            }
            if end {
                state.out.push_slice(b"0\r\n\r\n");
            }
        } else {
            state.out.push(data);
        }
        if end {
            state.ended = true;
        }
        let ok = state.out.len() < REQUEST_HIGH_WATER;
        if !ok {
            state.want_drain = true;
        }
        state.wake();
        Ok(ok.into())
    }

    fn write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::queue(this, args, false, context)
    }

    fn end(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::queue(this, args, true, context)
    }

    /// `response()` → `[statusCode, statusMessage, minor, rawHeaders]` once the head arrives.
    fn response(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let mut state = core.borrow_mut();
        if let Some(head) = state.response.clone() {
            drop(state);
            let value = response_value(&head, context);
            return Ok(JsPromise::resolve(value, context)?.into());
        }
        if let Some(failure) = state.error.clone() {
            drop(state);
            let error = failure_error(&failure, context);
            return Ok(JsPromise::reject(boa_engine::JsError::from_opaque(error), context)?.into());
        }
        let (promise, resolvers) = JsPromise::new_pending(context);
        state.response_waiter = Some(resolvers);
        Ok(promise.into())
    }

    /// `read()` → the next body bytes (a Buffer), or `null` at the end of the body.
    fn read(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let mut state = core.borrow_mut();
        if state.body_len > 0 {
            let bytes = take_body(&mut state);
            state.wake();
            drop(state);
            let buffer = new_buffer(&bytes, context)?;
            return Ok(JsPromise::resolve(buffer, context)?.into());
        }
        if state.body_done {
            return Ok(JsPromise::resolve(JsValue::null(), context)?.into());
        }
        if let Some(failure) = state.error.clone() {
            drop(state);
            let error = failure_error(&failure, context);
            return Ok(JsPromise::reject(boa_engine::JsError::from_opaque(error), context)?.into());
        }
        let (promise, resolvers) = JsPromise::new_pending(context);
        state.read_waiter = Some(resolvers);
        state.wake();
        Ok(promise.into())
    }

    fn trailers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let trailers = core.borrow().trailers.clone();
        Ok(raw_header_array(&trailers, context).into())
    }

    /// `abort()`: closes the connection; pending and later `response()`/`read()` reject.
    fn abort(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let mut state = core.borrow_mut();
        if !state.finished {
            state.aborted = true;
            state.wake();
        }
        Ok(JsValue::undefined())
    }

    /// `setTimeout(ms)`: inactivity timeout (0 disables); `onEvent(TIMEOUT)` when it passes.
    fn set_timeout(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let ms = args.get_or_undefined(0).to_number(context)?;
        let mut state = core.borrow_mut();
        state.timeout = (ms.is_finite() && ms > 0.0).then(|| Duration::from_millis(ms as u64));
        state.wake();
        Ok(JsValue::undefined())
    }

    /// `info()`: `[remoteAddress, remotePort, localAddress, localPort, reused]`.
    fn info(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::core(this)?;
        let state = core.borrow();
        let ip = |a: Option<SocketAddr>| JsValue::from(JsString::from(a.map(|a| a.ip().to_string()).unwrap_or_default().as_str()));
        let port = |a: Option<SocketAddr>| JsValue::from(a.map(|a| a.port()).unwrap_or(0));
        let values = [ip(state.peer), port(state.peer), ip(state.local), port(state.local), state.reused.into()];
        Ok(JsArray::from_iter(values, context).into())
    }
}

impl Class for ClientExchange {
    const NAME: &'static str = "ClientExchange";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("ClientExchange objects are made by HttpAgent.request()").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        type F = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
        let methods: [(&str, usize, F); 8] = [
            ("write", 1, Self::write),
            ("end", 1, Self::end),
            ("response", 0, Self::response),
            ("read", 0, Self::read),
            ("trailers", 0, Self::trailers),
            ("abort", 0, Self::abort),
            ("setTimeout", 1, Self::set_timeout),
            ("info", 0, Self::info),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
        }
        Ok(())
    }
}
