-- Bank statements imported (camt.053/054, CFONB 120) and the credits they carried, each
-- matched to an invoice or debtor (a payment is then recorded), left unmatched for a person,
-- assigned by one, or ignored. A credit is unique per account and bank entry reference, so
-- importing a statement again records nothing twice.

CREATE TABLE @schema@.bank_statements (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format        text NOT NULL
                  CONSTRAINT bank_statement_format_known CHECK (format IN ('camt.053', 'camt.054', 'cfonb120')),
    account_iban  text NOT NULL
                  CONSTRAINT bank_statement_account_format CHECK (account_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    reference     text NOT NULL
                  CONSTRAINT bank_statement_reference_not_blank CHECK (btrim(reference) <> ''),
    imported_at   timestamptz NOT NULL DEFAULT now(),
    imported_by   text NOT NULL DEFAULT current_user,
    CONSTRAINT bank_statement_unique UNIQUE (account_iban, reference)
);

COMMENT ON TABLE @schema@.bank_statements IS
    'A bank file imported: its account and the statement''s own identification. Imported again, it is the same row.';

CREATE TABLE @schema@.bank_credits (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    statement_id     bigint NOT NULL
                     CONSTRAINT bank_credit_statement_must_exist REFERENCES @schema@.bank_statements (id),
    account_iban     text NOT NULL,
    entry_ref        text NOT NULL
                     CONSTRAINT bank_credit_entry_ref_not_blank CHECK (btrim(entry_ref) <> ''),
    amount           numeric(14, 2) NOT NULL
                     CONSTRAINT bank_credit_amount_positive CHECK (amount > 0),
    currency         text NOT NULL
                     CONSTRAINT bank_credit_currency_iso4217 CHECK (recouvre.is_currency(currency)),
    booked_on        date NOT NULL,
    value_on         date,
    end_to_end_id    text,
    creditor_ref     text,
    remittance       text,
    debtor_name      text,
    debtor_iban      text,
    state            text NOT NULL DEFAULT 'unmatched'
                     CONSTRAINT bank_credit_state_known CHECK (state IN ('matched', 'unmatched', 'assigned', 'ignored')),
    payment_id       bigint
                     CONSTRAINT bank_credit_payment_must_exist REFERENCES @schema@.payments (id),
    confidence       integer
                     CONSTRAINT bank_credit_confidence_range CHECK (confidence BETWEEN 0 AND 100),
    reason           text,
    suggestions      jsonb NOT NULL DEFAULT '[]'
                     CONSTRAINT bank_credit_suggestions_array CHECK (jsonb_typeof(suggestions) = 'array'),
    decided_by       text,
    decided_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- Re-importing never doubles a credit.
    CONSTRAINT bank_credit_entry_unique UNIQUE (account_iban, entry_ref),
    -- Matched and assigned credits became a payment; the others did not.
    CONSTRAINT bank_credit_payment_when_paid
        CHECK ((state IN ('matched', 'assigned')) = (payment_id IS NOT NULL)),
    CONSTRAINT bank_credit_one_payment UNIQUE (payment_id)
);

CREATE INDEX bank_credits_unmatched ON @schema@.bank_credits (booked_on, id) WHERE state = 'unmatched';
CREATE INDEX bank_credits_statement ON @schema@.bank_credits (statement_id);

COMMENT ON TABLE @schema@.bank_credits IS
    'Money received on the creditor''s account as the bank reported it. matched: recorded as a payment automatically '
    '(confidence and reason say why); unmatched: waits for a person (suggestions, best first); assigned: a person '
    'named the invoice or debtor and a payment was recorded; ignored: not a debtor''s payment.';
COMMENT ON COLUMN @schema@.bank_credits.suggestions IS
    'Array of {invoice, invoices, debtor, confidence, reason}, most confident first.';

-- The IBANs debtors paid from: learnt from matched and assigned credits (an integration may
-- add known ones); a credit from a known IBAN is more surely the debtor's.
CREATE TABLE @schema@.debtor_ibans (
    debtor_id   bigint NOT NULL
                CONSTRAINT debtor_iban_debtor_must_exist REFERENCES @schema@.debtors (id),
    iban        text NOT NULL
                CONSTRAINT debtor_iban_format CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    first_seen  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debtor_id, iban)
);

CREATE INDEX debtor_ibans_iban ON @schema@.debtor_ibans (iban);
