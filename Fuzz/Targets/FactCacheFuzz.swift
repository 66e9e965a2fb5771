// libFuzzer target: the facts cache reader (`FactCache.decode`, the entry table and the bodies) on
// arbitrary bytes. The cache lives outside the repository and anyone (or a crash mid-write) can leave
// anything at its path: no input may trap, hang or allocate more than the input holds.
//
// Each input is tried three ways, so that the checksums do not hide the parsers behind them:
// 1. as a whole cache file, as is;
// 2. as an entry table (after a 4-byte entry count) under a header whose length and checksum are right,
//    so the table parser sees arbitrary entries; every entry's body, header words and signature are read;
// 3. as one entry's body (`decodeBody`); a body that decodes is written into a cache with `encode`, read
//    back, and must give the same bytes again (a round trip through the whole format); the exact names test
//    (`bodyNames`) on the same bytes must agree with the decoded names.

@testable import LLMLintCore

private func little(_ value: UInt64, _ count: Int) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

private func checkEntries(_ entries: FactCache.Entries, size: Int, _ what: String) {
  // Each entry takes at least `minimumRowSize` bytes of the table: no count read from the input makes more.
  if entries.count > size / FactCache.minimumRowSize { violation("\(what): \(entries.count) entries from \(size) bytes") }
  for entry in entries.all().values {
    _ = entry.decode()
    _ = entry.headerWords
  }
  _ = entries.mayHold([[1, 2], [], [0xFFFF_FFFF_FFFF_FFFF]])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))

  // 1. The file as it is.
  if let entries = FactCache.decode(bytes) { checkEntries(entries, size: size, "raw file") }

  // 2. The input as an entry table with a valid header.
  if bytes.count >= 4 {
    // Up to 63 entries, so the slices (one word each) stay small; the table ends with the slices'
    // checksums, the file with the slices (zeros: their checksums do not match, so they rule nothing out).
    let count = UInt64(bytes[0] & 0x3F)
    let table = Array(bytes[4...]) + [UInt8](repeating: 0, count: 8 * FactCache.signatureBits)
    var file = FactCache.magic + little(UInt64(FactCache.version), 4) + little(count, 4)
    file += little(UInt64(table.count), 8) + little(FactCache.quickHash(table, from: 0), 8)
    if file.count != FactCache.headerSize { violation("header of \(file.count) bytes") }
    file += table + [UInt8](repeating: 0, count: 8 * FactCache.signatureBits)
    if let entries = FactCache.decode(file) { checkEntries(entries, size: table.count, "framed table") }
  }

  // 3. The input as a body, and a round trip through a whole cache. The exact names test reads a body's
  //    names table alone: on any bytes it must not trap, and on a body that decodes it must agree with the
  //    decoded names (a "no" it gives wrongly would hide a caller).
  let probed = ["a", "create", "x_1", ""]
  var probe = NameTable<Bool>()
  for name in probed { probe.insert(Array(name.utf8), true) }
  let held = FactCache.bodyNames(bytes, holdAnyOf: probe)
  if let facts = FactCache.decodeBody(bytes) {
    if held != facts.names.contains(where: probed.contains) { violation("the names test disagrees with the body") }
    let body = FactCache.encodeBody(facts)
    guard let again = FactCache.decodeBody(body) else { violation("an encoded body does not decode") }
    if FactCache.encodeBody(again) != body { violation("a body's encoding is not stable") }
    let file = FactCache.encode(["0123456789abcdef0123456789abcdef01234567 a.py": .analyzed(facts)])
    guard let entries = FactCache.decode(file), entries.count == 1 else { violation("a written cache does not load") }
    guard let cached = entries.lookup(blob: "0123456789abcdef0123456789abcdef01234567", path: "a.py")?.decode()
    else { violation("a written entry is not found or does not decode") }
    if FactCache.encodeBody(cached) != body { violation("a cached body differs from the one written") }
  }
  return 0
}
