import Foundation
import Testing

/// Notebooks through every path a Python file takes, run with the built binary and real git: a directory
/// walk, a file list, `--staged`, `--stdin-filename`, the project's facts (a notebook's helpers), the
/// formats' positions, and a bad notebook as a problem on stderr while the run goes on.
@Suite struct NotebookCLITests {
  /// A notebook as Jupyter writes it: one JSON string per source line.
  static func notebook(_ cells: [String]) -> String {
    let rendered = cells.map { source -> String in
      var lines: [String] = []
      var rest = Substring(source)
      while let newline = rest.firstIndex(of: "\n") {
        lines.append(String(rest[...newline]))
        rest = rest[rest.index(after: newline)...]
      }
      if !rest.isEmpty { lines.append(String(rest)) }
      let quoted = lines.map { line -> String in
        var escaped = ""
        for scalar in line.unicodeScalars {
          switch scalar {
          case "\"": escaped += "\\\""
          case "\\": escaped += "\\\\"
          case "\n": escaped += "\\n"
          default: escaped.unicodeScalars.append(scalar)
          }
        }
        return "    \"" + escaped + "\""
      }
      return "  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n" + quoted.joined(separator: ",\n") + "\n   ]\n  }"
    }
    return "{\n \"cells\": [\n" + rendered.joined(separator: ",\n") + "\n ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"
  }

  static let demo = notebook([
    "import openai\nclient = openai.OpenAI()\n",
    "def ask(prompt):\n    return client.chat.completions.create(model=\"m\", messages=prompt)\n",
    "with track_llm_call(\"demo\"):\n    ask([])\n",
    "%pip install openai\n!ls\nreply = client.chat.completions.create(model=\"m\")\n",
  ])

  /// The `.ipynb` line of the last call (cell 4, line 3).
  static var demoCallLine: Int {
    let lines = demo.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.lastIndex { $0.contains("reply = client") }! + 1
  }

  @Test func aWalkAFileListAndStagedFilesFindTheNotebooksCall() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("nb/demo.ipynb", Self.demo)
    try sandbox.write("app.py", "import openai\nopenai.OpenAI().chat.completions.create(model=\"m\")\n")
    let walk = try sandbox.llmlint(["."])
    let list = try sandbox.llmlint(["nb/demo.ipynb"])
    // The helper `ask` is only called inside the tracked context of cell 3: tracked through its caller.
    #expect(walk.stdout.contains("nb/demo.ipynb:cell 4:3:33: "))
    #expect(!walk.stdout.contains("cell 2:"))
    #expect(walk.stdout.contains("app.py:2:"))
    #expect(list.stdout.split(separator: "\n").filter { $0.contains(".ipynb:") } == [
      "nb/demo.ipynb:cell 4:3:33: warning: OpenAI chat completion call outside a tracked context; wrap it in track_llm_call(...) so its tokens and cost are recorded [openai-chat-completions]"
    ])
    #expect(list.stderr.contains("in 1 file"))
    try sandbox.git(["add", "--", "nb/demo.ipynb"])
    let staged = try sandbox.llmlint(["--staged"])
    #expect(staged.stdout.contains("nb/demo.ipynb:cell 4:3:33: "))
    #expect(!staged.stdout.contains("cell 2:"))
    let stdin = try ChildProcess.shell(
      "exec \"$@\" < nb/demo.ipynb", [try GitSandbox.llmlintBinary(), "--stdin-filename", "nb/demo.ipynb", "-"],
      in: sandbox.root, environment: sandbox.environment)
    #expect(stdin.stdout.contains("nb/demo.ipynb:cell 4:3:33: "))
  }

  @Test func annotationsLandOnTheNotebooksLine() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("nb/demo.ipynb", Self.demo)
    let line = Self.demoCallLine
    let github = try sandbox.llmlint(["--format", "github", "nb/demo.ipynb"])
    #expect(github.stdout.contains("file=nb/demo.ipynb,line=\(line),"))
    let sarif = try sandbox.llmlint(["--format", "sarif", "nb/demo.ipynb"])
    #expect(sarif.stdout.contains("\"startLine\": \(line)"))
    let gitlab = try sandbox.llmlint(["--format", "gitlab", "nb/demo.ipynb"])
    #expect(gitlab.stdout.contains("\"begin\": \(line)"))
    let json = try sandbox.llmlint(["--format", "json", "nb/demo.ipynb"])
    #expect(json.stdout.contains("\"line\": \(line), "))
    #expect(json.stdout.contains("\"cell\": {\"index\": 4, \"line\": 3, \"column\": 33}"))
  }

  @Test func aBadNotebookIsAProblemAndTheRunGoesOn() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("nb/broken.ipynb", "{\"cells\": [")
    try sandbox.write("nb/old.ipynb", "{\"cells\": [], \"nbformat\": 3, \"nbformat_minor\": 0}")
    try sandbox.write("nb/demo.ipynb", Self.demo)
    let run = try sandbox.llmlint(["nb"])
    #expect(run.stderr.contains("nb/broken.ipynb: not a valid notebook: "))
    #expect(run.stderr.contains("nb/old.ipynb: nbformat 3 is not supported"))
    #expect(run.stdout.contains("nb/demo.ipynb:cell 4:3:33: "))
  }

  @Test func thePreCommitEntryTakesNotebooks() throws {
    let hooks = try String(contentsOfFile: GitSandbox.packageRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
    #expect(hooks.contains("types_or: [python, swift, jupyter]"))
  }
}
