import Foundation
import RecouvreCore
import Testing

@Suite struct CourtRecommendationTests {
    func euros(_ text: String) throws -> Money { try #require(Money(parsing: text)) }

    @Test func upToFiveThousandEurosTheSmallClaimsProcedure() throws {
        let business = CourtRecommendation.recommend(debtorKind: .business, principalAndInterest: try euros("5000.00"), amicableAttempt: true)
        #expect(business.route == .smallClaims)
        #expect(business.form == nil)
        #expect(business.reasons.contains { $0.contains("CPCE L125-1") })
        #expect(business.reasons.contains { $0.contains("tribunal de commerce, cerfa 12946") }, "what remains if the debtor refuses")
        #expect(business.warnings.isEmpty)
        let consumer = CourtRecommendation.recommend(debtorKind: .consumer, principalAndInterest: try euros("640.00"), amicableAttempt: true)
        #expect(consumer.reasons.contains { $0.contains("tribunal judiciaire, cerfa 12948") })
    }

    @Test func aboveAnInjunctionAtTheCourtOfTheDebtorsKind() throws {
        let business = CourtRecommendation.recommend(debtorKind: .business, principalAndInterest: try euros("5000.01"), amicableAttempt: true)
        #expect(business.route == .injunctionCommercialCourt)
        #expect(business.form == "cerfa 12946")
        #expect(business.reasons.contains { $0.contains("CPC 1411") && $0.contains("CPC 1416") })
        let consumer = CourtRecommendation.recommend(debtorKind: .consumer, principalAndInterest: try euros("8400.00"), amicableAttempt: false)
        #expect(consumer.route == .injunctionJudicialCourt)
        #expect(consumer.form == "cerfa 12948")
        #expect(consumer.warnings.isEmpty, "CPC 750-1 concerns claims of 5,000 € or less")
    }

    @Test func aSmallClaimWithoutAmicableAttemptIsFlagged() throws {
        let flagged = CourtRecommendation.recommend(debtorKind: .business, principalAndInterest: try euros("1200.00"), amicableAttempt: false)
        #expect(flagged.warnings.contains { $0.contains("CPC 750-1") })
        let foreign = CourtRecommendation.recommend(debtorKind: .business, principalAndInterest: Money(amount: 900, currency: "USD"),
                                                    amicableAttempt: true)
        #expect(foreign.warnings.contains { $0.contains("USD") })
    }

    @Test func theJSONTwinIsStableAndSnakeCased() throws {
        let file = CourtFile(
            asOf: "2026-11-30",
            creditor: .init(name: "Atelier Durand", address: ["1 rue A", "75001 Paris"], siren: "123456789", reference: nil, kind: nil),
            debtor: .init(name: "Garage Moreau", address: ["27 av. Jean Jaurès", "69007 Lyon"], siren: nil, reference: "CLI-4", kind: .business),
            claims: [.init(number: "FA-1", issuedOn: "2026-09-14", dueOn: "2026-10-14", amount: "2480.00", principalOutstanding: "2480.00",
                           daysLate: 47, penalty: "38.80", indemnity: "40.00", total: "2558.80", prescriptionEndsOn: "2031-10-14")],
            totals: .init(principal: ["2480.00 EUR"], penalties: ["38.80 EUR"], indemnities: ["40.00 EUR"], total: ["2558.80 EUR"]),
            chronology: [.init(at: "2026-10-15T07:00:00Z", kind: "step_executed", summary: "reminder1 by email", proof: "<action-3.acme@x>")],
            recommendation: CourtRecommendation.recommend(debtorKind: .business, principalAndInterest: try euros("2518.80"), amicableAttempt: true))
        let text = String(decoding: try file.json(), as: UTF8.self)
        #expect(text.contains("\"principal_outstanding\" : \"2480.00\""))
        #expect(text.contains("\"route\" : \"small_claims\""))
        #expect(text.contains("\"prescription_ends_on\" : \"2031-10-14\""))
        #expect(text == String(decoding: try file.json(), as: UTF8.self))
        let decoded = try JSONDecoder.snakeCase.decode(CourtFile.self, from: try file.json())
        #expect(decoded == file)
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
