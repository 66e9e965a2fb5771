/// A node of the YAML subset llmlint reads: a scalar, a list or a map, each with where it starts.
///
/// Lines and columns are 1-based. Map entries keep their order and each key's position, so config errors
/// can name the exact place.
public struct YAMLNode: Sendable, Equatable {
  public enum Value: Sendable, Equatable {
    /// A scalar as text. `isQuoted` tells `"true"` (a string) from `true`.
    case scalar(String, isQuoted: Bool)
    case list([YAMLNode])
    case map([YAMLEntry])
    /// An empty value (`key:` with nothing after it, or an empty document).
    case null
  }

  public var value: Value
  public var line: Int
  public var column: Int

  public init(_ value: Value, line: Int, column: Int) {
    self.value = value
    self.line = line
    self.column = column
  }

  /// The text of a scalar node, or `nil`.
  public var scalar: String? {
    if case .scalar(let text, _) = value { return text }
    return nil
  }

  /// The items of a list node, or `nil`.
  public var list: [YAMLNode]? {
    if case .list(let items) = value { return items }
    return nil
  }

  /// The entries of a map node, or `nil`.
  public var map: [YAMLEntry]? {
    if case .map(let entries) = value { return entries }
    return nil
  }

  /// A short name of the node's shape for error messages: "a scalar", "a list", "a map", "nothing".
  public var shapeName: String {
    switch value {
    case .scalar: return "a scalar"
    case .list: return "a list"
    case .map: return "a map"
    case .null: return "nothing"
    }
  }
}

/// One `key: value` entry of a map, with the key's position.
public struct YAMLEntry: Sendable, Equatable {
  public var key: String
  public var line: Int
  public var column: Int
  public var value: YAMLNode

  public init(key: String, line: Int, column: Int, value: YAMLNode) {
    self.key = key
    self.line = line
    self.column = column
    self.value = value
  }
}

/// Why a YAML document could not be read, and where.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "\(line):\(column): \(message)" }
}
