#!/usr/bin/env python3
"""The hand-written pre-commit check llmlint replaces: walk the tree, read each Python and Swift file line by
line, match the call patterns with `re`, and skip lines inside a tracked block the way such scripts do (by
indentation after a `with ... track_llm_call` line or an `@track_llm_call` decorator in Python; between a
`trackLLMCall {` line and its closing brace count in Swift) and whole-line comments.

    regex_lint.py PATTERNS.json PATH...

Prints `path:line: direct LLM call` for each hit and `N findings` on stderr. Exit status 0.
"""
import json
import os
import re
import sys

SKIP = {".git", ".hg", ".svn", ".build", ".swiftpm", "node_modules", "__pycache__", ".tox", ".venv", "venv",
        "site-packages", "DerivedData", "Pods"}


def files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIP)
            for name in sorted(names):
                if name.endswith((".py", ".pyi", ".swift")):
                    yield os.path.join(root, name)


def indent(line):
    return len(line) - len(line.lstrip(" \t"))


def scan_python(path, regex, out):
    count = 0
    tracked_at = None  # indentation of the tracking statement while inside its block
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if not stripped:
                continue
            if tracked_at is not None and indent(line) <= tracked_at and not stripped.startswith(("@", ")")):
                tracked_at = None
            if stripped.startswith("#"):
                continue
            if tracked_at is None and "track_llm_call" in line and (
                    stripped.startswith(("with ", "async with ", "@"))):
                tracked_at = indent(line)
                continue
            if tracked_at is None and regex.search(line):
                out.append(f"{path}:{number}: direct LLM call\n")
                count += 1
    return count


def scan_swift(path, regex, out):
    count = 0
    depth = None  # brace depth of a trackLLMCall closure while inside it
    level = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped.startswith("//"):
                continue
            if depth is None and "trackLLMCall" in line and "{" in line:
                depth = level
            elif depth is None and regex.search(line):
                out.append(f"{path}:{number}: direct LLM call\n")
                count += 1
            level += line.count("{") - line.count("}")
            if depth is not None and level <= depth:
                depth = None
    return count


def main():
    with open(sys.argv[1]) as f:
        table = json.load(f)
    python = re.compile("|".join(table["python"]))
    swift = re.compile("|".join(table["swift"]))
    out = []
    total = 0
    for path in files(sys.argv[2:]):
        try:
            if path.endswith(".swift"):
                total += scan_swift(path, swift, out)
            else:
                total += scan_python(path, python, out)
        except OSError as error:
            print(f"{path}: {error}", file=sys.stderr)
    sys.stdout.write("".join(out))
    print(f"{total} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
