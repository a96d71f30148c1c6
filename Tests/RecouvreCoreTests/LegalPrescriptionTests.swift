import Testing
import RecouvreCore

/// Prescription: 5 years between merchants (C. com. L110-4), 2 years against a consumer
/// (C. conso. L218-2), from the due date; each acknowledgment made while it runs starts a full
/// new period from its date (C. civ. 2240, 2231).
@Suite struct LegalPrescriptionTests {
    private func day(_ iso: String) throws -> CalendarDay { try LegalFixtures.day(iso) }

    @Test(arguments: [
        // due, kind, acknowledgments, ends on
        ("2025-06-20", DebtorKind.business, [String](), "2030-06-20"),
        ("2025-06-20", .consumer, [], "2027-06-20"),
        // A promise on 2027-03-01 restarts 5 years: 2032-03-01.
        ("2025-06-20", .business, ["2027-03-01"], "2032-03-01"),
        // Two acknowledgments: the later one counts, 2028-01-15 + 2 = 2030-01-15.
        ("2025-06-20", .consumer, ["2026-05-01", "2028-01-15"], "2030-01-15"),
        // Order does not matter.
        ("2025-06-20", .consumer, ["2028-01-15", "2026-05-01"], "2030-01-15"),
        // After expiry (2027-06-20) nothing is interrupted.
        ("2025-06-20", .consumer, ["2027-06-21"], "2027-06-20"),
        // On the last day it still interrupts.
        ("2025-06-20", .consumer, ["2027-06-20"], "2029-06-20"),
        // An acknowledgment before the due date does not shorten the period.
        ("2025-06-20", .business, ["2025-06-01"], "2030-06-20"),
        // 29 February: due 2024-02-29 + 2 years = 2026-02-28.
        ("2024-02-29", .consumer, [], "2026-02-28"),
        // A plan agreed on 2028-02-29 (leap) + 5 years = 2033-02-28.
        ("2024-02-29", .business, ["2028-02-29"], "2033-02-28"),
    ])
    func endsOn(_ due: String, _ kind: DebtorKind, _ acknowledgments: [String], _ expected: String) throws {
        let ends = Prescription.endsOn(dueOn: try day(due), debtorKind: kind, acknowledgments: try acknowledgments.map(day))
        #expect(ends == (try day(expected)))
    }

    @Test func partialPaymentsCountAsAcknowledgments() throws {
        // €1,000 due 2025-06-20, business; €100 paid 2026-01-15 → 2031-01-15.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2026-01-15", "100.00")])
        let line = try LegalEngine.claim(ledger, terms: ClaimTerms(debtorKind: .business), asOf: try day("2026-02-01"), rates: .published)
        #expect(line.prescriptionEndsOn == (try day("2031-01-15")))
    }

    @Test func recordedAcknowledgmentsCountAndLaterOnesAreNotYetKnown() throws {
        // Promise 2025-09-01 (known as of 2025-10-01) → 2030-09-01; the plan of 2026-03-01 is after as-of.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", acknowledgments: ["2025-09-01", "2026-03-01"])
        let line = try LegalEngine.claim(ledger, terms: ClaimTerms(debtorKind: .business), asOf: try day("2025-10-01"), rates: .published)
        #expect(line.prescriptionEndsOn == (try day("2030-09-01")))
    }
}
