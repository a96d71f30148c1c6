import RecouvreCore

/// Days written the way a letter to the debtor writes them.
public enum LetterDate {
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// French `15/01/2026`; English `15 January 2026`.
    public static func formatted(_ day: CalendarDay, _ locale: MessageLocale) -> String {
        switch locale {
        case .fr:
            return pad(day.day) + "/" + pad(day.month) + "/" + String(day.year)
        case .en:
            return String(day.day) + " " + englishMonths[day.month - 1] + " " + String(day.year)
        }
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
