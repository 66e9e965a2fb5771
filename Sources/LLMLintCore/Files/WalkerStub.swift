import Foundation

// Temporary stand-ins until the real walker and reader land.
public struct WalkedFile: Sendable {
  public var displayPath: String
  public var fileSystemPath: String
  public var language: Language?
}

public struct WalkResult: Sendable {
  public var files: [WalkedFile] = []
  public var problems: [Problem] = []
}

public struct FileWalker {
  public init(excludes: [String], excludeBase: String?, respectGitignore: Bool = true, forceExclude: Bool = false) {}
  public func collect(_ paths: [String], currentDirectory: String) -> WalkResult {
    var result = WalkResult()
    for path in paths {
      let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
        result.problems.append(Problem(.file, path: path, message: "no such file or directory"))
        continue
      }
      if !isDirectory.boolValue {
        result.files.append(WalkedFile(displayPath: Paths.display(absolute, relativeTo: currentDirectory), fileSystemPath: absolute, language: Language.byExtension(of: path)))
        continue
      }
      let enumerator = FileManager.default.enumerator(atPath: absolute)
      while let item = enumerator?.nextObject() as? String {
        if item.hasPrefix(".git") || item.contains("/.git/") || item.hasPrefix(".build") { continue }
        guard let language = Language.byExtension(of: item) else { continue }
        let full = absolute + "/" + item
        result.files.append(WalkedFile(displayPath: Paths.display(full, relativeTo: currentDirectory), fileSystemPath: full, language: language))
      }
    }
    result.files.sort { $0.displayPath < $1.displayPath }
    return result
  }
}

public enum FileReader {
  public static func read(path: String) -> Result<[UInt8], Problem> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(Problem(.file, path: path, message: "cannot be read"))
    }
    return .success([UInt8](data))
  }
}
