/// The pre-commit hook scripts earlier llmlint versions installed, byte for byte (from `hooks/pre-commit`'s
/// history). An installed hook equal to one of them, or to `HookInstaller.script`, is llmlint's: it is
/// updated or removed. A hook that holds llmlint's marker line but equals none of them was edited by
/// someone, so it is theirs and is left alone. When `hooks/pre-commit` changes, add the text it had here.
enum EarlierHookScripts {
  static let all: [String] = [
    // 0e1f608: the first hook (dirname and command -v: subshells on every commit).
    #"""
    #!/bin/sh
    # llmlint pre-commit hook: warns about direct LLM API calls outside a usage-tracking context in the
    # staged content of the staged Python and Swift files. Advisory: it never blocks the commit.
    #
    # Installed by `llmlint install-hook`, removed by `llmlint uninstall-hook`. A hook that was here before
    # is kept as pre-commit.legacy and run first; its exit status is this hook's exit status.
    # The binary is $LLMLINT if set, else `llmlint` on PATH. $LLMLINT_HOOK_ARGS adds arguments, split at
    # spaces (e.g. LLMLINT_HOOK_ARGS=--changed-lines).

    status=0
    legacy="$(dirname "$0")/pre-commit.legacy"
    if [ -z "${LLMLINT_HOOK_IN_LEGACY:-}" ] && [ -f "$legacy" ] && [ -x "$legacy" ]; then
      LLMLINT_HOOK_IN_LEGACY=1 "$legacy" "$@"
      status=$?
    fi

    llmlint=${LLMLINT:-llmlint}
    case $llmlint in
      */*) ;;
      *) llmlint=$(command -v "$llmlint" 2>/dev/null) || llmlint= ;;
    esac
    if [ -z "$llmlint" ] || [ ! -f "$llmlint" ] || [ ! -x "$llmlint" ]; then
      echo "llmlint: not found, staged files not checked; build it (swift build -c release) and put .build/release/llmlint on PATH, or set LLMLINT=/path/to/llmlint" >&2
      exit "$status"
    fi

    # shellcheck disable=SC2086 # LLMLINT_HOOK_ARGS is split into words on purpose.
    "$llmlint" --staged ${LLMLINT_HOOK_ARGS:-} </dev/null
    exit "$status"
    """# + "\n"
  ]
}
