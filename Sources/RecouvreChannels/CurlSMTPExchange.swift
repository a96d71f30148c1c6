import CCurl

/// What libcurl reports about one SMTP transfer: the message it reads, the replies it gets and
/// the commands it sends. libcurl's callbacks reach it through their user-data pointer.
///
/// Only command verbs are kept, never whole command lines: an AUTH line carries the password.
final class CurlSMTPExchange {
    private let payload: [UInt8]
    private var offset = 0
    private var partialReply: [UInt8] = []

    /// Every reply line the server sent, without its CRLF.
    private(set) var replyLines: [String] = []
    /// The stage of the last command sent, as `SMTPError` names stages.
    private(set) var stage = "connect"
    /// libcurl read the whole message (it then writes the closing dot line itself).
    private(set) var contentRead = false
    /// Reply lines received after the whole message was read.
    private(set) var repliesAfterContent = 0
    /// The first reply that refused something (4xx or 5xx) and the stage it answered: libcurl
    /// may say more (RSET, QUIT) after it, so the last reply is not always the telling one.
    private(set) var refusal: (line: String, code: Int, stage: String)?
    /// The DATA command went out: from here a retry may duplicate the message.
    private(set) var dataCommandSent = false
    /// The connection switched to TLS (implicit, or after STARTTLS).
    private(set) var sawTLS = false

    init(payload: [UInt8]) {
        self.payload = payload
    }

    /// The last complete reply, as its last line (`250 2.0.0 Ok: queued as 4Xyz`).
    var lastReply: String? { replyLines.last }

    /// Copies the next part of the message into libcurl's buffer; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, payload.count - offset)
        if count <= 0 {
            contentRead = true
            stage = "message"
            return 0
        }
        payload.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        // libcurl knows the size and need not ask again once it has it all: the message is
        // handed over when its last byte is.
        if offset == payload.count {
            contentRead = true
            stage = "message"
        }
        return count
    }

    /// Takes a debug record from libcurl.
    func debug(type: curl_infotype, bytes: UnsafeBufferPointer<UInt8>) {
        switch type {
        case CURLINFO_HEADER_IN:
            partialReply.append(contentsOf: bytes)
            while let newline = partialReply.firstIndex(of: 10) {
                var line = Array(partialReply[..<newline])
                partialReply.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                let text = String(decoding: line, as: UTF8.self)
                replyLines.append(text)
                if contentRead { repliesAfterContent += 1 }
                // The last line of a reply has a space (or nothing) after its code.
                let bytes = Array(text.utf8)
                if refusal == nil, bytes.count >= 3, bytes.count == 3 || bytes[3] == 32,
                   let code = Int(text.prefix(3)), code >= 400 {
                    refusal = (text, code, replyLines.count == 1 ? "greeting" : stage)
                }
            }
        case CURLINFO_HEADER_OUT:
            let verb = String(decoding: bytes.prefix { $0 != 32 && $0 != 13 && $0 != 10 }, as: UTF8.self).uppercased()
            switch verb {
            case "EHLO", "HELO": stage = "EHLO"
            case "STARTTLS": stage = "STARTTLS"
            case "AUTH": stage = "AUTH"
            case "MAIL": stage = "MAIL FROM"
            case "RCPT": stage = "RCPT TO"
            case "DATA":
                stage = "DATA"
                dataCommandSent = true
            case "QUIT": break
            default: break  // an AUTH continuation: credentials, never kept
            }
        case CURLINFO_SSL_DATA_IN, CURLINFO_SSL_DATA_OUT:
            sawTLS = true
        default:
            break
        }
    }

    /// Registers the callbacks on `easy` with this exchange as their context.
    func attach(to easy: CurlEasy) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = rc_setopt_callback(easy.handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let exchange = Unmanaged<CurlSMTPExchange>.fromOpaque(context).takeUnretainedValue()
            return exchange.read(into: buffer, capacity: size * count)
        }
        _ = rc_setopt_pointer(easy.handle, CURLOPT_READDATA, context)
        _ = rc_setopt_debug_callback(easy.handle) { _, type, data, size, context in
            guard let data, let context else { return 0 }
            let exchange = Unmanaged<CurlSMTPExchange>.fromOpaque(context).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: size) {
                exchange.debug(type: type, bytes: UnsafeBufferPointer(start: $0, count: size))
            }
            return 0
        }
        _ = rc_setopt_pointer(easy.handle, CURLOPT_DEBUGDATA, context)
        // The debug function is only called in verbose mode; nothing is printed while it is set.
        easy.set(CURLOPT_VERBOSE, 1)
    }
}
