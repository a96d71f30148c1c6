import Foundation

/// Parameters of `SetPolicy`.
public struct SetPolicyParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The policy document as JSON text (snake_case keys: name, description, debtor_kind,
    /// min_outstanding, priority, grace_days, steps[position, offset_days, stage, channel,
    /// template, min_outstanding, max_outstanding, requires_approval, send_at]).
    public var document: String

    /// Builds the parameters.
    public init(tenant: String, document: String) {
        self.tenant = tenant
        self.document = document
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        if document.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ParameterProblem("document", "the policy document is empty: give a JSON object with name and steps")
        }
    }
}
