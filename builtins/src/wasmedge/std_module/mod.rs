//! The `std` module of QuickJS (compat-spec §5.1): C-style files (`FILE`), `printf`, the
//! environment, script evaluation, `parseExtJSON`.
//!
//! Error numbers are WASI's on both targets (`std.Error.ENOENT === 44`), as in the reference
//! runtime. `std.out` and `print` share the process's stdout buffer, so their output never
//! reorders; `std.out.puts` without a newline stays buffered until a newline, `flush()`, `print`
//! or exit.

pub mod ext_json;
pub mod printf;

use std::{cell::RefCell, collections::BTreeMap, io::SeekFrom, path::Path};

use boa_engine::{
    Context, Finalize, JsArgs, JsBigInt, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, Module,
    NativeFunction, Source,
    class::{Class, ClassBuilder},
    js_string,
    object::{
        ObjectInitializer,
        builtins::{JsArray, JsPromise},
    },
    property::Attribute,
};
use boa_gc::Trace;
use wasmedge_boa_platform::fs as pfs;

use crate::{
    exports::{Exports, register_class},
    errno,
    fs_io::{Region, array_buffer, js_str, string_arg},
};

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

// ---------------------------------------------------------------------------------------------
// The environment: `setenv` changes an overlay, because changing the real process environment
// is not thread-safe in Rust; `getenv`/`getenviron` see the overlay.

thread_local! {
    static ENV_OVERLAY: RefCell<BTreeMap<String, Option<String>>> = const { RefCell::new(BTreeMap::new()) };
}

pub fn getenv_value(name: &str) -> Option<String> {
    match ENV_OVERLAY.with(|o| o.borrow().get(name).cloned()) {
        Some(value) => value,
        None => std::env::var(name).ok(),
    }
}

fn environment() -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, String> = std::env::vars().collect();
    ENV_OVERLAY.with(|o| {
        for (key, value) in o.borrow().iter() {
            match value {
                Some(value) => all.insert(key.clone(), value.clone()),
                None => all.remove(key),
            };
        }
    });
    all
}

// ---------------------------------------------------------------------------------------------
// FILE

/// A C-style file: `std.open`, `std.fdopen`, `std.tmpfile`, `std.in/out/err`.
#[derive(Trace, JsData)]
pub struct StdFile {
    #[unsafe_ignore_trace]
    state: RefCell<FileState>,
}

struct FileState {
    /// `None` once closed.
    fd: Option<i32>,
    /// stdin/stdout/stderr: `close()` only flushes them.
    standard: bool,
    eof: bool,
    error: bool,
    /// Bytes read ahead of the script (for `getline`/`getByte`) and how many it consumed.
    ahead: Vec<u8>,
    ahead_used: usize,
}

impl Finalize for StdFile {
    fn finalize(&self) {
        // A FILE nobody can reach any more closes its descriptor, as fclose at exit would.
        if let Ok(mut state) = self.state.try_borrow_mut()
            && let Some(fd) = state.fd.take()
            && !state.standard
        {
            let _ = pfs::close(fd);
        }
    }
}

const READ_CHUNK: usize = 4096;

impl FileState {
    fn fd(&self) -> JsResult<i32> {
        self.fd.ok_or_else(|| JsNativeError::typ().with_message("the FILE is closed").into())
    }

    fn unread(&self) -> usize {
        self.ahead.len() - self.ahead_used
    }

    /// Gives back bytes read ahead (seeking back over them) before a write, seek or tell.
    fn drop_read_ahead(&mut self) {
        let unread = self.unread() as i64;
        if unread > 0
            && let Some(fd) = self.fd
        {
            let _ = pfs::seek(fd, SeekFrom::Current(-unread));
        }
        self.ahead.clear();
        self.ahead_used = 0;
    }

    /// Makes sure at least one unread byte is buffered; false at end of file or on error.
    fn fill(&mut self) -> JsResult<bool> {
        if self.unread() > 0 {
            return Ok(true);
        }
        let fd = self.fd()?;
        let mut chunk = vec![0u8; READ_CHUNK];
        match pfs::read_fd(fd, &mut chunk) {
            Ok(0) => {
                self.eof = true;
                Ok(false)
            }
            Ok(n) => {
                chunk.truncate(n);
                self.ahead = chunk;
                self.ahead_used = 0;
                Ok(true)
            }
            Err(_) => {
                self.error = true;
                Ok(false)
            }
        }
    }

    fn read_byte(&mut self) -> JsResult<Option<u8>> {
        if !self.fill()? {
            return Ok(None);
        }
        let byte = self.ahead[self.ahead_used];
        self.ahead_used += 1;
        Ok(Some(byte))
    }

    /// Reads up to `len` bytes (fewer only at end of file or on error).
    fn read_bytes(&mut self, len: usize) -> JsResult<Vec<u8>> {
        let mut out = Vec::with_capacity(len.min(1 << 20));
        while out.len() < len {
            if !self.fill()? {
                break;
            }
            let take = (len - out.len()).min(self.unread());
            out.extend_from_slice(&self.ahead[self.ahead_used..self.ahead_used + take]);
            self.ahead_used += take;
        }
        Ok(out)
    }

    fn write_bytes(&mut self, data: &[u8]) -> JsResult<usize> {
        let fd = self.fd()?;
        self.drop_read_ahead();
        let mut written = 0;
        while written < data.len() {
            match pfs::write_fd(fd, &data[written..]) {
                Ok(0) => break,
                Ok(n) => written += n,
                Err(_) => {
                    self.error = true;
                    break;
                }
            }
        }
        Ok(written)
    }
}

impl StdFile {
    fn new(fd: i32, standard: bool) -> Self {
        Self {
            state: RefCell::new(FileState {
                fd: Some(fd),
                standard,
                eof: false,
                error: false,
                ahead: Vec::new(),
                ahead_used: 0,
            }),
        }
    }

    fn create(fd: i32, standard: bool, context: &mut Context) -> JsResult<JsObject> {
        register_class::<StdFile>(context)?;
        StdFile::from_data(StdFile::new(fd, standard), context)
    }
}

/// Runs `f` on the state of the FILE `this`.
fn with_file<R>(this: &JsValue, f: impl FnOnce(&mut FileState) -> JsResult<R>) -> JsResult<R> {
    let object = this.as_object();
    let file = object
        .as_ref()
        .and_then(|o| o.downcast_ref::<StdFile>())
        .ok_or_else(|| JsNativeError::typ().with_message("not a FILE object"))?;
    let mut state = file.state.try_borrow_mut().map_err(|_| JsNativeError::typ().with_message("the FILE is busy"))?;
    f(&mut state)
}

fn file_close(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| {
        let fd = state.fd()?;
        if state.standard {
            return Ok(match pfs::flush(fd) {
                Ok(()) => 0,
                Err(e) => -errno::wasi_errno(&e),
            }
            .into());
        }
        state.drop_read_ahead();
        state.fd = None;
        Ok(match pfs::close(fd) {
            Ok(()) => 0,
            Err(e) => -errno::wasi_errno(&e),
        }
        .into())
    })
}

fn file_puts(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut text = String::new();
    for value in args {
        text.push_str(&value.to_string(context)?.to_std_string_lossy());
    }
    with_file(this, |state| state.write_bytes(text.as_bytes()))?;
    Ok(JsValue::undefined())
}

fn file_printf(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = sprintf_text(args, context)?;
    let written = with_file(this, |state| state.write_bytes(text.as_bytes()))?;
    Ok((written as f64).into())
}

fn file_flush(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| {
        let fd = state.fd()?;
        Ok(match pfs::flush(fd) {
            Ok(()) => 0,
            Err(e) => -errno::wasi_errno(&e),
        }
        .into())
    })
}

fn position(state: &mut FileState) -> JsResult<i64> {
    let fd = state.fd()?;
    let unread = state.unread() as i64;
    Ok(match pfs::seek(fd, SeekFrom::Current(0)) {
        Ok(at) => at as i64 - unread,
        Err(e) => -(errno::wasi_errno(&e) as i64),
    })
}

fn file_tell(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok((with_file(this, position)? as f64).into())
}

fn file_tello(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsBigInt::new(with_file(this, position)?).into())
}

fn file_seek(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let offset_value = args.get_or_undefined(0);
    let offset = if offset_value.is_bigint() {
        offset_value.to_big_int64(context)?
    } else {
        let n = offset_value.to_number(context)?;
        if n.is_finite() { n as i64 } else { 0 }
    };
    let whence = args.get_or_undefined(1).to_i32(context)?;
    let target = match whence {
        0 if offset >= 0 => SeekFrom::Start(offset as u64),
        0 => return Ok((-errno::by_name("EINVAL").map(|e| e.wasi).unwrap_or(28)).into()),
        1 => SeekFrom::Current(offset),
        2 => SeekFrom::End(offset),
        _ => {
            return Err(JsNativeError::range()
                .with_message(format!("seek: whence must be std.SEEK_SET, SEEK_CUR or SEEK_END, not {whence}"))
                .into());
        }
    };
    with_file(this, |state| {
        let fd = state.fd()?;
        state.drop_read_ahead();
        state.eof = false;
        Ok(match pfs::seek(fd, target) {
            Ok(_) => 0,
            Err(e) => -errno::wasi_errno(&e),
        }
        .into())
    })
}

fn file_eof(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| Ok((state.eof && state.unread() == 0).into()))
}

fn file_fileno(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| Ok(state.fd()?.into()))
}

fn file_error(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| Ok(state.error.into()))
}

fn file_clearerr(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_file(this, |state| {
        state.error = false;
        state.eof = false;
        Ok(JsValue::undefined())
    })
}

/// The `(buffer, position, length)` arguments of `read`/`write` as a region.
fn io_region(args: &[JsValue], what: &str, context: &mut Context) -> JsResult<Region> {
    let region = Region::of(args.get_or_undefined(0), what, context)?;
    let position = match args.get(1) {
        Some(v) if !v.is_undefined() => v.to_index(context)?,
        _ => 0,
    };
    let length = match args.get(2) {
        Some(v) if !v.is_undefined() => v.to_index(context)?,
        _ => (region.len as u64).saturating_sub(position),
    };
    region.slice(position, length, what)
}

fn file_read(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let region = io_region(args, "FILE.read", context)?;
    let bytes = with_file(this, |state| state.read_bytes(region.len))?;
    Ok((region.fill_from(&bytes) as f64).into())
}

fn file_write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let region = io_region(args, "FILE.write", context)?;
    let bytes = region.to_vec();
    Ok((with_file(this, |state| state.write_bytes(&bytes))? as f64).into())
}

fn file_getline(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let line = with_file(this, |state| {
        let mut line = Vec::new();
        let mut any = false;
        while let Some(byte) = state.read_byte()? {
            any = true;
            if byte == b'\n' {
                break;
            }
            line.push(byte);
        }
        Ok(any.then_some(line))
    })?;
    Ok(match line {
        Some(bytes) => js_str(&String::from_utf8_lossy(&bytes)),
        None => JsValue::null(),
    })
}

fn file_read_as_string(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let max = match args.first() {
        Some(v) if !v.is_undefined() => v.to_index(context)? as usize,
        _ => usize::MAX,
    };
    let bytes = with_file(this, |state| state.read_bytes(max))?;
    Ok(js_str(&String::from_utf8_lossy(&bytes)))
}

fn file_get_byte(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(with_file(this, |state| state.read_byte())?.map(i32::from).unwrap_or(-1).into())
}

fn file_put_byte(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let byte = args.get_or_undefined(0).to_i32(context)?;
    let written = with_file(this, |state| state.write_bytes(&[byte as u8]))?;
    Ok(if written == 1 { (byte & 0xff).into() } else { (-1).into() })
}

impl Class for StdFile {
    const NAME: &'static str = "FILE";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("FILE objects come from std.open, std.fdopen or std.tmpfile").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        let methods: &[(&str, usize, NativeFn)] = &[
            ("close", 0, file_close),
            ("puts", 1, file_puts),
            ("printf", 1, file_printf),
            ("flush", 0, file_flush),
            ("tell", 0, file_tell),
            ("tello", 0, file_tello),
            ("seek", 2, file_seek),
            ("eof", 0, file_eof),
            ("fileno", 0, file_fileno),
            ("error", 0, file_error),
            ("clearerr", 0, file_clearerr),
            ("read", 3, file_read),
            ("write", 3, file_write),
            ("getline", 0, file_getline),
            ("readAsString", 1, file_read_as_string),
            ("getByte", 0, file_get_byte),
            ("putByte", 1, file_put_byte),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(*name), *length, NativeFunction::from_fn_ptr(*f));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// printf

struct PrintfArgs<'a, 'c> {
    values: &'a [JsValue],
    next: usize,
    context: &'c mut Context,
}

impl printf::ArgSource for PrintfArgs<'_, '_> {
    type Error = boa_engine::JsError;

    fn next(&mut self, want: printf::Want) -> JsResult<Option<printf::Arg>> {
        let Some(value) = self.values.get(self.next) else { return Ok(None) };
        self.next += 1;
        let context = &mut *self.context;
        Ok(Some(match want {
            printf::Want::Int { wide } => {
                if value.is_bigint() {
                    printf::Arg::Int(value.to_big_int64(context)?, true)
                } else if wide {
                    let n = value.to_number(context)?;
                    printf::Arg::Int(if n.is_finite() { n as i64 } else { 0 }, false)
                } else {
                    printf::Arg::Int(value.to_i32(context)? as i64, false)
                }
            }
            printf::Want::Float => match value.as_bigint() {
                Some(big) => printf::Arg::Float(big.to_f64()),
                None => printf::Arg::Float(value.to_number(context)?),
            },
            printf::Want::Str => printf::Arg::Str(value.to_string(context)?.to_std_string_lossy()),
            printf::Want::Char => match value.as_string() {
                Some(s) => printf::Arg::Str(s.to_std_string_lossy()),
                None => printf::Arg::Int(value.to_i32(context)? as i64, false),
            },
        }))
    }
}

/// `sprintf(fmt, ...args)` as Rust text.
pub fn sprintf_text(args: &[JsValue], context: &mut Context) -> JsResult<String> {
    let format = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let mut source = PrintfArgs { values: args.get(1..).unwrap_or_default(), next: 0, context };
    printf::format(&format, &mut source).map_err(|error| match error {
        printf::FormatError::Invalid(message) => JsNativeError::typ().with_message(message).into(),
        printf::FormatError::Arg(error) => error,
    })
}

fn sprintf(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(js_str(&sprintf_text(args, context)?))
}

fn write_stdout(text: &str) -> usize {
    pfs::write_fd(pfs::STDOUT, text.as_bytes()).unwrap_or_default()
}

fn printf_stdout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = sprintf_text(args, context)?;
    Ok((write_stdout(&text) as f64).into())
}

fn puts(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut text = String::new();
    for value in args {
        text.push_str(&value.to_string(context)?.to_std_string_lossy());
    }
    write_stdout(&text);
    Ok(JsValue::undefined())
}

// ---------------------------------------------------------------------------------------------
// Opening files

/// An `fopen` mode: `r`, `w`, `a`, `x` with an optional `+`; `b` is accepted and ignored.
fn parse_fopen_mode(mode: &str) -> Option<pfs::OpenMode> {
    let mut chars = mode.chars().filter(|&c| c != 'b');
    let first = chars.next()?;
    let rest: String = chars.collect();
    let plus = match rest.as_str() {
        "" => false,
        "+" => true,
        "x" | "+x" | "x+" if first == 'w' => {
            let mut m = parse_fopen_mode(&format!("w{}", if rest.contains('+') { "+" } else { "" }))?;
            m.exclusive = true;
            return Some(m);
        }
        _ => return None,
    };
    let mut open_mode = pfs::OpenMode { permissions: 0o666, ..Default::default() };
    match first {
        'r' => {
            open_mode.read = true;
            open_mode.write = plus;
        }
        'w' => {
            open_mode.write = true;
            open_mode.read = plus;
            open_mode.create = true;
            open_mode.truncate = true;
        }
        'a' => {
            open_mode.append = true;
            open_mode.read = plus;
            open_mode.create = true;
        }
        _ => return None,
    }
    Some(open_mode)
}

fn mode_arg(value: &JsValue, context: &mut Context) -> JsResult<pfs::OpenMode> {
    let mode = value.to_string(context)?.to_std_string_lossy();
    parse_fopen_mode(&mode)
        .ok_or_else(|| JsNativeError::typ().with_message(format!("invalid file mode '{mode}'")).into())
}

fn set_errno(error_object: &JsValue, errno: i32, context: &mut Context) -> JsResult<()> {
    if let Some(object) = error_object.as_object() {
        object.set(js_string!("errno"), errno, false, context)?;
    }
    Ok(())
}

fn open(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let mode = mode_arg(args.get_or_undefined(1), context)?;
    let error_object = args.get_or_undefined(2);
    match pfs::open(Path::new(&path), &mode) {
        Ok(fd) => {
            set_errno(error_object, 0, context)?;
            Ok(StdFile::create(fd, false, context)?.into())
        }
        Err(error) => {
            set_errno(error_object, errno::wasi_errno(&error), context)?;
            Ok(JsValue::null())
        }
    }
}

fn fdopen(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_i32(context)?;
    mode_arg(args.get_or_undefined(1), context)?;
    let error_object = args.get_or_undefined(2);
    if !pfs::is_open(fd) {
        set_errno(error_object, errno::by_name("EBADF").map(|e| e.wasi).unwrap_or(8), context)?;
        return Ok(JsValue::null());
    }
    set_errno(error_object, 0, context)?;
    // The descriptor stays owned by whoever opened it (os.open): closing the FILE closes it.
    Ok(StdFile::create(fd, fd <= pfs::STDERR, context)?.into())
}

fn tmpfile(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let error_object = args.get_or_undefined(0);
    match pfs::temp_file() {
        Ok(fd) => {
            set_errno(error_object, 0, context)?;
            Ok(StdFile::create(fd, false, context)?.into())
        }
        Err(error) => {
            set_errno(error_object, errno::wasi_errno(&error), context)?;
            Ok(JsValue::null())
        }
    }
}

fn popen(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    // WASI cannot start processes; the native build keeps the same behaviour.
    set_errno(args.get_or_undefined(2), errno::by_name("ENOSYS").map(|e| e.wasi).unwrap_or(52), context)?;
    Ok(JsValue::null())
}

fn load_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let binary = match args.get_or_undefined(1).as_object() {
        Some(options) => options.get(js_string!("binary"), context)?.to_boolean(),
        None => false,
    };
    match pfs::read(Path::new(&path)) {
        Ok(bytes) if binary => Ok(array_buffer(&bytes, context)?.into()),
        Ok(bytes) => Ok(js_str(&String::from_utf8_lossy(&bytes))),
        Err(_) => Ok(JsValue::null()),
    }
}

// ---------------------------------------------------------------------------------------------
// Scripts

fn eval_script(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let source = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let is_async = match args.get_or_undefined(1).as_object() {
        Some(options) => options.get(js_string!("async"), context)?.to_boolean(),
        None => false,
    };
    if !is_async {
        return context.eval(Source::from_bytes(source.as_bytes()));
    }
    // `{async: true}`: a promise of `{value}` (top-level await inside the script is not
    // supported: documented).
    let result = context.eval(Source::from_bytes(source.as_bytes())).map(|value| {
        let wrapper = ObjectInitializer::new(context).property(js_string!("value"), value, Attribute::all()).build();
        JsValue::from(wrapper)
    });
    Ok(JsPromise::from_result(result, context)?.into())
}

fn load_script(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let text = pfs::read_to_string(Path::new(&path)).map_err(|e| JsNativeError::error().with_message(e.to_string()))?;
    let path_buf = std::path::PathBuf::from(&path);
    context.eval(Source::from_bytes(text.as_bytes()).with_path(&path_buf))
}

fn parse_ext_json(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    let tree = ext_json::parse(&text).map_err(|message| JsNativeError::syntax().with_message(message))?;
    ext_json_to_js(&tree, context)
}

fn ext_json_to_js(value: &ext_json::ExtJson, context: &mut Context) -> JsResult<JsValue> {
    use ext_json::ExtJson;
    Ok(match value {
        ExtJson::Null => JsValue::null(),
        ExtJson::Bool(b) => (*b).into(),
        ExtJson::Number(n) => (*n).into(),
        ExtJson::String(units) => JsString::from(units.as_slice()).into(),
        ExtJson::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                values.push(ext_json_to_js(item, context)?);
            }
            JsArray::from_iter(values, context).into()
        }
        ExtJson::Object(members) => {
            let object = JsObject::with_object_proto(context.intrinsics());
            for (key, member) in members {
                let member = ext_json_to_js(member, context)?;
                object.create_data_property_or_throw(JsString::from(key.as_slice()), member, context)?;
            }
            object.into()
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Miscellaneous

fn exit(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    crate::globals::exit(&JsValue::undefined(), args, context)
}

fn gc(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    boa_gc::force_collect();
    Ok(JsValue::undefined())
}

fn strerror(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let errno = args.get_or_undefined(0).to_i32(context)?;
    Ok(js_str(errno::strerror(errno)))
}

fn getenv(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
    Ok(getenv_value(&name).map(|v| js_str(&v)).unwrap_or_default())
}

fn setenv(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args.get_or_undefined(0), "setenv: the name")?;
    let value = args.get_or_undefined(1).to_string(context)?.to_std_string_lossy();
    ENV_OVERLAY.with(|o| o.borrow_mut().insert(name, Some(value)));
    Ok(JsValue::undefined())
}

fn unsetenv(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args.get_or_undefined(0), "unsetenv: the name")?;
    ENV_OVERLAY.with(|o| o.borrow_mut().insert(name, None));
    Ok(JsValue::undefined())
}

fn getenviron(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = JsObject::with_object_proto(context.intrinsics());
    for (key, value) in environment() {
        object.create_data_property_or_throw(JsString::from(key.as_str()), js_str(&value), context)?;
    }
    Ok(object.into())
}

/// The `std` module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    register_class::<StdFile>(context)?;
    let functions: &[(&str, usize, NativeFn)] = &[
        ("exit", 1, exit),
        ("gc", 0, gc),
        ("evalScript", 1, eval_script),
        ("loadScript", 1, load_script),
        ("loadFile", 1, load_file),
        ("strerror", 1, strerror),
        ("parseExtJSON", 1, parse_ext_json),
        ("getenv", 1, getenv),
        ("setenv", 2, setenv),
        ("unsetenv", 1, unsetenv),
        ("getenviron", 0, getenviron),
        ("open", 2, open),
        ("popen", 2, popen),
        ("fdopen", 2, fdopen),
        ("tmpfile", 0, tmpfile),
        ("puts", 1, puts),
        ("printf", 1, printf_stdout),
        ("sprintf", 1, sprintf),
    ];
    let exports = Exports::new().functions(functions, context);
    let mut errors = ObjectInitializer::new(context);
    for name in errno::STD_ERROR_NAMES {
        let number = errno::by_name(name).map(|e| e.wasi).unwrap_or(0);
        errors.property(JsString::from(*name), number, Attribute::READONLY | Attribute::ENUMERABLE);
    }
    let errors = errors.build();
    let stdin = StdFile::create(pfs::STDIN, true, context)?;
    let stdout = StdFile::create(pfs::STDOUT, true, context)?;
    let stderr = StdFile::create(pfs::STDERR, true, context)?;
    Ok(exports
        .value("SEEK_SET", 0)
        .value("SEEK_CUR", 1)
        .value("SEEK_END", 2)
        .value("Error", errors)
        .value("in", stdin)
        .value("out", stdout)
        .value("err", stderr)
        .into_module(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fopen_modes() {
        let r = parse_fopen_mode("r").unwrap();
        assert!(r.read && !r.write && !r.create);
        let w = parse_fopen_mode("wb").unwrap();
        assert!(w.write && w.create && w.truncate && !w.read);
        let a = parse_fopen_mode("a+").unwrap();
        assert!(a.append && a.read && a.create && !a.truncate);
        assert!(parse_fopen_mode("wx").unwrap().exclusive);
        assert!(parse_fopen_mode("q").is_none());
        assert!(parse_fopen_mode("").is_none());
        assert!(parse_fopen_mode("r++").is_none());
    }
}
