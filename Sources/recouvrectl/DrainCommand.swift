import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl drain`.
struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Stop this recouvred claiming new work; the actions in flight finish.",
        discussion: """
            Claimed actions not yet started are given back at once, and other daemons on the \
            same database take them up. `recouvrectl status` shows the daemon draining and what \
            is still in flight; `recouvrectl undrain` resumes. With --wait the command returns \
            once nothing is in flight, or exits 1 after --timeout seconds, so that an upgrade can \
            restart the daemon without interrupting a send.

            Example:
              recouvrectl drain
              recouvrectl drain --wait --timeout 120 && systemctl restart recouvred
            """
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Wait until nothing is left in flight.") var wait = false
    @Option(help: ArgumentHelp("With --wait, how long to wait at most.", valueName: "seconds")) var timeout = 300

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
    }

    func run() throws {
        let wait = self.wait, timeout = self.timeout
        try options.perform({ client in
            let reply = try client.drain()
            guard wait, !reply.drained else { return reply }
            let deadline = ContinuousClock.now + .seconds(timeout)
            while ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.2)
                let status = try client.getStatus()
                if status.drained == true {
                    return DrainReply(draining: status.draining, inFlight: status.inFlight, drained: true)
                }
                if !status.draining {
                    throw CommandFailure(message: "the daemon was undrained while waiting", status: ExitStatus.refused)
                }
            }
            let status = try client.getStatus()
            let left = (status.inFlightActions ?? []).joined(separator: ", ")
            throw CommandFailure(
                message: "still \(status.inFlight) action(s) in flight after \(timeout) s\(left.isEmpty ? "" : ": \(left)"); "
                    + "the daemon stays drained",
                status: ExitStatus.refused)
        }, human: Describe.drain)
    }
}
