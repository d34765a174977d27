import Store

/// Reads an action needs over and over, answered from memory after the first
/// time: the creator's profile, templates by name, fans' display names.
///
/// `cached` lives for one batch (one transaction) of `run`. Within it only the
/// engine writes, and no effect changes a profile, a template or a fan's name,
/// so every cached answer is the one the store would give. A firing's `send`
/// used to read the profile twice, the template twice and the fan's name
/// three times. `uncached` reads the store every time: approvals and tests
/// that change templates between calls keep seeing the change.
final class CreatorLookups {
    private let store: CreatorStore
    private let caches: Bool
    private var profile: CreatorProfile?
    private var templates: [String: SendRendering.Template?] = [:]
    private var fanNames: [Int64: String] = [:]

    private init(store: CreatorStore, caches: Bool) {
        self.store = store
        self.caches = caches
    }

    static func cached(_ store: CreatorStore) -> CreatorLookups { CreatorLookups(store: store, caches: true) }
    static func uncached(_ store: CreatorStore) -> CreatorLookups { CreatorLookups(store: store, caches: false) }

    func creator() throws -> CreatorProfile {
        if let profile { return profile }
        let loaded = try CreatorProfile.load(from: store)
        if caches { profile = loaded }
        return loaded
    }

    func template(named name: String) throws -> SendRendering.Template? {
        if let known = templates[name] { return known }
        let loaded = try SendRendering(store: store).template(named: name)
        if caches { templates[name] = .some(loaded) }
        return loaded
    }

    /// The fan's display name; `RuntimeError.unknownFan` for a fan not this creator's.
    func fanName(_ fanID: Int64) throws -> String {
        if let name = fanNames[fanID] { return name }
        let name = try FanLookup(store: store).displayName(of: fanID)
        if caches { fanNames[fanID] = name }
        return name
    }
}
