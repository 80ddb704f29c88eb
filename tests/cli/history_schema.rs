//! The history's schema over time, against real databases: rows read back in the order a
//! sweep wrote them however the server stores them, a history of schema version 1 read as
//! it is and migrated by the next recording, and a PostgreSQL connection the server dropped
//! during a long sweep made again before the sweep is recorded.

use guicang::history::Store;
use guicang::history::record::{FindingRecord, ProjectRecord, SweepRecord};

use crate::history::{archive, assert_invoice_resolved_sign_in_new, change, history, record};
use crate::pg::PgServer;

/// Runs `statements` on the history `db` (a SQLite file or a PostgreSQL URL) as another
/// tool would.
fn execute(db: &str, statements: &str) {
    if db.starts_with("postgres://") {
        let mut client = postgres::Client::connect(db, postgres::NoTls).unwrap();
        client.batch_execute(statements).unwrap();
    } else {
        let connection = rusqlite::Connection::open(db).unwrap();
        connection.execute_batch(statements).unwrap();
    }
}

/// The first column of every row of `query` on `db`, as text.
fn column(db: &str, query: &str) -> Vec<Option<String>> {
    if db.starts_with("postgres://") {
        let mut client = postgres::Client::connect(db, postgres::NoTls).unwrap();
        client
            .query(query, &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    } else {
        let connection = rusqlite::Connection::open(db).unwrap();
        let mut statement = connection.prepare(query).unwrap();
        statement
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

/// The schema version the history says it has.
fn schema_version(db: &str) -> String {
    column(
        db,
        "SELECT value FROM guicang_meta WHERE key = 'schema_version'",
    )
    .remove(0)
    .unwrap()
}

/// Makes a version 2 history into what guicang wrote at version 1: no positions.
fn downgrade_to_version_1(db: &str) {
    execute(
        db,
        "ALTER TABLE sweep_projects DROP COLUMN position; \
         ALTER TABLE sweep_contacts DROP COLUMN position; \
         ALTER TABLE sweep_findings DROP COLUMN position; \
         UPDATE guicang_meta SET value = '1' WHERE key = 'schema_version';",
    );
}

/// A sweep recorded at version 1 reads as it is (nothing written), and the next recording
/// migrates the history: the old sweep's rows keep no position, the new one's have theirs,
/// and the comparison of the two names what changed.
fn version_1_is_read_then_migrated(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    record(&root, db, "2026-11-02T08:00:00Z");
    downgrade_to_version_1(db);
    let before = (!db.starts_with("postgres://")).then(|| std::fs::read(db).unwrap());

    let view = history(db, &[]);
    assert_eq!(view["sweeps"].as_array().unwrap().len(), 1, "{view}");
    assert_eq!(schema_version(db), "1", "reading migrated the history");
    if let Some(before) = before {
        assert!(std::fs::read(db).unwrap() == before, "reading wrote {db}");
    }

    change(&root);
    record(&root, db, "2026-11-30T08:00:00Z");
    assert_eq!(schema_version(db), "2");
    let positions = |sweep: i64| {
        column(
            db,
            &format!("SELECT CAST(position AS TEXT) FROM sweep_findings WHERE sweep_id = {sweep}"),
        )
    };
    let (old, new) = (positions(1), positions(2));
    assert!(
        !old.is_empty() && old.iter().all(Option::is_none),
        "{old:?}"
    );
    assert!(
        !new.is_empty() && new.iter().all(Option::is_some),
        "{new:?}"
    );
    assert_invoice_resolved_sign_in_new(&history(db, &[])["changes"]);
}

#[test]
fn a_sqlite_history_of_version_1_is_read_as_it_is_and_migrated_by_the_next_sweep() {
    let dir = tempfile::tempdir().unwrap();
    version_1_is_read_then_migrated(dir.path().join("history.db").to_str().unwrap());
}

#[test]
fn a_postgres_history_of_version_1_is_read_as_it_is_and_migrated_by_the_next_sweep() {
    let Some(server) = PgServer::start() else {
        return;
    };
    version_1_is_read_then_migrated(&server.database("old"));
}

#[test]
fn postgres_rows_read_back_in_the_order_written_when_the_server_moves_them() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let db = server.database("moved");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    record(&root, &db, "2026-11-02T08:00:00Z");
    change(&root);
    record(&root, &db, "2026-11-30T08:00:00Z");
    let written = history(&db, &[]);
    assert!(
        written["changes"]["persisting"].as_array().unwrap().len() >= 2,
        "{written}"
    );

    // An update writes a new row version at the end of the table, as rows of sweeps
    // recorded at once interleave and `VACUUM FULL` rewrites them: storage order is lost.
    execute(
        &db,
        "UPDATE sweep_findings SET message = message WHERE position % 2 = 0; \
         UPDATE sweep_projects SET name = name WHERE position % 2 = 0; \
         UPDATE sweep_contacts SET contact = contact WHERE position % 2 = 0;",
    );
    let stored: Vec<i64> = column(
        &db,
        "SELECT CAST(position AS TEXT) FROM sweep_findings WHERE sweep_id = 2 ORDER BY ctid",
    )
    .into_iter()
    .map(|p| p.unwrap().parse().unwrap())
    .collect();
    assert!(
        stored.windows(2).any(|w| w[0] > w[1]),
        "storage order still follows the writing: {stored:?}"
    );
    assert_eq!(history(&db, &[]), written);
}

/// A sweep of one project and one finding, as a sweep that ran for hours hands it over.
fn small_sweep() -> SweepRecord {
    SweepRecord {
        at: "2026-11-30T08:00:00Z".to_string(),
        root: "/srv/档案".to_string(),
        shard: None,
        guicang_version: "test".to_string(),
        rules_version: "test".to_string(),
        summary: "{\"projects\": 1, \"errors\": 1}".to_string(),
        projects: vec![ProjectRecord {
            key: "NF-2024-001".to_string(),
            code: Some("NF-2024-001".to_string()),
            name: Some("培训".to_string()),
            category: Some("non-fixed".to_string()),
            status: Some("in-progress".to_string()),
            unit: None,
            importance: None,
            maturity: None,
            completeness: Some(0.5),
            required: 2,
            present: 1,
            errors: 1,
            warnings: 0,
            contacts: vec!["张伟".to_string()],
        }],
        findings: vec![FindingRecord {
            identity: "[\"missing-document\",\"NF-2024-001\",\"invoice\",null]".to_string(),
            code: "missing-document".to_string(),
            severity: "error".to_string(),
            project: Some("NF-2024-001".to_string()),
            stage: Some("payment".to_string()),
            document: Some("invoice".to_string()),
            path: None,
            message: "缺少发票".to_string(),
            detail: "{}".to_string(),
        }],
    }
}

#[test]
fn a_postgres_connection_dropped_during_the_sweep_is_made_again_to_record_it() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let db = server.database("dropped");
    let mut store = Store::open(&db).unwrap();
    // The server ends guicang's session (a restart, an idle timeout, a firewall) while
    // the sweep runs.
    let ended = column(
        &db,
        "SELECT CAST(pg_terminate_backend(pid, 10000) AS TEXT) FROM pg_stat_activity \
         WHERE application_name = 'guicang'",
    );
    assert_eq!(ended, [Some("true".to_string())]);
    let sweep = small_sweep();
    let id = store.record(&sweep).expect("recorded on a new connection");
    assert_eq!(store.sweeps().unwrap().len(), 1);
    assert_eq!(store.projects(id).unwrap(), sweep.projects);
    assert_eq!(store.findings(id).unwrap(), sweep.findings);
}
