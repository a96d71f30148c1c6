/// What an import loads, seen from the database: the table it upserts into and the staging
/// columns a file's fields go to (the same names as RecouvreImport's fields).
public enum ImportTable: String, Sendable, CaseIterable {
    case debtors, invoices, payments

    /// Every column a file may fill, with its staging type, in order.
    public var columns: [(name: String, type: String)] {
        switch self {
        case .debtors:
            ["external_ref", "name", "kind", "email", "phone", "address_line1", "address_line2", "postal_code", "city", "country",
             "locale", "timezone"].map { ($0, "text") }
        case .invoices:
            [("number", "text"), ("debtor", "text"), ("issued_on", "date"), ("due_on", "date"), ("currency", "text"),
             ("amount", "numeric(14, 2)")]
        case .payments:
            [("debtor", "text"), ("invoice", "text"), ("amount", "numeric(14, 2)"), ("currency", "text"), ("received_on", "date"),
             ("reference", "text")]
        }
    }

    /// Columns every file must fill.
    public var requiredColumns: [String] {
        switch self {
        case .debtors: ["external_ref", "name"]
        case .invoices: ["number", "debtor", "issued_on", "due_on", "amount"]
        case .payments: ["debtor", "amount", "received_on"]
        }
    }

    /// Columns the staging table adds for the checks and the upsert.
    var resolvedColumns: String {
        switch self {
        case .debtors: ""
        case .invoices: ", debtor_id bigint"
        case .payments: ", debtor_id bigint, invoice_id bigint, import_key text"
        }
    }
}
