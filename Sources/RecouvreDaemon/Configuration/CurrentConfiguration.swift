import Synchronization

/// The configuration in force, shared by the scheduler, the workers and the control service.
/// Readers take a snapshot (a value) and use it for a whole pass or request, so that one pass
/// never mixes two configurations; a reload swaps the value atomically.
public final class CurrentConfiguration: Sendable {
    private let value: Mutex<DaemonConfiguration>

    public init(_ configuration: DaemonConfiguration) { value = Mutex(configuration) }

    /// A snapshot of the configuration in force.
    public var snapshot: DaemonConfiguration { value.withLock { $0 } }

    func replace(with configuration: DaemonConfiguration) { value.withLock { $0 = configuration } }
}
