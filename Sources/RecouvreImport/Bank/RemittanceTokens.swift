/// The ways an invoice number may be written in free remittance text: every run of up to six
/// consecutive words of letters and digits, joined without what separated them, so that
/// `Fact. fa 2026-0412` contains `FA20260412` whatever the spaces, dashes and case.
struct RemittanceTokens {
    private let forms: Set<String>
    static let longest = 35

    init(_ texts: [String?]) {
        var forms = Set<String>()
        for text in texts.compactMap({ $0 }) {
            let words = text.uppercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
            for start in words.indices {
                var joined = ""
                for word in words[start..<min(start + 6, words.count)] {
                    joined += word
                    if joined.count > Self.longest { break }
                    forms.insert(joined)
                }
            }
        }
        self.forms = forms
    }

    /// Whether the compact invoice number is written there as whole words.
    func contains(_ compactNumber: String) -> Bool {
        compactNumber.count >= 3 && forms.contains(compactNumber)
    }
}
