/// A Jupyter notebook (nbformat 4) read as the Python module IPython runs: its code cells' sources joined
/// in order (each ending in a line break), IPython's own syntax neutralized (`IPythonSyntax`), with the map
/// from every analysed byte to where it is encoded in the `.ipynb` file.
///
/// Markdown and raw cells are skipped. What cannot be read gives a problem and is skipped, the rest is
/// analysed: invalid JSON or another nbformat than 4 (the whole file), a cell that is not an object or has
/// an unknown `cell_type`, or a code cell whose `source` is neither a string nor a list of strings. A
/// notebook whose kernel is another language (`metadata.language_info.name`, `metadata.kernelspec.language`)
/// is not Python and is skipped quietly.
enum Notebook {
  static func analysedSource(of bytes: [UInt8]) -> AnalysedSource {
    bytes.withUnsafeBufferPointer { file in
      switch JSONReader.read(file) {
      case .failure(let failure):
        let (line, column) = LineIndex(file).location(of: failure.offset, in: file)
        return AnalysedSource(text: [], problems: ["not a valid notebook: \(failure.message) at \(line):\(column)"])
      case .success(let document):
        return read(document, file, fileBytes: bytes)
      }
    }
  }

  private static func read(_ document: NotebookJSON, _ file: UnsafeBufferPointer<UInt8>, fileBytes: [UInt8])
    -> AnalysedSource
  {
    guard case .object = document else {
      return AnalysedSource(text: [], problems: ["not a valid notebook: the top level is not a JSON object"])
    }
    guard case .number(let range)? = document["nbformat"] else {
      return AnalysedSource(text: [], problems: ["not a valid notebook: no nbformat"])
    }
    let format = JSONText.string(file, range)
    guard format == "4" else {
      return AnalysedSource(text: [], problems: ["nbformat \(format) is not supported (only nbformat 4); skipped"])
    }
    for language in [document["metadata"]?["language_info"]?["name"], document["metadata"]?["kernelspec"]?["language"]] {
      if case .string(let name)? = language, !JSONText.string(file, name).lowercased().hasPrefix("python") {
        return AnalysedSource(text: [])
      }
    }
    guard case .array(let cells)? = document["cells"] else {
      return AnalysedSource(text: [], problems: ["not a valid notebook: no list of cells"])
    }
    var text: [UInt8] = []
    var origins: [UInt32] = []
    var cellStarts: [(offset: Int, cell: Int32)] = []
    var problems: [String] = []
    for (index, cell) in cells.enumerated() {
      let number = index + 1
      guard case .string(let typeRange)? = cell["cell_type"] else {
        problems.append("cell \(number): not a notebook cell (no cell_type); skipped")
        continue
      }
      let type = JSONText.string(file, typeRange)
      guard type == "code" else {
        if type != "markdown" && type != "raw" {
          problems.append("cell \(number): unknown cell_type '\(type)'; skipped")
        }
        continue
      }
      var pieces: [Range<Int>] = []
      switch cell["source"] {
      case .string(let range)?: pieces = [range]
      case .array(let elements)?:
        for element in elements {
          guard case .string(let range) = element else {
            pieces = []
            problems.append("cell \(number): source holds something other than strings; skipped")
            break
          }
          pieces.append(range)
        }
      default:
        problems.append("cell \(number): no source; skipped")
        continue
      }
      var cellText: [UInt8] = []
      var cellOrigins: [UInt32] = []
      for piece in pieces { JSONText.decode(file, piece, into: &cellText, origins: &cellOrigins) }
      if cellText.isEmpty { continue }
      IPythonSyntax.neutralize(&cellText, &cellOrigins)
      if cellText.last != ASCII.lineFeed && cellText.last != ASCII.carriageReturn {
        cellOrigins.append(cellOrigins.last ?? 0)
        cellText.append(ASCII.lineFeed)
      }
      cellStarts.append((text.count, Int32(number)))
      text += cellText
      origins += cellOrigins
    }
    return AnalysedSource(
      text: text, map: SourceMap(text: text, origins: origins, cellStarts: cellStarts, file: fileBytes),
      problems: problems)
  }
}
