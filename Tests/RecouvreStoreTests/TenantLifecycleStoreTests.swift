import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// The registry's drop and settings changes, at the SQL level.
@Suite("Tenant lifecycle in the registry")
final class TenantLifecycleStoreTests {
    let database: StoreDatabase
    let registry = TenantRegistry()

    init() throws {
        database = try StoreDatabase()
    }

    private var c: PostgresConnection { database.connection }

    /// A paused tenant with one debtor whose invoice scheduled a review.
    private func pausedTenantWithWork(_ raw: String) throws -> TenantSlug {
        let (slug, sql) = try database.tenant(raw)
        defer { sql.close() }
        _ = try sql.query("INSERT INTO debtors (external_ref, name, email) VALUES ('D1', 'Débiteur', 'd1@exemple.fr')")
        _ = try sql.query("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-1', current_date - 40, current_date - 10, 100 FROM debtors
            """)
        _ = try registry.pause(c, slug: slug)
        return slug
    }

    @Test func aClaimNotYetCommittedHoldsTheDropBackAndThenRefusesIt() throws {
        let slug = try pausedTenantWithWork("racing")
        let worker = try database.connect()
        defer { worker.close() }
        // A worker's claim, still in its transaction: the drop must neither miss it nor drop
        // the schema under it.
        try worker.execute("BEGIN")
        let claimed = try worker.query("""
            UPDATE tenant_racing.actions SET state = 'running', lease_owner = 'w1', lease_expires_at = now() + interval '1 minute'
            WHERE id = (SELECT min(id) FROM tenant_racing.actions) RETURNING id
            """)
        #expect(claimed.rows.count == 1)
        try c.execute("SET lock_timeout = '300ms'")
        #expect(throws: PostgresError.self) { try self.registry.drop(self.c, slug: slug, actor: "alice") }
        try worker.execute("COMMIT")
        #expect(throws: TenantError.self) { try self.registry.drop(self.c, slug: slug, actor: "alice") }
        #expect(try c.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_racing'", as: Int.self) == 1)
        try c.execute("RESET lock_timeout")
    }

    @Test func aDropKeepsTheRowWithoutSecretsAndTheJournal() throws {
        let slug = try pausedTenantWithWork("kept")
        _ = try c.query("""
            INSERT INTO recouvre.tenant_channels (tenant, sms_url, sms_secret)
            VALUES ('kept', 'https://sms.example/send', repeat('s', 40))
            """)
        let dropped = try registry.drop(c, slug: slug, actor: "alice")
        #expect(dropped.displayName == "Tenant" && dropped.droppedBy == "alice")
        #expect(dropped.discarded["scheduled"] == 1)
        let settings = try c.value("SELECT settings::text FROM recouvre.dropped_tenants WHERE slug = 'kept'", as: String.self)
        #expect(settings.contains("https://sms.example/send") && !settings.contains("ssssssss"), "\(settings)")
        #expect(try c.value("SELECT count(*) FROM recouvre.due_work WHERE tenant = 'kept'", as: Int.self) == 0)
        let kinds = try c.query("SELECT kind FROM recouvre.operator_events WHERE tenant = 'kept' ORDER BY id")
            .rows.map { try $0.decode(String.self, "kind") }
        #expect(kinds == ["tenant_created", "tenant_paused", "tenant_dropped"])
        #expect(throws: TenantError.self) {
            try self.registry.create(self.c, slug: slug, settings: TenantSettings(displayName: "Autre SAS"))
        }
        let again = try registry.create(c, slug: slug, settings: TenantSettings(displayName: "Autre SAS"), reuseDroppedSlug: true)
        #expect(again.displayName == "Autre SAS" && again.status == .active)
    }

    @Test func changesJournalOldAndNewValuesAndHideTheRelayPassword() throws {
        let slug = try TenantSlug("relay")
        _ = try registry.create(c, slug: slug, settings: TenantSettings(displayName: "Relay", smtpURL: "smtp://u:secret@relay.example:25"))
        let (tenant, changed) = try registry.change(c, slug: slug, settings: TenantSettings(locale: .en), clearing: [.smtpURL],
                                                    actor: "bob")
        #expect(changed == [.locale, .smtpURL])
        #expect(tenant.smtpURL == nil && tenant.locale == .en)
        let detail = try c.value("""
            SELECT detail::text FROM recouvre.operator_events WHERE tenant = 'relay' AND kind = 'tenant_updated' AND actor = 'bob'
            """, as: String.self)
        #expect(detail.contains("smtp://u:***@relay.example:25") && !detail.contains("secret"), "\(detail)")
        #expect(throws: TenantError.self) {
            try self.registry.change(self.c, slug: slug, settings: TenantSettings(), clearing: [.displayName], actor: "bob")
        }
    }
}
