//! A value for each worker thread of the sweep's pool: what the walk's folder tasks add to
//! without waiting on one another (their found files, the file names they share).

use std::sync::{Mutex, PoisonError};

/// One `T` for each thread of the rayon pool current when it is made, and one for callers
/// outside the pool. A thread only ever takes its own, so the locks are never contended;
/// they are there because rayon hands out tasks, not threads.
#[derive(Debug)]
pub(super) struct PerThread<T> {
    slots: Vec<Mutex<T>>,
}

impl<T: Default> PerThread<T> {
    /// A default `T` for each thread of the current pool and one for other callers.
    pub(super) fn new() -> PerThread<T> {
        PerThread {
            slots: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        }
    }
}

impl<T> PerThread<T> {
    /// Runs `f` on the calling thread's `T`.
    pub(super) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let slot = rayon::current_thread_index().map_or(0, |i| i + 1) % self.slots.len();
        let mut value = self.slots[slot]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        f(&mut value)
    }

    /// Every thread's `T`, the callers' outside the pool first.
    pub(super) fn into_inner(self) -> Vec<T> {
        self.slots
            .into_iter()
            .map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect()
    }
}
