//! ENTRIES: what was typed, per item key, and answers to conditions — the
//! part of a record the scoring depends on. `apply` puts a map of entries on
//! a scorer; every record (ENTRIES file, draft, submission, dossier stage)
//! goes through it, each misfit reported with its JSON path.

use super::entry::{Entry, RulesetRef};
use crate::json::{Problem, ProblemKind};
use crate::score::Scorer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const ENTRIES_FORMAT: &str = "cham-diem/entries";
pub const ENTRIES_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EntriesFile {
    #[cfg_attr(feature = "schema", schemars(description = "The JSON Schema of this file, for editors (e.g. \"../docs/entries.schema.json\"); ignored when loading."))]
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "cham-diem/entries".
    #[cfg_attr(feature = "schema", schemars(extend("const" = ENTRIES_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = ENTRIES_FORMAT_VERSION)))]
    pub format_version: u32,
    pub ruleset: RulesetRef,
    /// Per node key ("1", "2/2.1/a").
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Per condition id: the answer; absent = not answered.
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
}

/// The scoring part of a scorer's state (only what was touched).
pub fn entries_of(s: &Scorer) -> BTreeMap<String, Entry> {
    let rs = s.ruleset();
    let touched = rs.nodes.iter().enumerate().filter_map(|(id, n)| {
        let (raw, second, na) = (s.raw(id), s.second(id), s.is_not_applicable(id));
        (!raw.is_empty() || !second.is_empty() || na).then(|| {
            let e = Entry {
                value: (!raw.is_empty()).then(|| raw.to_string()),
                of: (!second.is_empty()).then(|| second.to_string()),
                not_applicable: na,
                ..Entry::default()
            };
            (n.key.clone(), e)
        })
    });
    crate::map_of(touched)
}

/// The answers of a scorer's state, by condition id.
pub fn answers_of(s: &Scorer) -> BTreeMap<String, bool> {
    let rs = s.ruleset();
    crate::map_of(rs.conditions.iter().enumerate().filter_map(|(i, c)| s.answer(i).map(|a| (c.id.clone(), a))))
}

/// Puts entries and answers on a scorer. `at` is the JSON path of the
/// record holding them ("" for a file's top level, "stages[1]" for a
/// stage). Every entry that does not fit the ruleset is reported; nothing is
/// silently dropped. Only what scores is applied: evidence and words are the
/// record's, not the scorer's.
pub fn apply(entries: &BTreeMap<String, Entry>, conditions: &BTreeMap<String, bool>, s: &mut Scorer, at: &str) -> Vec<Problem> {
    apply_each(entries.iter(), conditions, s, at)
}

/// [`apply`] over entries borrowed one by one (a dossier's replay applies a
/// stage's entries without copying them into a map of their own).
pub fn apply_each<'a>(entries: impl Iterator<Item = (&'a String, &'a Entry)>, conditions: &BTreeMap<String, bool>, s: &mut Scorer, at: &str) -> Vec<Problem> {
    let rs = s.ruleset().clone();
    let dot = if at.is_empty() { String::new() } else { format!("{at}.") };
    let mut problems = Vec::new();
    // An entry with only evidence or words carries nothing to score.
    let scoring = entries.filter(|(_, e)| e.value.is_some() || e.of.is_some() || e.not_applicable || e.unassigned.is_some());
    // The values are set together at the end: the totals above them are
    // recomputed once, not after each (the end state is the same).
    let mut pairs = Vec::new();
    for (key, e) in scoring {
        // Written only for a problem (a dossier's replay applies thousands of entries).
        let path = || format!("{dot}entries.{key}");
        let Some(id) = rs.find(key) else {
            problems.push(Problem::at(path(), ProblemKind::UnknownItem { key: key.clone() }));
            continue;
        };
        if e.not_applicable && s.set_not_applicable(id, true).is_empty() && !s.is_not_applicable(id) {
            problems.push(Problem::at(format!("{}.not_applicable", path()), ProblemKind::CannotBeNotApplicable { key: key.clone() }));
        }
        if let Some(u) = &e.unassigned {
            if !rs.nodes[id].unassigned_allowed {
                problems.push(Problem::at(format!("{}.unassigned", path()), ProblemKind::UnassignedNotAllowed { key: key.clone() }));
            } else {
                s.set_unassigned(id, &u.points);
            }
        }
        if e.value.is_some() || e.of.is_some() {
            let v = e.value.as_deref().unwrap_or("");
            if rs.nodes[id].is_item() {
                pairs.push((id, v, e.of.as_deref().unwrap_or("")));
            } else {
                problems.push(Problem::at(format!("{}.value", path()), ProblemKind::ValueOnGroup { key: key.clone() }));
            }
        }
    }
    s.set_pairs(pairs);
    for (cid, &answer) in conditions {
        match rs.conditions.iter().position(|c| &c.id == cid) {
            Some(i) => s.set_answer(i, Some(answer)),
            None => problems.push(Problem::at(format!("{dot}conditions.{cid}"), ProblemKind::UnknownCondition { id: cid.clone() })),
        }
    }
    problems
}

impl EntriesFile {
    /// The entries of a scorer's current state.
    pub fn from_scorer(s: &Scorer) -> Self {
        let rs = s.ruleset();
        EntriesFile {
            schema: None,
            format: ENTRIES_FORMAT.into(),
            format_version: ENTRIES_FORMAT_VERSION,
            ruleset: RulesetRef { id: rs.id.clone(), version: rs.version.clone() },
            entries: entries_of(s),
            conditions: answers_of(s),
        }
    }

    /// Applies the entries to a fresh scorer, after checking the file is
    /// ENTRIES for this ruleset.
    pub fn apply(&self, s: &mut Scorer) -> Vec<Problem> {
        if let Err(p) = crate::json::check_format(&self.format, self.format_version, ENTRIES_FORMAT, &[ENTRIES_FORMAT_VERSION]) {
            return vec![p];
        }
        let rs = s.ruleset().clone();
        if self.ruleset.id != rs.id {
            return vec![Problem::at("ruleset.id", ProblemKind::OtherRuleset { found: self.ruleset.id.clone(), expected: rs.id.clone() })];
        }
        apply(&self.entries, &self.conditions, s, "")
    }
}
