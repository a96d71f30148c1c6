import Foundation
import RecouvreCore

/// Where letters are left for the operator to print and post: `<spool>/<tenant>/<file>`.
///
/// A letter is written in two moves. Inside the step's transaction it is staged as a hidden
/// file (`.<action id>-<template>.txt.pending`); once that transaction has committed it is
/// renamed to its visible name (`<action id>-<template>.txt`). A reader of the spool therefore
/// never sees half a letter, nor a letter whose step was rolled back (a payment that committed
/// meanwhile, a lost lease, a failed commit): a staged letter that is never published is
/// rewritten by the step's next run, or is simply not there for the operator. The names carry
/// the action's id, so that a step run again after a crash rewrites the same file instead of
/// leaving a second letter to post.
struct LetterSpool: Sendable {
    let directory: String

    /// A letter written but not yet visible.
    struct StagedLetter: Sendable, Equatable {
        let staged: String
        /// Where the operator finds it once published.
        let path: String

        /// Makes the letter visible; call only once its step is committed.
        func publish() throws {
            do {
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                try FileManager.default.moveItem(atPath: staged, toPath: path)
            } catch {
                throw LetterSpoolError(path: path, reason: error.localizedDescription)
            }
        }
    }

    /// Stages `text` for the step's action, as `<action id>-<template>.txt`.
    func stage(_ text: String, tenant: TenantSlug, actionID: Int64, template: String) throws -> StagedLetter {
        try stage(Data(text.utf8), tenant: tenant, name: "\(actionID)-\(template).txt")
    }

    /// Stages `data` under `name` (which carries the action's id) in the tenant's folder.
    func stage(_ data: Data, tenant: TenantSlug, name: String) throws -> StagedLetter {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(tenant.rawValue, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw LetterSpoolError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let staged = folder.appendingPathComponent(".\(name).pending")
        do {
            try data.write(to: staged, options: .atomic)
        } catch {
            throw LetterSpoolError(path: staged.path, reason: error.localizedDescription)
        }
        return StagedLetter(staged: staged.path, path: folder.appendingPathComponent(name).path)
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
