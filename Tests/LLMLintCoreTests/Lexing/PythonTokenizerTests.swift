import Testing

@testable import LLMLintCore

// MARK: - Helpers

/// One token as the tests see it: its kind and its text.
struct PythonLexeme: Equatable, CustomStringConvertible {
  var kind: TokenKind
  var text: String

  init(_ kind: TokenKind, _ text: String) {
    self.kind = kind
    self.text = text
  }

  var description: String { "\(kind) \(text.debugDescription)" }
}

/// Tokenizes `source` and returns kind and text of every token.
func pythonLexemes(_ source: [UInt8]) -> [PythonLexeme] {
  PythonTokenizer.tokenize(source).map { token in
    PythonLexeme(token.kind, String(decoding: source[Int(token.start)..<token.end], as: UTF8.self))
  }
}

/// Checks that `tokens` are in order, in bounds, end with `.endOfFile`, and that every byte between two
/// tokens is whitespace, a backslash line continuation, or the byte order mark at offset 0. `label` (a file
/// name, say) starts every message.
func expectPythonCoverage(
  _ tokens: [Token], in source: [UInt8], label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  var position = 0
  if source.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  for (index, token) in tokens.enumerated() {
    guard Int(token.start) >= position, token.end <= source.count else {
      Issue.record(
        "\(label)token \(index) \(token) out of order or bounds (covered up to \(position))",
        sourceLocation: sourceLocation)
      return
    }
    var gap = position
    while gap < Int(token.start) {
      switch source[gap] {
      case 0x20, 0x09, 0x0C: gap += 1
      case 0x5C where gap + 1 < Int(token.start) && (source[gap + 1] == 0x0A || source[gap + 1] == 0x0D):
        gap += 2
        if source[gap - 1] == 0x0D && gap < Int(token.start) && source[gap] == 0x0A { gap += 1 }
      default:
        Issue.record(
          "\(label)byte \(source[gap]) at \(gap) is in no token (before token \(index) \(token))",
          sourceLocation: sourceLocation)
        return
      }
    }
    position = token.end
  }
  #expect(position == source.count, "\(label)bytes after the last token", sourceLocation: sourceLocation)
  #expect(tokens.last?.kind == .endOfFile, "\(label)", sourceLocation: sourceLocation)
  #expect(tokens.last?.start == UInt32(source.count), "\(label)", sourceLocation: sourceLocation)
}

/// Asserts the exact tokens of `source`, once per line ending: every `\n` in the source and in the
/// expected texts is replaced by `\n`, `\r\n` and `\r` in turn. Also checks coverage.
func assertPythonTokens(
  _ source: String, _ expected: [PythonLexeme], sourceLocation: SourceLocation = #_sourceLocation
) {
  let endings = source.contains("\n") ? ["\n", "\r\n", "\r"] : ["\n"]
  for ending in endings {
    let bytes = Array(source.replacing("\n", with: ending).utf8)
    let want = expected.map { PythonLexeme($0.kind, $0.text.replacing("\n", with: ending)) }
    let tokens = PythonTokenizer.tokenize(bytes)
    let got = pythonLexemes(bytes)
    #expect(got == want, "line ending \(ending.debugDescription)", sourceLocation: sourceLocation)
    expectPythonCoverage(tokens, in: bytes, sourceLocation: sourceLocation)
  }
}

private func name(_ text: String) -> PythonLexeme { PythonLexeme(.identifier, text) }
private func op(_ text: String) -> PythonLexeme { PythonLexeme(.operator, text) }
private func num(_ text: String) -> PythonLexeme { PythonLexeme(.number, text) }
private func str(_ text: String) -> PythonLexeme { PythonLexeme(.string, text) }
private func fstart(_ text: String) -> PythonLexeme { PythonLexeme(.stringStart, text) }
private func middle(_ text: String) -> PythonLexeme { PythonLexeme(.stringMiddle, text) }
private func fend(_ text: String) -> PythonLexeme { PythonLexeme(.stringEnd, text) }
private func comment(_ text: String) -> PythonLexeme { PythonLexeme(.comment, text) }
private let newline = PythonLexeme(.newline, "\n")
private let nl = PythonLexeme(.nonLogicalNewline, "\n")
private let endNewline = PythonLexeme(.newline, "")
private let endNL = PythonLexeme(.nonLogicalNewline, "")
private func indent(_ text: String) -> PythonLexeme { PythonLexeme(.indent, text) }
private let dedent = PythonLexeme(.dedent, "")
private let eof = PythonLexeme(.endOfFile, "")
private func unknown(_ text: String) -> PythonLexeme { PythonLexeme(.unknown, text) }

// MARK: - Basic tokens

@Suite struct PythonTokenizerTests {
  @Test func emptyInput() {
    assertPythonTokens("", [eof])
  }

  @Test func simpleStatement() {
    assertPythonTokens("x = 1\n", [name("x"), op("="), num("1"), newline, eof])
  }

  @Test func lastLineWithoutLineBreakGetsEmptyNewline() {
    assertPythonTokens("x = 1", [name("x"), op("="), num("1"), endNewline, eof])
    assertPythonTokens("x\n# c", [name("x"), newline, comment("# c"), endNL, eof])
    assertPythonTokens("x\n   ", [name("x"), newline, endNL, eof])
  }

  @Test func keywordsAndUnicodeIdentifiers() {
    assertPythonTokens(
      "async def café(λ): return None\n",
      [
        name("async"), name("def"), name("café"), op("("), name("λ"), op(")"), op(":"), name("return"),
        name("None"), newline, eof,
      ])
  }

  @Test func commentsAndBlankLinesAreNonLogical() {
    assertPythonTokens(
      "# head\n\nx = 1  # tail\n   \n",
      [comment("# head"), nl, nl, name("x"), op("="), num("1"), comment("# tail"), newline, nl, eof])
  }

  @Test func implicitLineJoiningInsideBrackets() {
    assertPythonTokens(
      "f(a,\n  b)  # c\nx\n",
      [
        name("f"), op("("), name("a"), op(","), nl, name("b"), op(")"), comment("# c"), newline, name("x"),
        newline, eof,
      ])
    assertPythonTokens(
      "d = {\n\n  1: [\n   2]}\n",
      [
        name("d"), op("="), op("{"), nl, nl, num("1"), op(":"), op("["), nl, num("2"), op("]"), op("}"),
        newline, eof,
      ])
  }

  @Test func backslashContinuation() {
    assertPythonTokens("x = 1 + \\\n    2\n", [name("x"), op("="), num("1"), op("+"), num("2"), newline, eof])
  }

  @Test func indentAndDedent() {
    assertPythonTokens(
      "if a:\n    if b:\n        c\n\n    # x\n    d\ne\n",
      [
        name("if"), name("a"), op(":"), newline,
        indent("    "), name("if"), name("b"), op(":"), newline,
        indent("        "), name("c"), newline, nl, comment("# x"), nl,
        dedent, name("d"), newline,
        dedent, name("e"), newline, eof,
      ])
  }

  @Test func dedentsAtEndOfInput() {
    assertPythonTokens(
      "def f():\n  if x:\n    y",
      [
        name("def"), name("f"), op("("), op(")"), op(":"), newline, indent("  "), name("if"), name("x"),
        op(":"), newline, indent("    "), name("y"), endNewline, dedent, dedent, eof,
      ])
  }

  @Test func indentationSplitByContinuation() {
    // The first backslash fixes the level (column 3); INDENT covers the last physical line's whitespace.
    assertPythonTokens(
      "   \\\n  x\ny\n", [indent("  "), name("x"), newline, dedent, name("y"), newline, eof])
  }

  @Test func dedentToNoOuterLevelOpensABlockThere() {
    // CPython: IndentationError. Here: close the deeper block, open one at the line's column.
    assertPythonTokens(
      "if a:\n    b\n  c\n  d\ne\n",
      [
        name("if"), name("a"), op(":"), newline, indent("    "), name("b"), newline, dedent, indent("  "),
        name("c"), newline, name("d"), newline, dedent, name("e"), newline, eof,
      ])
  }

  @Test func tabsIndentToMultiplesOfEight() {
    // A tab and eight spaces are the same level for CPython's tokenizer.
    assertPythonTokens(
      "if x:\n\ty\n        z\n",
      [
        name("if"), name("x"), op(":"), newline, indent("\t"), name("y"), newline, name("z"), newline, dedent,
        eof,
      ])
  }

  @Test func formFeedResetsIndentation() {
    assertPythonTokens("x\n\u{0C}y\n", [name("x"), newline, name("y"), newline, eof])
  }

  @Test func noIndentInsideBrackets() {
    assertPythonTokens(
      "x = [\n        1,\n]\n",
      [name("x"), op("="), op("["), nl, num("1"), op(","), nl, op("]"), newline, eof])
  }

  @Test func byteOrderMarkIsSkipped() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x\n".utf8)
    #expect(pythonLexemes(bytes) == [name("x"), newline, eof])
    expectPythonCoverage(PythonTokenizer.tokenize(bytes), in: bytes)
  }

  // MARK: Numbers

  @Test func numbers() {
    assertPythonTokens(
      "0 7 1_000 0x1F 0XdeAD_beef 0o17 0b1010 0b_1 1.5 .5 5. 1e10 1E-5 2.5e+3 3j 1.5J 1_0.0_1e1_0j 00\n",
      [
        num("0"), num("7"), num("1_000"), num("0x1F"), num("0XdeAD_beef"), num("0o17"), num("0b1010"),
        num("0b_1"), num("1.5"), num(".5"), num("5."), num("1e10"), num("1E-5"), num("2.5e+3"), num("3j"),
        num("1.5J"), num("1_0.0_1e1_0j"), num("00"), newline, eof,
      ])
  }

  @Test func numberFollowedByName() {
    assertPythonTokens(
      "1.__class__ 1if x else 0x1fj 1e 1_\n",
      [
        num("1."), name("__class__"), num("1"), name("if"), name("x"), name("else"), num("0x1f"), name("j"),
        num("1"), name("e"), num("1"), name("_"), newline, eof,
      ])
  }

  // MARK: Operators

  @Test func operatorsLongestMatch() {
    assertPythonTokens(
      "a **= b //= c >>= d <<= e -> f := g != h ... i @= j ** k // l << m >> n <= o >= p == q\n",
      [
        name("a"), op("**="), name("b"), op("//="), name("c"), op(">>="), name("d"), op("<<="), name("e"),
        op("->"), name("f"), op(":="), name("g"), op("!="), name("h"), op("..."), name("i"), op("@="),
        name("j"), op("**"), name("k"), op("//"), name("l"), op("<<"), name("m"), op(">>"), name("n"),
        op("<="), name("o"), op(">="), name("p"), op("=="), name("q"), newline, eof,
      ])
    assertPythonTokens(
      "+= -= *= /= %= &= |= ^= ~ , ; . .. @ % & | ^ < > = + - * /\n",
      [
        op("+="), op("-="), op("*="), op("/="), op("%="), op("&="), op("|="), op("^="), op("~"), op(","),
        op(";"), op("."), op("."), op("."), op("@"), op("%"), op("&"), op("|"), op("^"), op("<"), op(">"),
        op("="), op("+"), op("-"), op("*"), op("/"), newline, eof,
      ])
  }

  @Test func strayCharactersAreUnknown() {
    assertPythonTokens(
      "a $ b ? c ` d ! e \\ f\n",
      [
        name("a"), unknown("$"), name("b"), unknown("?"), name("c"), unknown("`"), name("d"), unknown("!"),
        name("e"), unknown("\\"), name("f"), newline, eof,
      ])
    assertPythonTokens("x\u{0}y\n", [name("x"), unknown("\u{0}"), name("y"), newline, eof])
  }

  @Test func nonIdentifierCharactersAreUnknown() {
    assertPythonTokens(
      "a\u{A0}b “c” x·y ‿z d😀 ×\n",
      [
        name("a"), unknown("\u{A0}"), name("b"), unknown("“"), name("c"), unknown("”"), name("x·y"), name("‿z"),
        name("d"), unknown("😀"), unknown("×"), newline, eof,
      ])
  }

  @Test func invalidUTF8IsUnknown() {
    // A stray continuation byte, a lead byte without its continuation, an overlong encoding, a truncated
    // three-byte sequence at the end.
    let source: [UInt8] = [0x61, 0x80, 0x62, 0x20, 0xC3, 0x20, 0xC0, 0xAF, 0x20, 0x63, 0xE2, 0x82]
    let tokens = PythonTokenizer.tokenize(source)
    #expect(
      tokens.map(\.kind) == [
        .identifier, .unknown, .identifier, .unknown, .unknown, .unknown, .identifier,
        .unknown, .newline, .endOfFile,
      ])
    #expect(tokens.map(\.length) == [1, 1, 1, 1, 1, 1, 1, 2, 0, 0])
    expectPythonCoverage(tokens, in: source)
  }

  // MARK: Strings

  @Test func stringPrefixes() {
    let prefixes = ["", "r", "u", "R", "U", "b", "B", "br", "Br", "bR", "BR", "rb", "rB", "Rb", "RB"]
    for prefix in prefixes {
      assertPythonTokens("\(prefix)'a' \(prefix)\"b\"\n", [str("\(prefix)'a'"), str("\(prefix)\"b\""), newline, eof])
    }
    // Not prefixes: `ub`, `ur`, `bu`, `fb`; the name stands alone.
    assertPythonTokens("ur'a'\n", [name("ur"), str("'a'"), newline, eof])
    assertPythonTokens("bu'a'\n", [name("bu"), str("'a'"), newline, eof])
  }

  @Test func stringEscapes() {
    assertPythonTokens(
      #"'a\'b' "c\"d" 'e\\' r'f\'g' r"\\" '\N{BULLET}'"# + "\n",
      [
        str(#"'a\'b'"#), str(#""c\"d""#), str(#"'e\\'"#), str(#"r'f\'g'"#), str(#"r"\\""#),
        str(#"'\N{BULLET}'"#), newline, eof,
      ])
  }

  @Test func stringLineContinuation() {
    assertPythonTokens("x = 'a\\\nb'\n", [name("x"), op("="), str("'a\\\nb'"), newline, eof])
  }

  @Test func tripleQuotedStrings() {
    assertPythonTokens(
      "s = '''a\n'b' ''c\n''' + \"\"\"\"x\"\"\"\"\n",
      [
        name("s"), op("="), str("'''a\n'b' ''c\n'''"), op("+"), str("\"\"\"\"x\"\"\""), str("\""), newline,
        eof,
      ])
    assertPythonTokens("''''''\n", [str("''''''"), newline, eof])
    assertPythonTokens("'' ''\n", [str("''"), str("''"), newline, eof])
  }

  @Test func unterminatedStrings() {
    // A triple-quoted string runs to the end of input.
    assertPythonTokens("x = '''abc\ndef", [name("x"), op("="), str("'''abc\ndef"), endNewline, eof])
    // A single-quoted string stops before the line break; the next line is code again.
    assertPythonTokens("x = 'abc\ny\n", [name("x"), op("="), str("'abc"), newline, name("y"), newline, eof])
    assertPythonTokens("'\\", [str("'\\"), endNewline, eof])
  }

  // MARK: f-strings

  @Test func fStringPrefixes() {
    for prefix in ["f", "F", "fr", "Fr", "fR", "FR", "rf", "rF", "Rf", "RF"] {
      assertPythonTokens(
        "\(prefix)'a{b}'\n", [fstart("\(prefix)'"), middle("a"), op("{"), name("b"), op("}"), fend("'"), newline, eof])
    }
  }

  @Test func fStringFieldsAndEscapes() {
    assertPythonTokens(
      "f\"a{{b}}c{x!r:>{w}.{p}} \\N{BULLET} d{y=}\"\n",
      [
        fstart("f\""), middle("a{{b}}c"), op("{"), name("x"), op("!"), name("r"), op(":"), middle(">"),
        op("{"), name("w"), op("}"), middle("."), op("{"), name("p"), op("}"), op("}"),
        middle(" \\N{BULLET} d"), op("{"), name("y"), op("="), op("}"), fend("\""), newline, eof,
      ])
  }

  @Test func fStringConversionsAndSelfDocumentingFields() {
    assertPythonTokens(
      "f'{a!s}{b!a:^4}{c = !r}{d=:>3}'\n",
      [
        fstart("f'"), op("{"), name("a"), op("!"), name("s"), op("}"), op("{"), name("b"), op("!"), name("a"),
        op(":"), middle("^4"), op("}"), op("{"), name("c"), op("="), op("!"), name("r"), op("}"), op("{"),
        name("d"), op("="), op(":"), middle(">3"), op("}"), fend("'"), newline, eof,
      ])
  }

  @Test func fStringNestedSameQuotes() {
    assertPythonTokens(
      "f\"{f\"{x}\"}\" f'{\"a\" + 'b'}'\n",
      [
        fstart("f\""), op("{"), fstart("f\""), op("{"), name("x"), op("}"), fend("\""), op("}"), fend("\""),
        fstart("f'"), op("{"), str("\"a\""), op("+"), str("'b'"), op("}"), fend("'"), newline, eof,
      ])
  }

  @Test func fStringColonsInsideBracketsAndLambdas() {
    assertPythonTokens(
      "f'{x[1:2]}{ {\"a\": 1}[\"a\"] }{(lambda y: y)(3)}{x:=5}{a!=b}'\n",
      [
        fstart("f'"), op("{"), name("x"), op("["), num("1"), op(":"), num("2"), op("]"), op("}"),
        op("{"), op("{"), str("\"a\""), op(":"), num("1"), op("}"), op("["), str("\"a\""), op("]"), op("}"),
        op("{"), op("("), name("lambda"), name("y"), op(":"), name("y"), op(")"), op("("), num("3"), op(")"),
        op("}"), op("{"), name("x"), op(":"), middle("=5"), op("}"), op("{"), name("a"), op("!="), name("b"),
        op("}"), fend("'"), newline, eof,
      ])
  }

  @Test func fStringEmptyAndNestedFormatSpecs() {
    assertPythonTokens(
      "f'{x:}{x:{y}}{x:{y:{z}}>3}'\n",
      [
        fstart("f'"), op("{"), name("x"), op(":"), op("}"),
        op("{"), name("x"), op(":"), op("{"), name("y"), op("}"), op("}"),
        op("{"), name("x"), op(":"), op("{"), name("y"), op(":"), op("{"), name("z"), op("}"), op("}"),
        middle(">3"), op("}"), fend("'"), newline, eof,
      ])
  }

  @Test func rawFString() {
    assertPythonTokens(
      "rf'\\{x}\\N{y}\\''\n",
      [
        fstart("rf'"), middle("\\"), op("{"), name("x"), op("}"), middle("\\N"), op("{"), name("y"), op("}"),
        middle("\\'"), fend("'"), newline, eof,
      ])
  }

  @Test func multiLineTripleQuotedFString() {
    assertPythonTokens(
      "x = f'''a\n{\n  y # c\n}b'c''\n'''\n",
      [
        name("x"), op("="), fstart("f'''"), middle("a\n"), op("{"), nl, name("y"), comment("# c"), nl, op("}"),
        middle("b'c''\n"), fend("'''"), newline, eof,
      ])
  }

  @Test func lineBreakInFormatSpec() {
    // A single-quoted f-string's spec ends at the line break, which is an NL inside the field.
    assertPythonTokens(
      "f'{x:>\n}'\n",
      [fstart("f'"), op("{"), name("x"), op(":"), middle(">"), nl, op("}"), fend("'"), newline, eof])
    // A triple-quoted f-string's spec goes on over lines.
    assertPythonTokens(
      "f'''{x:a\nb\n}'''\n",
      [fstart("f'''"), op("{"), name("x"), op(":"), middle("a\nb\n"), op("}"), fend("'''"), newline, eof])
  }

  @Test func unterminatedFStrings() {
    assertPythonTokens(
      "f'a{x}\ny\n",
      [
        fstart("f'"), middle("a"), op("{"), name("x"), op("}"), newline, name("y"),
        newline, eof,
      ])
    assertPythonTokens(
      "f'''a{f'{x",
      [
        fstart("f'''"), middle("a"), op("{"), fstart("f'"), op("{"), name("x"),
        endNL, eof,
      ])
  }

  @Test func singleClosingBraceInFString() {
    assertPythonTokens("f'a}b'\n", [fstart("f'"), middle("a"), unknown("}"), middle("b"), fend("'"), newline, eof])
  }
}

// MARK: - Hostile input

@Suite struct PythonTokenizerHostileInputTests {
  /// Tokenizes `source`, checks coverage, and returns the tokens.
  @discardableResult
  private func survive(_ source: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [Token] {
    let tokens = PythonTokenizer.tokenize(source)
    expectPythonCoverage(tokens, in: source, sourceLocation: sourceLocation)
    return tokens
  }

  @Test func smallHostileInputs() {
    let inputs: [[UInt8]] = [
      [], [0], [0, 0, 0, 0], [0xFF, 0xFE, 0x80, 0xC3], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB], Array("\\".utf8),
      Array("'''".utf8), Array("'''abc\n\n".utf8), Array("f'''{x:{y!r}{".utf8), Array("f'{".utf8),
      Array("f\"{f'{f\"{".utf8), Array("f'{x:".utf8), Array("f'''{x:\n}'''".utf8), Array("f'}}}}{{{{'".utf8),
      Array(")]}".utf8), Array("f'{)}'".utf8), Array("f'{]]]:}}}'".utf8), Array("rf'\\".utf8),
      Array("f'\\N{".utf8), Array("  \\\n  x\n".utf8), Array("if x:\n    y\n  z\n".utf8),
      Array("\t \u{0C} \\\r\n\r\r\n".utf8), Array("0x 0b 0o 1e+ 1.e 1__0 .".utf8),
    ]
    for input in inputs { survive(input) }
  }

  @Test func deeplyNestedBrackets() {
    let source =
      [UInt8](repeating: UInt8(ascii: "("), count: 100_000) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    #expect(survive(source).count == 200_002)  // brackets, NL at end, end of file
  }

  @Test func deeplyNestedFStringBraces() {
    var source = [UInt8]()
    for _ in 0..<50_000 { source += Array("f'{".utf8) }
    source += [UInt8](repeating: UInt8(ascii: "{"), count: 100_000)
    survive(source)
  }

  @Test func deeplyIndented() {
    var source = [UInt8]()
    for depth in 0..<2_000 { source += [UInt8](repeating: 0x20, count: depth) + Array("if x:\n".utf8) }
    let tokens = survive(source)
    #expect(tokens.filter { $0.kind == .dedent }.count == 1_999)
  }

  @Test func fiveMegabyteLine() {
    let chunk = Array("a.b(c, 'd', f'{e}') + 1.5 ".utf8)
    var source = [UInt8]()
    source.reserveCapacity(5_000_000 + chunk.count)
    while source.count < 5_000_000 { source += chunk }
    let clock = ContinuousClock()
    let elapsed = clock.measure { survive(source) }
    #expect(elapsed < .seconds(20))
  }

  @Test func everySingleByteAndPair() {
    for first in 0...255 {
      survive([UInt8(first)])
      for second in [0x0A, 0x0D, 0x22, 0x27, 0x5C, 0x7B, 0x7D, 0x3A, 0x80] { survive([UInt8(first), UInt8(second)]) }
    }
  }

  /// Seeded random edits (insert, delete, replace with bytes that matter to the lexer) of tricky sources.
  @Test func randomEditsOfTrickySources() {
    let seeds = [
      "if x:\n    y = f'a{b!r:>{w}}{{c}}' + rb'\\x'  # c\n\tz = (1,\n 2)\nelse:\n  pass\n",
      "s = f\"\"\"\n{a:{b}}\n{ {'k': [1, 2]}['k'] }\n\\N{BULLET} {x=}\n\"\"\"\n",
      "def f(a, /, *b, **c) -> int:\n    return a ** 2 // 3 @ m if a else ...\n",
      "x = '''a\\\n'b' \"\"\" ''' + r\"\\\"\" + 0x_1F + 1_0.5e-3j\n",
      "f\"{f'{f\"{1}\"}'}\" f'{x:\n}' f\"{lambda: 1}\"\n",
    ]
    let alphabet = Array("'\"{}()[]\\\n\r\t #:!=frbuFRBU0x.eEj_ $?`".utf8) + [0x00, 0x0C, 0x80, 0xC3, 0xE2, 0xFF]
    var random = SplitMix64(seed: 0x11_1a_7e57)
    for _ in 0..<3_000 {
      var source = Array(seeds[Int(random.next() % UInt64(seeds.count))].utf8)
      for _ in 0..<(1 + random.next() % 8) {
        let index = Int(random.next() % UInt64(source.count + 1))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 3 {
        case 0: source.insert(byte, at: index)
        case 1 where index < source.count: source.remove(at: index)
        default: if index < source.count { source[index] = byte } else { source.append(byte) }
        }
      }
      survive(source)
    }
  }
}
