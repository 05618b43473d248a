//! Drafts (kept in the browser) and the submission file (exported for upload).
//!
//! A draft is everything an agency entered for one ruleset: values,
//! not-applicable marks, evidence, explanations, answers to conditions and
//! the agency's details. A submission is a draft plus the computed results
//! and a checklist, stamped with the ruleset's SHA-256, so the provincial
//! office can verify it against the published ruleset.

use crate::entries::{Entry, EntriesFile, Results, RulesetRef, ENTRIES_FORMAT, ENTRIES_FORMAT_VERSION};
use crate::file::{AssessedBy, EvidenceRule};
use crate::load::{parse_json, Problem};
use crate::model::Ruleset;
use crate::score::{Scorer, Value};
use crate::Lang;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const DRAFT_FORMAT: &str = "cham-diem/draft";
pub const DRAFT_FORMAT_VERSION: u32 = 1;
pub const SUBMISSION_FORMAT: &str = "cham-diem/submission";
pub const SUBMISSION_FORMAT_VERSION: u32 = 1;

/// SHA-256 of a ruleset file's bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
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
    /// The kind's name in draft and submission files ("public_service_unit").
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

/// One evidence document (tài liệu kiểm chứng).
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
}

/// Why an evidence reference is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceError {
    NoNumberOrSummary,
    BadDate,
    BadLink,
}

impl EvidenceError {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EvidenceError::NoNumberOrSummary, Lang::Vi) => "Cần số hiệu hoặc trích yếu của văn bản.",
            (EvidenceError::NoNumberOrSummary, Lang::En) => "A document number or summary is needed.",
            (EvidenceError::BadDate, Lang::Vi) => "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/12/2025.",
            (EvidenceError::BadDate, Lang::En) => "The date must be dd/mm/yyyy, e.g. 05/12/2025.",
            (EvidenceError::BadLink, Lang::Vi) => "Liên kết phải bắt đầu bằng http:// hoặc https://.",
            (EvidenceError::BadLink, Lang::En) => "The link must start with http:// or https://.",
        }
    }
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
        if self.number.trim().is_empty() && self.summary.trim().is_empty() {
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
        self.number.trim().is_empty() && self.date.trim().is_empty() && self.summary.trim().is_empty() && self.link.trim().is_empty()
    }
}

/// What was entered for one item (or a group marked not applicable).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Giải trình.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
}

impl DraftEntry {
    /// Has evidence (a non-blank reference) or an explanation.
    pub fn is_supported(&self) -> bool {
        self.evidence.iter().any(|x| !x.is_blank()) || !self.explanation.trim().is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.value.as_deref().unwrap_or("").is_empty()
            && self.of.as_deref().unwrap_or("").is_empty()
            && !self.not_applicable
            && self.evidence.iter().all(Evidence::is_blank)
            && self.explanation.trim().is_empty()
    }
}

/// A self-assessment in progress, as kept in the browser's storage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// Always "cham-diem/draft".
    #[cfg_attr(feature = "schema", schemars(extend("const" = DRAFT_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = DRAFT_FORMAT_VERSION)))]
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
    pub entries: BTreeMap<String, DraftEntry>,
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

    /// The scoring part, as ENTRIES.
    pub fn to_entries(&self) -> EntriesFile {
        EntriesFile {
            schema: None,
            format: ENTRIES_FORMAT.into(),
            format_version: ENTRIES_FORMAT_VERSION,
            ruleset: RulesetRef { id: self.ruleset.id.clone(), version: self.ruleset.version.clone() },
            entries: crate::map_of(
                self.entries
                    .iter()
                    .filter(|(_, e)| e.value.is_some() || e.of.is_some() || e.not_applicable)
                    .map(|(k, e)| (k.clone(), Entry { value: e.value.clone(), of: e.of.clone(), not_applicable: e.not_applicable })),
            ),
            conditions: self.conditions.clone(),
        }
    }

    /// A scorer holding this draft's entries. Entries that no longer fit the
    /// ruleset are returned as problems (and kept in the draft, never dropped).
    pub fn scorer(&self, rs: std::sync::Arc<Ruleset>) -> (Scorer, Vec<Problem>) {
        let mut s = Scorer::new(rs);
        let mut e = self.to_entries();
        // A draft may be opened on a newer version of the same ruleset.
        e.ruleset.id = s.ruleset().id.clone();
        let problems = e.apply(&mut s);
        (s, problems)
    }

    /// Default file name of the export: agency, ruleset and year, ASCII only.
    pub fn file_name(&self) -> String {
        let agency = if self.agency.name.trim().is_empty() { "co-quan" } else { self.agency.name.as_str() };
        let year = if self.agency.year.trim().is_empty() { "nam" } else { self.agency.year.as_str() };
        format!("{}_{}_{}.json", slug(agency), slug(&self.ruleset.id), slug(year))
    }
}

/// ASCII, lower case, words joined by "-": "Sở Nội vụ" → "so-noi-vu".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(fold_vietnamese) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-').to_string();
    if t.is_empty() { "x".into() } else { t }
}

/// Drops Vietnamese diacritics (and đ → d) for file names.
fn fold_vietnamese(c: char) -> Option<char> {
    const GROUPS: [(&str, char); 12] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
    ];
    if c == 'đ' {
        return Some('d');
    }
    if c == 'Đ' {
        return Some('D');
    }
    if c.is_ascii() {
        return Some(c);
    }
    // Combining diacritics (decomposed text: "o" + U+031B + U+0309 for "ở")
    // belong to the letter before them.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    GROUPS.iter().find(|(set, _)| set.contains(c)).map(|&(_, base)| base).or(Some(' '))
}

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
pub fn missing_evidence(rule: EvidenceRule, value: &Value, entry: Option<&DraftEntry>) -> bool {
    let needed = match rule {
        EvidenceRule::Never => false,
        EvidenceRule::Always => true,
        EvidenceRule::WhenPoints => matches!(value, Value::Valid(v) if !v.is_zero()),
    };
    let has = entry.is_some_and(DraftEntry::is_supported);
    needed && !has
}

pub fn checklist(draft: &Draft, s: &Scorer) -> Checklist {
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
        if n.assessed_by == AssessedBy::SelfScored && missing_evidence(n.evidence, v, draft.entries.get(&n.key)) {
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

/// One entry of a submission: what was typed, its decimal value, and who scores it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubmissionEntry {
    /// As typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The points the value earns, as a decimal string; absent when blank or invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    /// Who gives the points: "self", "survey" or "leaders".
    #[serde(default)]
    pub scored_by: AssessedBy,
}

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
    pub entries: BTreeMap<String, SubmissionEntry>,
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
                let entry = SubmissionEntry {
                    value: e.value.clone(),
                    of: e.of.clone(),
                    points,
                    not_applicable: e.not_applicable,
                    evidence: e.evidence.iter().filter(|x| !x.is_blank()).cloned().collect(),
                    explanation: e.explanation.clone(),
                    scored_by,
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
            checklist: checklist(draft, s),
            created_at: draft.created_at.clone(),
            updated_at: draft.updated_at.clone(),
        }
    }

    /// The draft this submission continues (a new id is the caller's).
    pub fn to_draft(&self, id: String) -> Draft {
        Draft {
            format: DRAFT_FORMAT.into(),
            format_version: DRAFT_FORMAT_VERSION,
            id,
            name: String::new(),
            example: false,
            ruleset: self.ruleset.clone(),
            agency: self.agency.clone(),
            entries: crate::map_of(
                self.entries.iter().map(|(k, e)| {
                    let d = DraftEntry {
                        value: e.value.clone(),
                        of: e.of.clone(),
                        not_applicable: e.not_applicable,
                        evidence: e.evidence.clone(),
                        explanation: e.explanation.clone(),
                    };
                    (k.clone(), d)
                }),
            ),
            conditions: self.conditions.clone(),
            outline: BTreeMap::new(),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }
}

/// What an import found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportVerdict {
    /// Matches a known ruleset and its stored results equal the recomputation.
    Verified,
    /// Opened read-only: the reasons, in words.
    ReadOnly(Vec<String>),
}

/// Reads a submission file (refusing anything else, with the place of the problem).
pub fn parse_submission(text: &str) -> Result<Submission, Vec<Problem>> {
    // The head first, read as any JSON (parse_json skips a byte-order mark
    // and enforces the size and nesting limits), so a file of another kind is
    // named as such rather than reported field by field.
    let head: serde_json::Value = parse_json(text)?;
    let format = head.get("format").and_then(|f| f.as_str()).unwrap_or_default();
    if format != SUBMISSION_FORMAT {
        return Err(vec![Problem {
            path: "format".into(),
            line_col: None,
            kind: crate::load::ProblemKind::NotThisKindOfFile { found: format.to_string(), expected: SUBMISSION_FORMAT },
        }]);
    }
    // A missing or non-numeric version is left to the full parse, which names it.
    if let Some(found) = head.get("format_version").and_then(|v| v.as_u64()) {
        if found != u64::from(SUBMISSION_FORMAT_VERSION) {
            return Err(vec![Problem {
                path: "format_version".into(),
                line_col: None,
                kind: crate::load::ProblemKind::UnsupportedVersion { found: u32::try_from(found).unwrap_or(u32::MAX) },
            }]);
        }
    }
    parse_json::<Submission>(text)
}

/// Checks an imported submission against the ruleset it names (`rs`, whose
/// file hashes to `sha256`): same file, and stored results equal to a fresh
/// computation. Anything else opens read-only, with the reason.
pub fn verify(sub: &Submission, rs: std::sync::Arc<Ruleset>, sha256: &str, lang: Lang) -> (Scorer, ImportVerdict) {
    let vi = lang == Lang::Vi;
    let mut reasons = Vec::new();
    if sub.ruleset.sha256 != sha256 {
        reasons.push(if vi {
            format!("Tệp được lập trên một bản khác của bộ chỉ số \"{}\" (phiên bản {}): mã băm không khớp với bộ chỉ số hiện có.", sub.ruleset.id, sub.ruleset.version)
        } else {
            format!("The file was made with another copy of ruleset \"{}\" (version {}): its hash does not match the bundled one.", sub.ruleset.id, sub.ruleset.version)
        });
    }
    let draft = sub.to_draft(String::new());
    let (s, problems) = draft.scorer(rs);
    for p in &problems {
        reasons.push(p.describe(lang));
    }
    let recomputed = Results::of(&s, Lang::Vi);
    if recomputed != sub.results {
        let detail = results_differences(&sub.results, &recomputed, vi).join("; ");
        reasons.push(if vi {
            format!("Kết quả ghi trong tệp khác kết quả tính lại: {detail}.")
        } else {
            format!("The results stored in the file differ from a recomputation: {detail}.")
        });
    }
    // The other computed parts: each entry's points and who scores it, and
    // the checklist (an office reads "complete" from it).
    let rebuilt = Submission::build(&draft, &s, &sub.app_version);
    let rs = s.ruleset();
    for (key, e) in &sub.entries {
        if rs.find(key).is_none() {
            continue; // reported above as an unknown item
        }
        let (points, scored_by) = rebuilt.entries.get(key).map(|r| (r.points.clone(), r.scored_by)).unwrap_or_default();
        if e.points != points {
            let none = if vi { "không có điểm" } else { "no points" };
            let (f, r) = (e.points.as_deref().unwrap_or(none), points.as_deref().unwrap_or(none));
            reasons.push(if vi {
                format!("Mục \"{key}\": tệp ghi {f}, tính lại được {r}.")
            } else {
                format!("Item \"{key}\": the file says {f}, recomputed {r}.")
            });
        }
        if e.scored_by != scored_by {
            let name = |a: AssessedBy| serde_json::to_value(a).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            let (f, r) = (name(e.scored_by), name(scored_by));
            reasons.push(if vi {
                format!("Mục \"{key}\": tệp ghi người chấm là \"{f}\", bộ chỉ số ghi \"{r}\".")
            } else {
                format!("Item \"{key}\": the file says it is scored by \"{f}\", the ruleset says \"{r}\".")
            });
        }
    }
    if rebuilt.checklist != sub.checklist {
        let (f, r) = (&sub.checklist, &rebuilt.checklist);
        let lists: [(&str, &str, &Vec<String>, &Vec<String>); 5] = [
            ("chưa chấm", "unscored", &f.unscored, &r.unscored),
            ("không hợp lệ", "invalid", &f.invalid, &r.invalid),
            ("thiếu tài liệu kiểm chứng", "missing evidence", &f.missing_evidence, &r.missing_evidence),
            ("điều kiện chưa trả lời", "unanswered conditions", &f.unanswered_conditions, &r.unanswered_conditions),
            ("chờ đơn vị khác chấm", "awaiting others", &f.awaiting_others, &r.awaiting_others),
        ];
        let show = |v: &Vec<String>| if v.is_empty() { "—".to_string() } else { v.join(", ") };
        let mut parts: Vec<String> = lists
            .iter()
            .filter(|(_, _, a, b)| a != b)
            .map(|(l_vi, l_en, a, b)| {
                if vi {
                    format!("{l_vi}: tệp ghi {}, tính lại được {}", show(a), show(b))
                } else {
                    format!("{l_en}: the file says {}, recomputed {}", show(a), show(b))
                }
            })
            .collect();
        if f.complete != r.complete {
            let yn = |b: bool| if vi { if b { "có" } else { "không" } } else if b { "yes" } else { "no" };
            parts.push(if vi {
                format!("đã đủ: tệp ghi {}, tính lại được {}", yn(f.complete), yn(r.complete))
            } else {
                format!("complete: the file says {}, recomputed {}", yn(f.complete), yn(r.complete))
            });
        }
        reasons.push(if vi {
            format!("Danh sách kiểm tra ghi trong tệp khác danh sách tính lại ({}).", parts.join("; "))
        } else {
            format!("The checklist stored in the file differs from a recomputation ({}).", parts.join("; "))
        });
    }
    let verdict = if reasons.is_empty() { ImportVerdict::Verified } else { ImportVerdict::ReadOnly(reasons) };
    (s, verdict)
}

/// Where stored results differ from recomputed ones, in words: the total
/// when it differs, otherwise each part that does (so a level changed by hand
/// is not reported as "56 / 77, recomputed 56 / 77").
fn results_differences(f: &Results, r: &Results, vi: bool) -> Vec<String> {
    let says = |what: String, a: String, b: String| {
        if vi { format!("{what}tệp ghi {a}, tính lại được {b}") } else { format!("{what}the file says {a}, recomputed {b}") }
    };
    let pts = |p: &str, m: &str| if vi { format!("{p} / {m} điểm") } else { format!("{p} / {m} points") };
    if (&f.points, &f.max) != (&r.points, &r.max) {
        return vec![if vi {
            format!("tệp ghi {} / {} điểm, tính lại được {} / {} điểm", f.points, f.max, r.points, r.max)
        } else {
            format!("the file says {} / {} points, recomputed {} / {}", f.points, f.max, r.points, r.max)
        }];
    }
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let yn = |b: bool| if vi { if b { "có" } else { "không" } } else if b { "yes" } else { "no" }.to_string();
    let mut out = Vec::new();
    if f.ruleset != r.ruleset {
        let name = |x: &RulesetRef| format!("{} {}", x.id, x.version);
        out.push(says(if vi { "bộ chỉ số: " } else { "ruleset: " }.into(), name(&f.ruleset), name(&r.ruleset)));
    }
    if f.percent != r.percent {
        out.push(says(if vi { "tỷ lệ: " } else { "percentage: " }.into(), opt(&f.percent), opt(&r.percent)));
    }
    if f.is_final != r.is_final {
        out.push(says(if vi { "kết quả chính thức (không tạm tính): " } else { "final: " }.into(), yn(f.is_final), yn(r.is_final)));
    }
    let group_name = |k: &str| match (k.contains('/'), vi) {
        (false, true) => format!("nội dung \"{k}\": "),
        (true, true) => format!("tiêu chí \"{k}\": "),
        (false, false) => format!("section \"{k}\": "),
        (true, false) => format!("criterion \"{k}\": "),
    };
    if f.groups.len() != r.groups.len() || f.groups.iter().zip(&r.groups).any(|(a, b)| a.key != b.key) {
        let keys = |g: &[crate::entries::GroupResult]| g.iter().map(|x| x.key.clone()).collect::<Vec<_>>();
        out.push(says(if vi { "các nhóm: " } else { "groups: " }.into(), list(&keys(&f.groups)), list(&keys(&r.groups))));
    } else {
        for (a, b) in f.groups.iter().zip(&r.groups).filter(|(a, b)| a != b) {
            let show = |g: &crate::entries::GroupResult| {
                let mut t = pts(&g.points, &g.max);
                if g.capped {
                    t += if vi { " (đã chạm mức trần)" } else { " (capped)" };
                }
                if g.not_applicable {
                    t += if vi { " (không áp dụng)" } else { " (not applicable)" };
                }
                t
            };
            out.push(says(group_name(&a.key), show(a), show(b)));
        }
    }
    if f.classifications.len() != r.classifications.len() || f.classifications.iter().zip(&r.classifications).any(|(a, b)| a.id != b.id) {
        let ids = |c: &[crate::entries::ClassificationResult]| c.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        out.push(says(if vi { "các xếp loại: " } else { "classifications: " }.into(), list(&ids(&f.classifications)), list(&ids(&r.classifications))));
    } else {
        for (a, b) in f.classifications.iter().zip(&r.classifications).filter(|(a, b)| a != b) {
            let what = if vi { format!("xếp loại \"{}\": ", a.id) } else { format!("classification \"{}\": ", a.id) };
            let quoted = |o: &Option<String>| o.as_ref().map_or_else(|| "—".into(), |l| format!("\"{l}\""));
            if (&a.points, &a.max) != (&b.points, &b.max) {
                out.push(says(what, pts(&a.points, &a.max), pts(&b.points, &b.max)));
            } else if a.percent != b.percent {
                out.push(says(what, opt(&a.percent), opt(&b.percent)));
            } else if a.level != b.level {
                out.push(says(what, quoted(&a.level), quoted(&b.level)));
            } else {
                let what = if vi { format!("xếp loại \"{}\" nếu các điều kiện được đáp ứng: ", a.id) } else { format!("classification \"{}\" if the conditions hold: ", a.id) };
                out.push(says(what, quoted(&a.level_if_conditions_hold), quoted(&b.level_if_conditions_hold)));
            }
        }
    }
    if f.unscored != r.unscored {
        out.push(says(if vi { "chưa chấm: " } else { "unscored: " }.into(), list(&f.unscored), list(&r.unscored)));
    }
    if f.invalid != r.invalid {
        let keys = |v: &[crate::entries::InvalidEntry]| v.iter().map(|x| format!("{} ({})", x.key, x.typed)).collect::<Vec<_>>();
        out.push(says(if vi { "không hợp lệ: " } else { "invalid: " }.into(), list(&keys(&f.invalid)), list(&keys(&r.invalid))));
    }
    if out.is_empty() {
        // Only the wording of an invalid value's message differs.
        out.push(if vi { "thông báo về giá trị không hợp lệ khác nhau".into() } else { "the messages about invalid values differ".into() });
    }
    out
}

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
pub fn ruleset_changes(old: &BTreeMap<String, String>, new: &Ruleset, draft: &Draft) -> RulesetChanges {
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
    c.orphaned = draft.entries.iter().filter(|(k, e)| !n.contains_key(*k) && !e.is_empty()).map(|(k, _)| k.clone()).collect();
    c
}
