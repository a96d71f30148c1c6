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
        #expect(plain.security == .none && plain.caFile == nil)
    }

    @Test func parsesTLSForms() throws {
        let implicit = try SMTPRelay(url: "smtps://mail.example.fr")
        #expect(implicit.security == .implicitTLS && implicit.port == 465)
        #expect(implicit.redacted == "smtps://mail.example.fr:465")
        let required = try SMTPRelay(url: "smtp://u:secret@mail.example.fr:587?starttls=required&cafile=/etc/recouvre/ca%20relay.pem")
        #expect(required.security == .startTLSRequired && required.security.requiresTLS)
        #expect(required.caFile == "/etc/recouvre/ca relay.pem")
        #expect(required.redacted == "smtp://u:***@mail.example.fr:587?starttls=required&cafile=/etc/recouvre/ca%20relay.pem")
        let opportunistic = try SMTPRelay(url: "smtp://mail.example.fr?starttls=Opportunistic")
        #expect(opportunistic.security == .startTLSOpportunistic && !opportunistic.security.requiresTLS)
        #expect(try SMTPRelay(url: "smtps://[::1]:4650?cafile=/ca.pem").redacted == "smtps://[::1]:4650?cafile=/ca.pem")
    }

    /// The daemon delivers through libcurl: TLS, STARTTLS and AUTH relays are accepted; a CA
    /// file that cannot be read is refused when the setting is made, not at the first send.
    @Test func theDaemonAcceptsTLSAndAUTHRelaysAndChecksTheCAFile() {
        #expect(SMTPRelay.problem(with: "smtp://127.0.0.1:2525") == nil)
        #expect(SMTPRelay.problem(with: "smtps://relay.example.com:465") == nil)
        #expect(SMTPRelay.problem(with: "smtp://relay.example.com?starttls=required") == nil)
        #expect(SMTPRelay.problem(with: "smtp://bob:secret@relay.example.com") == nil)
        let missing = SMTPRelay.problem(with: "smtps://bob:secret@relay.example.com?cafile=/nonexistent/ca.pem")
        #expect(missing == "the CA file /nonexistent/ca.pem cannot be read")
        #expect(SMTPRelay.problem(with: "smtp://relay.example.com?starttls=maybe")?.contains("required or opportunistic") == true)
    }

    @Test(arguments: [
        ("mail.example.fr:25", "no scheme"), ("http://x.fr", "scheme must be smtp or smtps"),
        ("smtps://x.fr?starttls=required", "starttls= goes with smtp://"), ("smtp://x.fr?starttls=maybe", "required or opportunistic"),
        ("smtp://x.fr?cafile=relative.pem", "absolute"), ("smtp://x.fr?verify=no", "unknown parameter verify"), ("smtp://x.fr?cafile=", "no value"),
        ("smtp://", "host"), ("smtp://x.fr:0", "port"), ("smtp://x.fr:99999", "port"), ("smtp://x.fr:abc", "port"),
        ("smtp://x.fr/path", "path"), ("smtp://x.fr#frag", "fragment"), ("smtp://::1", "brackets"), ("smtp://[::1", "closing"), ("smtp://a b.fr", "host"),
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
