import Foundation
import Postgres

/// A policy in the tenant's list, with how much it is used.
public struct PolicySummaryRecord: Sendable, Equatable {
    public let name: String
    public let description: String
    public let debtorKind: String?
    public let minOutstanding: Decimal
    public let priority: Int
    public let graceDays: Int
    public let steps: Int
    public let openCases: Int
    public let debtors: Int

    init(row: PostgresRow) throws {
        name = try row.decode(String.self, "name")
        description = try row.decode(String.self, "description")
        debtorKind = try row.decodeIfPresent(String.self, "debtor_kind")
        minOutstanding = try row.decode(Decimal.self, "min_outstanding")
        priority = try row.decode(Int.self, "priority")
        graceDays = try row.decode(Int.self, "grace_days")
        steps = try row.decode(Int.self, "steps")
        openCases = try row.decode(Int.self, "open_cases")
        debtors = try row.decode(Int.self, "debtors")
    }
}

/// A policy cannot be deleted: cases followed it or debtors are set to it.
public struct PolicyInUseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let cases: Int
    public let debtors: Int
    public var description: String { "policy '\(name)' is used by \(cases) case(s) and \(debtors) debtor(s)" }
}
