-- The IBANs a debtor pays from (debtor_ibans, 0008) help match bank credits; an integration
-- that knows them from the creditor's books may record them, so the writer role may add and
-- remove them. Bank statements and credits stay the daemon's: the writer only reads them.

DO $grant$
BEGIN
    EXECUTE format('GRANT INSERT, DELETE ON @schema@.debtor_ibans TO %I', recouvre.tenant_role(@slug@, 'writer'));
END
$grant$;
