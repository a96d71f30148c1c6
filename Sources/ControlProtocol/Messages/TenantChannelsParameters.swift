import RecouvreCore

/// Parameters of `SetTenantChannels`: absent fields keep their value; fields named in
/// `clear` are emptied.
public struct TenantChannelsParameters: Codable, Sendable, Equatable, ValidatedParameters {
    public var tenant: String
    /// The creditor's postal address, lines separated by `\n`.
    public var address: String?
    public var siren: String?
    public var phone: String?
    public var iban: String?
    public var bic: String?
    /// Who signs letters.
    public var signatory: String?
    /// `spool` or `webhook`.
    public var letterDelivery: String?
    public var webhookUrl: String?
    /// At least 32 characters; never returned.
    public var webhookSecret: String?
    public var smsUrl: String?
    public var smsSecret: String?
    public var smsSender: String?
    public var messagesPerMinute: Int?
    /// The collection agency of the agency step: its name, address (lines separated by `\n`),
    /// SIREN, phone, e-mail, the IBAN and BIC debtors pay it on, and who signs its letter.
    public var agencyName: String?
    public var agencyAddress: String?
    public var agencySiren: String?
    public var agencyPhone: String?
    public var agencyEmail: String?
    public var agencyIban: String?
    public var agencyBic: String?
    public var agencySignatory: String?
    /// Fields to empty, by these names (e.g. `messagesPerMinute`).
    public var clear: [String]?

    public init(tenant: String, address: String? = nil, siren: String? = nil, phone: String? = nil, iban: String? = nil,
                bic: String? = nil, signatory: String? = nil, letterDelivery: String? = nil, webhookUrl: String? = nil,
                webhookSecret: String? = nil, smsUrl: String? = nil, smsSecret: String? = nil, smsSender: String? = nil,
                messagesPerMinute: Int? = nil, agencyName: String? = nil, agencyAddress: String? = nil,
                agencySiren: String? = nil, agencyPhone: String? = nil, agencyEmail: String? = nil, agencyIban: String? = nil,
                agencyBic: String? = nil, agencySignatory: String? = nil, clear: [String]? = nil) {
        self.tenant = tenant
        self.address = address
        self.siren = siren
        self.phone = phone
        self.iban = iban
        self.bic = bic
        self.signatory = signatory
        self.letterDelivery = letterDelivery
        self.webhookUrl = webhookUrl
        self.webhookSecret = webhookSecret
        self.smsUrl = smsUrl
        self.smsSecret = smsSecret
        self.smsSender = smsSender
        self.messagesPerMinute = messagesPerMinute
        self.agencyName = agencyName
        self.agencyAddress = agencyAddress
        self.agencySiren = agencySiren
        self.agencyPhone = agencyPhone
        self.agencyEmail = agencyEmail
        self.agencyIban = agencyIban
        self.agencyBic = agencyBic
        self.agencySignatory = agencySignatory
        self.clear = clear
    }

    /// The fields `clear` may name; `agency` empties every agency field.
    public static let clearable = ["address", "siren", "phone", "iban", "bic", "signatory", "webhook", "sms", "smsSender",
                                   "messagesPerMinute", "agency"]

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        for (field, siren) in [("siren", siren), ("agencySiren", agencySiren)] {
            if let siren, !BankIdentifiers.isValidSIREN(siren) {
                throw ParameterProblem(field, "'\(siren)' is not a SIREN: nine digits with a valid check digit, e.g. 732829320")
            }
        }
        for (field, iban) in [("iban", iban), ("agencyIban", agencyIban)] {
            if let iban, !BankIdentifiers.isValidIBAN(iban) {
                throw ParameterProblem(field, "'\(iban)' is not a valid IBAN (its check digits do not match); copy it from the bank's RIB")
            }
        }
        for (field, text) in [("agencyName", agencyName), ("agencyAddress", agencyAddress), ("agencySignatory", agencySignatory)] {
            if let text, text.allSatisfy(\.isWhitespace) {
                throw ParameterProblem(field, "it is blank; give the text, or clear the agency with --clear agency")
            }
        }
        if let agencyEmail, !EmailAddress.isValid(agencyEmail) {
            throw ParameterProblem("agencyEmail", "'\(agencyEmail)' is not an e-mail address (local@domain.tld)")
        }
        if let letterDelivery { try ControlValidation.check(letterDelivery, among: ["spool", "webhook"], field: "letterDelivery") }
        for (field, url) in [("webhookUrl", webhookUrl), ("smsUrl", smsUrl)] {
            if let url, !url.hasPrefix("https://") || url.contains(" ") {
                throw ParameterProblem(field, "'\(url)' is not an https:// URL; endpoints are called over TLS only")
            }
        }
        for (field, secret) in [("webhookSecret", webhookSecret), ("smsSecret", smsSecret)] {
            if let secret, secret.count < 32 {
                throw ParameterProblem(field, "the secret has \(secret.count) characters; use at least 32 random ones (e.g. openssl rand -hex 32)")
            }
        }
        if let messagesPerMinute, !(1...100_000).contains(messagesPerMinute) {
            throw ParameterProblem("messagesPerMinute", "\(messagesPerMinute) is outside 1…100000; clear it for no limit")
        }
        for name in clear ?? [] where !Self.clearable.contains(name) {
            throw ParameterProblem("clear", "'\(name)' cannot be cleared; use one of \(Self.clearable.joined(separator: ", "))")
        }
    }
}
