/// The languages a run reads, and the one table that picks a file's language: by extension, or by a
/// shebang line for a name without an extension. Passed as a value (`Session.Options.languages`); tests add
/// their own languages to it.
public struct Languages: Sendable {
  public private(set) var all: [Language]
  /// Each extension's bytes and its language (an extension added later replaces the earlier one).
  private var extensions: [(bytes: [UInt8], language: Language)] = []

  public init(_ languages: [Language]) {
    all = []
    for language in languages { add(language) }
  }

  /// The languages built in: Python, Swift and Jupyter notebooks.
  public static let builtIn = Languages([.python, .swift, .jupyter])

  /// The names `rules.yml` `languages:` may give, in the order of per-language tables.
  static let ruleLanguages = ["python", "swift"]

  /// Adds `language` (replacing one of the same name; its extensions win over earlier ones).
  public mutating func add(_ language: Language) {
    all.removeAll { $0 == language }
    all.append(language)
    for ext in language.definition.extensions {
      let bytes = Array(ext.utf8)
      extensions.removeAll { $0.bytes == bytes }
      extensions.append((bytes, language))
    }
  }

  /// These languages with `language` added.
  public func adding(_ language: Language) -> Languages {
    var copy = self
    copy.add(language)
    return copy
  }

  public func named(_ name: String) -> Language? { all.first { $0.name == name } }

  /// The language of a path by its extension (`.py`, `.pyi`, `.swift`, `.ipynb`), or `nil`.
  public func byExtension(of path: String) -> Language? {
    byExtension(ofBytes: Array(path.utf8)[...])
  }

  /// `byExtension(of:)` on the bytes of a path or file name.
  public func byExtension(ofBytes path: ArraySlice<UInt8>) -> Language? {
    guard let dot = path.lastIndex(of: UInt8(ascii: ".")) else { return nil }
    let ext = path[(dot + 1)...]
    // Bytes compared with each known extension (a handful): this runs once per file of the index, where a
    // String and a dictionary lookup cost about 1,600 instructions a path.
    for entry in extensions where entry.bytes.count == ext.count {
      var index = ext.startIndex
      var same = true
      for byte in entry.bytes {
        if ext[index] != byte {
          same = false
          break
        }
        index += 1
      }
      if same { return entry.language }
    }
    return nil
  }

  /// The language whose shebang word is on the first line of `bytes` (`#!/usr/bin/env python3`), or `nil`.
  public func byShebang(_ bytes: some Collection<UInt8>) -> Language? {
    var iterator = bytes.makeIterator()
    guard iterator.next() == UInt8(ascii: "#"), iterator.next() == UInt8(ascii: "!") else { return nil }
    var line: [UInt8] = []
    while let byte = iterator.next(), byte != ASCII.lineFeed, byte != ASCII.carriageReturn, line.count < 256 {
      line.append(byte)
    }
    for language in all {
      for word in language.definition.shebangWords {
        let needle = Array(word.utf8)
        guard !needle.isEmpty, line.count >= needle.count else { continue }
        for start in 0...(line.count - needle.count) where Array(line[start..<start + needle.count]) == needle {
          return language
        }
      }
    }
    return nil
  }
}
