import Foundation
import RecouvreStore
import Testing
@testable import RecouvreDaemon

/// The metrics' pure parts: the listener's address and requests, and the exposition.
@Suite struct MetricsTests {
    @Test func loopbackAddressesAreAcceptedAndOthersRefusedWithAReason() throws {
        #expect(try MetricsAddress(parsing: "127.0.0.1:9464") == MetricsAddress(parsing: "localhost:9464"))
        #expect(try MetricsAddress(parsing: "127.0.0.1:9464").ipv4 == [127, 0, 0, 1])
        #expect(try MetricsAddress(parsing: "[::1]:9464").family == .ipv6)
        #expect(try MetricsAddress(parsing: "127.0.0.2:0").port == 0)
        let refusals: [(String, String)] = [
            ("0.0.0.0:9464", "not a loopback address"), ("10.0.0.1:9464", "not a loopback address"),
            ("127.0.0.1", "has no port"), ("127.0.0.1:http", "is not a port"), ("127.0.0.1:70000", "is not a port"),
            ("example.com:9464", "is not an IP address"), ("[::]:9464", "is not an IP address"), ("[::1]9464", "is not HOST:PORT"),
        ]
        for (text, reason) in refusals {
            #expect(throws: MetricsAddressError.self) { try MetricsAddress(parsing: text) }
            do {
                _ = try MetricsAddress(parsing: text)
            } catch {
                #expect(error.description.contains(reason), "\(text): \(error.description)")
            }
        }
    }

    @Test func onlyGetMetricsIsServed() {
        func request(_ line: String) -> MetricsHTTPRequest { MetricsHTTPRequest(head: Array((line + "\r\nHost: x\r\n\r\n").utf8)) }
        #expect(request("GET /metrics HTTP/1.1") == .metrics)
        #expect(request("GET /metrics?name[]=x HTTP/1.0") == .metrics)
        #expect(request("GET / HTTP/1.1") == .notFound)
        #expect(request("POST /metrics HTTP/1.1") == .notAllowed)
        #expect(request("GET /metrics") == .malformed)
        #expect(request("\u{16}\u{03}\u{01}") == .malformed, "a TLS hello")
        let answer = String(decoding: MetricsHTTPResponse.ok(text: "a 1\n").bytes, as: UTF8.self)
        #expect(answer == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: 4\r\n"
                + "Connection: close\r\n\r\na 1\n")
    }

    @Test func theExpositionCountsByChannelAndReadsTheQueue() {
        let metrics = DaemonMetrics()
        metrics.actionClaimed(channel: "email", lateness: .seconds(3))
        metrics.actionClaimed(channel: "email", lateness: .seconds(-1))
        metrics.actionClaimed(channel: "review_debtor?", lateness: .seconds(120))
        metrics.actionSucceeded(channel: "email")
        metrics.actionFailed(channel: "sms", final: false)
        metrics.actionFailed(channel: "sms", final: true)
        metrics.delivered(channel: "email", in: .milliseconds(80))
        let snapshot = QueueSnapshot(tenantsDue: 3, actionsDue: 42, oldestDueAge: 75, activeTenants: 10, pausedTenants: 2)
        let text = metrics.exposition(snapshot: snapshot, reconnectTotal: 2)
        for line in [#"recouvre_actions_claimed_total{channel="email"} 2"#, #"recouvre_actions_claimed_total{channel="none"} 1"#,
                     #"recouvre_actions_succeeded_total{channel="email"} 1"#, #"recouvre_actions_failed_total{channel="sms"} 1"#,
                     #"recouvre_actions_dead_total{channel="sms"} 1"#, #"recouvre_actions_dead_total{channel="email"} 0"#,
                     #"recouvre_delivery_duration_seconds_bucket{channel="email",le="0.1"} 1"#,
                     #"recouvre_delivery_duration_seconds_bucket{channel="email",le="0.05"} 0"#,
                     #"recouvre_pickup_lateness_seconds_bucket{le="1.0"} 1"#, "recouvre_pickup_lateness_seconds_count 3",
                     "recouvre_queue_tenants_due 3.0", "recouvre_queue_actions_due 42.0", "recouvre_queue_oldest_due_seconds 75.0",
                     #"recouvre_tenants{status="active"} 10.0"#, #"recouvre_tenants{status="paused"} 2.0"#,
                     "recouvre_database_reconnects_total 2"] {
            #expect(text.contains(line + "\n"), "missing \(line) in:\n\(text)")
        }
        // Reconnections are counted from the clients' totals: only what is new is added.
        let again = metrics.exposition(snapshot: nil, reconnectTotal: 5)
        #expect(again.contains("recouvre_database_reconnects_total 5\n"))
        #expect(again.contains("recouvre_queue_actions_due 42.0\n"), "a scrape without the database keeps the last values")
    }
}
