#!/usr/bin/env python3
"""Runs generated JavaScript programs (fuzz/js/generate.py) against a runtime and sorts the ends.

    fuzz/js/run.py --runtime target/panic-hunt/wasmedge_boa --from 0 --count 5000 --out /tmp/jsgen
    fuzz/js/run.py --runtime "target/release/wasmedge-test-host --dir {dir}:{dir} wasmedge_boa.wasm" ...

A program ends `done` (it printed `done` and exited 0), `invalid` (it does not parse: a generator
mistake), `uncaught` (exit 1 with an ordinary
`Uncaught …` report: e.g. deep recursion, which Boa cannot let scripts catch), `timeout`, or
`crash`: killed by a signal, a panic, a native stack overflow, an `InternalError`, a trap. Crashing
programs and their output are kept in --out, grouped by the first line that names the failure,
and a summary is printed.
"""

import argparse
import collections
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402

CRASH_MARKERS = ("panicked at", "overflowed its stack", "Uncaught InternalError", "fatal runtime error",
                 "execution failed", "memory allocation of", "RUST_BACKTRACE")


def signature(output):
    for line in output.splitlines():
        if any(marker in line for marker in CRASH_MARKERS):
            # Drop the host's log timestamp (`[2026-01-01 00:00:00.000] [error] …`) so that
            # the same crash groups under one line.
            return re.sub(r"^\[[0-9 :.-]+\] ", "", line.strip())[:200]
    return output.strip().splitlines()[0][:200] if output.strip() else "(no output)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runtime", required=True, help="command; {file} and {dir} are replaced, else the file is appended")
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--out", default="/tmp/jsgen")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    outcomes = collections.Counter()
    crashes = collections.defaultdict(list)
    for seed in range(args.start, args.start + args.count):
        path = os.path.join(args.out, f"program-{seed}.js")
        with open(path, "w") as f:
            f.write(generate.Generator(seed).program())
        words = [w.replace("{file}", path).replace("{dir}", args.out) for w in shlex.split(args.runtime)]
        if not any("{file}" in w for w in shlex.split(args.runtime)):
            words.append(path)
        try:
            done = subprocess.run(words, capture_output=True, timeout=args.timeout, cwd=args.out)
            output = (done.stdout + done.stderr).decode("utf-8", "replace")
            if done.returncode == 0 and "done" in done.stdout.decode("utf-8", "replace"):
                outcome = "done"
            elif output.startswith("Uncaught SyntaxError") and f"{os.path.basename(path)}:" in output:
                outcome = "invalid"  # the generator wrote something that does not parse
            elif done.returncode == 1 and "Uncaught" in output and not any(m in output for m in CRASH_MARKERS):
                outcome = "uncaught"
            else:
                outcome = "crash"
        except subprocess.TimeoutExpired:
            outcome, output = "timeout", ""
        outcomes[outcome] += 1
        if outcome == "crash":
            crashes[signature(output)].append(seed)
            with open(path + ".out", "w") as f:
                f.write(output)
        elif outcome != "timeout":
            os.remove(path)
    print(f"{args.count} programs (seeds {args.start}..{args.start + args.count - 1}): " +
          ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    for sig, seeds in sorted(crashes.items(), key=lambda item: -len(item[1])):
        print(f"  {len(seeds):5}  {sig}   (seeds {', '.join(map(str, seeds[:8]))}{' …' if len(seeds) > 8 else ''})")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
