import ControlProtocol
import Logging

extension Daemon {
    /// Opens the metrics listener when `metrics.listen` names an address; a port that cannot be
    /// bound stops the start, as a control socket that cannot be opened does.
    func startMetricsListener(control: ControlService, server: ControlServer, logger: Logger) async throws -> MetricsListener? {
        guard let address = configuration.metricsListen else { return nil }
        let listener: MetricsListener
        do {
            listener = try MetricsListener(address: address) { (try? await control.getMetrics()) ?? "" }
        } catch {
            server.stop()
            await control.close()
            throw DaemonStartupError(description: "\(error)")
        }
        listener.start()
        logger.info("metrics listener open", metadata: ["port": "\(listener.port)"])
        return listener
    }
}
