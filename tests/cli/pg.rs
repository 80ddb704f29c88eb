//! A real PostgreSQL server for the tests, started on a temporary folder and a free local
//! port (`initdb`, `pg_ctl`), as the unprivileged `nobody` when the tests run as root, and
//! stopped when dropped. Without a server binary the PostgreSQL tests skip, saying so,
//! unless `GUICANG_REQUIRE_POSTGRES` is set (`.ci/run` sets it): then they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running server.
pub struct PgServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_nobody: bool,
}

/// Where `name` is: on PATH, else in Debian's `/usr/lib/postgresql/*/bin`.
fn find(name: &str) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| Some(e.ok()?.path().join("bin").join(name)))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        versions.pop()
    })
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl PgServer {
    /// Starts a server, or `None` (with a note on stderr) when PostgreSQL is not installed
    /// and not required.
    pub fn start() -> Option<PgServer> {
        let Some(initdb) = find("initdb") else {
            assert!(
                std::env::var_os("GUICANG_REQUIRE_POSTGRES").is_none(),
                "GUICANG_REQUIRE_POSTGRES is set but no initdb was found"
            );
            eprintln!("skipped: no PostgreSQL server binary (initdb) on this machine");
            return None;
        };
        let bin = initdb.parent().expect("a folder").to_path_buf();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let as_nobody = crate::support::is_root();
        if as_nobody {
            std::os::unix::fs::chown(dir.path(), Some(65534), Some(65534)).expect("chown");
        }
        let server = PgServer {
            port: free_port(),
            dir,
            bin,
            as_nobody,
        };
        let data = server.data();
        server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "guicang",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            server.port,
            server.dir.path().display()
        );
        let log = server.dir.path().join("log").display().to_string();
        server.run(
            "pg_ctl",
            &["-D", &data, "-o", &options, "-l", &log, "-w", "start"],
        );
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    /// A server program's command, run as `nobody` when the tests run as root.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(&path);
            c
        } else {
            Command::new(&path)
        }
    }

    /// Runs a server program, as `nobody` when the tests run as root.
    fn run(&self, program: &str, args: &[&str]) {
        let output = self
            .command(program)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            output.status.success(),
            "{program} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The URL of a fresh database `name` on this server.
    pub fn database(&self, name: &str) -> String {
        let admin = format!("postgres://guicang@127.0.0.1:{}/postgres", self.port);
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        format!("postgres://guicang@127.0.0.1:{}/{name}", self.port)
    }

    /// The folder of the server's files (for a look after a failure).
    #[allow(dead_code)]
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .output();
    }
}
