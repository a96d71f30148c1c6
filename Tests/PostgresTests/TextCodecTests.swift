import Foundation
import Postgres
import Testing

/// Encoding and decoding of the text format, without a server.
@Suite("Text format codecs")
struct TextCodecTests {
    @Test func arrayLiteralsSplitQuotedUnquotedAndNull() throws {
        #expect(try [String?].decode(postgresText: #"{a,"b c",NULL,"NULL","",x\,y}"#) == ["a", "b c", nil, "NULL", "", "x,y"])
        #expect(try [String].decode(postgresText: #"{"say \"hi\"","back\\slash","{brace}"}"#) == [#"say "hi""#, #"back\slash"#, "{brace}"])
        #expect(try [Int].decode(postgresText: "{}") == [])
        #expect(try [Int].decode(postgresText: "[0:2]={1, 2 ,3}") == [1, 2, 3])
        #expect(try [[Int]].decode(postgresText: "{{1,2},{3,4}}") == [[1, 2], [3, 4]])
        #expect(try [[String]].decode(postgresText: #"{{"a}",b},{c,"d,"}}"#) == [["a}", "b"], ["c", "d,"]])
    }

    @Test func arrayLiteralsRejectNullForNonOptionalsAndGarbage() {
        #expect(throws: PostgresError.self) { try [String].decode(postgresText: "{a,NULL}") }
        #expect(throws: PostgresError.self) { try [Int].decode(postgresText: "1,2") }
        #expect(throws: PostgresError.self) { try [Int].decode(postgresText: #"{"1}"#) }
        #expect(throws: PostgresError.self) { try [Int].decode(postgresText: "{1,,2}") }
        #expect(throws: PostgresError.self) { try [Int].decode(postgresText: "{1,x}") }
    }

    @Test func arraysEncodeWithEveryElementQuoted() {
        #expect(["a", "b,c", #"q"uote"#, #"back\slash"#, "NULL", ""].postgresText == #"{"a","b,c","q\"uote","back\\slash","NULL",""}"#)
        #expect([Int64(1), -2].postgresText == #"{"1","-2"}"#)
        #expect([[1, 2], [3, 4]].postgresText == #"{{"1","2"},{"3","4"}}"#)
        #expect([String]().postgresText == "{}")
    }

    @Test func timestampsParseInEverySessionZoneFormat() throws {
        let expected = "2026-01-02T03:04:05.123456Z"
        for text in [
            "2026-01-02 03:04:05.123456+00", "2026-01-02 04:04:05.123456+01",
            "2026-01-02 08:34:05.123456+05:30", "2026-01-01 23:34:05.123456-03:30",
            "2026-01-02T03:04:05.123456Z", "2026-01-02 03:04:05.123456",
        ] {
            #expect(try Date.decode(postgresText: text).postgresText == expected, "\(text)")
        }
        #expect(try Date.decode(postgresText: "2026-01-02 03:04:05+00").timeIntervalSince1970 == 1_767_323_045)
        #expect(try Date.decode(postgresText: "1850-01-01 00:09:21+00:09:21").timeIntervalSince1970 == -3_786_825_600)
        #expect(try Date.decode(postgresText: "2026-01-02 03:04:05.5+00").postgresText == "2026-01-02T03:04:05.500000Z")
    }

    @Test func timestampsRejectWhatTheyCannotRepresent() {
        for text in ["infinity", "-infinity", "2026-13-01 00:00:00+00", "2026-02-30 00:00:00+00", "2026-01-02", "2026-01-02 03:04:05+0x", "0044-03-15 00:00:00+00 BC"] {
            #expect(throws: PostgresError.self, "\(text)") { try Date.decode(postgresText: text) }
        }
    }

    @Test func datesEncodeAsUTCWithMicroseconds() {
        #expect(Date(timeIntervalSince1970: 0).postgresText == "1970-01-01T00:00:00.000000Z")
        #expect(Date(timeIntervalSince1970: -0.5).postgresText == "1969-12-31T23:59:59.500000Z")
        #expect(Date(timeIntervalSince1970: 1_767_323_045.25).postgresText == "2026-01-02T03:04:05.250000Z")
    }

    @Test func decimalsAreExactAndStrict() throws {
        #expect(try Decimal.decode(postgresText: "12345678901.23") == Decimal(sign: .plus, exponent: -2, significand: 1_234_567_890_123))
        #expect(try Decimal.decode(postgresText: "-0.50") == Decimal(sign: .minus, exponent: -1, significand: 5))
        #expect(try Decimal.decode(postgresText: "1e3") == 1000)
        #expect(try Decimal.decode(postgresText: "0.10000000000000000000000000000000000000000") == Decimal(sign: .plus, exponent: -1, significand: 1))
        for text in ["NaN", "Infinity", "12abc", "", "1.2.3", "--1", ".", "1e", "1,5"] {
            #expect(throws: PostgresError.self, "\(text)") { try Decimal.decode(postgresText: text) }
        }
        // 39 significant digits cannot be held exactly.
        #expect(throws: PostgresError.self) { try Decimal.decode(postgresText: "123456789012345678901234567890.123456789") }
        #expect(Decimal(string: "1234.56", locale: Locale(identifier: "en_US_POSIX"))?.postgresText == "1234.56")
    }

    @Test func scalarsRoundTrip() throws {
        #expect(try Bool.decode(postgresText: "t") && !Bool.decode(postgresText: "f"))
        #expect(throws: PostgresError.self) { try Bool.decode(postgresText: "yes") }
        #expect(true.postgresText == "t" && false.postgresText == "f")
        #expect(try Int64.decode(postgresText: "9223372036854775807") == .max)
        #expect(throws: PostgresError.self) { try Int32.decode(postgresText: "2147483648") }
        #expect(throws: PostgresError.self) { try Int.decode(postgresText: "12.0") }
        let uuid = UUID()
        #expect(try UUID.decode(postgresText: uuid.postgresText) == uuid)
        #expect(throws: PostgresError.self) { try UUID.decode(postgresText: "not-a-uuid") }
    }

    @Test func calendarDatesValidateAndCompare() throws {
        #expect(PostgresDate("2024-02-29") == PostgresDate(year: 2024, month: 2, day: 29))
        #expect(PostgresDate("2026-02-29") == nil)
        #expect(PostgresDate("2026-1-02") == nil)
        #expect(PostgresDate("2026-01-02x") == nil)
        #expect(PostgresDate(year: 987, month: 3, day: 4).description == "0987-03-04")
        #expect(PostgresDate(year: 2026, month: 1, day: 31) < PostgresDate(year: 2026, month: 2, day: 1))
        #expect(PostgresDate(daysSinceEpoch: PostgresDate(year: 2026, month: 3, day: 1).daysSinceEpoch - 1) == PostgresDate(year: 2026, month: 2, day: 28))
        #expect(throws: PostgresError.self) { try PostgresDate.decode(postgresText: "2026/01/02") }
    }

    @Test func jsonWrapsEncodableValues() throws {
        struct Payload: Codable, Equatable { let name: String; let amount: Decimal }
        let value = Payload(name: "Ünïcode \"quoted\"", amount: Decimal(string: "12.34", locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        let json = try PostgresJSON(encoding: value)
        #expect(try json.decode(Payload.self) == value)
        #expect(json.postgresText == json.text)
    }

    @Test func errorsDescribeThemselvesTersely() {
        let unique = PostgresError(kind: .query, message: "duplicate key value violates unique constraint \"debtor_email_key\"", sqlState: "23505", detail: "Key (email)=(a@b.c) already exists.", constraint: "debtor_email_key")
        #expect(unique.description == "SQLSTATE 23505: duplicate key value violates unique constraint \"debtor_email_key\": Key (email)=(a@b.c) already exists.")
        #expect(unique.isUniqueViolation && !unique.isConnectionLost)
        #expect(PostgresError(kind: .query, message: "x", sqlState: "08006").isConnectionLost)
        #expect(PostgresError(kind: .query, message: "x", sqlState: "57P01").isConnectionLost)
        #expect(!PostgresError(kind: .query, message: "x", sqlState: "57014").isConnectionLost)
        #expect(PostgresError(kind: .connection, message: "refused").isConnectionLost)
        #expect(PostgresError(kind: .decoding, message: "bad").description == "decoding error: bad")
    }

    @Test func identifiersAreQuotedWithDoubledQuotes() {
        #expect(PostgresConnection.quoteIdentifier("tenant_acme") == #""tenant_acme""#)
        #expect(PostgresConnection.quoteIdentifier(#"na"me"#) == #""na""me""#)
        #expect(PostgresConnection.quoteIdentifier(#"x"; DROP TABLE t; --"#) == #""x""; DROP TABLE t; --""#)
    }
}
