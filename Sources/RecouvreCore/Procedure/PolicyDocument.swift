import Foundation

/// A collection policy as written by a person: the JSON (or YAML) document that
/// `recouvrectl policy set` reads and `policy show` prints.
///
/// Keys are those of the SQL columns (snake_case). Only `name` and `steps` are required; the
/// rest default as in the schema. Amounts may be strings (`"5000.01"`) or numbers. Nothing is
/// checked while decoding beyond the JSON types: `validated()` reports every problem at once,
/// unknown keys included, so a typo never passes silently.
public struct PolicyDocument: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    /// `business`, `consumer`, or nil for any debtor.
    public var debtorKind: String?
    public var minOutstanding: PolicyAmount?
    public var priority: Int?
    public var graceDays: Int?
    public var steps: [StepDocument]
    /// Keys the document has that a policy does not (reported by `validated()`).
    public private(set) var unknownKeys: [String] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description
        case debtorKind = "debtor_kind"
        case minOutstanding = "min_outstanding"
        case priority
        case graceDays = "grace_days"
        case steps
    }

    /// A document with the given fields.
    public init(name: String, description: String? = nil, debtorKind: String? = nil, minOutstanding: PolicyAmount? = nil,
                priority: Int? = nil, graceDays: Int? = nil, steps: [StepDocument]) {
        self.name = name
        self.description = description
        self.debtorKind = debtorKind
        self.minOutstanding = minOutstanding
        self.priority = priority
        self.graceDays = graceDays
        self.steps = steps
    }

    /// The document of `policy`, every field written out (for show and export).
    public init(_ policy: CollectionPolicy) {
        self.init(name: policy.name, description: policy.description, debtorKind: policy.debtorKind?.rawValue,
                  minOutstanding: PolicyAmount(policy.minOutstanding), priority: policy.priority, graceDays: policy.graceDays,
                  steps: policy.steps.map(StepDocument.init))
    }

    public init(from decoder: any Decoder) throws {
        unknownKeys = try DocumentKey.unknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        description = try container.decodeIfPresent(String.self, forKey: .description)
        debtorKind = try container.decodeIfPresent(String.self, forKey: .debtorKind)
        minOutstanding = try container.decodeIfPresent(PolicyAmount.self, forKey: .minOutstanding)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority)
        graceDays = try container.decodeIfPresent(Int.self, forKey: .graceDays)
        steps = try container.decodeIfPresent([StepDocument].self, forKey: .steps) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(debtorKind, forKey: .debtorKind)
        try container.encodeIfPresent(minOutstanding, forKey: .minOutstanding)
        try container.encodeIfPresent(priority, forKey: .priority)
        try container.encodeIfPresent(graceDays, forKey: .graceDays)
        try container.encode(steps, forKey: .steps)
    }
}
