/// How long a creditor has to act before the claim is time-barred.
public enum Prescription {
    /// The period in years: 5 between merchants (C. com. L110-4), 2 for a professional's claim
    /// against a consumer for goods or services (C. conso. L218-2).
    public static func years(for debtorKind: DebtorKind) -> Int {
        switch debtorKind {
        case .business: 5
        case .consumer: 2
        }
    }

    /// The last day on which the claim can still be pursued.
    ///
    /// The period runs from the due date, the day the claim became payable (C. civ. 2224,
    /// 2233). Each acknowledgment of the debt by the debtor (a payment, even partial, a promise,
    /// a plan) made while the period runs interrupts it and starts a new period of the same
    /// length from its own date (C. civ. 2240, 2231). An acknowledgment after the claim is
    /// time-barred interrupts nothing: whether it waives the prescription (C. civ. 2250–2251)
    /// is for a judge, so it is ignored here. Years are added calendar-correctly: a period
    /// starting on 29 February ends on 28 February.
    public static func endsOn(dueOn: CalendarDay, debtorKind: DebtorKind, acknowledgments: [CalendarDay]) -> CalendarDay {
        let years = years(for: debtorKind)
        var end = dueOn.adding(years: years)
        for acknowledged in acknowledgments.sorted() where acknowledged <= end {
            end = max(end, acknowledged.adding(years: years))
        }
        return end
    }
}
