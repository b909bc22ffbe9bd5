#!/usr/bin/env python3
"""Benchmark driver for wasmedge_boa: HTTP throughput (wrk), cold start, compute and memory.

Every runtime is measured in the same run, interleaved, and reported as medians plus ratios to the
native CLI, so the figures compare runtimes on one machine at one time. `scripts/bench` builds the
artifacts and calls this; run `python3 bench/run.py --help` for the knobs. Standard library only.

Exit status: 0 when every runtime started, served and ran every script; 1 otherwise (the results
are still written). Speed never decides the exit status.
"""

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
JS_DIR = BENCH_DIR / "js"  # the working directory of every runtime (preopened as '.' for wasm)

SERVER_KINDS = {
    # kind: (script for the JS runtimes, script for Node, description)
    "raw": ("raw_echo.js", "../node/raw_echo.mjs", "wasi_net + wasi_http echo"),
    "http": ("http_echo.js", "../node/http_echo.mjs", "http.createServer echo"),
}
MODES = {"keep-alive": [], "close": ["-H", "Connection: close"]}
BASELINE = "boa-native"


class Runtime:
    """One way of running a script: a command prefix, plus which bench scripts it can run."""

    def __init__(self, name, prefix, description, node=False, kinds=("raw", "http"), bundled=False):
        self.name = name
        self.prefix = prefix
        self.description = description
        self.node = node
        self.kinds = kinds
        # A bundled app (`wasmedge_boa bundle`) carries its script: it only runs that one.
        self.bundled = bundled

    def command(self, script, *args):
        if self.bundled:
            return self.prefix + [str(a) for a in args]
        return self.prefix + [script] + [str(a) for a in args]

    def server_script(self, kind):
        js, node_script, _ = SERVER_KINDS[kind]
        return node_script if self.node else js


class BenchFailure(Exception):
    """A runtime failed to start, serve or run a script."""


def median(values):
    return statistics.median(values) if values else None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid, field):
    """A `kB` field of /proc/<pid>/status (VmRSS, VmHWM) in KiB, or None if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def proc_cpu_seconds(pid):
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    # The command name may contain spaces; fields after it start behind the last ')'.
    fields = stat[stat.rindex(")") + 2:].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def http_get(port, path="/", close=True, timeout=10.0):
    """One GET over a fresh connection; returns (status line, body) or raises OSError."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        header = "Connection: close\r\n" if close else ""
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}\r\n".encode())
        return read_response(s)


def read_response(sock, pending=b""):
    """Reads one Content-Length framed response; returns (status line, body, leftover bytes)."""
    data = pending
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed before the response head")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed inside the response body")
        rest += chunk
    return lines[0], rest[:length], rest[length:]


# CPU pinning (`--pin`): on a small machine the server and wrk compete for the same cores, and
# the scheduler's choices differ between runtimes (Node's helper threads, ours has none). With
# pinning every server (all its threads) runs on SERVER_CPUS and wrk on WRK_CPUS, the same for
# every runtime. Empty: no pinning.
PIN = {"server": [], "wrk": []}


def pinned(role, command):
    cpus = PIN[role]
    return (["taskset", "-c", ",".join(map(str, cpus))] + command) if cpus else command


def choose_pinning(spec):
    """`auto`: server on CPU 0 and wrk on CPU 1 when there are at least 2 CPUs and taskset;
    `off`; or `S:W` with comma-separated CPU lists (e.g. `0:1`, `0,1:2,3`)."""
    if spec == "off":
        return {"server": [], "wrk": []}
    if spec == "auto":
        if (os.cpu_count() or 1) < 2 or not shutil.which("taskset"):
            return {"server": [], "wrk": []}
        return {"server": [0], "wrk": [1]}
    server, _, wrk = spec.partition(":")
    return {"server": [int(c) for c in server.split(",") if c], "wrk": [int(c) for c in wrk.split(",") if c]}


class Server:
    """A bench server process listening on 127.0.0.1:<port>."""

    def __init__(self, runtime, kind, log_dir, extra=()):
        self.runtime = runtime
        self.kind = kind
        self.port = free_port()
        self.log_path = log_dir / f"{runtime.name}-{kind}-{self.port}.log"
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            pinned("server", runtime.command(runtime.server_script(kind), self.port, *extra)),
            cwd=JS_DIR, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid

    def describe_failure(self, what):
        self.log.flush()
        tail = self.log_path.read_bytes()[-600:].decode("utf-8", "replace").strip()
        status = self.proc.poll()
        state = f"exited with status {status}" if status is not None else "still running"
        return f"{self.runtime.name} {self.kind} server {what} ({state}); log {self.log_path}: {tail!r}"

    def wait_ready(self, timeout):
        """Waits until the port accepts connections and one request gets the expected answer."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise BenchFailure(self.describe_failure("did not start"))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise BenchFailure(self.describe_failure(f"was not listening after {timeout:.0f} s"))
                time.sleep(0.05)
        self.check_serving()

    def check_serving(self):
        try:
            status, body, _ = http_get(self.port, "/ready")
        except OSError as e:
            raise BenchFailure(self.describe_failure(f"did not answer a request: {e}"))
        if not status.endswith(" 200 OK") or body != b"echo:/ready":
            raise BenchFailure(self.describe_failure(f"answered {status!r} {body[:80]!r}"))

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def run_wrk(port, connections, duration, mode):
    """One wrk run; returns a dict with requests/s, requests and error counts."""
    command = pinned("wrk", ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s"] + MODES[mode] + [
        f"http://127.0.0.1:{port}/"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    result = parse_wrk(done.stdout)
    if done.returncode != 0 or result["requests_per_s"] is None:
        raise BenchFailure(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return result


def parse_wrk(stdout):
    """The figures of wrk's report: requests/s (None if missing), requests, errors."""
    result = {"requests_per_s": None, "requests": 0, "socket_errors": 0, "non_2xx": 0}
    for line in stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            result["requests_per_s"] = float(words[1])
        elif "requests in" in line:
            result["requests"] = int(words[0])
        elif line.strip().startswith("Socket errors:"):
            # "Socket errors: connect 0, read 1, write 0, timeout 0"
            result["socket_errors"] = sum(int(w.rstrip(",")) for w in words[3::2])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            result["non_2xx"] = int(words[-1])
    return result


class Bench:
    def __init__(self, options, runtimes, notes):
        self.o = options
        self.runtimes = runtimes
        self.notes = notes
        self.failures = []
        self.out_dir = Path(options.out)
        self.log_dir = self.out_dir / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.results = {}

    def fail(self, message):
        print(f"bench: FAILED: {message}", file=sys.stderr)
        self.failures.append(message)

    def rotated(self, i):
        """The runtimes in an order that changes every repetition, so none always goes first."""
        k = i % len(self.runtimes)
        return self.runtimes[k:] + self.runtimes[:k]

    def start_servers(self, pairs):
        """Starts (runtime, kind) servers; returns the ones that came up, recording the others."""
        servers = [Server(r, k, self.log_dir) for r, k in pairs]
        ready = []
        for server in servers:
            try:
                server.wait_ready(self.o.start_timeout)
                ready.append(server)
            except BenchFailure as e:
                self.fail(str(e))
                server.stop()
        return ready

    # --- HTTP throughput and max RSS -----------------------------------------------------------

    def http(self):
        samples = {}  # "kind/mode/connections" -> runtime -> [req/s]
        details = []
        peak_rss = {}  # runtime -> kind -> KiB, the highest VmHWM seen after any wrk run
        for kind in self.o.kinds:
            pairs = [(r, kind) for r in self.runnable() if kind in r.kinds]
            servers = {s.runtime.name: s for s in self.start_servers(pairs)}
            try:
                for mode in self.o.modes:
                    for connections in self.o.connections:
                        # A server that died in an earlier configuration gets a fresh start, so
                        # one failure does not blank the rest of the table.
                        missing = [(r, k) for r, k in pairs if r.name not in servers]
                        servers.update({s.runtime.name: s for s in self.start_servers(missing)})
                        key = f"{kind}/{mode}/{connections}"
                        samples[key] = {}
                        for rep in range(self.o.reps):
                            for runtime in self.rotated(rep):
                                server = servers.get(runtime.name)
                                if server is None:
                                    continue
                                self.http_sample(server, key, mode, connections, rep, samples[key], details)
                                peak = proc_status(server.pid, "VmHWM")
                                if peak is not None:
                                    known = peak_rss.setdefault(runtime.name, {}).get(kind) or 0
                                    peak_rss[runtime.name][kind] = max(known, peak)
                                if not server.alive():
                                    self.fail(server.describe_failure(f"died during {key}"))
                                    server.stop()
                                    del servers[runtime.name]
                        print(f"bench: http {key}: " + ", ".join(
                            f"{n} {median(v):.0f}/s" for n, v in samples[key].items() if v), file=sys.stderr)
            finally:
                for server in servers.values():
                    server.stop()
        self.results["http"] = {
            "median_requests_per_s": {k: {n: median(v) for n, v in per.items()} for k, per in samples.items()},
            "samples": details,
            "peak_rss_kib": peak_rss,
        }

    def http_sample(self, server, key, mode, connections, rep, per_runtime, details):
        name = server.runtime.name
        try:
            result = run_wrk(server.port, connections, self.o.duration, mode)
        except (BenchFailure, subprocess.TimeoutExpired) as e:
            self.fail(f"{name} {key}: {e}")
            return
        result.update(runtime=name, config=key, rep=rep, rss_kib=proc_status(server.pid, "VmRSS"))
        details.append(result)
        if result["requests"] == 0 or result["non_2xx"] > 0:
            self.fail(f"{name} {key}: {result['requests']} requests, {result['non_2xx']} not 2xx, "
                      f"{result['socket_errors']} socket errors")
            return
        per_runtime.setdefault(name, []).append(result["requests_per_s"])

    # --- Cold start ----------------------------------------------------------------------------

    def run_script(self, runtime, script, *args, timeout=3600, cwd=JS_DIR):
        """Runs a script to completion; returns (wall seconds, stdout). The CPU time the process
        used (user + system, which a busy machine inflates far less than wall time) is left in
        `self.last_cpu`."""
        command = runtime.command(script, *args)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.last_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise BenchFailure(f"{runtime.name} {script} exited with {done.returncode}: "
                               f"{(done.stdout + done.stderr).strip()[-600:]!r}")
        return elapsed, done.stdout

    def runnable(self):
        """The runtimes that run any script (not a bundled app)."""
        return [r for r in self.runtimes if not r.bundled]

    def warm_up(self):
        """Runs hello.js once per runtime before anything is measured: it fills the test host's
        compiled-module cache (a fresh .wasm is compiled on its first run), so no server's RSS
        or start includes compiling the module. A runtime that cannot run it is dropped."""
        for runtime in self.runnable():
            try:
                _, stdout = self.run_script(runtime, "hello.js")
                if stdout.strip() != "hello":
                    raise BenchFailure(f"{runtime.name} hello.js printed {stdout!r}")
            except (BenchFailure, subprocess.TimeoutExpired) as e:
                self.fail(f"warm-up: {e}")
                self.runtimes.remove(runtime)

    def cold_start(self):
        times = {}
        cpu = {}
        broken = set()
        for i in range(self.o.cold_runs):
            for runtime in self.rotated(i):
                if runtime.name in broken or runtime.bundled:
                    continue
                try:
                    elapsed, stdout = self.run_script(runtime, "hello.js")
                except (BenchFailure, subprocess.TimeoutExpired) as e:
                    self.fail(f"cold start: {e}")
                    broken.add(runtime.name)
                    continue
                if stdout.strip() != "hello":
                    self.fail(f"cold start: {runtime.name} printed {stdout!r}")
                    broken.add(runtime.name)
                    continue
                times.setdefault(runtime.name, []).append(elapsed * 1000)
                cpu.setdefault(runtime.name, []).append(self.last_cpu * 1000)
        self.results["cold_start"] = {
            "runs": self.o.cold_runs,
            "median_ms": {n: median(v) for n, v in times.items()},
            "median_cpu_ms": {n: median(v) for n, v in cpu.items()},
            "samples_ms": times,
            "samples_cpu_ms": cpu,
        }
        print("bench: cold start: " + ", ".join(
            f"{n} {median(v):.1f} ms" for n, v in times.items()), file=sys.stderr)

    # --- Compute -------------------------------------------------------------------------------

    def compute(self):
        times = {}  # workload -> runtime -> [ms]
        checksums = {}  # workload -> runtime -> checksum
        broken = set()
        for rep in range(self.o.compute_reps):
            for runtime in self.rotated(rep):
                if runtime.name in broken or runtime.bundled:
                    continue
                try:
                    _, stdout = self.run_script(runtime, "compute.js", self.o.compute_scale)
                except (BenchFailure, subprocess.TimeoutExpired) as e:
                    self.fail(f"compute: {e}")
                    broken.add(runtime.name)
                    continue
                for line in stdout.splitlines():
                    words = line.split()
                    if len(words) != 3 or not words[1].isdigit():
                        continue
                    workload, ms, checksum = words
                    times.setdefault(workload, {}).setdefault(runtime.name, []).append(int(ms))
                    checksums.setdefault(workload, {})[runtime.name] = checksum
        mismatched = {w: c for w, c in checksums.items() if len(set(c.values())) > 1}
        for workload, per in mismatched.items():
            self.notes.append(f"compute: `{workload}` printed different checksums: {per}")
        self.results["compute"] = {
            "scale": self.o.compute_scale,
            "runs": self.o.compute_reps,
            "median_ms": {w: {n: median(v) for n, v in per.items()} for w, per in times.items()},
            "samples_ms": times,
            "checksums": checksums,
        }
        print("bench: compute: " + "; ".join(
            f"{w} " + ", ".join(f"{n} {median(v):.0f}" for n, v in per.items()) for w, per in times.items()),
            file=sys.stderr)

    # --- fib(27) -------------------------------------------------------------------------------

    def fib(self):
        """fib(27) by plain recursion (`fib.js` times itself), median of --compute-reps runs."""
        times = {}
        broken = set()
        for rep in range(self.o.compute_reps):
            for runtime in self.rotated(rep):
                if runtime.name in broken or runtime.bundled:
                    continue
                try:
                    elapsed, stdout = self.run_script(runtime, "fib.js")
                except (BenchFailure, subprocess.TimeoutExpired) as e:
                    self.fail(f"fib: {e}")
                    broken.add(runtime.name)
                    continue
                words = stdout.split()
                if len(words) != 3 or words[0] != "fib27" or words[2] != "196418":
                    self.fail(f"fib: {runtime.name} printed {stdout!r}")
                    broken.add(runtime.name)
                    continue
                times.setdefault(runtime.name, {"ms": [], "wall_ms": [], "cpu_ms": []})
                times[runtime.name]["ms"].append(int(words[1]))
                times[runtime.name]["wall_ms"].append(elapsed * 1000)
                times[runtime.name]["cpu_ms"].append(self.last_cpu * 1000)
        self.results["fib"] = {
            "runs": self.o.compute_reps,
            "median_ms": {n: median(v["ms"]) for n, v in times.items()},
            "median_wall_ms": {n: median(v["wall_ms"]) for n, v in times.items()},
            "median_cpu_ms": {n: median(v["cpu_ms"]) for n, v in times.items()},
            "samples": times,
        }
        print("bench: fib(27): " + ", ".join(f"{n} {median(v['ms']):.0f} ms" for n, v in times.items()),
              file=sys.stderr)

    # --- App start-up (plain and bundled) --------------------------------------------------------

    def app_start(self, app_dir):
        """Start to exit of `app.js` (prints one line), median of --cold-runs runs, with `app_dir`
        as working directory: every runtime runs the app from source, the bundled runtimes run
        their pre-initialized .wasm."""
        times = {}
        cpu = {}
        broken = set()
        expected = "app started=1 9"
        for i in range(self.o.cold_runs + 1):
            for runtime in self.rotated(i):
                if runtime.name in broken or (runtime.node and not self.o.app_node):
                    continue
                try:
                    elapsed, stdout = self.run_script(runtime, "app.js", cwd=app_dir)
                except (BenchFailure, subprocess.TimeoutExpired) as e:
                    self.fail(f"app start: {e}")
                    broken.add(runtime.name)
                    continue
                if stdout.strip() != expected:
                    self.fail(f"app start: {runtime.name} printed {stdout!r}")
                    broken.add(runtime.name)
                    continue
                if i > 0:  # the first round is a warm-up (compiled-module caches, page cache)
                    times.setdefault(runtime.name, []).append(elapsed * 1000)
                    cpu.setdefault(runtime.name, []).append(self.last_cpu * 1000)
        self.results["app_start"] = {
            "runs": self.o.cold_runs,
            "median_ms": {n: median(v) for n, v in times.items()},
            "median_cpu_ms": {n: median(v) for n, v in cpu.items()},
            "samples_ms": times,
            "samples_cpu_ms": cpu,
        }
        print("bench: app start: " + ", ".join(f"{n} {median(v):.1f} ms" for n, v in times.items()),
              file=sys.stderr)

    # --- Memory growth and idle CPU ------------------------------------------------------------

    def drive_requests(self, port, count, per_connection=10):
        """Sends `count` requests, `per_connection` keep-alive requests per connection (the last
        one on each connection says `Connection: close`), so both request and connection
        handling are exercised."""
        sent = 0
        while sent < count:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                pending = b""
                batch = min(per_connection, count - sent)
                for i in range(batch):
                    header = "Connection: close\r\n" if i == batch - 1 else ""
                    s.sendall(f"GET /leak{i} HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}\r\n".encode())
                    status, body, pending = read_response(s, pending)
                    if not status.endswith(" 200 OK") or body != f"echo:/leak{i}".encode():
                        raise OSError(f"unexpected answer {status!r} {body[:80]!r}")
                sent += batch

    # --- Idle keep-alive connections ---------------------------------------------------------

    def idle(self):
        """RSS per idle keep-alive connection: `idle_connections` connections each make one request
        and stay open (the servers' keep-alive timeout is raised to 120 s for this)."""
        import resource
        n = self.o.idle_connections
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < n + 100 <= hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        rss = {}
        for runtime in self.runtimes:
            if "http" not in runtime.kinds:
                continue
            server = Server(runtime, "http", self.log_dir, extra=(120000,))
            sockets = []
            try:
                server.wait_ready(self.o.start_timeout)
                time.sleep(0.5)
                entry = {"before": proc_status(server.pid, "VmRSS")}
                request = b"GET /idle HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                for start in range(0, n, 500):
                    batch = [socket.create_connection(("127.0.0.1", server.port), timeout=60)
                             for _ in range(min(500, n - start))]
                    for s in batch:
                        s.sendall(request)
                    for s in batch:
                        status, body, _ = read_response(s)
                        if not status.endswith(" 200 OK"):
                            raise OSError(f"unexpected answer {status!r}")
                    sockets += batch
                time.sleep(1.0)
                entry["with"] = proc_status(server.pid, "VmRSS")
                entry["per_connection_kib"] = (entry["with"] - entry["before"]) / n
                status, body, _ = http_get(server.port, "/still")
                entry["answered"] = status.endswith(" 200 OK")
                rss.setdefault(runtime.name, {})["http"] = entry
                print(f"bench: idle: {runtime.name} {entry['per_connection_kib']:.1f} KiB per connection",
                      file=sys.stderr)
            except (OSError, BenchFailure) as e:
                self.fail(server.describe_failure(f"failed with {n} idle connections: {e}"))
            finally:
                for s in sockets:
                    s.close()
                server.stop()
        self.results["idle"] = {"connections": n, "rss": rss}

    # --- Soak ------------------------------------------------------------------------------

    def soak(self):
        """RSS sampled while wrk keeps 100 connections busy for `soak_seconds`, per server kind."""
        seconds = self.o.soak_seconds
        rss = {}
        pairs = [(r, k) for k in self.o.kinds for r in self.runtimes if k in r.kinds]
        for runtime, kind in pairs:
            server = Server(runtime, kind, self.log_dir)
            try:
                server.wait_ready(self.o.start_timeout)
                command = pinned("wrk", ["wrk", "-t1", "-c100", f"-d{seconds}s", "--timeout", "5s",
                                         f"http://127.0.0.1:{server.port}/"])
                wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                entry = {}
                time.sleep(seconds * 0.1)
                entry["rss_10"] = proc_status(server.pid, "VmRSS")
                time.sleep(seconds * 0.4)
                entry["rss_50"] = proc_status(server.pid, "VmRSS")
                out, err = wrk.communicate(timeout=seconds + 120)
                entry["rss_end"] = proc_status(server.pid, "VmRSS")
                entry["peak"] = proc_status(server.pid, "VmHWM")
                result = parse_wrk(out)
                entry.update(requests=result["requests"], socket_errors=result["socket_errors"], non_2xx=result["non_2xx"])
                rss.setdefault(runtime.name, {})[kind] = entry
                print(f"bench: soak: {runtime.name} {kind} {result['requests']:,} requests, RSS {entry}", file=sys.stderr)
                if not server.alive():
                    self.fail(server.describe_failure("died during the soak"))
            except (OSError, BenchFailure, subprocess.TimeoutExpired) as e:
                self.fail(server.describe_failure(f"failed during the soak: {e}"))
            finally:
                server.stop()
        self.results["soak"] = {"seconds": seconds, "connections": 100, "rss": rss}

    def memory(self):
        n = self.o.leak_requests
        pairs = [(r, k) for k in self.o.kinds for r in self.runnable() if k in r.kinds]
        servers = self.start_servers(pairs)
        rss = {}  # runtime -> kind -> {...}
        try:
            for server in servers:
                entry = {"start": proc_status(server.pid, "VmRSS")}
                try:
                    self.drive_requests(server.port, n)
                    time.sleep(0.2)
                    entry["after_n"] = proc_status(server.pid, "VmRSS")
                    self.drive_requests(server.port, 9 * n)
                    time.sleep(0.2)
                    entry["after_10n"] = proc_status(server.pid, "VmRSS")
                    entry["peak"] = proc_status(server.pid, "VmHWM")
                except OSError as e:
                    self.fail(server.describe_failure(f"failed during the memory run: {e}"))
                rss.setdefault(server.runtime.name, {})[server.kind] = entry
            # Idle CPU: every server sits idle at the same time, after having served traffic.
            alive = [s for s in servers if s.alive()]
            before = {id(s): proc_cpu_seconds(s.pid) for s in alive}
            time.sleep(self.o.idle_seconds)
            idle = {}
            for s in alive:
                if not s.alive():
                    self.fail(s.describe_failure("died while idle"))
                    continue
                used = proc_cpu_seconds(s.pid) - before[id(s)]
                idle.setdefault(s.runtime.name, {})[s.kind] = used * 1000
        finally:
            for server in servers:
                server.stop()
        self.results["memory"] = {"requests_n": n, "rss_kib": rss}
        self.results["idle_cpu"] = {"seconds": self.o.idle_seconds, "cpu_ms": idle}
        print("bench: memory and idle CPU measured", file=sys.stderr)


# --- Reporting ---------------------------------------------------------------------------------

def ratio_text(value, base):
    if not value or not base:  # a 0 ms median is below the clock's resolution: no ratio
        return "—"
    return f"{value / base:.2f}×"


def fmt_ms(value):
    return "<1" if value == 0 else fmt(value)


def fmt(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f}"


def markdown(bench, meta):
    every = [r.name for r in bench.runtimes]
    names = [r.name for r in bench.runtimes if not r.bundled]
    others = [n for n in names if n != BASELINE]
    pairs = meta["pairs"]
    o = bench.o
    lines = [f"Machine: {meta['machine']}", ""]
    if PIN["server"] or PIN["wrk"]:
        lines += [f"Pinned (taskset): every server on CPU {','.join(map(str, PIN['server'])) or 'any'}, "
                  f"wrk on CPU {','.join(map(str, PIN['wrk'])) or 'any'}.", ""]
    lines.append("Runtimes: " + "; ".join(f"`{r.name}` = {r.description}" for r in bench.runtimes) + ".")
    lines.append("")
    r = bench.results

    if "http" in r:
        lines += [f"### HTTP throughput (requests/s, median of {o.reps} × {o.duration} s wrk runs, "
                  f"1 wrk thread; ratio = runtime ÷ {BASELINE}, higher is faster)", ""]
        head = ["server", "connection", "conns"] + names + [f"{n} ÷ native" for n in others]
        head += [f"{a} ÷ {b}" for a, b in pairs]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for key, per in r["http"]["median_requests_per_s"].items():
            kind, mode, conns = key.split("/")
            row = [SERVER_KINDS[kind][2], mode, conns] + [fmt(per.get(n)) for n in names]
            row += [ratio_text(per.get(n), per.get(BASELINE)) for n in others]
            row += [ratio_text(per.get(a), per.get(b)) for a, b in pairs]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        errors = {}
        for sample in r["http"]["samples"]:
            if sample.get("socket_errors"):
                key = (sample["runtime"], sample["config"])
                errors[key] = errors.get(key, 0) + sample["socket_errors"]
        if errors:
            lines += ["Socket errors reported by wrk (sum over the repetitions):", ""]
            lines += [f"- {name} {config}: {count:,}" for (name, config), count in sorted(errors.items())]
        else:
            lines.append("wrk reported no socket errors in any run.")
        lines.append("")

    if "idle" in r:
        lines += [f"### Idle keep-alive connections (RSS in KiB per connection, {r['idle']['connections']:,} "
                  f"connections that each made one request)", ""]
        head = ["runtime", "server", "RSS before (MiB)", "RSS with connections (MiB)", "KiB per connection", "answered after"]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for name, per in r["idle"]["rss"].items():
            for kind, e in per.items():
                row = [name, SERVER_KINDS[kind][2], mib(e.get("before")), mib(e.get("with")),
                       fmt(e.get("per_connection_kib"), 1), "yes" if e.get("answered") else "no"]
                lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    if "soak" in r:
        so = r["soak"]
        lines += [f"### Soak (RSS in MiB while wrk sends keep-alive requests for {so['seconds']} s, "
                  f"{so['connections']} connections)", ""]
        head = ["runtime", "server", "requests", "RSS after 10 %", "after 50 %", "at the end", "peak"]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for name, per in so["rss"].items():
            for kind, e in per.items():
                row = [name, SERVER_KINDS[kind][2], fmt(e.get("requests")), mib(e.get("rss_10")),
                       mib(e.get("rss_50")), mib(e.get("rss_end")), mib(e.get("peak"))]
                lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    if "cold_start" in r:
        c = r["cold_start"]["median_ms"]
        lines += [f"### Cold start (`hello.js` prints one line; wall ms, median of {o.cold_runs}; "
                  f"ratio = runtime ÷ {BASELINE}, lower is faster)", ""]
        shown = [n for n in names if n in c]
        head = ["", *shown]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        u = r["cold_start"].get("median_cpu_ms", {})
        lines.append("| ms | " + " | ".join(fmt(c.get(n), 1) for n in shown) + " |")
        lines.append("| ratio | " + " | ".join(ratio_text(c.get(n), c.get(BASELINE)) for n in shown) + " |")
        lines.append("| CPU ms | " + " | ".join(fmt(u.get(n), 1) for n in shown) + " |")
        lines.append("")
        lines += pair_lines(pairs, c, "wall")
        lines += pair_lines(pairs, u, "CPU")

    if "fib" in r:
        c = r["fib"]["median_ms"]
        w = r["fib"]["median_wall_ms"]
        lines += [f"### fib(27) (`fib.js`: ms the script measures itself, and wall ms of the whole run; "
                  f"median of {o.compute_reps}; ratio = runtime ÷ {BASELINE}, lower is faster)", ""]
        shown = [n for n in names if n in c]
        head = ["", *shown]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        u = r["fib"].get("median_cpu_ms", {})
        lines.append("| ms | " + " | ".join(fmt_ms(c.get(n)) for n in shown) + " |")
        lines.append("| wall ms | " + " | ".join(fmt(w.get(n), 1) for n in shown) + " |")
        lines.append("| CPU ms | " + " | ".join(fmt(u.get(n), 1) for n in shown) + " |")
        lines.append("| ratio | " + " | ".join(ratio_text(c.get(n), c.get(BASELINE)) for n in shown) + " |")
        lines.append("")
        lines += pair_lines(pairs, c, "fib ms")
        lines += pair_lines(pairs, u, "CPU")

    if "app_start" in r:
        c = r["app_start"]["median_ms"]
        lines += [f"### App start (`app.js`: events, util, buffer, string_decoder, querystring, one line "
                  f"printed; wall ms from start to exit, median of {o.cold_runs}; `boa-bundle` = the app "
                  f"bundled and pre-initialized with `wasmedge_boa bundle`; ratio = runtime ÷ {BASELINE})", ""]
        shown = [n for n in every if n in c]
        head = ["", *shown]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        u = r["app_start"].get("median_cpu_ms", {})
        lines.append("| ms | " + " | ".join(fmt(c.get(n), 1) for n in shown) + " |")
        lines.append("| ratio | " + " | ".join(ratio_text(c.get(n), c.get(BASELINE)) for n in shown) + " |")
        lines.append("| CPU ms | " + " | ".join(fmt(u.get(n), 1) for n in shown) + " |")
        lines.append("")
        lines += pair_lines(meta.get("app_pairs", []), c, "wall")
        lines += pair_lines(meta.get("app_pairs", []), u, "CPU")

    if meta.get("sizes"):
        lines += ["### Sizes (bytes; AOT = the output of `wasmedge compile` at its default level, "
                  "with the seconds it took)", ""]
        lines += ["| file | .wasm | AOT output | compile s |", "|---|---|---|---|"]
        for label, e in meta["sizes"].items():
            lines.append(f"| {label} | {fmt(e.get('wasm'))} | {fmt(e.get('aot'))} | "
                         f"{fmt(e.get('compile_s'), 0) if e.get('compile_s') is not None else '—'} |")
        lines.append("")

    if "compute" in r:
        c = r["compute"]["median_ms"]
        lines += [f"### Compute (ms each workload measures itself, median of {o.compute_reps} runs, "
                  f"scale {o.compute_scale}; ratio = runtime ÷ {BASELINE}, lower is faster)", ""]
        head = ["workload"] + names + [f"{n} ÷ native" for n in others] + [f"{a} ÷ {b}" for a, b in pairs]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for workload, per in c.items():
            row = [workload] + [fmt_ms(per.get(n)) for n in names]
            row += [ratio_text(per.get(n), per.get(BASELINE)) for n in others]
            row += [ratio_text(per.get(a), per.get(b)) for a, b in pairs]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    if "memory" in r or "http" in r:
        n = o.leak_requests
        lines += [f"### Memory (MiB) and idle CPU", "",
                  f"Peak RSS = VmHWM over all the HTTP runs above. RSS after N / 10×N = a fresh server "
                  f"after N = {n:,} and {10 * n:,} requests (10 keep-alive requests per connection). "
                  f"Idle CPU = CPU ms the server used while idle for {o.idle_seconds} s after that "
                  f"(/proc/<pid>/stat, {1000 // os.sysconf('SC_CLK_TCK')} ms ticks).", ""]
        head = ["runtime", "server", "peak RSS (HTTP runs)", "RSS at start", "after N", "after 10×N",
                "growth N→10×N", f"idle CPU ms / {o.idle_seconds} s"]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        peak = r.get("http", {}).get("peak_rss_kib", {})
        rss = r.get("memory", {}).get("rss_kib", {})
        idle = r.get("idle_cpu", {}).get("cpu_ms", {})
        for name in names:
            for kind in o.kinds:
                e = rss.get(name, {}).get(kind, {})
                if not e and kind not in peak.get(name, {}):
                    continue
                growth = None
                if e.get("after_n") is not None and e.get("after_10n") is not None:
                    growth = e["after_10n"] - e["after_n"]
                row = [name, SERVER_KINDS[kind][2], mib(peak.get(name, {}).get(kind)), mib(e.get("start")),
                       mib(e.get("after_n")), mib(e.get("after_10n")),
                       "—" if growth is None else f"{growth / 1024:+.1f}",
                       fmt(idle.get(name, {}).get(kind), 1)]
                lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    if bench.notes:
        lines += ["Notes:", ""] + [f"- {note}" for note in bench.notes] + [""]
    if bench.failures:
        lines += ["FAILURES:", ""] + [f"- {f}" for f in bench.failures] + [""]
    return "\n".join(lines)


def pair_lines(pairs, medians, what):
    """A line of `a ÷ b` ratios of `what` for the pairs with both medians (lower is faster)."""
    shown = [(a, b) for a, b in pairs if medians.get(a) and medians.get(b)]
    if not shown:
        return []
    return [f"{what}: " + ", ".join(f"{a} ÷ {b} = **{ratio_text(medians[a], medians[b])}**" for a, b in shown), ""]


def machine_description():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Linux {platform.release()}"


# --- Runtimes ----------------------------------------------------------------------------------

def aot_compile(wasmedge, wasm, out_dir, label, notes, sizes):
    """Compiles `wasm` with `wasmedge compile` at its default level (or `wasmedgec`); returns the
    output path or None. Outputs are cached by the input's hash (a compile takes minutes).
    `WASMEDGE_COMPILE_FLAGS` (e.g. "--optimize s") is passed to the compiler."""
    flags = os.environ.get("WASMEDGE_COMPILE_FLAGS", "").split()
    digest = hashlib.sha256(Path(wasm).read_bytes()).hexdigest()[:16]
    suffix = ("-" + "".join(f for f in flags if f.isalnum())) if flags else ""
    out = Path(out_dir) / f"{label}-{digest}{suffix}.aot.wasm"
    timing = out.with_suffix(".seconds")
    entry = sizes.setdefault(label, {"wasm": Path(wasm).stat().st_size})
    if out.exists():
        entry.update(aot=out.stat().st_size,
                     compile_s=float(timing.read_text()) if timing.exists() else None)
        return out
    candidates = [[wasmedge, "compile"] + flags]
    wasmedgec = Path(wasmedge).with_name("wasmedgec")
    if wasmedgec.exists():
        candidates.append([str(wasmedgec)] + flags)
    if flags:
        notes.append(f"AOT compiled with `{' '.join(flags)}`")
    errors = []
    for command in candidates:
        print(f"bench: AOT-compiling {label} ({Path(wasm).name}); this takes minutes", file=sys.stderr)
        started = time.perf_counter()
        partial = out.with_suffix(".partial")
        try:
            done = subprocess.run(command + [str(wasm), str(partial)], capture_output=True, text=True,
                                  timeout=3600)
        except (OSError, subprocess.TimeoutExpired) as e:
            errors.append(str(e))
            continue
        if done.returncode == 0 and partial.exists():
            seconds = time.perf_counter() - started
            partial.rename(out)
            timing.write_text(f"{seconds:.1f}\n")
            entry.update(aot=out.stat().st_size, compile_s=seconds)
            return out
        errors.append(f"exit {done.returncode}: " + (done.stdout + done.stderr).strip()[-300:])
    notes.append(f"AOT skipped for {label}: this WasmEdge cannot compile it ({'; '.join(errors)})")
    return None


def reference_modules():
    """The reference runtime's `modules/` folder (its library): $REFERENCE_MODULES, or `modules`
    beside $REFERENCE_WASM."""
    explicit = os.environ.get("REFERENCE_MODULES")
    if explicit:
        return Path(explicit)
    reference = os.environ.get("REFERENCE_WASM")
    return Path(reference).resolve().parent / "modules" if reference else None


def prepare_app(o, notes):
    """The app start-up directory: app.js, and the reference's modules/ beside it (our runtime
    never loads those for its own module names, exactly as in the reference's own tree)."""
    app_dir = Path(o.out) / "app"
    if app_dir.exists():
        shutil.rmtree(app_dir)
    app_dir.mkdir(parents=True)
    shutil.copy(JS_DIR / "app.js", app_dir / "app.js")
    modules = reference_modules()
    if modules and modules.is_dir():
        shutil.copytree(modules, app_dir / "modules")
    elif os.environ.get("REFERENCE_WASM"):
        notes.append("app start: the reference runtime needs its modules/ folder (REFERENCE_MODULES, or "
                     "`modules` beside REFERENCE_WASM); its app-start row is missing")
    return app_dir


def bundle_app(o, app_dir, notes):
    """`wasmedge_boa bundle app.js` with the native CLI and the .wasm under test."""
    out = app_dir / "bundle" / "app.wasm"
    out.parent.mkdir(exist_ok=True)
    done = subprocess.run([o.native, "bundle", "app.js", "-o", str(out), "--runtime", o.wasm],
                          cwd=app_dir, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 or not out.exists():
        notes.append(f"app start: bundling failed: {(done.stdout + done.stderr).strip()[-300:]}")
        return None
    return out


def build_runtimes(o, notes, sizes, app_dir=None):
    runtimes = [Runtime(BASELINE, [o.native], "the native CLI (`target/release/wasmedge_boa`)")]
    wasm = str(Path(o.wasm).resolve())
    bundle = bundle_app(o, app_dir, notes) if app_dir else None
    if o.test_host:
        runtimes.append(Runtime("boa-wasm@test-host", [o.test_host, "--dir", ".:.", wasm],
                                "our .wasm under the WasmEdge-compatible test host (wasmtime, cached compile)"))
        if bundle:
            runtimes.append(Runtime("boa-bundle@test-host", [o.test_host, str(bundle)],
                                    "app.js bundled, under the test host", bundled=True))
    wasmedge = os.environ.get("WASMEDGE")
    reference = os.environ.get("REFERENCE_WASM")
    pairs = []
    app_pairs = []
    if wasmedge:
        wasms = [("boa-wasm", wasm)]
        if reference:
            wasms.append(("reference", str(Path(reference).resolve())))
        if bundle:
            wasms.append(("boa-bundle", str(bundle)))
        aot_dir = Path(o.out) / "aot"
        aot_dir.mkdir(parents=True, exist_ok=True)
        for label, path in wasms:
            # The reference's `http` module is a JS file outside its .wasm: only the raw server.
            kinds = ("raw", "http") if label == "boa-wasm" else ("raw",)
            bundled = label == "boa-bundle"
            name = Path(path).name
            runtimes.append(Runtime(f"{label}@wasmedge", [wasmedge, "--dir", ".:.", path],
                                    f"{name} under WasmEdge (interpreter)", kinds=kinds, bundled=bundled))
            if not o.no_aot:
                aot = aot_compile(wasmedge, path, aot_dir, label, notes, sizes)
                if aot:
                    # WasmEdge 0.17 interprets even an AOT-compiled file unless told otherwise.
                    runtimes.append(Runtime(f"{label}@wasmedge-aot",
                                            [wasmedge, "--run-mode", "aot", "--dir", ".:.", str(aot)],
                                            f"{name} under WasmEdge, AOT-compiled (`--run-mode aot`)",
                                            kinds=kinds, bundled=bundled))
        names = [r.name for r in runtimes]
        for engine in ("wasmedge", "wasmedge-aot"):
            if f"boa-wasm@{engine}" in names and f"reference@{engine}" in names:
                pairs.append((f"boa-wasm@{engine}", f"reference@{engine}"))
                app_pairs.append((f"boa-wasm@{engine}", f"reference@{engine}"))
            if f"boa-bundle@{engine}" in names and f"reference@{engine}" in names:
                app_pairs.append((f"boa-bundle@{engine}", f"reference@{engine}"))
    else:
        notes.append("WasmEdge runs skipped: WASMEDGE is not set (WASMEDGE=/path/to/wasmedge scripts/bench "
                     "adds the .wasm under WasmEdge, interpreter and AOT)")
        if reference:
            notes.append("REFERENCE_WASM ignored: it needs WASMEDGE too")
    if reference and o.test_host:
        # The test host runs WasmEdge's ABI too, so the reference can also be compared there.
        runtimes.append(Runtime("reference@test-host", [o.test_host, "--dir", ".:.", str(Path(reference).resolve())],
                                f"{Path(reference).name} under the test host", kinds=("raw",)))
        pairs.append(("boa-wasm@test-host", "reference@test-host"))
        app_pairs.append(("boa-wasm@test-host", "reference@test-host"))
        if bundle:
            app_pairs.append(("boa-bundle@test-host", "reference@test-host"))
    if not o.no_node:
        node = shutil.which("node")
        if node:
            version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
            runtimes.append(Runtime("node", [node], f"Node.js {version} (node:net / node:http servers), "
                                    "an outside reference", node=True))
            pairs.insert(0, (BASELINE, "node"))
        else:
            notes.append("Node.js runs skipped: `node` is not on PATH")
    return runtimes, pairs, app_pairs


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="tiny durations, one repetition, few configurations")
    p.add_argument("--native", default=str(ROOT / "target/release/wasmedge_boa"))
    p.add_argument("--wasm", default=str(ROOT / "target/wasm32-wasip1/release/wasmedge_boa.wasm"))
    p.add_argument("--test-host", default=None, help="the test host binary (omit to skip it)")
    p.add_argument("--out", default=str(ROOT / "target/bench"))
    p.add_argument("--only", default="http,cold,compute,fib,app,memory",
                   help="comma-separated parts to run: http, cold, compute, fib, app, memory, and (not by "
                        "default) idle (RSS per idle keep-alive connection) and soak (RSS during a long wrk run)")
    p.add_argument("--duration", type=float, default=None, help="seconds per wrk run (default 3)")
    p.add_argument("--reps", type=int, default=None, help="wrk runs per configuration (default 3)")
    p.add_argument("--connections", default=None, help="comma-separated (default 1,10,100)")
    p.add_argument("--kinds", default="raw,http")
    p.add_argument("--modes", default="keep-alive,close")
    p.add_argument("--cold-runs", type=int, default=None, help="default 20")
    p.add_argument("--compute-reps", type=int, default=None, help="default 5")
    p.add_argument("--compute-scale", type=float, default=None, help="default 1")
    p.add_argument("--leak-requests", type=int, default=None, help="N for RSS after N and 10×N (default 2000)")
    p.add_argument("--idle-seconds", type=float, default=None, help="default 10")
    p.add_argument("--idle-connections", type=int, default=None, help="for --only idle (default 10000)")
    p.add_argument("--soak-seconds", type=int, default=None, help="for --only soak (default 60)")
    p.add_argument("--start-timeout", type=float, default=120.0)
    p.add_argument("--pin", default="off",
                   help="CPU pinning of servers and wrk: off (default), auto (server CPU 0, wrk CPU 1 on 2+ "
                        "CPUs) or SERVER:WRK CPU lists, e.g. 0:1. Only for a quiet machine: where other "
                        "processes run, a pinned server cannot move away from them")
    p.add_argument("--no-node", action="store_true")
    p.add_argument("--no-aot", action="store_true")
    p.add_argument("--app-node", action="store_true", help="also time app.js under Node")
    o = p.parse_args()

    defaults = dict(duration=3, reps=3, connections="1,10,100", cold_runs=20, compute_reps=5,
                    compute_scale=1, leak_requests=2000, idle_seconds=10, idle_connections=10000, soak_seconds=60)
    smoke = dict(duration=1, reps=1, connections="1", cold_runs=3, compute_reps=1,
                 compute_scale=0.05, leak_requests=50, idle_seconds=1, idle_connections=50, soak_seconds=2)
    for key, value in (smoke if o.smoke else defaults).items():
        if getattr(o, key) is None:
            setattr(o, key, value)
    if o.smoke:
        o.no_aot = True
    o.duration = max(1, int(round(o.duration)))  # wrk takes whole seconds
    PIN.update(choose_pinning(o.pin))
    o.connections = [int(c) for c in str(o.connections).split(",") if c]
    o.kinds = [k for k in o.kinds.split(",") if k in SERVER_KINDS]
    o.modes = [m for m in o.modes.split(",") if m in MODES]
    parts = set(o.only.split(","))
    # Runtimes run with bench/js as working directory: make the paths absolute.
    o.native = str(Path(o.native).resolve())
    o.wasm = str(Path(o.wasm).resolve())
    if o.test_host:
        o.test_host = str(Path(o.test_host).resolve())
    o.out = str(Path(o.out).resolve())

    if not shutil.which("wrk") and "http" in parts:
        print("bench: wrk is not installed (WITH_WRK=1 scripts/setup installs it)", file=sys.stderr)
        return 1
    for path in [o.native, o.wasm] + ([o.test_host] if o.test_host else []):
        if not Path(path).exists():
            print(f"bench: {path} does not exist (scripts/bench builds it)", file=sys.stderr)
            return 1

    notes = []
    sizes = {}
    app_dir = prepare_app(o, notes) if "app" in parts else None
    runtimes, pairs, app_pairs = build_runtimes(o, notes, sizes, app_dir)
    bench = Bench(o, runtimes, notes)
    started = time.time()
    bench.warm_up()
    if not bench.runtimes:
        parts = set()  # nothing can run; the failures say why
    if "http" in parts:
        bench.http()
    if "cold" in parts:
        bench.cold_start()
    if "compute" in parts:
        bench.compute()
    if "fib" in parts:
        bench.fib()
    if "app" in parts:
        bench.app_start(app_dir)
    if "memory" in parts:
        bench.memory()
    if "idle" in parts:
        bench.idle()
    if "soak" in parts:
        bench.soak()

    meta = {
        "machine": machine_description(),
        "pairs": pairs,
        "app_pairs": app_pairs,
        "sizes": sizes,
    }
    table = markdown(bench, meta)
    document = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 1),
        "machine": meta["machine"],
        "options": {k: v for k, v in vars(o).items()},
        "runtimes": [{"name": r.name, "command": r.prefix, "description": r.description,
                      "servers": list(r.kinds)} for r in runtimes],
        "baseline": BASELINE,
        "pairs": pairs,
        "app_pairs": app_pairs,
        "sizes": sizes,
        "results": bench.results,
        "notes": notes,
        "failures": bench.failures,
    }
    out = Path(o.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(document, indent=2) + "\n")
    (out / "results.md").write_text(table + "\n")
    print(table)
    print(f"bench: wrote {out / 'results.json'} and {out / 'results.md'} in {document['seconds']} s",
          file=sys.stderr)
    return 1 if bench.failures else 0


if __name__ == "__main__":
    sys.exit(main())
