#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs git as a child process with an argument array — never through a shell — in the current directory
/// and with the inherited environment (so `GIT_INDEX_FILE`, `GIT_DIR` and friends set by a running hook
/// apply), and answers the questions llmlint asks of a repository.
///
/// Children are started with `posix_spawnp` and serviced with one `poll` loop over their pipes: several can
/// run at once (their start-up overlaps), input is written while output is read (no pipe deadlock), and
/// SIGPIPE is reset to its default in the child even when the parent ignores it.
public struct Git: Sendable {
  /// The program to run, looked up on `PATH`.
  public var program: String
  /// Where git runs (`git -C directory`); `nil`: the current directory.
  public var directory: String?

  public init(program: String = "git", directory: String? = nil) {
    self.program = program
    self.directory = directory
  }

  /// What a finished git process gave.
  public struct Output: Sendable {
    /// The exit status, or 128 + the signal number when it was killed.
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    /// The first line of stderr, without git's `fatal: ` / `error: ` prefix; `exit status N` when empty.
    public var errorSummary: String {
      var text = String(decoding: stderr.prefix { $0 != ASCII.lineFeed }, as: UTF8.self)
      for prefix in ["fatal: ", "error: "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
      return text.isEmpty ? "exit status \(status)" : text
    }
  }

  /// Starts `git arguments…`; the child waits for input until `Child.finish(input:)` is called.
  public func start(_ arguments: [String]) -> Result<Child, Problem> {
    Child.spawn([program] + (directory.map { ["-C", $0] } ?? []) + arguments)
  }

  /// Runs `git arguments…` to completion, feeding it `input`.
  public func run(_ arguments: [String], input: [UInt8] = []) -> Result<Output, Problem> {
    start(arguments).map { $0.finish(input: input) }
  }

  /// Runs `git arguments…`; its stdout when it exits 0, else a `.git` problem quoting its stderr.
  public func output(_ arguments: [String], input: [UInt8] = []) -> Result<[UInt8], Problem> {
    run(arguments, input: input).flatMap { output in
      output.status == 0 ? .success(output.stdout) : .failure(Problem(.git, message: "git: \(output.errorSummary)"))
    }
  }

  // MARK: - Repository facts

  /// Where the repository the current directory belongs to keeps its parts.
  public struct Repository: Sendable, Equatable {
    /// The root of the work tree, absolute.
    public var topLevel: String
    /// The current directory relative to `topLevel`, `""` at the root, else ending in `/`.
    public var prefix: String
    /// This work tree's git directory (`.git`, or `.git/worktrees/NAME` in a linked worktree), absolute.
    public var gitDirectory: String
    /// The directory shared by all worktrees (holds `config`, `hooks`), absolute.
    public var commonDirectory: String
    /// Where git looks for hooks: `core.hooksPath` if set (relative to the work tree root), else
    /// `hooks` in the common directory; absolute.
    public var hooksDirectory: String
  }

  /// The arguments of the one `git rev-parse` that `parseRepository` reads.
  public static let repositoryArguments = [
    "rev-parse", "--show-toplevel", "--show-prefix", "--git-dir", "--git-common-dir", "--git-path", "hooks",
  ]

  /// The repository of `currentDirectory` (the process's current directory), with one `git rev-parse`.
  /// A directory outside any work tree (or inside `.git`, or a bare repository) is a `.git` problem.
  public func repository(currentDirectory: String) -> Result<Repository, Problem> {
    run(Self.repositoryArguments).flatMap { Self.parseRepository($0, currentDirectory: currentDirectory) }
  }

  /// Reads the output of `git repositoryArguments…` run in `currentDirectory`; relative paths in it are
  /// relative to that directory.
  public static func parseRepository(_ output: Output, currentDirectory: String) -> Result<Repository, Problem> {
    guard output.status == 0 else { return .failure(Problem(.git, message: "git: \(output.errorSummary)")) }
    let lines = lines(output.stdout)
    guard lines.count == 5, lines[0].hasPrefix("/") else {
      return .failure(Problem(.git, message: "git: not inside a work tree"))
    }
    func absolute(_ path: String) -> String {
      path.hasPrefix("/") ? path : normalize(join(currentDirectory, path))
    }
    return .success(
      Repository(
        topLevel: lines[0], prefix: lines[1], gitDirectory: absolute(lines[2]), commonDirectory: absolute(lines[3]),
        hooksDirectory: absolute(lines[4])))
  }

  /// `path` without `.` components, and with `..` applied to the component before it (lexically).
  public static func normalize(_ path: String) -> String {
    var components: [Substring] = []
    for component in path.split(separator: "/") {
      if component == "." { continue }
      if component == "..", let last = components.last, last != ".." {
        components.removeLast()
      } else {
        components.append(component)
      }
    }
    return (path.hasPrefix("/") ? "/" : "") + components.joined(separator: "/")
  }

  /// The work tree holding `directory` (absolute, physical) and `directory`'s place in it, found as git
  /// finds it: the nearest directory upward holding a `.git` directory (with a `HEAD`) or a `.git` file.
  /// `nil` when none is found or when `GIT_DIR`, `GIT_WORK_TREE` or `GIT_COMMON_DIR` is set (then git's own
  /// answer is needed); a `.git` found there may still be refused by git, which then says why.
  public static func workTree(containing directory: String, environment: [String: String]) -> (
    topLevel: String, prefix: String
  )? {
    for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"] where environment[name] != nil { return nil }
    guard directory.hasPrefix("/") else { return nil }
    var current = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var prefix: [Substring] = []
    while true {
      let dotGit = current == "/" ? "/.git" : current + "/.git"
      var status = stat()
      if lstat(dotGit, &status) == 0 {
        let kind = status.st_mode & S_IFMT
        var head = stat()
        if kind == S_IFREG || (kind == S_IFDIR && stat(dotGit + "/HEAD", &head) == 0) {
          // Inside the git directory itself there is no work tree to speak of: let git say so.
          if prefix.last == ".git" { return nil }
          return (current, prefix.reversed().map { $0 + "/" }.joined())
        }
      }
      guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
      prefix.append(current[current.index(after: slash)...])
      current = slash == current.startIndex ? "/" : String(current[..<slash])
    }
  }

  // MARK: - Output parsing

  /// `bytes` split at NUL bytes, as `-z` output is; a trailing NUL does not make an empty last field.
  public static func fields(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var fields = bytes.split(separator: 0, omittingEmptySubsequences: false)
    if fields.last?.isEmpty == true { fields.removeLast() }
    return fields
  }

  /// `bytes` split into lines at `\n`, decoded as UTF-8 (lossy); no empty last line for a final `\n`.
  public static func lines(_ bytes: [UInt8]) -> [String] {
    var lines = bytes.split(separator: ASCII.lineFeed, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.map { String(decoding: $0, as: UTF8.self) }
  }

  /// `base/relative` without doubling the `/`.
  static func join(_ base: String, _ relative: String) -> String {
    base.hasSuffix("/") ? base + relative : base + "/" + relative
  }
}

// MARK: - Child processes

extension Git {
  /// A running git process and our ends of its three pipes.
  public final class Child {
    private let pid: pid_t
    private var stdinDescriptor: Int32
    private let stdoutDescriptor: Int32
    private let stderrDescriptor: Int32
    private var finished = false

    private init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32) {
      self.pid = pid
      stdinDescriptor = stdin
      stdoutDescriptor = stdout
      stderrDescriptor = stderr
    }

    deinit {
      if !finished { _ = finish(input: []) }
    }

    /// Starts `argv[0]` (looked up on `PATH`) with `argv`; a problem if it cannot be started.
    static func spawn(_ argv: [String]) -> Result<Child, Problem> {
      var pipes: [Int32] = []
      defer { for descriptor in pipes where descriptor >= 0 { close(descriptor) } }
      for _ in 0..<3 {
        var pair: [Int32] = [-1, -1]
        guard pipe(&pair) == 0 else {
          return .failure(Problem(.git, message: "cannot run git: \(String(cString: strerror(errno)))"))
        }
        for descriptor in pair { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        pipes += pair
      }
      // pipes: [stdin read, stdin write, stdout read, stdout write, stderr read, stderr write]
      #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
      #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
      #endif
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_adddup2(&actions, pipes[0], 0)
      posix_spawn_file_actions_adddup2(&actions, pipes[3], 1)
      posix_spawn_file_actions_adddup2(&actions, pipes[5], 2)
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      // The CLI ignores SIGPIPE; an ignored signal would stay ignored in the child.
      var defaults = sigset_t()
      sigemptyset(&defaults)
      sigaddset(&defaults, SIGPIPE)
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

      let cArguments = argv.map { strdup($0) } + [nil]
      defer { for argument in cArguments { free(argument) } }
      var pid = pid_t()
      let status = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, environ)
      guard status == 0 else {
        return .failure(Problem(.git, message: "cannot run \(argv[0]): \(String(cString: strerror(status)))"))
      }
      let child = Child(pid: pid, stdin: pipes[1], stdout: pipes[2], stderr: pipes[4])
      pipes[1] = -1
      pipes[2] = -1
      pipes[4] = -1
      return .success(child)
    }

    // MARK: Talking to a child one request at a time

    /// Writes all of `bytes` to the child's stdin (blocking); whether it worked. For a child that answers
    /// each request before reading the next (`git cat-file --batch` flushes after every object), so its
    /// output never fills while we write. Not after `finish`.
    public func send(_ bytes: [UInt8]) -> Bool {
      precondition(!finished, "a git child is finished once")
      var written = 0
      while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(stdinDescriptor, $0.baseAddress! + written, bytes.count - written) }
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += count
      }
      return true
    }

    /// Reads at most `count` bytes of the child's stdout (blocking until some are there); empty at its end
    /// or on an error.
    public func receive(upTo count: Int) -> [UInt8] {
      precondition(!finished, "a git child is finished once")
      return [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
        initialized = 0
        while true {
          let got = read(stdoutDescriptor, buffer.baseAddress!, count)
          if got < 0 && errno == EINTR { continue }
          initialized = max(0, got)
          return
        }
      }
    }

    /// Ends the child at once (SIGKILL) and reaps it: for a child whose remaining output is not wanted
    /// (the rest of a large blob), which would otherwise have to be read to its end.
    public func terminate() {
      guard !finished else { return }
      finished = true
      _ = kill(pid, SIGKILL)
      close(stdinDescriptor)
      close(stdoutDescriptor)
      close(stderrDescriptor)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Writes `input` to the child's stdin (then closes it) while reading its stdout and stderr to the end,
    /// and waits for it. A child that stops reading its input early just gets less of it.
    public func finish(input: [UInt8]) -> Output {
      precondition(!finished, "a git child is finished once")
      finished = true
      var stdout: [UInt8] = []
      var stderr: [UInt8] = []
      var written = 0
      if input.isEmpty {
        close(stdinDescriptor)
        stdinDescriptor = -1
      } else {
        _ = fcntl(stdinDescriptor, F_SETFL, fcntl(stdinDescriptor, F_GETFL) | O_NONBLOCK)
      }
      var open: [Int32: Bool] = [stdoutDescriptor: true, stderrDescriptor: true]
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while open.values.contains(true) || stdinDescriptor >= 0 {
        var polled: [pollfd] = []
        if stdinDescriptor >= 0 { polled.append(pollfd(fd: stdinDescriptor, events: Int16(POLLOUT), revents: 0)) }
        for descriptor in [stdoutDescriptor, stderrDescriptor] where open[descriptor] == true {
          polled.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&polled, nfds_t(polled.count), -1)
        if ready < 0 {
          if errno == EINTR { continue }
          break
        }
        for entry in polled where entry.revents != 0 {
          if entry.fd == stdinDescriptor {
            let count = input.withUnsafeBytes { bytes in
              write(entry.fd, bytes.baseAddress! + written, bytes.count - written)
            }
            if count > 0 { written += count }
            if (count < 0 && errno != EAGAIN && errno != EINTR) || written == input.count {
              close(stdinDescriptor)
              stdinDescriptor = -1
            }
          } else {
            let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
            if count > 0 {
              if entry.fd == stdoutDescriptor {
                stdout += buffer[0..<count]
              } else {
                stderr += buffer[0..<count]
              }
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
              open[entry.fd] = false
            }
          }
        }
      }
      if stdinDescriptor >= 0 { close(stdinDescriptor) }
      close(stdoutDescriptor)
      close(stderrDescriptor)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 {
        if errno != EINTR {
          status = 127 << 8
          break
        }
      }
      // Decoded by hand: the W* macros are not imported into Swift.
      let signal = status & 0x7f
      let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
      return Output(status: exitStatus, stdout: stdout, stderr: stderr)
    }
  }
}
