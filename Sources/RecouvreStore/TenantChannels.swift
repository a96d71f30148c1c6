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
    /// The collection agency the agency step hands the file to (CPCE R124-4 letter).
    public var agencyName: String?
    /// The agency's postal address, lines separated by newlines.
    public var agencyAddress: String?
    public var agencySIREN: String?
    public var agencyPhone: String?
    public var agencyEmail: String?
    /// The account the debtor pays the agency on.
    public var agencyIBAN: String?
    public var agencyBIC: String?
    /// Who signs the agency letter.
    public var agencySignatory: String?

    public init() {}

    static let columns = """
        address, siren, phone, iban, bic, signatory, letter_delivery, webhook_url, webhook_secret, sms_url, sms_secret,
        sms_sender, messages_per_minute, agency_name, agency_address, agency_siren, agency_phone, agency_email, agency_iban,
        agency_bic, agency_signatory
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
        agencyName = try row.decodeIfPresent(String.self, "agency_name")
        agencyAddress = try row.decodeIfPresent(String.self, "agency_address")
        agencySIREN = try row.decodeIfPresent(String.self, "agency_siren")
        agencyPhone = try row.decodeIfPresent(String.self, "agency_phone")
        agencyEmail = try row.decodeIfPresent(String.self, "agency_email")
        agencyIBAN = try row.decodeIfPresent(String.self, "agency_iban")
        agencyBIC = try row.decodeIfPresent(String.self, "agency_bic")
        agencySignatory = try row.decodeIfPresent(String.self, "agency_signatory")
    }

    /// The tenant's settings, or the defaults.
    public static func load(_ c: PostgresConnection, slug: TenantSlug) throws -> TenantChannels {
        try c.query("SELECT \(columns) FROM recouvre.tenant_channels WHERE tenant = $1", [slug.rawValue])
            .first.map(TenantChannels.init(row:)) ?? TenantChannels()
    }

    /// Writes the tenant's settings in one statement (the row's constraints check what goes
    /// together, e.g. webhook letters need an endpoint) and journals the change, naming the
    /// fields and never the secrets.
    public static func save(_ c: PostgresConnection, slug: TenantSlug, _ channels: TenantChannels, changed: [String],
                            author: String) throws {
        try c.transaction { c in
            _ = try c.query("""
                INSERT INTO recouvre.tenant_channels (tenant, \(columns), updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                        now())
                ON CONFLICT (tenant) DO UPDATE SET
                    address = EXCLUDED.address, siren = EXCLUDED.siren, phone = EXCLUDED.phone, iban = EXCLUDED.iban,
                    bic = EXCLUDED.bic, signatory = EXCLUDED.signatory, letter_delivery = EXCLUDED.letter_delivery,
                    webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret, sms_url = EXCLUDED.sms_url,
                    sms_secret = EXCLUDED.sms_secret, sms_sender = EXCLUDED.sms_sender,
                    messages_per_minute = EXCLUDED.messages_per_minute, agency_name = EXCLUDED.agency_name,
                    agency_address = EXCLUDED.agency_address, agency_siren = EXCLUDED.agency_siren,
                    agency_phone = EXCLUDED.agency_phone, agency_email = EXCLUDED.agency_email,
                    agency_iban = EXCLUDED.agency_iban, agency_bic = EXCLUDED.agency_bic,
                    agency_signatory = EXCLUDED.agency_signatory, updated_at = now()
                """, [slug.rawValue, channels.address, channels.siren, channels.phone, channels.iban, channels.bic,
                      channels.signatory, channels.letterDelivery.rawValue, channels.webhookURL, channels.webhookSecret,
                      channels.smsURL, channels.smsSecret, channels.smsSender, channels.messagesPerMinute,
                      channels.agencyName, channels.agencyAddress, channels.agencySIREN, channels.agencyPhone,
                      channels.agencyEmail, channels.agencyIBAN, channels.agencyBIC, channels.agencySignatory])
            _ = try c.query("""
                INSERT INTO recouvre.operator_events (tenant, kind, actor, detail)
                VALUES ($1, 'tenant_channels_changed', $2, jsonb_build_object('fields', $3::text))
                """, [slug.rawValue, author, changed.sorted().joined(separator: ",")])
        }
    }
}
