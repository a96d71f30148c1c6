import RecouvreImport
import Testing

@Suite struct CSVImportReaderTests {
    static func read(_ bytes: [UInt8], _ kind: ImportKind, _ options: CSVReadOptions = CSVReadOptions(), chunk: Int = 7)
        -> (reader: CSVImportReader, rows: [ImportRow]) {
        var reader = CSVImportReader(kind: kind, options: options)
        var rows: [ImportRow] = []
        var start = 0
        while start < bytes.count {
            reader.feed(bytes[start..<min(start + chunk, bytes.count)]) { rows.append($0) }
            start += chunk
        }
        reader.finish { rows.append($0) }
        return (reader, rows)
    }

    @Test func aFrenchInvoiceFileMapsItsHeaderAndConvertsItsValues() {
        let text = "\u{FEFF}N° facture;Référence client;Date de facture;Date d'échéance;Montant TTC;Devise\r\n"
            + "FA-001;CLI-1;15/01/2026;14/02/2026;1 234,56;€\r\n"
            + "\"FA-002\";CLI-2;2026-01-20;19/02/2026;\"12\u{202F}000,00\";\r\n"
        let (reader, rows) = Self.read(Array(text.utf8), .invoices)
        #expect(reader.problems.isEmpty, "\(reader.problems)")
        #expect(reader.separator == UInt8(ascii: ";") && reader.convention == .french && reader.skippedByteOrderMark)
        #expect(reader.mapping?.fields == ["number", "debtor", "issued_on", "due_on", "currency", "amount"])
        #expect(rows == [
            ImportRow(line: 2, values: ["FA-001", "CLI-1", "2026-01-15", "2026-02-14", "EUR", "1234.56"]),
            ImportRow(line: 3, values: ["FA-002", "CLI-2", "2026-01-20", "2026-02-19", nil, "12000.00"]),
        ])
    }

    @Test func aWindows1252DebtorFileIsDecoded() {
        // "Réf;Nom;Ville" / "D1;Crêperie Lefèvre;Créteil" in Windows-1252.
        let bytes: [UInt8] = Array("R".utf8) + [0xE9] + Array("f;Nom;Ville;Type\nD1;Cr".utf8) + [0xEA] + Array("perie Lef".utf8) + [0xE8]
            + Array("vre;Cr".utf8) + [0xE9] + Array("teil;Particulier\n".utf8)
        let (reader, rows) = Self.read(bytes, .debtors, CSVReadOptions(encoding: .windows1252))
        #expect(reader.problems.isEmpty, "\(reader.problems)")
        #expect(rows == [ImportRow(line: 2, values: ["D1", "Crêperie Lefèvre", "consumer", "Créteil"])])
        #expect(reader.mapping?.fields == ["external_ref", "name", "kind", "city"])
    }

    @Test func everyBadLineIsReportedWithItsNumberAndNoBadRowIsHandedOn() {
        let text = """
            number,debtor,issued_on,due_on,amount
            F1,D1,2026-01-01,2026-02-31,10.00
            F2,,2026-01-01,2026-02-01,abc
            F3,D1,2026-01-01,2026-02-01,10.00,extra
            F4,D1,2026-01-01,2026-02-01,0
            F5,D1,2026-01-01,2026-02-01,99.99
            F6,D1,2026-01-01,2026-02-01,"5
            """
        let (reader, rows) = Self.read(Array(text.utf8), .invoices)
        #expect(rows.map(\.line) == [6])
        #expect(reader.problems.map(\.description) == [
            "line 2, due_on: \"2026-02-31\" is not a date: there is no such day",
            "line 3, debtor: is empty, and every line needs it",
            "line 3, amount: \"abc\" is not an amount (write it as 1234.56)",
            "line 4: has 6 fields where the header has 5: a separator too many or too few, or a value with a separator not in quotes",
            "line 5, amount: \"0\" is zero: amounts must be positive",
            "line 7: the file ends inside a quoted field that starts on this line: the file is truncated or a quote is missing",
        ])
    }

    @Test func unknownColumnsAreRefusedUnlessMappedOrIgnored() {
        let text = "Matricule;Nom;Remarque;Commercial\nD1;Durand;VIP;Paul\n"
        let refused = Self.read(Array(text.utf8), .debtors).reader
        #expect(refused.problems.count == 4)  // three columns, and no external_ref
        #expect(refused.problems[0].description.hasPrefix("line 1, Matricule: unknown column"))
        #expect(refused.rejection?.description.contains("--ignore-column 'Remarque'") == true)

        let options = CSVReadOptions(mapping: ["matricule": "external_ref"], ignoredColumns: ["Remarque", "commercial"])
        let (mapped, rows) = Self.read(Array(text.utf8), .debtors, options)
        #expect(mapped.problems.isEmpty, "\(mapped.problems)")
        #expect(rows == [ImportRow(line: 2, values: ["D1", "Durand"])])
    }

    @Test func missingRequiredColumnsAndAmbiguousOnesAreNamed() {
        let (reader, rows) = Self.read(Array("Montant;Montant réglé;Date\n1;2;01/01/2026\n".utf8), .payments)
        #expect(rows.isEmpty)
        let messages = reader.problems.map(\.description)
        #expect(messages.contains { $0.contains("both mean amount") })
        #expect(messages.contains { $0.contains("no column gives debtor") })
    }

    @Test func problemsAreCappedButCounted() {
        var text = "external_ref;name;email\n"
        for line in 1...80 { text += "D\(line);Nom;pas-une-adresse\n" }
        let (reader, _) = Self.read(Array(text.utf8), .debtors, CSVReadOptions(problemLimit: 50), chunk: 4096)
        #expect(reader.problems.count == 50 && reader.problemCount == 80)
        #expect(reader.rejection?.truncated == true)
    }

    @Test func aMappingFileReadsColumnEqualsField() throws {
        let mapping = try HeaderMapping.parseMappingFile("# ERP Sage\nCode tiers = debtor\n\nMontant=amount\n")
        #expect(mapping == ["Code tiers": "debtor", "Montant": "amount"])
        #expect(throws: ImportRejected.self) { try HeaderMapping.parseMappingFile("just a line\n") }
    }
}
