/// The A4 page, its margins and the window of a French DL envelope, in PDF points.
enum PageGeometry {
    /// Points per millimetre (72 points to the inch).
    static let pointsPerMillimetre = 72.0 / 25.4
    static func mm(_ value: Double) -> Double { value * pointsPerMillimetre }

    static let width = 595.28
    static let height = 841.89
    static let margin = mm(20)
    static let contentWidth = width - 2 * margin

    /// The address block, where the window of a DL envelope (window on the right) shows it.
    static let addressX = mm(110)
    static let addressY = mm(47)
    static let addressWidth = mm(85)

    /// The bottom of the area for the flow of text; the footer sits below it.
    static let footerTop = height - mm(22)
    static let pageNumberBaselineY = height - mm(12)
}
