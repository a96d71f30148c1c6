/// Parameters of `DropTenant`.
public struct DropTenantParameters: Codable, Sendable, Equatable {
    /// The tenant to drop.
    public var slug: String
    /// The slug again: the drop is refused unless it matches, so that a slip of a script or
    /// a shell history cannot drop a tenant.
    public var confirm: String

    /// Builds the parameters.
    public init(slug: String, confirm: String) {
        self.slug = slug
        self.confirm = confirm
    }
}
