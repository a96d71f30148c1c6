import ArgumentParser
import ControlProtocol

/// `recouvrectl metrics`.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the daemon's metrics in the Prometheus text format.",
        discussion: """
            The same text the optional listener (metrics.listen) serves at /metrics: actions
            claimed, succeeded, failed and dead by channel, the queue, pickup lateness,
            delivery latency, database reconnects and tenants (docs/metrics.md).

            Example:
              recouvrectl metrics
              recouvrectl metrics | grep recouvre_queue
              recouvrectl metrics --json | jq -r .text
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform({ GetMetricsReply(text: try $0.getMetrics()) }, human: { $0.text.hasSuffix("\n") ? String($0.text.dropLast()) : $0.text })
    }
}
