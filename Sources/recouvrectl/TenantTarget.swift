import ArgumentParser

/// The tenant a command acts on, validated before any call.
struct TenantTarget: ParsableArguments {
    @Argument(help: "The tenant's slug.") var slug: String

    func validate() throws {
        try Validate.slug(slug)
    }
}
