/// What a scan did, for `-v`: the files it scanned and the wall time of each stage with how many files
/// (or configs) the stage handled. Measured with a monotonic clock (`ContinuousClock`), a few reads per
/// stage and run, never per file; the CLI renders it and adds the stage it runs itself (the report).
public struct ScanStatistics: Sendable, Equatable {
  /// One stage of a run.
  public struct Stage: Sendable, Equatable {
    /// What the stage does (`config`, `walk`, `read, prefilter, analysis`, `project facts`, ...).
    public var name: String
    /// How many items the stage handled; `unit` names them (`file`, `config`).
    public var count: Int
    public var unit: String
    public var duration: Duration
    /// Parts of the count, e.g. how many of the files read were analyzed and how many set aside.
    public var details: [Detail]

    public init(name: String, count: Int, unit: String = "file", duration: Duration, details: [Detail] = []) {
      self.name = name
      self.count = count
      self.unit = unit
      self.duration = duration
      self.details = details
    }
  }

  /// A part of a stage's count: `analyzed` 3, `set aside` 9.
  public struct Detail: Sendable, Equatable {
    public var label: String
    public var count: Int

    public init(_ label: String, _ count: Int) {
      self.label = label
      self.count = count
    }
  }

  /// The stage names the library measures, in run order.
  public enum Name {
    public static let config = "config"
    public static let git = "git (staged files)"
    public static let walk = "walk"
    public static let analysis = "read, prefilter, analysis"
    public static let projectFacts = "project facts"
  }

  /// The stages in the order they ran (stages of one name from several config groups added up).
  public var stages: [Stage] = []
  /// The paths of the files scanned (linted, or read and set aside for want of an anchor word), as
  /// shown, sorted.
  public var files: [String] = []

  public init() {}

  /// Adds `stage`: to the stage of the same name if there is one (counts, details and times add up),
  /// else as a new stage at the end.
  public mutating func add(_ stage: Stage) {
    if let index = stages.firstIndex(where: { $0.name == stage.name }) {
      stages[index].count += stage.count
      stages[index].duration += stage.duration
      for detail in stage.details {
        if let at = stages[index].details.firstIndex(where: { $0.label == detail.label }) {
          stages[index].details[at].count += detail.count
        } else {
          stages[index].details.append(detail)
        }
      }
    } else {
      stages.append(stage)
    }
  }

  /// Adds every stage and file of `other` (a scan of another config group).
  public mutating func add(_ other: ScanStatistics) {
    for stage in other.stages { add(stage) }
    files += other.files
  }

  /// The time `body` takes on the monotonic clock, with its value.
  static func measure<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, clock.now - start)
  }
}
