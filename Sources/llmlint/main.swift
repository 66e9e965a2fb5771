#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import LLMLintCore

// The arguments as bytes too: `CommandLine.arguments` shows bytes that are not UTF-8 as U+FFFD.
let rawArguments = (1..<Int(CommandLine.argc)).map { index in
  CommandLine.unsafeArgv[index].map {
    Array(UnsafeBufferPointer(start: $0, count: strlen($0))).map(UInt8.init(bitPattern:))
  } ?? []
}
// The process exits after one run: what the run derived is left for the kernel to take back.
Teardown.skipFreeingAtExit()
exit(
  CLI.run(
    arguments: Array(CommandLine.arguments.dropFirst()), rawArguments: rawArguments, environment: CLI.environment()))
