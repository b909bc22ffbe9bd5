//! `wasm-loop-guard in.wasm out.wasm`: gives every loop of a WebAssembly module a call that
//! never runs, so that WasmEdge's ahead-of-time compiler never unrolls a loop of ours.
//!
//! Why: LLVM 22 (which `wasmedge compile` uses) crashes when it partially or runtime-unrolls a
//! loop that still holds one of the `!invariant.group` loads WasmEdge emits for every memory and
//! global access (llvm/llvm-project#222852; docs/wasmedge.md). Which loops keep such a load
//! depends on inlining and on the host CPU, so no list of "bad functions" stays valid; but LLVM
//! never partially or runtime-unrolls a loop that contains a call it cannot see through. So
//! after each `loop` instruction this inserts
//!
//! ```text
//! global.get $never   ;; a new mutable i32 global, 0, never written
//! if
//!   memory.size       ;; WasmEdge compiles this to a call into the runtime
//!   drop
//! end
//! ```
//!
//! It costs a load and a never-taken branch per iteration, and about 9 bytes per loop. It must
//! run after any optimizer that could prove `$never` constant (wasm-opt): scripts/build-wasm runs
//! it last. The interpreter executes the two extra instructions; nothing else changes.

use std::{ops::Range, process::ExitCode};

use wasmparser::{Operator, Parser, Payload};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: wasm-loop-guard <in.wasm> <out.wasm>");
        return ExitCode::from(2);
    };
    let result = std::fs::read(input)
        .map_err(|e| format!("cannot read {input}: {e}"))
        .and_then(|bytes| guard_loops(&bytes).map_err(|e| format!("{input}: {e}")))
        .and_then(|(guarded, loops)| {
            std::fs::write(output, guarded).map_err(|e| format!("cannot write {output}: {e}"))?;
            Ok(loops)
        });
    match result {
        Ok(loops) => {
            eprintln!("wasm-loop-guard: {loops} loops guarded");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("wasm-loop-guard: {message}");
            ExitCode::FAILURE
        }
    }
}

const GLOBAL_SECTION: u8 = 6;
const CODE_SECTION: u8 = 10;
/// Where each known section goes in a module (the binary format's order).
const SECTION_ORDER: [u8; 13] = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

/// Returns the guarded module and the number of loops guarded.
pub fn guard_loops(wasm: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let mut sections: Vec<(u8, Range<usize>)> = Vec::new();
    let mut imported_globals = 0u32;
    let mut defined_globals = 0u32;
    let mut has_memory = false;
    let mut bodies: Vec<Range<usize>> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| e.to_string())?;
        match &payload {
            Payload::ImportSection(reader) => {
                for imports in reader.clone() {
                    for import in imports.map_err(|e| e.to_string())? {
                        let (_, import) = import.map_err(|e| e.to_string())?;
                        match import.ty {
                            wasmparser::TypeRef::Global(_) => imported_globals += 1,
                            wasmparser::TypeRef::Memory(_) => has_memory = true,
                            _ => {}
                        }
                    }
                }
            }
            Payload::MemorySection(reader) => has_memory |= reader.count() > 0,
            Payload::GlobalSection(reader) => defined_globals = reader.count(),
            Payload::CodeSectionEntry(body) => bodies.push(body.range()),
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                return Err("components are not supported".into());
            }
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            sections.push((id, range_with_header(wasm, range)));
        }
    }
    if !has_memory {
        return Err("the module has no memory (memory.size is the guard's call)".into());
    }
    let never = imported_globals + defined_globals;
    let guard = guard_bytes(never);

    let mut out = wasm[..8].to_vec();
    let mut global_written = false;
    let mut loops = 0;
    for (id, range) in &sections {
        let rank = |id: u8| SECTION_ORDER.iter().position(|&s| s == id);
        if !global_written && *id != 0 && rank(*id) > rank(GLOBAL_SECTION) {
            // No global section: one with only the guard's global goes here.
            write_section(&mut out, GLOBAL_SECTION, &global_section(&[], 0));
            global_written = true;
        }
        match *id {
            GLOBAL_SECTION => {
                let content = section_content(wasm, range.clone())?;
                let (count, rest) = read_u32(content)?;
                write_section(&mut out, GLOBAL_SECTION, &global_section(rest, count));
                global_written = true;
            }
            CODE_SECTION => {
                let mut content = Vec::new();
                write_u32(&mut content, bodies.len() as u32);
                for body in &bodies {
                    let (guarded, n) = guard_body(wasm, body.clone(), &guard)?;
                    loops += n;
                    write_u32(&mut content, guarded.len() as u32);
                    content.extend_from_slice(&guarded);
                }
                write_section(&mut out, CODE_SECTION, &content);
            }
            _ => out.extend_from_slice(&wasm[range.clone()]),
        }
    }
    Ok((out, loops))
}

/// `global.get $never; if; memory.size; drop; end`
fn guard_bytes(never: u32) -> Vec<u8> {
    let mut bytes = vec![0x23];
    write_u32(&mut bytes, never);
    bytes.extend_from_slice(&[0x04, 0x40, 0x3f, 0x00, 0x1a, 0x0b]);
    bytes
}

/// A global section: `count` existing globals (`existing`, already encoded) plus the guard's
/// `(global (mut i32) (i32.const 0))`.
fn global_section(existing: &[u8], count: u32) -> Vec<u8> {
    let mut content = Vec::new();
    write_u32(&mut content, count + 1);
    content.extend_from_slice(existing);
    content.extend_from_slice(&[0x7f, 0x01, 0x41, 0x00, 0x0b]);
    content
}

/// One function body (`range` = its locals and code) with the guard after every `loop`.
fn guard_body(wasm: &[u8], range: Range<usize>, guard: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let body = wasmparser::FunctionBody::new(wasmparser::BinaryReader::new(&wasm[range.clone()], range.start));
    let mut reader = body.get_operators_reader().map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(range.len() + 16);
    let mut copied = range.start;
    let mut loops = 0;
    let mut after_loop = false;
    while !reader.eof() {
        let offset = reader.original_position();
        if after_loop {
            // `offset` is where the instruction after the `loop` (and its block type) starts.
            out.extend_from_slice(&wasm[copied..offset]);
            out.extend_from_slice(guard);
            copied = offset;
            loops += 1;
        }
        let op = reader.read().map_err(|e| e.to_string())?;
        after_loop = matches!(op, Operator::Loop { .. });
    }
    if after_loop {
        return Err("a function ends with `loop`".into());
    }
    out.extend_from_slice(&wasm[copied..range.end]);
    Ok((out, loops))
}

/// A section's byte range including its id and size (wasmparser gives the contents only).
fn range_with_header(wasm: &[u8], content: Range<usize>) -> Range<usize> {
    // The header is the id byte and the LEB128 size that ends right before the contents.
    let mut start = content.start - 1;
    while start > 0 && wasm[start - 1] & 0x80 != 0 {
        start -= 1;
    }
    (start - 1)..content.end
}

fn section_content(wasm: &[u8], with_header: Range<usize>) -> Result<&[u8], String> {
    let bytes = &wasm[with_header];
    let (_, rest) = read_u32(&bytes[1..])?;
    Ok(rest)
}

fn write_section(out: &mut Vec<u8>, id: u8, content: &[u8]) {
    out.push(id);
    write_u32(out, content.len() as u32);
    out.extend_from_slice(content);
}

fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_u32(bytes: &[u8]) -> Result<(u32, &[u8]), String> {
    let mut value = 0u32;
    for (i, byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, &bytes[i + 1..]));
        }
    }
    Err("malformed LEB128 number".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, Function, FunctionSection, GlobalSection, GlobalType, Instruction, MemorySection, MemoryType,
        Module, TypeSection, ValType,
    };

    fn module(with_global: bool) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], [ValType::I32]);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
        module.section(&memories);
        if with_global {
            let mut globals = GlobalSection::new();
            let ty = GlobalType { val_type: ValType::I32, mutable: true, shared: false };
            globals.global(ty, &wasm_encoder::ConstExpr::i32_const(7));
            module.section(&globals);
        }
        // Counts its argument down to 0 in a loop nested in another loop.
        let mut f = Function::new([]);
        for instruction in [
            Instruction::Loop(wasm_encoder::BlockType::Empty),
            Instruction::Loop(wasm_encoder::BlockType::Empty),
            Instruction::LocalGet(0),
            Instruction::I32Const(1),
            Instruction::I32Sub,
            Instruction::LocalTee(0),
            Instruction::BrIf(0),
            Instruction::End,
            Instruction::End,
            Instruction::LocalGet(0),
            Instruction::End,
        ] {
            f.instruction(&instruction);
        }
        let mut code = CodeSection::new();
        code.function(&f);
        module.section(&code);
        module.finish()
    }

    fn operators(wasm: &[u8]) -> Vec<String> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::CodeSectionEntry(body) = payload.unwrap() {
                let mut reader = body.get_operators_reader().unwrap();
                while !reader.eof() {
                    found.push(format!("{:?}", reader.read().unwrap()));
                }
            }
        }
        found
    }

    #[test]
    fn every_loop_gets_the_guard_and_the_module_stays_valid() {
        for with_global in [true, false] {
            let (guarded, loops) = guard_loops(&module(with_global)).unwrap();
            assert_eq!(loops, 2);
            wasmparser::Validator::new().validate_all(&guarded).unwrap();
            let ops = operators(&guarded);
            let never = if with_global { 1 } else { 0 };
            let guard = [
                format!("GlobalGet {{ global_index: {never} }}"),
                "If { blockty: Empty }".to_string(),
                "MemorySize { mem: 0 }".to_string(),
                "Drop".to_string(),
                "End".to_string(),
            ];
            assert_eq!(ops[1..6], guard);
            assert_eq!(ops[7..12], guard);
            assert_eq!(ops.len(), 11 + 2 * guard.len());
        }
    }

    #[test]
    fn a_module_without_memory_is_refused() {
        let mut module = Module::new();
        module.section(&TypeSection::new());
        assert!(guard_loops(&module.finish()).is_err());
    }
}
