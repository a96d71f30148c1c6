/// A notification received on a channel this connection listens to.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel name, as given to `LISTEN` (unquoted).
    public let channel: String
    /// The payload text; empty when the sender gave none.
    public let payload: String
    /// The server process that sent it; equal to the listener's own `backendPID` for its own NOTIFYs.
    public let backendPID: Int32

    /// Creates a notification value.
    public init(channel: String, payload: String, backendPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.backendPID = backendPID
    }
}
