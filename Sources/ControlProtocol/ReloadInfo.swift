/// The varlink type `ReloadInfo`: how the last reload of the configuration went.
public struct ReloadInfo: Codable, Sendable, Equatable {
    /// When it happened (ISO 8601).
    public var at: String
    /// Whether the file was read and applied.
    public var ok: Bool
    /// Why it was refused, naming the file and line; the running configuration was kept.
    public var error: String?
    /// Changed settings that keep their running value until a restart.
    public var needsRestart: [String]

    /// Builds the record.
    public init(at: String, ok: Bool, error: String? = nil, needsRestart: [String] = []) {
        self.at = at
        self.ok = ok
        self.error = error
        self.needsRestart = needsRestart
    }

    /// Encodes every field, `error` as `null` when absent, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(ok, forKey: .ok)
        try c.encode(error, forKey: .error)
        try c.encode(needsRestart, forKey: .needsRestart)
    }
}
