//! Running a set of tests against one engine with parallel workers, and folding the runs of each
//! test into one result.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::compose::{Harness, Target, compose};
use crate::external::{ExternalEngine, ExternalExecutor};
use crate::inprocess::{InProcessExecutor, WorkRequest};
use crate::judge::{Mode, Observation, Outcome, TestCase, judge};
use crate::report::{EngineRun, ModeResult, TestResult};
use crate::selection::Exclusions;

/// The outcome of one run and, when it did not pass, why.
type Verdict = (Outcome, Option<String>);

/// An engine to test.
#[derive(Clone, Debug)]
pub enum EngineSpec {
    /// boa_engine linked into the runner (run in worker processes of the runner).
    InProcess {
        name: String,
    },
    External(ExternalEngine),
}

impl EngineSpec {
    pub fn name(&self) -> &str {
        match self {
            Self::InProcess { name } => name,
            Self::External(engine) => &engine.name,
        }
    }

    fn can_block(&self) -> bool {
        match self {
            Self::InProcess { .. } => crate::engine::CAN_BLOCK,
            Self::External(engine) => engine.can_block,
        }
    }

    fn target(&self) -> Target {
        match self {
            Self::InProcess { .. } => Target::InProcess,
            Self::External(engine) => Target::External {
                modules_only: engine.modules_only,
            },
        }
    }

    pub fn command(&self) -> String {
        match self {
            Self::InProcess { .. } => {
                "in-process boa_engine 0.22.0 (worker processes of the runner)".into()
            }
            Self::External(engine) => engine.template_text.clone(),
        }
    }
}

/// Settings shared by all engines of one invocation.
pub struct RunSettings {
    /// Canonical test262 root.
    pub root: PathBuf,
    pub exclusions: Exclusions,
    pub jobs: usize,
    pub timeout: Duration,
    /// The runner binary (for in-process workers).
    pub program: PathBuf,
    /// Print progress to stderr.
    pub progress: bool,
}

/// Why a test is not run at all on this engine, if so.
fn static_skip(test: &TestCase, engine: &EngineSpec, exclusions: &Exclusions) -> Option<String> {
    if let Some(reason) = exclusions.reason(&test.path, test.features()) {
        return Some(reason);
    }
    if test.uses_agent() {
        return Some("needs $262.agent: the host has no agent threads".into());
    }
    if test.features().iter().any(|f| f == "IsHTMLDDA") {
        return Some("needs $262.IsHTMLDDA (browsers only)".into());
    }
    let flags = test.metadata.as_ref().ok()?.flags;
    if flags.can_block_is_true && !engine.can_block() {
        return Some("CanBlockIsTrue: this host's main agent cannot block".into());
    }
    if flags.can_block_is_false && engine.can_block() {
        return Some("CanBlockIsFalse: this host's main agent can block".into());
    }
    None
}

/// Runs `tests` (sorted) on `engine` and returns the per-test results in the same order.
pub fn run_engine(
    engine: &EngineSpec,
    tests: &[TestCase],
    harness: &Harness,
    settings: &RunSettings,
) -> EngineRun {
    let started = Instant::now();
    let mut skipped: Vec<Option<String>> = Vec::with_capacity(tests.len());
    let mut work = Vec::new();
    for (index, test) in tests.iter().enumerate() {
        let skip = static_skip(test, engine, &settings.exclusions);
        if skip.is_none() {
            work.extend(test.modes().into_iter().map(|mode| (index, mode)));
        }
        skipped.push(skip);
    }

    let results: Mutex<Vec<Option<Verdict>>> = Mutex::new(vec![None; work.len()]);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let jobs = settings.jobs.clamp(1, work.len().max(1));
    std::thread::scope(|scope| {
        for worker in 0..jobs {
            let (work, results, next, done) = (&work, &results, &next, &done);
            scope.spawn(move || {
                let mut executor = Executor::new(engine, settings, worker);
                loop {
                    let item = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(index, mode)) = work.get(item) else {
                        break;
                    };
                    let verdict = executor.run(&tests[index], mode, harness, settings);
                    if let Ok(mut results) = results.lock() {
                        results[item] = Some(verdict);
                    }
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if settings.progress && (finished % 2_000 == 0 || finished == work.len()) {
                        eprintln!("[{}] {finished}/{} runs", engine.name(), work.len());
                    }
                }
            });
        }
    });
    let verdicts = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());

    // Fold the runs (in `work` order, grouped by test) into one result per test.
    let mut per_test: Vec<Vec<(Mode, Outcome, Option<String>)>> = vec![Vec::new(); tests.len()];
    for ((index, mode), verdict) in work.iter().zip(verdicts) {
        let (outcome, reason) =
            verdict.unwrap_or((Outcome::Fail, Some("the runner lost this run".into())));
        per_test[*index].push((*mode, outcome, reason));
    }
    let results = tests
        .iter()
        .zip(skipped)
        .zip(per_test)
        .map(|((test, skip), runs)| fold_test(test, skip, runs))
        .collect();
    EngineRun::new(
        engine.name(),
        engine.command(),
        results,
        tests,
        started.elapsed(),
    )
}

fn fold_test(
    test: &TestCase,
    skip: Option<String>,
    runs: Vec<(Mode, Outcome, Option<String>)>,
) -> TestResult {
    let path = test.path.clone();
    if let Some(reason) = skip {
        return TestResult {
            path,
            outcome: Outcome::Skip,
            reason: Some(reason),
            modes: Vec::new(),
        };
    }
    if let Err(message) = &test.metadata {
        return TestResult {
            path,
            outcome: Outcome::Fail,
            reason: Some(format!("bad frontmatter: {message}")),
            modes: Vec::new(),
        };
    }
    // One failing mode fails the test; otherwise one skipped mode skips it.
    let worst = [Outcome::Fail, Outcome::Skip]
        .into_iter()
        .find(|wanted| runs.iter().any(|(_, outcome, _)| outcome == wanted))
        .unwrap_or(Outcome::Pass);
    let reason = runs
        .iter()
        .find(|(_, outcome, _)| *outcome == worst && worst != Outcome::Pass)
        .map(|(mode, _, reason)| format!("{}: {}", mode.name(), reason.as_deref().unwrap_or("")));
    let modes = runs
        .into_iter()
        .map(|(mode, outcome, _)| ModeResult { mode, outcome })
        .collect();
    TestResult {
        path,
        outcome: worst,
        reason,
        modes,
    }
}

/// One worker's way of running tests.
struct Executor {
    target: Target,
    kind: ExecutorKind,
}

enum ExecutorKind {
    InProcess(InProcessExecutor),
    External(ExternalExecutor),
}

impl Executor {
    fn new(engine: &EngineSpec, settings: &RunSettings, worker: usize) -> Self {
        let kind = match engine {
            EngineSpec::InProcess { .. } => ExecutorKind::InProcess(InProcessExecutor::new(
                settings.program.clone(),
                settings.root.clone(),
                settings.timeout,
            )),
            EngineSpec::External(external) => {
                let safe_name: String = external
                    .name
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                let dir = std::env::temp_dir().join(format!(
                    "test262-{}-{safe_name}-{worker}",
                    std::process::id()
                ));
                ExecutorKind::External(ExternalExecutor::new(
                    external.clone(),
                    dir,
                    settings.timeout,
                ))
            }
        };
        Self {
            target: engine.target(),
            kind,
        }
    }

    fn run(
        &mut self,
        test: &TestCase,
        mode: Mode,
        harness: &Harness,
        settings: &RunSettings,
    ) -> Verdict {
        let Ok(metadata) = &test.metadata else {
            return (Outcome::Fail, Some("bad frontmatter".into()));
        };
        let composed = match compose(test, mode, harness, self.target) {
            Ok(composed) => composed,
            Err(message) => return (Outcome::Fail, Some(message)),
        };
        let file = absolute_test_path(&settings.root, &test.path);
        let observation: Observation = match &mut self.kind {
            ExecutorKind::InProcess(executor) => executor.run(&WorkRequest {
                path: file,
                prelude: composed.prelude,
                main: composed.main,
                is_module: composed.is_module,
            }),
            ExecutorKind::External(executor) => {
                let expects_marker = mode != Mode::Raw && !metadata.flags.is_async;
                executor.run(&file, &composed, expects_marker)
            }
        };
        judge(metadata, &observation)
    }
}

fn absolute_test_path(root: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(root.to_path_buf(), |path, part| path.join(part))
}

/// Reads the test files (in parallel: a full checkout has ~50 000).
pub fn load_tests(root: &Path, paths: Vec<String>, jobs: usize) -> Vec<TestCase> {
    let slots: Vec<Mutex<Option<TestCase>>> = paths.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(index) else { break };
                    let test = match std::fs::read_to_string(absolute_test_path(root, path)) {
                        Ok(source) => TestCase::new(path.clone(), source),
                        Err(e) => TestCase {
                            path: path.clone(),
                            source: String::new(),
                            metadata: Err(format!("cannot read the test: {e}")),
                        },
                    };
                    if let Ok(mut slot) = slots[index].lock() {
                        *slot = Some(test);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect()
}
