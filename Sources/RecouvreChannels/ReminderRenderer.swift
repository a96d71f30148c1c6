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

    /// Compiles the default templates, which the binary carries (see `scripts/embed-resources`).
    public init() throws {
        try self.init(files: EmbeddedTemplates.files.map { ($0.path, $0.text) })
    }

    /// Loads and compiles the templates under `directory`, laid out like the module's
    /// `Templates` folder: `<locale>/<name>.subject.mustache` and `<locale>/<name>.txt.mustache`.
    public init(directory: URL) throws {
        var files: [(String, String)] = []
        for locale in MessageLocale.allCases {
            let folder = directory.appendingPathComponent(locale.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in names where file.hasSuffix(".mustache") {
                let url = folder.appendingPathComponent(file)
                do {
                    files.append((locale.rawValue + "/" + file, try String(contentsOf: url, encoding: .utf8)))
                } catch {
                    throw ReminderTemplateError("cannot read template \(url.path): \(error.localizedDescription)")
                }
            }
        }
        try self.init(files: files)
    }

    /// Compiles templates given as (`<locale>/<file name>`, text) pairs.
    init(files: [(path: String, text: String)]) throws {
        let byPath = Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        var templates: [String: Pair] = [:]
        for path in byPath.keys.sorted() where path.hasSuffix(".subject.mustache") {
            let parts = path.split(separator: "/")
            guard parts.count == 2, let locale = MessageLocale(rawValue: String(parts[0])) else { continue }
            let name = String(parts[1].dropLast(".subject.mustache".count))
            let bodyPath = "\(locale.rawValue)/\(name).txt.mustache"
            guard let bodyText = byPath[bodyPath] else {
                throw ReminderTemplateError("template \(path) has no body: add \(bodyPath)")
            }
            templates[Self.key(name, locale)] = Pair(subject: try Self.compile(byPath[path] ?? "", path: path),
                                                     body: try Self.compile(bodyText, path: bodyPath))
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

    private static func compile(_ text: String, path: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw ReminderTemplateError("template \(path) does not compile: \(error)")
        }
    }
}
