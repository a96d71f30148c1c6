import RecouvreImport
import Testing

@Suite struct CSVTokenizerTests {
    /// Tokenizes `text` fed in chunks of `chunk` bytes.
    static func records(_ text: String, separator: Character = ";", chunk: Int = 3) -> [CSVRecord] {
        var tokenizer = CSVTokenizer(separator: separator.asciiValue!)
        var out: [CSVRecord] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            tokenizer.feed(bytes[start..<min(start + chunk, bytes.count)]) { out.append($0) }
            start += chunk
        }
        tokenizer.finish { out.append($0) }
        return out
    }

    static func strings(_ record: CSVRecord) -> [String] { record.fields.map { String(decoding: $0, as: UTF8.self) } }

    @Test func quotedFieldsHoldSeparatorsDoubledQuotesAndNewlines() {
        let records = Self.records("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";\"two\nlines\"\r\nplain;12\" screen;\n")
        #expect(records.map(Self.strings) == [["a", "b", "c"], ["x;y", "say \"hi\"", "two\nlines"], ["plain", "12\" screen", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func aFieldIsKeptToOneMebibyteAndItsRecordRefused() {
        // An opening quote closed only 2 MiB later: the field is cut, memory stays bounded.
        let text = "h1;h2\n\"" + String(repeating: "y", count: 2 << 20) + "\";z\nnext;line\n"
        let records = Self.records(text, chunk: 64 << 10)
        #expect(records.count == 3)
        #expect(records[1].fields[0].count == CSVTokenizer.fieldLimit)
        #expect(records[1].problem == "a field is longer than 1 MiB: a closing quote is probably missing on this line")
        #expect(records[2].problem == nil && Self.strings(records[2]) == ["next", "line"])
    }

    @Test func blankLinesAreSkippedAndTheLastLineNeedsNoNewline() {
        let records = Self.records("h1,h2\n\n1,2\r\n\r\n3,4", separator: ",")
        #expect(records.map(Self.strings) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 3, 5])
    }

    @Test func aFileCutInsideQuotesIsAProblemOfTheLineWhereTheFieldStarts() {
        let records = Self.records("a;b\n1;\"open\nstill open")
        #expect(records.count == 2)
        #expect(records[1].line == 2)
        #expect(records[1].problem?.contains("truncated") == true)
    }

    @Test func textAfterAClosingQuoteIsAProblem() {
        let records = Self.records("a;b\n\"x\"y;z\n")
        #expect(records[1].problem?.contains("double the quotes") == true)
    }

    @Test func theHeaderChoosesTheSeparator() {
        #expect(SeparatorDetection.separator(inHeader: Array("Réf;Nom;\"Ville, pays\"\n".utf8)) == UInt8(ascii: ";"))
        #expect(SeparatorDetection.separator(inHeader: Array("ref,name,city".utf8)) == UInt8(ascii: ","))
        #expect(SeparatorDetection.separator(inHeader: Array("ref\tname\tcity, country".utf8)) == 0x09)
        #expect(SeparatorDetection.separator(inHeader: Array("ref".utf8)) == nil)
    }
}

@Suite struct EncodingTests {
    @Test func utf8IsRecognisedAcrossChunkBoundariesAndWindows1252IsNot() throws {
        var scanner = UTF8Scanner()
        let text = Array("\u{FEFF}Référence;Montant\nÉtienne;1 234,56 €\n".utf8)
        for byte in text { scanner.feed([byte]) }
        scanner.finish()
        #expect(scanner.isValid && scanner.hasByteOrderMark)
        #expect(try EncodingDetection.resolve(scanner, forced: nil) == .utf8)

        var latin = UTF8Scanner()
        latin.feed(Array("a;b\nok;ok\n".utf8) + [0x43, 0x72, 0xE9, 0x74, 0x65, 0x69, 0x6C, 0x0A])  // "Créteil" in Windows-1252
        latin.finish()
        #expect(latin.firstInvalidLine == 3)
        #expect(try EncodingDetection.resolve(latin, forced: nil) == .windows1252)
        let forced = #expect(throws: ImportRejected.self) { try EncodingDetection.resolve(latin, forced: .utf8) }
        #expect(forced?.problems.first?.line == 3)
        #expect(forced?.description.contains("--encoding windows-1252") == true)
    }

    @Test func windows1252DecodesTheEuroSignAndCurlyQuotesAndRefusesUnassignedBytes() {
        #expect(TextEncoding.windows1252.decode([0x80, 0x20, 0x92, 0xE9, 0x9C]) == "€ ’éœ")
        #expect(TextEncoding.windows1252.decode([0x41, 0x81]) == nil)
    }
}
