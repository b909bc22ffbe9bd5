//! `wasmedge_boa bundle app.js [-o app.wasm] [--runtime wasmedge_boa.wasm] [--include spec]…`

use std::path::{Path, PathBuf};

use super::{collect::collect, snapshot::preinitialize};

pub const USAGE: &str = "\
usage: wasmedge_boa bundle <app.js> [options]

Bundles <app.js> and every module it imports into one pre-initialized .wasm that runs with
  wasmedge app.wasm [args...]
(no --dir needed, except for files the app itself opens). Run it from the directory you run the
app from: module names, and so file:line in errors, are paths relative to it.

options:
  -o, --output FILE      the .wasm to write (default: <app>.wasm in the current directory)
  --runtime FILE         the wasmedge_boa.wasm to build on (default: $WASMEDGE_BOA_RUNTIME, else
                         wasmedge_boa.wasm next to this program, else the build tree's
                         target/wasm32-wasip1/release/wasmedge_boa.wasm)
  --include SPECIFIER    also bundle what import(SPECIFIER) from <app.js> loads (repeatable); literal
                         import('...') calls are found without it
  -h, --help             print this help and exit

environment:
  QJS_LIB                directory of modules for bare names (default ./modules), as when running";

#[derive(Debug)]
struct Options {
    main: String,
    output: Option<PathBuf>,
    runtime: Option<PathBuf>,
    includes: Vec<String>,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut main = None;
    let mut output = None;
    let mut runtime = None;
    let mut includes = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-o" | "--output" => output = Some(PathBuf::from(value(arg)?)),
            "--runtime" => runtime = Some(PathBuf::from(value(arg)?)),
            "--include" => includes.push(value(arg)?),
            option if option.starts_with('-') && option.len() > 1 => return Err(format!("unknown option '{option}'")),
            path if main.is_none() => main = Some(path.to_string()),
            extra => return Err(format!("unexpected argument '{extra}' (one app per bundle)")),
        }
    }
    let main = main.ok_or("missing the app's main module")?;
    Ok(Some(Options { main, output, runtime, includes }))
}

/// Runs the subcommand; `args` follow the word `bundle`. Returns the exit status.
pub fn run(args: &[String]) -> i32 {
    run_subcommand("bundle", USAGE, parse(args), bundle)
}

/// A subcommand's common shape: `parsed` options (`None` asks for the usage) handed to `work`;
/// status 0 when it succeeds, 1 when it fails, 2 for bad arguments (with the usage).
pub(crate) fn run_subcommand<T>(name: &str, usage: &str, parsed: Result<Option<T>, String>, work: impl FnOnce(&T) -> Result<(), String>) -> i32 {
    let options = match parsed {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{usage}");
            return 0;
        }
        Err(message) => {
            eprintln!("wasmedge_boa {name}: {message}\n\n{usage}");
            return 2;
        }
    };
    match work(&options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("wasmedge_boa {name}: {message}");
            1
        }
    }
}

fn bundle(options: &Options) -> Result<(), String> {
    let output = options.output.clone().unwrap_or_else(|| default_output(&options.main));
    let wasm = bundle_app(&options.main, &options.includes, options.runtime.as_deref(), "bundle")?;
    std::fs::write(&output, &wasm).map_err(|e| format!("cannot write '{}': {e}", output.display()))?;
    eprintln!("wasmedge_boa bundle: -> {} ({:.1} MiB)", output.display(), wasm.len() as f64 / (1024.0 * 1024.0));
    Ok(())
}

/// Bundles the app whose main module is `main` and returns the pre-initialized .wasm; notes and a
/// one-line summary go to stderr, prefixed with `wasmedge_boa <command>:`. Shared by `bundle` and
/// `image`.
pub(crate) fn bundle_app(main: &str, includes: &[String], runtime: Option<&Path>, command: &str) -> Result<Vec<u8>, String> {
    // The app first: its mistakes are the likelier ones, and finding them needs no runtime .wasm.
    let mut notes = Vec::new();
    let bundle = collect(main, includes, &mut notes)?;
    for note in &notes {
        eprintln!("wasmedge_boa {command}: note: {note}");
    }
    let runtime_path = find_runtime(runtime)?;
    let runtime_wasm = std::fs::read(&runtime_path)
        .map_err(|e| format!("cannot read the runtime '{}': {e}", runtime_path.display()))?;
    let wasm = preinitialize(&runtime_wasm, &bundle.encode())?;
    let source_bytes: usize = bundle.files.values().map(String::len).sum();
    eprintln!(
        "wasmedge_boa {command}: bundled {main} ({} files, {} KiB of sources, {} dynamic imports)",
        bundle.files.len(),
        source_bytes.div_ceil(1024),
        bundle.dynamic_imports.len(),
    );
    Ok(wasm)
}

/// `dir/app.js` → `app.wasm` (in the current directory).
fn default_output(main: &str) -> PathBuf {
    let stem = Path::new(main).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "app".into());
    PathBuf::from(format!("{stem}.wasm"))
}

/// The runtime .wasm to specialise: `--runtime`, `$WASMEDGE_BOA_RUNTIME`, `wasmedge_boa.wasm`
/// next to this executable (how a release ships them), or the build tree's wasm output (this
/// executable in `target/{debug,release}/`).
fn find_runtime(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("WASMEDGE_BOA_RUNTIME").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate this program: {e}"))?;
    let dir = exe.parent().unwrap_or(Path::new("."));
    let candidates = [
        dir.join("wasmedge_boa.wasm"),
        dir.join("../wasm32-wasip1/release/wasmedge_boa.wasm"),
        dir.join("../../wasm32-wasip1/release/wasmedge_boa.wasm"),
    ];
    candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        format!(
            "no runtime .wasm found (looked for {}); pass --runtime path/to/wasmedge_boa.wasm",
            candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let options =
            parse(&strings(&["app.js", "-o", "out.wasm", "--include", "./x.js", "--include", "y"])).unwrap().unwrap();
        assert_eq!(options.main, "app.js");
        assert_eq!(options.output, Some(PathBuf::from("out.wasm")));
        assert_eq!(options.includes, vec!["./x.js", "y"]);
        assert!(parse(&strings(&["--help"])).unwrap().is_none());
        assert!(parse(&strings(&["a.js", "b.js"])).unwrap_err().contains("unexpected"));
        assert!(parse(&strings(&["a.js", "-o"])).unwrap_err().contains("needs a value"));
        assert!(parse(&strings(&[])).unwrap_err().contains("missing"));
    }

    #[test]
    fn default_output_is_named_after_the_app() {
        assert_eq!(default_output("dir/app.js"), PathBuf::from("app.wasm"));
        assert_eq!(default_output("server.mjs"), PathBuf::from("server.wasm"));
    }
}
