/// One field an import file's column can fill.
public struct ImportField: Sendable, Hashable {
    /// The field's name, as in the database (`due_on`) and in `--map column=field`.
    public var name: String
    /// Whether every line must give a value.
    public var required: Bool
    /// How the value is read and checked.
    public var type: ValueType
    /// Column names that mean this field, besides its own name, in the form ``HeaderName``
    /// compares them: lowercase, without accents, words separated by one space.
    public var aliases: [String]

    public init(_ name: String, required: Bool = false, _ type: ValueType = .text, aliases: [String] = []) {
        self.name = name
        self.required = required
        self.type = type
        self.aliases = aliases
    }

    /// The kinds of values a field holds.
    public enum ValueType: Sendable, Hashable {
        case text, amount, date, debtorKind, email, phone, country, locale, currency
    }
}
