-- Demo receivables for `make demo`: three debtors, overdue invoices relative to today.
-- Runs with search_path set to the demo tenant's schema.
INSERT INTO debtors (external_ref, name, kind, email, phone, address_line1, postal_code, city, locale)
VALUES ('CLI-0001', 'Boulangerie Martin SARL', 'business', 'compta@boulangerie-martin.example', '+33 1 42 00 00 01',
        '12 rue des Lilas', '75019', 'Paris', 'fr'),
       ('CLI-0002', 'Atelier Lefèvre & Fils', 'business', 'factures@atelier-lefevre.example', NULL,
        '4 quai du Port', '13002', 'Marseille', 'fr'),
       ('CLI-0003', 'Northwind Trading Ltd', 'business', 'accounts@northwind.example', NULL,
        '1 King Street', 'EC2V 8AU', 'London', 'en');

INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
SELECT d.id, v.number, current_date - v.age - 30, current_date - v.age, v.amount
FROM (VALUES ('CLI-0001', 'FA-2026-0412', 12, 1250.40),
             ('CLI-0001', 'FA-2026-0437', 5, 318.00),
             ('CLI-0002', 'FA-2026-0398', 20, 4890.00),
             ('CLI-0003', 'FA-2026-0420', 9, 2100.00),
             ('CLI-0003', 'FA-2026-0501', -10, 760.00)) AS v (ref, number, age, amount)
JOIN debtors d ON d.external_ref = v.ref;
