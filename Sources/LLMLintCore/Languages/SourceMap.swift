/// Where the analysed text of a file stands in the file. For most files the analysed text is the file and
/// the map is the identity; for a notebook each analysed line is a line of a code cell, stored in the file
/// as (part of) a JSON string: the map keeps, per analysed line, its cell, its line in the cell and the
/// file offset of its first byte's encoding, and walks the JSON escapes (`\"`, `\\`, `\uXXXX`) to place a
/// column. Findings get their positions here (`Linter`), in one place.
public struct SourceMap: Sendable {
  /// One analysed line's origin: its 1-based cell number among all the notebook's cells, and its 1-based
  /// line within the cell.
  struct Line: Sendable {
    var cell: Int32
    var lineInCell: Int32
  }

  /// Per analysed line; empty for the identity map.
  let lines: [Line]
  /// Per analysed byte, the offset in the file of the (escaped) unit it was decoded from.
  let origins: [UInt32]
  /// The file's lines (columns are counted in the file's bytes); `nil` for the identity map.
  let file: [UInt8]
  let fileLines: LineIndex?

  public static let identity = SourceMap()

  private init() {
    lines = []
    origins = []
    file = []
    fileLines = nil
  }

  /// The map of `text`, whose byte `i` was decoded from `file[origins[i]]`, and whose cells start at
  /// `cellStarts` (offsets in `text`, ascending, with their cell numbers).
  init(text: [UInt8], origins: [UInt32], cellStarts: [(offset: Int, cell: Int32)], file: [UInt8]) {
    let textLines = LineIndex(text)
    var lines: [Line] = []
    lines.reserveCapacity(textLines.lineStarts.count)
    var next = 0
    var cell: Int32 = 0
    var firstLine = 0
    for (line, start) in textLines.lineStarts.enumerated() {
      while next < cellStarts.count, cellStarts[next].offset <= start {
        cell = cellStarts[next].cell
        firstLine = line
        next += 1
      }
      lines.append(Line(cell: cell, lineInCell: Int32(line - firstLine + 1)))
    }
    self.lines = lines
    self.origins = origins
    self.file = file
    fileLines = LineIndex(file)
  }

  public var isIdentity: Bool { lines.isEmpty }

  /// Where the analysed `line` and `column` (1-based; columns in Unicode scalars) stand: the file's line
  /// and column, and for a notebook the cell with the line and column within it.
  func place(line: Int, column: Int, in text: UnsafeBufferPointer<UInt8>, _ textLines: LineIndex)
    -> (line: Int, column: Int, cell: CellPosition?)
  {
    guard let fileLines, line >= 1, line <= lines.count, line <= textLines.lineStarts.count else {
      return (line, column, nil)
    }
    let origin = lines[line - 1]
    let cell = CellPosition(cell: Int(origin.cell), line: Int(origin.lineInCell), column: column)
    // The byte offset of `column` in the analysed line.
    var offset = textLines.lineStarts[line - 1]
    var scalars = 1
    while offset < text.count, scalars < column {
      offset += 1
      while offset < text.count, text[offset] & 0xC0 == 0x80 { offset += 1 }
      scalars += 1
    }
    let raw = offset < origins.count ? Int(origins[offset]) : Int(origins.last ?? 0) + 1
    let position = file.withUnsafeBufferPointer { fileLines.location(of: min(raw, $0.count), in: $0) }
    return (position.line, position.column, cell)
  }

  /// The file's line of the analysed `line` (1-based).
  func fileLine(_ line: Int, in text: UnsafeBufferPointer<UInt8>, _ textLines: LineIndex) -> Int {
    place(line: line, column: 1, in: text, textLines).line
  }

  /// `finding` (placed in the analysed text) placed in the file.
  func place(_ finding: Finding, in text: UnsafeBufferPointer<UInt8>, _ textLines: LineIndex) -> Finding {
    guard !lines.isEmpty else { return finding }
    var placed = finding
    let at = place(line: finding.line, column: finding.column, in: text, textLines)
    let end = place(line: finding.line, column: finding.endColumn, in: text, textLines)
    placed.line = at.line
    placed.column = at.column
    placed.endColumn = end.line == at.line && end.column > at.column ? end.column : at.column + 1
    placed.cell = at.cell
    placed.startLine = min(at.line, place(line: finding.startLine, column: 1, in: text, textLines).line)
    placed.endLine = max(at.line, place(line: finding.endLine, column: 1, in: text, textLines).line)
    return placed
  }

  /// How a line of the analysed text is named in messages: `path:line`, or `path:cell N:line`.
  func name(line: Int, path: String) -> String {
    guard !lines.isEmpty, line >= 1, line <= lines.count else { return "\(path):\(line)" }
    return "\(path):cell \(lines[line - 1].cell):\(lines[line - 1].lineInCell)"
  }
}

/// Where a finding stands in a notebook: the cell (1-based, counting every cell) and the line and column
/// within it.
public struct CellPosition: Sendable, Equatable {
  public var cell: Int
  public var line: Int
  public var column: Int

  public init(cell: Int, line: Int, column: Int) {
    self.cell = cell
    self.line = line
    self.column = column
  }
}
