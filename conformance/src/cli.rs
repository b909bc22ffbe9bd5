//! Command line: run engines over a checkout, or compare saved reports.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::compose::Harness;
use crate::external::ExternalEngine;
use crate::report::{self, EngineRun, Report};
use crate::runner::{self, EngineSpec, RunSettings};
use crate::selection::{self, Exclusions, PathPattern};

pub const USAGE: &str = "\
test262 — run tc39/test262 against any JavaScript engine

USAGE:
  test262 --test262 DIR [--in-process] [--engine NAME[:OPTIONS]=TEMPLATE]...
          [--filter PATH|GLOB...] [--exclude-features FILE] [--jobs N] [--timeout SECS]
          [--json OUT] [--markdown OUT] [--quiet]
  test262 --compare A.json B.json... [--markdown OUT]

ENGINES (default: --in-process):
  --in-process        boa_engine 0.22 linked into this runner (as the wasmedge_boa runtime)
  --engine SPEC       a command template with {file}, {dir}, {module:TEXT}; OPTIONS: module
                      (the engine runs every file as an ES module), can-block, cannot-block.
                      e.g. \"node=node {file}\"
                           \"ours:module=target/release/wasmedge_boa {file}\"
                           \"boa-wasm:module=wasmedge --dir {dir}:{dir} wasmedge_boa.wasm {file}\"

SELECTION:
  --filter X...       test files, directories (relative to the checkout or to test/) or globs
                      (* within a path segment, ** across); several values allowed
  --exclude-features FILE   feature names to skip, one per line; lines starting with test/ are
                      paths or globs to skip; # comments
  --sample N          only a fixed 1-in-N sample of the files (chosen by a hash of each path, so
                      the same for every engine and run)

RUNNING:
  --jobs N            parallel workers (default: number of CPUs)
  --timeout SECS      per test run (default 10)

REPORTS:
  --json OUT          all results (the input of --compare)
  --markdown OUT      summary, per directory, per feature, failures (or differences with --compare)
";

#[derive(Debug, Default)]
struct Options {
    test262: Option<PathBuf>,
    engines: Vec<EngineSpec>,
    filters: Vec<String>,
    exclude_file: Option<PathBuf>,
    jobs: Option<usize>,
    timeout_secs: f64,
    json: Option<PathBuf>,
    markdown: Option<PathBuf>,
    compare: Vec<PathBuf>,
    quiet: bool,
    sample: Option<u32>,
}

/// Runs the command line; returns the exit status (0 ok, 1 failure, 2 usage error).
pub fn main(args: &[String]) -> i32 {
    if args.first().map(String::as_str) == Some("--worker") {
        let Some(root) = args.get(1) else {
            eprintln!("test262: --worker needs the module root");
            return 2;
        };
        // The runtime runs JavaScript on a 64 MiB stack (src/main.rs); so does the worker.
        let root = PathBuf::from(root);
        return std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || crate::inprocess::serve(&root))
            .ok()
            .and_then(|worker| worker.join().ok())
            .unwrap_or(1);
    }
    let options = match parse(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return 0;
        }
        Err(message) => {
            eprintln!("test262: {message}\n\nRun `test262 --help` for usage.");
            return 2;
        }
    };
    let result = if options.compare.is_empty() {
        run(options)
    } else {
        compare(options)
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("test262: {message}");
            1
        }
    }
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        timeout_secs: 10.0,
        ..Options::default()
    };
    let mut index = 0;
    let value = |index: &mut usize, flag: &str| -> Result<String, String> {
        *index += 1;
        args.get(*index)
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value"))
    };
    // Values after a list option, up to the next option.
    let values = |index: &mut usize| -> Vec<String> {
        let mut collected = Vec::new();
        while let Some(next) = args.get(*index + 1).filter(|a| !a.starts_with("--")) {
            collected.push(next.clone());
            *index += 1;
        }
        collected
    };
    let mut in_process = false;
    while index < args.len() {
        let arg = args[index].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, inline)) if flag.starts_with("--") && flag != "--engine" => {
                (flag, Some(inline.to_string()))
            }
            _ => (arg, None),
        };
        let take = |index: &mut usize| inline.clone().map_or_else(|| value(index, flag), Ok);
        match flag {
            "-h" | "--help" => return Ok(None),
            "--test262" => options.test262 = Some(PathBuf::from(take(&mut index)?)),
            "--in-process" => in_process = true,
            "--engine" => {
                let spec = take(&mut index)?;
                options
                    .engines
                    .push(EngineSpec::External(ExternalEngine::parse(&spec)?));
            }
            "--filter" => {
                options.filters.extend(inline.clone());
                let more = values(&mut index);
                if inline.is_none() && more.is_empty() {
                    return Err("--filter needs at least one path or glob".into());
                }
                options.filters.extend(more);
            }
            "--exclude-features" => options.exclude_file = Some(PathBuf::from(take(&mut index)?)),
            "--jobs" => {
                let text = take(&mut index)?;
                let jobs: usize = text
                    .parse()
                    .map_err(|_| format!("--jobs: `{text}` is not a number"))?;
                if jobs == 0 {
                    return Err("--jobs must be at least 1".into());
                }
                options.jobs = Some(jobs);
            }
            "--timeout" => {
                let text = take(&mut index)?;
                let secs: f64 = text
                    .parse()
                    .map_err(|_| format!("--timeout: `{text}` is not a number of seconds"))?;
                if !(secs > 0.0 && secs.is_finite()) {
                    return Err("--timeout must be a positive number of seconds".into());
                }
                options.timeout_secs = secs;
            }
            "--sample" => {
                let text = take(&mut index)?;
                let every: u32 = text
                    .parse()
                    .map_err(|_| format!("--sample: `{text}` is not a number"))?;
                if every == 0 {
                    return Err("--sample must be at least 1".into());
                }
                options.sample = Some(every);
            }
            "--json" => options.json = Some(PathBuf::from(take(&mut index)?)),
            "--markdown" => options.markdown = Some(PathBuf::from(take(&mut index)?)),
            "--compare" => {
                options.compare.extend(inline.clone().map(PathBuf::from));
                options
                    .compare
                    .extend(values(&mut index).into_iter().map(PathBuf::from));
                if options.compare.is_empty() {
                    return Err("--compare needs report files".into());
                }
            }
            "--quiet" | "-q" => options.quiet = true,
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            // A bare argument is a filter: `test262 --test262 DIR built-ins/Array`.
            other => options.filters.push(other.to_string()),
        }
        index += 1;
    }
    if !options.compare.is_empty() {
        return Ok(Some(options));
    }
    if options.test262.is_none() {
        return Err("--test262 DIR is required (the root of a tc39/test262 checkout)".into());
    }
    if in_process || options.engines.is_empty() {
        options.engines.insert(
            0,
            EngineSpec::InProcess {
                name: "in-process".into(),
            },
        );
    }
    let mut names: Vec<&str> = options.engines.iter().map(EngineSpec::name).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!("two engines are named `{}`", pair[0]));
    }
    Ok(Some(options))
}

fn run(options: Options) -> Result<(), String> {
    for engine in &options.engines {
        if let EngineSpec::External(external) = engine {
            external.check_program()?;
        }
    }
    // Fail before a long run, not after it, when a report cannot be written.
    for path in options.json.iter().chain(&options.markdown) {
        std::fs::write(path, "").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let given_root = options.test262.clone().unwrap_or_default();
    let root = given_root
        .canonicalize()
        .map_err(|e| format!("--test262 {}: {e}", given_root.display()))?;
    let exclusions = match &options.exclude_file {
        Some(file) => Exclusions::load(file, &root)?,
        None => Exclusions::default(),
    };
    let patterns: Vec<PathPattern> = options
        .filters
        .iter()
        .map(|f| PathPattern::new(f, &root))
        .collect();
    let mut paths = selection::discover(&root, &patterns)?;
    if let Some(every) = options.sample {
        paths.retain(|path| selection::in_sample(path, every));
    }
    if paths.is_empty() {
        return Err(format!(
            "no test matches the filters {:?} under {}",
            options.filters,
            root.display()
        ));
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let harness = Harness::load(&root)?;
    let tests = runner::load_tests(&root, paths, jobs);
    let program =
        std::env::current_exe().map_err(|e| format!("cannot find the runner binary: {e}"))?;
    let settings = RunSettings {
        root: root.clone(),
        exclusions,
        jobs,
        timeout: Duration::from_secs_f64(options.timeout_secs),
        program,
        progress: !options.quiet,
    };
    let setup = report::Setup {
        test262_dir: given_root.display().to_string(),
        test262_commit: git_commit(&root),
        filters: options.filters.clone(),
        exclusion_file: options
            .exclude_file
            .as_ref()
            .map(|f| f.display().to_string()),
        excluded_features: settings.exclusions.features.clone(),
        excluded_paths: settings
            .exclusions
            .paths
            .iter()
            .map(|p| format!("{p:?}"))
            .collect(),
        timeout_secs: options.timeout_secs,
        jobs,
        sample: options.sample,
    };
    if !options.quiet {
        eprintln!("test262: {} tests in {}", tests.len(), root.display());
    }
    let mut runs: Vec<EngineRun> = Vec::new();
    for engine in &options.engines {
        let mut engine_run = runner::run_engine(engine, &tests, &harness, &settings);
        engine_run.setup = setup.clone();
        runs.push(engine_run);
    }
    print!("{}", report::terminal_summary(&runs));
    write_reports(&runs, &options, "test262 results", false)
}

fn compare(options: Options) -> Result<(), String> {
    let mut runs: Vec<EngineRun> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for file in &options.compare {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let report: Report = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a test262 JSON report: {e}", file.display()))?;
        if report.format != report::FORMAT {
            return Err(format!(
                "{}: unknown report format `{}`",
                file.display(),
                report.format
            ));
        }
        for run in report.runs {
            sources.push(
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            runs.push(run);
        }
    }
    // Same engine name in two files: tell them apart by file name.
    let names: Vec<String> = runs.iter().map(|r| r.engine.clone()).collect();
    for (run, source) in runs.iter_mut().zip(&sources) {
        if names.iter().filter(|n| **n == run.engine).count() > 1 {
            run.engine = format!("{} [{source}]", run.engine);
        }
    }
    let text = report::markdown(&runs, "test262 comparison", true);
    print!("{text}");
    if let Some(path) = &options.markdown {
        std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(path) = &options.json {
        write_json(path, runs)?;
    }
    Ok(())
}

fn write_reports(
    runs: &[EngineRun],
    options: &Options,
    title: &str,
    differences: bool,
) -> Result<(), String> {
    if let Some(path) = &options.markdown {
        let text = report::markdown(runs, title, differences || runs.len() > 1);
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(path) = &options.json {
        write_json(path, runs.to_vec())?;
    }
    Ok(())
}

fn write_json(path: &Path, runs: Vec<EngineRun>) -> Result<(), String> {
    let report = Report {
        format: report::FORMAT.into(),
        runs,
    };
    let text = serde_json::to_string_pretty(&report)
        .map_err(|e| format!("cannot encode the report: {e}"))?;
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The checked-out commit, if the directory is a git work tree.
fn git_commit(root: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let commit = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !commit.is_empty()).then_some(commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_a_run() {
        let options = parse(&args(
            "--test262 /t --filter a b --jobs 3 --timeout=2.5 c --engine x=y{file}",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(options.filters, ["a", "b", "c"]);
        assert_eq!(options.jobs, Some(3));
        assert_eq!(options.timeout_secs, 2.5);
        assert_eq!(
            options.engines.len(),
            1,
            "an external engine replaces the default"
        );
        let both = parse(&args("--test262 /t --in-process --engine x=y{file}"))
            .unwrap()
            .unwrap();
        assert_eq!(
            both.engines
                .iter()
                .map(EngineSpec::name)
                .collect::<Vec<_>>(),
            ["in-process", "x"]
        );
    }

    #[test]
    fn rejects_bad_command_lines() {
        assert!(parse(&args("--filter a")).is_err(), "--test262 is required");
        assert!(parse(&args("--test262 /t --jobs 0")).is_err());
        assert!(parse(&args("--test262 /t --timeout -1")).is_err());
        assert!(parse(&args("--test262 /t --bogus")).is_err());
        assert!(parse(&args("--test262 /t --engine a=x{file} --engine a=y{file}")).is_err());
        assert!(parse(&args("--help")).unwrap().is_none());
        assert_eq!(
            parse(&args("--compare a.json b.json"))
                .unwrap()
                .unwrap()
                .compare
                .len(),
            2
        );
    }
}
