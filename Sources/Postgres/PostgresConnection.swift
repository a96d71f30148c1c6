import CLibPQ
import Foundation
import Synchronization

/// One libpq connection.
///
/// Not `Sendable`: a connection belongs to exactly one owner (a thread or a serial queue, see
/// `PostgresClient`), and every call blocks that owner until the server answers.
public final class PostgresConnection {
    private var handle: OpaquePointer?

    /// A number no other connection of this process had or will have: unlike a backend pid,
    /// which the server may hand out again, it tells a new connection from an old one (e.g.
    /// to know that a LISTEN must be issued again).
    public let serial: UInt64 = PostgresConnection.nextSerial.wrappingAdd(1, ordering: .relaxed).newValue
    private static let nextSerial = Atomic<UInt64>(0)

    /// Session settings every connection gets, so that the text the server prints (timestamps,
    /// dates) is predictable whatever the role's or database's defaults are.
    static let sessionSetup = "SET client_encoding TO 'UTF8'; SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET IntervalStyle TO DEFAULT"

    /// Connects, blocking until the connection is ready or has failed.
    ///
    /// - Parameters:
    ///   - conninfo: a libpq conninfo string (`host=... dbname=...`) or URL (`postgresql://...`);
    ///     `""` means the `PG*` environment variables and libpq's defaults.
    ///   - applicationName: shown in `pg_stat_activity`, unless `conninfo` names one itself.
    public init(conninfo: String, applicationName: String = "recouvre") throws {
        // expand_dbname = 1 lets `dbname` carry a whole conninfo string or URL. libpq keeps the
        // last value of a repeated keyword, so the keywords before `dbname` are defaults that
        // string may override — timeouts and keepalives, so that a server gone silent behind
        // a broken network is noticed in about a minute instead of TCP's quarter of an hour —
        // and those after it fill in what it leaves unset (fallback_application_name) or fix
        // what must hold for our decoders (client_encoding).
        // A PG* variable the user set wins over our default for the same setting.
        let environment = ProcessInfo.processInfo.environment
        let defaults = Self.overridableDefaults.filter { $0.variable.map { environment[$0] == nil } ?? true }
        let keywords = defaults.map(\.keyword) + ["dbname", "fallback_application_name", "client_encoding"]
        let values = defaults.map(\.value) + [conninfo, applicationName, "UTF8"]
        let connection = Self.withCStringArray(keywords) { keywordPointers in
            Self.withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection (out of memory)")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.errorMessage(connection)
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: message)
        }
        handle = connection
        Self.silenceNotices(connection)
        do {
            try execute(Self.sessionSetup)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Connection settings a conninfo, or the matching `PG*` variable, may override.
    /// Keepalives apply to TCP only.
    static let overridableDefaults: [(keyword: String, value: String, variable: String?)] = [
        ("connect_timeout", "10", "PGCONNECT_TIMEOUT"),
        ("keepalives", "1", nil),
        ("keepalives_idle", "30", nil),
        ("keepalives_interval", "10", nil),
        ("keepalives_count", "3", nil),
        ("tcp_user_timeout", "60000", nil),
    ]

    // MARK: Statements

    /// Runs one statement with bound parameters (`$1`, `$2`, …) and returns its rows.
    ///
    /// Parameters are sent separately from the SQL text, in text format with no declared type,
    /// so the server infers each type from context; nil binds SQL NULL.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresResult {
        let connection = try open()
        let texts = parameters.map { $0?.postgresText }
        if let position = texts.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(kind: .query, message: "parameter $\(position + 1) contains a NUL character, which PostgreSQL text cannot hold")
        }
        let result = Self.withOptionalCStringArray(texts) { values in
            PQexecParams(connection, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        return try consume(result)
    }

    /// Runs a script of one or more statements without parameters (migrations, session setup).
    /// Statements in one call run in one implicit transaction unless the script has its own.
    public func execute(_ sql: String) throws {
        let connection = try open()
        _ = try consume(PQexec(connection, sql))
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`, rolling back if it throws.
    ///
    /// Transactions do not nest: use `SAVEPOINT` inside `body` for that. If a statement failed
    /// inside `body` and `body` went on anyway, the server turns `COMMIT` into a rollback; that
    /// is reported as an error rather than passing silently.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try transaction(isolation: nil, body)
    }

    /// Transaction isolation levels (PostgreSQL has no true READ UNCOMMITTED).
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in a transaction at the given isolation level, whatever the session's or
    /// the database's default (`default_transaction_isolation`); nil keeps the default.
    public func transaction<T>(isolation: IsolationLevel?, _ body: (PostgresConnection) throws -> T) throws -> T {
        try execute(isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            // The original error matters more than a failed rollback; a lost connection
            // rolls the transaction back on the server anyway.
            if isConnected { try? execute("ROLLBACK") }
            throw error
        }
        let commit = try query("COMMIT")
        if commit.commandTag == "ROLLBACK" {
            throw PostgresError(kind: .query, message: "the transaction was rolled back instead of committed because a statement in it failed", sqlState: "25P02")
        }
        return value
    }

    // MARK: LISTEN / NOTIFY

    /// Subscribes to notifications on `channel` (quoted as an identifier, so any name is safe).
    public func listen(_ channel: String) throws {
        try execute("LISTEN " + Self.quoteIdentifier(channel))
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN " + Self.quoteIdentifier(channel))
    }

    /// Sends a notification, with the channel and payload as bound parameters.
    public func notify(_ channel: String, payload: String = "") throws {
        try query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Blocks until at least one notification arrives or `timeout` passes, and returns what
    /// arrived (possibly nothing). Notifications already received are returned at once.
    public func waitForNotifications(timeout: Duration) throws -> [PostgresNotification] {
        let connection = try open()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            guard PQconsumeInput(connection) == 1 else { throw connectionError(connection) }
            let arrived = drainNotifications(connection)
            if !arrived.isEmpty { return arrived }
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return [] }
            try waitUntilReadable(connection, for: remaining)
        }
    }

    // MARK: State

    /// Whether the connection is open and healthy as far as libpq knows (`CONNECTION_OK`).
    /// A server-side termination is only noticed by the next statement.
    public var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether a transaction block is open on this connection, including one aborted by an error.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// The process ID of the server backend serving this connection; 0 once closed.
    public var backendPID: Int32 {
        handle.map { PQbackendPID($0) } ?? 0
    }

    /// The server version as an integer, e.g. `150004` for 15.4; 0 once closed.
    public var serverVersion: Int {
        handle.map { Int(PQserverVersion($0)) } ?? 0
    }

    /// The database name this connection uses.
    public var databaseName: String? { handle.flatMap { PQdb($0) }.map { String(cString: $0) } }
    /// The user this connection is authenticated as.
    public var user: String? { handle.flatMap { PQuser($0) }.map { String(cString: $0) } }
    /// The host or Unix socket directory this connection reached.
    public var host: String? { handle.flatMap { PQhost($0) }.map { String(cString: $0) } }
    /// The port this connection reached.
    public var port: String? { handle.flatMap { PQport($0) }.map { String(cString: $0) } }

    /// Closes and reopens the connection with the same parameters (`PQreset`), then restores
    /// the session settings. LISTEN subscriptions and other session state are lost.
    public func reset() throws {
        let connection = try open()
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else { throw connectionError(connection) }
        try execute(Self.sessionSetup)
    }

    /// Closes the connection (`PQfinish`). Later calls throw an error of kind `.closed`.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Quotes `name` as an SQL identifier: `na"me` becomes `"na""me"`.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: libpq plumbing

    func open() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .closed, message: "the connection was closed; open a new one")
        }
        return handle
    }

    /// Turns a libpq result into a `PostgresResult` or an error, always clearing it.
    private func consume(_ result: OpaquePointer?) throws -> PostgresResult {
        let connection = try open()
        guard let result else { throw connectionError(connection) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return Self.read(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // Leave no COPY half open: the connection would be unusable.
            close()
            throw PostgresError(kind: .query, message: "COPY is not supported through query/execute; the connection was closed")
        default:
            throw resultError(result, connection)
        }
    }

    private static func read(_ result: OpaquePointer) -> PostgresResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { column in
            PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?"
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            let values = (0..<Int32(columnCount)).map { column -> String? in
                if PQgetisnull(result, row, column) == 1 { return nil }
                let length = Int(PQgetlength(result, row, column))
                guard let bytes = PQgetvalue(result, row, column) else { return nil }
                return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = PQcmdTuples(result).map { Int(String(cString: $0)) ?? 0 } ?? 0
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        return PostgresResult(rows: rows, affectedRows: affected, commandTag: tag)
    }

    func resultError(_ result: OpaquePointer, _ connection: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let sqlState = field(Int32(UInt8(ascii: "C")))
        let fallback = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
        let message = field(Int32(UInt8(ascii: "M"))) ?? Self.trimmed(fallback)
        // An error generated by libpq itself (no SQLSTATE) while the connection went bad is a
        // lost connection, e.g. "server closed the connection unexpectedly".
        let lost = PQstatus(connection) != CONNECTION_OK
        return PostgresError(
            kind: lost ? .connection : .query,
            message: message.isEmpty ? Self.errorMessage(connection) : message,
            sqlState: sqlState,
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))),
            table: field(Int32(UInt8(ascii: "t"))),
            column: field(Int32(UInt8(ascii: "c")))
        )
    }

    func connectionError(_ connection: OpaquePointer) -> PostgresError {
        PostgresError(kind: .connection, message: Self.errorMessage(connection))
    }

    private static func errorMessage(_ connection: OpaquePointer) -> String {
        let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let message = trimmed(text)
        return message.isEmpty ? "the connection failed without a message from libpq" : message
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func drainNotifications(_ connection: OpaquePointer) -> [PostgresNotification] {
        var arrived: [PostgresNotification] = []
        while let notify = PQnotifies(connection) {
            arrived.append(PostgresNotification(
                channel: String(cString: notify.pointee.relname),
                payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
                backendPID: notify.pointee.be_pid
            ))
            PQfreemem(notify)
        }
        return arrived
    }

    private func waitUntilReadable(_ connection: OpaquePointer, for duration: Duration) throws {
        let socket = PQsocket(connection)
        guard socket >= 0 else { throw connectionError(connection) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let (seconds, attoseconds) = duration.components
        // Round up so a sub-millisecond remainder still waits rather than spinning.
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let timeout = Int32(clamping: milliseconds)
        let ready = poll(&descriptor, 1, timeout)
        if ready < 0, errno != EINTR {
            throw PostgresError(kind: .connection, message: "poll on the connection socket failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Notices (e.g. "table does not exist, skipping") would otherwise go to stderr.
    private static func silenceNotices(_ connection: OpaquePointer) {
        _ = PQsetNoticeReceiver(connection, { _, _ in }, nil)
    }

    private static func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStringArray(strings) { pointers in
            body(pointers + [nil])
        }
    }

    private static func withOptionalCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { string in string.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
