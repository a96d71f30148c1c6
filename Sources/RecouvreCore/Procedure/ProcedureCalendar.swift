import Foundation

/// The debtor's time zone and, for each delivery channel, the days and hours it may be used.
///
/// Every moment the planner produces goes through the calendar of the work's channel, so an
/// e-mail never leaves at night and a call task never lands on a Sunday or a public holiday.
public struct ProcedureCalendar: Sendable {
    /// The debtor's zone: local days (due dates, promised dates) are read in it.
    public let timeZone: TimeZone
    private let calendars: [DeliveryChannel: SendingCalendar]

    /// A calendar in `timeZone`. A channel missing from `windows` uses
    /// `ChannelWindow.default(for:)`; pass `FrenchHolidays(alsaceMoselle: true)` for a debtor
    /// in Alsace-Moselle.
    public init(timeZone: TimeZone, holidays: FrenchHolidays = FrenchHolidays(), windows: [DeliveryChannel: ChannelWindow] = [:]) {
        self.timeZone = timeZone
        var calendars: [DeliveryChannel: SendingCalendar] = [:]
        for channel in DeliveryChannel.allCases {
            let window = windows[channel] ?? ChannelWindow.default(for: channel)
            calendars[channel] = window.calendar(in: timeZone, holidays: holidays)
        }
        self.calendars = calendars
    }

    /// The sending calendar of `channel`.
    public func calendar(for channel: DeliveryChannel) -> SendingCalendar {
        // Every channel is filled in by the initialiser.
        calendars[channel]!
    }

    /// The local day `instant` falls on.
    public func localDay(of instant: Date) -> CalendarDay {
        calendar(for: .email).localDay(of: instant)
    }

    /// The instant of `day` at local `time` (a time skipped by a daylight-saving change moves
    /// forward by the gap).
    public func instant(of day: CalendarDay, at time: LocalTime) -> Date {
        calendar(for: .email).instant(of: day, hour: time.hour, minute: time.minute)
    }

    /// The start of `day`, local midnight.
    public func startOf(_ day: CalendarDay) -> Date {
        instant(of: day, at: LocalTime(hour: 0, minute: 0)!)
    }

    /// When work planned for local `day` at `time` on `channel` goes: the first sending day on or
    /// after `day`, at `time`, then the first moment inside the channel's window from there; never
    /// before `now`.
    public func moment(on day: CalendarDay, at time: LocalTime, channel: DeliveryChannel, notBefore now: Date) -> Date {
        let sending = calendar(for: channel)
        let sendingDay = sending.firstSendingDay(onOrAfter: day)
        let planned = sending.instant(of: sendingDay, hour: time.hour, minute: time.minute)
        return sending.nextSendingMoment(atOrAfter: max(planned, now))
    }

    /// The first moment inside `channel`'s window at or after `now`.
    public func nextMoment(on channel: DeliveryChannel, atOrAfter now: Date) -> Date {
        calendar(for: channel).nextSendingMoment(atOrAfter: now)
    }
}
