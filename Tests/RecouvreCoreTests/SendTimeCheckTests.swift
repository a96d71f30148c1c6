import Foundation
import Testing
import RecouvreCore

@Suite struct SendTimeCheckTests {
    private func invoice(outstanding: String) throws -> InvoiceStanding {
        InvoiceStanding(
            invoiceId: 7, number: "F-2026-0007",
            issuedOn: try #require(CalendarDay(iso: "2025-12-15")), dueOn: try #require(CalendarDay(iso: "2026-01-14")),
            amount: try #require(Money(parsing: "1200.00")), outstanding: try #require(Money(parsing: outstanding)))
    }
    private func paris() throws -> SendingCalendar { SendingCalendar(timeZone: try UTC.zone("Europe/Paris")) }

    @Test func sendsAnUnpaidInvoiceDuringTheWindow() throws {
        let now = try UTC.date("2026-01-20T09:00:00Z")
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "0.01"), tenantActive: true, calendar: try paris(), now: now) == .send)
    }

    @Test func cancelsWhenPaidOrGone() throws {
        let now = try UTC.date("2026-01-20T09:00:00Z")
        let calendar = try paris()
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "0"), tenantActive: true, calendar: calendar, now: now) == .cancel(reason: "paid"))
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "-5.00"), tenantActive: true, calendar: calendar, now: now) == .cancel(reason: "paid"))
        #expect(SendTimeCheck.decide(invoice: nil, tenantActive: true, calendar: calendar, now: now) == .cancel(reason: "invoice no longer exists"))
        // Paid wins over the window: no point waiting for Monday to cancel.
        let saturday = try UTC.date("2026-01-24T09:00:00Z")
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "0"), tenantActive: true, calendar: calendar, now: saturday) == .cancel(reason: "paid"))
    }

    @Test func postponesOutsideTheWindow() throws {
        let saturday = try UTC.date("2026-01-24T09:00:00Z")
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "10"), tenantActive: true, calendar: try paris(), now: saturday)
            == .postpone(until: try UTC.date("2026-01-26T07:00:00Z")))
    }

    @Test func pausedTenantPostponesEverythingByAnHour() throws {
        let now = try UTC.date("2026-01-20T09:00:00Z")
        let later = now.addingTimeInterval(3600)
        let calendar = try paris()
        #expect(SendTimeCheck.decide(invoice: try invoice(outstanding: "10"), tenantActive: false, calendar: calendar, now: now) == .postpone(until: later))
        #expect(SendTimeCheck.decide(invoice: nil, tenantActive: false, calendar: calendar, now: now) == .postpone(until: later))
    }
}
