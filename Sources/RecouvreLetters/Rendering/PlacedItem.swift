/// Something drawn at a fixed place on a page, once pagination has decided where.
enum PlacedItem: Hashable {
    /// Text wrapped in a box `width` wide whose top-left corner is at (x, y).
    case text(String, TextStyle, x: Double, y: Double, width: Double)
    /// A straight line.
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, lineWidth: Double)
    /// A light grey rectangle behind a table heading.
    case shade(x: Double, y: Double, width: Double, height: Double)
}
