-- The published rates of every half-year from H1 2015 (the first half-year with two
-- *taux d'intérêt légal*, ordonnance n° 2014-947 of 20 August 2014) to H2 2023, so that claims
-- on invoices due before 2024 (still ordinary in collections, and every business invoice
-- near prescription) have their rates. The same rows are in `LegalRateTable.published`.
--
-- ECB rate: the main refinancing operations rate in force on 1 January or 1 July, with the
-- date the change that set it took effect (10 September 2014: 0.05 %; 16 March 2016: 0.00 %;
-- 21 December 2022: 2.50 %; 21 June 2023: 4.00 %). Legal rates: the arrêté fixing them for
-- the half-year (creditor a natural person not acting for business / all other cases).

INSERT INTO recouvre.legal_rates
    (half_year_start, ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases, source)
VALUES
    ('2015-01-01', 0.050, 4.060, 0.930, 'ECB MRO 0.05 % with effect from 10 September 2014; arrêté of 23 December 2014 fixing the legal rate for H1 2015 (JO of 27 December 2014)'),
    ('2015-07-01', 0.050, 4.290, 0.990, 'ECB MRO 0.05 % with effect from 10 September 2014; arrêté of 24 June 2015 fixing the legal rate for H2 2015'),
    ('2016-01-01', 0.050, 4.540, 1.010, 'ECB MRO 0.05 % with effect from 10 September 2014 (unchanged on 9 December 2015); arrêté of 23 December 2015 fixing the legal rate for H1 2016 (JO of 27 December 2015)'),
    ('2016-07-01', 0.000, 4.350, 0.930, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 24 June 2016 fixing the legal rate for H2 2016 (JO of 26 June 2016)'),
    ('2017-01-01', 0.000, 4.160, 0.900, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 29 December 2016 fixing the legal rate for H1 2017'),
    ('2017-07-01', 0.000, 3.940, 0.900, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 26 June 2017 fixing the legal rate for H2 2017 (JO of 30 June 2017)'),
    ('2018-01-01', 0.000, 3.730, 0.890, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 28 December 2017 fixing the legal rate for H1 2018'),
    ('2018-07-01', 0.000, 3.600, 0.880, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 27 June 2018 fixing the legal rate for H2 2018 (JO of 28 June 2018)'),
    ('2019-01-01', 0.000, 3.400, 0.860, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 21 December 2018 fixing the legal rate for H1 2019 (JO of 30 December 2018)'),
    ('2019-07-01', 0.000, 3.260, 0.870, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 26 June 2019 fixing the legal rate for H2 2019'),
    ('2020-01-01', 0.000, 3.150, 0.870, 'ECB MRO 0.00 % with effect from 16 March 2016 (unchanged on 18 September 2019); arrêté of 23 December 2019 fixing the legal rate for H1 2020'),
    ('2020-07-01', 0.000, 3.110, 0.840, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 15 June 2020 fixing the legal rate for H2 2020 (JO of 18 June 2020)'),
    ('2021-01-01', 0.000, 3.140, 0.790, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 21 December 2020 fixing the legal rate for H1 2021'),
    ('2021-07-01', 0.000, 3.120, 0.760, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 16 June 2021 fixing the legal rate for H2 2021 (JO of 25 June 2021)'),
    ('2022-01-01', 0.000, 3.130, 0.760, 'ECB MRO 0.00 % with effect from 16 March 2016; arrêté of 26 December 2021 fixing the legal rate for H1 2022 (JO of 28 December 2021)'),
    ('2022-07-01', 0.000, 3.150, 0.770, 'ECB MRO 0.00 % with effect from 16 March 2016 (the rise to 0.50 % took effect on 27 July 2022); arrêté of 27 June 2022 fixing the legal rate for H2 2022'),
    ('2023-01-01', 2.500, 4.470, 2.060, 'ECB MRO 2.50 % with effect from 21 December 2022; arrêté of 26 December 2022 fixing the legal rate for H1 2023'),
    ('2023-07-01', 4.000, 6.820, 4.220, 'ECB MRO 4.00 % with effect from 21 June 2023; arrêté of 27 June 2023 fixing the legal rate for H2 2023 (JO of 30 June 2023)')
-- A half-year ops already entered by hand keeps their row: the upgrade must not stop on it.
ON CONFLICT (half_year_start) DO NOTHING;
