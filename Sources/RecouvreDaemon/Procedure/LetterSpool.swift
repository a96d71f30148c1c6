import Foundation
import RecouvreCore

/// Where letters are left for the operator to print and post: `<spool>/<tenant>/<file>`.
///
/// A letter is written to a temporary file and renamed into place, so that a reader never sees
/// half a letter; its name carries the action's id, so that a step run again after a crash
/// rewrites the same file instead of leaving a second letter to post.
struct LetterSpool: Sendable {
    let directory: String

    /// Writes `text` and returns the file's path.
    func write(_ text: String, tenant: TenantSlug, actionID: Int64, template: String) throws -> String {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(tenant.rawValue, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw LetterSpoolError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let file = folder.appendingPathComponent("\(actionID)-\(template).txt")
        let temporary = folder.appendingPathComponent(".\(actionID)-\(template).txt.tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch {
            throw LetterSpoolError(path: file.path, reason: error.localizedDescription)
        }
        return file.path
    }
}

/// A letter could not be written to the spool.
struct LetterSpoolError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String {
        "cannot write the letter \(path): \(reason); check that recouvred may write to letters.spool_directory"
    }
}
