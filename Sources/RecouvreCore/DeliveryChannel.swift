/// How a step reaches the debtor, or the collector.
public enum DeliveryChannel: String, Sendable, Codable, CaseIterable {
    case email
    case sms
    /// A letter, sent through a print-and-mail provider or left for the operator.
    case letter
    /// A call task for a human collector.
    case call
}
