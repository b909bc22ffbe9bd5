//! External engines: any command line, given as a template.
//!
//! `--engine NAME[:OPTIONS]=TEMPLATE`. The template is split like a shell would split words
//! (single and double quotes group, no other shell syntax: use `sh -c '…'` for that), then these
//! placeholders are replaced in every word:
//! - `{file}`: absolute path of the composed test file (required);
//! - `{dir}`: the directory holding it (for sandboxes like `wasmedge --dir {dir}:{dir}`);
//! - `{module:TEXT}`: TEXT for module tests, nothing for scripts (e.g. `qjs {module:--module} {file}`).
//!
//! OPTIONS (comma-separated): `module` — the engine evaluates every file as an ES module (like
//! wasmedge_boa), so script tests are run through a global indirect eval; `can-block` /
//! `cannot-block` — the engine's main-thread `[[CanBlock]]` (default: can block).

use std::fs::File;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::compose::Composed;
use crate::judge::{DONE_MARKER, ErrorInfo, Observation};

/// At most this much of an engine's stdout/stderr is kept per test.
const OUTPUT_LIMIT: u64 = 1 << 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEngine {
    pub name: String,
    /// The template as the user wrote it (for reports).
    pub template_text: String,
    words: Vec<String>,
    pub modules_only: bool,
    pub can_block: bool,
}

impl ExternalEngine {
    /// Parses `NAME[:OPTIONS]=TEMPLATE`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let (head, template) = spec.split_once('=').ok_or_else(|| {
            format!("--engine `{spec}`: expected NAME=TEMPLATE, e.g. \"node=node {{file}}\"")
        })?;
        let (name, options) = head.split_once(':').unwrap_or((head, ""));
        let name = name.trim();
        if name.is_empty() {
            return Err(format!(
                "--engine `{spec}`: the engine needs a name before `=`"
            ));
        }
        let mut engine = Self {
            name: name.to_string(),
            template_text: template.trim().to_string(),
            words: split_words(template)?,
            modules_only: false,
            can_block: true,
        };
        for option in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            match option {
                "module" => engine.modules_only = true,
                "can-block" => engine.can_block = true,
                "cannot-block" => engine.can_block = false,
                other => {
                    return Err(format!(
                        "--engine `{spec}`: unknown option `{other}` (known: module, can-block, cannot-block)"
                    ));
                }
            }
        }
        if engine.words.is_empty() {
            return Err(format!("--engine `{spec}`: the command is empty"));
        }
        if !engine.words.iter().any(|w| w.contains("{file}")) {
            return Err(format!(
                "--engine `{spec}`: the command must contain {{file}}"
            ));
        }
        Ok(engine)
    }

    /// Fails when the program the template starts cannot be found (checked once, before a run,
    /// instead of failing every test with the same message).
    pub fn check_program(&self) -> Result<(), String> {
        let program = &self.words[0];
        if program.contains("{") {
            return Ok(()); // a placeholder: only known per test
        }
        let found = if program.contains('/') {
            Path::new(program).is_file()
        } else {
            std::env::var_os("PATH").is_some_and(|path| {
                std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
            })
        };
        if found {
            Ok(())
        } else {
            Err(format!(
                "engine `{}`: program `{program}` not found",
                self.name
            ))
        }
    }

    /// The argument vector for one test file.
    pub fn command_line(&self, file: &Path, is_module: bool) -> Vec<String> {
        let file_text = file.to_string_lossy();
        let dir_text = file
            .parent()
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut argv = Vec::new();
        for word in &self.words {
            let expanded = expand_module_placeholder(word, is_module)
                .replace("{file}", &file_text)
                .replace("{dir}", &dir_text);
            // A word that was only `{module:…}` disappears for scripts instead of becoming "".
            if expanded.is_empty() && !word.is_empty() {
                continue;
            }
            argv.push(expanded);
        }
        argv
    }
}

fn expand_module_placeholder(word: &str, is_module: bool) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(start) = rest.find("{module:") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "{module:".len()..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        if is_module {
            out.push_str(&after[..end]);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Shell-like word splitting: whitespace separates, '…' is literal, "…" allows \" and \\.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => current.push(c),
                        None => return Err(format!("unclosed ' in `{text}`")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => current.push(c),
                            Some(c) => {
                                current.push('\\');
                                current.push(c);
                            }
                            None => return Err(format!("unclosed \" in `{text}`")),
                        },
                        Some(c) => current.push(c),
                        None => return Err(format!("unclosed \" in `{text}`")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

/// Runs composed tests with one external engine, one process per test, in a private directory.
pub struct ExternalExecutor {
    engine: ExternalEngine,
    work_dir: PathBuf,
    timeout: Duration,
}

impl ExternalExecutor {
    /// `work_dir` must be private to this executor; it is created and later removed.
    pub fn new(engine: ExternalEngine, work_dir: PathBuf, timeout: Duration) -> Self {
        Self {
            engine,
            work_dir,
            timeout,
        }
    }

    /// Writes `composed` as `test_file`'s name (module tests also get the `*_FIXTURE*` files of
    /// the test's directory next to it) and runs the engine on it.
    pub fn run(&self, test_file: &Path, composed: &Composed, expects_marker: bool) -> Observation {
        match self.try_run(test_file, composed, expects_marker) {
            Ok(observation) => observation,
            Err(message) => Observation {
                crashed: Some(message),
                ..Default::default()
            },
        }
    }

    fn try_run(
        &self,
        test_file: &Path,
        composed: &Composed,
        expects_marker: bool,
    ) -> Result<Observation, String> {
        let kind = if composed.is_module {
            "module"
        } else {
            "script"
        };
        let dir = self.work_dir.join(kind);
        prepare_dir(&dir, composed.is_module)?;
        let file_name = test_file.file_name().ok_or("test path has no file name")?;
        link_dependencies(test_file, &composed.main, &dir)?;
        if composed.is_module && !composed.prelude.is_empty() {
            let harness = dir.join(crate::compose::HARNESS_MODULE);
            std::fs::write(&harness, &composed.prelude)
                .map_err(|e| format!("cannot write {}: {e}", harness.display()))?;
        }
        let file = dir.join(file_name);
        std::fs::write(&file, &composed.main)
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;

        let stdout_path = self.work_dir.join("stdout.txt");
        let stderr_path = self.work_dir.join("stderr.txt");
        let create = |path: &Path| {
            File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
        };
        let argv = self.engine.command_line(&file, composed.is_module);
        let mut child = Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(Stdio::null())
            .stdout(create(&stdout_path)?)
            .stderr(create(&stderr_path)?)
            .process_group(0) // so a timeout kills the engine and anything it started
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", argv[0]))?;

        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        let (status, timed_out) = loop {
            match child.try_wait() {
                Ok(Some(status)) => break (Some(status), false),
                Ok(None) if started.elapsed() >= self.timeout => {
                    kill_group(child.id());
                    let _ = child.kill();
                    let _ = child.wait();
                    break (None, true);
                }
                Ok(None) => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(e) => return Err(format!("waiting for `{}`: {e}", argv[0])),
            }
        };
        let stdout = read_limited(&stdout_path);
        let stderr = read_limited(&stderr_path);
        if timed_out {
            return Ok(Observation {
                timed_out: true,
                printed: stdout,
                ..Default::default()
            });
        }
        let exited_ok = status.is_some_and(|s| s.success());
        // With the marker, an engine that exits non-zero *after* the test (e.g. node on an
        // unhandled rejection) still counts as having run the test to its end.
        let finished = if expects_marker {
            stdout.lines().any(|l| l.trim_end() == DONE_MARKER)
        } else {
            exited_ok
        };
        let error = (!finished).then(|| ErrorInfo {
            name: None,
            text: error_text(&stderr, &stdout, status),
        });
        Ok(Observation {
            finished,
            error,
            printed: stdout,
            ..Default::default()
        })
    }
}

impl Drop for ExternalExecutor {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work_dir);
    }
}

/// Creates `dir` or empties it, keeping a package.json that tells node how to read `.js` files
/// (other engines ignore it).
fn prepare_dir(dir: &Path, is_module: bool) -> Result<(), String> {
    let manifest = dir.join("package.json");
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path != manifest {
                let _ = if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
            }
        }
    } else {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // No "type" for scripts: node then runs the file as CommonJS but still loads imported
        // files that use `export` as ES modules.
        let text = if is_module {
            "{\"type\": \"module\"}\n"
        } else {
            "{}\n"
        };
        std::fs::write(&manifest, text)
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    Ok(())
}

/// Puts next to the composed file the files it imports from the test's directory (test262 module
/// tests and dynamic-import tests only ever import `./NAME` siblings, often `*_FIXTURE.js` files,
/// which may import further siblings). Hard links when possible, copies otherwise.
fn link_dependencies(test_file: &Path, main: &str, dir: &Path) -> Result<(), String> {
    let Some(source_dir) = test_file.parent() else {
        return Ok(());
    };
    let own_name = test_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut linked: Vec<String> = vec![own_name];
    let mut pending = relative_specifiers(main);
    while let Some(name) = pending.pop() {
        if linked.contains(&name) {
            continue;
        }
        let source = source_dir.join(&name);
        if !source.is_file() {
            continue; // a missing module is part of what some tests check
        }
        let target = dir.join(&name);
        if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
        if let Ok(text) = std::fs::read_to_string(&source) {
            pending.extend(relative_specifiers(&text));
        }
        linked.push(name);
    }
    Ok(())
}

/// File names in quoted `./NAME` strings of `text`.
fn relative_specifiers(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, quote) in text.match_indices(['\'', '"']) {
        let rest = &text[at + 1..];
        let Some(name_and_more) = rest.strip_prefix("./") else {
            continue;
        };
        let Some(end) = name_and_more.find(quote) else {
            continue;
        };
        // Inside a JSON-encoded script (modules-only engines) the quotes are escaped: `\"./x.js\"`.
        let name = name_and_more[..end].trim_end_matches('\\');
        if !name.is_empty() && !name.contains(['/', '\\', '\n']) {
            names.push(name.to_string());
        }
    }
    names
}

fn kill_group(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: plain syscall on a process group this executor created (`process_group(0)`).
        unsafe {
            libc::killpg(pid, libc::SIGKILL);
        }
    }
}

fn read_limited(path: &Path) -> String {
    let mut bytes = Vec::new();
    if let Ok(file) = File::open(path) {
        let _ = file.take(OUTPUT_LIMIT).read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The engine's output with the most telling line first: one that starts with an error name
/// (`TypeError: …`, `Uncaught Test262Error …`), else the line after a V8-style `^` marker, else
/// one mentioning an error, else the first.
fn error_text(stderr: &str, stdout: &str, status: Option<std::process::ExitStatus>) -> String {
    let all = format!("{stderr}\n{stdout}");
    let lines: Vec<&str> = all
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let starts_with_error_name = |line: &str| {
        let line = line.strip_prefix("Uncaught ").unwrap_or(line);
        let name: String = line
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        (name.ends_with("Error") || name.ends_with("Exception"))
            && line[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ':' | ' ' | '{'))
    };
    let after_caret = lines
        .windows(2)
        .find(|pair| pair[0].chars().all(|c| c == '^' || c.is_whitespace()))
        .map(|pair| pair[1]);
    let headline = lines
        .iter()
        .copied()
        .find(|l| starts_with_error_name(l))
        .or(after_caret)
        .or_else(|| lines.iter().copied().find(|l| l.contains("Error")))
        .or_else(|| lines.first().copied())
        .map(str::to_string)
        .unwrap_or_else(|| match status {
            Some(status) => format!("no output, {status}"),
            None => "no output".into(),
        });
    format!("{headline}\n{all}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_engine_specs() {
        let engine =
            ExternalEngine::parse("ours:module=target/release/wasmedge_boa {file}").unwrap();
        assert_eq!(engine.name, "ours");
        assert!(engine.modules_only && engine.can_block);
        let file = Path::new("/w/script/a.js");
        assert_eq!(
            engine.command_line(file, false),
            ["target/release/wasmedge_boa", "/w/script/a.js"]
        );

        let wasm =
            ExternalEngine::parse("boa-wasm=wasmedge --dir {dir}:{dir} 'my dir/b.wasm' {file}")
                .unwrap();
        assert_eq!(
            wasm.command_line(file, false),
            [
                "wasmedge",
                "--dir",
                "/w/script:/w/script",
                "my dir/b.wasm",
                "/w/script/a.js"
            ]
        );
        let qjs =
            ExternalEngine::parse("qjs:cannot-block=qjs {module:--module} \"{file}\"").unwrap();
        assert!(!qjs.can_block);
        assert_eq!(
            qjs.command_line(file, true),
            ["qjs", "--module", "/w/script/a.js"]
        );
        assert_eq!(qjs.command_line(file, false), ["qjs", "/w/script/a.js"]);
    }

    #[test]
    fn picks_the_error_line_of_engine_output() {
        let node =
            "/w/t.js:3\nthrow new Test262Error(message);\n^\nTest262Error { message: 'boom' }\n";
        assert!(error_text(node, "", None).starts_with("Test262Error { message: 'boom' }\n"));
        let thrown_string = "/w/t.js:1\nthrow \"Test262: x\";\n^\nTest262: x\n";
        assert!(error_text(thrown_string, "", None).starts_with("Test262: x\n"));
        assert!(
            error_text("", "Uncaught SyntaxError: bad\n", None)
                .starts_with("Uncaught SyntaxError: bad\n")
        );
    }

    #[test]
    fn finds_relative_imports() {
        let text = "import a from './a_FIXTURE.js'; import(\"./b.js\"); x('../up.js', './dir/c.js', './');";
        assert_eq!(relative_specifiers(text), ["a_FIXTURE.js", "b.js"]);
        let escaped = r#"(0, eval)("import(\"./c_FIXTURE.js\")");"#;
        assert_eq!(relative_specifiers(escaped), ["c_FIXTURE.js"]);
    }

    #[test]
    fn checks_that_the_program_exists() {
        assert!(
            ExternalEngine::parse("sh=sh {file}")
                .unwrap()
                .check_program()
                .is_ok()
        );
        let missing = ExternalEngine::parse("x=/no/such/engine {file}")
            .unwrap()
            .check_program();
        assert_eq!(
            missing,
            Err("engine `x`: program `/no/such/engine` not found".into())
        );
        assert!(
            ExternalEngine::parse("x=no-such-engine-anywhere {file}")
                .unwrap()
                .check_program()
                .is_err()
        );
    }

    #[test]
    fn rejects_bad_specs() {
        assert!(ExternalEngine::parse("node {file}").is_err());
        assert!(ExternalEngine::parse("node=node").is_err());
        assert!(ExternalEngine::parse("=node {file}").is_err());
        assert!(ExternalEngine::parse("x:fast=node {file}").is_err());
        assert!(ExternalEngine::parse("x=node '{file}").is_err());
    }

    #[test]
    fn runs_a_command_and_times_out() {
        let work_dir =
            std::env::temp_dir().join(format!("test262-external-unit-{}", std::process::id()));
        let engine =
            ExternalEngine::parse(&format!("sh=sh -c {} sh {{file}}", "'cat \"$1\"'")).unwrap();
        let executor = ExternalExecutor::new(engine, work_dir.clone(), Duration::from_secs(5));
        let composed = Composed {
            prelude: String::new(),
            main: "Test262:Done\n".into(),
            is_module: false,
        };
        let observation = executor.run(Path::new("/nowhere/t.js"), &composed, true);
        assert!(observation.finished, "{observation:?}");

        let sleeper = ExternalEngine::parse("sleep=sh -c 'sleep 5' sh {file}").unwrap();
        let slow =
            ExternalExecutor::new(sleeper, work_dir.join("slow"), Duration::from_millis(100));
        assert!(
            slow.run(Path::new("/nowhere/t.js"), &composed, true)
                .timed_out
        );
        drop(slow);
        drop(executor);
        assert!(!work_dir.exists());
    }
}
