#!/usr/bin/env python3
"""Instructions per request of a bench server, counted with valgrind's callgrind.

Seconds are noisy on a shared machine; instruction counts are not. This runs a server script under
`valgrind --tool=callgrind`, sends warm-up requests, zeroes the counters (`callgrind_control`),
sends N requests over C keep-alive connections (or one request per connection with `--close`),
dumps the counters and prints instructions per request (the whole process: engine, event loop,
system-call wrappers; not the kernel).

    python3 bench/instructions.py target/release/wasmedge_boa bench/js/http_echo.js
    python3 bench/instructions.py --close --requests 2000 target/release/wasmedge_boa bench/js/raw_echo.js
    python3 bench/instructions.py --json out.json node bench/node/http_echo.mjs   # any command works

Standard library only. Needs `valgrind` (Debian package) on PATH.
"""

import argparse
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_response(sock, pending):
    data = pending
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("closed before the response head")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("closed inside the body")
        rest += chunk
    if not head.startswith(b"HTTP/1.1 200"):
        raise OSError(f"unexpected answer {head[:40]!r}")
    return rest[length:]


def drive(port, requests, connections, close):
    """Sends `requests` GETs spread over `connections` threads; raises on any failure."""
    errors = []

    def worker(count):
        try:
            if close:
                for _ in range(count):
                    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
                        s.sendall(b"GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        read_response(s, b"")
            else:
                with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
                    pending = b""
                    for _ in range(count):
                        s.sendall(b"GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        pending = read_response(s, pending)
        except OSError as e:
            errors.append(e)

    share = [requests // connections + (1 if i < requests % connections else 0) for i in range(connections)]
    threads = [threading.Thread(target=worker, args=(n,)) for n in share if n > 0]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise OSError(f"{len(errors)} client(s) failed: {errors[0]}")


def total_instructions(out_prefix):
    """Sum of Ir over the dumps written after the counters were zeroed."""
    files = sorted(glob.glob(out_prefix + "*"), key=os.path.getmtime)
    if not files:
        raise RuntimeError("callgrind wrote no profile")
    latest = files[-1]
    with open(latest) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError(f"no totals in {latest}")


def measure(command, requests, connections, close, warmup, keep=False):
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="instructions-")
    out_prefix = os.path.join(workdir, "callgrind.out")
    script = Path(command[-1]).resolve()
    # The server runs in its script's directory: make a relative runtime path absolute.
    command = [str(Path(c).resolve()) if os.sep in c and Path(c).exists() else c for c in command]
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_prefix}.%p", "--dump-instr=no",
            "--collect-atstart=yes"] + command[:-1] + [str(script), str(port)]
    log = open(os.path.join(workdir, "server.log"), "wb")
    proc = subprocess.Popen(argv, cwd=script.parent, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the server exited: " + Path(log.name).read_text(errors="replace")[-800:])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not listen")
                time.sleep(0.2)
        drive(port, warmup, connections, close)
        subprocess.run(["callgrind_control", "--zero", str(proc.pid)], check=True, capture_output=True)
        started = time.monotonic()
        drive(port, requests, connections, close)
        elapsed = time.monotonic() - started
        subprocess.run(["callgrind_control", "--dump=measured", str(proc.pid)], check=True, capture_output=True)
        time.sleep(0.5)
        total = total_instructions(out_prefix + f".{proc.pid}")
        measured = sorted(glob.glob(out_prefix + f".{proc.pid}*"), key=os.path.getmtime)[-1]
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    profile = None
    if keep:
        profile = measured
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return {"profile": profile,"instructions": total, "requests": requests, "per_request": total / requests,
            "connections": connections, "close": close, "seconds_under_valgrind": elapsed}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="+", help="the runtime command followed by the server script")
    p.add_argument("--requests", type=int, default=5000)
    p.add_argument("--connections", type=int, default=10)
    p.add_argument("--warmup", type=int, default=500)
    p.add_argument("--close", action="store_true", help="Connection: close, one request per connection")
    p.add_argument("--json", help="also write the result here")
    p.add_argument("--keep", action="store_true", help="keep the callgrind profile (for callgrind_annotate)")
    o = p.parse_args()
    result = measure(o.command, o.requests, o.connections, o.close, o.warmup, o.keep)
    result["command"] = o.command
    print(f"{result['per_request']:,.0f} instructions per request "
          f"({result['instructions']:,} for {o.requests} requests, {o.connections} connections, "
          f"{'close' if o.close else 'keep-alive'})")
    if result["profile"]:
        print(f"profile: {result['profile']}")
    if o.json:
        Path(o.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
