//! The in-process engine, run in worker processes of the runner itself (`test262 --worker ROOT`).
//!
//! Why processes and not threads: Boa cannot interrupt running JS, so a test that loops forever
//! can only be stopped by killing its OS process; and a Rust panic (the release profile aborts) or
//! a native stack overflow inside a builtin kills the whole process. A worker process evaluates
//! tests one after the other, each in a fresh `Context`; the runner keeps `--jobs` of them busy,
//! kills one on timeout or after it dies reports the test and starts a new one.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::{Context, JsError, JsResult, Module, Script, Source, js_string};
use serde::{Deserialize, Serialize};

use crate::engine;
use crate::judge::{ErrorInfo, Observation};

/// One test run, sent to a worker as a JSON line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WorkRequest {
    /// Absolute path of the test file (module resolution and self-imports are relative to it).
    pub path: PathBuf,
    /// A script evaluated first (the harness of module tests); may be empty.
    pub prelude: String,
    pub main: String,
    pub is_module: bool,
}

/// A worker is replaced after this many tests, so that memory a test leaked cannot pile up.
const TESTS_PER_WORKER: usize = 2_000;

/// Worker side: answers requests from stdin until it closes. Returns the process exit status.
pub fn serve(module_root: &Path) -> i32 {
    wasmedge_boa_builtins::engine::stack::mark_base();
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lines() {
        let Ok(line) = line else { return 1 };
        let observation = match serde_json::from_str::<WorkRequest>(&line) {
            Ok(request) => run(module_root, &request),
            Err(e) => Observation {
                crashed: Some(format!("bad request from the runner: {e}")),
                ..Default::default()
            },
        };
        let Ok(reply) = serde_json::to_string(&observation) else {
            return 1;
        };
        if writeln!(stdout, "{reply}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return 1;
        }
    }
    0
}

/// Runs one test in a fresh context on this thread.
pub fn run(module_root: &Path, request: &WorkRequest) -> Observation {
    let mut context = match engine::new_context(module_root) {
        Ok(context) => context,
        Err(e) => {
            return Observation {
                crashed: Some(format!("cannot create a context: {e}")),
                ..Default::default()
            };
        }
    };
    let result = evaluate(&mut context, request);
    let printed = engine::take_printed();
    match result {
        Ok(finished) => Observation {
            finished,
            printed,
            ..Default::default()
        },
        Err(error) => Observation {
            error: Some(describe(error, &mut context)),
            printed,
            ..Default::default()
        },
    }
}

/// `Ok(true)` when the test ran to its end, `Ok(false)` when a module never finished evaluating.
fn evaluate(context: &mut Context, request: &WorkRequest) -> JsResult<bool> {
    if !request.prelude.is_empty() {
        context.eval(Source::from_bytes(request.prelude.as_bytes()))?;
    }
    engine::check_source(&request.main, request.is_module)?;
    let source = Source::from_bytes(request.main.as_bytes()).with_path(&request.path);
    if request.is_module {
        let module = Module::parse(source, None, context)?;
        if let Some(loader) = engine::module_loader(context) {
            loader.insert(request.path.clone(), module.clone());
        }
        let promise = module.load_link_evaluate(context);
        context.run_jobs()?;
        match promise.state() {
            PromiseState::Fulfilled(_) => Ok(true),
            PromiseState::Rejected(reason) => Err(JsError::from_opaque(reason)),
            PromiseState::Pending => Ok(false),
        }
    } else {
        let script = Script::parse(source, None, context)?;
        script.evaluate(context)?;
        context.run_jobs()?;
        Ok(true)
    }
}

/// The constructor name and `name: message` of a thrown value.
fn describe(error: JsError, context: &mut Context) -> ErrorInfo {
    let fallback = error.to_string();
    let Ok(value) = error.into_opaque(context) else {
        // Uncatchable engine errors (runtime limits) have no JS value.
        return ErrorInfo {
            name: Some("RuntimeLimitError".into()),
            text: fallback,
        };
    };
    let Some(object) = value.as_object() else {
        return ErrorInfo {
            name: None,
            text: format!("threw a non-object: {}", value.display()),
        };
    };
    let name = object
        .get(js_string!("constructor"), context)
        .ok()
        .and_then(|constructor| constructor.as_object())
        .and_then(|constructor| constructor.get(js_string!("name"), context).ok())
        .and_then(|name| name.as_string().map(|s| s.to_std_string_escaped()));
    let message = object
        .get(js_string!("message"), context)
        .ok()
        .filter(|m| !m.is_undefined())
        .and_then(|m| m.to_string(context).ok())
        .map(|m| m.to_std_string_escaped())
        .unwrap_or_default();
    let text = format!("{}: {message}", name.as_deref().unwrap_or("Error"));
    ErrorInfo { name, text }
}

/// Runner side: one worker process at a time, restarted after a timeout or a crash.
pub struct InProcessExecutor {
    program: PathBuf,
    module_root: PathBuf,
    timeout: Duration,
    worker: Option<Worker>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<String>,
    stderr_tail: Arc<Mutex<String>>,
    stderr_reader: Option<JoinHandle<()>>,
    served: usize,
}

impl InProcessExecutor {
    /// `program` is the runner binary itself (it has the `--worker` mode).
    pub fn new(program: PathBuf, module_root: PathBuf, timeout: Duration) -> Self {
        Self {
            program,
            module_root,
            timeout,
            worker: None,
        }
    }

    pub fn run(&mut self, request: &WorkRequest) -> Observation {
        let line = match serde_json::to_string(request) {
            Ok(line) => line,
            Err(e) => return crashed(format!("cannot encode the request: {e}")),
        };
        if self.worker.is_none() {
            match Worker::start(&self.program, &self.module_root) {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => return crashed(e),
            }
        }
        let Some(worker) = self.worker.as_mut() else {
            return crashed("no worker".into());
        };
        if writeln!(worker.stdin, "{line}")
            .and_then(|()| worker.stdin.flush())
            .is_err()
        {
            let message = self.stop_worker();
            return crashed(format!(
                "the worker died before the test started: {message}"
            ));
        }
        match worker.replies.recv_timeout(self.timeout) {
            Ok(reply) => {
                worker.served += 1;
                if worker.served >= TESTS_PER_WORKER {
                    self.stop_worker();
                }
                serde_json::from_str(&reply)
                    .unwrap_or_else(|e| crashed(format!("unreadable reply from the worker: {e}")))
            }
            Err(RecvTimeoutError::Timeout) => {
                self.stop_worker();
                Observation {
                    timed_out: true,
                    ..Default::default()
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                let message = self.stop_worker();
                crashed(format!("the worker process died: {message}"))
            }
        }
    }

    /// Kills the current worker; returns the end of what it wrote to stderr.
    fn stop_worker(&mut self) -> String {
        let Some(mut worker) = self.worker.take() else {
            return String::new();
        };
        let _ = worker.child.kill();
        let status = worker.child.wait();
        if let Some(reader) = worker.stderr_reader.take() {
            let _ = reader.join();
        }
        let tail = worker
            .stderr_tail
            .lock()
            .map(|t| t.trim().to_string())
            .unwrap_or_default();
        match status {
            Ok(status) if tail.is_empty() => format!("{status}"),
            Ok(status) => format!("{status}: {tail}"),
            Err(_) => tail,
        }
    }
}

impl Drop for InProcessExecutor {
    fn drop(&mut self) {
        self.stop_worker();
    }
}

impl Worker {
    fn start(program: &Path, module_root: &Path) -> Result<Self, String> {
        let mut child = Command::new(program)
            .arg("--worker")
            .arg(module_root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the worker {}: {e}", program.display()))?;
        let (Some(stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            return Err("the worker has no pipes".into());
        };
        let (sender, replies) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&stderr_tail);
        let stderr_reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = stderr.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                if let Ok(mut tail) = tail.lock() {
                    tail.push_str(&String::from_utf8_lossy(&buffer[..read]));
                    if tail.len() > 4096 {
                        let cut = tail.len() - 2048;
                        let cut = (cut..tail.len())
                            .find(|&i| tail.is_char_boundary(i))
                            .unwrap_or(0);
                        tail.drain(..cut);
                    }
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            replies,
            stderr_tail,
            stderr_reader: Some(stderr_reader),
            served: 0,
        })
    }
}

fn crashed(message: String) -> Observation {
    Observation {
        crashed: Some(message),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(main: &str) -> WorkRequest {
        WorkRequest {
            path: PathBuf::from("/x/test.js"),
            prelude: String::new(),
            main: main.into(),
            is_module: false,
        }
    }

    #[test]
    fn reports_finish_errors_and_prints() {
        let ok = run(
            Path::new("/"),
            &script("print('a'); Promise.resolve().then(() => print('b'));"),
        );
        assert!(ok.finished && ok.error.is_none());
        assert_eq!(ok.printed, "a\nb\n");

        let thrown = run(
            Path::new("/"),
            &script("class Test262Error extends Error {}; throw new Test262Error('no')"),
        );
        assert_eq!(
            thrown.error.as_ref().and_then(|e| e.name.as_deref()),
            Some("Test262Error")
        );
        assert_eq!(
            thrown.error.map(|e| e.text),
            Some("Test262Error: no".into())
        );

        let parse = run(Path::new("/"), &script("var a b;"));
        assert_eq!(parse.error.and_then(|e| e.name), Some("SyntaxError".into()));
        assert!(!parse.finished);
    }

    #[test]
    fn runs_modules_with_a_separate_prelude() {
        let request = WorkRequest {
            path: PathBuf::from("/x/test.js"),
            prelude: "var fromPrelude = 1;".into(),
            main: "await 0; if (fromPrelude !== 1 || this !== undefined) throw new TypeError('scope');".into(),
            is_module: true,
        };
        let observation = run(Path::new("/"), &request);
        assert!(observation.finished, "{observation:?}");
        let never = WorkRequest {
            main: "await new Promise(() => {});".into(),
            ..request
        };
        assert!(!run(Path::new("/"), &never).finished);
    }
}
