//! `wasmedge-test-host`: runs a wasm32-wasip1 command the way WasmEdge 0.17 does, including
//! WasmEdge's socket extension, so CI can test the wasm build without WasmEdge itself.
//! See docs/test-host.md for the CLI and every known difference from WasmEdge.

mod cache;
mod cli;
mod errno;
mod host;
mod log;
mod memory;
mod poll;
mod sockets;

use wasmtime::{Config, Engine, Linker, Store, Trap};
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

use host::{HostState, HostTrap};

/// WasmEdge exits with 128 + SIGABRT when execution fails.
const TRAP_EXIT: i32 = 134;
/// WasmEdge exits with 1 when loading, validation or instantiation fails.
const LOAD_EXIT: i32 = 1;

fn main() {
    // WasmEdge does not ignore SIGPIPE (Rust does by default): fd_write to a reset socket
    // or a closed stdout pipe kills the process with signal 13, as under WasmEdge.
    // SAFETY: resetting a signal disposition before any threads start.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    std::process::exit(run());
}

fn run() -> i32 {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let options = match cli::parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("wasmedge-test-host: {message}\n{}", cli::USAGE);
            return LOAD_EXIT;
        }
    };

    let wasm = match std::fs::read(&options.wasm_file) {
        Ok(bytes) => bytes,
        Err(e) => {
            log::error(&format!("loading failed: {e}, path: {}", options.wasm_file));
            return LOAD_EXIT;
        }
    };

    let mut config = Config::new();
    // Boa recurses deeply; give wasm code room before wasmtime reports stack exhaustion.
    // (async_stack_size must not be smaller; the async feature comes with wasmtime-wasi.)
    config.max_wasm_stack(4 << 20).async_stack_size(5 << 20);
    let engine = match Engine::new(&config) {
        Ok(engine) => engine,
        Err(e) => {
            log::error(&format!("engine setup failed: {e:#}"));
            return LOAD_EXIT;
        }
    };
    let module = match cache::load_module(&engine, &wasm) {
        Ok(module) => module,
        Err(e) => {
            log::error(&format!(
                "loading failed: {e:#}, path: {}",
                options.wasm_file
            ));
            return LOAD_EXIT;
        }
    };

    let mut wasi = WasiCtxBuilder::new();
    // Only --env variables are visible: WasmEdge does not forward the host environment.
    wasi.inherit_stdio()
        .allow_blocking_current_thread(true)
        .args(&options.guest_args);
    for (name, value) in &options.env {
        wasi.env(name, value);
    }
    for dir in &options.preopens {
        let perms = if dir.readonly {
            FsPerms::ReadOnly
        } else {
            FsPerms::ReadWrite
        };
        if let Err(e) = wasi.preopened_dir(&dir.host, &dir.guest, perms) {
            // WasmEdge logs this and carries on without the directory.
            log::error(&format!(
                "Bind guest directory failed:{e}, guest:{} host:{}",
                dir.guest, dir.host
            ));
        }
    }

    let mut store = Store::new(&engine, HostState::new(wasi.build_p1()));
    let mut linker = Linker::new(&engine);
    if let Err(e) = host::install(&mut linker, &module) {
        log::error(&format!("host setup failed: {e:#}"));
        return LOAD_EXIT;
    }
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        Err(e) => {
            log::error(&format!("instantiation failed: {e:#}"));
            return LOAD_EXIT;
        }
    };
    let start = match instance.get_typed_func::<(), ()>(&mut store, "_start") {
        Ok(start) => start,
        Err(e) => {
            log::error(&format!("wasm function not found: _start ({e:#})"));
            return LOAD_EXIT;
        }
    };
    match start.call(&mut store, ()) {
        Ok(()) => 0,
        Err(e) => {
            if let Some(exit) = e.downcast_ref::<I32Exit>() {
                return exit.0 & 0xff;
            }
            report_failure(&e);
            TRAP_EXIT
        }
    }
}

/// Prints WasmEdge-style `[error]` lines (on stdout, as WasmEdge does) for a failed run.
fn report_failure(e: &wasmtime::Error) {
    let (message, code) = if let Some(trap) = e.downcast_ref::<HostTrap>() {
        (trap.message.to_string(), Some(trap.code))
    } else if let Some(trap) = e.downcast_ref::<Trap>() {
        match trap {
            Trap::UnreachableCodeReached => ("unreachable".to_string(), Some(0x40a)),
            Trap::MemoryOutOfBounds => ("out of bounds memory access".to_string(), None),
            Trap::IntegerDivisionByZero => ("integer divide by zero".to_string(), None),
            Trap::IntegerOverflow => ("integer overflow".to_string(), None),
            Trap::BadConversionToInteger => ("invalid conversion to integer".to_string(), None),
            Trap::StackOverflow => ("call stack exhausted".to_string(), None),
            Trap::IndirectCallToNull => ("uninitialized element".to_string(), None),
            Trap::BadSignature => ("indirect call type mismatch".to_string(), None),
            Trap::TableOutOfBounds => ("undefined element".to_string(), None),
            other => (other.to_string(), None),
        }
    } else {
        (format!("{e:#}"), None)
    };
    match code {
        Some(code) => log::error(&format!("execution failed: {message}, Code: 0x{code:x}")),
        None => log::error(&format!("execution failed: {message}")),
    }
    // Stands in for WasmEdge's `calling stack:` line (innermost frames first).
    if let Some(backtrace) = e.downcast_ref::<wasmtime::WasmBacktrace>() {
        let frames: Vec<String> = backtrace
            .frames()
            .iter()
            .take(12)
            .map(|frame| match frame.func_name() {
                Some(name) => name.to_string(),
                None => format!("func[{}]", frame.func_index()),
            })
            .collect();
        log::error(&format!("calling stack: {}", frames.join(", ")));
    }
    log::error("    When executing function name: \"_start\"");
}
