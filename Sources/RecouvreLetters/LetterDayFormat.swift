import RecouvreCore

/// Days written the way a letter writes them.
public enum LetterDayFormat {
    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// For tables and figures: French `15/01/2026`, English `15 Jan 2026`.
    public static func short(_ day: CalendarDay, _ locale: MessageLocale) -> String {
        switch locale {
        case .fr: return pad(day.day) + "/" + pad(day.month) + "/" + String(day.year)
        case .en: return String(day.day) + " " + englishMonths[day.month - 1].prefix(3) + " " + String(day.year)
        }
    }

    /// For sentences and the date line: French `15 janvier 2026` (`1er mars 2026`), English `15 January 2026`.
    public static func long(_ day: CalendarDay, _ locale: MessageLocale) -> String {
        switch locale {
        case .fr: return (day.day == 1 ? "1er" : String(day.day)) + " " + frenchMonths[day.month - 1] + " " + String(day.year)
        case .en: return String(day.day) + " " + englishMonths[day.month - 1] + " " + String(day.year)
        }
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
