/// The keys under `tracked: python:` and `tracked: swift:`, declared apart from the rest of `ConfigKey`
/// so that a change to how tracked contexts are kept in memory touches only this table and the parser's
/// `readTracked`. The user-facing keys are these; their names never change.
extension ConfigKey {
  static let trackedLanguages: [ConfigKey] = [
    ConfigKey(
      "context-managers", in: .trackedPython, kind: "a list of identifiers",
      help: "with / async with one of these calls opens a tracked context", example: "[usage_scope]"),
    ConfigKey(
      "decorators", in: .trackedPython, kind: "a list of identifiers",
      help: "a function decorated with one of these (@observe(...)) is tracked", example: "[observe]"),
    ConfigKey(
      "functions", in: .trackedPython, kind: "a list of identifiers",
      help: "these functions' bodies are always tracked", example: "[call_with_usage]"),
    ConfigKey(
      "imports", in: .trackedPython, kind: "a list of module names",
      help: "clients made from these modules track themselves", example: "[langfuse.openai]"),
    ConfigKey(
      "recorders", in: .trackedPython, kind: "a list of function names (`*` wildcards)",
      help: "given the call's result later in its block, they record its usage", example: "[\"record_*usage*\"]"),
    ConfigKey(
      "closures", in: .trackedSwift, kind: "a list of identifiers",
      help: "a closure passed to a call of one of these is a tracked context", example: "[withUsageTracking]"),
    ConfigKey(
      "functions", in: .trackedSwift, kind: "a list of identifiers",
      help: "these functions' bodies are always tracked", example: "[withUsage]"),
    ConfigKey(
      "recorders", in: .trackedSwift, kind: "a list of function names (`*` wildcards)",
      help: "given the call's result later in its block, they record its usage", example: "[\"record*Usage*\"]"),
  ]
}
