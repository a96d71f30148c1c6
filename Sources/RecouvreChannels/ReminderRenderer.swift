import Foundation
import Mustache
import RecouvreCore

/// Renders reminder e-mails from the Mustache templates shipped with the module.
///
/// Templates live in `Templates/<locale>/<name>.subject.mustache` and `<name>.txt.mustache`.
/// They are read and compiled once, when the renderer is made; rendering is then pure.
public struct ReminderRenderer: Sendable {
    private struct Pair: Sendable {
        let subject: MustacheTemplate
        let body: MustacheTemplate
    }

    private let templates: [String: Pair]

    /// Loads and compiles every template in the module's `Templates` folder.
    public init() throws {
        guard let root = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ReminderTemplateError("the Templates folder is missing from the RecouvreChannels resources; reinstall the program")
        }
        try self.init(directory: root)
    }

    /// Loads and compiles the templates under `directory` (laid out like the bundled folder).
    public init(directory: URL) throws {
        var templates: [String: Pair] = [:]
        for locale in MessageLocale.allCases {
            let folder = directory.appendingPathComponent(locale.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in names where file.hasSuffix(".subject.mustache") {
                let name = String(file.dropLast(".subject.mustache".count))
                let subject = try Self.compile(folder.appendingPathComponent(file))
                let body = try Self.compile(folder.appendingPathComponent(name + ".txt.mustache"))
                templates[Self.key(name, locale)] = Pair(subject: subject, body: body)
            }
        }
        self.templates = templates
    }

    /// The template names available for `locale`, sorted.
    public func templateNames(for locale: MessageLocale) -> [String] {
        let prefix = locale.rawValue + "/"
        return templates.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// Renders `template` (e.g. `reminder1`) in the model's locale.
    public func render(template: String, model: ReminderModel) throws -> ReminderContent {
        guard let pair = templates[Self.key(template, model.locale)] else {
            throw ReminderTemplateError.unknown(template, locale: model.locale, known: templateNames(for: model.locale))
        }
        let context = model.templateContext
        let subject = pair.subject.render(context)
            .components(separatedBy: .newlines)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        let body = pair.body.render(context)
            .replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .newlines) + "\n"
        return ReminderContent(subject: subject, textBody: body)
    }

    private static func key(_ name: String, _ locale: MessageLocale) -> String {
        locale.rawValue + "/" + name
    }

    private static func compile(_ url: URL) throws -> MustacheTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReminderTemplateError("cannot read template \(url.path): \(error.localizedDescription)")
        }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw ReminderTemplateError("template \(url.path) does not compile: \(error)")
        }
    }
}
