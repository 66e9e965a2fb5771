#!/usr/bin/env python3
"""Checks llmlint's findings on a dense tree against the generator's expectations.

    dense_check.py EXPECTED.json FINDINGS.json [--examples N] [--out SUMMARY.json] [--paths P ...]

FINDINGS.json is `llmlint --format json` run from the tree's root (paths relative to it). A finding
counts on (path, line). Prints recall (expected findings found) and precision (findings that are
expected), then the mismatches by scenario kind with a few examples each:
  missed        a call the expectations report that llmlint did not
  unexpected    a call the expectations do not report (a tracked one, by the rules) that llmlint reported
  unknown       a finding on no generated call at all (a generator or matcher problem)
--paths restricts both sides to these files (the staged files of a --staged run).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("expected")
    parser.add_argument("findings")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--out")
    parser.add_argument("--label", default="")
    parser.add_argument("--paths", nargs="*")
    args = parser.parse_args()
    calls = json.load(open(args.expected))["calls"]
    findings = json.load(open(args.findings))
    if isinstance(findings, dict):
        findings = findings.get("results", findings.get("findings", []))
    norm = lambda p: p[2:] if p.startswith("./") else p
    only = {norm(p) for p in args.paths} if args.paths is not None else None
    by_site = {(c["path"], c["line"]): c for c in calls if only is None or c["path"] in only}
    found = {}
    for f in findings:
        key = (norm(f["path"]), f["line"])
        if only is None or key[0] in only:
            found.setdefault(key, f)
    expected = {k for k, c in by_site.items() if c["reported"]}
    hits = expected & set(found)
    missed = sorted(expected - set(found))
    extra = sorted(set(found) - expected)
    unexpected = [k for k in extra if k in by_site]
    unknown = [k for k in extra if k not in by_site]
    recall = len(hits) / len(expected) if expected else 1.0
    precision = len(hits) / len(found) if found else 1.0
    label = f"{args.label}: " if args.label else ""
    print(f"{label}expected findings {len(expected)} (of {len(by_site)} generated calls), llmlint findings {len(found)}; "
          f"recall {recall:.3f} ({len(hits)}/{len(expected)}), precision {precision:.3f} ({len(hits)}/{len(found)}); "
          f"missed {len(missed)}, unexpected {len(unexpected)}, unknown {len(unknown)}")

    def group(keys, what):
        kinds = {}
        for k in keys:
            c = by_site.get(k)
            kinds.setdefault(f"{c['language']}:{c['kind']}" if c else "-", []).append(k)
        for kind, items in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            total = sum(1 for c in by_site.values() if f"{c['language']}:{c['kind']}" == kind)
            print(f"  {what:<10} {kind:<34} {len(items):>6} of {total}")
            for k in items[:args.examples]:
                c = by_site.get(k)
                detail = f"in {c['function']}()" if c and c["function"] else "module level" if c else found[k].get("rule", "")
                print(f"      {k[0]}:{k[1]}  {detail}")
        return {kind: len(items) for kind, items in kinds.items()}

    summary = {"expected": len(expected), "generated": len(by_site), "findings": len(found), "hits": len(hits),
               "recall": recall, "precision": precision,
               "missed": group(missed, "missed"), "unexpected": group(unexpected, "unexpected"),
               "unknown": group(unknown, "unknown")}
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(summary, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
