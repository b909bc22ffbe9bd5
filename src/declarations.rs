//! Where a module declares its top-level names, found by a light scan of the source.
//!
//! Boa checks a module's declared and exported names after parsing it and reports a duplicate
//! at `line 1, col 1` (`lexical name `x` declared multiple times`). The error reporter uses this
//! scan to point at the offending declaration instead. It is a tokenizer that knows comments,
//! strings, templates and regular expressions well enough to keep track of nesting, plus the
//! handful of top-level forms that declare or export a name; it never decides whether code is
//! valid (the parser did that).

/// A 1-based line and column.
pub type Position = (u32, u32);

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ident(String),
    Punct(&'static str),
    /// Strings, numbers, templates, regular expressions: values we never look into.
    Literal,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    at: Position,
    /// Nesting of `{`, `(`, `[` around the token (a closing bracket has its opener's depth).
    depth: u32,
}

impl Token {
    fn is(&self, punct: &str) -> bool {
        matches!(&self.kind, Kind::Punct(p) if *p == punct)
    }
    fn is_word(&self, word: &str) -> bool {
        matches!(&self.kind, Kind::Ident(name) if name == word)
    }
    fn ident(&self) -> Option<&str> {
        match &self.kind {
            Kind::Ident(name) => Some(name),
            _ => None,
        }
    }
}

/// The top-level names a module declares and exports, in source order.
#[derive(Debug, Default)]
pub struct Declarations {
    /// Bindings: `let`/`const`/`var`/`function`/`class` declarations (with destructuring) and
    /// import bindings.
    pub bindings: Vec<(String, Position)>,
    /// Names the module exports (`export { a as b }` exports `b`; `export default` exports
    /// `default`).
    pub exported: Vec<(String, Position)>,
    /// Local names an `export { … }` clause without `from` refers to.
    pub export_locals: Vec<(String, Position)>,
}

impl Declarations {
    /// Scans `source`.
    pub fn of(source: &str) -> Self {
        collect(&tokenize(source))
    }

    /// The `n`-th (0-based) position at which `name` occurs in `list`.
    pub fn nth(list: &[(String, Position)], name: &str, n: usize) -> Option<Position> {
        list.iter().filter(|(found, _)| found == name).nth(n).map(|(_, at)| *at)
    }
}

const PUNCTUATORS: &[&str] = &[
    "...", "=>", "?.", "{", "}", "(", ")", "[", "]", ";", ",", ":", ".", "*", "=", "?", "<", ">", "+", "-", "!",
    "~", "%", "&", "|", "^", "@", "#",
];

/// Words after which a `/` starts a regular expression rather than a division.
const BEFORE_EXPRESSION: &[&str] = &[
    "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield",
    "await",
];

fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let (mut i, mut line, mut column) = (0usize, 1u32, 1u32);
    let mut depth = 0u32;
    // For each open `${` of a template, the depth at which its `}` resumes the template.
    let mut templates: Vec<u32> = Vec::new();

    // Advances over `n` characters, keeping line and column.
    let advance = |i: &mut usize, line: &mut u32, column: &mut u32, n: usize| {
        for _ in 0..n {
            if *i >= chars.len() {
                return;
            }
            if chars[*i] == '\n' {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
            *i += 1;
        }
    };

    while i < chars.len() {
        let c = chars[i];
        let at = (line, column);
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut column, 1);
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut column, 1);
            }
        } else if c == '/' && next == Some('*') {
            advance(&mut i, &mut line, &mut column, 2);
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                advance(&mut i, &mut line, &mut column, 1);
            }
            advance(&mut i, &mut line, &mut column, 2);
        } else if c == '"' || c == '\'' {
            advance(&mut i, &mut line, &mut column, 1);
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                advance(&mut i, &mut line, &mut column, step);
            }
            advance(&mut i, &mut line, &mut column, 1);
            tokens.push(Token { kind: Kind::Literal, at, depth });
        } else if c == '`' || (c == '}' && templates.last() == Some(&depth)) {
            // A template, or the rest of one after a `${…}` substitution.
            if c == '}' {
                templates.pop();
            }
            advance(&mut i, &mut line, &mut column, 1);
            loop {
                match chars.get(i) {
                    None => break,
                    Some('`') => {
                        advance(&mut i, &mut line, &mut column, 1);
                        break;
                    }
                    Some('\\') => advance(&mut i, &mut line, &mut column, 2),
                    Some('$') if chars.get(i + 1) == Some(&'{') => {
                        advance(&mut i, &mut line, &mut column, 2);
                        templates.push(depth);
                        break;
                    }
                    Some(_) => advance(&mut i, &mut line, &mut column, 1),
                }
            }
            tokens.push(Token { kind: Kind::Literal, at, depth });
        } else if c == '/' && starts_expression(tokens.last()) {
            // A regular expression literal (its classes may hold an unescaped `/`).
            advance(&mut i, &mut line, &mut column, 1);
            let mut in_class = false;
            while let Some(&r) = chars.get(i) {
                match r {
                    '\n' => break,
                    '\\' => {
                        advance(&mut i, &mut line, &mut column, 2);
                        continue;
                    }
                    '[' => in_class = true,
                    ']' => in_class = false,
                    '/' if !in_class => {
                        advance(&mut i, &mut line, &mut column, 1);
                        break;
                    }
                    _ => {}
                }
                advance(&mut i, &mut line, &mut column, 1);
            }
            while chars.get(i).is_some_and(|f| f.is_alphanumeric()) {
                advance(&mut i, &mut line, &mut column, 1);
            }
            tokens.push(Token { kind: Kind::Literal, at, depth });
        } else if c.is_ascii_digit() {
            while chars.get(i).is_some_and(|d| d.is_alphanumeric() || *d == '.' || *d == '_') {
                advance(&mut i, &mut line, &mut column, 1);
            }
            tokens.push(Token { kind: Kind::Literal, at, depth });
        } else if c.is_alphabetic() || c == '_' || c == '$' || c == '\\' {
            let start = i;
            while chars.get(i).is_some_and(|d| d.is_alphanumeric() || *d == '_' || *d == '$' || *d == '\\') {
                advance(&mut i, &mut line, &mut column, 1);
            }
            tokens.push(Token { kind: Kind::Ident(chars[start..i].iter().collect()), at, depth });
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let punct = PUNCTUATORS.iter().find(|p| rest.starts_with(**p)).copied().unwrap_or("#");
            let punct_depth = match punct {
                "}" | ")" | "]" => {
                    depth = depth.saturating_sub(1);
                    depth
                }
                _ => depth,
            };
            tokens.push(Token { kind: Kind::Punct(punct), at, depth: punct_depth });
            if matches!(punct, "{" | "(" | "[") {
                depth += 1;
            }
            advance(&mut i, &mut line, &mut column, punct.chars().count().max(1));
        }
    }
    tokens
}

/// Whether a `/` after `previous` begins a regular expression.
fn starts_expression(previous: Option<&Token>) -> bool {
    match previous.map(|t| &t.kind) {
        None => true,
        Some(Kind::Literal) => false,
        Some(Kind::Ident(word)) => BEFORE_EXPRESSION.contains(&word.as_str()),
        Some(Kind::Punct(p)) => !matches!(*p, ")" | "]" | "}"),
    }
}

const STATEMENT_WORDS: &[&str] = &[
    "let", "const", "var", "function", "class", "import", "export", "if", "for", "while", "do", "return", "throw",
    "try", "switch",
];

fn collect(tokens: &[Token]) -> Declarations {
    let mut found = Declarations::default();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if token.depth != 0 {
            i += 1;
            continue;
        }
        let previous = i.checked_sub(1).map(|p| &tokens[p]);
        // `obj.let` or `x.import` are property names, not keywords.
        let after_dot = previous.is_some_and(|p| p.is(".") || p.is("?."));
        match token.ident() {
            Some("import") if !after_dot && !tokens.get(i + 1).is_some_and(|t| t.is("(") || t.is(".")) => {
                i = import_clause(tokens, i + 1, &mut found);
            }
            Some("export") if !after_dot => i = export_statement(tokens, i + 1, &mut found),
            Some("let" | "const" | "var") if !after_dot => i = declaration_list(tokens, i + 1, &mut found.bindings),
            Some("function" | "class") if !after_dot => {
                let mut name = i + 1;
                if tokens.get(name).is_some_and(|t| t.is("*")) {
                    name += 1;
                }
                if let Some(ident) = tokens.get(name).and_then(Token::ident) {
                    found.bindings.push((ident.to_string(), tokens[name].at));
                }
                i = name + 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// `import a, { b, c as d } from '…'`, `import * as ns from '…'`, `import '…'`: the bindings.
fn import_clause(tokens: &[Token], mut i: usize, found: &mut Declarations) -> usize {
    while let Some(token) = tokens.get(i) {
        if token.is(";") || matches!(token.kind, Kind::Literal) && token.depth == 0 {
            return i + 1;
        }
        if let Some(name) = token.ident() {
            let next = tokens.get(i + 1);
            let ends_name = next.is_none_or(|n| n.is(",") || n.is("}") || n.is_word("from"));
            if ends_name && !matches!(name, "from" | "as") {
                found.bindings.push((name.to_string(), token.at));
            }
        }
        i += 1;
    }
    i
}

/// After `export`: a declaration, `default`, or a `{ … }` clause (with or without `from`).
fn export_statement(tokens: &[Token], i: usize, found: &mut Declarations) -> usize {
    let Some(token) = tokens.get(i) else { return i };
    match token.ident() {
        Some("default") => {
            found.exported.push(("default".to_string(), token.at));
            i + 1
        }
        Some("let" | "const" | "var") => {
            let start = found.bindings.len();
            let end = declaration_list(tokens, i + 1, &mut found.bindings);
            let declared: Vec<_> = found.bindings[start..].to_vec();
            found.exported.extend(declared);
            end
        }
        Some("function" | "class" | "async") => {
            let mut name = i + 1;
            while tokens.get(name).is_some_and(|t| t.is("*") || t.is_word("function")) {
                name += 1;
            }
            if let Some(ident) = tokens.get(name).and_then(Token::ident) {
                found.bindings.push((ident.to_string(), tokens[name].at));
                found.exported.push((ident.to_string(), tokens[name].at));
            }
            name + 1
        }
        _ if token.is("{") => {
            let close = (i + 1..tokens.len()).find(|&j| tokens[j].is("}") && tokens[j].depth == 0);
            let close = close.unwrap_or(tokens.len());
            let reexport = tokens.get(close + 1).is_some_and(|t| t.is_word("from"));
            let mut j = i + 1;
            while j < close {
                // `local`, or `local as exported`.
                if let Some(local) = tokens[j].ident() {
                    let renamed = tokens.get(j + 1).is_some_and(|t| t.is_word("as"));
                    let exported_at = if renamed { j + 2 } else { j };
                    if !reexport {
                        found.export_locals.push((local.to_string(), tokens[j].at));
                    }
                    if let Some(exported) = tokens.get(exported_at).and_then(Token::ident) {
                        found.exported.push((exported.to_string(), tokens[exported_at].at));
                    }
                    j = exported_at + 1;
                } else {
                    j += 1;
                }
            }
            close + 1
        }
        _ => i,
    }
}

/// `a = 1, { b, c: d } = o, [e, ...f] = g`: the names bound, up to the end of the statement.
fn declaration_list(tokens: &[Token], mut i: usize, bindings: &mut Vec<(String, (u32, u32))>) -> usize {
    // Whether the next token at depth 0 names a binding (after the keyword or a `,`).
    let mut expect_binding = true;
    while let Some(token) = tokens.get(i) {
        if token.depth == 0 {
            // A statement ends at `;`, or (without one) where a line starts with a statement word.
            let starts_line = i > 0 && tokens[i - 1].at.0 < token.at.0;
            let statement_word = token.ident().is_some_and(|w| STATEMENT_WORDS.contains(&w));
            if token.is(";") || !expect_binding && starts_line && statement_word {
                return i;
            }
            if expect_binding {
                if let Some(name) = token.ident() {
                    bindings.push((name.to_string(), token.at));
                    expect_binding = false;
                } else if token.is("{") || token.is("[") {
                    i = pattern(tokens, i, bindings);
                    expect_binding = false;
                    continue;
                }
            } else if token.is(",") {
                expect_binding = true;
            }
        }
        i += 1;
    }
    i
}

/// A destructuring pattern starting at `tokens[open]` (`{` or `[`); returns the index after its
/// closing bracket.
fn pattern(tokens: &[Token], open: usize, bindings: &mut Vec<(String, (u32, u32))>) -> usize {
    let depth = tokens[open].depth;
    let mut i = open + 1;
    // Inside a default value (`= …`) until the next `,` of the pattern's own level.
    let mut in_default = false;
    while let Some(token) = tokens.get(i) {
        if token.depth == depth && (token.is("}") || token.is("]")) {
            return i + 1;
        }
        if token.is("=") {
            in_default = true;
        } else if token.is(",") {
            in_default = false;
        } else if let (Some(name), false) = (token.ident(), in_default) {
            let next = tokens.get(i + 1);
            let is_key = next.is_some_and(|n| n.is(":"));
            if !is_key {
                bindings.push((name.to_string(), token.at));
            }
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[(String, Position)]) -> Vec<String> {
        list.iter().map(|(n, at)| format!("{n}@{}:{}", at.0, at.1)).collect()
    }

    #[test]
    fn finds_declarations_imports_and_patterns() {
        let source = "import def, { a, b as c } from 'x';\nimport * as ns from \"y\";\n\
                      let d = 1, e = f(g, h);\nconst { i, j: k, l = m(n) } = o, [p, ...q] = r;\n\
                      function s() { let inner; }\nclass T {}\nvar u = /[/]let v/g; // let w\n";
        let found = Declarations::of(source);
        assert_eq!(
            names(&found.bindings),
            [
                "def@1:8", "a@1:15", "c@1:23", "ns@2:13", "d@3:5", "e@3:12", "i@4:9", "k@4:15", "l@4:18", "p@4:35",
                "q@4:41", "s@5:10", "T@6:7", "u@7:5"
            ]
        );
    }

    #[test]
    fn finds_exports() {
        let source = "export const a = 1;\nexport function b() {}\nconst c = 2;\nexport { c, c as d };\n\
                      export { e } from './e.js';\nexport default a;\n";
        let found = Declarations::of(source);
        assert_eq!(names(&found.exported), ["a@1:14", "b@2:17", "c@4:10", "d@4:18", "e@5:10", "default@6:8"]);
        assert_eq!(names(&found.export_locals), ["c@4:10", "c@4:13"]);
    }

    #[test]
    fn templates_and_nesting_do_not_confuse_the_top_level() {
        let source = "const t = `${ { let x } }`;\nif (a) { let y = 1 }\nlet z = `a${`b${1}`}`\nlet w\n\
                      const f = function g() {}, h = class I {}\nfunction j() {}";
        let found = Declarations::of(source);
        assert_eq!(names(&found.bindings), ["t@1:7", "z@3:5", "w@4:5", "f@5:7", "h@5:28", "j@6:10"]);
    }

    #[test]
    fn the_second_declaration_of_a_duplicate() {
        let found = Declarations::of("import { debuglog } from './d.js';\nexport const debuglog = debuglog\n");
        assert_eq!(Declarations::nth(&found.bindings, "debuglog", 1), Some((2, 14)));
        let found = Declarations::of("let a = 1;\nlet a = 2;\n");
        assert_eq!(Declarations::nth(&found.bindings, "a", 1), Some((2, 5)));
    }
}
