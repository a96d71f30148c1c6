import Foundation
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// The JSON bodies a step sends to a tenant's webhook or SMS gateway (docs/channels.md).
enum StepPayload {
    struct Invoice: Encodable {
        let number: String
        let dueOn: String
        let amount: String
        let outstanding: String
        let currency: String
    }

    struct Debtor: Encodable {
        let reference: String
        let name: String
        let email: String?
        let address: [String]
    }

    /// A step on the webhook channel: what to say to whom, for the tenant's own system.
    struct Step: Encodable {
        let event = "step"
        let tenant: String
        let actionId: Int64
        let stage: String
        let template: String
        let locale: String
        let debtor: Debtor
        let invoices: [Invoice]
        let subject: String
        let text: String
    }

    /// An SMS for the tenant's gateway.
    struct SMS: Encodable {
        let event = "sms"
        let tenant: String
        let actionId: Int64
        let to: String
        let from: String?
        let text: String
        let encoding: String
        let segments: Int
    }

    /// A letter for a print-and-mail provider: the PDF to print, and how to post it.
    struct Letter: Encodable {
        let event = "letter"
        let tenant: String
        let actionId: Int64
        let registered: Bool
        let recipient: Debtor
        let filename: String
        let pdfBase64: String
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    static func invoices(_ standing: [InvoiceStanding]) -> [Invoice] {
        standing.map {
            Invoice(number: $0.number, dueOn: $0.dueOn.description, amount: "\($0.amount.amount)",
                    outstanding: String($0.outstanding.plainText.dropLast(4)), currency: $0.outstanding.currency)
        }
    }

    /// A short SMS: who writes, what is owed, how to answer. Checked for length (3 segments at
    /// most) before anything is recorded.
    static func smsText(creditor: String, invoices: [InvoiceStanding], total: String, replyTo: String?,
                        locale: MessageLocale) throws(SMSText.TooLong) -> SMSText {
        let count = invoices.count
        // Plain spaces: the narrow no-break space of French amounts is not in GSM-7, and one such
        // character would make the whole SMS UCS-2, at 70 characters a segment.
        let total = total.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        let text: String
        switch locale {
        case .fr:
            text = "\(creditor) : \(count == 1 ? "1 facture impayée" : "\(count) factures impayées") (\(total)). "
                + "Merci de régler ou de nous contacter\(replyTo.map { " : \($0)" } ?? ".")"
        case .en:
            text = "\(creditor): \(count == 1 ? "1 unpaid invoice" : "\(count) unpaid invoices") (\(total)). "
                + "Please pay or contact us\(replyTo.map { ": \($0)" } ?? ".")"
        }
        return try SMSText(text, maximumSegments: 3)
    }
}
