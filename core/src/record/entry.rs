//! What a person put on an item — the one entry type of every file: ENTRIES,
//! drafts, v1 submissions and each stage of a dossier — and the blocks every
//! record shares (which ruleset, which agency, who signed a stage).
//!
//! Which fields a file may carry is the file's rule, checked where it is read
//! (`record::dossier` for the stages); the type is the same everywhere.

use crate::ruleset::file::AssessedBy;
use serde::{Deserialize, Serialize};

/// Which ruleset, by id and version (ENTRIES, results).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RulesetRef {
    pub id: String,
    pub version: String,
}

/// Which ruleset, exactly: id, version and the hash of the file used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RulesetStamp {
    pub id: String,
    pub version: String,
    /// SHA-256 of the ruleset file, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Sở, ban, ngành.
    #[default]
    Department,
    /// Đơn vị sự nghiệp công lập.
    PublicServiceUnit,
    /// UBND xã, phường.
    Commune,
    Other,
}

impl AgencyKind {
    /// The kind's name in files ("public_service_unit").
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Department => "department",
            AgencyKind::PublicServiceUnit => "public_service_unit",
            AgencyKind::Commune => "commune",
            AgencyKind::Other => "other",
        }
    }
}

/// The agency assessing itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    #[serde(default)]
    pub name: String,
    /// A stable code given by the provincial office (its roster matches on
    /// it); empty when not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default)]
    pub kind: AgencyKind,
    /// The year assessed, as typed ("2025").
    #[serde(default)]
    pub year: String,
    /// The person preparing the self-assessment.
    #[serde(default)]
    pub preparer: String,
    /// Telephone or e-mail of the preparer.
    #[serde(default)]
    pub contact: String,
}

/// Who made a stage, or appraised an item: unit and person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// The unit (cơ quan, đơn vị), e.g. "Sở Tư pháp".
    #[serde(default)]
    pub unit: String,
    /// The person's name.
    #[serde(default)]
    pub person: String,
}

/// A file attached to an evidence row. The content travels in the evidence
/// package (`tai-lieu/…` in a ZIP, docs/goi-ho-so.md); the record holds
/// what identifies it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// The file's name as the agency gave it ("Quyết định 215.pdf").
    pub name: String,
    /// Media type ("application/pdf"); "" when the browser did not know it.
    #[serde(default, rename = "type")]
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Path inside the package, when the file travels in one:
    /// "tai-lieu/<item key>/<safe name>" ("tai-lieu/2/2.1/Quyết định 215.pdf"),
    /// given by `package::plan` before the stage is sealed. Empty when the
    /// dossier is sent without its files.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
}

/// One evidence document (tài liệu kiểm chứng): a reference, its files, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Document number (số hiệu), e.g. "123/QĐ-SNV".
    #[serde(default)]
    pub number: String,
    /// Date, dd/mm/yyyy.
    #[serde(default)]
    pub date: String,
    /// Summary (trích yếu).
    #[serde(default)]
    pub summary: String,
    /// Optional http(s) link; shown as text and as a link, never as HTML.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// Files of this document; a file alone is evidence by itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRef>,
}

/// Why an evidence reference is not accepted (words in `crate::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceError {
    NoNumberOrSummary,
    BadDate,
    BadLink,
}

/// A calendar date written dd/mm/yyyy (leading zeros optional).
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('/').collect();
    let [d, m, y] = parts.as_slice() else { return false };
    let num = |t: &str, max_len: usize| -> Option<u32> {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    };
    let (Some(d), Some(m), Some(y)) = (num(d, 2), num(m, 2), num(y, 4)) else { return false };
    if y < 1900 || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
    d <= days
}

impl Evidence {
    /// Problems with this reference; empty when it is acceptable.
    pub fn problems(&self) -> Vec<EvidenceError> {
        let mut v = Vec::new();
        if self.number.trim().is_empty() && self.summary.trim().is_empty() && self.files.is_empty() {
            v.push(EvidenceError::NoNumberOrSummary);
        }
        if !self.date.trim().is_empty() && !valid_date(&self.date) {
            v.push(EvidenceError::BadDate);
        }
        let link = self.link.trim().to_ascii_lowercase();
        let web = link.starts_with("https://") || link.starts_with("http://");
        if (!link.is_empty() && !web) || link.contains(char::is_whitespace) {
            v.push(EvidenceError::BadLink);
        }
        v
    }

    pub fn is_blank(&self) -> bool {
        self.number.trim().is_empty()
            && self.date.trim().is_empty()
            && self.summary.trim().is_empty()
            && self.link.trim().is_empty()
            && self.files.is_empty()
    }
}

/// Points of a lump-sum item that belong to criteria the agency is not
/// assigned: stated with an explanation, they leave the item's maximum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Unassigned {
    /// The points, as typed ("5").
    pub points: String,
    /// Why these criteria are not the agency's.
    #[serde(default)]
    pub explanation: String,
}

/// What a person put on one item (or a group marked not applicable).
///
/// The agency fills `value`, `of`, `not_applicable`, `unassigned`,
/// `evidence` and `explanation`; an appraiser `value`, `of`,
/// `not_applicable`, `reason` and `by`; the agency's response `agreed` or an
/// explanation with evidence. `points` and `scored_by` are computed when a
/// file is written and checked against a recomputation when it is read,
/// never trusted.
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
    /// Computed: the points the value earns, as a decimal string; absent
    /// when blank or invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unassigned: Option<Unassigned>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Giải trình (the agency's explanation).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    /// Lý do (an appraiser's reason for a score or a changed mark).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// In a response stage: the agency agrees with the appraisal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub agreed: bool,
    /// Who appraised this item, when not the stage's signer (several council
    /// members each covering some areas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Signer>,
    /// Computed: who gives the points ("self", "survey" or "leaders").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scored_by: Option<AssessedBy>,
}

impl Entry {
    /// Has something that changes the score: a value, a second number, a
    /// not-applicable mark or unassigned points.
    pub fn scores(&self) -> bool {
        !self.value.as_deref().unwrap_or("").is_empty()
            || !self.of.as_deref().unwrap_or("").is_empty()
            || self.not_applicable
            || self.unassigned.is_some()
    }

    /// Has evidence (a non-blank reference or a file) or an explanation.
    pub fn is_supported(&self) -> bool {
        self.evidence.iter().any(|x| !x.is_blank()) || !self.explanation.trim().is_empty()
    }

    /// Nothing a person put here: no score, no support, no reason, no answer.
    pub fn is_empty(&self) -> bool {
        !self.scores() && !self.is_supported() && self.reason.trim().is_empty() && !self.agreed
    }

    /// The entry as a person left it, without what a file computes.
    pub fn as_typed(&self) -> Entry {
        Entry { points: None, scored_by: None, ..self.clone() }
    }
}
