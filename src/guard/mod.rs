//! Guards around everything an archive (or a user) can hand guicang: one place for the
//! policy of reading untrusted bytes.
//!
//! - [`open`]: files are opened without blocking, only when regular, links refused inside
//!   the archive, and never read past a size cap;
//! - [`output`]: reports are written only where their final target, links followed, is
//!   outside the archive;
//! - [`limits`]: the one table of caps on sizes, counts and time.

pub mod limits;
pub mod open;
pub mod output;
