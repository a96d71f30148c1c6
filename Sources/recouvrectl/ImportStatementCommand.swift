import ArgumentParser
import ControlProtocol
import Foundation
import RecouvreImport
import RecouvreStore

/// `recouvrectl import statement`: reads a bank statement here, so that a bad file is
/// refused with its line numbers before anything is sent, then has the daemon record its
/// credits and match them to invoices.
struct ImportStatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Import a bank statement (camt.053, camt.054 or CFONB 120); matched credits become payments.",
        discussion: """
            The format is told from the file (XML is camt) unless --format says it. Credits \
            already imported for the account are left as they were, so importing a file twice \
            records nothing twice. Each new credit is matched to the open invoices: confident \
            matches become payments (reminders for what they pay stop); the others wait in \
            `recouvrectl payment unmatched`. A file with errors is refused whole, each error with \
            its line. See docs/bank-statements.md.

            Example:
              recouvrectl import statement --tenant acme releve-2026-03-03.xml
              recouvrectl import statement --tenant acme --format cfonb --dry-run RELEVE.TXT
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The format (default: told from the file).") var format: BankStatementFormat.Family?
    @Flag(name: .customLong("dry-run"), help: "Match and report; keep nothing.") var dryRun = false
    @Argument(help: "The statement file; - reads standard input.") var file: String

    func validate() throws { try Validate.parameters(TenantParameters(tenant: tenant)) }

    func run() throws {
        let data = try InputFile.read(file)
        let statement: BankStatement
        do {
            statement = try BankStatementReader.read(data, family: format)
        } catch {
            throw CommandFailure(message: "\(file) refused, nothing imported:\n\(error.description)", status: ExitStatus.refused)
        }
        let entry = try Self.entry(statement, file: file)
        let parts = Self.parts(of: entry)
        let tenant = self.tenant, dryRun = self.dryRun
        try options.perform(timeout: .seconds(120), { client in
            // Each part is one transaction; a part sent again after an interruption adds only what is missing.
            let summaries = try parts.map {
                try client.importBankStatement(ImportBankStatementParameters(tenant: tenant, statement: $0,
                                                                             dryRun: dryRun ? true : nil))
            }
            return ImportBankStatementReply(summary: BankImportSummary.combined(summaries, dryRun: dryRun))
        }, human: { Describe.bankImport($0.summary, statement: statement) })
    }

    /// The statement cut into calls of at most ``BankStatementEntry/maxCredits`` credits and
    /// ``partBytes`` bytes of credits, under the daemon's 64 KiB message limit.
    static func parts(of entry: BankStatementEntry) -> [BankStatementEntry] {
        let encoder = JSONEncoder()
        var parts: [[BankCreditEntry]] = [[]]
        var bytes = 0
        for credit in entry.credits {
            let size = (try? encoder.encode(credit).count) ?? partBytes
            if parts[parts.count - 1].count == BankStatementEntry.maxCredits
                || (!parts[parts.count - 1].isEmpty && bytes + size > partBytes) {
                parts.append([])
                bytes = 0
            }
            parts[parts.count - 1].append(credit)
            bytes += size + 1
        }
        return parts.map {
            BankStatementEntry(format: entry.format, account: entry.account, reference: entry.reference, credits: $0)
        }
    }

    /// Room for credits in one call, leaving some for the rest of the message.
    static let partBytes = 48 * 1024

    /// The statement as the interface carries it; amounts with more than two decimals are refused.
    static func entry(_ statement: BankStatement, file: String) throws -> BankStatementEntry {
        var problems: [ImportProblem] = []
        let credits = statement.credits.map { credit in
            let amount = MoneyText.twoDecimals(credit.amount)
            if Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")) != credit.amount {
                problems.append(ImportProblem(line: credit.line, field: "amount",
                                              message: "\(credit.amount) \(credit.currency) has more than two decimals"))
            }
            return BankCreditEntry(
                entryRef: String(credit.entryReference.prefix(200)), amount: amount, currency: credit.currency,
                bookedOn: credit.bookedOn, valueOn: credit.valueOn, endToEndId: credit.endToEndID.map { String($0.prefix(200)) },
                creditorRef: credit.creditorReference.map { String($0.prefix(200)) },
                remittance: credit.remittance.map { String($0.prefix(1000)) },
                debtorName: credit.debtorName.map { String($0.prefix(200)) }, debtorIban: credit.debtorIBAN)
        }
        if !problems.isEmpty {
            throw CommandFailure(message: "\(file) refused, nothing imported:\n\(ImportRejected(problems: problems).description)",
                                 status: ExitStatus.refused)
        }
        return BankStatementEntry(format: statement.format.rawValue, account: statement.account,
                                  reference: Self.storable(statement.reference), credits: credits)
    }
}

extension ImportStatementCommand {
    /// A statement's reference as the daemon stores it (200 characters at most). A longer one
    /// (a month of CFONB days joined) keeps its start and ends with a digest of the whole, so
    /// that two different files never share a statement.
    static func storable(_ reference: String) -> String {
        guard reference.count > 200 else { return reference }
        // FNV-1a, 64 bits: stable across runs and machines, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in reference.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digest = String(hash, radix: 16)
        return String(reference.prefix(200 - 1 - 16)) + "#" + String(repeating: "0", count: 16 - digest.count) + digest
    }
}

extension BankStatementFormat.Family: ExpressibleByArgument {}
