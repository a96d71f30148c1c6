import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// `policies` and `policy_steps`: the seeded defaults, the step rules and the checks made at commit.
@Suite("Procedure: policies and their steps")
final class ProcedurePolicyTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    private func steps(_ policy: String) throws -> [String] {
        try sql.query("""
            SELECT concat_ws(' ', position, offset_days, stage, channel, template, min_outstanding,
                             coalesce(max_outstanding::text, '-'), requires_approval::text, send_at) AS step
            FROM policy_steps WHERE policy = $1 ORDER BY position
            """, [policy]).rows.map { try $0.decode(String.self, "step") }
    }

    @Test func theBusinessPolicyIsSeededWithItsEightSteps() throws {
        #expect(try steps("business") == [
            "1 -3 reminder email courtesy 0.00 - false 09:00:00",
            "2 1 reminder email reminder1 0.00 - false 09:00:00",
            "3 8 reminder email reminder2 0.00 - false 09:00:00",
            "4 15 call task call 0.00 - false 09:00:00",
            "5 30 formal_notice letter formal_notice 0.00 - false 09:00:00",
            "6 45 small_claims task small_claims 0.00 5000.00 true 09:00:00",
            "7 45 agency task agency_handoff 5000.01 - true 09:00:00",
            "8 75 legal task court_file 0.00 - true 09:00:00",
        ])
    }

    @Test func theConsumerPolicyIsSeededWithItsEightSteps() throws {
        #expect(try steps("consumer") == [
            "1 -3 reminder email courtesy 0.00 - false 09:00:00",
            "2 1 reminder email reminder1 0.00 - false 09:00:00",
            "3 10 reminder email reminder2 0.00 - false 09:00:00",
            "4 20 call task call 0.00 - false 09:00:00",
            "5 35 formal_notice letter formal_notice 0.00 - false 09:00:00",
            "6 60 small_claims task small_claims 0.00 5000.00 true 09:00:00",
            "7 60 agency task agency_handoff 5000.01 - true 09:00:00",
            "8 90 legal task court_file 0.00 - true 09:00:00",
        ])
    }

    @Test func theSeededPoliciesAreChosenByDebtorKind() throws {
        let rows = try sql.query("""
            SELECT name, debtor_kind, min_outstanding, priority, grace_days, length(description) > 40 AS described
            FROM policies ORDER BY name
            """).rows
        #expect(try rows.map { try $0.decode(String.self, "name") } == ["business", "consumer"])
        #expect(try rows.map { try $0.decode(String.self, "debtor_kind") } == ["business", "consumer"])
        for row in rows {
            #expect(try row.decode(Decimal.self, "min_outstanding") == 0)
            #expect(try row.decode(Int.self, "priority") == 100)
            #expect(try row.decode(Int.self, "grace_days") == 3)
            #expect(try row.decode(Bool.self, "described"))
        }
    }

    private let stepInsert = """
        INSERT INTO policy_steps (policy, position, offset_days, stage, channel, template, min_outstanding, max_outstanding)
        VALUES ('business', $1, $2, $3, $4, $5, $6::numeric, $7::numeric)
        """

    private func expectStepRefused(_ constraint: String, _ parameters: [(any PostgresEncodable)?],
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: PostgresError.self, sourceLocation: sourceLocation) {
            try self.sql.query(self.stepInsert, parameters)
        }
        #expect(error?.sqlState == "23514", sourceLocation: sourceLocation)
        #expect(error?.constraint == constraint, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func onlyEmailOrSmsRemindersMayComeBeforeTheDueDate() throws {
        expectStepRefused("policy_step_before_due_date_is_reminder_by_email_or_sms", [9, -1, "reminder", "letter", "courtesy", "0", nil])
        expectStepRefused("policy_step_before_due_date_is_reminder_by_email_or_sms", [9, -1, "call", "task", "call", "0", nil])
        try sql.transaction { c in
            _ = try c.query("UPDATE policy_steps SET channel = 'sms', template = 'courtesy_sms' WHERE policy = 'business' AND position = 1")
        }
    }

    @Test func taskStepsNameTheKindOfTask() throws {
        expectStepRefused("policy_step_task_channel_uses_task_template", [9, 80, "legal", "task", "bailiff", "0", nil])
        expectStepRefused("policy_step_template_format", [9, 80, "legal", "letter", "Court File", "0", nil])
        expectStepRefused("policy_step_stage_known", [9, 80, "bailiff", "letter", "x", "0", nil])
        expectStepRefused("policy_step_channel_known", [9, 80, "legal", "fax", "x", "0", nil])
        expectStepRefused("policy_step_position_1_to_50", [51, 80, "legal", "letter", "x", "0", nil])
        expectStepRefused("policy_step_offset_days_minus_90_to_1825", [9, 2000, "legal", "letter", "x", "0", nil])
        expectStepRefused("policy_step_max_outstanding_not_below_min", [9, 80, "legal", "letter", "x", "100", "99.99"])
    }

    @Test func policyAttributesAreChecked() throws {
        for (statement, constraint) in [
            ("INSERT INTO policies (name) VALUES ('Big Debtors')", "policy_name_format"),
            ("INSERT INTO policies (name, debtor_kind) VALUES ('big', 'company')", "policy_debtor_kind_business_or_consumer"),
            ("INSERT INTO policies (name, grace_days) VALUES ('big', 31)", "policy_grace_days_0_to_30"),
            ("INSERT INTO policies (name, min_outstanding) VALUES ('big', -1)", "policy_min_outstanding_not_negative"),
        ] {
            let error = #expect(throws: PostgresError.self) { try self.sql.query(statement) }
            #expect(error?.constraint == constraint, "\(statement)")
        }
    }

    @Test func offsetsMayBeOutOfOrderWithinATransactionButNotAtCommit() throws {
        // Moving a step later and the next ones with it passes once the transaction is consistent.
        try sql.transaction { c in
            _ = try c.query("UPDATE policy_steps SET offset_days = 50 WHERE policy = 'business' AND position = 5")
            _ = try c.query("UPDATE policy_steps SET offset_days = 60 WHERE policy = 'business' AND position IN (6, 7)")
        }
        let error = try #require(expectProcedureError("23514", mentioning: ["business", "step 6", "offset_days 40", "step 5"]) {
            try self.sql.transaction { c in
                _ = try c.query("UPDATE policy_steps SET offset_days = 40 WHERE policy = 'business' AND position = 6")
            }
        })
        #expect(error.constraint == "policy_step_offsets_non_decreasing")
        #expect(try sql.value("SELECT offset_days FROM policy_steps WHERE policy = 'business' AND position = 6", as: Int.self) == 60)
    }

    @Test func aPolicyKeepsAtLeastOneStep() throws {
        let emptied = try #require(expectProcedureError("23514", mentioning: ["consumer", "no steps"]) {
            try self.sql.transaction { c in _ = try c.query("DELETE FROM policy_steps WHERE policy = 'consumer'") }
        })
        #expect(emptied.constraint == "policy_has_a_step")
        #expect(try sql.value("SELECT count(*) FROM policy_steps WHERE policy = 'consumer'", as: Int.self) == 8)

        let bare = try #require(expectProcedureError("23514", mentioning: ["big", "no steps"]) {
            try self.sql.transaction { c in _ = try c.query("INSERT INTO policies (name) VALUES ('big')") }
        })
        #expect(bare.constraint == "policy_has_a_step")

        // A policy with its step, created together, and deleted together.
        try sql.transaction { c in
            _ = try c.query("INSERT INTO policies (name, min_outstanding, priority) VALUES ('big', 10000, 10)")
            _ = try c.query("INSERT INTO policy_steps (policy, position, offset_days, stage, channel, template) VALUES ('big', 1, 0, 'call', 'task', 'call')")
        }
        try sql.transaction { c in _ = try c.query("DELETE FROM policies WHERE name = 'big'") }
        #expect(try sql.value("SELECT count(*) FROM policy_steps WHERE policy = 'big'", as: Int.self) == 0)
    }

    @Test func aDebtorOverrideMustNameAPolicyAndFollowsItsRenaming() throws {
        let debtor = try sql.insertDebtor(ref: "CLI-1")
        let error = #expect(throws: PostgresError.self) { try self.sql.query("UPDATE debtors SET policy = 'nope' WHERE id = $1", [debtor]) }
        #expect(error?.constraint == "debtor_policy_must_exist")
        _ = try sql.query("UPDATE debtors SET policy = 'consumer' WHERE id = $1", [debtor])
        _ = try sql.query("UPDATE policies SET name = 'private' WHERE name = 'consumer'")
        #expect(try sql.value("SELECT policy FROM debtors WHERE id = $1", [debtor], as: String.self) == "private")
        #expect(try sql.value("SELECT count(*) FROM policy_steps WHERE policy = 'private'", as: Int.self) == 8)
    }

    @Test func theMigrationAppliesToAFreshTenantAndAgainIsANoOp() throws {
        let fresh = try database.tenant("fresh")
        let versions = try fresh.sql.query("SELECT version FROM schema_migrations ORDER BY version").rows
            .map { try $0.decode(Int.self, "version") }
        #expect(versions == MigrationCatalog.tenant.map(\.version))
        #expect(versions.contains(3))
        #expect(try fresh.sql.value("SELECT count(*) FROM policy_steps", as: Int.self) == 16)
        for table in ["cases", "promises", "payment_plans", "plan_instalments", "reductions", "disputes", "tasks"] {
            #expect(try fresh.sql.count(table) == 0, "\(table)")
        }
        #expect(try Migrator().migrateTenant(database.connection, slug: fresh.slug) == 0)
    }
}
