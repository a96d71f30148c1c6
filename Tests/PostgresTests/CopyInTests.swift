import Foundation
import Postgres
import Testing

@Suite("COPY FROM STDIN")
final class CopyInTests {
    let database: ScratchDatabase
    let connection: PostgresConnection

    init() throws {
        database = try ScratchDatabase()
        connection = try database.connect()
        try connection.execute("CREATE TABLE staged (line integer NOT NULL, label text, amount numeric(14, 2))")
    }

    @Test func rowsArriveVerbatimWithNullsAndEscapes() throws {
        let awkward = "tab\there, new\nline, back\\slash, \\N, cr\r, ünï✓ 😀"
        let stored = try connection.copyIn("COPY staged (line, label, amount) FROM STDIN") { copy in
            try copy.send(row: ["1", awkward, "1234.56"])
            try copy.send(row: ["2", nil, nil])
            try copy.send(row: ["3", "", "0.10"])
        }
        #expect(stored == 3)
        let rows = try connection.query("SELECT line, label, amount::text AS amount FROM staged ORDER BY line").rows
        #expect(try rows[0].decode(String.self, "label") == awkward)
        #expect(try rows[0].decode(String.self, "amount") == "1234.56")
        #expect(try rows[1].decodeIfPresent(String.self, "label") == nil)
        #expect(try rows[1].decodeIfPresent(String.self, "amount") == nil)
        #expect(try rows[2].decode(String.self, "label") == "")
    }

    @Test func manyRowsAreSentInBufferedChunks() throws {
        let count = 50_000
        let stored = try connection.copyIn("COPY staged (line, label) FROM STDIN") { copy in
            for line in 1...count { try copy.send(row: [String(line), "row number \(line) with some padding text"]) }
            #expect(copy.rowsSent == count)
        }
        #expect(stored == count)
        #expect(try connection.query("SELECT count(*) AS n, sum(line) AS s FROM staged").rows[0].decode(Int.self, "s") == count * (count + 1) / 2)
    }

    @Test func aRowTheServerRefusesEndsTheCopyAndTheConnectionStaysUsable() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY staged (line, amount) FROM STDIN") { copy in
                try copy.send(row: ["1", "12.00"])
                try copy.send(row: ["2", "douze"])
            }
        }
        #expect(error.sqlState == "22P02", "\(error)")
        #expect(error.message.contains("douze"), "\(error)")
        #expect(try connection.query("SELECT count(*) AS n FROM staged").rows[0].decode(Int.self, "n") == 0)
        #expect(try connection.query("SELECT 1 AS one").rows[0].decode(Int.self, "one") == 1)
    }

    @Test func anErrorInTheBodyAbortsTheCopyAndIsRethrown() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY staged (line) FROM STDIN") { copy in
                try copy.send(row: ["1"])
                throw Stop()
            }
        }
        #expect(try connection.query("SELECT count(*) AS n FROM staged").rows[0].decode(Int.self, "n") == 0)
        // Inside a transaction the aborted COPY aborts it: the rollback leaves nothing behind.
        #expect(throws: Stop.self) {
            try connection.transaction { sql in
                try sql.copyIn("COPY staged (line) FROM STDIN") { copy in
                    try copy.send(row: ["7"])
                    throw Stop()
                }
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT count(*) AS n FROM staged").rows[0].decode(Int.self, "n") == 0)
    }

    @Test func aStatementThatIsNotACopyIsRefused() throws {
        let notCopy = try #require(throws: PostgresError.self) { try connection.copyIn("SELECT 1") { _ in } }
        #expect(notCopy.message.contains("COPY"))
        let badTable = try #require(throws: PostgresError.self) { try connection.copyIn("COPY nowhere FROM STDIN") { _ in } }
        #expect(badTable.sqlState == "42P01")
        #expect(throws: PostgresError.self) { try connection.copyIn("COPY staged (line) FROM STDIN") { try $0.send(row: ["a\u{0}"]) } }
        #expect(try connection.query("SELECT 2 AS two").rows[0].decode(Int.self, "two") == 2)
    }
}
