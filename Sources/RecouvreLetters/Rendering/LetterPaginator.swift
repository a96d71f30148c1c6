/// Decides where everything of a letter goes, page by page.
///
/// Text is measured with the canvas's pango context, so the breaks are those of the drawn text:
/// paragraphs split between lines, a table repeats its heading on every page it continues on,
/// and the payment instructions, the closing and the signature are never split.
struct LetterPaginator {
    private let canvas: PDFCanvas
    private let letter: Letter
    private let labels: LetterLabels
    private let bottom: Double
    private var pages: [[PlacedItem]] = [[]]
    private var y = PageGeometry.margin

    private static let paragraphGap = 7.0
    private static let cellPaddingX = 3.0
    private static let cellPaddingY = 2.5

    /// Lays out `letter`; `footerHeight` is what the legal mentions take above the page number.
    init(canvas: PDFCanvas, letter: Letter, footerHeight: Double) {
        self.canvas = canvas
        self.letter = letter
        self.labels = LetterLabels(locale: letter.locale)
        self.bottom = PageGeometry.footerTop - footerHeight - 6
    }

    /// The items of every page.
    mutating func layout() -> [[PlacedItem]] {
        header()
        for block in letter.body {
            switch block {
            case let .paragraph(text): paragraph(text, .body)
            case let .emphasis(text): paragraph(text, .bold)
            case let .invoiceTable(table): invoiceTable(table)
            case let .paymentInstructions(payment): paymentInstructions(payment)
            case let .quotation(heading, paragraphs): quotation(heading, paragraphs)
            }
        }
        closingAndSignature()
        return pages
    }

    // MARK: - Parts of the letter

    private mutating func header() {
        let margin = PageGeometry.margin
        let senderWidth = PageGeometry.addressX - margin - PageGeometry.mm(5)
        var senderY = margin
        senderY = put(letter.sender.name, .senderName, x: margin, y: senderY, width: senderWidth) + 2
        let sender = letter.sender
        var details = sender.addressLines
        if let siren = sender.siren { details.append(labels.field(labels.siren, siren)) }
        if let phone = sender.phone { details.append(labels.field(labels.phone, phone)) }
        if let email = sender.email { details.append(labels.field(labels.email, email)) }
        if !details.isEmpty {
            senderY = put(details.joined(separator: "\n"), .small, x: margin, y: senderY, width: senderWidth)
        }

        let recipient = letter.recipient
        var addressY = put(recipient.name, .bold, x: PageGeometry.addressX, y: PageGeometry.addressY, width: PageGeometry.addressWidth)
        if !recipient.addressLines.isEmpty {
            addressY = put(recipient.addressLines.joined(separator: "\n"), .body, x: PageGeometry.addressX, y: addressY,
                           width: PageGeometry.addressWidth)
        }

        // Below the window, whatever the length of the letterhead or the address.
        y = max(senderY, addressY, PageGeometry.mm(92)) + 4
        y = put(letter.placeAndDate, .body, x: PageGeometry.addressX, y: y, width: PageGeometry.addressWidth) + 14
        if letter.registeredMail {
            y = put(letter.registeredMailMention, .bold, x: margin, y: y, width: PageGeometry.contentWidth) + 4
        }
        y = put(letter.subjectLine, .bold, x: margin, y: y, width: PageGeometry.contentWidth) + 2
        if !letter.references.isEmpty {
            let lines = letter.references.map { labels.field($0.label, $0.value) }.joined(separator: "\n")
            y = put(lines, .body, x: margin, y: y, width: PageGeometry.contentWidth)
        }
        y += 14
        paragraph(letter.salutation, .body)
    }

    private mutating func closingAndSignature() {
        let signature = letter.signature
        var lines = [signature.name]
        if let role = signature.role { lines.append(role) }
        if let organisation = signature.organisation { lines.append(organisation) }
        let nameHeight = canvas.height(of: signature.name, .bold, width: PageGeometry.addressWidth)
        let restText = lines.dropFirst().joined(separator: "\n")
        let restHeight = restText.isEmpty ? 0 : canvas.height(of: restText, .body, width: PageGeometry.addressWidth)
        // The closing formula stays with the signature, with room for a handwritten one above the name.
        let closingHeight = canvas.height(of: letter.closing, .body, width: PageGeometry.contentWidth)
        ensure(room: closingHeight + Self.paragraphGap + 30 + nameHeight + restHeight)
        paragraph(letter.closing, .body)
        y += 30
        y = put(signature.name, .bold, x: PageGeometry.addressX, y: y, width: PageGeometry.addressWidth)
        if !restText.isEmpty {
            y = put(restText, .body, x: PageGeometry.addressX, y: y, width: PageGeometry.addressWidth)
        }
    }

    private mutating func paymentInstructions(_ payment: PaymentInstructions) {
        var lines = [
            labels.field(labels.beneficiary, payment.beneficiary),
            labels.field("IBAN", payment.printedIBAN),
            labels.field("BIC", payment.bic),
            labels.field(labels.paymentReference, payment.paymentReference),
        ]
        lines += payment.otherMeans
        let text = lines.joined(separator: "\n")
        let x = PageGeometry.margin + PageGeometry.mm(5)
        let width = PageGeometry.contentWidth - PageGeometry.mm(5)
        let headingHeight = canvas.height(of: labels.howToPay, .bold, width: width)
        ensure(room: headingHeight + 2 + canvas.height(of: text, .body, width: width))
        y = put(labels.howToPay, .bold, x: PageGeometry.margin, y: y, width: PageGeometry.contentWidth) + 2
        y = put(text, .body, x: x, y: y, width: width) + Self.paragraphGap
    }

    private mutating func quotation(_ heading: String, _ paragraphs: [String]) {
        let headingHeight = canvas.height(of: heading, .bold, width: PageGeometry.contentWidth)
        ensure(room: headingHeight + 30)
        y = put(heading, .bold, x: PageGeometry.margin, y: y, width: PageGeometry.contentWidth) + 3
        for text in paragraphs {
            paragraph(text, .quotation, indent: PageGeometry.mm(8), gap: 4)
        }
        y += Self.paragraphGap - 4
    }

    private mutating func invoiceTable(_ table: InvoiceTable) {
        let layout = InvoiceTableLayout(table, labels: labels, width: PageGeometry.contentWidth)
        let headingHeight = rowHeight(layout.columns.map(\.heading), layout, .tableHeading)
        let firstHeight = layout.rows.first.map { rowHeight($0, layout, .tableBody) } ?? 0
        ensure(room: headingHeight + firstHeight)
        tableHeading(layout, height: headingHeight)
        for cells in layout.rows {
            let height = rowHeight(cells, layout, .tableBody)
            if y + height > bottom {
                newPage()
                tableHeading(layout, height: headingHeight)
            }
            tableRow(cells, layout, .tableBody, height: height)
            pages[pages.count - 1].append(.rule(x1: PageGeometry.margin, y1: y, x2: PageGeometry.margin + PageGeometry.contentWidth,
                                                y2: y, lineWidth: 0.3))
        }
        let totalsStyle = TextStyle(font: "\(TextStyle.family) Bold 8.5", lineSpacing: 0.5)
        let totalsHeight = rowHeight(layout.totals, layout, totalsStyle)
        if y + totalsHeight > bottom {
            newPage()
            tableHeading(layout, height: headingHeight)
        }
        pages[pages.count - 1].append(.rule(x1: PageGeometry.margin, y1: y, x2: PageGeometry.margin + PageGeometry.contentWidth,
                                            y2: y, lineWidth: 0.9))
        tableRow(layout.totals, layout, totalsStyle, height: totalsHeight)
        y += Self.paragraphGap + 3
    }

    private mutating func tableHeading(_ layout: InvoiceTableLayout, height: Double) {
        pages[pages.count - 1].append(.shade(x: PageGeometry.margin, y: y, width: PageGeometry.contentWidth, height: height))
        tableRow(layout.columns.map(\.heading), layout, .tableHeading, height: height)
        pages[pages.count - 1].append(.rule(x1: PageGeometry.margin, y1: y, x2: PageGeometry.margin + PageGeometry.contentWidth,
                                            y2: y, lineWidth: 0.6))
    }

    private mutating func tableRow(_ cells: [String], _ layout: InvoiceTableLayout, _ style: TextStyle, height: Double) {
        var x = PageGeometry.margin
        for (cell, column) in zip(cells, layout.columns) {
            if !cell.isEmpty {
                pages[pages.count - 1].append(.text(cell, style.aligned(column.alignment), x: x + Self.cellPaddingX,
                                                    y: y + Self.cellPaddingY, width: column.width - 2 * Self.cellPaddingX))
            }
            x += column.width
        }
        y += height
    }

    private func rowHeight(_ cells: [String], _ layout: InvoiceTableLayout, _ style: TextStyle) -> Double {
        let tallest = zip(cells, layout.columns).map { cell, column in
            canvas.height(of: cell.isEmpty ? " " : cell, style.aligned(column.alignment), width: column.width - 2 * Self.cellPaddingX)
        }.max() ?? 0
        return tallest + 2 * Self.cellPaddingY
    }

    // MARK: - Flow

    /// Places a paragraph at the current position, splitting it between lines across pages.
    private mutating func paragraph(_ text: String, _ style: TextStyle, indent: Double = 0, gap: Double = paragraphGap) {
        let x = PageGeometry.margin + indent
        let width = PageGeometry.contentWidth - indent
        var remaining = text
        while true {
            let height = canvas.height(of: remaining, style, width: width)
            if y + height <= bottom {
                y = put(remaining, style, x: x, y: y, width: width) + gap
                return
            }
            let lines = canvas.lineBreaks(of: remaining, style, width: width)
            // The lines that fit; at least two, so a page never ends on a lone first line.
            let fitting = lines.filter { y + $0.bottom <= bottom }.count
            guard fitting >= 2, fitting < lines.count else {
                newPage()
                continue
            }
            let bytes = Array(remaining.utf8)
            let cut = lines[fitting].start
            let head = String(decoding: bytes[..<cut], as: UTF8.self)
            put(head.trimmingTrailingWhitespace, style, x: x, y: y, width: width)
            remaining = String(decoding: bytes[cut...], as: UTF8.self)
            newPage()
        }
    }

    /// Starts a new page when `room` points do not fit on this one.
    private mutating func ensure(room: Double) {
        if y + room > bottom, y > PageGeometry.margin { newPage() }
    }

    private mutating func newPage() {
        pages.append([])
        y = PageGeometry.margin
    }

    /// Places text and returns the y just below it.
    @discardableResult
    private mutating func put(_ text: String, _ style: TextStyle, x: Double, y: Double, width: Double) -> Double {
        pages[pages.count - 1].append(.text(text, style, x: x, y: y, width: width))
        return y + canvas.height(of: text, style, width: width)
    }
}

private extension String {
    var trimmingTrailingWhitespace: String {
        var copy = self
        while copy.last?.isWhitespace == true { copy.removeLast() }
        return copy
    }
}
