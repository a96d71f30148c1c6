import Synchronization

/// A value shared across threads behind a lock.
final class LockedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    func get() -> Value { storage.withLock { $0 } }
    func set(_ value: Value) { storage.withLock { $0 = value } }
    /// Changes the value in place, atomically.
    func modify(_ body: (inout Value) -> Void) { storage.withLock { body(&$0) } }
}
