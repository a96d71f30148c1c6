import Foundation

/// How alike two company or person names are, 0 to 1: the Dice coefficient of their letter
/// pairs once accents, case, punctuation and legal forms are set aside, so that
/// `Société Dupont & Fils SARL` and `STE DUPONT ET FILS` come close.
enum NameSimilarity {
    private static let ignored: Set<String> = [
        "SA", "SAS", "SASU", "SARL", "EURL", "SNC", "SCI", "SCP", "SELARL", "GIE", "LTD", "LIMITED", "GMBH", "INC",
        "LLC", "BV", "NV", "SPA", "SRL", "STE", "SOCIETE", "ETS", "ETABLISSEMENTS", "ET", "AND", "M", "MME", "MR",
        "MRS", "MONSIEUR", "MADAME", "CIE", "LA", "LE", "LES", "DE", "DU", "DES", "THE",
    ]

    static func score(_ a: String, _ b: String) -> Double {
        let x = bigrams(normalized(a)), y = bigrams(normalized(b))
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var pool = y
        var common = 0
        for pair in x {
            if let index = pool.firstIndex(of: pair) {
                common += 1
                pool.remove(at: index)
            }
        }
        return Double(2 * common) / Double(x.count + y.count)
    }

    /// Whether the debtor's name, legal form and punctuation aside, is written in `text`; names
    /// shorter than six letters are too likely to appear by chance to count.
    static func isWritten(_ name: String, in text: String) -> Bool {
        let compact = normalized(name)
        return compact.count >= 6 && normalized(text).contains(compact)
    }

    static func normalized(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .uppercased()
        let words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let kept = words.filter { !ignored.contains($0) }
        return (kept.isEmpty ? words : kept).joined()
    }

    private static func bigrams(_ text: String) -> [String] {
        let characters = Array(text)
        guard characters.count >= 2 else { return characters.map { String($0) } }
        return (0..<(characters.count - 1)).map { String(characters[$0...($0 + 1)]) }
    }
}
