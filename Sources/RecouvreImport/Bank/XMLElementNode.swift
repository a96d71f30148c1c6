#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// An element of a parsed XML document: its local name, namespace, text and children, and the
/// line it starts on, so that problems can name it.
struct XMLElementNode {
    var name: String
    var namespace: String?
    var line: Int
    var attributes: [String: String] = [:]
    var text = ""
    var children: [XMLElementNode] = []

    /// The first child with this local name.
    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

    /// Every child with this local name.
    func all(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The element at this path of local names below this one.
    func at(_ path: String...) -> XMLElementNode? {
        var node: XMLElementNode? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// The trimmed text at this path, nil when absent or blank.
    func value(_ path: String...) -> String? {
        var node: XMLElementNode? = self
        for name in path { node = node?.child(name) }
        let text = node?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? nil : text
    }

    /// Parses a whole document into its root element.
    /// - Throws: ``ImportRejected`` with the parser's line when the XML is not well formed.
    static func parse(_ data: Data) throws(ImportRejected) -> XMLElementNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            let reason = parser.parserError.map { Self.describe($0) } ?? "the document has no root element"
            throw ImportRejected(problems: [
                ImportProblem(line: max(parser.lineNumber, 1),
                              message: "the XML is not well formed (\(reason)); is the file complete?"),
            ])
        }
        return root
    }

    private static func describe(_ error: any Error) -> String {
        let code = (error as NSError).code
        // libxml2's codes via XMLParser.ErrorCode; the frequent ones get words.
        switch XMLParser.ErrorCode(rawValue: code) {
        case .prematureDocumentEndError?: return "the document ends too early"
        case .tagNameMismatchError?: return "an end tag does not match its start tag"
        case .emptyDocumentError?: return "the document is empty"
        case .documentStartError?: return "no document start found"
        case .invalidCharacterError?, .invalidEncodingError?, .unknownEncodingError?:
            return "invalid character for the declared encoding"
        default: return "parser error \(code)"
        }
    }
}

/// Builds ``XMLElementNode``s from the parser's events.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLElementNode] = []
    var root: XMLElementNode?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(XMLElementNode(name: elementName, namespace: namespaceURI, line: parser.lineNumber,
                                     attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}
