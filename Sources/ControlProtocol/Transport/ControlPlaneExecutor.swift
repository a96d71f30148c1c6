import Dispatch

/// Runs the control server's request handling on a dispatch queue of its own instead of
/// Swift's shared cooperative pool.
///
/// Connection threads block while a request is handled. If the handling needed the shared
/// pool, a process whose pool threads were all busy (or blocked) could not answer its own
/// operators; with this executor preferred, control requests always make progress.
final class ControlPlaneExecutor: TaskExecutor {
    static let shared = ControlPlaneExecutor()

    private let queue = DispatchQueue(label: "recouvre.control-plane")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
