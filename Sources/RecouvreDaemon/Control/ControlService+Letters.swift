import ControlProtocol
import Foundation
import Postgres
import RecouvreStore

/// `GetLetter`: the file a step left in the letter spool (a letter, a court file, an agency
/// handoff's letter and claim file), read back for ops.
extension ControlService {
    /// The largest file returned (a reply carries it whole).
    static let maxLetterBytes = 8 << 20

    func getLetter(_ p: GetLetterParameters) async throws -> LetterReply {
        let slug = try Self.slug(p.tenant)
        let registry = self.registry
        let spool = URL(fileURLWithPath: configuration.letterSpool).appendingPathComponent(slug.rawValue).standardizedFileURL.path
        let recorded = try await call { c in
            _ = try registry.get(c, slug: slug)
            // The outcome keys that name the file, first found wins: a step makes one kind.
            let keys: [String] = switch p.format ?? "pdf" {
            case "text": ["letter"]
            case "json": ["court_file", "claim_file"]
            default: ["letter_pdf", "court_file_pdf", "agency_letter_pdf"]
            }
            return try c.query("""
                SELECT coalesce(outcome ->> $2, outcome ->> $3, outcome ->> $4) AS path
                FROM \(slug.quotedSchema).actions WHERE id = $1
                """, [p.actionId, keys[0], keys[min(1, keys.count - 1)], keys[min(2, keys.count - 1)]])
                .first.map { try $0.decodeIfPresent(String.self, "path") }
        }
        guard let found = recorded else { throw ControlError.notFound(tenant: p.tenant, what: "action", key: String(p.actionId)) }
        guard let path = found else {
            throw ControlError.invalidArgument(field: "actionId",
                                               reason: "action \(p.actionId) produced no \(p.format ?? "pdf") letter, court file nor agency letter")
        }
        // Only files of this tenant's spool folder are ever read.
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        guard resolved.hasPrefix(spool + "/") else {
            throw ControlError.failed(reason: "the recorded file is outside the tenant's letter spool; it is not read")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
              let size = attributes[.size] as? Int else {
            throw ControlError.failed(reason: "the letter \(resolved) is not in the spool (moved or removed?)")
        }
        guard size <= Self.maxLetterBytes else {
            throw ControlError.failed(reason: "the letter is \(size) bytes, more than a reply carries; copy it from \(resolved)")
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw ControlError.failed(reason: "cannot read \(resolved)")
        }
        let name = (resolved as NSString).lastPathComponent
        let type = name.hasSuffix(".pdf") ? "application/pdf" : name.hasSuffix(".json") ? "application/json" : "text/plain"
        return LetterReply(name: name, contentType: type, content: data.base64EncodedString())
    }
}
