//! The history schema, one for SQLite and PostgreSQL, versioned: `guicang_meta` holds the
//! version, and each migration brings a database from one version to the next. BI tools
//! (Metabase, Superset, Grafana, Excel's connectors) read the tables and views directly.

/// The schema version this guicang writes and reads.
pub const SCHEMA_VERSION: i64 = 2;

/// The tables guicang owns: a database holding one of them without `guicang_meta` belongs
/// to another program and is never written.
pub const OWN_TABLES: [&str; 5] = [
    "guicang_meta",
    "sweeps",
    "sweep_projects",
    "sweep_contacts",
    "sweep_findings",
];

/// Which SQL dialect a statement is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite 3.
    Sqlite,
    /// PostgreSQL 12 or later.
    Postgres,
}

/// The statements that bring a database from version `to - 1` to `to`.
pub fn migration(to: i64, dialect: Dialect) -> Vec<String> {
    match to {
        1 => version_1(dialect),
        2 => version_2(),
        _ => Vec::new(),
    }
}

/// Version 1: sweeps, their projects, contact persons and findings; three views.
fn version_1(dialect: Dialect) -> Vec<String> {
    let id = match dialect {
        Dialect::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Dialect::Postgres => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    };
    vec![
        "CREATE TABLE guicang_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)".to_string(),
        format!(
            "CREATE TABLE sweeps (
                id {id},
                at TEXT NOT NULL,
                root TEXT NOT NULL,
                shard TEXT,
                guicang_version TEXT NOT NULL,
                rules_version TEXT NOT NULL,
                projects BIGINT NOT NULL,
                files BIGINT NOT NULL,
                required BIGINT NOT NULL,
                present BIGINT NOT NULL,
                completeness DOUBLE PRECISION,
                errors BIGINT NOT NULL,
                warnings BIGINT NOT NULL,
                infos BIGINT NOT NULL,
                summary TEXT NOT NULL
            )"
        ),
        "CREATE TABLE sweep_projects (
            sweep_id BIGINT NOT NULL REFERENCES sweeps (id),
            project_key TEXT NOT NULL,
            code TEXT,
            name TEXT,
            category TEXT,
            status TEXT,
            implementing_unit TEXT,
            importance TEXT,
            maturity TEXT,
            completeness DOUBLE PRECISION,
            required BIGINT NOT NULL,
            present BIGINT NOT NULL,
            errors BIGINT NOT NULL,
            warnings BIGINT NOT NULL,
            PRIMARY KEY (sweep_id, project_key)
        )"
        .to_string(),
        "CREATE TABLE sweep_contacts (
            sweep_id BIGINT NOT NULL REFERENCES sweeps (id),
            project_key TEXT NOT NULL,
            contact TEXT NOT NULL
        )"
        .to_string(),
        "CREATE TABLE sweep_findings (
            sweep_id BIGINT NOT NULL REFERENCES sweeps (id),
            identity TEXT NOT NULL,
            code TEXT NOT NULL,
            severity TEXT NOT NULL,
            project_key TEXT,
            stage TEXT,
            document TEXT,
            path TEXT,
            message TEXT NOT NULL,
            detail TEXT NOT NULL
        )"
        .to_string(),
        "CREATE INDEX sweep_findings_by_sweep ON sweep_findings (sweep_id, identity)".to_string(),
        "CREATE INDEX sweep_projects_by_unit ON sweep_projects (implementing_unit)".to_string(),
    ]
    .into_iter()
    .chain(views_1())
    .collect()
}

/// Version 2: each row of a sweep's projects, contacts and findings keeps its `position`
/// in the sweep, so that they read back in the order they were written. Version 1 read
/// them in storage order (`rowid`, `ctid`), which PostgreSQL does not keep: sweeps writing
/// at once share pages, and `VACUUM FULL` or `CLUSTER` move rows. Rows of version 1
/// sweeps have no position and still read in storage order.
fn version_2() -> Vec<String> {
    ["sweep_projects", "sweep_contacts", "sweep_findings"]
        .iter()
        .map(|table| format!("ALTER TABLE {table} ADD COLUMN position BIGINT"))
        .collect()
}

/// How a sweep's rows are ordered in a database of schema `version`: by their position
/// from version 2 on (the rows of a sweep recorded before that have none, and fall back to
/// `storage`), by `storage` (`rowid`, `ctid`) before.
pub fn row_order(version: i64, storage: &str) -> String {
    if version >= 2 {
        format!("position, {storage}")
    } else {
        storage.to_string()
    }
}

/// Version 1's views, for BI tools: the latest sweep of each archive, its findings, and
/// per sweep and unit the projects, errors, warnings and documents.
fn views_1() -> Vec<String> {
    vec![
        "CREATE VIEW latest_sweeps AS
            SELECT s.* FROM sweeps s
            WHERE s.id = (SELECT MAX(s2.id) FROM sweeps s2
                          WHERE s2.root = s.root AND COALESCE(s2.shard, '') = COALESCE(s.shard, ''))"
            .to_string(),
        "CREATE VIEW latest_findings AS
            SELECT s.root, s.at, f.* FROM sweep_findings f JOIN latest_sweeps s ON s.id = f.sweep_id"
            .to_string(),
        "CREATE VIEW unit_summary AS
            SELECT p.sweep_id, s.at, s.root, p.implementing_unit,
                   COUNT(*) AS projects, SUM(p.errors) AS errors, SUM(p.warnings) AS warnings,
                   SUM(p.required) AS required, SUM(p.present) AS present
            FROM sweep_projects p JOIN sweeps s ON s.id = p.sweep_id
            GROUP BY p.sweep_id, s.at, s.root, p.implementing_unit"
            .to_string(),
    ]
}
