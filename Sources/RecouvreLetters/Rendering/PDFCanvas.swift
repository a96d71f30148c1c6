import CPangoCairo
import Foundation

/// A PDF being drawn with cairo, with pango to set the text.
///
/// It owns every cairo and pango object of one render and is used by one render only, on the
/// thread that made it; nothing of it outlives `finish()` or is shared, so renders on different
/// threads never meet (pango's default font map is per thread; fontconfig is thread-safe).
final class PDFCanvas {
    /// Receives the bytes cairo writes.
    private final class Sink {
        var data = Data()
    }

    private let sink = Sink()
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let pango: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]
    private var finished = false

    init(width: Double, height: Double) throws {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, closure, width, height) else {
            throw LetterRenderError(operation: "creating the PDF surface", reason: "out of memory")
        }
        self.surface = surface
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw LetterRenderError(operation: "creating the PDF surface", reason: Self.text(status))
        }
        self.cairo = cairo
        guard let pango = pango_cairo_create_context(cairo) else {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            throw LetterRenderError(operation: "creating the pango context", reason: "out of memory")
        }
        self.pango = pango
        // A PDF point is the unit: a 10 pt font is 10 units high (pango assumes 96 dpi otherwise).
        pango_cairo_context_set_resolution(pango, 72)
        // Unhinted metrics: the layout depends on the font only, not on a screen grid.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            pango_cairo_context_set_font_options(pango, options)
            cairo_font_options_destroy(options)
        }
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Sets a metadata entry of the document (title, author, creation date…).
    func setMetadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// The height `text` takes when set in `style` in a box `width` wide.
    func height(of text: String, _ style: TextStyle, width: Double) -> Double {
        withLayout(text, style, width: width) { layout in
            var inkless = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, &inkless, &logical)
            return Double(logical.height) / Double(PANGO_SCALE)
        }
    }

    /// The natural width of `text` on one line.
    func naturalWidth(of text: String, _ style: TextStyle) -> Double {
        withLayout(text, style, width: nil) { layout in
            var inkless = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, &inkless, &logical)
            return Double(logical.width) / Double(PANGO_SCALE)
        }
    }

    /// Where the wrapped lines of `text` start (UTF-8 offsets) and the height of the text up to
    /// the end of each line, so a paragraph can be split between two pages.
    func lineBreaks(of text: String, _ style: TextStyle, width: Double) -> [(start: Int, bottom: Double)] {
        withLayout(text, style, width: width) { layout in
            guard let iterator = pango_layout_get_iter(layout) else { return [] }
            defer { pango_layout_iter_free(iterator) }
            var lines: [(start: Int, bottom: Double)] = []
            repeat {
                var logical = PangoRectangle()
                pango_layout_iter_get_line_extents(iterator, nil, &logical)
                let start = Int(pango_layout_iter_get_index(iterator))
                lines.append((start, Double(logical.y + logical.height) / Double(PANGO_SCALE)))
            } while pango_layout_iter_next_line(iterator) != 0
            return lines
        }
    }

    /// Draws one placed item on the current page.
    func draw(_ item: PlacedItem) {
        switch item {
        case let .text(text, style, x, y, width):
            withLayout(text, style, width: width) { layout in
                cairo_move_to(cairo, x, y)
                pango_cairo_show_layout(cairo, layout)
            }
        case let .rule(x1, y1, x2, y2, lineWidth):
            cairo_set_line_width(cairo, lineWidth)
            cairo_move_to(cairo, x1, y1)
            cairo_line_to(cairo, x2, y2)
            cairo_stroke(cairo)
        case let .shade(x, y, width, height):
            cairo_save(cairo)
            cairo_set_source_rgb(cairo, 0.9, 0.9, 0.9)
            cairo_rectangle(cairo, x, y, width, height)
            cairo_fill(cairo)
            cairo_restore(cairo)
        }
    }

    /// Ends the current page and starts a new one.
    func showPage(number: Int) throws {
        cairo_show_page(cairo)
        try check("drawing page \(number)")
    }

    /// Finishes the document and returns its bytes.
    func finish() throws -> Data {
        precondition(!finished, "a canvas is finished once")
        finished = true
        try check("drawing the letter")
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw LetterRenderError(operation: "writing the PDF", reason: Self.text(status))
        }
        return sink.data
    }

    private func check(_ operation: String) throws {
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else { throw LetterRenderError(operation: operation, reason: Self.text(status)) }
    }

    private func withLayout<T>(_ text: String, _ style: TextStyle, width: Double?, _ body: (OpaquePointer) -> T) -> T {
        guard let layout = pango_layout_new(pango) else {
            preconditionFailure("pango could not allocate a layout")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_font_description(layout, font(style.font))
        pango_layout_set_spacing(layout, Int32(style.lineSpacing * Double(PANGO_SCALE)))
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        }
        pango_layout_set_text(layout, text, -1)
        return body(layout)
    }

    private func font(_ description: String) -> OpaquePointer? {
        if let font = fonts[description] { return font }
        let font = pango_font_description_from_string(description)
        fonts[description] = font
        return font
    }

    private static func text(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}
