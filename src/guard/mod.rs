//! Guards around everything an archive (or a user) can hand guicang: one place for the
//! policy of reading untrusted bytes.
//!
//! - [`open`]: files are opened without blocking, only when regular, links refused inside
//!   the archive, and never read past a size cap;
//! - [`dir`]: folders are opened from their parent's handle, never through a link;
//! - [`output`]: reports are written only where their final target, links followed, is
//!   outside the archive;
//! - [`isolate`]: parsers of untrusted bytes run in worker processes that can be
//!   stopped (time) and that cannot take the sweep down (memory);
//! - [`limits`]: the one table of caps on sizes, counts and time.

pub mod dir;
pub mod isolate;
pub mod limits;
pub mod open;
pub mod output;
