import Testing

@testable import LLMLintCore

@Suite struct PathsTests {
  /// A `./` segment is found wherever it is (start, middle, several dots around it), and only there.
  @Test func dotSegmentsAreFoundWhereverTheyAre() {
    let withSegment = ["./a.py", "a/./b.py", "a/b/./c", "../a/./b.py", ".//x", "x/./", "./", "a.b/./c.d"]
    let without = [
      "", ".", "..", "../a.py", "a/../b.py", "a.py", "a./b", "a/.b/c", "a/b.", ".a/b", "a/..", "...", "a/.../b",
      "x/.", "日本/語.py",
    ]
    for path in withSegment { #expect(Paths.hasDotSegment(path), "\(path)") }
    for path in without { #expect(!Paths.hasDotSegment(path), "\(path)") }
    #expect(Paths.normalizedDisplay("./a/./b.py") == "a/b.py")
    #expect(Paths.normalizedDisplay("../a.py") == "../a.py")
  }

  /// Against the plain definition, on random paths of slashes, dots and letters.
  @Test func dotSegmentsMatchTheirDefinitionOnRandomPaths() {
    var random = SplitMix64(seed: 11)
    let alphabet = Array("./a".utf8)
    for _ in 0..<20_000 {
      let length = Int(random.next() % 12)
      let bytes = (0..<length).map { _ in alphabet[Int(random.next() % 3)] }
      let path = String(decoding: bytes, as: UTF8.self)
      let expected = bytes.indices.contains { index in
        index + 1 < bytes.count && bytes[index] == UInt8(ascii: ".") && bytes[index + 1] == UInt8(ascii: "/")
          && (index == 0 || bytes[index - 1] == UInt8(ascii: "/"))
      }
      #expect(Paths.hasDotSegment(path) == expected, "\(path)")
    }
  }
}
