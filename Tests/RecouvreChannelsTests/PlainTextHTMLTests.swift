import Testing
@testable import RecouvreChannels

/// The HTML alternative made from a message's text.
@Suite struct PlainTextHTMLTests {
    @Test func paragraphsListsAndLineBreaksAreKept() {
        let text = """
            Madame, Monsieur,

            Les factures suivantes restent impayées :

            - Facture n° F-1 du 1 mars 2026
              Montant : 1 200,00 € – reste dû : 200,00 €
            - Facture n° F-2 du 5 mars 2026

            Total : 1 400,00 €
            Service recouvrement
            """
        let body = PlainTextHTML.body(text)
        #expect(body == """
            <p style="margin:0 0 16px 0">Madame, Monsieur,</p>
            <p style="margin:0 0 16px 0">Les factures suivantes restent impayées :</p>
            <ul style="margin:0 0 16px 0;padding-left:20px">
            <li style="margin:0 0 8px 0">Facture n° F-1 du 1 mars 2026<br>Montant : 1 200,00 € – reste dû : 200,00 €</li>
            <li style="margin:0 0 8px 0">Facture n° F-2 du 5 mars 2026</li>
            </ul>
            <p style="margin:0 0 16px 0">Total : 1 400,00 €<br>
            Service recouvrement</p>
            """)
    }

    @Test func everythingTheTextSaysIsEscaped() {
        let document = PlainTextHTML.document("Dupont & Fils <compta@example.fr> \"urgent\" l'avoir", title: "A <b>", language: "fr")
        #expect(document.contains("Dupont &amp; Fils &lt;compta@example.fr&gt; &quot;urgent&quot; l&#39;avoir"))
        #expect(document.contains("<title>A &lt;b&gt;</title>"))
        #expect(document.contains("<html lang=\"fr\">"))
        #expect(document.contains("<meta charset=\"utf-8\">"))
        #expect(!document.contains("<b>"))
    }
}
