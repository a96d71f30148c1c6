import Foundation

/// Reads a rendered PDF back with poppler's command-line tools, as a reader or a printer would.
struct PDFInspection {
    let url: URL

    /// Writes `data` to a file of its own in the temporary directory.
    init(_ data: Data) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-letter-\(UUID().uuidString).pdf")
        try data.write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// `pdftotext -layout`, whitespace normalised: no-break and narrow no-break spaces become
    /// spaces, and every run of whitespace (line ends included) one space, so a sentence that
    /// wraps still reads as one.
    func text(extraArguments: [String] = []) throws -> String {
        Self.normalised(try Self.run("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8"] + extraArguments + [url.path, "-"]))
    }

    /// The text of one page, normalised.
    func text(page: Int) throws -> String {
        try text(extraArguments: ["-f", String(page), "-l", String(page)])
    }

    /// The text within a rectangle of page 1, in points from the top-left corner.
    func text(inX x: Double, y: Double, width: Double, height: Double) throws -> String {
        try text(extraArguments: ["-f", "1", "-l", "1", "-x", String(Int(x)), "-y", String(Int(y)),
                                  "-W", String(Int(width)), "-H", String(Int(height))])
    }

    /// `pdfinfo` as key → value.
    func info() throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try Self.run("/usr/bin/pdfinfo", [url.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    static func normalised(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        return spaced.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InspectionFailure(message: "\(tool) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct InspectionFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
