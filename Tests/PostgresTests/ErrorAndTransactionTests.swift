import Foundation
import Postgres
import Testing

@Suite("Server errors and transactions")
final class ErrorAndTransactionTests {
    let database: ScratchDatabase
    let connection: PostgresConnection

    init() throws {
        database = try ScratchDatabase()
        connection = try database.connect()
        try connection.execute("""
            CREATE TABLE debtor (
                id int PRIMARY KEY,
                email text CONSTRAINT debtor_email_key UNIQUE,
                balance numeric(12,2) NOT NULL CONSTRAINT debtor_balance_nonnegative CHECK (balance >= 0)
            )
            """)
    }

    private func count() throws -> Int {
        try connection.query("SELECT count(*) AS n FROM debtor").rows[0].decode(Int.self, "n")
    }

    @Test func uniqueViolationCarriesSQLStateConstraintAndDetail() throws {
        try connection.query("INSERT INTO debtor VALUES ($1, $2, $3)", [1, "a@example.com", Decimal(10)])
        let error = try #require(throws: PostgresError.self) {
            try connection.query("INSERT INTO debtor VALUES ($1, $2, $3)", [2, "a@example.com", Decimal(5)])
        }
        #expect(error.kind == .query)
        #expect(error.isUniqueViolation)
        #expect(error.sqlState == "23505")
        #expect(error.constraint == "debtor_email_key")
        #expect(error.table == "debtor")
        #expect(error.detail == "Key (email)=(a@example.com) already exists.")
        #expect(error.description.hasPrefix("SQLSTATE 23505: duplicate key value violates unique constraint \"debtor_email_key\": Key (email)"))
        #expect(!error.isConnectionLost)
        #expect(connection.isConnected)
    }

    @Test func checkAndNotNullViolations() throws {
        let check = try #require(throws: PostgresError.self) {
            try connection.query("INSERT INTO debtor VALUES ($1, $2, $3)", [1, "b@example.com", Decimal(-1)])
        }
        #expect(check.sqlState == "23514")
        #expect(check.constraint == "debtor_balance_nonnegative")
        #expect(!check.isUniqueViolation)
        let notNull = try #require(throws: PostgresError.self) {
            try connection.query("INSERT INTO debtor VALUES ($1, $2, $3)", [2, "c@example.com", nil])
        }
        #expect(notNull.sqlState == "23502")
        #expect(notNull.column == "balance")
    }

    @Test func syntaxErrorsAndHints() throws {
        let syntax = try #require(throws: PostgresError.self) { try connection.query("SELEC 1") }
        #expect(syntax.sqlState == "42601")
        let missing = try #require(throws: PostgresError.self) { try connection.query("SELECT no_such_function($1)", [1]) }
        #expect(missing.sqlState == "42883")
        #expect(missing.hint != nil)
        // The connection stays usable after statement errors.
        #expect(try connection.query("SELECT 1 AS one").rows[0].decode(Int.self, "one") == 1)
    }

    @Test func transactionCommits() throws {
        let inserted = try connection.transaction { tx -> Int in
            #expect(tx.isInTransaction)
            try tx.query("INSERT INTO debtor VALUES (1, 'x@example.com', 1)")
            try tx.query("INSERT INTO debtor VALUES (2, 'y@example.com', 2)")
            return 2
        }
        #expect(inserted == 2)
        let other = try database.connect()
        #expect(try other.query("SELECT count(*) AS n FROM debtor").rows[0].decode(Int.self, "n") == 2)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction { tx in
                try tx.query("INSERT INTO debtor VALUES (1, 'x@example.com', 1)")
                throw Abort()
            }
        }
        #expect(try count() == 0)
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { tx in
                try tx.query("INSERT INTO debtor VALUES (1, 'x@example.com', 1)")
                try tx.query("INSERT INTO debtor VALUES (2, 'x@example.com', 1)")
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try count() == 0)
        #expect(!connection.isInTransaction)
    }

    @Test func swallowedStatementErrorMakesCommitFail() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { tx in
                try tx.query("INSERT INTO debtor VALUES (1, 'x@example.com', 1)")
                _ = try? tx.query("INSERT INTO debtor VALUES (1, 'dup@example.com', 1)")
            }
        }
        #expect(error.kind == .query)
        #expect(error.message.contains("rolled back"))
        #expect(try count() == 0)
    }
}

@Suite struct IsolationTests {
    @Test func aTransactionCanInsistOnReadCommittedWhateverTheDefault() throws {
        let database = try ScratchDatabase()
        let c = try database.connect()
        defer { c.close() }
        try c.execute("SET default_transaction_isolation = 'repeatable read'")
        let byDefault = try c.transaction { try $0.query("SHOW transaction_isolation").first?.decode(String.self, at: 0) }
        #expect(byDefault == "repeatable read")
        let insisted = try c.transaction(isolation: .readCommitted) {
            try $0.query("SHOW transaction_isolation").first?.decode(String.self, at: 0)
        }
        #expect(insisted == "read committed")
    }
}

@Suite struct ConnectionSerialTests {
    @Test func everyConnectionHasItsOwnSerial() throws {
        let database = try ScratchDatabase()
        let first = try database.connect()
        let firstSerial = first.serial
        first.close()
        let second = try database.connect()
        defer { second.close() }
        #expect(second.serial != firstSerial, "even when the server hands out the same backend pid again")
    }
}
