//! The checklist before export: what is unscored, invalid, without evidence
//! or explanation, unanswered, or waiting for others. Files store it; an
//! import recomputes and compares.

use super::entry::Entry;
use crate::ruleset::file::{AssessedBy, EvidenceRule};
use crate::score::{Scorer, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Items that need attention before export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// True when nothing below is listed.
    pub complete: bool,
    pub unscored: Vec<String>,
    pub invalid: Vec<String>,
    /// Items with points (or always requiring evidence) and neither evidence nor explanation.
    pub missing_evidence: Vec<String>,
    /// Condition ids not answered.
    pub unanswered_conditions: Vec<String>,
    /// Parts scored by others with no value yet.
    pub awaiting_others: Vec<String>,
}

/// Whether an item needs evidence (or, lacking it, an explanation) and has neither.
pub fn missing_evidence(rule: EvidenceRule, value: &Value, entry: Option<&Entry>) -> bool {
    let needed = match rule {
        EvidenceRule::Never => false,
        EvidenceRule::Always => true,
        EvidenceRule::WhenPoints => matches!(value, Value::Valid(v) if !v.is_zero()),
    };
    let has = entry.is_some_and(Entry::is_supported);
    needed && !has
}

/// What is left to do on a self-assessment: `entries` are the agency's
/// (their evidence and explanations), `s` the scorer holding them.
pub fn checklist(entries: &BTreeMap<String, Entry>, s: &Scorer) -> Checklist {
    let rs = s.ruleset();
    let mut c = Checklist::default();
    for &id in &rs.items {
        let n = rs.node(id);
        if s.agg(id).not_applicable {
            continue;
        }
        let v = s.value(id);
        match v {
            Value::Blank if s.agg(id).unscored > 0 => c.unscored.push(n.key.clone()),
            Value::Blank if s.agg(id).awaiting > 0 => c.awaiting_others.push(n.key.clone()),
            Value::Invalid(_) => c.invalid.push(n.key.clone()),
            _ => {}
        }
        if n.assessed_by == AssessedBy::SelfScored && missing_evidence(n.evidence, v, entries.get(&n.key)) {
            c.missing_evidence.push(n.key.clone());
        }
    }
    c.unanswered_conditions =
        rs.conditions.iter().enumerate().filter(|(i, _)| s.answer(*i).is_none()).map(|(_, x)| x.id.clone()).collect();
    c.complete = c.unscored.is_empty()
        && c.invalid.is_empty()
        && c.missing_evidence.is_empty()
        && c.unanswered_conditions.is_empty()
        && c.awaiting_others.is_empty();
    c
}

