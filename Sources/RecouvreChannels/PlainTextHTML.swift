import Foundation

/// The HTML alternative of a plain-text message: the same words, escaped, with paragraphs,
/// lists and line breaks kept, in a small self-contained document that mail clients display
/// as they are (inline styles only, no images, no links fetched).
///
/// The text templates are the one source of wording: the HTML part can never say something the
/// text part does not.
public enum PlainTextHTML {
    /// The document for `text`, titled `title`, in `language` (`fr`, `en`).
    public static func document(_ text: String, title: String, language: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        </head>
        <body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5">
        <div style="max-width:640px">
        \(body(text))
        </div>
        </body>
        </html>

        """
    }

    /// The body's blocks: paragraphs separated by blank lines; a block whose lines start with
    /// "- " is a list, an indented line continuing the item above it.
    static func body(_ text: String) -> String {
        blocks(of: text).map { lines -> String in
            if lines.first?.hasPrefix("- ") == true {
                var items: [[String]] = []
                for line in lines {
                    if line.hasPrefix("- ") || items.isEmpty {
                        items.append([String(line.drop { $0 == "-" || $0 == " " })])
                    } else {
                        items[items.count - 1].append(line.trimmingCharacters(in: .whitespaces))
                    }
                }
                let listed = items.map { "<li style=\"margin:0 0 8px 0\">" + $0.map(escape).joined(separator: "<br>") + "</li>" }
                return "<ul style=\"margin:0 0 16px 0;padding-left:20px\">\n" + listed.joined(separator: "\n") + "\n</ul>"
            }
            return "<p style=\"margin:0 0 16px 0\">" + lines.map(escape).joined(separator: "<br>\n") + "</p>"
        }
        .joined(separator: "\n")
    }

    private static func blocks(of text: String) -> [[String]] {
        var blocks: [[String]] = [[]]
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !(blocks.last?.isEmpty ?? true) { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(String(line))
            }
        }
        return blocks.filter { !$0.isEmpty }
    }

    /// Escapes the characters HTML gives a meaning to.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
