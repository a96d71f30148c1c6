import Foundation

/// A self-signed certificate for 127.0.0.1 and localhost, made once per test run with the
/// `openssl` command line tool.
struct TestCertificate: Sendable {
    let certificate: String
    let key: String

    /// The certificate every TLS test server of this run uses.
    static let shared: Result<TestCertificate, CertificateError> = make()

    struct CertificateError: Error, CustomStringConvertible {
        let description: String
    }

    static func get() throws -> TestCertificate { try shared.get() }

    private static func make() -> Result<TestCertificate, CertificateError> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-cert-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(CertificateError(description: "cannot make \(directory.path): \(error)"))
        }
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(CertificateError(description: "cannot run openssl (scripts/install-deps installs it): \(error)"))
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? errors.fileHandleForReading.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(CertificateError(description: "openssl req failed: \(String(decoding: output, as: UTF8.self))"))
        }
        return .success(TestCertificate(certificate: certificate, key: key))
    }
}
