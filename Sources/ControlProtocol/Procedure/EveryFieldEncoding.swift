/// Encodes every stored property of a reply type, absent optionals as `null`, so that
/// `--json` output and replies keep one shape whatever is set.
protocol EncodesEveryField: Encodable {}

extension EncodesEveryField {
    /// Encodes each stored property under its own name; `nil` becomes `null`.
    func encodeEveryField(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let value = child.value as? any Encodable else { continue }
            try container.encode(value, forKey: FieldKey(stringValue: label))
        }
    }
}

/// A coding key named after a property.
struct FieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
