-- The statutory rates by half-year that the legal engine applies: the ECB main refinancing
-- rate in force on 1 January or 1 July (C. com. L441-10 II: penalty rate = ECB + 10 points)
-- and the two *taux d'intérêt légal* published by arrêté for the half-year (creditor a consumer,
-- and other cases). It ships the published values, the same as `LegalRateTable.published` in
-- RecouvreCore; ops add each new half-year with a plain INSERT when it is published, e.g.
--
--   INSERT INTO recouvre.legal_rates
--       (half_year_start, ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases, source)
--   VALUES ('2026-07-01', 2.000, 6.500, 2.500, 'ECB MRO in force on 1 July 2026; arrêté fixing the legal rate for H2 2026');
--
-- Until then, tenant claim statements carry the latest earlier half-year forward and flag it.

CREATE TABLE recouvre.legal_rates (
    half_year_start               date PRIMARY KEY
                                  CONSTRAINT legal_rates_half_year_starts_1_january_or_1_july
                                  CHECK (extract(day FROM half_year_start) = 1
                                         AND extract(month FROM half_year_start) IN (1, 7)),
    ecb_rate                      numeric(6, 3) NOT NULL
                                  CONSTRAINT legal_rates_ecb_rate_sane CHECK (ecb_rate > -10 AND ecb_rate < 50),
    legal_rate_consumer_creditor  numeric(6, 3) NOT NULL
                                  CONSTRAINT legal_rates_consumer_creditor_rate_sane
                                  CHECK (legal_rate_consumer_creditor > 0 AND legal_rate_consumer_creditor < 50),
    legal_rate_other_cases        numeric(6, 3) NOT NULL
                                  CONSTRAINT legal_rates_other_cases_rate_sane
                                  CHECK (legal_rate_other_cases > 0 AND legal_rate_other_cases < 50),
    source                        text NOT NULL
                                  CONSTRAINT legal_rates_source_not_blank CHECK (btrim(source) <> ''),
    created_at                    timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE recouvre.legal_rates IS
    'Statutory rates per half-year, in percent. Ops INSERT a row for each new half-year when published.';
COMMENT ON COLUMN recouvre.legal_rates.half_year_start IS
    '1 January (January–June) or 1 July (July–December).';
COMMENT ON COLUMN recouvre.legal_rates.ecb_rate IS
    'ECB main refinancing rate in force on half_year_start; the default penalty rate is this + 10 points (C. com. L441-10 II).';
COMMENT ON COLUMN recouvre.legal_rates.legal_rate_consumer_creditor IS
    'Taux d''intérêt légal when the creditor is a natural person not acting for business.';
COMMENT ON COLUMN recouvre.legal_rates.legal_rate_other_cases IS
    'Taux d''intérêt légal in all other cases: consumer interest (C. civ. 1231-6) and, times 3, the floor of a contractual penalty rate.';
COMMENT ON COLUMN recouvre.legal_rates.source IS 'Where the figures come from (ECB decision, arrêté).';

INSERT INTO recouvre.legal_rates
    (half_year_start, ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases, source)
VALUES
    ('2024-01-01', 4.500, 8.010, 5.070, 'ECB MRO in force on 1 January 2024; arrêté fixing the legal rate for H1 2024'),
    ('2024-07-01', 4.250, 8.160, 4.920, 'ECB MRO in force on 1 July 2024 (decision of 12 June 2024); arrêté fixing the legal rate for H2 2024'),
    ('2025-01-01', 3.150, 7.210, 3.710, 'ECB MRO in force on 1 January 2025 (decision of 18 December 2024); arrêté fixing the legal rate for H1 2025'),
    ('2025-07-01', 2.150, 6.650, 2.760, 'ECB MRO in force on 1 July 2025 (decision of 11 June 2025); arrêté fixing the legal rate for H2 2025'),
    ('2026-01-01', 2.150, 6.670, 2.620, 'ECB MRO in force on 1 January 2026; arrêté fixing the legal rate for H1 2026');
