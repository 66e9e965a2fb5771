import Foundation
import Testing

/// `--show-files`: the files a scan would read, listed without linting them.
@Suite struct ShowFilesTests {
  @Test func listsWhatAScanReadsAfterExcludesAndIgnores() throws {
    let sandbox = try GitSandbox()
    try sandbox.write(".llmlint.yml", "exclude: [\"generated/**\"]\n")
    try sandbox.write(".gitignore", "ignored.py\n")
    try sandbox.write("app/a.py", "x = client.chat.completions.create(model=\"m\")\n")
    try sandbox.write("app/b.pyi", "def f() -> int: ...\n")
    try sandbox.write("ios/Chat.swift", "let x = 1\n")
    try sandbox.write("bin/tool", "#!/usr/bin/env python3\nprint(1)\n")
    try sandbox.write("bin/run", "#!/bin/sh\necho 1\n")
    try sandbox.write("docs/notes.md", "client.chat.completions.create()\n")
    try sandbox.write("app/blob.py", "x = 1\n\u{0}\n")
    try sandbox.write("generated/g.py", "x = 1\n")
    try sandbox.write("ignored.py", "x = 1\n")
    try sandbox.write("sub/.llmlint.yml", "exclude: [\"local/\"]\n")
    try sandbox.write("sub/local/l.py", "x = 1\n")
    try sandbox.write("sub/kept.py", "x = 1\n")
    let run = try sandbox.llmlint(["--show-files"])
    #expect(run.status == 0)
    // sub/local/ is excluded by the config nearest to it (sub/.llmlint.yml), in a walk of the root too.
    #expect(run.stdout == "app/a.py\napp/b.pyi\nbin/tool\nios/Chat.swift\nsub/kept.py\n")
    #expect(run.stderr == "llmlint: 5 files would be scanned\n")
    // The scan reads the same files.
    let scan = try sandbox.llmlint(["."])
    #expect(scan.stderr.contains(" in 5 files, "), "\(scan.stderr)")
    let named = try sandbox.llmlint(["-q", "--show-files", "sub", "app/a.py", "generated/g.py"])
    #expect(named.stdout == "app/a.py\ngenerated/g.py\nsub/kept.py\n")
    let forced = try sandbox.llmlint(["-q", "--show-files", "--force-exclude", "app/a.py", "generated/g.py"])
    #expect(forced.stdout == "app/a.py\n")
    let missing = try sandbox.llmlint(["--show-files", "nope.py"])
    #expect(missing.stdout == "")
    #expect(missing.stderr.hasPrefix("llmlint: nope.py: "), "\(missing.stderr)")
    #expect(try sandbox.llmlint(["--strict", "--show-files", "nope.py"]).status == 2)
  }

  @Test func notWithStagedOrStdin() throws {
    let sandbox = try GitSandbox()
    for arguments in [["--show-files", "--staged"], ["--show-files", "--stdin-filename", "a.py"]] {
      let run = try sandbox.llmlint(arguments)
      #expect(run.status == 2)
      #expect(
        run.stderr
          == "llmlint: error: '--show-files' lists the files of a directory scan (not with '--staged' or '--stdin-filename')\nRun 'llmlint --help' for usage.\n"
      )
    }
  }
}
