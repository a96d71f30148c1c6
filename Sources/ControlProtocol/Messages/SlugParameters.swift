/// Parameters of `GetTenant`, `PauseTenant` and `ResumeTenant`.
public struct SlugParameters: Codable, Sendable, Equatable {
    /// The tenant's slug.
    public var slug: String

    /// Builds the parameters.
    public init(slug: String) {
        self.slug = slug
    }
}
