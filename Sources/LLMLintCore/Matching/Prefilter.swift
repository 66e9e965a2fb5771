/// A literal prefilter: decides from a file's raw bytes, much faster than tokenizing it, whether the file
/// can produce a finding at all. A file it rejects is not tokenized.
///
/// The rule set compiles once into per-language *anchors*:
/// - *callee anchors*, the callee names of every pattern of the language. A call matches a pattern only
///   when its callee token is the pattern's last segment and the next code token is `(`, or when (Python)
///   the callee is an alias whose import names the anchor: `from m import completion as ask`,
///   `import a.completion as ask`. So a callee anchor counts only where the next bytes, after blanks,
///   line breaks and `\` (and a Swift backtick), are `(`, a comment start (`#`; Swift `/`), Swift `<`, or
///   (Python) the word `as`.
/// - *word anchors*, which count wherever they stand: `llmlint` in any case, for suppression comments
///   (which yield findings of their own when unused or malformed), and `extraAnchors` (say, host names of
///   raw HTTP calls, as identifier words).
///
/// The scan is a superset of the tokenizers' identifiers, so it never rejects a file that has a finding:
/// it looks at every maximal run of ASCII identifier bytes (`A-Z a-z 0-9 _`) anywhere in the file —
/// comments and strings included — and treats every other byte, non-ASCII ones included, as a boundary.
/// A run that starts with a letter or `_` is looked up whole (an identifier token is never shorter than
/// its run: both tokenizers extend a name over every ASCII identifier byte). A run that starts with a digit
/// may be a number followed by a name (`1if`, `0xaspeech` in Python), so each of its suffixes of an anchor
/// length is looked up. Time is linear in the file's size; nothing is allocated per file.
public struct Prefilter: Sendable {
  /// What an anchor needs around it to count.
  enum Kind: UInt8, Sendable {
    /// Counts only where a call or an import alias can follow it.
    case callee = 1
    /// Counts wherever it stands as a whole word.
    case word = 2
  }

  /// Per language (indexed by `Language.tableIndex`): the anchors, exact bytes.
  private var anchors: [NameTable<Kind>]
  /// Per language: word anchors matched without regard to ASCII case, stored in lower case.
  private var foldedAnchors: [NameTable<Kind>]
  /// Per language, 256 x 2 entries: for each first byte, then each last byte, the set of anchor lengths
  /// (bit `min(length, 63)`) starting / ending with that byte. Both must hold before a lookup.
  private var edgeLengths: [[UInt64]]
  /// Per language: every anchor length, for the suffixes of digit-led runs.
  private var lengths: [UInt64]

  /// The word that starts a suppression comment; matched in any case.
  public static let suppressionWord: [UInt8] = Array("llmlint".utf8)

  /// Compiles the callee names of `ruleSet`'s patterns (enabled or not) into callee anchors, and `llmlint` and
  /// `extraAnchors` (exact, per language) into word anchors; an anchor that is not an ASCII identifier is
  /// ignored.
  public init(ruleSet: RuleSet, extraAnchors: [Language: [[UInt8]]] = [:]) {
    let count = Language.allCases.count
    anchors = Array(repeating: NameTable(), count: count)
    foldedAnchors = Array(repeating: NameTable(), count: count)
    edgeLengths = Array(repeating: Array(repeating: 0, count: 512), count: count)
    lengths = Array(repeating: 0, count: count)
    for language in Language.allCases {
      for (name, _) in ruleSet.calleeTables[language.tableIndex].entries {
        add(name, .callee, language: language, folded: false)
      }
      for name in extraAnchors[language] ?? [] { add(name, .word, language: language, folded: false) }
      add(Self.suppressionWord, .word, language: language, folded: true)
    }
  }

  private mutating func add(_ name: [UInt8], _ kind: Kind, language: Language, folded: Bool) {
    guard let first = name.first, ASCII.isIdentifierStart(first), name.allSatisfy(ASCII.isIdentifierContinue)
    else { return }
    let index = language.tableIndex
    let bit = Self.lengthBit(name.count)
    lengths[index] |= bit
    if folded {
      let lower = name.map(Self.lowercased)
      foldedAnchors[index].insert(lower, kind) { $0.rawValue >= $1.rawValue ? $0 : $1 }
      for byte in Set([lower[0], lower[0] & ~0x20]) { edgeLengths[index][Int(byte)] |= bit }
      let last = lower[lower.count - 1]
      for byte in Set([last, ASCII.isLetter(last) ? last & ~0x20 : last]) { edgeLengths[index][256 + Int(byte)] |= bit }
    } else {
      // A name that is both kinds counts as a word (the weaker condition).
      anchors[index].insert(name, kind) { $0.rawValue >= $1.rawValue ? $0 : $1 }
      edgeLengths[index][Int(name[0])] |= bit
      edgeLengths[index][256 + Int(name[name.count - 1])] |= bit
    }
  }

  @inline(__always) private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

  @inline(__always) private static func lowercased(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  /// Whether `byte` is an ASCII identifier byte: a letter, a digit or `_`.
  @inline(__always) private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
  }

  /// Whether `source`, a file in `language`, holds an anchor as a whole ASCII identifier run (or as the tail of
  /// a digit-led run). `false` means the file has no finding; `true` means it must be linted. An empty
  /// buffer has no anchor.
  public func mayMatch(_ source: UnsafeBufferPointer<UInt8>, language: Language) -> Bool {
    guard let base = source.baseAddress, !source.isEmpty else { return false }
    let index = language.tableIndex
    return edgeLengths[index].withUnsafeBufferPointer { edges -> Bool in
      let count = source.count
      var position = 0
      // The start of the identifier run being read, or -1 between runs.
      var runStart = -1
      // Eight bytes at a time (SWAR): a bit per byte says whether it is an identifier byte; runs start and
      // end where that bit changes, found with trailing-zero counts rather than a branch per byte.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = ones &* 0x80
      let low: UInt64 = ones &* 0x7F
      while position &+ 8 <= count {
        let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
        let ascii = word & low
        let folded = ascii | (ones &* 0x20)
        // Per byte, the high bit is set when the (7-bit) value is in range; no carry crosses a byte.
        let letter = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x7F - 0x7A))
        let digit = (ascii &+ ones &* (0x80 - 0x30)) & ~(ascii &+ ones &* (0x7F - 0x39))
        let underscore = ~((ascii ^ (ones &* 0x5F)) &+ low)
        let isWord = (letter | digit | underscore) & high & ~word
        let before = (isWord << 8) | (runStart >= 0 ? 0x80 : 0)
        var changes = (isWord ^ before) & high
        while changes != 0 {
          let bit = changes.trailingZeroBitCount
          changes &= changes &- 1
          let at = position &+ (bit >> 3)
          if runStart < 0 {
            runStart = at
          } else {
            if isAnchorRun(source, start: runStart, end: at, index: index, edges: edges) { return true }
            runStart = -1
          }
        }
        position &+= 8
      }
      while position < count {
        if Self.isWordByte(base[position]) {
          if runStart < 0 { runStart = position }
        } else if runStart >= 0 {
          if isAnchorRun(source, start: runStart, end: position, index: index, edges: edges) { return true }
          runStart = -1
        }
        position += 1
      }
      return runStart >= 0 && isAnchorRun(source, start: runStart, end: count, index: index, edges: edges)
    }
  }

  /// Whether the maximal identifier run `start..<end` is, or (when it starts with a digit) ends in, an
  /// anchor of language `index` that counts where it stands.
  @inline(__always) private func isAnchorRun(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, end: Int, index: Int, edges: UnsafeBufferPointer<UInt64>
  ) -> Bool {
    let length = end - start
    guard source[start] &- 0x30 < 10 else {
      return isAnchor(source, start: start, count: length, index: index, edges: edges)
    }
    // A number may end where a name begins: try every suffix of an anchor length that starts a name.
    let allLengths = lengths[index]
    var candidates = allLengths & (Self.lengthBit(length) &- 1)
    while candidates != 0 {
      let suffix = candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      guard suffix < 63 else { continue }
      if isAnchor(source, start: end - suffix, count: suffix, index: index, edges: edges) { return true }
    }
    // A 63+ byte anchor inside a long digit-led run: check it the slow way.
    if allLengths >> 63 != 0, length > 63 {
      for suffixStart in (start + 1)..<(end - 62)
      where isAnchor(source, start: suffixStart, count: end - suffixStart, index: index, edges: edges) {
        return true
      }
    }
    return false
  }

  /// Whether the `count` bytes at `start` (a run, or the tail of one, ending at `start + count`) are an anchor
  /// of language `index` that counts where it stands.
  @inline(__always) private func isAnchor(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, count: Int, index: Int, edges: UnsafeBufferPointer<UInt64>
  ) -> Bool {
    let bit = Self.lengthBit(count)
    guard edges[Int(source[start])] & bit != 0, edges[256 + Int(source[start + count - 1])] & bit != 0 else {
      return false
    }
    if let kind = anchors[index].lookup(source, start: start, count: count) {
      if kind == .word || Self.callCanFollow(source, at: start + count, language: index) { return true }
    }
    let folded = foldedAnchors[index]
    guard count <= 64, !folded.isEmpty else { return false }
    // Lower-case the run into a small stack buffer and look that up.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { lower -> Bool in
      for offset in 0..<count { lower[offset] = Self.lowercased(source[start + offset]) }
      return folded.lookup(UnsafeBufferPointer(lower), start: 0, count: count) != nil
    }
  }

  /// Whether the bytes from `position` (just after a callee anchor) can continue it into a call or, in
  /// Python, an import alias: after blanks, line breaks and `\` (and Swift backticks) comes `(`, a comment
  /// start, Swift `<`, or Python's `as`. Liberal on purpose: it only has to be a superset of the tokenizers.
  @inline(__always) private static func callCanFollow(_ source: UnsafeBufferPointer<UInt8>, at position: Int, language: Int)
    -> Bool
  {
    var position = position
    let count = source.count
    while position < count {
      switch source[position] {
      case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x5C: position += 1  // blanks, line breaks, `\`
      case 0x60 where language == Language.swift.tableIndex: position += 1  // a backtick
      default:
        let byte = source[position]
        if byte == UInt8(ascii: "(") { return true }
        if language == Language.python.tableIndex {
          if byte == UInt8(ascii: "#") { return true }
          // `as`, as a whole word.
          return byte == UInt8(ascii: "a") && position + 1 < count && source[position + 1] == UInt8(ascii: "s")
            && (position + 2 == count || !isWordByte(source[position + 2]))
        }
        return byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<")
      }
    }
    return false
  }
}
