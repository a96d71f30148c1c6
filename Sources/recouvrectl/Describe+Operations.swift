import ControlProtocol

/// Human-readable output of reload, drain and the status lines about them.
extension Describe {
    static func reload(_ reply: ReloadReply) -> String {
        var lines = ["configuration reloaded"]
        lines.append("applied: " + (reply.applied.isEmpty ? "nothing changed" : reply.applied.joined(separator: ", ")))
        if !reply.needsRestart.isEmpty {
            lines.append("needs a restart (running value kept): " + reply.needsRestart.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func drain(_ reply: DrainReply) -> String {
        guard reply.draining else { return "claiming work" }
        return reply.drained ? "drained: nothing in flight" : "draining: \(reply.inFlight) action(s) in flight"
    }

    /// The status lines about draining, logging and the last reload.
    static func operations(_ status: DaemonStatus) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if status.draining {
            let actions = status.inFlightActions ?? []
            pairs.append(("in flight", actions.isEmpty ? (status.drained == true ? "nothing (drained)" : "none") : actions.joined(separator: ", ")))
        }
        if let level = status.logLevel { pairs.append(("log", level + (status.logFormat.map { " (\($0))" } ?? ""))) }
        if let reload = status.lastReload {
            var text = reload.at + (reload.ok ? ": ok" : ": refused, running configuration kept: " + (reload.error ?? "?"))
            if !reload.needsRestart.isEmpty { text += "; needs a restart: " + reload.needsRestart.joined(separator: ", ") }
            pairs.append(("last reload", text))
        } else if status.logLevel != nil {
            pairs.append(("last reload", "none"))
        }
        return pairs
    }
}
