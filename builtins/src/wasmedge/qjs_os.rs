//! The `qjs:os` module of QuickJS (compat-spec §5.2): descriptor-level files, directories,
//! `stat`, time and sleeping.
//!
//! Conventions, as in QuickJS: functions that return a number give `-errno` on failure
//! (`os.open`, `os.read`, `os.remove`, …); `stat`, `readdir`, `getcwd`, `realpath` and `readlink`
//! return `[result, errno]` (errno 0 on success). Error numbers are WASI's on both targets, equal
//! to `std.Error.*`. `O_*` flags have wasi-libc's values (what the reference runtime exports).
//!
//! `signal`, `setReadHandler`, `setWriteHandler` and `ttySetRaw` are harmless no-ops: the
//! reference runtime never installed QuickJS's handler loop, so they never worked there either.

use std::{
    io::SeekFrom,
    path::Path,
    sync::{Mutex, PoisonError},
    time::Instant,
};

use boa_engine::{
    Context, JsArgs, JsBigInt, JsNativeError, JsResult, JsString, JsValue, Module,
    job::{NativeJob, TimeoutJob},
    js_string,
    object::{
        ObjectInitializer,
        builtins::{JsArray, JsPromise},
    },
    property::Attribute,
};
use wasmedge_boa_platform::fs as pfs;

use crate::{
    exports::Exports,
    errno,
    fs_io::{Region, js_str},
};

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

// wasi-libc's open flags.
pub const O_APPEND: i32 = 0x0001;
pub const O_NONBLOCK: i32 = 0x0004;
pub const O_SYNC: i32 = 0x0010;
pub const O_CREAT: i32 = 1 << 12;
pub const O_DIRECTORY: i32 = 2 << 12;
pub const O_EXCL: i32 = 4 << 12;
pub const O_TRUNC: i32 = 8 << 12;
pub const O_RDONLY: i32 = 0x0400_0000;
pub const O_WRONLY: i32 = 0x1000_0000;
pub const O_RDWR: i32 = O_RDONLY | O_WRONLY;

/// `-errno` of a failed call, as JS.
fn failure(error: &std::io::Error) -> JsValue {
    (-errno::wasi_errno(error)).into()
}

fn status(result: std::io::Result<()>) -> JsValue {
    match result {
        Ok(()) => 0.into(),
        Err(error) => failure(&error),
    }
}

fn path_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    Ok(args.get_or_undefined(index).to_string(context)?.to_std_string_lossy())
}

/// `[value, errno]`.
fn pair(value: JsValue, errno: i32, context: &mut Context) -> JsValue {
    JsArray::from_iter([value, errno.into()], context).into()
}

fn open_mode(flags: i32, permissions: u32) -> pfs::OpenMode {
    let write = flags & O_WRONLY != 0;
    pfs::OpenMode {
        // wasi-libc's O_RDONLY is a bit of its own; a plain 0 (POSIX O_RDONLY) also reads.
        read: flags & O_RDONLY != 0 || !write,
        write,
        append: flags & O_APPEND != 0,
        create: flags & O_CREAT != 0,
        exclusive: flags & O_EXCL != 0,
        truncate: flags & O_TRUNC != 0,
        permissions,
    }
}

fn open(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let flags = args.get_or_undefined(1).to_i32(context)?;
    let permissions = match args.get(2) {
        Some(v) if !v.is_undefined() => v.to_u32(context)?,
        _ => 0o666,
    };
    Ok(match pfs::open(Path::new(&path), &open_mode(flags, permissions)) {
        Ok(fd) => fd.into(),
        Err(error) => failure(&error),
    })
}

fn close(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_i32(context)?;
    Ok(status(pfs::close(fd)))
}

fn seek(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_i32(context)?;
    let offset_value = args.get_or_undefined(1);
    let big = offset_value.is_bigint();
    let offset = if big { offset_value.to_big_int64(context)? } else { offset_value.to_number(context)? as i64 };
    let whence = args.get_or_undefined(2).to_i32(context)?;
    let target = match whence {
        0 if offset >= 0 => SeekFrom::Start(offset as u64),
        1 => SeekFrom::Current(offset),
        2 => SeekFrom::End(offset),
        _ => return Ok((-errno::by_name("EINVAL").map(|e| e.wasi).unwrap_or(28)).into()),
    };
    Ok(match pfs::seek(fd, target) {
        Ok(at) if big => JsBigInt::new(at as i64).into(),
        Ok(at) => (at as f64).into(),
        Err(error) => failure(&error),
    })
}

/// `(fd, buffer, offset, length)` of `read`/`write`.
fn io_args(args: &[JsValue], what: &str, context: &mut Context) -> JsResult<(i32, Region)> {
    let fd = args.get_or_undefined(0).to_i32(context)?;
    let region = Region::of(args.get_or_undefined(1), what, context)?;
    let offset = args.get_or_undefined(2).to_index(context)?;
    let length = match args.get(3) {
        Some(v) if !v.is_undefined() => v.to_index(context)?,
        _ => (region.len as u64).saturating_sub(offset),
    };
    Ok((fd, region.slice(offset, length, what)?))
}

fn read(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (fd, region) = io_args(args, "os.read", context)?;
    let mut bytes = vec![0u8; region.len];
    Ok(match pfs::read_fd(fd, &mut bytes) {
        Ok(n) => (region.fill_from(&bytes[..n]) as f64).into(),
        Err(error) => failure(&error),
    })
}

fn write(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (fd, region) = io_args(args, "os.write", context)?;
    Ok(match pfs::write_fd(fd, &region.to_vec()) {
        Ok(n) => (n as f64).into(),
        Err(error) => failure(&error),
    })
}

fn isatty(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_i32(context)?;
    Ok(pfs::isatty(fd).into())
}

fn tty_get_win_size(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    // No terminal size is available to a WASI program.
    Ok(JsValue::null())
}

fn remove(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let path = Path::new(&path);
    // C `remove`: a file, or an empty directory.
    let result = match pfs::stat(path, false) {
        Ok(stat) if stat.kind == pfs::FileKind::Directory => pfs::remove_dir(path),
        _ => pfs::remove_file(path),
    };
    Ok(status(result))
}

fn rename(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = path_arg(args, 0, context)?;
    let to = path_arg(args, 1, context)?;
    Ok(status(pfs::rename(Path::new(&from), Path::new(&to))))
}

fn getcwd(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(match pfs::current_dir() {
        Ok(dir) => pair(js_str(&dir.to_string_lossy()), 0, context),
        Err(error) => pair(js_str(""), errno::wasi_errno(&error), context),
    })
}

fn chdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(status(pfs::set_current_dir(Path::new(&path))))
}

fn mkdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let mode = match args.get(1) {
        Some(v) if !v.is_undefined() => v.to_u32(context)?,
        _ => 0o777,
    };
    Ok(status(pfs::create_dir(Path::new(&path), false, mode).map(drop)))
}

fn readdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(match pfs::read_dir(Path::new(&path)) {
        Ok(entries) => {
            // readdir(3) lists `.` and `..` too.
            let names =
                [".".to_string(), "..".to_string()].into_iter().chain(entries.into_iter().map(|(name, _)| name));
            let names: Vec<JsValue> = names.map(|n| js_str(&n)).collect();
            let array = JsArray::from_iter(names, context);
            pair(array.into(), 0, context)
        }
        Err(error) => pair(JsArray::new(context)?.into(), errno::wasi_errno(&error), context),
    })
}

fn stat_object(stat: &pfs::Stat, context: &mut Context) -> JsValue {
    let ms = |ns: i128| (ns as f64 / 1e6).floor();
    let mut object = ObjectInitializer::new(context);
    let fields: [(&str, f64); 12] = [
        ("dev", stat.dev as f64),
        ("ino", stat.ino as f64),
        ("mode", stat.mode as f64),
        ("nlink", stat.nlink as f64),
        ("uid", stat.uid as f64),
        ("gid", stat.gid as f64),
        ("rdev", stat.rdev as f64),
        ("size", stat.size as f64),
        ("blocks", stat.blocks as f64),
        ("atime", ms(stat.atime_ns)),
        ("mtime", ms(stat.mtime_ns)),
        ("ctime", ms(stat.ctime_ns)),
    ];
    for (name, value) in fields {
        object.property(JsString::from(name), value, Attribute::all());
    }
    object.build().into()
}

fn stat_with(args: &[JsValue], follow: bool, context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(match pfs::stat(Path::new(&path), follow) {
        Ok(stat) => {
            let object = stat_object(&stat, context);
            pair(object, 0, context)
        }
        Err(error) => pair(JsValue::null(), errno::wasi_errno(&error), context),
    })
}

fn stat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    stat_with(args, true, context)
}

fn lstat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    stat_with(args, false, context)
}

fn utimes(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let atime = args.get_or_undefined(1).to_number(context)?;
    let mtime = args.get_or_undefined(2).to_number(context)?;
    Ok(status(pfs::set_times(Path::new(&path), atime / 1000.0, mtime / 1000.0)))
}

fn string_result(result: std::io::Result<std::path::PathBuf>, context: &mut Context) -> JsValue {
    match result {
        Ok(path) => pair(js_str(&path.to_string_lossy()), 0, context),
        Err(error) => pair(js_str(""), errno::wasi_errno(&error), context),
    }
}

fn realpath(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(string_result(pfs::canonicalize(Path::new(&path)), context))
}

fn readlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(string_result(pfs::read_link(Path::new(&path)), context))
}

fn symlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = path_arg(args, 0, context)?;
    let link = path_arg(args, 1, context)?;
    Ok(status(pfs::symlink(Path::new(&target), Path::new(&link))))
}

/// The origin of `os.now()`; see [`restart_clock`].
static ORIGIN: Mutex<Option<Instant>> = Mutex::new(None);

fn origin() -> Instant {
    *ORIGIN.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert_with(Instant::now)
}

/// Makes "now" the origin of `os.now()`: a pre-initialized bundle (docs/bundle.md) starts long
/// after its snapshot was taken.
pub fn restart_clock() {
    *ORIGIN.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
}

/// Milliseconds on a monotonic clock (the origin is the first use).
pub fn now_ms() -> f64 {
    origin().elapsed().as_secs_f64() * 1000.0
}

fn now(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(now_ms().into())
}

fn delay_ms(value: &JsValue, context: &mut Context) -> JsResult<u64> {
    let ms = value.to_number(context)?;
    Ok(if ms.is_finite() && ms > 0.0 { ms.min(u32::MAX as f64) as u64 } else { 0 })
}

fn sleep(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let ms = delay_ms(args.get_or_undefined(0), context)?;
    std::thread::sleep(std::time::Duration::from_millis(ms));
    Ok(JsValue::undefined())
}

fn sleep_async(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let ms = delay_ms(args.get_or_undefined(0), context)?;
    let (promise, resolvers) = JsPromise::new_pending(context);
    let job =
        TimeoutJob::new(NativeJob::new(move |context| resolvers.resolve.call(&JsValue::undefined(), &[], context)), ms);
    context.enqueue_job(job.into());
    Ok(promise.into())
}

/// Calls the global timer function `name` (so `os.setTimeout` and `setTimeout` agree).
fn call_global(name: JsString, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let function = context.global_object().get(name.clone(), context)?;
    let Some(callable) = function.as_callable() else {
        return Err(JsNativeError::typ()
            .with_message(format!("{} is not available", name.to_std_string_escaped()))
            .into());
    };
    callable.call(&JsValue::undefined(), args, context)
}

fn set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    call_global(js_string!("setTimeout"), args, context)
}

fn clear_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    call_global(js_string!("clearTimeout"), args, context)
}

fn no_op(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::undefined())
}

const SIGNALS: &[(&str, i32)] = &[
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGABRT", 6),
    ("SIGFPE", 8),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
];

/// The `qjs:os` module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    origin();
    let functions: &[(&str, usize, NativeFn)] = &[
        ("open", 3, open),
        ("close", 1, close),
        ("seek", 3, seek),
        ("read", 4, read),
        ("write", 4, write),
        ("isatty", 1, isatty),
        ("ttyGetWinSize", 1, tty_get_win_size),
        ("ttySetRaw", 1, no_op),
        ("remove", 1, remove),
        ("rename", 2, rename),
        ("setReadHandler", 2, no_op),
        ("setWriteHandler", 2, no_op),
        ("signal", 2, no_op),
        ("now", 0, now),
        ("setTimeout", 2, set_timeout),
        ("clearTimeout", 1, clear_timeout),
        ("sleepAsync", 1, sleep_async),
        ("getcwd", 0, getcwd),
        ("chdir", 1, chdir),
        ("mkdir", 2, mkdir),
        ("readdir", 1, readdir),
        ("stat", 1, stat),
        ("lstat", 1, lstat),
        ("utimes", 3, utimes),
        ("sleep", 1, sleep),
        ("realpath", 1, realpath),
        ("symlink", 2, symlink),
        ("readlink", 1, readlink),
    ];
    let mut exports = Exports::new().functions(functions, context);
    for (name, value) in SIGNALS {
        exports = exports.value(name, *value);
    }
    let constants: &[(&str, i32)] = &[
        ("O_RDONLY", O_RDONLY),
        ("O_WRONLY", O_WRONLY),
        ("O_RDWR", O_RDWR),
        ("O_APPEND", O_APPEND),
        ("O_CREAT", O_CREAT),
        ("O_EXCL", O_EXCL),
        ("O_TRUNC", O_TRUNC),
        ("S_IFMT", 0o170000),
        ("S_IFIFO", 0o010000),
        ("S_IFCHR", 0o020000),
        ("S_IFDIR", 0o040000),
        ("S_IFBLK", 0o060000),
        ("S_IFREG", 0o100000),
        ("S_IFSOCK", 0o140000),
        ("S_IFLNK", 0o120000),
        ("S_ISGID", 0o2000),
        ("S_ISUID", 0o4000),
        ("SEEK_SET", 0),
        ("SEEK_CUR", 1),
        ("SEEK_END", 2),
    ];
    for (name, value) in constants {
        exports = exports.value(name, *value);
    }
    Ok(exports.value("platform", js_str("wasi")).into_module(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_flags_follow_wasi_libc() {
        let read_only = open_mode(O_RDONLY, 0o666);
        assert!(read_only.read && !read_only.write);
        assert!(open_mode(0, 0).read);
        let create = open_mode(O_WRONLY | O_CREAT | O_TRUNC, 0o600);
        assert!(create.write && !create.read && create.create && create.truncate && create.permissions == 0o600);
        let both = open_mode(O_RDWR | O_APPEND | O_EXCL | O_CREAT, 0o666);
        assert!(both.read && both.write && both.append && both.exclusive);
    }
}
