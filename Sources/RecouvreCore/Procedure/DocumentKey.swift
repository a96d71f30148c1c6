/// Any key of a JSON object, to find the keys a document should not have.
struct DocumentKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    /// The keys of the object `decoder` reads that are not in `allowed`, sorted.
    static func unknownKeys(in decoder: any Decoder, allowed: [String]) throws -> [String] {
        try decoder.container(keyedBy: DocumentKey.self).allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
    }
}
