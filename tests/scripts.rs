//! Runs every `tests/scripts/**/NAME.js` that has an expectation file next to it, natively and as
//! wasm, and compares:
//! - `NAME.stdout`: stdout, exactly;
//! - `NAME.stderr`: each non-empty line must appear in stderr, in order;
//! - `NAME.status`: the exit status (default 0);
//! - `NAME.args`: arguments for the script, one per line.
//! The script runs with its own folder as working directory. Scripts without an expectation file
//! are helpers (modules imported by others) and are not run.

mod support;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use support::Flavor;

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
            let has_expectation =
                ["stdout", "stderr", "status"].iter().any(|ext| path.with_extension(ext).is_file());
            if has_expectation {
                found.push(path);
            }
        }
    }
}

fn check(flavor: Flavor, script: &Path) -> Result<(), Failed> {
    let dir = script.parent().ok_or("script has no folder")?;
    let name = script.file_name().ok_or("script has no name")?.to_string_lossy().into_owned();
    let read = |ext: &str| std::fs::read_to_string(script.with_extension(ext)).ok();
    let args: Vec<String> = read("args").map(|a| a.lines().map(String::from).collect()).unwrap_or_default();
    let output = support::run_script(flavor, dir, &name, &args)?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = || format!("\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");

    let expected_status: i32 = read("status").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    let status = output.status.code().unwrap_or(-1);
    if status != expected_status {
        return Err(format!("exit status {status}, expected {expected_status}{}", context()).into());
    }
    if let Some(expected) = read("stdout") {
        if stdout != expected {
            return Err(format!("stdout differs\n--- expected ---\n{expected}{}", context()).into());
        }
    }
    if let Some(expected) = read("stderr") {
        let mut rest: &str = &stderr;
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            match rest.find(line) {
                Some(at) => rest = &rest[at + line.len()..],
                None => return Err(format!("stderr lacks (in order) the line {line:?}{}", context()).into()),
            }
        }
    }
    Ok(())
}

fn main() {
    let arguments = Arguments::from_args();
    let root = support::workspace_root().join("tests/scripts");
    let mut scripts = Vec::new();
    collect(&root, &mut scripts);
    scripts.sort();
    let mut trials = Vec::new();
    for flavor in support::flavors() {
        for script in &scripts {
            let relative = script.strip_prefix(&root).unwrap_or(script).display().to_string();
            let script = script.clone();
            trials.push(Trial::test(format!("{}::{relative}", flavor.name()), move || check(flavor, &script)));
        }
    }
    libtest_mimic::run(&arguments, trials).exit();
}
