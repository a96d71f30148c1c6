import Foundation
import Postgres
import Testing

@Suite("Queries, parameters and decoding")
final class QueryTests {
    let database: ScratchDatabase
    let connection: PostgresConnection

    init() throws {
        database = try ScratchDatabase()
        connection = try database.connect()
    }

    private func single(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresRow {
        try #require(try connection.query(sql, parameters).first)
    }

    @Test func injectionLookingStringsAreStoredVerbatim() throws {
        try connection.execute("CREATE TABLE students (name text NOT NULL)")
        let hostile = ["Robert'); DROP TABLE students;--", #"O'Brien "quoted" \ back"#, "$1", "' OR '1'='1", "ünï✓ 😀"]
        for name in hostile {
            #expect(try connection.query("INSERT INTO students (name) VALUES ($1)", [name]).affectedRows == 1)
        }
        let stored = try connection.query("SELECT name FROM students").rows.map { try $0.decode(String.self, "name") as String }
        #expect(Set(stored) == Set(hostile))
        #expect(stored.count == hostile.count)
        let matched = try connection.query("SELECT count(*) AS n FROM students WHERE name = $1", ["' OR '1'='1"])
        #expect(try matched.rows[0].decode(Int.self, "n") == 1)
    }

    @Test func nulBytesInParametersAreRejected() throws {
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT $1::text", ["a\u{0}b"]) }
        #expect(error.message.contains("$1"))
    }

    @Test func affectedRowsAndCommandTag() throws {
        try connection.execute("CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 5)")
        let update = try connection.query("UPDATE t SET n = n + 10 WHERE n <= $1", [3])
        #expect(update.affectedRows == 3)
        #expect(update.commandTag == "UPDATE 3")
        #expect(try connection.query("SELECT n FROM t").rows.count == 5)
        #expect(try connection.query("SELECT n FROM t WHERE false").first == nil)
    }

    @Test func textAndIntegers() throws {
        let row = try single("SELECT $1::text AS s, ''::text AS empty, $2::int AS i, $3::int4 AS i32, $4::bigint AS big",
                             ["héllo, wörld ✓", 42, Int32(-7), Int64.max])
        #expect(try row.decode(String.self, "s") == "héllo, wörld ✓")
        #expect(try row.decode(String.self, "empty") == "")
        #expect(try row.decode(Int.self, "i") == 42)
        #expect(try row.decode(Int32.self, "i32") == -7)
        #expect(try row.decode(Int64.self, "big") == .max)
        #expect(try row.decode(Int.self, at: 2) == 42)
        #expect(row.columns == ["s", "empty", "i", "i32", "big"])
    }

    @Test func numericIsExact() throws {
        let posix = Locale(identifier: "en_US_POSIX")
        let row = try single("SELECT 12345678901.23::numeric AS big, 0.1::numeric + 0.2::numeric AS sum, $1::numeric * 3 AS tripled, $2::numeric AS bound",
                             [Decimal(string: "0.1", locale: posix), Decimal(string: "-98765432109876.54321", locale: posix)])
        #expect(try row.decode(Decimal.self, "big") == Decimal(sign: .plus, exponent: -2, significand: 1_234_567_890_123))
        #expect(try row.decode(Decimal.self, "sum") == Decimal(string: "0.3", locale: posix))
        #expect(try row.decode(Decimal.self, "tripled") == Decimal(string: "0.3", locale: posix))
        #expect(try row.decode(Decimal.self, "bound") == Decimal(string: "-98765432109876.54321", locale: posix))
        let nan = try single("SELECT 'NaN'::numeric AS n")
        #expect(throws: PostgresError.self) { try nan.decode(Decimal.self, "n") as Decimal }
    }

    @Test func booleans() throws {
        let row = try single("SELECT $1::bool AS yes, $2::bool AS no, 1 < 2 AS computed", [true, false])
        #expect(try row.decode(Bool.self, "yes") == true)
        #expect(try row.decode(Bool.self, "no") == false)
        #expect(try row.decode(Bool.self, "computed") == true)
    }

    @Test func calendarDates() throws {
        let row = try single("SELECT $1::date + 1 AS next, '2024-02-29'::date AS leap", [PostgresDate(year: 2025, month: 12, day: 31)])
        #expect(try row.decode(PostgresDate.self, "next") == PostgresDate(year: 2026, month: 1, day: 1))
        #expect(try row.decode(PostgresDate.self, "leap") == PostgresDate(year: 2024, month: 2, day: 29))
    }

    @Test func timestamptzInAnySessionTimeZone() throws {
        let instant = try Date.decode(postgresText: "2026-01-02 03:04:05.123456+00")
        for zone in ["UTC", "Europe/Paris", "Asia/Kolkata", "America/St_Johns"] {
            try connection.execute("SET TimeZone TO '\(zone)'")
            let row = try single("SELECT $1::timestamptz AS t, $1::timestamptz::text AS printed", [instant])
            #expect(try row.decode(Date.self, "t").postgresText == "2026-01-02T03:04:05.123456Z", "\(zone)")
            if zone == "Asia/Kolkata" { #expect(try row.decode(String.self, "printed").hasSuffix("+05:30")) }
        }
        try connection.execute("SET TimeZone TO 'Europe/Paris'")
        let lmt = try single("SELECT '1850-01-01 00:00:00Z'::timestamptz AS t")
        #expect(try lmt.decode(Date.self, "t").timeIntervalSince1970 == -3_786_825_600)
        let now = try single("SELECT now() AS t")
        let serverNow: Date = try now.decode(Date.self, "t")
        #expect(abs(serverNow.timeIntervalSinceNow) < 60)
    }

    @Test func jsonb() throws {
        struct Debtor: Codable, Equatable { let name: String; let tags: [String] }
        let debtor = Debtor(name: "Zoë \"Z\" O'Neil", tags: ["a,b", "{c}"])
        let row = try single("SELECT $1::jsonb AS doc, $1::jsonb ->> 'name' AS name", [try PostgresJSON(encoding: debtor)])
        #expect(try row.decode(PostgresJSON.self, "doc").decode(Debtor.self) == debtor)
        #expect(try row.decode(String.self, "name") == debtor.name)
    }

    @Test func uuids() throws {
        let id = UUID()
        let row = try single("SELECT $1::uuid AS id, gen_random_uuid() AS random", [id])
        #expect(try row.decode(UUID.self, "id") == id)
        let random: UUID = try row.decode(UUID.self, "random")
        #expect(random != id)
    }

    @Test func arraysRoundTripWithQuotesCommasAndNull() throws {
        let texts = ["plain", "with space", "a,b", #"say "hi""#, #"back\slash"#, "NULL", "", "{braces}", "ünï✓"]
        let row = try single("SELECT $1::text[] AS texts, $2::bigint[] AS bigs, ARRAY['x', NULL, 'NULL']::text[] AS holes, '{{1,2},{3,4}}'::int[] AS grid, '{}'::text[] AS empty",
                             [texts, [Int64.min, 0, Int64.max]])
        #expect(try row.decode([String].self, "texts") == texts)
        #expect(try row.decode([Int64].self, "bigs") == [Int64.min, 0, Int64.max])
        #expect(try row.decode([String?].self, "holes") == ["x", nil, "NULL"])
        #expect(throws: PostgresError.self) { try row.decode([String].self, "holes") as [String] }
        #expect(try row.decode([[Int]].self, "grid") == [[1, 2], [3, 4]])
        #expect(try row.decode([String].self, "empty") == [])
        let count = try single("SELECT cardinality($1::text[]) AS n, ($1::text[])[4] AS fourth", [texts])
        #expect(try count.decode(Int.self, "n") == texts.count)
        #expect(try count.decode(String.self, "fourth") == #"say "hi""#)
    }

    @Test func nullHandling() throws {
        let row = try single("SELECT NULL::text AS email, 'x'::text AS present, $1::int IS NULL AS bound_null, $1::int AS echoed", [nil])
        #expect(try row.isNull("email"))
        #expect(try !row.isNull("present"))
        let email: String? = try row.decodeIfPresent(String.self, "email")
        #expect(email == nil)
        let present: String? = try row.decodeIfPresent(String.self, "present")
        #expect(present == "x")
        #expect(try row.decodeIfPresent(String.self, at: 0) == nil)
        #expect(try row.decodeIfPresent(String.self, at: 1) == "x")
        #expect(try row.decodeIfPresent(Int.self, "echoed") == nil)
        #expect(try row.decode(Bool.self, "bound_null") == true)
        let missing: String? = nil, given: String? = "y"
        let optionals = try single("SELECT $1::text IS NULL AS missing, $2::text AS given", [missing, given])
        #expect(try optionals.decode(Bool.self, "missing") == true)
        #expect(try optionals.decode(String.self, "given") == "y")
        let error = try #require(throws: PostgresError.self) { try row.decode(String.self, "email") as String }
        #expect(error.kind == .decoding)
        #expect(error.message.contains("email"))
    }

    @Test func decodingErrorsNameTheColumn() throws {
        let row = try single("SELECT 'abc'::text AS word")
        let wrongType = try #require(throws: PostgresError.self) { try row.decode(Int.self, "word") as Int }
        #expect(wrongType.kind == .decoding && wrongType.message.contains("word"))
        let missing = try #require(throws: PostgresError.self) { try row.decode(Int.self, "nope") as Int }
        #expect(missing.message.contains("nope") && missing.message.contains("word"))
        #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 5) as Int }
    }

    @Test func multiStatementScripts() throws {
        try connection.execute("""
            CREATE TABLE a (id int PRIMARY KEY);
            CREATE TABLE b (id int REFERENCES a);
            INSERT INTO a VALUES (1), (2);
            """)
        #expect(try connection.query("SELECT count(*) AS n FROM a").rows[0].decode(Int.self, "n") == 2)
    }
}
