import ControlProtocol
import Foundation
import RecouvreCore

/// What replacing a policy changed, for `policy set` to print.
enum PolicyDiff {
    static func changes(from previous: CollectionPolicy?, to current: CollectionPolicy) -> PolicyChanges {
        guard let previous else { return PolicyChanges(created: true, added: current.steps.map(\.position)) }
        var settings: [String] = []
        if previous.description != current.description { settings.append("description") }
        if previous.debtorKind != current.debtorKind { settings.append("debtor_kind") }
        if previous.minOutstanding != current.minOutstanding { settings.append("min_outstanding") }
        if previous.priority != current.priority { settings.append("priority") }
        if previous.graceDays != current.graceDays { settings.append("grace_days") }
        let before = Dictionary(previous.steps.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(current.steps.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
        return PolicyChanges(
            created: false, settings: settings,
            added: after.keys.filter { before[$0] == nil }.sorted(),
            removed: before.keys.filter { after[$0] == nil }.sorted(),
            changed: after.keys.filter { before[$0] != nil && before[$0] != after[$0] }.sorted())
    }

    /// A decoding failure as a document problem: `steps.1.offset_days: …`.
    static func problem(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "document" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing; add it"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "document: \(error)"
        }
    }
}
