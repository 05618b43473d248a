//! What changed between the ruleset a draft was made on and the one it is
//! opened with, from the outline the draft keeps.

use super::entry::Entry;
use crate::ruleset::model::Ruleset;
use std::collections::BTreeMap;

/// What changed between the ruleset a draft was made on and the one it is
/// opened with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesetChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (key, old maximum, new maximum)
    pub max_changed: Vec<(String, String, String)>,
    /// Entries of the draft whose item no longer exists: kept, shown, not counted.
    pub orphaned: Vec<String>,
}

impl RulesetChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.max_changed.is_empty() && self.orphaned.is_empty()
    }
}

/// A ruleset's outline: node key → maximum ("" where none). Drafts keep it.
pub fn outline(rs: &Ruleset) -> BTreeMap<String, String> {
    crate::map_of(rs.nodes.iter().map(|n| (n.key.clone(), n.max.or(n.cap).map(|m| m.normalize().to_string()).unwrap_or_default())))
}

/// Compares the outline a draft was saved with and the ruleset it is opened
/// with (by node key and maximum), and lists the draft's entries that have
/// no item any more.
pub fn ruleset_changes(old: &BTreeMap<String, String>, new: &Ruleset, entries: &BTreeMap<String, Entry>) -> RulesetChanges {
    let n = outline(new);
    let mut c = RulesetChanges::default();
    for (k, m) in &n {
        match old.get(k) {
            None => c.added.push(k.clone()),
            Some(om) if om != m => c.max_changed.push((k.clone(), om.clone(), m.clone())),
            _ => {}
        }
    }
    c.removed = old.keys().filter(|k| !n.contains_key(*k)).cloned().collect();
    c.orphaned = entries.iter().filter(|(k, e)| !n.contains_key(*k) && !e.is_empty()).map(|(k, _)| k.clone()).collect();
    c
}
