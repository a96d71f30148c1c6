import Testing
import RecouvreCore

@Suite struct EmailAddressTests {
    @Test(arguments: ["a@b.fr", "jean.dupont+factures@exemple.fr", "x@sub.domain.example", "é@exemple.fr", "a@.b.c"])
    func acceptsPlausibleAddresses(_ address: String) {
        #expect(EmailAddress.isValid(address))
    }

    @Test(arguments: [
        "", "plain", "@b.fr", "a@", "a@b", "a@b.", "a@.fr", "a@@b.fr", "a@b@c.fr", "a b@c.fr", "a@b .fr",
        "a@b.fr\r\nBcc: x@y.z", "a\t@b.fr",
    ])
    func rejectsNonAddresses(_ address: String) {
        #expect(!EmailAddress.isValid(address))
    }

    @Test func enforcesLengthLimit() {
        let domain = "@exemple.fr"
        let fits = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(EmailAddress.isValid(fits))
        #expect(!EmailAddress.isValid("a" + fits))
    }

    @Test func extractsDomain() {
        #expect(EmailAddress.domain(of: "Relances@Recouvre.Example") == "recouvre.example")
        #expect(EmailAddress.domain(of: "nope") == nil)
    }
}
