import CPangoCairo
import Foundation
import RecouvreCharts
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ChartRendererTests {
    /// Two bars, 100 and 300, of the first series' colour, on a 600×400 image.
    let chart = BarChart(title: "Aged balance — EUR", subtitle: "acme, 2026-11-30", categories: ["1–30", "over 90"],
                         series: [BarSeries(name: "EUR", values: [100, 300])], unit: "EUR")

    @Test func aPNGShowsBarsWhoseHeightsFollowTheValues() throws {
        let png = try ChartRenderer(width: 600, height: 400).render(chart, as: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let image = try DecodedPNG(png)
        #expect(image.width == 600 && image.height == 400)
        // Measure each bar by counting, down every column, the pixels of the series colour.
        let colour = ChartColour.series(0)
        let columns = (0..<image.width).map { x in (0..<image.height).filter { image.pixel(x, $0) == colour.rgb }.count }
        let barColumns = columns.enumerated().filter { $0.element > 0 }
        let firstBar = barColumns.filter { $0.offset < image.width / 2 }.map(\.element).max() ?? 0
        let secondBar = barColumns.filter { $0.offset >= image.width / 2 }.map(\.element).max() ?? 0
        #expect(firstBar > 0)
        // 300 is three times 100: allow a pixel of antialiasing at each end.
        #expect(abs(Double(secondBar) / Double(firstBar) - 3) < 0.1)
    }

    @Test func anSVGIsAWellFormedDocumentOfTheAskedSize() throws {
        let svg = try ChartRenderer(width: 800, height: 450).render(chart, as: .svg)
        let root = try SVGRoot(svg)
        #expect(root.name == "svg")
        #expect(root.attributes["width"]?.hasPrefix("800") == true)
        #expect(root.attributes["height"]?.hasPrefix("450") == true)
        // The bars are paths filled with the series' colour, 300 three times as tall as 100.
        let heights = Self.heights(ofPathsFilled: "rgb(0%,44.705882%,69.803922%)", in: String(decoding: svg, as: UTF8.self))
        #expect(heights.count == 2)
        if heights.count == 2 { #expect(abs(heights[1] / heights[0] - 3) < 0.01) }
    }

    /// The vertical extent of each path whose style fills it with `colour`.
    static func heights(ofPathsFilled colour: String, in svg: String) -> [Double] {
        svg.components(separatedBy: "<path").dropFirst().compactMap { element -> Double? in
            guard element.contains("fill:\(colour)"), let d = element.components(separatedBy: "d=\"").dropFirst().first else { return nil }
            let numbers = d.prefix { $0 != "\"" }.split(separator: " ").compactMap { Double($0) }
            let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
            guard let low = ys.min(), let high = ys.max() else { return nil }
            return high - low
        }
    }

    @Test func writingReplacesTheFileAndAnUnwritablePlaceIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("aging.png")
        try ChartRenderer().write(chart, to: file, as: .png)
        #expect(try Data(contentsOf: file).starts(with: [0x89, 0x50]))
        let nowhere = directory.appendingPathComponent("missing/aging.svg")
        #expect(throws: ChartRenderError.self) { try ChartRenderer().write(chart, to: nowhere, as: .svg) }
    }
}

extension ChartColour {
    /// 0xRRGGBB.
    var rgb: UInt32 {
        UInt32((red * 255).rounded()) << 16 | UInt32((green * 255).rounded()) << 8 | UInt32((blue * 255).rounded())
    }
}

/// A PNG read back with cairo: its size and RGB pixels.
struct DecodedPNG {
    let width: Int
    let height: Int
    private let pixels: [UInt32]

    struct Unreadable: Error {}

    final class Source {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }

    init(_ png: Data) throws {
        let source = Source(png)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream({ closure, buffer, length in
                guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
                let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
                guard source.offset + Int(length) <= source.data.count else { return CAIRO_STATUS_READ_ERROR }
                source.data.copyBytes(to: buffer, from: source.offset..<source.offset + Int(length))
                source.offset += Int(length)
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw Unreadable() }
        defer { cairo_surface_destroy(surface) }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let base = cairo_image_surface_get_data(surface) else { throw Unreadable() }
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { pixels.append(row[x] & 0x00FF_FFFF) }
        }
        self.pixels = pixels
    }

    func pixel(_ x: Int, _ y: Int) -> UInt32 { pixels[y * width + x] }
}

/// The root element of an SVG document, parsed to prove it well formed.
struct SVGRoot {
    var name = ""
    var attributes: [String: String] = [:]

    struct Malformed: Error {}

    init(_ data: Data) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var name: String?
            var attributes: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
                if name == nil {
                    name = elementName
                    attributes = attributeDict
                }
            }
        }
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), let name = delegate.name else { throw Malformed() }
        self.name = name
        attributes = delegate.attributes
    }
}
