import Foundation
import Testing

@testable import LLMLintCore

/// Compares `PythonTokenizer` with CPython's own `tokenize` module, token by token (class, text, start and
/// end line and column), over every `.py` file of CPython's standard library (`site-packages` excluded), and
/// over a corpus of edge cases.
///
/// One Python process walks a directory and streams a compact dump (see `dumpScript`) while the test
/// tokenizes each file as soon as its dump is complete. The interpreter is `python3.13` (pyenv 3.13.0) or
/// `$LLMLINT_PYTHON`; a missing interpreter fails the test. Files CPython's tokenizer rejects are skipped and
/// listed.
///
/// CPython's output goes through a few normalisations before the comparison, each an intentional difference
/// documented in `normalize(_:)`: nothing else may differ.
@Suite struct CPythonDifferentialTests {
  @Test func checksumMatchesZlib() {
    let text = Array("hello, world".utf8)
    #expect(text.withUnsafeBufferPointer(crc32) == 0xFFAB_723A)  // zlib.crc32(b"hello, world")
  }

  /// The standard library, or the tree `$LLMLINT_DIFFERENTIAL_ROOT` names (for checks by hand).
  @Test func agreesWithCPythonTokenizeOnTheStandardLibrary() throws {
    let root = ProcessInfo.processInfo.environment["LLMLINT_DIFFERENTIAL_ROOT"]
    guard let comparison = try compareWithCPython(root: root) else { return }
    #expect(comparison.filesCompared > 0)
  }

  /// Edge cases the standard library lacks, each also with CRLF line endings; CPython must accept them all.
  @Test func agreesWithCPythonTokenizeOnEdgeCases() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "llmlint-python-edge-cases-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Difference 7 (no normalisation, the case is left out): in a single-quoted f-string a line break ends the
    // format spec; CPython's `tokenize`, which reads lines untranslated, takes the CR of a CRLF there for spec
    // text and only the LF for the NL. For us (and for CPython's compiler, which translates line breaks first)
    // CR LF is one line break.
    let lineFeedOnly: Set = ["fspec_nl"]
    for (name, source) in edgeCases {
      let lineFeeds = source.replacing("\r\n", with: "\n")
      try Data(lineFeeds.utf8).write(to: directory.appendingPathComponent("\(name).py"))
      guard !lineFeedOnly.contains(name) else { continue }
      try Data(lineFeeds.replacing("\n", with: "\r\n").utf8).write(
        to: directory.appendingPathComponent("\(name)_crlf.py"))
    }
    guard let comparison = try compareWithCPython(root: directory.path) else { return }
    #expect(comparison.filesCompared == edgeCases.count * 2 - lineFeedOnly.count)
    #expect(comparison.skipped.isEmpty)
  }
}

/// Runs CPython over `root` (the standard library if `nil`) and compares; records every problem as an issue.
/// Returns `nil` if CPython could not run.
private func compareWithCPython(
  root: String?, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Comparison? {
  let clock = ContinuousClock()
  let started = clock.now
  let environment = ProcessInfo.processInfo.environment
  let python = environment["LLMLINT_PYTHON"] ?? "python3.13"
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [python, "-c", dumpScript] + [root].compactMap { $0 }
  var childEnvironment = environment
  if environment["LLMLINT_PYTHON"] == nil {
    // The default interpreter is pyenv's 3.13.0 (harmless without pyenv); with LLMLINT_PYTHON, the caller's
    // environment decides.
    childEnvironment["PYENV_VERSION"] = "3.13.0"
  }
  process.environment = childEnvironment
  let output = Pipe()
  let errors = Pipe()
  process.standardOutput = output
  process.standardError = errors
  do {
    try process.run()
  } catch {
    Issue.record(
      "cannot start \(python) (set LLMLINT_PYTHON to a Python 3.12+ interpreter): \(error)",
      sourceLocation: sourceLocation)
    return nil
  }

  var comparison = Comparison()
  var reader = DumpReader()
  let handle = output.fileHandleForReading
  while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
    reader.append(chunk)
    while let record = reader.nextRecord() {
      if case .header(let header) = record, !header.isPython312OrLater {
        Issue.record(
          "\(python) is Python \(header.version); the comparison needs 3.12+ (PEP 701 f-string tokens); set LLMLINT_PYTHON",
          sourceLocation: sourceLocation)
        // Not `terminate()`: the child inherits the test runner's signal mask, where SIGTERM is blocked.
        // Closing the pipe ends it (Python's next write fails with a broken pipe).
        try? handle.close()
        process.waitUntilExit()
        return nil
      }
      comparison.handle(record)
    }
  }
  let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0, let header = comparison.header else {
    Issue.record(
      """
      \(python) failed (status \(process.terminationStatus)); set LLMLINT_PYTHON to a Python 3.12+ \
      interpreter. stderr:
      \(errorText.suffix(2_000))
      """, sourceLocation: sourceLocation)
    return nil
  }
  #expect(reader.isAtEnd, "the dump ended in the middle of a file", sourceLocation: sourceLocation)

  func seconds(_ duration: Duration) -> String {
    let (whole, fraction) = duration.components
    return String(Double(whole * 10 + fraction / 100_000_000_000_000_000) / 10) + " s"
  }
  var summary = """
    CPython differential (Python \(header.version), \(header.fileCount) files under \(header.root)): \
    \(comparison.filesCompared) files and \(comparison.tokensCompared) tokens compared, \
    \(comparison.mismatchedFiles) files with mismatches, \(comparison.skipped.count) files skipped, \
    in \(seconds(clock.now - started)) (our tokenizer: \(comparison.bytesTokenized) bytes in \
    \(seconds(comparison.tokenizerTime)), debug build)
    """
  for (path, reason) in comparison.skipped { summary += "\n  skipped \(path): \(reason)" }
  print(summary)
  #expect(comparison.filesCompared + comparison.skipped.count == header.fileCount, sourceLocation: sourceLocation)
  if !comparison.mismatches.isEmpty {
    Issue.record(
      """
      \(comparison.mismatchedFiles) files differ from CPython's tokenize; first mismatches:
      \(comparison.mismatches.joined(separator: "\n"))
      """, sourceLocation: sourceLocation)
  }
  return comparison
}

/// Snippets that pin what the standard library does not show (or shows rarely); all are accepted by
/// CPython 3.13's tokenizer.
private let edgeCases: [(name: String, source: String)] = [
  ("backslash_in_fexpr", "f\"{'\\n'.join(x)}\"\n"),
  ("blank_indented_lines", "if x:\n\n    y\n    \n\t\n    z\n"),
  ("bom", "\u{FEFF}x = 1\n"),
  ("bom_nonl", "\u{FEFF}x"),
  ("brackets", "x = [\n  1,\n    2,\n# c\n\n]\ny = (\n)\n"),
  ("comment_indented_first", "    # c\nx\n"),
  ("cont_blank", "x = 1 + \\\n  2\n\n"),
  ("cont_indent", "   \\\n  x\n"),
  ("cont_indent2", "if x:\n  \\\n    y\n"),
  ("cr_in_string_crlf", "x = \"\"\"a\r\nb\"\"\"\r\n"),
  ("crlf", "if x:\r\n  y = f\"\"\"a\r\n{b}\r\n\"\"\"\r\n\r\n# c\r\nz\r\n"),
  ("crlf_cont", "x = 1 + \\\r\n  2\r\n"),
  ("decorator", "@dec\nasync def f(a, /, b, *, c: int = 1, **kw) -> None: ...\n"),
  ("dedent_comment", "if x:\n    y\n  # c\nz\n"),
  ("dedent_eof", "if a:\n  if b:\n    c\n"),
  ("dedent_eof_nonl", "if a:\n  if b:\n    c"),
  ("dedent_multi", "if a:\n  if b:\n    if c:\n      d\ne\n"),
  ("ellipsis_dots", "x[..., 1:2, ::3]\na = ....__class__\n"),
  ("empty", ""),
  ("eof_comment", "x\n# c"),
  ("eof_nonl", "x = 1"),
  ("eof_string", "x = \"\"\"a\nb\"\"\""),
  ("eof_ws", "x\n   "),
  ("fbytes", "x = rb\"\\x\" + Br'\\'' + bR\"\"\"a\n\"\"\" + U\"x\"\n"),
  ("fcomment", "f\"{x # c\n}\"\ny\n"),
  ("fcont", "f\"abc\\\ndef\"\nx = 1\n"),
  ("fdebug", "f\"{x=}\" f\"{x = }\" f\"{x=!r:>10}\" f\"{x!r:{w}.{p}f}\" f\"{x:%Y-%m-%d}\"\n"),
  ("fdeep", "f\"{f\"{f\"{f\"{1}\"}\"}\"}\"\n"),
  ("fdict", "f\"{ {1: 2}[1] }\" f\"{(lambda: 1)()}\" f\"{[i for i in range(3)]!s}\"\n"),
  ("fempty", "f\"\" f'' f\"\"\"\"\"\" rf\"\" f\"{x}\"\n"),
  ("fesc", "f\"{x}}}\" f\"{{{x}\" f\"{{}}\" f\"}}{{\" f\"{{{{\" f\"\\N{DASH}{{\\N{BULLET}}}\"\n"),
  ("ff_indent", "if x:\n  \u{C}  y\n"),
  ("ff_line", "x\n\u{C}\ny\n"),
  ("ff_mid", "x = 1\u{C}+ 2\n"),
  ("fmulti", "x = f\"\"\"\n  {a}\n  {b:>{w}}\n  {{c}}\n\"\"\"\ny = 1\n"),
  ("fmulti2", "f\"\"\"{\n  a  # comment\n  +\n  b\n}\"\"\"\n"),
  ("fnest", "f\"{x:{'>'}10}\" f\"{'{'}\" f\"{'}'}\" f'{\"\\n\"}' f\"{'''a\nb'''}\"\n"),
  ("fnl_field", "f\"{1 +\n2}\"\nx\n"),
  ("fquote_in_triple", "f\"\"\"a\"b\"\"c{x}\"d\"\"\"\n"),
  ("fraw", "rf\"\\{x}\" Rf\"\\N{x}\" fR\"{x}\\\"\" f\"\\{{x}}\"\n"),
  ("fsamequote", "f\"{\"a\" + f\"{\"b\"}\"}\" f'{'a'}'\n"),
  ("fspec_nested3", "f\"{x:{y:{z}}>3}\" f\"{x:{y}{z}}\" f\"{x:}\" f\"{x!r:}\"\n"),
  ("fspec_nl", "f\"{x:\n}\"\n"),
  ("fspec_nl3", "f\"\"\"{x:abc\n}\"\"\"\n"),
  ("fstring_bang_eq", "f\"{a!=b}\" f\"{a != b}\"\n"),
  ("fstring_conversion_space", "f\"{a!r }\"\n"),
  ("fstring_escape_quote", "f\"\\\"{x}\\\"\" f'\\'{x}'\n"),
  ("fstring_format_colon_in_spec", "f\"{x:a:b}\" f\"{x:=^10}\"\n"),
  ("fstring_in_spec_nested_string", "f\"{x:{\"a\"}}\"\n"),
  ("fstring_lambda_colon", "f\"{(lambda x: x)(1)}\" f\"{x if y else z}\"\n"),
  ("fstring_multiline_spec_field", "f\"\"\"{x:{\ny\n}}\"\"\"\n"),
  ("fstring_named_unicode_brace", "f\"\\N{LEFT CURLY BRACKET}{x}\\N{RIGHT CURLY BRACKET}\"\n"),
  ("fstring_raw_N", "rf\"\\N{x}\"\n"),
  ("global_nonlocal", "def f():\n    global x\n    nonlocal y\n"),
  ("implicit_concat", "x = (\"a\"\n     f\"b{c}\"\n     'd')\n"),
  ("indent_after_cont_tab", "if x:\n\t\\\n\ty\n"),
  ("keywords", "not x and y or z is not None in w\n"),
  ("lambda", "f = lambda x, *y, **z: x\n"),
  ("line_cont_str", "x = \"abc\" \\\n    \"def\"\n"),
  ("match", "match x:\n    case [1, *rest] if rest:\n        pass\n    case {\"a\": 1, **kw}:\n        pass\n"),
  ("nested_brackets_indent", "def f():\n    return {\n  \"a\": [\n1]}\n    x\n"),
  ("num_attr", "x = 1 .real + 1..real + 1.0.real\n"),
  ("nums", "x = 0_7 + 0o_7 + 1_000j + 1e-10 + .5j + 5.j + 0xDEAD_BEEF + 0b_1_0 + 1E5 + 00 + 0.0\n"),
  ("nums2", "x = 1if y else 2\nz = 0x1for\nw = 1_2.3_4e5_6\n"),
  ("only_comment", "# c\n"),
  ("only_nl", "\n\n"),
  ("ops", "a **= b //= c >>= d <<= e -> f := g != h ... i @= j <> k\n"),
  ("ops2", "x = a.b[c](d)@e%f&g|h^~i<j>k<=l>=m==n\n"),
  ("print_chevron", "print >>sys.stderr, \"x\"\n"),
  ("semicolon", "x = 1; y = 2;\n"),
  ("stray", "x = `1` $ ? !\n"),
  ("strs2", "x = 'a\\\nb' + \"c\\\\\" + r'\\'' + r\"\\\\\"\n"),
  ("strs3", "x = ''''''\ny = ''\n"),
  ("tab_mid", "x\t=\t1\n"),
  ("tabs", "if x:\n\tif y:\n\t\tz\n\tw\n"),
  ("tstring", "t\"abc\" tr\"x\"\n"),
  ("type_stmt", "type X[T] = list[T]\ndef f[T: int](x: T) -> T: ...\n"),
  ("unicode", "café = 1\nλ = café + ñ\n# ü\ns = \"ü\" + f\"{café}ü\"\n"),
  ("unicode2", "x = \"日本語\"; y = 1  # 日本\nz = f\"{x}日{y}本\"\n"),
  ("walrus", "if (n := len(a)) > 10: pass\n"),
  ("deep_parens", String(repeating: "(", count: 150) + String(repeating: ")", count: 150) + "\n"),
  ("deep_fstrings", String(repeating: "f\"{", count: 50) + "1" + String(repeating: "}\"", count: 50) + "\n"),
  (
    "deep_indent",
    (0..<98).map { String(repeating: " ", count: $0) + "if x:\n" }.joined() + String(repeating: " ", count: 98)
      + "pass\n"
  ),
]

// MARK: - The dump

/// Walks the standard library and prints, for each file, a header line `F <columns> <encoding> <count>\t<path>`
/// followed by `<count>` binary token records (class letter, then row, column, end row, end column, byte
/// length as little-endian Int32, then the CRC-32 of the text; an FSTRING_MIDDLE record is followed by its
/// text, for merging); or a line `! <error>\t<path>` for a file CPython's tokenizer rejects. Columns are `u`
/// (UTF-8, CPython counts code points), `b` (a one-byte encoding: bytes), `x` (anything else). Text is
/// measured in the file's own encoding, so it matches the file's bytes. (Binary records take CPython a third
/// less time to write than text lines, and this test spends most of its time there.)
private let dumpScript = #"""
  import os, struct, sys, sysconfig, tokenize, zlib
  root = sys.argv[1] if len(sys.argv) > 1 else sysconfig.get_paths()['stdlib']
  write = sys.stdout.buffer.write
  codes = {tokenize.NAME: b'N', tokenize.NUMBER: b'U', tokenize.STRING: b'S', tokenize.OP: b'O',
           tokenize.COMMENT: b'C', tokenize.NEWLINE: b'L', tokenize.NL: b'l', tokenize.INDENT: b'I',
           tokenize.DEDENT: b'D', tokenize.ENDMARKER: b'E', tokenize.ERRORTOKEN: b'X'}
  for name, code in (('FSTRING_START', b's'), ('FSTRING_MIDDLE', b'm'), ('FSTRING_END', b'e')):
      if hasattr(tokenize, name):
          codes[getattr(tokenize, name)] = code
  middle = getattr(tokenize, 'FSTRING_MIDDLE', -1)
  pack = struct.Struct('<ciiiiiI').pack
  crc32 = zlib.crc32
  files = []
  for directory, subdirectories, names in os.walk(root):
      subdirectories[:] = sorted(d for d in subdirectories if d not in ('site-packages', '__pycache__'))
      files.extend(os.path.join(directory, n) for n in sorted(names) if n.endswith('.py'))
  write(('R %d %s %s\n' % (len(files), sys.version.split()[0], root)).encode())
  for path in files:
      try:
          with open(path, 'rb') as f:
              tokens = list(tokenize.tokenize(f.readline))
      except Exception as error:
          message = ' '.join(str(error).split())
          write(('! %s: %s\t%s\n' % (type(error).__name__, message, path)).encode('utf-8', 'replace'))
          continue
      encoding = tokens[0].string
      if encoding in ('utf-8', 'utf-8-sig'):
          columns = 'u'
      else:
          characters = bytes(range(256)).decode(encoding, 'replace')
          columns = 'b' if all(len(c.encode(encoding, 'replace')) == 1 for c in characters) else 'x'
      if columns == 'x':
          encoding = 'utf-8'
      parts = [('F %s %s %d\t%s\n' % (columns, encoding, len(tokens) - 1, path)).encode('utf-8', 'replace')]
      append = parts.append
      for kind, string, (row, column), (end_row, end_column), _ in tokens[1:]:
          text = string.encode(encoding, 'replace')
          append(pack(codes.get(kind, b'?'), row, column, end_row, end_column, len(text), crc32(text)))
          if kind == middle:
              append(text)
      write(b''.join(parts))
  """#

/// One token as CPython reports it (or as ours is converted to that form).
private struct DumpToken {
  var code: UInt8
  var row: Int
  var column: Int
  var endRow: Int
  var endColumn: Int
  var length: Int
  var crc: UInt32
  /// The text of an FSTRING_MIDDLE (other tokens are compared by length and CRC-32).
  var text: [UInt8] = []

  var description: String {
    "\(Character(Unicode.Scalar(code))) (\(row),\(column))-(\(endRow),\(endColumn)) length \(length)"
  }
}

private struct DumpHeader {
  var fileCount: Int
  var version: String
  var root: String

  var isPython312OrLater: Bool {
    let numbers = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    return !numbers.lexicographicallyPrecedes([3, 12])
  }
}

private enum DumpRecord {
  case header(DumpHeader)
  case file(path: String, columns: UInt8, tokens: [DumpToken])
  case skipped(path: String, reason: String)
}

/// Splits the streamed dump into records, a whole file at a time.
private struct DumpReader {
  private var buffer: [UInt8] = []
  private var position = 0

  var isAtEnd: Bool { position == buffer.count }

  mutating func append(_ data: Data) {
    if position > 1 << 22 {
      buffer.removeFirst(position)
      position = 0
    }
    buffer.append(contentsOf: data)
  }

  /// The next complete record, or `nil` until more bytes arrive.
  mutating func nextRecord() -> DumpRecord? {
    let start = position
    let (record, end): (DumpRecord?, Int) = buffer.withUnsafeBufferPointer { bytes in
      var scanner = DumpScanner(bytes: bytes, index: start)
      guard let line = scanner.line(), !line.isEmpty else { return (nil, start) }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[line]), as: UTF8.self)
      switch bytes[line.lowerBound] {
      case UInt8(ascii: "R"):
        let fields = text.split(separator: " ", maxSplits: 3)
        let header = DumpHeader(fileCount: Int(fields[1]) ?? 0, version: String(fields[2]), root: String(fields[3]))
        return (.header(header), scanner.index)
      case UInt8(ascii: "!"):
        let parts = text.dropFirst(2).split(separator: "\t", maxSplits: 1)
        return (.skipped(path: String(parts.last ?? ""), reason: String(parts.first ?? "")), scanner.index)
      default:
        let parts = text.split(separator: "\t", maxSplits: 1)
        let fields = parts[0].split(separator: " ")
        let count = Int(fields[3]) ?? 0
        var tokens: [DumpToken] = []
        tokens.reserveCapacity(count)
        for _ in 0..<count {
          guard let token = scanner.token() else { return (nil, start) }
          tokens.append(token)
        }
        return (.file(path: String(parts[1]), columns: fields[1].utf8.first ?? 0, tokens: tokens), scanner.index)
      }
    }
    position = end
    return record
  }
}

/// Reads the dump's lines and binary token records. (A struct with mutating methods rather than closures over
/// a local variable: this runs for millions of tokens in a debug build, where captured variables cost dynamic
/// exclusivity checks.)
private struct DumpScanner {
  static let recordSize = 25

  let bytes: UnsafeBufferPointer<UInt8>
  var index: Int

  /// The line starting at `index` (without its line feed), moving past it; `nil` if it is incomplete.
  mutating func line() -> Range<Int>? {
    var end = index
    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
    guard end < bytes.count else { return nil }
    defer { index = end + 1 }
    return index..<end
  }

  /// The token record at `index`, moving past it; `nil` if it is incomplete.
  mutating func token() -> DumpToken? {
    guard index + Self.recordSize <= bytes.count else { return nil }
    let code = bytes[index]
    var token = DumpToken(
      code: code, row: integer(at: 1), column: integer(at: 5), endRow: integer(at: 9), endColumn: integer(at: 13),
      length: integer(at: 17), crc: UInt32(truncatingIfNeeded: integer(at: 21)))
    if code == UInt8(ascii: "m") {
      let textStart = index + Self.recordSize
      guard textStart + token.length <= bytes.count else { return nil }
      token.text = Array(bytes[textStart..<(textStart + token.length)])
      index = textStart + token.length
    } else {
      index += Self.recordSize
    }
    return token
  }

  /// The little-endian 32-bit integer `offset` bytes into the record at `index`.
  private func integer(at offset: Int) -> Int {
    let base = index + offset
    let value =
      UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16 | UInt32(bytes[base + 3]) << 24
    return Int(Int32(bitPattern: value))
  }
}

// MARK: - Comparison

private struct Comparison {
  var header: DumpHeader?
  var filesCompared = 0
  var tokensCompared = 0
  var mismatchedFiles = 0
  var mismatches: [String] = []
  var skipped: [(path: String, reason: String)] = []
  var tokenizerTime = Duration.zero
  var bytesTokenized = 0

  mutating func handle(_ record: DumpRecord) {
    switch record {
    case .header(let header):
      self.header = header
    case .skipped(let path, let reason):
      skipped.append((path, reason))
    case .file(let path, let columns, let theirs):
      guard columns != UInt8(ascii: "x") else {
        skipped.append((path, "encoding with multi-byte characters other than UTF-8"))
        return
      }
      guard let data = FileManager.default.contents(atPath: path) else {
        skipped.append((path, "unreadable"))
        return
      }
      compare(path: path, source: [UInt8](data), countsBytes: columns == UInt8(ascii: "b"), theirs: theirs)
    }
  }

  mutating func compare(path: String, source: [UInt8], countsBytes: Bool, theirs: [DumpToken]) {
    filesCompared += 1
    let endsWithLineFeed = source.last == 0x0A
    let expected = normalize(theirs)
    let ours = source.withUnsafeBufferPointer { buffer in
      let started = ContinuousClock.now
      let tokens = PythonTokenizer.tokenize(buffer)
      tokenizerTime += ContinuousClock.now - started
      bytesTokenized += buffer.count
      expectPythonCoverage(tokens, in: source, label: "\(path): ")
      return convert(tokens, in: buffer, countsBytes: countsBytes, endsWithLineFeed: endsWithLineFeed)
    }
    let count = min(ours.count, expected.count)
    for index in 0..<count where !agree(ours[index], expected[index]) {
      record(path: path, index: index, ours: ours, theirs: expected, source: source)
      return
    }
    tokensCompared += count
    if ours.count != expected.count {
      record(path: path, index: count, ours: ours, theirs: expected, source: source)
    }
  }

  func agree(_ ours: DumpToken, _ theirs: DumpToken) -> Bool {
    // Difference 6 (see `normalize`): a stray character is OP for CPython, `.unknown` for us.
    let sameClass =
      ours.code == theirs.code
      || (ours.code == UInt8(ascii: "X") && theirs.code == UInt8(ascii: "O")
        && strayCharacterChecksums.contains(ours.crc))
    guard sameClass, ours.row == theirs.row, ours.column == theirs.column,
      ours.endRow == theirs.endRow, ours.endColumn == theirs.endColumn
    else { return false }
    if ours.code == UInt8(ascii: "m") { return ours.text == theirs.text }
    return ours.length == theirs.length && ours.crc == theirs.crc
  }

  mutating func record(path: String, index: Int, ours: [DumpToken], theirs: [DumpToken], source: [UInt8]) {
    mismatchedFiles += 1
    guard mismatches.count < 10 else { return }
    func show(_ tokens: [DumpToken]) -> String {
      guard index < tokens.count else { return "nothing (\(tokens.count) tokens)" }
      let token = tokens[index]
      let text =
        token.code == UInt8(ascii: "m") ? "\(String(decoding: token.text, as: UTF8.self).debugDescription)" : ""
      return "\(token.description) \(text)"
    }
    let before = (max(0, index - 3)..<index).map { $0 < ours.count ? ours[$0].description : "" }
    mismatches.append(
      """
      \(path) token \(index):
          ours    \(show(ours))
          CPython \(show(theirs))
          (preceded by \(before.joined(separator: ", ")))
      """)
  }
}

/// Applies the documented, intentional differences to CPython's tokens.
///
/// 1. An empty FSTRING_MIDDLE is dropped: CPython emits one for an empty format spec (`f"{x:}"`) and after a
///    nested field that ends a spec (`f"{x:{y}}"`); there is no text to report.
/// 2. Adjacent FSTRING_MIDDLE tokens are merged: CPython splits literal text after each `{{` / `}}` escape
///    (keeping one brace in the text and skipping the other) and after `\N{...}`. We report the literal text
///    as one token with its source bytes; our text is compared after un-doubling braces.
/// 3. An FSTRING_MIDDLE ends where CPython's next token starts (literal text is always followed directly by
///    `{`, `}` or the closing quote): CPython's own end is one column short when the text ends with an
///    escaped brace (it stops before the skipped one).
/// 4. An empty NEWLINE or NL (the implicit line break CPython adds to a last line without one) ends where it
///    starts: CPython reports it one column wide although it has no text.
/// 5. DEDENT and ENDMARKER at the end of a file without a final line feed: CPython puts them at column 0 of
///    the line after the last; ours stand at the end of input (see `convert`).
/// 6. A character that is no Python token (`$`, `?`, a backtick, `!` outside an f-string field) is an OP for
///    CPython's `tokenize` (the C tokenizer's one-character fallback; the parser rejects it later) and an
///    `.unknown` token for us, as our contract says. This one is applied in `Comparison.agree`.
/// 7. A CRLF inside the format spec of a single-quoted f-string: left out of the edge cases, see there.
private func normalize(_ theirs: [DumpToken]) -> [DumpToken] {
  var result: [DumpToken] = []
  result.reserveCapacity(theirs.count)
  let middle = UInt8(ascii: "m")
  var index = 0
  while index < theirs.count {
    var token = theirs[index]
    index += 1
    if token.code == middle {
      while index < theirs.count && theirs[index].code == middle {
        token.text += theirs[index].text
        token.endRow = theirs[index].endRow
        token.endColumn = theirs[index].endColumn
        index += 1
      }
      if token.text.isEmpty { continue }
      if index < theirs.count {
        token.endRow = theirs[index].row
        token.endColumn = theirs[index].column
      }
    }
    if (token.code == UInt8(ascii: "L") || token.code == UInt8(ascii: "l")) && token.length == 0 {
      token.endRow = token.row
      token.endColumn = token.column
    }
    result.append(token)
  }
  return result
}

/// Converts our tokens to CPython's form: rows split at `\n` only (CPython reads lines with `readline`),
/// columns in code points (or bytes for one-byte encodings), BOM excluded.
private func convert(
  _ tokens: [Token], in source: UnsafeBufferPointer<UInt8>, countsBytes: Bool, endsWithLineFeed: Bool
) -> [DumpToken] {
  var walker = PositionWalker(source: source, countsBytes: countsBytes)
  var result: [DumpToken] = []
  result.reserveCapacity(tokens.count)
  for token in tokens {
    let (row, column) = walker.advance(to: Int(token.start))
    var (endRow, endColumn) = walker.advance(to: token.end - (token.length > 0 ? 1 : 0))
    if token.length > 0 {
      // A NEWLINE or NL ends on its own line for CPython, one column past the `\n`.
      if source[token.end - 1] == 0x0A && (token.kind == .newline || token.kind == .nonLogicalNewline) {
        endColumn += 1
      } else {
        (endRow, endColumn) = walker.advance(to: token.end)
      }
    }
    let text = UnsafeBufferPointer(rebasing: source[Int(token.start)..<token.end])
    var converted = DumpToken(
      code: code(of: token.kind), row: row, column: column, endRow: endRow, endColumn: endColumn,
      length: text.count, crc: crc32(text))
    if token.kind == .stringMiddle { converted.text = undoubleBraces(text) }
    if (token.kind == .dedent || token.kind == .endOfFile) && token.start == source.count && !endsWithLineFeed
      && source.count > 0
    {
      converted.row += 1
      converted.column = 0
      converted.endRow = converted.row
      converted.endColumn = 0
    }
    result.append(converted)
  }
  return result
}

private func code(of kind: TokenKind) -> UInt8 {
  switch kind {
  case .identifier: UInt8(ascii: "N")
  case .number: UInt8(ascii: "U")
  case .string: UInt8(ascii: "S")
  case .operator: UInt8(ascii: "O")
  case .comment: UInt8(ascii: "C")
  case .newline: UInt8(ascii: "L")
  case .nonLogicalNewline: UInt8(ascii: "l")
  case .indent: UInt8(ascii: "I")
  case .dedent: UInt8(ascii: "D")
  case .endOfFile: UInt8(ascii: "E")
  case .stringStart: UInt8(ascii: "s")
  case .stringMiddle: UInt8(ascii: "m")
  case .stringEnd: UInt8(ascii: "e")
  case .unknown: UInt8(ascii: "X")
  case .regex, .directive: UInt8(ascii: "?")
  }
}

private func undoubleBraces(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
  var result: [UInt8] = []
  result.reserveCapacity(text.count)
  var index = 0
  while index < text.count {
    let byte = text[index]
    result.append(byte)
    index += (byte == 0x7B || byte == 0x7D) && index + 1 < text.count && text[index + 1] == byte ? 2 : 1
  }
  return result
}

/// Turns increasing byte offsets into CPython's (row, column).
private struct PositionWalker {
  let source: UnsafeBufferPointer<UInt8>
  let countsBytes: Bool
  var offset = 0
  var row = 1
  var column = 0

  init(source: UnsafeBufferPointer<UInt8>, countsBytes: Bool) {
    self.source = source
    self.countsBytes = countsBytes
    if !countsBytes && source.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
  }

  mutating func advance(to target: Int) -> (Int, Int) {
    while offset < target {
      let byte = source[offset]
      if byte == 0x0A {
        row += 1
        column = 0
      } else if countsBytes || byte & 0xC0 != 0x80 {
        column += 1
      }
      offset += 1
    }
    return (row, column)
  }
}

private let strayCharacterChecksums: Set<UInt32> = Set(
  ["$", "?", "`", "!"].map { Array($0.utf8).withUnsafeBufferPointer(crc32) })

private let crcTable: [UInt32] = (0..<256).map { index in
  var value = UInt32(index)
  for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
  return value
}

/// CRC-32 as zlib computes it.
private func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
  return crc ^ 0xFFFF_FFFF
}
