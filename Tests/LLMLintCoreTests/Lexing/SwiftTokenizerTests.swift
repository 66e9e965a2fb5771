import Testing

@testable import LLMLintCore

// MARK: - Helpers

/// A token as a test states it: kind and exact text.
struct SwiftLexeme: Equatable, CustomStringConvertible {
  var kind: TokenKind
  var text: String
  init(_ kind: TokenKind, _ text: String) {
    self.kind = kind
    self.text = text
  }
  var description: String { "\(kind) \(text.debugDescription)" }
}

private func id(_ text: String) -> SwiftLexeme { SwiftLexeme(.identifier, text) }
private func op(_ text: String) -> SwiftLexeme { SwiftLexeme(.operator, text) }
private func num(_ text: String) -> SwiftLexeme { SwiftLexeme(.number, text) }
private func str(_ text: String) -> SwiftLexeme { SwiftLexeme(.string, text) }
private func start(_ text: String) -> SwiftLexeme { SwiftLexeme(.stringStart, text) }
private func middle(_ text: String) -> SwiftLexeme { SwiftLexeme(.stringMiddle, text) }
private func end(_ text: String) -> SwiftLexeme { SwiftLexeme(.stringEnd, text) }
private func comment(_ text: String) -> SwiftLexeme { SwiftLexeme(.comment, text) }
private func regex(_ text: String) -> SwiftLexeme { SwiftLexeme(.regex, text) }
private func directive(_ text: String) -> SwiftLexeme { SwiftLexeme(.directive, text) }
private func unknown(_ text: String) -> SwiftLexeme { SwiftLexeme(.unknown, text) }

/// Tokenizes `source` and returns (kind, text) pairs, the final `.endOfFile` left out, after checking the
/// coverage invariant.
func swiftLexemes(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [SwiftLexeme] {
  let bytes = Array(source.utf8)
  let tokens = SwiftTokenizer.tokenize(bytes)
  expectSwiftCoverage(bytes, tokens, sourceLocation: sourceLocation)
  return tokens.dropLast().map {
    SwiftLexeme($0.kind, String(decoding: bytes[Int($0.start)..<$0.end], as: UTF8.self))
  }
}

/// Whether `tokens` satisfy the tokenizer contract over `bytes`; nil if so, else what is wrong.
func swiftCoverageViolation(_ bytes: [UInt8], _ tokens: [Token]) -> String? {
  guard let last = tokens.last, last.kind == .endOfFile, last.length == 0, last.end == bytes.count else {
    return "does not end with a zero-length endOfFile at \(bytes.count)"
  }
  var position = 0
  for (index, token) in tokens.enumerated() {
    if token.kind == .endOfFile, index != tokens.count - 1 { return "endOfFile before the end at token \(index)" }
    if token.length == 0, token.kind != .endOfFile { return "empty token \(index) (\(token.kind)) at \(token.start)" }
    if Int(token.start) < position { return "token \(index) starts at \(token.start), before \(position)" }
    if token.end > bytes.count { return "token \(index) ends at \(token.end), past \(bytes.count)" }
    for offset in position..<Int(token.start) {
      let byte = bytes[offset]
      let isBOM = offset < 3 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B || isBOM
      else { return "non-whitespace byte \(byte) at \(offset) between tokens" }
    }
    position = token.end
  }
  return nil
}

func expectSwiftCoverage(
  _ bytes: [UInt8], _ tokens: [Token], sourceLocation: SourceLocation = #_sourceLocation
) {
  let violation = swiftCoverageViolation(bytes, tokens)
  #expect(violation == nil, sourceLocation: sourceLocation)
}

/// Checks `source` yields `expected`, with every line break as `\n`, `\r\n` and `\r` (`expected` written
/// with `\n`; line breaks inside token texts are replaced alike).
private func expectLexemes(
  _ source: String, _ expected: [SwiftLexeme], sourceLocation: SourceLocation = #_sourceLocation
) {
  for lineBreak in ["\n", "\r\n", "\r"] {
    let converted = source.replacingAll("\n", with: lineBreak)
    let convertedExpected = expected.map { SwiftLexeme($0.kind, $0.text.replacingAll("\n", with: lineBreak)) }
    let actual = swiftLexemes(converted, sourceLocation: sourceLocation)
    #expect(actual == convertedExpected, "line break \(lineBreak.debugDescription)", sourceLocation: sourceLocation)
  }
}

extension String {
  /// Replaces every `target` with `replacement` (no Foundation).
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}

// MARK: - Identifiers, keywords, punctuation

@Suite struct SwiftTokenizerTests {
  @Test func emptyInputIsJustEndOfFile() {
    let tokens = SwiftTokenizer.tokenize([UInt8]())
    #expect(tokens == [Token(kind: .endOfFile, start: 0, length: 0)])
  }

  @Test func identifiersKeywordsAndCalls() {
    expectLexemes(
      "let x = client.chat(model: m)",
      [id("let"), id("x"), op("="), id("client"), op("."), id("chat"), op("("), id("model"), op(":"), id("m"), op(")")]
    )
  }

  @Test func optionalChainingAndForceUnwrap() {
    expectLexemes(
      "client?.chats(query: q)",
      [id("client"), op("?"), op("."), id("chats"), op("("), id("query"), op(":"), id("q"), op(")")]
    )
    expectLexemes("a!.b", [id("a"), op("!"), op("."), id("b")])
    expectLexemes("f()?.g()!", [id("f"), op("("), op(")"), op("?"), op("."), id("g"), op("("), op(")"), op("!")])
    expectLexemes("x[0]?.y", [id("x"), op("["), num("0"), op("]"), op("?"), op("."), id("y")])
    expectLexemes(
      "let a: [Int]? = nil", [id("let"), id("a"), op(":"), op("["), id("Int"), op("]"), op("?"), op("="), id("nil")])
    expectLexemes(
      "var b: Array<Int>?", [id("var"), id("b"), op(":"), id("Array"), op("<"), id("Int"), op(">"), op("?")])
    expectLexemes("try! f()", [id("try"), op("!"), id("f"), op("("), op(")")])
    expectLexemes("a ?? b", [id("a"), op("??"), id("b")])
    expectLexemes("c ? d : e", [id("c"), op("?"), id("d"), op(":"), id("e")])
    expectLexemes("if !done {}", [id("if"), op("!"), id("done"), op("{"), op("}")])
  }

  @Test func backtickAndDollarIdentifiers() {
    expectLexemes("`default`.x", [id("`default`"), op("."), id("x")])
    expectLexemes("let `class` = 1", [id("let"), id("`class`"), op("="), num("1")])
    expectLexemes("{ $0 + $1 }", [op("{"), id("$0"), op("+"), id("$1"), op("}")])
    expectLexemes("$name.wrappedValue", [id("$name"), op("."), id("wrappedValue")])
    expectLexemes("a ` b", [id("a"), unknown("`"), id("b")])
  }

  @Test func unicodeIdentifiersAndOperators() {
    expectLexemes("let café = π × 2", [id("let"), id("café"), op("="), id("π"), op("×"), num("2")])
    expectLexemes("a ≥ b", [id("a"), op("≥"), id("b")])
    expectLexemes(
      "f(<#value#>) && !<#flag#>",
      [
        id("f"), op("("), id("<#value#>"), op(")"), op("&&"), op("!"), id("<#flag#>"),
      ])
    expectLexemes("let 🐶 = 1", [id("let"), id("🐶"), op("="), num("1")])
  }

  @Test func pointOperatorsAndPunctuation() {
    expectLexemes(
      "func f(_ a: Int) -> Bool { a == 1 && b != 2; }",
      [
        id("func"), id("f"), op("("), id("_"), id("a"), op(":"), id("Int"), op(")"), op("->"), id("Bool"), op("{"),
        id("a"), op("=="), num("1"), op("&&"), id("b"), op("!="), num("2"), op(";"), op("}"),
      ]
    )
    expectLexemes("x += 1", [id("x"), op("+="), num("1")])
    expectLexemes("0...5", [num("0"), op("..."), num("5")])
    expectLexemes("0..<n", [num("0"), op("..<"), id("n")])
    expectLexemes("a .== b", [id("a"), op(".=="), id("b")])
    expectLexemes("x <*> y", [id("x"), op("<*>"), id("y")])
    expectLexemes("[.a, .b]", [op("["), op("."), id("a"), op(","), op("."), id("b"), op("]")])
    expectLexemes("f(&x)", [id("f"), op("("), op("&"), id("x"), op(")")])
    expectLexemes("-1", [op("-"), num("1")])
    expectLexemes("a+//c\nb", [id("a"), op("+"), comment("//c"), id("b")])
  }

  /// Operators follow the lexer's longest-match rule; the parser re-splits some of them later. These cases
  /// pin the lexer side so token consumers know what they get.
  @Test func lexerNotParserOperatorSplits() {
    expectLexemes(
      "Array<Array<Int>>()",
      [
        id("Array"), op("<"), id("Array"), op("<"), id("Int"), op(">>"), op("("), op(")"),
      ])
    expectLexemes(
      "func ==<T>(a: T)",
      [
        id("func"), op("==<"), id("T"), op(">"), op("("), id("a"), op(":"), id("T"), op(")"),
      ])
    expectLexemes("Swift::print(x)", [id("Swift"), op(":"), op(":"), id("print"), op("("), id("x"), op(")")])
    expectLexemes(
      "@available(macOS 10.15.4, *)",
      [
        op("@"), id("available"), op("("), id("macOS"), num("10.15"), op("."), num("4"), op(","), op("*"), op(")"),
      ])
  }

  @Test func keyPathsAndAttributes() {
    expectLexemes("\\.foo", [op("\\"), op("."), id("foo")])
    expectLexemes("\\Person.name", [op("\\"), id("Person"), op("."), id("name")])
    expectLexemes(
      "xs.map(\\.?.value)",
      [
        id("xs"), op("."), id("map"), op("("), op("\\"), op("."), op("?"), op("."), id("value"), op(")"),
      ])
    expectLexemes("\\.!.x", [op("\\"), op("."), op("!"), op("."), id("x")])
    expectLexemes("a .!= b", [id("a"), op(".!="), id("b")])
    expectLexemes(
      "@available(iOS 13, *)\n@MainActor func f()",
      [
        op("@"), id("available"), op("("), id("iOS"), num("13"), op(","), op("*"), op(")"),
        op("@"), id("MainActor"), id("func"), id("f"), op("("), op(")"),
      ]
    )
  }

  @Test func poundExpressionsAndDirectives() {
    expectLexemes(
      "#if os(Linux)\nimport Glibc\n#elseif canImport(Darwin)\nimport Darwin\n#else\n#error(\"no\")\n#endif",
      [
        directive("#if"), id("os"), op("("), id("Linux"), op(")"), id("import"), id("Glibc"),
        directive("#elseif"), id("canImport"), op("("), id("Darwin"), op(")"), id("import"), id("Darwin"),
        directive("#else"), directive("#error"), op("("), str("\"no\""), op(")"), directive("#endif"),
      ]
    )
    expectLexemes(
      "#selector(f) #available(iOS 15, *) #file #Preview",
      [
        id("#selector"), op("("), id("f"), op(")"), id("#available"), op("("), id("iOS"), num("15"), op(","),
        op("*"), op(")"), id("#file"), id("#Preview"),
      ]
    )
    expectLexemes("#if compiler(>=5.9)", [directive("#if"), id("compiler"), op("("), op(">="), num("5.9"), op(")")])
    expectLexemes(
      "#sourceLocation(file: \"a\", line: 1)",
      [
        directive("#sourceLocation"), op("("), id("file"), op(":"), str("\"a\""), op(","), id("line"), op(":"),
        num("1"), op(")"),
      ])
    expectLexemes("#warning(\"x\")", [directive("#warning"), op("("), str("\"x\""), op(")")])
    expectLexemes(
      "#Café(1) #ünïcode # x",
      [
        id("#Café"), op("("), num("1"), op(")"), id("#ünïcode"), op("#"), id("x"),
      ])
    expectLexemes(
      "#!/usr/bin/env swift\nprint(1)", [comment("#!/usr/bin/env swift"), id("print"), op("("), num("1"), op(")")])
  }

  @Test func numbers() {
    expectLexemes(
      "42 1_000 3.14 1e10 2.5E-3 0x1F 0x1p-2 0xA.8p1 0o17 0b1010_1010",
      [
        num("42"), num("1_000"), num("3.14"), num("1e10"), num("2.5E-3"), num("0x1F"), num("0x1p-2"), num("0xA.8p1"),
        num("0o17"), num("0b1010_1010"),
      ])
    expectLexemes("0xff.description", [num("0xff"), op("."), id("description")])
    expectLexemes("1.description", [num("1"), op("."), id("description")])
    expectLexemes("t.0.1", [id("t"), op("."), num("0"), op("."), num("1")])
  }

  // MARK: - Comments

  @Test func comments() {
    expectLexemes("a // note\nb", [id("a"), comment("// note"), id("b")])
    expectLexemes("/// doc\nfunc f()", [comment("/// doc"), id("func"), id("f"), op("("), op(")")])
    expectLexemes("a /* x /* y */ z */ b", [id("a"), comment("/* x /* y */ z */"), id("b")])
    expectLexemes("/**\n * doc\n */\nx", [comment("/**\n * doc\n */"), id("x")])
    expectLexemes("a /* open /* nested */ never closed", [id("a"), comment("/* open /* nested */ never closed")])
    expectLexemes("/*/ still a comment */x", [comment("/*/ still a comment */"), id("x")])
    expectLexemes("// end", [comment("// end")])
  }

  // MARK: - Strings

  @Test func plainStrings() {
    expectLexemes("\"hello\"", [str("\"hello\"")])
    expectLexemes("\"\"", [str("\"\"")])
    expectLexemes(
      "f(\"a\\\"b\", \"c\\\\\")", [id("f"), op("("), str("\"a\\\"b\""), op(","), str("\"c\\\\\""), op(")")])
    expectLexemes("\"\\u{1F600} \\n\"", [str("\"\\u{1F600} \\n\"")])
    expectLexemes("\"// not a comment\" x", [str("\"// not a comment\""), id("x")])
  }

  @Test func multiLineStrings() {
    expectLexemes(
      "let s = \"\"\"\n  a \"quoted\" \"\"\n  b\n  \"\"\"\nx",
      [
        id("let"), id("s"), op("="), str("\"\"\"\n  a \"quoted\" \"\"\n  b\n  \"\"\""), id("x"),
      ])
    expectLexemes("\"\"\"\n  one \\\n  two\n  \"\"\"", [str("\"\"\"\n  one \\\n  two\n  \"\"\"")])
  }

  @Test func rawStrings() {
    expectLexemes("#\"a \"b\" \\n\"#", [str("#\"a \"b\" \\n\"#")])
    expectLexemes("##\"a \"# b\"##", [str("##\"a \"# b\"##")])
    expectLexemes("###\"x\"## y\"###", [str("###\"x\"## y\"###")])
    expectLexemes("#\"\"\"\n  a \"\"\" b\n  \"\"\"#", [str("#\"\"\"\n  a \"\"\" b\n  \"\"\"#")])
    expectLexemes("#\"\"\"#", [str("#\"\"\"#")])
    expectLexemes("#\"\"\"a\"#", [str("#\"\"\"a\"#")])
    expectLexemes("#\"\\(x)\"#", [str("#\"\\(x)\"#")])
    expectLexemes("#\"a\\\"# b", [str("#\"a\\\"#"), id("b")])
  }

  @Test func interpolation() {
    expectLexemes("\"a \\(b) c\"", [start("\""), middle("a "), op("\\("), id("b"), op(")"), middle(" c"), end("\"")])
    expectLexemes("\"\\(x)\"", [start("\""), op("\\("), id("x"), op(")"), end("\"")])
    expectLexemes(
      "\"\\(a)\\(b)\"", [start("\""), op("\\("), id("a"), op(")"), op("\\("), id("b"), op(")"), end("\"")])
    expectLexemes(
      "\"n: \\(f(x, g(y)))!\"",
      [
        start("\""), middle("n: "), op("\\("), id("f"), op("("), id("x"), op(","), id("g"), op("("), id("y"), op(")"),
        op(")"), op(")"), middle("!"), end("\""),
      ]
    )
  }

  @Test func interpolationHoldingStrings() {
    expectLexemes(
      "\"\\(\"a\\(b)\")\"",
      [start("\""), op("\\("), start("\""), middle("a"), op("\\("), id("b"), op(")"), end("\""), op(")"), end("\"")]
    )
    expectLexemes(
      "\"x\\(d[\"k\"] ?? \")\")y\"",
      [
        start("\""), middle("x"), op("\\("), id("d"), op("["), str("\"k\""), op("]"), op("??"), str("\")\""), op(")"),
        middle("y"), end("\""),
      ]
    )
    expectLexemes(
      "\"\\(#\"raw \"\\(no)\"#)\"",
      [start("\""), op("\\("), str("#\"raw \"\\(no)\"#"), op(")"), end("\"")]
    )
  }

  @Test func interpolationHoldingClosuresAndComments() {
    expectLexemes(
      "\"\\(xs.map { $0 * 2 } /* c) */)\"",
      [
        start("\""), op("\\("), id("xs"), op("."), id("map"), op("{"), id("$0"), op("*"), num("2"), op("}"),
        comment("/* c) */"), op(")"), end("\""),
      ]
    )
    expectLexemes(
      "\"\"\"\n\\(f(\n  a // )\n))\n\"\"\"",
      [
        start("\"\"\""), middle("\n"), op("\\("), id("f"), op("("), id("a"), comment("// )"), op(")"), op(")"),
        middle("\n"), end("\"\"\""),
      ]
    )
  }

  @Test func rawInterpolation() {
    expectLexemes("#\"a\\#(b)c\"#", [start("#\""), middle("a"), op("\\#("), id("b"), op(")"), middle("c"), end("\"#")])
    expectLexemes(
      "##\"\\#(no)\\##(yes)\"##",
      [start("##\""), middle("\\#(no)"), op("\\##("), id("yes"), op(")"), end("\"##")]
    )
    expectLexemes(
      "#\"\"\"\n  \\#(x) \\(y)\n  \"\"\"#",
      [start("#\"\"\""), middle("\n  "), op("\\#("), id("x"), op(")"), middle(" \\(y)\n  "), end("\"\"\"#")]
    )
  }

  @Test func multiLineInterpolation() {
    expectLexemes(
      "\"\"\"\n  Hi \\(name)!\n  \"\"\"",
      [start("\"\"\""), middle("\n  Hi "), op("\\("), id("name"), op(")"), middle("!\n  "), end("\"\"\"")]
    )
    expectLexemes(
      "\"\"\"\n\\(\"\"\"\n  in \\(x)\n  \"\"\")\n\"\"\"",
      [
        start("\"\"\""), middle("\n"), op("\\("), start("\"\"\""), middle("\n  in "), op("\\("), id("x"), op(")"),
        middle("\n  "), end("\"\"\""), op(")"), middle("\n"), end("\"\"\""),
      ]
    )
  }

  @Test func unterminatedStrings() {
    expectLexemes("\"abc", [str("\"abc")])
    expectLexemes("\"abc\nx", [str("\"abc"), id("x")])
    expectLexemes("\"a\\(b\nc)", [start("\""), middle("a"), op("\\("), id("b"), id("c"), op(")")])
    expectLexemes("\"a\\(b", [start("\""), middle("a"), op("\\("), id("b")])
    expectLexemes("\"\"\"\nabc", [str("\"\"\"\nabc")])
    expectLexemes("#\"abc\"", [str("#\"abc\"")])
    expectLexemes("\"\\(x)abc", [start("\""), op("\\("), id("x"), op(")"), middle("abc")])
    expectLexemes("\"abc\\", [str("\"abc\\")])
  }

  // MARK: - Regex literals

  @Test func extendedRegexLiterals() {
    expectLexemes("let r = #/a+b/#", [id("let"), id("r"), op("="), regex("#/a+b/#")])
    expectLexemes(
      "x.firstMatch(of: #/\\d+/#)",
      [
        id("x"), op("."), id("firstMatch"), op("("), id("of"), op(":"), regex("#/\\d+/#"), op(")"),
      ])
    expectLexemes("##/a/#b/##", [regex("##/a/#b/##")])
    expectLexemes("#/\n  a # comment\n  b\n/#\nx", [regex("#/\n  a # comment\n  b\n/#"), id("x")])
    expectLexemes("#/abc\nx", [regex("#/abc"), id("x")])
  }

  @Test func bareRegexLiterals() {
    expectLexemes("let r = /a+b/", [id("let"), id("r"), op("="), regex("/a+b/")])
    expectLexemes("s.matches(/[a-z]+/)", [id("s"), op("."), id("matches"), op("("), regex("/[a-z]+/"), op(")")])
    expectLexemes(
      "return /\\d+/.wholeMatch(x)",
      [
        id("return"), regex("/\\d+/"), op("."), id("wholeMatch"), op("("), id("x"), op(")"),
      ])
    expectLexemes("[/a/, /b\\/c/]", [op("["), regex("/a/"), op(","), regex("/b\\/c/"), op("]")])
    expectLexemes("case /(x)/: break", [id("case"), regex("/(x)/"), op(":"), id("break")])
    expectLexemes(
      "try? /a/.wholeMatch(s)",
      [
        id("try"), op("?"), regex("/a/"), op("."), id("wholeMatch"), op("("), id("s"), op(")"),
      ])
    expectLexemes("x = #/a/# + /b/", [id("x"), op("="), regex("#/a/#"), op("+"), regex("/b/")])
    expectLexemes("_ = !/x/", [id("_"), op("="), op("!"), regex("/x/")])
    expectLexemes("bar(&/x/)", [id("bar"), op("("), op("&"), regex("/x/"), op(")")])
    // Swift reads a regex here (prefix `/` after `=`); the operator starts after an identifier, outside
    // expression position, so the tokenizer prefers operators.
    expectLexemes("let x =/abc/", [id("let"), id("x"), op("=/"), id("abc"), op("/")])
    expectLexemes("} catch /x/ {}", [op("}"), id("catch"), regex("/x/"), op("{"), op("}")])
  }

  @Test func divisionIsNotRegex() {
    expectLexemes("a / b / c", [id("a"), op("/"), id("b"), op("/"), id("c")])
    expectLexemes("a/b/c", [id("a"), op("/"), id("b"), op("/"), id("c")])
    expectLexemes("x /= 2", [id("x"), op("/="), num("2")])
    expectLexemes("(a) / (b) / 2", [op("("), id("a"), op(")"), op("/"), op("("), id("b"), op(")"), op("/"), num("2")])
    expectLexemes(
      "f(1 /2, 3/ 4)", [id("f"), op("("), num("1"), op("/"), num("2"), op(","), num("3"), op("/"), num("4"), op(")")])
    expectLexemes("reduce(1, /) / 2", [id("reduce"), op("("), num("1"), op(","), op("/"), op(")"), op("/"), num("2")])
    expectLexemes("infix operator /^/", [id("infix"), id("operator"), op("/^/")])
    expectLexemes(
      "static func / (a: T, b: T)",
      [
        id("static"), id("func"), op("/"), op("("), id("a"), op(":"), id("T"), op(","), id("b"), op(":"), id("T"),
        op(")"),
      ])
    expectLexemes("x = y\n  / 2 / z", [id("x"), op("="), id("y"), op("/"), num("2"), op("/"), id("z")])
    expectLexemes(
      "let h = (a /b/c)", [id("let"), id("h"), op("="), op("("), id("a"), op("/"), id("b"), op("/"), id("c"), op(")")])
    expectLexemes("(/a /)", [op("("), op("/"), id("a"), op("/"), op(")")])
    expectLexemes("x? /a/ 2", [id("x"), op("?"), op("/"), id("a"), op("/"), num("2")])
    expectLexemes("a = b !/c/ d", [id("a"), op("="), id("b"), op("!/"), id("c"), op("/"), id("d")])
    expectLexemes("a = b!/c/d", [id("a"), op("="), id("b"), op("!"), op("/"), id("c"), op("/"), id("d")])
    expectLexemes("await /^ x/", [id("await"), op("/^"), id("x"), op("/")])
    expectLexemes(
      "let a = b /* c */ / 2", [id("let"), id("a"), op("="), id("b"), comment("/* c */"), op("/"), num("2")])
    expectLexemes("f(/a/b)", [id("f"), op("("), op("/"), id("a"), op("/"), id("b"), op(")")])
    expectLexemes(
      "(/Foo.a .. /Foo.b)",
      [
        op("("), op("/"), id("Foo"), op("."), id("a"), op(".."), op("/"), id("Foo"), op("."), id("b"), op(")"),
      ])
  }

  // MARK: - Whitespace and stray bytes

  @Test func byteOrderMarkAndWhitespace() {
    expectLexemes("\u{FEFF}x\t\u{0B}\u{0C} y", [id("x"), id("y")])
  }

  @Test func strayBytesAreUnknown() {
    let bytes: [UInt8] = [0x61, 0x00, 0x01, 0x20, 0xFF, 0xFE, 0x20, 0x27, 0x62]
    let tokens = SwiftTokenizer.tokenize(bytes)
    expectSwiftCoverage(bytes, tokens)
    #expect(tokens.map(\.kind) == [.identifier, .unknown, .unknown, .unknown, .identifier, .endOfFile])
    #expect(tokens[1].length == 2 && tokens[2].length == 2)
    let truncated: [UInt8] = [0x61, 0xE2, 0x82]
    let tokens2 = SwiftTokenizer.tokenize(truncated)
    expectSwiftCoverage(truncated, tokens2)
    #expect(tokens2.map(\.kind) == [.identifier, .unknown, .endOfFile])
  }
}

// MARK: - Hostile inputs

@Suite struct SwiftTokenizerHostileInputTests {
  private func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [Token] {
    let tokens = SwiftTokenizer.tokenize(bytes)
    expectSwiftCoverage(bytes, tokens, sourceLocation: sourceLocation)
    return tokens
  }

  @Test func deepParentheses() {
    let tokens = check(Array(repeating: UInt8(ascii: "("), count: 100_000))
    #expect(tokens.count == 100_001)
  }

  @Test func deepBraces() {
    let tokens = check(Array(repeating: UInt8(ascii: "{"), count: 100_000))
    #expect(tokens.count == 100_001)
  }

  @Test func deepInterpolations() {
    let depth = 10_000
    var source = Array(repeating: Array("\"\\(".utf8), count: depth).flatMap { $0 }
    source += Array("x".utf8)
    source += Array(repeating: Array(")\"".utf8), count: depth).flatMap { $0 }
    let tokens = check(source)
    #expect(tokens.filter { $0.kind == .stringStart }.count == depth)
    #expect(tokens.filter { $0.kind == .stringEnd }.count == depth)
    let unterminated = check(Array(repeating: Array("\"\\(".utf8), count: depth).flatMap { $0 })
    #expect(unterminated.filter { $0.kind == .stringStart }.count == depth)
  }

  @Test func hugeSingleLine() {
    var source: [UInt8] = []
    source.reserveCapacity(5_000_100)
    let chunk = Array("let x = a.b(c, \"s\\(d)\") / 2 + 0x1F // ".utf8)
    while source.count < 5_000_000 { source += chunk }
    let tokens = check(source)
    #expect(tokens.count > 1)
  }

  @Test func unterminatedConstructs() {
    for text in ["\"\"\"", "\"\"\"\nabc", "/*", "/* /* */", "#\"", "#/", "#/\n", "\"\\(", "`", "<#", "0x", "1e", "#"] {
      let tokens = check(Array(text.utf8))
      #expect(tokens.last?.kind == .endOfFile, "\(text.debugDescription)")
    }
  }

  /// Inputs aimed at each look-ahead scan (raw `"""` line scan, bare regex, backticks, placeholders, long
  /// `#` runs): 1 MB on one line each. Linear time keeps them well under a second even in debug builds; a
  /// quadratic scan would not finish within the bound.
  @Test func pathologicalLinesStayLinear() {
    let patterns = [
      "(/a ", "(/a(", "#\"\"\"x ", "##\"\"\"\"# ", "` a", "<#a ", "#/a ", "/*", "*/", "\"\\(", "\\(\"",
      "#\"\\#(", "0x1.", "a?.", "\u{00A0}", "\u{2260}",
    ]
    let clock = ContinuousClock()
    for pattern in patterns {
      let unit = Array(pattern.utf8)
      var source: [UInt8] = []
      source.reserveCapacity(1_000_000 + unit.count)
      while source.count < 1_000_000 { source += unit }
      let began = clock.now
      _ = check(source)
      let elapsed = clock.now - began
      #expect(elapsed < .seconds(20), "\(pattern.debugDescription) took \(elapsed)")
    }
    var hashes = Array(repeating: UInt8(ascii: "#"), count: 500_000)
    hashes += Array(repeating: Array("\"#".utf8), count: 200_000).flatMap { $0 }
    let began = clock.now
    _ = check(hashes)
    #expect(clock.now - began < .seconds(20))
  }

  @Test func nulBytesAndInvalidUTF8() {
    _ = check(Array(repeating: 0, count: 10_000))
    var garbage: [UInt8] = []
    var state: UInt32 = 12345
    for _ in 0..<200_000 {
      state = state &* 1_103_515_245 &+ 12345
      garbage.append(UInt8(truncatingIfNeeded: state >> 16))
    }
    _ = check(garbage)
    // Every prefix of a tricky snippet, so each construct is cut at every byte.
    let snippet = Array("#\"\"\"\n \\#(a[\"k\"]) \"\"\"# /* /* */ */ \"x\\(#/a\\/b/#)\" `c` $0 0x1p-2 /re/ é≥".utf8)
    for length in 0...snippet.count { _ = check(Array(snippet[0..<length])) }
  }
}
