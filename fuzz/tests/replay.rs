//! Replays the kept fuzz inputs (`corpus/<target>/*`, `regressions/<target>/*`) through the same
//! checks the fuzz targets run, so `cargo test` (no nightly, no libFuzzer) guards them.

use std::fs;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = fs::read_dir(root.join(kind).join(target)) else { continue };
        for entry in entries {
            let path = entry.expect("directory entry").path();
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !path.is_file() || hidden {
                continue;
            }
            let data = fs::read(&path).expect("readable input");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn request_inputs() {
    assert!(replay("request", wasmedge_boa_fuzz::check_request) > 0);
}

#[test]
fn response_inputs() {
    assert!(replay("response", wasmedge_boa_fuzz::check_response) > 0);
}

#[test]
fn chunk_inputs() {
    assert!(replay("chunk", wasmedge_boa_fuzz::check_chunks) > 0);
}
