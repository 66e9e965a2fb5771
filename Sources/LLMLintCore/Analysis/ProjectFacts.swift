/// Facts about the whole project that decide findings in one file (stub).
public struct ProjectFacts: Sendable {
  public static let empty = ProjectFacts()

  /// Where a LiteLLM callback is registered (`path:line`), if anywhere.
  public var liteLLMCallback: String? = nil

  /// A function of one file and what its callers across the project say about it.
  struct Helper: Sendable {
    var name: String
    var body: Range<Int>
    var tracked: Bool
    var untrackedCaller: String?
  }

  var helpersByPath: [String: [Helper]] = [:]

  func helpers(in path: String) -> [Helper] { helpersByPath[path] ?? [] }

  func liteLLMCovered(_ ruleSet: RuleSet) -> Bool {
    switch ruleSet.liteLLMCoverage {
    case .on: return true
    case .off: return false
    case .auto: return liteLLMCallback != nil
    }
  }
}
