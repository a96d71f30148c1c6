import Postgres
import RecouvreCore

/// How a tenant's steps reach debtors (`recouvre.tenant_channels`); all defaults when the
/// tenant has no row.
public struct TenantChannels: Sendable, Equatable {
    /// Where letters go.
    public enum LetterDelivery: String, Sendable {
        /// The daemon's letter spool, for the operator to print and post.
        case spool
        /// The tenant's webhook: a print-and-mail provider.
        case webhook
    }

    /// The creditor's postal address, lines separated by newlines.
    public var address: String?
    public var siren: String?
    public var phone: String?
    public var iban: String?
    public var bic: String?
    /// Who signs letters.
    public var signatory: String?
    public var letterDelivery: LetterDelivery = .spool
    public var webhookURL: String?
    /// Never logged, never returned by the control interface.
    public var webhookSecret: String?
    public var smsURL: String?
    public var smsSecret: String?
    public var smsSender: String?
    /// Messages per minute, all daemons together; nil for no limit of the tenant's own.
    public var messagesPerMinute: Int?

    public init() {}

    static let columns = """
        address, siren, phone, iban, bic, signatory, letter_delivery, webhook_url, webhook_secret, sms_url, sms_secret,
        sms_sender, messages_per_minute
        """

    init(row: PostgresRow) throws {
        address = try row.decodeIfPresent(String.self, "address")
        siren = try row.decodeIfPresent(String.self, "siren")
        phone = try row.decodeIfPresent(String.self, "phone")
        iban = try row.decodeIfPresent(String.self, "iban")
        bic = try row.decodeIfPresent(String.self, "bic")
        signatory = try row.decodeIfPresent(String.self, "signatory")
        letterDelivery = LetterDelivery(rawValue: try row.decode(String.self, "letter_delivery")) ?? .spool
        webhookURL = try row.decodeIfPresent(String.self, "webhook_url")
        webhookSecret = try row.decodeIfPresent(String.self, "webhook_secret")
        smsURL = try row.decodeIfPresent(String.self, "sms_url")
        smsSecret = try row.decodeIfPresent(String.self, "sms_secret")
        smsSender = try row.decodeIfPresent(String.self, "sms_sender")
        messagesPerMinute = try row.decodeIfPresent(Int.self, "messages_per_minute")
    }

    /// The tenant's settings, or the defaults.
    public static func load(_ c: PostgresConnection, slug: TenantSlug) throws -> TenantChannels {
        try c.query("SELECT \(columns) FROM recouvre.tenant_channels WHERE tenant = $1", [slug.rawValue])
            .first.map(TenantChannels.init(row:)) ?? TenantChannels()
    }
}
