//! `qjs-ng [--module] FILE`: evaluates FILE with QuickJS-ng (as embedded by the `rquickjs`
//! crate) as a script, or as an ES module with `--module`, then runs promise jobs until none is
//! left. Globals: QuickJS-ng's standard library plus `print(...values)` (each value through
//! `String`, joined by one space, one line on stdout). An uncaught exception or a rejected
//! module prints `Uncaught <error>` on stderr and exits with status 1.
//!
//! This is what the test262 runner needs to run QuickJS-ng as an external engine
//! (`--engine "quickjs-ng=qjs-ng {module:--module} {file}"`, docs/conformance.md); it is not a
//! product.

use std::io::Write;
use std::process::ExitCode;

use rquickjs::{
    CatchResultExt, CaughtError, Coerced, Context, Ctx, Function, Module, Runtime,
    context::EvalOptions,
    function::Rest,
    loader::{ImportAttributes, Resolver, ScriptLoader},
};

/// Resolves `./x` and `../x` against the importing file's directory, bare names against the
/// working directory, and names files by their absolute path.
struct PathResolver;

impl Resolver for PathResolver {
    fn resolve<'js>(&mut self, _: &Ctx<'js>, base: &str, name: &str, _: Option<ImportAttributes<'js>>) -> rquickjs::Result<String> {
        let base_dir = std::path::Path::new(base).parent().unwrap_or(std::path::Path::new("."));
        let path = if name.starts_with('.') { base_dir.join(name) } else { std::path::PathBuf::from(name) };
        std::fs::canonicalize(&path)
            .map(|path| path.to_string_lossy().into_owned())
            .map_err(|_| rquickjs::Error::new_resolving(base, name))
    }
}

fn print(values: Rest<Coerced<String>>) {
    let line: Vec<String> = values.0.into_iter().map(|value| value.0).collect();
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", line.join(" "));
    let _ = stdout.flush();
}

fn describe(error: CaughtError<'_>) -> String {
    match error {
        CaughtError::Exception(exception) => {
            let message = exception.message().unwrap_or_default();
            let name = exception
                .get::<_, Coerced<String>>("name")
                .map(|name| name.0)
                .unwrap_or_else(|_| "Error".into());
            if message.is_empty() { name } else { format!("{name}: {message}") }
        }
        CaughtError::Value(value) => value
            .get::<Coerced<String>>()
            .map(|text| text.0)
            .unwrap_or_else(|_| format!("{value:?}")),
        CaughtError::Error(error) => error.to_string(),
    }
}

fn run(ctx: &Ctx<'_>, path: &str, source: Vec<u8>, as_module: bool) -> Result<(), String> {
    ctx.globals()
        .set("print", Function::new(ctx.clone(), print).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    if as_module {
        let promise = Module::evaluate(ctx.clone(), path, source).catch(ctx).map_err(describe)?;
        // Runs the job queue until the module's evaluation settles.
        match promise.finish::<()>().catch(ctx) {
            Ok(()) | Err(CaughtError::Error(rquickjs::Error::WouldBlock)) => Ok(()),
            Err(error) => Err(describe(error)),
        }
    } else {
        let mut options = EvalOptions::default();
        options.global = true;
        options.strict = false;
        options.filename = Some(path.to_string());
        ctx.eval_with_options::<(), _>(source, options).catch(ctx).map_err(describe)
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let as_module = args.next_if(|arg| arg == "--module").is_some();
    let Some(path) = args.next() else {
        eprintln!("usage: qjs-ng [--module] FILE");
        return ExitCode::from(2);
    };
    let source = match std::fs::read(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("qjs-ng: cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let Ok(runtime) = Runtime::new() else {
        eprintln!("qjs-ng: cannot create a runtime");
        return ExitCode::from(2);
    };
    runtime.set_loader(PathResolver, ScriptLoader::default().with_extension("mjs"));
    let Ok(context) = Context::full(&runtime) else {
        eprintln!("qjs-ng: cannot create a context");
        return ExitCode::from(2);
    };
    let mut result = context.with(|ctx| run(&ctx, &path, source, as_module));
    // Promise jobs left over (async script tests): run them all; the first uncaught one fails.
    while result.is_ok() {
        match runtime.execute_pending_job() {
            Ok(true) => {}
            Ok(false) => break,
            Err(job) => result = job.0.with(|ctx| Err(describe(CaughtError::from_error(&ctx, rquickjs::Error::Exception)))),
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("Uncaught {message}");
            ExitCode::FAILURE
        }
    }
}
