import Synchronization

/// Whether the large structures a run derives (the index's files, the facts cache's table, the call graph)
/// are freed when the run is done. A process that exits right after its run need not free them: on a warm
/// `--staged` run of a 20,000-file repository freeing them cost about a tenth of the run's instructions
/// (callgrind). The command-line tool turns freeing off, as compilers do (clang's `-disable-free`); a
/// library user (the tests, an editor integration) keeps the default and frees everything.
public enum Teardown {
  private static let skipping = Atomic<Bool>(false)

  /// From now on, `retire` keeps what it is given until the process exits.
  public static func skipFreeingAtExit() { skipping.store(true, ordering: .relaxed) }

  /// Hands over a value a run no longer needs: it is freed as usual, or kept until exit when freeing is off.
  static func retire<Value>(_ value: consuming Value) {
    guard skipping.load(ordering: .relaxed) else { return }
    _ = Unmanaged.passRetained(Kept(value))
  }

  private final class Kept<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }
}
