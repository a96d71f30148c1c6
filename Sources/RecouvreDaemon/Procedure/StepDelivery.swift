import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreLetters
import RecouvreStore

/// What a step produces on its channel: an e-mail ready to go, a letter in the spool, a task
/// for the collectors. Each adds what it did to the step's outcome (`detail`).
struct StepDelivery {
    let tenant: TenantRecord
    let configuration: DaemonConfiguration
    let renderer: ReminderRenderer
    let work: WorkStore
    let logger: Logger

    /// What a message step leaves to do once its transaction commits.
    enum Pending {
        /// An e-mail to send, the last thing before `COMMIT`.
        case mail(WorkExecution.OutgoingMail)
        /// A letter (its PDF and a plain-text copy) staged in the spool, to publish after `COMMIT`,
        /// and posted to the tenant's print-and-mail provider when its letters go there.
        case letter([LetterSpool.StagedLetter], post: OutgoingPost?)
    }

    /// Renders the step's template for `invoices`: an e-mail ready to send, or a letter staged
    /// in the spool.
    func message(_ planned: PlannedWork, action: ClaimedAction, invoices: [InvoiceStanding], context: DebtorContext,
                 detail: inout [String: any Sendable], _ c: PostgresConnection) throws -> Pending {
        let debtor = context.debtor
        let today = context.calendar.localDay(of: context.now)
        let locale = tenant.locale(for: debtor)
        // From the formal notice on, the message states what the law adds: the same figures as claim_statement.
        let statement = planned.stage >= .formalNotice
            ? try work.claimStatement(c, debtorID: debtor.id, asOf: today).filter { Set(planned.invoiceIds).contains($0.invoiceId) }
            : nil
        let claim = statement?.map {
            ClaimFigures(number: $0.number, dueOn: $0.dueOn, daysLate: $0.daysLate, principal: $0.principal,
                         penalty: $0.penalty, indemnity: $0.indemnity, total: $0.total, rates: $0.rates,
                         estimated: $0.ratesCarriedForward)
        }
        let model = ReminderModel(
            creditorName: tenant.displayName, debtorName: debtor.name, locale: locale,
            step: planned.key.position, invoices: invoices, asOf: today, replyTo: tenant.emailFrom ?? configuration.emailFrom,
            claim: claim, consumer: context.situation.debtorKind == .consumer,
            instalment: Self.instalment(of: planned.key, in: context.situation),
            disputedInvoiceIds: Set(context.situation.invoices.filter(\.disputed).map(\.invoiceId)))
        let content = try renderer.render(template: planned.template, model: model)

        detail["delivered"] = true
        detail["invoices"] = invoices.map(\.number)
        if let claim { detail["claim_total"] = claim.map(\.total.amount.description).joined(separator: "+") }
        if statement?.contains(where: \.ratesCarriedForward) == true {
            detail["rates_carried_forward"] = true
            logger.warning("legal rates are missing for a half-year; the claim carries the latest rates forward: add the published rates to recouvre.legal_rates",
                           metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)"])
        }

        guard planned.channel == .email else {
            let channels = try TenantChannels.load(c, slug: tenant.slug)
            let spool = LetterSpool(directory: configuration.letterSpool)
            let pdf = try spool.stage(try letterPDF(planned, action: action, invoices: invoices, statement: statement ?? [],
                                                    channels: channels, context: context),
                                      tenant: tenant.slug, name: "\(action.id)-\(planned.template).pdf")
            // A plain-text copy beside the PDF, for search and for reading without a viewer.
            let text = LetterLayout.text(creditor: tenant.displayName, debtor: debtor, subject: content.subject,
                                         body: content.textBody, day: today, locale: locale)
            let copy = try spool.stage(text, tenant: tenant.slug, actionID: action.id, template: planned.template)
            detail["letter_pdf"] = pdf.path
            detail["letter"] = copy.path
            guard channels.letterDelivery == .webhook, let url = channels.webhookURL, let secret = channels.webhookSecret else {
                return .letter([pdf, copy], post: nil)
            }
            let body = try StepPayload.encode(StepPayload.Letter(
                tenant: tenant.slug.rawValue, actionId: action.id, registered: planned.stage >= .formalNotice,
                recipient: .init(reference: debtor.externalRef, name: debtor.name, email: debtor.email, address: debtor.address),
                filename: "\(action.id)-\(planned.template).pdf",
                pdfBase64: try Data(contentsOf: URL(fileURLWithPath: pdf.staged)).base64EncodedString()))
            detail["letter_delivery"] = "webhook"
            return .letter([pdf, copy], post: OutgoingPost(url: url, body: body, secret: Array(secret.utf8),
                                                           idempotencyKey: "\(tenant.slug)-action-\(action.id)", purpose: "letter"))
        }
        guard let address = debtor.email else {
            throw DeliveryFailure(description: "the debtor has no e-mail address; add one or use a letter step", isPermanent: true)
        }
        let from = tenant.emailFrom ?? configuration.emailFrom
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = EmailMessage.messageID(action: action.id, tenant: tenant.slug.rawValue, domain: domain)
        // A case's e-mails form one thread: each replies to the one before.
        let thread = try context.situation.openCase.map { try work.caseThread(c, caseID: $0.id) } ?? []
        var attachments: [EmailAttachment] = []
        if context.policy?.step(at: planned.key.position)?.attachStatement == true {
            let statement = try statementAttachment(action: action, context: context, c)
            attachments.append(statement)
            detail["attachment"] = statement.filename
        }
        let message = EmailMessage(from: from, fromName: tenant.displayName, to: address, toName: debtor.name,
                                   subject: content.subject, textBody: content.textBody, messageID: messageID, date: context.now,
                                   htmlBody: PlainTextHTML.document(content.textBody, title: content.subject, language: locale.rawValue),
                                   attachments: attachments,
                                   inReplyTo: planned.key.isCaseStep ? thread.last : nil,
                                   references: planned.key.isCaseStep ? thread : [])
        detail["message_id"] = messageID
        return .mail(WorkExecution.OutgoingMail(message: message, relayURL: tenant.smtpURL ?? configuration.smtpURL,
                                                envelopeFrom: from, recipient: address))
    }

    /// A step on the SMS or webhook channel: the signed request to the tenant's gateway or
    /// endpoint. Fails at once, clearly, when the tenant has none, when the debtor has no phone
    /// number, or when the SMS would be longer than three segments.
    func post(_ planned: PlannedWork, action: ClaimedAction, invoices: [InvoiceStanding], context: DebtorContext,
              detail: inout [String: any Sendable], _ c: PostgresConnection) throws -> OutgoingPost {
        let debtor = context.debtor
        let locale = tenant.locale(for: debtor)
        let channels = try TenantChannels.load(c, slug: tenant.slug)
        let key = "\(tenant.slug)-action-\(action.id)"
        if planned.channel == .sms {
            guard let url = channels.smsURL, let secret = channels.smsSecret else {
                throw DeliveryFailure(description: "no sms gateway is configured for tenant \(tenant.slug); set one with "
                                      + "recouvrectl tenant channels --sms-url", isPermanent: true)
            }
            guard let phone = debtor.phone else {
                throw DeliveryFailure(description: "the debtor has no phone number; add one or use another channel", isPermanent: true)
            }
            let sms: SMSText
            do {
                sms = try StepPayload.smsText(creditor: tenant.displayName, invoices: invoices, total: Self.total(invoices, locale),
                                              replyTo: tenant.emailFrom ?? configuration.emailFrom, locale: locale)
            } catch {
                throw DeliveryFailure(description: "the SMS would be too long: \(error)", isPermanent: true)
            }
            detail["segments"] = sms.segments
            detail["encoding"] = sms.encoding.rawValue
            let body = try StepPayload.encode(StepPayload.SMS(
                tenant: tenant.slug.rawValue, actionId: action.id, to: phone, from: channels.smsSender, text: sms.text,
                encoding: sms.encoding.rawValue, segments: sms.segments))
            return OutgoingPost(url: url, body: body, secret: Array(secret.utf8), idempotencyKey: key, purpose: "sms")
        }
        guard let url = channels.webhookURL, let secret = channels.webhookSecret else {
            throw DeliveryFailure(description: "no webhook is configured for tenant \(tenant.slug); set one with "
                                  + "recouvrectl tenant channels --webhook-url", isPermanent: true)
        }
        let today = context.calendar.localDay(of: context.now)
        let content = try renderer.render(template: planned.template, model: ReminderModel(
            creditorName: tenant.displayName, debtorName: debtor.name, locale: locale, step: planned.key.position,
            invoices: invoices, asOf: today, replyTo: tenant.emailFrom ?? configuration.emailFrom))
        let body = try StepPayload.encode(StepPayload.Step(
            tenant: tenant.slug.rawValue, actionId: action.id, stage: planned.stage.rawValue, template: planned.template,
            locale: locale.rawValue,
            debtor: .init(reference: debtor.externalRef, name: debtor.name, email: debtor.email, address: debtor.address),
            invoices: StepPayload.invoices(invoices), subject: content.subject, text: content.textBody))
        return OutgoingPost(url: url, body: body, secret: Array(secret.utf8), idempotencyKey: key, purpose: "webhook")
    }

    /// Opens the collectors' task the step names, with a deadline two business days later for a
    /// call, five for a handoff or a court file. A court or small-claims step also stages its
    /// court-ready file (JSON) in the spool, an agency handoff the agency's letter (PDF) and its
    /// claim file (JSON), returned to be published after commit.
    func task(_ planned: PlannedWork, action: ClaimedAction, invoices: [InvoiceStanding], context: DebtorContext,
              detail: inout [String: any Sendable], _ c: PostgresConnection) throws -> [LetterSpool.StagedLetter] {
        let debtor = context.debtor
        let locale = tenant.locale(for: debtor)
        let kind = TaskTitles.stepKinds.contains(planned.template) ? planned.template : "call"
        let title = TaskTitles.title(kind: kind, debtorName: debtor.name, total: Self.total(invoices, locale), locale: locale)
        let calls = context.calendar.calendar(for: .call)
        let today = context.calendar.localDay(of: context.now)
        let deadlineDay = (0..<(kind == "call" ? 2 : 5)).reduce(today) { day, _ in calls.firstSendingDay(after: day) }
        let deadline = context.calendar.instant(of: deadlineDay, at: LocalTime(hour: 18, minute: 0)!)
        let taskID = try work.openTask(c, debtorID: debtor.id, caseID: context.situation.openCase?.id, actionID: action.id,
                                       kind: kind, title: title, deadline: deadline)
        detail["task_id"] = taskID.map(String.init) ?? "exists"
        if kind == "agency_handoff" {
            let channels = try TenantChannels.load(c, slug: tenant.slug)
            return try agencyHandoff(planned, action: action, context: context, channels: channels,
                                     creditor: letterhead(channels).letterhead, detail: &detail, c)
        }
        guard kind == "court_file" || kind == "small_claims" else { return [] }
        let (file, lines) = try CourtFileBuilder(tenant: tenant, work: work)
            .build(debtor: debtor, invoiceIDs: planned.invoiceIds, asOf: today, c)
        let spool = LetterSpool(directory: configuration.letterSpool)
        let json = try spool.stage(try file.json(), tenant: tenant.slug, name: "\(action.id)-\(kind).json")
        let head = letterhead(try TenantChannels.load(c, slug: tenant.slug))
        let pdf = LetterPDFRenderer(creationDate: context.now).render
        let staged = try spool.stage(
            try pdf(CourtFileLetter.letter(file, lines: lines, creditor: head.letterhead, day: today, place: head.place,
                                           locale: locale, reference: "\(tenant.slug.rawValue.uppercased())-\(action.id)",
                                           signature: head.signature)),
            tenant: tenant.slug, name: "\(action.id)-\(kind).pdf")
        detail["court_file"] = json.path
        detail["court_file_pdf"] = staged.path
        detail["route"] = file.recommendation.route.rawValue
        return [json, staged]
    }

    /// The total of `invoices` written out for people.
    static func total(_ invoices: [InvoiceStanding], _ locale: MessageLocale) -> String {
        ReminderModel(creditorName: "", debtorName: "", locale: locale, step: 0, invoices: invoices,
                      asOf: CalendarDay(year: 2000, month: 1, day: 1), replyTo: nil).formattedTotal
    }

    /// The instalment a plan reminder is about, with what is left to pay on it.
    static func instalment(of key: PlannedWorkKey, in situation: DebtorSituation) -> InstalmentDetails? {
        guard case .instalment(_, let number, _) = key, let plan = situation.plan,
              let instalment = plan.instalments.first(where: { $0.number == number }) else { return nil }
        // What is left of this instalment once earlier ones are covered by what was paid.
        let before = plan.instalments.filter { $0.number < number }.reduce(Decimal(0)) { $0 + $1.amount.amount }
        let left = max(0, min(instalment.amount.amount, before + instalment.amount.amount - plan.paidSince.amount))
        return InstalmentDetails(number: number, count: plan.instalments.count, dueOn: instalment.dueOn,
                                 amount: Money(amount: left, currency: instalment.amount.currency))
    }
}
