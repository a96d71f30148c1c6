import ControlProtocol
import Foundation
import Postgres
import RecouvreCore
import RecouvreImport
import RecouvreStore

/// One `recouvrectl import` run: read the file's header, ask the daemon where the database
/// is, then stream the file through the checks into the tenant's schema in one transaction.
struct ImportRun {
    let kind: ImportKind
    let source: ImportOptions
    let options: GlobalOptions

    /// Bytes read from the file at a time.
    static let chunkSize = 1 << 20

    func run() throws {
        let progress = ImportProgress(live: !options.json && ImportProgress.stderrIsTerminal)
        let path = source.file
        var mapping: [String: String] = [:]
        if let mappingFile = source.mappingFile {
            let text = String(decoding: try InputFile.read(mappingFile), as: UTF8.self)
            do {
                mapping = try HeaderMapping.parseMappingFile(text)
            } catch {
                throw CommandFailure(message: "\(mappingFile): " + error.description, status: ExitStatus.usage)
            }
        }
        mapping.merge(source.explicitMapping) { _, explicit in explicit }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        var reply = ImportReply(tenant: source.tenant, kind: kind.rawValue, file: path, status: "rejected", dryRun: source.dryRun,
                                fields: [], problems: [], moreProblems: false, seconds: 0)
        let encoding: TextEncoding
        do {
            encoding = try detectEncoding(path, total: total, progress: progress)
        } catch let rejected as ImportRejected {
            return try finish(reject(reply, rejected, progress))
        }
        reply.encoding = encoding.rawValue

        // The header decides the staging columns, so it is read before anything else.
        let file = try open(path)
        defer { try? file.close() }
        var reader = CSVImportReader(kind: kind, options: CSVReadOptions(
            encoding: encoding, separator: source.separatorByte, convention: source.forcedConvention,
            mapping: mapping, ignoredColumns: Set(source.ignoredColumns)))
        var pending: [ImportRow] = []
        var bytesRead = 0
        var ended = false
        while reader.mapping == nil, reader.rejection == nil {
            let chunk = try read(file, path)
            bytesRead += chunk.count
            if chunk.isEmpty {
                reader.finish { pending.append($0) }
                ended = true
                break
            }
            reader.feed(chunk) { pending.append($0) }
        }
        reply.separator = reader.separator.map(SeparatorDetection.name)
        reply.convention = reader.convention?.rawValue
        guard let header = reader.mapping else {
            return try finish(reject(reply, reader.rejection ?? ImportRejected(problems: []), progress))
        }
        reply.fields = header.fields
        progress.phase(describe(reader, encoding: encoding))

        let slug = try TenantSlug(source.tenant)
        let importer = try ReceivablesImport(slug: slug, table: ImportTable(rawValue: kind.rawValue)!, fields: header.fields)
        let database = source.database
        let dryRun = source.dryRun
        var outcome: ImportOutcome?
        try options.perform(timeout: .seconds(30), { client -> ImportReply in
            // Asked even with --database: the daemon knows whether the tenant exists.
            let export = try client.describeTenantExport(slug: slug.rawValue)
            let conninfo = database ?? TenantExportCommand.conninfo(export)
            let connection: PostgresConnection
            do {
                connection = try PostgresConnection(conninfo: conninfo, applicationName: "recouvrectl-import")
            } catch let error as PostgresError {
                throw CommandFailure(message: """
                    cannot connect to PostgreSQL: \(error.message). recouvrectl uses your own credentials \
                    (PGUSER, PGPASSWORD, ~/.pgpass) or --database CONNINFO
                    """, status: ExitStatus.refused)
            }
            defer { connection.close() }
            do {
                outcome = try importer.run(on: connection, dryRun: dryRun, phase: { phase in
                    progress.phase((phase == .checking ? "checking" : "applying") + String(format: "… (at %.1f s)", progress.elapsed))
                }, load: { sink in
                    for row in pending { try sink.add(line: row.line, values: row.values) }
                    pending = []
                    while !ended {
                        let chunk = try read(file, path)
                        bytesRead += chunk.count
                        if chunk.isEmpty {
                            try reader.finish { try sink.add(line: $0.line, values: $0.values) }
                            ended = true
                        } else {
                            try reader.feed(chunk) { try sink.add(line: $0.line, values: $0.values) }
                        }
                        progress.reading(bytesRead, of: total, lines: reader.recordCount)
                    }
                    progress.phase("read \(reader.recordCount) lines (\(ImportProgress.megabytes(bytesRead)) MB) in "
                        + String(format: "%.1f s", progress.elapsed))
                    return .init(issues: reader.problems.map { ImportProblem(line: $0.line, field: $0.field, message: $0.message) },
                                 issueCount: reader.problemCount)
                })
            } catch let error as PostgresError {
                throw CommandFailure(message: "the import failed, nothing was applied: \(error)", status: ExitStatus.refused)
            } catch let error as StoreError {
                throw CommandFailure(message: error.description, status: ExitStatus.refused)
            }
            switch outcome! {
            case .applied(let counts):
                reply.status = dryRun ? "checked" : "applied"
                reply.counts = counts
            case .rejected(let issues, let truncated):
                reply.problems = issues.map { ImportReply.Problem(line: $0.line, field: $0.field, message: $0.message) }
                reply.moreProblems = truncated
            }
            reply.seconds = (progress.elapsed * 10).rounded() / 10
            return reply
        }, human: { $0.human })
        if reply.rejected { throw rejection(reply) }
    }

    /// UTF-8 unless the file is not (or Windows-1252 is forced), read through once.
    private func detectEncoding(_ path: String, total: Int, progress: ImportProgress) throws -> TextEncoding {
        if source.forcedEncoding == .windows1252 { return .windows1252 }
        let file = try open(path)
        defer { try? file.close() }
        var scanner = UTF8Scanner()
        var bytes = 0
        while true {
            let chunk = try read(file, path)
            if chunk.isEmpty { break }
            scanner.feed(chunk)
            bytes += chunk.count
            progress.reading(bytes, of: total, lines: scanner.line - 1)
        }
        scanner.finish()
        return try EncodingDetection.resolve(scanner, forced: source.forcedEncoding)
    }

    private func describe(_ reader: CSVImportReader, encoding: TextEncoding) -> String {
        let convention = reader.convention ?? .international
        return "reading \(source.file): \(encoding.rawValue)\(reader.skippedByteOrderMark ? " with byte order mark" : ""), "
            + "separator \(reader.separator.map(SeparatorDetection.name) ?? ","), "
            + "convention \(convention.rawValue) (\(convention.amountExample), \(convention.datePattern)); "
            + "columns: \(reader.mapping?.fields.joined(separator: ", ") ?? "")"
    }

    private func reject(_ reply: ImportReply, _ rejected: ImportRejected, _ progress: ImportProgress) -> ImportReply {
        var reply = reply
        reply.status = "rejected"
        reply.problems = rejected.problems.map { ImportReply.Problem(line: $0.line, field: $0.field, message: $0.message) }
        reply.moreProblems = rejected.truncated
        reply.seconds = (progress.elapsed * 10).rounded() / 10
        return reply
    }

    /// Prints a reply made without the daemon (the file was refused before).
    private func finish(_ reply: ImportReply) throws {
        if options.json { try Console.json(reply) }
        if reply.rejected { throw rejection(reply) }
    }

    private func rejection(_ reply: ImportReply) -> CommandFailure {
        CommandFailure(message: options.json ? "\(reply.file): refused, nothing was imported" : reply.refusal,
                       status: ExitStatus.refused, prefixed: false)
    }

    private func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure(message: "cannot read \(path): no such file, or not readable", status: ExitStatus.usage)
        }
        return handle
    }

    private func read(_ file: FileHandle, _ path: String) throws -> [UInt8] {
        do {
            return try file.read(upToCount: Self.chunkSize).map { [UInt8]($0) } ?? []
        } catch {
            throw CommandFailure(message: "cannot read \(path): \(error.localizedDescription)", status: ExitStatus.refused)
        }
    }
}
