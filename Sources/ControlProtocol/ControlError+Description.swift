extension ControlError: CustomStringConvertible {
    /// A sentence for people, e.g. `tenant 'acme' not found`.
    public var description: String {
        switch self {
        case .tenantNotFound(let slug):
            "tenant '\(slug)' not found"
        case .tenantExists(let slug):
            "tenant '\(slug)' already exists"
        case .invalidSlug(let slug, let reason):
            "tenant slug '\(slug)' is invalid: \(reason)"
        case .invalidArgument(let field, let reason):
            "invalid \(field): \(reason)"
        case .actionNotFound(let tenant, let id):
            "action \(id) not found in tenant '\(tenant)'"
        case .actionStateConflict(let id, let state, let reason):
            "action \(id) is \(state): \(reason)"
        case .databaseUnavailable(let reason):
            "the daemon cannot reach its database: \(reason); retry when it is back"
        case .permissionDenied(let uid):
            "permission denied: uid \(uid) may not use the control socket; "
                + "ask for your user or group to be added to control.allowed_uids or control.allowed_gids"
        case .notFound(let tenant, let what, let key):
            "\(what) '\(key)' not found in tenant '\(tenant)'"
        case .refused(let reason, let hint, _):
            "error: \(reason)" + (hint.map { "\nhint: \($0)" } ?? "")
        case .invalidPolicy(let name, let problems):
            "policy '\(name)' is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map { "  " + $0 }.joined(separator: "\n")
        case .policyInUse(let name, let cases, let debtors):
            "policy '\(name)' is used by \(cases) case\(cases == 1 ? "" : "s") and \(debtors) debtor\(debtors == 1 ? "" : "s"): "
                + "set those debtors to another policy (or none); a policy cases followed stays for their history, "
                + "so lower its priority or narrow it instead"
        case .failed(let reason):
            "the daemon failed: \(reason)"
        case .tenantBusy(_, let reason):
            reason
        case .tenantDropped(let slug, let displayName, let droppedAt, let droppedBy):
            "the slug '\(slug)' belonged to '\(displayName)', dropped \(droppedAt) by \(droppedBy); "
                + "to give it to another creditor, create the tenant again with --reuse-dropped-slug"
        }
    }
}
