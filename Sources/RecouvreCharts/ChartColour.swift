/// An RGB colour, each component 0…1.
public struct ChartColour: Equatable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    /// From a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    static let ink = ChartColour(hex: 0x222222)
    static let muted = ChartColour(hex: 0x666666)
    static let grid = ChartColour(hex: 0xDDDDDD)
    static let paper = ChartColour(hex: 0xFFFFFF)

    /// The series colours, in order: Okabe and Ito's palette, told apart by people with any
    /// common colour-vision deficiency, and still apart in greyscale print.
    public static let series: [ChartColour] = [
        ChartColour(hex: 0x0072B2), ChartColour(hex: 0xE69F00), ChartColour(hex: 0x009E73), ChartColour(hex: 0xD55E00),
        ChartColour(hex: 0x56B4E9), ChartColour(hex: 0xCC79A7), ChartColour(hex: 0xF0E442), ChartColour(hex: 0x000000),
    ]

    /// The colour of series number `index`, cycling through `series`.
    public static func series(_ index: Int) -> ChartColour { series[index % series.count] }
}
