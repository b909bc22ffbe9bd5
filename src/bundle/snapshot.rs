//! Pre-initialization: runs the runtime .wasm's `wizer-initialize` export under wasmtime with the
//! bundle on stdin, then has Wizer write the initialized memory and globals into a new .wasm.
//!
//! The init run sees no arguments, no environment variables and no preopened directories, so
//! nothing of the machine that bundles leaks into the snapshot. WasmEdge's own imports (`sock_*`
//! and the like) are linked as functions that trap: initialization must never reach them.

use std::{
    future::Future,
    pin::pin,
    task::{Context, Poll, Waker},
};

use wasmtime::{Engine, ExternType, Instance, Linker, Module, Store, Val};
use wasmtime_wasi::{WasiCtxBuilder, p1::WasiP1Ctx, p2::pipe::MemoryInputPipe};
use wasmtime_wizer::{InstanceState, SnapshotVal, ValType, Wizer};

/// The export `main.rs` gives Wizer to run.
pub const INIT_FUNCTION: &str = "wizer-initialize";

/// Returns the pre-initialized .wasm: `runtime_wasm` with `bundle` prepared inside it.
pub fn preinitialize(runtime_wasm: &[u8], bundle: &[u8]) -> Result<Vec<u8>, String> {
    let mut wizer = Wizer::new();
    wizer.init_func(INIT_FUNCTION);
    let (module_context, instrumented) =
        wizer.instrument(runtime_wasm).map_err(|e| format!("the runtime .wasm cannot be pre-initialized: {e:#}"))?;

    // The init code runs once, for milliseconds: compile it fast rather than well.
    let mut config = wasmtime::Config::new();
    config.cranelift_opt_level(wasmtime::OptLevel::None);
    let engine = Engine::new(&config).map_err(|e| e.to_string())?;
    let module = Module::new(&engine, &instrumented).map_err(|e| format!("cannot compile the runtime .wasm: {e:#}"))?;
    if module.get_export(INIT_FUNCTION).is_none() {
        return Err(format!(
            "the runtime .wasm has no '{INIT_FUNCTION}' export: it is not a wasmedge_boa.wasm that can be bundled (an older build?)"
        ));
    }
    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |wasi| wasi).map_err(|e| e.to_string())?;
    // WasmEdge's socket functions share preview 1's module name but not all of wasmtime-wasi's
    // signatures (`sock_accept`): replace every one the runtime imports with a trap.
    linker.allow_shadowing(true);
    for import in module.imports() {
        if let (true, ExternType::Func(ty)) = (import.name().starts_with("sock_"), import.ty()) {
            let name = import.name().to_string();
            linker
                .func_new(import.module(), import.name(), ty, move |_, _, _| {
                    Err(wasmtime::Error::msg(format!("{name} was called during pre-initialization")))
                })
                .map_err(|e| e.to_string())?;
        }
    }
    linker.define_unknown_imports_as_traps(&module).map_err(|e| e.to_string())?;

    let wasi = WasiCtxBuilder::new().stdin(MemoryInputPipe::new(bundle.to_vec())).inherit_stderr().build_p1();
    let mut store = Store::new(&engine, wasi);
    let instance =
        linker.instantiate(&mut store, &module).map_err(|e| format!("cannot instantiate the runtime .wasm: {e:#}"))?;
    let init = instance.get_typed_func::<(), ()>(&mut store, INIT_FUNCTION).map_err(|e| e.to_string())?;
    if let Err(error) = init.call(&mut store, ()) {
        return Err(match error.downcast_ref::<wasmtime_wasi::I32Exit>() {
            // The guest printed why on stderr.
            Some(exit) => format!("pre-initialization failed (status {})", exit.0),
            None => format!("pre-initialization trapped: {error:#}"),
        });
    }
    block_on(wizer.snapshot(&module_context, &mut Snapshot { store: &mut store, instance }))
        .map_err(|e| format!("cannot snapshot the initialized runtime: {e:#}"))
}

/// The initialized instance, as Wizer reads it.
struct Snapshot<'a> {
    store: &'a mut Store<WasiP1Ctx>,
    instance: Instance,
}

impl InstanceState for Snapshot<'_> {
    async fn global_get(&mut self, name: &str, _: ValType) -> SnapshotVal {
        // Wizer asks only for globals its instrumentation exported; a miss is a Wizer bug.
        let global = self.instance.get_global(&mut *self.store, name).expect("Wizer exported this global");
        match global.get(&mut *self.store) {
            Val::I32(x) => SnapshotVal::I32(x),
            Val::I64(x) => SnapshotVal::I64(x),
            Val::F32(x) => SnapshotVal::F32(x),
            Val::F64(x) => SnapshotVal::F64(x),
            Val::V128(x) => SnapshotVal::V128(x.as_u128()),
            other => panic!("Wizer cannot snapshot a global of type {:?}", other.ty(&*self.store)),
        }
    }

    async fn memory_contents(&mut self, name: &str, contents: impl FnOnce(&[u8]) + Send) {
        let memory = self.instance.get_memory(&mut *self.store, name).expect("Wizer exported this memory");
        contents(memory.data(&*self.store))
    }
}

/// Drives a future that never waits (Wizer's snapshot is `async` only to allow async stores).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
