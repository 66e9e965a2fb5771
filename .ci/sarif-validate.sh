#!/bin/sh
# Validates llmlint's SARIF output against the OASIS SARIF 2.1.0 JSON schema with Python's jsonschema.
#
#   .ci/sarif-validate.sh                      build output of .build/debug/llmlint (or $LLMLINT) on a sample tree
#   .ci/sarif-validate.sh --file F [--schema S]   validate the SARIF file F
#
# The schema defaults to ../shared/schemas/sarif-schema-2.1.0.json relative to the repository root, or the
# copy in .ci/schemas/ when that is absent (a clone on its own); $SARIF_SCHEMA overrides. Fails (exit 1) when python3, jsonschema or the schema is missing, when the log
# does not validate, or when the sample run yields no results or no suppressed result.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
schema=$root/../shared/schemas/sarif-schema-2.1.0.json
[ -f "$schema" ] || schema=$root/.ci/schemas/sarif-schema-2.1.0.json
schema=${SARIF_SCHEMA:-$schema}
file=
while [ $# -gt 0 ]; do
  case $1 in
    --file) file=$2; shift 2 ;;
    --schema) schema=$2; shift 2 ;;
    *) echo "sarif-validate: unknown argument '$1' (expected --file FILE, --schema FILE)" >&2; exit 1 ;;
  esac
done
[ -f "$schema" ] || { echo "sarif-validate: no schema at $schema" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "sarif-validate: python3 not found" >&2; exit 1; }
python3 -c 'import jsonschema' 2>/dev/null || { echo "sarif-validate: python3 has no jsonschema module" >&2; exit 1; }

work=
cleanup() { if [ -n "$work" ]; then rm -rf "$work"; fi; }
trap cleanup EXIT INT TERM
expect_results=0
if [ -z "$file" ]; then
  binary=${LLMLINT:-$root/.build/debug/llmlint}
  [ -x "$binary" ] || { echo "sarif-validate: no binary at $binary (run swift build first)" >&2; exit 1; }
  work=$(mktemp -d)
  mkdir -p "$work/app" "$work/ios" "$work/odd dir"
  cat > "$work/app/chat.py" <<'PY'
import openai

def ask(client, m):
    return client.chat.completions.create(model=m)

def reviewed(client, m):
    # llmlint: ignore[openai-chat-completions] billed by the gateway
    return client.chat.completions.create(
        model=m,
    )

x = 1  # llmlint: ignore
y = 2  # llmlint: ignore[openai chat]
PY
  printf 'def embed(c, t):\n    return c.embeddings.create(input=t)\n' > "$work/odd dir/é,v2.py"
  printf 'import OpenAI\nlet r = try await openAI.chats(query: q)\n' > "$work/ios/Chat.swift"
  (cd "$work" && "$binary" --quiet --write-baseline base.json ios >/dev/null)
  (cd "$work" && "$binary" --quiet --baseline base.json --format sarif app ios "odd dir" > out.sarif)
  file=$work/out.sarif
  expect_results=1
fi

python3 - "$schema" "$file" "$expect_results" <<'PY'
import json, sys
import jsonschema
schema_path, log_path, expect_results = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
schema = json.load(open(schema_path, encoding="utf-8"))
log = json.load(open(log_path, encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    print("sarif-validate: %s: %s" % ("/".join(str(p) for p in error.absolute_path), error.message), file=sys.stderr)
if errors:
    sys.exit(1)
results = [r for run in log["runs"] for r in run.get("results", [])]
suppressed = [r for r in results if r.get("suppressions")]
if expect_results and (not results or not suppressed):
    print("sarif-validate: expected results and suppressed results from the sample tree, got %d and %d"
          % (len(results), len(suppressed)), file=sys.stderr)
    sys.exit(1)
print("sarif-validate: %s is valid SARIF 2.1.0 (%d results, %d suppressed)" % (log_path, len(results), len(suppressed)))
PY
