#!/usr/bin/env python3
"""Generates a DENSE tree of Python and Swift files for the benchmark, with its expected verdicts.

    generate_dense.py OUTDIR [--files N] [--seed S] [--expect PATH]

The other shape of tree (generate_monorepo.py has few LLM calls, few names, small files): about 65% Python
and 35% Swift files, both in one tree under services/<service>/ (Python packages services/<s>/<pkg>/*.py,
one Swift module a service under services/<s>/Sources/<Module>/<group>/*.swift), of 3 to 85 KB (about
18 KB on average; the tree of issue 11 had 388 MB in 20,000 files). One file in eight defines several LLM helpers, each
with a name of its own (a word list and an index: thousands of distinct names), whose callers sit in other
files of the same directory, the same service or another one:

  direct      an SDK call in a function nobody calls (reported), in `with tracker.track_llm_call(...)`,
              `async with`, under `@track_llm_call(...)`, in a Swift `trackLLMCall { }` closure (not reported)
  import      a module-level helper imported with `from services.x.pkg.mod import helper` by callers in
              other modules: all tracked (not reported), some untracked (reported)
  self        `self.helper()` from a method of the same class, tracked or not
  ctor/annot  `obj = Cls(); obj.helper()` / `def f(obj: Cls)` in another file, in a tracked context
  chain       helper <- prepare_helper (another module, untracked itself) <- tracked callers (a third one)
  swift       methods through `self.` and global functions of the same module, constructor-bound and
              annotated receivers, all inside or outside `trackLLMCall { }`
  recursion   `def ask(...): try: return client...create(...) except Exception: return ask(...)` with no
              tracked entry (reported) or a tracked caller in another module (not reported)
  forwarder   `def transcribe(self, c, x): return c.transcribe(x)` beside the real `transcribe` (reported)
  unrelated   `Summarizer.run` with an SDK call and no caller vs `Job(items).run()` in a tracked context
              (reported)
  plain       files without any LLM call (most of them) naming helpers as attributes, keys and strings

Writes OUTDIR/EXPECTED.json (or --expect): every generated LLM call site, its path, line, whether it must
be reported, and why. A call must be reported unless it is lexically inside a tracked context or its
enclosing function is tracked through its callers: it has a call site resolving to it with evidence
(`self.m()` in its own class, a bare name defined in its module or imported from it with
`from M import name`, a receiver bound to its class by a constructor or an annotation) that is reachable
from a tracked context, and every call site that may reach it (one with evidence for it, or any call of
its name without evidence for another function) is inside a tracked context or a function that is
itself tracked. The generator computes that over its own model of the calls and checks it against the
verdict each scenario means to produce. Deterministic for a seed; Python standard library only.
"""
import argparse
import json
import math
import os
import random
import sys

VERBS = ("summarize draft condense translate extract rank label score rewrite explain answer tag review "
         "outline caption triage grade plan classify_as describe annotate critique polish digest").split()
NOUNS = ("ticket invoice thread memo review order report email note claim receipt contract policy lead "
         "message article comment incident alert transcript profile listing quote survey feedback "
         "release changelog recipe itinerary resume complaint").split()
WORDS = ("user account order invoice payment session token cache queue event record item report metric "
         "config response handler worker client server router model schema field value index "
         "buffer parser loader writer reader manager service adapter provider registry tenant region "
         "ledger cursor window shard bucket snapshot").split()
FILLER_VERBS = ("load save parse merge refresh validate render lookup encode decode apply reset flush "
                "normalize build fetch sync prune close resolve collect compute").split()
SERVICE_WORDS = ("billing ledger support search catalog identity checkout shipping pricing inbox "
                 "analytics notifications onboarding payments reviews reporting scheduling storage").split()
SWIFT_GROUPS = ("Clients", "Models", "Features", "Support")


def camel(snake):
    parts = snake.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def pascal(snake):
    return "".join(p[:1].upper() + p[1:] for p in snake.split("_"))


class Tag(str):
    """A line holding a generated LLM call: `call` is its index in Model.calls."""

    def __new__(cls, text, call):
        self = super().__new__(cls, text)
        self.call = call
        return self


class File:
    def __init__(self, index, path, language, module, service, directory, llm):
        self.index, self.path, self.language, self.module = index, path, language, module
        self.service, self.directory, self.llm = service, directory, llm
        self.blocks = []        # top-level blocks (lists of lines), in no particular order
        self.imports = set()    # Python: "from M import name" lines
        self.mentions = []      # helper names this file names as attributes, keys and strings
        self.sdk = llm          # Swift: imports OpenAI
        self.generics = set()   # the generic names (ask, run, transcribe) a scenario of this file took


class Model:
    """The generated functions, call sites and LLM calls, from which the expected verdicts follow."""

    def __init__(self):
        self.functions = []   # dict(language, name, path, cls)
        self.sites = []       # dict(language, name, enclosing, lex, evidence)
        self.calls = []       # dict(path, line, enclosing, lex, kind, intended, language, function)
        self.names = set()

    def function(self, language, name, path, cls=None, unique=True):
        if unique:
            key = (language, name)
            assert key not in self.names, f"name used twice: {name}"
            self.names.add(key)
        self.functions.append({"language": language, "name": name, "path": path, "cls": cls})
        return len(self.functions) - 1

    def site(self, language, name, enclosing, lex, evidence):
        self.sites.append({"language": language, "name": name, "enclosing": enclosing, "lex": lex,
                           "evidence": evidence})

    def call(self, text, path, enclosing, lex, kind, intended, language):
        self.calls.append({"path": path, "line": 0, "enclosing": enclosing, "lex": lex, "kind": kind,
                           "intended": intended, "language": language})
        return Tag(text, len(self.calls) - 1)

    def solve(self):
        """The functions tracked through their callers, by the rules in the module docstring."""
        by_name = {}
        for index, f in enumerate(self.functions):
            by_name.setdefault((f["language"], f["name"]), []).append(index)
        reach = {i: [] for i in range(len(self.functions))}       # sites that may reach a function
        evidenced = {i: [] for i in range(len(self.functions))}   # sites that resolve to it with evidence
        for s in self.sites:
            if s["evidence"] is not None:
                reach[s["evidence"]].append(s)
                evidenced[s["evidence"]].append(s)
            else:
                for target in by_name.get((s["language"], s["name"]), []):
                    reach[target].append(s)
        tracked = {i for i in reach if reach[i]}
        while True:
            changed = True
            while changed:   # every site that may reach it is tracked (greatest fixed point)
                changed = False
                for i in list(tracked):
                    if any(not s["lex"] and s["enclosing"] not in tracked for s in reach[i]):
                        tracked.discard(i)
                        changed = True
            entered = set()  # ... and a tracked context reaches it through evidence (least fixed point)
            changed = True
            while changed:
                changed = False
                for i in tracked - entered:
                    if any(s["lex"] or s["enclosing"] in entered for s in evidenced[i]):
                        entered.add(i)
                        changed = True
            if entered == tracked:
                return tracked
            tracked = entered


# ---------------------------------------------------------------- filler (plain code, no LLM call)

def py_filler_method(rng, indent="    "):
    fn = f"{rng.choice(FILLER_VERBS)}_{rng.choice(WORDS)}" + (f"_{rng.choice(WORDS)}" if rng.random() < 0.5 else "")
    params = ", ".join(rng.sample(WORDS, rng.randint(0, 3)))
    head = f"self, {params}" if params else "self"
    i1, i2 = indent + "    ", indent + "        "
    lines = [f"{indent}def {fn}({head}):",
              f'{i1}"""{rng.choice(FILLER_VERBS).capitalize()} the {rng.choice(WORDS)} {rng.choice(WORDS)} and return the {rng.choice(WORDS)}.',
              "",
              f"{i1}Raises ValueError when the {rng.choice(WORDS)} is missing; see create() and parse().",
              f'{i1}"""']
    variables = []
    for _ in range(rng.randint(6, 22)):
        v = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
        k = rng.random()
        if k < 0.12:
            lines.append(f"{i1}{v} = self.{rng.choice(WORDS)}_store.get({rng.choice(WORDS)!r}, {rng.randint(0, 999)})")
        elif k < 0.22:
            lines.append(f"{i1}{v} = self.{rng.choice(FILLER_VERBS)}_{rng.choice(WORDS)}({rng.choice(WORDS)}, limit={rng.randint(1, 500)})")
        elif k < 0.32:
            lines.append(f"{i1}# {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}: keep the {rng.choice(WORDS)} and the {rng.choice(WORDS)} in sync")
        elif k < 0.42:
            lines.append(f"{i1}if {v} is None or len({v}) > {rng.randint(1, 100)}:")
            lines.append(f'{i2}raise ValueError(f"bad {{{v}!r}} for {rng.choice(WORDS)} {rng.choice(WORDS)}")')
        elif k < 0.5:
            a, b = rng.choice(WORDS), rng.choice(WORDS)
            lines.append(f"{i1}{v} = [{a}.{b} for {a} in self.{rng.choice(WORDS)}_list if {a}.{rng.choice(WORDS)}]")
        elif k < 0.58:
            lines.append(f'{i1}logger.info("%s {rng.choice(WORDS)} %d", {rng.choice(WORDS)}, {rng.randint(0, 99)})')
        elif k < 0.65:
            lines.append(f'{i1}{v} = {{"{rng.choice(WORDS)}": {rng.random():.4f}, "{rng.choice(WORDS)}": "{rng.choice(WORDS)}_{rng.choice(WORDS)}"}}')
        elif k < 0.72:
            lines.append(f"{i1}{v} = Model.objects.create({rng.choice(WORDS)}={rng.choice(WORDS)}, active=True)")
        elif k < 0.78:
            lines.append(f"{i1}{v} = self.parser.parse({rng.choice(WORDS)}, strict={rng.choice(['True', 'False'])})")
        elif k < 0.86:
            item = rng.choice(WORDS)
            lines.append(f"{i1}for {item} in self.{rng.choice(WORDS)}_items:")
            lines.append(f"{i2}if not {item}.{rng.choice(WORDS)}:")
            lines.append(f"{i2}    continue")
            lines.append(f"{i2}self.{rng.choice(WORDS)}_counts[{item}.{rng.choice(WORDS)}] += {rng.randint(1, 9)}")
        elif k < 0.93:
            lines.append(f"{i1}try:")
            lines.append(f"{i2}{v} = json.loads(self.{rng.choice(WORDS)}_blob or \"{{}}\")")
            lines.append(f"{i1}except (KeyError, ValueError) as exc:")
            lines.append(f'{i2}logger.warning("cannot read the {rng.choice(WORDS)}: %s", exc)')
            lines.append(f"{i2}{v} = {{}}")
        else:
            lines.append(f'{i1}{v} = f"{{self.{rng.choice(WORDS)}}}/{rng.choice(WORDS)}/{{{rng.choice(WORDS)}}}"')
        variables.append(v)
    lines.append(f"{i1}return {rng.choice(variables)}")
    lines.append("")
    return "\n".join(lines) + "\n"


def swift_filler_method(rng):
    fn = rng.choice(FILLER_VERBS) + pascal(rng.choice(WORDS)) + (pascal(rng.choice(WORDS)) if rng.random() < 0.5 else "")
    lines = [f"  /// {rng.choice(FILLER_VERBS).capitalize()}s the {rng.choice(WORDS)} {rng.choice(WORDS)}; see `create()` and `parse(_:)`.",
             f"  func {fn}(_ {camel(rng.choice(WORDS))}: String, {camel(rng.choice(WORDS))}: Int = {rng.randint(0, 9)}) throws -> [String: Any] {{"]
    variables = []
    for _ in range(rng.randint(6, 20)):
        v = rng.choice(WORDS) + pascal(rng.choice(WORDS))
        k = rng.random()
        if k < 0.15:
            lines.append(f"    let {v} = try {rng.choice(WORDS)}Store.{rng.choice(['parse', 'create', 'load', 'decode', 'lookup'])}({rng.choice(WORDS)}, count: {rng.randint(0, 99)})")
        elif k < 0.27:
            lines.append(f"    // {rng.choice(WORDS)} {rng.choice(WORDS)}: the {rng.choice(WORDS)} {rng.choice(WORDS)} must stay sorted")
        elif k < 0.42:
            lines.append(f"    guard let {v} = {rng.choice(WORDS)}Table[\"{rng.choice(WORDS)}\"] as? String else {{ throw {pascal(rng.choice(WORDS))}Error.missing(\"\\({rng.choice(WORDS)}Key)\") }}")
        elif k < 0.55:
            lines.append(f"    let {v} = {rng.choice(WORDS)}List.map {{ $0.{rng.choice(WORDS)} }}.filter {{ !$0.isEmpty }}")
        elif k < 0.65:
            lines.append(f"    print(\"{rng.choice(WORDS)}: \\({rng.choice(WORDS)}Count) \\({rng.randint(0, 99)})\")")
        elif k < 0.75:
            lines.append(f"    var {v} = 0")
            lines.append(f"    for item in {rng.choice(WORDS)}List where !item.isEmpty {{")
            lines.append(f"      {v} += item.count")
            lines.append("    }")
        elif k < 0.85:
            lines.append(f"    let {v} = try JSONDecoder().decode([String: String].self, from: {rng.choice(WORDS)}Data)")
        elif k < 0.93:
            lines.append(f"    if {rng.choice(WORDS)}Count > {rng.randint(1, 500)} {{")
            lines.append(f"      throw {pascal(rng.choice(WORDS))}Error.tooLarge({rng.randint(1, 500)})")
            lines.append("    }")
            continue
        else:
            lines.append(f"    let {v} = self.{rng.choice(FILLER_VERBS)}{pascal(rng.choice(WORDS))}(\"{rng.choice(WORDS)}\")")
        variables.append(v)
    lines.append(f"    return [\"{rng.choice(WORDS)}\": {rng.choice(variables) if variables else '0'}]")
    lines.append("  }")
    lines.append("")
    return "\n".join(lines) + "\n"


class Filler:
    """Pools of plain methods, drawn per file (generating every line of a few GB afresh would be slow)."""

    def __init__(self, seed):
        rng = random.Random(seed ^ 0x5EED)
        self.py = [py_filler_method(rng) for _ in range(1500)]
        self.swift = [swift_filler_method(rng) for _ in range(1500)]

    def py_block(self, rng, file_index):
        if rng.random() < 0.25:   # a module-level function: the pooled method, dedented
            text = rng.choice(self.py).replace("(self, ", "(", 1).replace("(self)", "()", 1).replace("self.", "state.")
            return [line[4:] if line.startswith("    ") else line for line in text.rstrip("\n").split("\n")] + [""]
        name = pascal(rng.choice(WORDS)) + pascal(rng.choice(WORDS)) + rng.choice(["Manager", "Store", "View", "Service", ""])
        lines = [f"class {name}{file_index % 97}:", f'    """A {rng.choice(WORDS)} {rng.choice(WORDS)} of the {rng.choice(WORDS)} service."""', "",
                 "    def __init__(self, store, parser=None):", "        self.store = store",
                 "        self.parser = parser or Parser()", ""]
        for _ in range(rng.randint(2, 7)):
            lines += rng.choice(self.py).rstrip("\n").split("\n") + [""]
        return lines

    def swift_block(self, rng, file_index):
        kind = rng.choice(["final class", "struct", "final class"])
        name = pascal(rng.choice(WORDS)) + pascal(rng.choice(WORDS)) + rng.choice(["Store", "Controller", "Service", "Model"])
        lines = [f"{kind} {name}{file_index % 97} {{", f"  private let {rng.choice(WORDS)}Table: [String: Any] = [:]",
                 f"  private let {rng.choice(WORDS)}List: [String] = []", ""]
        for _ in range(rng.randint(2, 6)):
            lines += rng.choice(self.swift).rstrip("\n").split("\n")
        lines += ["}", ""]
        return lines


# ---------------------------------------------------------------- the LLM scenarios

PY_SDK = [  # (text with {c} for the client expression, async-capable)
    'completion = {c}.chat.completions.create(model=model, messages=messages, temperature=0.2)',
    'completion = {c}.responses.create(model=model, input=messages)',
    'completion = claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=1024, messages=messages)',
    'completion = litellm.completion(model=model, messages=messages)',
    'completion = {c}.embeddings.create(model="text-embedding-3-small", input=[str(m) for m in messages])',
    'completion = {c}.audio.transcriptions.create(model="whisper-1", file=messages[-1]["content"])',
]
SWIFT_SDK = [
    "return try await openAI.chats(query: query)",
    "return try await openAI.chats(query: query)",
    "return try await openAI.responses.createResponse(query: CreateModelResponseQuery(input: .textInput(text), model: \"gpt-4.1\"))",
    "return try await openAI.embeddings(query: EmbeddingsQuery(input: .string(text), model: .textEmbedding3Small))",
]


class Generator:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.model = Model()
        self.files = []
        self.k = 0

    # ------------------------------------------------------------ layout
    def plan(self):
        rng, n = self.rng, self.args.files
        services = max(3, n // 400)
        self.by_service = {}
        for s in range(services):
            name = f"{SERVICE_WORDS[s % len(SERVICE_WORDS)]}_{s}"
            packages = rng.sample(WORDS, 6)
            self.by_service[name] = {"packages": packages, "python": [], "swift": [], "module": pascal(name.split("_")[0]) + f"Kit{s}"}
        names = list(self.by_service)
        for i in range(n):
            service = names[i * services // n]
            info = self.by_service[service]
            llm = rng.random() < 0.125
            if rng.random() < 0.65:
                package = rng.choice(info["packages"])
                stem = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{i}"
                directory = f"services/{service}/{package}"
                path = f"{directory}/{stem}.py"
                f = File(i, path, "python", path[:-3].replace("/", "."), service, directory, llm)
                info["python"].append(f)
            else:
                group = rng.choice(SWIFT_GROUPS)
                directory = f"services/{service}/Sources/{info['module']}/{group}"
                path = f"{directory}/{pascal(rng.choice(WORDS))}{pascal(rng.choice(WORDS))}{i}.swift"
                f = File(i, path, "swift", info["module"], service, directory, llm)
                info["swift"].append(f)
            self.files.append(f)
        self.by_directory = {}
        for f in self.files:
            self.by_directory.setdefault(f.directory, []).append(f)

    def other_file(self, home):
        """A file for a caller: the same directory, another one of the service, or (Python) another service."""
        rng = self.rng
        info = self.by_service[home.service]
        if home.language == "swift":   # callers of Swift functions stay in their module
            pool = [f for f in self.by_directory[home.directory] if f is not home] if rng.random() < 0.5 else []
            pool = pool or [f for f in info["swift"] if f is not home]
            return rng.choice(pool) if pool else home
        r = rng.random()
        if r < 0.1:
            return home
        if r < 0.45:
            pool = [f for f in self.by_directory[home.directory] if f is not home]
        elif r < 0.75:
            pool = [f for f in info["python"] if f is not home]
        else:
            service = rng.choice(list(self.by_service))
            pool = [f for f in self.by_service[service]["python"] if f is not home]
        if not pool:
            pool = [f for f in info["python"] if f is not home]
        return rng.choice(pool) if pool else home

    def importing(self, caller, home, name):
        if caller is not home:
            caller.imports.add(f"from {home.module} import {name}")

    def name(self, generic=None, home=None):
        self.k += 1
        if generic and self.rng.random() < 0.25 and generic not in home.generics:
            home.generics.add(generic)
            return generic, self.k
        return f"{self.rng.choice(VERBS)}_{self.rng.choice(NOUNS)}_{self.k}", self.k

    # ------------------------------------------------------------ Python pieces
    def py_helper(self, home, name, kind, intended, cls=None, is_async=False, decorator=False, lex=False,
                  with_async=False, extra=None, unique=True):
        """A function (module-level, or a method when cls is given) holding one SDK call; returns (id, lines)."""
        rng = self.rng
        ind = "    " if cls else ""
        fid = self.model.function("python", name, home.path, cls, unique=unique)
        client = "self.client" if cls else ("async_client" if is_async else "client")
        sdk = rng.choice(PY_SDK).format(c=client)
        if is_async:
            sdk = sdk.replace("= ", "= await ", 1)
            if "litellm.completion" in sdk:
                sdk = sdk.replace("litellm.completion", "litellm.acompletion")
            if "claude.messages" in sdk:
                sdk = sdk.replace("claude.messages", "async_claude.messages")
        params = ("self, " if cls else "") + "payload, model=DEFAULT_MODEL" + (", attempts=3" if extra == "retry" else "")
        noun = name.split("_")[1] if name.count("_") >= 2 else "note"
        lines = []
        if decorator:
            lines.append(f'{ind}@track_llm_call(provider="openai", model=DEFAULT_MODEL, feature_context="{name}")')
        lines += [f"{ind}{'async ' if is_async else ''}def {name}({params}):",
                  f'{ind}    """{name.replace("_", " ").capitalize()}: one model call for the {noun} pipeline."""',
                  f'{ind}    messages = [{{"role": "system", "content": PROMPTS.get("{noun}", "")}}, {{"role": "user", "content": payload}}]']
        body = ind + "    "
        if lex:
            wctx = "self.tracker" if cls else "default_tracker"
            lines.append(f'{body}{"async " if with_async else ""}with {wctx}.track_llm_call(provider="openai", model=model, feature_context="{name}") as usage:')
            lines.append(self.model.call(f"{body}    {sdk}", home.path, fid, True, kind, False, "python"))
            lines.append(f"{body}    usage.input_tokens = getattr(completion, \"usage\", None) and completion.usage.prompt_tokens")
        elif extra == "retry":
            recurse = f"self.{name}" if cls else name
            lines.append(f"{body}try:")
            lines.append(self.model.call(f"{body}    {sdk}", home.path, fid, False, kind, intended, "python"))
            lines.append(f"{body}except Exception:")
            lines.append(f"{body}    if attempts <= 0:")
            lines.append(f"{body}        raise")
            lines.append(f'{body}    logger.warning("{name}: retrying, %d attempts left", attempts)')
            lines.append(f"{body}    return {'await ' if is_async else ''}{recurse}(payload, model, attempts - 1)")
            self.model.site("python", name, fid, False, fid)
        else:
            lines.append(self.model.call(f"{body}{sdk}", home.path, fid, decorator, kind, intended if not decorator else False, "python"))
        lines.append(f'{body}logger.info("{name}: %s", model)')
        lines.append(f"{body}return completion")
        lines.append("")
        return fid, lines

    def py_caller(self, caller, callee, expr, tracked, is_async=False, decorated=False, evidence=None, prefix="handle"):
        """A module-level function of `caller` calling `expr` (which names `callee`), tracked or not."""
        rng = self.rng
        self.k += 1
        fname = f"{prefix}_{callee}_{self.k}"
        fid = self.model.function("python", fname, caller.path)
        aw = "await " if is_async else ""
        de = "async def" if is_async else "def"
        lines = []
        if decorated:
            lines.append(f'@track_llm_call(provider="openai", feature_context="{callee}")')
            caller.imports.add("from usage import track_llm_call")
        lines += [f"{de} {fname}(tracker, payload):",
                  f'    """Run {callee} for one {rng.choice(WORDS)} of the {rng.choice(WORDS)} queue."""']
        setup, call = expr
        lines += [f"    {s}" for s in setup]
        if tracked and not decorated:
            lines.append(f'    {"async " if is_async else ""}with tracker.track_llm_call(provider="openai", model="gpt-4o-mini", feature_context="{callee}"):')
            lines.append(f"        result = {aw}{call}")
        else:
            lines.append(f"    result = {aw}{call}")
        lines += [f'    logger.debug("{fname} done")', "    return result", ""]
        self.model.site("python", callee, fid, tracked, evidence)
        caller.blocks.append(lines)
        return fid

    def py_class(self, name, methods, doc):
        lines = [f"class {name}:", f'    """{doc}"""', "",
                 "    def __init__(self, client=None, tracker=None):",
                 "        self.client = client or OpenAI()",
                 "        self.async_client = AsyncOpenAI()",
                 "        self.tracker = tracker or default_tracker", ""]
        for m in methods:
            lines += m
        return lines

    def scenario_python(self, home, kind):
        rng, m = self.rng, self.model
        home.imports.add("from usage import tracker as default_tracker")
        if kind == "direct_untracked":
            name, _ = self.name()
            _, lines = self.py_helper(home, name, kind, True, is_async=rng.random() < 0.3)
            home.blocks.append(lines)
        elif kind == "direct_tracked_with":
            name, _ = self.name()
            is_async = rng.random() < 0.4
            if rng.random() < 0.5:
                cls = pascal(name)
                _, method = self.py_helper(home, name, kind, False, cls=cls, is_async=is_async, lex=True, with_async=is_async)
                home.blocks.append(self.py_class(cls, [method], f"Tracked calls for {name}."))
            else:
                _, lines = self.py_helper(home, name, kind, False, is_async=is_async, lex=True, with_async=is_async)
                home.blocks.append(lines)
        elif kind == "direct_tracked_decorator":
            name, _ = self.name()
            home.imports.add("from usage import track_llm_call")
            _, lines = self.py_helper(home, name, kind, False, is_async=rng.random() < 0.3, decorator=True)
            home.blocks.append(lines)
        elif kind in ("import_tracked", "import_mixed", "import_untracked", "decorated_caller"):
            name, _ = self.name()
            is_async = rng.random() < 0.3
            intended = kind != "import_tracked" and kind != "decorated_caller"
            fid, lines = self.py_helper(home, name, kind, intended, is_async=is_async)
            home.blocks.append(lines)
            count = rng.randint(1, 3)
            plan = [True] * count
            if kind == "import_mixed":
                plan.append(False)
            elif kind == "import_untracked":
                plan = [False] * count
            for tracked in plan:
                caller = self.other_file(home)
                self.importing(caller, home, name)
                self.py_caller(caller, name, ([], f"{name}(payload)"), tracked, is_async=is_async,
                               decorated=tracked and kind == "decorated_caller", evidence=fid,
                               prefix=rng.choice(["handle", "run", "nightly", "process"]))
        elif kind in ("self_tracked", "self_mixed"):
            name, k = self.name()
            cls = pascal(name.rsplit("_", 1)[0]) + f"Desk{k}"
            helper = f"_{name}"
            fid, method = self.py_helper(home, helper, kind, kind == "self_mixed", cls=cls)
            callers = []
            for tracked in ([True] if kind == "self_tracked" else [True, False]):
                cname = f"{'reply' if tracked else 'preview'}_{name}"
                cid = m.function("python", cname, home.path, cls)
                body = [f"    def {cname}(self, payload):"]
                if tracked:
                    body += ['        with self.tracker.track_llm_call(provider="openai", model=DEFAULT_MODEL):',
                             f"            return self.{helper}(payload)", ""]
                else:
                    body += [f"        return self.{helper}(payload)", ""]
                m.site("python", helper, cid, tracked, fid)
                callers.append(body)
            home.blocks.append(self.py_class(cls, [method] + callers, f"The {name.replace('_', ' ')} desk."))
        elif kind in ("ctor_tracked", "annot_tracked"):
            name, k = self.name()
            cls = pascal(name.rsplit("_", 1)[0]) + f"Worker{k}"
            fid, method = self.py_helper(home, name, kind, False, cls=cls)
            home.blocks.append(self.py_class(cls, [method], f"Runs {name.replace('_', ' ')}."))
            for _ in range(rng.randint(1, 2)):
                caller = self.other_file(home)
                self.importing(caller, home, cls)
                if kind == "ctor_tracked":
                    expr = ([f"worker = {cls}()"], f"worker.{name}(payload)")
                    self.py_caller(caller, name, expr, True, evidence=fid, prefix="nightly")
                else:
                    self.k += 1
                    fname = f"batch_{name}_{self.k}"
                    cid = m.function("python", fname, caller.path)
                    caller.blocks.append([f"def {fname}(worker: {cls}, payloads, tracker):",
                                          f'    """Runs {name} over a batch."""',
                                          '    with tracker.track_llm_call(provider="openai", feature_context="batch"):',
                                          f"        return [worker.{name}(p) for p in payloads]", ""])
                    m.site("python", name, cid, True, fid)
        elif kind in ("chain_tracked", "chain_untracked"):
            name, _ = self.name()
            fid, lines = self.py_helper(home, name, kind, kind == "chain_untracked")
            home.blocks.append(lines)
            depth = rng.randint(2, 3)
            previous, previous_home, previous_id = name, home, fid
            for level in range(1, depth):
                middle = self.other_file(previous_home)
                wrapper = f"{['prepare', 'route', 'guard'][level - 1]}_{name}"
                wid = m.function("python", wrapper, middle.path)
                self.importing(middle, previous_home, previous)
                middle.blocks.append([f"def {wrapper}(payload, model=None):",
                                      f'    """Cleans the payload, then calls {previous}."""',
                                      "    cleaned = payload.strip()[:4000] if isinstance(payload, str) else payload",
                                      f"    return {previous}(cleaned)", ""])
                m.site("python", previous, wid, False, previous_id)
                previous, previous_home, previous_id = wrapper, middle, wid
            plan = [True] * rng.randint(1, 2) + ([False] if kind == "chain_untracked" else [])
            for tracked in plan:
                caller = self.other_file(previous_home)
                self.importing(caller, previous_home, previous)
                self.py_caller(caller, previous, ([], f"{previous}(payload)"), tracked, evidence=previous_id)
        elif kind in ("recursion_no_entry", "recursion_tracked_entry"):
            name, _ = self.name(generic="ask" if kind == "recursion_no_entry" else None, home=home)
            as_method = rng.random() < 0.3
            cls = None
            if as_method:
                cls = pascal(name) + f"Retrier{self.k}"
            fid, lines = self.py_helper(home, name, kind, kind == "recursion_no_entry", cls=cls, extra="retry",
                                        unique=name != "ask")
            home.blocks.append(self.py_class(cls, [lines], "Retries.") if cls else lines)
            if kind == "recursion_tracked_entry":
                caller = self.other_file(home)
                if cls:
                    self.importing(caller, home, cls)
                    self.py_caller(caller, name, ([f"retrier = {cls}()"], f"retrier.{name}(payload)"), True, evidence=fid)
                else:
                    self.importing(caller, home, name)
                    self.py_caller(caller, name, ([], f"{name}(payload)"), True, evidence=fid)
        elif kind == "forwarder":
            name, k = self.name(generic="transcribe", home=home)
            unique = name != "transcribe"
            cls = f"Transcriber{k}"
            fid, method = self.py_helper(home, name, kind, True, cls=cls, unique=unique)
            home.blocks.append(self.py_class(cls, [method], "Transcribes memos."))
            host = self.other_file(home)
            proxy = f"TranscriptionProxy{k}"
            pid = m.function("python", name, host.path, proxy, unique=False)
            host.blocks.append([f"class {proxy}:", '    """Forwards to whichever transcriber it is given."""', "",
                                f"    def {name}(self, c, x):", f"        return c.{name}(x)", ""])
            m.site("python", name, pid, False, None)
            if rng.random() < 0.5:   # the forwarder itself is called in a tracked context: still no evidence for the real one
                caller = self.other_file(host)
                self.importing(caller, host, proxy)
                self.py_caller(caller, name, ([], f'{proxy}().{name}(payload["transcriber"], payload["audio"])'), True, evidence=pid,
                               prefix="forward")
        elif kind == "unrelated":
            name, k = self.name(generic="run", home=home)
            unique = name != "run"
            cls = f"Summarizer{k}"
            fid, method = self.py_helper(home, name, kind, True, cls=cls, unique=unique)
            home.blocks.append(self.py_class(cls, [method], "Summarizes; nobody calls it here."))
            host = self.other_file(home)
            job = f"DigestJob{k}"
            jid = m.function("python", name, host.path, job, unique=False)
            host.blocks.append([f"class {job}:", '    """A plain job: no model call."""', "",
                                "    def __init__(self, items):", "        self.items = list(items)", "",
                                f"    def {name}(self):", "        return [str(item).strip() for item in self.items]", ""])
            caller = self.other_file(host)
            self.importing(caller, host, job)
            self.py_caller(caller, name, ([], f"{job}(payload).{name}()"), True, evidence=jid, prefix="digest")
        else:
            raise ValueError(kind)

    # ------------------------------------------------------------ Swift pieces
    def swift_helper(self, home, name, kind, intended, cls=None, lex=False, retry=False, unique=True):
        rng = self.rng
        ind = "  " if cls else ""
        fid = self.model.function("swift", name, home.path, cls, unique=unique)
        sdk = rng.choice(SWIFT_SDK)
        result = "EmbeddingsResult" if "embeddings" in sdk else "ResponseObject" if "createResponse" in sdk else "ChatResult"
        params = ("" if cls else "_ openAI: OpenAI, ") + "_ text: String" + (", attempts: Int = 3" if retry else "")
        lines = [f"{ind}/// {name}: one model call (generated).",
                 f"{ind}func {name}({params}) async throws -> {result} {{",
                 f"{ind}  let query = ChatQuery(messages: [.user(.init(content: .string(text)))], model: .gpt4_o_mini)"]
        b = ind + "  "
        if lex:
            tracker = "tracker" if cls else "UsageTracker.shared"
            lines.append(f'{b}return try await {tracker}.trackLLMCall(provider: "openai", model: "gpt-4o-mini") {{ usage in')
            lines.append(self.model.call(f"{b}  {sdk}", home.path, fid, True, kind, False, "swift"))
            lines.append(f"{b}}}")
        elif retry:
            recurse = f"self.{name}(text, attempts: attempts - 1)" if cls else f"{name}(openAI, text, attempts: attempts - 1)"
            lines.append(f"{b}do {{")
            lines.append(self.model.call(f"{b}  {sdk}", home.path, fid, False, kind, intended, "swift"))
            lines.append(f"{b}}} catch {{")
            lines.append(f"{b}  if attempts <= 0 {{ throw error }}")
            lines.append(f"{b}  return try await {recurse}")
            lines.append(f"{b}}}")
            self.model.site("swift", name, fid, False, fid)
        else:
            lines.append(f"{b}_ = query")
            lines.append(self.model.call(f"{b}{sdk}", home.path, fid, False, kind, intended, "swift"))
        lines += [f"{ind}}}", ""]
        return fid, lines, result

    def swift_class(self, name, members, doc):
        lines = [f"/// {doc}", f"final class {name} {{", "  let openAI: OpenAI", "  let tracker: UsageTracker", "",
                 "  init(openAI: OpenAI, tracker: UsageTracker = .shared) {", "    self.openAI = openAI",
                 "    self.tracker = tracker", "  }", ""]
        for member in members:
            lines += member
        return lines + ["}", ""]

    def swift_caller(self, caller, callee, setup, call, tracked, evidence, result="ChatResult", prefix="handle"):
        self.k += 1
        fname = f"{prefix}{pascal(callee)}_{self.k}"
        fid = self.model.function("swift", fname, caller.path)
        caller.sdk = True
        lines = [f"func {fname}(openAI: OpenAI, tracker: UsageTracker, text: String) async throws -> {result} {{"]
        lines += [f"  {s}" for s in setup]
        if tracked:
            lines += ['  return try await tracker.trackLLMCall(provider: "openai", model: "gpt-4o-mini") { usage in',
                      f"    try await {call}", "  }"]
        else:
            lines += [f"  return try await {call}"]
        lines += ["}", ""]
        self.model.site("swift", callee, fid, tracked, evidence)
        caller.blocks.append(lines)

    def scenario_swift(self, home, kind):
        rng, m = self.rng, self.model
        if kind == "direct_untracked":
            name, _ = self.name()
            _, lines, _ = self.swift_helper(home, camel(name), kind, True)
            home.blocks.append(lines)
        elif kind == "direct_tracked":
            name, _ = self.name()
            if rng.random() < 0.5:
                cls = pascal(name)
                _, method, _ = self.swift_helper(home, camel(name), kind, False, cls=cls, lex=True)
                home.blocks.append(self.swift_class(cls, [method], "Tracked calls."))
            else:
                _, lines, _ = self.swift_helper(home, camel(name), kind, False, lex=True)
                home.blocks.append(lines)
        elif kind in ("self_tracked", "self_mixed"):
            name, k = self.name()
            helper = camel(name)
            cls = pascal(name.rsplit("_", 1)[0]) + f"Desk{k}"
            fid, method, result = self.swift_helper(home, helper, kind, kind == "self_mixed", cls=cls)
            members = [method]
            for tracked in ([True] if kind == "self_tracked" else [True, False]):
                cname = f"{'reply' if tracked else 'preview'}{pascal(name)}"
                cid = m.function("swift", cname, home.path, cls)
                if tracked:
                    members.append([f"  func {cname}(_ text: String) async throws -> {result} {{",
                                    '    try await tracker.trackLLMCall(provider: "openai") { usage in',
                                    f"      try await self.{helper}(text)", "    }", "  }", ""])
                else:
                    members.append([f"  func {cname}(_ text: String) async throws -> {result} {{",
                                    f"    try await self.{helper}(text)", "  }", ""])
                m.site("swift", helper, cid, tracked, fid)
            home.blocks.append(self.swift_class(cls, members, f"The {name.replace('_', ' ')} desk."))
        elif kind in ("global_tracked", "global_mixed", "chain_tracked"):
            name, _ = self.name()
            helper = camel(name)
            fid, lines, result = self.swift_helper(home, helper, kind, kind == "global_mixed")
            home.blocks.append(lines)
            target, target_id, target_home = helper, fid, home
            if kind == "chain_tracked":
                middle = self.other_file(home)
                wrapper = "prepare" + pascal(name)
                wid = m.function("swift", wrapper, middle.path)
                middle.sdk = True
                middle.blocks.append([f"func {wrapper}(_ openAI: OpenAI, _ text: String) async throws -> {result} {{",
                                      "  let trimmed = String(text.prefix(4000))",
                                      f"  return try await {helper}(openAI, trimmed)", "}", ""])
                m.site("swift", helper, wid, False, fid)
                target, target_id, target_home = wrapper, wid, middle
            plan = [True] * rng.randint(1, 3) + ([False] if kind == "global_mixed" else [])
            for tracked in plan:
                caller = self.other_file(target_home)
                self.swift_caller(caller, target, [], f"{target}(openAI, text)", tracked, target_id, result)
        elif kind in ("ctor_tracked", "annot_tracked"):
            name, k = self.name()
            helper = camel(name)
            cls = pascal(name.rsplit("_", 1)[0]) + f"Service{k}"
            fid, method, result = self.swift_helper(home, helper, kind, False, cls=cls)
            home.blocks.append(self.swift_class(cls, [method], f"Runs {name.replace('_', ' ')}."))
            caller = self.other_file(home)
            if kind == "ctor_tracked":
                self.swift_caller(caller, helper, [f"let service = {cls}(openAI: openAI, tracker: tracker)"],
                                  f"service.{helper}(text)", True, fid, result, prefix="nightly")
            else:
                self.k += 1
                fname = f"batch{pascal(name)}_{self.k}"
                cid = m.function("swift", fname, caller.path)
                caller.sdk = True
                caller.blocks.append([f"func {fname}(_ service: {cls}, tracker: UsageTracker, texts: [String]) async throws -> [{result}] {{",
                                      f"  var results: [{result}] = []",
                                      "  for text in texts {",
                                      '    results.append(try await tracker.trackLLMCall(provider: "openai") { usage in',
                                      f"      try await service.{helper}(text)", "    })", "  }", "  return results", "}", ""])
                m.site("swift", helper, cid, True, fid)
        elif kind == "recursion_no_entry":
            name, k = self.name()
            helper = camel(name)
            if rng.random() < 0.4:
                cls = pascal(name) + f"Retrier{k}"
                _, method, _ = self.swift_helper(home, helper, kind, True, cls=cls, retry=True)
                home.blocks.append(self.swift_class(cls, [method], "Retries."))
            else:
                _, lines, _ = self.swift_helper(home, helper, kind, True, retry=True)
                home.blocks.append(lines)
        elif kind == "forwarder":
            name, k = self.name()
            helper = camel(name)
            cls = f"Transcriber{k}"
            fid, method, result = self.swift_helper(home, helper, kind, True, cls=cls)
            home.blocks.append(self.swift_class(cls, [method], "Transcribes memos."))
            host = self.other_file(home)
            relay = f"TranscriptionRelay{k}"
            pid = m.function("swift", helper, host.path, relay, unique=False)
            host.sdk = True
            host.blocks.append([f"struct {relay} {{",
                                f"  func {helper}(_ c: {cls}, _ x: String) async throws -> {result} {{",
                                f"    try await c.{helper}(x)", "  }", "}", ""])
            m.site("swift", helper, pid, False, fid)
        elif kind == "unrelated":
            name, k = self.name(generic="run", home=home)
            helper = camel(name)
            unique = helper != "run"
            cls = f"Summarizer{k}"
            _, method, _ = self.swift_helper(home, helper, kind, True, cls=cls, unique=unique)
            home.blocks.append(self.swift_class(cls, [method], "Summarizes; nobody calls it here."))
            host = self.other_file(home)
            job = f"DigestJob{k}"
            jid = m.function("swift", helper, host.path, job, unique=False)
            host.blocks.append([f"final class {job} {{", "  let items: [String]", "",
                                "  init(items: [String]) { self.items = items }", "",
                                f"  func {helper}() -> [String] {{ items.map {{ $0.lowercased() }} }}", "}", ""])
            caller = self.other_file(host)
            self.k += 1
            fname = f"digest{pascal(name)}_{self.k}"
            cid = m.function("swift", fname, caller.path)
            caller.blocks.append([f"func {fname}(tracker: UsageTracker, items: [String]) async throws -> [String] {{",
                                  '  try await tracker.trackLLMCall(provider: "openai") { usage in',
                                  f"    {job}(items: items).{helper}()", "  }", "}", ""])
            m.site("swift", helper, cid, True, jid)
        else:
            raise ValueError(kind)

    # ------------------------------------------------------------ the whole tree
    PY_KINDS = [("direct_untracked", 10), ("direct_tracked_with", 8), ("direct_tracked_decorator", 5),
                ("import_tracked", 14), ("import_mixed", 6), ("import_untracked", 5), ("decorated_caller", 4),
                ("self_tracked", 8), ("self_mixed", 4), ("ctor_tracked", 7), ("annot_tracked", 4),
                ("chain_tracked", 6), ("chain_untracked", 3), ("recursion_no_entry", 4),
                ("recursion_tracked_entry", 3), ("forwarder", 4), ("unrelated", 4)]
    SWIFT_KINDS = [("direct_untracked", 10), ("direct_tracked", 10), ("self_tracked", 10), ("self_mixed", 4),
                   ("global_tracked", 12), ("global_mixed", 5), ("chain_tracked", 5), ("ctor_tracked", 8),
                   ("annot_tracked", 4), ("recursion_no_entry", 5), ("forwarder", 4), ("unrelated", 5)]

    def scenarios(self):
        rng = self.rng
        for f in self.files:
            if not f.llm:
                continue
            kinds = self.PY_KINDS if f.language == "python" else self.SWIFT_KINDS
            labels, weights = zip(*kinds)
            for kind in rng.choices(labels, weights, k=rng.randint(3, 6)):
                (self.scenario_python if f.language == "python" else self.scenario_swift)(f, kind)
            if f.language == "python" and rng.random() < 0.05:   # a module-level call: nothing encloses it
                f.blocks.append([self.model.call('WARMUP = client.embeddings.create(model="text-embedding-3-small", input=["warm-up"])',
                                                 f.path, None, False, "module_level", True, "python"), ""])
        # Plain code naming helpers as attributes, dictionary keys and strings (not calls).
        helpers = {"python": set(), "swift": set()}
        for c in self.model.calls:
            if c["enclosing"] is not None:
                fn = self.model.functions[c["enclosing"]]
                helpers[fn["language"]].add(fn["name"])
        helpers = {language: sorted(names) for language, names in helpers.items()}
        for f in self.files:
            pool = helpers[f.language]
            if pool and rng.random() < 0.35:
                f.mentions += rng.sample(pool, min(len(pool), rng.randint(1, 4)))

    def mentions_block(self, f, rng):
        names = f.mentions
        if f.language == "python":
            lines = [f"class FeatureFlags{f.index}:", '    """Rollout switches, by helper name."""', "",
                     "    def __init__(self, settings):", "        self.settings = settings"]
            for n in names:
                lines.append(f"        self.settings.{n} = False")
            lines += ["", "    def describe(self):", f"        # {', '.join(names)}: see the rollout runbook",
                      "        return {" + ", ".join(f'"{n}": "{rng.choice(WORDS)}"' for n in names) + "}",
                      "", "    def reason(self, name):",
                      f'        logger.debug("feature %s is gated (%s)", name, "{names[0]}")',
                      "        return self.settings.get(name)", ""]
        else:
            lines = [f"struct FeatureFlags{f.index} {{", "  var settings: [String: Bool] = [:]", "",
                     "  mutating func load(_ config: inout FlagConfig) {"]
            for n in names:
                lines.append(f"    config.{n} = false")
                lines.append(f"    settings[\"{n}\"] = true")
            lines += [f"    // {', '.join(names)}: see the rollout runbook", "  }", "}", ""]
        return lines

    def render(self, f, filler):
        rng = random.Random(self.args.seed * 1_000_003 + f.index)
        target = min(80_000, max(3_000, int(rng.lognormvariate(math.log(12_500), 0.6))))
        blocks = list(f.blocks)
        if f.mentions:
            blocks.append(self.mentions_block(f, rng))
        size = sum(len(line) + 1 for block in blocks for line in block)
        make = filler.py_block if f.language == "python" else filler.swift_block
        while size < target:
            block = make(rng, f.index)
            size += sum(len(line) + 1 for line in block)
            blocks.append(block)
        rng.shuffle(blocks)
        if f.language == "python":
            header = [f'"""The {f.path.split("/")[-2]} module of the {f.service} service."""', "",
                      "import json", "import logging", "from typing import Any, Optional", ""]
            if f.llm:
                header += ["import anthropic", "import litellm", "from openai import AsyncOpenAI, OpenAI", ""]
            header += sorted(f.imports) + ["from models import Model, Parser", "",
                                           "logger = logging.getLogger(__name__)", ""]
            if f.llm:
                header += ["client = OpenAI()", "async_client = AsyncOpenAI()", "claude = anthropic.Anthropic()",
                           "async_claude = anthropic.AsyncAnthropic()", 'DEFAULT_MODEL = "gpt-4o-mini"',
                           "PROMPTS = {" + ", ".join(f'"{n}": "You write the {n} summary."' for n in NOUNS[:8]) + "}", ""]
            header.append("")
        else:
            header = ["import Foundation"] + (["import OpenAI"] if f.sdk else []) + [""]
        lines = header + [line for block in blocks for line in block]
        for number, line in enumerate(lines, 1):
            if isinstance(line, Tag):
                self.model.calls[line.call]["line"] = number
        return "\n".join(lines) + "\n"

    def run(self):
        self.plan()
        self.scenarios()
        filler = Filler(self.args.seed)
        out = self.args.out
        total = 0
        made = set()
        for f in self.files:
            text = self.render(f, filler)
            directory = os.path.join(out, os.path.dirname(f.path))
            if directory not in made:
                os.makedirs(directory, exist_ok=True)
                made.add(directory)
            data = text.encode()
            total += len(data)
            with open(os.path.join(out, f.path), "wb") as handle:
                handle.write(data)
            f.blocks = None  # free the scenario text once written
        tracked = self.model.solve()
        calls = []
        wrong = []
        for c in self.model.calls:
            reported = not c["lex"] and (c["enclosing"] is None or c["enclosing"] not in tracked)
            if reported != c["intended"]:
                wrong.append(c)
            fn = self.model.functions[c["enclosing"]]["name"] if c["enclosing"] is not None else None
            calls.append({"path": c["path"], "line": c["line"], "reported": reported, "kind": c["kind"],
                          "language": c["language"], "function": fn})
        if wrong:
            sys.exit(f"generate_dense.py: the rules and the scenarios disagree on {len(wrong)} calls, e.g. {wrong[:3]}")
        calls.sort(key=lambda c: (c["path"], c["line"]))
        llm_files = sum(1 for f in self.files if f.llm)
        summary = {"files": len(self.files), "python_files": sum(f.language == "python" for f in self.files),
                   "swift_files": sum(f.language == "swift" for f in self.files), "bytes": total,
                   "llm_files": llm_files, "files_with_calls": len({c["path"] for c in calls}),
                   "calls": len(calls), "reported": sum(c["reported"] for c in calls),
                   "functions": len(self.model.functions),
                   "distinct_names": len({(f["language"], f["name"]) for f in self.model.functions}),
                   "call_sites": len(self.model.sites), "tracked_through_callers": len(tracked)}
        kinds = {}
        for c in calls:
            entry = kinds.setdefault(f"{c['language']}:{c['kind']}", {"calls": 0, "reported": 0})
            entry["calls"] += 1
            entry["reported"] += c["reported"]
        expect = self.args.expect or os.path.join(out, "EXPECTED.json")
        with open(expect, "w") as handle:
            json.dump({"generator": "Benchmarks/generate_dense.py", "seed": self.args.seed, "summary": summary,
                       "kinds": kinds, "calls": calls}, handle, indent=0)
        print(f"{summary['files']} files ({summary['python_files']} Python, {summary['swift_files']} Swift), "
              f"{total / 1e6:.1f} MB, {summary['files_with_calls']} with LLM calls; {summary['calls']} calls, "
              f"{summary['reported']} to report; {summary['distinct_names']} distinct function names; "
              f"expectations in {expect}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--expect", help="where to write the expectations (default OUT/EXPECTED.json)")
    args = parser.parse_args()
    Generator(args).run()


if __name__ == "__main__":
    main()
