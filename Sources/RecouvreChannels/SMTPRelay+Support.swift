import Foundation
extension SMTPRelay {
    /// Why `url` cannot be used as a relay by the daemon's mail sessions, or nil when it can:
    /// checked when the configuration is loaded and when ops set a tenant's relay, so that a
    /// mistake is refused at once instead of failing every send later.
    ///
    /// The sessions deliver through `SMTPClient`, which speaks plain SMTP only; TLS and AUTH
    /// relays are refused here until they deliver through `CurlSMTPTransport`, which has both.
    public static func problem(with url: String) -> String? {
        let relay: SMTPRelay
        do {
            relay = try SMTPRelay(url: url)
        } catch {
            return error.message
        }
        // TLS, STARTTLS and AUTH are delivered by CurlSMTPTransport; a CA file must exist.
        if let caFile = relay.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            return "the CA file \(caFile) cannot be read"
        }
        return nil
    }
}
