import ControlProtocol
import Foundation
import RecouvreCore
import RecouvreStore

/// `PreviewPlan`: the daemon's own planner run forward, in a read-only transaction.
extension ControlService {
    func previewPlan(_ p: PreviewPlanParameters) async throws -> PreviewPlanReply {
        let configuration = self.configuration
        let asOf = try p.asOf.map { try Self.day($0, field: "asOf") }
        let until = try p.until.map { try Self.day($0, field: "until") }
        if let asOf, let until, asOf.days(to: until) > PreviewPlanParameters.maximumDays {
            throw ControlError.invalidArgument(field: "until", reason: "a preview covers at most three years; give an earlier end")
        }
        return try await procedureCall(p.tenant) { slug, c in
            let tenant = try TenantRegistry().get(c, slug: slug)
            let review = DebtorReview(tenant: tenant, configuration: configuration, logger: .init(label: "recouvred.preview"))
            return try ProcedurePreview(review: review).preview(c, debtorRef: p.debtor, asOf: asOf, until: until, now: Date())
        }
    }

    private static func day(_ text: String, field: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else {
            throw ControlError.invalidArgument(field: field, reason: "'\(text)' is not a date; write YYYY-MM-DD")
        }
        return day
    }
}
