import RecouvreCore

/// The title of a collector's task, in the tenant's language.
enum TaskTitles {
    /// The kinds of task a task-channel step may open; a step's template names one.
    static let stepKinds: Set<String> = ["call", "agency_handoff", "small_claims", "court_file"]

    static func title(kind: String, debtorName: String, total: String, locale: MessageLocale) -> String {
        switch (kind, locale) {
        case ("call", .fr): "Appeler \(debtorName) au sujet de \(total) impayés"
        case ("call", .en): "Call \(debtorName) about \(total) unpaid"
        case ("agency_handoff", .fr): "Transmettre le dossier de \(debtorName) (\(total)) à l'agence de recouvrement"
        case ("agency_handoff", .en): "Hand \(debtorName)'s file (\(total)) to the collection agency"
        case ("small_claims", .fr): "Confier à un commissaire de justice la procédure simplifiée contre \(debtorName) (\(total))"
        case ("small_claims", .en): "Start the small-claims procedure against \(debtorName) (\(total)) with a commissaire de justice"
        case ("court_file", .fr): "Préparer le dossier judiciaire contre \(debtorName) (\(total))"
        case ("court_file", .en): "Prepare the court file against \(debtorName) (\(total))"
        case (_, .fr): "Traiter le dossier de \(debtorName) (\(total))"
        case (_, .en): "Work on \(debtorName)'s file (\(total))"
        }
    }

    static func approval(stage: CollectionStage, template: String, debtorName: String, total: String, locale: MessageLocale) -> String {
        switch locale {
        case .fr: "Approuver l'étape « \(label(stage, locale)) » (\(template)) pour \(debtorName) (\(total))"
        case .en: "Approve the \(label(stage, locale)) step (\(template)) for \(debtorName) (\(total))"
        }
    }

    /// A stage as collectors call it.
    static func label(_ stage: CollectionStage, _ locale: MessageLocale) -> String {
        switch (stage, locale) {
        case (.reminder, .fr): "relance"
        case (.reminder, .en): "reminder"
        case (.call, .fr): "appel"
        case (.call, .en): "call"
        case (.formalNotice, .fr): "mise en demeure"
        case (.formalNotice, .en): "formal notice"
        case (.agency, .fr): "agence de recouvrement"
        case (.agency, .en): "collection agency"
        case (.smallClaims, .fr): "procédure simplifiée de recouvrement des petites créances"
        case (.smallClaims, .en): "small-claims procedure"
        case (.legal, .fr): "action en justice"
        case (.legal, .en): "court"
        }
    }
}
