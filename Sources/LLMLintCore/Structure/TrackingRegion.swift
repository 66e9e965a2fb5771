/// One byte range of a file where usage tracking is active, with what makes it tracked and where that
/// construct starts (the offset of `with`, `@`, the `trackLLMCall` name or the function's name).
struct TrackingRegion: Sendable, Equatable {
  var range: Range<Int>
  var kind: TrackedBy.Kind
  /// Byte offset of the construct, for its line.
  var origin: Int

  /// The innermost region of `regions` holding `offset` (the smallest; the earliest of equal ones), or `nil`.
  /// The tracked contexts of `code`, as its language's structure reader finds them.
  static func regions(_ code: CodeTokens, _ ruleSet: RuleSet) -> [TrackingRegion] {
    switch code.reader {
    case .python: return PythonBlocks.trackedRegions(code, ruleSet)
    case .swift: return SwiftBraces.trackedRegions(code, ruleSet)
    case .plain: return []
    }
  }

  static func innermost(_ regions: [TrackingRegion], containing offset: Int) -> TrackingRegion? {
    var best: TrackingRegion? = nil
    for region in regions where region.range.contains(offset) {
      if let current = best, current.range.count <= region.range.count { continue }
      best = region
    }
    return best
  }
}
