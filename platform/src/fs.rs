//! The file system as scripts see it: reading script and module files, and the thin wrappers
//! behind `std`, `qjs:os` and `fs` (paths, metadata, directories, and numbered file
//! descriptors).
//!
//! Everything goes through `std::fs`, which on WASI is wasi-libc with its preopened directories,
//! so one implementation serves both targets. What WASI cannot do (symlinks through std, owner
//! and permission bits, inode numbers) is reported as `Unsupported` or filled with neutral values.
//!
//! File descriptors handed to scripts are the real descriptor numbers of files opened here; the
//! files themselves live in a per-thread table, so a script can only reach files it opened (plus
//! 0, 1 and 2, which are stdin, stdout and stderr).

use std::{
    cell::RefCell,
    collections::HashMap,
    fmt,
    fs::{File, OpenOptions},
    io::{self, IsTerminal, Read, Seek, SeekFrom, Write},
    os::fd::AsRawFd,
    path::{Component, Path, PathBuf},
    time::{SystemTime, UNIX_EPOCH},
};

/// A file that could not be read, with a message fit for a JavaScript developer.
#[derive(Debug)]
pub struct ReadError {
    pub path: String,
    pub error: io::Error,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.error.kind() {
            _ if let Some(reason) = crate::sys::file_error_reason(&self.error) => reason.to_string(),
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::InvalidData => "the file is not valid UTF-8".to_string(),
            _ => self.error.to_string(),
        };
        write!(f, "cannot read '{}': {reason}", self.path)?;
        if let Some(hint) = crate::sys::file_access_hint(&self.error) {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole UTF-8 text file.
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|error| ReadError { path: path.display().to_string(), error })
}

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|error| ReadError { path: path.display().to_string(), error })
}

/// Reads a whole file as bytes, with the plain I/O error.
pub fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Whether `path` names a regular file that this process can see.
pub fn is_file(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.is_file()).unwrap_or(false)
}

/// Why a call failed, as a POSIX error name (`"ENOENT"`), whatever the target's own numbering.
pub fn error_code(error: &io::Error) -> &'static str {
    if let Some(name) = error.raw_os_error().and_then(errno_name) {
        return name;
    }
    use io::ErrorKind as K;
    match error.kind() {
        K::NotFound => "ENOENT",
        K::PermissionDenied => "EACCES",
        K::AlreadyExists => "EEXIST",
        K::NotADirectory => "ENOTDIR",
        K::IsADirectory => "EISDIR",
        K::DirectoryNotEmpty => "ENOTEMPTY",
        K::ReadOnlyFilesystem => "EROFS",
        K::CrossesDevices => "EXDEV",
        K::InvalidFilename => "ENAMETOOLONG",
        K::StorageFull => "ENOSPC",
        K::ResourceBusy => "EBUSY",
        K::BrokenPipe => "EPIPE",
        K::Unsupported => "ENOSYS",
        K::InvalidInput | K::InvalidData => "EINVAL",
        K::Interrupted => "EINTR",
        K::WouldBlock => "EAGAIN",
        K::UnexpectedEof => "EOF",
        K::TimedOut => "ETIMEDOUT",
        _ => "EIO",
    }
}

/// The POSIX name of a raw OS error number of this target.
#[cfg(unix)]
fn errno_name(code: i32) -> Option<&'static str> {
    let names: &[(i32, &str)] = &[
        (libc::EPERM, "EPERM"),
        (libc::ENOENT, "ENOENT"),
        (libc::EIO, "EIO"),
        (libc::ENXIO, "ENXIO"),
        (libc::E2BIG, "E2BIG"),
        (libc::EBADF, "EBADF"),
        (libc::EAGAIN, "EAGAIN"),
        (libc::ENOMEM, "ENOMEM"),
        (libc::EACCES, "EACCES"),
        (libc::EBUSY, "EBUSY"),
        (libc::EEXIST, "EEXIST"),
        (libc::EXDEV, "EXDEV"),
        (libc::ENODEV, "ENODEV"),
        (libc::ENOTDIR, "ENOTDIR"),
        (libc::EISDIR, "EISDIR"),
        (libc::EINVAL, "EINVAL"),
        (libc::ENFILE, "ENFILE"),
        (libc::EMFILE, "EMFILE"),
        (libc::ENOTTY, "ENOTTY"),
        (libc::EFBIG, "EFBIG"),
        (libc::ENOSPC, "ENOSPC"),
        (libc::ESPIPE, "ESPIPE"),
        (libc::EROFS, "EROFS"),
        (libc::EMLINK, "EMLINK"),
        (libc::EPIPE, "EPIPE"),
        (libc::ENAMETOOLONG, "ENAMETOOLONG"),
        (libc::ENOSYS, "ENOSYS"),
        (libc::ENOTEMPTY, "ENOTEMPTY"),
        (libc::ELOOP, "ELOOP"),
        (libc::ENOTSUP, "ENOTSUP"),
        (libc::EINTR, "EINTR"),
        (libc::ETIMEDOUT, "ETIMEDOUT"),
    ];
    names.iter().find(|(n, _)| *n == code).map(|(_, name)| *name)
}

/// The POSIX name of a WASI errno (wasi-libc's `errno` uses WASI's numbering).
#[cfg(not(unix))]
fn errno_name(code: i32) -> Option<&'static str> {
    let names: &[(i32, &str)] = &[
        (63, "EPERM"),
        (44, "ENOENT"),
        (29, "EIO"),
        (60, "ENXIO"),
        (1, "E2BIG"),
        (8, "EBADF"),
        (6, "EAGAIN"),
        (48, "ENOMEM"),
        (2, "EACCES"),
        (10, "EBUSY"),
        (20, "EEXIST"),
        (75, "EXDEV"),
        (43, "ENODEV"),
        (54, "ENOTDIR"),
        (31, "EISDIR"),
        (28, "EINVAL"),
        (41, "ENFILE"),
        (33, "EMFILE"),
        (59, "ENOTTY"),
        (22, "EFBIG"),
        (51, "ENOSPC"),
        (70, "ESPIPE"),
        (69, "EROFS"),
        (34, "EMLINK"),
        (64, "EPIPE"),
        (37, "ENAMETOOLONG"),
        (52, "ENOSYS"),
        (55, "ENOTEMPTY"),
        (32, "ELOOP"),
        (58, "ENOTSUP"),
        (27, "EINTR"),
        (73, "ETIMEDOUT"),
        // A path outside every directory given with --dir.
        (76, "ENOTCAPABLE"),
    ];
    names.iter().find(|(n, _)| *n == code).map(|(_, name)| *name)
}

/// A hint to print after a file error (the `--dir` advice under WasmEdge), if any.
pub fn access_hint(error: &io::Error) -> Option<&'static str> {
    crate::sys::file_access_hint(error)
}

/// What kind of thing a directory entry or a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Directory,
    Symlink,
    BlockDevice,
    CharDevice,
    Fifo,
    Socket,
    Unknown,
}

impl FileKind {
    fn of(file_type: std::fs::FileType) -> Self {
        if file_type.is_file() {
            return FileKind::File;
        }
        if file_type.is_dir() {
            return FileKind::Directory;
        }
        if file_type.is_symlink() {
            return FileKind::Symlink;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_block_device() {
                return FileKind::BlockDevice;
            }
            if file_type.is_char_device() {
                return FileKind::CharDevice;
            }
            if file_type.is_fifo() {
                return FileKind::Fifo;
            }
            if file_type.is_socket() {
                return FileKind::Socket;
            }
        }
        FileKind::Unknown
    }

    /// The `S_IFMT` bits of this kind.
    pub fn mode_bits(self) -> u32 {
        match self {
            FileKind::File => 0o100000,
            FileKind::Directory => 0o040000,
            FileKind::Symlink => 0o120000,
            FileKind::BlockDevice => 0o060000,
            FileKind::CharDevice => 0o020000,
            FileKind::Fifo => 0o010000,
            FileKind::Socket => 0o140000,
            FileKind::Unknown => 0,
        }
    }
}

/// What `stat` tells about a file. Times are nanoseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    pub kind: FileKind,
    pub dev: u64,
    pub ino: u64,
    /// File type and permission bits, as in POSIX `st_mode`.
    pub mode: u32,
    pub nlink: u64,
    pub uid: u32,
    pub gid: u32,
    pub rdev: u64,
    pub size: u64,
    pub blksize: u64,
    pub blocks: u64,
    pub atime_ns: i128,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub birthtime_ns: i128,
}

fn nanos_since_epoch(time: io::Result<SystemTime>) -> Option<i128> {
    let time = time.ok()?;
    Some(match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    })
}

impl Stat {
    fn from_metadata(metadata: &std::fs::Metadata) -> Self {
        let kind = FileKind::of(metadata.file_type());
        let mtime_ns = nanos_since_epoch(metadata.modified()).unwrap_or(0);
        let atime_ns = nanos_since_epoch(metadata.accessed()).unwrap_or(mtime_ns);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ctime_ns = metadata.ctime() as i128 * 1_000_000_000 + metadata.ctime_nsec() as i128;
            Stat {
                kind,
                dev: metadata.dev(),
                ino: metadata.ino(),
                mode: metadata.mode(),
                nlink: metadata.nlink(),
                uid: metadata.uid(),
                gid: metadata.gid(),
                rdev: metadata.rdev(),
                size: metadata.size(),
                blksize: metadata.blksize(),
                blocks: metadata.blocks(),
                atime_ns,
                mtime_ns,
                ctime_ns,
                birthtime_ns: nanos_since_epoch(metadata.created()).unwrap_or(ctime_ns),
            }
        }
        #[cfg(not(unix))]
        {
            // WASI has no owners or permission bits (wasi-libc reports none, so std would call
            // every file read-only): report rw-rw-rw-, rwx for directories.
            let permissions = if kind == FileKind::Directory { 0o777 } else { 0o666 };
            #[cfg(target_os = "wasi")]
            let (dev, ino, nlink) = {
                use std::os::wasi::fs::MetadataExt;
                (metadata.dev(), metadata.ino(), metadata.nlink())
            };
            #[cfg(not(target_os = "wasi"))]
            let (dev, ino, nlink) = (0, 0, 1);
            Stat {
                kind,
                dev,
                ino,
                mode: kind.mode_bits() | permissions,
                nlink,
                uid: 0,
                gid: 0,
                rdev: 0,
                size: metadata.len(),
                blksize: 4096,
                blocks: metadata.len().div_ceil(512),
                atime_ns,
                mtime_ns,
                ctime_ns: mtime_ns,
                birthtime_ns: nanos_since_epoch(metadata.created()).unwrap_or(mtime_ns),
            }
        }
    }
}

/// `stat` (follows symbolic links) or `lstat` (does not).
pub fn stat(path: &Path, follow_links: bool) -> io::Result<Stat> {
    let metadata = if follow_links { std::fs::metadata(path)? } else { std::fs::symlink_metadata(path)? };
    Ok(Stat::from_metadata(&metadata))
}

/// The names and kinds of the entries of a directory (without `.` and `..`), sorted by name.
pub fn read_dir(path: &Path) -> io::Result<Vec<(String, FileKind)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let kind = entry.file_type().map(FileKind::of).unwrap_or(FileKind::Unknown);
        entries.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Creates a directory; with `recursive`, its missing parents too. Returns the first directory
/// actually created (`None` if `recursive` and it already existed).
pub fn create_dir(path: &Path, recursive: bool, mode: u32) -> io::Result<Option<PathBuf>> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    if !recursive {
        builder.create(path)?;
        return Ok(Some(path.to_path_buf()));
    }
    // The first missing ancestor is what Node's recursive mkdir returns.
    let mut first_missing = None;
    let mut current = Some(path);
    while let Some(candidate) = current {
        if candidate.as_os_str().is_empty() {
            break;
        }
        match std::fs::metadata(candidate) {
            Ok(metadata) if metadata.is_dir() => break,
            Ok(_) => return Err(io::Error::from(io::ErrorKind::NotADirectory)),
            Err(_) => first_missing = Some(candidate.to_path_buf()),
        }
        current = candidate.parent();
    }
    builder.recursive(true).create(path)?;
    Ok(first_missing)
}

pub fn remove_dir(path: &Path) -> io::Result<()> {
    std::fs::remove_dir(path)
}

pub fn remove_dir_all(path: &Path) -> io::Result<()> {
    std::fs::remove_dir_all(path)
}

pub fn remove_file(path: &Path) -> io::Result<()> {
    std::fs::remove_file(path)
}

pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)
}

pub fn copy(from: &Path, to: &Path) -> io::Result<u64> {
    std::fs::copy(from, to)
}

pub fn hard_link(existing: &Path, link: &Path) -> io::Result<()> {
    std::fs::hard_link(existing, link)
}

/// Creates a symbolic link at `link` pointing to `target` (unsupported under WASI's std).
pub fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::symlink(target, link);
    // WASI's path_symlink: the target is stored as given.
    #[cfg(target_os = "wasi")]
    return std::os::wasi::fs::symlink_path(target, link);
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        let _ = (target, link);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

pub fn read_link(path: &Path) -> io::Result<PathBuf> {
    std::fs::read_link(path)
}

/// Writes a whole file (created or truncated, or appended to).
pub fn write_file(path: &Path, data: &[u8], append: bool, exclusive: bool, mode: u32) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true);
    if exclusive {
        options.create_new(true);
    } else {
        options.create(true);
    }
    if append {
        options.append(true);
    } else {
        options.truncate(true);
    }
    set_mode(&mut options, mode);
    options.open(path)?.write_all(data)
}

pub fn truncate(path: &Path, len: u64) -> io::Result<()> {
    OpenOptions::new().write(true).open(path)?.set_len(len)
}

/// Sets the access and modification times (seconds since the epoch).
pub fn set_times(path: &Path, accessed: f64, modified: f64) -> io::Result<()> {
    let file = match File::options().write(true).open(path) {
        Ok(file) => file,
        Err(_) => File::open(path)?,
    };
    file.set_times(file_times(accessed, modified)?)
}

/// Sets the access and modification times (seconds since the epoch) of `path` itself: a symbolic
/// link's own times, never its target's (a dangling link included).
pub fn set_link_times(path: &Path, accessed: f64, modified: f64) -> io::Result<()> {
    let path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    crate::sys::set_times_nofollow(&path, timespec_parts(accessed)?, timespec_parts(modified)?)
}

/// Whole seconds (rounded down) and nanoseconds of `seconds`, as libuv splits a time.
fn timespec_parts(seconds: f64) -> io::Result<(i64, i64)> {
    if !seconds.is_finite() {
        return Err(io::Error::from(io::ErrorKind::InvalidInput));
    }
    let whole = seconds.floor();
    Ok((whole as i64, (((seconds - whole) * 1e9) as i64).min(999_999_999)))
}

fn system_time(seconds: f64) -> io::Result<SystemTime> {
    if !seconds.is_finite() {
        return Err(io::Error::from(io::ErrorKind::InvalidInput));
    }
    let duration = std::time::Duration::from_secs_f64(seconds.abs());
    let time = if seconds >= 0.0 { UNIX_EPOCH.checked_add(duration) } else { UNIX_EPOCH.checked_sub(duration) };
    time.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))
}

fn file_times(accessed: f64, modified: f64) -> io::Result<std::fs::FileTimes> {
    Ok(std::fs::FileTimes::new().set_accessed(system_time(accessed)?).set_modified(system_time(modified)?))
}

/// Changes the permission bits (ignored under WASI, which has none).
pub fn set_permissions(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
        std::fs::metadata(path).map(drop)
    }
}

/// `fchmod`: the permission bits of an open file (WASI has none: only checks the descriptor).
pub fn set_permissions_fd(fd: i32, mode: u32) -> io::Result<()> {
    with_file(fd, |file| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))
        }
        #[cfg(not(unix))]
        {
            let _ = mode;
            file.metadata().map(drop)
        }
    })
}

/// Which accesses `access` checks (POSIX `R_OK`, `W_OK`, `X_OK`; none means existence).
pub const ACCESS_READ: u32 = 4;
pub const ACCESS_WRITE: u32 = 2;
pub const ACCESS_EXECUTE: u32 = 1;

/// Whether `path` exists and allows the accesses in `mode`.
pub fn access(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(path.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        // SAFETY: `name` is a valid NUL-terminated string that outlives the call.
        let result = unsafe { libc::access(name.as_ptr(), (mode & 7) as libc::c_int) };
        if result == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    }
    #[cfg(not(unix))]
    {
        // Only existence can be checked: WASI reports no permission bits.
        let _ = mode;
        std::fs::metadata(path).map(drop)
    }
}

/// The absolute, symlink-free form of `path`. WASI cannot canonicalize (Debian's wasi-libc has
/// no `realpath`): there the path is made absolute against the current directory and cleaned up
/// textually.
pub fn canonicalize(path: &Path) -> io::Result<PathBuf> {
    #[cfg(unix)]
    return std::fs::canonicalize(path);
    #[cfg(not(unix))]
    {
        std::fs::metadata(path)?;
        let absolute = if path.is_absolute() { path.to_path_buf() } else { current_dir()?.join(path) };
        Ok(normalize(&absolute))
    }
}

/// Removes `.` and resolves `..` textually.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

pub fn current_dir() -> io::Result<PathBuf> {
    std::env::current_dir()
}

pub fn set_current_dir(path: &Path) -> io::Result<()> {
    std::env::set_current_dir(path)
}

/// The directory for temporary files (`$TMPDIR`, else `/tmp`; std's own lookup panics on WASI).
pub fn temp_dir() -> PathBuf {
    #[cfg(unix)]
    return std::env::temp_dir();
    #[cfg(not(unix))]
    std::env::var_os("TMPDIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"))
}

// ---------------------------------------------------------------------------------------------
// Numbered file descriptors.

thread_local! {
    static OPEN_FILES: RefCell<HashMap<i32, File>> = RefCell::new(HashMap::new());
}

pub const STDIN: i32 = 0;
pub const STDOUT: i32 = 1;
pub const STDERR: i32 = 2;

/// How to open a file (the union of what `fopen` modes, `O_*` flags and Node flags can say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenMode {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    pub create: bool,
    pub exclusive: bool,
    pub truncate: bool,
    /// Permission bits of a created file (ignored under WASI).
    pub permissions: u32,
}

fn set_mode(options: &mut OpenOptions, permissions: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(permissions);
    }
    #[cfg(not(unix))]
    let _ = (options, permissions);
}

fn bad_descriptor() -> io::Error {
    #[cfg(unix)]
    return io::Error::from_raw_os_error(libc::EBADF);
    #[cfg(not(unix))]
    io::Error::from_raw_os_error(8)
}

/// Opens `path` and returns its descriptor number.
pub fn open(path: &Path, mode: &OpenMode) -> io::Result<i32> {
    let mut options = OpenOptions::new();
    options
        .read(mode.read || !(mode.write || mode.append))
        .write(mode.write)
        .append(mode.append)
        .truncate(mode.truncate && (mode.write || mode.append));
    if mode.exclusive && mode.create {
        options.create_new(true);
    } else {
        options.create(mode.create);
    }
    set_mode(&mut options, if mode.permissions == 0 { 0o666 } else { mode.permissions });
    let file = options.open(path)?;
    Ok(adopt(file))
}

/// Puts an open file in the table and returns its number.
pub fn adopt(file: File) -> i32 {
    let fd = file.as_raw_fd();
    OPEN_FILES.with(|files| files.borrow_mut().insert(fd, file));
    fd
}

/// Creates an anonymous temporary file (removed from the directory at once).
pub fn temp_file() -> io::Result<i32> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    for attempt in 0..16u32 {
        let path = temp_dir().join(format!("wasmedge_boa-{}-{nanos:x}-{attempt}", crate::process::id()));
        match OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(adopt(file));
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

/// Whether `fd` is a descriptor a script may use.
pub fn is_open(fd: i32) -> bool {
    (STDIN..=STDERR).contains(&fd) || OPEN_FILES.with(|files| files.borrow().contains_key(&fd))
}

fn with_file<R>(fd: i32, f: impl FnOnce(&mut File) -> io::Result<R>) -> io::Result<R> {
    OPEN_FILES.with(|files| match files.borrow_mut().get_mut(&fd) {
        Some(file) => f(file),
        None => Err(bad_descriptor()),
    })
}

/// Closes `fd` (closing 0, 1 or 2 only flushes them: the runtime keeps its own streams).
pub fn close(fd: i32) -> io::Result<()> {
    if (STDIN..=STDERR).contains(&fd) {
        return flush(fd);
    }
    match OPEN_FILES.with(|files| files.borrow_mut().remove(&fd)) {
        Some(file) => {
            drop(file);
            Ok(())
        }
        None => Err(bad_descriptor()),
    }
}

/// Reads at the current position.
pub fn read_fd(fd: i32, buf: &mut [u8]) -> io::Result<usize> {
    match fd {
        STDIN => io::stdin().lock().read(buf),
        STDOUT | STDERR => Err(bad_descriptor()),
        _ => with_file(fd, |file| file.read(buf)),
    }
}

/// Writes at the current position (all of `data` for stdout and stderr).
pub fn write_fd(fd: i32, data: &[u8]) -> io::Result<usize> {
    match fd {
        STDIN => Err(bad_descriptor()),
        STDOUT => io::stdout().lock().write_all(data).map(|()| data.len()),
        STDERR => io::stderr().lock().write_all(data).map(|()| data.len()),
        _ => with_file(fd, |file| file.write(data)),
    }
}

/// Reads at `position` without moving the descriptor's own position.
pub fn read_at(fd: i32, buf: &mut [u8], position: u64) -> io::Result<usize> {
    // pread natively: seeking far past the end fails where reading there returns 0 bytes.
    #[cfg(unix)]
    return with_file(fd, |file| {
        use std::os::unix::fs::FileExt;
        let mut filled = 0;
        while filled < buf.len() {
            match file.read_at(&mut buf[filled..], position + filled as u64) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(filled)
    });
    #[cfg(not(unix))]
    with_file(fd, |file| {
        let saved = file.stream_position()?;
        file.seek(SeekFrom::Start(position))?;
        let result = read_full(file, buf);
        file.seek(SeekFrom::Start(saved))?;
        result
    })
}

/// Writes at `position` without moving the descriptor's own position.
pub fn write_at(fd: i32, data: &[u8], position: u64) -> io::Result<usize> {
    #[cfg(unix)]
    return with_file(fd, |file| {
        use std::os::unix::fs::FileExt;
        file.write_all_at(data, position).map(|()| data.len())
    });
    #[cfg(not(unix))]
    with_file(fd, |file| {
        let saved = file.stream_position()?;
        file.seek(SeekFrom::Start(position))?;
        let result = file.write_all(data).map(|()| data.len());
        file.seek(SeekFrom::Start(saved))?;
        result
    })
}

/// Reads until `buf` is full or the end of the file.
#[cfg(not(unix))]
fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

pub fn seek(fd: i32, to: SeekFrom) -> io::Result<u64> {
    match fd {
        STDIN | STDOUT | STDERR => {
            #[cfg(unix)]
            return Err(io::Error::from_raw_os_error(libc::ESPIPE));
            #[cfg(not(unix))]
            Err(io::Error::from_raw_os_error(70))
        }
        _ => with_file(fd, |file| file.seek(to)),
    }
}

pub fn flush(fd: i32) -> io::Result<()> {
    match fd {
        STDIN => Ok(()),
        STDOUT => io::stdout().flush(),
        STDERR => io::stderr().flush(),
        _ => with_file(fd, |file| file.flush()),
    }
}

pub fn sync(fd: i32) -> io::Result<()> {
    match fd {
        STDIN..=STDERR => flush(fd),
        _ => with_file(fd, |file| file.sync_all()),
    }
}

pub fn set_len(fd: i32, len: u64) -> io::Result<()> {
    with_file(fd, |file| file.set_len(len))
}

pub fn fstat(fd: i32) -> io::Result<Stat> {
    match fd {
        STDIN..=STDERR => Ok(Stat {
            kind: FileKind::CharDevice,
            dev: 0,
            ino: 0,
            mode: FileKind::CharDevice.mode_bits() | 0o620,
            nlink: 1,
            uid: 0,
            gid: 0,
            rdev: 0,
            size: 0,
            blksize: 1024,
            blocks: 0,
            atime_ns: 0,
            mtime_ns: 0,
            ctime_ns: 0,
            birthtime_ns: 0,
        }),
        _ => with_file(fd, |file| Ok(Stat::from_metadata(&file.metadata()?))),
    }
}

pub fn set_times_fd(fd: i32, accessed: f64, modified: f64) -> io::Result<()> {
    let times = file_times(accessed, modified)?;
    with_file(fd, |file| file.set_times(times))
}

pub fn isatty(fd: i32) -> bool {
    match fd {
        STDIN => io::stdin().is_terminal(),
        STDOUT => io::stdout().is_terminal(),
        STDERR => io::stderr().is_terminal(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("wasmedge_boa_platform_fs_{}_{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn descriptors_read_write_and_close() {
        let dir = scratch("fd");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        let mode = OpenMode { read: true, write: true, create: true, truncate: true, ..Default::default() };
        let fd = open(&path, &mode).unwrap();
        assert!(is_open(fd));
        assert_eq!(write_fd(fd, b"hello world").unwrap(), 11);
        let mut buf = [0u8; 5];
        assert_eq!(read_at(fd, &mut buf, 6).unwrap(), 5);
        assert_eq!(&buf, b"world");
        assert_eq!(seek(fd, SeekFrom::Current(0)).unwrap(), 11);
        assert_eq!(fstat(fd).unwrap().size, 11);
        close(fd).unwrap();
        assert_eq!(error_code(&close(fd).unwrap_err()), "EBADF");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn recursive_mkdir_reports_first_created() {
        let dir = scratch("mkdir");
        let created = create_dir(&dir.join("a/b"), true, 0o777).unwrap();
        assert_eq!(created, Some(dir.clone()));
        assert_eq!(create_dir(&dir.join("a/b"), true, 0o777).unwrap(), None);
        let error = create_dir(&dir.join("a"), false, 0o777).unwrap_err();
        assert_eq!(error_code(&error), "EEXIST");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_have_posix_names() {
        let error = stat(Path::new("/definitely/not/here"), true).unwrap_err();
        assert_eq!(error_code(&error), "ENOENT");
        assert_eq!(error_code(&io::Error::from(io::ErrorKind::Unsupported)), "ENOSYS");
    }

    #[test]
    fn normalizes_textually() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("a/..")), PathBuf::from("."));
    }
}
