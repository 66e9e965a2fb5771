// libFuzzer target: the Python tokenizer on arbitrary bytes. Checks order, bounds, coverage of every
// byte and a linear token count (see Support/Invariants.swift).

@testable import LLMLintCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = UnsafeBufferPointer(start: data, count: size)
  checkPythonTokens(PythonTokenizer.tokenize(source), in: source)
  return 0
}
