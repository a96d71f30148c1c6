import Foundation
import RecouvreCore

/// Dates as e-mail headers write them (RFC 5322 §3.3), always in UTC.
public enum EmailDate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// E.g. `Sun, 29 Nov 2026 10:00:00 +0000`.
    public static func formatted(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            days -= 1
            rest += 86_400
        }
        let day = CalendarDay(daysSinceEpoch: days)
        return weekdays[day.weekday - 1] + ", " + String(day.day) + " " + months[day.month - 1] + " " + String(day.year) + " "
            + two(rest / 3600) + ":" + two(rest % 3600 / 60) + ":" + two(rest % 60) + " +0000"
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
