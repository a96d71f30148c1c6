import Foundation

/// Reads CFONB 120 statements, the French banks' fixed-width format: every record is 120
/// characters; `01` opens an account's day with its old balance, `04` is a movement, `05`
/// adds text to the movement before it, `07` closes with the new balance.
///
/// Credits (positive `04` amounts) are kept with their `05` complements: `NPY` the payer's
/// name, `RCN` the end-to-end reference, `LCS` a structured creditor reference, any other
/// qualifier's text added to the remittance. Each `01` … `07` run must add up: old balance
/// plus movements equals the new balance, which catches a file cut short.
public enum CFONBParser {
    static let problemLimit = 50

    /// Parses a CFONB 120 file in ASCII, Latin-1 or UTF-8, lines ended by LF or CRLF (or none,
    /// as one run of 120-character records).
    public static func parse(_ data: Data) throws(ImportRejected) -> BankStatement {
        let lines = try Self.lines(of: data)
        var state = CFONBState()
        for (index, line) in lines.enumerated() {
            state.read(line, number: index + 1)
            if state.problems.count > problemLimit { break }
        }
        state.finish(lastLine: lines.count)
        if !state.problems.isEmpty {
            throw ImportRejected(problems: Array(state.problems.prefix(problemLimit)),
                                 truncated: state.problems.count > problemLimit)
        }
        guard let account = state.account else {
            throw ImportRejected(problems: [ImportProblem(line: nil, message: "the file holds no 01 record")])
        }
        return BankStatement(format: .cfonb120, account: account, reference: state.references.joined(separator: "+"),
                             credits: state.credits, debitsIgnored: state.debits)
    }

    /// The file's text split into lines, refused when it is not text in a one-byte encoding.
    static func lines(of data: Data) throws(ImportRejected) -> [Substring] {
        guard !data.isEmpty else { throw ImportRejected(problems: [ImportProblem(line: nil, message: "the file is empty")]) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.contains(0) {
            throw ImportRejected(problems: [ImportProblem(
                line: nil, message: "the file is in UTF-16 or binary; CFONB 120 files are ASCII or Latin-1 text")])
        }
        // Banks write ASCII or Latin-1; a file re-saved by an editor may be UTF-8.
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
        // "\r\n" is one Character in Swift: split on both line ends.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        // Some banks send records without line ends.
        if lines.count == 1, let only = lines.first, only.count > 120, only.count % 120 == 0 {
            lines = stride(from: 0, to: only.count, by: 120).map { offset in
                let start = only.index(only.startIndex, offsetBy: offset)
                return only[start..<only.index(start, offsetBy: 120)]
            }
        }
        return lines
    }
}

/// What has been read so far.
private struct CFONBState {
    var credits: [BankCredit] = []
    var problems: [ImportProblem] = []
    var debits = 0
    var account: String?
    var references: [String] = []
    /// The open run: its old balance, the movements since, and where it started.
    var balance: (amount: Decimal, line: Int)?
    /// The last 04 record was a credit, and 05 records add to it.
    var lastWasCredit = false
    var lastMovementLine: Int?
    var seen: [String: Int] = [:]

    mutating func problem(_ line: Int, _ field: String?, _ message: String) {
        problems.append(ImportProblem(line: line, field: field, message: message))
    }

    mutating func read(_ line: Substring, number: Int) {
        guard line.count == 120 else {
            return problem(number, nil, "a CFONB 120 record is 120 characters, this line has \(line.count)")
        }
        if line.contains(where: { $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }) {
            return problem(number, nil, "the line holds control characters; is the file EBCDIC or binary?")
        }
        let code = field(line, 1, 2)
        switch code {
        case "01": opening(line, number)
        case "04": movement(line, number)
        case "05": complement(line, number)
        case "07": closing(line, number)
        default:
            problem(number, "record code", "\"\(code)\" is not a CFONB 120 record (01, 04, 05 or 07)")
        }
    }

    mutating func finish(lastLine: Int) {
        if let balance {
            problem(lastLine, nil, "the file ends without the 07 new balance closing the 01 of line \(balance.line); is it complete?")
        }
    }

    // MARK: - Records

    private mutating func opening(_ line: Substring, _ number: Int) {
        if let open = balance { problem(number, nil, "a new 01 record before the 07 closing the 01 of line \(open.line)") }
        lastWasCredit = false
        guard let iban = accountIBAN(line, number) else { return }
        if let account, account != iban {
            return problem(number, "account", "the file holds accounts \(account) and \(iban); import one account per file")
        }
        account = iban
        guard let amount = amount(line, number), let day = day(field(line, 35, 6), number, "date") else { return }
        balance = (amount, number)
        references.append(day)
    }

    private mutating func movement(_ line: Substring, _ number: Int) {
        lastWasCredit = false
        lastMovementLine = number
        guard balance != nil else { return problem(number, nil, "a 04 movement outside a 01 … 07 run") }
        guard let amount = amount(line, number),
              let bookedOn = day(field(line, 35, 6), number, "booking date") else { return }
        let valueText = field(line, 43, 6)
        let valueOn = valueText.allSatisfy({ $0 == " " || $0 == "0" }) ? nil : day(valueText, number, "value date")
        balance!.amount += amount
        guard amount > 0 else {
            debits += 1
            return
        }
        let label = trimmed(field(line, 49, 31))
        let entryNumber = trimmed(field(line, 82, 7))
        let reference = trimmed(field(line, 105, 16))
        let currency = String(field(line, 17, 3))
        guard currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return problem(number, "currency", "\"\(currency)\" is not an ISO 4217 currency code")
        }
        var key = "\(bookedOn)/\(entryNumber ?? "")/\(reference ?? "")"
        if entryNumber == nil {
            // No bank number: the same day, amount and label, counted in file order.
            let base = "\(bookedOn)/\(amount)/\(label ?? "")"
            seen[base, default: 0] += 1
            key = "\(base)/\(seen[base]!)"
        }
        credits.append(BankCredit(entryReference: key, amount: amount, currency: currency, bookedOn: bookedOn,
                                  valueOn: valueOn, remittance: label, line: number))
        lastWasCredit = true
    }

    private mutating func complement(_ line: Substring, _ number: Int) {
        guard lastMovementLine != nil, balance != nil else {
            return problem(number, nil, "a 05 complement without the 04 movement it completes")
        }
        guard lastWasCredit, !credits.isEmpty else { return }
        let qualifier = String(field(line, 46, 3))
        guard let text = trimmed(field(line, 49, 70)) else { return }
        var credit = credits.removeLast()
        switch qualifier {
        case "NPY", "NPO": credit.debtorName = credit.debtorName ?? text
        case "RCN": credit.endToEndID = credit.endToEndID ?? text
        case "LCS": credit.creditorReference = credit.creditorReference ?? text
        case "IPY", "NBE", "IBE", "MMO": break
        default: credit.remittance = [credit.remittance, text].compactMap { $0 }.joined(separator: " ")
        }
        credits.append(credit)
    }

    private mutating func closing(_ line: Substring, _ number: Int) {
        lastWasCredit = false
        guard let open = balance else { return problem(number, nil, "a 07 new balance without its 01 old balance") }
        balance = nil
        guard let amount = amount(line, number) else { return }
        if amount != open.amount {
            problem(number, "amount", "the new balance \(amount) is not the old balance of line \(open.line) plus the movements (\(open.amount)); is the file complete?")
        }
    }

    // MARK: - Fields

    /// Characters `start` (1-based) to `start + length - 1`.
    private func field(_ line: Substring, _ start: Int, _ length: Int) -> Substring {
        let from = line.index(line.startIndex, offsetBy: start - 1)
        return line[from..<line.index(from, offsetBy: length)]
    }

    private func trimmed(_ text: Substring) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    private mutating func accountIBAN(_ line: Substring, _ number: Int) -> String? {
        let bank = String(field(line, 3, 5)), branch = String(field(line, 12, 5)), account = String(field(line, 22, 11))
        guard let iban = FrenchRIB.iban(bank: bank, branch: branch, account: account) else {
            problem(number, "account", "bank \"\(bank)\", branch \"\(branch)\", account \"\(account)\" do not form a French account number")
            return nil
        }
        return iban
    }

    private mutating func amount(_ line: Substring, _ number: Int) -> Decimal? {
        let decimalsField = field(line, 20, 1)
        guard let decimals = Int(decimalsField), decimals <= 3 else {
            problem(number, "decimals", "\"\(decimalsField)\" is not a number of decimals (0 to 3)")
            return nil
        }
        let text = field(line, 91, 14)
        guard let amount = CFONBAmount.decode(text, decimals: decimals) else {
            problem(number, "amount", "\"\(text)\" is not an amount (13 digits and a sign letter {A–I or }J–R)")
            return nil
        }
        return amount
    }

    /// `ddmmyy` as `YYYY-MM-DD`.
    private mutating func day(_ text: Substring, _ number: Int, _ name: String) -> String? {
        if text.count == 6, text.allSatisfy(\.isASCIIDigit), let d = Int(text.prefix(2)),
           let m = Int(text.dropFirst(2).prefix(2)), let y = Int(text.suffix(2)) {
            let year = (y >= 80 ? 1900 : 2000) + y
            if BankAmount.isDay(year: year, month: m, day: d) {
                return String(format: "%04d-%02d-%02d", year, m, d)
            }
        }
        problem(number, name, "\"\(text)\" is not a date (ddmmyy)")
        return nil
    }
}
