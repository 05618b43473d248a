//! ENTRIES: what an agency typed, per item key — the part of a submission the
//! scoring depends on — and the results computed from it, as JSON.
//!
//! The `score` command reads ENTRIES; the web app will write the same shape
//! (and the drafts-and-submission work wraps it into the full submission).

use crate::decimal::Lang;
use crate::load::{Problem, ProblemKind};
use crate::model::Ruleset;
use crate::score::{Scorer, Value};
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
    /// Per node key ("1", "2/2.1/a"): the value as typed and not-applicable.
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Per condition id: the answer; absent = not answered.
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RulesetRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The value exactly as typed ("0,5"); absent or "" = not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The second number of a two-number rule, as typed: "45" of "50"
    /// dossiers on time (ratio bands), achieved of target (proportional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

/// Problems specific to entries (unknown keys and the like).
fn problem(path: String, kind: ProblemKind) -> Problem {
    Problem { path, line_col: None, kind }
}

impl EntriesFile {
    /// The entries of a scorer's current state (only what was touched).
    pub fn from_scorer(s: &Scorer) -> Self {
        let rs = s.ruleset();
        let mut entries = BTreeMap::new();
        for (id, n) in rs.nodes.iter().enumerate() {
            let raw = s.raw(id);
            let second = s.second(id);
            let na = s.is_not_applicable(id);
            if !raw.is_empty() || !second.is_empty() || na {
                entries.insert(
                    n.key.clone(),
                    Entry {
                        value: (!raw.is_empty()).then(|| raw.to_string()),
                        of: (!second.is_empty()).then(|| second.to_string()),
                        not_applicable: na,
                    },
                );
            }
        }
        let conditions = rs
            .conditions
            .iter()
            .enumerate()
            .filter_map(|(i, c)| s.answer(i).map(|a| (c.id.clone(), a)));
        let conditions = crate::map_of(conditions);
        EntriesFile {
            schema: None,
            format: ENTRIES_FORMAT.into(),
            format_version: ENTRIES_FORMAT_VERSION,
            ruleset: RulesetRef { id: rs.id.clone(), version: rs.version.clone() },
            entries,
            conditions,
        }
    }

    /// Applies the entries to a fresh scorer. Every entry that does not fit the
    /// ruleset is reported; nothing is silently dropped.
    pub fn apply(&self, s: &mut Scorer) -> Vec<Problem> {
        let rs = s.ruleset().clone();
        let mut problems = Vec::new();
        if self.format != ENTRIES_FORMAT {
            problems.push(problem("format".into(), ProblemKind::WrongValue { detail: format!("format is \"{}\", expected \"{ENTRIES_FORMAT}\"", self.format) }));
            return problems;
        }
        if self.format_version != ENTRIES_FORMAT_VERSION {
            problems.push(problem("format_version".into(), ProblemKind::UnsupportedVersion { found: self.format_version }));
            return problems;
        }
        if self.ruleset.id != rs.id {
            problems.push(problem(
                "ruleset.id".into(),
                ProblemKind::WrongValue { detail: format!("entries are for ruleset \"{}\", not \"{}\"", self.ruleset.id, rs.id) },
            ));
            return problems;
        }
        for (key, e) in &self.entries {
            let path = format!("entries.{key}");
            let Some(id) = rs.find(key) else {
                problems.push(problem(path, ProblemKind::UnknownItem { key: key.clone() }));
                continue;
            };
            if e.not_applicable && s.set_not_applicable(id, true).is_empty() && !s.is_not_applicable(id) {
                problems.push(problem(format!("{path}.not_applicable"), ProblemKind::WrongValue {
                    detail: format!("\"{key}\" cannot be marked not applicable"),
                }));
            }
            if e.value.is_some() || e.of.is_some() {
                let v = e.value.as_deref().unwrap_or("");
                if rs.nodes[id].is_item() {
                    s.set_pair(id, v, e.of.as_deref().unwrap_or(""));
                } else {
                    problems.push(problem(format!("{path}.value"), ProblemKind::WrongValue {
                        detail: format!("\"{key}\" is a group; its points are the sum of its parts"),
                    }));
                }
            }
        }
        for (cid, &answer) in &self.conditions {
            match rs.conditions.iter().position(|c| &c.id == cid) {
                Some(i) => s.set_answer(i, Some(answer)),
                None => problems.push(problem(format!("conditions.{cid}"), ProblemKind::UnknownCondition { id: cid.clone() })),
            }
        }
        problems
    }
}

/// The results of one self-assessment, as `score` prints them. Decimals are
/// strings; percentages are rounded half-up to two decimals.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub ruleset: RulesetRef,
    pub points: String,
    pub max: String,
    pub percent: Option<String>,
    pub is_final: bool,
    pub groups: Vec<GroupResult>,
    pub classifications: Vec<ClassificationResult>,
    pub unscored: Vec<String>,
    pub invalid: Vec<InvalidEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupResult {
    pub key: String,
    pub points: String,
    pub max: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub capped: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassificationResult {
    pub id: String,
    pub points: String,
    pub max: String,
    pub percent: Option<String>,
    /// The level decided; `None` when the percentage is undetermined.
    pub level: Option<String>,
    /// A higher level that waits on unanswered conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_if_conditions_hold: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InvalidEntry {
    pub key: String,
    pub typed: String,
    pub message: String,
}

fn s(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

impl Results {
    pub fn of(sc: &Scorer, lang: Lang) -> Self {
        let rs: &Ruleset = sc.ruleset();
        let sum = sc.summary();
        let groups = rs
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.is_item() || n.depth == 0)
            .map(|(id, n)| {
                let a = sc.agg(id);
                GroupResult { key: n.key.clone(), points: s(a.points), max: s(a.max), capped: a.capped, not_applicable: a.not_applicable }
            })
            .collect();
        let classifications = rs
            .classifications
            .iter()
            .zip(&sum.classifications)
            .map(|(c, r)| ClassificationResult {
                id: c.id.clone(),
                points: s(r.points),
                max: s(r.max),
                percent: r.percent.map(|p| p.to_string()),
                level: r.outcome.as_ref().map(|o| c.levels[o.level].label.clone()),
                level_if_conditions_hold: r.outcome.as_ref().and_then(|o| o.pending.as_ref()).map(|(l, _)| c.levels[*l].label.clone()),
            })
            .collect();
        let mut unscored = Vec::new();
        let mut invalid = Vec::new();
        for &id in &rs.items {
            if sc.agg(id).not_applicable {
                continue;
            }
            match sc.value(id) {
                Value::Blank if sc.agg(id).unscored > 0 => unscored.push(rs.nodes[id].key.clone()),
                Value::Invalid(e) => invalid.push(InvalidEntry {
                    key: rs.nodes[id].key.clone(),
                    typed: sc.raw(id).to_string(),
                    message: crate::score::describe_value_error(e, lang),
                }),
                _ => {}
            }
        }
        Results {
            ruleset: RulesetRef { id: rs.id.clone(), version: rs.version.clone() },
            points: s(sum.points),
            max: s(sum.max),
            percent: sum.percent.map(|p| p.to_string()),
            is_final: sum.is_final(),
            groups,
            classifications,
            unscored,
            invalid,
        }
    }
}
