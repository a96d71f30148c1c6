import Postgres

/// What sending a message to a debtor needs to know about them.
public struct DebtorRecord: Sendable, Equatable {
    public let id: Int64
    public let externalRef: String
    public let name: String
    public let kind: String
    public let email: String?
    /// For SMS, as the debtor record holds it.
    public let phone: String?
    /// `fr` or `en`; nil means the tenant's.
    public let locale: String?
    /// IANA zone; nil means the tenant's.
    public let timezone: String?
    /// Postal address lines, for letters (empty lines left out).
    public let address: [String]

    static let columns = "id, external_ref, name, kind, email, phone, locale, timezone, address_line1, address_line2, postal_code, city, country"

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        externalRef = try row.decode(String.self, "external_ref")
        name = try row.decode(String.self, "name")
        kind = try row.decode(String.self, "kind")
        email = try row.decodeIfPresent(String.self, "email")
        phone = try row.decodeIfPresent(String.self, "phone")
        locale = try row.decodeIfPresent(String.self, "locale")
        timezone = try row.decodeIfPresent(String.self, "timezone")
        let postal = [try row.decodeIfPresent(String.self, "postal_code"), try row.decodeIfPresent(String.self, "city")]
            .compactMap { $0 }.joined(separator: " ")
        let country = try row.decodeIfPresent(String.self, "country")
        address = [try row.decodeIfPresent(String.self, "address_line1"), try row.decodeIfPresent(String.self, "address_line2"),
                   postal, country == "FR" ? nil : country]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
