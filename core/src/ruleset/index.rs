//! `rulesets/index.json`: the list of bundled rulesets the app offers, so a
//! new ruleset file needs an index line, not a code change.

use serde::{Deserialize, Serialize};

pub const INDEX_FORMAT: &str = "cham-diem/ruleset-index";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RulesetIndex {
    /// Path or URL of the JSON Schema, for editors; ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[cfg_attr(feature = "schema", schemars(extend("const" = INDEX_FORMAT)))]
    pub format: String,
    pub format_version: u32,
    /// Id of the ruleset the app opens first.
    pub default: String,
    pub rulesets: Vec<IndexEntry>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    pub id: String,
    /// File name, relative to the index.
    pub file: String,
    /// Name shown in the selector.
    pub title: String,
    /// An example self-assessment (ENTRIES file, relative to the index) that
    /// trainers load with one click; clearly marked as an example.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Earlier versions of this ruleset the site still serves, so that a
    /// submission made on one of them is checked against the file it was
    /// made with. Each file is a byte-identical copy, named after its
    /// SHA-256 and never edited (docs/guide.md §8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub archive: Vec<ArchivedVersion>,
    /// The agencies assessed on this index as its source lists them (a
    /// roster CSV `code,agency,group`, relative to the index): the office
    /// page offers it (rulesets/rosters/README.md says where each comes from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<String>,
}

/// One earlier version of a ruleset, kept beside the current one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ArchivedVersion {
    /// SHA-256 of the file, lowercase hex: what a submission made on it records.
    pub sha256: String,
    /// The file's `version` (several copies may share one).
    pub version: String,
    /// File name, relative to the index: `archive/<sha256>.json`.
    pub file: String,
}

impl RulesetIndex {
    pub fn default_entry(&self) -> Option<&IndexEntry> {
        self.rulesets.iter().find(|e| e.id == self.default).or(self.rulesets.first())
    }
}

impl IndexEntry {
    /// The kept earlier version of this ruleset whose file hashes to `sha256`.
    pub fn archived(&self, sha256: &str) -> Option<&ArchivedVersion> {
        self.archive.iter().find(|a| a.sha256 == sha256)
    }
}
