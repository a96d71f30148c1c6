import ControlProtocol
import Foundation
import Testing

@Suite("Interface file")
struct ControlInterfaceTests {
    @Test("the resource file is identical to the served description")
    func resourceMatchesConstant() throws {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ControlProtocol/io.recouvre.Control.varlink")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(text == ControlInterface.description)
    }

    @Test func theProtocolDocumentCarriesTheInterfaceWhole() throws {
        let document = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/control-protocol.md")
        let text = try String(contentsOf: document, encoding: .utf8)
        let opening = try #require(text.range(of: "enforces too):\n\n```\n"), "docs/control-protocol.md lost its interface block")
        let closing = try #require(text.range(of: "\n```\n", range: opening.upperBound..<text.endIndex))
        #expect(String(text[opening.upperBound..<closing.lowerBound]) + "\n" == ControlInterface.description,
                "docs/control-protocol.md's copy of the interface is out of date: copy Sources/ControlProtocol/io.recouvre.Control.varlink")
    }

    @Test("every method the dispatcher routes is declared, and every declared member has a doc comment")
    func membersDocumented() {
        let lines = ControlInterface.description.split(separator: "\n", omittingEmptySubsequences: false)
        let methods = lines.filter { $0.hasPrefix("method ") }.map { $0.dropFirst(7).prefix { $0 != "(" } }
        #expect(Set(methods) == [
            "GetStatus", "CreateTenant", "ListTenants", "GetTenant", "UpdateTenant", "PauseTenant", "ResumeTenant",
            "ListActions", "RetryAction", "CancelAction", "RunNow", "Migrate",
            "GetTenantChannels", "SetTenantChannels", "GetLetter", "PreviewPlan", "GetCase", "RecordPayment", "AddPromise", "CreatePlan", "OpenDispute", "ResolveDispute", "GrantReduction",
            "ListTasks", "CompleteTask", "ListPolicies", "GetPolicy", "SetPolicy", "DeletePolicy",
            "GetMetrics",
            "Reload", "Drain", "Undrain", "SetLogLevel",
            "SetTenant", "DescribeTenantExport", "DropTenant", "MigrateBatch",
            "GetReport",
            "ImportBankStatement", "ListUnmatchedCredits", "AssignCredit", "IgnoreCredit",
        ])
        for (index, line) in lines.enumerated()
        where line.hasPrefix("method ") || line.hasPrefix("type ") || line.hasPrefix("error ") {
            #expect(index > 0 && lines[index - 1].hasPrefix("#"), "\(line) has no doc comment")
        }
    }
}
