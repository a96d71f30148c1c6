import ControlProtocol
import Foundation
import Postgres
import RecouvreCore
import RecouvreStore

/// A tenant's channel settings: letterhead, letter delivery, webhook and SMS endpoints, rate.
extension ControlService {
    func getTenantChannels(tenant: String) async throws -> TenantChannelsInfo {
        let slug = try Self.slug(tenant)
        let registry = self.registry
        let channels = try await call { c in
            _ = try registry.get(c, slug: slug)
            return try TenantChannels.load(c, slug: slug)
        }
        return Self.info(channels, tenant: tenant)
    }

    func setTenantChannels(_ p: TenantChannelsParameters, caller: ControlCaller) async throws -> TenantChannelsInfo {
        let slug = try Self.slug(p.tenant)
        let registry = self.registry
        let channels = try await call { c in
            _ = try registry.get(c, slug: slug)
            var channels = try TenantChannels.load(c, slug: slug)
            var changed: [String] = []
            func set<T>(_ value: T?, _ name: String, _ apply: (T) -> Void) {
                guard let value else { return }
                apply(value)
                changed.append(name)
            }
            set(p.address, "address") { channels.address = $0.replacingOccurrences(of: "\\n", with: "\n") }
            set(p.siren, "siren") { channels.siren = $0 }
            set(p.phone, "phone") { channels.phone = $0 }
            set(p.iban, "iban") { channels.iban = BankIdentifiers.normalizedIBAN($0) }
            set(p.bic, "bic") { channels.bic = $0.uppercased() }
            set(p.signatory, "signatory") { channels.signatory = $0 }
            set(p.letterDelivery, "letterDelivery") { channels.letterDelivery = TenantChannels.LetterDelivery(rawValue: $0) ?? .spool }
            set(p.webhookUrl, "webhookUrl") { channels.webhookURL = $0 }
            set(p.webhookSecret, "webhookSecret") { channels.webhookSecret = $0 }
            set(p.smsUrl, "smsUrl") { channels.smsURL = $0 }
            set(p.smsSecret, "smsSecret") { channels.smsSecret = $0 }
            set(p.smsSender, "smsSender") { channels.smsSender = $0 }
            set(p.messagesPerMinute, "messagesPerMinute") { channels.messagesPerMinute = $0 }
            set(p.agencyName, "agencyName") { channels.agencyName = $0 }
            set(p.agencyAddress, "agencyAddress") { channels.agencyAddress = $0.replacingOccurrences(of: "\\n", with: "\n") }
            set(p.agencySiren, "agencySiren") { channels.agencySIREN = $0 }
            set(p.agencyPhone, "agencyPhone") { channels.agencyPhone = $0 }
            set(p.agencyEmail, "agencyEmail") { channels.agencyEmail = $0 }
            set(p.agencyIban, "agencyIban") { channels.agencyIBAN = BankIdentifiers.normalizedIBAN($0) }
            set(p.agencyBic, "agencyBic") { channels.agencyBIC = $0.uppercased() }
            set(p.agencySignatory, "agencySignatory") { channels.agencySignatory = $0 }
            for name in p.clear ?? [] {
                changed.append(name)
                switch name {
                case "address": channels.address = nil
                case "siren": channels.siren = nil
                case "phone": channels.phone = nil
                case "iban": channels.iban = nil
                case "bic": channels.bic = nil
                case "signatory": channels.signatory = nil
                case "webhook": channels.webhookURL = nil; channels.webhookSecret = nil
                case "sms": channels.smsURL = nil; channels.smsSecret = nil
                case "smsSender": channels.smsSender = nil
                case "agency":
                    channels.agencyName = nil; channels.agencyAddress = nil; channels.agencySIREN = nil
                    channels.agencyPhone = nil; channels.agencyEmail = nil; channels.agencyIBAN = nil
                    channels.agencyBIC = nil; channels.agencySignatory = nil
                default: channels.messagesPerMinute = nil
                }
            }
            do {
                try TenantChannels.save(c, slug: slug, channels, changed: changed, author: caller.name)
            } catch let error as PostgresError where error.sqlState == "23514" {
                throw ControlError.invalidArgument(field: "channels", reason: Self.channelsProblem(error.constraint ?? error.message))
            }
            return channels
        }
        return Self.info(channels, tenant: p.tenant)
    }

    /// What a refused combination means, in words.
    static func channelsProblem(_ constraint: String) -> String {
        switch constraint {
        case let name where name.contains("webhook_letters_need_an_endpoint"):
            "letters go to the webhook only with a webhook URL and secret: set --webhook-url and --webhook-secret-file first"
        case let name where name.contains("webhook_secret_with_its_url"):
            "a webhook needs both its URL and its secret (or clear both with --clear webhook)"
        case let name where name.contains("sms_secret_with_its_url"):
            "an SMS gateway needs both its URL and its secret (or clear both with --clear sms)"
        case let name where name.contains("agency_phone_format"):
            "the agency's phone number is not one: digits, spaces, dots, dashes or brackets, 5 to 20 characters, e.g. +33 4 72 00 00 00"
        case let name where name.contains("agency_bic_format"):
            "the agency's BIC is not one: 8 or 11 letters and digits, e.g. AGRIFRPP"
        default:
            "the settings were refused: \(constraint)"
        }
    }

    static func info(_ channels: TenantChannels, tenant: String) -> TenantChannelsInfo {
        TenantChannelsInfo(tenant: tenant, address: channels.address, siren: channels.siren, phone: channels.phone,
                           iban: channels.iban, bic: channels.bic, signatory: channels.signatory,
                           letterDelivery: channels.letterDelivery.rawValue, webhookUrl: channels.webhookURL,
                           webhookSecretSet: channels.webhookSecret != nil, smsUrl: channels.smsURL,
                           smsSecretSet: channels.smsSecret != nil, smsSender: channels.smsSender,
                           messagesPerMinute: channels.messagesPerMinute, agencyName: channels.agencyName,
                           agencyAddress: channels.agencyAddress, agencySiren: channels.agencySIREN,
                           agencyPhone: channels.agencyPhone, agencyEmail: channels.agencyEmail,
                           agencyIban: channels.agencyIBAN, agencyBic: channels.agencyBIC,
                           agencySignatory: channels.agencySignatory)
    }
}
