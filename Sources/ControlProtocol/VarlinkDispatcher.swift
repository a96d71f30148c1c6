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

    /// The reply to `message`, or nil when the call was `oneway`.
    public func reply(to message: Data) async -> Data? {
        let request: VarlinkRequest
        do {
            request = try VarlinkRequest(message: message)
        } catch {
            return VarlinkMessage.error(error)
        }
        let reply: Data
        do {
            if request.upgrade { throw VarlinkError.invalidParameter("upgrade") }
            reply = try await route(request)
        } catch let error as VarlinkError {
            reply = VarlinkMessage.error(error)
        } catch let error as ControlError {
            reply = VarlinkMessage.error(VarlinkError(error))
        } catch {
            reply = VarlinkMessage.error(VarlinkError(.failed(reason: String(describing: error))))
        }
        return request.oneway ? nil : reply
    }

    private func route(_ request: VarlinkRequest) async throws -> Data {
        switch request.interface {
        case VarlinkServiceInterface.name: return try serveService(request)
        case ControlInterface.name: return try await serveControl(request)
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

    private func serveControl(_ request: VarlinkRequest) async throws -> Data {
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
        default:
            throw VarlinkError.methodNotFound(request.method)
        }
    }
}
