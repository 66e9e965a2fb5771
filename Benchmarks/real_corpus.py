#!/usr/bin/env python3
"""Recall and precision of llmlint on a labelled corpus of real example code (issue 13).

The corpus is the example / sample directories of pinned PyPI sdists (code nobody here wrote). Their direct
LLM API request calls were labelled by hand, by reading each file, in Benchmarks/corpus/labels.tsv; no
third-party source is kept in this repository. This script downloads the sdists into a directory outside
the repository, unpacks their corpus directories, runs an llmlint binary with `--format json` on each, and
compares the findings with the labels by (path, line of the called name).

    python3 Benchmarks/real_corpus.py --llmlint .build-rel/release/llmlint /tmp/llmlint-corpus

Labels (tab-separated: package, version, path relative to the sdist root, line, must_report, note):
  yes     a request to a model API (costs tokens): a finding is expected; none is a miss (FN)
  no      a look-alike noticed while labelling: a finding there is a false alarm (FP)
  either  a grey case (e.g. posting tool results into a running agent session): not counted either way
Every finding on a line not labelled yes or either counts as a false alarm, labelled or not.

Python standard library only; needs `pip` for the downloads (already downloaded sdists are reused).
Not run in CI: it needs the network the first time.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = os.path.join(HERE, "corpus", "labels.tsv")

# package -> (version, sdist file-name stem, the directories of example code inside the sdist root)
CORPUS = {
    "openai": ("3.60.0", "openai-3.60.0", ["examples"]),
    "anthropic": ("2.16.0", "anthropic-2.16.0", ["examples"]),
    "instructor": ("1.17.0", "instructor-1.17.0", ["examples"]),
    "azure-ai-inference": ("1.0.0b9", "azure_ai_inference-1.0.0b9", ["samples"]),
    "groq": ("1.7.0", "groq-1.7.0", ["examples"]),
    "together": ("3.1.1", "together-3.1.1", ["examples"]),
    "ollama": ("0.6.3", "ollama-0.6.3", ["examples"]),
}


def read_labels(path):
    """{package: {(path, line): (must_report, note)}}; checks versions against CORPUS."""
    labels = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                sys.exit(f"{path}:{number}: expected 6 tab-separated fields, got {len(fields)}")
            package, version, rel, lineno, must, note = fields
            if package not in CORPUS or CORPUS[package][0] != version:
                sys.exit(f"{path}:{number}: {package} {version} is not a pinned corpus package")
            if must not in ("yes", "no", "either"):
                sys.exit(f"{path}:{number}: must_report must be yes, no or either, not {must!r}")
            key = (rel, int(lineno))
            if key in labels[package]:
                sys.exit(f"{path}:{number}: {rel}:{lineno} labelled twice")
            labels[package][key] = (must, note)
    return labels


def fetch(package, version, stem, workdir):
    """The sdist of package==version in workdir/sdists (downloaded once)."""
    sdists = os.path.join(workdir, "sdists")
    os.makedirs(sdists, exist_ok=True)
    for name in os.listdir(sdists):
        if name.startswith(stem) and name.endswith((".tar.gz", ".zip")):
            return os.path.join(sdists, name)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
         f"{package}=={version}", "-d", sdists],
        check=True,
    )
    for name in os.listdir(sdists):
        if name.startswith(stem) and name.endswith((".tar.gz", ".zip")):
            return os.path.join(sdists, name)
    sys.exit(f"no sdist {stem} after downloading {package}=={version}")


def unpack(archive, stem, dirs, workdir):
    """Extracts the corpus directories of the sdist to workdir/src/STEM; returns that root and the .py count."""
    root = os.path.join(workdir, "src", stem)
    prefixes = tuple(f"{stem}/{d}/" for d in dirs)
    count = 0
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.startswith(prefixes)]
        for member in members:
            target = os.path.join(workdir, "src", member.name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                dst.write(src.read())
            count += member.name.endswith(".py")
    return root, count


def findings(llmlint, root, dirs):
    """{(path, line): [rule, ...]} of `llmlint --format json` run in root on the corpus directories."""
    result = subprocess.run(
        [llmlint, "--no-cache", "--format", "json", "--quiet", "--", *dirs],
        cwd=root, capture_output=True, text=True,
    )
    if result.returncode not in (0, 1):
        sys.exit(f"llmlint failed in {root} ({result.returncode}): {result.stderr}")
    found = collections.defaultdict(list)
    for item in json.loads(result.stdout or "[]"):
        found[(item["path"], item["line"])].append(item["rule"])
    return found


def ratio(a, b):
    return a / b if b else 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workdir", help="where sdists are downloaded and unpacked (outside the repository)")
    parser.add_argument("--llmlint", default=".build-rel/release/llmlint", help="the llmlint binary to run")
    parser.add_argument("--labels", default=LABELS)
    args = parser.parse_args()
    llmlint = os.path.abspath(args.llmlint)
    workdir = os.path.abspath(args.workdir)
    repo = os.path.dirname(HERE)
    if os.path.commonpath([workdir, repo]) == repo:
        sys.exit("the work directory must be outside the repository")
    labels = read_labels(args.labels)

    totals = collections.Counter()
    rows = []
    misses = []
    alarms = []
    for package, (version, stem, dirs) in CORPUS.items():
        archive = fetch(package, version, stem, workdir)
        root, files = unpack(archive, stem, dirs, workdir)
        found = findings(llmlint, root, dirs)
        want = labels.get(package, {})
        yes = {k for k, (m, _) in want.items() if m == "yes"}
        either = {k for k, (m, _) in want.items() if m == "either"}
        tp = len(yes & found.keys())
        fn = sorted(yes - found.keys())
        fp = sorted(k for k in found if k not in yes and k not in either)
        for key in fn:
            misses.append(f"  {package}: {key[0]}:{key[1]}  {want[key][1]}")
        for key in fp:
            what = want.get(key, ("unlabelled", ""))
            alarms.append(f"  {package}: {key[0]}:{key[1]}  {','.join(found[key])}  [{what[0]}] {what[1]}")
        no = {k for k, (m, _) in want.items() if m == "no"}
        counts = {"files": files, "labels": len(yes), "TP": tp, "FN": len(fn), "FP": len(fp),
                  "lookalikes": len(no), "lookalike_hits": len(no & found.keys()),
                  "grey": len(either), "grey_hits": len(either & found.keys())}
        totals.update(counts)
        rows.append((f"{package}=={version}", counts))
    rows.append(("total", totals))

    print(f"{'package':28} {'files':>5} {'calls':>5} {'TP':>4} {'FN':>4} {'FP':>4} {'precision':>9} {'recall':>7}")
    for name, c in rows:
        precision = ratio(c["TP"], c["TP"] + c["FP"])
        recall = ratio(c["TP"], c["TP"] + c["FN"])
        print(f"{name:28} {c['files']:5} {c['labels']:5} {c['TP']:4} {c['FN']:4} {c['FP']:4} "
              f"{precision:9.3f} {recall:7.3f}")
    print(f"\nlook-alikes labelled no: {totals['lookalikes']}, with a finding: {totals['lookalike_hits']}; "
          f"grey lines (either, not counted): {totals['grey']}, with a finding: {totals['grey_hits']}")
    print(f"\nmisses (labelled yes, no finding): {len(misses)}")
    print("\n".join(misses))
    print(f"\nfalse alarms (a finding on a line not labelled yes): {len(alarms)}")
    print("\n".join(alarms))


if __name__ == "__main__":
    main()
