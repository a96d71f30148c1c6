import Foundation

/// Splits a byte stream into varlink messages, each terminated by a NUL byte.
///
/// Pure: it only buffers what it is fed. Its buffer never grows beyond
/// ``maxFrameBytes`` plus one read, so a peer that never sends a NUL costs bounded memory.
public struct VarlinkFrameDecoder: Sendable {
    /// Why the stream cannot be decoded further.
    public enum Failure: Error, Sendable, Equatable {
        /// A message is longer than the limit, in bytes, without its NUL.
        case oversized(limit: Int)
    }

    /// The largest message accepted, in bytes, without its NUL.
    public let maxFrameBytes: Int

    private var buffer: [UInt8] = []
    private var failed = false

    /// A decoder accepting messages of at most `maxFrameBytes` bytes.
    public init(maxFrameBytes: Int = 65536) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// Bytes of an unfinished message, waiting for their NUL.
    public var bufferedByteCount: Int { buffer.count }

    /// Feeds `bytes` and returns the messages they complete, in order, without their NUL.
    ///
    /// Throws ``Failure/oversized(limit:)`` as soon as a message is known to exceed the
    /// limit, and on every call after that: the stream has no way to resynchronise
    /// that the peer would expect, so the connection should be closed.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(Failure) -> [Data] {
        guard !failed else { throw .oversized(limit: maxFrameBytes) }
        var frames: [Data] = []
        for byte in bytes {
            if byte == 0 {
                frames.append(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            } else {
                guard buffer.count < maxFrameBytes else {
                    failed = true
                    buffer = []
                    throw .oversized(limit: maxFrameBytes)
                }
                buffer.append(byte)
            }
        }
        return frames
    }
}
