import ControlProtocol
import Testing

@Suite("Validation")
struct ControlValidationTests {
    @Test("slugs follow ^[a-z][a-z0-9_]{1,39}$", arguments: [
        ("acme", true), ("a1", true), ("a_b_9", true), (String(repeating: "a", count: 40), true),
        ("a", false), (String(repeating: "a", count: 41), false), ("1acme", false), ("_acme", false),
        ("Acme", false), ("ac-me", false), ("acmé", false), ("", false), ("ac me", false),
    ])
    func slugs(_ slug: String, _ valid: Bool) {
        #expect(ControlValidation.isValidSlug(slug) == valid)
        #expect((ControlValidation.slugProblem(slug) == nil) == valid)
    }

    @Test("messages say what to do")
    func messages() {
        #expect(ControlValidation.slugProblem("Bad") == "tenant slug 'Bad' is invalid: it must start with a lowercase letter and contain 2–40 lowercase letters, digits or underscores")
        #expect(ControlValidation.localeProblem("de") == "locale 'de' is not supported: use one of fr, en")
        #expect(ControlValidation.localeProblem("en") == nil)
        #expect(ControlValidation.stateProblem("lost")?.contains("scheduled, running") == true)
        #expect(ControlValidation.limitProblem(0) != nil)
        #expect(ControlValidation.limitProblem(1000) == nil)
        #expect(ControlValidation.limitProblem(1001) != nil)
    }

    @Test("the agency's identifiers are checked like the tenant's own")
    func agency() throws {
        func problem(_ p: TenantChannelsParameters) -> ParameterProblem? {
            do { try p.validate(); return nil } catch { return error }
        }
        #expect(problem(TenantChannelsParameters(tenant: "acme", agencyName: "Cabinet Lebrun", agencyAddress: "8 quai de Saône\\n69009 Lyon",
                                                 agencySiren: "552100554", agencyEmail: "dossiers@lebrun.example",
                                                 agencyIban: "FR09 1020 7000 0112 3456 7890 143", clear: nil)) == nil)
        #expect(problem(TenantChannelsParameters(tenant: "acme", agencySiren: "552100555"))?.field == "agencySiren")
        #expect(problem(TenantChannelsParameters(tenant: "acme", agencyIban: "FR10 1020 7000 0112 3456 7890 143"))?.reason
            .contains("not a valid IBAN") == true)
        #expect(problem(TenantChannelsParameters(tenant: "acme", agencyEmail: "lebrun"))?.field == "agencyEmail")
        #expect(problem(TenantChannelsParameters(tenant: "acme", agencyName: "  "))?.field == "agencyName")
        #expect(problem(TenantChannelsParameters(tenant: "acme", clear: ["agency"])) == nil)
    }
}
