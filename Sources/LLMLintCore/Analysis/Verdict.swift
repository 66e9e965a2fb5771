/// Why a recognised LLM call counts as tracked: the kind of construct that tracks it, where that construct
/// is (`path:line`), and, for a call tracked through its callers, the call sites that lead there.
///
/// Every call the matcher recognises gets a verdict: tracked (with this reason), untracked (a finding),
/// suppressed by a comment, or accepted by the baseline (`SiteStatus`). `llmlint coverage` lists them all.
public struct TrackedBy: Sendable, Equatable, Hashable {
  /// The construct that tracks a call.
  public enum Kind: String, Sendable, CaseIterable, Hashable {
    /// A `with …track_llm_call(…):` body (Python) or a closure passed to `trackLLMCall` (Swift); `at` is
    /// the line of the `with` or of the call taking the closure.
    case context
    /// The body of a function decorated with a tracked decorator; `at` is the decorator's line.
    case decorator
    /// A function whose every caller is tracked (see `CallGraph`); `at` is the call site inside a tracked
    /// context, `via` the call sites between the call's function and it, innermost first.
    case helper
    /// A LiteLLM callback registered in the project covers calls through litellm; `at` is the registration.
    case callback
    /// The call's result is passed to a usage recorder right after it; `at` is the recorder call.
    case recorder
    /// The file lies under `tracked.paths`; `at` is the entry of the config that declares the path.
    case path
    /// The receiver comes from a tracked module (`langfuse.openai`); `at` is the import.
    case `import`
    /// The body of a function named in `tracked.functions`; `at` is its definition.
    case function
  }

  public var kind: Kind
  /// `path:line` of the tracking construct.
  public var at: String
  /// For `helper`: the call sites from the function around the call out to `at` (exclusive), innermost
  /// first; empty otherwise.
  public var via: [String]

  public init(kind: Kind, at: String, via: [String] = []) {
    self.kind = kind
    self.at = at
    self.via = via
  }
}

/// The verdict on one recognised call site.
public enum SiteStatus: String, Sendable, CaseIterable, Hashable {
  case tracked
  /// A finding.
  case untracked
  /// Hidden by an inline `llmlint:` comment.
  case suppressed
  /// Accepted by the baseline file.
  case baselined
}

extension Finding {
  /// The status of this finding as a call site: tracked when `trackedBy` is set, else by its suppression.
  public var status: SiteStatus {
    if trackedBy != nil { return .tracked }
    switch suppression?.kind {
    case nil: return .untracked
    case .inSource: return .suppressed
    case .baseline: return .baselined
    }
  }
}
