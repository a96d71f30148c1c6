/// How a run of text is set: font, size, weight, alignment.
struct TextStyle: Hashable {
    enum Alignment: Hashable { case left, right, center }

    /// A pango font description, e.g. "DejaVu Sans Bold 10".
    var font: String
    var alignment: Alignment = .left
    /// Extra space between lines, in points.
    var lineSpacing: Double = 1.5

    static let family = "DejaVu Sans"
    static let body = TextStyle(font: "\(family) 10")
    static let bold = TextStyle(font: "\(family) Bold 10")
    static let senderName = TextStyle(font: "\(family) Bold 13")
    static let small = TextStyle(font: "\(family) 8.5")
    static let quotation = TextStyle(font: "\(family) Oblique 9")
    static let tableBody = TextStyle(font: "\(family) 8.5", lineSpacing: 0.5)
    static let tableHeading = TextStyle(font: "\(family) Bold 8", lineSpacing: 0.5)
    static let footer = TextStyle(font: "\(family) 7", alignment: .center, lineSpacing: 0.5)

    func aligned(_ alignment: Alignment) -> TextStyle {
        var copy = self
        copy.alignment = alignment
        return copy
    }
}
