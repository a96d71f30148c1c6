import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Tenant registry")
final class TenantRegistryTests {
    let database: StoreDatabase
    let registry = TenantRegistry()

    init() throws {
        database = try StoreDatabase()
    }

    private var c: PostgresConnection { database.connection }

    private func operatorEvents(_ slug: String) throws -> [String] {
        try c.query("SELECT kind FROM recouvre.operator_events WHERE tenant = $1 ORDER BY id", [slug])
            .rows.map { try $0.decode(String.self, "kind") }
    }

    /// The field of a `TenantError.invalid`, or nil for any other outcome.
    private func invalidField(_ body: () throws -> TenantRecord) -> String? {
        do {
            _ = try body()
            return nil
        } catch TenantError.invalid(let field, let reason) {
            #expect(!reason.isEmpty)
            return field
        } catch {
            Issue.record("expected TenantError.invalid, got \(error)")
            return nil
        }
    }

    @Test func createGetListUpdatePauseResume() throws {
        let acme = try TenantSlug("acme")
        let created = try registry.create(c, slug: acme, settings: TenantSettings(
            displayName: "Acme SAS", emailFrom: "relances@acme.example"))
        #expect(created.slug == acme)
        #expect(created.displayName == "Acme SAS")
        #expect(created.status == .active)
        #expect(created.timezone == "Europe/Paris")
        #expect(created.locale == .fr)
        #expect(created.emailFrom == "relances@acme.example")
        #expect(created.smtpURL == nil)
        #expect(created.schemaVersion == MigrationCatalog.latestTenantVersion)
        #expect(try registry.get(c, slug: acme) == created)

        _ = try registry.create(c, slug: try TenantSlug("beta"), settings: TenantSettings(displayName: "Beta"))
        #expect(try registry.list(c).map(\.slug.rawValue) == ["acme", "beta"])

        let updated = try registry.update(c, slug: acme, settings: TenantSettings(
            timezone: "America/Martinique", locale: .en, smtpURL: "smtps://mail.acme.example:465"))
        #expect(updated.timezone == "America/Martinique")
        #expect(updated.locale == .en)
        #expect(updated.smtpURL == "smtps://mail.acme.example:465")
        #expect(updated.displayName == "Acme SAS")
        #expect(updated.emailFrom == "relances@acme.example")

        #expect(try registry.pause(c, slug: acme).status == .paused)
        #expect(try registry.get(c, slug: acme).status == .paused)
        #expect(try registry.resume(c, slug: acme).status == .active)
        #expect(try registry.get(c, slug: acme).status == .active)
    }

    @Test func eachChangeRecordsAnOperatorEvent() throws {
        let acme = try TenantSlug("acme")
        _ = try registry.create(c, slug: acme, settings: TenantSettings(displayName: "Acme"))
        _ = try registry.update(c, slug: acme, settings: TenantSettings(timezone: "Europe/Brussels"))
        _ = try registry.pause(c, slug: acme)
        _ = try registry.resume(c, slug: acme)
        #expect(try operatorEvents("acme") == ["tenant_created", "tenant_updated", "tenant_paused", "tenant_resumed"])
        let detail = try c.value("""
            SELECT detail->>'timezone' FROM recouvre.operator_events WHERE tenant = 'acme' AND kind = 'tenant_updated'
            """, as: String.self)
        #expect(detail == "Europe/Brussels")
        #expect(try c.value("SELECT detail->>'name' FROM recouvre.operator_events WHERE kind = 'tenant_created'",
                            as: String.self) == "Acme")
    }

    @Test func creatingTwiceIsRefusedAndKeepsTheFirst() throws {
        let acme = try TenantSlug("acme")
        _ = try registry.create(c, slug: acme, settings: TenantSettings(displayName: "First"))
        #expect(throws: TenantError.exists(slug: "acme")) {
            try self.registry.create(self.c, slug: acme, settings: TenantSettings(displayName: "Second"))
        }
        #expect(try registry.get(c, slug: acme).displayName == "First")
        #expect(try operatorEvents("acme") == ["tenant_created"])
    }

    @Test func invalidSettingsNameTheField() throws {
        let slug = try TenantSlug("acme")
        #expect(invalidField { try registry.create(c, slug: slug, settings: TenantSettings(
            displayName: "Acme", timezone: "Mars/Olympus_Mons")) } == "timezone")
        #expect(invalidField { try registry.create(c, slug: slug, settings: TenantSettings(
            displayName: "Acme", emailFrom: "relances at acme")) } == "emailFrom")
        #expect(invalidField { try registry.create(c, slug: slug, settings: TenantSettings(
            displayName: "Acme", smtpURL: "mail.acme.example:25")) } == "smtpURL")
        #expect(invalidField { try registry.create(c, slug: slug, settings: TenantSettings(displayName: "   ")) }
                == "displayName")
        #expect(invalidField { try registry.create(c, slug: slug, settings: TenantSettings()) } == "displayName")
        // Nothing half-created: no row, no schema.
        #expect(try registry.list(c).isEmpty)
        #expect(try c.value("SELECT to_regnamespace('tenant_acme') IS NULL", as: Bool.self))

        _ = try registry.create(c, slug: slug, settings: TenantSettings(displayName: "Acme"))
        #expect(invalidField { try registry.update(c, slug: slug, settings: TenantSettings(displayName: " ")) }
                == "displayName")
        #expect(invalidField { try registry.update(c, slug: slug, settings: TenantSettings(timezone: "Nowhere")) }
                == "timezone")
        #expect(try registry.get(c, slug: slug).timezone == "Europe/Paris")
    }

    @Test func unknownSlugIsNotFound() throws {
        let ghost = try TenantSlug("ghost")
        #expect(throws: TenantError.notFound(slug: "ghost")) { try self.registry.get(self.c, slug: ghost) }
        #expect(throws: TenantError.notFound(slug: "ghost")) {
            try self.registry.update(self.c, slug: ghost, settings: TenantSettings(locale: .en))
        }
        #expect(throws: TenantError.notFound(slug: "ghost")) { try self.registry.pause(self.c, slug: ghost) }
        #expect(throws: TenantError.notFound(slug: "ghost")) { try self.registry.resume(self.c, slug: ghost) }
        #expect(try c.count("recouvre.operator_events") == 0)
    }

    @Test func actionCountsGroupByState() throws {
        let tenant = try database.tenant("acme")
        let debtor = try tenant.sql.insertDebtor(ref: "D1")
        let other = try tenant.sql.insertDebtor(ref: "D2")
        _ = try tenant.sql.insertInvoice(debtor: debtor, number: "F-1", amount: "10.00")
        _ = try tenant.sql.insertInvoice(debtor: other, number: "F-2", amount: "20.00")
        _ = try tenant.sql.query("UPDATE actions SET state = 'cancelled', finished_at = now() WHERE id = (SELECT min(id) FROM actions)")
        let counts = try registry.actionCounts(c, slug: tenant.slug)
        #expect(counts["scheduled"] == 1)
        #expect(counts["cancelled"] == 1)
        #expect(counts["dead"] == 0)
    }
}
