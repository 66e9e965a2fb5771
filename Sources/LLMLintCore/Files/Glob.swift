/// Gitignore-style patterns for `exclude:` in the configuration and for `.gitignore` files.
///
/// Semantics follow git's documentation of gitignore (https://git-scm.com/docs/gitignore#_pattern_format):
/// `*` matches anything but `/`, `?` one byte but `/`, `[abc]`, `[a-z]`, `[!x]` / `[^x]` one byte of a set;
/// `**/` at the start or between slashes matches zero or more directories, `/**` at the end everything
/// inside; a leading `!` negates (the last matching pattern wins); a trailing `/` matches directories only;
/// a `/` at the start or in the middle anchors the pattern to its base directory, otherwise it matches the
/// last component at any depth; `\` escapes the next byte. Matching is on UTF-8 bytes, as git's wildmatch
/// does, so `?` and classes see bytes, not characters.
///
/// Each pattern is classified once: an exact name or path, a suffix (`*.py`), a prefix (`test_*`), every
/// path below a directory (`build/**`), or a general pattern. The general case runs as a set of states
/// over the path's bytes, so time is at most path length × pattern length (no backtracking blow-up on
/// `**/**/**` or `*a*a*a*`).
public struct GlobPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public let pattern: String
  /// The directory the pattern is relative to, `/`-separated and relative to the root that paths given to
  /// `matches` are relative to; empty for that root.
  public var base: String { String(decoding: baseBytes, as: UTF8.self) }
  /// Whether the pattern started with `!`: a match re-includes the path.
  public let isNegated: Bool
  /// Whether the pattern ended with `/`: it matches directories only.
  public let isDirectoryOnly: Bool
  /// Whether the pattern is matched against the whole path below `base` (it has a `/` before its end);
  /// otherwise against the last path component.
  public let isAnchored: Bool

  let baseBytes: [UInt8]
  let strategy: Strategy

  enum Strategy: Sendable, Equatable {
    /// The subject equals these bytes.
    case literal([UInt8])
    /// The subject ends with these bytes (`*.py`); only for unanchored patterns.
    case suffix([UInt8])
    /// The subject starts with these bytes (`test_*`); only for unanchored patterns.
    case prefix([UInt8])
    /// The subject starts with these bytes and has more (`build/**` is `build/` and more).
    case below([UInt8])
    case general([Token])
  }

  enum Token: Sendable, Equatable {
    case byte(UInt8)
    /// `?`: one byte other than `/`.
    case anyByte
    /// `[...]`: one byte other than `/` in (or, negated, not in) the set, as a 256-bit map.
    case set(ByteSet, negated: Bool)
    /// `*`: any bytes other than `/`.
    case star
    /// `**/`: nothing, or any bytes ending with `/`. Always followed by `.directoryBody`; this state may be
    /// skipped (zero directories), the body state may not.
    case anyDirectories
    /// Inside `**/`: any bytes, left after a `/`.
    case directoryBody
    /// `**` as the last component: any bytes.
    case anything
  }

  /// Compiles `pattern`, relative to `base` (a `/`-separated directory relative to the matching root, empty
  /// for the root itself; leading and trailing slashes are ignored).
  ///
  /// Throws for an empty pattern, `!` alone, a pattern that is only `/`, an unterminated `[`, an unknown
  /// POSIX class (`[[:alpha:]]` and the other eleven are supported) and a trailing `\`.
  public init(_ pattern: String, base: String = "") throws(GlobError) {
    try self.init(bytes: Array(pattern.utf8), base: Array(base.utf8))
  }

  init(bytes: [UInt8], base: [UInt8]) throws(GlobError) {
    let text = String(decoding: bytes, as: UTF8.self)
    func fail(_ message: String) -> GlobError { GlobError(pattern: text, message: message) }
    pattern = text
    var trimmedBase = base[...]
    while trimmedBase.first == slash { trimmedBase.removeFirst() }
    while trimmedBase.last == slash { trimmedBase.removeLast() }
    baseBytes = Array(trimmedBase)

    var body = bytes[...]
    if body.isEmpty { throw fail("empty pattern") }
    isNegated = body.first == UInt8(ascii: "!")
    if isNegated {
      body.removeFirst()
      if body.isEmpty { throw fail("'!' negates nothing (expected a pattern after it)") }
    }
    var directoryOnly = false
    // One slash each side, as git strips them: `//a` and `a//` match nothing, like in git.
    if body.last == slash, !GlobPattern.isEscaped(body, at: body.endIndex - 1) {
      body.removeLast()
      directoryOnly = true
    }
    isDirectoryOnly = directoryOnly
    var anchored = false
    if body.first == slash {
      anchored = true
      body.removeFirst()
    }
    if body.isEmpty { throw fail("the pattern matches nothing (expected a name after '/')") }
    var tokens = try GlobPattern.tokenize(body, fail: fail)
    if !anchored {
      anchored = tokens.contains(.byte(slash)) || tokens.contains(.anyDirectories)
    }
    // `**/name` without another slash matches `name` at any depth: the same as the unanchored `name`.
    if anchored, tokens.first == .anyDirectories, !tokens.dropFirst(2).contains(.byte(slash)),
      !tokens.dropFirst(2).contains(.anyDirectories), !tokens.dropFirst(2).contains(.anything)
    {
      tokens.removeFirst(2)
      anchored = false
    }
    isAnchored = anchored
    strategy = GlobPattern.classify(tokens, anchored: anchored)
  }

  public var description: String { pattern }

  // MARK: Compiling

  private static func isEscaped(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
    var backslashes = 0
    var probe = index - 1
    while probe >= bytes.startIndex, bytes[probe] == backslash {
      backslashes += 1
      probe -= 1
    }
    return backslashes % 2 == 1
  }

  private static func tokenize(_ body: ArraySlice<UInt8>, fail: (String) -> GlobError) throws(GlobError) -> [Token] {
    var tokens: [Token] = []
    var index = body.startIndex
    let end = body.endIndex
    while index < end {
      let byte = body[index]
      switch byte {
      case backslash:
        guard index + 1 < end else { throw fail("trailing '\\' escapes nothing") }
        tokens.append(.byte(body[index + 1]))
        index += 2
      case star:
        var runEnd = index
        while runEnd < end, body[runEnd] == star { runEnd += 1 }
        let startsComponent = index == body.startIndex || body[index - 1] == slash
        let endsComponent = runEnd == end || body[runEnd] == slash
        if runEnd - index >= 2, startsComponent, endsComponent {
          if runEnd == end {
            tokens.append(.anything)
            index = runEnd
          } else {
            tokens.append(.anyDirectories)
            tokens.append(.directoryBody)
            index = runEnd + 1  // `**/` takes its slash
          }
        } else {
          if tokens.last != .star { tokens.append(.star) }
          index = runEnd
        }
      case UInt8(ascii: "?"):
        tokens.append(.anyByte)
        index += 1
      case UInt8(ascii: "["):
        let (token, next) = try parseSet(body, from: index, fail: fail)
        tokens.append(token)
        index = next
      default:
        tokens.append(.byte(byte))
        index += 1
      }
    }
    return tokens
  }

  /// Parses `[...]` starting at `start`; returns the token and the index after `]`.
  private static func parseSet(_ body: ArraySlice<UInt8>, from start: Int, fail: (String) -> GlobError)
    throws(GlobError) -> (Token, Int)
  {
    var index = start + 1
    let end = body.endIndex
    var negated = false
    if index < end, body[index] == UInt8(ascii: "!") || body[index] == UInt8(ascii: "^") {
      negated = true
      index += 1
    }
    var set = ByteSet()
    var first = true
    while true {
      guard index < end else { throw fail("unterminated '[' (expected ']')") }
      var byte = body[index]
      if byte == UInt8(ascii: "]"), !first { return (.set(set, negated: negated), index + 1) }
      first = false
      if byte == UInt8(ascii: "["), index + 1 < end, body[index + 1] == colon,
        let close = closingOfClass(body, from: index + 2)
      {
        let name = String(decoding: body[(index + 2)..<close], as: UTF8.self)
        guard let members = posixClass(name) else {
          throw fail(
            "unknown character class '[:\(name):]' (expected alnum, alpha, blank, cntrl, digit, graph,"
              + " lower, print, punct, space, upper or xdigit)")
        }
        for value in UInt8(0)...UInt8(127) where members(value) { set.insert(value) }
        index = close + 2
        continue
      }
      if byte == backslash {
        guard index + 1 < end else { throw fail("trailing '\\' escapes nothing") }
        index += 1
        byte = body[index]
      }
      index += 1
      if index + 1 < end, body[index] == UInt8(ascii: "-"), body[index + 1] != UInt8(ascii: "]") {
        var upper = body[index + 1]
        index += 2
        if upper == backslash {
          guard index < end else { throw fail("trailing '\\' escapes nothing") }
          upper = body[index]
          index += 1
        }
        if upper >= byte {
          for value in byte...upper { set.insert(value) }
        }
      } else {
        set.insert(byte)
      }
    }
  }

  /// The index of the `:` of the `:]` that closes a `[:name:]` class whose name starts at `start`, if any.
  private static func closingOfClass(_ body: ArraySlice<UInt8>, from start: Int) -> Int? {
    var index = start
    while index + 1 < body.endIndex {
      if body[index] == colon, body[index + 1] == UInt8(ascii: "]") { return index }
      if !ASCII.isLetter(body[index]) { return nil }
      index += 1
    }
    return nil
  }

  /// The members of a POSIX character class, as git's wildmatch knows them (ASCII only).
  private static func posixClass(_ name: String) -> ((UInt8) -> Bool)? {
    func isPunctuation(_ byte: UInt8) -> Bool {
      byte > 0x20 && byte < 0x7F && !ASCII.isLetter(byte) && !ASCII.isDigit(byte)
    }
    switch name {
    case "alnum": return { ASCII.isLetter($0) || ASCII.isDigit($0) }
    case "alpha": return { ASCII.isLetter($0) }
    case "blank": return { $0 == 0x20 || $0 == 0x09 }
    case "cntrl": return { $0 < 0x20 || $0 == 0x7F }
    case "digit": return { ASCII.isDigit($0) }
    case "graph": return { $0 > 0x20 && $0 < 0x7F }
    case "lower": return { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    case "print": return { $0 >= 0x20 && $0 < 0x7F }
    case "punct": return isPunctuation
    case "space": return { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
    case "upper": return { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    case "xdigit":
      return { ASCII.isDigit($0) || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f")) }
    default: return nil
    }
  }

  private static func classify(_ tokens: [Token], anchored: Bool) -> Strategy {
    func literalBytes(_ slice: ArraySlice<Token>) -> [UInt8]? {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(slice.count)
      for token in slice {
        guard case .byte(let byte) = token else { return nil }
        bytes.append(byte)
      }
      return bytes
    }
    if let literal = literalBytes(tokens[...]) { return .literal(literal) }
    if !anchored, tokens.first == .star, let rest = literalBytes(tokens.dropFirst()) { return .suffix(rest) }
    if !anchored, tokens.last == .star, let rest = literalBytes(tokens.dropLast()) { return .prefix(rest) }
    if anchored, tokens.last == .anything, let rest = literalBytes(tokens.dropLast()), rest.last == slash {
      return .below(rest)
    }
    return .general(tokens)
  }

  // MARK: Matching

  /// Whether the pattern matches `relativePath` (`/`-separated, relative to the matching root, without a
  /// leading `./` or `/`). Negation is not applied here: a negated pattern that matches returns `true`.
  public func matches(relativePath: String, isDirectory: Bool) -> Bool {
    matches(Array(relativePath.utf8)[...], isDirectory: isDirectory)
  }

  func matches(_ path: ArraySlice<UInt8>, isDirectory: Bool) -> Bool {
    if isDirectoryOnly && !isDirectory { return false }
    var subject = path
    if !baseBytes.isEmpty {
      guard path.count > baseBytes.count, path[path.startIndex + baseBytes.count] == slash,
        path.starts(with: baseBytes)
      else { return false }
      subject = path[(path.startIndex + baseBytes.count + 1)...]
    }
    if !isAnchored, let lastSlash = subject.lastIndex(of: slash) {
      subject = subject[(lastSlash + 1)...]
    }
    switch strategy {
    case .literal(let bytes): return subject.elementsEqual(bytes)
    case .suffix(let bytes): return subject.count >= bytes.count && subject.suffix(bytes.count).elementsEqual(bytes)
    case .prefix(let bytes): return subject.starts(with: bytes)
    case .below(let bytes): return subject.count > bytes.count && subject.starts(with: bytes)
    case .general(let tokens): return GlobPattern.run(tokens, on: subject)
    }
  }

  /// Runs the pattern as a nondeterministic automaton: `active[i]` means the first `i` tokens can match the
  /// bytes read so far. Each byte costs one pass over the tokens.
  static func run(_ tokens: [Token], on subject: ArraySlice<UInt8>) -> Bool {
    let count = tokens.count
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * (count + 1)) { buffer -> Bool in
      var current = UnsafeMutableBufferPointer(rebasing: buffer[0...count])
      var next = UnsafeMutableBufferPointer(rebasing: buffer[(count + 1)...])
      current.initialize(repeating: false)
      next.initialize(repeating: false)
      func close(_ states: UnsafeMutableBufferPointer<Bool>) {
        for index in 0..<count where states[index] {
          switch tokens[index] {
          case .star, .anything: states[index + 1] = true
          case .anyDirectories: states[index + 2] = true
          default: break
          }
        }
      }
      current[0] = true
      close(current)
      for byte in subject {
        var alive = false
        for index in 0...count { next[index] = false }
        for index in 0..<count where current[index] {
          switch tokens[index] {
          case .byte(let expected):
            if byte == expected { next[index + 1] = true }
          case .anyByte:
            if byte != slash { next[index + 1] = true }
          case .set(let set, let negated):
            if byte != slash, set.contains(byte) != negated { next[index + 1] = true }
          case .star:
            if byte != slash { next[index] = true }
          case .anyDirectories, .directoryBody:
            let body = tokens[index] == .directoryBody ? index : index + 1
            next[body] = true
            if byte == slash { next[body + 1] = true }
          case .anything:
            next[index] = true
          }
        }
        close(next)
        for index in 0...count where next[index] {
          alive = true
          break
        }
        if !alive { return false }
        swap(&current, &next)
      }
      return current[count]
    }
  }
}

/// A set of bytes as a 256-bit map.
struct ByteSet: Sendable, Equatable {
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  mutating func insert(_ byte: UInt8) {
    let bit = UInt64(1) << UInt64(byte & 63)
    switch byte >> 6 {
    case 0: words.0 |= bit
    case 1: words.1 |= bit
    case 2: words.2 |= bit
    default: words.3 |= bit
    }
  }

  func contains(_ byte: UInt8) -> Bool {
    let bit = UInt64(1) << UInt64(byte & 63)
    switch byte >> 6 {
    case 0: return words.0 & bit != 0
    case 1: return words.1 & bit != 0
    case 2: return words.2 & bit != 0
    default: return words.3 & bit != 0
    }
  }

  static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
    lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
      && lhs.words.3 == rhs.words.3
  }
}

/// Why a glob pattern could not be compiled.
public struct GlobError: Error, Sendable, Equatable, CustomStringConvertible {
  public var pattern: String
  public var message: String

  public init(pattern: String, message: String) {
    self.pattern = pattern
    self.message = message
  }

  /// `invalid pattern 'x[': unterminated '[' (expected ']')`
  public var description: String { "invalid pattern '\(pattern)': \(message)" }
}

/// An ordered list of patterns where the last one that matches a path decides, as in a `.gitignore` file.
public struct GlobSet: Sendable, Equatable {
  /// What the last matching pattern said about a path.
  public enum Verdict: Sendable, Equatable {
    case excluded
    /// A negated pattern (`!name`) matched last.
    case included
  }

  public private(set) var patterns: [GlobPattern]

  public init(_ patterns: [GlobPattern] = []) {
    self.patterns = patterns
  }

  /// Compiles `patterns` (as written in a config `exclude:` list), all relative to `base`.
  public init(patterns: [String], base: String = "") throws(GlobError) {
    var compiled: [GlobPattern] = []
    for pattern in patterns { compiled.append(try GlobPattern(pattern, base: base)) }
    self.patterns = compiled
  }

  /// One invalid line of a `.gitignore` file: its 1-based number and why.
  public struct LineError: Sendable, Equatable {
    public var line: Int
    public var error: GlobError
  }

  /// Reads a `.gitignore` file's bytes: one pattern a line (`\n`, `\r\n`), blank lines and lines starting
  /// with `#` skipped, trailing spaces dropped unless escaped with `\`, a leading byte order mark skipped.
  /// Invalid lines are skipped and returned as errors, so one bad line does not lose the rest of the file.
  public static func gitignore(_ bytes: [UInt8], base: String = "") -> (set: GlobSet, errors: [LineError]) {
    gitignore(bytes, base: Array(base.utf8))
  }

  static func gitignore(_ bytes: [UInt8], base: [UInt8]) -> (set: GlobSet, errors: [LineError]) {
    var patterns: [GlobPattern] = []
    var errors: [LineError] = []
    var lineNumber = 0
    // git skips a UTF-8 byte order mark at the start of the file.
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = rawLine
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      while line.last == UInt8(ascii: " ") {
        var backslashes = 0
        var probe = line.endIndex - 2
        while probe >= line.startIndex, line[probe] == backslash {
          backslashes += 1
          probe -= 1
        }
        if backslashes % 2 == 1 { break }
        line.removeLast()
      }
      if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
      do {
        patterns.append(try GlobPattern(bytes: Array(line), base: base))
      } catch {
        errors.append(LineError(line: lineNumber, error: error))
      }
    }
    return (GlobSet(patterns), errors)
  }

  public var isEmpty: Bool { patterns.isEmpty }

  public mutating func append(_ pattern: GlobPattern) { patterns.append(pattern) }

  /// Appends `other`'s patterns after this set's, so they take precedence (as a deeper `.gitignore` does).
  public mutating func append(contentsOf other: GlobSet) { patterns.append(contentsOf: other.patterns) }

  /// What the last pattern matching `relativePath` says, or `nil` when none matches. Only the path itself
  /// is tested, not the directories above it.
  public func verdict(relativePath: String, isDirectory: Bool) -> Verdict? {
    verdict(Array(relativePath.utf8)[...], isDirectory: isDirectory)
  }

  func verdict(_ path: ArraySlice<UInt8>, isDirectory: Bool) -> Verdict? {
    for pattern in patterns.reversed() where pattern.matches(path, isDirectory: isDirectory) {
      return pattern.isNegated ? .included : .excluded
    }
    return nil
  }

  /// Whether the last pattern matching `relativePath` excludes it (directories above are not tested; the
  /// walker never enters an excluded directory).
  public func isExcluded(relativePath: String, isDirectory: Bool) -> Bool {
    verdict(relativePath: relativePath, isDirectory: isDirectory) == .excluded
  }

  /// Whether `relativePath` or a directory above it is excluded, as git decides: once a directory is
  /// excluded, nothing below it can be re-included.
  public func isExcludedOrInExcludedDirectory(relativePath: String, isDirectory: Bool) -> Bool {
    isExcludedOrInExcludedDirectory(Array(relativePath.utf8)[...], isDirectory: isDirectory)
  }

  func isExcludedOrInExcludedDirectory(_ path: ArraySlice<UInt8>, isDirectory: Bool) -> Bool {
    if patterns.isEmpty { return false }
    var index = path.startIndex
    while let slashIndex = path[index...].firstIndex(of: slash) {
      if slashIndex > path.startIndex, verdict(path[..<slashIndex], isDirectory: true) == .excluded { return true }
      index = slashIndex + 1
    }
    return verdict(path, isDirectory: isDirectory) == .excluded
  }
}

private let slash = UInt8(ascii: "/")
private let backslash = UInt8(ascii: "\\")
private let star = UInt8(ascii: "*")
private let colon = UInt8(ascii: ":")
