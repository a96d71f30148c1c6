import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant set`.
struct TenantSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a tenant's name, time zone, locale, sender or SMTP server.",
        discussion: """
            Only the options given change; the others keep their value.

            Example:
              recouvrectl tenant set acme --locale en --smtp-url smtp://mail.acme.example:587
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The tenant's slug.") var slug: String
    @Option(help: "New name shown to people.") var name: String?
    @Option(help: "New IANA time zone.") var timezone: String?
    @Option(help: "New language of messages: fr or en.") var locale: String?
    @Option(name: .customLong("email-from"), help: "New sender address.") var emailFrom: String?
    @Option(name: .customLong("smtp-url"), help: "New SMTP server.") var smtpURL: String?

    var parameters: UpdateTenantParameters {
        UpdateTenantParameters(
            slug: slug, displayName: name, timezone: timezone, locale: locale, emailFrom: emailFrom, smtpURL: smtpURL)
    }

    func validate() throws {
        try Validate.slug(slug)
        try Validate.notBlank(name, option: "--name")
        try Validate.notBlank(timezone, option: "--timezone")
        try Validate.locale(locale)
        if parameters.isEmpty {
            throw ValidationError("nothing to change: give at least one of --name, --timezone, --locale, --email-from, --smtp-url")
        }
    }

    func run() throws {
        let parameters = self.parameters
        try options.perform(
            { TenantReply(tenant: try $0.updateTenant(parameters)) },
            human: { "tenant '\($0.tenant.slug)' updated\n\n" + Describe.tenant($0.tenant) })
    }
}
