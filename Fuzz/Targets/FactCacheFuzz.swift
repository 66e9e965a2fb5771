// libFuzzer target: the facts cache reader (`FactCache.decode`, the entry table and the bodies) on
// arbitrary bytes. The cache lives outside the repository and anyone (or a crash mid-write) can leave
// anything at its path: no input may trap, hang or allocate more than the input holds.
//
// Each input is tried three ways, so that the checksums do not hide the parsers behind them:
// 1. as a whole cache file, as is;
// 2. as an entry table (after a 4-byte entry count) under a header whose length and checksum are right,
//    so the table parser sees arbitrary entries; every entry's body is then decoded;
// 3. as one entry's body (`decodeBody`); a body that decodes is written into a cache with `encode`, read
//    back, and must give the same bytes again (a round trip through the whole format).

@testable import LLMLintCore

private func little(_ value: UInt64, _ count: Int) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

private func checkEntries(_ entries: FactCache.Entries, size: Int, _ what: String) {
  // Each entry takes at least 48 bytes of the table: no count read from the input makes more.
  if entries.count > size / 48 { violation("\(what): \(entries.count) entries from \(size) bytes") }
  for entry in entries.all().values { _ = entry.decode() }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))

  // 1. The file as it is.
  if let entries = FactCache.decode(bytes) { checkEntries(entries, size: size, "raw file") }

  // 2. The input as an entry table with a valid header.
  if bytes.count >= 4 {
    let count = UInt64(bytes[0]) | UInt64(bytes[1]) << 8 | UInt64(bytes[2] & 0x0F) << 16
    let table = Array(bytes[4...])
    var file = FactCache.magic + little(UInt64(FactCache.version), 4) + little(count, 4)
    file += little(UInt64(table.count), 8) + little(FactCache.quickHash(table, from: 0), 8)
    if file.count != FactCache.headerSize { violation("header of \(file.count) bytes") }
    file += table
    if let entries = FactCache.decode(file) { checkEntries(entries, size: file.count, "framed table") }
  }

  // 3. The input as a body, and a round trip through a whole cache.
  if let facts = FactCache.decodeBody(bytes) {
    let body = FactCache.encodeBody(facts)
    guard let again = FactCache.decodeBody(body) else { violation("an encoded body does not decode") }
    if FactCache.encodeBody(again) != body { violation("a body's encoding is not stable") }
    let file = FactCache.encode(["0123456789abcdef0123456789abcdef01234567 a.py": FactSource(facts)])
    guard let entries = FactCache.decode(file), entries.count == 1 else { violation("a written cache does not load") }
    guard let cached = entries.lookup(blob: "0123456789abcdef0123456789abcdef01234567", path: "a.py")?.decode()
    else { violation("a written entry is not found or does not decode") }
    if FactCache.encodeBody(cached) != body { violation("a cached body differs from the one written") }
  }
  return 0
}
