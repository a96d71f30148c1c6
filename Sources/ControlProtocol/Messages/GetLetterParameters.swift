/// Parameters of `GetLetter`: the letter or court file a step produced.
public struct GetLetterParameters: Codable, Sendable, Equatable, ValidatedParameters {
    public var tenant: String
    /// The step's action id (`recouvrectl actions list`, `case show`).
    public var actionId: Int

    public init(tenant: String, actionId: Int) {
        self.tenant = tenant
        self.actionId = actionId
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: actionId, field: "actionId")
    }
}

/// Reply of `GetLetter`.
public struct LetterReply: Codable, Sendable, Equatable {
    /// The file's name in the spool, e.g. `42-formal_notice.pdf`.
    public var name: String
    /// `application/pdf`, `text/plain` or `application/json`.
    public var contentType: String
    /// Its bytes, base64.
    public var content: String

    public init(name: String, contentType: String, content: String) {
        self.name = name
        self.contentType = contentType
        self.content = content
    }
}
