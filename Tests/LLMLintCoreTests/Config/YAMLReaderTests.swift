import Testing

@testable import LLMLintCore

/// A compact rendering of a node for assertions: plain scalars bare, quoted ones in `"…"`, `~` for null,
/// `[a, b]` and `{k: v}` for collections.
private func render(_ node: YAMLNode) -> String {
  switch node.value {
  case .null: return "~"
  case .scalar(let text, let isQuoted): return isQuoted ? "\"\(text)\"" : text
  case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
  case .map(let entries): return "{" + entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
  }
}

private func parse(_ text: String) throws(YAMLError) -> YAMLNode {
  try YAMLReader.parse(Array(text.utf8))
}

private func expectParse(
  _ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    let node = try parse(text)
    #expect(render(node) == expected, sourceLocation: sourceLocation)
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
  }
}

private func expectError(
  _ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  expectError(bytes: Array(text.utf8), expected, sourceLocation: sourceLocation)
}

private func expectError(
  bytes: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    let node = try YAMLReader.parse(bytes)
    Issue.record("expected error '\(expected)', parsed \(render(node))", sourceLocation: sourceLocation)
  } catch {
    #expect(error.description == expected, sourceLocation: sourceLocation)
  }
}

@Suite struct YAMLReaderTests {
  // MARK: - Block collections

  @Test func blockMap() {
    expectParse("a: 1\nb: two words\nc: x:y\n", "{a: 1, b: two words, c: x:y}")
    expectParse(
      "outer:\n  inner: 1\n  other:\n    deep: x\nnext: 2\n", "{outer: {inner: 1, other: {deep: x}}, next: 2}")
    expectParse("url: http://example.com/a#b\n", "{url: http://example.com/a#b}")
    expectParse(
      "\"quoted key\": 1\n'single': 2\nkey with spaces : 3\n", "{quoted key: 1, single: 2, key with spaces: 3}")
  }

  @Test func blockList() {
    expectParse("- a\n- b\n-\n- c # comment\n", "[a, b, ~, c]")
    expectParse("- - a\n  - b\n- c\n", "[[a, b], c]")
    expectParse("-\n  x: 1\n", "[{x: 1}]")
  }

  @Test func listOfMaps() {
    let text = """
      rules:
        - id: openai
          provider: openai
          patterns: ["*.chat.completions.create", '*.responses.create']
        - id: anthropic
          provider: anthropic
      """
    expectParse(
      text,
      "{rules: [{id: openai, provider: openai, patterns: [\"*.chat.completions.create\", \"*.responses.create\"]}, "
        + "{id: anthropic, provider: anthropic}]}")
  }

  @Test func listAtTheIndentationOfItsKey() {
    expectParse("exclude:\n- a\n- b\nnext: 1\n", "{exclude: [a, b], next: 1}")
    expectParse("a:\n  b:\n  - x\n  c: y\n", "{a: {b: [x], c: y}}")
  }

  @Test func emptyValuesAreNull() throws {
    let node = try parse("a:\nb: # nothing\nc: 1\n")
    #expect(render(node) == "{a: ~, b: ~, c: 1}")
    let entries = try #require(node.map)
    #expect(entries[0].value.line == 1 && entries[0].value.column == 3)
    #expect(entries[1].value.line == 2 && entries[1].value.column == 3)
    expectParse("a:\n", "{a: ~}")
    expectParse("a:\nb:\n  - 1\n", "{a: ~, b: [1]}")
  }

  @Test func positions() throws {
    let node = try parse("# header\n\nrules:\n  - id: x\n    provider:  y\n")
    #expect(node.line == 3 && node.column == 1)
    let rules = try #require(node.map?.first)
    #expect(rules.key == "rules" && rules.line == 3 && rules.column == 1)
    #expect(rules.value.line == 4 && rules.value.column == 3)
    let item = try #require(rules.value.list?.first)
    #expect(item.line == 4 && item.column == 5)
    let provider = try #require(item.map?.last)
    #expect(provider.line == 5 && provider.column == 5)
    #expect(provider.value.line == 5 && provider.value.column == 16)
    // Columns count Unicode scalars, not bytes.
    let unicode = try parse("é: [ü, x]\n")
    let list = try #require(unicode.map?.first?.value.list)
    #expect(list[1].line == 1 && list[1].column == 8)
  }

  // MARK: - Flow collections

  @Test func flowCollections() {
    expectParse("a: [x, y, \"c d\"]\n", "{a: [x, y, \"c d\"]}")
    expectParse("a: []\nb: {}\n", "{a: [], b: {}}")
    expectParse("a: [x,\n    y, # comment\n    z,\n]\n", "{a: [x, y, z]}")
    expectParse("a: {b: 1, c: [x], 'd': {e: f}}\n", "{a: {b: 1, c: [x], d: {e: f}}}")
    expectParse("{\"a\":1, b: , c: }\n", "{a: 1, b: ~, c: ~}")
    expectParse("[a b\n  c, http://x, a:b]", "[a b c, http://x, a:b]")
    expectParse("- [1, [2, [3]]]\n", "[[1, [2, [3]]]]")
  }

  // MARK: - Scalars

  @Test func plainScalars() {
    expectParse("a: hello world   # comment\n", "{a: hello world}")
    expectParse("a:\tb\t# tab\n", "{a: b}")
    expectParse("a: x#y\n", "{a: x#y}")
    expectParse("a: -1\nb: ?x\nc: :x\n", "{a: -1, b: ?x, c: :x}")
    expectParse("a: first\n  second\n\n  third\nb: 2\n", "{a: first second\nthird, b: 2}")
    expectParse("just a scalar\n", "just a scalar")
  }

  @Test func singleQuoted() {
    expectParse("a: 'it''s # not a comment'\n", "{a: \"it's # not a comment\"}")
    expectParse("a: 'one\n  two\n\n  three'\n", "{a: \"one two\nthree\"}")
    expectParse("a: ''\n", "{a: \"\"}")
  }

  @Test func doubleQuoted() throws {
    let node = try parse(#"a: "q\"b\\s\/\n\t\r\0\x41\u00e9\U0001F600""# + "\n")
    #expect(node.map?.first?.value.scalar == "q\"b\\s/\n\t\r\0Aé😀")
    let more = try parse(#"a: "\a\b\v\f\e\ \N\_\L\P""# + "\n")
    #expect(more.map?.first?.value.scalar == "\u{7}\u{8}\u{B}\u{C}\u{1B} \u{85}\u{A0}\u{2028}\u{2029}")
    expectParse("a: \"one  \n  two\\\n  three\"\n", "{a: \"one twothree\"}")
    expectParse("a: \"x\" # comment\n", "{a: \"x\"}")
  }

  @Test func blockScalars() {
    expectParse("a: |\n  line 1\n    indented\n\n  line 3\n\n\nb: 1\n", "{a: line 1\n  indented\n\nline 3\n, b: 1}")
    expectParse("a: |-\n  x\n  y\n\n", "{a: x\ny}")
    expectParse("a: |\n  x", "{a: x}")  // no line break at the end of the file, none in the value
    expectParse("a: |+\n  x\n\n  ", "{a: x\n\n}")
    expectParse("a: |+\n  x\n\n\nb: 1\n", "{a: x\n\n\n, b: 1}")
    expectParse("a: >\n  folded\n  text\n\n  para\n    more\n  back\n", "{a: folded text\npara\n  more\nback\n}")
    expectParse("a: >-\n  x\n  y\n", "{a: x y}")
    expectParse("a: |2\n    x\n   y\n", "{a:   x\n y\n}")
    expectParse("- |\n  x\n- >+\n  y\n", "[x\n, y\n]")
    expectParse("a: |\nb: 1\n", "{a: , b: 1}")
    expectParse("a: | # comment\n  # not a comment\n", "{a: # not a comment\n}")
  }

  // MARK: - Documents and line breaks

  @Test func emptyDocumentIsNullAtOneOne() throws {
    for text in ["", "\n\n", "# only a comment\n", "---\n", "--- # comment\n# more\n", "\u{FEFF}"] {
      let node = try parse(text)
      #expect(node == YAMLNode(.null, line: 1, column: 1), "\(text.debugDescription)")
    }
  }

  @Test func documentStart() {
    expectParse("# c\n---\na: 1\n", "{a: 1}")
    expectParse("--- [a,\n  b]\n", "[a, b]")
    expectParse("--- 'text'\n", "\"text\"")
    expectParse("--- |\n  x\n", "x\n")
  }

  @Test func lineBreaksAndByteOrderMark() throws {
    expectParse("a: 1\r\nb:\r\n  - x\r\n", "{a: 1, b: [x]}")
    expectParse("a: 1\rb: |\r  x\r  y\r", "{a: 1, b: x\ny\n}")
    let bom = try YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
    #expect(render(bom) == "{a: 1}")
    #expect(bom.line == 1 && bom.column == 1)
    expectError("a: 1\r\nb: 2\r\na: 3\r\n", "3:1: duplicate key 'a' (first defined on line 1)")
    expectError("a: 1\rb: 2\ra: 3", "3:1: duplicate key 'a' (first defined on line 1)")
  }

  // MARK: - Errors, verbatim

  @Test func indentationErrors() {
    expectError("a:\n\tb: 1\n", "2:1: tab in indentation (indent with spaces)")
    expectError("a:\n  \tb: 1\n", "2:3: tab in indentation (indent with spaces)")
    expectError("a:\n    b: 1\n  c: 2\n", "3:3: inconsistent indentation (expected 0 spaces as on line 1, found 2)")
    expectError(
      "a: 1\n  b: 2\n",
      "2:4: unexpected 'key: value' inside a plain scalar continued from line 1 (check the indentation, or quote the value)"
    )
    expectParse("- a\n  - b\n", "[a - b]")  // YAML folds it into the scalar
    expectError(
      "- a: 1\n   b: 2\n",
      "2:5: unexpected 'key: value' inside a plain scalar continued from line 1 (check the indentation, or quote the value)"
    )
    expectError("- a:\n    x: 1\n   y: 2\n", "3:4: inconsistent indentation (expected 2 spaces as on line 1, found 3)")
  }

  @Test func shapeErrors() {
    expectError("a: 1\n- b\n", "2:1: expected a map entry ('key: value'), found a list item")
    expectError("- a\nb: 1\n", "2:1: expected a list item ('- value'), found a map entry")
    expectError("- a\nb\n", "2:1: expected a list item ('- value'), found text")
    expectError("a: 1\nb\n", "2:1: expected a map entry ('key: value'), found text without ':'")
    expectError("a: - b\n", "1:4: a list cannot start on the same line as its key (put '- ...' on the next line)")
    expectError(
      "a: b: c\n",
      "1:4: a map cannot start on the same line as its key (quote the value if it is text, or put 'b: ...' on the next line, indented)"
    )
    expectError("  a: 1\nb: 2\n", "2:1: inconsistent indentation (expected 2 spaces as on line 1, found 0)")
    expectError("[a]\nb: 1\n", "2:1: expected the end of the document, found more content")
  }

  @Test func duplicateKeys() {
    expectError("a: 1\nb: 2\na: 3\n", "3:1: duplicate key 'a' (first defined on line 1)")
    expectError("x:\n  a: 1\n  'a': 2\n", "3:3: duplicate key 'a' (first defined on line 2)")
    expectError("{a: 1,\n a: 2}", "2:2: duplicate key 'a' (first defined on line 1)")
  }

  @Test func unsupportedFeatures() {
    expectError("a: &anchor 1\n", "1:4: anchors ('&') are not supported")
    expectError("a: *alias\n", "1:4: aliases ('*') are not supported")
    expectError("a: !!str 1\n", "1:4: tags ('!') are not supported")
    expectError("? a\n: b\n", "1:1: complex keys ('?') are not supported")
    expectError("%YAML 1.2\n---\na: 1\n", "1:1: directives ('%') are not supported")
    expectError("a: [&x 1]\n", "1:5: anchors ('&') are not supported")
    expectError("a: @x\n", "1:4: '@' cannot start a plain value (quote the value)")
    expectError("a: 1\n---\nb: 2\n", "2:1: a second document ('---') is not supported (expected one document per file)")
    expectError("a: 1\n...\n", "2:1: the document end marker '...' is not supported")
    expectError("--- a: 1\n", "1:5: a block list or map cannot start on the '---' line (start it on the next line)")
    expectError("--- - a\n", "1:5: a block list or map cannot start on the '---' line (start it on the next line)")
    expectError(": x\n", "1:1: expected a key before ':'")
    expectError("[a]: x\n", "1:4: unexpected text after a flow list (expected a comment or the end of the line)")
  }

  @Test func quotingErrors() {
    expectError(
      "a: \"abc\nb: 1\n", "1:4: unterminated double-quoted string (expected a closing \" before the end of the file)")
    expectError("a: 'abc\n", "1:4: unterminated single-quoted string (expected a closing ' before the end of the file)")
    expectError(
      "a: \"x\" y\n", "1:8: unexpected text after a quoted string (expected a comment or the end of the line)")
    expectError(
      "a: \"x\"# c\n", "1:7: unexpected text after a quoted string (expected a comment or the end of the line)")
    expectError(
      "a: \"\\q\"\n",
      "1:5: invalid escape '\\q' in a double-quoted string (expected a YAML escape such as \\n, \\t, \\\\, \\\", \\xXX or \\uXXXX)"
    )
    expectError(
      "a: \"\\u12G4\"\n", "1:5: invalid escape '\\u12G' in a double-quoted string (expected 4 hexadecimal digits)")
    expectError("a: \"\\uD800\"\n", "1:5: invalid escape '\\uD800' (not a Unicode scalar value)")
  }

  @Test func flowErrors() {
    expectError("a: [x, y\nb: 1\n", "1:4: unterminated flow list (expected ']')")
    expectError("a: [x, y\n", "1:4: unterminated flow list (expected ']')")
    expectParse("a: [x,\n y]\n", "{a: [x, y]}")
    expectParse("a: [\n  x,\n]\nb: {\n  c: 1\n}\n", "{a: [x], b: {c: 1}}")
    expectError("- a: [x,\n  y]\n", "1:6: unterminated flow list (expected ']')")
    expectError("a: {x: 1\n", "1:4: unterminated flow map (expected '}')")
    expectError("a: [x, , y]\n", "1:8: expected a value in a flow list, found ','")
    expectError("a: [x y: z]\n", "1:8: expected ',' or ']' in a flow list, found ':'")
    expectError("a: {x}\n", "1:6: expected ':' after the key 'x' in a flow map, found '}'")
    expectError("a: {x: 1 y: 2}\n", "1:11: expected ',' or '}' in a flow map, found ':'")
    expectError("a: {[x]: 1}\n", "1:5: flow collections cannot be keys (expected a plain or quoted key)")
    expectError("a: [- x]\n", "1:5: block list items ('- ') are not allowed in a flow collection")
    expectError("{'k\n  0': 1}\n", "1:2: a key must fit on one line")
    expectError("{k\n  0: 1}\n", "1:2: a key must fit on one line")
    expectError("{\"v\"\n: 1}\n", "1:5: expected ':' after the key 'v' on the same line")
    expectError("a: {x: ]}\n", "1:8: expected a value in a flow map, found ']'")
    expectError("a: {x: 1, , y: 2}\n", "1:11: expected a key in a flow map, found ','")
    expectError("a: [|]\n", "1:5: '|' cannot start a plain value (quote the value)")
    expectError("a: {x: 1} y\n", "1:11: unexpected text after a flow map (expected a comment or the end of the line)")
    expectError("a: 1\n[b]: 2\n", "2:1: flow collections cannot be keys (expected a plain or quoted key)")
    expectError("a: [x] y\n", "1:8: unexpected text after a flow list (expected a comment or the end of the line)")
  }

  @Test func blockScalarErrors() {
    expectError(
      "a: |x\n  y\n",
      "1:4: invalid block scalar header (expected '|' or '>', an optional '-' or '+' and indentation digit, then a comment or the end of the line)"
    )
    expectError(
      "a: |\n    \n  x\n", "2:3: a leading blank line of the block scalar has more spaces than its first line (2)")
  }

  @Test func byteErrors() {
    expectError(
      bytes: Array("a: 1\nb: x".utf8) + [0] + Array("\n".utf8), "2:5: unexpected NUL byte (a YAML file must be text)")
    expectError(bytes: Array("a: é".utf8) + [0xFF], "1:5: invalid UTF-8 byte 0xFF (a YAML file must be UTF-8 text)")
    expectError(
      bytes: Array("a: ".utf8) + [0xC0, 0x80], "1:4: invalid UTF-8 byte 0xC0 (a YAML file must be UTF-8 text)")
    expectError(
      bytes: Array("a: ".utf8) + [0xED, 0xA0, 0x80], "1:4: invalid UTF-8 byte 0xED (a YAML file must be UTF-8 text)")
    expectError(
      bytes: Array("a: ".utf8) + [0x07], "1:4: unexpected control character U+0007 (a YAML file must be text)")
  }

  // MARK: - Robustness

  @Test func deepFlowNestingErrorsWithoutOverflow() {
    let deep = String(repeating: "[", count: 100_000)
    expectError(deep, "1:101: nesting deeper than 100 levels is not supported")
    let balanced = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect((try? parse(balanced)) != nil)
  }

  @Test func deepBlockNestingErrorsWithoutOverflow() {
    var text = ""
    for level in 0..<1_000 { text += String(repeating: " ", count: level) + "k:\n" }
    expectError(text, "101:101: nesting deeper than 100 levels is not supported")
    expectError(String(repeating: "- ", count: 100_000) + "x", "1:201: nesting deeper than 100 levels is not supported")
  }

  @Test func largeInputsStayLinear() throws {
    let clock = ContinuousClock()
    let flow = "[" + (0..<100_000).map { "item\($0)" }.joined(separator: ", ") + "]"
    let block = (0..<50_000).map { "- id: x\($0)\n  patterns: [a, b]" }.joined(separator: "\n")
    var counts: [Int] = []
    let elapsed = try clock.measure {
      counts.append(try parse(flow).list?.count ?? 0)
      counts.append(try parse(block).list?.count ?? 0)
    }
    #expect(counts == [100_000, 50_000])
    #expect(elapsed < .seconds(20))  // a quadratic column count took more than ten minutes here
    let last = try parse(flow).list?.last
    #expect(last?.line == 1 && last?.column == flow.utf8.count - "item99999]".utf8.count + 1)
  }

  @Test func arbitraryBytesNeverCrash() {
    let sample = Array(
      """
      rules:
        - id: "a\\u00e9"
          patterns: [x, {y: 'z'}]
          message: >-
            text
      exclude:
      - b # c
      """.utf8)
    let alphabet = Array(" -:#[]{},'\"\\|>\n\r\tax&*!?%".utf8) + [0, 0xFF, 0xC3]
    var generator = SplitMix64(seed: 42)
    for _ in 0..<3000 {
      var bytes = sample
      for _ in 0..<Int(generator.next() % 4 + 1) {
        let position = Int(generator.next() % UInt64(bytes.count))
        let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
        switch generator.next() % 3 {
        case 0: bytes[position] = byte
        case 1: bytes.insert(byte, at: position)
        default: bytes.remove(at: position)
        }
      }
      _ = try? YAMLReader.parse(bytes)
    }
  }
}
