-- File imports (recouvrectl import, docs/imports.md). Debtors and invoices are keyed by
-- their external reference and their number, both unique already; a payment has no natural
-- key, so an import gives each one it records a key of its own, and importing the same file
-- again finds it and records nothing twice.
--
-- The key is the JSON text of ["ref", debtor, reference] when the line gives a reference,
-- else ["line", debtor, invoice, amount, currency, received_on, n], where n counts lines with
-- the same content in the file (the second identical €50 payment of a day is another
-- payment). Payments recorded otherwise (recouvrectl payment record, the SQL API) have none.

ALTER TABLE @schema@.payments
    ADD COLUMN import_key text
        CONSTRAINT payment_import_key_unique UNIQUE;

COMMENT ON COLUMN @schema@.payments.import_key IS
    'What identifies a payment that came from a file import, so that importing the file again adds nothing; NULL otherwise.';
