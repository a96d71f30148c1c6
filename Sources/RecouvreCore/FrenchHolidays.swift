/// French public holidays, with the two extra days observed in Alsace-Moselle.
///
/// The eleven national days include the three that follow Easter (Easter Monday, Ascension,
/// Whit Monday). Alsace-Moselle adds Good Friday and 26 December (Saint-Étienne).
public struct FrenchHolidays: Sendable {
    /// Whether the Alsace-Moselle days are included.
    public let alsaceMoselle: Bool

    /// The national holidays, plus Good Friday and 26 December when `alsaceMoselle` is true.
    public init(alsaceMoselle: Bool = false) {
        self.alsaceMoselle = alsaceMoselle
    }

    /// Whether `day` is a public holiday.
    public func contains(_ day: CalendarDay) -> Bool {
        name(of: day) != nil
    }

    /// The holiday's French name, or nil when `day` is not a holiday.
    public func name(of day: CalendarDay) -> String? {
        // Checked without building the year's table: the scheduler asks this in tight loops.
        switch (day.month, day.day) {
        case (1, 1): return "Jour de l'an"
        case (5, 1): return "Fête du Travail"
        case (5, 8): return "Victoire 1945"
        case (7, 14): return "Fête nationale"
        case (8, 15): return "Assomption"
        case (11, 1): return "Toussaint"
        case (11, 11): return "Armistice 1918"
        case (12, 25): return "Noël"
        case (12, 26) where alsaceMoselle: return "Saint-Étienne"
        default: break
        }
        guard (3...6).contains(day.month) else { return nil }
        switch Self.easterSunday(day.year).days(to: day) {
        case -2 where alsaceMoselle: return "Vendredi saint"
        case 1: return "Lundi de Pâques"
        case 39: return "Ascension"
        case 50: return "Lundi de Pentecôte"
        default: return nil
        }
    }

    /// Every holiday of `year`, with its French name.
    public func holidays(in year: Int) -> [CalendarDay: String] {
        var days: [CalendarDay: String] = [
            CalendarDay(year: year, month: 1, day: 1): "Jour de l'an",
            CalendarDay(year: year, month: 5, day: 1): "Fête du Travail",
            CalendarDay(year: year, month: 5, day: 8): "Victoire 1945",
            CalendarDay(year: year, month: 7, day: 14): "Fête nationale",
            CalendarDay(year: year, month: 8, day: 15): "Assomption",
            CalendarDay(year: year, month: 11, day: 1): "Toussaint",
            CalendarDay(year: year, month: 11, day: 11): "Armistice 1918",
            CalendarDay(year: year, month: 12, day: 25): "Noël",
        ]
        let easter = Self.easterSunday(year)
        days[easter.adding(days: 1)] = "Lundi de Pâques"
        days[easter.adding(days: 39)] = "Ascension"
        days[easter.adding(days: 50)] = "Lundi de Pentecôte"
        if alsaceMoselle {
            days[easter.adding(days: -2)] = "Vendredi saint"
            days[CalendarDay(year: year, month: 12, day: 26)] = "Saint-Étienne"
        }
        return days
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> CalendarDay {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDay(year: year, month: month, day: day)
    }
}
