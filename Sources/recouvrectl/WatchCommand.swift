import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl watch`.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show the daemon's status and recent actions, refreshed until Ctrl-C.",
        discussion: """
            On a terminal the screen is redrawn every --interval seconds; otherwise each frame is \
            printed after the previous one, plainly. --once prints one frame and exits, for \
            scripts and tests. Recent actions are those of --tenant, or of every tenant when there \
            are at most \(WatchCommand.tenantsScanned).

            Examples:
              recouvrectl watch
              recouvrectl watch --tenant acme --interval 5
              recouvrectl watch --once --no-color
            """
    )

    /// Above this many tenants, recent actions are shown only for --tenant: one call per
    /// tenant every few seconds would weigh on the daemon.
    static let tenantsScanned = 20

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant whose actions to show.") var tenant: String?
    @Option(help: "Seconds between two frames.") var interval = 2
    @Option(help: "Recent actions to show.") var limit = 15
    @Flag(help: "Print one frame and exit.") var once = false

    func validate() throws {
        if let tenant { try Validate.slug(tenant) }
        guard (1...3600).contains(interval) else { throw ValidationError("--interval takes 1 to 3600 seconds") }
        try Validate.limit(limit)
        if options.json { throw ValidationError("watch is for people: use `recouvrectl status --json` and `actions list --json` in scripts") }
    }

    func run() throws {
        let redraw = Terminal.stdoutIsTerminal && !once
        while true {
            let frame: String
            do {
                frame = try self.frame()
            } catch let failure as CommandFailure where !once {
                frame = "recouvrectl: " + failure.message
            }
            let stamp = Date().formatted(.iso8601)
            let text = "every \(interval)s: recouvrectl watch    \(stamp)\n\n" + frame
            if redraw {
                // Home, clear the screen, then the frame.
                FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8))
                options.show(text)
            } else {
                options.show(once ? frame : text + "\n")
            }
            if once { return }
            Thread.sleep(forTimeInterval: TimeInterval(interval))
        }
    }

    /// One frame: the daemon's status, then the most recent actions.
    func frame() throws -> String {
        var text = ""
        let tenant = self.tenant, limit = self.limit
        try options.perform(timeout: .seconds(10), { client -> WatchFrame in
            let status = try client.getStatus()
            let slugs: [String]?
            if let tenant {
                slugs = [tenant]
            } else {
                let all = try client.listTenants().map(\.slug)
                slugs = all.count <= Self.tenantsScanned ? all : nil
            }
            var actions: [(String, ActionInfo)] = []
            for slug in slugs ?? [] {
                actions += try client.listActions(ListActionsParameters(tenant: slug, limit: limit)).map { (slug, $0) }
            }
            actions.sort { $0.1.updatedAt > $1.1.updatedAt }
            return WatchFrame(status: status, tenants: slugs, actions: Array(actions.prefix(limit)))
        }, human: { frame in
            text = Describe.status(frame.status) + "\n\n"
            guard frame.tenants != nil else {
                text += "recent actions: more than \(Self.tenantsScanned) tenants; give --tenant SLUG"
                return ""
            }
            text += frame.actions.isEmpty ? "no actions" : Table(
                headers: ["UPDATED", "TENANT", "ID", "KIND", "CHANNEL", "STATE", "ATTEMPTS", "LAST ERROR"],
                rows: frame.actions.map { slug, a in
                    [a.updatedAt, slug, String(a.id), a.kind, a.channel, a.state, String(a.attempts), a.lastError ?? ""]
                }).rendered
            return ""
        })
        return text
    }
}

/// One frame of `recouvrectl watch`.
struct WatchFrame: Encodable {
    var status: DaemonStatus
    /// The tenants whose actions were read; nil when there were too many.
    var tenants: [String]?
    var actions: [(String, ActionInfo)]

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
    }

    enum CodingKeys: String, CodingKey { case status }
}
