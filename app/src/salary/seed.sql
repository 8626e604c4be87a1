-- Default data for the salary estimator. Every figure is labelled by its
-- source's kind: `published` (with publisher and year), `illustrative`
-- (our round estimate) or `article_claim` (the seed article's unsourced
-- numbers, shown as its claims).

INSERT INTO salary_sources (slug, title, publisher, url, year, kind, note) VALUES
('bls-software-developers-2023',
 'Occupational Outlook Handbook: Software Developers (median pay, May 2023)',
 'US Bureau of Labor Statistics', 'https://www.bls.gov/ooh/computer-and-information-technology/software-developers.htm',
 2023, 'published',
 'The median annual wage of US software developers was $132,270 in May 2023, across all experience levels. BLS counts back-end developers among software and web developers. Only the median is a BLS figure here.'),
('backline-illustrative-2026',
 'Backline illustrative estimates', 'Backline', NULL, 2026, 'illustrative',
 'Round figures in line with public salary surveys and job ads, not measured from a sample. Treat them as a starting point and replace them with published data when it exists.'),
('seed-article-claims',
 'Back-end developer: everything you should know (the article this site started from)',
 'Seed article, no source given', NULL, 2024, 'article_claim',
 'The article states these premiums (Linux +91 %, Python +77 %, JavaScript +23 %, Node.js +11 %, MySQL +9 %) without saying where they come from. They are shown as its claims and combined with diminishing returns and a cap.'),
('approximate-fx-2026',
 'Approximate exchange rates, 1 January 2026', 'Backline', NULL, 2026, 'illustrative',
 'Rounded market reference rates for converting between currencies; good enough to compare, not to invoice.');

-- Countries first, then their cities (a city's parent is its country).
-- The US median is BLS's; its p25 and p75, and every other figure, are
-- illustrative: p25 ≈ median × 0.77 and p75 ≈ median × 1.27 unless noted.
INSERT INTO salary_locations
    (slug, name, country, country_code, is_city, currency, parent, p25, median, p75, figures_year, sample_size, basis, source, position)
VALUES
('united-states', 'United States', 'United States', 'US', false, 'USD', NULL, 101850, 132270, 167980, 2023, NULL,
 'Median: BLS, US software developers, May 2023, all experience levels. p25 and p75: an illustrative spread around it (×0.77 and ×1.27), not BLS figures.',
 'bls-software-developers-2023', 1),
('united-kingdom', 'United Kingdom', 'United Kingdom', 'GB', false, 'GBP', NULL, 45000, 57000, 72000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 2),
('germany', 'Germany', 'Germany', 'DE', false, 'EUR', NULL, 52000, 63000, 76000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 3),
('netherlands', 'Netherlands', 'Netherlands', 'NL', false, 'EUR', NULL, 46000, 58000, 72000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 4),
('france', 'France', 'France', 'FR', false, 'EUR', NULL, 40000, 48000, 58000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 5),
('spain', 'Spain', 'Spain', 'ES', false, 'EUR', NULL, 30000, 38000, 48000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 6),
('portugal', 'Portugal', 'Portugal', 'PT', false, 'EUR', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 7),
('poland', 'Poland', 'Poland', 'PL', false, 'PLN', NULL, 144000, 192000, 252000, 2026, NULL, 'Illustrative estimate for the whole country, employment contracts.', 'backline-illustrative-2026', 8),
('switzerland', 'Switzerland', 'Switzerland', 'CH', false, 'CHF', NULL, 100000, 115000, 132000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 9),
('india', 'India', 'India', 'IN', false, 'INR', NULL, 600000, 1000000, 1600000, 2026, NULL, 'Illustrative estimate for the whole country; the spread is wider than elsewhere.', 'backline-illustrative-2026', 10),
('canada', 'Canada', 'Canada', 'CA', false, 'CAD', NULL, 80000, 98000, 120000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 11),
('australia', 'Australia', 'Australia', 'AU', false, 'AUD', NULL, 100000, 125000, 150000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 12),
('singapore', 'Singapore', 'Singapore', 'SG', false, 'SGD', NULL, 66000, 90000, 120000, 2026, NULL, 'Illustrative estimate for the city state.', 'backline-illustrative-2026', 13),
('brazil', 'Brazil', 'Brazil', 'BR', false, 'BRL', NULL, 84000, 132000, 204000, 2026, NULL, 'Illustrative estimate for the whole country, employment contracts.', 'backline-illustrative-2026', 14),
('japan', 'Japan', 'Japan', 'JP', false, 'JPY', NULL, 5500000, 7000000, 9000000, 2026, NULL, 'Illustrative estimate for the whole country.', 'backline-illustrative-2026', 15),
('new-york', 'New York', 'United States', 'US', true, 'USD', 'united-states', 115000, 150000, 190000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 20),
('san-francisco', 'San Francisco', 'United States', 'US', true, 'USD', 'united-states', 135000, 170000, 210000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 21),
('austin', 'Austin', 'United States', 'US', true, 'USD', 'united-states', 100000, 130000, 162000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 22),
('seattle', 'Seattle', 'United States', 'US', true, 'USD', 'united-states', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 23),
('london', 'London', 'United Kingdom', 'GB', true, 'GBP', 'united-kingdom', 55000, 70000, 88000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 24),
('manchester', 'Manchester', 'United Kingdom', 'GB', true, 'GBP', 'united-kingdom', 45000, 55000, 68000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 25),
('berlin', 'Berlin', 'Germany', 'DE', true, 'EUR', 'germany', 55000, 66000, 80000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 26),
('munich', 'Munich', 'Germany', 'DE', true, 'EUR', 'germany', 60000, 72000, 86000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 27),
('amsterdam', 'Amsterdam', 'Netherlands', 'NL', true, 'EUR', 'netherlands', 50000, 62000, 78000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 28),
('paris', 'Paris', 'France', 'FR', true, 'EUR', 'france', 45000, 55000, 66000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 29),
('madrid', 'Madrid', 'Spain', 'ES', true, 'EUR', 'spain', 33000, 42000, 52000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 30),
('lisbon', 'Lisbon', 'Portugal', 'PT', true, 'EUR', 'portugal', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 31),
('warsaw', 'Warsaw', 'Poland', 'PL', true, 'PLN', 'poland', 168000, 216000, 276000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 32),
('krakow', 'Kraków', 'Poland', 'PL', true, 'PLN', 'poland', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 33),
('zurich', 'Zurich', 'Switzerland', 'CH', true, 'CHF', 'switzerland', 105000, 120000, 140000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 34),
('bangalore', 'Bangalore', 'India', 'IN', true, 'INR', 'india', 800000, 1300000, 2000000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 35),
('pune', 'Pune', 'India', 'IN', true, 'INR', 'india', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 36),
('toronto', 'Toronto', 'Canada', 'CA', true, 'CAD', 'canada', 85000, 103000, 125000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 37),
('sydney', 'Sydney', 'Australia', 'AU', true, 'AUD', 'australia', 110000, 135000, 160000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 38),
('sao-paulo', 'São Paulo', 'Brazil', 'BR', true, 'BRL', 'brazil', 96000, 150000, 228000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 39),
('tokyo', 'Tokyo', 'Japan', 'JP', true, 'JPY', 'japan', 6000000, 7600000, 9800000, 2026, NULL, 'Illustrative estimate for the city.', 'backline-illustrative-2026', 40);

-- The location figures span all experience levels; the curve puts their
-- median at about 5 years, rises quickly early on, and levels off at 20.
INSERT INTO salary_experience (years, multiplier, source)
SELECT years, multiplier, 'backline-illustrative-2026'
FROM (VALUES
    (0, 0.68), (1, 0.74), (2, 0.80), (3, 0.87), (4, 0.94), (5, 1.00),
    (6, 1.05), (7, 1.09), (8, 1.13), (9, 1.16), (10, 1.19), (11, 1.21),
    (12, 1.23), (13, 1.25), (14, 1.265), (15, 1.28), (16, 1.285), (17, 1.29),
    (18, 1.295), (19, 1.30), (20, 1.30)
) AS curve (years, multiplier);

INSERT INTO salary_skill_premiums (skill, premium, source, position) VALUES
('linux',      0.91, 'seed-article-claims', 1),
('python',     0.77, 'seed-article-claims', 2),
('javascript', 0.23, 'seed-article-claims', 3),
('nodejs',     0.11, 'seed-article-claims', 4),
('mysql',      0.09, 'seed-article-claims', 5),
('go',         0.08, 'backline-illustrative-2026', 6),
('rust',       0.08, 'backline-illustrative-2026', 7),
('aws',        0.07, 'backline-illustrative-2026', 8),
('docker',     0.05, 'backline-illustrative-2026', 9),
('security',   0.05, 'backline-illustrative-2026', 10),
('java',       0.04, 'backline-illustrative-2026', 11),
('postgresql', 0.04, 'backline-illustrative-2026', 12),
('sql',        0.03, 'backline-illustrative-2026', 13),
('testing',    0.03, 'backline-illustrative-2026', 14),
('http-apis',  0.02, 'backline-illustrative-2026', 15),
('git',        0.01, 'backline-illustrative-2026', 16);

INSERT INTO salary_employment_adjustments (employment, multiplier, note, source) VALUES
('employee',  1.00, 'The reference: a permanent employment contract.', 'backline-illustrative-2026'),
('freelance', 1.25, 'Freelancers bill more, but pay their own holidays, pension and the gaps between contracts out of it.', 'backline-illustrative-2026'),
('agency',    1.10, 'Contractors placed by an agency, after the agency''s margin.', 'backline-illustrative-2026'),
('temporary', 0.95, 'Fixed-term contracts, which often pay a little less and carry fewer benefits.', 'backline-illustrative-2026');
