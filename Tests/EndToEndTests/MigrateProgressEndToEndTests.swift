import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl migrate` in batches against the built daemon: one plain line per batch when
/// not on a terminal, resumable, a no-op when everything is up to date.
@Suite(.serialized)
struct MigrateProgressEndToEndTests {
    @Test func tenantsBehindAreMigratedBatchByBatchWithALinePerBatch() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        for slug in ["mig_a", "mig_b", "mig_c", "mig_d"] {
            #expect(try daemon.ctl("tenant", "create", slug, "--name", "Tenant \(slug)").status == 0)
        }
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        // Three registry rows behind their schemas: each batch brings them up to date.
        try sql.query("UPDATE recouvre.tenants SET schema_version = 1 WHERE slug <> 'mig_d'")

        let run = try daemon.ctl("migrate", "--batch", "2")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\r") && !run.stdout.contains("\u{1B}"), "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "tenants: 2 of 3 migrated, 1 to go",
            "tenants: 3 of 3 migrated, 0 to go",
            "control schema: 0 migration(s) applied",
            "tenants: 3 of 4 migrated",
        ], "\(run.stdout)")
        let behind = try sql.query("SELECT count(*) AS n FROM recouvre.tenants WHERE schema_version < (SELECT max(schema_version) FROM recouvre.tenants)")
        #expect(try behind.first?.decode(Int.self, "n") == 0)

        let again = try daemon.ctl("--json", "migrate")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains(#""tenantsMigrated" : 0"#) && again.stdout.contains(#""tenantsTotal" : 4"#), "\(again.stdout)")
        let bad = try daemon.ctl("migrate", "--batch", "0")
        #expect(bad.status == 2 && bad.stderr.contains("--batch takes 1 to 1000"), "\(bad.stderr)")
    }
}
