//! Test cases, the ways each runs, and the one place where "what the engine did" becomes
//! pass/fail — shared by the in-process engine and external engines.

use serde::{Deserialize, Serialize};

use crate::frontmatter::{Metadata, Negative};

/// What an async test prints when it succeeds / fails (see harness/doneprintHandle.js).
pub const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
pub const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";
/// Printed by the runner-appended last statement of a synchronous test run by an external engine:
/// proof that the whole test ran (exit statuses of engines on uncaught errors vary).
pub const DONE_MARKER: &str = "Test262:Done";
/// Thrown by the `$262` stand-in given to external engines for a capability they lack.
pub const HOST_UNSUPPORTED: &str = "Test262:HostUnsupported:";

/// One test file and what its frontmatter says.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// Relative to the test262 root, `/`-separated (`test/built-ins/...`).
    pub path: String,
    pub source: String,
    /// `Err` when the frontmatter cannot be read: the test is reported as failed.
    pub metadata: Result<Metadata, String>,
}

impl TestCase {
    pub fn new(path: String, source: String) -> Self {
        let metadata = crate::frontmatter::parse(&source).map_err(|e| e.to_string());
        Self {
            path,
            source,
            metadata,
        }
    }

    pub fn features(&self) -> &[String] {
        self.metadata.as_ref().map_or(&[], |m| &m.features)
    }

    /// The runs test262 requires: both modes by default, one for the flags that restrict it.
    pub fn modes(&self) -> Vec<Mode> {
        let Ok(metadata) = &self.metadata else {
            return Vec::new();
        };
        let flags = metadata.flags;
        if flags.raw {
            vec![Mode::Raw]
        } else if flags.module {
            vec![Mode::Module]
        } else if flags.only_strict {
            vec![Mode::Strict]
        } else if flags.no_strict {
            vec![Mode::NonStrict]
        } else {
            vec![Mode::NonStrict, Mode::Strict]
        }
    }

    /// `$262.agent` needs a host that can start JS threads; no engine here has one.
    pub fn uses_agent(&self) -> bool {
        self.source.contains("$262.agent")
    }
}

/// How a test is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    NonStrict,
    Strict,
    Module,
    Raw,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Self::NonStrict => "non-strict",
            Self::Strict => "strict",
            Self::Module => "module",
            Self::Raw => "raw",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Skip,
}

/// A thrown error as seen by the runner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The constructor name, when the engine tells it exactly (in-process).
    pub name: Option<String>,
    /// A description (in-process) or the engine's whole output (external engines).
    pub text: String,
}

/// What happened when an engine ran one test in one mode.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// The test's code ran to its end without an uncaught error.
    pub finished: bool,
    pub error: Option<ErrorInfo>,
    /// Everything passed to `print`, one line per call.
    pub printed: String,
    pub timed_out: bool,
    /// The engine process died or could not be started (message).
    pub crashed: Option<String>,
}

/// The verdict for one run, with a short reason when it did not pass.
pub fn judge(metadata: &Metadata, observation: &Observation) -> (Outcome, Option<String>) {
    if observation.timed_out {
        return (Outcome::Fail, Some("timed out".into()));
    }
    let output = format!(
        "{}\n{}",
        observation.printed,
        observation.error.as_ref().map_or("", |e| e.text.as_str())
    );
    // The first mention followed by a name (engines may also echo the throwing source line).
    let unsupported = output.match_indices(HOST_UNSUPPORTED).find_map(|(at, _)| {
        let what: String = output[at + HOST_UNSUPPORTED.len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        (!what.is_empty()).then_some(what)
    });
    if let Some(what) = unsupported {
        return (Outcome::Skip, Some(format!("host has no $262.{what}")));
    }
    if let Some(message) = &observation.crashed {
        return (Outcome::Fail, Some(format!("engine crashed: {message}")));
    }
    if let Some(negative) = &metadata.negative {
        return judge_negative(negative, observation);
    }
    if metadata.flags.is_async {
        if let Some(line) = observation
            .printed
            .lines()
            .find(|l| l.starts_with(ASYNC_FAILURE))
        {
            return (Outcome::Fail, Some(shorten(line)));
        }
        if let Some(error) = &observation.error {
            return (Outcome::Fail, Some(shorten(&error.text)));
        }
        if observation
            .printed
            .lines()
            .any(|l| l.trim_end() == ASYNC_COMPLETE)
        {
            return (Outcome::Pass, None);
        }
        return (Outcome::Fail, Some("async test never called $DONE".into()));
    }
    match (&observation.error, observation.finished) {
        (None, true) => (Outcome::Pass, None),
        (Some(error), _) => (Outcome::Fail, Some(shorten(&error.text))),
        (None, false) => (Outcome::Fail, Some("test did not run to its end".into())),
    }
}

fn judge_negative(negative: &Negative, observation: &Observation) -> (Outcome, Option<String>) {
    let expected = &negative.error_type;
    let Some(error) = &observation.error else {
        return (
            Outcome::Fail,
            Some(format!(
                "expected {expected} ({:?} phase), but no error was thrown",
                negative.phase
            )),
        );
    };
    if observation.finished {
        return (
            Outcome::Fail,
            Some(format!("expected {expected}, but the test ran to its end")),
        );
    }
    let matched = match &error.name {
        Some(name) => name == expected,
        None => mentions_word(&error.text, expected),
    };
    if matched {
        (Outcome::Pass, None)
    } else {
        (
            Outcome::Fail,
            Some(format!(
                "expected {expected}, got: {}",
                shorten(&error.text)
            )),
        )
    }
}

/// `word` occurs in `text` delimited by non-identifier characters.
fn mentions_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// One line of at most 300 characters, for reports.
pub fn shorten(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut short: String = line.chars().take(300).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::{Flags, Phase};

    fn negative(error_type: &str) -> Metadata {
        Metadata {
            negative: Some(Negative {
                phase: Phase::Parse,
                error_type: error_type.into(),
            }),
            ..Metadata::default()
        }
    }

    fn thrown(name: Option<&str>, text: &str) -> Observation {
        Observation {
            error: Some(ErrorInfo {
                name: name.map(Into::into),
                text: text.into(),
            }),
            ..Observation::default()
        }
    }

    #[test]
    fn negative_tests_need_the_exact_error() {
        let expects_syntax = negative("SyntaxError");
        assert_eq!(
            judge(&expects_syntax, &thrown(Some("SyntaxError"), "x")).0,
            Outcome::Pass
        );
        assert_eq!(
            judge(&expects_syntax, &thrown(Some("TypeError"), "SyntaxError")).0,
            Outcome::Fail
        );
        assert_eq!(
            judge(&expects_syntax, &thrown(None, "Uncaught SyntaxError: bad")).0,
            Outcome::Pass
        );
        assert_eq!(
            judge(&expects_syntax, &thrown(None, "MySyntaxError: bad")).0,
            Outcome::Fail
        );
        let ran = Observation {
            finished: true,
            ..Observation::default()
        };
        assert_eq!(judge(&expects_syntax, &ran).0, Outcome::Fail);
    }

    #[test]
    fn async_tests_are_judged_by_print() {
        let metadata = Metadata {
            flags: Flags {
                is_async: true,
                ..Flags::default()
            },
            ..Metadata::default()
        };
        let printed = |text: &str| Observation {
            finished: true,
            printed: text.into(),
            ..Observation::default()
        };
        assert_eq!(
            judge(&metadata, &printed("Test262:AsyncTestComplete\n")).0,
            Outcome::Pass
        );
        assert_eq!(
            judge(
                &metadata,
                &printed("Test262:AsyncTestFailure:Test262Error: x\n")
            )
            .0,
            Outcome::Fail
        );
        assert_eq!(judge(&metadata, &printed("")).0, Outcome::Fail);
    }

    #[test]
    fn sync_tests_timeouts_and_unsupported_host_features() {
        let metadata = Metadata::default();
        assert_eq!(
            judge(
                &metadata,
                &Observation {
                    finished: true,
                    ..Observation::default()
                }
            )
            .0,
            Outcome::Pass
        );
        assert_eq!(
            judge(&metadata, &thrown(Some("Test262Error"), "boom")).0,
            Outcome::Fail
        );
        let slow = Observation {
            timed_out: true,
            ..Observation::default()
        };
        assert_eq!(
            judge(&metadata, &slow),
            (Outcome::Fail, Some("timed out".into()))
        );
        let unsupported = thrown(
            None,
            "throw new Error(\"Test262:HostUnsupported:\" + what)\nError: Test262:HostUnsupported:createRealm\n  at x",
        );
        assert_eq!(
            judge(&metadata, &unsupported),
            (Outcome::Skip, Some("host has no $262.createRealm".into()))
        );
    }
}
