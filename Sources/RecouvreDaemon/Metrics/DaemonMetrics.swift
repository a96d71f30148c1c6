import Foundation
import Postgres
import Prometheus
import RecouvreStore

/// The daemon's metrics in the Prometheus text format (docs/operations-metrics.md lists them).
///
/// Counters and histograms are updated as actions run; the gauges that describe the queue and
/// the tenants are read from the operator schema when the metrics are asked for, so that a
/// scrape costs two small queries whatever the number of tenants.
///
/// Labels are bounded: `channel` takes the six values of `actions.channel` (`none` is a
/// review); `outcome` and `state` a handful each. No label carries a tenant, a debtor or an
/// action, whose number has no bound.
final class DaemonMetrics: Sendable {
    /// The values of `actions.channel`.
    static let channels = ["none", "email", "letter", "sms", "webhook", "task"]

    private let registry = PrometheusCollectorRegistry()
    private let claimed: [String: Counter]
    private let succeeded: [String: Counter]
    private let failed: [String: Counter]
    private let dead: [String: Counter]
    private let deliveryLatency: [String: DurationHistogram]
    private let lateness: DurationHistogram
    private let reconnects: Counter
    private let reconnectsSeen = LockedValue(0)
    private let clients = LockedValue<[PostgresClient]>([])
    private let dueTenants: Gauge
    private let dueActions: Gauge
    private let oldestDue: Gauge
    private let tenantsByStatus: [String: Gauge]

    init() {
        let registry = self.registry
        func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor { Self.descriptor(name, help) }
        func perChannel(_ name: String, _ help: String) -> [String: Counter] {
            Dictionary(uniqueKeysWithValues: Self.channels.map {
                ($0, registry.makeCounter(descriptor: descriptor(name, help), labels: [("channel", $0)]))
            })
        }
        claimed = perChannel("recouvre_actions_claimed_total", "Actions this daemon took from the queue to run, by channel.")
        succeeded = perChannel("recouvre_actions_succeeded_total",
                               "Actions run to success: sent, posted, written, task opened or review done.")
        failed = perChannel("recouvre_actions_failed_total", "Failed attempts that will be retried with backoff, by channel.")
        dead = perChannel("recouvre_actions_dead_total",
                          "Actions given up: dead after their last attempt, or failed for good at once.")
        let delivery = descriptor("recouvre_delivery_duration_seconds", "Time to hand a message to its relay or endpoint, by channel.")
        deliveryLatency = Dictionary(uniqueKeysWithValues: Self.channels.map {
            ($0, registry.makeDurationHistogram(descriptor: delivery, labels: [("channel", $0)], buckets: Self.deliveryBuckets))
        })
        lateness = registry.makeDurationHistogram(
            descriptor: descriptor("recouvre_pickup_lateness_seconds", "How long after its due moment an action was taken to run."),
            buckets: Self.latenessBuckets)
        reconnects = registry.makeCounter(
            descriptor: descriptor("recouvre_database_reconnects_total", "Database connections re-established after being lost."))
        dueTenants = registry.makeGauge(descriptor: descriptor("recouvre_queue_tenants_due", "Tenants with at least one action due now."))
        dueActions = registry.makeGauge(descriptor: descriptor(
            "recouvre_queue_actions_due",
            "Actions due now and not yet taken, as last counted per tenant (each tenant counted up to 10,000)."))
        oldestDue = registry.makeGauge(descriptor: descriptor(
            "recouvre_queue_oldest_due_seconds", "Age of the oldest action due and not yet taken; 0 when none is due."))
        let tenants = descriptor("recouvre_tenants", "Tenants by status.")
        tenantsByStatus = Dictionary(uniqueKeysWithValues: ["active", "paused"].map {
            ($0, registry.makeGauge(descriptor: tenants, labels: [("status", $0)]))
        })
    }

    static let deliveryBuckets: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                              .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(20), .seconds(60)]
    static let latenessBuckets: [Duration] = [.seconds(1), .seconds(5), .seconds(15), .seconds(60), .seconds(300),
                                              .seconds(900), .seconds(3600), .seconds(4 * 3600), .seconds(86_400)]

    /// The descriptor of `recouvre_…` metric `name`; its last component is the unit when it is
    /// one (`total`, `seconds`).
    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        var parts = name.split(separator: "_").map(String.init)
        let unit = ["total", "seconds"].contains(parts.last ?? "") ? parts.removeLast() : ""
        return MetricNameDescriptor(namespace: parts.removeFirst(), metricName: parts.joined(separator: "_"), unitName: unit,
                                    helpText: help)
    }

    private static func label(_ channel: String) -> String { channels.contains(channel) ? channel : "none" }

    /// An action was taken to run, `lateness` after its due moment.
    func actionClaimed(channel: String, lateness: Duration) {
        claimed[Self.label(channel)]?.increment()
        self.lateness.record(max(lateness, .zero))
    }

    func actionSucceeded(channel: String) { succeeded[Self.label(channel)]?.increment() }

    /// A failed attempt: `final` when the action is given up (dead, or failed for good).
    func actionFailed(channel: String, final: Bool) {
        (final ? dead : failed)[Self.label(channel)]?.increment()
    }

    /// A message handed to its relay or endpoint in `duration`.
    func delivered(channel: String, in duration: Duration) {
        deliveryLatency[Self.label(channel)]?.record(duration)
    }

    /// Counts the reconnections of `clients` from now on (their totals are read at each scrape).
    func watch(_ clients: [PostgresClient]) {
        self.clients.modify { $0 += clients }
    }

    /// The metrics as Prometheus text, with the queue and tenant gauges set from `snapshot`.
    func exposition(snapshot: QueueSnapshot?) -> String {
        exposition(snapshot: snapshot, reconnectTotal: clients.get().reduce(0) { $0 + $1.reconnectCount })
    }

    /// The metrics as Prometheus text, with the queue and tenant gauges set from `snapshot`
    /// and the reconnections counted from the database clients' totals.
    func exposition(snapshot: QueueSnapshot?, reconnectTotal: Int) -> String {
        var fresh = 0
        reconnectsSeen.modify { seen in
            fresh = max(0, reconnectTotal - seen)
            seen = max(seen, reconnectTotal)
        }
        if fresh > 0 { reconnects.increment(by: Int64(fresh)) }
        if let snapshot {
            dueTenants.set(Double(snapshot.tenantsDue))
            dueActions.set(Double(snapshot.actionsDue))
            oldestDue.set(snapshot.oldestDueAge)
            tenantsByStatus["active"]?.set(Double(snapshot.activeTenants))
            tenantsByStatus["paused"]?.set(Double(snapshot.pausedTenants))
        }
        return registry.emitToString()
    }
}
