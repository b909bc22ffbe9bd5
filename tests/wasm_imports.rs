//! The .wasm must run under plain WasmEdge: it may import only from `wasi_snapshot_preview1`
//! (where WasmEdge also puts its socket functions), must export `_start` and `memory`, and every
//! loop must carry tools/wasm-loop-guard's guard, without which `wasmedge compile` can crash at
//! its default level (docs/wasmedge.md). CI has no WasmEdge; this checks the property that
//! keeps the AOT compile safe.

mod support;

#[test]
fn wasm_imports_only_wasi_preview1() {
    let Some((wasm, _)) = support::wasm_setup() else {
        assert!(std::env::var("REQUIRE_WASM").as_deref() != Ok("1"), "REQUIRE_WASM=1 but no .wasm was built");
        eprintln!("no .wasm built: skipped");
        return;
    };
    let bytes = std::fs::read(&wasm).expect("read the .wasm");
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload.expect("a valid module") {
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import.expect("an import");
                    imports.push(format!("{}::{}", import.module, import.name));
                }
            }
            wasmparser::Payload::ExportSection(section) => {
                for export in section {
                    exports.push(export.expect("an export").name.to_string());
                }
            }
            _ => {}
        }
    }
    let foreign: Vec<&String> = imports.iter().filter(|i| !i.starts_with("wasi_snapshot_preview1::")).collect();
    assert!(foreign.is_empty(), "imports outside wasi_snapshot_preview1: {foreign:?}");
    assert!(exports.iter().any(|e| e == "_start"), "no _start export: {exports:?}");
    assert!(exports.iter().any(|e| e == "memory"), "no memory export: {exports:?}");
    eprintln!("{} imports, all from wasi_snapshot_preview1", imports.len());
}

#[test]
fn every_loop_carries_the_aot_guard() {
    let Some((wasm, _)) = support::wasm_setup() else {
        assert!(std::env::var("REQUIRE_WASM").as_deref() != Ok("1"), "REQUIRE_WASM=1 but no .wasm was built");
        eprintln!("no .wasm built: skipped");
        return;
    };
    let bytes = std::fs::read(&wasm).expect("read the .wasm");
    let mut globals = 0;
    let mut loops = 0;
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload.expect("a valid module") {
            wasmparser::Payload::GlobalSection(section) => globals = section.count(),
            wasmparser::Payload::CodeSectionEntry(body) => {
                let ops: Vec<String> = body
                    .get_operators_reader()
                    .expect("operators")
                    .into_iter()
                    .map(|op| format!("{:?}", op.expect("an operator")))
                    .collect();
                // The guard's global is the last one (this module imports none).
                let guard = [
                    format!("GlobalGet {{ global_index: {} }}", globals - 1),
                    "If { blockty: Empty }".to_string(),
                    "MemorySize { mem: 0 }".to_string(),
                    "Drop".to_string(),
                    "End".to_string(),
                ];
                for (at, op) in ops.iter().enumerate() {
                    if op.starts_with("Loop ") {
                        loops += 1;
                        assert_eq!(ops.get(at + 1..at + 6), Some(&guard[..]), "an unguarded loop: {:?}", &ops[at..]);
                    }
                }
            }
            _ => {}
        }
    }
    assert!(loops > 1000, "only {loops} loops found");
    eprintln!("{loops} loops, all guarded");
}
