import Foundation
import RecouvreCore
import Testing

@Suite struct ChannelWindowTests {
    @Test func defaultsPerChannel() {
        #expect(ChannelWindow.default(for: .email) == ChannelWindow(startMinutes: 480, endMinutes: 1140))
        #expect(ChannelWindow.default(for: .sms) == ChannelWindow.default(for: .email))
        #expect(ChannelWindow.default(for: .letter) == ChannelWindow(startMinutes: 480, endMinutes: 1080))
        #expect(ChannelWindow.default(for: .call) == ChannelWindow(startMinutes: 540, endMinutes: 1080))
        for channel in DeliveryChannel.allCases {
            #expect(ChannelWindow.default(for: channel).weekdays == [1, 2, 3, 4, 5])
            #expect(ChannelWindow.default(for: channel).observesHolidays)
        }
    }

    /// Friday 27 March 2026 at 18:30 in Paris (17:30 UTC, winter time). A call must wait for the
    /// next business day at 09:00: Monday 30 March, after the change to summer time on Sunday
    /// 29 March, so 09:00 in Paris is 07:00 UTC. An e-mail can still go (window until 19:00).
    @Test func aCallAfterHoursWaitsForMondayAcrossTheClockChange() throws {
        let paris = try UTC.zone("Europe/Paris")
        let friday = try UTC.date("2026-03-27T17:30:00Z")
        let calls = ChannelWindow.default(for: .call).calendar(in: paris)
        #expect(calls.nextSendingMoment(atOrAfter: friday) == (try UTC.date("2026-03-30T07:00:00Z")))
        let email = ChannelWindow.default(for: .email).calendar(in: paris)
        #expect(email.nextSendingMoment(atOrAfter: friday) == friday)
    }

    /// Easter Monday 6 April 2026 is a public holiday: a letter due that morning goes on
    /// Tuesday 7 April at 08:00 in Paris (06:00 UTC, summer time).
    @Test func lettersWaitForTheNextBusinessDay() throws {
        let letters = ChannelWindow.default(for: .letter).calendar(in: try UTC.zone("Europe/Paris"))
        let easterMonday = try UTC.date("2026-04-06T08:00:00Z")
        #expect(letters.nextSendingMoment(atOrAfter: easterMonday) == (try UTC.date("2026-04-07T06:00:00Z")))
    }

    /// Good Friday (3 April 2026) is a holiday only in Alsace-Moselle.
    @Test func alsaceMoselleAddsGoodFriday() throws {
        let zone = try UTC.zone("Europe/Paris")
        let goodFriday = try UTC.date("2026-04-03T08:00:00Z")  // 10:00 in Paris
        let elsewhere = ChannelWindow.messages.calendar(in: zone)
        #expect(elsewhere.nextSendingMoment(atOrAfter: goodFriday) == goodFriday)
        let strasbourg = ChannelWindow.messages.calendar(in: zone, holidays: FrenchHolidays(alsaceMoselle: true))
        // Next: Monday 6 April is Easter Monday, so Tuesday 7 April, 08:00 in Paris = 06:00 UTC.
        #expect(strasbourg.nextSendingMoment(atOrAfter: goodFriday) == (try UTC.date("2026-04-07T06:00:00Z")))
    }
}

@Suite struct MessageSpacingTests {
    let paris = ChannelWindow.messages.calendar(in: TimeZone(identifier: "Europe/Paris") ?? .gmt)

    @Test func noSpacingHoldsNothingBack() throws {
        #expect(MessageSpacing.none.earliestNext(after: Date()) == nil)
        #expect(MessageSpacing(minimumInterval: 3600).earliestNext(after: nil) == nil)
        #expect(MessageSpacing(minimumInterval: -5) == .none)
    }

    /// A message went on Monday 16 March 2026 at 10:00 in Paris (09:00 UTC); with 48 hours of
    /// spacing the next may go on Wednesday 18 March from 10:00 Paris.
    @Test func aMessageTooSoonAfterTheLastIsPostponedPastTheInterval() throws {
        let last = try UTC.date("2026-03-16T09:00:00Z")
        let now = try UTC.date("2026-03-17T09:00:00Z")
        let delay = SendTimeCheck.spacingDelay(now: now, lastMessageAt: last, spacing: MessageSpacing(minimumInterval: 48 * 3600),
                                               calendar: paris)
        #expect(delay == (try UTC.date("2026-03-18T09:00:00Z")))
    }

    /// The interval ends on Friday 20 March 2026 at 21:00 in Paris, after the window: the message
    /// waits for Monday 23 March 08:00 Paris (07:00 UTC).
    @Test func theEndOfTheIntervalIsMovedIntoTheNextWindow() throws {
        let last = try UTC.date("2026-03-18T20:00:00Z")
        let now = try UTC.date("2026-03-19T09:00:00Z")
        let delay = SendTimeCheck.spacingDelay(now: now, lastMessageAt: last, spacing: MessageSpacing(minimumInterval: 48 * 3600),
                                               calendar: paris)
        #expect(delay == (try UTC.date("2026-03-23T07:00:00Z")))
    }

    /// Property: whatever the last message and the spacing, a message is never let through before
    /// the interval has passed, and a postponement always lands inside the window and after it.
    @Test func neverSendsInsideTheIntervalNorOutsideTheWindow() throws {
        var seed: UInt64 = 0x5eed
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        let base = try UTC.date("2026-01-05T00:00:00Z")
        for _ in 0..<2_000 {
            let now = base.addingTimeInterval(TimeInterval(next(0...(300 * 86_400))))
            let last = now.addingTimeInterval(-TimeInterval(next(0...(5 * 86_400))))
            let spacing = MessageSpacing(minimumInterval: TimeInterval(next(0...(4 * 86_400))))
            if let until = SendTimeCheck.spacingDelay(now: now, lastMessageAt: last, spacing: spacing, calendar: paris) {
                #expect(until > now)
                #expect(until >= last.addingTimeInterval(spacing.minimumInterval))
                #expect(paris.isInsideWindow(until))
            } else {
                #expect(now >= last.addingTimeInterval(spacing.minimumInterval))
            }
        }
    }
}
