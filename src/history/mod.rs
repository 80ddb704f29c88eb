//! The history of sweeps: each sweep recorded in one transaction into a SQLite file (the
//! embedded default) or a central PostgreSQL database (`postgres://…`, which many sweeps on
//! many machines write to at once), and read back to say what changed between two sweeps.
//!
//! One schema serves both ([`schema`]), versioned with migrations. A database that another
//! program owns, or of a newer schema, is refused before anything is written; a server
//! that cannot be reached is named with its password masked.

pub mod changes;
mod postgres;
pub mod record;
pub mod render;
pub mod schema;
mod sqlite;

use record::{FindingRecord, ProjectRecord, SweepRecord};

/// Why the history cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The database cannot be opened or reached.
    #[error("cannot open the history database {target}: {reason}")]
    Open {
        /// The database, its password masked.
        target: String,
        /// Why.
        reason: String,
    },
    /// The database holds tables of another program.
    #[error(
        "{target} is not a guicang history: it holds tables of another program ({tables}); \
         nothing was written. Give a new file or an empty database"
    )]
    NotOurs {
        /// The database.
        target: String,
        /// Some of its tables.
        tables: String,
    },
    /// The database was written by a newer guicang.
    #[error(
        "{target} has history schema version {found}, newer than this guicang's {supported}; \
         nothing was written. Use a newer guicang"
    )]
    Newer {
        /// The database.
        target: String,
        /// Its version.
        found: i64,
        /// Ours.
        supported: i64,
    },
    /// There is no history to read.
    #[error(
        "{target} holds no history yet; record sweeps with `guicang check ROOT --record {target}`"
    )]
    Empty {
        /// The database.
        target: String,
    },
    /// A statement failed.
    #[error("the history database {target} failed: {reason}; nothing was recorded")]
    Database {
        /// The database.
        target: String,
        /// Why.
        reason: String,
    },
    /// A sweep id that is not in the history.
    #[error("there is no sweep {id} in {target}; `guicang history --db {target}` lists them")]
    NoSweep {
        /// The database.
        target: String,
        /// The id asked for.
        id: i64,
    },
    /// `--from` names a sweep that is not earlier than `--to`'s.
    #[error("--from {from} is not before --to {to}: give the earlier sweep to --from")]
    NotBefore {
        /// The sweep given to `--from`.
        from: i64,
        /// The sweep given to `--to` (or the last).
        to: i64,
    },
}

/// A sweep as the history holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSweep {
    /// Its id, in recording order.
    pub id: i64,
    /// When it ran.
    pub at: String,
    /// The archive root.
    pub root: String,
    /// `K/N` of a shard.
    pub shard: Option<String>,
    /// guicang's version.
    pub guicang_version: String,
    /// The rules' fingerprint.
    pub rules_version: String,
    /// The summary, as JSON.
    pub summary: String,
}

/// An open history database.
pub enum Store {
    /// A SQLite file.
    Sqlite(sqlite::Sqlite),
    /// A PostgreSQL server.
    Postgres(postgres::Postgres),
}

/// Whether `target` names a PostgreSQL server rather than a SQLite file.
pub fn is_postgres(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

/// `target` with the password of a URL replaced by `***`, for messages: the one written
/// before the host (everything between the user's `:` and the last `@`, so that a password
/// holding `/`, `?` or `@` unencoded is masked whole) and a `password=` parameter. When in
/// doubt it masks too much, never too little.
pub fn masked(target: &str) -> String {
    let Some((scheme, rest)) = target.split_once("://") else {
        return target.to_string();
    };
    let rest = match rest.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) if !user.contains(['/', '?']) => format!("{user}:***@{host}"),
            _ => rest.to_string(),
        },
        None => rest.to_string(),
    };
    let rest = match rest.split_once('?') {
        Some((path, query)) => {
            let parameters: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", parameters.join("&"))
        }
        None => rest,
    };
    format!("{scheme}://{rest}")
}

impl Store {
    /// Opens (and creates or migrates) the history at `target` for writing.
    pub fn open(target: &str) -> Result<Store, HistoryError> {
        if is_postgres(target) {
            Ok(Store::Postgres(postgres::Postgres::open(target, true)?))
        } else {
            Ok(Store::Sqlite(sqlite::Sqlite::open(target, true)?))
        }
    }

    /// Opens an existing history for reading; it is never created or migrated.
    pub fn open_existing(target: &str) -> Result<Store, HistoryError> {
        if is_postgres(target) {
            Ok(Store::Postgres(postgres::Postgres::open(target, false)?))
        } else {
            Ok(Store::Sqlite(sqlite::Sqlite::open(target, false)?))
        }
    }

    /// Records one sweep in one transaction; returns its id. On failure nothing is recorded.
    pub fn record(&mut self, sweep: &SweepRecord) -> Result<i64, HistoryError> {
        match self {
            Store::Sqlite(db) => db.record(sweep),
            Store::Postgres(db) => db.record(sweep),
        }
    }

    /// Every sweep, oldest first.
    pub fn sweeps(&mut self) -> Result<Vec<StoredSweep>, HistoryError> {
        match self {
            Store::Sqlite(db) => db.sweeps(),
            Store::Postgres(db) => db.sweeps(),
        }
    }

    /// The projects of one sweep.
    pub fn projects(&mut self, sweep: i64) -> Result<Vec<ProjectRecord>, HistoryError> {
        match self {
            Store::Sqlite(db) => db.projects(sweep),
            Store::Postgres(db) => db.projects(sweep),
        }
    }

    /// The findings of one sweep.
    pub fn findings(&mut self, sweep: i64) -> Result<Vec<FindingRecord>, HistoryError> {
        match self {
            Store::Sqlite(db) => db.findings(sweep),
            Store::Postgres(db) => db.findings(sweep),
        }
    }

    /// The finding identities of one sweep.
    pub fn identities(&mut self, sweep: i64) -> Result<Vec<String>, HistoryError> {
        match self {
            Store::Sqlite(db) => db.identities(sweep),
            Store::Postgres(db) => db.identities(sweep),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked_and_nothing_else_changes() {
        assert_eq!(
            masked("postgres://guicang:s3cret@db.example:5432/history?sslmode=disable"),
            "postgres://guicang:***@db.example:5432/history?sslmode=disable"
        );
        assert_eq!(masked("postgres://guicang@db/h"), "postgres://guicang@db/h");
        assert_eq!(masked("postgresql://u:p:q@h/d"), "postgresql://u:***@h/d");
        // Passwords with /, ? or @ unencoded (base64 secrets), and as a parameter.
        assert_eq!(
            masked("postgres://u:ab/c?d@e@db:5432/h"),
            "postgres://u:***@db:5432/h"
        );
        assert_eq!(
            masked("postgres://db/h?user=u&password=s3/cret&sslmode=require"),
            "postgres://db/h?user=u&password=***&sslmode=require"
        );
        assert_eq!(masked("postgres://db:5432/h"), "postgres://db:5432/h");
        assert_eq!(
            masked("/var/lib/guicang/history.db"),
            "/var/lib/guicang/history.db"
        );
    }
}
