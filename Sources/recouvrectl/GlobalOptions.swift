import ArgumentParser
import ControlProtocol
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The daemon's control socket (default: $RECOUVRE_SOCKET, else \(RecouvreSocket.defaultPath)).",
            valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Print the reply as pretty JSON with sorted keys.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "No colours, even on a terminal (as with NO_COLOR set).")
    var noColor = false

    /// Whether output for people gets colours: on a terminal, without NO_COLOR or --no-color.
    var colours: Bool {
        Terminal.colours(isTerminal: Terminal.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment,
                         noColorFlag: noColor)
    }

    /// Prints text for people, with its style marks only when output gets colours.
    /// Written at once, not through stdio's buffer, so that `watch` frames show as they come.
    func show(_ text: String) {
        FileHandle.standardOutput.write(Data(((colours ? text : Style.plain(text)) + "\n").utf8))
    }

    /// The socket to use: --socket, else RECOUVRE_SOCKET, else the default path.
    var socketPath: String {
        if let socket, !socket.isEmpty { return socket }
        if let variable = ProcessInfo.processInfo.environment[RecouvreSocket.environmentVariable], !variable.isEmpty {
            return variable
        }
        return RecouvreSocket.defaultPath
    }

    /// Calls the daemon with `body`, then prints the reply: as JSON with --json, else with `human`.
    /// Turns every failure into a ``CommandFailure`` with the documented exit code.
    func perform<Reply: Encodable>(timeout: Duration = .seconds(30), _ body: (ControlClient) throws -> Reply,
                                   human: (Reply) -> String) throws {
        let path = socketPath
        let reply: Reply
        do {
            let client = try ControlClient(path: path, timeout: timeout)
            reply = try body(client)
        } catch let error as ControlError {
            if case .refused = error {
                throw CommandFailure(message: error.description, status: ExitStatus.refused, prefixed: false)
            }
            throw CommandFailure(message: error.description, status: ExitStatus.refused)
        } catch VarlinkClientError.unreachable(let path, let reason) {
            throw CommandFailure(
                message: "cannot reach recouvred at \(path): \(reason). Is it running? Use --socket or RECOUVRE_SOCKET.",
                status: ExitStatus.unreachable)
        } catch VarlinkClientError.timedOut(let path) {
            throw CommandFailure(
                message: "recouvred at \(path) did not reply in time. Check its logs (journalctl -u recouvred).",
                status: ExitStatus.unreachable)
        } catch let error as VarlinkClientError {
            throw CommandFailure(message: error.description, status: ExitStatus.refused)
        }
        if json {
            try Console.json(reply)
        } else {
            // Empty when the command wrote its output itself (a file's bytes, say).
            let text = human(reply)
            if !text.isEmpty { show(text) }
        }
    }
}

extension GlobalOptions {
    /// Lets the global options come before the command, as in `recouvrectl --socket S --json
    /// tenant list`: those found before the first command word are moved to the end, where
    /// the command that declares them parses them.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--json" || argument == "--no-color" || argument.hasPrefix("--socket=") {
                leading.append(argument)
                index += 1
            } else if argument == "--socket", index + 1 < arguments.count {
                leading.append(contentsOf: arguments[index...(index + 1)])
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        return Array(arguments[index...]) + leading
    }
}
