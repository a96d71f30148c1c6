import Foundation
import RecouvreTestSupport
import Testing

/// `make install` into a scratch DESTDIR with the binaries already built (BUILD=0): the tree,
/// man pages that render without warnings, completions that parse, units that
/// `systemd-analyze verify` accepts, a configuration never overwritten, and `make uninstall`.
@Suite struct InstallEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func make(_ arguments: [String], destdir: URL) throws -> CommandResult {
        try runCommand(URL(fileURLWithPath: "/usr/bin/make"),
                       ["-s", "-C", Self.root.path, "DESTDIR=\(destdir.path)", "PREFIX=/usr", "BUILD=0",
                        "BINDIR_SRC=\(BuiltProducts.directory().path)"] + arguments)
    }

    @Test func installPutsEverythingInItsPlaceAndUninstallTakesItBack() throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-install-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: destdir) }
        let install = try make(["install"], destdir: destdir)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let files = [
            "usr/sbin/recouvred", "usr/bin/recouvrectl",
            "usr/lib/systemd/system/recouvred.service", "usr/lib/systemd/system/recouvred.socket",
            "usr/share/man/man1/recouvrectl.1", "usr/share/man/man5/recouvred.conf.5", "usr/share/man/man8/recouvred.8",
            "usr/share/bash-completion/completions/recouvrectl", "usr/share/zsh/site-functions/_recouvrectl",
            "usr/share/fish/vendor_completions.d/recouvrectl.fish",
            "usr/share/doc/recouvre/README.md", "usr/share/doc/recouvre/operations.md",
            "usr/share/doc/recouvre/postgresql-setup.sql", "etc/recouvre/recouvred.conf",
        ]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: destdir.appendingPathComponent(file).path), "missing \(file)")
        }
        for binary in ["usr/sbin/recouvred", "usr/bin/recouvrectl"] {
            #expect(FileManager.default.isExecutableFile(atPath: destdir.appendingPathComponent(binary).path))
        }
        let conf = destdir.appendingPathComponent("etc/recouvre/recouvred.conf")
        #expect(try Data(contentsOf: conf) == Data(contentsOf: Self.root.appendingPathComponent("deploy/recouvred.conf")))
        let unit = try String(contentsOf: destdir.appendingPathComponent("usr/lib/systemd/system/recouvred.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/usr/sbin/recouvred --config /etc/recouvre/recouvred.conf\n"))

        // Man pages render without a warning.
        for page in ["man1/recouvrectl.1", "man5/recouvred.conf.5", "man8/recouvred.8"] {
            let path = destdir.appendingPathComponent("usr/share/man/\(page)").path
            let rendered = try runCommand(URL(fileURLWithPath: "/usr/bin/man"), ["--warnings", "-l", path], environment: ["MANWIDTH": "80"])
            #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(page): \(rendered.stderr)")
            #expect(rendered.stdout.contains("SEE ALSO") && rendered.stdout.contains("FILES"), "\(page)")
        }

        // Completions: bash parses it; zsh's and fish's are the ones swift-argument-parser writes.
        let bash = try runCommand(URL(fileURLWithPath: "/bin/bash"),
                                  ["-n", destdir.appendingPathComponent("usr/share/bash-completion/completions/recouvrectl").path])
        #expect(bash.status == 0, "\(bash.stderr)")
        let zsh = try String(contentsOf: destdir.appendingPathComponent("usr/share/zsh/site-functions/_recouvrectl"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef recouvrectl"))
        let fish = try String(contentsOf: destdir.appendingPathComponent("usr/share/fish/vendor_completions.d/recouvrectl.fish"), encoding: .utf8)
        #expect(fish.contains("complete -c 'recouvrectl'"))

        // systemd-analyze verify needs no running systemd. ExecStart must name an existing
        // binary: verify copies whose ExecStart points at the installed one, with the installed
        // man pages on MANPATH so that the Documentation= man: links are checked too.
        let units = destdir.appendingPathComponent("verify")
        try FileManager.default.createDirectory(at: units, withIntermediateDirectories: true)
        let binary = destdir.appendingPathComponent("usr/sbin/recouvred").path
        try unit.replacingOccurrences(of: "ExecStart=/usr/sbin/recouvred", with: "ExecStart=\(binary)")
            .write(to: units.appendingPathComponent("recouvred.service"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: destdir.appendingPathComponent("usr/lib/systemd/system/recouvred.socket"),
                                         to: units.appendingPathComponent("recouvred.socket"))
        let verify = try runCommand(URL(fileURLWithPath: "/usr/bin/systemd-analyze"),
                                    ["verify", units.appendingPathComponent("recouvred.socket").path,
                                     units.appendingPathComponent("recouvred.service").path],
                                    environment: ["MANPATH": destdir.appendingPathComponent("usr/share/man").path + ":/usr/share/man"])
        #expect(verify.status == 0 && verify.stderr.isEmpty, "\(verify.stdout)\(verify.stderr)")

        // An operator's configuration is never overwritten.
        try "# the operator's own\n".write(to: conf, atomically: true, encoding: .utf8)
        let again = try make(["install"], destdir: destdir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: conf, encoding: .utf8) == "# the operator's own\n")

        let uninstall = try make(["uninstall"], destdir: destdir)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for file in files where file != "etc/recouvre/recouvred.conf" {
            #expect(!FileManager.default.fileExists(atPath: destdir.appendingPathComponent(file).path), "left behind: \(file)")
        }
        #expect(FileManager.default.fileExists(atPath: conf.path), "the configuration stays")
    }
}
