//! One test262 harness for any JavaScript engine: our Boa-based runtime in-process, or any command
//! line (our .wasm under WasmEdge, node, a QuickJS shell…), with the same test selection, the same
//! composition of test files and the same verdicts, so that pass rates can be compared.
//!
//! See docs/conformance.md for usage.

pub mod cli;
pub mod compose;
pub mod engine;
pub mod external;
pub mod frontmatter;
pub mod inprocess;
pub mod judge;
pub mod report;
pub mod runner;
pub mod selection;
