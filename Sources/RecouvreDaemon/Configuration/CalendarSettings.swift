import Foundation
import RecouvreCore

/// When the operator lets messages go out, applied in each debtor's time zone (or the
/// tenant's): a daily window, the days of the week, and whether French public holidays are off.
public struct CalendarSettings: Sendable, Equatable {
    /// Window start and end, in minutes after local midnight (end exclusive, 1440 = midnight).
    public var windowStartMinutes = 8 * 60
    public var windowEndMinutes = 19 * 60
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int> = [1, 2, 3, 4, 5]
    /// Whether French public holidays are not sending days.
    public var publicHolidays = true
    /// Adds Good Friday and 26 December (Alsace and Moselle).
    public var alsaceMoselle = false
    /// When letters are posted (the print-and-mail provider's or the operator's working hours).
    public var letterWindow = ChannelWindow.businessDays
    /// When call tasks are put in front of collectors.
    public var callWindow = ChannelWindow.calls
    /// The least time between two messages to the same debtor.
    public var minimumSpacing = MessageSpacing(minimumInterval: 24 * 3600)

    public init() {}

    static let dayNames = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    /// Parses "HH:MM-HH:MM"; nil when malformed or empty.
    static func parseWindow(_ text: String) -> (start: Int, end: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let start = minutes(parts[0]), let end = minutes(parts[1]), start < end else { return nil }
        return (start, end)
    }

    private static func minutes(_ text: Substring) -> Int? {
        let pieces = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        return hour * 60 + minute
    }

    /// The calendar for one zone.
    public func calendar(in timeZone: TimeZone) -> SendingCalendar {
        SendingCalendar(timeZone: timeZone, holidays: FrenchHolidays(alsaceMoselle: alsaceMoselle),
                        observesHolidays: publicHolidays, weekdays: weekdays,
                        windowStartMinutes: windowStartMinutes, windowEndMinutes: windowEndMinutes)
    }

    /// The calendars of every channel in one zone: e-mail and SMS follow `send_window` and
    /// `send_days`, letters `letter_window` and `letter_days` (business days 08:00–18:00 by
    /// default), call tasks `call_window` and `call_days` (09:00–18:00). Public holidays are
    /// off on every channel when `publicHolidays` is set.
    public func procedureCalendar(in timeZone: TimeZone) -> ProcedureCalendar {
        let messages = ChannelWindow(startMinutes: windowStartMinutes, endMinutes: windowEndMinutes, weekdays: weekdays,
                                     observesHolidays: publicHolidays)
        var letters = letterWindow, calls = callWindow
        letters.observesHolidays = publicHolidays
        calls.observesHolidays = publicHolidays
        return ProcedureCalendar(timeZone: timeZone, holidays: FrenchHolidays(alsaceMoselle: alsaceMoselle),
                                 windows: [.email: messages, .sms: messages, .letter: letters, .call: calls])
    }
}
