#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The git index file read directly, for the one thing `--staged` needs of the whole index: every stage-0
/// entry's mode, blob id and path, as `git ls-files -s -z` lists them, without starting that process (it
/// costs more than the rest of a warm run with findings).
///
/// Only what is certain is read: index versions 2, 3 and 4 of a SHA-1 repository, without a split index
/// (`link`) or sparse directory entries (`sdir`), every entry and extension within bounds and the file
/// ending where its checksum starts. Anything else is `nil`, and the caller asks git instead. The checksum
/// itself is not verified: git writes the index to a lock file and renames it, so a reader sees a whole one.
/// Format: `Documentation/gitformat-index.txt` in git's sources.
enum GitIndex {
  /// One stage-0 entry.
  struct Entry: Equatable {
    var mode: UInt32
    /// The blob id, 40 lower-case hex digits.
    var blob: String
    /// The path relative to the top of the work tree.
    var path: [UInt8]
  }

  /// The index file of the work tree at `topLevel`, when this reader may read it: not when `GIT_DIR`,
  /// `GIT_WORK_TREE`, `GIT_COMMON_DIR` or `GIT_INDEX_FILE` is set, when `.git` is neither a directory nor
  /// a `gitdir:` file, or when the repository's config names an object format (SHA-256).
  static func path(topLevel: String, environment: [String: String]) -> String? {
    for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE"] where environment[name] != nil {
      return nil
    }
    let dotGit = Git.join(topLevel, ".git")
    var gitDirectory = dotGit
    var commonDirectory = dotGit
    var status = stat()
    guard lstat(dotGit, &status) == 0 else { return nil }
    if status.st_mode & S_IFMT == S_IFREG {
      // A linked work tree: `gitdir: <its git directory>`, whose `commondir` names the shared one.
      guard let text = readText(dotGit), text.hasPrefix("gitdir:") else { return nil }
      let target = trimmed(String(text.dropFirst("gitdir:".count)))
      gitDirectory = target.hasPrefix("/") ? target : Git.join(topLevel, target)
      commonDirectory = gitDirectory
      if let common = readText(Git.join(gitDirectory, "commondir")).map(trimmed), !common.isEmpty {
        commonDirectory = common.hasPrefix("/") ? common : Git.join(gitDirectory, common)
      }
    } else if status.st_mode & S_IFMT != S_IFDIR {
      return nil
    }
    // `extensions.objectFormat` (in any case, anywhere in the config): not a SHA-1 index.
    guard let config = readText(Git.join(commonDirectory, "config")),
      !config.lowercased().contains("objectformat")
    else { return nil }
    return Git.join(gitDirectory, "index")
  }

  /// The stage-0 entries of the index file `bytes`, in index order (path order); `nil` for a format this
  /// reader does not know or a damaged file.
  static func entries(_ bytes: [UInt8]) -> [Entry]? {
    entries(bytes) { mode, path, blob in Entry(mode: mode, blob: hex(blob), path: Array(path)) }
  }

  /// Like `entries(_:)`, with what `make` (given the mode, the path and the blob id's 20 bytes) makes of
  /// each stage-0 entry, when it makes something: the others cost no blob id and no copy of their path.
  static func entries<T>(
    _ bytes: [UInt8], _ make: (UInt32, ArraySlice<UInt8>, ArraySlice<UInt8>) -> T?
  ) -> [T]? {
    let hashSize = 20
    guard bytes.count >= 12 + hashSize, bytes.starts(with: "DIRC".utf8) else { return nil }
    let version = u32(bytes, 4)
    let count = Int(u32(bytes, 8))
    guard (2...4).contains(version), count <= bytes.count / 24 else { return nil }
    let end = bytes.count - hashSize
    var entries: [T] = []
    entries.reserveCapacity(count)
    var offset = 12
    var previous: [UInt8] = []
    for _ in 0..<count {
      guard offset + 62 <= end else { return nil }
      let mode = u32(bytes, offset + 24)
      let flags = Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])
      let stage = (flags >> 12) & 3
      let nameLength = flags & 0xFFF
      var position = offset + 62
      if flags & 0x4000 != 0 {
        guard version >= 3, position + 2 <= end else { return nil }
        position += 2
      }
      var path: ArraySlice<UInt8>
      if version == 4 {
        // The path is the previous one less `strip` bytes, then the bytes up to a NUL; no padding.
        guard let (strip, afterNumber) = varint(bytes, position, end), strip <= previous.count,
          let nul = bytes[afterNumber..<end].firstIndex(of: 0)
        else { return nil }
        path = (Array(previous.prefix(previous.count - strip)) + bytes[afterNumber..<nul])[...]
        position = nul + 1
      } else {
        guard let nul = firstNUL(bytes, position, end) else { return nil }
        path = bytes[position..<nul]
        // The entry is padded with 1 to 8 NULs to a multiple of eight bytes.
        position = offset + ((nul - offset + 8) & ~7)
        guard position <= end else { return nil }
      }
      guard !path.isEmpty, nameLength == 0xFFF ? path.count >= 0xFFF : path.count == nameLength else { return nil }
      // A sparse index's directory entry stands for files this reader would have to expand.
      guard mode & 0o170000 != 0o040000 else { return nil }
      if stage == 0, let made = make(mode, path, bytes[(offset + 40)..<(offset + 60)]) { entries.append(made) }
      if version == 4 { previous = Array(path) }
      offset = position
    }
    // Extensions: a four-byte signature and a four-byte size each, up to the checksum.
    while offset < end {
      guard offset + 8 <= end else { return nil }
      let signature = bytes[offset..<(offset + 4)]
      if signature.elementsEqual("link".utf8) || signature.elementsEqual("sdir".utf8) { return nil }
      let size = Int(u32(bytes, offset + 4))
      guard size <= end - offset - 8 else { return nil }
      offset += 8 + size
    }
    return offset == end ? entries : nil
  }

  /// The Python and Swift files of the index file at `path` as project files (as `IndexListing.parse` makes
  /// them from `git ls-files -s -z`), or `nil` when it cannot be read here.
  static func projectFiles(
    at path: String, displayPath: (ArraySlice<UInt8>) -> String
  ) -> [ProjectFacts.ProjectFile]? {
    guard case .success(let bytes) = FileReader.read(path: path) else { return nil }
    return entries(bytes) { mode, path, blob in
      IndexListing.projectFile(mode: mode, path: path, blob: { hex(blob) }, displayPath: displayPath)
    }
  }

  // MARK: - Bytes

  /// The offset of the first NUL in `bytes[start..<end]` (`memchr`: this runs once per index entry).
  private static func firstNUL(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
    guard start < end else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      memchr(buffer.baseAddress! + start, 0, end - start).map {
        buffer.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
      }
    }
  }

  private static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }

  /// git's offset varint (`varint.c`): seven bits a byte, high bit "more", each continuation adding one.
  private static func varint(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (Int, Int)? {
    var position = start
    guard position < end else { return nil }
    var byte = bytes[position]
    position += 1
    var value = Int(byte & 127)
    while byte & 128 != 0 {
      guard position < end, value < Int.max >> 8 else { return nil }
      byte = bytes[position]
      position += 1
      value = ((value + 1) << 7) | Int(byte & 127)
    }
    return (value, position)
  }

  private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { text in
      bytes.withUnsafeBufferPointer { bytes in
        guard var out = text.baseAddress else { return 0 }
        for byte in bytes {
          out[0] = digit(byte >> 4)
          out[1] = digit(byte & 15)
          out += 2
        }
        return bytes.count * 2
      }
    }
  }

  @inline(__always) private static func digit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }

  private static func readText(_ path: String) -> String? {
    guard case .success(let bytes) = FileReader.read(path: path) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func trimmed(_ text: String) -> String {
    String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == "\n" || $0 == "\r" || $0 == " " }.reversed())
  }
}
