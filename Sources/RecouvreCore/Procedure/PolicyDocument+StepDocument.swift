import Foundation

extension PolicyDocument {
    /// One step as written. Every field is optional while decoding so that a missing one is
    /// reported by validation with its path, along with every other problem.
    public struct StepDocument: Sendable, Hashable, Codable {
        /// Defaults to the step's index in `steps` plus one.
        public var position: Int?
        public var offsetDays: Int?
        public var stage: String?
        public var channel: String?
        public var template: String?
        public var minOutstanding: PolicyAmount?
        public var maxOutstanding: PolicyAmount?
        public var requiresApproval: Bool?
        /// `HH:MM`; 09:00 when absent.
        public var sendAt: String?
        /// E-mail steps only: attach the statement of account as a PDF; false when absent.
        public var attachStatement: Bool?
        /// Task steps only: `wait` (when absent) or `escalate` once the task is past its deadline.
        public var whenOverdue: String?
        /// Keys the step has that a step does not (reported by `validated()`).
        public private(set) var unknownKeys: [String] = []

        enum CodingKeys: String, CodingKey, CaseIterable {
            case position
            case offsetDays = "offset_days"
            case stage, channel, template
            case minOutstanding = "min_outstanding"
            case maxOutstanding = "max_outstanding"
            case requiresApproval = "requires_approval"
            case sendAt = "send_at"
            case attachStatement = "attach_statement"
            case whenOverdue = "when_overdue"
        }

        /// A step with the given fields.
        public init(position: Int? = nil, offsetDays: Int?, stage: String?, channel: String?, template: String?,
                    minOutstanding: PolicyAmount? = nil, maxOutstanding: PolicyAmount? = nil, requiresApproval: Bool? = nil,
                    sendAt: String? = nil, attachStatement: Bool? = nil, whenOverdue: String? = nil) {
            self.position = position
            self.offsetDays = offsetDays
            self.stage = stage
            self.channel = channel
            self.template = template
            self.minOutstanding = minOutstanding
            self.maxOutstanding = maxOutstanding
            self.requiresApproval = requiresApproval
            self.sendAt = sendAt
            self.attachStatement = attachStatement
            self.whenOverdue = whenOverdue
        }

        /// The document of `step`, every field written out.
        public init(_ step: PolicyStep) {
            self.init(position: step.position, offsetDays: step.offsetDays, stage: step.stage.rawValue,
                      channel: step.channel.rawValue, template: step.template, minOutstanding: PolicyAmount(step.minOutstanding),
                      maxOutstanding: step.maxOutstanding.map(PolicyAmount.init), requiresApproval: step.requiresApproval,
                      sendAt: step.sendAt.description,
                      attachStatement: step.channel == .email ? step.attachStatement : nil,
                      whenOverdue: step.channel == .task ? step.whenOverdue.rawValue : nil)
        }

        public init(from decoder: any Decoder) throws {
            unknownKeys = try DocumentKey.unknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            position = try container.decodeIfPresent(Int.self, forKey: .position)
            offsetDays = try container.decodeIfPresent(Int.self, forKey: .offsetDays)
            stage = try container.decodeIfPresent(String.self, forKey: .stage)
            channel = try container.decodeIfPresent(String.self, forKey: .channel)
            template = try container.decodeIfPresent(String.self, forKey: .template)
            minOutstanding = try container.decodeIfPresent(PolicyAmount.self, forKey: .minOutstanding)
            maxOutstanding = try container.decodeIfPresent(PolicyAmount.self, forKey: .maxOutstanding)
            requiresApproval = try container.decodeIfPresent(Bool.self, forKey: .requiresApproval)
            sendAt = try container.decodeIfPresent(String.self, forKey: .sendAt)
            attachStatement = try container.decodeIfPresent(Bool.self, forKey: .attachStatement)
            whenOverdue = try container.decodeIfPresent(String.self, forKey: .whenOverdue)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(position, forKey: .position)
            try container.encodeIfPresent(offsetDays, forKey: .offsetDays)
            try container.encodeIfPresent(stage, forKey: .stage)
            try container.encodeIfPresent(channel, forKey: .channel)
            try container.encodeIfPresent(template, forKey: .template)
            try container.encodeIfPresent(minOutstanding, forKey: .minOutstanding)
            try container.encodeIfPresent(maxOutstanding, forKey: .maxOutstanding)
            try container.encodeIfPresent(requiresApproval, forKey: .requiresApproval)
            try container.encodeIfPresent(sendAt, forKey: .sendAt)
            try container.encodeIfPresent(attachStatement, forKey: .attachStatement)
            try container.encodeIfPresent(whenOverdue, forKey: .whenOverdue)
        }
    }
}
