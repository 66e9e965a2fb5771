#!/usr/bin/env python3
"""Prints the benchmark table from Benchmarks/work/results (written by run.sh) and checks the goals.

    report.py RESULTS            the whole table (with the dense section when dense.sh ran)
    report.py --dense RESULTS    the dense section only (dense.sh)
"""
import json
import os
import re
import sys

dense_only = sys.argv[1] == "--dense"
results = sys.argv[-1]


def load(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def facts(name):
    table = {}
    path = os.path.join(results, name)
    if os.path.exists(path):
        for line in open(path):
            parts = line.split()
            if len(parts) >= 3:
                table[(parts[0], parts[1])] = parts[-1]
    return table


def ms(seconds):
    return f"{seconds * 1000:9.1f}"


def dense_section(goals):
    """The dense tree shape (dense.sh): llmlint vs rg at 1x and 10x, findings vs expectations, --staged."""
    path = os.path.join(results, "dense-corpora.txt")
    if not os.path.exists(path):
        return
    trees = []
    for line in open(path):
        parts = line.split()
        trees.append((parts[0], {k: int(v) for k, v in (p.split("=") for p in parts[1:])}))
    print()
    print("dense tree shape (generate_dense.py): llmlint vs rg, findings vs the generator's expectations")
    header = (f"{'tree':<13} {'files':>7} {'MB':>7} {'calls':>6} {'report':>6} {'llmlint ms':>10} {'cpu ms':>9} "
              f"{'rg ms':>8} {'cpu ms':>8} {'x rg':>6} {'rss MB':>7} {'recall':>7} {'precis.':>7}")
    print(header)
    print("-" * len(header))
    means = {}
    for name, info in trees:
        runs = load(f"{name}-fast.json")
        check = {}
        if os.path.exists(os.path.join(results, f"{name}-check.json")):
            check = json.load(open(os.path.join(results, f"{name}-check.json")))
        probe = {}
        for line in open(os.path.join(results, f"{name}-facts.txt")) if os.path.exists(os.path.join(results, f"{name}-facts.txt")) else []:
            if line.startswith("llmlint probe"):
                probe = dict(p.split("=") for p in line.split()[2:])
        l, r = runs.get("llmlint"), runs.get("rg")
        rss = probe.get("rss_kib", "n/a")
        rss = f"{int(rss) / 1024:7.1f}" if rss.isdigit() else f"{rss:>7}"
        if l and r:
            means[name] = (l["mean"], r["mean"], info["files"])
            print(f"{name:<13} {info['files']:>7} {info['bytes'] / 1e6:7.1f} {info['calls']:>6} {info['reported']:>6} "
                  f"{ms(l['mean']):>10} {ms(l['user'] + l['system'])} {ms(r['mean']):>8} {ms(r['user'] + r['system']):>8} "
                  f"{l['mean'] / r['mean']:6.2f} {rss} {check.get('recall', 0):7.3f} {check.get('precision', 0):7.3f}")
            goals.append((f"{name}: llmlint <= 1.5x rg (wall)", l["mean"] / r["mean"] <= 1.5, f"{l['mean'] / r['mean']:.2f}x"))
        else:
            print(f"{name:<13} {info['files']:>7} {info['bytes'] / 1e6:7.1f} {info['calls']:>6} {info['reported']:>6} "
                  f"{'(no timings: ' + probe.get('seconds', '?') + ' s, status ' + probe.get('status', '?') + ')':>38}")
        if check:
            goals.append((f"{name}: llmlint's findings are the expected ones (recall and precision 1)",
                          check["recall"] == 1 and check["precision"] == 1,
                          f"recall {check['recall']:.3f}, precision {check['precision']:.3f}, missed "
                          f"{sum(check['missed'].values())}, unexpected {sum(check['unexpected'].values())}"))
            for what in ("missed", "unexpected", "unknown"):
                if check[what]:
                    print(f"{'':<13} {what}: " + ", ".join(f"{k} {v}" for k, v in sorted(check[what].items(), key=lambda kv: -kv[1])))
    if len(means) == 2:
        (small, big) = sorted(means.values(), key=lambda v: v[2])
        scale = big[2] / small[2]
        print(f"growth: {scale:.0f}x the files cost llmlint {big[0] / small[0]:.1f}x the time, rg {big[1] / small[1]:.1f}x")
        goals.append((f"dense: a {scale:.0f}x tree costs llmlint <= ~{scale:.0f}x", big[0] / small[0] <= scale * 1.1,
                      f"{big[0] / small[0]:.1f}x"))
    hook, empty = load("dense-hook.json"), load("dense-hook-empty.json")
    if hook:
        hf = facts("dense-hook-facts.txt")
        print()
        print("dense --staged, 20 staged files with LLM calls:")
        for name, r in list(hook.items()) + list(empty.items()):
            print(f"  {name:<44} {ms(r['mean'])} ms ± {r['stddev'] * 1000 if r.get('stddev') else 0:.1f}"
                  f"  min {ms(r['min'])} ms  cpu {ms(r['user'] + r['system'])} ms")
        cache, source = hf.get(("cache", "bytes"), "0"), hf.get(("source", "bytes"), "0")
        if cache.isdigit() and source.isdigit() and int(source):
            print(f"  facts cache {int(cache) / 1e6:.1f} MB on disk for {int(source) / 1e6:.1f} MB of indexed source "
                  f"({hf.get(('source', 'files'), '?')} files): {100 * int(cache) / int(source):.1f}%")
        rss = hf.get(("llmlint-staged", "rss"), "")
        if rss.isdigit():
            print(f"  peak RSS (warm) {int(rss) / 1024:.1f} MB")
        git = hook["git diff --cached --name-only"]["mean"]
        lint = hook["llmlint --staged"]["mean"]
        goals.append(("dense --staged (warm): llmlint --staged <= 2x git diff --cached + 10 ms", lint <= 2 * git + 0.010,
                      f"{lint * 1000:.1f} ms vs limit {(2 * git + 0.010) * 1000:.1f} ms"))
        staged_check = os.path.join(results, "dense-staged-check.json")
        if os.path.exists(staged_check):
            check = json.load(open(staged_check))
            print(f"  staged findings: {check['findings']}, expected {check['expected']}: recall {check['recall']:.3f}, "
                  f"precision {check['precision']:.3f}")
            goals.append(("dense --staged: the staged files' findings are the expected ones",
                          check["recall"] == 1 and check["precision"] == 1,
                          f"recall {check['recall']:.3f}, precision {check['precision']:.3f}"))
    notes = os.path.join(results, "dense-notes.txt")
    if os.path.exists(notes):
        print()
        print(open(notes).read().strip())


if dense_only:
    goals = []
    dense_section(goals)
    print()
    print("goals")
    for name, ok, value in goals:
        print(f"  [{'met' if ok else 'NOT MET'}] {name}: {value}")
    sys.exit(0)


corpora = {}
if os.path.exists(os.path.join(results, "corpora.txt")):
    for line in open(os.path.join(results, "corpora.txt")):
        name, files, size = line.split()
        corpora[name] = (int(files.split("=")[1]), int(size.split("=")[1]))

goals = []
print()
print(f"build: {open(os.path.join(results, 'build-kind')).read().strip() if os.path.exists(os.path.join(results, 'build-kind')) else '?'}")
print()
header = f"{'corpus':<12} {'tool':<14} {'wall ms':>9} {'± ms':>7} {'cpu ms':>9} {'x rg':>7} {'rss MB':>7} {'findings':>9}"
print(header)
print("-" * len(header))
for corpus in ["stdlib", "swiftpkgs", "monorepo"]:
    runs = {}
    for part in ["fast", "regex", "semgrep"]:
        runs.update(load(f"{corpus}-{part}.json"))
    if not runs:
        continue
    f = facts(f"{corpus}-facts.txt")
    rg = runs.get("rg", {}).get("mean")
    files, size = corpora.get(corpus, (0, 0))
    print(f"{corpus} ({files} files, {size / 1e6:.1f} MB)")
    for tool in ["llmlint", "rg", "regex-script", "semgrep"]:
        r = runs.get(tool)
        if not r:
            continue
        cpu = r["user"] + r["system"]
        ratio = f"{r['mean'] / rg:7.2f}" if rg else "    n/a"
        rss = f.get((tool, "rss"), "n/a")
        rss = f"{int(rss) / 1024:7.1f}" if rss.isdigit() else f"{rss:>7}"
        print(f"{'':<12} {tool:<14} {ms(r['mean'])} {r['stddev'] * 1000 if r.get('stddev') else 0:7.1f} {ms(cpu)} {ratio} {rss} {f.get((tool, 'findings'), '?'):>9}")
    print(f"{'':<12} {'(no prefilter)':<14} {'':>9} {'':>7} {'':>9} {'':>7} {'':>7} {f.get(('llmlint-noprefilter', 'findings'), '?'):>9}")
    if ("generated", "untracked") in f:
        print(f"{'':<12} {'(generated)':<14} {'':>9} {'':>7} {'':>9} {'':>7} {'':>7} {f[('generated', 'untracked')]:>9}  untracked calls written by the generator")
    l = runs["llmlint"]
    if rg:
        goals.append((f"{corpus}: llmlint <= 1.5x rg (wall)", l["mean"] / rg <= 1.5, f"{l['mean'] / rg:.2f}x"))
        rgc = runs["rg"]["user"] + runs["rg"]["system"]
        goals.append((f"{corpus}: llmlint <= 1.5x rg (cpu, for reference)", (l["user"] + l["system"]) / rgc <= 1.5,
                      f"{(l['user'] + l['system']) / rgc:.2f}x"))
    if "semgrep" in runs:
        goals.append((f"{corpus}: >= 30x faster than semgrep", runs["semgrep"]["mean"] / l["mean"] >= 30,
                      f"{runs['semgrep']['mean'] / l['mean']:.0f}x"))
    if "regex-script" in runs:
        goals.append((f"{corpus}: >= 10x faster than the regex script", runs["regex-script"]["mean"] / l["mean"] >= 10,
                      f"{runs['regex-script']['mean'] / l['mean']:.0f}x"))
    same = f.get(("llmlint", "findings")) == f.get(("llmlint-noprefilter", "findings"))
    goals.append((f"{corpus}: same findings with and without the prefilter", same,
                  f"{f.get(('llmlint', 'findings'))} / {f.get(('llmlint-noprefilter', 'findings'))}"))
    if corpus == "monorepo":
        rss = f.get(("llmlint", "rss"), "")
        if rss.isdigit():
            goals.append(("monorepo: peak RSS < 100 MB", int(rss) < 100 * 1024, f"{int(rss) / 1024:.1f} MB"))
        if ("generated", "untracked") in f:
            goals.append(("monorepo: llmlint finds every generated untracked call",
                          f[("generated", "untracked")] == f.get(("llmlint", "findings")),
                          f"{f.get(('llmlint', 'findings'))} of {f[('generated', 'untracked')]}"))

tenth = load("monorepo-tenth-fast.json").get("llmlint")
full = load("monorepo-fast.json").get("llmlint")
if tenth and full:
    files_full, _ = corpora.get("monorepo", (0, 0))
    files_tenth, _ = corpora.get("monorepo-tenth", (0, 0))
    print()
    print(f"scale: monorepo {files_tenth} files {ms(tenth['mean'])} ms, {files_full} files {ms(full['mean'])} ms")
    goals.append(("scale: a 10x tree costs <= ~10x", full["mean"] / tenth["mean"] <= 11,
                  f"{full['mean'] / tenth['mean']:.1f}x time for {files_full / max(files_tenth, 1):.0f}x files"))

for label, file in [("clean commit", "hook-clean.json"), ("with findings, warm facts cache", "hook.json")]:
    hook = load(file)
    if not hook:
        continue
    print()
    print(f"hook, {label}:")
    for name, r in hook.items():
        print(f"  {name:<44} {ms(r['mean'])} ms ± {r['stddev'] * 1000 if r.get('stddev') else 0:.1f}"
              f"  min {ms(r['min']) if 'min' in r else '-'} ms  cpu {ms(r['user'] + r['system'])} ms")
    git = hook["git diff --cached --name-only"]["mean"]
    lint = hook["llmlint --staged"]["mean"]
    goals.append((f"hook ({label}): llmlint --staged <= 2x git diff --cached + 10 ms", lint <= 2 * git + 0.010,
                  f"{lint * 1000:.1f} ms vs limit {(2 * git + 0.010) * 1000:.1f} ms"))
cold = load("hook-cold.json")
cold.update(load("hook-empty.json"))
for name, r in cold.items():
    print(f"  {name:<44} {ms(r['mean'])} ms  cpu {ms(r['user'] + r['system'])} ms")
hf = facts("hook-facts.txt")
if hf:
    print(f"  hook findings: {hf.get(('hook', 'findings'))}; peak RSS (warm) {hf.get(('llmlint-staged', 'rss'))} KiB")

startup = load("startup.json")
if startup:
    print()
    for name, r in startup.items():
        print(f"start-up: {name:<44} {ms(r['mean'])} ms ± {r['stddev'] * 1000:.1f}")
    version = startup["llmlint --version"]["mean"]
    for name in ["trivial Foundation program", "trivial Foundation program (static stdlib)"]:
        if name in startup:
            goals.append((f"start-up: llmlint --version <= 2x {name}", version <= 2 * startup[name]["mean"],
                          f"{version / startup[name]['mean']:.2f}x"))

huge_path = os.path.join(results, "huge.txt")
if os.path.exists(huge_path):
    print()
    huge = {}
    for line in open(huge_path):
        print("huge input: " + line.strip())
        m = re.match(r"(\S+) status=(\d+) seconds=([\d.]+)", line)
        if m:
            huge[m.group(1)] = (int(m.group(2)), float(m.group(3)))
    goals.append(("huge inputs: every run exits 0 (no crash, no stack overflow)",
                  all(status == 0 for status, _ in huge.values()), ", ".join(f"{k}={v[0]}" for k, v in huge.items())))
    for small, big in [("line5.py", "line50.py"), ("nested100k.py", "nested1m.py"), ("nested100k.swift", "nested1m.swift")]:
        if small in huge and big in huge:
            ratio = huge[big][1] / max(huge[small][1], 1e-3)
            goals.append((f"huge inputs: 10x input {small} -> {big} costs <= ~10x (not quadratic)", ratio <= 15,
                          f"{ratio:.1f}x"))

dense_section(goals)

notes = os.path.join(results, "notes.txt")
if os.path.exists(notes):
    print()
    print(open(notes).read().strip())

print()
print("goals")
for name, ok, value in goals:
    print(f"  [{'met' if ok else 'NOT MET'}] {name}: {value}")
