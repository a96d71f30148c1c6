import Foundation
import Postgres
import Testing

@Suite("LISTEN / NOTIFY")
final class NotificationTests {
    let database: ScratchDatabase

    init() throws {
        database = try ScratchDatabase()
    }

    /// Waits until `count` notifications arrived or the deadline passes.
    private func collect(_ listener: PostgresConnection, count: Int, within timeout: Duration) throws -> [PostgresNotification] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var received: [PostgresNotification] = []
        while received.count < count, clock.now < deadline {
            received += try listener.waitForNotifications(timeout: clock.now.duration(to: deadline))
        }
        return received
    }

    @Test func notificationsCrossConnections() throws {
        let listener = try database.connect()
        let sender = try database.connect()
        let channel = #"work "due" now"#
        try listener.listen(channel)
        try sender.notify(channel, payload: "tenant_acme")
        try sender.query("NOTIFY \(PostgresConnection.quoteIdentifier(channel)), 'second'")
        let received = try collect(listener, count: 2, within: .seconds(10))
        #expect(received.map(\.payload) == ["tenant_acme", "second"])
        #expect(received.allSatisfy { $0.channel == channel && $0.backendPID == sender.backendPID })
    }

    @Test func waitingTimesOutEmptyHanded() throws {
        let listener = try database.connect()
        try listener.listen("quiet")
        let clock = ContinuousClock()
        let started = clock.now
        let received = try listener.waitForNotifications(timeout: .milliseconds(300))
        let elapsed = clock.now - started
        #expect(received.isEmpty)
        #expect(elapsed >= .milliseconds(290))
        #expect(elapsed < .seconds(5))
    }

    @Test func unlistenStopsDelivery() throws {
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("a")
        try listener.listen("b")
        try listener.unlisten("a")
        try sender.notify("a", payload: "dropped")
        try sender.notify("b", payload: "kept")
        let received = try collect(listener, count: 1, within: .seconds(10))
        #expect(received.map(\.payload) == ["kept"])
        // Anything for "a" would have arrived before "b": notifications keep commit order.
        #expect(try listener.waitForNotifications(timeout: .milliseconds(100)).isEmpty)
    }

    @Test func notificationsAlreadyReadAreReturnedAtOnce() throws {
        let connection = try database.connect()
        try connection.listen("self")
        // A notification to oneself is delivered with the result of the NOTIFY itself.
        try connection.notify("self", payload: "mine")
        let clock = ContinuousClock()
        let started = clock.now
        let received = try connection.waitForNotifications(timeout: .seconds(5))
        #expect(received == [PostgresNotification(channel: "self", payload: "mine", backendPID: connection.backendPID)])
        #expect(clock.now - started < .seconds(4))
    }
}
