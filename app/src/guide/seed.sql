-- The guide's content, written for Backline. Loaded once into an empty database.

INSERT INTO guide_sections (slug, position, title, summary, paragraphs, points, includes) VALUES
('what-they-do', 1, 'What a back-end developer does',
 'They build the part of an application that runs on servers: the data, the rules, and the interfaces the screen talks to.',
 ARRAY[
  'Every time you sign in, pay a bill or check a balance, a request leaves your browser and reaches code you never see. That code works out who you are, fetches your records and nobody else''s, applies the business rules, and sends an answer back. Writing and running that code is back-end development.',
  'Back-end developers design databases and the queries that read and change them, build the APIs that web and mobile front ends call, and keep those services fast, secure and available, on their own servers, in the cloud, or both.',
  'Hitting the button on a booking form is a good example: the back end checks the details, stores them, makes sure two people cannot take the same slot, and sends the confirmation. When it is done well, nobody notices it at all.',
  'The work starts with people rather than code: understanding what a business needs and what constrains it, then turning that into services that are clearly written, documented and tested.'
 ],
 ARRAY[]::text[], NULL),
('responsibilities', 2, 'Responsibilities',
 'What a typical role asks of you, from the first design to the service in production.',
 ARRAY[
  'Job descriptions differ in the details, but most back-end roles share the same core.'
 ],
 ARRAY[
  'Take part in the whole life of an application: design, build, release and maintenance.',
  'Write clear, tested code, and debug it when it misbehaves.',
  'Design data models and keep stored data correct, consistent and safe.',
  'Agree on APIs with front-end developers, and document them.',
  'Turn business needs into technical requirements, and explain the trade-offs.',
  'Measure and improve performance, and test the interfaces others depend on.',
  'Work in one team with designers, other developers and system administrators.',
  'Help and teach colleagues, and review each other''s work.',
  'Follow new tools and practices, and adopt the ones that earn their place.'
 ], NULL),
('getting-qualified', 3, 'Education and certificates',
 'A degree helps, but it is not the only way in.',
 ARRAY[
  'Many employers ask for a degree in computer science or a related field; a few prefer a master''s for specialised roles. Coding bootcamps have become a recognised alternative for people who come from other careers.',
  'What every employer looks for is evidence that you can work with databases, at least one server-side language and a Unix-like system. Typical wishes in job offers are SQL, Python, experience with an enterprise database, and comfort on the Linux command line.',
  'Certificates exist for most languages, databases and cloud platforms. They are rarely required, but they can make a CV stand out, especially early in a career.'
 ],
 ARRAY[]::text[], NULL),
('skills', 4, 'Skills you need',
 'Technical depth, and the habits that make a team work.',
 ARRAY[
  'The technical core is one server-side language, SQL with at least one database, the Linux command line, and a working knowledge of how the web works: HTTP, APIs and authentication.',
  'Around that core sit the skills that decide whether good code is any use to others: explaining technical ideas to people with less experience, juggling several tasks without dropping any, and checking details before they turn into bugs.'
 ],
 ARRAY[]::text[], 'skills'),
('roadmap', 5, 'A seven-step roadmap',
 'From first principles to a service of your own running in the cloud.',
 ARRAY[
  'There is no single path, but these seven steps, in this order, cover what employers expect from a junior back-end developer. Tick them off as you go: your progress is kept in this browser only.'
 ],
 ARRAY[]::text[], 'roadmap'),
('pay', 6, 'What moves pay',
 'Location, experience and skills, and why a single number misleads.',
 ARRAY[
  'Location matters most. Technology hubs have more openings and pay more, and they also cost more to live in. Remote roles are often paid by the employer''s location bands rather than yours.',
  'Experience raises pay fastest in the first years and more slowly later on. The step from junior to mid level is usually the largest single rise.',
  'Some skills are scarce enough to earn a premium. Claims found online, such as Linux adding 91 % or Python 77 %, rarely name a source, and premiums do not simply add up: five skills never add up to doubling a salary. Our salary estimator shows a range, names its sources, and says when it does not know.',
  'Demand looks set to stay. The US Bureau of Labor Statistics counts back-end developers among web developers, an occupation it expects to keep growing, because every organisation with an online presence needs people to build and run what sits behind it.'
 ],
 ARRAY[]::text[], NULL);

INSERT INTO skills (slug, name, category, blurb, position) VALUES
('linux',          'Linux',               'platform', 'Most servers run it. Knowing the shell, processes, files and permissions is expected.', 1),
('python',         'Python',              'language', 'Readable and everywhere: web services, data processing, automation and scripting.', 2),
('javascript',     'JavaScript',          'language', 'The language of the browser, and of many servers too.', 3),
('nodejs',         'Node.js',             'platform', 'Runs JavaScript on the server; well suited to APIs that mostly wait on other services.', 4),
('mysql',          'MySQL',               'database', 'A widely deployed open-source relational database.', 5),
('sql',            'SQL',                 'language', 'The language of relational databases: queries, joins, transactions and constraints.', 6),
('postgresql',     'PostgreSQL',          'database', 'A feature-rich open-source relational database, popular for new projects.', 7),
('java',           'Java',                'language', 'A mainstay of large companies, banks and enterprise systems.', 8),
('go',             'Go',                  'language', 'A small, fast language built for network services.', 9),
('rust',           'Rust',                'language', 'Fast and memory-safe; used where performance and reliability matter most.', 10),
('http-apis',      'HTTP and APIs',       'practice', 'How requests, responses, status codes, REST and JSON fit together.', 11),
('git',            'Git',                 'practice', 'Version control: branches, reviews and a history you can trust.', 12),
('testing',        'Automated testing',   'practice', 'Unit and integration tests that let a team change code without fear.', 13),
('security',       'Web security',        'practice', 'Authentication, authorisation and the common attacks, and how to prevent them.', 14),
('docker',         'Containers',          'platform', 'Packaging a service with everything it needs so it runs the same everywhere.', 15),
('aws',            'Cloud hosting (AWS)', 'platform', 'Running services on a cloud provider: servers, storage, databases and networks.', 16),
('communication',  'Communication',       'people',   'Explaining technical ideas to colleagues and clients who know less about them.', 17),
('organisation',   'Organisation',        'people',   'Keeping several tasks moving, prioritising, and managing your time.', 18),
('attention',      'Attention to detail', 'people',   'Catching the small mistakes in code, data and procedures before users do.', 19),
('problem-solving','Problem solving',     'people',   'Breaking a vague problem into steps you can test one at a time.', 20);

INSERT INTO roadmap_steps (position, title, summary, details) VALUES
(1, 'Data structures and algorithms',
 'Learn how data is organised, and how to reason about what code costs.',
 ARRAY['Arrays, hash maps, trees and graphs', 'Big-O: time and memory as input grows', 'Sorting, searching and recursion', 'A small exercise every day beats a long one every month']),
(2, 'A language and its tools',
 'Pick one server-side language and learn it well, with its package manager and test tools.',
 ARRAY['Python, JavaScript with Node.js, Java, Go or Rust are all good first choices', 'The standard library before the frameworks', 'Writing tests from the start', 'Reading other people''s code']),
(3, 'Databases',
 'Learn SQL and relational design, then where other kinds of store fit.',
 ARRAY['Tables, keys and joins', 'Transactions and constraints that keep data correct', 'Indexes, and reading a query plan', 'When a cache or a document store helps']),
(4, 'Frameworks',
 'Learn a web framework for your language, and what it does for you.',
 ARRAY['Routing and request handling', 'Authentication and sessions', 'Talking to the database from code', 'Building a small JSON API']),
(5, 'Practice on real projects',
 'Build things end to end, the way a job would ask you to.',
 ARRAY['A project with users, data and an API', 'Git, pull requests and code review', 'Fixing bugs in code you did not write', 'Deploying it somewhere others can use it']),
(6, 'Build something of your own',
 'Go beyond tutorials: solve a problem you care about, and show it.',
 ARRAY['Choose a real problem, however small', 'Write a README a stranger can follow', 'Measure it, then make it faster or simpler', 'Publish it as part of your portfolio']),
(7, 'Hosting and operations',
 'Run your service in the cloud, with AWS or another provider, and keep it running.',
 ARRAY['Linux servers and containers', 'Automated builds and deployments', 'Logs, metrics and alerts', 'Backups and security updates']);
