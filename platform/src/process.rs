//! Leaving the process.

use std::io::Write;

/// Flushes stdout and stderr, then exits with `code`.
pub fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}
