//! Strings many owners hold the same: made once, then shared (thousands of projects
//! repeat the same few dozen stage and document ids and names; a million files, a few
//! tens of thousands of file names).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Hands out one shared [`Arc<str>`] per distinct text, each text kept once (the set's
/// entries are the shared strings themselves). Not `Sync`: one per thread.
#[derive(Debug, Default)]
pub struct SharedStrings {
    made: RefCell<HashSet<Arc<str>>>,
}

impl SharedStrings {
    /// `text`, shared with every earlier request for the same text.
    pub fn get(&self, text: &str) -> Arc<str> {
        let mut made = self.made.borrow_mut();
        if let Some(shared) = made.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        made.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_is_made_once() {
        let strings = SharedStrings::default();
        let (a, b) = (strings.get("施工许可"), strings.get("施工许可"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &strings.get("竣工验收")));
    }
}
