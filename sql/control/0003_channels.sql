-- How each tenant's steps reach debtors: the creditor's letterhead for letters, where letters
-- go (the spool or a print-and-mail provider's webhook), the webhook and SMS gateway endpoints
-- with their signing secrets, and a rate limit. Then the shared rate buckets that hold limits
-- across several daemons.
--
-- Secrets live here, in the operator schema, which tenants' roles cannot read; the control
-- interface never returns them (it says whether one is set).

CREATE TABLE recouvre.tenant_channels (
    tenant              text PRIMARY KEY
                        CONSTRAINT tenant_channels_tenant_must_exist REFERENCES recouvre.tenants (slug) ON DELETE CASCADE,
    -- The creditor as its letters present it.
    address             text
                        CONSTRAINT tenant_channels_address_not_blank CHECK (btrim(address) <> ''),
    siren               text
                        CONSTRAINT tenant_channels_siren_nine_digits CHECK (siren ~ '^[0-9]{9}$'),
    phone               text
                        CONSTRAINT tenant_channels_phone_format CHECK (phone ~ '^\+?[0-9][0-9 .()-]{4,19}$'),
    iban                text
                        CONSTRAINT tenant_channels_iban_format CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    bic                 text
                        CONSTRAINT tenant_channels_bic_format CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
    signatory           text
                        CONSTRAINT tenant_channels_signatory_not_blank CHECK (btrim(signatory) <> ''),
    -- Where letters go: kept in the daemon's letter spool for the operator, or posted to the
    -- webhook (a print-and-mail provider).
    letter_delivery     text NOT NULL DEFAULT 'spool'
                        CONSTRAINT tenant_channels_letter_delivery_known CHECK (letter_delivery IN ('spool', 'webhook')),
    webhook_url         text
                        CONSTRAINT tenant_channels_webhook_url_https CHECK (webhook_url ~ '^https://[^[:space:]]+$'),
    webhook_secret      text
                        CONSTRAINT tenant_channels_webhook_secret_long_enough CHECK (length(webhook_secret) >= 32),
    sms_url             text
                        CONSTRAINT tenant_channels_sms_url_https CHECK (sms_url ~ '^https://[^[:space:]]+$'),
    sms_secret          text
                        CONSTRAINT tenant_channels_sms_secret_long_enough CHECK (length(sms_secret) >= 32),
    sms_sender          text
                        CONSTRAINT tenant_channels_sms_sender_format CHECK (sms_sender ~ '^([A-Za-z0-9 ]{1,11}|\+?[0-9]{3,15})$'),
    -- Messages (e-mails, SMS, webhooks) this tenant may send per minute, all daemons together;
    -- NULL: no limit of its own.
    messages_per_minute integer
                        CONSTRAINT tenant_channels_rate_positive CHECK (messages_per_minute BETWEEN 1 AND 100000),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenant_channels_webhook_letters_need_an_endpoint
        CHECK (letter_delivery <> 'webhook' OR (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL)),
    CONSTRAINT tenant_channels_webhook_secret_with_its_url CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL)),
    CONSTRAINT tenant_channels_sms_secret_with_its_url CHECK ((sms_url IS NULL) = (sms_secret IS NULL))
);

COMMENT ON TABLE recouvre.tenant_channels IS
    'Per tenant: letterhead, letter delivery (spool or webhook), webhook and SMS endpoints with their secrets, rate limit.';
COMMENT ON COLUMN recouvre.tenant_channels.webhook_secret IS
    'Key of the HMAC-SHA256 signature of webhook requests (docs/channels.md); never returned by the control interface.';

-- Token buckets shared by every daemon: one row per limited thing (`tenant:<slug>`,
-- `relay:<host:port>`). A sender takes a token under the row's lock; when none is left it
-- postpones its action to the moment the next token comes, without using an attempt.
CREATE TABLE recouvre.rate_buckets (
    key          text PRIMARY KEY
                 CONSTRAINT rate_bucket_key_format CHECK (key ~ '^(tenant|relay):.+$'),
    tokens       numeric NOT NULL CONSTRAINT rate_bucket_tokens_not_negative CHECK (tokens >= 0),
    refilled_at  timestamptz NOT NULL
);

COMMENT ON TABLE recouvre.rate_buckets IS
    'Rate limits held across daemons: tokens left and when they were last counted, per tenant or relay.';
