extension CalendarDay {
    /// The same day `years` years later (earlier when negative); 29 February becomes 28 February
    /// in a year without it, so that a period of years never runs into the next month.
    public func adding(years: Int) -> CalendarDay {
        let target = year + years
        return CalendarDay(year: target, month: month, day: min(day, CalendarDay.daysInMonth(year: target, month: month)))
    }
}
