-- The reports, as imported: what the analysis says about each, in the
-- columns lists filter and sort on. One row per distinct file (by SHA-256).
-- The large values live in `contents` and `originals`, so that a list never
-- reads them (a column after a large one costs its whole overflow chain).
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    title TEXT,
    jurisdiction TEXT,
    level TEXT,
    report_year INTEGER,
    signed_date TEXT,
    published_date TEXT,
    issuer TEXT,
    measures INTEGER NOT NULL,
    first_responsible INTEGER NOT NULL,
    shortcomings INTEGER NOT NULL,
    causes INTEGER NOT NULL,
    next_year_plan INTEGER NOT NULL,
    score INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL
);

CREATE INDEX reports_year ON reports (report_year);

-- The text as read, and the analysis and the card as JSON, as
-- `fazhi analyze --format jsonl` writes them.
CREATE TABLE contents (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    card TEXT NOT NULL
);

-- The file as uploaded, apart so that listing reports never reads it.
CREATE TABLE originals (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
);

CREATE TABLE facts (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    indicator TEXT,
    value TEXT NOT NULL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    subject TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    plan INTEGER NOT NULL,
    PRIMARY KEY (report_id, seq)
);

-- Covers the list of indicators present (no table lookup per fact).
CREATE INDEX facts_indicator ON facts (indicator, plan, report_id);

CREATE TABLE findings (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (report_id, seq)
);

CREATE INDEX findings_rule ON findings (rule);
