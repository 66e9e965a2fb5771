/// The maximal runs of ASCII identifier bytes (`A-Z`, `a-z`, `0-9`, `_`) of a buffer, found eight bytes at a
/// time (SWAR): a bit per byte says whether it is an identifier byte, and runs start and end where that bit
/// changes, found with trailing-zero counts rather than a branch per byte. Bytes of 0x80 and above are never
/// identifier bytes. (`Prefilter.mayMatch` keeps its own copy of this loop: through a closure that can stop
/// the scan, its per-run state lived in memory: a scan of the Swift package mirror took 10% more instructions.)
enum IdentifierRuns {
  @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
  }

  /// Calls `body(start, end)` for every run `start..<end` of `source`, in order.
  @inline(__always) static func forEach(_ source: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
    guard let base = source.baseAddress else { return }
    let count = source.count
    var position = 0
    // The start of the run being read, or -1 between runs.
    var runStart = -1
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = ones &* 0x80
    let low: UInt64 = ones &* 0x7F
    while position &+ 8 <= count {
      let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
      let ascii = word & low
      let folded = ascii | (ones &* 0x20)
      // Per byte, the high bit is set when the (7-bit) value is in range; no carry crosses a byte.
      let letter = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x7F - 0x7A))
      let digit = (ascii &+ ones &* (0x80 - 0x30)) & ~(ascii &+ ones &* (0x7F - 0x39))
      let underscore = ~((ascii ^ (ones &* 0x5F)) &+ low)
      let isWord = (letter | digit | underscore) & high & ~word
      let before = (isWord << 8) | (runStart >= 0 ? 0x80 : 0)
      var changes = (isWord ^ before) & high
      while changes != 0 {
        let at = position &+ (changes.trailingZeroBitCount >> 3)
        changes &= changes &- 1
        if runStart < 0 {
          runStart = at
        } else {
          body(runStart, at)
          runStart = -1
        }
      }
      position &+= 8
    }
    while position < count {
      if isWordByte(base[position]) {
        if runStart < 0 { runStart = position }
      } else if runStart >= 0 {
        body(runStart, position)
        runStart = -1
      }
      position += 1
    }
    if runStart >= 0 { body(runStart, count) }
  }
}
