//! WASI errno numbers and the Linux → WASI translation WasmEdge applies (`fromErrNo`).

/// A WASI errno as the guest sees it.
pub type Errno = u16;

pub const ADDRNOTAVAIL: Errno = 4;
pub const BADF: Errno = 8;
pub const EXIST: Errno = 20;
pub const FAULT: Errno = 21;
pub const INVAL: Errno = 28;
pub const NOMEM: Errno = 48;
pub const NOSYS: Errno = 52;
pub const NOTSOCK: Errno = 57;
pub const PERM: Errno = 63;
pub const NOTCAPABLE: Errno = 76;

// WasmEdge's getaddrinfo extension (not standard WASI).
pub const AIADDRFAMILY: Errno = 77;
pub const AIAGAIN: Errno = 78;
pub const AIBADFLAG: Errno = 79;
pub const AIFAIL: Errno = 80;
pub const AIFAMILY: Errno = 81;
pub const AIMEMORY: Errno = 82;
pub const AINODATA: Errno = 83;
pub const AINONAME: Errno = 84;
pub const AISERVICE: Errno = 85;
pub const AISOCKTYPE: Errno = 86;
pub const AISYSTEM: Errno = 87;

/// Translates a Linux `errno` into the WASI numbering.
pub fn from_linux(errno: i32) -> Errno {
    use libc::*;
    match errno {
        0 => 0,
        E2BIG => 1,
        EACCES => 2,
        EADDRINUSE => 3,
        EADDRNOTAVAIL => 4,
        EAFNOSUPPORT => 5,
        EAGAIN => 6, // == EWOULDBLOCK
        EALREADY => 7,
        EBADF => 8,
        EBADMSG => 9,
        EBUSY => 10,
        ECANCELED => 11,
        ECHILD => 12,
        ECONNABORTED => 13,
        ECONNREFUSED => 14,
        ECONNRESET => 15,
        EDEADLK => 16,
        EDESTADDRREQ => 17,
        EDOM => 18,
        EDQUOT => 19,
        EEXIST => 20,
        EFAULT => 21,
        EFBIG => 22,
        EHOSTUNREACH => 23,
        EIDRM => 24,
        EILSEQ => 25,
        EINPROGRESS => 26,
        EINTR => 27,
        EINVAL => 28,
        EIO => 29,
        EISCONN => 30,
        EISDIR => 31,
        ELOOP => 32,
        EMFILE => 33,
        EMLINK => 34,
        EMSGSIZE => 35,
        EMULTIHOP => 36,
        ENAMETOOLONG => 37,
        ENETDOWN => 38,
        ENETRESET => 39,
        ENETUNREACH => 40,
        ENFILE => 41,
        ENOBUFS => 42,
        ENODEV => 43,
        ENOENT => 44,
        ENOEXEC => 45,
        ENOLCK => 46,
        ENOLINK => 47,
        ENOMEM => 48,
        ENOMSG => 49,
        ENOPROTOOPT => 50,
        ENOSPC => 51,
        ENOSYS => 52,
        ENOTCONN => 53,
        ENOTDIR => 54,
        ENOTEMPTY => 55,
        ENOTRECOVERABLE => 56,
        ENOTSOCK => 57,
        EOPNOTSUPP => 58, // == ENOTSUP on Linux
        ENOTTY => 59,
        ENXIO => 60,
        EOVERFLOW => 61,
        EOWNERDEAD => 62,
        EPERM => 63,
        EPIPE => 64,
        EPROTO => 65,
        EPROTONOSUPPORT => 66,
        EPROTOTYPE => 67,
        ERANGE => 68,
        EROFS => 69,
        ESPIPE => 70,
        ESRCH => 71,
        ESTALE => 72,
        ETIMEDOUT => 73,
        ETXTBSY => 74,
        EXDEV => 75,
        // Linux errnos with no WASI counterpart.
        _ => NOSYS,
    }
}

/// The WASI errno for the calling thread's last OS error.
pub fn last_os_error() -> Errno {
    from_linux(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
}

/// Translates a glibc `getaddrinfo` result code (`EAI_*`) into WasmEdge's 77–87 range.
pub fn from_eai(code: i32) -> Errno {
    match code {
        -1 => AIBADFLAG,    // EAI_BADFLAGS
        -2 => AINONAME,     // EAI_NONAME
        -3 => AIAGAIN,      // EAI_AGAIN
        -4 => AIFAIL,       // EAI_FAIL
        -5 => AINODATA,     // EAI_NODATA
        -6 => AIFAMILY,     // EAI_FAMILY
        -7 => AISOCKTYPE,   // EAI_SOCKTYPE
        -8 => AISERVICE,    // EAI_SERVICE
        -9 => AIADDRFAMILY, // EAI_ADDRFAMILY
        -10 => AIMEMORY,    // EAI_MEMORY
        -11 => AISYSTEM,    // EAI_SYSTEM
        _ => AIFAIL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_errnos_use_wasi_numbers() {
        assert_eq!(from_linux(libc::EWOULDBLOCK), 6);
        assert_eq!(from_linux(libc::ECONNREFUSED), 14);
        assert_eq!(from_linux(libc::EADDRINUSE), 3);
        assert_eq!(from_linux(libc::EINPROGRESS), 26);
        assert_eq!(from_linux(libc::ENOTCONN), 53);
        assert_eq!(from_linux(libc::ENOTSUP), 58);
        assert_eq!(from_linux(libc::EPIPE), 64);
        assert_eq!(from_linux(libc::ETIMEDOUT), 73);
    }

    #[test]
    fn getaddrinfo_codes_map_into_the_extension_range() {
        assert_eq!(from_eai(-2), AINONAME);
        assert_eq!(from_eai(-8), AISERVICE);
        assert_eq!(from_eai(-10), AIMEMORY);
    }
}
