import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant create`.
struct TenantCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Register a tenant and create its schema.",
        discussion: """
            Options left out take the daemon's defaults (time zone Europe/Paris, locale fr, \
            the configured sender and SMTP server). The slug of a dropped tenant is refused, \
            saying whose it was, unless --reuse-dropped-slug is given.

            Example:
              recouvrectl tenant create acme --name "ACME SAS" --locale fr --email-from relances@acme.fr
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The tenant's slug, e.g. acme.") var slug: String
    @Option(help: "Name shown to people.") var name: String
    @Option(help: "IANA time zone, e.g. Europe/Paris.") var timezone: String?
    @Option(help: "Language of messages: fr or en.") var locale: String?
    @Option(name: .customLong("email-from"), help: "Sender address of e-mails.") var emailFrom: String?
    @Option(name: .customLong("smtp-url"), help: "SMTP server, e.g. smtp://mail.example.com:587.") var smtpURL: String?
    @Flag(name: .customLong("reuse-dropped-slug"), help: "Give the slug of a dropped tenant to this new one.")
    var reuseDroppedSlug = false

    func validate() throws {
        try Validate.slug(slug)
        try Validate.notBlank(name, option: "--name")
        try Validate.notBlank(timezone, option: "--timezone")
        try Validate.locale(locale)
    }

    func run() throws {
        let parameters = CreateTenantParameters(
            slug: slug, displayName: name, timezone: timezone, locale: locale, emailFrom: emailFrom, smtpURL: smtpURL,
            reuseDroppedSlug: reuseDroppedSlug ? true : nil)
        try options.perform(
            { TenantReply(tenant: try $0.createTenant(parameters)) },
            human: { "tenant '\($0.tenant.slug)' created\n\n" + Describe.tenant($0.tenant) })
    }
}
