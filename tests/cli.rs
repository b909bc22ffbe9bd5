//! The command line: options, argument passing, and unreadable scripts, natively and as wasm.

mod support;

use std::process::Command;

use support::Flavor;

fn native(args: &[&str]) -> std::process::Output {
    Command::new(support::native_binary()).args(args).output().expect("run the CLI")
}

#[test]
fn help_and_version() {
    let help = native(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("usage: wasmedge_boa"));
    let version = native(&["--version"]);
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("wasmedge_boa "));
}

#[test]
fn usage_errors_exit_2() {
    let missing = native(&[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing script path"));
    let unknown = native(&["--frobnicate", "x.js"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown option '--frobnicate'"));
}

#[test]
fn unreadable_script_names_the_path() {
    let dir = support::workspace_root().join("tests/scripts/core");
    for flavor in support::flavors() {
        let output = support::run_script(flavor, &dir, "no_such_script.js", &[]).expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{flavor:?}: {stderr}");
        assert!(stderr.contains("cannot read 'no_such_script.js'"), "{flavor:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{flavor:?}: one line: {stderr}");
        if flavor == Flavor::Wasm {
            assert!(stderr.contains("--dir"), "the WASI message hints at --dir: {stderr}");
        }
    }
}

#[test]
fn script_outside_any_preopen_hints_at_dir() {
    let Some((wasm, runner)) = support::wasm_setup() else { return };
    // No --dir at all: the script is not visible to the guest.
    let output = Command::new(&runner[0])
        .args(&runner[1..])
        .arg(&wasm)
        .arg("hello.js")
        .current_dir(support::workspace_root().join("examples"))
        .output()
        .expect("run the wasm");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("hello.js") && stderr.contains("--dir .:."), "{stderr}");
}

/// The last resort (src/last_resort.rs): a panic or a failed allocation inside the engine ends
/// with `Uncaught InternalError: …`, the script's name and status 1, natively and as wasm —
/// never an abort or a trap; so does a native stack overflow natively (as wasm it is a trap the
/// host reports). The failures are requested through WASMEDGE_BOA_TEST_FAILURE.
#[test]
fn engine_failures_end_with_internal_error_and_status_1() {
    let dir = support::workspace_root().join("examples");
    let failures = [("panic", "a panic requested by"), ("allocation", "out of memory"), ("stack", "Maximum call stack size exceeded")];
    for (failure, expected) in failures {
        for flavor in support::flavors() {
            if failure == "stack" && flavor == Flavor::Wasm {
                continue;
            }
            let mut command = match flavor {
                Flavor::Native => {
                    let mut command = Command::new(support::native_binary());
                    command.env("WASMEDGE_BOA_TEST_FAILURE", failure);
                    command
                }
                Flavor::Wasm => {
                    let Some((wasm, runner)) = support::wasm_setup() else { continue };
                    let mut command = Command::new(&runner[0]);
                    command.args(&runner[1..]).arg("--env").arg(format!("WASMEDGE_BOA_TEST_FAILURE={failure}"));
                    command.arg("--dir").arg(".:.").arg(wasm);
                    command
                }
            };
            let output = command.arg("hello.js").current_dir(&dir).output().expect("run");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{flavor:?} {failure}: {stderr}");
            assert!(stderr.starts_with("Uncaught InternalError: "), "{flavor:?} {failure}: {stderr}");
            assert!(stderr.contains(expected) && stderr.contains("at hello.js"), "{flavor:?} {failure}: {stderr}");
        }
    }
}

#[test]
fn uncaught_error_stack_ends_at_the_scripts_own_frames() {
    let dir = support::workspace_root().join("tests/scripts/core");
    for flavor in support::flavors() {
        let output = support::run_script(flavor, &dir, "uncaught_error.js", &[]).expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{flavor:?}: {stderr}");
        // A script without module syntax runs as CommonJS, whose frames name the absolute path.
        let last = stderr.trim_end().lines().last().unwrap_or_default();
        assert!(last.starts_with("    at <main> (") && last.ends_with("uncaught_error.js:6:8)"), "{flavor:?}: {stderr}");
    }
}

#[test]
fn qjs_lib_never_replaces_a_builtin_module() {
    // The reference-shaped tree's modules/util.js is not valid for Boa; QJS_LIB pointing at it
    // must not make 'util' load it, while names the runtime lacks still come from there (run
    // from elsewhere, so only QJS_LIB leads to that folder).
    let dir = support::workspace_root().join("tests/scripts/reference_tree");
    let elsewhere = std::env::temp_dir().join(format!("wasmedge_boa-qjs-lib-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).expect("make a working directory");
    let output = Command::new(support::native_binary())
        .arg(dir.join("hello.js"))
        .env("QJS_LIB", dir.join("modules"))
        .current_dir(&elsewhere)
        .output()
        .expect("run the CLI");
    let _ = std::fs::remove_dir(&elsewhere);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("hello from modules/my_mod.js"), "{stdout}");
}
