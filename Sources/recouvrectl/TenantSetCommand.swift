import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant set`.
struct TenantSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change or clear a tenant's name, time zone, locale, sender or SMTP relay.",
        discussion: """
            Only the options given change; the others keep their value. --clear puts a setting \
            back to the daemon's default: timezone (Europe/Paris), locale (fr), email-from and \
            smtp-url (the daemon's configured sender and relay). The name cannot be cleared, \
            only replaced; the slug and schema never change. Every change is journaled in \
            recouvre.operator_events with its old and new value and who made it.
            Channels (letterhead, webhook, SMS, agency) are set with `recouvrectl tenant channels`.

            Examples:
              recouvrectl tenant set acme --locale en --smtp-url smtp://mail.acme.example:587
              recouvrectl tenant set acme --name "ACME Fournitures SAS"
              recouvrectl tenant set acme --clear smtp-url --clear email-from
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The tenant's slug.") var slug: String
    @Option(help: "New name shown to people.") var name: String?
    @Option(help: "New IANA time zone, e.g. Europe/Paris.") var timezone: String?
    @Option(help: "New language of messages: fr or en.") var locale: String?
    @Option(name: .customLong("email-from"), help: "New sender address, e.g. relances@acme.fr.") var emailFrom: String?
    @Option(name: .customLong("smtp-url"), help: "New SMTP relay, e.g. smtp://mail.acme.example:587.") var smtpURL: String?
    @Option(help: ArgumentHelp("Put a setting back to the daemon's default: \(Self.clearNames.keys.sorted().joined(separator: ", ")). Repeatable.",
                               valueName: "setting"))
    var clear: [String] = []

    /// Option names `--clear` takes, and the parameter each clears.
    static let clearNames = ["timezone": "timezone", "locale": "locale", "email-from": "emailFrom", "smtp-url": "smtpURL"]

    var parameters: SetTenantParameters {
        SetTenantParameters(slug: slug, displayName: name, timezone: timezone, locale: locale, emailFrom: emailFrom,
                            smtpURL: smtpURL, clear: clear.isEmpty ? nil : clear.compactMap { Self.clearNames[$0] })
    }

    func validate() throws {
        try Validate.slug(slug)
        try Validate.notBlank(name, option: "--name")
        try Validate.notBlank(timezone, option: "--timezone")
        try Validate.notBlank(emailFrom, option: "--email-from")
        try Validate.notBlank(smtpURL, option: "--smtp-url")
        try Validate.locale(locale)
        for setting in clear {
            if setting == "name" {
                throw ValidationError("--clear name: a tenant always has a name; give a new one with --name")
            }
            guard let parameter = Self.clearNames[setting] else {
                throw ValidationError("--clear \(setting): not a setting; clear one of \(Self.clearNames.keys.sorted().joined(separator: ", "))")
            }
            let given: String? = switch parameter {
            case "timezone": timezone
            case "locale": locale
            case "emailFrom": emailFrom
            default: smtpURL
            }
            if given != nil { throw ValidationError("--clear \(setting) and --\(setting) together: set it or clear it, not both") }
        }
        if parameters.isEmpty {
            throw ValidationError(
                "nothing to change: give at least one of --name, --timezone, --locale, --email-from, --smtp-url, --clear")
        }
    }

    func run() throws {
        try Self.apply(parameters, options: options)
    }

    /// Sends `parameters` and prints what changed; `tenant rename-display` uses it too.
    static func apply(_ parameters: SetTenantParameters, options: GlobalOptions) throws {
        try options.perform({ try $0.setTenant(parameters) }, human: { reply in
            let what = reply.changed.isEmpty ? "unchanged (every value given was already set)"
                : "updated: " + reply.changed.joined(separator: ", ")
            return "tenant '\(reply.tenant.slug)' \(what)\n\n" + Describe.tenant(reply.tenant)
        })
    }
}
