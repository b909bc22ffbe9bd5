//! Runs the test guest (tests/host/guest, built for wasm32-wasip1 by
//! `scripts/build-test-host --guest`) under the test host and checks what it observes.
//! Set WASMEDGE_TEST_HOST_GUEST to a prebuilt guest .wasm to skip building it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The guest .wasm, built once per test run.
fn guest() -> &'static Path {
    static GUEST: OnceLock<PathBuf> = OnceLock::new();
    GUEST.get_or_init(|| {
        if let Some(prebuilt) = std::env::var_os("WASMEDGE_TEST_HOST_GUEST") {
            return PathBuf::from(prebuilt);
        }
        let output = Command::new(workspace_root().join("scripts/build-test-host"))
            .arg("--guest")
            .stderr(Stdio::inherit())
            .output()
            .expect("cannot run scripts/build-test-host --guest");
        assert!(output.status.success(), "building the test guest failed");
        let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
        assert!(
            Path::new(&path).is_file(),
            "the guest build did not produce {path}"
        );
        // Compile it once here, so the tests running in parallel all find it in the cache.
        let warm_up = host()
            .arg(&path)
            .args(["exit", "0"])
            .output()
            .expect("cannot run the test host");
        assert_eq!(
            warm_up.status.code(),
            Some(0),
            "stdout: {}",
            text(&warm_up.stdout)
        );
        PathBuf::from(path)
    })
}

fn host() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wasmedge-test-host"));
    // Keep compiled guests next to the guest build rather than in the shared temp dir.
    command.env(
        "WASMEDGE_TEST_HOST_CACHE",
        workspace_root().join("target/host-guest/module-cache"),
    );
    command
}

fn run(args: &[&str]) -> Output {
    host()
        .arg(guest())
        .args(args)
        .output()
        .expect("cannot run the test host")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory under the system temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("wasmedge-test-host-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create a temp dir");
    dir
}

#[test]
fn sockets_behave_like_wasmedge() {
    let output = run(&["sockets"]);
    let stdout = text(&output.stdout);
    let failures: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("ok ") && !l.starts_with("guest: "))
        .collect();
    assert!(
        failures.is_empty(),
        "guest reported:\n{}\nstderr:\n{}",
        failures.join("\n"),
        text(&output.stderr)
    );
    assert!(
        stdout.contains(" checks passed, 0 checks failed"),
        "stdout:\n{stdout}"
    );
    assert!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count() >= 35,
        "stdout:\n{stdout}"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn args_env_and_preopened_cwd() {
    let dir = temp_dir("cwd");
    std::fs::write(dir.join("data.txt"), "hello file\n").unwrap();
    let output = host()
        .current_dir(&dir)
        .env("HOST_ONLY_VARIABLE", "must not leak")
        .args(["--dir", ".:.", "--env", "FOO=bar", "--env=EMPTY="])
        .arg(guest())
        .args(["wasi", "data.txt", "missing.txt"])
        .output()
        .unwrap();
    let expected = "argc=4\narg[0]=wasmedge_test_host_guest.wasm\narg[1]=wasi\narg[2]=data.txt\narg[3]=missing.txt\n\
                    env EMPTY=\nenv FOO=bar\nfile=hello file\nmissing: NotFound errno=Some(44)\n";
    assert_eq!(
        text(&output.stdout),
        expected,
        "stderr: {}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn guest_directory_names_come_first_and_lose_their_slash() {
    let dir = temp_dir("named");
    std::fs::write(dir.join("data.txt"), "mapped\n").unwrap();
    let mapping = format!("/data:{}", dir.display());
    let output = host()
        .args(["--dir", &mapping])
        .arg(guest())
        .args(["wasi", "/data/data.txt", "data/none"])
        .output()
        .unwrap();
    let stdout = text(&output.stdout);
    assert!(stdout.contains("file=mapped\n"), "stdout:\n{stdout}");
    assert!(
        stdout.contains("missing: NotFound errno=Some(44)\n"),
        "stdout:\n{stdout}"
    );
}

#[test]
fn a_missing_host_directory_is_logged_and_skipped() {
    let output = host()
        .args(["--dir", "/no/such/dir/anywhere"])
        .arg(guest())
        .args(["exit", "0"])
        .output()
        .unwrap();
    assert!(
        text(&output.stdout).contains("[error] Bind guest directory failed"),
        "stdout: {}",
        text(&output.stdout)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn proc_exit_code_is_the_exit_status_modulo_256() {
    for (code, status) in [("0", 0), ("3", 3), ("255", 255), ("256", 0), ("300", 44)] {
        let output = run(&["exit", code]);
        assert_eq!(output.status.code(), Some(status), "exit {code}");
        assert!(output.stdout.is_empty(), "proc_exit prints nothing");
    }
}

#[test]
fn a_panic_traps_with_status_134_and_logs_on_stdout() {
    let output = run(&["panic"]);
    assert_eq!(output.status.code(), Some(134));
    assert!(
        text(&output.stdout).contains("[error] execution failed: unreachable, Code: 0x40a"),
        "stdout: {}",
        text(&output.stdout)
    );
    assert!(text(&output.stderr).contains("guest panics on purpose"));
}

#[test]
fn a_misaligned_pointer_in_a_standard_function_traps() {
    let output = run(&["misaligned"]);
    assert_eq!(output.status.code(), Some(134));
    assert!(
        text(&output.stdout).contains("execution failed: unaligned atomic"),
        "stdout: {}",
        text(&output.stdout)
    );
}

#[test]
fn stdout_reaches_the_pipe_as_it_is_written() {
    let mut child = host()
        .arg(guest())
        .arg("stream")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 5];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"first");
    // The guest sleeps 1.5 s before its second write: it must still be running.
    assert!(
        child.try_wait().unwrap().is_none(),
        "stdout was held back until exit"
    );
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, " second\n");
    assert!(child.wait().unwrap().success());
}

#[test]
fn command_line_errors_exit_1() {
    let missing = host().arg("/no/such/module.wasm").output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stdout).contains("[error] loading failed"));
    let unknown = host()
        .args(["--no-such-option", "x.wasm"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("unsupported option --no-such-option"));
}

// --- import resolution (V1 / V2), with hand-assembled minimal modules ------------------------

fn section(id: u8, content: Vec<u8>) -> Vec<u8> {
    assert!(content.len() < 128);
    let mut out = vec![id, content.len() as u8];
    out.extend(content);
    out
}

fn name(s: &str) -> Vec<u8> {
    let mut out = vec![s.len() as u8];
    out.extend(s.as_bytes());
    out
}

/// A module importing `wasi_snapshot_preview1.<import>` as (i32 × params) → i32, exporting
/// `memory` and an empty `_start`.
fn module_importing(import: &str, params: usize) -> Vec<u8> {
    let mut types = vec![2, 0x60, params as u8];
    types.extend(std::iter::repeat_n(0x7f, params));
    types.extend([1, 0x7f, 0x60, 0, 0]);
    let mut imports = vec![1];
    imports.extend(name("wasi_snapshot_preview1"));
    imports.extend(name(import));
    imports.extend([0, 0]);
    let mut exports = vec![2];
    exports.extend(name("memory"));
    exports.extend([2, 0]);
    exports.extend(name("_start"));
    exports.extend([0, 1]);
    let mut module = b"\0asm\x01\0\0\0".to_vec();
    module.extend(section(1, types));
    module.extend(section(2, imports));
    module.extend(section(3, vec![1, 1]));
    module.extend(section(5, vec![1, 0, 1]));
    module.extend(section(7, exports));
    module.extend(section(10, vec![1, 2, 0, 0x0b]));
    module
}

#[test]
fn overloaded_imports_resolve_to_v1_or_v2_by_type() {
    let dir = temp_dir("imports");
    let cases = [
        ("sock_accept", 2, true),
        ("sock_accept", 3, true),
        ("sock_accept", 4, false),
        ("sock_recv_from", 7, true),
        ("sock_recv_from", 8, true),
        ("sock_recv_from", 6, false),
        ("sock_getlocaladdr", 4, true),
        ("sock_getlocaladdr", 3, true),
        ("sock_getpeeraddr_v2", 3, true),
        ("sock_getpeeraddr_v2", 4, false),
        ("sock_open", 3, true),
        ("sock_open", 2, false),
        ("epoll_oneoff", 4, false),
    ];
    for (import, params, links) in cases {
        let path = dir.join(format!("{import}-{params}.wasm"));
        std::fs::write(&path, module_importing(import, params)).unwrap();
        let output = host().arg(&path).output().unwrap();
        let expected = if links { 0 } else { 1 };
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{import} with {params} params: {}",
            text(&output.stdout)
        );
    }
}

#[test]
fn compiled_modules_are_cached() {
    let cache = temp_dir("cache");
    for _ in 0..2 {
        let output = host()
            .env("WASMEDGE_TEST_HOST_CACHE", &cache)
            .arg(guest())
            .args(["exit", "7"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(7));
    }
    let entries: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let compiled = entries
        .iter()
        .filter(|name| name.ends_with(".cwasm"))
        .count();
    assert_eq!(compiled, 1, "{entries:?}");
}
