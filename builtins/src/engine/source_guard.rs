//! Checks on JavaScript source text before Boa parses it, for inputs that crash Boa 0.22's
//! parser or compiler:
//!
//! - **Nesting too deep for the native stack.** Boa parses and compiles by recursive descent, and
//!   a few hundred nested parentheses (`Function('('.repeat(1000))`) overflow the native stack,
//!   which kills the process natively and traps under WebAssembly. [`nesting_cost`] estimates
//!   the parser's recursion from a light scan of the tokens (brackets, prefix and right-
//!   associative operators, chains of binary operators) and [`check`] refuses, with a
//!   `RangeError`, source past a limit chosen to fit the smallest stack we run on (the wasm
//!   build under WebAssembly engines) with room to spare. Ordinary code is nowhere near it.
//! - **`using` / `await using` declarations.** Boa 0.22 parses them but never disposes the
//!   resource, and panics (`index out of bounds` in `vm/opcode/define`) when one sits directly in
//!   a function body or at the top of eval code. They are refused with a `SyntaxError` that says
//!   so, rather than crashing or silently not disposing.
//!
//! The runtime calls [`check`] on every module it loads and, through the host hook
//! `HostEnsureCanCompileStrings`, on every `eval` and `Function` source.

use boa_engine::{
    JsError, JsNativeError, JsResult,
    ast::{
        declaration::LexicalDeclaration,
        scope::Scope,
        visitor::{VisitWith, Visitor},
    },
    interner::Interner,
    parser::{Parser, Source},
};
use std::ops::ControlFlow;

/// The largest [`nesting_cost`] accepted: 200 nested brackets, 800 prefix operators or 3,200
/// binary operators in one expression (see `docs/engine.md` for how it was measured).
pub const MAX_NESTING_COST: u32 = 3_200;

const BRACKET: u32 = 16;
const PREFIX: u32 = 4;
const BINARY: u32 = 1;

/// What kind of source text is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Script,
    Module,
    /// `eval` code, or the parameters and body of a `Function` constructor.
    Eval,
}

/// Refuses source text that Boa 0.22 would crash on (see the module documentation).
pub fn check(source: &str, kind: SourceKind) -> JsResult<()> {
    if nesting_cost(source) > MAX_NESTING_COST {
        return Err(JsNativeError::range()
            .with_message("Maximum call stack size exceeded: the code nests too deeply to be parsed")
            .into());
    }
    if may_declare_using(source) && declares_using(source, kind) {
        return Err(using_unsupported());
    }
    Ok(())
}

fn using_unsupported() -> JsError {
    JsNativeError::syntax()
        .with_message("`using` and `await using` declarations are not supported (this engine, Boa 0.22, would never dispose the resource)")
        .into()
}

/// A cheap pre-filter: `using` followed, on the same line, by something that can start a
/// binding name. Comments and strings are not skipped: a false positive only costs a parse.
fn may_declare_using(source: &str) -> bool {
    source.match_indices("using").any(|(at, _)| {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
            return false;
        }
        let after = source[at + 5..].trim_start_matches([' ', '\t']);
        after.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$' || c == '\\' || c == '[' || c == '{')
    })
}

struct FindUsing;

impl<'ast> Visitor<'ast> for FindUsing {
    type BreakTy = ();

    fn visit_lexical_declaration(&mut self, node: &'ast LexicalDeclaration) -> ControlFlow<()> {
        if matches!(node, LexicalDeclaration::Using(_) | LexicalDeclaration::AwaitUsing(_)) {
            return ControlFlow::Break(());
        }
        node.visit_with(self)
    }
}

/// Parses `source` with Boa's parser and looks for `using` declarations. Eval code is also
/// parsed wrapped in a block, where `using` is allowed, because Boa's script parser refuses it
/// at the top level but its eval accepts it (and crashes). Source that does not parse is left
/// to Boa, which reports the syntax error itself.
fn declares_using(source: &str, kind: SourceKind) -> bool {
    let found = |text: &str, module: bool| -> bool {
        let mut interner = Interner::default();
        let scope = Scope::new_global();
        let mut parser = Parser::new(Source::from_bytes(text.as_bytes()));
        if module {
            parser.parse_module(&scope, &mut interner).is_ok_and(|ast| ast.visit_with(&mut FindUsing).is_break())
        } else {
            parser.parse_script(&scope, &mut interner).is_ok_and(|ast| ast.visit_with(&mut FindUsing).is_break())
        }
    };
    match kind {
        SourceKind::Module => found(source, true),
        SourceKind::Script => found(source, false),
        SourceKind::Eval => found(source, false) || found(&format!("{{\n{source}\n}}"), false),
    }
}

/// An estimate of how deeply Boa's parser recurses on `source`: the largest sum, over the
/// brackets open at some point, of [`BRACKET`] per bracket plus the operators chained inside
/// each ([`PREFIX`] for prefix and right-associative ones, which nest in the parse tree,
/// [`BINARY`] for left-associative binary ones, whose chains deepen the tree the compiler walks).
/// A light scan: comments, strings, template literals and (by the previous token) regular
/// expression literals are skipped; it never fails.
pub fn nesting_cost(source: &str) -> u32 {
    Scanner::new(source.as_bytes()).run()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Opener {
    Bracket,
    /// `${` inside a template literal: its `}` goes back into the template.
    TemplateExpression,
}

struct Frame {
    opener: Opener,
    /// Cost of the operators chained since this bracket opened or the last `,` / `;`.
    chain: u32,
}

struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
    frames: Vec<Frame>,
    cost: u32,
    max: u32,
    /// The previous token ends an operand (so `/` divides and `+` is binary).
    after_operand: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a [u8]) -> Self {
        Self { text, at: 0, frames: vec![Frame { opener: Opener::Bracket, chain: 0 }], cost: 0, max: 0, after_operand: false }
    }

    fn peek(&self, offset: usize) -> u8 {
        self.text.get(self.at + offset).copied().unwrap_or(0)
    }

    fn add_chain(&mut self, weight: u32) {
        if let Some(frame) = self.frames.last_mut() {
            frame.chain += weight;
        }
        self.cost += weight;
        self.max = self.max.max(self.cost);
    }

    fn reset_chain(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            self.cost -= frame.chain;
            frame.chain = 0;
        }
    }

    fn open(&mut self, opener: Opener) {
        self.frames.push(Frame { opener, chain: 0 });
        self.cost += BRACKET;
        self.max = self.max.max(self.cost);
        self.after_operand = false;
    }

    /// Closes the innermost bracket; returns what it was.
    fn close(&mut self) -> Option<Opener> {
        if self.frames.len() <= 1 {
            return None; // unbalanced: Boa will report it
        }
        let frame = self.frames.pop()?;
        self.cost -= BRACKET + frame.chain;
        self.after_operand = true;
        Some(frame.opener)
    }

    fn run(mut self) -> u32 {
        while self.at < self.text.len() && self.max <= MAX_NESTING_COST {
            let c = self.peek(0);
            match c {
                b'\n' => {
                    // A statement may end here (automatic semicolon insertion) unless an
                    // operator is still waiting for its operand.
                    if self.after_operand {
                        self.reset_chain();
                    }
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'/' if self.peek(1) == b'/' => self.skip_line(),
                b'/' if self.peek(1) == b'*' => self.skip_block_comment(),
                b'/' if !self.after_operand => self.skip_regex(),
                b'\'' | b'"' => self.skip_string(c),
                b'`' => {
                    self.at += 1;
                    self.scan_template();
                }
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    self.open(Opener::Bracket);
                }
                b')' | b']' => {
                    self.at += 1;
                    self.close();
                }
                b'}' => {
                    self.at += 1;
                    if self.close() == Some(Opener::TemplateExpression) {
                        self.scan_template();
                    }
                }
                b',' | b';' => {
                    self.at += 1;
                    self.reset_chain();
                    self.after_operand = false;
                }
                c if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) => self.skip_number(),
                c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c == b'\\' || c >= 0x80 => self.word(),
                _ => self.operator(),
            }
        }
        self.max
    }

    fn skip_line(&mut self) {
        while self.at < self.text.len() && self.peek(0) != b'\n' {
            self.at += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.at += 2;
        while self.at < self.text.len() && !(self.peek(0) == b'*' && self.peek(1) == b'/') {
            self.at += 1;
        }
        self.at += 2;
    }

    fn skip_string(&mut self, quote: u8) {
        self.at += 1;
        while self.at < self.text.len() {
            match self.peek(0) {
                b'\\' => self.at += 2,
                b'\n' => break,
                c => {
                    self.at += 1;
                    if c == quote {
                        break;
                    }
                }
            }
        }
        self.after_operand = true;
    }

    /// Inside a template literal, up to its end or to a `${` (which opens a frame).
    fn scan_template(&mut self) {
        while self.at < self.text.len() {
            match self.peek(0) {
                b'\\' => self.at += 2,
                b'`' => {
                    self.at += 1;
                    self.after_operand = true;
                    return;
                }
                b'$' if self.peek(1) == b'{' => {
                    self.at += 2;
                    self.open(Opener::TemplateExpression);
                    return;
                }
                _ => self.at += 1,
            }
        }
    }

    fn skip_regex(&mut self) {
        self.at += 1;
        let mut in_class = false;
        while self.at < self.text.len() {
            match self.peek(0) {
                b'\\' => self.at += 2,
                b'\n' => break,
                b'[' => {
                    in_class = true;
                    self.at += 1;
                }
                b']' => {
                    in_class = false;
                    self.at += 1;
                }
                b'/' if !in_class => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        while self.peek(0).is_ascii_alphabetic() {
            self.at += 1;
        }
        self.after_operand = true;
    }

    fn skip_number(&mut self) {
        while self.peek(0).is_ascii_alphanumeric() || self.peek(0) == b'.' || self.peek(0) == b'_' {
            self.at += 1;
        }
        self.after_operand = true;
    }

    fn word(&mut self) {
        let start = self.at;
        while self.at < self.text.len() {
            let c = self.peek(0);
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 {
                self.at += 1;
            } else if c == b'\\' {
                self.at += 2;
            } else {
                break;
            }
        }
        match &self.text[start..self.at] {
            // Prefix keywords and statements that nest the next one without braces.
            b"new" | b"typeof" | b"void" | b"delete" | b"await" | b"yield" | b"if" | b"while" | b"for" | b"with" | b"else" | b"do" => {
                self.add_chain(PREFIX);
                self.after_operand = false;
            }
            b"return" | b"throw" | b"case" | b"in" | b"of" | b"instanceof" => {
                self.add_chain(BINARY);
                self.after_operand = false;
            }
            _ => self.after_operand = true,
        }
    }

    fn operator(&mut self) {
        let c = self.peek(0);
        let next = self.peek(1);
        let (length, weight, operand) = match (c, next) {
            (b'=', b'>') => (2, PREFIX, false),
            (b'=', b'=') => (if self.peek(2) == b'=' { 3 } else { 2 }, BINARY, false),
            (b'!', b'=') => (if self.peek(2) == b'=' { 3 } else { 2 }, BINARY, false),
            (b'=', _) => (1, PREFIX, false),
            (b'?', b'.') if !self.peek(2).is_ascii_digit() => (2, 0, false),
            (b'?', b'?') => (if self.peek(2) == b'=' { 3 } else { 2 }, BINARY, false),
            (b'?', _) => (1, PREFIX, false),
            (b':', _) => (1, 0, false),
            (b'.', b'.') if self.peek(2) == b'.' => (3, 0, false),
            (b'.', _) => (1, 0, false),
            (b'*', b'*') => (if self.peek(2) == b'=' { 3 } else { 2 }, PREFIX, false),
            (b'+', b'+') | (b'-', b'-') => (2, if self.after_operand { 0 } else { PREFIX }, self.after_operand),
            (b'+' | b'-', b'=') => (2, PREFIX, false),
            (b'+' | b'-', _) => (1, if self.after_operand { BINARY } else { PREFIX }, false),
            (b'!' | b'~', _) => (1, PREFIX, false),
            (b'&', b'&') | (b'|', b'|') => (if self.peek(2) == b'=' { 3 } else { 2 }, BINARY, false),
            (b'<', b'<') | (b'>', b'>') => {
                let mut length = 2;
                while matches!(self.peek(length), b'>' | b'=') {
                    length += 1;
                }
                (length, BINARY, false)
            }
            (b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>', b'=') => (2, BINARY, false),
            _ => (1, BINARY, false),
        };
        self.at += length;
        if weight > 0 {
            self.add_chain(weight);
        }
        self.after_operand = operand;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_costs_little() {
        let code = r#"
            import { x } from './x.js';
            const re = /[(\/]+/g, s = "((((", t = `a${ (1 + 2) * 3 }b${ `${[1, [2]]}` }`;
            function f(a, b) { if (a) { return a + b * (c - d) / e; } else { return [ { k: v } ]; } }
            // ((((((((( in a comment
            /* [[[[[[[[ */ export default class C { m() { return () => ({ a: !b }); } }
        "#;
        assert!(nesting_cost(code) < 200, "{}", nesting_cost(code));
    }

    #[test]
    fn deep_nesting_is_measured() {
        let parens = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        assert!(nesting_cost(&parens) > MAX_NESTING_COST);
        let arrays = format!("x = {}{}", "[".repeat(250), "]".repeat(250));
        assert!(nesting_cost(&arrays) > MAX_NESTING_COST);
        let templates = format!("{}1{}", "`${".repeat(250), "}`".repeat(250));
        assert!(nesting_cost(&templates) > MAX_NESTING_COST);
        assert!(nesting_cost(&format!("{}1", "!".repeat(1000))) > MAX_NESTING_COST);
        assert!(nesting_cost(&format!("{}1", "1?1:".repeat(1000))) > MAX_NESTING_COST);
        assert!(nesting_cost(&format!("1{}", "+1".repeat(5000))) > MAX_NESTING_COST);
        assert!(nesting_cost(&format!("1{}", "+1".repeat(1000))) <= MAX_NESTING_COST);
        assert!(nesting_cost(&format!("{}1{}", "(".repeat(150), ")".repeat(150))) <= MAX_NESTING_COST);
    }

    #[test]
    fn statements_do_not_add_up() {
        let many = "x = a + b\n".repeat(10_000) + &"y = !c;".repeat(10_000);
        assert!(nesting_cost(&many) < 100);
        let calls = "f(1, 2, g(3));\n".repeat(10_000);
        assert!(nesting_cost(&calls) < 100);
    }

    #[test]
    fn using_declarations_are_refused() {
        assert!(check("function f() { using x = r; }", SourceKind::Script).is_err());
        assert!(check("{ await using x = r; }", SourceKind::Module).is_err());
        assert!(check("using x = r;", SourceKind::Eval).is_err());
        assert!(check("// using this comment\nlet using = 1; using + 1;", SourceKind::Script).is_ok());
        assert!(check("const s = 'using x';", SourceKind::Module).is_ok());
    }
}
