import Testing
@testable import llmlint

@Test func executableModuleImports() {
  #expect(Bool(true))
}
