#!/usr/bin/env python3
"""Runs the composite action in action.yml here, as the GitHub runner would, to test its scripts.

    python3 .ci/run_action.py --input wheel=dist/x.whl --input paths=src --outputs out.json [--workdir DIR]
                              [--runner-temp DIR]

Each step runs like the runner runs a `shell: bash` step (`bash --noprofile --norc -eo pipefail FILE`),
in its working-directory (relative to --workdir, the job's workspace), with its `env`, GITHUB_OUTPUT (read
back into the step's outputs), RUNNER_TEMP (--runner-temp, else a temporary directory) and
GITHUB_ACTION_PATH (this checkout). Expressions in `env`, `working-directory` and the action's outputs
may name `inputs.X` (given, else the default), `steps.ID.outputs.Y` and `github.action_path`; anything
else is an error, so the action cannot come to depend on a context this runner does not provide. Exits
with the status of the first failing step, after writing the action's outputs (JSON) to --outputs.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def read_outputs(path):
    outputs, lines = {}, open(path, encoding="utf-8").read().splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            index += 1
            while lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        index += 1
    return outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--outputs", required=True)
    parser.add_argument("--workdir", default=os.getcwd())
    parser.add_argument("--runner-temp", help="RUNNER_TEMP, kept afterwards (default: a temporary directory)")
    args = parser.parse_args()
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    for item in args.input:
        name, value = item.split("=", 1)
        if name not in inputs:
            sys.exit(f"run_action: the action has no input '{name}'")
        inputs[name] = value
    steps = {}

    def evaluate(text):
        def one(match):
            expression = match.group(1)
            if m := re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expression):
                return inputs[m.group(1)]
            if m := re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expression):
                return steps.get(m.group(1), {}).get(m.group(2), "")
            if expression == "github.action_path":
                return ROOT
            raise SystemExit(f"run_action: cannot evaluate '${{{{ {expression} }}}}'")
        return EXPRESSION.sub(one, str(text))

    status = 0
    with tempfile.TemporaryDirectory(prefix="llmlint-action-") as temp:
        runner_temp = os.path.abspath(args.runner_temp) if args.runner_temp else os.path.join(temp, "runner-temp")
        os.makedirs(runner_temp, exist_ok=True)
        for number, step in enumerate(action["runs"]["steps"], 1):
            if step.get("shell") != "bash":
                raise SystemExit(f"run_action: step {number} is not a bash run step")
            script = os.path.join(temp, f"step{number}.sh")
            with open(script, "w", encoding="utf-8") as f:
                f.write(step["run"])
            output_file = os.path.join(temp, f"output{number}")
            open(output_file, "w").close()
            env = dict(os.environ)
            env.update({key: evaluate(value) for key, value in (step.get("env") or {}).items()})
            env.update({"GITHUB_OUTPUT": output_file, "RUNNER_TEMP": runner_temp, "GITHUB_ACTION_PATH": ROOT,
                        "GITHUB_ACTIONS": "true", "CI": "true"})
            cwd = os.path.join(args.workdir, evaluate(step.get("working-directory", ".")))
            print(f"run_action: step {number}: {step.get('name')}", flush=True)
            status = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=cwd, env=env)
            if "id" in step:
                steps[step["id"]] = read_outputs(output_file)
            if status != 0:
                print(f"run_action: step {number} exited {status}", flush=True)
                break
        outputs = {name: evaluate(spec["value"]) for name, spec in (action.get("outputs") or {}).items()}
        with open(args.outputs, "w", encoding="utf-8") as f:
            json.dump(outputs, f, indent=2)
    sys.exit(status)


if __name__ == "__main__":
    main()
