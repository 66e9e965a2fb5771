/// The Python and Swift files of the git index, from `git ls-files --stage -z`, as project files with
/// their blob ids, so `--staged` gathers project facts from the whole index (cached by blob id).
public enum IndexListing {
  /// Parses `<mode> SP <blob> SP <stage> TAB <path> NUL` records. Kept: stage 0 (merged) entries of
  /// regular files (`100644`, `100755`) whose path ends in `.py`, `.pyi` or `.swift`. `displayPath` turns
  /// the path relative to the top level into the path the linter reports (it must equal the staged files'
  /// `SourceFile.path` for the same file). Malformed records are skipped.
  public static func parse(_ bytes: [UInt8], displayPath: (ArraySlice<UInt8>) -> String) -> [ProjectFacts.ProjectFile] {
    var result: [ProjectFacts.ProjectFile] = []
    var start = 0
    // A whole index of paths is listed on every `--staged` run with findings: the checks run on bytes, and
    // strings are made only for the files kept.
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0) ?? bytes.count
      defer { start = end + 1 }
      guard let tab = bytes[start..<end].firstIndex(of: UInt8(ascii: "\t")) else { continue }
      // "<mode> <blob> 0": a stage-0 entry.
      let header = bytes[start..<tab]
      guard header.count > 9, header.suffix(2).elementsEqual(" 0".utf8), header[header.startIndex + 6] == 0x20,
        header.prefix(6).allSatisfy({ $0 &- 0x30 < 8 })
      else { continue }
      let mode = header.prefix(6).reduce(UInt32(0)) { $0 << 3 | UInt32($1 - 0x30) }
      let blob = header[(header.startIndex + 7)..<(header.endIndex - 2)]
      guard !blob.isEmpty, !blob.contains(UInt8(ascii: " ")),
        let file = projectFile(
          mode: mode, path: bytes[(tab + 1)..<end], blob: { String(decoding: blob, as: UTF8.self) },
          displayPath: displayPath)
      else { continue }
      result.append(file)
    }
    return result
  }

  /// The project file for an index entry, when it is one: a regular file (`100644`, `100755`) whose path
  /// ends in `.py`, `.pyi` or `.swift`. `blob` is asked only for such a file.
  static func projectFile(
    mode: UInt32, path: ArraySlice<UInt8>, blob: () -> String, displayPath: (ArraySlice<UInt8>) -> String
  ) -> ProjectFacts.ProjectFile? {
    guard mode == 0o100644 || mode == 0o100755, let language = language(of: path) else { return nil }
    return ProjectFacts.ProjectFile(path: displayPath(path), language: language, blobID: blob())
  }

  /// `Languages.byExtension` (the built-in languages) on the bytes of a path.
  static func language(of path: ArraySlice<UInt8>) -> Language? {
    Languages.builtIn.byExtension(ofBytes: path)
  }
}
