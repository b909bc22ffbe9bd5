#!/usr/bin/env python3
"""The cross-engine conformance tables of docs/conformance.md, from the runner's JSON reports.

    python3 conformance/report.py --test262 DIR --ours in-process report.json... [--write docs/conformance.md]

Every run is compared on the test files that all the runs have (the fixed `--sample`, when one run
covered more). Tables: the summary; pass rate per top-level directory of test/; per ES edition (from
each test's frontmatter: `es5id` → ES5, `es6id` → ES2015, only `esid` → ES2016 and later); and the
tests that pass on another engine but fail on ours, grouped by feature. Pass rate = pass / (pass +
fail): skipped tests (excluded features, missing host capabilities) are not held against an engine.
With --write, the part of the file between `<!-- engines:start -->` and `<!-- engines:end -->` is
replaced; otherwise the Markdown is printed.
"""

import argparse
import collections
import json
import os
import re
import sys

START, END = "<!-- engines:start -->", "<!-- engines:end -->"


def load_runs(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        for run in report["runs"]:
            engine = run["engine"]
            name = engine if isinstance(engine, str) else engine.get("name", "?")
            runs.append({"name": name, "run": run, "tests": {t["path"]: t["outcome"] for t in run["tests"]}})
    return runs


def frontmatter(root, path, cache={}):
    if path not in cache:
        try:
            with open(os.path.join(root, path), encoding="utf-8") as f:
                text = f.read()
        except OSError:
            text = ""
        match = re.search(r"/\*---(.*?)---\*/", text, re.S)
        block = match.group(1) if match else ""
        if re.search(r"^\s*es5id:", block, re.M):
            edition = "ES5 (es5id)"
        elif re.search(r"^\s*es6id:", block, re.M):
            edition = "ES2015 (es6id)"
        elif re.search(r"^\s*esid:", block, re.M):
            edition = "ES2016+ (esid only)"
        else:
            edition = "no edition id"
        features = []
        feature_match = re.search(r"^\s*features:\s*\[(.*?)\]", block, re.M | re.S)
        if feature_match:
            features = [f.strip().strip("'\"") for f in feature_match.group(1).split(",") if f.strip()]
        else:
            list_match = re.search(r"^\s*features:\s*\n((?:\s*-\s*.+\n)+)", block, re.M)
            if list_match:
                features = [line.strip()[1:].strip() for line in list_match.group(1).splitlines()]
        cache[path] = (edition, features)
    return cache[path]


def rate(counter):
    decided = counter["pass"] + counter["fail"]
    return f"{100 * counter['pass'] / decided:.2f} %" if decided else "—"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def build(root, runs, ours_name):
    common = set.intersection(*(set(r["tests"]) for r in runs))
    names = [r["name"] for r in runs]
    out = []
    setup = runs[0]["run"].get("setup", {})
    sample = setup.get("sample")
    out.append(f"test262 `{(setup.get('test262_commit') or '?')[:8]}`, {len(common):,} test files common to all runs"
               + (f" (the fixed 1-in-{sample} sample: `--sample {sample}`)" if sample else "")
               + f", exclusions `{os.path.basename(setup.get('exclusion_file') or '-')}`, timeout {setup.get('timeout_secs', '?')} s.")
    out.append("")
    rows = []
    for r in runs:
        c = collections.Counter(r["tests"][p] for p in common)
        rows.append([r["name"], f"{c['pass']:,}", f"{c['fail']:,}", f"{c['skip']:,}", rate(c)])
    out.append(table(["engine", "pass", "fail", "skip", "pass rate"], rows))
    out.append("")

    def grouped(key_of, title):
        groups = collections.defaultdict(lambda: [collections.Counter() for _ in runs])
        for path in common:
            key = key_of(path)
            for i, r in enumerate(runs):
                groups[key][i][r["tests"][path]] += 1
        rows = []
        for key in sorted(groups):
            counters = groups[key]
            total = sum(counters[0].values())
            rows.append([key, f"{total:,}"] + [rate(c) for c in counters])
        return f"**{title}**\n\n" + table([title.split(' ')[-1], "files"] + names, rows)

    out.append(grouped(lambda p: "/".join(p.split("/")[:2]), "Pass rate per directory"))
    out.append("")
    out.append(grouped(lambda p: frontmatter(root, p)[0], "Pass rate per edition"))
    out.append("")

    ours = next((r for r in runs if r["name"] == ours_name), runs[0])
    by_feature = collections.defaultdict(list)
    for path in sorted(common):
        if ours["tests"][path] != "fail":
            continue
        others = [r["name"] for r in runs if r is not ours and not r["name"].startswith("ours") and r["tests"][path] == "pass"]
        if not others:
            continue
        features = frontmatter(root, path)[1] or ["(no feature)"]
        for feature in features:
            by_feature[feature].append((path, others))
    out.append(f"**Tests that pass on another engine and fail on ours ({ours['name']}), by feature**")
    out.append("")
    rows = []
    for feature, tests in sorted(by_feature.items(), key=lambda item: (-len(item[1]), item[0])):
        engines = collections.Counter(e for _, others in tests for e in others)
        example = tests[0][0].removeprefix("test/")
        rows.append([f"`{feature}`", str(len(tests)), ", ".join(f"{e} {n}" for e, n in engines.most_common()), f"`{example}`"])
    out.append(table(["feature", "tests", "passing elsewhere", "example"], rows))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test262", required=True)
    parser.add_argument("--ours", default="in-process")
    parser.add_argument("--write")
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()
    runs = load_runs(args.reports)
    markdown = build(args.test262, runs, args.ours)
    if not args.write:
        sys.stdout.write(markdown)
        return 0
    with open(args.write) as f:
        text = f.read()
    if START not in text or END not in text:
        sys.exit(f"{args.write} has no {START} … {END} section")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    with open(args.write, "w") as f:
        f.write(f"{before}{START}\n{markdown}{END}{after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
