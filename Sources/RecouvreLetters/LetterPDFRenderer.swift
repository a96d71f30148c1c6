import CPangoCairo
import Foundation

/// Renders a `Letter` as an A4 PDF with cairo and pango, in DejaVu Sans.
///
/// A render is synchronous and self-contained: every cairo and pango object is made and
/// destroyed inside the call, so a renderer may be used from any thread or task at once.
public struct LetterPDFRenderer: Sendable {
    /// The creation date written in the PDF's metadata; nil writes the time of the render.
    /// Set it to make the bytes reproducible: two renders of the same letter with the same
    /// creation date are identical.
    public var creationDate: Date?

    /// Creates a renderer.
    public init(creationDate: Date? = nil) {
        self.creationDate = creationDate
    }

    /// The letter as PDF bytes.
    public func render(_ letter: Letter) throws -> Data {
        let canvas = try PDFCanvas(width: PageGeometry.width, height: PageGeometry.height)
        canvas.setMetadata(CAIRO_PDF_METADATA_TITLE, letter.subject)
        canvas.setMetadata(CAIRO_PDF_METADATA_AUTHOR, letter.sender.name)
        canvas.setMetadata(CAIRO_PDF_METADATA_SUBJECT, letter.subjectLine)
        canvas.setMetadata(CAIRO_PDF_METADATA_CREATOR, "Recouvre")
        if let creationDate {
            let stamp = creationDate.formatted(.iso8601)
            canvas.setMetadata(CAIRO_PDF_METADATA_CREATE_DATE, stamp)
            canvas.setMetadata(CAIRO_PDF_METADATA_MOD_DATE, stamp)
        }

        let footerText = letter.footer.joined(separator: "\n")
        let footerHeight = footerText.isEmpty ? 0 : canvas.height(of: footerText, .footer, width: PageGeometry.contentWidth)
        var paginator = LetterPaginator(canvas: canvas, letter: letter, footerHeight: footerHeight)
        let pages = paginator.layout()
        let labels = LetterLabels(locale: letter.locale)

        for (index, items) in pages.enumerated() {
            for item in items { canvas.draw(item) }
            if !footerText.isEmpty {
                canvas.draw(.text(footerText, .footer, x: PageGeometry.margin, y: PageGeometry.footerTop - footerHeight,
                                  width: PageGeometry.contentWidth))
            }
            canvas.draw(.text(labels.page(index + 1, of: pages.count), .footer, x: PageGeometry.margin,
                              y: PageGeometry.pageNumberBaselineY - 8, width: PageGeometry.contentWidth))
            try canvas.showPage(number: index + 1)
        }
        return try canvas.finish()
    }

    /// Renders the letter and writes it to `url`, replacing any file there.
    public func write(_ letter: Letter, to url: URL) throws {
        let data = try render(letter)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw LetterRenderError(operation: "writing \(url.path)", reason: "\(error.localizedDescription)")
        }
    }
}
