/// Where an item of the active rule set was defined: the built-in catalogue or a config file, with line.
public struct Origin: Sendable, Equatable, Encodable, CustomStringConvertible {
  /// The config file's path, or `nil` for the built-in `rules.yml`.
  public var file: String?
  public var line: Int

  public init(file: String?, line: Int) {
    self.file = file
    self.line = line
  }

  public static func builtIn(line: Int) -> Origin { Origin(file: nil, line: line) }

  /// `built-in rules.yml:12` or `path/.llmlint.yml:3`.
  public var description: String {
    "\(file ?? "built-in rules.yml"):\(line)"
  }
}
