import Postgres
import RecouvreTestSupport

/// A fresh database for one test, dropped when the test's suite instance goes away.
final class ScratchDatabase {
    let conninfo: String

    init() throws {
        conninfo = try TestDatabase.create()
    }

    deinit {
        try? TestDatabase.drop(conninfo)
    }

    func connect(applicationName: String = "recouvre-tests") throws -> PostgresConnection {
        try PostgresConnection(conninfo: conninfo, applicationName: applicationName)
    }
}
