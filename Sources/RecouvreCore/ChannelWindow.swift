import Foundation

/// When one channel may be used, in local time: a daily window on chosen days of the week,
/// French public holidays off unless told otherwise. A `SendingCalendar` is this window read in
/// a time zone.
public struct ChannelWindow: Sendable, Hashable, Codable {
    /// Start of the window, in minutes after local midnight.
    public var startMinutes: Int
    /// End of the window (exclusive), in minutes after local midnight; 1440 is midnight.
    public var endMinutes: Int
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int>
    /// Whether French public holidays are off.
    public var observesHolidays: Bool

    public init(startMinutes: Int, endMinutes: Int, weekdays: Set<Int> = [1, 2, 3, 4, 5], observesHolidays: Bool = true) {
        self.startMinutes = startMinutes
        self.endMinutes = endMinutes
        self.weekdays = weekdays
        self.observesHolidays = observesHolidays
    }

    /// Monday to Friday, 08:00–19:00: e-mail and SMS.
    public static let messages = ChannelWindow(startMinutes: 8 * 60, endMinutes: 19 * 60)
    /// Business days, office hours: letters handed to the post or a print-and-mail provider.
    public static let businessDays = ChannelWindow(startMinutes: 8 * 60, endMinutes: 18 * 60)
    /// Monday to Friday, 09:00–18:00: when collectors call.
    public static let calls = ChannelWindow(startMinutes: 9 * 60, endMinutes: 18 * 60)

    /// The default window of each channel.
    public static func `default`(for channel: DeliveryChannel) -> ChannelWindow {
        switch channel {
        case .email, .sms: .messages
        case .letter: .businessDays
        case .call: .calls
        }
    }

    /// This window read in `timeZone`, with `holidays` (Alsace-Moselle adds two days).
    public func calendar(in timeZone: TimeZone, holidays: FrenchHolidays = FrenchHolidays()) -> SendingCalendar {
        SendingCalendar(timeZone: timeZone, holidays: holidays, observesHolidays: observesHolidays, weekdays: weekdays,
                        windowStartMinutes: startMinutes, windowEndMinutes: endMinutes)
    }
}
