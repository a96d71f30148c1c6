import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl tenant channels`.
struct TenantChannelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "Show or change how a tenant's steps reach debtors: letterhead, letters, webhook, SMS, rate, agency.",
        discussion: """
            Without options, shows the settings (secrets are never shown, only whether one is set).
            Secrets are read from a file, never from the command line, which other users can see.

            Examples:
              recouvrectl tenant channels acme
              recouvrectl tenant channels acme --address "12 rue des Lilas\\n75019 Paris" --siren 732829320 \\
                  --iban "FR76 3000 6000 0112 3456 7890 189" --signatory "Service recouvrement"
              recouvrectl tenant channels acme --webhook-url https://print.example/api/letters \\
                  --webhook-secret-file /etc/recouvre/acme.secret --letter-delivery webhook
              recouvrectl tenant channels acme --rate 120
              recouvrectl tenant channels acme --agency-name "Cabinet Lebrun Recouvrement" \
                  --agency-address "8 quai de Saône\n69009 Lyon" --agency-iban "FR76 1020 7000 0112 3456 7890 143"
              recouvrectl tenant channels acme --clear agency
              recouvrectl tenant channels acme --clear webhook --letter-delivery spool
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The tenant's slug.") var slug: String
    @Option(help: "The creditor's postal address for letters; \\\\n separates lines.") var address: String?
    @Option(help: "The creditor's SIREN (nine digits).") var siren: String?
    @Option(help: "The creditor's phone number for letters.") var phone: String?
    @Option(help: "The IBAN debtors pay to.") var iban: String?
    @Option(help: "The BIC of that account.") var bic: String?
    @Option(help: "Who signs letters.") var signatory: String?
    @Option(name: .customLong("letter-delivery"), help: "spool (the daemon's letter spool) or webhook (a print-and-mail provider).")
    var letterDelivery: String?
    @Option(name: .customLong("webhook-url"), help: "The tenant's webhook endpoint (https://).") var webhookURL: String?
    @Option(name: .customLong("webhook-secret-file"), help: "A file holding the webhook's signing secret (32+ characters).")
    var webhookSecretFile: String?
    @Option(name: .customLong("sms-url"), help: "The SMS gateway endpoint (https://).") var smsURL: String?
    @Option(name: .customLong("sms-secret-file"), help: "A file holding the SMS gateway's signing secret.") var smsSecretFile: String?
    @Option(name: .customLong("sms-sender"), help: "The SMS sender: up to 11 letters or digits, or a number.") var smsSender: String?
    @Option(help: "Messages per minute for this tenant, all daemons together.") var rate: Int?
    @Option(name: .customLong("agency-name"), help: "The collection agency the agency step hands files to.")
    var agencyName: String?
    @Option(name: .customLong("agency-address"), help: "The agency's postal address; \\\\n separates lines.")
    var agencyAddress: String?
    @Option(name: .customLong("agency-siren"), help: "The agency's SIREN (nine digits).") var agencySiren: String?
    @Option(name: .customLong("agency-phone"), help: "The agency's phone number for its letter.") var agencyPhone: String?
    @Option(name: .customLong("agency-email"), help: "The agency's e-mail address for its letter.") var agencyEmail: String?
    @Option(name: .customLong("agency-iban"), help: "The IBAN debtors pay the agency on.") var agencyIban: String?
    @Option(name: .customLong("agency-bic"), help: "The BIC of the agency's account.") var agencyBic: String?
    @Option(name: .customLong("agency-signatory"), help: "Who signs the agency's letter.") var agencySignatory: String?
    @Option(help: "Empty a setting: \(TenantChannelsParameters.clearable.joined(separator: ", ")). Repeatable.")
    var clear: [String] = []

    var changes: Bool {
        [address, siren, phone, iban, bic, signatory, letterDelivery, webhookURL, webhookSecretFile, smsURL, smsSecretFile,
         smsSender, agencyName, agencyAddress, agencySiren, agencyPhone, agencyEmail, agencyIban, agencyBic, agencySignatory]
            .contains { $0 != nil } || rate != nil || !clear.isEmpty
    }

    func parameters() throws -> TenantChannelsParameters {
        TenantChannelsParameters(
            tenant: slug, address: address, siren: siren, phone: phone, iban: iban, bic: bic, signatory: signatory,
            letterDelivery: letterDelivery, webhookUrl: webhookURL, webhookSecret: try webhookSecretFile.map(Self.secret),
            smsUrl: smsURL, smsSecret: try smsSecretFile.map(Self.secret), smsSender: smsSender, messagesPerMinute: rate,
            agencyName: agencyName, agencyAddress: agencyAddress, agencySiren: agencySiren, agencyPhone: agencyPhone,
            agencyEmail: agencyEmail, agencyIban: agencyIban, agencyBic: agencyBic, agencySignatory: agencySignatory,
            clear: clear.isEmpty ? nil : clear)
    }

    /// A secret from a file, without its trailing newline.
    static func secret(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the secret file \(path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func validate() throws {
        try Validate.slug(slug)
        if changes { try Validate.parameters(try parameters()) }
    }

    func run() throws {
        if !changes {
            try options.perform({ TenantChannelsReply(channels: try $0.getTenantChannels(tenant: slug)) },
                                human: { Self.text($0.channels) })
            return
        }
        let parameters = try self.parameters()
        try options.perform({ TenantChannelsReply(channels: try $0.setTenantChannels(parameters)) },
                            human: { "tenant '\($0.channels.tenant)' channels updated\n\n" + Self.text($0.channels) })
    }

    /// Whether the agency step produces the agency's letter, and what is missing when it does not.
    static func agencyLetterState(_ c: TenantChannelsInfo) -> String {
        let missing = [("--agency-name", c.agencyName), ("--agency-address", c.agencyAddress), ("--agency-iban", c.agencyIban)]
            .filter { $0.1 == nil }.map(\.0)
        return missing.isEmpty ? "produced by the agency step" : "no agency letter: set \(missing.joined(separator: ", "))"
    }

    static func text(_ c: TenantChannelsInfo) -> String {
        Table.fields([
            ("address", c.address?.replacingOccurrences(of: "\n", with: ", ") ?? "-"),
            ("siren", c.siren ?? "-"),
            ("phone", c.phone ?? "-"),
            ("iban", c.iban ?? "-"),
            ("bic", c.bic ?? "-"),
            ("signatory", c.signatory ?? "-"),
            ("letters", c.letterDelivery == "webhook" ? "to the webhook" : "to the letter spool"),
            ("webhook", c.webhookUrl.map { "\($0) (secret \(c.webhookSecretSet ? "set" : "missing"))" } ?? "none"),
            ("sms gateway", c.smsUrl.map { "\($0) (secret \(c.smsSecretSet ? "set" : "missing"))" } ?? "none"),
            ("sms sender", c.smsSender ?? "-"),
            ("rate", c.messagesPerMinute.map { "\($0) messages a minute" } ?? "no limit of its own"),
        ] + agency(c))
    }

    /// The agency's settings, indented under its name; one line when there is none.
    static func agency(_ c: TenantChannelsInfo) -> [(String, String)] {
        let fields = [c.agencyName, c.agencyAddress, c.agencySiren, c.agencyPhone, c.agencyEmail, c.agencyIban, c.agencyBic,
                      c.agencySignatory]
        guard fields.contains(where: { $0 != nil }) else { return [("agency", "none (\(agencyLetterState(c)))")] }
        return [
            ("agency", c.agencyName ?? "-"),
            ("  address", c.agencyAddress?.replacingOccurrences(of: "\n", with: ", ") ?? "-"),
            ("  siren", c.agencySiren ?? "-"),
            ("  phone", c.agencyPhone ?? "-"),
            ("  email", c.agencyEmail ?? "-"),
            ("  iban", c.agencyIban ?? "-"),
            ("  bic", c.agencyBic ?? "-"),
            ("  signatory", c.agencySignatory ?? "-"),
            ("  letter", agencyLetterState(c)),
        ]
    }
}
