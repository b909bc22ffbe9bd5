// Shared by the two build scripts that embed JavaScript (`build.rs` for `js/`, `builtins/build.rs`
// for `builtins/src/web/js/`), through `include!`: how a source file is stored in the binary.
//
// Comments are a quarter of our JavaScript and are never needed at run time, so they are left
// out, as is indentation, keeping every newline (error positions and stack traces still name
// the source's lines, though not its columns);
// the rest is deflate-compressed (builtins/src/embedded.rs inflates a module on first import).
// Zopfli writes ordinary deflate streams, 4-5 % smaller than zlib's best level; its seconds of
// work are spent once per build, and the .wasm has a size cap (issue 12).

/// The bytes to embed for the JavaScript source `source`.
fn embedded_js(source: &[u8]) -> Vec<u8> {
    // A file this small scanner cannot read with certainty is embedded as written.
    let text = strip_js_comments(source).unwrap_or_else(|| source.to_vec());
    let mut compressed = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Deflate, &text[..], &mut compressed)
        .expect("compressing in memory");
    compressed
}

/// `source` without its comments and indentation: a line comment goes (its newline stays), a
/// block comment becomes its newlines, or one space if it has none; blanks at the start and end
/// of a line go and other runs of blanks become one space. Strings, template literals (with their
/// `${…}` nesting) and regular expression literals are copied untouched. `None` when the scan
/// ends somewhere it should not (an unterminated string, template, regex or comment), which
/// is also how a misread `/` would show.
fn strip_js_comments(source: &[u8]) -> Option<Vec<u8>> {
    const REGEX_AFTER: &[&[u8]] = &[
        b"return", b"typeof", b"instanceof", b"in", b"of", b"new", b"delete", b"void", b"throw",
        b"case", b"do", b"else", b"yield", b"await",
    ];
    let mut out = Vec::with_capacity(source.len());
    let mut i = 0;
    let mut braces = 0usize;
    // For each open `${` of a template literal, the brace depth its closing `}` returns to.
    let mut substitutions: Vec<usize> = Vec::new();
    // Whether a `/` here starts a regular expression (rather than dividing).
    let mut regex_allowed = true;
    let mut in_template = false;
    while i < source.len() {
        if in_template {
            // Template text up to its end or its next `${`.
            let start = i;
            loop {
                match *source.get(i)? {
                    b'\\' => i += 2,
                    b'`' => {
                        i += 1;
                        in_template = false;
                        regex_allowed = false;
                        break;
                    }
                    b'$' if source.get(i + 1) == Some(&b'{') => {
                        i += 2;
                        substitutions.push(braces);
                        in_template = false;
                        regex_allowed = true;
                        break;
                    }
                    _ => i += 1,
                }
            }
            out.extend_from_slice(source.get(start..i)?);
            continue;
        }
        let c = source[i];
        match c {
            b'/' if source.get(i + 1) == Some(&b'/') => {
                while i < source.len() && source[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if source.get(i + 1) == Some(&b'*') => {
                let end = (i + 2..source.len().saturating_sub(1)).find(|&j| source[j] == b'*' && source[j + 1] == b'/')?;
                let newlines = source[i..end].iter().filter(|&&b| b == b'\n').count();
                if newlines == 0 {
                    out.push(b' ');
                } else {
                    out.extend(std::iter::repeat_n(b'\n', newlines));
                }
                i = end + 2;
            }
            b'/' if regex_allowed => {
                let start = i;
                i += 1;
                let mut in_class = false;
                loop {
                    match *source.get(i)? {
                        b'\n' => return None,
                        b'\\' => i += 1,
                        b'[' => in_class = true,
                        b']' => in_class = false,
                        b'/' if !in_class => break,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                while i < source.len() && source[i].is_ascii_alphabetic() {
                    i += 1;
                }
                out.extend_from_slice(&source[start..i]);
                regex_allowed = false;
            }
            b'\'' | b'"' => {
                let start = i;
                i += 1;
                loop {
                    match *source.get(i)? {
                        b'\\' => i += 1,
                        b'\n' => return None,
                        q if q == c => break,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                out.extend_from_slice(&source[start..i]);
                regex_allowed = false;
            }
            b'`' => {
                out.push(c);
                i += 1;
                in_template = true;
            }
            b'}' if substitutions.last() == Some(&braces) => {
                substitutions.pop();
                out.push(c);
                i += 1;
                in_template = true;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 => {
                let start = i;
                while i < source.len() && (source[i].is_ascii_alphanumeric() || matches!(source[i], b'_' | b'$') || source[i] >= 0x80) {
                    i += 1;
                }
                let word = &source[start..i];
                out.extend_from_slice(word);
                regex_allowed = REGEX_AFTER.contains(&word);
            }
            // Indentation and runs of blanks carry no meaning outside strings and templates:
            // a line keeps its newline and at most one blank between tokens.
            b'\n' => {
                while out.last().is_some_and(|&b| b == b' ' || b == b'\t') {
                    out.pop();
                }
                out.push(b'\n');
                i += 1;
                while i < source.len() && matches!(source[i], b' ' | b'\t' | b'\r') {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => {
                if !out.last().is_some_and(|b| b.is_ascii_whitespace()) {
                    out.push(b' ');
                }
                i += 1;
            }
            _ => {
                match c {
                    b'{' => braces += 1,
                    b'}' => braces = braces.checked_sub(1)?,
                    _ => {}
                }
                out.push(c);
                i += 1;
                // After `)` or `]` a `/` divides; after any other punctuation it starts a regex.
                regex_allowed = !matches!(c, b')' | b']');
            }
        }
    }
    (!in_template && substitutions.is_empty() && braces == 0).then_some(out)
}
