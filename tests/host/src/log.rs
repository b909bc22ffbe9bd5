//! WasmEdge-style log lines. WasmEdge logs to STDOUT (not stderr), e.g.
//! `[2026-01-02 03:04:05.678] [error] execution failed: unreachable, Code: 0x40a`.

use std::io::Write;

fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as libc::time_t;
    // SAFETY: plain old data filled in by localtime_r.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    if unsafe { libc::localtime_r(&secs, &mut tm) }.is_null() {
        return format!("{}.{:03}", now.as_secs(), now.subsec_millis());
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        now.subsec_millis()
    )
}

fn line(level: &str, message: &str) {
    let mut out = std::io::stdout().lock();
    // A closed stdout must not turn a log line into a host panic.
    let _ = writeln!(out, "[{}] [{level}] {message}", timestamp());
    let _ = out.flush();
}

pub fn error(message: &str) {
    line("error", message);
}

pub fn warning(message: &str) {
    line("warning", message);
}
