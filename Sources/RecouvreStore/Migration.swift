/// One numbered SQL migration, for the operator schema or for every tenant schema.
public struct Migration: Sendable, Hashable {
    /// Which schema a migration builds.
    public enum Scope: String, Sendable { case control, tenant }

    public let scope: Scope
    /// The number the file name starts with (`0003_payments.sql` → 3).
    public let version: Int
    /// The rest of the file name, without extension (`payments`).
    public let name: String
    /// The SQL text. Tenant migrations hold `@schema@` and `@slug@` placeholders.
    public let sql: String

    /// The file the migration comes from, e.g. `0003_payments.sql`.
    public var fileName: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// A fingerprint of the text, recorded when applied, so that a migration edited after
    /// being applied is detected instead of silently diverging.
    public var checksum: String { Self.fnv1a64(sql) }

    /// The SQL with a tenant's placeholders filled in: the quoted schema name and the slug as a
    /// string literal. The slug is validated, so neither can break out of its quoting.
    public func sql(forTenantSchema quotedSchema: String, slug: String) -> String {
        sql.replacingOccurrences(of: "@schema@", with: quotedSchema)
            .replacingOccurrences(of: "@slug@", with: "'\(slug)'")
    }

    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The migrations this build carries, parsed from the embedded copies of `sql/`.
public enum MigrationCatalog {
    /// Migrations for the operator schema `recouvre`, in order.
    public static let control: [Migration] = parse(scope: .control)
    /// Migrations for each `tenant_<slug>` schema, in order.
    public static let tenant: [Migration] = parse(scope: .tenant)

    /// The highest tenant migration version; tenants below it need migrating.
    public static var latestTenantVersion: Int { tenant.last?.version ?? 0 }

    static func parse(scope: Migration.Scope) -> [Migration] {
        EmbeddedMigrations.files.compactMap { file -> Migration? in
            let parts = file.path.split(separator: "/")
            guard parts.count == 2, parts[0] == scope.rawValue else { return nil }
            let base = parts[1].replacingOccurrences(of: ".sql", with: "")
            guard let underscore = base.firstIndex(of: "_"),
                  let version = Int(base[..<underscore]) else {
                preconditionFailure("migration file \(file.path) must be named NNNN_name.sql")
            }
            return Migration(scope: scope, version: version,
                             name: String(base[base.index(after: underscore)...]), sql: file.text)
        }
        .sorted { $0.version < $1.version }
    }
}
