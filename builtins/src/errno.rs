//! Error numbers and texts shared by `std`, `qjs:os` and `fs`.
//!
//! The platform reports a failed call by its POSIX name (`"ENOENT"`). From that name:
//! - `std` and `qjs:os` use **WASI numbers** (`std.Error.ENOENT === 44`) on both targets, as the
//!   reference runtime (always WASI) does, so scripts comparing against `std.Error` work anywhere;
//! - `fs` builds Node's errors: `Error("ENOENT: no such file or directory, open 'x'")` with
//!   `code`, `errno` (libuv's negative Linux numbers, as Node on Linux), `syscall`, `path`, `dest`.

use std::io;

use boa_engine::{Context, JsError, JsNativeError, JsString, JsValue, js_string};

/// One error: its name, WASI number, libuv number, libuv text (Node) and C `strerror` text.
pub struct Errno {
    pub name: &'static str,
    pub wasi: i32,
    pub uv: i32,
    pub node_text: &'static str,
    pub c_text: &'static str,
}

macro_rules! errnos {
    ($(($name:literal, $wasi:literal, $uv:literal, $node:literal, $c:literal)),* $(,)?) => {
        &[$(Errno { name: $name, wasi: $wasi, uv: $uv, node_text: $node, c_text: $c }),*]
    };
}

pub const TABLE: &[Errno] = errnos![
    ("E2BIG", 1, -7, "argument list too long", "Argument list too long"),
    ("EACCES", 2, -13, "permission denied", "Permission denied"),
    ("EAGAIN", 6, -11, "resource temporarily unavailable", "Resource temporarily unavailable"),
    ("EBADF", 8, -9, "bad file descriptor", "Bad file descriptor"),
    ("EBUSY", 10, -16, "resource busy or locked", "Resource busy"),
    ("EEXIST", 20, -17, "file already exists", "File exists"),
    ("EFBIG", 22, -27, "file too large", "File too large"),
    ("EINTR", 27, -4, "interrupted system call", "Interrupted system call"),
    ("EINVAL", 28, -22, "invalid argument", "Invalid argument"),
    ("EIO", 29, -5, "i/o error", "I/O error"),
    ("EISDIR", 31, -21, "illegal operation on a directory", "Is a directory"),
    ("ELOOP", 32, -40, "too many symbolic links encountered", "Symbolic link loop"),
    ("EMFILE", 33, -24, "too many open files", "No file descriptors available"),
    ("EMLINK", 34, -31, "too many links", "Too many links"),
    ("ENAMETOOLONG", 37, -36, "name too long", "Filename too long"),
    ("ENFILE", 41, -23, "file table overflow", "Too many open files in system"),
    ("ENODEV", 43, -19, "no such device", "No such device"),
    ("ENOENT", 44, -2, "no such file or directory", "No such file or directory"),
    ("ENOMEM", 48, -12, "not enough memory", "Out of memory"),
    ("ENOSPC", 51, -28, "no space left on device", "No space left on device"),
    ("ENOSYS", 52, -38, "function not implemented", "Function not implemented"),
    ("ENOTDIR", 54, -20, "not a directory", "Not a directory"),
    ("ENOTEMPTY", 55, -39, "directory not empty", "Directory not empty"),
    ("ENOTSUP", 58, -95, "operation not supported on socket", "Not supported"),
    ("ENOTTY", 59, -25, "inappropriate ioctl for device", "Not a tty"),
    ("ENXIO", 60, -6, "no such device or address", "No such device or address"),
    ("EPERM", 63, -1, "operation not permitted", "Operation not permitted"),
    ("EPIPE", 64, -32, "broken pipe", "Broken pipe"),
    ("EROFS", 69, -30, "read-only file system", "Read-only file system"),
    ("ESPIPE", 70, -29, "invalid seek", "Invalid seek"),
    ("ETIMEDOUT", 73, -110, "connection timed out", "Operation timed out"),
    ("EXDEV", 75, -18, "cross-device link not permitted", "Cross-device link"),
    // WASI: a path outside every directory given with --dir.
    ("ENOTCAPABLE", 76, -13, "not permitted outside the directories given with --dir", "Capabilities insufficient"),
    ("EOF", 0, -4095, "end of file", "End of file"),
];

/// The errno `std.Error` exposes, by name.
pub const STD_ERROR_NAMES: &[&str] =
    &["EINVAL", "EIO", "EACCES", "EEXIST", "ENOSPC", "ENOSYS", "EBUSY", "ENOENT", "EPERM", "EPIPE", "EBADF"];

pub fn by_name(name: &str) -> Option<&'static Errno> {
    TABLE.iter().find(|e| e.name == name)
}

fn io_errno(error: &io::Error) -> &'static Errno {
    let name = wasmedge_boa_platform::fs::error_code(error);
    by_name(name).or_else(|| by_name("EIO")).unwrap_or(&TABLE[0])
}

/// The WASI number of a failed call (positive).
pub fn wasi_errno(error: &io::Error) -> i32 {
    io_errno(error).wasi
}

/// C `strerror` of a WASI number.
pub fn strerror(wasi: i32) -> &'static str {
    if wasi == 0 {
        return "Success";
    }
    TABLE.iter().find(|e| e.wasi == wasi && e.name != "EOF").map(|e| e.c_text).unwrap_or("Unknown error")
}

/// A Node-style error for a failed call.
pub fn node_error(
    error: &io::Error,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
    context: &mut Context,
) -> JsError {
    node_error_named(io_errno(error).name, syscall, path, dest, context)
}

/// A Node-style error by errno name: `Error("ENOENT: no such file or directory, open 'x'")` with
/// `code`, `errno`, `syscall`, `path` and `dest`.
pub fn node_error_named(
    name: &str,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
    context: &mut Context,
) -> JsError {
    let errno = by_name(name).or_else(|| by_name("EIO")).unwrap_or(&TABLE[0]);
    let mut message = format!("{}: {}, {syscall}", errno.name, errno.node_text);
    if let Some(path) = path {
        message.push_str(&format!(" '{path}'"));
    }
    if let Some(dest) = dest {
        message.push_str(&format!(" -> '{dest}'"));
    }
    let error: JsError = JsNativeError::error().with_message(message).into();
    let Ok(value) = error.clone().into_opaque(context) else { return error };
    if let Some(object) = value.as_object() {
        let mut set = |key: JsString, v: JsValue| {
            let _ = object.set(key, v, false, context);
        };
        set(js_string!("errno"), errno.uv.into());
        set(js_string!("code"), JsString::from(errno.name).into());
        set(js_string!("syscall"), JsString::from(syscall).into());
        if let Some(path) = path {
            set(js_string!("path"), JsString::from(path).into());
        }
        if let Some(dest) = dest {
            set(js_string!("dest"), JsString::from(dest).into());
        }
    }
    JsError::from_opaque(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_error_constants_use_wasi_numbers() {
        let wasi: Vec<i32> = STD_ERROR_NAMES.iter().map(|n| by_name(n).map(|e| e.wasi).unwrap_or(-1)).collect();
        assert_eq!(wasi, vec![28, 29, 2, 20, 51, 52, 10, 44, 63, 64, 8]);
    }

    #[test]
    fn io_errors_map_to_both_numberings() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(wasi_errno(&missing), 44);
        assert_eq!(io_errno(&missing).uv, -2);
        assert_eq!(strerror(44), "No such file or directory");
        assert_eq!(strerror(9999), "Unknown error");
    }
}
