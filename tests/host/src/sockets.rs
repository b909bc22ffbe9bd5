//! WasmEdge's socket extension (`sock_*`), implemented on host sockets with the exact
//! argument checks, memory layouts and errno values WasmEdge 0.17 uses.
//!
//! Every function checks pointers first, then flags/enums, then the fd (WasmEdge's order),
//! which is why the fd arrives as an already-resolved `Sock` that is only unwrapped late.

use std::collections::HashMap;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::errno::{self, Errno};
use crate::log;
use crate::memory::{GuestMemory, sock_aligned};

/// A guest fd resolved for a `sock_*` call: the host socket, or the errno to report
/// (`BADF` for an unknown fd, `NOTSOCK` for a file or stdio fd).
pub type Sock = Result<RawFd, Errno>;

/// Rights WasmEdge stores on a `sock_open` fd (WasmEdge's own bit assignment).
pub const RIGHTS_OPENED: u64 = 0xff80_0004a;
/// Rights WasmEdge stores on a `sock_accept` fd.
pub const RIGHTS_ACCEPTED: u64 = 0xf180_0004a;

/// Guest fds handed out for sockets. WasmEdge draws them at random from `[0, 2^31)`;
/// we draw from the upper part of that range so they never collide with the small
/// dense fds wasmtime-wasi gives files and preopens.
const FD_MIN: u32 = 0x0100_0000;
const FD_MAX: u32 = 0x7fff_ffff;

struct SocketEntry {
    fd: OwnedFd,
    rights: u64,
}

/// The socket part of the guest's fd table.
pub struct SocketTable {
    entries: HashMap<u32, SocketEntry>,
    rng_state: u64,
}

impl SocketTable {
    pub fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let seed = nanos ^ ((std::process::id() as u64) << 32) | 1;
        SocketTable {
            entries: HashMap::new(),
            rng_state: seed,
        }
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*: plenty for picking unpredictable fd numbers.
        let mut x = self.rng_state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng_state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn insert(&mut self, fd: OwnedFd, rights: u64) -> u32 {
        loop {
            let span = (FD_MAX - FD_MIN) as u64 + 1;
            let candidate = FD_MIN + (self.next_random() % span) as u32;
            if let std::collections::hash_map::Entry::Vacant(slot) = self.entries.entry(candidate) {
                slot.insert(SocketEntry { fd, rights });
                return candidate;
            }
        }
    }

    pub fn raw(&self, guest_fd: u32) -> Option<RawFd> {
        self.entries.get(&guest_fd).map(|e| e.fd.as_raw_fd())
    }

    pub fn rights(&self, guest_fd: u32) -> Option<u64> {
        self.entries.get(&guest_fd).map(|e| e.rights)
    }

    pub fn contains(&self, guest_fd: u32) -> bool {
        self.entries.contains_key(&guest_fd)
    }

    /// Removes and closes the socket; false if `guest_fd` is not one.
    pub fn close(&mut self, guest_fd: u32) -> bool {
        self.entries.remove(&guest_fd).is_some()
    }

    /// `fd_renumber` between two sockets: `to` is closed and replaced by `from`.
    pub fn renumber(&mut self, from: u32, to: u32) -> bool {
        if from == to {
            return self.entries.contains_key(&from);
        }
        match self.entries.remove(&from) {
            Some(entry) => {
                self.entries.insert(to, entry);
                true
            }
            None => false,
        }
    }
}

fn check(ret: libc::c_int) -> Result<libc::c_int, Errno> {
    if ret < 0 {
        Err(errno::last_os_error())
    } else {
        Ok(ret)
    }
}

fn check_size(ret: isize) -> Result<usize, Errno> {
    if ret < 0 {
        Err(errno::last_os_error())
    } else {
        Ok(ret as usize)
    }
}

// --- addresses -------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IpBytes {
    V4([u8; 4]),
    V6([u8; 16]),
}

/// Reads a `WasiAddress {buf, size}` and the IP it describes. V1 accepts only raw 4/16-byte
/// buffers; V2 also accepts the 128-byte storage form (u16 family at 0, address at 2).
fn read_address(mem: &GuestMemory, addr_ptr: u32, allow_storage: bool) -> Result<IpBytes, Errno> {
    sock_aligned(addr_ptr, 4)?;
    let buf = mem.read_u32(addr_ptr)?;
    let size = mem.read_u32(addr_ptr + 4)?;
    let bytes = mem.slice(buf, size)?;
    match size {
        4 => Ok(IpBytes::V4(
            bytes[..4].try_into().map_err(|_| errno::INVAL)?,
        )),
        16 => Ok(IpBytes::V6(
            bytes[..16].try_into().map_err(|_| errno::INVAL)?,
        )),
        128 if allow_storage => match u16::from_le_bytes([bytes[0], bytes[1]]) {
            1 => Ok(IpBytes::V4(
                bytes[2..6].try_into().map_err(|_| errno::INVAL)?,
            )),
            2 => Ok(IpBytes::V6(
                bytes[2..18].try_into().map_err(|_| errno::INVAL)?,
            )),
            // AF_UNIX needs --allow-af-unix, which this host does not offer.
            3 => Err(5),
            _ => Err(errno::INVAL),
        },
        _ => Err(errno::INVAL),
    }
}

/// A host socket address built from guest bytes (the port is host order, as in the ABI).
fn to_sockaddr(ip: IpBytes, port: u16) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: sockaddr_storage is plain old data; all-zero is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match ip {
        IpBytes::V4(octets) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: port.to_be(),
                sin_addr: libc::in_addr {
                    s_addr: u32::from_ne_bytes(octets),
                },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is larger than and suitably aligned for sockaddr_in.
            unsafe { std::ptr::write((&mut storage as *mut libc::sockaddr_storage).cast(), sin) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        IpBytes::V6(octets) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: port.to_be(),
                sin6_flowinfo: 0,
                sin6_addr: libc::in6_addr { s6_addr: octets },
                sin6_scope_id: 0,
            };
            // SAFETY: as above, for sockaddr_in6.
            unsafe { std::ptr::write((&mut storage as *mut libc::sockaddr_storage).cast(), sin6) };
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (storage, len as libc::socklen_t)
}

/// Splits a host socket address into (IP, port in host order); None for other families.
fn from_sockaddr(storage: &libc::sockaddr_storage) -> Option<(IpBytes, u16)> {
    match storage.ss_family as libc::c_int {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin: libc::sockaddr_in =
                unsafe { std::ptr::read((storage as *const libc::sockaddr_storage).cast()) };
            Some((
                IpBytes::V4(sin.sin_addr.s_addr.to_ne_bytes()),
                u16::from_be(sin.sin_port),
            ))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6: libc::sockaddr_in6 =
                unsafe { std::ptr::read((storage as *const libc::sockaddr_storage).cast()) };
            Some((
                IpBytes::V6(sin6.sin6_addr.s6_addr),
                u16::from_be(sin6.sin6_port),
            ))
        }
        _ => None,
    }
}

// --- sock_* ------------------------------------------------------------------------------

pub fn open(
    mem: &mut GuestMemory,
    table: &mut SocketTable,
    af: u32,
    socktype: u32,
    ro_fd: u32,
) -> Result<(), Errno> {
    sock_aligned(ro_fd, 4)?;
    mem.range(ro_fd, 4)?;
    let domain = match af {
        1 => libc::AF_INET,
        2 => libc::AF_INET6,
        3 => return Err(errno::NOSYS), // AF_UNIX without --allow-af-unix
        _ => return Err(errno::INVAL),
    };
    let kind = match socktype {
        1 => libc::SOCK_DGRAM,
        2 => libc::SOCK_STREAM,
        _ => return Err(errno::INVAL),
    };
    // No SOCK_NONBLOCK: new sockets are blocking, as in WasmEdge.
    // SAFETY: plain syscall; the result is checked before use.
    let raw = check(unsafe { libc::socket(domain, kind | libc::SOCK_CLOEXEC, 0) })?;
    // SAFETY: `raw` is a fresh fd we own.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    let guest_fd = table.insert(fd, RIGHTS_OPENED);
    mem.write_u32(ro_fd, guest_fd)
}

pub fn bind(
    mem: &GuestMemory,
    sock: Sock,
    addr: u32,
    port: u32,
    allow_storage: bool,
) -> Result<(), Errno> {
    let ip = read_address(mem, addr, allow_storage)?;
    let fd = sock?;
    let (sa, len) = to_sockaddr(ip, port as u16);
    // SAFETY: `sa` is a valid sockaddr of `len` bytes.
    check(unsafe { libc::bind(fd, (&sa as *const libc::sockaddr_storage).cast(), len) })?;
    Ok(())
}

pub fn connect(
    mem: &GuestMemory,
    sock: Sock,
    addr: u32,
    port: u32,
    allow_storage: bool,
) -> Result<(), Errno> {
    let ip = read_address(mem, addr, allow_storage)?;
    let fd = sock?;
    let (sa, len) = to_sockaddr(ip, port as u16);
    // SAFETY: `sa` is a valid sockaddr of `len` bytes.
    check(unsafe { libc::connect(fd, (&sa as *const libc::sockaddr_storage).cast(), len) })?;
    Ok(())
}

pub fn listen(sock: Sock, backlog: u32) -> Result<(), Errno> {
    let fd = sock?;
    // SAFETY: plain syscall.
    check(unsafe { libc::listen(fd, backlog as i32) })?;
    Ok(())
}

/// `fdflags` is None for the 2-argument V1 form (the new socket is always blocking).
pub fn accept(
    mem: &mut GuestMemory,
    table: &mut SocketTable,
    sock: Sock,
    fdflags: Option<u32>,
    ro_fd: u32,
) -> Result<(), Errno> {
    sock_aligned(ro_fd, 4)?;
    mem.range(ro_fd, 4)?;
    if let Some(flags) = fdflags
        && flags & !0x1f != 0
    {
        return Err(errno::INVAL);
    }
    let fd = sock?;
    // SAFETY: null address pointers are allowed by accept4.
    let raw = check(unsafe {
        libc::accept4(
            fd,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            libc::SOCK_CLOEXEC,
        )
    })?;
    // SAFETY: `raw` is a fresh fd we own.
    let new_fd = unsafe { OwnedFd::from_raw_fd(raw) };
    if fdflags.unwrap_or(0) & 4 != 0 {
        set_fd_flags(raw, 4)?;
    }
    let guest_fd = table.insert(new_fd, RIGHTS_ACCEPTED);
    mem.write_u32(ro_fd, guest_fd)
}

fn recv_flags(riflags: u32) -> Result<libc::c_int, Errno> {
    if riflags & !3 != 0 {
        return Err(errno::INVAL);
    }
    let mut flags = 0;
    if riflags & 1 != 0 {
        flags |= libc::MSG_PEEK;
    }
    if riflags & 2 != 0 {
        flags |= libc::MSG_WAITALL;
    }
    Ok(flags)
}

fn empty_msghdr() -> libc::msghdr {
    // SAFETY: msghdr is plain old data; all-zero is the conventional initial value.
    unsafe { std::mem::zeroed() }
}

pub fn recv(
    mem: &mut GuestMemory,
    sock: Sock,
    iovs: u32,
    iovs_len: u32,
    riflags: u32,
    ro_datalen: u32,
    ro_flags: u32,
) -> Result<(), Errno> {
    sock_aligned(iovs, 4)?;
    sock_aligned(ro_datalen, 4)?;
    sock_aligned(ro_flags, 2)?;
    mem.range(ro_datalen, 4)?;
    mem.range(ro_flags, 2)?;
    let mut iovecs = mem.iovecs(iovs, iovs_len)?;
    let flags = recv_flags(riflags)?;
    let fd = sock?;
    let mut msg = empty_msghdr();
    msg.msg_iov = iovecs.as_mut_ptr();
    msg.msg_iovlen = iovecs.len();
    // SAFETY: the iovecs point into bounds-checked guest memory.
    let n = check_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
    mem.write_u32(ro_datalen, n as u32)?;
    mem.write_u16(
        ro_flags,
        if msg.msg_flags & libc::MSG_TRUNC != 0 {
            1
        } else {
            0
        },
    )
}

/// `sock_recv_from`. `ro_port` is Some for the 8-argument V2 form the crate imports.
#[allow(clippy::too_many_arguments)]
pub fn recv_from(
    mem: &mut GuestMemory,
    sock: Sock,
    iovs: u32,
    iovs_len: u32,
    addr: u32,
    riflags: u32,
    ro_port: Option<u32>,
    ro_datalen: u32,
    ro_flags: u32,
) -> Result<(), Errno> {
    sock_aligned(iovs, 4)?;
    sock_aligned(addr, 4)?;
    if let Some(port_ptr) = ro_port {
        sock_aligned(port_ptr, 2)?;
        mem.range(port_ptr, 2)?;
    }
    sock_aligned(ro_datalen, 4)?;
    sock_aligned(ro_flags, 2)?;
    mem.range(ro_datalen, 4)?;
    mem.range(ro_flags, 2)?;
    let addr_buf = mem.read_u32(addr)?;
    let addr_size = mem.read_u32(addr + 4)?;
    if ro_port.is_some() && !matches!(addr_size, 4 | 16 | 128) {
        return Err(errno::INVAL);
    }
    mem.range(addr_buf, addr_size)?;
    let mut iovecs = mem.iovecs(iovs, iovs_len)?;
    let flags = recv_flags(riflags)?;
    let fd = sock?;
    // SAFETY: plain old data.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut msg = empty_msghdr();
    msg.msg_name = (&mut storage as *mut libc::sockaddr_storage).cast();
    msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    msg.msg_iov = iovecs.as_mut_ptr();
    msg.msg_iovlen = iovecs.len();
    // SAFETY: the iovecs point into bounds-checked guest memory; msg_name is our storage.
    let n = check_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
    if msg.msg_namelen == 0 {
        storage.ss_family = libc::AF_UNSPEC as libc::sa_family_t;
    }
    match (from_sockaddr(&storage), ro_port) {
        (Some((ip, port)), Some(port_ptr)) => {
            match ip {
                IpBytes::V4(octets) if addr_size == 128 => {
                    mem.write_bytes(addr_buf + 2, &octets)?;
                    mem.write_u16(addr_buf, 1)?;
                }
                IpBytes::V6(octets) if addr_size == 128 => {
                    mem.write_bytes(addr_buf + 2, &octets)?;
                    mem.write_u16(addr_buf, 2)?;
                }
                IpBytes::V4(octets) if addr_size >= 4 => mem.write_bytes(addr_buf, &octets)?,
                IpBytes::V6(octets) if addr_size >= 16 => mem.write_bytes(addr_buf, &octets)?,
                _ => {}
            }
            // WasmEdge stores sin_port without ntohs: the guest sees the port byte-swapped.
            mem.write_bytes(port_ptr, &port.to_be_bytes())?;
        }
        (Some((ip, _)), None) => match ip {
            // V1 writes the raw address without looking at the buffer size.
            IpBytes::V4(octets) => mem.write_bytes(addr_buf, &octets)?,
            IpBytes::V6(octets) => mem.write_bytes(addr_buf, &octets)?,
        },
        (None, _) => {
            log::warning("remote address unavailable");
            if ro_port.is_some() && addr_size == 128 {
                // WasmEdge leaves an uninitialised family here; 0 is what was observed.
                mem.write_u16(addr_buf, 0)?;
            }
        }
    }
    mem.write_u32(ro_datalen, n as u32)?;
    mem.write_u16(
        ro_flags,
        if msg.msg_flags & libc::MSG_TRUNC != 0 {
            1
        } else {
            0
        },
    )
}

pub fn send(
    mem: &mut GuestMemory,
    sock: Sock,
    iovs: u32,
    iovs_len: u32,
    siflags: u32,
    so_datalen: u32,
) -> Result<(), Errno> {
    sock_aligned(iovs, 4)?;
    sock_aligned(so_datalen, 4)?;
    mem.range(so_datalen, 4)?;
    let mut iovecs = mem.iovecs(iovs, iovs_len)?;
    if siflags != 0 {
        return Err(errno::INVAL);
    }
    let fd = sock?;
    let mut msg = empty_msghdr();
    msg.msg_iov = iovecs.as_mut_ptr();
    msg.msg_iovlen = iovecs.len();
    // SAFETY: the iovecs point into bounds-checked guest memory.
    let n = check_size(unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL) })?;
    mem.write_u32(so_datalen, n as u32)
}

#[allow(clippy::too_many_arguments)]
pub fn send_to(
    mem: &mut GuestMemory,
    sock: Sock,
    iovs: u32,
    iovs_len: u32,
    addr: u32,
    port: u32,
    siflags: u32,
    so_datalen: u32,
    allow_storage: bool,
) -> Result<(), Errno> {
    sock_aligned(iovs, 4)?;
    sock_aligned(so_datalen, 4)?;
    mem.range(so_datalen, 4)?;
    let ip = read_address(mem, addr, allow_storage)?;
    let mut iovecs = mem.iovecs(iovs, iovs_len)?;
    if siflags != 0 {
        return Err(errno::INVAL);
    }
    let fd = sock?;
    let (mut sa, len) = to_sockaddr(ip, port as u16);
    let mut msg = empty_msghdr();
    msg.msg_name = (&mut sa as *mut libc::sockaddr_storage).cast();
    msg.msg_namelen = len;
    msg.msg_iov = iovecs.as_mut_ptr();
    msg.msg_iovlen = iovecs.len();
    // SAFETY: as in `send`, plus a valid destination address.
    let n = check_size(unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL) })?;
    mem.write_u32(so_datalen, n as u32)
}

pub fn shutdown(sock: Sock, how: u32) -> Result<(), Errno> {
    if how & !3 != 0 {
        return Err(errno::INVAL);
    }
    let fd = sock?;
    let how = match how {
        2 => libc::SHUT_WR,
        3 => libc::SHUT_RDWR,
        _ => libc::SHUT_RD, // WasmEdge quirk: 0 also means SHUT_RD
    };
    // SAFETY: plain syscall.
    check(unsafe { libc::shutdown(fd, how) })?;
    Ok(())
}

fn socket_name(fd: RawFd, peer: bool) -> Result<libc::sockaddr_storage, Errno> {
    // SAFETY: plain old data.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let sa = (&mut storage as *mut libc::sockaddr_storage).cast();
    // SAFETY: `sa` points to `len` writable bytes.
    check(unsafe {
        if peer {
            libc::getpeername(fd, sa, &mut len)
        } else {
            libc::getsockname(fd, sa, &mut len)
        }
    })?;
    Ok(storage)
}

/// V1 `sock_getlocaladdr`/`sock_getpeeraddr`: raw address, `addr_type` 4 or 6, host-order port.
pub fn get_addr_v1(
    mem: &mut GuestMemory,
    sock: Sock,
    addr: u32,
    addr_type: u32,
    port: u32,
    peer: bool,
) -> Result<(), Errno> {
    sock_aligned(addr, 4)?;
    sock_aligned(addr_type, 4)?;
    sock_aligned(port, 4)?;
    mem.range(addr_type, 4)?;
    mem.range(port, 4)?;
    let buf = mem.read_u32(addr)?;
    let size = mem.read_u32(addr + 4)?;
    if size != 4 && size != 16 {
        return Err(errno::INVAL);
    }
    mem.range(buf, size)?;
    let fd = sock?;
    let storage = socket_name(fd, peer)?;
    let Some((ip, host_port)) = from_sockaddr(&storage) else {
        return Err(errno::INVAL);
    };
    match ip {
        IpBytes::V4(octets) => {
            mem.write_bytes(buf, &octets)?;
            mem.write_u32(addr_type, 4)?;
        }
        IpBytes::V6(octets) => {
            if size < 16 {
                return Err(errno::NOMEM);
            }
            mem.write_bytes(buf, &octets)?;
            mem.write_u32(addr_type, 6)?;
        }
    }
    mem.write_u32(port, host_port as u32)
}

/// V2 `sock_getlocaladdr_v2`/`sock_getpeeraddr_v2`: 128-byte storage with a u16 family.
pub fn get_addr_v2(
    mem: &mut GuestMemory,
    sock: Sock,
    addr: u32,
    port: u32,
    peer: bool,
) -> Result<(), Errno> {
    sock_aligned(addr, 4)?;
    sock_aligned(port, 4)?;
    mem.range(port, 4)?;
    let buf = mem.read_u32(addr)?;
    let size = mem.read_u32(addr + 4)?;
    if size != 128 {
        return Err(errno::INVAL);
    }
    mem.range(buf, size)?;
    let fd = sock?;
    let storage = socket_name(fd, peer)?;
    let Some((ip, host_port)) = from_sockaddr(&storage) else {
        return Err(errno::INVAL);
    };
    match ip {
        IpBytes::V4(octets) => {
            mem.write_u16(buf, 1)?;
            mem.write_bytes(buf + 2, &octets)?;
        }
        IpBytes::V6(octets) => {
            mem.write_u16(buf, 2)?;
            mem.write_bytes(buf + 2, &octets)?;
        }
    }
    mem.write_u32(port, host_port as u32)
}

/// WASI sockopt names 0..=14 → Linux `SO_*`.
const SOCKOPT_NAMES: [libc::c_int; 15] = [
    libc::SO_REUSEADDR,
    libc::SO_TYPE,
    libc::SO_ERROR,
    libc::SO_DONTROUTE,
    libc::SO_BROADCAST,
    libc::SO_SNDBUF,
    libc::SO_RCVBUF,
    libc::SO_KEEPALIVE,
    libc::SO_OOBINLINE,
    libc::SO_LINGER,
    libc::SO_RCVLOWAT,
    libc::SO_RCVTIMEO,
    libc::SO_SNDTIMEO,
    libc::SO_ACCEPTCONN,
    libc::SO_BINDTODEVICE,
];
const SOCKOPT_TYPE: u32 = 1;
const SOCKOPT_ERROR: u32 = 2;

fn sockopt_name(level: u32, name: u32) -> Result<libc::c_int, Errno> {
    if level != 0 {
        return Err(errno::INVAL);
    }
    SOCKOPT_NAMES
        .get(name as usize)
        .copied()
        .ok_or(errno::INVAL)
}

pub fn getsockopt(
    mem: &mut GuestMemory,
    sock: Sock,
    level: u32,
    name: u32,
    val: u32,
    val_len_ptr: u32,
) -> Result<(), Errno> {
    sock_aligned(val_len_ptr, 4)?;
    let mut len = mem.read_u32(val_len_ptr)?;
    mem.range(val, len)?;
    let optname = sockopt_name(level, name)?;
    let fd = sock?;
    let ptr = mem.host_ptr(val);
    // SAFETY: `ptr` points to `len` bounds-checked bytes of guest memory.
    check(unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, optname, ptr.cast(), &mut len) })?;
    if (name == SOCKOPT_ERROR || name == SOCKOPT_TYPE) && len >= 4 {
        let raw = mem.read_u32(val)? as i32;
        let translated = if name == SOCKOPT_ERROR {
            errno::from_linux(raw) as u32
        } else {
            match raw {
                libc::SOCK_DGRAM => 1,
                libc::SOCK_STREAM => 2,
                _ => 0,
            }
        };
        mem.write_u32(val, translated)?;
    }
    mem.write_u32(val_len_ptr, len)
}

pub fn setsockopt(
    mem: &mut GuestMemory,
    sock: Sock,
    level: u32,
    name: u32,
    val: u32,
    val_len: u32,
) -> Result<(), Errno> {
    mem.range(val, val_len)?;
    let optname = sockopt_name(level, name)?;
    let fd = sock?;
    let ptr = mem.host_ptr(val);
    // SAFETY: `ptr` points to `val_len` bounds-checked bytes of guest memory.
    check(unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            optname,
            ptr.cast_const().cast(),
            val_len,
        )
    })?;
    Ok(())
}

// --- sock_getaddrinfo ----------------------------------------------------------------------

const AI_FLAG_BITS: [(u16, libc::c_int); 7] = [
    (1, libc::AI_PASSIVE),
    (2, libc::AI_CANONNAME),
    (4, libc::AI_NUMERICHOST),
    (8, libc::AI_NUMERICSERV),
    (16, libc::AI_V4MAPPED),
    (32, libc::AI_ALL),
    (64, libc::AI_ADDRCONFIG),
];

/// One caller-allocated result node and the buffers hanging off it.
struct AddrinfoNode {
    node: u32,
    sockaddr: u32,
    sa_data: u32,
    canonname: u32,
    canonname_len: u32,
}

/// Reads a guest string argument: zero length means NULL; a NUL ends it early (C string).
fn c_string(mem: &GuestMemory, ptr: u32, len: u32) -> Result<Option<std::ffi::CString>, Errno> {
    if len == 0 {
        return Ok(None);
    }
    let bytes = mem.slice(ptr, len)?;
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    std::ffi::CString::new(&bytes[..end])
        .map(Some)
        .map_err(|_| errno::INVAL)
}

#[allow(clippy::too_many_arguments)]
pub fn getaddrinfo(
    mem: &mut GuestMemory,
    node: u32,
    node_len: u32,
    service: u32,
    service_len: u32,
    hints: u32,
    res: u32,
    max_len: u32,
    res_len: u32,
) -> Result<(), Errno> {
    sock_aligned(hints, 4)?;
    sock_aligned(res, 4)?;
    sock_aligned(res_len, 4)?;
    mem.range(res_len, 4)?;
    let node_str = c_string(mem, node, node_len)?;
    let service_str = c_string(mem, service, service_len)?;
    if node_str.is_none() && service_str.is_none() {
        return Err(errno::AINONAME);
    }
    if max_len == 0 {
        return Err(errno::AIMEMORY);
    }
    let hint_flags = mem.read_u16(hints)?;
    let hint_family = mem.read_u8(hints + 2)?;
    let hint_socktype = mem.read_u8(hints + 3)?;
    let hint_protocol = mem.read_u8(hints + 4)?;
    mem.range(hints, 28)?;
    if hint_flags & !0x7f != 0 || (hint_flags & 2 != 0 && node_str.is_none()) {
        return Err(errno::AIBADFLAG);
    }
    let family = match hint_family {
        0 => libc::AF_UNSPEC,
        1 => libc::AF_INET,
        2 => libc::AF_INET6,
        _ => return Err(errno::AIFAMILY),
    };
    let protocol = match hint_protocol {
        0 => 0,
        1 => libc::IPPROTO_TCP,
        2 => libc::IPPROTO_UDP,
        _ => return Err(errno::NOSYS),
    };
    let socktype = match hint_socktype {
        0 => 0,
        1 => libc::SOCK_DGRAM,
        2 => libc::SOCK_STREAM,
        _ => return Err(errno::NOSYS),
    };

    // Walk the caller's pre-allocated chain before the lookup: all of it must be addressable.
    let mut nodes = Vec::new();
    let mut next = mem.read_u32(res)?;
    for _ in 0..max_len {
        sock_aligned(next, 4)?;
        mem.range(next, 28)?;
        let sockaddr = mem.read_u32(next + 12)?;
        sock_aligned(sockaddr, 4)?;
        mem.range(sockaddr, 12)?;
        let sa_data = mem.read_u32(sockaddr + 8)?;
        mem.range(sa_data, mem.read_u32(sockaddr + 4)?)?;
        let canonname = mem.read_u32(next + 16)?;
        let canonname_len = mem.read_u32(next + 20)?;
        mem.range(canonname, canonname_len)?;
        nodes.push(AddrinfoNode {
            node: next,
            sockaddr,
            sa_data,
            canonname,
            canonname_len,
        });
        next = mem.read_u32(next + 24)?;
    }

    // SAFETY: plain old data.
    let mut c_hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    c_hints.ai_flags = AI_FLAG_BITS
        .iter()
        .filter(|(bit, _)| hint_flags & bit != 0)
        .fold(0, |acc, (_, f)| acc | f);
    c_hints.ai_family = family;
    c_hints.ai_socktype = socktype;
    c_hints.ai_protocol = protocol;
    let mut result: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: the strings are NUL-terminated or null; `result` receives a list we free below.
    let code = unsafe {
        libc::getaddrinfo(
            node_str.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            service_str
                .as_ref()
                .map_or(std::ptr::null(), |s| s.as_ptr()),
            &c_hints,
            &mut result,
        )
    };
    if code != 0 {
        return Err(errno::from_eai(code));
    }
    let written = write_addrinfo_results(mem, &nodes, result);
    // SAFETY: `result` came from a successful getaddrinfo.
    unsafe { libc::freeaddrinfo(result) };
    let count = written?;
    mem.write_u32(res_len, count)
}

fn write_addrinfo_results(
    mem: &mut GuestMemory,
    nodes: &[AddrinfoNode],
    mut cursor: *const libc::addrinfo,
) -> Result<u32, Errno> {
    let mut count = 0;
    for slot in nodes {
        if cursor.is_null() {
            break;
        }
        // SAFETY: `cursor` walks the list getaddrinfo returned.
        let ai = unsafe { &*cursor };
        cursor = ai.ai_next;
        let wasi_flags = AI_FLAG_BITS
            .iter()
            .filter(|(_, f)| ai.ai_flags & f != 0)
            .fold(0u16, |acc, (bit, _)| acc | bit);
        let wasi_family: u8 = match ai.ai_family {
            libc::AF_INET => 1,
            libc::AF_INET6 => 2,
            _ => 0,
        };
        let wasi_socktype: u8 = match ai.ai_socktype {
            libc::SOCK_DGRAM => 1,
            libc::SOCK_STREAM => 2,
            _ => 0,
        };
        let wasi_protocol: u8 = match ai.ai_protocol {
            libc::IPPROTO_TCP => 1,
            libc::IPPROTO_UDP => 2,
            _ => 0,
        };
        mem.write_u16(slot.node, wasi_flags)?;
        mem.write_u8(slot.node + 2, wasi_family)?;
        mem.write_u8(slot.node + 3, wasi_socktype)?;
        mem.write_u8(slot.node + 4, wasi_protocol)?;
        mem.write_u32(slot.node + 8, ai.ai_addrlen)?;
        let canon_len = if ai.ai_canonname.is_null() {
            0
        } else {
            // SAFETY: getaddrinfo returns a NUL-terminated canonical name.
            let name = unsafe { std::ffi::CStr::from_ptr(ai.ai_canonname) }.to_bytes_with_nul();
            let copy = &name[..name.len().min(slot.canonname_len as usize)];
            mem.write_bytes(slot.canonname, copy)?;
            name.len() as u32
        };
        mem.write_u32(slot.node + 20, canon_len)?;
        if ai.ai_addr.is_null() {
            continue;
        }
        // The host sockaddr minus its 2-byte family: 14 bytes (v4) or 26 bytes (v6),
        // copied whole even if the guest declared a smaller buffer, as WasmEdge does.
        let data_len = (ai.ai_addrlen as usize).saturating_sub(2).min(26);
        // SAFETY: `ai_addr` points to `ai_addrlen` bytes.
        let raw =
            unsafe { std::slice::from_raw_parts(ai.ai_addr.cast::<u8>(), ai.ai_addrlen as usize) };
        mem.write_u8(slot.sockaddr, wasi_family)?;
        mem.write_u32(slot.sockaddr + 4, data_len as u32)?;
        mem.write_bytes(slot.sa_data, &raw[2..2 + data_len])?;
        count += 1;
    }
    Ok(count)
}

// --- fd-level operations on host fds (sockets and raw stdio) --------------------------------

/// `fd_read` on a host fd: plain `readv`.
pub fn fd_read(
    mem: &mut GuestMemory,
    fd: RawFd,
    iovs: u32,
    iovs_len: u32,
    nread: u32,
) -> Result<(), Errno> {
    mem.range(nread, 4)?;
    let iovecs = mem.iovecs(iovs, iovs_len)?;
    // SAFETY: the iovecs point into bounds-checked guest memory.
    let n = check_size(unsafe { libc::readv(fd, iovecs.as_ptr(), iovecs.len() as libc::c_int) })?;
    mem.write_u32(nread, n as u32)
}

/// `fd_write` on a host fd: plain `writev` (no MSG_NOSIGNAL, like WasmEdge).
pub fn fd_write(
    mem: &mut GuestMemory,
    fd: RawFd,
    iovs: u32,
    iovs_len: u32,
    nwritten: u32,
) -> Result<(), Errno> {
    mem.range(nwritten, 4)?;
    let iovecs = mem.iovecs(iovs, iovs_len)?;
    // SAFETY: the iovecs point into bounds-checked guest memory.
    let n = check_size(unsafe { libc::writev(fd, iovecs.as_ptr(), iovecs.len() as libc::c_int) })?;
    mem.write_u32(nwritten, n as u32)
}

/// The WASI fdflags of a host fd.
pub fn fd_flags(fd: RawFd) -> Result<u16, Errno> {
    // SAFETY: plain syscall.
    let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    let mut wasi = 0;
    if flags & libc::O_APPEND != 0 {
        wasi |= 1;
    }
    if flags & libc::O_DSYNC != 0 {
        wasi |= 2;
    }
    if flags & libc::O_NONBLOCK != 0 {
        wasi |= 4;
    }
    if flags & libc::O_SYNC == libc::O_SYNC {
        wasi |= 8 | 16;
    }
    Ok(wasi)
}

/// `fd_fdstat_set_flags` on a host fd: exactly the translated flags, so 0 clears O_NONBLOCK.
pub fn set_fd_flags(fd: RawFd, wasi_flags: u32) -> Result<(), Errno> {
    if wasi_flags & !0x1f != 0 {
        return Err(errno::INVAL);
    }
    let mut flags = 0;
    if wasi_flags & 1 != 0 {
        flags |= libc::O_APPEND;
    }
    if wasi_flags & 2 != 0 {
        flags |= libc::O_DSYNC;
    }
    if wasi_flags & 4 != 0 {
        flags |= libc::O_NONBLOCK;
    }
    if wasi_flags & 8 != 0 {
        flags |= libc::O_RSYNC;
    }
    if wasi_flags & 16 != 0 {
        flags |= libc::O_SYNC;
    }
    // SAFETY: plain syscall.
    check(unsafe { libc::fcntl(fd, libc::F_SETFL, flags) })?;
    Ok(())
}

/// `fd_fdstat_get` for a socket: filetype 6 (TCP and UDP alike), live flags, WasmEdge rights.
pub fn fdstat(mem: &mut GuestMemory, fd: RawFd, rights: u64, buf: u32) -> Result<(), Errno> {
    mem.range(buf, 24)?;
    let flags = fd_flags(fd)?;
    mem.write_bytes(buf, &[0u8; 24])?;
    mem.write_u8(buf, 6)?;
    mem.write_u16(buf + 2, flags)?;
    mem.write_u64(buf + 8, rights)?;
    mem.write_u64(buf + 16, rights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_fds_are_large_distinct_31_bit_values() {
        let mut table = SocketTable::new();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            // SAFETY: a fresh fd we own.
            let fd = unsafe { OwnedFd::from_raw_fd(libc::dup(2)) };
            let guest = table.insert(fd, RIGHTS_OPENED);
            assert!((FD_MIN..=FD_MAX).contains(&guest));
            assert!(seen.insert(guest));
        }
        let any = *seen.iter().next().unwrap();
        assert!(table.close(any));
        assert!(!table.close(any));
    }

    #[test]
    fn sockaddr_round_trip_keeps_host_order_port() {
        let (sa, len) = to_sockaddr(IpBytes::V4([127, 0, 0, 1]), 8080);
        assert_eq!(len as usize, std::mem::size_of::<libc::sockaddr_in>());
        assert_eq!(
            from_sockaddr(&sa),
            Some((IpBytes::V4([127, 0, 0, 1]), 8080))
        );
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        let (sa, _) = to_sockaddr(IpBytes::V6(v6), 443);
        assert_eq!(from_sockaddr(&sa), Some((IpBytes::V6(v6), 443)));
    }

    #[test]
    fn v1_addresses_reject_the_storage_form() {
        let mut buf = vec![0u8; 256];
        let mut mem = GuestMemory::new(&mut buf);
        mem.write_u32(0, 64).unwrap();
        mem.write_u32(4, 128).unwrap();
        mem.write_u16(64, 1).unwrap();
        mem.write_bytes(66, &[127, 0, 0, 1]).unwrap();
        assert_eq!(read_address(&mem, 0, false), Err(errno::INVAL));
        assert_eq!(read_address(&mem, 0, true), Ok(IpBytes::V4([127, 0, 0, 1])));
        mem.write_u32(4, 5).unwrap();
        assert_eq!(read_address(&mem, 0, true), Err(errno::INVAL));
        assert_eq!(read_address(&mem, 2, true), Err(errno::ADDRNOTAVAIL));
    }

    #[test]
    fn wasi_flags_round_trip_through_fcntl() {
        // SAFETY: a fresh socket we own.
        let fd = unsafe { OwnedFd::from_raw_fd(libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0)) };
        assert_eq!(fd_flags(fd.as_raw_fd()), Ok(0));
        set_fd_flags(fd.as_raw_fd(), 4).unwrap();
        assert_eq!(fd_flags(fd.as_raw_fd()), Ok(4));
        set_fd_flags(fd.as_raw_fd(), 0).unwrap();
        assert_eq!(fd_flags(fd.as_raw_fd()), Ok(0));
        assert_eq!(set_fd_flags(fd.as_raw_fd(), 32), Err(errno::INVAL));
    }
}
