/// The varlink interface `io.recouvre.Control`, as served by
/// `org.varlink.service.GetInterfaceDescription`.
///
/// This constant is the source of truth; the resource file
/// `io.recouvre.Control.varlink` beside it is a copy for tools that read
/// interface files, and a test keeps the two identical. The text lives in
/// code so that the daemon can serve it whatever way it was installed.
public enum ControlInterface {
    /// The interface's name, prefix of its methods and errors.
    public static let name = "io.recouvre.Control"

    /// The interface description in the varlink IDL.
    public static let description = #"""
    # Control interface of the Recouvre collections daemon (recouvred).
    #
    # Operators drive the daemon through this interface over its Unix socket,
    # usually with recouvrectl. Timestamps are ISO 8601 strings in UTC.
    interface io.recouvre.Control

    # What the daemon is doing right now.
    # version: the daemon's version; pid: its process id.
    # startedAt: when it started; uptimeSeconds: seconds since then.
    # ready: it has connected to the database and runs passes.
    # draining: it claims no new work (recouvrectl drain, or shutting down).
    # database: the database it uses, without password.
    # workers: worker slots; inFlight: actions being executed now.
    # tenantsTotal: tenants registered; tenantsActive: tenants not paused.
    # lastPassAt: when the scheduler last looked for due work.
    # lastError: the last error met by a pass, if any.
    # drained: draining and nothing left in flight (no action running, no
    # claim held); inFlightActions: the actions running, as tenant#id.
    # logLevel, logFormat: the logging in force.
    # lastReload: how the last reload went; null when none was asked for.
    type DaemonStatus (
      version: string,
      pid: int,
      startedAt: string,
      uptimeSeconds: int,
      ready: bool,
      draining: bool,
      database: string,
      workers: int,
      inFlight: int,
      tenantsTotal: int,
      tenantsActive: int,
      lastPassAt: ?string,
      lastError: ?string,
      drained: ?bool,
      inFlightActions: ?[]string,
      logLevel: ?string,
      logFormat: ?string,
      lastReload: ?ReloadInfo
    )

    # One creditor using the service, with its own database schema.
    # slug: identifier, ^[a-z][a-z0-9_]{1,39}$; the schema is tenant_<slug>.
    # status: "active" or "paused"; timezone: IANA name; locale: "fr" or "en".
    # emailFrom and smtpURL override the daemon's defaults for this tenant.
    # schemaVersion: the last tenant migration applied to its schema.
    type Tenant (
      slug: string,
      displayName: string,
      status: string,
      timezone: string,
      locale: string,
      emailFrom: ?string,
      smtpURL: ?string,
      schemaVersion: int,
      createdAt: string
    )

    # Number of a tenant's actions in each state.
    type ActionCounts (
      scheduled: int,
      running: int,
      succeeded: int,
      failed: int,
      cancelled: int,
      dead: int
    )

    # One step of a collection plan: a reminder, a letter, a call task.
    # kind: what it does; channel: how it is delivered.
    # state: scheduled, running, succeeded, failed, cancelled or dead.
    # step: its rank in the debtor's plan; dueAt: when it becomes due.
    # attempts: deliveries tried so far; lastError: why the last one failed.
    type Action (
      id: int,
      kind: string,
      channel: string,
      state: string,
      debtorId: int,
      invoiceId: ?int,
      step: int,
      dueAt: string,
      attempts: int,
      lastError: ?string,
      updatedAt: string
    )

    # What Migrate did.
    # controlApplied: migrations applied to the control schema.
    # tenantsMigrated: tenant schemas that needed and got migrations.
    # tenantsTotal: tenant schemas looked at.
    type MigrationSummary (
      controlApplied: int,
      tenantsMigrated: int,
      tenantsTotal: int
    )

    # A debtor, as a case shows it.
    # ref: the debtor's reference in the creditor's books; kind: business or consumer.
    # policy: the policy an operator chose for the debtor, if any.
    # timezone: the zone local times are given in (the debtor's, else the tenant's).
    type Debtor (
      id: int,
      ref: string,
      name: string,
      kind: string,
      email: ?string,
      phone: ?string,
      policy: ?string,
      timezone: string
    )

    # A debtor's collection case. state: open or closed.
    # stage and position: those of the last step done (position 0: none yet).
    # expedite: a call asked for the next step now.
    # closeReason: paid, promise_kept, plan_completed, written_off or dispute_upheld.
    type Case (
      id: int,
      policy: string,
      state: string,
      stage: ?string,
      position: int,
      expedite: bool,
      openedAt: string,
      lastStepAt: ?string,
      closedAt: ?string,
      closeReason: ?string
    )

    # Work scheduled for a debtor. kind: step, courtesy, instalment_reminder, ...
    # state: scheduled, or held while it waits for an approval.
    # dueLocal: dueAt in the debtor's zone, "YYYY-MM-DD HH:MM".
    type ScheduledAction (
      id: int,
      kind: string,
      state: string,
      channel: string,
      step: int,
      stage: ?string,
      template: ?string,
      dueAt: string,
      dueLocal: string
    )

    # An invoice with something still owed, with its own state.
    # Money is a decimal string with two decimals; dates are YYYY-MM-DD.
    # reduced: reductions, credit notes and write-offs granted on it.
    # disputed, inPlan, promised: an open dispute, active plan or open promise covers it.
    type CaseInvoice (
      id: int,
      number: string,
      currency: string,
      issuedOn: string,
      dueOn: string,
      amount: string,
      paid: string,
      reduced: string,
      outstanding: string,
      daysOverdue: int,
      disputed: bool,
      inPlan: bool,
      promised: bool
    )

    # A promise to pay amount by promisedOn (plus graceDays).
    # state: open, kept, broken or cancelled.
    type Promise (
      id: int,
      amount: string,
      currency: string,
      promisedOn: string,
      graceDays: int,
      state: string,
      note: ?string,
      madeBy: string,
      madeAt: string,
      settledAt: ?string
    )

    # One instalment of a payment plan. paid: what the debtor paid since the
    # plan began covers this instalment and every earlier one.
    type Instalment (
      number: int,
      dueOn: string,
      amount: string,
      paid: bool
    )

    # A payment plan (échéancier). state: active, completed, broken or cancelled.
    # paidSince: what the debtor paid since the plan was created.
    type Plan (
      id: int,
      state: string,
      currency: string,
      total: string,
      graceDays: int,
      paidSince: string,
      note: ?string,
      createdBy: string,
      createdAt: string,
      endedAt: ?string,
      instalments: []Instalment
    )

    # An instalment of a plan being created: a date (YYYY-MM-DD) and an amount.
    type PlannedInstalment (
      dueOn: string,
      amount: string
    )

    # A dispute (litige) on one invoice, or on the whole debtor when invoice is null.
    # state: open or resolved; resolution: resume or cancel.
    type Dispute (
      id: int,
      debtorId: int,
      invoice: ?string,
      state: string,
      reason: string,
      resolution: ?string,
      resolutionNote: ?string,
      openedBy: string,
      openedAt: string,
      resolvedBy: ?string,
      resolvedAt: ?string
    )

    # A reduction (remise), credit note or write-off on an invoice.
    # kind: reduction, credit_note or write_off.
    type Reduction (
      id: int,
      invoice: string,
      kind: string,
      amount: string,
      currency: string,
      reason: string,
      grantedBy: string,
      grantedOn: string
    )

    # Work for a collector. kind: call, approval, agency_handoff, small_claims
    # or court_file; state: open, done or cancelled.
    # outcome: what was recorded when it was done, as JSON text.
    type Task (
      id: int,
      debtorId: int,
      debtorRef: string,
      debtorName: string,
      caseId: ?int,
      actionId: ?int,
      kind: string,
      state: string,
      title: string,
      deadline: ?string,
      overdueAt: ?string,
      createdAt: string,
      completedAt: ?string,
      completedBy: ?string,
      outcome: ?string
    )

    # One entry of the tenant's journal. actor: a user name, recouvred or a
    # database role; detail: JSON text.
    type Event (
      id: int,
      occurredAt: string,
      kind: string,
      invoiceId: ?int,
      actionId: ?int,
      actor: string,
      detail: string
    )

    # Money received from a debtor. invoice: the invoice it pays, by number;
    # null when it pays the oldest open invoices first.
    type Payment (
      id: int,
      debtorId: int,
      invoice: ?string,
      amount: string,
      currency: string,
      receivedOn: string,
      reference: ?string
    )

    # One step of a collection policy. offsetDays: from the due date, negative
    # before it. stage: reminder, call, formal_notice, agency, small_claims or
    # legal. channel: email, letter, sms, webhook or task. sendAt: local HH:MM.
    type PolicyStep (
      position: int,
      offsetDays: int,
      stage: string,
      channel: string,
      template: string,
      minOutstanding: string,
      maxOutstanding: ?string,
      requiresApproval: bool,
      sendAt: string,
      attachStatement: bool,
      whenOverdue: string
    )

    # A collection policy and its steps, by position.
    # debtorKind: business or consumer; null for any debtor.
    type Policy (
      name: string,
      description: string,
      debtorKind: ?string,
      minOutstanding: string,
      priority: int,
      graceDays: int,
      steps: []PolicyStep
    )

    # A policy in a list. steps: how many; openCases: open cases following it;
    # debtors: debtors whose policy is set to it.
    type PolicySummary (
      name: string,
      description: string,
      debtorKind: ?string,
      minOutstanding: string,
      priority: int,
      graceDays: int,
      steps: int,
      openCases: int,
      debtors: int
    )

    # What SetPolicy changed. created: the policy is new. settings: policy
    # fields that changed, by their document names. added, removed, changed:
    # positions of steps.
    type PolicyChanges (
      created: bool,
      settings: []string,
      added: []int,
      removed: []int,
      changed: []int
    )

    # Tells whether the daemon is up, ready or draining, and how busy it is.
    method GetStatus() -> (status: DaemonStatus)

    # Registers a tenant and creates its schema. timezone defaults to
    # Europe/Paris, locale to fr; emailFrom and smtpURL to the daemon's defaults.
    # The slug of a dropped tenant is refused with TenantDropped unless
    # reuseDroppedSlug is true.
    method CreateTenant(
      slug: string,
      displayName: string,
      timezone: ?string,
      locale: ?string,
      emailFrom: ?string,
      smtpURL: ?string,
      reuseDroppedSlug: ?bool
    ) -> (tenant: Tenant)

    # Lists every tenant, sorted by slug.
    method ListTenants() -> (tenants: []Tenant)

    # Shows one tenant and how many of its actions are in each state.
    method GetTenant(slug: string) -> (tenant: Tenant, actions: ActionCounts)

    # Changes the given fields of a tenant; absent fields keep their value.
    method UpdateTenant(
      slug: string,
      displayName: ?string,
      timezone: ?string,
      locale: ?string,
      emailFrom: ?string,
      smtpURL: ?string
    ) -> (tenant: Tenant)

    # Stops executing a tenant's actions; they stay scheduled. Idempotent.
    method PauseTenant(slug: string) -> (tenant: Tenant)

    # Executes a paused tenant's actions again. Idempotent.
    method ResumeTenant(slug: string) -> (tenant: Tenant)

    # Lists a tenant's actions, newest first, optionally in one
    # state. limit: 1 to 1000, default 100.
    method ListActions(tenant: string, state: ?string, limit: ?int) -> (actions: []Action)

    # Schedules a failed or dead action again, due now.
    method RetryAction(tenant: string, id: int) -> (action: Action)

    # Cancels a scheduled or failed action.
    method CancelAction(tenant: string, id: int) -> (action: Action)

    # Looks for due work now instead of at the next pass, for one tenant or all.
    # tenants: how many tenants were looked at.
    method RunNow(tenant: ?string) -> (tenants: int)

    # Applies pending migrations to the control schema and every tenant schema.
    method Migrate() -> (summary: MigrationSummary)

    # How a tenant's steps reach debtors. address: the creditor's postal
    # address, lines separated by newlines; letterDelivery: spool (the daemon's
    # letter spool) or webhook (a print-and-mail provider); secrets are never
    # returned: webhookSecretSet and smsSecretSet say whether one is set.
    # messagesPerMinute: the tenant's own rate limit, all daemons together.
    # agency*: the collection agency of the agency step (name, address with
    # lines separated by newlines, SIREN, phone, e-mail, the IBAN and BIC the
    # debtor pays it on, who signs); its letter (CPCE R124-4) is produced once
    # agencyName, agencyAddress and agencyIban are set.
    type TenantChannels (
      tenant: string,
      address: ?string,
      siren: ?string,
      phone: ?string,
      iban: ?string,
      bic: ?string,
      signatory: ?string,
      letterDelivery: string,
      webhookUrl: ?string,
      webhookSecretSet: bool,
      smsUrl: ?string,
      smsSecretSet: bool,
      smsSender: ?string,
      messagesPerMinute: ?int,
      agencyName: ?string,
      agencyAddress: ?string,
      agencySiren: ?string,
      agencyPhone: ?string,
      agencyEmail: ?string,
      agencyIban: ?string,
      agencyBic: ?string,
      agencySignatory: ?string
    )

    # A tenant's channel settings.
    method GetTenantChannels(tenant: string) -> (channels: TenantChannels)

    # Changes a tenant's channel settings; absent fields keep their value,
    # fields named in clear (address, siren, phone, iban, bic, signatory,
    # webhook, sms, smsSender, messagesPerMinute, agency: every agency field)
    # are emptied. siren, agencySiren: nine digits with a valid check digit;
    # iban, agencyIban: valid check digits; agencyEmail: an e-mail address;
    # URLs https://; secrets at least 32 characters.
    method SetTenantChannels(
      tenant: string,
      address: ?string,
      siren: ?string,
      phone: ?string,
      iban: ?string,
      bic: ?string,
      signatory: ?string,
      letterDelivery: ?string,
      webhookUrl: ?string,
      webhookSecret: ?string,
      smsUrl: ?string,
      smsSecret: ?string,
      smsSender: ?string,
      messagesPerMinute: ?int,
      agencyName: ?string,
      agencyAddress: ?string,
      agencySiren: ?string,
      agencyPhone: ?string,
      agencyEmail: ?string,
      agencyIban: ?string,
      agencyBic: ?string,
      agencySignatory: ?string,
      clear: ?[]string
    ) -> (channels: TenantChannels)

    # The letter, court file or agency letter a step left in the letter spool,
    # its bytes in base64, at most 8 MiB. format: pdf (default), text (a
    # letter's plain copy) or json (a court file's twin, or the claim file of an
    # agency handoff).
    method GetLetter(tenant: string, actionId: int, format: ?string) -> (name: string, contentType: string, content: string)

    # One line of a preview. at: ISO 8601 UTC; local: "YYYY-MM-DD HH:MM" in
    # the debtor's zone. event: step, courtesy, instalment_before,
    # instalment_after, case_opened, case_closed, promise_kept, promise_broken,
    # plan_completed or plan_broken. position: the policy step or instalment.
    # principal: for work, what its invoices owe; else the collectible
    # principal then; "1250.40 EUR" per currency.
    # claimTotal: for a formal notice and later, principal, penalties and
    # indemnity that day (claim_statement). detail: a close reason, a missed
    # instalment.
    type TimelineLine (
      at: string,
      local: string,
      event: string,
      position: ?int,
      stage: ?string,
      channel: ?string,
      template: ?string,
      requiresApproval: bool,
      invoices: []string,
      principal: []string,
      claimTotal: ?[]string,
      detail: ?string
    )

    # One debtor's preview. policy: the policy followed, null if none fits.
    type DebtorTimeline (
      debtor: string,
      name: string,
      policy: ?string,
      timeZone: string,
      entries: []TimelineLine
    )

    # What the daemon would do for a debtor (or every debtor that owes
    # something, the first 100 by reference), from asOf (YYYY-MM-DD, default
    # now) until until (default 180 days later), if nobody paid: computed by
    # the daemon's own planner in a read-only transaction; nothing is sent.
    method PreviewPlan(tenant: string, debtor: ?string, asOf: ?string, until: ?string) -> (
      debtors: []DebtorTimeline,
      truncated: bool
    )

    # One view of a debtor's collection: the debtor, its case (by caseId, else
    # the debtor's open case, else its latest), the next scheduled actions,
    # open invoices, promises, plan, disputes, reductions, open tasks and the
    # last 20 events. Give debtor (a reference) or caseId.
    method GetCase(tenant: string, debtor: ?string, caseId: ?int) -> (
      debtor: Debtor,
      case: ?Case,
      scheduled: []ScheduledAction,
      invoices: []CaseInvoice,
      promises: []Promise,
      plan: ?Plan,
      disputes: []Dispute,
      reductions: []Reduction,
      tasks: []Task,
      events: []Event
    )

    # Records a payment. amount: a positive decimal, at most 2 decimals.
    # invoice: the invoice it pays, by number; else the oldest first.
    # currency: the invoice's, else EUR; receivedOn: YYYY-MM-DD, today.
    method RecordPayment(
      tenant: string,
      debtor: string,
      amount: string,
      invoice: ?string,
      currency: ?string,
      receivedOn: ?string,
      reference: ?string
    ) -> (payment: Payment)

    # Records a promise to pay amount by promisedOn (YYYY-MM-DD, today to
    # 90 days ahead); it pauses the case and replaces an open promise.
    method AddPromise(tenant: string, debtor: string, amount: string, promisedOn: string, note: ?string) -> (promise: Promise)

    # Creates a payment plan: 1 to 60 instalments, dates increasing from
    # today, summing to the collectible overdue outstanding. It replaces an
    # open promise and an active plan.
    method CreatePlan(tenant: string, debtor: string, instalments: []PlannedInstalment, note: ?string) -> (plan: Plan)

    # Opens a dispute on an invoice (by number) or, without invoice, on the
    # whole debtor: what it covers is not collected until it is resolved.
    method OpenDispute(tenant: string, debtor: string, invoice: ?string, reason: string) -> (dispute: Dispute)

    # Resolves a dispute. resolution: resume (collection goes on) or cancel
    # (the disputed outstanding is written off).
    method ResolveDispute(tenant: string, id: int, resolution: string, note: ?string) -> (dispute: Dispute)

    # Grants a reduction, credit note or write-off on an invoice, at most its
    # outstanding. kind: reduction (default), credit_note or write_off; a
    # write-off without amount writes off the whole outstanding.
    method GrantReduction(tenant: string, invoice: string, amount: ?string, reason: string, kind: ?string) -> (reduction: Reduction)

    # Lists collectors' tasks, earliest deadline first. state: open
    # (default), done, cancelled or all; kind: only tasks of this kind.
    method ListTasks(tenant: string, state: ?string, kind: ?string) -> (tasks: []Task)

    # Completes a task. A call takes reached, reason and next (continue or
    # escalate); an approval takes approve; other kinds take only note.
    method CompleteTask(
      tenant: string,
      id: int,
      reached: ?bool,
      reason: ?string,
      next: ?string,
      approve: ?bool,
      note: ?string
    ) -> (task: Task)

    # Lists the tenant's policies in the order they are tried.
    method ListPolicies(tenant: string) -> (policies: []PolicySummary)

    # Shows one policy and its steps.
    method GetPolicy(tenant: string, name: string) -> (policy: Policy)

    # Creates or replaces a policy and all its steps in one transaction.
    # document: JSON text with snake_case keys (see docs/control-protocol.md).
    method SetPolicy(tenant: string, document: string) -> (policy: Policy, changes: PolicyChanges)

    # Deletes a policy that no case and no debtor uses.
    method DeletePolicy(tenant: string, name: string) -> (name: string)

    # The daemon's metrics in the Prometheus text exposition format (0.0.4),
    # the same text its optional metrics listener serves at /metrics.
    method GetMetrics() -> (text: string)

    # No tenant has this slug.
    error TenantNotFound (slug: string)

    # A tenant with this slug already exists.
    error TenantExists (slug: string)

    # The slug does not match ^[a-z][a-z0-9_]{1,39}$; reason says why.
    error InvalidSlug (slug: string, reason: string)

    # A parameter has a value the daemon does not accept; reason says why.
    error InvalidArgument (field: string, reason: string)

    # The tenant has no action with this id.
    error ActionNotFound (tenant: string, id: int)

    # The action is in a state that does not allow this change.
    error ActionStateConflict (id: int, state: string, reason: string)

    # The daemon cannot reach its database now; retry later.
    error DatabaseUnavailable (reason: string)

    # The peer's user and groups are not allowed to use the control socket.
    error PermissionDenied (uid: int)

    # The tenant has no such thing. what: debtor, invoice, case, dispute,
    # task or policy; key: the reference, number, id or name given.
    error NotFound (tenant: string, what: string, key: string)

    # The database refused the change. reason: why; hint: what to do;
    # code: the SQLSTATE.
    error Refused (reason: string, hint: ?string, code: string)

    # The policy document has problems, each "path: what is wrong".
    error InvalidPolicy (name: string, problems: []string)

    # Cases (open or closed) or debtors use the policy: it cannot be deleted.
    error PolicyInUse (name: string, cases: int, debtors: int)

    # Anything else went wrong; reason says what.
    error Failed (reason: string)

    # How the last reload of the configuration went. at: when; ok: the file
    # was read and applied; error: why it was refused (file, line and what is
    # wrong; the running configuration was kept); needsRestart: changed
    # settings that keep their running value until a restart.
    type ReloadInfo (
      at: string,
      ok: bool,
      error: ?string,
      needsRestart: []string
    )

    # Re-reads the configuration file the daemon was started with (as SIGHUP
    # does) and applies what can change at runtime. applied: settings now in
    # force; needsRestart: changed settings that wait for a restart. A file
    # that does not load is refused with Failed, and the running
    # configuration stays.
    method Reload() -> (applied: []string, needsRestart: []string)

    # Stops claiming new work on this daemon; the actions in flight finish
    # and claimed actions not yet started are given back. Other daemons on
    # the database go on. drained: nothing is left in flight.
    method Drain() -> (draining: bool, inFlight: int, drained: bool)

    # Claims work again after Drain (not while shutting down).
    method Undrain() -> (draining: bool, inFlight: int, drained: bool)

    # Sets the log level until the next reload or restart. level: trace,
    # debug, info, notice, warning, error or critical.
    method SetLogLevel(level: string) -> (level: string, previous: string)

    # Tenant lifecycle: settings with authors, export, drop.

    # Changes a tenant's settings: those given are set, those named in clear
    # (timezone, locale, emailFrom, smtpURL) go back to the daemon's default.
    # The slug and schema never change. Each change is journaled in
    # recouvre.operator_events with its old and new value and the caller.
    # changed: the settings whose value changed.
    method SetTenant(
      slug: string,
      displayName: ?string,
      timezone: ?string,
      locale: ?string,
      emailFrom: ?string,
      smtpURL: ?string,
      clear: ?[]string
    ) -> (tenant: Tenant, changed: []string)

    # What a client needs to dump a tenant with pg_dump under its own
    # credentials: the schema, the database (name, host or socket directory,
    # port; never a user or password), and the tenant's operator settings
    # (channels without secrets) to keep beside the dump.
    type TenantExport (
      schema: string,
      database: string,
      host: ?string,
      port: ?string,
      tenant: Tenant,
      channels: TenantChannels
    )

    # Describes a tenant for an export (recouvrectl tenant export).
    method DescribeTenantExport(slug: string) -> (export: TenantExport)

    # A dropped tenant. discarded: its actions by state, gone with the schema.
    type DroppedTenant (
      slug: string,
      displayName: string,
      schema: string,
      droppedAt: string,
      droppedBy: string,
      discarded: ActionCounts
    )

    # Drops a paused tenant without running actions: its schema and all its
    # data, its settings and channels. confirm must repeat the slug. The
    # tenant's settings (no secrets) stay in recouvre.dropped_tenants, and the
    # drop is journaled with the caller.
    method DropTenant(slug: string, confirm: string) -> (dropped: DroppedTenant)

    # The tenant is not paused, or actions are running; reason says what to do.
    error TenantBusy (slug: string, reason: string)

    # The slug belonged to a tenant dropped at droppedAt by droppedBy.
    error TenantDropped (slug: string, displayName: string, droppedAt: string, droppedBy: string)

    # What one MigrateBatch call did. controlApplied: control-schema
    # migrations applied (by the first call); migrated: tenant schemas
    # brought up to date by this call; remaining: tenant schemas still
    # behind; total: tenants registered.
    type MigrationProgress (
      controlApplied: int,
      migrated: int,
      remaining: int,
      total: int
    )

    # Applies pending control-schema migrations, then migrates up to limit
    # (1 to 1000, default 100) tenant schemas that are behind, by slug. Call
    # it until remaining is 0 to show progress; an interrupted run resumes.
    method MigrateBatch(limit: ?int) -> (progress: MigrationProgress)

    # A column of a report. name: the reporting view's column; title: its
    # heading; unit: text, month, amount, count, days or percent.
    type ReportColumn (name: string, title: string, unit: string)

    # One row of a report: its values in column order, exact decimals as
    # text, null where the view has none (e.g. a share of nothing).
    type ReportRow (values: []?string)

    # A report on a tenant's data, as its reporting view gives it (see
    # docs/reporting.md). asOf: the day the figures are for, tenant zone.
    type Report (
      report: string,
      title: string,
      tenant: string,
      asOf: string,
      columns: []ReportColumn,
      rows: []ReportRow
    )

    # Reads a report: aging (aged balance per currency, on asOf or today),
    # dso (days sales outstanding by the countback method, 12 month ends),
    # funnel (cases that reached each stage and paid after it) or collected
    # (amounts collected per month by the stage that preceded the payment).
    # Only aging takes asOf (YYYY-MM-DD).
    method GetReport(slug: string, report: string, asOf: ?string) -> (report: Report)
    # Bank statements: credits matched to invoices become payments.

    # One credit of a bank file, as recouvrectl read it. entryRef: unique on
    # the account (the bank's reference for the entry); amount: positive, at
    # most 2 decimals; bookedOn, valueOn: YYYY-MM-DD; creditorRef: the
    # structured reference (an invoice number or an ISO 11649 RF reference).
    type BankCreditEntry (
      entryRef: string,
      amount: string,
      currency: string,
      bookedOn: string,
      valueOn: ?string,
      endToEndId: ?string,
      creditorRef: ?string,
      remittance: ?string,
      debtorName: ?string,
      debtorIban: ?string
    )

    # A bank file's account and credits. format: camt.053, camt.054 or
    # cfonb120; account: the creditor's IBAN, without spaces; reference: the
    # statement's own identification.
    type BankStatementEntry (
      format: string,
      account: string,
      reference: string,
      credits: []BankCreditEntry
    )

    # What importing did with one credit. status: matched (a payment was
    # recorded), unmatched (it waits for a person) or already_imported (seen
    # before, left as it was). creditId is null for new credits in a dry run.
    type BankCreditOutcome (
      status: string,
      creditId: ?int,
      entryRef: string,
      amount: string,
      currency: string,
      bookedOn: string,
      invoice: ?string,
      debtor: ?string,
      paymentId: ?int,
      confidence: ?int,
      reason: ?string
    )

    # What one ImportBankStatement call did; statementId is null in a dry run.
    type BankImportSummary (
      statementId: ?int,
      dryRun: bool,
      new: int,
      alreadyImported: int,
      matched: int,
      unmatched: int,
      credits: []BankCreditOutcome
    )

    # Records a statement's credits (at most 100 per call: send a longer one
    # in parts) in one transaction. A credit already stored for the account
    # and entryRef is left as it was. Each new credit is matched against the
    # open invoices: with confidence 90 or more, 10 ahead of the next
    # suggestion, it becomes a payment of the invoice, or of the debtor when
    # it pays several of its invoices named together; else it waits as
    # unmatched with its suggestions. dryRun: match and report, keep nothing.
    method ImportBankStatement(tenant: string, statement: BankStatementEntry, dryRun: ?bool) -> (summary: BankImportSummary)

    # An invoice, or several of one debtor's (invoices), a credit might pay,
    # with the confidence (0 to 100) and the evidence.
    type CreditSuggestion (
      invoice: ?string,
      invoices: []string,
      debtor: string,
      confidence: int,
      reason: string
    )

    # A stored bank credit. state: matched, unmatched, assigned or ignored;
    # paymentId, invoice and debtor: the payment it became, if any.
    type BankCredit (
      id: int,
      statementId: int,
      account: string,
      entryRef: string,
      amount: string,
      currency: string,
      bookedOn: string,
      valueOn: ?string,
      endToEndId: ?string,
      creditorRef: ?string,
      remittance: ?string,
      debtorName: ?string,
      debtorIban: ?string,
      state: string,
      paymentId: ?int,
      invoice: ?string,
      debtor: ?string,
      confidence: ?int,
      reason: ?string,
      suggestions: []CreditSuggestion
    )

    # The credits waiting for a person (at most 500), oldest first.
    method ListUnmatchedCredits(tenant: string) -> (credits: []BankCredit)

    # Records an unmatched or ignored credit as a payment of an invoice (by
    # number) or, given only debtor, of the debtor's oldest open invoices.
    # NotFound names what: credit when the tenant has no such credit.
    method AssignCredit(tenant: string, creditId: int, invoice: ?string, debtor: ?string) -> (credit: BankCredit)

    # Sets an unmatched credit aside: it is not a debtor's payment.
    method IgnoreCredit(tenant: string, creditId: int, reason: ?string) -> (credit: BankCredit)

    """#

    /// The fully qualified name of `member`, e.g. `io.recouvre.Control.GetStatus`.
    public static func qualified(_ member: String) -> String {
        name + "." + member
    }
}
