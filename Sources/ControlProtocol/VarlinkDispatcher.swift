import Foundation

/// Answers varlink messages: parses them, serves `org.varlink.service`, routes
/// `io.recouvre.Control` calls to a ``ControlHandler`` and turns errors into error replies.
///
/// It knows nothing of sockets: ``reply(to:)`` takes one message and returns one,
/// both without the NUL terminator. Choices where varlink leaves room:
/// - bytes that are not a JSON object get `org.varlink.service.InvalidParameter`
///   with `parameter: "request"`; the connection stays usable, since the NUL
///   framing is intact.
/// - a missing or non-string `method` gets `InvalidParameter` with `parameter: "method"`.
/// - a call with `more` gets a single reply without `continues`: varlink lets a
///   service end a `more` call with one reply, and none of these methods streams.
///   (`ExpectedMore` is for the opposite case, a method that needs `more`.)
/// - a call with `upgrade` gets `InvalidParameter` with `parameter: "upgrade"`.
/// - a `oneway` call is executed and gets no reply, not even an error.
public struct VarlinkDispatcher: Sendable {
    /// The handler of `io.recouvre.Control`.
    public let handler: any ControlHandler
    /// What `GetInfo` answers.
    public let info: VarlinkServiceInfo

    /// A dispatcher routing to `handler`, describing itself with `info`.
    public init(handler: any ControlHandler, info: VarlinkServiceInfo = .recouvred()) {
        self.handler = handler
        self.info = info
    }

    /// The reply to `message` from `caller`, or nil when the call was `oneway`.
    public func reply(to message: Data, caller: ControlCaller = .unknown) async -> Data? {
        let request: VarlinkRequest
        do {
            request = try VarlinkRequest(message: message)
        } catch {
            return VarlinkMessage.error(error)
        }
        let reply: Data
        do {
            if request.upgrade { throw VarlinkError.invalidParameter("upgrade") }
            reply = try await route(request, caller: caller)
        } catch let error as VarlinkError {
            reply = VarlinkMessage.error(error)
        } catch let error as ControlError {
            reply = VarlinkMessage.error(VarlinkError(error))
        } catch {
            reply = VarlinkMessage.error(VarlinkError(.failed(reason: String(describing: error))))
        }
        return request.oneway ? nil : reply
    }

    private func route(_ request: VarlinkRequest, caller: ControlCaller) async throws -> Data {
        switch request.interface {
        case VarlinkServiceInterface.name: return try serveService(request)
        case ControlInterface.name: return try await serveControl(request, caller: caller)
        case "": throw VarlinkError.methodNotFound(request.method)
        default: throw VarlinkError.interfaceNotFound(request.interface)
        }
    }

    private func serveService(_ request: VarlinkRequest) throws -> Data {
        switch request.method {
        case VarlinkServiceInterface.qualified("GetInfo"):
            return try VarlinkMessage.reply(info)
        case VarlinkServiceInterface.qualified("GetInterfaceDescription"):
            let interface = try request.decodeParameters(GetInterfaceDescriptionParameters.self).interface
            switch interface {
            case ControlInterface.name:
                return try VarlinkMessage.reply(GetInterfaceDescriptionReply(description: ControlInterface.description))
            case VarlinkServiceInterface.name:
                return try VarlinkMessage.reply(
                    GetInterfaceDescriptionReply(description: VarlinkServiceInterface.description))
            default:
                throw VarlinkError.interfaceNotFound(interface)
            }
        default:
            throw VarlinkError.methodNotFound(request.method)
        }
    }

    private func serveControl(_ request: VarlinkRequest, caller: ControlCaller) async throws -> Data {
        let member = String(request.method.dropFirst(ControlInterface.name.count + 1))
        switch member {
        case "GetStatus":
            return try VarlinkMessage.reply(GetStatusReply(status: try await handler.getStatus()))
        case "CreateTenant":
            let p = try request.decodeParameters(CreateTenantParameters.self)
            return try VarlinkMessage.reply(TenantReply(tenant: try await handler.createTenant(p)))
        case "ListTenants":
            return try VarlinkMessage.reply(ListTenantsReply(tenants: try await handler.listTenants()))
        case "GetTenant":
            let p = try request.decodeParameters(SlugParameters.self)
            return try VarlinkMessage.reply(try await handler.getTenant(slug: p.slug))
        case "UpdateTenant":
            let p = try request.decodeParameters(UpdateTenantParameters.self)
            return try VarlinkMessage.reply(TenantReply(tenant: try await handler.updateTenant(p)))
        case "PauseTenant":
            let p = try request.decodeParameters(SlugParameters.self)
            return try VarlinkMessage.reply(TenantReply(tenant: try await handler.pauseTenant(slug: p.slug)))
        case "ResumeTenant":
            let p = try request.decodeParameters(SlugParameters.self)
            return try VarlinkMessage.reply(TenantReply(tenant: try await handler.resumeTenant(slug: p.slug)))
        case "ListActions":
            let p = try request.decodeParameters(ListActionsParameters.self)
            return try VarlinkMessage.reply(ListActionsReply(actions: try await handler.listActions(p)))
        case "RetryAction":
            let p = try request.decodeParameters(ActionReferenceParameters.self)
            return try VarlinkMessage.reply(ActionReply(action: try await handler.retryAction(tenant: p.tenant, id: p.id)))
        case "CancelAction":
            let p = try request.decodeParameters(ActionReferenceParameters.self)
            return try VarlinkMessage.reply(
                ActionReply(action: try await handler.cancelAction(tenant: p.tenant, id: p.id)))
        case "RunNow":
            let p = try request.decodeParameters(RunNowParameters.self)
            return try VarlinkMessage.reply(RunNowReply(tenants: try await handler.runNow(tenant: p.tenant)))
        case "Migrate":
            return try VarlinkMessage.reply(MigrateReply(summary: try await handler.migrate()))
        case "Reload":
            return try VarlinkMessage.reply(try await handler.reload())
        case "Drain":
            return try VarlinkMessage.reply(try await handler.drain())
        case "Undrain":
            return try VarlinkMessage.reply(try await handler.undrain())
        case "SetLogLevel":
            let p = try request.decodeParameters(SetLogLevelParameters.self)
            guard SetLogLevelParameters.levels.contains(p.level) else {
                throw ControlError.invalidArgument(
                    field: "level", reason: "'\(p.level)' is not a level; use one of \(SetLogLevelParameters.levels.joined(separator: ", "))")
            }
            return try VarlinkMessage.reply(try await handler.setLogLevel(p.level))
        default:
            return try await serveProcedure(request, member: member, caller: caller)
        }
    }

    /// The methods of the collection procedure, whose parameters are checked before the handler runs.
    private func serveProcedure(_ request: VarlinkRequest, member: String, caller: ControlCaller) async throws -> Data {
        switch member {
        case "GetCase":
            return try VarlinkMessage.reply(try await handler.getCase(try checked(request, GetCaseParameters.self)))
        case "GetTenantChannels":
            let p = try checked(request, TenantParameters.self)
            return try VarlinkMessage.reply(TenantChannelsReply(channels: try await handler.getTenantChannels(tenant: p.tenant)))
        case "SetTenantChannels":
            let p = try checked(request, TenantChannelsParameters.self)
            return try VarlinkMessage.reply(TenantChannelsReply(channels: try await handler.setTenantChannels(p, caller: caller)))
        case "GetLetter":
            return try VarlinkMessage.reply(try await handler.getLetter(try checked(request, GetLetterParameters.self)))
        case "PreviewPlan":
            return try VarlinkMessage.reply(try await handler.previewPlan(try checked(request, PreviewPlanParameters.self)))
        case "RecordPayment":
            let p = try checked(request, RecordPaymentParameters.self)
            return try VarlinkMessage.reply(PaymentReply(payment: try await handler.recordPayment(p, caller: caller)))
        case "AddPromise":
            let p = try checked(request, AddPromiseParameters.self)
            return try VarlinkMessage.reply(PromiseReply(promise: try await handler.addPromise(p, caller: caller)))
        case "CreatePlan":
            let p = try checked(request, CreatePlanParameters.self)
            return try VarlinkMessage.reply(PlanReply(plan: try await handler.createPlan(p, caller: caller)))
        case "OpenDispute":
            let p = try checked(request, OpenDisputeParameters.self)
            return try VarlinkMessage.reply(DisputeReply(dispute: try await handler.openDispute(p, caller: caller)))
        case "ResolveDispute":
            let p = try checked(request, ResolveDisputeParameters.self)
            return try VarlinkMessage.reply(DisputeReply(dispute: try await handler.resolveDispute(p, caller: caller)))
        case "GrantReduction":
            let p = try checked(request, GrantReductionParameters.self)
            return try VarlinkMessage.reply(ReductionReply(reduction: try await handler.grantReduction(p, caller: caller)))
        case "ListTasks":
            let p = try checked(request, ListTasksParameters.self)
            return try VarlinkMessage.reply(ListTasksReply(tasks: try await handler.listTasks(p)))
        case "CompleteTask":
            let p = try checked(request, CompleteTaskParameters.self)
            return try VarlinkMessage.reply(TaskReply(task: try await handler.completeTask(p, caller: caller)))
        case "ListPolicies":
            let p = try checked(request, TenantParameters.self)
            return try VarlinkMessage.reply(ListPoliciesReply(policies: try await handler.listPolicies(tenant: p.tenant)))
        case "GetPolicy":
            let p = try checked(request, PolicyReferenceParameters.self)
            return try VarlinkMessage.reply(PolicyReply(policy: try await handler.getPolicy(tenant: p.tenant, name: p.name)))
        case "SetPolicy":
            let p = try checked(request, SetPolicyParameters.self)
            return try VarlinkMessage.reply(try await handler.setPolicy(p, caller: caller))
        case "DeletePolicy":
            let p = try checked(request, PolicyReferenceParameters.self)
            try await handler.deletePolicy(tenant: p.tenant, name: p.name, caller: caller)
            return try VarlinkMessage.reply(DeletePolicyReply(name: p.name))
        case "GetMetrics":
            _ = try request.decodeParameters(EmptyParameters.self)
            return try VarlinkMessage.reply(GetMetricsReply(text: try await handler.getMetrics()))
        case "SetTenant":
            let p = try request.decodeParameters(SetTenantParameters.self)
            return try VarlinkMessage.reply(try await handler.setTenant(p, caller: caller))
        case "DescribeTenantExport":
            let p = try request.decodeParameters(SlugParameters.self)
            return try VarlinkMessage.reply(DescribeTenantExportReply(export: try await handler.describeTenantExport(slug: p.slug)))
        case "DropTenant":
            let p = try request.decodeParameters(DropTenantParameters.self)
            return try VarlinkMessage.reply(DropTenantReply(dropped: try await handler.dropTenant(p, caller: caller)))
        case "MigrateBatch":
            let p = try request.decodeParameters(MigrateBatchParameters.self)
            let limit = p.limit ?? 100
            guard (1...1000).contains(limit) else {
                throw ControlError.invalidArgument(field: "limit", reason: "must be between 1 and 1000")
            }
            return try VarlinkMessage.reply(MigrateBatchReply(progress: try await handler.migrateBatch(limit: limit)))
        case "GetReport":
            let p = try request.decodeParameters(GetReportParameters.self)
            guard GetReportParameters.reports.contains(p.report) else {
                throw ControlError.invalidArgument(
                    field: "report", reason: "'\(p.report)' is not a report; ask for one of \(GetReportParameters.reports.joined(separator: ", "))")
            }
            return try VarlinkMessage.reply(GetReportReply(report: try await handler.getReport(p)))
        case "ImportBankStatement":
            let p = try checked(request, ImportBankStatementParameters.self)
            return try VarlinkMessage.reply(ImportBankStatementReply(summary: try await handler.importBankStatement(p, caller: caller)))
        case "ListUnmatchedCredits":
            let p = try checked(request, TenantParameters.self)
            return try VarlinkMessage.reply(ListUnmatchedCreditsReply(credits: try await handler.listUnmatchedCredits(tenant: p.tenant)))
        case "AssignCredit":
            let p = try checked(request, AssignCreditParameters.self)
            return try VarlinkMessage.reply(BankCreditReply(credit: try await handler.assignCredit(p, caller: caller)))
        case "IgnoreCredit":
            let p = try checked(request, IgnoreCreditParameters.self)
            return try VarlinkMessage.reply(BankCreditReply(credit: try await handler.ignoreCredit(p, caller: caller)))
        default:
            throw VarlinkError.methodNotFound(request.method)
        }
    }

    /// Decodes the parameters, then refuses values the interface does not accept, so that
    /// no handler sees them.
    private func checked<P: Decodable & ValidatedParameters>(_ request: VarlinkRequest, _ type: P.Type) throws -> P {
        let parameters = try request.decodeParameters(type)
        do {
            try parameters.validate()
        } catch {
            throw error.controlError
        }
        return parameters
    }
}
