/// How a policy step reaches the debtor, or the collectors.
///
/// The raw values are those of `policy_steps.channel` and `actions.channel`.
public enum StepChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    /// A letter: kept in the tenant's letter spool or handed to a print-and-mail provider.
    case letter
    case sms
    /// An HTTPS POST to the tenant's endpoint.
    case webhook
    /// Work for a collector: a call, an agency handoff, a court file.
    case task

    /// The sending window the step obeys. A webhook reaches a provider who acts in office
    /// hours, so it follows the e-mail window; a task is put in front of collectors during
    /// calling hours.
    public var deliveryChannel: DeliveryChannel {
        switch self {
        case .email, .webhook: .email
        case .sms: .sms
        case .letter: .letter
        case .task: .call
        }
    }
}
