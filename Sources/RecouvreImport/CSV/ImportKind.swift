/// What an import file holds: debtors, invoices or payments, and the fields of each.
public enum ImportKind: String, Sendable, CaseIterable {
    case debtors, invoices, payments

    /// The fields, in the order the database side receives them.
    public var fields: [ImportField] {
        switch self {
        case .debtors: Self.debtorFields
        case .invoices: Self.invoiceFields
        case .payments: Self.paymentFields
        }
    }

    /// The field that identifies a line in the database: re-importing a line with the same
    /// key updates the row rather than adding one. Payments have none of their own (see
    /// docs/imports.md: their key is their reference, else their content).
    public var keyField: String? {
        switch self {
        case .debtors: "external_ref"
        case .invoices: "number"
        case .payments: nil
        }
    }

    /// The field with this name.
    public func field(named name: String) -> ImportField? {
        fields.first { $0.name == name }
    }

    private static let debtorReference = [
        "debtor ref", "debtor external ref", "external ref", "customer", "customer id", "customer ref", "customer reference",
        "customer code", "customer number", "client", "code client", "reference client", "ref client", "n client", "no client",
        "numero client", "numero de client", "compte client", "id client", "identifiant client", "tiers", "code tiers",
    ]

    private static let currencyNames = ["devise", "monnaie", "currency code", "code devise"]

    private static let debtorFields: [ImportField] = [
        ImportField("external_ref", required: true, aliases: [
            "reference", "ref", "code", "code client", "reference client", "ref client", "n client", "no client", "numero client",
            "numero de client", "compte client", "id client", "identifiant client", "client", "customer id", "customer ref",
            "customer reference", "customer code", "customer number", "debtor ref", "id", "code tiers", "tiers",
        ]),
        ImportField("name", required: true, aliases: [
            "nom", "raison sociale", "nom client", "nom du client", "client name", "customer name", "company", "company name",
            "societe", "denomination", "debtor name", "nom ou raison sociale",
        ]),
        ImportField("kind", .debtorKind, aliases: ["type", "type client", "type de client", "nature", "customer type", "categorie"]),
        ImportField("email", .email, aliases: ["e mail", "mail", "courriel", "adresse email", "adresse e mail", "adresse mail", "email address"]),
        ImportField("phone", .phone, aliases: ["telephone", "tel", "numero de telephone", "phone number", "mobile", "portable", "telephone fixe"]),
        ImportField("address_line1", aliases: [
            "address", "address 1", "address1", "address line 1", "street", "adresse", "adresse 1", "adresse1", "adresse ligne 1", "rue",
        ]),
        ImportField("address_line2", aliases: [
            "address 2", "address2", "address line 2", "adresse 2", "adresse2", "adresse ligne 2", "complement d adresse",
            "complement adresse", "complement",
        ]),
        ImportField("postal_code", aliases: ["code postal", "cp", "zip", "zip code", "postcode", "post code"]),
        ImportField("city", aliases: ["ville", "commune", "localite", "town"]),
        ImportField("country", .country, aliases: ["pays", "code pays", "country code"]),
        ImportField("locale", .locale, aliases: ["langue", "language", "lang"]),
        ImportField("timezone", aliases: ["time zone", "fuseau horaire", "fuseau", "tz"]),
    ]

    private static let invoiceFields: [ImportField] = [
        ImportField("number", required: true, aliases: [
            "invoice number", "invoice no", "invoice", "invoice ref", "invoice reference", "n facture", "no facture",
            "numero facture", "numero de facture", "facture", "ref facture", "reference facture", "piece", "n piece",
            "numero de piece", "n de facture",
        ]),
        ImportField("debtor", required: true, aliases: debtorReference),
        ImportField("issued_on", required: true, .date, aliases: [
            "issue date", "issued", "invoice date", "date", "date facture", "date de facture", "date d emission",
            "date emission", "date de piece", "date piece",
        ]),
        ImportField("due_on", required: true, .date, aliases: [
            "due date", "due", "date d echeance", "echeance", "date echeance", "date limite de paiement", "date limite",
        ]),
        ImportField("currency", .currency, aliases: currencyNames),
        ImportField("amount", required: true, .amount, aliases: [
            "montant", "montant ttc", "total ttc", "ttc", "amount incl tax", "amount including tax", "total", "amount due",
            "montant du", "total amount", "invoice amount", "montant facture",
        ]),
    ]

    private static let paymentFields: [ImportField] = [
        ImportField("debtor", required: true, aliases: debtorReference),
        ImportField("invoice", aliases: [
            "invoice number", "invoice no", "invoice ref", "n facture", "no facture", "numero facture", "numero de facture",
            "facture", "ref facture", "reference facture", "n de facture",
        ]),
        ImportField("amount", required: true, .amount, aliases: [
            "montant", "montant regle", "montant paye", "montant recu", "montant du reglement", "montant reglement", "paid",
            "amount paid", "payment amount", "amount received",
        ]),
        ImportField("currency", .currency, aliases: currencyNames),
        ImportField("received_on", required: true, .date, aliases: [
            "received", "date", "payment date", "date de paiement", "date paiement", "date de reglement", "date reglement",
            "value date", "date de valeur", "date valeur", "date d encaissement", "date encaissement", "date de reception",
        ]),
        ImportField("reference", aliases: [
            "ref", "payment reference", "payment ref", "reference paiement", "reference du paiement", "reference reglement",
            "reference du reglement", "libelle", "transaction id", "transaction", "n de transaction", "numero de cheque",
            "n cheque", "cheque",
        ]),
    ]
}
