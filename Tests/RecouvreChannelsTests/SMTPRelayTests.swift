import Testing
import RecouvreChannels

@Suite struct SMTPRelayTests {
    @Test func parsesRelayURLs() throws {
        let plain = try SMTPRelay(url: "smtp://127.0.0.1:2525")
        #expect(plain.host == "127.0.0.1" && plain.port == 2525 && !plain.hasCredentials)
        #expect(plain.redacted == "smtp://127.0.0.1:2525")
        let defaulted = try SMTPRelay(url: "SMTP://mail.example.fr/")
        #expect(defaulted.host == "mail.example.fr" && defaulted.port == 25)
        let v6 = try SMTPRelay(url: "smtp://[::1]:587")
        #expect(v6.host == "::1" && v6.port == 587)
        #expect(v6.redacted == "smtp://[::1]:587")
        let secret = try SMTPRelay(url: "smtp://relay%40acme:p%3Ass@mail.example.fr:587")
        #expect(secret.user == "relay@acme" && secret.password == "p:ss" && secret.hasCredentials)
        #expect(secret.redacted == "smtp://relay%40acme:***@mail.example.fr:587")
        #expect(!secret.description.contains("p:ss"))
    }

    @Test(arguments: [
        ("mail.example.fr:25", "no scheme"), ("http://x.fr", "scheme must be smtp"), ("smtps://x.fr", "TLS"),
        ("smtp://", "host"), ("smtp://x.fr:0", "port"), ("smtp://x.fr:99999", "port"), ("smtp://x.fr:abc", "port"),
        ("smtp://x.fr/path", "path"), ("smtp://::1", "brackets"), ("smtp://[::1", "closing"), ("smtp://a b.fr", "host"),
    ])
    func rejectsBadURLsClearly(_ url: String, _ fragment: String) {
        do {
            _ = try SMTPRelay(url: url)
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.stage == "configuration")
            #expect(error.description.contains(fragment), "\(error)")
            #expect(error.description.contains("smtp://[user:password@]host[:port]"))
        }
    }

    @Test func errorsNeverShowThePassword() {
        do {
            _ = try SMTPRelay(url: "smtp://user:hunter2@x.fr:notaport")
            Issue.record("accepted a bad port")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("user:***@x.fr"))
        }
    }
}
