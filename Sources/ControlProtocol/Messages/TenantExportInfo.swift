/// What `recouvrectl tenant export` needs to dump a tenant with `pg_dump` under the
/// operator's own database credentials: the schema, where the database is (never a
/// password or user), and the tenant's operator-schema settings, written beside the dump.
public struct TenantExportInfo: Codable, Sendable, Equatable {
    /// The schema to dump, `tenant_<slug>`.
    public var schema: String
    /// The daemon's database name.
    public var database: String
    /// Its host, or the directory of its Unix socket; nil when libpq's default applies.
    public var host: String?
    /// Its port.
    public var port: String?
    /// The tenant's row of `recouvre.tenants` (the SMTP URL without password).
    public var tenant: TenantInfo
    /// Its channel settings, without secrets.
    public var channels: TenantChannelsInfo

    /// Builds the description.
    public init(schema: String, database: String, host: String?, port: String?, tenant: TenantInfo,
                channels: TenantChannelsInfo) {
        self.schema = schema
        self.database = database
        self.host = host
        self.port = port
        self.tenant = tenant
        self.channels = channels
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(database, forKey: .database)
        try c.encode(host, forKey: .host)
        try c.encode(port, forKey: .port)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(channels, forKey: .channels)
    }
}

/// Reply of `DescribeTenantExport`.
public struct DescribeTenantExportReply: Codable, Sendable, Equatable {
    public var export: TenantExportInfo

    /// Builds the reply.
    public init(export: TenantExportInfo) { self.export = export }
}
