import CLibPQ

/// The sending end of a `COPY … FROM STDIN` in text format, handed to the body of
/// ``PostgresConnection/copyIn(_:_:)``.
///
/// Rows are escaped and gathered into a buffer that goes to the server once it holds
/// ``flushThreshold`` bytes, so that a million rows cost a few thousand round trips of libpq's
/// `PQputCopyData`, not a million. Valid only inside the body it was handed to.
public final class PostgresCopyIn {
    /// Bytes gathered before they are sent.
    public static let flushThreshold = 256 * 1024

    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    /// Rows given to ``send(row:)`` so far.
    public private(set) var rowsSent = 0

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Sends one row: a value per column of the COPY's column list, nil for NULL. Values are
    /// escaped for COPY's text format (backslash, tab, newline, carriage return); a value
    /// holding a NUL character cannot be stored in PostgreSQL text and is refused.
    public func send(row values: [String?]) throws {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let value else {
                buffer.append(contentsOf: [0x5C, 0x4E])  // \N
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
                case 0x00:
                    throw PostgresError(kind: .query, message: "a COPY value contains a NUL character, which PostgreSQL text cannot hold")
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
        rowsSent += 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Sends what is gathered now.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let handle = try connection.open()
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        buffer.removeAll(keepingCapacity: true)
        guard status == 1 else { throw connection.connectionError(handle) }
    }
}

extension PostgresConnection {
    /// Runs `sql`, a `COPY table (columns) FROM STDIN` in text format, with `body` sending
    /// the rows, and returns the number of rows the server stored.
    ///
    /// If `body` throws, the COPY is ended with an error (nothing it sent is kept, and inside a
    /// transaction the transaction is aborted), the server's answer is read so that the
    /// connection stays usable, and `body`'s error is rethrown. A row the server refuses ends
    /// the COPY with the server's error, thrown once `body` returns.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PostgresCopyIn) throws -> Void) throws -> Int {
        let handle = try open()
        guard let started = PQexec(handle, sql) else { throw connectionError(handle) }
        let status = PQresultStatus(started)
        if status != PGRES_COPY_IN {
            defer { PQclear(started) }
            if status == PGRES_FATAL_ERROR { throw resultError(started, handle) }
            // Some other statement ran; its result is not what was asked for.
            throw PostgresError(kind: .query, message: "copyIn needs a COPY … FROM STDIN statement")
        }
        PQclear(started)
        let copy = PostgresCopyIn(connection: self)
        var failure: (any Error)?
        do {
            try body(copy)
            try copy.flush()
        } catch {
            failure = error
        }
        let ended = failure == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "the client stopped the COPY: \(failure!)")
        if ended != 1, failure == nil { failure = connectionError(handle) }
        // Read every result, so that the connection is ready for the next statement.
        var serverError: PostgresError?
        var stored = 0
        while let result = PQgetResult(handle) {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                stored = PQcmdTuples(result).map { Int(String(cString: $0)) ?? 0 } ?? 0
            case PGRES_COPY_IN:
                // Still copying after PQputCopyEnd failed: the connection is broken.
                PQclear(result)
                close()
                throw failure ?? PostgresError(kind: .connection, message: "the COPY could not be ended; the connection was closed")
            default:
                if serverError == nil { serverError = resultError(result, handle) }
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        return stored
    }
}
