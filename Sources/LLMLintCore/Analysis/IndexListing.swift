/// The Python and Swift files of the git index, from `git ls-files --stage -z`, as project files with
/// their blob ids, so `--staged` gathers project facts from the whole index (cached by blob id).
public enum IndexListing {
  /// Parses `<mode> SP <blob> SP <stage> TAB <path> NUL` records. Kept: stage 0 (merged) entries of
  /// regular files (`100644`, `100755`) whose path ends in `.py`, `.pyi` or `.swift`. `displayPath` turns
  /// the path relative to the top level into the path the linter reports (it must equal the staged files'
  /// `SourceFile.path` for the same file). Malformed records are skipped.
  public static func parse(_ bytes: [UInt8], displayPath: ([UInt8]) -> String) -> [ProjectFacts.ProjectFile] {
    var result: [ProjectFacts.ProjectFile] = []
    var start = 0
    // A whole index of paths is listed on every `--staged` run with findings: the checks run on bytes, and
    // strings are made only for the files kept.
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0) ?? bytes.count
      defer { start = end + 1 }
      guard let tab = bytes[start..<end].firstIndex(of: UInt8(ascii: "\t")) else { continue }
      let path = bytes[(tab + 1)..<end]
      guard let language = language(of: path) else { continue }
      // "100644 <blob> 0" or "100755 <blob> 0".
      let header = bytes[start..<tab]
      guard header.count > 9, header.starts(with: "100644 ".utf8) || header.starts(with: "100755 ".utf8),
        header.suffix(2).elementsEqual(" 0".utf8)
      else { continue }
      let blob = header[(header.startIndex + 7)..<(header.endIndex - 2)]
      guard !blob.isEmpty, !blob.contains(UInt8(ascii: " ")) else { continue }
      result.append(
        ProjectFacts.ProjectFile(
          path: displayPath(Array(path)), language: language, blobID: String(decoding: blob, as: UTF8.self)))
    }
    return result
  }

  /// `Language.byExtension` on the bytes of a path.
  static func language(of path: ArraySlice<UInt8>) -> Language? {
    if path.last == UInt8(ascii: "y") { return path.suffix(3).elementsEqual(".py".utf8) ? .python : nil }
    if path.last == UInt8(ascii: "i") { return path.suffix(4).elementsEqual(".pyi".utf8) ? .python : nil }
    if path.last == UInt8(ascii: "t") { return path.suffix(6).elementsEqual(".swift".utf8) ? .swift : nil }
    return nil
  }
}
