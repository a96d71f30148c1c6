/// Where the control socket lives.
public enum RecouvreSocket {
    /// The path recouvred listens on unless configured otherwise.
    public static let defaultPath = "/run/recouvre/control.sock"

    /// The environment variable recouvrectl reads for another path.
    public static let environmentVariable = "RECOUVRE_SOCKET"
}
