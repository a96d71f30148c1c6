import ControlProtocol

/// How replies read for people.
enum Describe {
    static func tenant(_ tenant: TenantInfo) -> String {
        Table.fields([
            ("slug", tenant.slug),
            ("name", tenant.displayName),
            ("status", tenant.status),
            ("timezone", tenant.timezone),
            ("locale", tenant.locale),
            ("email from", tenant.emailFrom ?? "(daemon default)"),
            ("smtp url", tenant.smtpURL ?? "(daemon default)"),
            ("schema version", String(tenant.schemaVersion)),
            ("created", tenant.createdAt),
        ])
    }

    static func tenants(_ tenants: [TenantInfo]) -> String {
        guard !tenants.isEmpty else { return "no tenants" }
        return Table(
            headers: ["SLUG", "NAME", "STATUS", "TIMEZONE", "LOCALE", "SCHEMA", "CREATED"],
            rows: tenants.map {
                [$0.slug, $0.displayName, $0.status, $0.timezone, $0.locale, String($0.schemaVersion), $0.createdAt]
            }
        ).rendered
    }

    static func counts(_ counts: ActionCounts) -> String {
        Table(
            headers: ["SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "DEAD"],
            rows: [[counts.scheduled, counts.running, counts.succeeded, counts.failed, counts.cancelled, counts.dead]
                .map(String.init)]
        ).rendered
    }

    static func actions(_ actions: [ActionInfo]) -> String {
        guard !actions.isEmpty else { return "no actions" }
        return Table(
            headers: ["ID", "KIND", "CHANNEL", "STATE", "DEBTOR", "INVOICE", "STEP", "DUE", "ATTEMPTS", "LAST ERROR"],
            rows: actions.map {
                [
                    String($0.id), $0.kind, $0.channel, $0.state, String($0.debtorId), $0.invoiceId.map(String.init) ?? "-",
                    String($0.step), $0.dueAt, String($0.attempts), $0.lastError ?? "",
                ]
            }
        ).rendered
    }

    static func status(_ status: DaemonStatus) -> String {
        Table.fields([
            ("version", status.version),
            ("pid", String(status.pid)),
            ("started", "\(status.startedAt) (up \(duration(status.uptimeSeconds)))"),
            ("ready", status.ready ? "yes" : "no"),
            ("draining", status.draining ? "yes" : "no"),
            ("database", status.database),
            ("workers", "\(status.workers) (\(status.inFlight) in flight)"),
            ("tenants", "\(status.tenantsTotal) (\(status.tenantsActive) active)"),
            ("last pass", status.lastPassAt ?? "never"),
            ("last error", status.lastError ?? "none"),
        ] + operations(status))
    }

    /// E.g. `2d 3h 4m`, `5m 6s`.
    static func duration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        if days > 0 { return "\(days)d \(hours)h \(minutes)m" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m \(seconds % 60)s"
    }
}
