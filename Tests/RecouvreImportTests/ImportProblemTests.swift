import RecouvreImport
import Testing

@Suite struct ImportProblemTests {
    @Test func namesTheLineAndFieldBeforeTheMessage() {
        let problem = ImportProblem(line: 12, field: "due_on", message: "\"31/02/2026\" is not a date (dd/mm/yyyy)")
        #expect(problem.description == "line 12, due_on: \"31/02/2026\" is not a date (dd/mm/yyyy)")
        #expect(ImportProblem(line: nil, message: "the file is empty").description == "the file is empty")
    }

    @Test func aRejectionSaysWhenProblemsWereLeftOut() {
        let rejected = ImportRejected(problems: [ImportProblem(line: 2, message: "a")], truncated: true)
        #expect(rejected.description.hasSuffix("(more problems not shown: fix these and try again)"))
    }
}
