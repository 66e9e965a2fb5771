/// The Python and Swift files of the git index, from `git ls-files --stage -z`, as project files with
/// their blob ids, so `--staged` gathers project facts from the whole index (cached by blob id).
public enum IndexListing {
  /// Parses `<mode> SP <blob> SP <stage> TAB <path> NUL` records. Kept: stage 0 (merged) entries of
  /// regular files (`100644`, `100755`) whose path ends in `.py`, `.pyi` or `.swift`. `displayPath` turns
  /// the path relative to the top level into the path the linter reports (it must equal the staged files'
  /// `SourceFile.path` for the same file). Malformed records are skipped.
  public static func parse(_ bytes: [UInt8], displayPath: ([UInt8]) -> String) -> [ProjectFacts.ProjectFile] {
    var result: [ProjectFacts.ProjectFile] = []
    for record in bytes.split(separator: 0, omittingEmptySubsequences: true) {
      guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
      let header = record[record.startIndex..<tab].split(separator: UInt8(ascii: " "))
      guard header.count == 3, header[2].elementsEqual("0".utf8),
        header[0].elementsEqual("100644".utf8) || header[0].elementsEqual("100755".utf8)
      else { continue }
      let path = Array(record[(tab + 1)...])
      guard let language = Language.byExtension(of: String(decoding: path, as: UTF8.self)) else { continue }
      result.append(
        ProjectFacts.ProjectFile(
          path: displayPath(path), language: language, blobID: String(decoding: header[1], as: UTF8.self)))
    }
    return result
  }
}
