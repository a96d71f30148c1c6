import ArgumentParser
import RecouvreImport

/// What every `import` subcommand takes: the tenant, the file and how to read it.
struct ImportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The tenant's slug.", valueName: "slug")) var tenant: String
    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
    @Option(help: "auto (UTF-8 if the file is valid UTF-8, else Windows-1252), utf-8 or windows-1252.")
    var encoding = "auto"
    @Option(help: "auto (from the header line), ';', ',' or tab.") var separator = "auto"
    @Option(help: "fr (1 234,56 and dd/mm/yyyy), intl (1234.56 and yyyy-mm-dd), or auto: fr when the separator is ';'.")
    var convention = "auto"
    @Option(name: .customLong("map"), help: ArgumentHelp("Column COLUMN fills FIELD; repeatable.", valueName: "column=field"))
    var mappings: [String] = []
    @Option(name: .customLong("mapping-file"), help: ArgumentHelp("column=field lines, # for comments.", valueName: "file"))
    var mappingFile: String?
    @Option(name: .customLong("ignore-column"), help: ArgumentHelp("Leave this column out; repeatable; '*' for every unknown column.",
                                                                   valueName: "column"))
    var ignoredColumns: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Check the whole file and say what it would change, without changing anything.")
    var dryRun = false
    @Option(help: ArgumentHelp("Connect with this conninfo or URI instead of the daemon's database name, host and port.",
                               valueName: "conninfo"))
    var database: String?

    func validate() throws {
        try Validate.slug(tenant)
        guard encoding == "auto" || TextEncoding(rawValue: encoding.lowercased()) != nil else {
            throw ValidationError("--encoding \(encoding): use auto, utf-8 or windows-1252")
        }
        guard separator == "auto" || separatorByte != nil else { throw ValidationError("--separator \(separator): use auto, ';', ',' or tab") }
        guard convention == "auto" || CSVConvention(rawValue: convention) != nil else {
            throw ValidationError("--convention \(convention): use auto, fr or intl")
        }
        for mapping in mappings where !mapping.contains("=") {
            throw ValidationError("--map \(mapping): write COLUMN=FIELD, e.g. --map 'N° pièce=number'")
        }
    }

    var forcedEncoding: TextEncoding? { TextEncoding(rawValue: encoding.lowercased()) }

    var separatorByte: UInt8? {
        switch separator {
        case ";": UInt8(ascii: ";")
        case ",": UInt8(ascii: ",")
        case "tab", "\t", "\\t": 0x09
        default: nil
        }
    }

    var forcedConvention: CSVConvention? { CSVConvention(rawValue: convention) }

    /// `--map` options, split at their last `=`.
    var explicitMapping: [String: String] {
        var result: [String: String] = [:]
        for mapping in mappings {
            guard let equals = mapping.lastIndex(of: "=") else { continue }
            result[String(mapping[..<equals])] = String(mapping[mapping.index(after: equals)...])
        }
        return result
    }
}
