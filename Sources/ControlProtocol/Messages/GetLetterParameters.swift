/// Parameters of `GetLetter`: the letter or court file a step produced.
public struct GetLetterParameters: Codable, Sendable, Equatable, ValidatedParameters {
    public var tenant: String
    /// The step's action id (`recouvrectl actions list`, `case show`).
    public var actionId: Int
    /// `pdf` (the letter or court file to post or file; the default), `text` (a letter's plain
    /// copy) or `json` (a court file's twin).
    public var format: String?

    public init(tenant: String, actionId: Int, format: String? = nil) {
        self.tenant = tenant
        self.actionId = actionId
        self.format = format
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: actionId, field: "actionId")
        if let format { try ControlValidation.check(format, among: ["pdf", "text", "json"], field: "format") }
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
