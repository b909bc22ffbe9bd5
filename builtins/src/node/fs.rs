//! `_boa:fs`: the native half of Node's `fs` (the JavaScript half is `js/fs.js`).
//!
//! Every function is synchronous, takes already-validated arguments (paths as strings, numbers
//! as numbers) and throws Node's errors (`ENOENT: no such file or directory, open 'x'` with
//! `code`, `errno`, `syscall`, `path`, `dest`). Option parsing, encodings, Stats objects,
//! callbacks and promises live in JavaScript.

use std::path::Path;

use boa_engine::{
    Context, JsArgs, JsNativeError, JsResult, JsString, JsValue, Module, js_string,
    object::{ObjectInitializer, builtins::JsArray},
    property::Attribute,
};
use wasmedge_boa_platform::fs as pfs;

use crate::{
    exports::Exports,
    errno::{node_error, node_error_named},
    fs_io::{Region, array_buffer, js_str, string_arg},
};

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

// Node's open flags on Linux (what `fs.constants` reports).
pub const O_WRONLY: u32 = 1;
pub const O_RDWR: u32 = 2;
pub const O_CREAT: u32 = 0o100;
pub const O_EXCL: u32 = 0o200;
pub const O_TRUNC: u32 = 0o1000;
pub const O_APPEND: u32 = 0o2000;

fn path(args: &[JsValue], index: usize) -> JsResult<String> {
    string_arg(args.get_or_undefined(index), "the path")
}

fn fd_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<i32> {
    let value = args.get_or_undefined(index);
    let number = value.to_number(context)?;
    if number.fract() != 0.0 || !(0.0..=i32::MAX as f64).contains(&number) {
        return Err(JsNativeError::range()
            .with_message(format!("the file descriptor must be an integer >= 0, not {}", value.display()))
            .into());
    }
    Ok(number as i32)
}

fn u32_arg(args: &[JsValue], index: usize, default: u32, context: &mut Context) -> JsResult<u32> {
    match args.get(index) {
        Some(v) if !v.is_undefined() && !v.is_null() => v.to_u32(context),
        _ => Ok(default),
    }
}

fn stat_object(stat: &pfs::Stat, context: &mut Context) -> JsValue {
    let kind = match stat.kind {
        pfs::FileKind::File => "file",
        pfs::FileKind::Directory => "directory",
        pfs::FileKind::Symlink => "symlink",
        pfs::FileKind::BlockDevice => "block",
        pfs::FileKind::CharDevice => "char",
        pfs::FileKind::Fifo => "fifo",
        pfs::FileKind::Socket => "socket",
        pfs::FileKind::Unknown => "unknown",
    };
    let mut object = ObjectInitializer::new(context);
    object.property(js_string!("kind"), js_str(kind), Attribute::all());
    let numbers: [(&str, f64); 10] = [
        ("dev", stat.dev as f64),
        ("ino", stat.ino as f64),
        ("mode", stat.mode as f64),
        ("nlink", stat.nlink as f64),
        ("uid", stat.uid as f64),
        ("gid", stat.gid as f64),
        ("rdev", stat.rdev as f64),
        ("size", stat.size as f64),
        ("blksize", stat.blksize as f64),
        ("blocks", stat.blocks as f64),
    ];
    for (name, value) in numbers {
        object.property(JsString::from(name), value, Attribute::all());
    }
    // Nanoseconds as decimal strings: JS turns them into BigInts or milliseconds exactly.
    let times = [
        ("atimeNs", stat.atime_ns),
        ("mtimeNs", stat.mtime_ns),
        ("ctimeNs", stat.ctime_ns),
        ("birthtimeNs", stat.birthtime_ns),
    ];
    for (name, ns) in times {
        object.property(JsString::from(name), js_str(&ns.to_string()), Attribute::all());
    }
    object.build().into()
}

fn stat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let follow = args.get_or_undefined(1).to_boolean();
    match pfs::stat(Path::new(&p), follow) {
        Ok(stat) => Ok(stat_object(&stat, context)),
        Err(error) => Err(node_error(&error, if follow { "stat" } else { "lstat" }, Some(&p), None, context)),
    }
}

fn fstat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    match pfs::fstat(fd) {
        Ok(stat) => Ok(stat_object(&stat, context)),
        Err(error) => Err(node_error(&error, "fstat", None, None, context)),
    }
}

fn access(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let mode = u32_arg(args, 1, 0, context)?;
    pfs::access(Path::new(&p), mode).map_err(|e| node_error(&e, "access", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn mkdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let recursive = args.get_or_undefined(1).to_boolean();
    let mode = u32_arg(args, 2, 0o777, context)?;
    match pfs::create_dir(Path::new(&p), recursive, mode) {
        Ok(Some(first)) if recursive => Ok(js_str(&first.to_string_lossy())),
        Ok(_) => Ok(JsValue::undefined()),
        Err(error) => Err(node_error(&error, "mkdir", Some(&p), None, context)),
    }
}

fn rmdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let recursive = args.get_or_undefined(1).to_boolean();
    let result = if recursive { pfs::remove_dir_all(Path::new(&p)) } else { pfs::remove_dir(Path::new(&p)) };
    result.map_err(|e| node_error(&e, "rmdir", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn rm(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let recursive = args.get_or_undefined(1).to_boolean();
    let force = args.get_or_undefined(2).to_boolean();
    let target = Path::new(&p);
    let result = match pfs::stat(target, false) {
        Ok(stat) if stat.kind == pfs::FileKind::Directory => {
            if !recursive {
                return Err(node_error_named("EISDIR", "rm", Some(&p), None, context));
            }
            pfs::remove_dir_all(target)
        }
        Ok(_) => pfs::remove_file(target),
        Err(error) => Err(error),
    };
    match result {
        Err(error) if force && error.kind() == std::io::ErrorKind::NotFound => Ok(JsValue::undefined()),
        Err(error) => Err(node_error(&error, "rm", Some(&p), None, context)),
        Ok(()) => Ok(JsValue::undefined()),
    }
}

fn unlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    pfs::remove_file(Path::new(&p)).map_err(|e| node_error(&e, "unlink", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn two_paths(
    args: &[JsValue],
    syscall: &str,
    op: fn(&Path, &Path) -> std::io::Result<()>,
    context: &mut Context,
) -> JsResult<JsValue> {
    let from = path(args, 0)?;
    let to = path(args, 1)?;
    op(Path::new(&from), Path::new(&to)).map_err(|e| node_error(&e, syscall, Some(&from), Some(&to), context))?;
    Ok(JsValue::undefined())
}

fn rename(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    two_paths(args, "rename", pfs::rename, context)
}

fn link(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    two_paths(args, "link", pfs::hard_link, context)
}

fn symlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    two_paths(args, "symlink", pfs::symlink, context)
}

fn copy_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = path(args, 0)?;
    let to = path(args, 1)?;
    let exclusive = args.get_or_undefined(2).to_boolean();
    if exclusive && pfs::stat(Path::new(&to), false).is_ok() {
        return Err(node_error_named("EEXIST", "copyfile", Some(&from), Some(&to), context));
    }
    pfs::copy(Path::new(&from), Path::new(&to))
        .map_err(|e| node_error(&e, "copyfile", Some(&from), Some(&to), context))?;
    Ok(JsValue::undefined())
}

fn readlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let target = pfs::read_link(Path::new(&p)).map_err(|e| node_error(&e, "readlink", Some(&p), None, context))?;
    Ok(js_str(&target.to_string_lossy()))
}

fn realpath(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let real = pfs::canonicalize(Path::new(&p)).map_err(|e| node_error(&e, "realpath", Some(&p), None, context))?;
    Ok(js_str(&real.to_string_lossy()))
}

fn length_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<u64> {
    let value = args.get_or_undefined(index);
    if value.is_undefined() {
        return Ok(0);
    }
    let len = value.to_number(context)?;
    Ok(if len.is_finite() && len > 0.0 { len as u64 } else { 0 })
}

fn truncate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let len = length_arg(args, 1, context)?;
    pfs::truncate(Path::new(&p), len).map_err(|e| node_error(&e, "open", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn ftruncate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    let len = length_arg(args, 1, context)?;
    pfs::set_len(fd, len).map_err(|e| node_error(&e, "ftruncate", None, None, context))?;
    Ok(JsValue::undefined())
}

fn readdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let entries = pfs::read_dir(Path::new(&p)).map_err(|e| node_error(&e, "scandir", Some(&p), None, context))?;
    let mut rows = Vec::with_capacity(entries.len());
    for (name, kind) in entries {
        let kind = kind.mode_bits();
        rows.push(JsArray::from_iter([js_str(&name), kind.into()], context).into());
    }
    Ok(JsArray::from_iter(rows, context).into())
}

fn read_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let bytes = pfs::read_all(Path::new(&p)).map_err(|e| node_error(&e, "open", Some(&p), None, context))?;
    Ok(array_buffer(&bytes, context)?.into())
}

/// Node's numeric open flags as an open mode.
fn open_mode(flags: u32, permissions: u32) -> pfs::OpenMode {
    let access = flags & 3;
    pfs::OpenMode {
        read: access == 0 || access == O_RDWR,
        write: access == O_WRONLY || access == O_RDWR,
        append: flags & O_APPEND != 0,
        create: flags & O_CREAT != 0,
        exclusive: flags & O_EXCL != 0,
        truncate: flags & O_TRUNC != 0,
        permissions,
    }
}

fn open(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let flags = u32_arg(args, 1, 0, context)?;
    let permissions = u32_arg(args, 2, 0o666, context)?;
    let fd = pfs::open(Path::new(&p), &open_mode(flags, permissions))
        .map_err(|e| node_error(&e, "open", Some(&p), None, context))?;
    Ok(fd.into())
}

fn close(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    pfs::close(fd).map_err(|e| node_error(&e, "close", None, None, context))?;
    Ok(JsValue::undefined())
}

/// `null`/`undefined`/negative: the current position; otherwise a byte offset.
fn position_arg(value: &JsValue, context: &mut Context) -> JsResult<Option<u64>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    if value.is_bigint() {
        let position = value.to_big_int64(context)?;
        return Ok((position >= 0).then_some(position as u64));
    }
    let position = value.to_number(context)?;
    Ok((position.is_finite() && position >= 0.0).then_some(position as u64))
}

/// `(fd, buffer, offset, length, position)` of `read`/`write`.
fn io_args(args: &[JsValue], what: &str, context: &mut Context) -> JsResult<(i32, Region, Option<u64>)> {
    let fd = fd_arg(args, 0, context)?;
    let region = Region::of(args.get_or_undefined(1), what, context)?;
    let offset = match args.get(2) {
        Some(v) if !v.is_null_or_undefined() => v.to_index(context)?,
        _ => 0,
    };
    let length = match args.get(3) {
        Some(v) if !v.is_null_or_undefined() => v.to_index(context)?,
        _ => (region.len as u64).saturating_sub(offset),
    };
    let position = position_arg(args.get_or_undefined(4), context)?;
    Ok((fd, region.slice(offset, length, what)?, position))
}

fn read(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (fd, region, position) = io_args(args, "fs.read", context)?;
    let mut bytes = vec![0u8; region.len];
    let count = match position {
        Some(at) => pfs::read_at(fd, &mut bytes, at),
        None => pfs::read_fd(fd, &mut bytes),
    }
    .map_err(|e| node_error(&e, "read", None, None, context))?;
    Ok((region.fill_from(&bytes[..count]) as f64).into())
}

fn write(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (fd, region, position) = io_args(args, "fs.write", context)?;
    let bytes = region.to_vec();
    let count = match position {
        Some(at) => pfs::write_at(fd, &bytes, at),
        None => pfs::write_fd(fd, &bytes),
    }
    .map_err(|e| node_error(&e, "write", None, None, context))?;
    Ok((count as f64).into())
}

fn fsync(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    pfs::sync(fd).map_err(|e| node_error(&e, "fsync", None, None, context))?;
    Ok(JsValue::undefined())
}

fn seconds(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<f64> {
    args.get_or_undefined(index).to_number(context)
}

fn utimes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let atime = seconds(args, 1, context)?;
    let mtime = seconds(args, 2, context)?;
    pfs::set_times(Path::new(&p), atime, mtime).map_err(|e| node_error(&e, "utime", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn lutimes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let atime = seconds(args, 1, context)?;
    let mtime = seconds(args, 2, context)?;
    pfs::set_link_times(Path::new(&p), atime, mtime).map_err(|e| node_error(&e, "lutime", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn futimes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    let atime = seconds(args, 1, context)?;
    let mtime = seconds(args, 2, context)?;
    pfs::set_times_fd(fd, atime, mtime).map_err(|e| node_error(&e, "futime", None, None, context))?;
    Ok(JsValue::undefined())
}

fn fchmod(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, 0, context)?;
    let mode = u32_arg(args, 1, 0o666, context)?;
    pfs::set_permissions_fd(fd, mode).map_err(|e| node_error(&e, "fchmod", None, None, context))?;
    Ok(JsValue::undefined())
}

fn chmod(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let p = path(args, 0)?;
    let mode = u32_arg(args, 1, 0o666, context)?;
    pfs::set_permissions(Path::new(&p), mode).map_err(|e| node_error(&e, "chmod", Some(&p), None, context))?;
    Ok(JsValue::undefined())
}

fn mkdtemp(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prefix = path(args, 0)?;
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut last_error = None;
    for _ in 0..32 {
        let suffix: String = (0..6)
            .map(|_| {
                let index = (js_random() * LETTERS.len() as f64) as usize % LETTERS.len();
                LETTERS[index] as char
            })
            .collect();
        let candidate = format!("{prefix}{suffix}");
        match pfs::create_dir(Path::new(&candidate), false, 0o700) {
            Ok(_) => return Ok(js_str(&candidate)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(node_error(&error, "mkdtemp", Some(&format!("{prefix}XXXXXX")), None, context)),
        }
    }
    let error = last_error.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    Err(node_error(&error, "mkdtemp", Some(&format!("{prefix}XXXXXX")), None, context))
}

/// A pseudo-random number in [0, 1) from the clock and a counter (names only, not secrets).
fn js_random() -> f64 {
    use std::{
        cell::Cell,
        hash::{BuildHasher, Hasher},
    };
    thread_local! { static COUNTER: Cell<u64> = const { Cell::new(0) }; }
    let count = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(count);
    hasher.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `uvError(code, syscall[, path[, dest]])`: the error Node's libuv layer would give, for
/// failures the JavaScript layer detects itself (`EISDIR` on reading a directory, `EBADF` on a
/// closed FileHandle…).
fn uv_error(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = |index: usize, context: &mut Context| -> JsResult<Option<String>> {
        match args.get(index) {
            Some(v) if !v.is_null_or_undefined() => Ok(Some(v.to_string(context)?.to_std_string_lossy())),
            _ => Ok(None),
        }
    };
    let code = text(0, context)?.unwrap_or_else(|| "EIO".into());
    let syscall = text(1, context)?.unwrap_or_default();
    let path = text(2, context)?;
    let dest = text(3, context)?;
    node_error_named(&code, &syscall, path.as_deref(), dest.as_deref(), context).into_opaque(context)
}

/// The `_boa:fs` binding module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    let functions: &[(&str, usize, NativeFn)] = &[
        ("uvError", 4, uv_error),
        ("stat", 2, stat),
        ("fstat", 1, fstat),
        ("access", 2, access),
        ("mkdir", 3, mkdir),
        ("rmdir", 2, rmdir),
        ("rm", 3, rm),
        ("unlink", 1, unlink),
        ("rename", 2, rename),
        ("link", 2, link),
        ("symlink", 2, symlink),
        ("copyFile", 3, copy_file),
        ("readlink", 1, readlink),
        ("realpath", 1, realpath),
        ("truncate", 2, truncate),
        ("ftruncate", 2, ftruncate),
        ("readdir", 1, readdir),
        ("readFile", 1, read_file),
        ("open", 3, open),
        ("close", 1, close),
        ("read", 5, read),
        ("write", 5, write),
        ("fsync", 1, fsync),
        ("utimes", 3, utimes),
        ("futimes", 3, futimes),
        ("lutimes", 3, lutimes),
        ("chmod", 2, chmod),
        ("fchmod", 2, fchmod),
        ("mkdtemp", 1, mkdtemp),
    ];
    let exports = Exports::new().functions(functions, context);
    Ok(exports.into_module(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_flags() {
        let read = open_mode(0, 0o666);
        assert!(read.read && !read.write && !read.create);
        let write = open_mode(O_WRONLY | O_CREAT | O_TRUNC, 0o666);
        assert!(!write.read && write.write && write.create && write.truncate);
        let append = open_mode(O_RDWR | O_APPEND | O_CREAT | O_EXCL, 0o600);
        assert!(append.read && append.write && append.append && append.exclusive);
    }

    #[test]
    fn random_names_are_in_range() {
        for _ in 0..100 {
            let r = js_random();
            assert!((0.0..1.0).contains(&r));
        }
    }
}
