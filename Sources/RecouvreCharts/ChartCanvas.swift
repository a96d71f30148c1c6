import CPangoCairo
import Foundation

/// A PNG image or an SVG document being drawn with cairo, with pango to set the text.
///
/// It owns every cairo and pango object of one render, on the thread that made it; nothing of
/// it outlives `finish()`, so renders on different threads never meet.
final class ChartCanvas {
    /// Receives the bytes cairo writes.
    private final class Sink {
        var data = Data()
    }

    /// Horizontal placement of a text relative to its anchor.
    enum Anchor { case start, middle, end }

    let format: ChartFormat
    let width: Double
    let height: Double
    private let sink = Sink()
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let pango: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]

    init(format: ChartFormat, width: Int, height: Int) throws {
        self.format = format
        self.width = Double(width)
        self.height = Double(height)
        let surface: OpaquePointer?
        switch format {
        case .png:
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        case .svg:
            surface = cairo_svg_surface_create_for_stream(Self.append, Unmanaged.passUnretained(sink).toOpaque(),
                                                          Double(width), Double(height))
        }
        guard let surface else { throw ChartRenderError(operation: "creating the \(format) surface", reason: "out of memory") }
        self.surface = surface
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw ChartRenderError(operation: "creating the \(format) surface", reason: Self.text(status))
        }
        self.cairo = cairo
        guard let pango = pango_cairo_create_context(cairo) else {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            throw ChartRenderError(operation: "creating the pango context", reason: "out of memory")
        }
        self.pango = pango
        // One unit is one pixel (PNG) or one point (SVG), and a 12-unit font is 12 units high.
        pango_cairo_context_set_resolution(pango, 72)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double, colour: ChartColour) {
        cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), colour: ChartColour, width: Double = 1) {
        cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
        cairo_set_line_width(cairo, width)
        cairo_move_to(cairo, start.x, start.y)
        cairo_line_to(cairo, end.x, end.y)
        cairo_stroke(cairo)
    }

    /// The width and height of `text` on one line in `font` (a pango description).
    func size(of text: String, font: String) -> (width: Double, height: Double) {
        withLayout(text, font: font) { layout in
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_get_extents(layout, &ink, &logical)
            return (Double(logical.width) / Double(PANGO_SCALE), Double(logical.height) / Double(PANGO_SCALE))
        }
    }

    /// Draws `text` with its top at `y`, placed around `x` as `anchor` says.
    func text(_ text: String, x: Double, y: Double, font: String, colour: ChartColour = .ink, anchor: Anchor = .start) {
        let width = size(of: text, font: font).width
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        withLayout(text, font: font) { layout in
            cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
            cairo_move_to(cairo, left, y)
            pango_cairo_show_layout(cairo, layout)
        }
    }

    /// Draws `text` turned `degrees` anticlockwise, its end at (x, y): long category labels.
    func turnedText(_ text: String, endingAt x: Double, y: Double, degrees: Double, font: String) {
        let size = self.size(of: text, font: font)
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_rotate(cairo, -degrees * .pi / 180)
        withLayout(text, font: font) { layout in
            cairo_set_source_rgb(cairo, ChartColour.ink.red, ChartColour.ink.green, ChartColour.ink.blue)
            cairo_move_to(cairo, -size.width, -size.height / 2)
            pango_cairo_update_layout(cairo, layout)
            pango_cairo_show_layout(cairo, layout)
        }
        cairo_restore(cairo)
    }

    /// Ends the drawing and returns the file's bytes.
    func finish() throws -> Data {
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else { throw ChartRenderError(operation: "drawing the chart", reason: Self.text(status)) }
        switch format {
        case .svg:
            cairo_surface_finish(surface)
        case .png:
            cairo_surface_flush(surface)
            let written = cairo_surface_write_to_png_stream(surface, Self.append, Unmanaged.passUnretained(sink).toOpaque())
            guard written == CAIRO_STATUS_SUCCESS else {
                throw ChartRenderError(operation: "writing the PNG", reason: Self.text(written))
            }
        }
        let finished = cairo_surface_status(surface)
        guard finished == CAIRO_STATUS_SUCCESS else {
            throw ChartRenderError(operation: "writing the \(format)", reason: Self.text(finished))
        }
        return sink.data
    }

    private func withLayout<T>(_ text: String, font: String, _ body: (OpaquePointer) -> T) -> T {
        guard let layout = pango_layout_new(pango) else { preconditionFailure("pango could not allocate a layout") }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_font_description(layout, description(font))
        pango_layout_set_text(layout, text, -1)
        return body(layout)
    }

    private func description(_ font: String) -> OpaquePointer? {
        if let cached = fonts[font] { return cached }
        let made = pango_font_description_from_string(font)
        fonts[font] = made
        return made
    }

    /// cairo's write callback: appends the bytes to the `Sink` passed as its closure.
    private static let append: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }

    private static func text(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}
