import ControlProtocol
import Foundation
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// Policies: listed, shown, replaced from a document, deleted.
extension ControlService {
    func listPolicies(tenant: String) async throws -> [PolicySummary] {
        try await procedureCall(tenant) { slug, c in try PolicyStore(slug: slug).list(c) }.map {
            PolicySummary(name: $0.name, description: $0.description, debtorKind: $0.debtorKind,
                          minOutstanding: Self.money($0.minOutstanding), priority: $0.priority, graceDays: $0.graceDays,
                          steps: $0.steps, openCases: $0.openCases, debtors: $0.debtors)
        }
    }

    func getPolicy(tenant: String, name: String) async throws -> PolicyInfo {
        let policy = try await procedureCall(tenant) { slug, c in
            guard let policy = try PolicyStore(slug: slug).get(c, name: name) else { throw NotFoundError(what: "policy", key: name) }
            return policy
        }
        return Self.info(policy)
    }

    func setPolicy(_ p: SetPolicyParameters, caller: ControlCaller) async throws -> SetPolicyReply {
        let policy = try Self.policy(fromDocument: p.document)
        let problems = try Self.deliveryProblems(policy)
        guard problems.isEmpty else { throw ControlError.invalidPolicy(name: policy.name, problems: problems) }
        let (previous, current) = try await procedureCall(p.tenant) { slug, c in
            try PolicyStore(slug: slug).replace(c, with: policy, author: caller.name)
        }
        return SetPolicyReply(policy: Self.info(current), changes: PolicyDiff.changes(from: previous, to: current))
    }

    func deletePolicy(tenant: String, name: String, caller: ControlCaller) async throws {
        try await procedureCall(tenant) { slug, c in try PolicyStore(slug: slug).delete(c, name: name, author: caller.name) }
    }

    /// Decodes and validates a policy document; every problem found goes back at once.
    static func policy(fromDocument text: String) throws -> CollectionPolicy {
        let data = Data(text.utf8)
        let document: PolicyDocument
        do {
            document = try JSONDecoder().decode(PolicyDocument.self, from: data)
        } catch let error as DecodingError {
            throw ControlError.invalidPolicy(name: documentName(data), problems: [PolicyDiff.problem(error)])
        }
        do {
            return try document.validated()
        } catch {
            throw ControlError.invalidPolicy(name: documentName(data), problems: error.problems)
        }
    }

    /// What this daemon could not deliver: a message step whose template it does not have in
    /// every language. Caught here rather than when the step comes due, months later.
    static func deliveryProblems(_ policy: CollectionPolicy) throws -> [String] {
        let renderer = try ReminderRenderer()
        var problems: [String] = []
        for (index, step) in policy.steps.enumerated() {
            switch step.channel {
            case .email, .letter:
                for locale in MessageLocale.allCases where !renderer.templateNames(for: locale).contains(step.template) {
                    problems.append("steps[\(index)].template: there is no \(locale.rawValue) template '\(step.template)'; "
                                    + "use one of \(renderer.templateNames(for: locale).joined(separator: ", "))")
                }
            case .sms, .webhook, .task:
                // SMS and webhooks go to the tenant's endpoints (recouvrectl tenant channels).
                break
            }
        }
        return problems
    }

    /// The document's name, for messages about a document that may not decode.
    private static func documentName(_ data: Data) -> String {
        ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["name"] as? String ?? "(unnamed)"
    }

    static func info(_ policy: CollectionPolicy) -> PolicyInfo {
        PolicyInfo(name: policy.name, description: policy.description, debtorKind: policy.debtorKind?.rawValue,
                   minOutstanding: money(policy.minOutstanding), priority: policy.priority, graceDays: policy.graceDays,
                   steps: policy.steps.map {
                       PolicyStepInfo(position: $0.position, offsetDays: $0.offsetDays, stage: $0.stage.rawValue,
                                      channel: $0.channel.rawValue, template: $0.template,
                                      minOutstanding: money($0.minOutstanding), maxOutstanding: $0.maxOutstanding.map(money),
                                      requiresApproval: $0.requiresApproval, sendAt: $0.sendAt.description,
                                      attachStatement: $0.attachStatement, whenOverdue: $0.whenOverdue.rawValue)
                   })
    }
}
