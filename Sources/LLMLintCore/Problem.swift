/// Something that went wrong with the run rather than in the user's code: a bad config, an unreadable
/// file. Problems are printed on stderr; the run goes on.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// A configuration file could not be read or is invalid.
    case config
    /// A path given or found could not be read.
    case file
    /// git could not be asked what the command needed.
    case git
    /// Anything else that stopped part of the run.
    case other
  }

  public var kind: Kind
  public var path: String?
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(_ kind: Kind, path: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
    self.kind = kind
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `path:line:column: message`, leaving out the parts that are unknown.
  public var description: String {
    var text = ""
    if let path {
      text += path
      if let line {
        text += ":\(line)"
        if let column { text += ":\(column)" }
      }
      text += ": "
    }
    return text + message
  }
}
