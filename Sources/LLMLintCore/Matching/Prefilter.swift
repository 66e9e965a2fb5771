/// A literal prefilter: decides from a file's raw bytes, much faster than tokenizing it, whether the file
/// can produce a finding at all. A file it rejects is not tokenized.
///
/// The rule set compiles once into per-language *anchors*:
/// - *callee anchors*, the callee names of every pattern of the language. A call matches a pattern only
///   when its callee token is the pattern's last segment and the next code token is `(`, or when (Python)
///   the callee is an alias whose import names the anchor: `from m import completion as ask`,
///   `import a.completion as ask`, or when (Python) it is the literal of `getattr(receiver, "create")(`.
///   So a callee anchor counts only where the next bytes, after blanks, line breaks and `\` (and a Swift
///   backtick), are `(`, a comment start (`#`; Swift `/`), Swift `<`, or (Python) a closing quote or the word
///   `as`.
/// - *companion words*, which a callee anchor may need somewhere in the file: the segment before the callee
///   (`completions` for `*.chat.completions.create`; after alias resolution and SDK infixes, and in a chain
///   written through a name bound to a prefix of it or through `getattr`, it is still a word of the file: in
///   the chain, the binding, a `getattr` literal or an import), and for an import-gated rule the last segment of
///   one of its modules (`anthropic`). A callee anchor counts once one of its patterns has all it needs.
/// - *endpoints*, one of which a callee anchor of a raw HTTP rule needs: a finding of such a rule names an
///   LLM endpoint (`api.openai.com`, `/v1/messages`) found in a string of the file, ASCII case-insensitively.
///   Each endpoint is found through one of its words, which every text holding the endpoint holds in any
///   case: a run bounded inside the endpoint on both sides (`openai`, `v1`), or, for an endpoint with none
///   (`:generateContent`), the start of a run. Where the word stands, the bytes around it are compared with
///   the whole endpoint. A language whose raw HTTP calls send a `URLRequest` (Swift) builds URLs from
///   components (`appendingPathComponent("embeddings")`), so there a rule path's last word, whole, counts too.
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
///
/// A new source of findings that does not go through these anchors (say, facts about other files, or raw
/// HTTP calls to an LLM host) must bring its words in through `extraAnchors` or a new requirement here, or
/// the prefilter hides its findings; `PrefilterTests` lints every fixture with and without it.
public struct Prefilter: Sendable {
  /// What a name is to the prefilter (it may be several of these at once).
  struct Entry: Sendable {
    /// Index into the language's `requirements` when the name is a callee anchor, or -1.
    var callee: Int32 = -1
    /// The name's bit among the language's companion words, or 0.
    var companion: UInt64 = 0
    /// Whether the name counts wherever it stands (a word anchor).
    var isWord = false
    /// Index into the language's `endpointChecks` when the name is the word of an endpoint, or -1.
    var endpoint: Int32 = -1
  }

  /// An endpoint to compare with the bytes around its word: the word starts `offset` bytes into it.
  struct EndpointCheck: Sendable {
    var endpoint: [UInt8]
    var offset: Int
  }

  /// The companion bit that an endpoint found sets.
  static let endpointBit: UInt64 = 1

  /// What one pattern of a callee anchor needs besides the anchor: one of `companions`, one of `gates` and
  /// one of `endpoints` (bits of companion words) present in the file; 0 means no condition.
  struct Requirement: Sendable, Equatable {
    var companions: UInt64
    var gates: UInt64
    var endpoints: UInt64 = 0

    @inline(__always) func isMet(_ seen: UInt64) -> Bool {
      (companions == 0 || seen & companions != 0) && (gates == 0 || seen & gates != 0)
        && (endpoints == 0 || seen & endpoints != 0)
    }
  }

  /// Per language (indexed by `Language.tableIndex`): the names, exact bytes.
  private var anchors: [NameTable<Entry>]
  /// Per language: word anchors matched without regard to ASCII case, stored in lower case.
  private var foldedAnchors: [NameTable<Entry>]
  /// Per language, per callee anchor: the requirements of its patterns (any one will do).
  private var requirements: [[[Requirement]]]
  /// Per language, 256 x 4 entries: for each first byte, then each last byte, the set of name lengths
  /// (bit `min(length, 63)`) starting / ending with that byte — for the exact words, then (from 512) for the
  /// words matched in any case. Both must hold before a lookup in that table.
  private var edgeLengths: [[UInt64]]
  /// Per language: every name length, for the suffixes of digit-led runs.
  private var lengths: [UInt64]
  /// Per language: the lengths of endpoint words that count as the start of a longer run.
  private var prefixLengths: [UInt64]
  /// Per language, per endpoint word: the endpoints to compare where it stands.
  private var endpointChecks: [[[EndpointCheck]]]

  /// Callee anchors past this many per language count without conditions (the scan tracks the pending
  /// ones in a fixed bit set).
  static let maximumConditionalCallees = 256

  /// The word that starts a suppression comment; matched in any case.
  public static let suppressionWord: [UInt8] = Array("llmlint".utf8)

  /// Compiles the callee names of `ruleSet`'s patterns (enabled or not) into callee anchors with their
  /// companion and endpoint words, and `llmlint` and `extraAnchors` (exact, per language) into word anchors;
  /// a name that is not an ASCII identifier is ignored (a requirement on it is dropped, which only makes the
  /// filter let more through).
  public init(ruleSet: RuleSet, extraAnchors: [Language: [[UInt8]]] = [:]) {
    let count = Languages.ruleLanguages.count
    anchors = Array(repeating: NameTable(), count: count)
    foldedAnchors = Array(repeating: NameTable(), count: count)
    requirements = Array(repeating: [], count: count)
    edgeLengths = Array(repeating: Array(repeating: 0, count: 1024), count: count)
    lengths = Array(repeating: 0, count: count)
    prefixLengths = Array(repeating: 0, count: count)
    endpointChecks = Array(repeating: [], count: count)
    // Every endpoint must give a word, or a raw HTTP call needs none.
    let paths = Set(ruleSet.httpPathNeedles.joined()).subtracting(ruleSet.httpNeedles)
    let endpointWords = ruleSet.prefilterEndpointNeedles.map { Self.endpointWord($0, isPath: paths.contains($0)) }
    let endpoints = !endpointWords.isEmpty && !endpointWords.contains { $0 == nil } ? Self.endpointBit : 0
    for language in Language.allCases {
      let index = language.tableIndex
      var companionBits: [[UInt8]: UInt64] = [:]
      // The bit of a companion word, or 0 (no condition) when it is not an identifier or 63 are taken (the
      // lowest bit is the endpoint bit).
      func companion(_ name: [UInt8]) -> UInt64 {
        if let bit = companionBits[name] { return bit }
        guard Self.isIdentifier(name), companionBits.count < 63 else { return 0 }
        let bit = Self.endpointBit << UInt64(companionBits.count + 1)
        companionBits[name] = bit
        add(name, language: language, folded: false) { $0.companion = bit }
        return bit
      }
      var languageEndpoints = endpoints
      if endpoints != 0 {
        var checks: [[UInt8]: Int] = [:]
        func check(_ word: [UInt8], _ endpoint: EndpointCheck) {
          let position = checks[word] ?? endpointChecks[index].count
          if position == endpointChecks[index].count {
            checks[word] = position
            endpointChecks[index].append([])
            add(word, language: language, folded: true) { $0.endpoint = Int32(position) }
          }
          endpointChecks[index][position].append(endpoint)
        }
        for (needle, found) in zip(ruleSet.prefilterEndpointNeedles, endpointWords) {
          guard let (range, isPrefix) = found else { continue }
          check(Array(needle[range]), EndpointCheck(endpoint: needle, offset: range.lowerBound))
          if isPrefix { prefixLengths[index] |= Self.lengthBit(range.count) }
        }
        // A URLRequest's URL may be built from path components (`appendingPathComponent("embeddings")`,
        // `appending(components: "chat", "completions")`): the file holds a rule path's last word, as a whole
        // run, but not always the path. Without such a word, a raw HTTP call of the language needs none.
        if language.syntax.urlRequests {
          var pathNeedles: [[UInt8]] = []
          for needle in ruleSet.httpPathNeedles.joined() where !pathNeedles.contains(needle) {
            pathNeedles.append(needle)
          }
          for needle in pathNeedles {
            guard let run = Self.lastWord(needle) else {
              languageEndpoints = 0
              break
            }
            let word = Array(needle[run])
            check(word, EndpointCheck(endpoint: word, offset: 0))
          }
        }
      }
      for (name, references) in ruleSet.calleeTables[index].entries where Self.isIdentifier(name) {
        var needs: [Requirement] = []
        for reference in references {
          let rule = ruleSet.rules[reference.rule]
          let segments = rule.patterns[reference.pattern].segments
          var requirement = Requirement(companions: 0, gates: 0, endpoints: rule.isHTTP ? languageEndpoints : 0)
          if segments.count >= 2 { requirement.companions = companion(segments[segments.count - 2]) }
          for module in rule.imports {
            let last = Array((module.split(separator: ".").last ?? "").utf8)
            let bit = companion(last)
            if bit == 0 {
              requirement.gates = 0
              break
            }
            requirement.gates |= bit
          }
          if !needs.contains(requirement) { needs.append(requirement) }
        }
        if requirements[index].count >= Self.maximumConditionalCallees {
          needs = [Requirement(companions: 0, gates: 0)]
        }
        let callee = Int32(requirements[index].count)
        requirements[index].append(needs)
        add(name, language: language, folded: false) { $0.callee = callee }
      }
      for name in extraAnchors[language] ?? [] where Self.isIdentifier(name) {
        add(name, language: language, folded: false) { $0.isWord = true }
      }
      add(Self.suppressionWord, language: language, folded: true) { $0.isWord = true }
    }
  }

  private static func isIdentifier(_ name: [UInt8]) -> Bool {
    guard let first = name.first, ASCII.isIdentifierStart(first) else { return false }
    return name.allSatisfy(ASCII.isIdentifierContinue)
  }

  /// The word (a range of `needle`, an endpoint, lower-cased) that every text holding the needle holds too,
  /// ASCII case-insensitively, as the scan sees it: the longest identifier run of the needle with a
  /// non-identifier byte of the needle on both sides, whole (`openai` for `api.openai.com`, `v1` for
  /// `/v1/messages`); or, failing that, its last run when a byte of the needle precedes it, as the start of a
  /// run (`generatecontent` for `:generatecontent`, `isPrefix`). `nil` when the needle has neither, or the
  /// word does not start with a letter or `_` (the scan looks digit-led runs up only in part).
  static func endpointWord(_ needle: [UInt8], isPath: Bool = false) -> (word: Range<Int>, isPrefix: Bool)? {
    var runs: [Range<Int>] = []
    var start = -1
    for (position, byte) in needle.enumerated() {
      if isWordByte(byte) {
        if start < 0 { start = position }
      } else if start >= 0 {
        runs.append(start..<position)
        start = -1
      }
    }
    if start >= 0 { runs.append(start..<needle.count) }
    func usable(_ run: Range<Int>) -> Bool { ASCII.isIdentifierStart(needle[run.lowerBound]) && run.count < 63 }
    // A rule's URL path (`/v1/embeddings`, `http-paths`) counts only at the end of a URL
    // (`CallMatcher.suffixNeedle`): each of its words is a whole run there, so its longest is looked up as a
    // word, never as the start of a longer run (an endpoint is matched anywhere in a string: not so).
    if isPath {
      return runs.filter(usable).max(by: { $0.count < $1.count }).map { ($0, false) }
    }
    let inner = runs.filter { $0.lowerBound > 0 && $0.upperBound < needle.count && usable($0) }
    if let longest = inner.max(by: { $0.count < $1.count }) { return (longest, false) }
    if let last = runs.last, last.lowerBound > 0, usable(last) { return (last, true) }
    return nil
  }

  /// The last identifier run of `needle` (a URL path), when it starts with a letter or `_` and is shorter than
  /// 63 bytes (the scan looks it up whole); else `nil`.
  static func lastWord(_ needle: [UInt8]) -> Range<Int>? {
    var end = needle.count
    while end > 0, !isWordByte(needle[end - 1]) { end -= 1 }
    var start = end
    while start > 0, isWordByte(needle[start - 1]) { start -= 1 }
    guard start < end, ASCII.isIdentifierStart(needle[start]), end - start < 63 else { return nil }
    return start..<end
  }

  /// Records `name` (an ASCII identifier) for `language`, updating its entry with `update`.
  private mutating func add(_ name: [UInt8], language: Language, folded: Bool, _ update: (inout Entry) -> Void) {
    let index = language.tableIndex
    let bit = Self.lengthBit(name.count)
    lengths[index] |= bit
    let key = folded ? name.map(Self.lowercased) : name
    var entry = (folded ? foldedAnchors[index][key] : anchors[index][key]) ?? Entry()
    update(&entry)
    if folded {
      foldedAnchors[index].insert(key, entry)
      for byte in Set([key[0], key[0] & ~0x20]) { edgeLengths[index][512 + Int(byte)] |= bit }
      let last = key[key.count - 1]
      for byte in Set([last, ASCII.isLetter(last) ? last & ~0x20 : last]) { edgeLengths[index][768 + Int(byte)] |= bit }
    } else {
      anchors[index].insert(key, entry)
      edgeLengths[index][Int(key[0])] |= bit
      edgeLengths[index][256 + Int(key[key.count - 1])] |= bit
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

  /// Whether `source`, a file in `language`, holds a word anchor, or a callee anchor that counts together
  /// with what one of its patterns needs, each as a whole ASCII identifier run (or as the tail of a digit-led
  /// run). `false` means the file has no finding; `true` means it must be linted. An empty buffer has none.
  public func mayMatch(_ source: UnsafeBufferPointer<UInt8>, language: Language) -> Bool {
    guard let base = source.baseAddress, !source.isEmpty else { return false }
    let index = language.tableIndex
    return edgeLengths[index].withUnsafeBufferPointer { edges -> Bool in
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.maximumConditionalCallees / 64) { pending in
        pending.initialize(repeating: 0)
        var state = ScanState(
          edges: edges, pending: pending, language: index, follow: Follow(language.syntax), table: anchors[index],
          folded: foldedAnchors[index],
          requirements: requirements[index], lengths: lengths[index], prefixLengths: prefixLengths[index])
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
              if visitRun(source, start: runStart, end: at, &state) { return true }
              runStart = -1
            }
          }
          position &+= 8
        }
        while position < count {
          if Self.isWordByte(base[position]) {
            if runStart < 0 { runStart = position }
          } else if runStart >= 0 {
            if visitRun(source, start: runStart, end: position, &state) { return true }
            runStart = -1
          }
          position += 1
        }
        return runStart >= 0 && visitRun(source, start: runStart, end: count, &state)
      }
    }
  }

  /// What the scan of one file has seen so far.
  private struct ScanState {
    let edges: UnsafeBufferPointer<UInt64>
    /// Callee anchors met whose requirements were not met yet, a bit per callee.
    let pending: UnsafeMutableBufferPointer<UInt64>
    let language: Int
    /// What may follow a callee name in the language (from its `LanguageSyntax`).
    let follow: Follow
    // The language's tables, taken once per file (not per run: that would retain and release them each time).
    let table: NameTable<Entry>
    let folded: NameTable<Entry>
    let requirements: [[Requirement]]
    let lengths: UInt64
    let prefixLengths: UInt64
    /// Companion words met.
    var seen: UInt64 = 0
    var anyPending = false
  }

  /// Visits the maximal identifier run `start..<end` or, when it starts with a digit, each suffix of a name
  /// length; returns whether the file must be linted.
  @inline(__always) private func visitRun(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, end: Int, _ state: inout ScanState
  ) -> Bool {
    let length = end - start
    guard source[start] &- 0x30 < 10 else {
      if visit(source, start: start, count: length, &state) { return true }
      return state.prefixLengths != 0 && visitPrefixes(source, start: start, end: end, &state)
    }
    // A number may end where a name begins: try every suffix of a name length that starts a name.
    let allLengths = state.lengths
    var candidates = allLengths & (Self.lengthBit(length) &- 1)
    while candidates != 0 {
      let suffix = candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      guard suffix < 63 else { continue }
      if visit(source, start: end - suffix, count: suffix, &state) { return true }
    }
    // A 63+ byte name inside a long digit-led run: check it the slow way.
    if allLengths >> 63 != 0, length > 63 {
      for suffixStart in (start + 1)..<(end - 62)
      where visit(source, start: suffixStart, count: end - suffixStart, &state) {
        return true
      }
    }
    return false
  }

  /// Visits the `count` bytes at `start` (a run, or the tail of one, ending at `start + count`); returns
  /// whether the file must be linted.
  @inline(__always) private func visit(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, count: Int, _ state: inout ScanState
  ) -> Bool {
    let bit = Self.lengthBit(count)
    let (first, last) = (Int(source[start]), Int(source[start + count - 1]))
    // The exact words' edges, then the folded words' own: a run that can be neither is not looked up, and
    // one that can only be an exact word is not lower-cased for the folded table.
    if state.edges[first] & bit != 0, state.edges[256 + last] & bit != 0,
      let entry = state.table.lookup(source, start: start, count: count)
    {
      if entry.isWord { return true }
      if entry.companion != 0, state.seen & entry.companion == 0 {
        state.seen |= entry.companion
        if state.anyPending, pendingCalleeIsNowMet(state) { return true }
      }
      if entry.callee >= 0, Self.callCanFollow(source, at: start + count, state.follow) {
        let callee = Int(entry.callee)
        if state.requirements[callee].contains(where: { $0.isMet(state.seen) }) { return true }
        state.pending[callee >> 6] |= 1 << UInt64(callee & 63)
        state.anyPending = true
      }
    }
    guard state.edges[512 + first] & bit != 0, state.edges[768 + last] & bit != 0 else { return false }
    return visitFolded(source, start: start, count: count, &state)
  }

  /// Looks the `count` bytes at `start` up among the words matched in any case; returns whether the file
  /// must be linted.
  private func visitFolded(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, count: Int, _ state: inout ScanState
  ) -> Bool {
    let folded = state.folded
    guard count <= 64, !folded.isEmpty else { return false }
    // Lower-case the run into a small stack buffer and look that up.
    let entry = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { lower -> Entry? in
      for offset in 0..<count { lower[offset] = Self.lowercased(source[start + offset]) }
      return folded.lookup(UnsafeBufferPointer(lower), start: 0, count: count)
    }
    guard let entry else { return false }
    if entry.isWord { return true }
    if entry.endpoint >= 0, state.seen & Self.endpointBit == 0,
      endpointChecks[state.language][Int(entry.endpoint)].contains(where: { Self.holds(source, $0, wordAt: start) })
    {
      state.seen |= Self.endpointBit
      if state.anyPending, pendingCalleeIsNowMet(state) { return true }
    }
    return false
  }

  /// Whether `source` holds the check's endpoint, ASCII case-insensitively, where its word starts at `start`.
  private static func holds(_ source: UnsafeBufferPointer<UInt8>, _ check: EndpointCheck, wordAt start: Int) -> Bool {
    let begin = start - check.offset
    guard begin >= 0, begin + check.endpoint.count <= source.count else { return false }
    for (offset, byte) in check.endpoint.enumerated() where lowercased(source[begin + offset]) != byte { return false }
    return true
  }

  /// Looks up the starts of the run `start..<end` (led by a letter or `_`) that have the length of an
  /// endpoint word matched as the start of a run.
  private func visitPrefixes(
    _ source: UnsafeBufferPointer<UInt8>, start: Int, end: Int, _ state: inout ScanState
  ) -> Bool {
    var candidates = state.prefixLengths & (Self.lengthBit(end - start) &- 1)
    while candidates != 0 {
      let length = candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      let bit = Self.lengthBit(length)
      guard state.edges[512 + Int(source[start])] & bit != 0,
        state.edges[768 + Int(source[start + length - 1])] & bit != 0
      else { continue }
      if visitFolded(source, start: start, count: length, &state) { return true }
    }
    return false
  }

  /// Whether a callee anchor met earlier has a requirement met by the companion words seen now.
  private func pendingCalleeIsNowMet(_ state: ScanState) -> Bool {
    let needs = state.requirements
    for (word, bits) in state.pending.enumerated() {
      var remaining = bits
      while remaining != 0 {
        let callee = word * 64 + remaining.trailingZeroBitCount
        remaining &= remaining &- 1
        if needs[callee].contains(where: { $0.isMet(state.seen) }) { return true }
      }
    }
    return false
  }

  /// A language's `prefilterSkips`, `prefilterFollowers` (ASCII bytes, as bit sets) and `prefilterAliases`.
  struct Follow {
    var skips: (UInt64, UInt64) = (0, 0)
    var followers: (UInt64, UInt64) = (0, 0)
    var aliases: Bool

    init(_ syntax: LanguageSyntax) {
      aliases = syntax.prefilterAliases
      for byte in syntax.prefilterSkips where byte < 128 { Self.insert(&skips, byte) }
      for byte in syntax.prefilterFollowers where byte < 128 { Self.insert(&followers, byte) }
    }

    private static func insert(_ set: inout (UInt64, UInt64), _ byte: UInt8) {
      if byte < 64 { set.0 |= 1 << UInt64(byte) } else { set.1 |= 1 << UInt64(byte - 64) }
    }

    @inline(__always) static func contains(_ set: (UInt64, UInt64), _ byte: UInt8) -> Bool {
      byte < 64 ? set.0 >> UInt64(byte) & 1 != 0 : byte < 128 ? set.1 >> UInt64(byte - 64) & 1 != 0 : false
    }
  }

  /// Whether the bytes from `position` (just after a callee anchor) can continue it into a call or, in
  /// Python, an import alias: after blanks, line breaks and `\` (and Swift backticks) comes `(`, a comment
  /// start, Swift `<`, or Python's closing quote (a `getattr` literal) or `as`. Liberal on purpose: it only has
  /// to be a superset of the tokenizers.
  @inline(__always) private static func callCanFollow(
    _ source: UnsafeBufferPointer<UInt8>, at position: Int, _ follow: Follow
  )
    -> Bool
  {
    var position = position
    let count = source.count
    while position < count {
      switch source[position] {
      case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x5C: position += 1  // blanks, line breaks, `\`
      default:
        let byte = source[position]
        if byte == UInt8(ascii: "(") { return true }
        if Follow.contains(follow.skips, byte) {
          position += 1
          continue
        }
        if Follow.contains(follow.followers, byte) { return true }
        // `as`, as a whole word.
        return follow.aliases && byte == UInt8(ascii: "a") && position + 1 < count
          && source[position + 1] == UInt8(ascii: "s") && (position + 2 == count || !isWordByte(source[position + 2]))
      }
    }
    return false
  }
}
