import Foundation

/// Column names compared the way people write them: `Date d'échéance`, `DATE D ECHEANCE` and
/// `date_d_echeance` are the same name, `date d echeance`.
public enum HeaderName {
    /// Lowercase, accents removed, `°` and `º` dropped (`N° facture` is `n facture`), every run
    /// of other characters than letters and digits one space, no space at either end.
    public static func normalized(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
        var result = ""
        var gap = false
        for scalar in folded.unicodeScalars where scalar != "°" && scalar != "º" {
            if CharacterSet.alphanumerics.contains(scalar) {
                if gap, !result.isEmpty { result.append(" ") }
                gap = false
                result.unicodeScalars.append(scalar)
            } else {
                gap = true
            }
        }
        return result
    }
}
