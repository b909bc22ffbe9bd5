//! `wasmedge_boa bundle` end to end (docs/bundle.md): the native CLI bundles tests/bundle-app
//! into one pre-initialized .wasm, which then runs under the wasm runner (the test host by
//! default) from a directory without the sources and without `--dir`.
//!
//! Needs the runtime .wasm and a runner like the other wasm tests (skipped without them unless
//! `REQUIRE_WASM=1`). The start-up comparison is an ignored test that prints its numbers:
//! `cargo test --release --test bundle -- --ignored --nocapture startup`.

mod support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    sync::OnceLock,
    time::{Duration, Instant},
};

fn app_dir() -> PathBuf {
    support::workspace_root().join("tests/bundle-app")
}

/// A fresh directory for this test binary's outputs (bundles, and the empty folder they run from).
fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bundle-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("run")).expect("create the scratch directory");
        dir
    })
}

/// The runtime .wasm and the runner, or None when the wasm tests are skipped.
fn wasm() -> Option<(PathBuf, Vec<String>)> {
    let setup = support::wasm_setup();
    if setup.is_none() {
        assert!(
            std::env::var("REQUIRE_WASM").as_deref() != Ok("1"),
            "REQUIRE_WASM=1 but the .wasm or its runner is missing"
        );
        eprintln!("skipped: no runtime .wasm or runner (scripts/build-wasm, scripts/build-test-host)");
    }
    setup
}

/// Runs `wasmedge_boa bundle ARGS…` in the app's directory.
fn run_bundle_command(runtime: &Path, args: &[&str]) -> Output {
    let child = Command::new(support::native_binary())
        .arg("bundle")
        .args(args)
        .current_dir(app_dir())
        .env("WASMEDGE_BOA_RUNTIME", runtime)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the bundle command");
    support::wait_with_limit(child, Duration::from_secs(600)).expect("the bundle command finished in time")
}

/// Bundles `main` (once per test binary) and returns the .wasm and the bundler's stderr.
fn bundled(main: &'static str) -> &'static (PathBuf, String) {
    static APP: OnceLock<(PathBuf, String)> = OnceLock::new();
    static FAIL: OnceLock<(PathBuf, String)> = OnceLock::new();
    static LIBRARY_HEAVY: OnceLock<(PathBuf, String)> = OnceLock::new();
    let cell = match main {
        "app.js" => &APP,
        "fail.js" => &FAIL,
        "library_heavy.js" => &LIBRARY_HEAVY,
        other => panic!("no bundle cell for {other}"),
    };
    cell.get_or_init(|| {
        let (runtime, _) = support::wasm_setup().expect("checked by the caller");
        let output_path = scratch_dir().join(main.replace(".js", ".wasm"));
        let output = run_bundle_command(&runtime, &[main, "-o", output_path.to_str().expect("UTF-8 temp path")]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "bundling {main} failed:\n{stderr}");
        (output_path, stderr)
    })
}

/// A command running `wasm` with `args` from the scratch directory (no sources, no --dir).
fn run_command(runner: &[String], wasm: &Path, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(&runner[0]);
    command.args(&runner[1..]);
    for (name, value) in env {
        command.arg("--env").arg(format!("{name}={value}"));
    }
    command.arg(wasm).args(args).current_dir(scratch_dir().join("run"));
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

fn run(runner: &[String], wasm: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let child = run_command(runner, wasm, env, args).spawn().expect("start the bundled app");
    support::wait_with_limit(child, Duration::from_secs(240)).expect("the bundled app finished in time")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn bundled_app_runs_without_its_sources() {
    let Some((_, runner)) = wasm() else { return };
    let (app, bundle_stderr) = bundled("app.js");
    // The app's deliberately missing dynamic import is reported at bundle time.
    assert!(bundle_stderr.contains("import('./not-bundled.js') in 'app.js' is not bundled"), "{bundle_stderr}");

    let output = run(&runner, app, &[], &["demo"]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "status {:?}\n{stderr}", output.status);
    assert_eq!(
        text(&output.stdout),
        "hello, bundle!\n\
         BARE MODULE\n\
         a/c.txt\n\
         top-level await: after a timer\n\
         dynamic import: 42\n\
         unbundled import: cannot find module './not-bundled.js' imported from 'app.js'\n",
        "stderr: {stderr}"
    );
}

#[derive(Debug, PartialEq)]
struct Facts {
    now: f64,
    random: f64,
    line: String,
}

/// Runs the app's `facts` mode: `{"now":…,"random":…,"args":[…],"env":…}`.
fn facts(runner: &[String], app: &Path, env_value: &str, args: &[&str]) -> Facts {
    let mut all_args = vec!["facts"];
    all_args.extend_from_slice(args);
    let output = run(runner, app, &[("BUNDLE_TEST", env_value)], &all_args);
    let line = text(&output.stdout).trim().to_string();
    assert!(output.status.success(), "{line}\n{}", text(&output.stderr));
    let number = |key: &str| -> f64 {
        let start = line.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("no {key} in {line}")) + key.len() + 3;
        let end = line[start..].find([',', '}']).map(|e| start + e).unwrap_or(line.len());
        line[start..end].parse().unwrap_or_else(|_| panic!("{key} is not a number in {line}"))
    };
    Facts { now: number("now"), random: number("random"), line }
}

#[test]
fn each_run_of_one_snapshot_reads_its_own_clock_randomness_args_and_env() {
    let Some((_, runner)) = wasm() else { return };
    let (app, _) = bundled("app.js");
    let first = facts(&runner, app, "one", &["x", "y"]);
    std::thread::sleep(Duration::from_millis(20));
    let second = facts(&runner, app, "two", &["z"]);
    assert!(second.now > first.now, "Date.now() did not move on: {first:?} / {second:?}");
    let wall_clock =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_millis() as f64;
    assert!((wall_clock - second.now).abs() < 120_000.0, "Date.now() is not the time of the run: {second:?}");
    assert_ne!(first.random, second.random, "Math.random() repeated itself");
    assert!(first.line.contains(r#""args":["app.js","facts","x","y"]"#), "{}", first.line);
    assert!(second.line.contains(r#""args":["app.js","facts","z"]"#), "{}", second.line);
    assert!(first.line.contains(r#""env":"one""#), "{}", first.line);
    assert!(second.line.contains(r#""env":"two""#), "{}", second.line);
}

/// wasi-libc's malloc (the environment, the preopens, `opendir`) and the Rust heap (talc) both grow
/// the memory, and in a snapshot talc's heaps are already there when the C side first runs. A run
/// the way crun runs an image, `/` preopened and a large environment, must keep them apart: this
/// once trapped with "out of bounds memory access" before the script began.
#[test]
fn bundled_app_starts_with_root_preopened_and_a_large_environment() {
    let Some((_, runner)) = wasm() else { return };
    let (app, _) = bundled("app.js");
    // More than the C heap's first 64 KiB, so it grows the memory again after the snapshot.
    let large = "x".repeat(100_000);
    let mut command = Command::new(&runner[0]);
    command.args(&runner[1..]).arg("--dir").arg(format!("/:{}", scratch_dir().join("run").display()));
    for pair in ["PATH=/usr/local/bin:/usr/bin:/bin", "TERM=xterm", "BUNDLE_TEST=root", &format!("LARGE={large}")] {
        command.arg("--env").arg(pair);
    }
    command.arg(app).arg("facts").current_dir(scratch_dir().join("run"));
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = command.spawn().expect("start the bundled app");
    let output = support::wait_with_limit(child, Duration::from_secs(240)).expect("the bundled app finished in time");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "status {:?}
{stdout}
{}", output.status, text(&output.stderr));
    assert!(stdout.contains(r#""env":"root""#), "{stdout}");
}

#[test]
fn bundled_tcp_server_answers_over_loopback() {
    let Some((_, runner)) = wasm() else { return };
    let (app, _) = bundled("app.js");
    let port = support::free_port();
    let child = run_command(&runner, app, &[], &["serve", &port.to_string()]).spawn().expect("start the server");
    assert!(support::wait_for_port(port, Duration::from_secs(120)), "the bundled server did not listen");
    // The app skips connections that send nothing, like wait_for_port's probe.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the bundled server");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a read timeout");
    stream.write_all(b"tcp").expect("send the request");
    let mut answer = String::new();
    let read = stream.read_to_string(&mut answer);
    let output = support::wait_with_limit(child, Duration::from_secs(60)).expect("the server exited after its request");
    assert!(read.is_ok(), "reading the answer: {read:?}; stderr: {}", text(&output.stderr));
    assert_eq!(answer, "HELLO, TCP!", "stderr: {}", text(&output.stderr));
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn errors_point_at_the_original_file_and_line() {
    let Some((_, runner)) = wasm() else { return };
    let (app, _) = bundled("fail.js");
    let output = run(&runner, app, &[], &[]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Uncaught Error: exploded from the bundle"), "{stderr}");
    assert!(stderr.contains("lib/thrower.js:4"), "{stderr}");
    assert!(stderr.contains("fail.js:4"), "{stderr}");
}

#[test]
fn bundling_fails_clearly_on_a_broken_module_graph() {
    // Collection runs natively before the runtime .wasm is read, so no wasm is needed here.
    let dir = scratch_dir().join("broken");
    std::fs::create_dir_all(&dir).expect("create a folder");
    std::fs::write(dir.join("main.js"), "import { x } from './missing.js';\nprint(x);\n").expect("write");
    let output = Command::new(support::native_binary())
        .args(["bundle", "main.js", "--runtime", "/nonexistent/wasmedge_boa.wasm"])
        .current_dir(&dir)
        .output()
        .expect("run the bundle command");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot find module './missing.js' imported from 'main.js'"), "{stderr}");
}

/// Start-up of bundled, pre-initialized apps against the plain runtime running the same apps
/// from their sources (runs alternate, so load on the machine hits both alike). Prints the
/// numbers; asserts nothing about speed.
#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn startup_bundled_versus_plain() {
    let Some((runtime, runner)) = wasm() else { return };
    const RUNS: usize = 21;
    for (main, args) in [("app.js", &["facts"][..]), ("library_heavy.js", &[][..])] {
        let (app, _) = bundled(main);
        let plain = || {
            let mut command = Command::new(&runner[0]);
            command.args(&runner[1..]).args(["--dir", ".:."]).arg(&runtime).arg(main).args(args);
            command.current_dir(app_dir()).stdout(Stdio::null()).stderr(Stdio::piped());
            command
        };
        let bundled = || {
            let mut command = run_command(&runner, app, &[], args);
            command.stdout(Stdio::null());
            command
        };
        // The first runs fill the runner's compilation cache.
        run_time(plain);
        run_time(bundled);
        let (mut plain_times, mut bundled_times) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            plain_times.push(run_time(plain));
            bundled_times.push(run_time(bundled));
        }
        let (plain_time, bundled_time) = (median(plain_times), median(bundled_times));
        println!(
            "{main}: start-up to exit, median of {RUNS}: plain {:.1} ms, bundled {:.1} ms, ratio {:.2}",
            plain_time.as_secs_f64() * 1000.0,
            bundled_time.as_secs_f64() * 1000.0,
            plain_time.as_secs_f64() / bundled_time.as_secs_f64()
        );
    }
}

fn run_time(command: impl Fn() -> Command) -> Duration {
    let started = Instant::now();
    let output = command().output().expect("run");
    assert!(output.status.success(), "{}", text(&output.stderr));
    started.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
