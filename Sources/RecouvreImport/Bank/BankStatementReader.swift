import Foundation

/// Reads a bank file in any supported format.
public enum BankStatementReader {
    /// Parses `data` as `family`, or as what it looks like when nil.
    /// - Throws: ``ImportRejected`` naming each problem with its line.
    public static func read(_ data: Data, family: BankStatementFormat.Family? = nil) throws(ImportRejected) -> BankStatement {
        switch family ?? BankStatementFormat.detect(data) {
        case .camt: return try CamtParser.parse(data)
        case .cfonb: return try CFONBParser.parse(data)
        }
    }
}
