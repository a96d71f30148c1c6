/// The text of article L111-8 of the code des procédures civiles d'exécution that a collection
/// agency must reproduce in its letter (CPCE R124-4, 5°): its second and third paragraphs,
/// in the wording in force since the loi n° 2014-344 of 17 March 2014.
public enum CollectionCostsLaw {
    /// The heading under which the French text is reproduced.
    public static let frenchHeading = "Article L111-8 du code des procédures civiles d'exécution, alinéas 2 et 3 :"

    /// Paragraphs 2 and 3, verbatim.
    public static let frenchParagraphs = [
        "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent "
            + "un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée "
            + "non écrite, sauf disposition législative contraire.",
        "Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance "
            + "peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur "
            + "de mauvaise foi.",
    ]

    /// The heading of the English translation, which accompanies the French text and does not replace it.
    public static let englishHeading = "English translation, for information only (the French text above is the one in force):"

    /// A translation of paragraphs 2 and 3.
    public static let englishParagraphs = [
        "The costs of recovery undertaken without an enforceable title shall be borne by the creditor, unless they relate "
            + "to an act which the law requires the creditor to perform. Any stipulation to the contrary is deemed unwritten, "
            + "unless otherwise provided by law.",
        "However, a creditor who proves that the steps taken to recover the claim were necessary may ask the enforcement "
            + "judge to leave all or part of the costs thus incurred to be borne by a debtor acting in bad faith.",
    ]
}
