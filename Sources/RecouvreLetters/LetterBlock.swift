/// One block of a letter's body, laid out in order after the salutation.
public enum LetterBlock: Sendable, Hashable {
    /// A paragraph of text, wrapped to the text width.
    case paragraph(String)
    /// A paragraph in bold, for what the reader must not miss (the amount and the deadline).
    case emphasis(String)
    /// The table of invoices.
    case invoiceTable(InvoiceTable)
    /// How to pay.
    case paymentInstructions(PaymentInstructions)
    /// A text quoted as it stands (an article of law), indented under a heading.
    case quotation(heading: String, paragraphs: [String])
}
