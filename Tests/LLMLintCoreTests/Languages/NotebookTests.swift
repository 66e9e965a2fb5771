import Foundation
import Testing

@testable import LLMLintCore

/// Jupyter notebooks: code cells joined and analysed as one Python module, IPython syntax neutralized,
/// suppressions in cells, findings placed in the cell (text, JSON) and in the `.ipynb` file (SARIF, GitHub).
@Suite struct NotebookTests {
  /// A notebook as Jupyter writes it: one JSON string per source line, each on its own line of the file.
  static func notebook(_ cells: [(type: String, source: String)], nbformat: Int = 4) -> String {
    func quoted(_ text: String) -> String { JSON.string(text) }
    let rendered = cells.map { cell -> String in
      var lines: [String] = []
      var rest = Substring(cell.source)
      while let newline = rest.firstIndex(of: "\n") {
        lines.append(String(rest[...newline]))
        rest = rest[rest.index(after: newline)...]
      }
      if !rest.isEmpty { lines.append(String(rest)) }
      let source = lines.map { "    " + quoted($0) }.joined(separator: ",\n")
      let outputs = cell.type == "code" ? "   \"execution_count\": null,\n   \"outputs\": [],\n" : ""
      return "  {\n   \"cell_type\": \(quoted(cell.type)),\n   \"metadata\": {},\n\(outputs)   \"source\": [\n\(source)\n   ]\n  }"
    }
    return """
      {
       "cells": [
      \(rendered.joined(separator: ",\n"))
       ],
       "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
       "nbformat": \(nbformat),
       "nbformat_minor": 5
      }

      """
  }

  static let linter = Linter(ruleSet: ConfigLoader.builtIn().ruleSet)

  static func check(_ text: String, path: String = "nb/demo.ipynb") -> LintResult {
    linter.check(SourceFile(path: path, language: .jupyter, bytes: Array(text.utf8)))
  }

  /// The 1-based line and column of the first `needle` after `after` in `text` (columns in scalars).
  static func position(of needle: String, after: String = "", in text: String) -> (line: Int, column: Int) {
    let from = after.isEmpty ? text.startIndex : text.range(of: after)!.upperBound
    let found = text.range(of: needle, range: from..<text.endIndex)!.lowerBound
    let before = text[..<found]
    let line = before.filter { $0 == "\n" }.count + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text.unicodeScalars[lineStart..<found].count + 1)
  }

  static let cells: [(type: String, source: String)] = [
    ("code", "import openai\nclient = openai.OpenAI()\n"),
    ("markdown", "# Notes\nclient.chat.completions.create() in prose is not code\n"),
    ("code", "with track_llm_call(\"summary\"):\n    summary = client.chat.completions.create(model=\"m\")\n"),
    ("code", "label = \"say \\\"hi\\\" \\\\ é\"; reply = client.chat.completions.create(model=\"m\")\n"),
  ]

  @Test func codeCellsAreOneModuleAndFindingsArePlacedInTheCellAndTheFile() throws {
    let text = Self.notebook(Self.cells)
    let result = Self.check(text)
    #expect(result.problems.isEmpty)
    // The `with` of cell 3 tracks its call; cell 4's call is a finding; the markdown cell is not code.
    #expect(result.tracked.count == 1)
    #expect(result.tracked.first?.trackedBy?.at == "nb/demo.ipynb:cell 3:1")
    #expect(result.findings.count == 1)
    let finding = try #require(result.findings.first)
    #expect(finding.ruleID == "openai-chat-completions")
    #expect(finding.cell == CellPosition(cell: 4, line: 1, column: 60))
    // In the file: the JSON string's line, the column past its escapes (`\"` and `\\` are two bytes each).
    let inFile = Self.position(of: "create(", after: "label =", in: text)
    #expect(finding.line == inFile.line)
    #expect(finding.column == inFile.column)
    #expect(finding.endColumn == inFile.column + 6)
    #expect(finding.sourceLine.hasPrefix("label = "))
  }

  @Test func anImportInOneCellCountsInTheNext() {
    // An import-gated rule: the import is in cell 1, the call in cell 2.
    let gated = Self.notebook([
      ("code", "import anthropic\n"), ("code", "c = anthropic.Anthropic()\nm = c.messages.create(model=\"m\")\n"),
    ])
    let ungated = Self.notebook([("code", "c = Anthropic()\nm = c.messages.create(model=\"m\")\n")])
    #expect(Self.check(gated).findings.map(\.cell?.cell) == [2])
    #expect(Self.check(ungated).findings.isEmpty)
  }

  @Test func suppressionCommentsInCellsHideTheirCall() {
    let text = Self.notebook([
      ("code", "import openai\nclient = openai.OpenAI()\n"),
      ("code", "r = client.chat.completions.create(model=\"m\")  # llmlint: ignore[openai-chat-completions] billed\n"),
      ("code", "# llmlint: ignore[openai-responses] nothing here\nx = 1\n"),
    ])
    let result = Self.check(text)
    #expect(result.findings.map(\.ruleID) == ["unused-suppression"])
    #expect(result.findings.first?.cell?.cell == 3)
    #expect(result.suppressed.map(\.cell?.cell) == [2])
    #expect(result.suppressed.first?.suppression?.justification == "billed")
  }

  @Test func magicsAndShellEscapesAreSkippedAndTimedStatementsAreCode() throws {
    let text = Self.notebook([
      ("code", "%pip install openai\n!ls -la\nfiles = !ls\n?openai\nopenai?\nimport openai\nclient = openai.OpenAI()\n"),
      ("code", "%time r = client.chat.completions.create(model=\"m\")\n%timeit -n 3 client.chat.completions.create(model=\"m\")\n"),
      ("code", "%%bash\necho client.chat.completions.create\n"),
      ("code", "%%time\nr = client.chat.completions.create(model=\"m\")\n"),
      ("code", "%%writefile x.py\nclient.chat.completions.create(model=\"m\")\n"),
      ("code", "s = \"\"\"\n%not a magic in a string\n\"\"\"\nq = client.chat.completions.create(model=\"m\")\n"),
    ])
    let result = Self.check(text)
    #expect(result.problems.isEmpty)
    let places = result.findings.map { finding in finding.cell.map { [$0.cell, $0.line, $0.column] } ?? [] }
    #expect(places == [[2, 1, 35], [2, 2, 38], [4, 2, 29], [6, 4, 29]])
  }

  @Test func aCellMagicThatIsNotPythonHidesNothingElse() {
    let text = Self.notebook([
      ("code", "%%html\n<b>client.chat.completions.create()</b>\n"),
      ("code", "import openai\nopenai.OpenAI().chat.completions.create(model=\"m\")\n"),
    ])
    #expect(Self.check(text).findings.map(\.cell?.cell) == [2])
  }

  @Test func sourceAsOneStringIsReadLikeAList() throws {
    let text = """
      {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1,
        "source": "import openai\\nc = openai.OpenAI()\\nr = c.chat.completions.create(model=\\"m\\")"}],
       "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
      """
    let finding = try #require(Self.check(text).findings.first)
    #expect(finding.cell == CellPosition(cell: 1, line: 3, column: 24))
    let inFile = Self.position(of: "create(", in: text)
    #expect(finding.line == inFile.line)
    #expect(finding.column == inFile.column)
  }

  @Test func unicodeEscapesAreDecodedAndCountedInTheFile() throws {
    let text = """
      {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": [
        "import openai\\n", "s = \\"\\u00e9\\ud83d\\ude00\\"; r = openai.OpenAI().chat.completions.create(model=\\"m\\")\\n"]}],
       "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
      """
    let finding = try #require(Self.check(text).findings.first)
    // In the cell: `é` and the emoji are one column each.
    #expect(finding.cell == CellPosition(cell: 1, line: 2, column: 48))
    #expect(finding.column == Self.position(of: "create(", in: text).column)
  }

  @Test(arguments: [
    ("{\"cells\": [", "not a valid notebook"),
    ("[1, 2]", "not a valid notebook: the top level is not a JSON object"),
    ("{\"cells\": [], \"nbformat\": 3, \"nbformat_minor\": 0}", "nbformat 3 is not supported"),
    ("{\"cells\": [], \"metadata\": {}}", "no nbformat"),
    (String(repeating: "[", count: 100_000), "nested deeper than"),
    ("", "not a valid notebook"),
  ])
  func badNotebooksAreAProblemNotACrash(_ text: String, _ message: String) {
    let result = Self.check(text)
    #expect(result.findings.isEmpty)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.message.contains(message) == true, "\(result.problems)")
    #expect(result.problems.first?.path == "nb/demo.ipynb")
  }

  @Test func aBadCellIsAProblemAndTheOtherCellsAreRead() {
    let text = """
      {"cells": [{"cell_type": "sql", "source": ["select 1"]}, 7,
        {"cell_type": "code", "source": ["import openai\\n", "openai.OpenAI().chat.completions.create(model=\\"m\\")\\n"]}],
       "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
      """
    let result = Self.check(text)
    #expect(result.problems.map(\.message) == [
      "cell 1: unknown cell_type 'sql'; skipped", "cell 2: not a notebook cell (no cell_type); skipped",
    ])
    #expect(result.findings.map(\.cell?.cell) == [3])
  }

  @Test func aNotebookOfAnotherLanguageIsNotRead() {
    let text = """
      {"cells": [{"cell_type": "code", "source": ["client.chat.completions.create(model=\\"m\\")"]}],
       "metadata": {"language_info": {"name": "R"}}, "nbformat": 4, "nbformat_minor": 2}
      """
    let result = Self.check(text)
    #expect(result.findings.isEmpty)
    #expect(result.problems.isEmpty)
  }

  @Test func reportersShowTheCellOrTheFileLine() throws {
    let text = Self.notebook(Self.cells)
    var result = ScanResult()
    result.findings = Self.check(text).findings
    let finding = try #require(result.findings.first)
    let textOutput = TextReporter().render(result)
    #expect(textOutput.hasPrefix("nb/demo.ipynb:cell 4:1:60: "))
    let json = JSONReporter().render(result)
    #expect(json.contains("\"line\": \(finding.line), \"column\": \(finding.column),"))
    #expect(json.contains("\"cell\": {\"index\": 4, \"line\": 1, \"column\": 60}"))
    let sarif = SARIFReporter().render(result)
    #expect(sarif.contains("\"startLine\": \(finding.line)"))
    let github = GitHubReporter().render(result)
    #expect(github.contains("line=\(finding.line),"))
  }

  /// Damaged notebooks (bytes changed, cut, repeated): never a trap, and every finding lies in the file
  /// (its line within the file's lines, its cell line within the analysed text).
  @Test func damagedNotebooksNeverTrapAndPlaceFindingsInTheFile() {
    let valid = Array(Self.notebook(Self.cells + [("code", "%time x = openai.OpenAI().responses.create(model=\"m\")\n")]).utf8)
    var random = SplitMix64(seed: 17)
    let alphabet = Array("{}[]\",:\\\"nu0d8ef% \n!?#abc".utf8)
    for round in 0..<1500 {
      var bytes = valid
      switch round % 3 {
      case 0:
        for _ in 0..<Int.random(in: 1...4, using: &random) {
          bytes[Int.random(in: 0..<bytes.count, using: &random)] = alphabet.randomElement(using: &random)!
        }
      case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
      default:
        let at = Int.random(in: 0..<bytes.count, using: &random)
        bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
      }
      let result = Self.linter.check(SourceFile(path: "nb.ipynb", language: .jupyter, bytes: bytes))
      let fileLines = bytes.filter { $0 == ASCII.lineFeed }.count + 1
      for finding in result.findings + result.suppressed {
        #expect(finding.line >= 1 && finding.line <= fileLines, "round \(round)")
        #expect(finding.column >= 1, "round \(round)")
      }
    }
  }

  /// A notebook with megabytes of output (an image, base64): the outputs are skipped, the code is read.
  @Test func largeOutputsAreSkippedAndTheCodeIsRead() throws {
    let image = String(repeating: "iVBORw0KGgoAAAANSUhEUgAA", count: 250_000)
    let text = """
      {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": 1,
        "outputs": [{"output_type": "display_data", "data": {"image/png": "\(image)"}, "metadata": {}}],
        "source": ["import openai\\n", "openai.OpenAI().chat.completions.create(model=\\"m\\")\\n"]}],
       "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
      """
    let result = Self.check(text)
    #expect(result.problems.isEmpty)
    #expect(result.findings.map(\.cell) == [CellPosition(cell: 1, line: 2, column: 34)])
  }

  @Test func theLanguageIsPickedByExtension() {
    #expect(Languages.builtIn.byExtension(of: "nb/demo.ipynb") == .jupyter)
    #expect(Languages.builtIn.byExtension(of: "nb/demo.ipynb.txt") == nil)
    #expect(Languages.builtIn.byExtension(of: "demo.py") == .python)
  }
}
