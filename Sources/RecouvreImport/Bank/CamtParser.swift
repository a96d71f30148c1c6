import Foundation
import RecouvreCore

/// Reads ISO 20022 cash management messages: `camt.053` statements (`BkToCstmrStmt`) and
/// `camt.054` notifications (`BkToCstmrDbtCdtNtfctn`), versions 001.02 to 001.08.
///
/// Each booked credit entry (`CdtDbtInd` `CRDT`) gives one credit, or one per transaction
/// (`TxDtls`) when the bank batched several; debits, reversals and entries not yet booked are
/// left out. Every problem is collected with its line before the file is refused.
public enum CamtParser {
    /// The namespace versions read.
    public static let versions = ["02", "03", "04", "05", "06", "07", "08"]
    static let problemLimit = 50

    /// Parses a camt.053 or camt.054 document.
    public static func parse(_ data: Data) throws(ImportRejected) -> BankStatement {
        guard !data.isEmpty else { throw ImportRejected(problems: [ImportProblem(line: nil, message: "the file is empty")]) }
        let document = try XMLElementNode.parse(data)
        let format = try Self.format(of: document)
        let messageName = format == .camt053 ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"
        let reportName = format == .camt053 ? "Stmt" : "Ntfctn"
        guard let message = document.child(messageName) else {
            throw ImportRejected(problems: [ImportProblem(line: document.line, message: "\(format.rawValue) has no \(messageName) element")])
        }
        var reader = EntryReader()
        var account: String?
        var references: [String] = []
        let reports = message.all(reportName)
        if reports.isEmpty {
            reader.problem(message.line, nil, "the message has no \(reportName) element")
        }
        for report in reports {
            let iban = report.value("Acct", "Id", "IBAN").map(BankIdentifiers.normalizedIBAN)
            guard let iban, BankIdentifiers.isValidIBAN(iban) else {
                reader.problem(report.at("Acct")?.line ?? report.line, "Acct/Id/IBAN", "the account has no valid IBAN")
                continue
            }
            if let account, account != iban {
                reader.problem(report.line, "Acct/Id/IBAN",
                               "the file holds accounts \(account) and \(iban); import one account per file")
                continue
            }
            account = iban
            let reference = report.value("Id") ?? message.value("GrpHdr", "MsgId") ?? "?"
            references.append(reference)
            for entry in report.all("Ntry") { reader.read(entry, statementReference: reference) }
        }
        if !reader.problems.isEmpty {
            throw ImportRejected(problems: Array(reader.problems.prefix(problemLimit)), truncated: reader.problems.count > problemLimit)
        }
        return BankStatement(format: format, account: account ?? "", reference: references.joined(separator: "+"),
                             credits: reader.credits, debitsIgnored: reader.debits)
    }

    /// The message type, from the root's name and namespace.
    static func format(of document: XMLElementNode) throws(ImportRejected) -> BankStatementFormat {
        let prefix = "urn:iso:std:iso:20022:tech:xsd:"
        guard document.name == "Document" else {
            throw ImportRejected(problems: [ImportProblem(
                line: document.line,
                message: "the root element is <\(document.name)>, not an ISO 20022 <Document>; is this a camt.053 or camt.054 file?")])
        }
        let namespace = document.namespace ?? ""
        for format in [BankStatementFormat.camt053, .camt054] {
            for version in versions where namespace == prefix + format.rawValue + ".001." + version {
                return format
            }
        }
        throw ImportRejected(problems: [ImportProblem(
            line: document.line,
            message: "namespace \"\(namespace)\" is not camt.053 or camt.054 version 001.02 to 001.08")])
    }
}

/// Walks entries, keeping credits and problems.
private struct EntryReader {
    var credits: [BankCredit] = []
    var problems: [ImportProblem] = []
    var debits = 0

    mutating func problem(_ line: Int, _ field: String?, _ message: String) {
        problems.append(ImportProblem(line: line, field: field, message: message))
    }

    mutating func read(_ entry: XMLElementNode, statementReference: String) {
        guard let indicator = entry.value("CdtDbtInd") else {
            return problem(entry.line, "CdtDbtInd", "the entry says neither CRDT nor DBIT")
        }
        guard indicator == "CRDT" else {
            if indicator == "DBIT" { debits += 1 } else { problem(entry.at("CdtDbtInd")!.line, "CdtDbtInd", "\"\(indicator)\" is neither CRDT nor DBIT") }
            return
        }
        // A reversal shows as a credit but gives back money the creditor sent: not a payment.
        if entry.value("RvslInd") == "true" { return }
        let status = entry.value("Sts", "Cd") ?? entry.value("Sts")
        if let status, status == "PDNG" || status == "INFO" { return }
        guard let entryAmount = amount(entry.child("Amt"), field: "Ntry/Amt", within: entry) else { return }
        guard let bookedOn = day(entry.child("BookgDt"), field: "BookgDt", within: entry) else { return }
        let valueOn = entry.child("ValDt").flatMap { day($0, field: "ValDt", within: entry) }
        let transactions = entry.all("NtryDtls").flatMap { $0.all("TxDtls") }
        let entryReference = entry.value("AcctSvcrRef") ?? entry.value("NtryRef")
        if transactions.count <= 1 {
            var credit = base(entryAmount, bookedOn: bookedOn, valueOn: valueOn, line: entry.line)
            if let details = transactions.first { describe(&credit, from: details) }
            credit.entryReference = entryReference ?? transactions.first?.value("Refs", "AcctSvcrRef")
                ?? payerKeyed(credit) ?? fallbackReference(statementReference, credit)
            credits.append(credit)
            return
        }
        for (index, details) in transactions.enumerated() {
            if details.value("CdtDbtInd") == "DBIT" { debits += 1; continue }
            let amountNode = details.child("Amt") ?? details.at("AmtDtls", "TxAmt", "Amt")
            guard let amountNode else {
                problem(details.line, "TxDtls/Amt", "a batched transaction has no amount")
                continue
            }
            guard let transactionAmount = amount(amountNode, field: "TxDtls/Amt", within: details) else { continue }
            var credit = base(transactionAmount, bookedOn: bookedOn, valueOn: valueOn, line: details.line)
            describe(&credit, from: details)
            let own = details.value("Refs", "AcctSvcrRef")
            credit.entryReference = own
                ?? entryReference.map { "\($0)/\(credit.endToEndID ?? details.value("Refs", "TxId") ?? String(index + 1))" }
                ?? payerKeyed(credit) ?? fallbackReference(statementReference, credit)
            credits.append(credit)
        }
    }

    private func base(_ amount: (value: Decimal, currency: String), bookedOn: String, valueOn: String?,
                      line: Int) -> BankCredit {
        BankCredit(entryReference: "", amount: amount.value, currency: amount.currency, bookedOn: bookedOn,
                   valueOn: valueOn, line: line)
    }

    /// References, parties and remittance of one transaction.
    private func describe(_ credit: inout BankCredit, from details: XMLElementNode) {
        if let e2e = details.value("Refs", "EndToEndId"), e2e != "NOTPROVIDED" { credit.endToEndID = e2e }
        let parties = details.child("RltdPties")
        credit.debtorName = parties?.value("Dbtr", "Nm") ?? parties?.value("Dbtr", "Pty", "Nm")
        if let iban = parties?.value("DbtrAcct", "Id", "IBAN").map(BankIdentifiers.normalizedIBAN),
           BankIdentifiers.isValidIBAN(iban) {
            credit.debtorIBAN = iban
        }
        let remittance = details.child("RmtInf")
        credit.creditorReference = remittance?.all("Strd").lazy.compactMap { $0.value("CdtrRefInf", "Ref") }.first
        let lines = remittance?.all("Ustrd").compactMap { $0.value() } ?? []
        if !lines.isEmpty { credit.remittance = lines.joined(separator: " ") }
    }

    /// Stable across imports of the same file: the statement, day, amount and position.
    /// Without the bank's own reference, the end-to-end id identifies a credit only together
    /// with what else the bank says of it: the payer chooses that id, and two payers may send
    /// the same one to this account.
    private func payerKeyed(_ credit: BankCredit) -> String? {
        credit.endToEndID.map { "\($0)/\(credit.bookedOn)/\(credit.amount)/\(credit.debtorIBAN ?? credit.debtorName ?? "")" }
    }

    private func fallbackReference(_ statement: String, _ credit: BankCredit) -> String {
        "\(statement)/\(credit.bookedOn)/\(credit.amount)/\(credits.count + 1)"
    }

    private mutating func amount(_ node: XMLElementNode?, field: String,
                                 within parent: XMLElementNode) -> (value: Decimal, currency: String)? {
        guard let node else {
            problem(parent.line, field, "the entry has no amount")
            return nil
        }
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = BankAmount.decimal(text), value > 0 else {
            problem(node.line, field, "\"\(text)\" is not a positive amount (digits, a dot, decimals)")
            return nil
        }
        guard let currency = node.attributes["Ccy"], currency.count == 3,
              currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            problem(node.line, field, "the amount has no ISO 4217 currency (Ccy attribute)")
            return nil
        }
        return (value, currency)
    }

    /// `Dt`, or the day of `DtTm`.
    private mutating func day(_ node: XMLElementNode?, field: String, within parent: XMLElementNode) -> String? {
        guard let node else {
            problem(parent.line, field, "the entry has no booking date")
            return nil
        }
        if let date = node.value("Dt") ?? node.value("DtTm").map({ String($0.prefix(10)) }), BankAmount.isDay(date) {
            return date
        }
        problem(node.line, field, "\"\(node.value("Dt") ?? node.value("DtTm") ?? "")\" is not a date (YYYY-MM-DD)")
        return nil
    }
}
