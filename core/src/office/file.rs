//! The consolidation file (format `cham-diem/consolidation`): the office's
//! work as one file, to keep, to hand to a colleague, to open next year as
//! "last year". It holds every input as it was given (the agencies' files,
//! the roster, the others' scores: exact bytes, each with its SHA-256), so
//! that whoever opens it redoes the same consolidation and can check each
//! dossier; and the published table as the office saw it, so that last
//! year's ranks are read without last year's rulesets.

use super::consolidate::Consolidation;
use crate::json::{Problem, ProblemKind};
use crate::record::{sha256_hex, Signer};
use crate::Lang;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const CONSOLIDATION_FORMAT: &str = "cham-diem/consolidation";
pub const CONSOLIDATION_FORMAT_VERSION: u32 = 1;
/// A consolidation holds every agency's file: far above one file's limit.
pub const MAX_CONSOLIDATION_BYTES: usize = 200 * 1024 * 1024;

/// The office's work, whole.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsolidationFile {
    /// Always "cham-diem/consolidation".
    #[cfg_attr(feature = "schema", schemars(extend("const" = CONSOLIDATION_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = CONSOLIDATION_FORMAT_VERSION)))]
    pub format_version: u32,
    pub app_version: String,
    /// The name the office gave this consolidation ("Chỉ số 01 — 2025").
    pub title: String,
    /// The ruleset id every file had to be made on; empty: each file's own.
    #[serde(default)]
    pub ruleset: String,
    /// Who consolidated, and when (ISO 8601 with the offset).
    pub by: Signer,
    pub at: String,
    /// What the consolidation was built from, in the order given.
    pub inputs: Vec<Input>,
    /// The published table when the file was saved, group by group.
    pub results: Vec<PublishedRow>,
}

/// What an input is to the consolidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InputRole {
    /// An agency's dossier or v1 submission.
    Agency,
    Roster,
    /// The scores given by others.
    Others,
}

/// One input, exactly as given: `text` when it is UTF-8 (JSON, CSV),
/// otherwise `base64` (a workbook).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub role: InputRole,
    /// The file's name (with its folder, when picked in one).
    pub name: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
}

/// One agency's line of the published table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedRow {
    pub group: String,
    pub code: String,
    pub agency: String,
    /// Absent when not ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Decimals as strings; absent while a part is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// The level reached, by classification id.
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    /// The notes in words, in the language of the file's author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// An input given back as bytes.
pub type InputBytes = (InputRole, String, Vec<u8>);

/// Reads a consolidation file; anything else is refused with the place.
pub fn parse_consolidation(text: &str) -> Result<ConsolidationFile, Vec<Problem>> {
    crate::json::parse_format_within(text, CONSOLIDATION_FORMAT, &[CONSOLIDATION_FORMAT_VERSION], MAX_CONSOLIDATION_BYTES)
}

impl ConsolidationFile {
    #[allow(clippy::too_many_arguments)]
    pub fn new(title: &str, ruleset: &str, by: Signer, at: &str, app_version: &str, inputs: &[InputBytes], c: &Consolidation, lang: Lang) -> Self {
        let inputs = inputs
            .iter()
            .map(|(role, name, bytes)| {
                let text = std::str::from_utf8(bytes).ok().map(str::to_string);
                let base64 = text.is_none().then(|| base64::engine::general_purpose::STANDARD.encode(bytes));
                Input { role: *role, name: name.clone(), sha256: sha256_hex(bytes), text, base64 }
            })
            .collect();
        let mut results = Vec::new();
        for g in &c.groups {
            for row in &g.rows {
                let total = row.published_total();
                results.push(PublishedRow {
                    group: g.name.clone(),
                    code: row.code.clone(),
                    agency: row.agency.clone(),
                    rank: row.rank,
                    points: total.map(|r| r.points.clone()),
                    max: total.map(|r| r.max.clone()),
                    percent: total.and_then(|r| r.percent.clone()),
                    levels: row.levels.iter().filter_map(|(id, l)| Some((id.clone(), l.clone()?))).collect(),
                    notes: row.notes.iter().map(|n| crate::text::office_note(n, lang)).collect(),
                });
            }
        }
        ConsolidationFile {
            format: CONSOLIDATION_FORMAT.into(),
            format_version: CONSOLIDATION_FORMAT_VERSION,
            app_version: app_version.into(),
            title: title.into(),
            ruleset: ruleset.into(),
            by,
            at: at.into(),
            inputs,
            results,
        }
    }

    /// The inputs as bytes, each checked against its SHA-256: every problem
    /// at its place (`inputs[3].sha256`).
    pub fn input_bytes(&self) -> Result<Vec<InputBytes>, Vec<Problem>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (i, input) in self.inputs.iter().enumerate() {
            let bytes = match (&input.text, &input.base64) {
                (Some(t), None) => t.clone().into_bytes(),
                (None, Some(b)) => match base64::engine::general_purpose::STANDARD.decode(b) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        problems.push(Problem::at(format!("inputs[{i}].base64"), ProblemKind::WrongValue { detail: e.to_string() }));
                        continue;
                    }
                },
                _ => {
                    problems.push(Problem::at(format!("inputs[{i}]"), ProblemKind::WrongValue { detail: "text | base64".into() }));
                    continue;
                }
            };
            if sha256_hex(&bytes) != input.sha256 {
                problems.push(Problem::at(format!("inputs[{i}].sha256"), ProblemKind::InputHashMismatch));
                continue;
            }
            out.push((input.role, input.name.clone(), bytes));
        }
        if problems.is_empty() { Ok(out) } else { Err(problems) }
    }

    /// Last year's line of an agency: by code, else by the exact name.
    pub fn previous(&self, code: &str, agency: &str) -> Option<&PublishedRow> {
        let by_code = (!code.is_empty()).then(|| self.results.iter().find(|r| r.code == code)).flatten();
        by_code.or_else(|| self.results.iter().find(|r| r.agency == agency))
    }
}
