import Foundation
import Postgres
import RecouvreTestSupport
import Testing

@Suite("PostgresClient")
final class ClientTests {
    let database: ScratchDatabase

    init() throws {
        database = try ScratchDatabase()
    }

    @Test func runsBodiesOnItsOwnQueueNotTheCooperativePool() async throws {
        let client = PostgresClient(conninfo: database.conninfo, applicationName: "client-thread-test")
        let (onQueue, isMain, app) = try await client.withConnection { connection in
            (client.isOnConnectionQueue, Thread.isMainThread,
             try connection.query("SELECT current_setting('application_name') AS app").rows[0].decode(String.self, "app") as String)
        }
        #expect(onQueue)
        #expect(!isMain)
        #expect(app == "client-thread-test")
        #expect(!client.isOnConnectionQueue)
        #expect(client.queueLabel == "recouvre.postgres.client-thread-test")
        await client.close()
    }

    @Test func keepsOneConnectionAcrossCalls() async throws {
        let client = PostgresClient(conninfo: database.conninfo)
        let first = try await client.withConnection { $0.backendPID }
        let second = try await client.withConnection { $0.backendPID }
        #expect(first == second)
        #expect(client.reconnectCount == 0)
        await client.close()
    }

    @Test func anOldConnectionIsReplacedBetweenCalls() async throws {
        let client = PostgresClient(conninfo: database.conninfo, maxConnectionAge: .milliseconds(100))
        defer { Task { await client.close() } }
        let first = try await client.withConnection { $0.backendPID }
        try await Task.sleep(for: .milliseconds(150))
        let second = try await client.withConnection { $0.backendPID }
        #expect(second != first)
        #expect(client.reconnectCount == 0, "a recycled connection is not a lost one")
    }

    @Test func concurrentCallersAreSerialized() async throws {
        let client = PostgresClient(conninfo: database.conninfo)
        try await client.withConnection { try $0.execute("CREATE TABLE hits (n int)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<20 {
                group.addTask { try await client.withConnection { _ = try $0.query("INSERT INTO hits VALUES ($1)", [n]) } }
            }
            try await group.waitForAll()
        }
        let total = try await client.withConnection { try $0.query("SELECT count(*) AS n FROM hits").rows[0].decode(Int.self, "n") as Int }
        #expect(total == 20)
        await client.close()
    }

    @Test func recoversAfterItsBackendIsTerminated() async throws {
        let client = PostgresClient(conninfo: database.conninfo, backoff: Backoff(initial: .milliseconds(10), maximum: .milliseconds(200), maxAttempts: 20))
        let victim = try await client.withConnection { $0.backendPID }
        let admin = try database.connect()
        // The timeout argument makes the call wait until the backend has actually exited.
        let terminated: Bool = try admin.query("SELECT pg_terminate_backend($1, 10000) AS done", [victim]).rows[0].decode(Bool.self, "done")
        #expect(terminated)

        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { _ = try $0.query("SELECT 1") }
        }
        #expect(error?.isConnectionLost == true)

        let replacement = try await client.withConnection { connection -> Int32 in
            _ = try connection.query("SELECT 1")
            return connection.backendPID
        }
        #expect(replacement != victim)
        #expect(client.reconnectCount == 1)
        await client.close()
    }

    @Test func givesUpAfterMaxAttemptsWithAConnectionError() async throws {
        let client = PostgresClient(conninfo: "host=/nonexistent-socket-dir port=1", backoff: Backoff(initial: .milliseconds(1), maximum: .milliseconds(5), maxAttempts: 3))
        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { $0.backendPID }
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("3 attempts") == true)
        #expect(client.reconnectCount == 0)
    }

    @Test func closedClientRefusesWork() async throws {
        let client = PostgresClient(conninfo: database.conninfo)
        _ = try await client.withConnection { $0.backendPID }
        await client.close()
        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { $0.backendPID }
        }
        #expect(error?.kind == .closed)
    }

    @Test func bodyErrorsThatAreNotConnectionLossKeepTheConnection() async throws {
        let client = PostgresClient(conninfo: database.conninfo)
        let before = try await client.withConnection { $0.backendPID }
        await #expect(throws: PostgresError.self) {
            try await client.withConnection { _ = try $0.query("SELEC 1") }
        }
        let after = try await client.withConnection { $0.backendPID }
        #expect(before == after)
        await client.close()
    }
}
