import CCurl
import Foundation

/// One libcurl easy handle, with typed options: the thin layer under `CurlSMTPTransport` and
/// `HTTPSPoster`.
///
/// Owned by one transport; libcurl keeps the handle's connections open between transfers, which
/// is how connections are reused. Not thread-safe, like the handle itself.
final class CurlEasy {
    /// `curl_global_init` must run once before any handle, and is not thread-safe: a lazily
    /// initialised static runs it exactly once.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    let handle: UnsafeMutableRawPointer
    /// libcurl writes the detail of the last failure here (CURLOPT_ERRORBUFFER).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    /// A new handle, or nil when libcurl cannot make one.
    init?() {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        _ = rc_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // Timeouts must not use signals: the daemon is multi-threaded.
        _ = rc_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        // Also closes the cached connections (an SMTP connection says QUIT).
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Sets a numeric option; false when libcurl refused it.
    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> Bool {
        rc_setopt_long(handle, option, value) == CURLE_OK
    }

    /// Sets a string option (libcurl copies the string).
    @discardableResult
    func set(_ option: CURLoption, _ value: String?) -> Bool {
        guard let value else { return rc_setopt_string(handle, option, nil) == CURLE_OK }
        return rc_setopt_string(handle, option, value) == CURLE_OK
    }

    /// Sets a list option (recipients, headers); the list lives until the next call with the
    /// same handle replaces it or the handle goes.
    @discardableResult
    func set(_ option: CURLoption, list items: [String]) -> Bool {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            guard let appended = curl_slist_append(list, item) else {
                curl_slist_free_all(list)
                return false
            }
            list = appended
        }
        if let list { lists.append(list) }
        return rc_setopt_slist(handle, option, list) == CURLE_OK
    }

    /// Frees the lists set for earlier transfers; call once the transfer that used them ended.
    func releaseLists() {
        _ = rc_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
        _ = rc_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
        for list in lists { curl_slist_free_all(list) }
        lists.removeAll()
    }

    /// A numeric fact about the last transfer.
    func info(_ item: CURLINFO) -> Int {
        var value = 0
        return rc_getinfo_long(handle, item, &value) == CURLE_OK ? value : 0
    }

    /// A 64-bit size about the last transfer.
    func size(_ item: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return rc_getinfo_off(handle, item, &value) == CURLE_OK ? Int64(value) : 0
    }

    /// Runs the transfer set up on the handle, blocking the calling thread.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }

    /// The detail libcurl gave for the last failure, or its generic text for `code`.
    func failureDetail(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}
