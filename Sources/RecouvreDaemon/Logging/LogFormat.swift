/// How log records are written: `logfmt` (`key=value` pairs) or one JSON object per line.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    case logfmt
    case json
}
