/// The varlink type `TenantChannels`: how a tenant's steps reach debtors. Secrets are never
/// returned; `webhookSecretSet` and `smsSecretSet` say whether one is.
public struct TenantChannelsInfo: Codable, Sendable, Equatable {
    public var tenant: String
    public var address: String?
    public var siren: String?
    public var phone: String?
    public var iban: String?
    public var bic: String?
    public var signatory: String?
    public var letterDelivery: String
    public var webhookUrl: String?
    public var webhookSecretSet: Bool
    public var smsUrl: String?
    public var smsSecretSet: Bool
    public var smsSender: String?
    public var messagesPerMinute: Int?

    public init(tenant: String, address: String?, siren: String?, phone: String?, iban: String?, bic: String?, signatory: String?,
                letterDelivery: String, webhookUrl: String?, webhookSecretSet: Bool, smsUrl: String?, smsSecretSet: Bool,
                smsSender: String?, messagesPerMinute: Int?) {
        self.tenant = tenant
        self.address = address
        self.siren = siren
        self.phone = phone
        self.iban = iban
        self.bic = bic
        self.signatory = signatory
        self.letterDelivery = letterDelivery
        self.webhookUrl = webhookUrl
        self.webhookSecretSet = webhookSecretSet
        self.smsUrl = smsUrl
        self.smsSecretSet = smsSecretSet
        self.smsSender = smsSender
        self.messagesPerMinute = messagesPerMinute
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(address, forKey: .address)
        try c.encode(siren, forKey: .siren)
        try c.encode(phone, forKey: .phone)
        try c.encode(iban, forKey: .iban)
        try c.encode(bic, forKey: .bic)
        try c.encode(signatory, forKey: .signatory)
        try c.encode(letterDelivery, forKey: .letterDelivery)
        try c.encode(webhookUrl, forKey: .webhookUrl)
        try c.encode(webhookSecretSet, forKey: .webhookSecretSet)
        try c.encode(smsUrl, forKey: .smsUrl)
        try c.encode(smsSecretSet, forKey: .smsSecretSet)
        try c.encode(smsSender, forKey: .smsSender)
        try c.encode(messagesPerMinute, forKey: .messagesPerMinute)
    }
}

/// Reply of `GetTenantChannels` and `SetTenantChannels`.
public struct TenantChannelsReply: Codable, Sendable, Equatable {
    public var channels: TenantChannelsInfo

    public init(channels: TenantChannelsInfo) { self.channels = channels }
}
