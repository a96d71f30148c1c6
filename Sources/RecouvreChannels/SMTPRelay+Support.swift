extension SMTPRelay {
    /// Why `url` cannot be used as a relay by this version, or nil when it can: checked when
    /// the configuration is loaded and when ops set a tenant's relay, so that a mistake is
    /// refused at once instead of failing every send later.
    public static func problem(with url: String) -> String? {
        let relay: SMTPRelay
        do {
            relay = try SMTPRelay(url: url)
        } catch {
            return error.message
        }
        if relay.hasCredentials {
            return "SMTP AUTH is not supported yet: use a relay that accepts this host without a password (\(relay.redacted))"
        }
        return nil
    }
}
