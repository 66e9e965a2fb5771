// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "llmlint",
  products: [
    .executable(name: "llmlint", targets: ["llmlint"])
  ],
  dependencies: [],
  targets: [
    .target(
      name: "LLMLintCore",
      exclude: [],
      resources: [.embedInCode("rules.yml")]
    ),
    .executableTarget(
      name: "llmlint",
      dependencies: ["LLMLintCore"]
    ),
    .testTarget(
      name: "LLMLintCoreTests",
      dependencies: ["LLMLintCore"],
      exclude: ["Fixtures", "Reporting/Snapshots"]
    ),
    .testTarget(
      name: "llmlintTests",
      dependencies: ["llmlint", "LLMLintCore"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
