//! The names a CommonJS module exports, found without running it, so that an ES module can
//! `import { name } from './file.cjs'` (Node does the same with its cjs-module-lexer).
//!
//! The source is parsed as the body of the CommonJS wrapper function and every assignment and
//! call is looked at, at any depth:
//! - `exports.name = …`, `module.exports.name = …`, `exports['name'] = …`;
//! - `Object.defineProperty(exports, 'name', …)` (also on `module.exports`);
//! - `module.exports = { a, b: …, 'c': …, d() {} }` (its keys), `…require('x')` spread in it;
//! - re-exports: `module.exports = require('x')`, `__exportStar(require('x'), exports)` and
//!   `__export(require('x'))` (TypeScript's output).

use std::{collections::BTreeSet, convert::Infallible, ops::ControlFlow};

use boa_ast::{
    Expression,
    expression::{
        Call,
        access::{PropertyAccess, PropertyAccessField},
        literal::{LiteralKind, PropertyDefinition},
        operator::{Assign, assign::AssignTarget},
    },
    property::PropertyName,
    scope::Scope,
    visitor::{VisitWith, Visitor},
};
use boa_interner::{Interner, Sym};
use boa_parser::{Parser, Source};

/// What static analysis found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CommonJsExports {
    pub names: BTreeSet<String>,
    /// Specifiers whose exports this module re-exports (`module.exports = require('./x')`).
    pub reexports: Vec<String>,
}

/// The CommonJS wrapper's head: the source goes on the same line so line numbers stay right.
pub const WRAPPER_HEAD: &str = "(function (exports, require, module, __filename, __dirname) { ";
pub const WRAPPER_TAIL: &str = "\n})";

/// `source` inside the CommonJS wrapper; a leading `#!` line becomes a comment.
pub fn wrap(source: &str) -> String {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let body = match body.strip_prefix("#!") {
        Some(rest) => format!("//{rest}"),
        None => body.to_string(),
    };
    format!("{WRAPPER_HEAD}{body}{WRAPPER_TAIL}")
}

/// Whether `source` parses as CommonJS (the body of the wrapper function).
pub fn parses_as_commonjs(source: &str) -> bool {
    parse_wrapped(source).is_some()
}

/// Whether `source` parses as an ES module.
pub fn parses_as_module(source: &str) -> bool {
    let mut interner = Interner::default();
    Parser::new(Source::from_bytes(source)).parse_module(&Scope::new_global(), &mut interner).is_ok()
}

fn parse_wrapped(source: &str) -> Option<(boa_ast::Script, Interner)> {
    let wrapped = wrap(source);
    let mut interner = Interner::default();
    let script = Parser::new(Source::from_bytes(&wrapped)).parse_script(&Scope::new_global(), &mut interner).ok()?;
    Some((script, interner))
}

/// The exports of `source`, or `None` if it does not parse as CommonJS.
pub fn detect(source: &str) -> Option<CommonJsExports> {
    let (script, interner) = parse_wrapped(source)?;
    let mut collector = Collector { interner: &interner, found: CommonJsExports::default() };
    let _ = script.visit_with(&mut collector);
    Some(collector.found)
}

struct Collector<'i> {
    interner: &'i Interner,
    found: CommonJsExports,
}

impl Collector<'_> {
    fn text(&self, sym: Sym) -> String {
        self.interner.resolve_expect(sym).to_string()
    }

    fn is_identifier(&self, expression: &Expression, name: &str) -> bool {
        match expression {
            Expression::Identifier(id) => self.text(id.sym()) == name,
            Expression::Parenthesized(inner) => self.is_identifier(inner.expression(), name),
            _ => false,
        }
    }

    /// `exports` or `module.exports`.
    fn is_exports_object(&self, expression: &Expression) -> bool {
        if self.is_identifier(expression, "exports") {
            return true;
        }
        matches!(expression, Expression::PropertyAccess(PropertyAccess::Simple(access))
            if self.is_identifier(access.target(), "module") && self.field_name(access.field()).as_deref() == Some("exports"))
    }

    fn string_literal(&self, expression: &Expression) -> Option<String> {
        match expression {
            Expression::Literal(literal) => match literal.kind() {
                LiteralKind::String(sym) => Some(self.text(*sym)),
                _ => None,
            },
            Expression::TemplateLiteral(_) => None,
            _ => None,
        }
    }

    fn field_name(&self, field: &PropertyAccessField) -> Option<String> {
        match field {
            PropertyAccessField::Const(id) => Some(self.text(id.sym())),
            PropertyAccessField::Expr(expression) => self.string_literal(expression),
        }
    }

    /// `require('x')` → `x`.
    fn required(&self, expression: &Expression) -> Option<String> {
        match expression {
            Expression::Call(call) if self.is_identifier(call.function(), "require") && call.args().len() == 1 => {
                self.string_literal(&call.args()[0])
            }
            Expression::Parenthesized(inner) => self.required(inner.expression()),
            _ => None,
        }
    }

    /// The right-hand side of `module.exports = …`.
    fn module_exports_value(&mut self, value: &Expression) {
        if let Some(specifier) = self.required(value) {
            self.found.reexports.push(specifier);
            return;
        }
        match value {
            Expression::ObjectLiteral(object) => {
                for property in object.properties() {
                    match property {
                        PropertyDefinition::IdentifierReference(id) => {
                            let name = self.text(id.sym());
                            self.found.names.insert(name);
                        }
                        PropertyDefinition::Property(name, _) => {
                            if let Some(name) = self.property_name(name) {
                                self.found.names.insert(name);
                            }
                        }
                        PropertyDefinition::MethodDefinition(method) => {
                            if let Some(name) = self.property_name(method.name()) {
                                self.found.names.insert(name);
                            }
                        }
                        PropertyDefinition::SpreadObject(spread) => {
                            if let Some(specifier) = self.required(spread) {
                                self.found.reexports.push(specifier);
                            }
                        }
                        PropertyDefinition::CoverInitializedName(..) => {}
                    }
                }
            }
            Expression::Parenthesized(inner) => self.module_exports_value(inner.expression()),
            // `module.exports = exports = {…}` and similar chains.
            Expression::Assign(assign) => self.module_exports_value(assign.rhs()),
            _ => {}
        }
    }

    fn property_name(&self, name: &PropertyName) -> Option<String> {
        match name {
            PropertyName::Literal(id) => Some(self.text(id.sym())),
            PropertyName::Computed(expression) => self.string_literal(expression),
        }
    }

    fn call(&mut self, call: &Call) {
        let args = call.args();
        match call.function() {
            // Object.defineProperty(exports, 'name', …)
            Expression::PropertyAccess(PropertyAccess::Simple(access))
                if self.is_identifier(access.target(), "Object")
                    && self.field_name(access.field()).as_deref() == Some("defineProperty")
                    && args.len() >= 2
                    && self.is_exports_object(&args[0]) =>
            {
                if let Some(name) = self.string_literal(&args[1]) {
                    self.found.names.insert(name);
                }
            }
            // __exportStar(require('x'), exports), tslib.__exportStar(…), __export(require('x'))
            function => {
                let name = match function {
                    Expression::Identifier(id) => Some(self.text(id.sym())),
                    Expression::PropertyAccess(PropertyAccess::Simple(access)) => self.field_name(access.field()),
                    _ => None,
                };
                if matches!(name.as_deref(), Some("__exportStar" | "__export"))
                    && let Some(specifier) = args.first().and_then(|a| self.required(a))
                {
                    self.found.reexports.push(specifier);
                }
            }
        }
    }
}

impl<'ast> Visitor<'ast> for Collector<'_> {
    type BreakTy = Infallible;

    fn visit_assign(&mut self, node: &'ast Assign) -> ControlFlow<Self::BreakTy> {
        if let AssignTarget::Access(PropertyAccess::Simple(access)) = node.lhs() {
            if self.is_exports_object(access.target()) {
                if let Some(name) = self.field_name(access.field()) {
                    self.found.names.insert(name);
                }
            } else if self.is_identifier(access.target(), "module")
                && self.field_name(access.field()).as_deref() == Some("exports")
            {
                self.module_exports_value(node.rhs());
            }
        }
        node.visit_with(self)
    }

    fn visit_call(&mut self, node: &'ast Call) -> ControlFlow<Self::BreakTy> {
        self.call(node);
        node.visit_with(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        detect(source).expect("parses").names.into_iter().collect()
    }

    #[test]
    fn finds_assigned_and_defined_names() {
        assert_eq!(names("exports.a = 1; module.exports.b = 2; exports['c'] = 3;"), ["a", "b", "c"]);
        assert_eq!(names("Object.defineProperty(exports, '__esModule', { value: true });"), ["__esModule"]);
        assert_eq!(names("module.exports = { x, y: 1, 'z': 2, m() {} };"), ["m", "x", "y", "z"]);
        assert_eq!(names("if (a) { (function () { exports.inner = 1; })(); }"), ["inner"]);
        assert_eq!(names("return; exports.after = 1;"), ["after"]);
        assert_eq!(names("#!/usr/bin/env node\nexports.cli = true;"), ["cli"]);
    }

    #[test]
    fn finds_reexports() {
        assert_eq!(detect("module.exports = require('./impl');").unwrap().reexports, ["./impl"]);
        assert_eq!(detect("module.exports = { ...require('a'), b };").unwrap().reexports, ["a"]);
        assert_eq!(detect("__exportStar(require(\"./t\"), exports);").unwrap().reexports, ["./t"]);
        assert_eq!(detect("tslib_1.__exportStar(require(\"./u\"), exports);").unwrap().reexports, ["./u"]);
    }

    #[test]
    fn module_syntax_is_not_commonjs() {
        assert!(detect("export const a = 1;").is_none());
        assert!(detect("import fs from 'fs';").is_none());
        assert!(detect("await Promise.resolve();").is_none());
        assert!(parses_as_module("await Promise.resolve(); export {};"));
        assert!(parses_as_commonjs("const x = require('x'); module.exports = x;"));
    }
}
