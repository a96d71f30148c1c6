import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl letter get`.
struct LetterGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Fetch the letter (PDF), court file or agency letter a step produced.",
        discussion: """
            The step's action id is in `recouvrectl case show` and `recouvrectl actions list`.
            Without --output the file goes to standard output, unless that is a terminal.

            Examples:
              recouvrectl letter get --tenant acme 42 --output mise-en-demeure.pdf
              recouvrectl letter get --tenant acme 57 --format json | jq .recommendation
              recouvrectl letter get --tenant acme 63 --output lettre-agence.pdf     # an agency handoff
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The step's action id.") var action: Int
    @Option(name: .shortAndLong, help: "Write the file here instead of standard output.") var output: String?
    @Option(help: """
        pdf (the letter, court file or agency letter; default), text (a letter's plain copy) or json (a court file's twin, \
        an agency handoff's claim file).
        """)
    var format: String?

    var parameters: GetLetterParameters { GetLetterParameters(tenant: tenant, actionId: action, format: format) }

    func validate() throws {
        try Validate.parameters(parameters)
        if output == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("standard output is a terminal: give --output FILE, or redirect it")
        }
    }

    func run() throws {
        let parameters = self.parameters
        let output = self.output
        try options.perform({ try $0.getLetter(parameters) }, human: { reply in
            guard let data = Data(base64Encoded: reply.content) else { return "the daemon sent a letter that is not base64" }
            if let output {
                if FileManager.default.createFile(atPath: output, contents: data) {
                    return "\(reply.name) (\(reply.contentType), \(data.count) bytes) written to \(output)"
                }
                return "cannot write \(output)"
            }
            FileHandle.standardOutput.write(data)
            return ""
        })
    }
}
