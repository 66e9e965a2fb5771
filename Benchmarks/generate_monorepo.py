#!/usr/bin/env python3
"""Generates a monorepo of Python and Swift files for the benchmark (deterministic for a seed).

    generate_monorepo.py OUTDIR [--files N] [--seed S]

About 70% Python and 30% Swift files, spread over services/*/ packages, of realistic shape: imports,
classes, functions, docstrings, comments, strings, and ordinary calls whose names collide with the rules'
callee names (`parser.parse(...)`, `Model.objects.create(...)`, `stream(...)`), so that a prefilter has
real work to do. One file in 64 holds LLM calls: untracked ones (findings), tracked ones (in
`with tracker.track_llm_call(...)`, under `@track_llm_call(...)`, in `trackLLMCall { }`), and ones in
comments and strings (no finding). Writes OUTDIR/EXPECTED with the number of untracked calls.
"""
import argparse
import os
import random

WORDS = ("user account order invoice payment session token cache queue event record item report metric "
         "config request response handler worker client server router model schema field value index "
         "batch stream buffer parser loader writer reader manager service adapter provider registry").split()


def name(rng, parts=2):
    return "_".join(rng.choice(WORDS) for _ in range(parts))


def camel(rng, parts=2):
    words = [rng.choice(WORDS) for _ in range(parts)]
    return words[0] + "".join(w.capitalize() for w in words[1:])


def python_function(rng, indent=""):
    fn = name(rng, rng.randint(1, 3))
    args = ", ".join(name(rng, 1) for _ in range(rng.randint(0, 3)))
    lines = [f"{indent}def {fn}(self{', ' if args else ''}{args}):",
             f'{indent}    """{rng.choice(WORDS).capitalize()} the {name(rng)} and return the {name(rng)}.',
             f"{indent}",
             f"{indent}    Raises ValueError when the {rng.choice(WORDS)} is missing; see create() and parse().",
             f'{indent}    """']
    for _ in range(rng.randint(3, 14)):
        kind = rng.random()
        var = name(rng, 1)
        if kind < 0.2:
            lines.append(f"{indent}    {var} = self.{name(rng, 1)}.{rng.choice(['get', 'parse', 'create', 'stream', 'update', 'load'])}({name(rng, 1)}, {rng.randint(0, 999)})")
        elif kind < 0.35:
            lines.append(f"{indent}    # {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}: keep the {name(rng)} in sync")
        elif kind < 0.5:
            lines.append(f"{indent}    if {var} is None or len({var}) > {rng.randint(1, 100)}:")
            lines.append(f"{indent}        raise ValueError(f\"bad {{{var}!r}} for {name(rng)}\")")
        elif kind < 0.6:
            lines.append(f"{indent}    {var} = [{name(rng, 1)}.{name(rng, 1)} for {name(rng, 1)} in self.{name(rng, 1)} if {name(rng, 1)}]")
        elif kind < 0.7:
            lines.append(f"{indent}    logger.info(\"%s {rng.choice(WORDS)} %d\", {var}, {rng.randint(0, 99)})")
        elif kind < 0.8:
            lines.append(f"{indent}    {var} = {{\"{rng.choice(WORDS)}\": {rng.random():.4f}, \"{rng.choice(WORDS)}\": '{name(rng)}'}}")
        else:
            lines.append(f"{indent}    {var} = Model.objects.create({name(rng, 1)}={name(rng, 1)}, {name(rng, 1)}=True)")
    lines.append(f"{indent}    return {name(rng, 1)}")
    lines.append("")
    return lines


def python_file(rng, llm):
    lines = [f'"""The {name(rng)} module of the {rng.choice(WORDS)} service."""', "",
             "import logging", "import os", f"from typing import Any, Optional", ""]
    expected = 0
    if llm:
        lines += ["import anthropic", "from openai import OpenAI", "from litellm import completion as ask",
                  "from usage import tracker, track_llm_call", ""]
    lines += ["logger = logging.getLogger(__name__)", ""]
    for _ in range(rng.randint(1, 3)):
        lines.append(f"class {camel(rng).capitalize()}:")
        lines.append(f'    """A {name(rng)} {rng.choice(WORDS)}."""')
        lines.append("")
        for _ in range(rng.randint(1, 5)):
            lines += python_function(rng, "    ")
        if llm:
            kind = rng.randrange(8)
            if kind == 0:
                lines += ["    async def ask_model(self, prompt):",
                          "        completion = await self.openai_client.chat.completions.create(",
                          "            model=self.model, messages=[{\"role\": \"user\", \"content\": prompt}])",
                          "        return completion", ""]
                expected += 1
            elif kind == 1:
                lines += ["    async def ask_tracked(self, prompt):",
                          "        async with self.llm_usage_tracker.track_llm_call(provider=\"openai\", model=self.model) as usage:",
                          "            completion = await self.openai_client.chat.completions.create(model=self.model, messages=prompt)",
                          "            usage.input_tokens = completion.usage.prompt_tokens",
                          "        return completion", ""]
            elif kind == 2:
                lines += ["    def summarize(self, text):",
                          "        message = self.anthropic.messages.create(model=\"claude\", max_tokens=512,",
                          "                                                 messages=[{\"role\": \"user\", \"content\": text}])",
                          "        return message.content", ""]
                expected += 1
            elif kind == 3:
                lines += ["    @track_llm_call(provider=\"anthropic\")",
                          "    def summarize_tracked(self, text):",
                          "        return self.anthropic.messages.create(model=\"claude\", messages=text)", ""]
            elif kind == 4:
                lines += ["    def route(self, prompt):",
                          "        return ask(model=\"gpt-4o\", messages=prompt)", ""]
                expected += 1
            elif kind == 5:
                lines += ["    def embed(self, texts):",
                          "        # Old: self.client.embeddings.create(input=texts)  (a comment, not a call)",
                          "        note = \"call client.chat.completions.create(...) inside track_llm_call\"",
                          "        vectors = self.client \\",
                          "            .embeddings \\",
                          "            .create(input=texts, model=\"text-embedding-3-small\")",
                          "        return vectors", ""]
                expected += 1
            elif kind == 6:
                lines += ["    def stream_reply(self, prompt):",
                          "        with tracker.track_llm_call(provider=\"openai\"):",
                          "            for event in self.client.responses.stream(model=\"gpt-4o\", input=prompt):",
                          "                yield event", ""]
            else:
                lines += ["    def reply(self, prompt):",
                          "        return self.client.responses.create(model=\"gpt-4o\", input=prompt)", ""]
                expected += 1
    for _ in range(rng.randint(0, 3)):
        lines += [l[4:] if l.startswith("    ") else l for l in python_function(rng, "    ")]
    return "\n".join(lines) + "\n", expected


def swift_function(rng):
    fn = camel(rng, rng.randint(1, 3))
    lines = [f"  /// {rng.choice(WORDS).capitalize()}s the {name(rng)}; see `create()` and `parse(_:)`.",
             f"  func {fn}(_ {camel(rng, 1)}: String, {camel(rng, 1)}: Int = {rng.randint(0, 9)}) throws -> [String: Any] {{"]
    for _ in range(rng.randint(3, 12)):
        kind = rng.random()
        var = camel(rng, 2)
        if kind < 0.25:
            lines.append(f"    let {var} = try {camel(rng, 1)}.{rng.choice(['parse', 'create', 'load', 'stream', 'decode'])}({camel(rng, 1)}, count: {rng.randint(0, 99)})")
        elif kind < 0.4:
            lines.append(f"    // {rng.choice(WORDS)} {rng.choice(WORDS)}: the {name(rng)} must stay sorted")
        elif kind < 0.6:
            lines.append(f"    guard let {var} = {camel(rng, 1)}[\"{rng.choice(WORDS)}\"] as? String else {{ throw {camel(rng).capitalize()}Error.missing(\"\\({camel(rng, 1)})\") }}")
        elif kind < 0.8:
            lines.append(f"    let {var} = {camel(rng, 1)}.map {{ $0.{camel(rng, 1)} }}.filter {{ !$0.isEmpty }}")
        else:
            lines.append(f"    print(\"{rng.choice(WORDS)}: \\({camel(rng, 1)}) \\({rng.randint(0, 99)})\")")
    lines.append(f"    return [\"{rng.choice(WORDS)}\": {camel(rng, 1)}]")
    lines.append("  }")
    lines.append("")
    return lines


def swift_file(rng, llm):
    lines = ["import Foundation"]
    expected = 0
    if llm:
        lines.append("import OpenAI")
    lines.append("")
    for _ in range(rng.randint(1, 3)):
        lines.append(f"final class {camel(rng).capitalize()}{rng.choice(['Service', 'Store', 'Controller'])} {{")
        lines.append(f"  private let {camel(rng)}: [String] = []")
        lines.append("")
        for _ in range(rng.randint(1, 5)):
            lines += swift_function(rng)
        if llm:
            kind = rng.randrange(3)
            if kind == 0:
                lines += ["  func ask(_ query: ChatQuery) async throws -> ChatResult {",
                          "    try await openAI.chats(query: query)", "  }", ""]
                expected += 1
            elif kind == 1:
                lines += ["  func askTracked(_ query: ChatQuery) async throws -> ChatResult {",
                          "    try await usage.trackLLMCall(provider: \"openai\") {",
                          "      try await openAI.chats(query: query)", "    }", "  }", ""]
            else:
                lines += ["  func embed(_ query: EmbeddingsQuery) async throws -> EmbeddingsResult {",
                          "    // openAI.chats(query: q) is tracked elsewhere",
                          "    return try await openAI",
                          "      .embeddings(query: query)", "  }", ""]
                expected += 1
        lines.append("}")
        lines.append("")
    return "\n".join(lines) + "\n", expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    expected = 0
    services = max(1, args.files // 400)
    for index in range(args.files):
        service = f"services/{WORDS[index % len(WORDS)]}_{index % services}"
        package = f"{service}/{rng.choice(WORDS)}"
        llm = index % 64 == 7
        if rng.random() < 0.7:
            text, count = python_file(rng, llm)
            path = f"{args.out}/{package}/{name(rng)}_{index}.py"
        else:
            text, count = swift_file(rng, llm)
            path = f"{args.out}/{service}/Sources/{camel(rng).capitalize()}{index}.swift"
        expected += count
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(f"{args.out}/EXPECTED", "w") as f:
        f.write(f"{expected}\n")
    print(f"{args.files} files, {expected} untracked LLM calls expected")


if __name__ == "__main__":
    main()
