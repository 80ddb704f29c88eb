//! The history in a central PostgreSQL database, which sweeps on many machines write to at
//! once: each sweep is one transaction, findings are sent with a binary `COPY` (10^5
//! findings in well under a second), and migrations hold an advisory lock so that two
//! first sweeps do not both create the schema.

use std::time::Duration;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls};

use super::record::{FindingRecord, ProjectRecord, SweepRecord};
use super::schema::{Dialect, OWN_TABLES, SCHEMA_VERSION, migration, row_order};
use super::{HistoryError, StoredSweep, masked};

/// How long a connection attempt may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The advisory lock migrations hold (any constant; "guicang" in ASCII).
const MIGRATION_LOCK: i64 = 0x0067_7569_6361_6e67;

/// An open PostgreSQL history.
pub struct Postgres {
    client: Client,
    /// The URL as given, to connect again (never shown).
    url: String,
    /// The URL, password masked.
    target: String,
    /// The schema version of the database as opened (older when only read).
    version: i64,
}

/// The error of a failed statement on `target`.
fn failed(target: &str) -> impl Fn(postgres::Error) -> HistoryError + '_ {
    move |e| HistoryError::Database {
        target: target.to_string(),
        reason: e
            .as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_string()),
    }
}

impl Postgres {
    /// Connects to the server of URL `url`, checks the database is a guicang history of a
    /// known schema (or empty), and migrates it when `write`.
    pub fn open(url: &str, write: bool) -> Result<Postgres, HistoryError> {
        let target = masked(url);
        let open_error = |reason: String| HistoryError::Open {
            target: target.clone(),
            reason,
        };
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e: postgres::Error| open_error(format!("not a PostgreSQL URL ({e})")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("guicang");
        let client = config
            .connect(NoTls)
            .map_err(|e| open_error(e.to_string()))?;
        let mut db = Postgres {
            client,
            url: url.to_string(),
            target: target.clone(),
            version: SCHEMA_VERSION,
        };
        match db.version()? {
            Some(v) if v > SCHEMA_VERSION => Err(HistoryError::Newer {
                target,
                found: v,
                supported: SCHEMA_VERSION,
            }),
            Some(v) if v < SCHEMA_VERSION && write => db.migrate().map(|()| db),
            Some(v) => {
                db.version = v;
                Ok(db)
            }
            None if write => db.migrate().map(|()| db),
            None => Err(HistoryError::Empty { target }),
        }
    }

    /// The schema version, `None` when no table of ours exists; our tables without
    /// `guicang_meta` are another program's.
    fn version(&mut self) -> Result<Option<i64>, HistoryError> {
        let fail = failed(&self.target);
        let rows = self
            .client
            .query(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() ORDER BY 1",
                &[],
            )
            .map_err(&fail)?;
        let tables: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        let ours: Vec<&str> = tables
            .iter()
            .map(String::as_str)
            .filter(|t| OWN_TABLES.contains(t))
            .collect();
        if tables.is_empty() {
            return Ok(None);
        }
        // Tables of another program and none of ours: refused, as a SQLite file is (a
        // central server gives guicang a database, or a schema in `search_path`, of its own).
        if ours.is_empty() {
            let foreign: Vec<&str> = tables.iter().map(String::as_str).take(5).collect();
            return Err(HistoryError::NotOurs {
                target: self.target.clone(),
                tables: foreign.join(", "),
            });
        }
        if !ours.contains(&"guicang_meta") {
            return Err(HistoryError::NotOurs {
                target: self.target.clone(),
                tables: ours.join(", "),
            });
        }
        let row = self
            .client
            .query_opt(
                "SELECT value FROM guicang_meta WHERE key = 'schema_version'",
                &[],
            )
            .map_err(&fail)?;
        Ok(Some(
            row.and_then(|r| r.try_get::<_, String>(0).ok()?.parse().ok())
                .unwrap_or(0),
        ))
    }

    /// Brings the schema to [`SCHEMA_VERSION`] under an advisory lock, in one transaction.
    fn migrate(&mut self) -> Result<(), HistoryError> {
        let fail = failed(&self.target);
        let mut tx = self.client.transaction().map_err(&fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(&fail)?;
        let exists = tx
            .query_one("SELECT to_regclass('guicang_meta') IS NOT NULL", &[])
            .map_err(&fail)?
            .get::<_, bool>(0);
        let from: i64 = if exists {
            tx.query_opt(
                "SELECT value FROM guicang_meta WHERE key = 'schema_version'",
                &[],
            )
            .map_err(&fail)?
            .and_then(|r| r.try_get::<_, String>(0).ok()?.parse().ok())
            .unwrap_or(0)
        } else {
            0
        };
        for to in from + 1..=SCHEMA_VERSION {
            for statement in migration(to, Dialect::Postgres) {
                tx.batch_execute(&statement).map_err(&fail)?;
            }
            tx.execute(
                "INSERT INTO guicang_meta (key, value) VALUES ('schema_version', $1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&to.to_string()],
            )
            .map_err(&fail)?;
        }
        tx.commit().map_err(&fail)
    }

    /// Records one sweep in one transaction.
    pub fn record(&mut self, sweep: &SweepRecord) -> Result<i64, HistoryError> {
        // The connection was opened before the sweep, which may have run for hours: a
        // server or a firewall may have dropped it since. Asked, and made again if so.
        if self.client.is_valid(CONNECT_TIMEOUT).is_err() {
            *self = Postgres::open(&self.url, true)?;
        }
        let fail = failed(&self.target);
        let mut tx = self.client.transaction().map_err(&fail)?;
        let summary: serde_json::Value = serde_json::from_str(&sweep.summary).unwrap_or_default();
        let number = |k: &str| summary[k].as_i64().unwrap_or(0);
        let completeness = summary["completeness"].as_f64();
        let counts = [
            number("projects"),
            number("files"),
            number("required"),
            number("present"),
            number("errors"),
            number("warnings"),
            number("infos"),
        ];
        let id: i64 = tx
            .query_one(
                "INSERT INTO sweeps (at, root, shard, guicang_version, rules_version, projects, \
                 files, required, present, completeness, errors, warnings, infos, summary) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
                &[
                    &sweep.at,
                    &sweep.root,
                    &sweep.shard,
                    &sweep.guicang_version,
                    &sweep.rules_version,
                    &counts[0],
                    &counts[1],
                    &counts[2],
                    &counts[3],
                    &completeness,
                    &counts[4],
                    &counts[5],
                    &counts[6],
                    &sweep.summary,
                ],
            )
            .map_err(&fail)?
            .get(0);
        copy_projects(&mut tx, id, &sweep.projects).map_err(&fail)?;
        copy_findings(&mut tx, id, &sweep.findings).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Every sweep, oldest first.
    pub fn sweeps(&mut self) -> Result<Vec<StoredSweep>, HistoryError> {
        let rows = self
            .client
            .query(
                "SELECT id, at, root, shard, guicang_version, rules_version, summary \
                 FROM sweeps ORDER BY id",
                &[],
            )
            .map_err(failed(&self.target))?;
        rows.iter()
            .map(|r| {
                Ok(StoredSweep {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    root: r.try_get(2)?,
                    shard: r.try_get(3)?,
                    guicang_version: r.try_get(4)?,
                    rules_version: r.try_get(5)?,
                    summary: r.try_get(6)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(failed(&self.target))
    }

    /// The projects of one sweep, with their contact persons.
    pub fn projects(&mut self, sweep: i64) -> Result<Vec<ProjectRecord>, HistoryError> {
        let fail = failed(&self.target);
        let mut contacts: std::collections::HashMap<String, Vec<String>> = Default::default();
        for r in self
            .client
            .query(
                &format!(
                    "SELECT project_key, contact FROM sweep_contacts WHERE sweep_id = $1 \
                     ORDER BY {}",
                    row_order(self.version, "ctid")
                ),
                &[&sweep],
            )
            .map_err(&fail)?
        {
            let (key, contact) = (r.try_get(0).map_err(&fail)?, r.try_get(1).map_err(&fail)?);
            contacts.entry(key).or_default().push(contact);
        }
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT project_key, code, name, category, status, implementing_unit, \
                     importance, maturity, completeness, required, present, errors, warnings \
                     FROM sweep_projects WHERE sweep_id = $1 ORDER BY {}",
                    row_order(self.version, "ctid")
                ),
                &[&sweep],
            )
            .map_err(&fail)?;
        rows.iter()
            .map(|r| {
                let key: String = r.try_get(0)?;
                Ok(ProjectRecord {
                    contacts: contacts.remove(&key).unwrap_or_default(),
                    key,
                    code: r.try_get(1)?,
                    name: r.try_get(2)?,
                    category: r.try_get(3)?,
                    status: r.try_get(4)?,
                    unit: r.try_get(5)?,
                    importance: r.try_get(6)?,
                    maturity: r.try_get(7)?,
                    completeness: r.try_get(8)?,
                    required: r.try_get(9)?,
                    present: r.try_get(10)?,
                    errors: r.try_get(11)?,
                    warnings: r.try_get(12)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(&fail)
    }

    /// The findings of one sweep.
    pub fn findings(&mut self, sweep: i64) -> Result<Vec<FindingRecord>, HistoryError> {
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT identity, code, severity, project_key, stage, document, path, \
                     message, detail FROM sweep_findings WHERE sweep_id = $1 ORDER BY {}",
                    row_order(self.version, "ctid")
                ),
                &[&sweep],
            )
            .map_err(failed(&self.target))?;
        rows.iter()
            .map(|r| {
                Ok(FindingRecord {
                    identity: r.try_get(0)?,
                    code: r.try_get(1)?,
                    severity: r.try_get(2)?,
                    project: r.try_get(3)?,
                    stage: r.try_get(4)?,
                    document: r.try_get(5)?,
                    path: r.try_get(6)?,
                    message: r.try_get(7)?,
                    detail: r.try_get(8)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(failed(&self.target))
    }

    /// The finding identities of one sweep.
    pub fn identities(&mut self, sweep: i64) -> Result<Vec<String>, HistoryError> {
        let rows = self
            .client
            .query(
                "SELECT identity FROM sweep_findings WHERE sweep_id = $1",
                &[&sweep],
            )
            .map_err(failed(&self.target))?;
        rows.iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, postgres::Error>>()
            .map_err(failed(&self.target))
    }
}

/// Sends the projects and their contact persons of sweep `id`, each with its position,
/// with binary `COPY`.
fn copy_projects(
    tx: &mut postgres::Transaction<'_>,
    id: i64,
    projects: &[ProjectRecord],
) -> Result<(), postgres::Error> {
    let sink = tx.copy_in(
        "COPY sweep_projects (sweep_id, project_key, code, name, category, status, \
         implementing_unit, importance, maturity, completeness, required, present, errors, \
         warnings, position) FROM STDIN BINARY",
    )?;
    let text = Type::TEXT;
    let types = [
        Type::INT8,
        text.clone(),
        text.clone(),
        text.clone(),
        text.clone(),
        text.clone(),
        text.clone(),
        text.clone(),
        text.clone(),
        Type::FLOAT8,
        Type::INT8,
        Type::INT8,
        Type::INT8,
        Type::INT8,
        Type::INT8,
    ];
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    for (position, p) in (0i64..).zip(projects) {
        let row: [&(dyn ToSql + Sync); 15] = [
            &id,
            &p.key,
            &p.code,
            &p.name,
            &p.category,
            &p.status,
            &p.unit,
            &p.importance,
            &p.maturity,
            &p.completeness,
            &p.required,
            &p.present,
            &p.errors,
            &p.warnings,
            &position,
        ];
        writer.write(&row)?;
    }
    writer.finish()?;
    let sink = tx.copy_in(
        "COPY sweep_contacts (sweep_id, project_key, contact, position) FROM STDIN BINARY",
    )?;
    let types = [Type::INT8, Type::TEXT, Type::TEXT, Type::INT8];
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let contacts = projects
        .iter()
        .flat_map(|p| p.contacts.iter().map(move |c| (&p.key, c)));
    for (position, (key, c)) in (0i64..).zip(contacts) {
        writer.write(&[&id, key, c, &position])?;
    }
    writer.finish()?;
    Ok(())
}

/// Sends the findings of sweep `id`, each with its position, with binary `COPY`.
fn copy_findings(
    tx: &mut postgres::Transaction<'_>,
    id: i64,
    findings: &[FindingRecord],
) -> Result<(), postgres::Error> {
    let sink = tx.copy_in(
        "COPY sweep_findings (sweep_id, identity, code, severity, project_key, stage, document, \
         path, message, detail, position) FROM STDIN BINARY",
    )?;
    let mut types = vec![Type::INT8];
    types.extend(std::iter::repeat_n(Type::TEXT, 9));
    types.push(Type::INT8);
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    for (position, f) in (0i64..).zip(findings) {
        let row: [&(dyn ToSql + Sync); 11] = [
            &id,
            &f.identity,
            &f.code,
            &f.severity,
            &f.project,
            &f.stage,
            &f.document,
            &f.path,
            &f.message,
            &f.detail,
            &position,
        ];
        writer.write(&row)?;
    }
    writer.finish()?;
    Ok(())
}
