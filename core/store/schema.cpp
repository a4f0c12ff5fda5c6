#include "store/schema.h"

#include "store/database.h"

#include <QCoreApplication>

#include <array>

namespace sieve::store {

namespace {

// Version 1: the whole data model of ARCHITECTURE.md, so that later features add behaviour,
// not tables. Times are ISO-8601 UTC text with milliseconds; JSON columns hold objects.
constexpr const char *kVersion1 = R"SQL(
CREATE TABLE project_meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A folder images were imported from. Paths of images are relative to it, so a moved dataset
-- is re-rooted by updating one row.
CREATE TABLE sources(
    id   INTEGER PRIMARY KEY,
    root TEXT NOT NULL UNIQUE
);

CREATE TABLE categories(
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    color      TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    archived   INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES categories(id),
    created_at TEXT NOT NULL
);

CREATE TABLE images(
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id),
    path          TEXT NOT NULL,               -- relative to the source root, '/' separated
    file_name     TEXT NOT NULL,               -- last component of path, for metadata matching
    hash          TEXT NOT NULL,               -- XXH3-128 of the file bytes, hex
    file_size     INTEGER NOT NULL,
    mtime         INTEGER NOT NULL DEFAULT 0,  -- ms since epoch, for incremental re-import
    format        TEXT NOT NULL,               -- jpeg, png, webp, tiff (sniffed from content)
    width         INTEGER NOT NULL,            -- stored pixels, before EXIF orientation
    height        INTEGER NOT NULL,
    orientation   INTEGER NOT NULL DEFAULT 1,  -- EXIF orientation 1..8
    category_id   INTEGER REFERENCES categories(id),
    claimed_label TEXT,                        -- the label as delivered in the metadata file
    review_status INTEGER NOT NULL DEFAULT 0,  -- 0 unreviewed, 1 accepted, 2 rejected
    missing       INTEGER NOT NULL DEFAULT 0,  -- file not found at the last import
    exif          TEXT NOT NULL DEFAULT '{}',  -- JSON summary: camera, taken_at, gps, ...
    quality       TEXT,                        -- JSON of quality scores (scan)
    sharpness     REAL,
    phash         INTEGER,                     -- 64-bit perceptual hash (scan)
    imported_at   TEXT NOT NULL,
    UNIQUE(source_id, path)
);
CREATE INDEX images_hash ON images(hash);
CREATE INDEX images_file_name ON images(file_name);
CREATE INDEX images_category ON images(category_id);
CREATE INDEX images_status ON images(review_status);

-- Files whose bytes equal an image already in the project: recorded, not imported twice.
CREATE TABLE image_copies(
    source_id INTEGER NOT NULL REFERENCES sources(id),
    path      TEXT NOT NULL,
    image_id  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    PRIMARY KEY(source_id, path)
) WITHOUT ROWID;
CREATE INDEX image_copies_image ON image_copies(image_id);

-- Metadata columns (country, contributor, collected_at, price, ...), one row per value so
-- that every attribute is an indexed facet.
CREATE TABLE image_attributes(
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY(image_id, key)
) WITHOUT ROWID;
CREATE INDEX image_attributes_facet ON image_attributes(key, value, image_id);

-- state: 'set' by the analyst, 'suggested' by a detector, 'dismissed' suggestion.
CREATE TABLE flags(
    image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,               -- pii, quality, duplicate, other
    state      TEXT NOT NULL DEFAULT 'set',
    note       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT 'user',
    confidence REAL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY(image_id, kind)
) WITHOUT ROWID;
CREATE INDEX flags_kind ON flags(kind, state, image_id);

-- One user-visible action (relabel a selection, accept, merge categories, an import ...).
-- Undo and redo walk this table: undo takes the newest 'done' undoable action, redo the
-- oldest 'undone' one; a new action discards what could be redone.
CREATE TABLE actions(
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    description TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    undoable    INTEGER NOT NULL DEFAULT 1,
    state       TEXT NOT NULL DEFAULT 'done'   -- done, undone, discarded
);
CREATE INDEX actions_state ON actions(state, id);

-- The audit trail: every label, status, flag and region decision, with its old and new value.
-- phase: 'apply' for the change itself, 'undo' and 'redo' for its reversal and repetition.
CREATE TABLE label_events(
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    image_id  INTEGER REFERENCES images(id) ON DELETE CASCADE,
    field     TEXT NOT NULL,                  -- label, status, flag:<kind>, region:<id>, ...
    old_value TEXT,
    new_value TEXT,
    phase     TEXT NOT NULL DEFAULT 'apply',
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX label_events_image ON label_events(image_id, id);
CREATE INDEX label_events_action ON label_events(action_id);

CREATE TABLE regions(
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,                -- text, pii, face, manual
    x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL,
                                              -- original pixel coordinates, oriented image
    text        TEXT NOT NULL DEFAULT '',
    pii_type    TEXT NOT NULL DEFAULT '',     -- phone, email, card, iban, national_id, name, ...
    confidence  REAL NOT NULL DEFAULT 0,
    source      TEXT NOT NULL,                -- detector name or 'user'
    decision    TEXT NOT NULL DEFAULT 'undecided', -- undecided, accepted, rejected
    job_id      INTEGER REFERENCES jobs(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX regions_image ON regions(image_id);
CREATE INDEX regions_review ON regions(decision, confidence);

CREATE TABLE models(
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    file         TEXT NOT NULL,               -- relative to the project's models/ folder
    architecture TEXT NOT NULL,
    classes      TEXT NOT NULL,               -- JSON array of class names
    run_id       INTEGER REFERENCES runs(id),
    origin       TEXT NOT NULL DEFAULT 'trained', -- trained, imported
    metrics      TEXT NOT NULL DEFAULT '{}',
    checksum     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);

CREATE TABLE predictions(
    image_id  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    model_id  INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    top_category INTEGER REFERENCES categories(id),
    top_probability REAL NOT NULL,
    topk      TEXT NOT NULL,                  -- JSON [[category_id, probability], ...]
    label_issue_score REAL,                   -- confident-learning ranking
    created_at TEXT NOT NULL,
    PRIMARY KEY(model_id, image_id)
) WITHOUT ROWID;
CREATE INDEX predictions_rank ON predictions(model_id, label_issue_score);

CREATE TABLE runs(
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL,                -- queued, running, done, failed, cancelled
    config      TEXT NOT NULL,                -- JSON: model, data view, hyper-parameters, workers
    directory   TEXT NOT NULL,                -- runs/<id>/ relative to the project
    started_at  TEXT,
    finished_at TEXT,
    error       TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE run_metrics(
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,                  -- train/loss, val/accuracy, worker/1/comm_ms, ...
    step      INTEGER NOT NULL,
    wall_time REAL NOT NULL,                  -- seconds since epoch
    value     REAL NOT NULL,
    PRIMARY KEY(run_id, tag, step)
) WITHOUT ROWID;

-- Batch work. cursor is the job's own resume point (JSON); per-item results are committed as
-- they are made, so a killed job continues where it stopped.
CREATE TABLE jobs(
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                -- import, thumbnails, scan-quality, ...
    params      TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL,                -- running, done, failed, cancelled, interrupted
    cursor      TEXT NOT NULL DEFAULT '{}',
    total       INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    pid         INTEGER,                      -- process running it; a dead one means interrupted
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    finished_at TEXT
);

-- Problems met by import (and later jobs): what file, what went wrong.
CREATE TABLE job_issues(
    id      INTEGER PRIMARY KEY,
    job_id  INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    path    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX job_issues_job ON job_issues(job_id);

CREATE TABLE exports(
    id          INTEGER PRIMARY KEY,
    directory   TEXT NOT NULL,
    settings    TEXT NOT NULL,
    status      TEXT NOT NULL,
    image_count INTEGER NOT NULL DEFAULT 0,
    job_id      INTEGER REFERENCES jobs(id),
    created_at  TEXT NOT NULL
);

CREATE TABLE workers(
    id         INTEGER PRIMARY KEY,
    address    TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '',
    token_ref  TEXT NOT NULL DEFAULT '',      -- where the token is kept, never the token
    tls        INTEGER NOT NULL DEFAULT 0,
    last_seen  TEXT,
    info       TEXT NOT NULL DEFAULT '{}'
);

-- Named filters the analyst saved (views), used by training and export.
CREATE TABLE views(
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    filter TEXT NOT NULL
);
)SQL";

// Version 2: groups of duplicate images found by the duplicate scan, replaced by each run.
// group_id is the id of the image suggested to keep; kind says how a member matches it.
constexpr const char *kVersion2 = R"SQL(
CREATE TABLE duplicate_groups(
    image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL,
    kind     TEXT NOT NULL,                -- exact (same bytes as the keeper), near
    distance INTEGER NOT NULL DEFAULT 0,   -- Hamming distance of perceptual hashes to the keeper
    keep     INTEGER NOT NULL DEFAULT 0    -- 1 for the image suggested to keep
);
CREATE INDEX duplicate_groups_group ON duplicate_groups(group_id);
)SQL";

// Version 3: which per-image scans have run on which image, so a scan that keeps no column of
// its own in images (the PII scan writes regions, or nothing) resumes without doing an image
// twice. Written in the same transaction as the scan's results.
constexpr const char *kVersion3 = R"SQL(
CREATE TABLE image_scans(
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    scan     TEXT NOT NULL,                -- pii
    done_at  TEXT NOT NULL,
    PRIMARY KEY(image_id, scan)
) WITHOUT ROWID;
)SQL";

// Version 4: the model-assisted review queue. The label-issues job keeps, with each ranked
// image's predictions row, what it compared (the label and the suggested class, in the model's
// spelling, with their probabilities) and per model class its label-noise estimate, so the
// queue and its summary load from the project without re-running the model. label_checks holds
// the analyst's "keep this label" decisions (written through the EditLog as field
// "label_check"): an image stays out of the queue while its label is the one kept.
constexpr const char *kVersion4 = R"SQL(
ALTER TABLE predictions ADD COLUMN label_issue_given TEXT;
ALTER TABLE predictions ADD COLUMN label_issue_suggested TEXT;
ALTER TABLE predictions ADD COLUMN label_issue_given_probability REAL;
ALTER TABLE predictions ADD COLUMN label_issue_suggested_probability REAL;

CREATE TABLE label_noise(
    model_id   INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    class      TEXT NOT NULL,               -- the model's class name
    position   INTEGER NOT NULL,            -- its index in the model's class list
    labelled   INTEGER NOT NULL,
    counted    INTEGER NOT NULL,
    issues     INTEGER NOT NULL,
    noise_rate REAL NOT NULL,
    estimated  REAL NOT NULL,
    job_id     INTEGER REFERENCES jobs(id),
    PRIMARY KEY(model_id, class)
) WITHOUT ROWID;

CREATE TABLE label_checks(
    image_id    INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id),  -- the label the analyst kept
    model_id    INTEGER,                                    -- whose suggestion was turned down
    checked_at  TEXT NOT NULL
);
)SQL";

// Version 5: each validation image's result at each validated epoch of a run, so that a cell
// of the confusion matrix opens its images. Written by the trainer in the transaction of the
// epoch's metrics; a resumed run that validates an epoch again replaces that epoch's rows.
// Validation sets are small (a share of the labelled images): images × epochs rows per run.
constexpr const char *kVersion5 = R"SQL(
CREATE TABLE run_predictions(
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    epoch           INTEGER NOT NULL,      -- 1-based, as the run's "epoch" metric
    image_id        INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    true_index      INTEGER NOT NULL,      -- into the run's config "classes"
    predicted_index INTEGER NOT NULL,
    probability     REAL NOT NULL,         -- softmax probability of the predicted class
    PRIMARY KEY(run_id, epoch, image_id)
) WITHOUT ROWID;
CREATE INDEX run_predictions_cell ON run_predictions(run_id, epoch, true_index, predicted_index);
)SQL";

// Version 6: the sieve-worker nodes added to the project for cluster training (store/
// cluster_workers.h). Where each listens and where its secrets are kept; never a secret.
constexpr const char *kVersion6 = R"SQL(
CREATE TABLE cluster_workers(
    id            INTEGER PRIMARY KEY,
    address       TEXT NOT NULL UNIQUE COLLATE NOCASE,   -- HOST:PORT
    name          TEXT NOT NULL DEFAULT '',
    token_file    TEXT NOT NULL,                         -- a file readable only by the user
    tls_ca_file   TEXT NOT NULL DEFAULT '',
    tls_cert_file TEXT NOT NULL DEFAULT '',
    tls_key_file  TEXT NOT NULL DEFAULT ''
);
)SQL";

constexpr std::array kMigrations = {kVersion1, kVersion2, kVersion3, kVersion4, kVersion5, kVersion6};

} // namespace

int latestSchemaVersion() { return int(kMigrations.size()); }

Status migrate(Database &db)
{
    Result<std::int64_t> current = db.queryInt("PRAGMA user_version");
    if (!current)
        return current.takeError();
    if (*current > latestSchemaVersion()) {
        return fail(QCoreApplication::translate(
                        "sieve::store",
                        "%1 was written by a newer version of Sieve (schema version %2; this "
                        "version understands up to %3). Open it with a newer Sieve; nothing "
                        "was changed.")
                        .arg(db.path())
                        .arg(*current)
                        .arg(latestSchemaVersion()));
    }
    for (int version = int(*current); version < latestSchemaVersion(); ++version) {
        Transaction transaction(db);
        if (!transaction.begun())
            return transaction.begun();
        if (Status status = db.exec(kMigrations[std::size_t(version)]); !status)
            return fail(QStringLiteral("Upgrading %1 to schema version %2 failed: %3")
                            .arg(db.path())
                            .arg(version + 1)
                            .arg(status.error()));
        const QByteArray setVersion = "PRAGMA user_version=" + QByteArray::number(version + 1);
        if (Status status = db.exec(setVersion.constData()); !status)
            return status;
        if (Status status = transaction.commit(); !status)
            return status;
    }
    return {};
}

} // namespace sieve::store
