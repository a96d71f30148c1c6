/// Decides a file's encoding from a ``UTF8Scanner`` that read all of it.
public enum EncodingDetection {
    /// UTF-8 when the file is well-formed UTF-8, else Windows-1252; `forced` wins, but a file
    /// forced to UTF-8 that is not is refused, naming the first bad line.
    public static func resolve(_ scan: UTF8Scanner, forced: TextEncoding?) throws(ImportRejected) -> TextEncoding {
        switch forced {
        case .utf8?:
            if let line = scan.firstInvalidLine {
                throw ImportRejected(problems: [ImportProblem(line: line, message:
                    "this line is not valid UTF-8: the file is in another encoding (Windows-1252? then give --encoding windows-1252)")])
            }
            return .utf8
        case .windows1252?:
            return .windows1252
        case nil:
            return scan.isValid ? .utf8 : .windows1252
        }
    }
}
