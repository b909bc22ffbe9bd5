//! Runs the `test262` binary over tests/test262-fixtures (in-process, and with node as an external
//! engine when node is installed) and checks every test's outcome and the exact counts.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// (test path under test/, outcome in-process, outcome with `node {file}`).
/// node's main thread can block and it has no createRealm or gc without flags.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("excluded-dir/excluded-path.js", "skip", "skip"),
    ("expected-fail/assertion.js", "fail", "fail"),
    ("expected-fail/async-failure.js", "fail", "fail"),
    ("expected-fail/async-never-done.js", "fail", "fail"),
    ("expected-fail/bad-frontmatter.js", "fail", "fail"),
    ("expected-fail/missing-include.js", "fail", "fail"),
    ("expected-fail/parse-error-missing.js", "fail", "fail"),
    ("expected-fail/strict-mode-only-failure.js", "fail", "fail"),
    ("expected-fail/timeout-infinite-loop.js", "fail", "fail"),
    ("expected-fail/wrong-error-type.js", "fail", "fail"),
    ("features/excluded-feature.js", "skip", "skip"),
    ("features/kept-feature.js", "pass", "pass"),
    ("flags/async.js", "pass", "pass"),
    ("flags/both-modes.js", "pass", "pass"),
    ("flags/can-block-is-false.js", "pass", "skip"),
    ("flags/can-block-is-true.js", "skip", "pass"),
    ("flags/includes.js", "pass", "pass"),
    ("flags/module.js", "pass", "pass"),
    ("flags/no-strict.js", "pass", "pass"),
    ("flags/only-strict.js", "pass", "pass"),
    ("flags/raw.js", "pass", "pass"),
    ("host/agent.js", "skip", "skip"),
    ("host/create-realm.js", "pass", "skip"),
    ("host/detach-array-buffer.js", "pass", "pass"),
    ("host/eval-script.js", "pass", "pass"),
    ("host/gc.js", "pass", "skip"),
    ("host/global.js", "pass", "pass"),
    ("host/is-html-dda.js", "skip", "skip"),
    ("module/dynamic-import.js", "pass", "pass"),
    ("module/import-fixture.js", "pass", "pass"),
    ("module/self-import.js", "pass", "pass"),
    ("module/top-level-await.js", "pass", "pass"),
    ("negative/parse-module.js", "pass", "pass"),
    ("negative/parse-script.js", "pass", "pass"),
    ("negative/resolution.js", "pass", "pass"),
    ("negative/runtime-test262error.js", "pass", "pass"),
    ("negative/runtime.js", "pass", "pass"),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/test262-fixtures")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("test262-fixtures-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs the runner with the fixture checkout and exclusion file; returns stdout.
fn run_runner(extra: &[&str]) -> String {
    let root = fixtures();
    let output = Command::new(env!("CARGO_BIN_EXE_test262"))
        .arg("--test262")
        .arg(&root)
        .arg("--exclude-features")
        .arg(root.join("exclusions.txt"))
        .args(["--timeout", "3", "--quiet"])
        .args(extra)
        .output()
        .expect("the test262 binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "runner failed: {}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the JSON report was written");
    serde_json::from_str(&text).expect("the JSON report parses")
}

/// Checks one engine run of a report against column `column` of [`EXPECTED`].
fn check_run(run: &Value, column: usize) {
    let engine = run["engine"].as_str().unwrap_or("?");
    let tests = run["tests"].as_array().expect("tests");
    let actual: Vec<(String, String)> = tests
        .iter()
        .map(|t| {
            let path = t["path"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("test/")
                .to_string();
            (path, t["outcome"].as_str().unwrap_or("").to_string())
        })
        .collect();
    let expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|&(path, in_process, node)| (path.to_string(), [in_process, node][column].to_string()))
        .collect();
    for (want, got) in expected.iter().zip(&actual) {
        let reason = tests
            .iter()
            .find(|t| t["path"].as_str().is_some_and(|p| p.ends_with(&want.0)))
            .and_then(|t| t["reason"].as_str())
            .unwrap_or("");
        assert_eq!(want, got, "{engine}: {reason}");
    }
    assert_eq!(expected.len(), actual.len(), "{engine}: number of tests");

    let count = |outcome: &str| expected.iter().filter(|(_, o)| o == outcome).count();
    let totals = &run["totals"];
    assert_eq!(totals["pass"], count("pass"), "{engine} passes");
    assert_eq!(totals["fail"], count("fail"), "{engine} failures");
    assert_eq!(totals["skip"], count("skip"), "{engine} skips");
    assert_eq!(totals["total"], EXPECTED.len());
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn in_process_engine_gets_the_expected_outcomes() {
    let dir = scratch("in-process");
    let json = dir.join("report.json");
    let markdown = dir.join("report.md");
    let summary = run_runner(&[
        "--json",
        json.to_str().unwrap(),
        "--markdown",
        markdown.to_str().unwrap(),
    ]);
    assert!(summary.contains("in-process"), "{summary}");

    let report = read_json(&json);
    let run = &report["runs"][0];
    check_run(run, 0);
    assert_eq!(run["totals"]["pass"], 23);
    assert_eq!(run["totals"]["fail"], 9);
    assert_eq!(run["totals"]["skip"], 5);
    // Per directory and per feature.
    assert_eq!(run["by_directory"]["test/negative"]["pass"], 5);
    assert_eq!(run["by_directory"]["test/expected-fail"]["fail"], 9);
    assert_eq!(run["by_feature"]["fixture-excluded-feature"]["skip"], 1);
    assert_eq!(run["by_feature"]["fixture-kept-feature"]["pass"], 1);
    // Failure reasons say which mode failed and why.
    let reason_of = |name: &str| {
        run["tests"]
            .as_array()
            .and_then(|tests| {
                tests
                    .iter()
                    .find(|t| t["path"].as_str().is_some_and(|p| p.ends_with(name)))
            })
            .and_then(|t| t["reason"].as_str())
            .unwrap_or("")
            .to_string()
    };
    assert!(reason_of("strict-mode-only-failure.js").starts_with("strict:"));
    assert_eq!(
        reason_of("timeout-infinite-loop.js"),
        "non-strict: timed out"
    );
    assert!(reason_of("agent.js").contains("$262.agent"));

    let text = std::fs::read_to_string(&markdown).expect("markdown written");
    assert!(
        text.contains("| in-process | 23 | 9 | 5 | 37 | 71.88% |"),
        "{text}"
    );
    assert!(text.contains("## Failures: in-process (9)"), "{text}");

    // The same inputs give the same outcomes, whatever the number of workers.
    let serial_json = dir.join("serial.json");
    run_runner(&["--jobs", "1", "--json", serial_json.to_str().unwrap()]);
    let serial = read_json(&serial_json);
    assert_eq!(serial["runs"][0]["tests"], run["tests"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn node_as_an_external_engine_gets_the_expected_outcomes() {
    if !node_available() {
        eprintln!("node is not on PATH: skipping the external-engine fixture run");
        return;
    }
    let dir = scratch("node");
    let json = dir.join("report.json");
    run_runner(&[
        "--in-process",
        "--engine",
        "node=node {file}",
        "--json",
        json.to_str().unwrap(),
    ]);
    let report = read_json(&json);
    let runs = report["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2);
    check_run(&runs[0], 0);
    check_run(&runs[1], 1);
    assert_eq!(runs[1]["engine"], "node");
    assert_eq!(runs[1]["command"], "node {file}");

    // --compare lists exactly the tests whose outcome differs.
    let output = Command::new(env!("CARGO_BIN_EXE_test262"))
        .arg("--compare")
        .arg(&json)
        .output()
        .expect("compare runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let differing = EXPECTED.iter().filter(|(_, a, b)| a != b).count();
    assert_eq!(differing, 4);
    assert!(
        text.contains(&format!("## Tests whose outcome differs ({differing})")),
        "{text}"
    );
    assert!(
        text.contains("| `test/host/create-realm.js` | pass | skip |"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn modules_only_engine_runs_scripts_through_eval() {
    if !node_available() {
        return;
    }
    // With the `module` option every composed file is module code (node reads it as one: the
    // runner's module directory has a package.json saying so), as for wasmedge_boa; script tests
    // are wrapped in a global indirect eval and must still pass.
    let dir = scratch("modules-only");
    let json = dir.join("report.json");
    run_runner(&[
        "--engine",
        "node-modules:module=node {file}",
        "--filter",
        "flags/both-modes.js",
        "flags/no-strict.js",
        "flags/raw.js",
        "negative/parse-script.js",
        "module/dynamic-import.js",
        "--json",
        json.to_str().unwrap(),
    ]);
    let report = read_json(&json);
    let totals = &report["runs"][0]["totals"];
    assert_eq!(totals["pass"], 5, "{:#}", report["runs"][0]["tests"]);
    assert_eq!(totals["total"], 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let output = Command::new(env!("CARGO_BIN_EXE_test262"))
        .args(["--test262", "/definitely/not/here"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/definitely/not/here"));

    let output = Command::new(env!("CARGO_BIN_EXE_test262"))
        .args(["--engine", "x"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("NAME=TEMPLATE"));
}
