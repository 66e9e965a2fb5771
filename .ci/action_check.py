#!/usr/bin/env python3
"""Checks action.yml (the composite GitHub Action) and that the README shows the example workflow.

    python3 .ci/action_check.py [--shellcheck]      (needs PyYAML; .ci/actionlint.sh provides it)

action.yml: a name and a description; every input and output has a description; inputs' defaults are
strings; `runs.using` is composite with steps; every step has a name, and every `run` step a `shell`;
no `${{ }}` expression inside a `run` script (inputs reach scripts through `env`, so a path or an argument
cannot inject shell code); every `inputs.X` and `steps.ID.outputs.Y` an expression names exists, and
every input is used. With --shellcheck, each run script is checked with shellcheck for its shell.

README.md: the workflow under "### GitHub Actions" is examples/github-workflow.yml (without its leading
comment), and it uses the action.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
problems = []


def problem(text):
    problems.append(text)


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def check_action(shellcheck):
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    for key in ("name", "description"):
        if not isinstance(action.get(key), str) or not action[key].strip():
            problem(f"action.yml: no {key}")
    inputs = action.get("inputs") or {}
    outputs = action.get("outputs") or {}
    if not inputs:
        problem("action.yml: no inputs")
    for name, spec in inputs.items():
        if not isinstance(spec, dict) or not str(spec.get("description", "")).strip():
            problem(f"action.yml: input '{name}' has no description")
        elif "default" in spec and not isinstance(spec["default"], str):
            problem(f"action.yml: input '{name}' has a default that is not a string: {spec['default']!r}")
    for name, spec in outputs.items():
        if not isinstance(spec, dict) or not str(spec.get("description", "")).strip() or "value" not in spec:
            problem(f"action.yml: output '{name}' needs a description and a value (composite)")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problem(f"action.yml: runs.using is {runs.get('using')!r}, not 'composite'")
    steps = runs.get("steps") or []
    if not steps:
        problem("action.yml: runs.steps is empty")
    step_ids = {}
    for index, step in enumerate(steps, 1):
        label = f"action.yml: step {index} ({step.get('name', '?')})"
        if not step.get("name"):
            problem(f"{label}: no name")
        if ("run" in step) == ("uses" in step):
            problem(f"{label}: needs exactly one of run and uses")
        if "run" in step:
            if not step.get("shell"):
                problem(f"{label}: a run step without shell")
            if "${{" in step["run"]:
                problem(f"{label}: an expression inside the run script; pass it through env")
            if shellcheck and step.get("shell"):
                run_shellcheck(label, step["shell"], step["run"])
        if "id" in step:
            step_ids[step["id"]] = index
    used_inputs = set()
    for index, text in enumerate(strings_in({"runs": runs, "outputs": outputs})):
        for expression in EXPRESSION.findall(text):
            for name in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expression):
                used_inputs.add(name)
                if name not in inputs:
                    problem(f"action.yml: '${{{{{expression.strip()}}}}}' names the unknown input '{name}'")
            for step_id in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs\b", expression):
                if step_id not in step_ids:
                    problem(f"action.yml: '${{{{{expression.strip()}}}}}' names the unknown step id '{step_id}'")
    for name in inputs:
        if name not in used_inputs:
            problem(f"action.yml: input '{name}' is never used")
    return action


def run_shellcheck(label, shell, script):
    dialect = {"bash": "bash", "sh": "sh"}.get(shell.split()[0])
    if dialect is None:
        return
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
        f.write(script)
    try:
        result = subprocess.run(["shellcheck", "-s", dialect, "-S", "style", f.name], capture_output=True, text=True)
        if result.returncode != 0:
            problem(f"{label}: shellcheck:\n{result.stdout}{result.stderr}")
    finally:
        os.unlink(f.name)


def check_readme():
    with open(os.path.join(ROOT, "examples", "github-workflow.yml"), encoding="utf-8") as f:
        example = f.read()
    body = re.sub(r"\A(#[^\n]*\n)+", "", example)
    if "uses: YOUR-ORG/llmlint@" not in body:
        problem("examples/github-workflow.yml does not use the action (uses: YOUR-ORG/llmlint@...)")
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = re.search(r"^### GitHub Actions[^\n]*\n(.*?)(?=^#)", readme, re.S | re.M)
    if not section:
        problem("README.md: no '### GitHub Actions' section")
        return
    blocks = re.findall(r"^```yaml\n(.*?)^```", section.group(1), re.S | re.M)
    if body not in blocks:
        problem("README.md: the GitHub Actions workflow is not examples/github-workflow.yml (without its comment)")


def main():
    shellcheck = "--shellcheck" in sys.argv[1:]
    action = check_action(shellcheck)
    check_readme()
    if problems:
        for text in problems:
            print(f"action-check: {text}", file=sys.stderr)
        sys.exit(1)
    steps = action["runs"]["steps"]
    print(f"action.yml: {len(action['inputs'])} inputs, {len(action.get('outputs') or {})} outputs, "
          f"{len(steps)} composite steps, each run step with a shell{' and shellcheck-clean' if shellcheck else ''}; "
          "README shows examples/github-workflow.yml")


if __name__ == "__main__":
    main()
