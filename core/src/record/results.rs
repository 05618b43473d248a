//! The results of a self-assessment or of a stage, as files carry them and
//! `chamdiem score` prints them: decimals as strings, percentages rounded
//! half-up to two decimals.

use super::entry::RulesetRef;
use crate::decimal::Lang;
use crate::ruleset::model::Ruleset;
use crate::score::{Scorer, Value};
use serde::{Deserialize, Serialize};

/// The results of one scorer state.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
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
    /// Parts scored by others (survey, leaders) counted at the agency's own
    /// estimate: a dossier stage's results are provisional while any is
    /// listed. Never written by v1 files (which count estimates by v1's rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimates: Vec<String>,
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

impl GroupResult {
    /// Node `id`'s points and maximum as the scorer has them.
    pub fn of(sc: &Scorer, id: usize) -> Self {
        let a = sc.agg(id);
        GroupResult { key: sc.ruleset().nodes[id].key.clone(), points: s(a.points), max: s(a.max), capped: a.capped, not_applicable: a.not_applicable }
    }
}

impl Results {
    /// The results of a dossier stage: as [`Results::of`], with the parts
    /// counted at an estimate listed and the results then not final.
    pub fn of_stage(sc: &Scorer, lang: Lang, estimates: Vec<String>) -> Self {
        let mut r = Results::of(sc, lang);
        r.is_final &= estimates.is_empty();
        r.estimates = estimates;
        r
    }

    pub fn of(sc: &Scorer, lang: Lang) -> Self {
        let rs: &Ruleset = sc.ruleset();
        let sum = sc.summary();
        let groups = rs
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.is_item() || n.depth == 0)
            .map(|(id, _)| GroupResult::of(sc, id))
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
            if let Value::Invalid(e) = sc.unassigned(id) {
                invalid.push(InvalidEntry {
                    key: rs.nodes[id].key.clone(),
                    typed: sc.unassigned_raw(id).to_string(),
                    message: crate::text::unassigned_error(e, lang),
                });
            }
            match sc.value(id) {
                Value::Blank if sc.agg(id).unscored > 0 => unscored.push(rs.nodes[id].key.clone()),
                Value::Invalid(e) => invalid.push(InvalidEntry {
                    key: rs.nodes[id].key.clone(),
                    typed: sc.raw(id).to_string(),
                    message: crate::text::value_error(e, lang),
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
            estimates: Vec::new(),
        }
    }
}
