import Testing
import RecouvreChannels

@Suite struct SMSTextTests {
    @Test func plainFrenchFitsGSM7() throws {
        let text = try SMSText("Rappel : facture F-2026-0042 échue, solde 1114,66 €. Réglez sur https://pay.example/f42")
        #expect(text.encoding == .gsm7)
        // "€" is an extension character: two septets.
        #expect(text.units == text.text.unicodeScalars.count + 1)
        #expect(text.segments == 1)
        // "û" is not in the alphabet: the whole text goes as UCS-2.
        #expect(try SMSText("reste dû").encoding == .ucs2)
    }

    @Test func segmentBoundaries() throws {
        #expect(try SMSText("").segments == 0)
        #expect(try SMSText(String(repeating: "a", count: 160)).segments == 1)
        #expect(try SMSText(String(repeating: "a", count: 161)).segments == 2)
        #expect(try SMSText(String(repeating: "a", count: 306)).segments == 2)
        #expect(try SMSText(String(repeating: "a", count: 307)).segments == 3)
        // 80 extension characters are 160 septets: still one SMS; one more makes two parts.
        #expect(try SMSText(String(repeating: "€", count: 80)).segments == 1)
        #expect(try SMSText(String(repeating: "€", count: 80) + "a").segments == 2)
        // An escape pair is not split: after 152 septets "€" starts the second part, so 306
        // septets take three parts, not two.
        #expect(try SMSText(String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 151)).segments == 2)
        #expect(try SMSText(String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)).segments == 3)
    }

    @Test func ucs2WhenACharacterIsOutsideTheAlphabet() throws {
        let text = try SMSText("Merci ! Votre échéancier est validé ✅")
        #expect(text.encoding == .ucs2)
        #expect(try SMSText(String(repeating: "ç", count: 70)).encoding == .ucs2)  // ç is not in GSM-7 (only Ç is)
        #expect(try SMSText(String(repeating: "ç", count: 70)).segments == 1)
        #expect(try SMSText(String(repeating: "ç", count: 71)).segments == 2)
        #expect(try SMSText(String(repeating: "ç", count: 134)).segments == 2)
        #expect(try SMSText(String(repeating: "ç", count: 135)).segments == 3)
        // An emoji outside the BMP is a surrogate pair: two UCS-2 units.
        let emoji = try SMSText(String(repeating: "😀", count: 35))
        #expect(emoji.units == 70 && emoji.segments == 1)
        #expect(try SMSText(String(repeating: "😀", count: 36)).segments == 2)
        // 66 units then a pair: the pair starts the second part.
        #expect(try SMSText(String(repeating: "ç", count: 66) + "😀" + String(repeating: "ç", count: 66)).segments == 3)
    }

    @Test func decomposedAccentsAreNormalisedFirst() throws {
        let text = try SMSText("e\u{0301}che\u{0301}ance")
        #expect(text.encoding == .gsm7 && text.units == 8)
    }

    @Test func refusesTooManySegmentsClearly() {
        #expect(throws: SMSText.TooLong(segments: 4, maximumSegments: 3, encoding: .gsm7)) {
            try SMSText(String(repeating: "a", count: 460))
        }
        do {
            _ = try SMSText(String(repeating: "✅", count: 71), maximumSegments: 1)
            Issue.record("accepted two UCS-2 segments with a maximum of one")
        } catch {
            #expect(error.description.contains("needs 2 segments (UCS-2) and at most 1 are allowed"))
            #expect(error.description.contains("70 characters per SMS"))
        }
    }
}
