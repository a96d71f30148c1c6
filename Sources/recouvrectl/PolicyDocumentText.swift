import ControlProtocol
import Foundation
import Yams

/// A policy in the document form `policy set` reads: snake_case keys, amounts as strings,
/// fields in a reading order.
struct PolicyDocumentText: Encodable {
    struct Step: Encodable {
        var position: Int
        var offsetDays: Int
        var stage: String
        var channel: String
        var template: String
        var minOutstanding: String
        var maxOutstanding: String?
        var requiresApproval: Bool
        var sendAt: String
        /// Written for e-mail steps only.
        var attachStatement: Bool?
        /// Written for task steps only.
        var whenOverdue: String?

        enum CodingKeys: String, CodingKey {
            case position, offsetDays = "offset_days", stage, channel, template, minOutstanding = "min_outstanding"
            case maxOutstanding = "max_outstanding", requiresApproval = "requires_approval", sendAt = "send_at"
            case attachStatement = "attach_statement", whenOverdue = "when_overdue"
        }
    }

    var name: String
    var description: String
    var debtorKind: String?
    var minOutstanding: String
    var priority: Int
    var graceDays: Int
    var steps: [Step]

    enum CodingKeys: String, CodingKey {
        case name, description, debtorKind = "debtor_kind", minOutstanding = "min_outstanding", priority
        case graceDays = "grace_days", steps
    }

    init(_ p: PolicyInfo) {
        name = p.name
        description = p.description
        debtorKind = p.debtorKind
        minOutstanding = p.minOutstanding
        priority = p.priority
        graceDays = p.graceDays
        steps = p.steps.map {
            Step(position: $0.position, offsetDays: $0.offsetDays, stage: $0.stage, channel: $0.channel, template: $0.template,
                 minOutstanding: $0.minOutstanding, maxOutstanding: $0.maxOutstanding, requiresApproval: $0.requiresApproval,
                 sendAt: $0.sendAt, attachStatement: $0.channel == "email" ? $0.attachStatement : nil,
                 whenOverdue: $0.channel == "task" ? $0.whenOverdue : nil)
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    var yaml: String {
        // Yams quotes strings that would read back as numbers or times ("500.00", "09:00").
        ((try? YAMLEncoder().encode(self)) ?? "").trimmingCharacters(in: .newlines)
    }
}
