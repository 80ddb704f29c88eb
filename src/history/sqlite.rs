//! The history in a SQLite file. A second sweep recording at the same time waits for the
//! lock (up to [`BUSY_WAIT`]) rather than failing; each sweep is one `IMMEDIATE`
//! transaction, so a failed sweep leaves nothing behind.

use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::record::{FindingRecord, ProjectRecord, SweepRecord};
use super::schema::{Dialect, OWN_TABLES, SCHEMA_VERSION, migration, row_order};
use super::{HistoryError, StoredSweep};

/// How long a writer waits for another one's lock.
const BUSY_WAIT: Duration = Duration::from_secs(600);

/// The error of a failed statement on `target`.
fn failed(target: &str) -> impl Fn(rusqlite::Error) -> HistoryError + '_ {
    move |e| HistoryError::Database {
        target: target.to_string(),
        reason: e.to_string(),
    }
}

/// An open SQLite history.
pub struct Sqlite {
    connection: Connection,
    target: String,
    /// The schema version of the database as opened (older when only read).
    version: i64,
}

impl Sqlite {
    /// Opens the file at `target` (created when `write` and it does not exist), checks it
    /// is a guicang history of a schema this guicang knows, and migrates it when writing.
    pub fn open(target: &str, write: bool) -> Result<Sqlite, HistoryError> {
        let open_error = |e: &dyn std::fmt::Display| HistoryError::Open {
            target: target.to_string(),
            reason: e.to_string(),
        };
        if !write && !std::path::Path::new(target).is_file() {
            return Err(HistoryError::Empty {
                target: target.to_string(),
            });
        }
        let flags = if write {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(target, flags).map_err(|e| open_error(&e))?;
        connection
            .busy_timeout(BUSY_WAIT)
            .map_err(|e| open_error(&e))?;
        let mut db = Sqlite {
            connection,
            target: target.to_string(),
            version: SCHEMA_VERSION,
        };
        let version = db.version().map_err(|e| match e {
            HistoryError::Database { reason, .. } => open_error(&reason),
            other => other,
        })?;
        match version {
            Some(v) if v > SCHEMA_VERSION => Err(HistoryError::Newer {
                target: target.to_string(),
                found: v,
                supported: SCHEMA_VERSION,
            }),
            Some(v) if v < SCHEMA_VERSION && write => {
                db.migrate(v)?;
                Ok(db)
            }
            Some(v) => {
                db.version = v;
                Ok(db)
            }
            None if write => {
                db.migrate(0)?;
                Ok(db)
            }
            None => Err(HistoryError::Empty {
                target: target.to_string(),
            }),
        }
    }

    /// The error of a failed statement.
    fn fail(&self, e: rusqlite::Error) -> HistoryError {
        HistoryError::Database {
            target: self.target.clone(),
            reason: e.to_string(),
        }
    }

    /// The schema version, `None` for an empty database; a database holding other tables
    /// is another program's.
    fn version(&mut self) -> Result<Option<i64>, HistoryError> {
        let tables: Vec<String> = {
            let mut statement = self
                .connection
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .map_err(|e| self.fail(e))?;
            let rows = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(|e| self.fail(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.fail(e))?
        };
        if tables.is_empty() {
            return Ok(None);
        }
        if !tables.iter().any(|t| t == "guicang_meta") {
            let foreign: Vec<&str> = tables
                .iter()
                .map(String::as_str)
                .filter(|t| !OWN_TABLES.contains(t))
                .take(5)
                .collect();
            return Err(HistoryError::NotOurs {
                target: self.target.clone(),
                tables: if foreign.is_empty() {
                    tables.join(", ")
                } else {
                    foreign.join(", ")
                },
            });
        }
        let version: Option<String> = self
            .connection
            .query_row(
                "SELECT value FROM guicang_meta WHERE key = 'schema_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        Ok(Some(version.and_then(|v| v.parse().ok()).unwrap_or(0)))
    }

    /// Brings the schema from version `from` to [`SCHEMA_VERSION`], in one transaction.
    fn migrate(&mut self, from: i64) -> Result<(), HistoryError> {
        let target = self.target.clone();
        let fail = failed(&target);
        let tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(&fail)?;
        // Another writer may have migrated while this one waited for the lock.
        let current: Option<String> = tx
            .query_row(
                "SELECT value FROM guicang_meta WHERE key = 'schema_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .unwrap_or(None);
        let from = current.and_then(|v| v.parse().ok()).unwrap_or(from);
        for to in from + 1..=SCHEMA_VERSION {
            for statement in migration(to, Dialect::Sqlite) {
                tx.execute_batch(&statement).map_err(&fail)?;
            }
            tx.execute(
                "INSERT INTO guicang_meta (key, value) VALUES ('schema_version', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![to.to_string()],
            )
            .map_err(&fail)?;
        }
        tx.commit().map_err(&fail)
    }

    /// Records one sweep in one transaction.
    pub fn record(&mut self, sweep: &SweepRecord) -> Result<i64, HistoryError> {
        let target = self.target.clone();
        let fail = failed(&target);
        let tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(&fail)?;
        let summary: serde_json::Value = serde_json::from_str(&sweep.summary).unwrap_or_default();
        let number = |k: &str| summary[k].as_i64().unwrap_or(0);
        tx.execute(
            "INSERT INTO sweeps (at, root, shard, guicang_version, rules_version, projects, files, \
             required, present, completeness, errors, warnings, infos, summary) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                sweep.at,
                sweep.root,
                sweep.shard,
                sweep.guicang_version,
                sweep.rules_version,
                number("projects"),
                number("files"),
                number("required"),
                number("present"),
                summary["completeness"].as_f64(),
                number("errors"),
                number("warnings"),
                number("infos"),
                sweep.summary,
            ],
        )
        .map_err(&fail)?;
        let id = tx.last_insert_rowid();
        insert_rows(&tx, id, sweep).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Every sweep, oldest first.
    pub fn sweeps(&mut self) -> Result<Vec<StoredSweep>, HistoryError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT id, at, root, shard, guicang_version, rules_version, summary \
                 FROM sweeps ORDER BY id",
            )
            .map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok(StoredSweep {
                    id: row.get(0)?,
                    at: row.get(1)?,
                    root: row.get(2)?,
                    shard: row.get(3)?,
                    guicang_version: row.get(4)?,
                    rules_version: row.get(5)?,
                    summary: row.get(6)?,
                })
            })
            .map_err(|e| self.fail(e))?;
        let sweeps: Result<Vec<_>, _> = rows.collect();
        drop(statement);
        sweeps.map_err(|e| self.fail(e))
    }

    /// The projects of one sweep, with their contact persons.
    pub fn projects(&mut self, sweep: i64) -> Result<Vec<ProjectRecord>, HistoryError> {
        let fail = failed(&self.target);
        let mut contacts: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut statement = self
            .connection
            .prepare(&format!(
                "SELECT project_key, contact FROM sweep_contacts WHERE sweep_id = ?1 ORDER BY {}",
                row_order(self.version, "rowid")
            ))
            .map_err(&fail)?;
        let rows = statement
            .query_map([sweep], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(&fail)?;
        for row in rows {
            let (key, contact) = row.map_err(&fail)?;
            contacts.entry(key).or_default().push(contact);
        }
        let mut statement = self
            .connection
            .prepare(&format!(
                "SELECT project_key, code, name, category, status, implementing_unit, importance, \
                 maturity, completeness, required, present, errors, warnings \
                 FROM sweep_projects WHERE sweep_id = ?1 ORDER BY {}",
                row_order(self.version, "rowid")
            ))
            .map_err(&fail)?;
        let rows = statement
            .query_map([sweep], |row| {
                Ok(ProjectRecord {
                    key: row.get(0)?,
                    code: row.get(1)?,
                    name: row.get(2)?,
                    category: row.get(3)?,
                    status: row.get(4)?,
                    unit: row.get(5)?,
                    importance: row.get(6)?,
                    maturity: row.get(7)?,
                    completeness: row.get(8)?,
                    required: row.get(9)?,
                    present: row.get(10)?,
                    errors: row.get(11)?,
                    warnings: row.get(12)?,
                    contacts: Vec::new(),
                })
            })
            .map_err(&fail)?;
        let mut projects = Vec::new();
        for row in rows {
            let mut p = row.map_err(&fail)?;
            p.contacts = contacts.remove(&p.key).unwrap_or_default();
            projects.push(p);
        }
        Ok(projects)
    }

    /// The findings of one sweep.
    pub fn findings(&mut self, sweep: i64) -> Result<Vec<FindingRecord>, HistoryError> {
        let fail = failed(&self.target);
        let mut statement = self
            .connection
            .prepare(&format!(
                "SELECT identity, code, severity, project_key, stage, document, path, message, \
                 detail FROM sweep_findings WHERE sweep_id = ?1 ORDER BY {}",
                row_order(self.version, "rowid")
            ))
            .map_err(&fail)?;
        let rows = statement
            .query_map([sweep], |row| {
                Ok(FindingRecord {
                    identity: row.get(0)?,
                    code: row.get(1)?,
                    severity: row.get(2)?,
                    project: row.get(3)?,
                    stage: row.get(4)?,
                    document: row.get(5)?,
                    path: row.get(6)?,
                    message: row.get(7)?,
                    detail: row.get(8)?,
                })
            })
            .map_err(&fail)?;
        rows.collect::<Result<_, _>>().map_err(&fail)
    }

    /// The finding identities of one sweep.
    pub fn identities(&mut self, sweep: i64) -> Result<Vec<String>, HistoryError> {
        let fail = failed(&self.target);
        let mut statement = self
            .connection
            .prepare("SELECT identity FROM sweep_findings WHERE sweep_id = ?1")
            .map_err(&fail)?;
        let rows = statement
            .query_map([sweep], |row| row.get::<_, String>(0))
            .map_err(&fail)?;
        rows.collect::<Result<_, _>>().map_err(&fail)
    }
}

/// Inserts the projects, contact persons and findings of sweep `id`, each with its position.
fn insert_rows(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    sweep: &SweepRecord,
) -> rusqlite::Result<()> {
    let mut project = tx.prepare(
        "INSERT INTO sweep_projects (sweep_id, project_key, code, name, category, \
                 status, implementing_unit, importance, maturity, completeness, required, \
                 present, errors, warnings, position) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut contact = tx.prepare(
        "INSERT INTO sweep_contacts (sweep_id, project_key, contact, position) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut contacts = 0i64;
    for (position, p) in (0i64..).zip(&sweep.projects) {
        project.execute(params![
            id,
            p.key,
            p.code,
            p.name,
            p.category,
            p.status,
            p.unit,
            p.importance,
            p.maturity,
            p.completeness,
            p.required,
            p.present,
            p.errors,
            p.warnings,
            position
        ])?;
        for c in &p.contacts {
            contact.execute(params![id, p.key, c, contacts])?;
            contacts += 1;
        }
    }
    let mut finding = tx.prepare(
        "INSERT INTO sweep_findings (sweep_id, identity, code, severity, project_key, \
                 stage, document, path, message, detail, position) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, f) in (0i64..).zip(&sweep.findings) {
        finding.execute(params![
            id, f.identity, f.code, f.severity, f.project, f.stage, f.document, f.path, f.message,
            f.detail, position
        ])?;
    }
    Ok(())
}
