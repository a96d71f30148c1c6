import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl tenant channels` against the built daemon: settings stored, secrets never shown,
/// bad values refused with what to write.
@Suite(.serialized)
struct TenantChannelsEndToEndTests {
    @Test func letterheadEndpointsAndRateAreSetShownAndChecked() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "chan", "--name", "Atelier Durand").status == 0)
        let secret = daemon.directory.appendingPathComponent("webhook.secret")
        let secretText = "s3cr3t-" + String(repeating: "ab", count: 20)
        try (secretText + "\n").write(to: secret, atomically: true, encoding: .utf8)

        let set = try daemon.ctl("tenant", "channels", "chan", "--address", "12 rue des Lilas\\n75019 Paris", "--siren", "732829320",
                                 "--iban", "FR76 3000 6000 0112 3456 7890 189", "--signatory", "Service recouvrement",
                                 "--webhook-url", "https://print.example/api/letters", "--webhook-secret-file", secret.path,
                                 "--letter-delivery", "webhook", "--rate", "120")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("iban         FR7630006000011234567890189"), "\(set.stdout)")
        #expect(set.stdout.contains("webhook      https://print.example/api/letters (secret set)"), "\(set.stdout)")
        #expect(!set.stdout.contains(secretText) && !set.stderr.contains(secretText), "a secret is never printed")

        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        let row = try #require(try sql.query("""
            SELECT address, webhook_secret, letter_delivery, messages_per_minute FROM recouvre.tenant_channels WHERE tenant = 'chan'
            """).first)
        #expect(try row.decode(String.self, "address") == "12 rue des Lilas\n75019 Paris")
        #expect(try row.decode(String.self, "webhook_secret") == secretText)
        #expect(try row.decode(String.self, "letter_delivery") == "webhook")
        #expect(try row.decode(Int.self, "messages_per_minute") == 120)
        let journal = try #require(try sql.query("""
            SELECT actor, detail::text AS detail FROM recouvre.operator_events WHERE kind = 'tenant_channels_changed'
            """).first)
        #expect(try !journal.decode(String.self, "detail").contains(secretText))

        let json = try daemon.ctl("--json", "tenant", "channels", "chan")
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"webhookSecretSet\" : true") && !json.stdout.contains(secretText), "\(json.stdout)")

        let badIBAN = try daemon.ctl("tenant", "channels", "chan", "--iban", "FR76 3000 6000 0112 3456 7890 188")
        #expect(badIBAN.status == 2)
        #expect(badIBAN.stderr.contains("not a valid IBAN"), "\(badIBAN.stderr)")
        let shortSecret = daemon.directory.appendingPathComponent("short.secret")
        try "tooshort".write(to: shortSecret, atomically: true, encoding: .utf8)
        let weak = try daemon.ctl("tenant", "channels", "chan", "--sms-url", "https://sms.example/send", "--sms-secret-file", shortSecret.path)
        #expect(weak.status == 2)
        #expect(weak.stderr.contains("at least 32"), "\(weak.stderr)")
        // Letters to the webhook need its endpoint: clearing it alone is refused, with what to do.
        let orphan = try daemon.ctl("tenant", "channels", "chan", "--clear", "webhook")
        #expect(orphan.status == 1)
        #expect(orphan.stderr.contains("letters go to the webhook only with a webhook URL and secret"), "\(orphan.stderr)")
        let back = try daemon.ctl("tenant", "channels", "chan", "--clear", "webhook", "--letter-delivery", "spool", "--clear", "messagesPerMinute")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("letters     to the letter spool") || back.stdout.contains("to the letter spool"), "\(back.stdout)")
        #expect(back.stdout.contains("no limit of its own"))
    }

    @Test func theAgencyIsSetShownJournaledCheckedAndCleared() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "agence", "--name", "Atelier Durand").status == 0)
        let none = try daemon.ctl("tenant", "channels", "agence")
        #expect(none.status == 0)
        #expect(none.stdout.contains("agency       none (no agency letter: set --agency-name, --agency-address, --agency-iban)"),
                "\(none.stdout)")

        let set = try daemon.ctl("tenant", "channels", "agence", "--agency-name", "Cabinet Lebrun Recouvrement",
                                 "--agency-address", "8 quai de Saône\\n69009 Lyon", "--agency-siren", "552100554",
                                 "--agency-phone", "04 72 00 00 00", "--agency-email", "dossiers@lebrun.example",
                                 "--agency-iban", "fr09 1020 7000 0112 3456 7890 143", "--agency-bic", "ccbpfrpp",
                                 "--agency-signatory", "Paul Lebrun")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("agency       Cabinet Lebrun Recouvrement"), "\(set.stdout)")
        #expect(set.stdout.contains("  address    8 quai de Saône, 69009 Lyon"), "\(set.stdout)")
        #expect(set.stdout.contains("  iban       FR0910207000011234567890143"), "\(set.stdout)")
        #expect(set.stdout.contains("  letter     produced by the agency step"), "\(set.stdout)")

        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        let row = try #require(try sql.query("""
            SELECT agency_name, agency_address, agency_siren, agency_phone, agency_email, agency_iban, agency_bic, agency_signatory
            FROM recouvre.tenant_channels WHERE tenant = 'agence'
            """).first)
        #expect(try row.decode(String.self, "agency_address") == "8 quai de Saône\n69009 Lyon")
        #expect(try row.decode(String.self, "agency_iban") == "FR0910207000011234567890143")
        #expect(try row.decode(String.self, "agency_bic") == "CCBPFRPP")
        #expect(try row.decode(String.self, "agency_email") == "dossiers@lebrun.example")
        #expect(try row.decode(String.self, "agency_signatory") == "Paul Lebrun")
        let journal = try #require(try sql.query("""
            SELECT actor, detail ->> 'fields' AS fields FROM recouvre.operator_events
            WHERE tenant = 'agence' AND kind = 'tenant_channels_changed' ORDER BY id DESC LIMIT 1
            """).first)
        #expect(try journal.decode(String.self, "fields")
            == "agencyAddress,agencyBic,agencyEmail,agencyIban,agencyName,agencyPhone,agencySignatory,agencySiren")

        let json = try daemon.ctl("--json", "tenant", "channels", "agence")
        #expect(json.stdout.contains("\"agencyIban\" : \"FR0910207000011234567890143\""), "\(json.stdout)")
        #expect(json.stdout.contains("\"agencySiren\" : \"552100554\""), "\(json.stdout)")

        let badSIREN = try daemon.ctl("tenant", "channels", "agence", "--agency-siren", "552100555")
        #expect(badSIREN.status == 2)
        #expect(badSIREN.stderr.contains("'552100555' is not a SIREN"), "\(badSIREN.stderr)")
        let badIBAN = try daemon.ctl("tenant", "channels", "agence", "--agency-iban", "FR10 1020 7000 0112 3456 7890 143")
        #expect(badIBAN.status == 2)
        #expect(badIBAN.stderr.contains("not a valid IBAN"), "\(badIBAN.stderr)")
        let badEmail = try daemon.ctl("tenant", "channels", "agence", "--agency-email", "dossiers at lebrun")
        #expect(badEmail.status == 2)
        #expect(badEmail.stderr.contains("not an e-mail address"), "\(badEmail.stderr)")
        // The database keeps its own checks: a wrong BIC is refused with what one looks like.
        let badBIC = try daemon.ctl("tenant", "channels", "agence", "--agency-bic", "CCBP")
        #expect(badBIC.status == 1)
        #expect(badBIC.stderr.contains("the agency's BIC is not one"), "\(badBIC.stderr)")
        #expect(try sql.query("SELECT agency_siren FROM recouvre.tenant_channels WHERE tenant = 'agence'")
            .first?.decode(String.self, "agency_siren") == "552100554", "a refused change changes nothing")

        let cleared = try daemon.ctl("tenant", "channels", "agence", "--clear", "agency")
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout.contains("agency       none"), "\(cleared.stdout)")
        let left = try #require(try sql.query("""
            SELECT num_nonnulls(agency_name, agency_address, agency_siren, agency_phone, agency_email, agency_iban, agency_bic,
                                agency_signatory) AS n
            FROM recouvre.tenant_channels WHERE tenant = 'agence'
            """).first)
        #expect(try left.decode(Int.self, "n") == 0)
    }
}
