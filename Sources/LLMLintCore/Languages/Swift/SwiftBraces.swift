/// Finds the bodies of Swift tracked contexts: closures passed to a call of a tracked function
/// (`trackLLMCall`), as a trailing closure (`trackLLMCall(provider: p) { … }`, `trackLLMCall { … }`,
/// several trailing closures `{ … } onError: { … }`) or as an argument (`trackLLMCall(body: { … })`).
///
/// Braces are paired by the code-token partner table, so a region is exactly the closure's `{ … }`.
enum SwiftBraces {
  /// The closures passed to a tracked function, each a `context` region whose origin is the function's name.
  static func trackedRegions(_ code: CodeTokens, _ ruleSet: RuleSet) -> [TrackingRegion] {
    let names = ruleSet.contextNames(code.language, .closures)
    guard !names.isEmpty else { return [] }
    var regions: [TrackingRegion] = []
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      guard names.lookup(code.source, token: code.tokens[index]) != nil, !code.isIdentifier(index - 1, "func")
      else { continue }
      var next = index + 1
      if code.isOperator(next, UInt8(ascii: "(")), code.partner[next] > next {
        let close = Int(code.partner[next])
        var argument = next + 1
        while argument < close {
          if code.isOperator(argument, UInt8(ascii: "{")), code.partner[argument] > argument,
            code.isOperator(argument - 1, UInt8(ascii: "(")) || code.isOperator(argument - 1, UInt8(ascii: ","))
              || code.isOperator(argument - 1, UInt8(ascii: ":"))
          {
            regions.append(region(code, argument, name: index))
          }
          argument = code.opensGroup(argument) ? code.skipGroup(argument) : argument + 1
        }
        next = close + 1
      }
      // Trailing closures: `{ … }`, then any number of `label: { … }`.
      guard code.isOperator(next, UInt8(ascii: "{")), code.partner[next] > next else { continue }
      regions.append(region(code, next, name: index))
      next = Int(code.partner[next]) + 1
      while code.isIdentifier(next), code.isOperator(next + 1, UInt8(ascii: ":")),
        code.isOperator(next + 2, UInt8(ascii: "{")), code.partner[next + 2] > next + 2
      {
        regions.append(region(code, next + 2, name: index))
        next = Int(code.partner[next + 2]) + 1
      }
    }
    return regions
  }

  private static func region(_ code: CodeTokens, _ open: Int, name: Int) -> TrackingRegion {
    TrackingRegion(
      range: Int(code.tokens[open].start)..<code.tokens[Int(code.partner[open])].end, kind: .context,
      origin: Int(code.tokens[name].start))
  }
}
