/// YAML-subset reader (placeholder until the real one lands).
public enum YAMLReader {
  /// Reads one YAML document; throws `YAMLError` with line and column on anything outside the subset.
  public static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
    throw YAMLError(line: 1, column: 1, message: "YAML reader not implemented")
  }
}
