import ControlProtocol
import Foundation
import Testing

@Suite("Dispatcher")
struct VarlinkDispatcherTests {
    let handler = InMemoryControlHandler(
        tenants: [.sample("acme"), .sample("globex", status: "paused")],
        actions: ["acme": [.sample(1, state: "scheduled"), .sample(2, state: "dead"), .sample(3, state: "succeeded")]])

    var dispatcher: VarlinkDispatcher {
        VarlinkDispatcher(handler: handler, info: .recouvred(version: "9.8.7"))
    }

    /// The reply to `json`, parsed.
    func reply(_ json: String) async throws -> VarlinkValue {
        let data = try #require(await dispatcher.reply(to: Data(json.utf8)))
        return try JSONDecoder().decode(VarlinkValue.self, from: data)
    }

    func expectError(
        _ json: String, _ name: String, _ parameters: [String: VarlinkValue], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let value = try await reply(json)
        #expect(value == .object(["error": .string(name), "parameters": .object(parameters)]), sourceLocation: sourceLocation)
    }

    @Test("GetInfo describes recouvred and both interfaces")
    func getInfo() async throws {
        let value = try await reply(#"{"method":"org.varlink.service.GetInfo","parameters":{}}"#)
        let info = try JSONDecoder().decode(VarlinkServiceInfo.self, from: JSONEncoder().encode(try #require(value["parameters"])))
        #expect(info.vendor == "Recouvre")
        #expect(info.product == "recouvred")
        #expect(info.version == "9.8.7")
        #expect(info.interfaces == ["org.varlink.service", "io.recouvre.Control"])
        #expect(value["error"] == nil)
    }

    @Test("GetInterfaceDescription returns the interface text, for both interfaces")
    func interfaceDescription() async throws {
        let control = try await reply(
            #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"io.recouvre.Control"}}"#)
        #expect(control["parameters"]?["description"] == .string(ControlInterface.description))
        let service = try await reply(
            #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"org.varlink.service"}}"#)
        #expect(service["parameters"]?["description"]?.stringValue?.contains("interface org.varlink.service") == true)
    }

    @Test("unknown interfaces and methods get the standard errors")
    func unknownNames() async throws {
        try await expectError(
            #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"com.example.Nope"}}"#,
            "org.varlink.service.InterfaceNotFound", ["interface": .string("com.example.Nope")])
        try await expectError(
            #"{"method":"com.example.Nope.Call"}"#,
            "org.varlink.service.InterfaceNotFound", ["interface": .string("com.example.Nope")])
        try await expectError(
            #"{"method":"io.recouvre.Control.DropEverything"}"#,
            "org.varlink.service.MethodNotFound", ["method": .string("io.recouvre.Control.DropEverything")])
        try await expectError(
            #"{"method":"GetStatus"}"#, "org.varlink.service.MethodNotFound", ["method": .string("GetStatus")])
    }

    @Test("malformed requests get InvalidParameter naming what is wrong")
    func malformedRequests() async throws {
        let request: [String: VarlinkValue] = ["parameter": .string("request")]
        try await expectError("not json", "org.varlink.service.InvalidParameter", request)
        try await expectError("", "org.varlink.service.InvalidParameter", request)
        try await expectError("[1,2]", "org.varlink.service.InvalidParameter", request)
        try await expectError(String(repeating: "[", count: 60_000), "org.varlink.service.InvalidParameter", request)
        try await expectError(#"{"parameters":{}}"#, "org.varlink.service.InvalidParameter", ["parameter": .string("method")])
        try await expectError(#"{"method":7}"#, "org.varlink.service.InvalidParameter", ["parameter": .string("method")])
        try await expectError(
            #"{"method":"io.recouvre.Control.GetStatus","parameters":[]}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("parameters")])
        try await expectError(
            #"{"method":"io.recouvre.Control.GetStatus","oneway":"yes"}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("oneway")])
        try await expectError(
            #"{"method":"io.recouvre.Control.GetStatus","upgrade":true}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("upgrade")])
        let invalidUTF8 = Data([0x7B, 0xFF, 0xFE, 0x7D])
        let reply = try #require(await dispatcher.reply(to: invalidUTF8))
        #expect(String(decoding: reply, as: UTF8.self).contains("InvalidParameter"))
    }

    @Test("missing or mistyped parameters are named")
    func badParameters() async throws {
        try await expectError(
            #"{"method":"io.recouvre.Control.GetTenant","parameters":{}}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("slug")])
        try await expectError(
            #"{"method":"io.recouvre.Control.GetTenant"}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("slug")])
        try await expectError(
            #"{"method":"io.recouvre.Control.RetryAction","parameters":{"tenant":"acme","id":"2"}}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("id")])
        try await expectError(
            #"{"method":"io.recouvre.Control.ListActions","parameters":{"tenant":"acme","limit":2.5}}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("limit")])
        try await expectError(
            #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":null}}"#,
            "org.varlink.service.InvalidParameter", ["parameter": .string("interface")])
    }

    @Test("calls reach the handler and replies carry the declared parameters")
    func successfulCalls() async throws {
        let status = try await reply(#"{"method":"io.recouvre.Control.GetStatus","parameters":{}}"#)
        #expect(status["parameters"]?["status"]?["tenantsTotal"] == .int(2))
        #expect(status["parameters"]?["status"]?["lastPassAt"] == .null)

        let created = try await reply(
            #"{"method":"io.recouvre.Control.CreateTenant","parameters":{"slug":"initech","displayName":"Initech","locale":"en"}}"#)
        #expect(created["parameters"]?["tenant"]?["locale"] == .string("en"))
        #expect(created["parameters"]?["tenant"]?["timezone"] == .string("Europe/Paris"))

        let list = try await reply(#"{"method":"io.recouvre.Control.ListTenants"}"#)
        guard case .array(let tenants)? = list["parameters"]?["tenants"] else {
            Issue.record("no tenants array in \(list)")
            return
        }
        #expect(tenants.map { $0["slug"] } == [.string("acme"), .string("globex"), .string("initech")])

        let shown = try await reply(#"{"method":"io.recouvre.Control.GetTenant","parameters":{"slug":"acme"}}"#)
        #expect(shown["parameters"]?["actions"]?["scheduled"] == .int(3))

        let retried = try await reply(#"{"method":"io.recouvre.Control.RetryAction","parameters":{"tenant":"acme","id":2}}"#)
        #expect(retried["parameters"]?["action"]?["state"] == .string("scheduled"))

        let actions = try await reply(
            #"{"method":"io.recouvre.Control.ListActions","parameters":{"tenant":"acme","state":"succeeded"}}"#)
        #expect(actions == .object(["parameters": .object(["actions": .array([
            try JSONDecoder().decode(VarlinkValue.self, from: JSONEncoder().encode(ActionInfo.sample(3, state: "succeeded"))),
        ])])]))

        let run = try await reply(#"{"method":"io.recouvre.Control.RunNow","parameters":{"tenant":null}}"#)
        #expect(run == .object(["parameters": .object(["tenants": .int(3)])]))
    }

    @Test("ControlError cases become their io.recouvre.Control errors; other errors become Failed")
    func errorMapping() async throws {
        try await expectError(
            #"{"method":"io.recouvre.Control.PauseTenant","parameters":{"slug":"nobody"}}"#,
            "io.recouvre.Control.TenantNotFound", ["slug": .string("nobody")])
        try await expectError(
            #"{"method":"io.recouvre.Control.CreateTenant","parameters":{"slug":"acme","displayName":"Again"}}"#,
            "io.recouvre.Control.TenantExists", ["slug": .string("acme")])
        try await expectError(
            #"{"method":"io.recouvre.Control.CancelAction","parameters":{"tenant":"acme","id":99}}"#,
            "io.recouvre.Control.ActionNotFound", ["tenant": .string("acme"), "id": .int(99)])
        try await expectError(
            #"{"method":"io.recouvre.Control.RetryAction","parameters":{"tenant":"acme","id":1}}"#,
            "io.recouvre.Control.ActionStateConflict",
            ["id": .int(1), "state": .string("scheduled"), "reason": .string("only failed or dead actions can be retried")])
        try await expectError(
            #"{"method":"io.recouvre.Control.Migrate"}"#, "io.recouvre.Control.Failed", ["reason": .string("disk on fire")])
    }

    @Test("a oneway call is executed and gets no reply")
    func oneway() async throws {
        let reply = await dispatcher.reply(
            to: Data(#"{"method":"io.recouvre.Control.RunNow","parameters":{"tenant":"acme"},"oneway":true}"#.utf8))
        #expect(reply == nil)
        #expect(await handler.runNowCalls == ["acme"])
        let failing = await dispatcher.reply(to: Data(#"{"method":"io.recouvre.Control.Migrate","oneway":true}"#.utf8))
        #expect(failing == nil)
    }

    @Test("a more call gets one final reply, without continues")
    func more() async throws {
        let value = try await reply(#"{"method":"io.recouvre.Control.ListTenants","more":true}"#)
        #expect(value["parameters"]?["tenants"] != nil)
        #expect(value["continues"] == nil)
        #expect(value["error"] == nil)
    }
}
