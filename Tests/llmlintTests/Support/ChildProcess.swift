import Foundation

/// What a child process gave and how it ended.
struct ChildRun {
  var status: Int32
  /// `false` when a signal ended it (`status` is then the signal).
  var exited: Bool
  var timedOut: Bool
  var stdout: String
  var stderr: String
  var seconds: Double
}

/// The one way the CLI tests run a program: an argument array (never a shell string), stdin empty, stdout
/// and stderr to files (a child that prints a lot cannot block on a full pipe), killed after `timeout`
/// seconds when one is given. A test that needs what no argument array can say (an argument that is not
/// UTF-8, a current directory removed under the process) runs `/bin/sh -c` with a fixed script and the
/// values as positional parameters (`shell`).
enum ChildProcess {
  static func run(
    _ program: String, _ arguments: [String], in directory: String, environment: [String: String],
    timeout: Double? = nil, stdoutPath: String? = nil
  ) throws -> ChildRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    let outPath = NSTemporaryDirectory() + "/llmlint-child-out-\(UUID().uuidString)"
    let errPath = NSTemporaryDirectory() + "/llmlint-child-err-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: outPath)
      try? FileManager.default.removeItem(atPath: errPath)
    }
    // `stdoutPath` (e.g. `/dev/full`) replaces the captured stdout; `stdout` is then empty.
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath ?? outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let started = ContinuousClock.now
    try process.run()
    var timedOut = false
    if let timeout {
      while process.isRunning {
        if ContinuousClock.now - started > .seconds(timeout) {
          timedOut = true
          process.terminate()
          break
        }
        usleep(20_000)
      }
    }
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - started
    try out.close()
    try err.close()
    return ChildRun(
      status: process.terminationStatus, exited: process.terminationReason == .exit, timedOut: timedOut,
      stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
      stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self),
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  /// Runs `/bin/sh -c script sh values…`: the script is a constant of the test, the values are `$1`, `$2`….
  /// No background jobs: a child of `Process` starts with signals blocked, so the shell's `wait` never returns.
  static func shell(
    _ script: String, _ values: [String], in directory: String, environment: [String: String]
  ) throws -> ChildRun {
    try run("/bin/sh", ["-c", script, "sh"] + values, in: directory, environment: environment, timeout: 60)
  }
}
