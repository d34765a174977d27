import Testing

// Tests for this phase sit beside it; this file holds the suite until they land.
@Test func StoreTestsBuilds() { #expect(Bool(true)) }
