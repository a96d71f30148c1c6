import Foundation

/// Carries a reply from the task that computes it to the connection thread waiting for it.
/// The semaphore orders the write before the read, hence the unchecked conformance.
final class ReplyBox: @unchecked Sendable {
    private var reply: Data?
    private let done = DispatchSemaphore(value: 0)

    /// Runs `dispatcher` on `message` in a task and blocks the calling thread until it replies.
    /// Never call it from the cooperative pool.
    static func reply(of dispatcher: VarlinkDispatcher, to message: Data, caller: ControlCaller) -> Data? {
        let box = ReplyBox()
        Task(executorPreference: ControlPlaneExecutor.shared) {
            box.reply = await dispatcher.reply(to: message, caller: caller)
            box.done.signal()
        }
        box.done.wait()
        return box.reply
    }
}
