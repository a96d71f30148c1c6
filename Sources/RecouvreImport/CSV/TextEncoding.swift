/// The character encodings an import file may be in.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte order mark.
    case utf8 = "utf-8"
    /// Windows-1252, what French spreadsheets and older ERPs write.
    case windows1252 = "windows-1252"

    /// Decodes one field's bytes (never a whole file).
    ///
    /// UTF-8 is assumed valid (checked beforehand by ``UTF8Scanner``); a Windows-1252 byte
    /// with no character (0x81, 0x8D, 0x8F, 0x90, 0x9D) yields nil.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            // Plain ASCII, the usual case, needs no table.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                guard let scalar = Self.windows1252Scalar(byte) else { return nil }
                scalars.append(scalar)
            }
            return String(scalars)
        }
    }

    /// The character a Windows-1252 byte stands for; nil for the five unassigned bytes.
    public static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let value = highControls[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// 0x80–0x9F, where Windows-1252 departs from Latin-1 (0 = no character).
    private static let highControls: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
