import ArgumentParser

/// `recouvrectl policy …`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "List, show, set and delete collection policies.",
        discussion: """
            A policy is a list of steps (reminders, calls, formal notice, …) at days from the due \
            date. Policies are written in YAML or JSON; `policy show --yaml` prints one in the form \
            `policy set` reads.

            Example:
              recouvrectl policy list --tenant acme
              recouvrectl policy show --tenant acme business --yaml > business.yaml
              recouvrectl policy set --tenant acme business.yaml
            """,
        subcommands: [PolicyListCommand.self, PolicyShowCommand.self, PolicySetCommand.self, PolicyDeleteCommand.self]
    )
}
