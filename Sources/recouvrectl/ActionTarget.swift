import ArgumentParser

/// The action a command acts on: its id and its tenant, validated before any call.
struct ActionTarget: ParsableArguments {
    @Argument(help: "The action's id.") var id: Int
    @Option(help: "The tenant's slug.") var tenant: String

    func validate() throws {
        try Validate.slug(tenant)
        try Validate.actionID(id)
    }
}
