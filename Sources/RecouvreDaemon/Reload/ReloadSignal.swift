import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Turns SIGHUP into a reload, for as long as the daemon runs: the one consumer of the signal.
///
/// The dispatch source is made in `init`, before the daemon says it is ready, so that a SIGHUP
/// sent right after `READY=1` reloads instead of ending the process (SIGHUP's default action).
final class ReloadSignal: Service, Sendable {
    private let signals: AsyncStream<Void>
    private let source: SignalSource
    private let reloader: Reloader

    init(reloader: Reloader) {
        self.reloader = reloader
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        signals = stream
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.setCancelHandler { continuation.finish() }
        source.resume()
        self.source = SignalSource(source: source)
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                for await _ in signals {
                    _ = try? await reloader.reload(trigger: "SIGHUP")
                }
            } onCancel: {
                source.cancel()
            }
        } onGracefulShutdown: {
            self.source.cancel()
        }
    }
}

/// A dispatch source is safe to cancel from any thread; the type does not say so.
private struct SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
    func cancel() { source.cancel() }
}
