-- Demo receivables for `make demo`, relative to today, so that every stage of the default
-- policies comes due as soon as the daemon starts. Runs with search_path set to the demo
-- tenant's schema.
--
-- Debtors whose case is already under way (as a creditor moving from another tool would have
-- them) get their case row with the last step done and when; the daemon plans the next step
-- from there:
--   CLI-0001  two overdue invoices           → one reminder e-mail listing both
--   CLI-0002  an invoice due in two days     → the courtesy e-mail
--   CLI-0003  an overdue invoice, in English → a reminder e-mail in English
--   CLI-0004  call done 16 days ago          → formal notice letter, penalties and €40 indemnity
--   CLI-0005  a consumer, call done          → formal notice letter, legal interest, no indemnity
--   CLI-0006  formal notice 16 days ago      → small-claims procedure, held for approval
--   CLI-0007  formal notice, 8 400 €         → agency handoff, held for approval
--   CLI-0008  second reminder 8 days ago     → a call task for a collector
--   CLI-0009  second reminder 5 days ago     → (the demo agrees a payment plan)
--   CLI-0010  one of two invoices disputed   → a reminder listing the other only
--   CLI-0011  small claims 31 days ago       → the court file, held for approval
INSERT INTO debtors (external_ref, name, kind, email, phone, address_line1, postal_code, city, country, locale)
VALUES ('CLI-0001', 'Boulangerie Martin SARL', 'business', 'compta@boulangerie-martin.example', '+33 1 42 00 00 01',
        '12 rue des Lilas', '75019', 'Paris', 'FR', 'fr'),
       ('CLI-0002', 'Atelier Lefèvre & Fils', 'business', 'factures@atelier-lefevre.example', NULL,
        '4 quai du Port', '13002', 'Marseille', 'FR', 'fr'),
       ('CLI-0003', 'Northwind Trading Ltd', 'business', 'accounts@northwind.example', NULL,
        '1 King Street', 'EC2V 8AU', 'London', 'GB', 'en'),
       ('CLI-0004', 'Garage Moreau SARL', 'business', 'garage.moreau@example.fr', '+33 4 78 00 00 04',
        '27 avenue Jean Jaurès', '69007', 'Lyon', 'FR', 'fr'),
       ('CLI-0005', 'Claire Dubois', 'consumer', 'claire.dubois@example.fr', NULL,
        '8 impasse des Tilleuls', '44000', 'Nantes', 'FR', 'fr'),
       ('CLI-0006', 'Transports Petit SAS', 'business', 'comptabilite@transports-petit.example', NULL,
        'ZI des Forges, 3 rue Gutenberg', '59000', 'Lille', 'FR', 'fr'),
       ('CLI-0007', 'Bâtiment Girard SA', 'business', 'direction@batiment-girard.example', NULL,
        '15 boulevard Carnot', '31000', 'Toulouse', 'FR', 'fr'),
       ('CLI-0008', 'Imprimerie Roux', 'business', 'contact@imprimerie-roux.example', '+33 5 56 00 00 08',
        '2 cours Victor Hugo', '33000', 'Bordeaux', 'FR', 'fr'),
       ('CLI-0009', 'Café du Port', 'business', 'cafeduport@example.fr', '+33 2 98 00 00 09',
        '1 quai de la Douane', '29200', 'Brest', 'FR', 'fr'),
       ('CLI-0010', 'Menuiserie Blanc', 'business', 'menuiserie.blanc@example.fr', NULL,
        '6 chemin des Vignes', '21000', 'Dijon', 'FR', 'fr'),
       ('CLI-0011', 'Plomberie Lambert EURL', 'business', 'plomberie.lambert@example.fr', NULL,
        '40 rue Nationale', '37000', 'Tours', 'FR', 'fr');

INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
SELECT d.id, v.number, current_date - v.age - 30, current_date - v.age, v.amount
FROM (VALUES ('CLI-0001', 'FA-2026-0412', 12, 1250.40),
             ('CLI-0001', 'FA-2026-0437', 5, 318.00),
             ('CLI-0002', 'FA-2026-0398', -2, 4890.00),
             ('CLI-0003', 'FA-2026-0420', 9, 2100.00),
             ('CLI-0003', 'FA-2026-0501', -10, 760.00),
             ('CLI-0004', 'FA-2026-0288', 47, 2480.00),
             ('CLI-0005', 'FA-2026-0301', 52, 640.00),
             ('CLI-0006', 'FA-2026-0215', 62, 3200.00),
             ('CLI-0007', 'FA-2026-0208', 62, 8400.00),
             ('CLI-0008', 'FA-2026-0350', 25, 1100.00),
             ('CLI-0009', 'FA-2026-0362', 20, 900.00),
             ('CLI-0010', 'FA-2026-0391', 15, 1480.00),
             ('CLI-0010', 'FA-2026-0402', 10, 265.50),
             ('CLI-0011', 'FA-2026-0120', 95, 4100.00)) AS v (ref, number, age, amount)
JOIN debtors d ON d.external_ref = v.ref;

-- Cases already under way: the last step done (position and stage of the default policy) and
-- how many days ago.
INSERT INTO cases (debtor_id, policy, position, stage, last_step_at, opened_at, formal_notice_on)
SELECT d.id, v.policy, v.position, v.stage, now() - make_interval(days => v.days_ago),
       now() - make_interval(days => v.opened_days_ago),
       CASE WHEN v.position >= 5 THEN current_date - v.notice_days_ago END
FROM (VALUES ('CLI-0004', 'business', 4, 'call', 16, 46, NULL),
             ('CLI-0005', 'consumer', 4, 'call', 16, 51, NULL),
             ('CLI-0006', 'business', 5, 'formal_notice', 16, 61, 16),
             ('CLI-0007', 'business', 5, 'formal_notice', 16, 61, 16),
             ('CLI-0008', 'business', 3, 'reminder', 8, 24, NULL),
             ('CLI-0009', 'business', 3, 'reminder', 5, 19, NULL),
             ('CLI-0011', 'business', 6, 'small_claims', 31, 94, 50)) AS v (ref, policy, position, stage, days_ago,
                                                                          opened_days_ago, notice_days_ago)
JOIN debtors d ON d.external_ref = v.ref;

-- The formal notices already given, in the journal (a consumer's legal interest runs from it).
INSERT INTO events (kind, debtor_id, occurred_at, actor, detail)
SELECT 'formal_notice_sent', c.debtor_id, c.formal_notice_on::timestamptz + interval '9 hours', 'demo',
       jsonb_build_object('case_id', c.id, 'imported', true)
FROM cases c WHERE c.formal_notice_on IS NOT NULL;

-- Menuiserie Blanc disputes one invoice: it is left out of the reminders until resolved.
SELECT open_dispute(d.id, i.id, 'Livraison incomplète : deux portes manquantes', 'demo')
FROM debtors d JOIN invoices i ON i.debtor_id = d.id
WHERE d.external_ref = 'CLI-0010' AND i.number = 'FA-2026-0391';
