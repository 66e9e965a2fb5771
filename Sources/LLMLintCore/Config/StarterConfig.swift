/// The commented `.llmlint.yml` that `llmlint init` writes: every setting a team is likely to change, each
/// with what it does, all of it valid config that changes nothing until edited.
public enum StarterConfig {
  public static let fileName = ".llmlint.yml"

  public static let text = """
    # llmlint configuration. It extends the built-in rules (see `llmlint rules` for the merged result and
    # where every item comes from). Paths and globs are relative to this file's directory.
    extends: default            # or: none, to start from no rules at all

    # Names that open a tracked context, besides the built-in ones (track_llm_call / trackLLMCall).
    tracked:
      python:
        context-managers: []    # with usage_scope(...): ...   ->  [usage_scope]
        decorators: []          # @observe(...)              ->  [observe]
      swift:
        closures: []            # withUsageTracking { ... }  ->  [withUsageTracking]

    # Your own LLM entry points, as call patterns: `*.name` for any receiver, a dotted path for a module
    # function, Swift argument labels in parentheses.
    rules: []
    #  - id: internal-llm-gateway
    #    provider: internal
    #    languages: [python]
    #    message: Internal LLM gateway call outside a tracked context
    #    patterns: ["*.gateway.generate"]

    # Rules to turn off, by id.
    disable: []

    # Severity per rule id: info, warning or error (output labels only; the exit status stays 0).
    severity: {}

    # Paths never scanned, gitignore syntax (`**`, `*`, `?`, `[...]`; a leading `/` anchors to this directory).
    exclude: []
    #  - "legacy/**"
    #  - "**/*_pb2.py"

    """
}
