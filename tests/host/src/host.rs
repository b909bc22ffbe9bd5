//! Wires WasmEdge's `wasi_snapshot_preview1` into a wasmtime `Linker`.
//!
//! wasmtime-wasi's preview 1 provides files, preopens, args, env, clocks and random.
//! Sockets live in our own `SocketTable` under large fd numbers that wasmtime-wasi never
//! hands out, so every fd-taking function is wrapped: socket fds (and inherited stdio,
//! which we read and write directly on the host fds 0–2, unbuffered) are handled here,
//! everything else is delegated to the original wasmtime-wasi function.

use std::collections::HashMap;
use std::os::fd::RawFd;

use wasmtime::{AsContextMut, Caller, Extern, Linker, Module, Result};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::p1::wasi_snapshot_preview1::{self as wasi_p1, WasiSnapshotPreview1 as _};
use wasmtime_wasi::runtime::in_tokio;

use crate::errno::{self, Errno};
use crate::memory::{GuestMemory, is_aligned};
use crate::poll;
use crate::sockets::{self, Sock, SocketTable};

const WASI: &str = "wasi_snapshot_preview1";

pub struct HostState {
    pub wasi: WasiP1Ctx,
    pub sockets: SocketTable,
    /// Whether guest fds 0–2 still are the inherited host stdio (not closed or renumbered).
    raw_stdio: [bool; 3],
}

impl HostState {
    pub fn new(wasi: WasiP1Ctx) -> Self {
        HostState {
            wasi,
            sockets: SocketTable::new(),
            raw_stdio: [true; 3],
        }
    }

    /// The host fd behind a guest socket or inherited stdio fd.
    fn host_fd(&self, fd: u32) -> Option<RawFd> {
        if let Some(raw) = self.sockets.raw(fd) {
            return Some(raw);
        }
        (fd < 3 && self.raw_stdio[fd as usize]).then_some(fd as RawFd)
    }
}

/// The error a WasmEdge host function raises to abort execution (exit status 134).
#[derive(Debug)]
pub struct HostTrap {
    pub message: &'static str,
    pub code: u32,
}

impl std::fmt::Display for HostTrap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for HostTrap {}

/// WasmEdge's standard functions trap on a misaligned pointer ("unaligned atomic", 0x410).
fn require_aligned(ptr: i32, align: u32) -> Result<()> {
    if is_aligned(ptr as u32, align) {
        Ok(())
    } else {
        Err(wasmtime::Error::new(HostTrap {
            message: "unaligned atomic",
            code: 0x410,
        }))
    }
}

fn code(result: Result<(), Errno>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => e as i32,
    }
}

/// Runs `f` with the guest's memory 0 and the host state.
fn with_memory<R>(
    caller: &mut Caller<'_, HostState>,
    f: impl FnOnce(&mut GuestMemory, &mut HostState) -> R,
) -> Result<R> {
    let memory = caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| wasmtime::Error::msg("the module exports no memory"))?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    Ok(f(&mut GuestMemory::new(bytes), state))
}

/// Runs one of wasmtime-wasi's preview 1 functions on the caller's memory, the way its own
/// linker glue does (we cannot call that glue: it needs a wasm caller to find `memory`).
fn delegate<R>(
    caller: &mut Caller<'_, HostState>,
    f: impl FnOnce(&mut WasiP1Ctx, &mut wiggle::GuestMemory<'_>) -> Result<R>,
) -> Result<R> {
    let fuel = caller.as_context_mut().hostcall_fuel();
    let memory = caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| wasmtime::Error::msg("the module exports no memory"))?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    state.wasi.set_hostcall_fuel(fuel);
    f(&mut state.wasi, &mut wiggle::GuestMemory::Unshared(bytes))
}

/// Whether wasmtime-wasi has `fd` open (its `fd_fdstat_get` succeeds on a scratch buffer).
fn wasi_knows_fd(caller: &mut Caller<'_, HostState>, fd: u32) -> Result<bool> {
    let fuel = caller.as_context_mut().hostcall_fuel();
    let wasi = &mut caller.data_mut().wasi;
    wasi.set_hostcall_fuel(fuel);
    // u64s keep the 24-byte fdstat 8-aligned.
    let mut scratch = [0u64; 3];
    // SAFETY: viewing plain integers as bytes.
    let bytes = unsafe { std::slice::from_raw_parts_mut(scratch.as_mut_ptr().cast::<u8>(), 24) };
    let status = in_tokio(wasi_p1::fd_fdstat_get(
        wasi,
        &mut wiggle::GuestMemory::Unshared(bytes),
        fd as i32,
        0,
    ))?;
    Ok(status == 0)
}

/// Resolves a guest fd for a `sock_*` call.
fn sock(caller: &mut Caller<'_, HostState>, fd: i32) -> Result<Sock> {
    let fd = fd as u32;
    if let Some(raw) = caller.data().sockets.raw(fd) {
        return Ok(Ok(raw));
    }
    Ok(Err(if wasi_knows_fd(caller, fd)? {
        errno::NOTSOCK
    } else {
        errno::BADF
    }))
}

/// What a poll subscription on `fd` waits on.
fn poll_target(caller: &mut Caller<'_, HostState>, fd: u32) -> Result<poll::Target> {
    if let Some(raw) = caller.data().host_fd(fd) {
        return Ok(poll::Target::Host(raw));
    }
    // Files and directories cannot join an epoll set: WasmEdge reports EPERM.
    Ok(poll::Target::Error(if wasi_knows_fd(caller, fd)? {
        errno::PERM
    } else {
        errno::BADF
    }))
}

/// The 11 names WasmEdge registers twice, with the parameter count of each form.
/// An import resolves to V1 when its type matches V1, else to V2 (as `<name>_v2` always does).
const OVERLOADS: &[(&str, usize, usize)] = &[
    ("sock_open", 3, 3),
    ("sock_bind", 3, 3),
    ("sock_connect", 3, 3),
    ("sock_listen", 2, 2),
    ("sock_accept", 2, 3),
    ("sock_recv", 6, 6),
    ("sock_recv_from", 7, 8),
    ("sock_send", 5, 5),
    ("sock_send_to", 7, 7),
    ("sock_getlocaladdr", 4, 3),
    ("sock_getpeeraddr", 4, 3),
];

/// Installs wasmtime-wasi, our overrides and WasmEdge's socket functions into `linker`.
pub fn install(linker: &mut Linker<HostState>, module: &Module) -> Result<()> {
    wasmtime_wasi::p1::add_to_linker_sync(linker, |state: &mut HostState| &mut state.wasi)?;
    linker.allow_shadowing(true);
    install_fd_overrides(linker)?;

    // Which form of each overloaded name the module imports (by parameter count).
    let mut wants_v2: HashMap<&str, bool> = HashMap::new();
    for import in module.imports().filter(|i| i.module() == WASI) {
        if let (Some(&(name, v1, v2)), Some(ty)) = (
            OVERLOADS.iter().find(|(n, ..)| *n == import.name()),
            import.ty().func(),
        ) {
            let params = ty.params().len();
            wants_v2.insert(name, params != v1 && params == v2);
        }
    }
    for &(name, ..) in OVERLOADS {
        let v2_name = format!("{name}_v2");
        install_socket_function(linker, &v2_name, name, true)?;
        install_socket_function(
            linker,
            name,
            name,
            wants_v2.get(name).copied().unwrap_or(false),
        )?;
    }
    install_socket_function(linker, "sock_shutdown", "sock_shutdown", false)?;
    install_socket_function(linker, "sock_getsockopt", "sock_getsockopt", false)?;
    install_socket_function(linker, "sock_setsockopt", "sock_setsockopt", false)?;
    install_socket_function(linker, "sock_getaddrinfo", "sock_getaddrinfo", false)?;
    Ok(())
}

fn install_fd_overrides(linker: &mut Linker<HostState>) -> Result<()> {
    linker.func_wrap(
        WASI,
        "fd_read",
        move |mut caller: Caller<'_, HostState>, fd: i32, iovs: i32, len: i32, nread: i32| {
            let host = caller
                .data()
                .sockets
                .raw(fd as u32)
                .or((fd == 0 && caller.data().raw_stdio[0]).then_some(0));
            match host {
                Some(raw) => {
                    require_aligned(iovs, 4)?;
                    require_aligned(nread, 4)?;
                    with_memory(&mut caller, |mem, _| {
                        code(sockets::fd_read(
                            mem,
                            raw,
                            iovs as u32,
                            len as u32,
                            nread as u32,
                        ))
                    })
                }
                None => delegate(&mut caller, |wasi, mem| {
                    in_tokio(wasi_p1::fd_read(wasi, mem, fd, iovs, len, nread))
                }),
            }
        },
    )?;

    linker.func_wrap(
        WASI,
        "fd_write",
        move |mut caller: Caller<'_, HostState>, fd: i32, iovs: i32, len: i32, nwritten: i32| {
            let stdio = (fd == 1 || fd == 2) && caller.data().raw_stdio[fd as usize];
            let host = caller.data().sockets.raw(fd as u32).or(stdio.then_some(fd));
            match host {
                Some(raw) => {
                    require_aligned(iovs, 4)?;
                    require_aligned(nwritten, 4)?;
                    with_memory(&mut caller, |mem, _| {
                        code(sockets::fd_write(
                            mem,
                            raw,
                            iovs as u32,
                            len as u32,
                            nwritten as u32,
                        ))
                    })
                }
                None => delegate(&mut caller, |wasi, mem| {
                    in_tokio(wasi_p1::fd_write(wasi, mem, fd, iovs, len, nwritten))
                }),
            }
        },
    )?;

    linker.func_wrap(
        WASI,
        "fd_close",
        move |mut caller: Caller<'_, HostState>, fd: i32| {
            if caller.data_mut().sockets.close(fd as u32) {
                return Ok(0);
            }
            let status = delegate(&mut caller, |wasi, mem| {
                in_tokio(wasi_p1::fd_close(wasi, mem, fd))
            })?;
            if status == 0 && (0..3).contains(&fd) {
                caller.data_mut().raw_stdio[fd as usize] = false;
            }
            Ok(status)
        },
    )?;

    linker.func_wrap(
        WASI,
        "fd_fdstat_get",
        move |mut caller: Caller<'_, HostState>, fd: i32, buf: i32| {
            require_aligned(buf, 8)?;
            if let (Some(raw), Some(rights)) = (
                caller.data().sockets.raw(fd as u32),
                caller.data().sockets.rights(fd as u32),
            ) {
                return with_memory(&mut caller, |mem, _| {
                    code(sockets::fdstat(mem, raw, rights, buf as u32))
                });
            }
            let status = delegate(&mut caller, |wasi, mem| {
                in_tokio(wasi_p1::fd_fdstat_get(wasi, mem, fd, buf))
            })?;
            if status == 0
                && let Some(raw) = caller.data().host_fd(fd as u32)
            {
                // Stdio flags are the host fd's, which the guest may have changed through us.
                let flags = sockets::fd_flags(raw).unwrap_or(0);
                with_memory(&mut caller, |mem, _| mem.write_u16(buf as u32 + 2, flags))?.ok();
            }
            Ok(status)
        },
    )?;

    linker.func_wrap(
        WASI,
        "fd_fdstat_set_flags",
        move |mut caller: Caller<'_, HostState>, fd: i32, flags: i32| match caller
            .data()
            .host_fd(fd as u32)
        {
            Some(raw) => Ok(code(sockets::set_fd_flags(raw, flags as u32))),
            None => delegate(&mut caller, |wasi, mem| {
                wasi_p1::fd_fdstat_set_flags(wasi, mem, fd, flags)
            }),
        },
    )?;

    linker.func_wrap(
        WASI,
        "fd_renumber",
        move |mut caller: Caller<'_, HostState>, from: i32, to: i32| {
            let (from_u, to_u) = (from as u32, to as u32);
            let from_socket = caller.data().sockets.contains(from_u);
            let to_socket = caller.data().sockets.contains(to_u);
            for fd in [from_u, to_u] {
                if fd < 3 && (from_socket || to_socket || from_u != to_u) {
                    caller.data_mut().raw_stdio[fd as usize] = false;
                }
            }
            match (from_socket, to_socket) {
                (false, false) => delegate(&mut caller, |wasi, mem| {
                    in_tokio(wasi_p1::fd_renumber(wasi, mem, from, to))
                }),
                (true, true) => Ok(if caller.data_mut().sockets.renumber(from_u, to_u) {
                    0
                } else {
                    errno::BADF as i32
                }),
                (true, false) => {
                    // Moving a socket over a wasmtime-wasi fd: close that one, then take its number.
                    let status = delegate(&mut caller, |wasi, mem| {
                        in_tokio(wasi_p1::fd_close(wasi, mem, to))
                    })?;
                    if status != 0 {
                        return Ok(status);
                    }
                    caller.data_mut().sockets.renumber(from_u, to_u);
                    Ok(0)
                }
                // A file cannot move into the socket number space.
                (false, true) => Ok(58),
            }
        },
    )?;

    // A socket has no file attributes: WasmEdge's rights check answers NOTCAPABLE.
    linker.func_wrap(
        WASI,
        "fd_filestat_get",
        |mut caller: Caller<'_, HostState>, fd: i32, buf: i32| {
            if caller.data().sockets.contains(fd as u32) {
                return Ok(errno::NOTCAPABLE as i32);
            }
            delegate(&mut caller, |wasi, mem| {
                in_tokio(wasi_p1::fd_filestat_get(wasi, mem, fd, buf))
            })
        },
    )?;

    linker.func_wrap(
        WASI,
        "proc_exit",
        |_caller: Caller<'_, HostState>, status: i32| -> Result<()> {
            Err(wasmtime::Error::new(wasmtime_wasi::I32Exit(status)))
        },
    )?;

    linker.func_wrap(
        WASI,
        "poll_oneoff",
        |mut caller: Caller<'_, HostState>,
         subs_ptr: i32,
         events_ptr: i32,
         count: i32,
         nevents: i32|
         -> Result<i32> {
            require_aligned(subs_ptr, 8)?;
            require_aligned(events_ptr, 8)?;
            require_aligned(nevents, 4)?;
            let (subs_ptr, events_ptr, count, nevents) = (
                subs_ptr as u32,
                events_ptr as u32,
                count as u32,
                nevents as u32,
            );
            let subs = with_memory(&mut caller, |mem, _| {
                mem.range(nevents, 4)?;
                mem.range(events_ptr, count.checked_mul(32).ok_or(errno::FAULT)?)?;
                poll::read_subscriptions(mem, subs_ptr, count)
            })?;
            let subs = match subs {
                Ok(subs) => subs,
                Err(e) => return Ok(e as i32),
            };
            let mut targets = HashMap::new();
            for sub in &subs {
                if let poll::Kind::Read(fd) | poll::Kind::Write(fd) = sub.kind
                    && !targets.contains_key(&fd)
                {
                    let target = poll_target(&mut caller, fd)?;
                    targets.insert(fd, target);
                }
            }
            let events = match poll::wait(&subs, &targets) {
                Ok(events) => events,
                Err(e) => return Ok(e as i32),
            };
            with_memory(&mut caller, |mem, _| {
                code(
                    poll::write_events(mem, events_ptr, &events)
                        .and_then(|()| mem.write_u32(nevents, events.len() as u32)),
                )
            })
        },
    )?;
    Ok(())
}

/// Defines `export_name` as WasmEdge's `base` socket function, V1 or V2 form.
fn install_socket_function(
    linker: &mut Linker<HostState>,
    export_name: &str,
    base: &str,
    v2: bool,
) -> Result<()> {
    type C<'a> = Caller<'a, HostState>;
    let u = |x: i32| x as u32;
    match (base, v2) {
        ("sock_open", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, af: i32, ty: i32, ro_fd: i32| {
                with_memory(&mut c, |mem, state| {
                    code(sockets::open(
                        mem,
                        &mut state.sockets,
                        u(af),
                        u(ty),
                        u(ro_fd),
                    ))
                })
            },
        ),
        ("sock_bind", v2) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, addr: i32, port: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::bind(mem, s, u(addr), u(port), v2))
                })
            },
        ),
        ("sock_connect", v2) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, addr: i32, port: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::connect(mem, s, u(addr), u(port), v2))
                })
            },
        ),
        ("sock_listen", _) => {
            linker.func_wrap(WASI, export_name, move |mut c: C, fd: i32, backlog: i32| {
                Ok(code(sockets::listen(sock(&mut c, fd)?, u(backlog))))
            })
        }
        ("sock_accept", false) => {
            linker.func_wrap(WASI, export_name, move |mut c: C, fd: i32, ro_fd: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, state| {
                    code(sockets::accept(mem, &mut state.sockets, s, None, u(ro_fd)))
                })
            })
        }
        ("sock_accept", true) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, flags: i32, ro_fd: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, state| {
                    code(sockets::accept(
                        mem,
                        &mut state.sockets,
                        s,
                        Some(u(flags)),
                        u(ro_fd),
                    ))
                })
            },
        ),
        ("sock_recv", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C,
                  fd: i32,
                  iovs: i32,
                  len: i32,
                  flags: i32,
                  ro_len: i32,
                  ro_flags: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::recv(
                        mem,
                        s,
                        u(iovs),
                        u(len),
                        u(flags),
                        u(ro_len),
                        u(ro_flags),
                    ))
                })
            },
        ),
        ("sock_recv_from", false) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C,
                  fd: i32,
                  iovs: i32,
                  len: i32,
                  addr: i32,
                  flags: i32,
                  ro_len: i32,
                  ro_flags: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::recv_from(
                        mem,
                        s,
                        u(iovs),
                        u(len),
                        u(addr),
                        u(flags),
                        None,
                        u(ro_len),
                        u(ro_flags),
                    ))
                })
            },
        ),
        ("sock_recv_from", true) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C,
                  fd: i32,
                  iovs: i32,
                  len: i32,
                  addr: i32,
                  flags: i32,
                  port: i32,
                  ro_len: i32,
                  ro_flags: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::recv_from(
                        mem,
                        s,
                        u(iovs),
                        u(len),
                        u(addr),
                        u(flags),
                        Some(u(port)),
                        u(ro_len),
                        u(ro_flags),
                    ))
                })
            },
        ),
        ("sock_send", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, iovs: i32, len: i32, flags: i32, so_len: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::send(mem, s, u(iovs), u(len), u(flags), u(so_len)))
                })
            },
        ),
        ("sock_send_to", v2) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C,
                  fd: i32,
                  iovs: i32,
                  len: i32,
                  addr: i32,
                  port: i32,
                  flags: i32,
                  so_len: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::send_to(
                        mem,
                        s,
                        u(iovs),
                        u(len),
                        u(addr),
                        u(port),
                        u(flags),
                        u(so_len),
                        v2,
                    ))
                })
            },
        ),
        ("sock_shutdown", _) => {
            linker.func_wrap(WASI, export_name, move |mut c: C, fd: i32, how: i32| {
                Ok(code(sockets::shutdown(sock(&mut c, fd)?, u(how))))
            })
        }
        (name @ ("sock_getlocaladdr" | "sock_getpeeraddr"), false) => {
            let peer = name == "sock_getpeeraddr";
            linker.func_wrap(
                WASI,
                export_name,
                move |mut c: C, fd: i32, addr: i32, addr_type: i32, port: i32| {
                    let s = sock(&mut c, fd)?;
                    with_memory(&mut c, |mem, _| {
                        code(sockets::get_addr_v1(
                            mem,
                            s,
                            u(addr),
                            u(addr_type),
                            u(port),
                            peer,
                        ))
                    })
                },
            )
        }
        (name @ ("sock_getlocaladdr" | "sock_getpeeraddr"), true) => {
            let peer = name == "sock_getpeeraddr";
            linker.func_wrap(
                WASI,
                export_name,
                move |mut c: C, fd: i32, addr: i32, port: i32| {
                    let s = sock(&mut c, fd)?;
                    with_memory(&mut c, |mem, _| {
                        code(sockets::get_addr_v2(mem, s, u(addr), u(port), peer))
                    })
                },
            )
        }
        ("sock_getsockopt", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, level: i32, name: i32, val: i32, val_len: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::getsockopt(
                        mem,
                        s,
                        u(level),
                        u(name),
                        u(val),
                        u(val_len),
                    ))
                })
            },
        ),
        ("sock_setsockopt", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C, fd: i32, level: i32, name: i32, val: i32, val_len: i32| {
                let s = sock(&mut c, fd)?;
                with_memory(&mut c, |mem, _| {
                    code(sockets::setsockopt(
                        mem,
                        s,
                        u(level),
                        u(name),
                        u(val),
                        u(val_len),
                    ))
                })
            },
        ),
        ("sock_getaddrinfo", _) => linker.func_wrap(
            WASI,
            export_name,
            move |mut c: C,
                  node: i32,
                  node_len: i32,
                  service: i32,
                  service_len: i32,
                  hints: i32,
                  res: i32,
                  max: i32,
                  res_len: i32| {
                with_memory(&mut c, |mem, _| {
                    code(sockets::getaddrinfo(
                        mem,
                        u(node),
                        u(node_len),
                        u(service),
                        u(service_len),
                        u(hints),
                        u(res),
                        u(max),
                        u(res_len),
                    ))
                })
            },
        ),
        _ => {
            return Err(wasmtime::Error::msg(format!(
                "no socket function named {base}"
            )));
        }
    }?;
    Ok(())
}
