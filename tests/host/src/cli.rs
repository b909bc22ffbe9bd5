//! Command line shaped like `wasmedge [run] [--dir ..]… [--env K=V]… file.wasm [args…]`.

use std::path::Path;

#[derive(Debug, PartialEq)]
pub struct Preopen {
    /// The name the guest sees in `fd_prestat_dir_name`.
    pub guest: String,
    pub host: String,
    pub readonly: bool,
}

#[derive(Debug, PartialEq)]
pub struct Options {
    pub preopens: Vec<Preopen>,
    pub env: Vec<(String, String)>,
    pub wasm_file: String,
    /// Guest argv, argv[0] included.
    pub guest_args: Vec<String>,
}

pub const USAGE: &str = "usage: wasmedge-test-host [--dir GUEST:HOST[:readonly] | --dir DIR]... [--env NAME=VALUE]... FILE.wasm [ARGS...]";

/// Parses the host's arguments (without the host's own argv[0]).
/// Options must precede the wasm file; everything after it belongs to the guest.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut preopens = Vec::new();
    let mut env = Vec::new();
    let mut rest = args;
    if rest.first().map(String::as_str) == Some("run") {
        rest = &rest[1..];
    }
    loop {
        let Some((word, tail)) = rest.split_first() else {
            return Err("missing the wasm file to run".to_string());
        };
        let (name, inline_value) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (word.as_str(), None),
        };
        let take_value = |tail: &[String]| -> Result<(String, usize), String> {
            match &inline_value {
                Some(value) => Ok((value.clone(), 0)),
                None => tail
                    .first()
                    .cloned()
                    .map(|v| (v, 1))
                    .ok_or_else(|| format!("option {name} needs a value")),
            }
        };
        match name {
            "--" => {
                let Some((file, guest)) = tail.split_first() else {
                    return Err("missing the wasm file to run".to_string());
                };
                return Ok(finish(preopens, env, file, guest));
            }
            "--dir" => {
                let (value, used) = take_value(tail)?;
                preopens.push(parse_dir(&value));
                rest = &tail[used..];
            }
            "--env" => {
                let (value, used) = take_value(tail)?;
                env.push(match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), v.to_string()),
                    None => (value.clone(), String::new()),
                });
                rest = &tail[used..];
            }
            _ if word.starts_with('-') && word.len() > 1 => {
                return Err(format!("unsupported option {word}"));
            }
            _ => return Ok(finish(preopens, env, word, tail)),
        }
    }
}

fn finish(
    preopens: Vec<Preopen>,
    env: Vec<(String, String)>,
    file: &str,
    guest: &[String],
) -> Options {
    let mut guest_args = vec![guest_argv0(file)];
    guest_args.extend(guest.iter().cloned());
    Options {
        preopens,
        env,
        wasm_file: file.to_string(),
        guest_args,
    }
}

/// `GUEST:HOST`, `GUEST:HOST:readonly` or `DIR` (guest name = host path).
fn parse_dir(value: &str) -> Preopen {
    let (spec, readonly) = match value.strip_suffix(":readonly") {
        Some(spec) => (spec, true),
        None => (value, false),
    };
    let (guest, host) = spec.split_once(':').unwrap_or((spec, spec));
    Preopen {
        guest: guest_dir_name(guest),
        host: host.to_string(),
        readonly,
    }
}

/// WasmEdge canonicalises the guest name and strips its leading `/`; `/` and `.` stay.
pub fn guest_dir_name(raw: &str) -> String {
    if raw == "/" {
        return "/".to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in raw.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// WasmEdge's argv[0]: the file's basename with its extension replaced by `.wasm`.
pub fn guest_argv0(file: &str) -> String {
    let base = Path::new(file)
        .file_name()
        .map(Path::new)
        .unwrap_or(Path::new(file));
    base.with_extension("wasm").to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn options_stop_at_the_wasm_file() {
        let opts = parse(&words(
            "--dir .:. --env A=1 --env=B=x=y app.wasm script.js --dir z -v",
        ))
        .unwrap();
        assert_eq!(
            opts.preopens,
            vec![Preopen {
                guest: ".".into(),
                host: ".".into(),
                readonly: false
            }]
        );
        assert_eq!(
            opts.env,
            vec![("A".into(), "1".into()), ("B".into(), "x=y".into())]
        );
        assert_eq!(opts.wasm_file, "app.wasm");
        assert_eq!(opts.guest_args, words("app.wasm script.js --dir z -v"));
    }

    #[test]
    fn dir_forms() {
        let opts = parse(&words(
            "run --dir=/g1:/tmp:readonly --dir /scratch/x --dir / -- f.foo",
        ))
        .unwrap();
        assert_eq!(
            opts.preopens[0],
            Preopen {
                guest: "g1".into(),
                host: "/tmp".into(),
                readonly: true
            }
        );
        assert_eq!(
            opts.preopens[1],
            Preopen {
                guest: "scratch/x".into(),
                host: "/scratch/x".into(),
                readonly: false
            }
        );
        assert_eq!(opts.preopens[2].guest, "/");
        assert_eq!(opts.guest_args, vec!["f.wasm".to_string()]);
    }

    #[test]
    fn argv0_is_basename_with_wasm_extension() {
        assert_eq!(guest_argv0("/x/probe.foo"), "probe.wasm");
        assert_eq!(guest_argv0("probe"), "probe.wasm");
        assert_eq!(guest_argv0("../a/b.wasm"), "b.wasm");
    }

    #[test]
    fn errors_are_reported() {
        assert!(parse(&words("--dir")).is_err());
        assert!(parse(&words("--dir .")).is_err());
        assert!(parse(&words("--reactor x.wasm")).is_err());
    }
}
