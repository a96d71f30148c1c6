import ControlProtocol
import Foundation
import RecouvreStore

/// Payments, promises, plans, disputes, reductions and tasks, recorded with the caller as author.
extension ControlService {
    func recordPayment(_ p: RecordPaymentParameters, caller: ControlCaller) async throws -> PaymentInfo {
        let amount = try Self.decimal(p.amount)
        return Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).recordPayment(
                c, debtorRef: p.debtor, amount: amount, invoiceNumber: p.invoice, currency: p.currency,
                receivedOn: p.receivedOn, reference: p.reference, author: caller.name)
        })
    }

    func addPromise(_ p: AddPromiseParameters, caller: ControlCaller) async throws -> PromiseInfo {
        let amount = try Self.decimal(p.amount)
        return Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).addPromise(c, debtorRef: p.debtor, amount: amount, promisedOn: p.promisedOn,
                                                        note: p.note, author: caller.name)
        })
    }

    func createPlan(_ p: CreatePlanParameters, caller: ControlCaller) async throws -> PlanInfo {
        let instalments = try p.instalments.enumerated().map { index, instalment in
            (dueOn: instalment.dueOn, amount: try Self.decimal(instalment.amount, field: "instalments[\(index)].amount"))
        }
        return Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).createPlan(c, debtorRef: p.debtor, instalments: instalments, note: p.note,
                                                        author: caller.name)
        })
    }

    func openDispute(_ p: OpenDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo {
        Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).openDispute(c, debtorRef: p.debtor, invoiceNumber: p.invoice, reason: p.reason,
                                                         author: caller.name)
        })
    }

    func resolveDispute(_ p: ResolveDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo {
        Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).resolveDispute(c, id: Int64(p.id), resolution: p.resolution, note: p.note,
                                                            author: caller.name)
        })
    }

    func grantReduction(_ p: GrantReductionParameters, caller: ControlCaller) async throws -> ReductionInfo {
        let amount = try p.amount.map { try Self.decimal($0) }
        return Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).grantReduction(c, invoiceNumber: p.invoice, amount: amount, reason: p.reason,
                                                            kind: p.kind ?? "reduction", author: caller.name)
        })
    }

    func listTasks(_ p: ListTasksParameters) async throws -> [TaskInfo] {
        let state = p.state ?? "open"
        return try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).tasks(c, state: state == "all" ? nil : state, kind: p.kind)
        }.map(Self.info)
    }

    func completeTask(_ p: CompleteTaskParameters, caller: ControlCaller) async throws -> TaskInfo {
        let completion = NegotiationStore.TaskCompletion(reached: p.reached, reason: p.reason, next: p.next, approve: p.approve,
                                                         note: p.note)
        return Self.info(try await procedureCall(p.tenant) { slug, c in
            try NegotiationStore(slug: slug).completeTask(c, id: Int64(p.id), completion: completion, author: caller.name)
        })
    }
}
