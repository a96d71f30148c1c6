import Foundation
import Postgres
import RecouvreCore

/// A tenant's collection policies in `policies` and `policy_steps`.
public struct PolicyStore: Sendable {
    public let slug: TenantSlug
    var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// Every policy, in the order they are tried: priority, then name.
    public func list(_ c: PostgresConnection) throws -> [PolicySummaryRecord] {
        try c.query("""
            SELECT p.name, p.description, p.debtor_kind, p.min_outstanding, p.priority, p.grace_days,
                   (SELECT count(*) FROM \(schema).policy_steps s WHERE s.policy = p.name) AS steps,
                   (SELECT count(*) FROM \(schema).cases k WHERE k.policy = p.name AND k.state = 'open') AS open_cases,
                   (SELECT count(*) FROM \(schema).debtors d WHERE d.policy = p.name) AS debtors
            FROM \(schema).policies p
            ORDER BY p.priority, p.name
            """).rows.map(PolicySummaryRecord.init(row:))
    }

    /// One policy and its steps; `lock` takes the policy's row for the rest of the transaction.
    public func get(_ c: PostgresConnection, name: String, lock: Bool = false) throws -> CollectionPolicy? {
        guard let row = try c.query("""
            SELECT name, description, debtor_kind, min_outstanding, priority, grace_days
            FROM \(schema).policies WHERE name = $1
            """ + (lock ? " FOR UPDATE" : ""), [name]).first else { return nil }
        let steps = try c.query("""
            SELECT position, offset_days, stage, channel, template, min_outstanding, max_outstanding,
                   requires_approval, send_at::text AS send_at, attach_statement, when_overdue
            FROM \(schema).policy_steps WHERE policy = $1 ORDER BY position
            """, [name]).rows.map(Self.step(row:))
        let kind = try row.decodeIfPresent(String.self, "debtor_kind")
        return CollectionPolicy(
            name: try row.decode(String.self, "name"), description: try row.decode(String.self, "description"),
            debtorKind: try kind.map { text in
                guard let kind = DebtorKind(rawValue: text) else { throw StoreError(description: "unknown debtor kind '\(text)'") }
                return kind
            },
            minOutstanding: try row.decode(Decimal.self, "min_outstanding"), priority: try row.decode(Int.self, "priority"),
            graceDays: try row.decode(Int.self, "grace_days"), steps: steps)
    }

    /// Creates or replaces `policy` and all its steps in one transaction, and journals who did
    /// it. Returns the policy as it was before (nil: new) and as it is now. The table's
    /// deferred checks (offsets in order, at least one step) run at commit.
    public func replace(_ c: PostgresConnection, with policy: CollectionPolicy,
                        author: String) throws -> (previous: CollectionPolicy?, current: CollectionPolicy) {
        try c.transaction { c in
            let previous = try get(c, name: policy.name, lock: true)
            _ = try c.query("""
                INSERT INTO \(schema).policies (name, description, debtor_kind, min_outstanding, priority, grace_days)
                VALUES ($1, $2, $3, $4::numeric, $5, $6)
                ON CONFLICT (name) DO UPDATE SET
                    description = EXCLUDED.description, debtor_kind = EXCLUDED.debtor_kind,
                    min_outstanding = EXCLUDED.min_outstanding, priority = EXCLUDED.priority,
                    grace_days = EXCLUDED.grace_days, updated_at = now()
                """, [policy.name, policy.description, policy.debtorKind?.rawValue, policy.minOutstanding, policy.priority,
                      policy.graceDays])
            _ = try c.query("DELETE FROM \(schema).policy_steps WHERE policy = $1", [policy.name])
            for step in policy.steps {
                _ = try c.query("""
                    INSERT INTO \(schema).policy_steps
                        (policy, position, offset_days, stage, channel, template, min_outstanding, max_outstanding,
                         requires_approval, send_at, attach_statement, when_overdue)
                    VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8::numeric, $9, $10::time, $11, $12)
                    """, [policy.name, step.position, step.offsetDays, step.stage.rawValue, step.channel.rawValue,
                          step.template, step.minOutstanding, step.maxOutstanding, step.requiresApproval,
                          step.sendAt.description, step.attachStatement, step.whenOverdue.rawValue])
            }
            _ = try c.query("""
                INSERT INTO \(schema).events (kind, actor, detail)
                VALUES ($1, $2, jsonb_build_object('policy', $3::text, 'steps', $4::int))
                """, [previous == nil ? "policy_created" : "policy_replaced", author, policy.name, policy.steps.count])
            guard let current = try get(c, name: policy.name) else {
                throw StoreError(description: "policy '\(policy.name)' vanished while it was written")
            }
            return (previous, current)
        }
    }

    /// Deletes a policy no case and no debtor refers to; cases keep the policy they followed
    /// as history, so a policy that was ever used stays.
    public func delete(_ c: PostgresConnection, name: String, author: String) throws {
        try c.transaction { c in
            guard try get(c, name: name, lock: true) != nil else { throw NotFoundError(what: "policy", key: name) }
            let usage = try c.query("""
                SELECT (SELECT count(*) FROM \(schema).cases WHERE policy = $1) AS cases,
                       (SELECT count(*) FROM \(schema).debtors WHERE policy = $1) AS debtors
                """, [name]).first
            let cases = try usage?.decode(Int.self, "cases") ?? 0
            let debtors = try usage?.decode(Int.self, "debtors") ?? 0
            guard cases == 0 && debtors == 0 else { throw PolicyInUseError(name: name, cases: cases, debtors: debtors) }
            _ = try c.query("DELETE FROM \(schema).policies WHERE name = $1", [name])
            _ = try c.query("""
                INSERT INTO \(schema).events (kind, actor, detail) VALUES ('policy_deleted', $1, jsonb_build_object('policy', $2::text))
                """, [author, name])
        }
    }

    static func step(row: PostgresRow) throws -> PolicyStep {
        let stageText = try row.decode(String.self, "stage")
        let channelText = try row.decode(String.self, "channel")
        let sendAtText = try row.decode(String.self, "send_at")
        let overdueText = try row.decode(String.self, "when_overdue")
        guard let stage = CollectionStage(rawValue: stageText), let channel = StepChannel(rawValue: channelText),
              let sendAt = LocalTime(parsing: sendAtText), let whenOverdue = TaskOverdueRule(rawValue: overdueText)
        else {
            throw StoreError(description: "policy step with unknown stage, channel, time or overdue rule: "
                             + "\(stageText), \(channelText), \(sendAtText), \(overdueText)")
        }
        return PolicyStep(
            position: try row.decode(Int.self, "position"), offsetDays: try row.decode(Int.self, "offset_days"),
            stage: stage, channel: channel, template: try row.decode(String.self, "template"),
            minOutstanding: try row.decode(Decimal.self, "min_outstanding"),
            maxOutstanding: try row.decodeIfPresent(Decimal.self, "max_outstanding"),
            requiresApproval: try row.decode(Bool.self, "requires_approval"), sendAt: sendAt,
            attachStatement: try row.decode(Bool.self, "attach_statement"), whenOverdue: whenOverdue)
    }
}
