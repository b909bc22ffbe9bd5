//! Turning a test into the source an engine runs: harness files first (assert.js, sta.js,
//! doneprintHandle.js for async tests, then the test's includes), the strict-mode prefix, and for
//! external engines a `print`/`$262` stand-in and an end marker, so that any shell that can print
//! can run the file.

use std::collections::HashMap;
use std::path::Path;

use crate::frontmatter::Metadata;
use crate::judge::{DONE_MARKER, Mode, TestCase};

/// The test262 `harness/` directory, read once.
pub struct Harness {
    files: HashMap<String, String>,
}

impl Harness {
    pub fn load(test262_root: &Path) -> Result<Self, String> {
        let dir = test262_root.join("harness");
        let mut files = HashMap::new();
        let mut pending = vec![dir.clone()];
        while let Some(current) = pending.pop() {
            let entries = std::fs::read_dir(&current).map_err(|e| {
                format!(
                    "cannot read the harness directory {}: {e}",
                    current.display()
                )
            })?;
            for entry in entries {
                let path = entry
                    .map_err(|e| format!("{}: {e}", current.display()))?
                    .path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "js") {
                    let name = path
                        .strip_prefix(&dir)
                        .map_err(|e| e.to_string())?
                        .to_string_lossy()
                        .replace('\\', "/");
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    files.insert(name, text);
                }
            }
        }
        for required in ["assert.js", "sta.js", "doneprintHandle.js"] {
            if !files.contains_key(required) {
                return Err(format!(
                    "{} has no harness/{required}",
                    test262_root.display()
                ));
            }
        }
        Ok(Self { files })
    }

    fn file(&self, name: &str) -> Result<&str, String> {
        self.files
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| format!("the test includes harness/{name}, which does not exist"))
    }

    /// The harness script a (non-raw) test needs, in test262's order.
    pub fn prelude(&self, metadata: &Metadata) -> Result<String, String> {
        let mut names = vec!["assert.js", "sta.js"];
        if metadata.flags.is_async {
            names.push("doneprintHandle.js");
        }
        names.extend(metadata.includes.iter().map(String::as_str));
        let mut prelude = String::new();
        for name in names {
            prelude.push_str(self.file(name)?);
            prelude.push('\n');
        }
        Ok(prelude)
    }

    /// The prelude for an indirect eval whose declarations must outlive it: top-level `const`
    /// and `let` of the harness files become `var`. (In eval code, lexical declarations stay in
    /// the eval, so `resizableArrayBufferUtils.js`'s `const ctors` was invisible to the test, which
    /// runs in a second eval; every harness file declares its top level at column 0.)
    pub fn global_prelude(&self, metadata: &Metadata) -> Result<String, String> {
        let prelude = self.prelude(metadata)?;
        Ok(prelude
            .lines()
            .map(|line| match line.strip_prefix("const ").or_else(|| line.strip_prefix("let ")) {
                Some(rest) => format!("var {rest}\n"),
                None => format!("{line}\n"),
            })
            .collect())
    }
}

/// Who will run the composed source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Our engine inside the runner: harness and module run separately, `$262` is native.
    InProcess,
    /// A command-line engine; `modules_only` when it evaluates every file as an ES module.
    External { modules_only: bool },
}

/// The name of the module external module tests import first: it installs the harness as
/// globals (a harness inside the test module would be module-scoped, and invisible to the
/// `_FIXTURE` modules, which are evaluated before the test's own body).
pub const HARNESS_MODULE: &str = "test262-harness_PRELUDE.js";

/// The source(s) for one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    /// In-process: a script evaluated before `main` (the harness of module tests). External
    /// engines: the body of [`HARNESS_MODULE`], written next to `main`. May be empty.
    pub prelude: String,
    pub main: String,
    /// `main` is module code.
    pub is_module: bool,
}

/// `print` and `$262` for engines that lack them: `print` falls back to `console.log`; `$262`
/// capabilities that cannot be written in JS throw an error the runner reports as
/// "skipped: host has no $262.X".
const EXTERNAL_HOST_SHIM: &str = r#"(function (global) {
  function hidden(name, value) {
    Object.defineProperty(global, name, { value: value, writable: true, configurable: true, enumerable: false });
  }
  if (typeof global.print !== "function" && typeof console === "object" && console !== null) {
    hidden("print", function print(text) { console.log(String(text)); });
  }
  if (typeof global.$262 === "object" && global.$262 !== null) return;
  function unsupported(what) {
    return function () { throw new Error("Test262:HostUnsupported:" + what); };
  }
  hidden("$262", {
    global: global,
    createRealm: unsupported("createRealm"),
    gc: typeof global.gc === "function" ? function () { return global.gc(); } : unsupported("gc"),
    evalScript: function (source) { return (0, eval)(String(source)); },
    detachArrayBuffer: function (buffer) {
      // Detaching a detached buffer does nothing (DetachArrayBuffer), but a transfer refuses it.
      if (buffer instanceof ArrayBuffer && buffer.detached === true) return null;
      if (typeof structuredClone === "function") {
        structuredClone(buffer, { transfer: [buffer] });
        return null;
      }
      if (typeof ArrayBuffer.prototype.transfer === "function") {
        ArrayBuffer.prototype.transfer.call(buffer);
        return null;
      }
      throw new Error("Test262:HostUnsupported:detachArrayBuffer");
    }
  });
})(typeof globalThis === "object" ? globalThis : Function("return this")());
"#;

/// Composes the source of `test` for one run in `mode`.
pub fn compose(
    test: &TestCase,
    mode: Mode,
    harness: &Harness,
    target: Target,
) -> Result<Composed, String> {
    let metadata = test.metadata.as_ref().map_err(Clone::clone)?;
    let strict_prefix = if mode == Mode::Strict {
        "\"use strict\";\n"
    } else {
        ""
    };
    let script = |with_shim: bool| -> Result<String, String> {
        let shim = if with_shim { EXTERNAL_HOST_SHIM } else { "" };
        Ok(format!(
            "{strict_prefix}{shim}{}{}\n",
            harness.prelude(metadata)?,
            test.source
        ))
    };
    let end_marker = if metadata.flags.is_async {
        String::new()
    } else {
        format!(";print({DONE_MARKER:?});\n")
    };
    let composed = match (target, mode) {
        (_, Mode::Raw) => match target {
            Target::External { modules_only: true } => module(wrap_in_indirect_eval(&test.source)),
            _ => script_only(test.source.clone()),
        },
        (Target::InProcess, Mode::Module) => Composed {
            prelude: harness.prelude(metadata)?,
            main: test.source.clone(),
            is_module: true,
        },
        (Target::InProcess, _) => script_only(script(false)?),
        (Target::External { .. }, Mode::Module) => Composed {
            prelude: wrap_in_indirect_eval(&format!(
                "{EXTERNAL_HOST_SHIM}{}",
                harness.global_prelude(metadata)?
            )),
            main: format!(
                "import \"./{HARNESS_MODULE}\";\n{}\n{end_marker}",
                test.source
            ),
            is_module: true,
        },
        // The harness and the test in two global evals, so that the harness's functions are
        // globals even when the test is strict code (strict eval keeps declarations local).
        (Target::External { modules_only: true }, _) => module(format!(
            "{}{}{end_marker}",
            wrap_in_indirect_eval(&format!(
                "{EXTERNAL_HOST_SHIM}{}",
                harness.global_prelude(metadata)?
            )),
            wrap_in_indirect_eval(&format!("{strict_prefix}{}\n", test.source)),
        )),
        (
            Target::External {
                modules_only: false,
            },
            _,
        ) => script_only(format!("{}{end_marker}", script(true)?)),
    };
    Ok(composed)
}

fn script_only(main: String) -> Composed {
    Composed {
        prelude: String::new(),
        main,
        is_module: false,
    }
}

fn module(main: String) -> Composed {
    Composed {
        prelude: String::new(),
        main,
        is_module: true,
    }
}

/// For engines that only run modules: a global indirect eval of the script is the closest module
/// code gets to ScriptEvaluation (global `this`, sloppy mode unless the script says "use strict",
/// `var`s on the global object). Differences that remain: eval-declared globals are deletable and
/// strict eval code keeps its declarations local.
fn wrap_in_indirect_eval(script: &str) -> String {
    let literal = serde_json::to_string(script).unwrap_or_else(|_| "\"\"".into());
    format!("(0, eval)({literal});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn harness() -> Harness {
        let files = [
            ("assert.js", "/*assert*/"),
            ("sta.js", "/*sta*/"),
            ("doneprintHandle.js", "/*done*/"),
            ("extra.js", "/*extra*/"),
        ];
        Harness {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn test(frontmatter: &str) -> TestCase {
        TestCase::new(
            "test/x.js".into(),
            format!("/*---\n{frontmatter}\n---*/\nbody();"),
        )
    }

    #[test]
    fn in_process_scripts_get_harness_and_strict_prefix() {
        let composed = compose(
            &test("includes: [extra.js]"),
            Mode::Strict,
            &harness(),
            Target::InProcess,
        )
        .unwrap();
        assert!(
            composed
                .main
                .starts_with("\"use strict\";\n/*assert*/\n/*sta*/\n/*extra*/\n")
        );
        assert!(composed.main.ends_with("body();\n"));
        assert!(!composed.is_module && composed.prelude.is_empty());
        let sloppy = compose(&test(""), Mode::NonStrict, &harness(), Target::InProcess).unwrap();
        assert!(sloppy.main.starts_with("/*assert*/"));
    }

    #[test]
    fn harness_lexical_declarations_become_global_in_eval_preludes() {
        let mut harness = harness();
        harness.files.insert(
            "lexical.js".into(),
            "const ctors = [];\nlet n = 1;\nfunction f() { const inner = 1; }".into(),
        );
        let metadata = test("includes: [lexical.js]").metadata.unwrap();
        let prelude = harness.global_prelude(&metadata).unwrap();
        assert!(prelude.contains("var ctors = [];\nvar n = 1;\n"), "{prelude}");
        assert!(prelude.contains("{ const inner = 1; }"), "{prelude}");
    }

    #[test]
    fn in_process_modules_keep_the_harness_as_a_separate_script() {
        let composed = compose(
            &test("flags: [module, async]"),
            Mode::Module,
            &harness(),
            Target::InProcess,
        )
        .unwrap();
        assert_eq!(composed.prelude, "/*assert*/\n/*sta*/\n/*done*/\n");
        assert!(composed.is_module && composed.main.ends_with("body();"));
    }

    #[test]
    fn external_files_are_self_contained_with_an_end_marker() {
        let target = Target::External {
            modules_only: false,
        };
        let composed = compose(&test(""), Mode::Strict, &harness(), target).unwrap();
        assert!(
            composed
                .main
                .starts_with("\"use strict\";\n(function (global)")
        );
        assert!(composed.main.ends_with(";print(\"Test262:Done\");\n"));
        let async_test =
            compose(&test("flags: [async]"), Mode::NonStrict, &harness(), target).unwrap();
        assert!(!async_test.main.contains(DONE_MARKER));
        let raw = compose(&test("flags: [raw]"), Mode::Raw, &harness(), target).unwrap();
        assert_eq!(raw.main, test("flags: [raw]").source);
    }

    #[test]
    fn modules_only_engines_get_scripts_through_indirect_eval() {
        let target = Target::External { modules_only: true };
        let composed = compose(&test(""), Mode::NonStrict, &harness(), target).unwrap();
        assert!(composed.is_module);
        assert!(composed.main.starts_with("(0, eval)(\"(function (global)"));
        assert!(composed.main.ends_with(";print(\"Test262:Done\");\n"));
        let strict = compose(&test(""), Mode::Strict, &harness(), target).unwrap();
        let second_eval = "/*sta*/\\n\");\n(0, eval)(\"\\\"use strict\\\";\\n/*---";
        assert!(strict.main.contains(second_eval), "{}", strict.main);
    }

    #[test]
    fn external_modules_import_the_harness_first() {
        let target = Target::External {
            modules_only: false,
        };
        let composed = compose(&test("flags: [module]"), Mode::Module, &harness(), target).unwrap();
        assert!(
            composed
                .main
                .starts_with("import \"./test262-harness_PRELUDE.js\";\n/*---")
        );
        assert!(
            composed
                .prelude
                .starts_with("(0, eval)(\"(function (global)")
        );
        assert!(composed.prelude.contains("/*assert*/"));
    }

    #[test]
    fn missing_includes_are_reported() {
        let error = compose(
            &test("includes: [nope.js]"),
            Mode::Strict,
            &harness(),
            Target::InProcess,
        )
        .unwrap_err();
        assert!(error.contains("harness/nope.js"));
    }
}
