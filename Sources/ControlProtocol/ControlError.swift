/// The errors of `io.recouvre.Control`, thrown by a ``ControlHandler`` and by ``VarlinkClient``.
public enum ControlError: Error, Sendable, Equatable {
    /// No tenant has this slug.
    case tenantNotFound(slug: String)
    /// A tenant with this slug already exists.
    case tenantExists(slug: String)
    /// The slug is not acceptable; `reason` says why.
    case invalidSlug(slug: String, reason: String)
    /// A parameter has a value the daemon does not accept.
    case invalidArgument(field: String, reason: String)
    /// The tenant has no action with this id.
    case actionNotFound(tenant: String, id: Int)
    /// The action's state does not allow the change.
    case actionStateConflict(id: Int, state: String, reason: String)
    /// The daemon cannot reach its database now.
    case databaseUnavailable(reason: String)
    /// The peer may not use the control socket.
    case permissionDenied(uid: Int)
    /// The tenant has no such debtor, invoice, case, dispute, task or policy.
    case notFound(tenant: String, what: String, key: String)
    /// The database refused the change: `reason` says why, `hint` what to do, `code` is the SQLSTATE.
    case refused(reason: String, hint: String?, code: String)
    /// A policy document has problems, each `path: what is wrong; what to do`.
    case invalidPolicy(name: String, problems: [String])
    /// The policy cannot be deleted while cases or debtors use it.
    case policyInUse(name: String, cases: Int, debtors: Int)
    /// Anything else.
    case failed(reason: String)
    /// Work in flight (or a tenant not paused) forbids the change; `reason` says what to do.
    case tenantBusy(slug: String, reason: String)
    /// The slug belonged to a dropped tenant; `CreateTenant` reuses it only with `reuseDroppedSlug`.
    case tenantDropped(slug: String, displayName: String, droppedAt: String, droppedBy: String)

    /// The error's fully qualified varlink name, e.g. `io.recouvre.Control.TenantNotFound`.
    public var varlinkName: String {
        ControlInterface.qualified(member)
    }

    /// The error's name within the interface.
    private var member: String {
        switch self {
        case .tenantNotFound: "TenantNotFound"
        case .tenantExists: "TenantExists"
        case .invalidSlug: "InvalidSlug"
        case .invalidArgument: "InvalidArgument"
        case .actionNotFound: "ActionNotFound"
        case .actionStateConflict: "ActionStateConflict"
        case .databaseUnavailable: "DatabaseUnavailable"
        case .permissionDenied: "PermissionDenied"
        case .notFound: "NotFound"
        case .refused: "Refused"
        case .invalidPolicy: "InvalidPolicy"
        case .policyInUse: "PolicyInUse"
        case .failed: "Failed"
        case .tenantBusy: "TenantBusy"
        case .tenantDropped: "TenantDropped"
        }
    }

    /// The error's parameters, as the interface declares them.
    public var parameters: [String: VarlinkValue] {
        switch self {
        case .tenantNotFound(let slug), .tenantExists(let slug):
            ["slug": .string(slug)]
        case .invalidSlug(let slug, let reason):
            ["slug": .string(slug), "reason": .string(reason)]
        case .invalidArgument(let field, let reason):
            ["field": .string(field), "reason": .string(reason)]
        case .actionNotFound(let tenant, let id):
            ["tenant": .string(tenant), "id": .int(id)]
        case .actionStateConflict(let id, let state, let reason):
            ["id": .int(id), "state": .string(state), "reason": .string(reason)]
        case .databaseUnavailable(let reason), .failed(let reason):
            ["reason": .string(reason)]
        case .permissionDenied(let uid):
            ["uid": .int(uid)]
        case .notFound(let tenant, let what, let key):
            ["tenant": .string(tenant), "what": .string(what), "key": .string(key)]
        case .refused(let reason, let hint, let code):
            ["reason": .string(reason), "hint": hint.map(VarlinkValue.string) ?? .null, "code": .string(code)]
        case .invalidPolicy(let name, let problems):
            ["name": .string(name), "problems": .array(problems.map(VarlinkValue.string))]
        case .policyInUse(let name, let cases, let debtors):
            ["name": .string(name), "cases": .int(cases), "debtors": .int(debtors)]
        case .tenantBusy(let slug, let reason):
            ["slug": .string(slug), "reason": .string(reason)]
        case .tenantDropped(let slug, let displayName, let droppedAt, let droppedBy):
            ["slug": .string(slug), "displayName": .string(displayName), "droppedAt": .string(droppedAt),
             "droppedBy": .string(droppedBy)]
        }
    }

    /// Rebuilds the error from a varlink error reply, or nil when `name` is not an
    /// `io.recouvre.Control` error or its parameters lack a declared field.
    public init?(varlinkName name: String, parameters: VarlinkValue) {
        let prefix = ControlInterface.name + "."
        guard name.hasPrefix(prefix) else { return nil }
        let p = parameters
        func string(_ key: String) -> String? { p[key]?.stringValue }
        func int(_ key: String) -> Int? { p[key]?.intValue }
        switch String(name.dropFirst(prefix.count)) {
        case "TenantNotFound":
            guard let slug = string("slug") else { return nil }
            self = .tenantNotFound(slug: slug)
        case "TenantExists":
            guard let slug = string("slug") else { return nil }
            self = .tenantExists(slug: slug)
        case "InvalidSlug":
            guard let slug = string("slug"), let reason = string("reason") else { return nil }
            self = .invalidSlug(slug: slug, reason: reason)
        case "InvalidArgument":
            guard let field = string("field"), let reason = string("reason") else { return nil }
            self = .invalidArgument(field: field, reason: reason)
        case "ActionNotFound":
            guard let tenant = string("tenant"), let id = int("id") else { return nil }
            self = .actionNotFound(tenant: tenant, id: id)
        case "ActionStateConflict":
            guard let id = int("id"), let state = string("state"), let reason = string("reason") else { return nil }
            self = .actionStateConflict(id: id, state: state, reason: reason)
        case "DatabaseUnavailable":
            guard let reason = string("reason") else { return nil }
            self = .databaseUnavailable(reason: reason)
        case "PermissionDenied":
            guard let uid = int("uid") else { return nil }
            self = .permissionDenied(uid: uid)
        case "NotFound":
            guard let tenant = string("tenant"), let what = string("what"), let key = string("key") else { return nil }
            self = .notFound(tenant: tenant, what: what, key: key)
        case "Refused":
            guard let reason = string("reason"), let code = string("code") else { return nil }
            self = .refused(reason: reason, hint: string("hint"), code: code)
        case "InvalidPolicy":
            guard let name = string("name"), case .array(let items)? = p["problems"] else { return nil }
            self = .invalidPolicy(name: name, problems: items.compactMap(\.stringValue))
        case "PolicyInUse":
            guard let name = string("name"), let cases = int("cases"), let debtors = int("debtors") else { return nil }
            self = .policyInUse(name: name, cases: cases, debtors: debtors)
        case "Failed":
            guard let reason = string("reason") else { return nil }
            self = .failed(reason: reason)
        case "TenantBusy":
            guard let slug = string("slug"), let reason = string("reason") else { return nil }
            self = .tenantBusy(slug: slug, reason: reason)
        case "TenantDropped":
            guard let slug = string("slug"), let displayName = string("displayName"), let droppedAt = string("droppedAt"),
                  let droppedBy = string("droppedBy") else { return nil }
            self = .tenantDropped(slug: slug, displayName: displayName, droppedAt: droppedAt, droppedBy: droppedBy)
        default:
            return nil
        }
    }
}
