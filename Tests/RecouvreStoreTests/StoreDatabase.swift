import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport

/// A fresh database for one test, with the operator schema migrated unless asked otherwise,
/// dropped when the test's suite instance goes away.
final class StoreDatabase {
    let conninfo: String
    /// A connection with the default search_path, for operator-schema work.
    let connection: PostgresConnection

    init(migrateControl: Bool = true) throws {
        conninfo = try TestDatabase.create()
        connection = try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-store-tests")
        if migrateControl {
            _ = try Migrator().migrateControl(connection)
        }
    }

    deinit {
        connection.close()
        try? TestDatabase.drop(conninfo)
    }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-store-tests")
    }

    /// Creates a tenant through the registry and returns a connection set up the way the SQL
    /// API documentation tells integrations to connect: search_path on the tenant's schema.
    func tenant(_ raw: String, name: String = "Tenant") throws -> (slug: TenantSlug, sql: PostgresConnection) {
        let slug = try TenantSlug(raw)
        _ = try TenantRegistry().create(connection, slug: slug, settings: TenantSettings(displayName: name))
        let sql = try connect()
        try sql.execute("SET search_path TO " + PostgresConnection.quoteIdentifier(slug.schemaName))
        return (slug, sql)
    }
}

extension PostgresConnection {
    /// The first column of the first row of a query that must return one.
    func value<T: PostgresDecodable>(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [],
                                     as type: T.Type = T.self) throws -> T {
        guard let row = try query(sql, parameters).first, let column = row.columns.first else {
            throw StoreError(description: "no row for: \(sql)")
        }
        return try row.decode(T.self, column)
    }

    /// The first column of the first row, or nil when it is NULL.
    func optionalValue<T: PostgresDecodable>(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [],
                                             as type: T.Type = T.self) throws -> T? {
        guard let row = try query(sql, parameters).first, let column = row.columns.first else {
            throw StoreError(description: "no row for: \(sql)")
        }
        return try row.decodeIfPresent(T.self, column)
    }

    /// Rows in a table (a name from the test itself, never from data).
    func count(_ table: String) throws -> Int {
        try value("SELECT count(*) FROM \(table)")
    }

    /// Inserts a debtor in the tenant on the search_path; returns its id.
    func insertDebtor(ref: String, name: String = "Debtor SARL", email: String? = "compta@debtor.example") throws -> Int64 {
        try value("INSERT INTO debtors (external_ref, name, email) VALUES ($1, $2, $3) RETURNING id", [ref, name, email])
    }

    /// Inserts an invoice; amounts are decimal strings so that they stay exact.
    func insertInvoice(debtor: Int64, number: String, amount: String, currency: String = "EUR",
                       issuedOn: String = "2024-01-01", dueOn: String = "2024-01-31") throws -> Int64 {
        try value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, currency, amount)
            VALUES ($1, $2, $3::date, $4::date, $5, $6::numeric) RETURNING id
            """, [debtor, number, issuedOn, dueOn, currency, amount])
    }

    /// Inserts a payment, naming an invoice or not.
    func insertPayment(debtor: Int64, invoice: Int64? = nil, amount: String, currency: String = "EUR") throws -> Int64 {
        try value("""
            INSERT INTO payments (debtor_id, invoice_id, amount, currency) VALUES ($1, $2, $3::numeric, $4) RETURNING id
            """, [debtor, invoice, amount, currency])
    }
}

/// Runs `body` on `count` threads of their own, released together, and returns each result in
/// order. Each thread must open its own connection: a connection is not shared across threads.
func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
    let state = ParallelState<T>(count: count)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            state.arriveAndWait()
            let result = Result { try body(index) }
            state.store(result, at: index)
            done.leave()
        }
        thread.start()
    }
    done.wait()
    return state.results()
}

/// The shared state of `inParallel`: a start barrier and the results.
private final class ParallelState<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var arrived = 0
    private var slots: [Result<T, any Error>?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == count { condition.broadcast() }
        while arrived < count { condition.wait() }
    }

    func store(_ result: Result<T, any Error>, at index: Int) {
        condition.lock()
        defer { condition.unlock() }
        slots[index] = result
    }

    func results() -> [Result<T, any Error>] {
        condition.lock()
        defer { condition.unlock() }
        return slots.map { $0 ?? .failure(StoreError(description: "a parallel task did not finish")) }
    }
}
