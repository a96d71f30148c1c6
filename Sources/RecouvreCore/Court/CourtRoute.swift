/// The way to court the file recommends.
public enum CourtRoute: String, Sendable, Hashable, Codable, CaseIterable {
    /// The simplified procedure for small claims (CPCE L125-1, R125-1 ff.): up to €5,000,
    /// interest included, run by a commissaire de justice; the debtor has a month to agree.
    case smallClaims = "small_claims"
    /// Injonction de payer at the tribunal de commerce (CPC 1405 ff.), for a commercial claim:
    /// form cerfa 12946.
    case injunctionCommercialCourt = "injonction_de_payer_tribunal_de_commerce"
    /// Injonction de payer at the tribunal judiciaire, for a civil claim (a consumer): form
    /// cerfa 12948.
    case injunctionJudicialCourt = "injonction_de_payer_tribunal_judiciaire"

    /// The form to file, if any.
    public var form: String? {
        switch self {
        case .smallClaims: nil
        case .injunctionCommercialCourt: "cerfa 12946"
        case .injunctionJudicialCourt: "cerfa 12948"
        }
    }
}
