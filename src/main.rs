//! The `wasmedge_boa` command line:
//!
//! ```text
//! wasmedge_boa [options] script.js [args…]
//! wasmedge --dir .:. wasmedge_boa.wasm script.js [args…]
//! ```
//!
//! Options are read only before the script path: everything after it goes to the script
//! untouched (`args` is `[script, ...rest]`).

use wasmedge_boa::runtime::{Config, Runtime};

const USAGE: &str = "\
usage: wasmedge_boa [options] <script.js> [args...]
       wasmedge_boa bundle <app.js> [-o app.wasm]   (native CLI: see `wasmedge_boa bundle --help`)
       wasmedge_boa image <app.js> [-o app.oci.tar] (native CLI: see `wasmedge_boa image --help`)

Runs <script.js> as an ES module. Everything after the script path is passed to the script
in the global `args` (args[0] is the script path).

options:
  -h, --help       print this help and exit
  -V, --version    print the version and exit

environment:
  QJS_LIB          directory of modules that override the built-in library (default ./modules)

under WasmEdge, give the script's directory with --dir, e.g.
  wasmedge --dir .:. wasmedge_boa.wasm app.js";

fn main() {
    let code = run();
    // Leave without running thread-local destructors: tearing down the JS heap at exit only
    // costs time, and the OS closes every socket and file anyway.
    wasmedge_boa_platform::process::exit(code)
}

/// Wizer's init function for `wasmedge_boa bundle` (docs/bundle.md); exported from the .wasm.
#[unsafe(export_name = "wizer-initialize")]
pub extern "C" fn wizer_initialize() {
    wasmedge_boa::bundle::initialize();
}

fn run() -> i32 {
    // A pre-initialized bundle runs its app; the command line is all the app's.
    if let Some(code) = wasmedge_boa::bundle::run_if_bundled() {
        return code;
    }
    let all: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = wasmedge_boa::bundle::command(&all) {
        return code;
    }
    if let Some(code) = wasmedge_boa::image::command(&all) {
        return code;
    }
    let mut argv = all.into_iter();
    // Options come only before the script path; everything after it belongs to the script.
    let script = match argv.next().as_deref() {
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return 0;
        }
        Some("-V" | "--version") => {
            println!("wasmedge_boa {} (boa_engine 0.22.0, {})", env!("CARGO_PKG_VERSION"), wasmedge_boa_platform::TARGET);
            return 0;
        }
        Some("--") => match argv.next() {
            Some(script) => script,
            None => return usage_error("missing script path"),
        },
        Some(option) if option.starts_with('-') && option.len() > 1 => {
            return usage_error(&format!("unknown option '{option}'"));
        }
        Some(script) => script.to_string(),
        None => return usage_error("missing script path"),
    };
    let mut args = vec![script.clone()];
    args.extend(argv);

    let mut runtime = match Runtime::new(Config::from_env()) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("wasmedge_boa: cannot start the runtime: {error}");
            return 1;
        }
    };
    if let Err(error) = runtime.set_args(&args) {
        eprintln!("wasmedge_boa: {error}");
        return 1;
    }
    let result = runtime.run_main(&script);
    // Flush what the script printed before reporting.
    use std::io::Write;
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => 0,
        Err(failure) => {
            eprintln!("{}", failure.message);
            1
        }
    }
}

fn usage_error(message: &str) -> i32 {
    eprintln!("wasmedge_boa: {message}\n\n{USAGE}");
    2
}
