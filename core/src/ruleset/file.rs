//! The ruleset file as written by a provincial office (format version 1).
//!
//! These types mirror the JSON one to one; `load` turns them into the
//! checked, flattened [`crate::ruleset::model::Ruleset`]. Unknown fields are refused
//! (a misspelt "max" must not silently vanish); `$schema` is allowed so an
//! editor can offer completion.

use crate::decimal::Dec;
use serde::{Deserialize, Serialize};

pub const RULESET_FORMAT: &str = "cham-diem/ruleset";
pub const RULESET_FORMAT_VERSION: u32 = 1;

/// The ruleset's JSON as the app writes it (the command line's `from-xlsx`,
/// the office page): two-space indents, fields in the order of these types,
/// a final newline.
pub fn write_ruleset(f: &RulesetFile) -> String {
    // Serialising these types cannot fail: no maps with non-string keys.
    serde_json::to_string_pretty(f).unwrap_or_default() + "\n"
}

/// A field with a default, declared: its value, never null (refused as it
/// was before these fields were `Option`s: a file leaves the field out
/// instead). Such fields also give the schema their type and default
/// (`schemars(with, default)`), not a nullable type.
fn declared<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RulesetFile {
    #[cfg_attr(feature = "schema", schemars(description = "The JSON Schema of this file, for editors (e.g. \"../docs/ruleset.schema.json\"); ignored when loading."))]
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "cham-diem/ruleset".
    #[cfg_attr(feature = "schema", schemars(extend("const" = RULESET_FORMAT)))]
    pub format: String,
    /// 1 for this version of the format.
    #[cfg_attr(feature = "schema", schemars(extend("const" = RULESET_FORMAT_VERSION)))]
    pub format_version: u32,
    /// Stable identifier, e.g. "daklak-2025-chi-so-01"; drafts are kept per id.
    pub id: String,
    /// The ruleset's own version, e.g. "2025.1".
    pub version: String,
    pub title: String,
    /// A short name for the ruleset selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// True for example rulesets that are not an official text (false when
    /// left out).
    #[cfg_attr(feature = "schema", schemars(with = "bool", extend("default" = false)))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
    pub source: SourceFile,
    /// What the sources do not give and this file therefore states unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_verified: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The declared maximum of the whole index (sum of sections; a bonus
    /// section counts its cap, a penalty section nothing).
    pub max_total: Dec,
    pub sections: Vec<NodeFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classifications: Vec<ClassificationFile>,
    /// Whether levels are decided on the exact percentage (the default when
    /// left out) or on the percentage rounded to two decimals.
    #[cfg_attr(feature = "schema", schemars(with = "DecideOn", extend("default" = "exact")))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub decide_on: Option<DecideOn>,
    /// How the provincial office ranks the agencies assessed on this ruleset
    /// (the consolidation, `chamdiem rank`). Absent: by total points, no
    /// tie-break, no quota.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingFile>,
}

// A field a file may leave out is an `Option`, written only when declared,
// so that a file comes back from the writer (and the workbook) byte for
// byte whether it declares a default or leaves it out; these give the value
// in effect.
impl RulesetFile {
    pub fn illustrative(&self) -> bool {
        self.illustrative.unwrap_or_default()
    }
    pub fn decide_on(&self) -> DecideOn {
        self.decide_on.unwrap_or_default()
    }
}

impl NodeFile {
    pub fn not_applicable_allowed(&self) -> bool {
        self.not_applicable_allowed.unwrap_or_default()
    }
    pub fn unassigned_allowed(&self) -> bool {
        self.unassigned_allowed.unwrap_or_default()
    }
}

impl RankingFile {
    pub fn by(&self) -> RankBy {
        self.by.unwrap_or_default()
    }
    pub fn groups(&self) -> GroupBy {
        self.groups.unwrap_or_default()
    }
}

impl QuotaFile {
    pub fn rounding(&self) -> QuotaRounding {
        self.rounding.unwrap_or_default()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Document number, e.g. "Quyết định số 02050/QĐ-UBND".
    pub document: String,
    /// Date of issue, dd/mm/yyyy.
    pub date: String,
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the text can be read (a reference, not fetched by the app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Ordinary points: part of the maximum.
    #[default]
    Normal,
    /// Bonus points: a group counts at most its cap.
    Bonus,
    /// Penalty: typed as the points deducted, no maximum, never in the denominator.
    Penalty,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssessedBy {
    /// The agency scores itself.
    #[default]
    #[serde(rename = "self")]
    SelfScored,
    /// A survey (điều tra xã hội học, SIPAS) gives the points.
    Survey,
    /// The provincial leaders give the points.
    Leaders,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecideOn {
    #[default]
    Exact,
    Rounded,
}

/// A section, criterion or sub-criterion. A node with `children` is a group;
/// one without is a scorable item.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    /// The code as printed in the official table: "1", "1.1", "a".
    pub code: String,
    pub title: String,
    /// Declared on a section; inherited by everything below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Maximum points. Required on ordinary and bonus items; on an ordinary
    /// group it must equal the sum of its parts; a penalty item may give the
    /// largest deduction allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
    /// Bonus groups only: the most the group counts, whatever its parts add up to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Dec>,
    /// Items only: scores must be a multiple of this (default 0.01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Dec>,
    /// Who gives the points; inherited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_by: Option<AssessedBy>,
    /// Whether an agency may mark this "không áp dụng" (no when left out).
    #[cfg_attr(feature = "schema", schemars(with = "bool", extend("default" = false)))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub not_applicable_allowed: Option<bool>,
    /// Items scored as a number only: whether an agency may declare part of
    /// the maximum as criteria not assigned to it ("điểm không được giao"),
    /// which then leave the maximum (an index whose criteria are not listed
    /// one by one, such as Đắk Lắk 2025's contents). No when left out.
    #[cfg_attr(feature = "schema", schemars(with = "bool", extend("default" = false)))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub unassigned_allowed: Option<bool>,
    /// Items only: how the points are obtained (default: a number from 0 to
    /// `max` in steps of `step`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleFile>,
    /// When evidence documents are required; inherited (default `when_points`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What about this node the sources do not confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_verified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeFile>,
}

/// How an item's points are obtained.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleFile {
    /// A number from 0 to `max`, a multiple of `step`.
    Number {},
    /// Yes earns `max`, no earns 0.
    YesNo {},
    /// One of several levels, each with its points.
    Choice { options: Vec<OptionFile> },
    /// Two counts; their ratio picks the points from bands.
    RatioBands {
        numerator: String,
        denominator: String,
        /// From the lowest band up: each applies from its `from_percent`.
        bands: Vec<BandFile>,
    },
    /// points = max × achieved / target, at most max (rounded half-up to 0,01).
    Proportional { achieved: String, target: String },
    /// A count of occurrences × points each, at most `max` when declared.
    PerOccurrence { points_each: Dec },
    /// Each occurrence deducts `percent_each`% of `max` (Nghị định 335: a
    /// major error deducts 25% of the product's quality points), down to 0.
    DeductPercentPerOccurrence { percent_each: Dec },
    /// A survey answer converted to a share of `max` (A = 100%, B = 60% …).
    Survey { answers: Vec<AnswerFile> },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    pub label: String,
    pub points: Dec,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    pub from_percent: Dec,
    pub points: Dec,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerFile {
    pub label: String,
    pub percent: Dec,
}

/// When an item needs evidence documents (tài liệu kiểm chứng). Where
/// evidence is required and none is given, an explanation is required.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceRule {
    /// Whenever the item has points above 0.
    #[default]
    WhenPoints,
    /// Always, whatever the points.
    Always,
    /// Not required (e.g. parts scored by others).
    Never,
}

/// A yes/no fact the agency states, on which a level may depend.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassificationFile {
    pub id: String,
    pub title: String,
    /// Codes of the sections it is computed over; all sections when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// From the lowest level up; the lowest holds whatever the percentage.
    pub levels: Vec<LevelFile>,
    /// Conditions that force a level regardless of points (Nghị định 335:
    /// disciplined in the year → "không hoàn thành nhiệm vụ").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<VetoFile>,
    /// What about these levels the sources do not confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    pub label: String,
    /// Minimum percentage ("90" means ≥ 90%). Absent on the lowest level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_percent: Option<Dec>,
    /// Conditions that must hold, or the level is not reached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<RequirementFile>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VetoFile {
    /// Id of a condition.
    pub condition: String,
    /// The answer that forces the level.
    pub answer: bool,
    /// Label of the level it forces (the result is at most this level).
    pub level: String,
    /// The veto in words, e.g. "bị kỷ luật từ khiển trách trở lên trong năm".
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequirementFile {
    /// Id of a condition.
    pub condition: String,
    /// The answer the condition must have for the level to hold.
    pub answer: bool,
    /// The requirement in words, e.g. "không có người đứng đầu, cấp phó bị kỷ luật".
    pub text: String,
}

/// How the agencies of one group are ranked against each other.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankingFile {
    /// What is compared, highest first: the points (when left out) or the percentage.
    #[cfg_attr(feature = "schema", schemars(with = "RankBy", extend("default" = "points")))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub by: Option<RankBy>,
    /// Id of the classification whose points or percentage are compared; the
    /// whole index (all sections) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Keys of the parts whose points break a tie, in order ("1", then "2"):
    /// higher points first. Agencies still equal share a rank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_breaks: Vec<String>,
    /// Which agencies are ranked together (the whole ruleset when left out).
    #[cfg_attr(feature = "schema", schemars(with = "GroupBy", extend("default" = "ruleset")))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupBy>,
    /// A cap on how many agencies of a group may hold a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<QuotaFile>,
    /// Agencies assessed but not ranked, by roster code or exact name (An
    /// Giang: Thanh tra tỉnh).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ranked: Vec<String>,
    /// What about this ranking the sources do not confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// Points, compared exactly.
    #[default]
    Points,
    /// Percentage of the applicable maximum, compared exactly (never the
    /// rounded figure shown).
    Percent,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// Every agency assessed on this ruleset is one group.
    #[default]
    Ruleset,
    /// The group column of the office's roster (one group per ruleset when
    /// no roster is given).
    Roster,
}

/// A quota: at most `percent`% of a base may hold `level`; candidates beyond
/// it, lowest ranked first, get the level below.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuotaFile {
    /// Id of the classification.
    pub classification: String,
    /// Label of the level capped (not the lowest).
    pub level: String,
    /// The share allowed, e.g. "20".
    pub percent: Dec,
    /// How percent × base is turned into a count (down when left out).
    #[cfg_attr(feature = "schema", schemars(with = "QuotaRounding", extend("default" = "down")))]
    #[serde(default, deserialize_with = "declared", skip_serializing_if = "Option::is_none")]
    pub rounding: Option<QuotaRounding>,
    /// What the percentage is taken of.
    pub base: QuotaBase,
    /// What about this quota the sources do not confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaRounding {
    #[default]
    Down,
    Up,
    HalfUp,
}

/// The agencies of the group the quota's percentage is taken of ("the level
/// below" is the one just under the capped level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaBase {
    /// Those that reach the level below or above, before the cut
    /// (candidates for the capped level included).
    AtOrAboveLevelBelow,
    /// Those at the level below, before the cut.
    LevelBelowBeforeCut,
    /// Those at the level below after the cut: the largest count that fits
    /// (the candidates cut join the base).
    LevelBelowAfterCut,
}
