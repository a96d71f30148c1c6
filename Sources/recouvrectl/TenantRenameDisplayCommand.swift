import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant rename-display`.
struct TenantRenameDisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename-display",
        abstract: "Change the name a tenant is shown with; its slug and schema stay.",
        discussion: """
            The same change as `recouvrectl tenant set SLUG --name NAME`, journaled in \
            recouvre.operator_events as tenant_renamed with the old and new name and who made it.

            Example:
              recouvrectl tenant rename-display acme "ACME Fournitures SAS"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The tenant's slug.") var slug: String
    @Argument(help: "The new display name.") var name: String

    func validate() throws {
        try Validate.slug(slug)
        try Validate.notBlank(name, option: "the new name")
    }

    func run() throws {
        try TenantSetCommand.apply(SetTenantParameters(slug: slug, displayName: name), options: options)
    }
}
