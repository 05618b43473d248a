//! A self-assessment in progress, as the browser keeps it (format
//! `cham-diem/draft`): everything the agency entered for one ruleset, and
//! the ruleset's outline when last saved.
//!
//! Version 2 has the one entry type with file references and unassigned
//! points. A version-1 draft (what the app stored before) reads as it is and
//! is upgraded on reading; the browser copies it to a new key, never moving
//! it, so a tab still running the old app neither sees nor sets aside what
//! the new one writes.

use super::entries::apply;
use super::entry::{Agency, Entry, RulesetStamp};
use crate::json::Problem;
use crate::ruleset::model::Ruleset;
use crate::score::Scorer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DRAFT_FORMAT: &str = "cham-diem/draft";
pub const DRAFT_FORMAT_VERSION: u32 = 2;
/// Every version read: 1 (before the dossier) and 2.
pub const DRAFT_FORMAT_VERSIONS: [u32; 2] = [1, DRAFT_FORMAT_VERSION];

/// Reads a stored draft of any supported version, upgraded to the current one.
pub fn parse_draft(text: &str) -> Result<Draft, Vec<Problem>> {
    let mut d: Draft = crate::json::parse_format(text, DRAFT_FORMAT, &DRAFT_FORMAT_VERSIONS)?;
    d.format_version = DRAFT_FORMAT_VERSION;
    Ok(d)
}

/// A self-assessment in progress, as kept in the browser's storage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// Always "cham-diem/draft".
    #[cfg_attr(feature = "schema", schemars(extend("const" = DRAFT_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = DRAFT_FORMAT_VERSIONS)))]
    pub format_version: u32,
    /// Unique id of the draft in this browser.
    pub id: String,
    /// The name shown in the list of drafts.
    #[serde(default)]
    pub name: String,
    /// A bundled example loaded for training, not an agency's own work.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    pub ruleset: RulesetStamp,
    #[serde(default)]
    pub agency: Agency,
    /// Per node key ("1", "2/2.1/a").
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Per condition id; absent = not answered.
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
    /// The ruleset's outline when the draft was last saved (node key →
    /// maximum, "" where none), so a changed ruleset can be compared with it.
    #[serde(default)]
    pub outline: BTreeMap<String, String>,
    /// ISO 8601 with offset.
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

impl Draft {
    pub fn new(id: String, ruleset: RulesetStamp, now: &str) -> Self {
        Draft {
            format: DRAFT_FORMAT.into(),
            format_version: DRAFT_FORMAT_VERSION,
            id,
            name: String::new(),
            example: false,
            ruleset,
            agency: Agency::default(),
            entries: BTreeMap::new(),
            conditions: BTreeMap::new(),
            outline: BTreeMap::new(),
            created_at: now.into(),
            updated_at: now.into(),
        }
    }

    /// A scorer holding this draft's entries. Entries that no longer fit the
    /// ruleset are returned as problems (and kept in the draft, never dropped);
    /// a draft may be opened on a newer version of its ruleset.
    pub fn scorer(&self, rs: std::sync::Arc<Ruleset>) -> (Scorer, Vec<Problem>) {
        let mut s = Scorer::new(rs);
        let problems = apply(&self.entries, &self.conditions, &mut s, "");
        (s, problems)
    }

    /// Default file name of the export: agency, ruleset and year, ASCII only.
    pub fn file_name(&self) -> String {
        super::names::export_name(&self.agency, &self.ruleset.id, None)
    }
}

