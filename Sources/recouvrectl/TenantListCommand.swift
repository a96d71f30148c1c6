import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant list`.
struct TenantListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every tenant, sorted by slug.",
        discussion: """
            Example:
              recouvrectl tenant list
              recouvrectl tenant list --json | jq -r '.tenants[] | select(.status == "paused") | .slug'
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform({ ListTenantsReply(tenants: try $0.listTenants()) }, human: { Describe.tenants($0.tenants) })
    }
}
