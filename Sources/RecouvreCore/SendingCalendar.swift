import Foundation

/// When messages may go out, in one IANA time zone.
///
/// Sending days are Monday to Friday, except public holidays; on a sending day the window runs
/// from 08:00 to 19:00 local time by default. All conversions between wall-clock time and instants
/// go through the zone's UTC offsets, so they stay right across daylight-saving changes.
public struct SendingCalendar: Sendable {
    /// The zone the window is read in (the debtor's).
    public let timeZone: TimeZone
    /// The public holidays that are not sending days.
    public let holidays: FrenchHolidays
    /// Start of the window, in minutes after local midnight.
    public let windowStartMinutes: Int
    /// End of the window (exclusive), in minutes after local midnight.
    public let windowEndMinutes: Int
    /// Whether public holidays are not sending days.
    public let observesHolidays: Bool
    /// The ISO weekdays (1 = Monday … 7 = Sunday) that are sending days.
    public let weekdays: Set<Int>

    /// Creates a calendar; the window is clamped to the day and must not be empty.
    public init(
        timeZone: TimeZone,
        holidays: FrenchHolidays = FrenchHolidays(),
        windowStart: (hour: Int, minute: Int) = (8, 0),
        windowEnd: (hour: Int, minute: Int) = (19, 0)
    ) {
        self.init(
            timeZone: timeZone, holidays: holidays, observesHolidays: true, weekdays: [1, 2, 3, 4, 5],
            windowStartMinutes: windowStart.hour * 60 + windowStart.minute,
            windowEndMinutes: windowEnd.hour * 60 + windowEnd.minute)
    }

    /// Creates a calendar with chosen sending weekdays (ISO, 1 = Monday … 7 = Sunday), whether
    /// holidays are off, and a window in minutes after local midnight (end exclusive, up to 1440).
    ///
    /// An empty weekday set, or one with no valid weekday, means Monday to Friday; an empty or
    /// inverted window is widened to one minute, so every search ends.
    public init(timeZone: TimeZone, holidays: FrenchHolidays = FrenchHolidays(), observesHolidays: Bool, weekdays: Set<Int>, windowStartMinutes: Int, windowEndMinutes: Int) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.observesHolidays = observesHolidays
        let valid = weekdays.filter { (1...7).contains($0) }
        self.weekdays = valid.isEmpty ? [1, 2, 3, 4, 5] : valid
        let start = min(max(windowStartMinutes, 0), 24 * 60 - 1)
        let end = min(max(windowEndMinutes, 0), 24 * 60)
        self.windowStartMinutes = start
        self.windowEndMinutes = max(end, start + 1)
    }

    /// Whether messages may go out on `day`: a sending weekday that is not a holiday.
    public func isSendingDay(_ day: CalendarDay) -> Bool {
        weekdays.contains(day.weekday) && !(observesHolidays && holidays.contains(day))
    }

    /// The first sending day strictly after `day`.
    public func firstSendingDay(after day: CalendarDay) -> CalendarDay {
        firstSendingDay(onOrAfter: day.adding(days: 1))
    }

    /// `day` if it is a sending day, else the next one.
    public func firstSendingDay(onOrAfter day: CalendarDay) -> CalendarDay {
        var candidate = day
        // Weekends and holidays never make more than a few days in a row.
        for _ in 0..<31 where !isSendingDay(candidate) {
            candidate = candidate.adding(days: 1)
        }
        return candidate
    }

    /// The first instant at or after `instant` that lies inside a sending window.
    public func nextSendingMoment(atOrAfter instant: Date) -> Date {
        var day = localDay(of: instant)
        for _ in 0..<32 {
            if isSendingDay(day) {
                let start = self.instant(of: day, minutes: windowStartMinutes)
                let end = self.instant(of: day, minutes: windowEndMinutes)
                if instant < start { return start }
                if instant < end { return instant }
            }
            day = firstSendingDay(after: day)
        }
        return self.instant(of: day, minutes: windowStartMinutes)
    }

    /// Whether `instant` lies inside a sending window.
    public func isInsideWindow(_ instant: Date) -> Bool {
        nextSendingMoment(atOrAfter: instant) == instant
    }

    /// The instant of `day` at local wall-clock `hour:minute`.
    ///
    /// A wall-clock time skipped by a daylight-saving change moves forward by the gap (02:30 on
    /// the spring change in Paris becomes 03:30); a repeated one takes its first occurrence.
    public func instant(of day: CalendarDay, hour: Int, minute: Int) -> Date {
        instant(of: day, minutes: hour * 60 + minute)
    }

    /// The local day that `instant` falls on in this zone.
    public func localDay(of instant: Date) -> CalendarDay {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let local = seconds + timeZone.secondsFromGMT(for: instant)
        return CalendarDay(daysSinceEpoch: Self.floorDivide(local, 86_400))
    }

    /// Local wall-clock minutes after midnight of `instant`.
    public func localMinutes(of instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let local = seconds + timeZone.secondsFromGMT(for: instant)
        return (local - Self.floorDivide(local, 86_400) * 86_400) / 60
    }

    private func instant(of day: CalendarDay, minutes: Int) -> Date {
        let wall = day.daysSinceEpoch * 86_400 + minutes * 60
        // The offsets in force a day either side cover any single transition near `wall`.
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let valid = Set([before, after]).map { wall - $0 }.filter { wall - offset(at: $0) == $0 }
        if let earliest = valid.min() {
            return Date(timeIntervalSince1970: TimeInterval(earliest))
        }
        // A gap: read the wall time with the offset from before the change, which lands after it.
        return Date(timeIntervalSince1970: TimeInterval(wall - before))
    }

    private func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
