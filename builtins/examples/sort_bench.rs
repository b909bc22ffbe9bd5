//! Our `Array.prototype.sort` & co. (`wasmedge_boa_builtins::engine`) against Boa 0.22's own, on
//! consistent comparators (Boa's panics on inconsistent ones), in one process:
//!
//! ```text
//! cargo run --release -p wasmedge_boa_builtins --example sort_bench            # every workload
//! cargo run --release -p wasmedge_boa_builtins --example sort_bench -- boa numbers-fn   # one run
//! ```
//!
//! Without arguments, each workload runs in turn on a plain Boa context and on one with our
//! replacements installed (A B A B …, 7 pairs after a warm-up), and the medians and their ratio
//! are printed. With `boa|ours WORKLOAD`, one workload runs once (for an outside timer or
//! `valgrind --tool=callgrind`; `none` does everything but the sort, to subtract). Only the sort
//! call is timed, not the set-up of its input.

use std::time::{Duration, Instant};

use boa_engine::{Context, Source};

/// (name, set-up script defining `input()` that returns a fresh array, the sort expression on `a`)
const WORKLOADS: &[(&str, &str, &str)] = &[
    ("numbers-fn", "NUMBERS", "a.sort((x, y) => x - y)"),
    ("numbers-default", "NUMBERS", "a.sort()"),
    ("strings-default", "STRINGS", "a.sort()"),
    ("objects-by-key", "OBJECTS", "a.sort((x, y) => x.k < y.k ? -1 : x.k > y.k ? 1 : 0)"),
    ("sorted-fn", "SORTED", "a.sort((x, y) => x - y)"),
    ("reversed-fn", "REVERSED", "a.sort((x, y) => x - y)"),
    ("toSorted-fn", "NUMBERS", "a.toSorted((x, y) => x - y)"),
    ("float64-default", "FLOAT64", "a.sort()"),
    ("int32-fn", "INT32", "a.sort((x, y) => y - x)"),
];

const PRELUDE: &str = r"
let seed = 12345;
function random() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
const N = 50000;
const NUMBERS = Array.from({ length: N }, () => Math.floor(random() * 1e6));
const STRINGS = Array.from({ length: N }, () => 'k' + Math.floor(random() * 1e9).toString(36));
const OBJECTS = Array.from({ length: N }, () => ({ k: Math.floor(random() * 1e6) }));
const SORTED = Array.from({ length: N }, (_, i) => i);
const REVERSED = Array.from({ length: N }, (_, i) => N - i);
const FLOAT64 = Float64Array.from(NUMBERS, x => x / 7);
const INT32 = Int32Array.from(NUMBERS);
";

fn context(ours: bool) -> Context {
    let mut context = Context::default();
    if ours {
        wasmedge_boa_builtins::engine::install(&mut context).expect("install");
    }
    context.eval(Source::from_bytes(PRELUDE)).expect("prelude");
    context
}

/// Times one sort of a fresh copy of `input`.
fn time(context: &mut Context, input: &str, sort: &str) -> Duration {
    let copy = format!("var a = {input}.slice();");
    context.eval(Source::from_bytes(copy.as_bytes())).expect("copy");
    let start = Instant::now();
    context.eval(Source::from_bytes(sort)).expect("sort");
    start.elapsed()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "count") {
        // How many times each sort calls the comparator.
        for (name, input, sort) in WORKLOADS.iter().filter(|(_, _, sort)| sort.contains("=>")) {
            let counting = sort.replacen("(x, y) =>", "(x, y) => (calls++, 0) ||", 1);
            let script = format!("var calls = 0; var a = {input}.slice(); {counting}; calls");
            let mut calls = Vec::new();
            for ours in [false, true] {
                calls.push(context(ours).eval(Source::from_bytes(script.as_bytes())).expect("count").display().to_string());
            }
            println!("{name}: Boa {} calls, ours {} calls", calls[0], calls[1]);
        }
        return;
    }
    if let [engine, name] = args.as_slice() {
        // `none` runs everything but the sort: subtract its instruction count from the others'.
        let (_, input, sort) = match name.as_str() {
            "none" => &("none", "NUMBERS", "0"),
            name => WORKLOADS.iter().find(|(n, _, _)| *n == name).expect("unknown workload"),
        };
        let mut context = context(engine == "ours");
        println!("{name} {engine}: {:?}", time(&mut context, input, sort));
        return;
    }
    let (mut boa, mut ours) = (context(false), context(true));
    println!("| workload (50,000 elements) | Boa 0.22 | ours | ours ÷ Boa |\n|---|---:|---:|---:|");
    for (name, input, sort) in WORKLOADS {
        time(&mut boa, input, sort);
        time(&mut ours, input, sort);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..7 {
            a.push(time(&mut boa, input, sort));
            b.push(time(&mut ours, input, sort));
        }
        let (a, b) = (median(a), median(b));
        println!("| {name} | {:.2} ms | {:.2} ms | {:.2}× |", a.as_secs_f64() * 1e3, b.as_secs_f64() * 1e3, b.as_secs_f64() / a.as_secs_f64());
    }
}
