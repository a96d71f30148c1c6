import Foundation
import Postgres
import RecouvreTestSupport
import Testing

@Suite("Connecting", .serialized)
final class ConnectionTests {
    let database: ScratchDatabase

    init() throws {
        database = try ScratchDatabase()
    }

    @Test func connectsWithAConninfoStringAndSetsUpTheSession() throws {
        let connection = try database.connect(applicationName: "recouvre-conn-test")
        #expect(connection.isConnected)
        #expect(connection.backendPID > 0)
        #expect(connection.serverVersion >= 150_000)
        let row = try #require(try connection.query("""
            SELECT current_setting('TimeZone') AS zone, current_setting('DateStyle') AS style,
                   current_setting('client_encoding') AS encoding, current_setting('application_name') AS app,
                   pg_backend_pid() AS pid
            """).first)
        #expect(try row.decode(String.self, "zone") == "UTC")
        #expect(try row.decode(String.self, "style") == "ISO, YMD")
        #expect(try row.decode(String.self, "encoding") == "UTF8")
        #expect(try row.decode(String.self, "app") == "recouvre-conn-test")
        #expect(try row.decode(Int32.self, "pid") == connection.backendPID)
    }

    @Test func applicationNameInConninfoWins() throws {
        let probe = try database.connect()
        let conninfo = "host='\(try #require(probe.host))' port=\(try #require(probe.port)) user='\(try #require(probe.user))' dbname='\(try #require(probe.databaseName))' application_name=from_conninfo"
        let connection = try PostgresConnection(conninfo: conninfo, applicationName: "fallback")
        let name: String = try connection.query("SELECT current_setting('application_name') AS app").rows[0].decode(String.self, "app")
        #expect(name == "from_conninfo")
    }

    @Test func connectsWithAURL() throws {
        let probe = try database.connect()
        let host = try #require(probe.host), port = try #require(probe.port)
        let user = try #require(probe.user), name = try #require(probe.databaseName)
        let encode = { (text: String) in
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
        }
        let url = "postgresql://\(encode(user))@/\(encode(name))?host=\(encode(host))&port=\(port)"
        let connection = try PostgresConnection(conninfo: url)
        let current: String = try connection.query("SELECT current_database() AS db").rows[0].decode(String.self, "db")
        #expect(current == name)
    }

    @Test func emptyConninfoUsesThePGEnvironment() throws {
        let probe = try database.connect()
        let settings = [
            "PGHOST": try #require(probe.host), "PGPORT": try #require(probe.port),
            "PGUSER": try #require(probe.user), "PGDATABASE": try #require(probe.databaseName),
        ]
        let saved = settings.keys.map { ($0, ProcessInfo.processInfo.environment[$0]) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        for (name, value) in settings { setenv(name, value, 1) }
        let connection = try PostgresConnection(conninfo: "")
        let current: String = try connection.query("SELECT current_database() AS db").rows[0].decode(String.self, "db")
        #expect(current == settings["PGDATABASE"])
    }

    @Test func unreachableServerIsAConnectionError() throws {
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection(conninfo: "host=/nonexistent-socket-dir port=1 connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(error.isConnectionLost)
        #expect(error.message.contains("nonexistent-socket-dir"))
    }

    @Test func malformedConninfoIsAConnectionError() throws {
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(conninfo: "host=x nosuchkeyword=1") }
        #expect(error.kind == .connection)
        #expect(error.message.contains("nosuchkeyword"))
    }

    @Test func closedConnectionRefusesWork() throws {
        let connection = try database.connect()
        connection.close()
        #expect(!connection.isConnected)
        #expect(connection.backendPID == 0)
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error.kind == .closed)
    }

    @Test func resetReconnectsAndRestoresSessionSettings() throws {
        let connection = try database.connect()
        let before = connection.backendPID
        try connection.execute("SET TimeZone TO 'Asia/Tokyo'")
        try connection.reset()
        #expect(connection.isConnected)
        #expect(connection.backendPID != before)
        let zone: String = try connection.query("SELECT current_setting('TimeZone') AS z").rows[0].decode(String.self, "z")
        #expect(zone == "UTC")
    }
}
