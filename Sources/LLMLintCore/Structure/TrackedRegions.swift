/// The byte ranges of one file where usage tracking is active, sorted and merged.
public struct TrackedRegions: Sendable, Equatable {
  public private(set) var ranges: [Range<Int>]

  /// Sorts `ranges` and merges the ones that overlap or touch.
  public init(_ ranges: [Range<Int>]) {
    var merged: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
      if let last = merged.last, range.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    self.ranges = merged
  }

  /// Whether `offset` lies in a tracked range (binary search).
  public func contains(_ offset: Int) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound <= offset {
        low = middle + 1
      } else if ranges[middle].lowerBound > offset {
        high = middle
      } else {
        return true
      }
    }
    return false
  }
}
