/// The text llmlint analyses for one file and the map back to the file: for most languages the file's
/// bytes themselves; for a notebook its code cells joined, with where each line stands in the file. A file
/// that cannot be read as its language gives an empty text and a problem.
public struct AnalysedSource: Sendable {
  public var text: [UInt8]
  public var map: SourceMap
  /// Why (part of) the file could not be read, for stderr; the rest is analysed.
  public var problems: [String]

  public init(text: [UInt8], map: SourceMap = .identity, problems: [String] = []) {
    self.text = text
    self.map = map
    self.problems = problems
  }
}
