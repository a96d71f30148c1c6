/// A journal event's detail: string, integer and boolean values, encoded as a JSON object.
struct JSONDetail: Encodable {
    let values: [String: any Sendable]

    init(_ values: [String: any Sendable]) { self.values = values }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let codingKey = Key(stringValue: key)
            switch value {
            case let value as Int64: try container.encode(value, forKey: codingKey)
            case let value as Int: try container.encode(value, forKey: codingKey)
            case let value as Bool: try container.encode(value, forKey: codingKey)
            case let value as [Int64]: try container.encode(value, forKey: codingKey)
            case let value as [String]: try container.encode(value, forKey: codingKey)
            default: try container.encode(String(describing: value), forKey: codingKey)
            }
        }
    }
}
