// swift-tools-version: 6.0
import PackageDescription

// A release build on Linux links the Swift runtime and Foundation statically, so that `swift build -c release`
// (what the pre-commit framework runs) makes a binary that needs only the C library. The objects must be
// compiled with -static-stdlib as well as linked with it: the static Foundation modules autolink the libraries
// they need (_FoundationICU, CoreFoundation, ...), which the driver then links as one group.
let staticStdlib: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

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
      resources: [.embedInCode("rules.yml")],
      swiftSettings: staticStdlib
    ),
    .executableTarget(
      name: "llmlint",
      dependencies: ["LLMLintCore"],
      swiftSettings: staticStdlib,
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
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
