//! Results: JSON (the exchange format `--compare` reads), Markdown, and the terminal summary.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::judge::{Mode, Outcome, TestCase};

pub const FORMAT: &str = "wasmedge_boa-test262-report/1";
/// Directory rows go this deep (`test/built-ins/Array`).
const DIRECTORY_DEPTH: usize = 3;
/// Markdown lists at most this many failures per engine (the JSON has all).
const MAX_LISTED: usize = 1_000;

/// A JSON report: one or more engine runs.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub runs: Vec<EngineRun>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub skip: usize,
    pub total: usize,
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::Skip => self.skip += 1,
        }
        self.total += 1;
    }

    /// pass / (pass + fail): skipped tests are not held against an engine.
    pub fn pass_rate(&self) -> Option<f64> {
        let ran = self.pass + self.fail;
        (ran > 0).then(|| 100.0 * self.pass as f64 / ran as f64)
    }

    fn cell(&self) -> String {
        match self.pass_rate() {
            Some(rate) => format!("{}/{} ({rate:.1}%)", self.pass, self.pass + self.fail),
            None => "–".into(),
        }
    }
}

/// How the run was set up (so that a report says what it measured).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Setup {
    pub test262_dir: String,
    pub test262_commit: Option<String>,
    pub filters: Vec<String>,
    pub exclusion_file: Option<String>,
    pub excluded_features: Vec<String>,
    pub excluded_paths: Vec<String>,
    pub timeout_secs: f64,
    pub jobs: usize,
    /// `--sample N`: only the files in test262's fixed 1-in-N sample ([`crate::selection::in_sample`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ModeResult {
    pub mode: Mode,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TestResult {
    pub path: String,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<ModeResult>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EngineRun {
    pub engine: String,
    pub command: String,
    #[serde(default)]
    pub setup: Setup,
    pub duration_secs: f64,
    pub totals: Counts,
    pub by_directory: BTreeMap<String, Counts>,
    pub by_feature: BTreeMap<String, Counts>,
    pub tests: Vec<TestResult>,
}

impl EngineRun {
    /// `results` and `tests` are in the same order.
    pub fn new(
        engine: &str,
        command: String,
        results: Vec<TestResult>,
        tests: &[TestCase],
        elapsed: Duration,
    ) -> Self {
        let mut totals = Counts::default();
        let mut by_directory: BTreeMap<String, Counts> = BTreeMap::new();
        let mut by_feature: BTreeMap<String, Counts> = BTreeMap::new();
        for (result, test) in results.iter().zip(tests) {
            totals.add(result.outcome);
            for directory in directories(&result.path) {
                by_directory
                    .entry(directory)
                    .or_default()
                    .add(result.outcome);
            }
            let features: BTreeSet<&String> = test.features().iter().collect();
            for feature in features {
                by_feature
                    .entry(feature.clone())
                    .or_default()
                    .add(result.outcome);
            }
        }
        Self {
            engine: engine.to_string(),
            command,
            setup: Setup::default(),
            duration_secs: (elapsed.as_secs_f64() * 10.0).round() / 10.0,
            totals,
            by_directory,
            by_feature,
            tests: results,
        }
    }
}

/// `test/a/b/c/x.js` → `test/a`, `test/a/b` (up to [`DIRECTORY_DEPTH`] parts).
fn directories(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let dir_parts = parts.len().saturating_sub(1);
    (2..=dir_parts.min(DIRECTORY_DEPTH))
        .map(|n| parts[..n].join("/"))
        .collect()
}

/// The summary printed at the end of a run (not in the `N passed, N failed` shape that CI
/// systems read as a test runner's own verdict).
pub fn terminal_summary(runs: &[EngineRun]) -> String {
    let width = runs
        .iter()
        .map(|r| r.engine.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = format!(
        "{:width$}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>8}\n",
        "engine", "pass", "fail", "skip", "total", "rate", "time"
    );
    for run in runs {
        let t = run.totals;
        let rate = t.pass_rate().map_or("–".into(), |r| format!("{r:.1}%"));
        let _ = writeln!(
            out,
            "{:width$}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7.1}s",
            run.engine, t.pass, t.fail, t.skip, t.total, rate, run.duration_secs
        );
    }
    out
}

/// The Markdown report of one invocation (or, with `differences`, of a comparison).
pub fn markdown(runs: &[EngineRun], title: &str, differences: bool) -> String {
    let mut out = format!("# {title}\n\n");
    let mut setups: Vec<String> = Vec::new();
    for run in runs {
        let s = &run.setup;
        let commit = s
            .test262_commit
            .as_deref()
            .map_or("unknown commit".to_string(), |c| format!("commit `{c}`"));
        let filters = if s.filters.is_empty() {
            "all of `test/`".to_string()
        } else {
            format!("`{}`", s.filters.join("`, `"))
        };
        let exclusions = match &s.exclusion_file {
            Some(file) => format!(
                "`{file}` ({} features, {} paths)",
                s.excluded_features.len(),
                s.excluded_paths.len()
            ),
            None => "none".into(),
        };
        let line = format!(
            "- test262 `{}` at {commit}; tests: {filters}; exclusions: {exclusions}; timeout {} s; {} jobs",
            s.test262_dir, s.timeout_secs, s.jobs
        );
        if !setups.contains(&line) {
            setups.push(line);
        }
    }
    for line in &setups {
        out.push_str(line);
        out.push('\n');
    }

    out.push_str("\n## Summary\n\n| engine | pass | fail | skip | total | pass rate | time |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for run in runs {
        let t = run.totals;
        let rate = t.pass_rate().map_or("–".into(), |r| format!("{r:.2}%"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {rate} | {:.1} s |",
            run.engine, t.pass, t.fail, t.skip, t.total, run.duration_secs
        );
    }
    out.push_str("\nPass rate = pass / (pass + fail); skipped tests (excluded features, missing host capabilities) do not count.\n");
    out.push_str("Commands:\n\n");
    for run in runs {
        let _ = writeln!(out, "- {}: `{}`", run.engine, run.command);
    }

    table(&mut out, "By directory", "directory", runs, |run| {
        &run.by_directory
    });
    table(&mut out, "By feature", "feature", runs, |run| {
        &run.by_feature
    });

    if differences {
        differences_section(&mut out, runs);
    } else {
        for run in runs {
            let failures: Vec<&TestResult> = run
                .tests
                .iter()
                .filter(|t| t.outcome == Outcome::Fail)
                .collect();
            let _ = writeln!(out, "\n## Failures: {} ({})\n", run.engine, failures.len());
            for test in failures.iter().take(MAX_LISTED) {
                let _ = writeln!(
                    out,
                    "- `{}`: {}",
                    test.path,
                    escape(test.reason.as_deref().unwrap_or(""))
                );
            }
            if failures.len() > MAX_LISTED {
                let _ = writeln!(
                    out,
                    "- … and {} more (see the JSON report)",
                    failures.len() - MAX_LISTED
                );
            }
        }
    }
    out
}

fn table(
    out: &mut String,
    title: &str,
    key: &str,
    runs: &[EngineRun],
    rows: impl Fn(&EngineRun) -> &BTreeMap<String, Counts>,
) {
    let names: BTreeSet<&String> = runs.iter().flat_map(|run| rows(run).keys()).collect();
    if names.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## {title}\n\nEach cell: pass/(pass+fail) (pass rate), then skipped tests.\n"
    );
    let _ = write!(out, "| {key} |");
    for run in runs {
        let _ = write!(out, " {} |", run.engine);
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(runs.len()));
    out.push('\n');
    for name in names {
        let _ = write!(out, "| {name} |");
        for run in runs {
            match rows(run).get(name) {
                Some(counts) if counts.skip > 0 => {
                    let _ = write!(out, " {}, {} skipped |", counts.cell(), counts.skip);
                }
                Some(counts) => {
                    let _ = write!(out, " {} |", counts.cell());
                }
                None => out.push_str(" |"),
            }
        }
        out.push('\n');
    }
}

/// Tests whose outcome is not the same in every run.
pub fn differing_tests(runs: &[EngineRun]) -> Vec<(String, Vec<Option<Outcome>>)> {
    let per_run: Vec<BTreeMap<&str, Outcome>> = runs
        .iter()
        .map(|run| {
            run.tests
                .iter()
                .map(|t| (t.path.as_str(), t.outcome))
                .collect()
        })
        .collect();
    let paths: BTreeSet<&str> = per_run.iter().flat_map(|m| m.keys().copied()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let outcomes: Vec<Option<Outcome>> =
                per_run.iter().map(|m| m.get(path).copied()).collect();
            let first = outcomes[0];
            outcomes
                .iter()
                .any(|o| *o != first)
                .then(|| (path.to_string(), outcomes))
        })
        .collect()
}

fn differences_section(out: &mut String, runs: &[EngineRun]) {
    let differing = differing_tests(runs);
    let _ = writeln!(
        out,
        "\n## Tests whose outcome differs ({})\n",
        differing.len()
    );
    if differing.is_empty() {
        return;
    }
    out.push_str("| test |");
    for run in runs {
        let _ = write!(out, " {} |", run.engine);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(runs.len()));
    out.push('\n');
    for (path, outcomes) in differing {
        let _ = write!(out, "| `{path}` |");
        for outcome in outcomes {
            let cell = match outcome {
                Some(Outcome::Pass) => "pass",
                Some(Outcome::Fail) => "**fail**",
                Some(Outcome::Skip) => "skip",
                None => "not run",
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(path: &str, outcome: Outcome) -> TestResult {
        TestResult {
            path: path.into(),
            outcome,
            reason: None,
            modes: Vec::new(),
        }
    }

    fn run(name: &str, outcomes: &[(&str, Outcome)]) -> EngineRun {
        let tests: Vec<TestCase> = outcomes
            .iter()
            .map(|(p, _)| TestCase::new(p.to_string(), "/*---\nfeatures: [f, f]\n---*/".into()))
            .collect();
        let results = outcomes.iter().map(|(p, o)| result(p, *o)).collect();
        EngineRun::new(
            name,
            "cmd".into(),
            results,
            &tests,
            Duration::from_millis(1234),
        )
    }

    #[test]
    fn counts_per_directory_and_feature() {
        let run = run(
            "a",
            &[
                ("test/x/y/z/1.js", Outcome::Pass),
                ("test/x/2.js", Outcome::Fail),
                ("test/w/3.js", Outcome::Skip),
            ],
        );
        assert_eq!(
            run.totals,
            Counts {
                pass: 1,
                fail: 1,
                skip: 1,
                total: 3
            }
        );
        assert_eq!(
            run.by_directory["test/x"],
            Counts {
                pass: 1,
                fail: 1,
                skip: 0,
                total: 2
            }
        );
        assert_eq!(run.by_directory["test/x/y"].total, 1);
        assert!(!run.by_directory.contains_key("test/x/y/z"));
        assert_eq!(
            run.by_feature["f"].total, 3,
            "a feature listed twice counts once"
        );
        assert_eq!(run.totals.pass_rate(), Some(50.0));
        assert_eq!(run.duration_secs, 1.2);
    }

    #[test]
    fn compare_lists_differences() {
        let a = run(
            "a",
            &[("test/1.js", Outcome::Pass), ("test/2.js", Outcome::Fail)],
        );
        let b = run(
            "b",
            &[
                ("test/1.js", Outcome::Pass),
                ("test/2.js", Outcome::Pass),
                ("test/3.js", Outcome::Skip),
            ],
        );
        let differing = differing_tests(&[a.clone(), b.clone()]);
        assert_eq!(differing.len(), 2);
        assert_eq!(
            differing[0],
            (
                "test/2.js".into(),
                vec![Some(Outcome::Fail), Some(Outcome::Pass)]
            )
        );
        let text = markdown(&[a, b], "cmp", true);
        assert!(text.contains("| `test/3.js` | not run | skip |"), "{text}");
        assert!(text.contains("| a | 1 | 1 | 0 | 2 | 50.00% |"), "{text}");
    }

    #[test]
    fn json_round_trips() {
        let report = Report {
            format: FORMAT.into(),
            runs: vec![run("a", &[("test/1.js", Outcome::Pass)])],
        };
        let text = serde_json::to_string(&report).unwrap();
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back.runs[0].totals, report.runs[0].totals);
    }
}
