import ControlProtocol
import Foundation
import Testing

@Suite("Control errors")
struct ControlErrorTests {
    static let all: [ControlError] = [
        .tenantNotFound(slug: "acme"), .tenantExists(slug: "acme"), .invalidSlug(slug: "A", reason: "uppercase"),
        .invalidArgument(field: "locale", reason: "use fr or en"), .actionNotFound(tenant: "acme", id: 4),
        .actionStateConflict(id: 4, state: "running", reason: "it is being sent"),
        .databaseUnavailable(reason: "connection refused"), .permissionDenied(uid: 1000), .failed(reason: "boom"),
        .tenantBusy(slug: "acme", reason: "pause it first"),
        .tenantDropped(slug: "acme", displayName: "ACME SAS", droppedAt: "2025-01-06T10:00:00Z", droppedBy: "alice"),
    ]

    @Test("every error survives the trip through its varlink name and JSON parameters", arguments: all)
    func roundTrip(_ error: ControlError) throws {
        let wire = VarlinkMessage.error(VarlinkError(error))
        let value = try JSONDecoder().decode(VarlinkValue.self, from: wire)
        let name = try #require(value["error"]?.stringValue)
        #expect(name.hasPrefix("io.recouvre.Control."))
        #expect(ControlError(varlinkName: name, parameters: try #require(value["parameters"])) == error)
    }

    @Test("every error is declared in the interface with the parameters it sends", arguments: all)
    func declared(_ error: ControlError) {
        let member = String(error.varlinkName.dropFirst("io.recouvre.Control.".count))
        let line = ControlInterface.description.split(separator: "\n").first { $0.hasPrefix("error \(member) ") }
        #expect(line != nil)
        for key in error.parameters.keys {
            #expect(line?.contains("\(key): ") == true)
        }
    }

    @Test("foreign names and incomplete parameters are not control errors")
    func foreign() {
        #expect(ControlError(varlinkName: "org.varlink.service.MethodNotFound", parameters: .object([:])) == nil)
        #expect(ControlError(varlinkName: "io.recouvre.Control.TenantNotFound", parameters: .object([:])) == nil)
        #expect(ControlError(varlinkName: "io.recouvre.Control.Unheard", parameters: .object([:])) == nil)
    }

    @Test("descriptions say what went wrong")
    func descriptions() {
        #expect(ControlError.tenantNotFound(slug: "acme").description == "tenant 'acme' not found")
        #expect(ControlError.actionNotFound(tenant: "acme", id: 4).description == "action 4 not found in tenant 'acme'")
    }
}
