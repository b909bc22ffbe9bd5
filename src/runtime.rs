//! Building a runtime (a Boa context with every global, module and the event loop) and running a
//! main module to completion.

use std::{path::PathBuf, rc::Rc};

use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue, Module,
    builtins::promise::PromiseState,
    js_string,
    object::builtins::{JsArray, JsPromise},
    property::Attribute,
};

use boa_engine::{JsArgs, NativeFunction, job::GenericJob};
use wasmedge_boa_builtins::node::process;

use crate::{bundle::files::ModuleFiles, errors, event_loop::EventLoop, loader::Loader};

/// Deepest JavaScript call chain. Boa's default (512) is far below what ordinary recursive code
/// needs; JS-to-JS calls do not use the native stack, so this costs only heap.
const RECURSION_LIMIT: usize = 10_000;
/// Top-level await on something nothing will ever settle (Node exits with 13).
const TOP_LEVEL_AWAIT_NEVER_FINISHED: &str =
    "the main module's top-level await never finished (nothing left to wait for)";
/// Values on Boa's VM stack (Boa's default is 10 240, too few for the recursion limit above).
const VM_STACK_LIMIT: usize = 4 * 1024 * 1024;

/// Web globals implemented in JavaScript by the embedded `http` module. Parsing that module (and
/// its dependencies) costs start-up time, so it is loaded only for scripts that mention one of
/// these names.
const WEB_GLOBALS_FROM_HTTP: &[&str] = &["fetch", "Headers", "Request", "Response"];

const WEB_GLOBALS_BOOTSTRAP: &str = "\
import { fetch, Headers, Request, Response } from 'node:http';
for (const [name, value] of Object.entries({ fetch, Headers, Request, Response })) {
    if (!(name in globalThis)) {
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    }
}
";

/// Whether `source` mentions `word` as a whole identifier.
fn mentions(source: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.match_indices(word).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// How to set a runtime up.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Where bare names the runtime does not provide are looked up (`$QJS_LIB`, default
    /// `./modules`).
    pub library_dir: Option<PathBuf>,
    /// Where module files come from: the disk, or a bundle (docs/bundle.md).
    pub module_files: ModuleFiles,
}

impl Config {
    /// The configuration the command line uses: `$QJS_LIB` if set.
    pub fn from_env() -> Self {
        Self { library_dir: std::env::var_os("QJS_LIB").map(PathBuf::from), ..Self::default() }
    }
}

/// Why running a script failed; the text is what goes to stderr.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
}

pub struct Runtime {
    context: Context,
    loader: Rc<Loader>,
}

impl Runtime {
    pub fn new(config: Config) -> JsResult<Self> {
        let event_loop = Rc::new(EventLoop::new());
        let loader = Rc::new(Loader::with_files(config.library_dir, config.module_files));
        let mut context = Context::builder()
            .job_executor(event_loop.clone())
            .host_hooks(event_loop)
            .module_loader(loader.clone())
            .build()?;
        context.runtime_limits_mut().set_recursion_limit(RECURSION_LIMIT);
        context.runtime_limits_mut().set_stack_size_limit(VM_STACK_LIMIT);
        wasmedge_boa_builtins::register_globals(&mut context)?;
        context.insert_data(wasmedge_boa_builtins::ModuleImporter(crate::cjs::builtin_namespace));
        Ok(Self { context, loader })
    }

    pub fn context(&mut self) -> &mut Context {
        &mut self.context
    }

    pub fn loader(&self) -> Rc<Loader> {
        self.loader.clone()
    }

    /// Sets the global `args`: the script path as given, then its arguments.
    pub fn set_args(&mut self, args: &[String]) -> JsResult<()> {
        let values: Vec<JsValue> = args.iter().map(|a| JsString::from(a.as_str()).into()).collect();
        let array = JsArray::from_iter(values, &mut self.context);
        self.context.register_global_property(js_string!("args"), array, Attribute::all())?;
        Ok(())
    }

    fn fail(&mut self, error: &JsError) -> Failure {
        Failure { message: errors::describe_uncaught(error, &mut self.context) }
    }

    /// Runs the file at `path` as an ES module, then the event loop until no work is left.
    pub fn run_main(&mut self, path: &str) -> Result<(), Failure> {
        let source = wasmedge_boa_platform::fs::read_to_string(std::path::Path::new(path))
            .map_err(|e| Failure { message: format!("wasmedge_boa: {e}") })?;
        self.run_module_source(path, &source)
    }

    /// Installs `fetch`, `Headers`, `Request` and `Response` from the embedded `http` module.
    pub fn install_web_globals(&mut self) -> Result<(), Failure> {
        let module = crate::loader::parse_module(
            WEB_GLOBALS_BOOTSTRAP,
            std::path::Path::new("node:internal/web_globals"),
            &mut self.context,
        )
        .map_err(|e| self.fail(&e))?;
        let promise = module.load_link_evaluate(&mut self.context);
        self.context.run_jobs().map_err(|e| self.fail(&e))?;
        match promise.state() {
            PromiseState::Rejected(reason) => Err(self.fail(&JsError::from_opaque(reason))),
            _ => Ok(()),
        }
    }

    fn install_web_globals_if_mentioned(&mut self, source: &str) -> Result<(), Failure> {
        if WEB_GLOBALS_FROM_HTTP.iter().any(|name| mentions(source, name)) {
            self.install_web_globals()?;
        }
        Ok(())
    }

    /// Runs `source` as the main module named `path`: an ES module, or CommonJS (a `.cjs`
    /// file, `"type": "commonjs"`, or a `.js` file without module syntax), as Node decides.
    ///
    pub fn run_module_source(&mut self, path: &str, source: &str) -> Result<(), Failure> {
        self.install_web_globals_if_mentioned(source)?;
        let kind = self.loader.main_kind(std::path::Path::new(path), source);
        if kind.node_program {
            // Node's behaviour where it differs from the QuickJS runtime's (README, "Node
            // compatibility"): argv shape, tick order, timer handles.
            let script = crate::node_resolve::absolute(std::path::Path::new(path));
            process::use_node_argv(&script.to_string_lossy(), &mut self.context).map_err(|e| self.fail(&e))?;
            if let Some(event_loop) = self.context.downcast_job_executor::<EventLoop>() {
                event_loop.use_node_tick_order();
            }
            wasmedge_boa_builtins::timers::use_node_handles();
            wasmedge_boa_builtins::console::use_node_format();
        }
        let module = if kind.commonjs { self.commonjs_main(path)? } else { self.parse_main(path, source)? };
        self.load_and_link(&module)?;
        self.run_prepared(&module)
    }

    /// Parses the main module and loads and links its static module graph without running any
    /// of it: the state the bundle pre-initializer snapshots (docs/bundle.md).
    pub fn prepare_main(&mut self, path: &str, source: &str) -> Result<Module, Failure> {
        self.install_web_globals_if_mentioned(source)?;
        let module = self.parse_main(path, source)?;
        self.load_and_link(&module)?;
        Ok(module)
    }

    /// Loads and links `module`'s static graph. Loading, linking and evaluating are separate
    /// steps rather than Boa's `load_link_evaluate`, which resolves its promise with the
    /// evaluation promise and so calls `Promise.prototype.then` after the module has run: a
    /// script that replaced `then` would see one call it never made (test262's
    /// `Promise.prototype.finally` observable-call tests did).
    fn load_and_link(&mut self, module: &Module) -> Result<(), Failure> {
        // Not `finish`: nothing of the program ran yet, so no `beforeExit`/`exit` either.
        let loaded = module.load(&mut self.context);
        self.context.run_jobs().map_err(|error| self.fail(&error))?;
        match loaded.state() {
            PromiseState::Fulfilled(_) => {}
            PromiseState::Rejected(reason) => return Err(self.fail(&JsError::from_opaque(reason))),
            PromiseState::Pending => {
                let pending = JsNativeError::error().with_message("loading the module graph never finished");
                return Err(self.fail(&pending.into()));
            }
        }
        module.link(&mut self.context).map_err(|error| self.fail(&error))
    }

    /// Evaluates a module [`Runtime::prepare_main`] returned, then runs the event loop until no
    /// work is left.
    pub fn run_prepared(&mut self, module: &Module) -> Result<(), Failure> {
        let promise = module.evaluate(&mut self.context).map_err(|error| self.fail(&error))?;
        self.finish(&promise, TOP_LEVEL_AWAIT_NEVER_FINISHED)
    }

    /// The module that runs a CommonJS main script through `require`'s machinery.
    fn commonjs_main(&mut self, path: &str) -> Result<Module, Failure> {
        let quoted = serde_json::to_string(path).unwrap_or_else(|_| "\"\"".into());
        let bootstrap = format!("import {{ runMain }} from 'node:module';\nrunMain({quoted});\n");
        boa_engine::Module::parse(
            boa_engine::Source::from_bytes(bootstrap.as_bytes()).with_path(std::path::Path::new("node:internal/main")),
            None,
            &mut self.context,
        )
        .map_err(|error| self.fail(&error))
    }

    fn parse_main(&mut self, path: &str, source: &str) -> Result<Module, Failure> {
        self.loader
            .load_main(std::path::Path::new(path), source, &mut self.context)
            .map_err(|error| self.fail(&error))
    }

    /// Runs the event loop until no work is left (also after `beforeExit` listeners queued more),
    /// emits `exit`, and reports how `promise` (the main module's evaluation) settled. A non-zero
    /// `process.exitCode` ends the process here.
    fn finish(&mut self, promise: &JsPromise, pending_message: &'static str) -> Result<(), Failure> {
        rethrow_when_rejected(promise, &mut self.context);
        loop {
            if let Err(error) = self.context.run_jobs() {
                return Err(self.fatal(&error));
            }
            match process::emit_before_exit(&mut self.context) {
                Ok(true) if self.context.downcast_job_executor::<EventLoop>().is_some_and(|l| l.has_work()) => continue,
                Ok(_) => break,
                Err(error) => return Err(self.fatal(&error)),
            }
        }
        if let PromiseState::Pending = promise.state() {
            return Err(self.fatal(&JsNativeError::error().with_message(pending_message).into()));
        }
        match process::emit_exit(&mut self.context) {
            Ok(0) => Ok(()),
            Ok(code) => wasmedge_boa_platform::process::exit(code),
            Err(error) => Err(self.fatal(&error)),
        }
    }

    /// An error nobody caught. Without `exit` listeners it is returned to be reported; with
    /// them (Node's order) it is printed first, then `exit` is emitted with code 1.
    fn fatal(&mut self, error: &JsError) -> Failure {
        let failure = self.fail(error);
        if !process::has_exit_listeners(&mut self.context) {
            return failure;
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        eprintln!("{}", failure.message);
        process::set_exit_code(1, &mut self.context);
        let code = match process::emit_exit(&mut self.context) {
            Ok(code) => code.max(1),
            Err(error) => {
                eprintln!("{}", self.fail(&error).message);
                7
            }
        };
        wasmedge_boa_platform::process::exit(code)
    }
}

/// A throw in the main module's body is an uncaught exception at that moment (as in Node), not an
/// unhandled rejection found later: it is offered to `uncaughtException` listeners at once, and
/// if none takes it a tick rethrows it, which ends the event loop with it.
fn rethrow_when_rejected(promise: &JsPromise, context: &mut Context) {
    let on_rejected = NativeFunction::from_fn_ptr(|_, args, context| {
        let reason = args.get_or_undefined(0).clone();
        if process::handle_uncaught(&JsError::from_opaque(reason.clone()), None, context)? {
            return Ok(JsValue::undefined());
        }
        let rethrow = GenericJob::new(move |_| Err(JsError::from_opaque(reason)), context.realm().clone());
        context.enqueue_job(rethrow.into());
        Ok(JsValue::undefined())
    })
    .to_js_function(context.realm());
    let PromiseState::Rejected(reason) = promise.state() else {
        let _ = promise.then(None, Some(on_rejected), context);
        return;
    };
    // The body already threw while it was evaluated: that is the moment, before any tick or job
    // it queued (Node reports it before a `process.emitWarning` of the same body, for one).
    let handled = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())).to_js_function(context.realm());
    let _ = promise.then(None, Some(handled), context);
    if let Err(error) = on_rejected.call(&JsValue::undefined(), &[reason], context) {
        let rethrow = GenericJob::new(move |_| Err(error), context.realm().clone());
        context.enqueue_job(rethrow.into());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_whole_identifiers_only() {
        assert!(super::mentions("const r = await fetch(url)", "fetch"));
        assert!(!super::mentions("resp instanceof http.WasiResponse", "Response"));
        assert!(!super::mentions("prefetch()", "fetch"));
        assert!(super::mentions("new Response('x')", "Response"));
    }
}
