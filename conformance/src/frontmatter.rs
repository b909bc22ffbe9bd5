//! The YAML metadata block (`/*--- ... ---*/`) at the top of every test262 test.
//!
//! test262 frontmatter only ever uses a small YAML subset for the keys a runner needs (`includes`,
//! `flags`, `features` as flow or block lists, `negative` as a two-key mapping), so this is a
//! purpose-built reader rather than a YAML dependency. Free-text keys (`description`, `info`, ...)
//! are skipped, including their indented block scalars.

use serde::{Deserialize, Serialize};

/// When a negative test is expected to fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Parse,
    Resolution,
    Runtime,
}

/// The `negative` key: the test must throw an error of `error_type` during `phase`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Negative {
    pub phase: Phase,
    pub error_type: String,
}

/// The `flags` key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub module: bool,
    pub raw: bool,
    pub is_async: bool,
    pub can_block_is_true: bool,
    pub can_block_is_false: bool,
}

/// Everything the runner needs from a test's frontmatter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub includes: Vec<String>,
    pub flags: Flags,
    pub features: Vec<String>,
    pub negative: Option<Negative>,
}

/// Why a frontmatter block could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontmatterError(pub String);

impl std::fmt::Display for FrontmatterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Extracts and parses the frontmatter of a test source. A test without frontmatter gets the
/// default metadata (run in both modes, no includes), as test262's own tools do.
pub fn parse(source: &str) -> Result<Metadata, FrontmatterError> {
    let Some(start) = source.find("/*---") else {
        return Ok(Metadata::default());
    };
    let body_start = start + "/*---".len();
    let Some(length) = source[body_start..].find("---*/") else {
        return Err(FrontmatterError(
            "frontmatter `/*---` is never closed by `---*/`".into(),
        ));
    };
    parse_yaml(&source[body_start..body_start + length])
}

fn parse_yaml(yaml: &str) -> Result<Metadata, FrontmatterError> {
    let mut metadata = Metadata::default();
    let mut flags = Vec::new();
    let lines: Vec<&str> = yaml.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.trim().is_empty() || line.starts_with(char::is_whitespace) || line.starts_with('#')
        {
            continue; // continuation of a free-text key, or a comment
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        let rest = rest.trim();
        match key {
            "includes" | "flags" | "features" => {
                let items = read_list(rest, &lines, &mut index)
                    .map_err(|e| FrontmatterError(format!("`{key}`: {e}")))?;
                match key {
                    "includes" => metadata.includes = items,
                    "flags" => flags = items,
                    _ => metadata.features = items,
                }
            }
            "negative" => {
                metadata.negative = Some(read_negative(rest, &lines, &mut index)?);
            }
            _ => {}
        }
    }
    for flag in flags {
        match flag.as_str() {
            "onlyStrict" => metadata.flags.only_strict = true,
            "noStrict" => metadata.flags.no_strict = true,
            "module" => metadata.flags.module = true,
            "raw" => metadata.flags.raw = true,
            "async" => metadata.flags.is_async = true,
            "CanBlockIsTrue" => metadata.flags.can_block_is_true = true,
            "CanBlockIsFalse" => metadata.flags.can_block_is_false = true,
            // Informational flags (`generated`, `non-deterministic`) do not change how a test runs.
            _ => {}
        }
    }
    Ok(metadata)
}

/// Reads `[a, b]` (possibly spanning lines) or a block list of `- item` lines.
fn read_list(rest: &str, lines: &[&str], index: &mut usize) -> Result<Vec<String>, String> {
    if rest.starts_with('[') {
        let mut flow = rest.to_string();
        while !flow.contains(']') {
            let Some(next) = lines.get(*index) else {
                return Err("list `[` is never closed".into());
            };
            flow.push(' ');
            flow.push_str(next.trim());
            *index += 1;
        }
        let inner = &flow[1..flow.find(']').unwrap_or(flow.len())];
        return Ok(inner
            .split(',')
            .map(clean_scalar)
            .filter(|s| !s.is_empty())
            .collect());
    }
    if !rest.is_empty() {
        return Ok(vec![clean_scalar(rest)]);
    }
    let mut items = Vec::new();
    while let Some(next) = lines.get(*index) {
        let trimmed = next.trim();
        if let Some(item) = trimmed.strip_prefix('-') {
            items.push(clean_scalar(item));
            *index += 1;
        } else if trimmed.is_empty() || trimmed.starts_with('#') {
            *index += 1;
        } else {
            break;
        }
    }
    Ok(items)
}

fn read_negative(
    rest: &str,
    lines: &[&str],
    index: &mut usize,
) -> Result<Negative, FrontmatterError> {
    let mut phase = None;
    let mut error_type = None;
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(flow) = rest.strip_prefix('{') {
        // Flow mapping: `negative: {phase: parse, type: SyntaxError}`
        for pair in flow.trim_end_matches('}').split(',') {
            if let Some((k, v)) = pair.split_once(':') {
                pairs.push((k.trim().to_string(), clean_scalar(v)));
            }
        }
    } else {
        while let Some(next) = lines.get(*index) {
            if !next.starts_with(char::is_whitespace) || next.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = next.split_once(':') {
                pairs.push((k.trim().to_string(), clean_scalar(v)));
            }
            *index += 1;
        }
    }
    for (key, value) in pairs {
        match key.as_str() {
            "phase" => {
                phase = Some(match value.as_str() {
                    "parse" => Phase::Parse,
                    "resolution" => Phase::Resolution,
                    "runtime" => Phase::Runtime,
                    other => {
                        return Err(FrontmatterError(format!(
                            "unknown negative phase `{other}`"
                        )));
                    }
                })
            }
            "type" => error_type = Some(value),
            _ => {}
        }
    }
    match (phase, error_type) {
        (Some(phase), Some(error_type)) if !error_type.is_empty() => {
            Ok(Negative { phase, error_type })
        }
        _ => Err(FrontmatterError(
            "`negative` needs both `phase` and `type`".into(),
        )),
    }
}

/// Strips whitespace, a trailing comment and quotes from a YAML scalar.
fn clean_scalar(raw: &str) -> String {
    let without_comment = match raw.find(" #") {
        Some(at) => &raw[..at],
        None => raw,
    };
    without_comment
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flow_lists_and_negative_mapping() {
        let source = "// Copyright\n/*---\nesid: sec-x\ndescription: >\n  A thing: with colon\nincludes: [propertyHelper.js, compareArray.js]\nflags: [onlyStrict, async]\nfeatures: [Symbol, \"BigInt\"]\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\ncode();";
        let metadata = parse(source).unwrap();
        assert_eq!(metadata.includes, ["propertyHelper.js", "compareArray.js"]);
        assert!(metadata.flags.only_strict && metadata.flags.is_async);
        assert!(!metadata.flags.module);
        assert_eq!(metadata.features, ["Symbol", "BigInt"]);
        assert_eq!(
            metadata.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
    }

    #[test]
    fn reads_block_lists_and_multiline_flow_lists() {
        let source = "/*---\ninfo: |\n  flags: [raw]\nincludes:\n  - a.js\n  - b.js # why\nfeatures: [one,\n  two]\nflags: [module, CanBlockIsFalse]\n---*/";
        let metadata = parse(source).unwrap();
        assert_eq!(metadata.includes, ["a.js", "b.js"]);
        assert_eq!(metadata.features, ["one", "two"]);
        assert!(metadata.flags.module && metadata.flags.can_block_is_false);
        assert!(
            !metadata.flags.raw,
            "indented text inside `info` is not a key"
        );
    }

    #[test]
    fn missing_frontmatter_is_default_and_broken_one_is_an_error() {
        assert_eq!(parse("var x;").unwrap(), Metadata::default());
        assert!(parse("/*--- flags: [raw]").is_err());
        assert!(parse("/*---\nnegative:\n  phase: later\n  type: E\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  phase: parse\n---*/").is_err());
    }

    #[test]
    fn reads_flow_mapping_negative() {
        let metadata =
            parse("/*---\nnegative: {phase: resolution, type: ReferenceError}\n---*/").unwrap();
        assert_eq!(metadata.negative.unwrap().phase, Phase::Resolution);
    }
}
