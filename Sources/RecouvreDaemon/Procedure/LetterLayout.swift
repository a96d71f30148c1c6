import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// Lays out a letter as plain text: sender, the debtor's address where a window envelope shows
/// it, place and date, subject, then the body.
enum LetterLayout {
    static func text(creditor: String, debtor: DebtorRecord, subject: String, body: String, day: CalendarDay,
                     locale: MessageLocale) -> String {
        let indent = String(repeating: " ", count: 50)
        var lines = [creditor, "", ""]
        lines += ([debtor.name] + debtor.address).map { indent + $0 }
        lines += ["", ""]
        let date = LetterDate.formatted(day, locale)
        lines.append(indent + (locale == .fr ? "Le \(date)" : date))
        lines += ["", (locale == .fr ? "Objet : " : "Subject: ") + subject,
                  (locale == .fr ? "Référence client : " : "Customer reference: ") + debtor.externalRef, "", body]
        return lines.joined(separator: "\n")
    }
}
