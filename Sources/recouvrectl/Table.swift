import Foundation

/// Text laid out in aligned columns for people.
///
/// Columns are measured in terminal columns, not characters or bytes (``String/displayWidth``),
/// so names with accents or in CJK scripts stay aligned. Headers are bold and the cells of a
/// STATE or STATUS column coloured by meaning (``Style``); the marks are removed again when
/// output gets no colours.
struct Table {
    var headers: [String]
    var rows: [[String]]

    /// Columns whose cells are states, coloured by ``Style/state(_:)``.
    var stateColumns: Set<Int> {
        Set(headers.indices.filter { ["STATE", "STATUS"].contains(headers[$0]) })
    }

    /// Columns padded to their widest cell, two spaces apart, without trailing blanks.
    var rendered: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].displayWidth : 0 }.max() ?? 0
        }
        let states = stateColumns
        func line(_ row: [String], style: (Int, String) -> String) -> String {
            let cells = row.enumerated().map { column, cell in
                (cell: cell, padding: max(0, (widths.indices.contains(column) ? widths[column] : 0) - cell.displayWidth))
            }
            // The last non-empty cell ends the line: no trailing blanks.
            let last = cells.lastIndex { !$0.cell.isEmpty } ?? -1
            return cells.enumerated().prefix(last + 1).map { column, item in
                style(column, item.cell) + (column == last ? "" : String(repeating: " ", count: item.padding))
            }
            .joined(separator: "  ")
        }
        let header = line(headers) { _, cell in Style.bold(cell) }
        let body = rows.map { row in line(row) { column, cell in states.contains(column) ? Style.state(cell) : cell } }
        return ([header] + body).joined(separator: "\n")
    }

    /// `label value` lines with the labels aligned.
    static func fields(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.displayWidth).max() ?? 0
        return pairs.map { label, value in
            value.isEmpty ? label : label.padded(toDisplayWidth: width) + "  " + value
        }
        .joined(separator: "\n")
    }
}
