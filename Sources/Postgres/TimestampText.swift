import Foundation

/// Converts between `Date` and the text of `timestamptz` values, in microseconds (the server's
/// precision), without `DateFormatter` so results do not depend on the process locale.
enum TimestampText {
    /// ISO 8601 in UTC with six fractional digits, e.g. `2026-01-02T03:04:05.123456Z`.
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (secondsTotal, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(secondsTotal, 86_400)
        let civil = CivilCalendar.date(days: Int(days))
        let hour = Int(secondOfDay / 3600), minute = Int(secondOfDay / 60 % 60), second = Int(secondOfDay % 60)
        let p = CivilCalendar.padded
        return "\(p(civil.year, 4))-\(p(civil.month, 2))-\(p(civil.day, 2))"
            + "T\(p(hour, 2)):\(p(minute, 2)):\(p(second, 2)).\(p(Int(fraction), 6))Z"
    }

    /// Parses what the server prints for `timestamptz` with `DateStyle = ISO` in any session
    /// time zone: `2026-01-02 03:04:05.123456+01`, `...+05:30`, `...-00:09:21`; also `T` as the
    /// separator and `Z`. Text without an offset (a `timestamp` column) is taken as UTC.
    static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(minDigits: 4, maxDigits: 6), scanner.skip("-"),
              let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
              let day = scanner.number(minDigits: 2, maxDigits: 2),
              (1...12).contains(month), day >= 1,
              day <= CivilCalendar.daysInMonth(year: year, month: month),
              scanner.skip(" ") || scanner.skip("T"),
              let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
              let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
              let second = scanner.number(minDigits: 2, maxDigits: 2),
              hour <= 24, minute <= 59, second <= 60
        else { return nil }

        var micros = 0
        if scanner.skip(".") {
            guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
            // Keep microseconds; the server never prints more, and extra digits would only be noise.
            let kept = Array(digits.prefix(6)) + Array(repeating: UInt8(ascii: "0"), count: max(0, 6 - digits.count))
            micros = kept.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }

        var offsetSeconds = 0
        if scanner.skip("Z") {
            offsetSeconds = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
            var minutes = 0, seconds = 0
            if scanner.skip(":") {
                guard let m = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                minutes = m
                if scanner.skip(":") {
                    guard let s = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    seconds = s
                }
            } else if let m = scanner.number(minDigits: 2, maxDigits: 2) {
                minutes = m
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60 + seconds)
        }
        guard scanner.atEnd else { return nil }

        let days = CivilCalendar.days(year: year, month: month, day: day)
        let localSeconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let utcSeconds = localSeconds - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: Double(utcSeconds) + Double(micros) / 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        mutating func digits() -> [UInt8]? {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            let start = index
            guard let digits = digits(), (minDigits...maxDigits).contains(digits.count) else {
                index = start
                return nil
            }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
    }
}
