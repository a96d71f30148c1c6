import Foundation
import Testing
@testable import RecouvreCore

@Suite struct TenantSlugTests {
    @Test(arguments: ["acme", "ab", "acme_fr", "a1", "z" + String(repeating: "9", count: 39)])
    func acceptsValidSlugs(_ raw: String) throws {
        let slug = try TenantSlug(raw)
        #expect(slug.rawValue == raw)
        #expect(slug.schemaName == "tenant_" + raw)
        #expect(slug.quotedSchema == "\"tenant_\(raw)\"")
        #expect(slug.description == raw)
    }

    @Test(arguments: [
        ("", "shorter"), ("a", "shorter"), ("1acme", "start"), ("_acme", "start"), ("Acme", "start"),
        ("acMe", "a-z, 0-9 or _"), ("ac-me", "a-z, 0-9 or _"), ("ac me", "a-z, 0-9 or _"),
        ("acme\"; drop", "a-z, 0-9 or _"), ("acmé", "a-z, 0-9 or _"),
        ("a" + String(repeating: "b", count: 40), "longer"),
    ])
    func rejectsInvalidSlugs(_ raw: String, _ fragment: String) {
        #expect(throws: InvalidSlug.self) { try TenantSlug(raw) }
        do {
            _ = try TenantSlug(raw)
        } catch {
            #expect(error.slug == raw)
            #expect(error.reason.contains(fragment))
            #expect(error.description.contains("starts with a lowercase letter"))
        }
    }

    @Test func codableRoundTripAndValidation() throws {
        let slug = try TenantSlug("acme")
        let data = try JSONEncoder().encode([slug])
        #expect(String(decoding: data, as: UTF8.self) == "[\"acme\"]")
        #expect(try JSONDecoder().decode([TenantSlug].self, from: data) == [slug])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TenantSlug].self, from: Data("[\"Bad-Slug\"]".utf8))
        }
    }
}
