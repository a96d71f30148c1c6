-- The collection agency a tenant hands its files to at the procedure's agency stage
-- (`agency_handoff`). Its letter to the debtor (CPCE R124-4) names the agency, its address and
-- how to pay it: the agency's own account, since the debtor pays the agency. All nullable: a
-- tenant without an agency still opens the handoff task, and the step says why no letter was
-- produced. The checks are those of the tenant's own letterhead.

ALTER TABLE recouvre.tenant_channels
    ADD COLUMN agency_name      text
        CONSTRAINT tenant_channels_agency_name_not_blank CHECK (btrim(agency_name) <> ''),
    ADD COLUMN agency_address   text
        CONSTRAINT tenant_channels_agency_address_not_blank CHECK (btrim(agency_address) <> ''),
    ADD COLUMN agency_siren     text
        CONSTRAINT tenant_channels_agency_siren_nine_digits CHECK (agency_siren ~ '^[0-9]{9}$'),
    ADD COLUMN agency_phone     text
        CONSTRAINT tenant_channels_agency_phone_format CHECK (agency_phone ~ '^\+?[0-9][0-9 .()-]{4,19}$'),
    ADD COLUMN agency_email     text
        CONSTRAINT tenant_channels_agency_email_format CHECK (recouvre.is_email(agency_email)),
    ADD COLUMN agency_iban      text
        CONSTRAINT tenant_channels_agency_iban_format CHECK (agency_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    ADD COLUMN agency_bic       text
        CONSTRAINT tenant_channels_agency_bic_format CHECK (agency_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
    ADD COLUMN agency_signatory text
        CONSTRAINT tenant_channels_agency_signatory_not_blank CHECK (btrim(agency_signatory) <> '');

COMMENT ON COLUMN recouvre.tenant_channels.agency_name IS
    'The collection agency the tenant hands files to; with agency_address and agency_iban, the agency step produces its R124-4 letter.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_address IS
    'The agency''s postal address, lines separated by newlines; it heads the agency letter.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_siren IS
    'The agency''s SIREN (nine digits), at the foot of its letter.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_phone IS
    'A number the debtor may call at the agency.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_email IS
    'An address the debtor may write to at the agency.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_iban IS
    'The account the debtor pays the agency on (R124-4 requires how to pay), without spaces, check digits verified by recouvrectl.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_bic IS
    'The BIC of the agency''s account.';
COMMENT ON COLUMN recouvre.tenant_channels.agency_signatory IS
    'Who signs the agency letter; the agency''s name when empty.';
