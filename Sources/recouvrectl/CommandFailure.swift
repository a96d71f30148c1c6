/// A failure to report on stderr and exit with.
struct CommandFailure: Error {
    /// What went wrong and what to do, without the program name.
    var message: String
    /// The exit code.
    var status: Int32
    /// Whether the message is printed after `recouvrectl: `; a refusal from the database
    /// reads `error: …` / `hint: …` on its own.
    var prefixed = true
}
