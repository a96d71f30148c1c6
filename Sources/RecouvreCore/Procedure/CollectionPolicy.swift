import Foundation

/// A tenant's collection policy: which debtors it is for, and its steps.
public struct CollectionPolicy: Sendable, Hashable {
    /// Unique in the tenant (`^[a-z][a-z0-9_-]{0,39}$`).
    public let name: String
    public let description: String
    /// The kind of debtor it is for; nil for any.
    public let debtorKind: DebtorKind?
    /// It is for debtors whose overdue total is at least this.
    public let minOutstanding: Decimal
    /// Lower is tried first when choosing a debtor's policy; ties go by name.
    public let priority: Int
    /// Days after a promised date or an instalment's due date before it counts as broken.
    public let graceDays: Int
    /// By position.
    public let steps: [PolicyStep]

    /// Creates a policy; steps are sorted by position.
    public init(name: String, description: String = "", debtorKind: DebtorKind?, minOutstanding: Decimal = 0,
                priority: Int = 100, graceDays: Int = 3, steps: [PolicyStep]) {
        self.name = name
        self.description = description
        self.debtorKind = debtorKind
        self.minOutstanding = minOutstanding
        self.priority = priority
        self.graceDays = graceDays
        self.steps = steps.sorted { $0.position < $1.position }
    }

    /// The step at `position`, if any.
    public func step(at position: Int) -> PolicyStep? {
        steps.first { $0.position == position }
    }
}
