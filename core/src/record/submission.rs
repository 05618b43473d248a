//! The submission file of format version 1 (`cham-diem/submission`): a
//! draft plus the results and checklist computed at export, stamped with the
//! ruleset's SHA-256. Still read (and checked by its own rules); new exports
//! are dossiers (`record::dossier`).

use super::checklist::{checklist, Checklist};
use super::draft::Draft;
use super::entry::{Agency, Entry, RulesetStamp};
use super::results::Results;
use crate::json::Problem;
use crate::score::{Scorer, Value};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SUBMISSION_FORMAT: &str = "cham-diem/submission";
pub const SUBMISSION_FORMAT_VERSION: u32 = 1;

/// The file an agency uploads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    #[cfg_attr(feature = "schema", schemars(description = "The JSON Schema of this file, for editors (e.g. \"../docs/submission.schema.json\"); ignored when loading."))]
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "cham-diem/submission".
    #[cfg_attr(feature = "schema", schemars(extend("const" = SUBMISSION_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = SUBMISSION_FORMAT_VERSION)))]
    pub format_version: u32,
    /// Version of Chấm điểm that wrote the file.
    pub app_version: String,
    pub ruleset: RulesetStamp,
    pub agency: Agency,
    pub entries: BTreeMap<String, Entry>,
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
    /// The results computed when exported; an import recomputes and compares.
    pub results: Results,
    pub checklist: Checklist,
    pub created_at: String,
    pub updated_at: String,
}

impl Submission {
    pub fn build(draft: &Draft, s: &Scorer, app_version: &str) -> Self {
        let rs = s.ruleset();
        // Entries and answers the ruleset has no place for (left over from an
        // older version of it) stay in the draft but are not exported: the
        // file is for this ruleset, and an import would refuse to verify them.
        let entries = draft
            .entries
            .iter()
            .filter(|(k, e)| !e.is_empty() && rs.find(k).is_some())
            .map(|(k, e)| {
                let id = rs.find(k);
                let points = id.and_then(|id| match s.value(id) {
                    Value::Valid(v) => Some(v.normalize().to_string()),
                    _ => None,
                });
                let scored_by = id.map(|id| rs.node(id).assessed_by).unwrap_or_default();
                let entry = Entry {
                    points,
                    scored_by: Some(scored_by),
                    evidence: e.evidence.iter().filter(|x| !x.is_blank()).cloned().collect(),
                    ..e.as_typed()
                };
                (k.clone(), entry)
            });
        let entries = crate::map_of(entries);
        Submission {
            schema: None,
            format: SUBMISSION_FORMAT.into(),
            format_version: SUBMISSION_FORMAT_VERSION,
            app_version: app_version.into(),
            ruleset: draft.ruleset.clone(),
            agency: draft.agency.clone(),
            entries,
            conditions: crate::map_of(
                draft.conditions.iter().filter(|(id, _)| rs.conditions.iter().any(|c| &c.id == *id)).map(|(id, &a)| (id.clone(), a)),
            ),
            results: Results::of(s, Lang::Vi),
            checklist: checklist(&draft.entries, s),
            created_at: draft.created_at.clone(),
            updated_at: draft.updated_at.clone(),
        }
    }

    /// The draft this submission continues (a new id is the caller's).
    pub fn to_draft(&self, id: String) -> Draft {
        let mut d = Draft::new(id, self.ruleset.clone(), &self.created_at);
        d.agency = self.agency.clone();
        d.entries = crate::map_of(self.entries.iter().map(|(k, e)| (k.clone(), e.as_typed())));
        d.conditions = self.conditions.clone();
        d.updated_at = self.updated_at.clone();
        d
    }
}


/// Reads a submission file (refusing anything else, with the place of the problem).
pub fn parse_submission(text: &str) -> Result<Submission, Vec<Problem>> {
    crate::json::parse_format(text, SUBMISSION_FORMAT, &[SUBMISSION_FORMAT_VERSION])
}
