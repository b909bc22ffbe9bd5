//! `wasmedge_boa image app.js [-o app.oci.tar] [options] [-- args…]`

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
    time::{SystemTime, UNIX_EPOCH},
};

use super::oci::{ImageSpec, LayerFile, split_reference, write_archive};
use crate::bundle::bundle_app;

pub const USAGE: &str = "\
usage: wasmedge_boa image <app.js | app.wasm> [options] [-- app args...]

Bundles <app.js> as `wasmedge_boa bundle` does (or takes a .wasm that is bundled already) and writes
an OCI image archive whose one layer holds /app.wasm, for Kubernetes nodes that run wasm with crun
built with WasmEdge or with containerd's runwasi WasmEdge shim (docs/deploy.md). Push it with
  skopeo copy oci-archive:app.oci.tar docker://registry.example.com/app:1.0

options:
  -o, --output FILE       the archive to write (default: <app>.oci.tar in the current directory)
  -t, --tag NAME[:TAG]    the image's name, recorded in the archive (default: <app>:latest)
  -p, --port PORT         a TCP port the app listens on (the image's ExposedPorts; repeatable)
  -e, --env NAME=VALUE    an environment variable of the image (repeatable)
  --aot                   also put /app.aot.wasm in the image, made by `wasmedge compile` (from
                          $WASMEDGE or PATH), and start that one
  --aot-optimize LEVEL    `wasmedge compile --optimize LEVEL` (0, 1, 2, 3, s, z; default s)
  --platform OS/ARCH      the image's platform (default wasi/wasm; linux/amd64 for nodes whose
                          containerd will not unpack other platforms, see docs/deploy.md)
  --runtime FILE          as for `bundle`: the wasmedge_boa.wasm to build on
  --include SPECIFIER     as for `bundle` (repeatable)
  -- ARGS...              the app's arguments (the image's Cmd)
  -h, --help              print this help and exit

environment:
  SOURCE_DATE_EPOCH       the image's creation time (seconds): the same input then gives the same
                          archive, byte for byte
  QJS_LIB                 directory of modules for bare names (default ./modules), as when running";

/// The WasmEdge annotation crun selects wasm containers on: `compat-smart` runs only containers
/// whose entrypoint ends in `.wasm`, so sidecars of the same pod stay ordinary containers.
pub const VARIANT_ANNOTATION: (&str, &str) = ("module.wasm.image/variant", "compat-smart");

#[derive(Debug, Default)]
struct Options {
    app: String,
    output: Option<PathBuf>,
    tag: Option<String>,
    ports: Vec<u16>,
    env: Vec<String>,
    aot: bool,
    aot_optimize: String,
    platform: (String, String),
    runtime: Option<PathBuf>,
    includes: Vec<String>,
    args: Vec<String>,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        aot_optimize: "s".into(),
        platform: ("wasi".into(), "wasm".into()),
        ..Options::default()
    };
    let mut app = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-o" | "--output" => options.output = Some(PathBuf::from(value(arg)?)),
            "-t" | "--tag" => options.tag = Some(value(arg)?),
            "-p" | "--port" => {
                let port = value(arg)?;
                match port.parse::<u16>() {
                    Ok(port) if port > 0 => options.ports.push(port),
                    _ => return Err(format!("{arg}: '{port}' is not a TCP port (1-65535)")),
                }
            }
            "-e" | "--env" => {
                let pair = value(arg)?;
                match pair.split_once('=') {
                    Some((name, _)) if !name.is_empty() => options.env.push(pair),
                    _ => return Err(format!("{arg}: '{pair}' is not NAME=VALUE")),
                }
            }
            "--aot" => options.aot = true,
            "--aot-optimize" => {
                let level = value(arg)?;
                if !["0", "1", "2", "3", "s", "z"].contains(&level.as_str()) {
                    return Err(format!("--aot-optimize: '{level}' is not one of 0, 1, 2, 3, s, z"));
                }
                options.aot_optimize = level;
            }
            "--platform" => {
                let platform = value(arg)?;
                match platform.split_once('/') {
                    Some((os, arch)) if !os.is_empty() && !arch.is_empty() && !arch.contains('/') => {
                        options.platform = (os.into(), arch.into())
                    }
                    _ => return Err(format!("--platform: '{platform}' is not OS/ARCH (wasi/wasm, linux/amd64…)")),
                }
            }
            "--runtime" => options.runtime = Some(PathBuf::from(value(arg)?)),
            "--include" => options.includes.push(value(arg)?),
            "--" => {
                options.args = args.cloned().collect();
                break;
            }
            option if option.starts_with('-') && option.len() > 1 => return Err(format!("unknown option '{option}'")),
            path if app.is_none() => app = Some(path.to_string()),
            extra => return Err(format!("unexpected argument '{extra}' (the app's arguments go after --)")),
        }
    }
    options.app = app.ok_or("missing the app (app.js, or a bundled app.wasm)")?;
    if options.aot && options.app.ends_with(".aot.wasm") {
        return Err("--aot: the app is AOT-compiled already; give the plain .wasm".into());
    }
    Ok(Some(options))
}

/// Runs the subcommand; `args` follow the word `image`. Returns the exit status.
pub fn run(args: &[String]) -> i32 {
    crate::bundle::command::run_subcommand("image", USAGE, parse(args), image)
}

/// `dir/app.js` → `app`.
fn app_stem(app: &str) -> String {
    let name = Path::new(app).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    // Image names are lower case: letters, digits and separators.
    let stem: String = stem
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    if stem.trim_matches(['-', '_']).is_empty() { "app".into() } else { stem }
}

fn image(options: &Options) -> Result<(), String> {
    let stem = app_stem(&options.app);
    let output = options.output.clone().unwrap_or_else(|| PathBuf::from(format!("{stem}.oci.tar")));
    let reference = options.tag.clone().unwrap_or_else(|| format!("{stem}:latest"));
    let created = created_time()?;

    let wasm = if options.app.ends_with(".wasm") {
        if !options.includes.is_empty() || options.runtime.is_some() {
            return Err("--include and --runtime apply to an app.js, not to a bundled .wasm".into());
        }
        let bytes = std::fs::read(&options.app).map_err(|e| format!("cannot read '{}': {e}", options.app))?;
        if !bytes.starts_with(b"\0asm") {
            return Err(format!("'{}' is not a WebAssembly module", options.app));
        }
        bytes
    } else {
        bundle_app(&options.app, &options.includes, options.runtime.as_deref(), "image")?
    };

    let mut files = Vec::new();
    let mut entrypoint = "/app.wasm".to_string();
    if options.aot {
        let aot = aot_compile(&wasm, &options.aot_optimize)?;
        files.push(LayerFile { path: "app.aot.wasm".into(), bytes: aot, mode: 0o755 });
        entrypoint = "/app.aot.wasm".into();
    }
    // Executable, as older crun releases required; runwasi still recognises it as wasm by its
    // magic number.
    files.insert(0, LayerFile { path: "app.wasm".into(), bytes: wasm, mode: 0o755 });

    let (name, _) = split_reference(&reference);
    let title = name.rsplit('/').next().unwrap_or(name).to_string();
    let annotations = BTreeMap::from([
        (VARIANT_ANNOTATION.0.to_string(), VARIANT_ANNOTATION.1.to_string()),
        ("org.opencontainers.image.title".to_string(), title),
    ]);
    let spec = ImageSpec {
        files,
        os: options.platform.0.clone(),
        architecture: options.platform.1.clone(),
        entrypoint: vec![entrypoint.clone()],
        cmd: options.args.clone(),
        env: options.env.clone(),
        exposed_ports: options.ports.clone(),
        working_dir: "/".into(),
        annotations,
        reference: reference.clone(),
        created,
        created_by: format!("wasmedge_boa {} image {}", env!("CARGO_PKG_VERSION"), options.app),
    };
    let mut file =
        std::fs::File::create(&output).map_err(|e| format!("cannot write '{}': {e}", output.display()))?;
    let written = write_archive(&spec, &mut file).map_err(|e| format!("cannot write '{}': {e}", output.display()))?;
    eprintln!(
        "wasmedge_boa image: {reference} ({}/{}, entrypoint {entrypoint}) -> {} ({:.1} MiB)\n  manifest {}",
        options.platform.0,
        options.platform.1,
        output.display(),
        written.archive_size as f64 / (1024.0 * 1024.0),
        written.manifest_digest,
    );
    Ok(())
}

/// `$SOURCE_DATE_EPOCH`, else now.
fn created_time() -> Result<u64, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.is_empty() => {
            value.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH='{value}' is not a number of seconds"))
        }
        _ => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)),
    }
}

/// Compiles `wasm` with `wasmedge compile --optimize LEVEL` into WasmEdge's universal format: the
/// same module plus a native-code section, which other runtimes ignore.
fn aot_compile(wasm: &[u8], level: &str) -> Result<Vec<u8>, String> {
    let wasmedge = std::env::var_os("WASMEDGE").filter(|w| !w.is_empty()).unwrap_or_else(|| "wasmedge".into());
    let dir = std::env::temp_dir().join(format!(
        "wasmedge_boa-image-{}-{}",
        std::process::id(),
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create '{}': {e}", dir.display()))?;
    let (input, output) = (dir.join("app.wasm"), dir.join("app.aot.wasm"));
    let result = (|| {
        std::fs::write(&input, wasm).map_err(|e| format!("cannot write '{}': {e}", input.display()))?;
        eprintln!("wasmedge_boa image: wasmedge compile --optimize {level} (this takes minutes)");
        let status = Command::new(&wasmedge)
            .args(["compile", "--optimize", level])
            .arg(&input)
            .arg(&output)
            .status()
            .map_err(|e| {
                format!("--aot needs WasmEdge: cannot run '{}': {e} (put wasmedge on PATH or set WASMEDGE)", wasmedge.to_string_lossy())
            })?;
        if !status.success() {
            return Err(format!(
                "'{} compile --optimize {level}' failed ({status}); the image was not written",
                wasmedge.to_string_lossy()
            ));
        }
        std::fs::read(&output).map_err(|e| format!("cannot read '{}': {e}", output.display()))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let options = parse(&strings(&[
            "server.js", "-o", "x.tar", "-t", "reg:5000/a/b:1", "-p", "8080", "--port", "8081", "-e", "A=1", "--env",
            "B=", "--aot", "--aot-optimize", "3", "--platform", "linux/amd64", "--", "--verbose", "x",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(options.app, "server.js");
        assert_eq!(options.output, Some(PathBuf::from("x.tar")));
        assert_eq!(options.tag.as_deref(), Some("reg:5000/a/b:1"));
        assert_eq!(options.ports, vec![8080, 8081]);
        assert_eq!(options.env, vec!["A=1", "B="]);
        assert!(options.aot);
        assert_eq!(options.aot_optimize, "3");
        assert_eq!(options.platform, ("linux".into(), "amd64".into()));
        assert_eq!(options.args, vec!["--verbose", "x"]);

        let defaults = parse(&strings(&["app.js"])).unwrap().unwrap();
        assert_eq!((defaults.platform.0.as_str(), defaults.platform.1.as_str()), ("wasi", "wasm"));
        assert_eq!(defaults.aot_optimize, "s");
        assert!(parse(&strings(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn rejects_bad_options_clearly() {
        let error = |args: &[&str]| parse(&strings(args)).unwrap_err();
        assert!(error(&["a.js", "-p", "http"]).contains("not a TCP port"));
        assert!(error(&["a.js", "-p", "0"]).contains("not a TCP port"));
        assert!(error(&["a.js", "-e", "NOVALUE"]).contains("NAME=VALUE"));
        assert!(error(&["a.js", "--platform", "wasm"]).contains("OS/ARCH"));
        assert!(error(&["a.js", "--aot-optimize", "fast"]).contains("not one of"));
        assert!(error(&["a.js", "b.js"]).contains("after --"));
        assert!(error(&["--bogus"]).contains("unknown option"));
        assert!(error(&[]).contains("missing the app"));
        assert!(error(&["app.aot.wasm", "--aot"]).contains("AOT-compiled already"));
    }

    #[test]
    fn image_names_come_from_the_app() {
        assert_eq!(app_stem("dir/server.js"), "server");
        assert_eq!(app_stem("My App.mjs"), "my-app");
        assert_eq!(app_stem("hello.wasm"), "hello");
        assert_eq!(app_stem("..."), "app");
    }
}
