//! How much native stack the engine has used, so that code which recurses through Boa's native
//! code (eval inside eval, our built-ins calling back into JavaScript) can stop with a catchable
//! `RangeError` before the stack runs out: natively an overflow kills the process, under
//! WebAssembly it traps.
//!
//! The measure is the distance between the address of a local variable now and at the start of
//! the thread ([`mark_base`]). Natively that is the machine stack; under WebAssembly it is the
//! shadow stack in linear memory (locals whose address is taken live there), whose use grows with
//! the engine's own stack of wasm frames.

use std::cell::Cell;

use boa_engine::JsResult;

thread_local! {
    static BASE: Cell<usize> = const { Cell::new(0) };
}

/// Stack that [`check`] lets the engine use. The wasm build links an 8 MiB stack and runs under
/// engines whose own stacks for wasm code are about as large (the test host gives 4 MiB); the
/// native build runs JavaScript on a thread with a larger stack (see `src/main.rs`).
pub const BUDGET: usize = 2 << 20;

#[inline(never)]
fn here() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Records the current stack depth as the start; call it near the top of the thread that runs
/// JavaScript, before any script runs.
pub fn mark_base() {
    BASE.with(|base| base.set(here()));
}

/// Bytes of stack used since [`mark_base`] (0 if it was never called).
pub fn used() -> usize {
    let base = BASE.with(Cell::get);
    if base == 0 { 0 } else { base.saturating_sub(here()) }
}

/// A `RangeError` ("Maximum call stack size exceeded") once more than [`BUDGET`] is used.
pub fn check() -> JsResult<()> {
    if used() > BUDGET { Err(super::stack_overflow_error()) } else { Ok(()) }
}
