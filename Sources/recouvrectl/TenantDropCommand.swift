import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant drop`.
struct TenantDropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Delete a tenant's schema and all its data, for good.",
        discussion: """
            Refused unless --confirm repeats the slug, the tenant is paused, and none of its \
            actions is running. Export it first (`recouvrectl tenant export`): nothing can bring \
            the data back. The tenant's settings (without secrets) are kept in \
            recouvre.dropped_tenants and the drop is journaled in recouvre.operator_events with who \
            asked; `tenant create` then refuses the slug unless --reuse-dropped-slug is given.

            Example:
              recouvrectl tenant export acme -o acme.dump
              recouvrectl tenant pause acme
              recouvrectl tenant drop acme --confirm acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: TenantTarget
    @Option(help: ArgumentHelp("The tenant's slug again, to confirm.", valueName: "slug")) var confirm: String

    func validate() throws {
        guard confirm == target.slug else {
            throw ValidationError(
                "--confirm \(confirm) does not repeat the slug '\(target.slug)': nothing dropped. Write --confirm \(target.slug)")
        }
    }

    func run() throws {
        let parameters = DropTenantParameters(slug: target.slug, confirm: confirm)
        try options.perform({ DropTenantReply(dropped: try $0.dropTenant(parameters)) }, human: { reply in
            let d = reply.dropped
            let total = [d.discarded.scheduled, d.discarded.running, d.discarded.succeeded, d.discarded.failed,
                         d.discarded.cancelled, d.discarded.dead].reduce(0, +)
            return "tenant '\(d.slug)' (\(d.displayName)) dropped by \(d.droppedBy) at \(d.droppedAt): "
                + "schema \(d.schema) deleted with its \(total) action\(total == 1 ? "" : "s")\n\n"
                + "actions deleted\n" + Describe.counts(d.discarded)
        })
    }
}
