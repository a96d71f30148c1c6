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
    /// The collection agency of the agency step; its letter is produced once name, address and
    /// IBAN are set.
    public var agencyName: String?
    public var agencyAddress: String?
    public var agencySiren: String?
    public var agencyPhone: String?
    public var agencyEmail: String?
    public var agencyIban: String?
    public var agencyBic: String?
    public var agencySignatory: String?

    public init(tenant: String, address: String?, siren: String?, phone: String?, iban: String?, bic: String?, signatory: String?,
                letterDelivery: String, webhookUrl: String?, webhookSecretSet: Bool, smsUrl: String?, smsSecretSet: Bool,
                smsSender: String?, messagesPerMinute: Int?, agencyName: String? = nil, agencyAddress: String? = nil,
                agencySiren: String? = nil, agencyPhone: String? = nil, agencyEmail: String? = nil, agencyIban: String? = nil,
                agencyBic: String? = nil, agencySignatory: String? = nil) {
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
        self.agencyName = agencyName
        self.agencyAddress = agencyAddress
        self.agencySiren = agencySiren
        self.agencyPhone = agencyPhone
        self.agencyEmail = agencyEmail
        self.agencyIban = agencyIban
        self.agencyBic = agencyBic
        self.agencySignatory = agencySignatory
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
        try c.encode(agencyName, forKey: .agencyName)
        try c.encode(agencyAddress, forKey: .agencyAddress)
        try c.encode(agencySiren, forKey: .agencySiren)
        try c.encode(agencyPhone, forKey: .agencyPhone)
        try c.encode(agencyEmail, forKey: .agencyEmail)
        try c.encode(agencyIban, forKey: .agencyIban)
        try c.encode(agencyBic, forKey: .agencyBic)
        try c.encode(agencySignatory, forKey: .agencySignatory)
    }
}

/// Reply of `GetTenantChannels` and `SetTenantChannels`.
public struct TenantChannelsReply: Codable, Sendable, Equatable {
    public var channels: TenantChannelsInfo

    public init(channels: TenantChannelsInfo) { self.channels = channels }
}
