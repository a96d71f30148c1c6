import ControlProtocol
import Foundation
import Postgres
import RecouvreCore
import RecouvreStore

/// Calls for the collection procedure: the tenant must exist, and what the store or the
/// tenant's SQL functions refuse becomes the interface's errors, the database's own message
/// and hint included.
extension ControlService {
    func procedureCall<T: Sendable>(_ tenant: String,
                                    _ body: @escaping @Sendable (TenantSlug, PostgresConnection) throws -> T) async throws -> T {
        let slug = try Self.slug(tenant)
        let registry = self.registry
        do {
            return try await call { c in
                _ = try registry.get(c, slug: slug)
                return try body(slug, c)
            }
        } catch let error as NotFoundError {
            throw ControlError.notFound(tenant: tenant, what: error.what, key: error.key)
        } catch let error as MisfitError {
            throw ControlError.invalidArgument(field: error.field, reason: error.reason)
        } catch let error as PolicyInUseError {
            throw ControlError.policyInUse(name: error.name, cases: error.cases, debtors: error.debtors)
        } catch let error as PostgresError where error.sqlState.map(ActionRunner.transientStates.contains) == true {
            // Contention, not a refusal: the same request may well succeed a moment later.
            throw ControlError.failed(reason: "the database was busy (SQLSTATE \(error.sqlState ?? "")); try again in a moment")
        } catch let error as PostgresError where error.kind == .query {
            // The functions raise with a message for people and a HINT saying what to do.
            throw ControlError.refused(reason: error.message, hint: error.hint, code: error.sqlState ?? "")
        }
    }

    /// A validated amount as a decimal (the dispatcher checked its form).
    static func decimal(_ text: String, field: String = "amount") throws -> Decimal {
        guard let value = ControlValidation.amount(text) else {
            throw ControlError.invalidArgument(field: field, reason: "'\(text)' is not an amount")
        }
        return value
    }

    static func money(_ value: Decimal) -> String { MoneyText.twoDecimals(value) }
}
