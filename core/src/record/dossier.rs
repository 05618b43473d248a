//! The dossier (hồ sơ đánh giá, format `cham-diem/dossier`, version 2): one
//! file per agency and ruleset that grows by one stage per step of the
//! yearly process and is never edited behind. Stages come in the order of
//! [`StageKind`]; each holds what its author put on the items (the one
//! [`Entry`] type), the results after it, and its hash, chained from the
//! ruleset file's SHA-256. docs/dossier.md is the format's description.
//!
//! One engine, [`Replayer`], applies the stages in order to a scorer, one
//! at a time, and checks each stage's rules ([`replay`] is a loop over it);
//! writing a stage ([`Dossier::append`], [`Dossier::check_on`]) and checking
//! a file ([`verify_dossier`]) all go through it, so what the app writes is
//! exactly what a verification recomputes. A verification keeps the state
//! after the last stage, so that a stage appended after it (the office's)
//! costs that stage only.

use super::checklist::{checklist, Checklist};
use super::draft::Draft;
use super::entries::apply_each;
use super::entry::{Agency, Entry, RulesetStamp, Signer};
use super::hash::sha256_hex;
use super::results::Results;
use super::submission::Submission;
use super::verify::computed_differences;
use crate::json::{parse_format, Problem, ProblemKind};
use crate::ruleset::file::AssessedBy;
use crate::ruleset::model::Ruleset;
use crate::score::{Scorer, Value};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub const DOSSIER_FORMAT: &str = "cham-diem/dossier";
pub const DOSSIER_FORMAT_VERSION: u32 = 2;

/// The steps of the process (Quyết định 02050/QĐ-UBND, §4c), in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Tự chấm: the agency's self-assessment.
    TuCham,
    /// Thẩm định lần 1: the council's first appraisal.
    #[serde(rename = "tham_dinh_1")]
    ThamDinh1,
    /// Giải trình: the agency's response to the first appraisal.
    GiaiTrinh,
    /// Thẩm định lần 2: the council's second, final appraisal.
    #[serde(rename = "tham_dinh_2")]
    ThamDinh2,
    /// Tổng hợp: the office adds the scores given by others, final results, rank.
    TongHop,
}

impl StageKind {
    /// The stage's name in files ("tham_dinh_1").
    pub fn code(self) -> &'static str {
        match self {
            StageKind::TuCham => "tu_cham",
            StageKind::ThamDinh1 => "tham_dinh_1",
            StageKind::GiaiTrinh => "giai_trinh",
            StageKind::ThamDinh2 => "tham_dinh_2",
            StageKind::TongHop => "tong_hop",
        }
    }

    /// The stage named `code` in files.
    pub fn from_code(code: &str) -> Option<Self> {
        [StageKind::TuCham, StageKind::ThamDinh1, StageKind::GiaiTrinh, StageKind::ThamDinh2, StageKind::TongHop].into_iter().find(|k| k.code() == code)
    }

    fn is_appraisal(self) -> bool {
        matches!(self, StageKind::ThamDinh1 | StageKind::ThamDinh2)
    }
}

/// Where an agency stands after the office's consolidation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rank {
    /// The group ranked in (nhóm loại hình).
    pub group: String,
    /// 1 for the first; equal agencies share a rank; absent when not ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Notes ("bằng điểm — …", "vượt hạn mức 20%").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The level of the quota's classification once the quota is applied,
    /// when the quota lowered it (`results` give the level the points reach).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// One step, sealed by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub stage: StageKind,
    /// Who made the stage (the agency, the council or one of its members, the office).
    pub by: Signer,
    /// ISO 8601 with offset.
    pub at: String,
    /// The agency as it declared itself (stage `tu_cham` only, where it is
    /// required): inside the first stage, so the chain seals it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// A partial appraisal by one council member: the top-level keys of the
    /// areas it covers. Empty for a whole stage. A partial stage is the last
    /// of its dossier until merged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// What the stage's author put on items, by item key.
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Answers to the ruleset's conditions given (or changed) by this stage.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, bool>,
    /// An appraiser's reason for each changed answer, by condition id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub condition_reasons: BTreeMap<String, String>,
    /// The results after this stage (computed; checked on reading).
    pub results: Results,
    /// The agency's checklist (stage `tu_cham` only; computed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Checklist>,
    /// The office's ranking (stage `tong_hop` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<Rank>,
    /// SHA-256 (lowercase hex) of the previous stage's hash — the ruleset
    /// file's for the first stage — followed by this stage's JSON in
    /// canonical form (RFC 8785) without this field.
    pub hash: String,
}

impl Stage {
    /// A stage with nothing on it yet, to be filled and appended.
    pub fn new(stage: StageKind, by: Signer, at: &str) -> Self {
        Stage {
            stage,
            by,
            at: at.into(),
            agency: None,
            areas: Vec::new(),
            entries: BTreeMap::new(),
            conditions: BTreeMap::new(),
            condition_reasons: BTreeMap::new(),
            results: Results::default(),
            checklist: None,
            rank: None,
            hash: String::new(),
        }
    }

    /// The printed short form of the hash (first 12 hex digits).
    pub fn short_hash(&self) -> &str {
        self.hash.get(..12).unwrap_or(&self.hash)
    }
}

/// The file that goes from the agency to the council, back, and to the office.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    #[cfg_attr(feature = "schema", schemars(description = "The JSON Schema of this file, for editors (e.g. \"../docs/dossier.schema.json\"); ignored when loading."))]
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "cham-diem/dossier".
    #[cfg_attr(feature = "schema", schemars(extend("const" = DOSSIER_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = DOSSIER_FORMAT_VERSION)))]
    pub format_version: u32,
    /// Version of Chấm điểm that wrote the last stage.
    pub app_version: String,
    /// The ruleset file the dossier was made with; its SHA-256 starts the chain.
    pub ruleset: RulesetStamp,
    pub stages: Vec<Stage>,
}

/// The hash that seals `stage` after a stage (or ruleset file) hashed `prev`.
pub fn seal(prev: &str, stage: &Stage) -> String {
    // Through the text the file is written as: the wasm already carries that
    // serializer, and a second one for every type of a stage costs
    // kilobytes. The text is put in canonical form as it is, without
    // reading it back into values.
    // Room for a stage of a few hundred entries at once (no copy as it grows).
    let mut text = Vec::with_capacity(64 << 10);
    if serde_json::to_writer(&mut text, stage).is_err() {
        text.clear();
    }
    let mut bytes = Vec::with_capacity(prev.len() + text.len());
    bytes.extend_from_slice(prev.as_bytes());
    jcs(&text, 0, &mut bytes, &mut Scratch::default(), true);
    sha256_hex(&bytes)
}

/// RFC 8785 (JCS) of the value at `t[i]`, written to `out`; returns the
/// index after the value. `t` is serde_json's compact text of a stage, whose
/// only difference from the canonical form is the order of object members:
/// no whitespace, strings escaped as ECMAScript does (the short escapes and
/// `\u00xx` in lower case for other control characters, nothing else), and
/// integers only (a stage has no fractional JSON number: decimals are
/// strings). So strings and numbers are copied as they are, and each
/// object's members sorted by their names' UTF-16 code units. `top` leaves
/// out the stage's own `hash` member. Written here rather than with a JCS
/// crate: the crates carry a float formatter the stages never need
/// (measured in docs/size.md). tests/dossier.rs and
/// scripts/hostile-dossiers.py (an independent implementation) hold the
/// hashes.
fn jcs(t: &[u8], mut i: usize, out: &mut Vec<u8>, s: &mut Scratch, top: bool) -> usize {
    let at = |i: usize| t.get(i).copied();
    let open = match at(i) {
        Some(c @ (b'{' | b'[')) => c,
        Some(b'"') => {
            let end = string_end(t, i);
            out.extend_from_slice(t.get(i..end).unwrap_or_default());
            return end;
        }
        _ => {
            let end = t.get(i..).unwrap_or_default().iter().position(|c| matches!(c, b',' | b'}' | b']')).map_or(t.len(), |n| i + n);
            out.extend_from_slice(t.get(i..end).unwrap_or_default());
            return end;
        }
    };
    let object = open == b'{';
    let close = if object { b'}' } else { b']' };
    out.push(open);
    i += 1;
    let start = out.len();
    // This object's members go after its parent's in the scratch.
    let base = s.members.len();
    while at(i).is_some_and(|c| c != close) {
        let comma = out.len();
        if comma > start {
            out.push(b',');
        }
        let from = out.len();
        let mut name = (i, i);
        if object {
            name.1 = string_end(t, i);
            out.extend_from_slice(t.get(name.0..name.1).unwrap_or_default());
            out.push(b':');
            i = name.1 + 1;
        }
        i = jcs(t, i, out, s, false);
        if top && t.get(name.0..name.1) == Some(b"\"hash\"") {
            out.truncate(comma);
        } else if object {
            s.members.push((name.0, name.1, from, out.len()));
        }
        if at(i) == Some(b',') {
            i += 1;
        }
    }
    // serde_json writes a map's members in code point order, which differs
    // from UTF-16 order only for characters above U+FFFF, and a struct's in
    // the order of its fields: an insertion sort is linear on the nearly
    // sorted maps, and costs the browser's wasm no sort routine of its own
    // (~4 KB).
    let name = |m: &Member| t.get(m.0..m.1).unwrap_or_default();
    let Scratch { members, moved } = s;
    let mine = members.get_mut(base..).unwrap_or_default();
    if mine.windows(2).any(|w| name_gt(name(&w[0]), name(&w[1]))) {
        for k in 1..mine.len() {
            let mut j = k;
            while j > 0 && name_gt(name(&mine[j - 1]), name(&mine[j])) {
                mine.swap(j - 1, j);
                j -= 1;
            }
        }
        moved.clear();
        moved.extend_from_slice(out.get(start..).unwrap_or_default());
        out.truncate(start);
        for (k, m) in mine.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(moved.get(m.2 - start..m.3 - start).unwrap_or_default());
        }
    }
    members.truncate(base);
    out.push(close);
    i + 1
}

/// An object's member for `jcs`: where its name is in the text, and where
/// its bytes (name and value) are in the output.
type Member = (usize, usize, usize, usize);

/// What `jcs` reuses from one object to the next instead of allocating:
/// the members being sorted, and the bytes of an object being reordered.
#[derive(Default)]
struct Scratch {
    members: Vec<Member>,
    moved: Vec<u8>,
}

/// The index after the string (quotes included) that starts at `t[i]`.
fn string_end(t: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while let Some(&c) = t.get(j) {
        match c {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    t.len()
}

/// Whether member name `a` sorts after `b` (both as written, quotes
/// included) by their UTF-16 code units.
fn name_gt(a: &[u8], b: &[u8]) -> bool {
    fn inner(s: &[u8]) -> &[u8] {
        s.get(1..s.len().saturating_sub(1)).unwrap_or_default()
    }
    let (x, y) = (inner(a), inner(b));
    // UTF-8's byte order is the code points' order, which is UTF-16's
    // unless a character at or above U+E000 (lead byte 0xEE) is compared
    // with one above U+FFFF; escapes must be read first. So the first
    // differing byte decides, unless an escape or such a lead byte is there
    // or before.
    let n = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let (p, q) = (x.get(n).copied(), y.get(n).copied());
    if !x.get(..n).unwrap_or_default().contains(&b'\\') && ![p, q].into_iter().flatten().any(|c| c == b'\\' || c >= 0xEE) {
        return p > q;
    }
    // Read as a `Value`, whose reader the wasm carries already.
    let text = |s: &[u8]| -> String {
        let v: serde_json::Value = serde_json::from_str(std::str::from_utf8(s).unwrap_or_default()).unwrap_or_default();
        v.as_str().unwrap_or_default().to_owned()
    };
    text(a).encode_utf16().gt(text(b).encode_utf16())
}

/// Reads a dossier file (refusing anything else, with the place of the problem).
pub fn parse_dossier(text: &str) -> Result<Dossier, Vec<Problem>> {
    parse_format(text, DOSSIER_FORMAT, &[DOSSIER_FORMAT_VERSION])
}

/// One thing a verification found, in words, with the stage it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index and kind of the stage; `None` for the file as a whole.
    pub stage: Option<(usize, StageKind)>,
    pub text: String,
}

/// The results after each stage, replayed.
#[derive(Debug, Clone)]
pub struct StageState {
    pub kind: StageKind,
    pub results: Results,
}

/// What [`verify_dossier`] found.
#[derive(Debug, Clone)]
pub struct DossierCheck {
    /// The replayed results after each stage (empty when the results could
    /// not be checked).
    pub stages: Vec<StageState>,
    /// The replay after the last stage (`None` when the results could not
    /// be checked): a stage appended goes on from it
    /// ([`Dossier::append_on`]) without replaying the file again.
    pub state: Option<Replayer>,
    /// Empty when the dossier is sound.
    pub findings: Vec<Finding>,
    /// False when the ruleset the dossier was made with was not at hand:
    /// only the chain and the order were checked.
    pub results_checked: bool,
}

impl DossierCheck {
    pub fn is_sound(&self) -> bool {
        self.findings.is_empty() && self.results_checked
    }
}

fn at(i: usize, tail: &str) -> String {
    if tail.is_empty() { format!("stages[{i}]") } else { format!("stages[{i}].{tail}") }
}

/// The fields of an entry its stage may not carry (besides the computed ones).
fn misplaced_fields(kind: StageKind, e: &Entry) -> Vec<&'static str> {
    let set = [
        ("value", e.value.is_some()),
        ("of", e.of.is_some()),
        ("not_applicable", e.not_applicable),
        ("unassigned", e.unassigned.is_some()),
        ("evidence", !e.evidence.is_empty()),
        ("explanation", !e.explanation.is_empty()),
        ("reason", !e.reason.is_empty()),
        ("agreed", e.agreed),
        ("by", e.by.is_some()),
    ];
    let allowed: &[&str] = match kind {
        StageKind::TuCham => &["value", "of", "not_applicable", "unassigned", "evidence", "explanation"],
        StageKind::ThamDinh1 | StageKind::ThamDinh2 => &["value", "of", "not_applicable", "reason", "by"],
        StageKind::GiaiTrinh => &["agreed", "evidence", "explanation"],
        StageKind::TongHop => &["value", "of", "reason"],
    };
    set.iter().filter(|(f, on)| *on && !allowed.contains(f)).map(|(f, _)| *f).collect()
}

/// The points and not-applicable mark of an item, to tell a change.
fn standing(s: &Scorer, id: usize) -> (Option<rust_decimal::Decimal>, bool) {
    let v = match s.value(id) {
        Value::Valid(v) => Some(*v),
        _ => None,
    };
    (v, s.is_not_applicable(id))
}

/// One stage replayed: the state after it and its computed parts.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub scorer: Scorer,
    /// The stage's entries with `points` and `scored_by` recomputed.
    pub entries: BTreeMap<String, Entry>,
    pub results: Results,
    /// Stage `tu_cham` only.
    pub checklist: Option<Checklist>,
}

/// The computed parts of one stage, as [`Replayer::push`] gives them.
#[derive(Debug, Clone)]
pub struct StageParts {
    /// Per entry of the stage, in its order: `points` and `scored_by`
    /// recomputed (nothing else of the entry).
    pub entries: Vec<Computed>,
    pub results: Results,
    /// Stage `tu_cham` only.
    pub checklist: Option<Checklist>,
}

/// An entry's computed parts: its points and who scores it.
pub type Computed = (Option<String>, Option<AssessedBy>);

/// The one replay engine: stages applied one at a time, in order, each to
/// the state the one before left, its rules checked. [`replay`] is a loop
/// over it; a verification keeps it after the last stage, so that the
/// office's stage is applied on that state instead of replaying the file
/// again.
#[derive(Debug, Clone)]
pub struct Replayer {
    s: Scorer,
    /// Items the agency disputed in its response (round 2 must give a reason).
    disputed: BTreeSet<String>,
    /// Parts scored by others whose value the office has given.
    from_office: BTreeSet<String>,
    /// The index of the next stage (for the problems' paths).
    next: usize,
}

impl Replayer {
    pub fn new(rs: &Arc<Ruleset>) -> Self {
        Replayer { s: Scorer::new(rs.clone()), disputed: BTreeSet::new(), from_office: BTreeSet::new(), next: 0 }
    }

    /// The state after the stages pushed so far.
    pub fn scorer(&self) -> &Scorer {
        &self.s
    }

    /// Applies the next stage `st`: its computed parts, and the problems
    /// of its rules (paths into the dossier, `stages[i]…`).
    pub fn push(&mut self, st: &Stage) -> (StageParts, Vec<Problem>) {
        let i = self.next;
        self.next += 1;
        let rs = self.s.ruleset().clone();
        let mut problems = Vec::new();
        for (key, e) in &st.entries {
            for f in misplaced_fields(st.stage, e) {
                problems.push(Problem::at(at(i, &format!("entries.{key}.{f}")), ProblemKind::FieldNotInStage { field: f.into(), stage: st.stage.code() }));
            }
        }
        match st.stage {
            StageKind::GiaiTrinh => {
                for (key, e) in &st.entries {
                    if rs.find(key).is_none() {
                        problems.push(Problem::at(at(i, &format!("entries.{key}")), ProblemKind::UnknownItem { key: key.clone() }));
                    } else if !e.agreed && e.is_supported() {
                        self.disputed.insert(key.clone());
                    }
                }
            }
            kind => self.apply_scoring(st, kind, i, &rs, &mut problems),
        }
        if st.stage != StageKind::TuCham {
            for (cid, _) in st.condition_reasons.iter().filter(|(c, _)| !st.conditions.contains_key(*c)) {
                problems.push(Problem::at(at(i, &format!("condition_reasons.{cid}")), ProblemKind::UnknownCondition { id: cid.clone() }));
            }
        }
        let s = &self.s;
        // Computed parts of this stage's entries: only they, not a copy of
        // each entry's words and evidence (`seal_parts` puts them on the
        // stage), in the entries' order (no map of their own).
        let computed = st
            .entries
            .iter()
            .map(|(k, e)| {
                let id = rs.find(k).filter(|_| st.stage != StageKind::GiaiTrinh && (e.value.is_some() || e.of.is_some()));
                let points = id.and_then(|id| match s.value(id) {
                    Value::Valid(v) => Some(v.normalize().to_string()),
                    _ => None,
                });
                (points, id.map(|id| rs.node(id).assessed_by))
            })
            .collect();
        let estimates = rs
            .items
            .iter()
            .filter(|&&id| rs.node(id).assessed_by != AssessedBy::SelfScored && matches!(s.value(id), Value::Valid(_)))
            .map(|&id| rs.node(id).key.clone())
            .filter(|k| !self.from_office.contains(k))
            .collect();
        let results = Results::of_stage(s, Lang::Vi, estimates);
        let check = (st.stage == StageKind::TuCham).then(|| checklist(&st.entries, s));
        (StageParts { entries: computed, results, checklist: check }, problems)
    }

    /// A stage that scores (any but the response): its entries applied,
    /// each change and its reason checked against the state before.
    fn apply_scoring(&mut self, st: &Stage, kind: StageKind, i: usize, rs: &Arc<Ruleset>, problems: &mut Vec<Problem>) {
        // Only what this stage may set reaches the scorer; misplaced
        // fields are reported by `push`.
        let scoring: Vec<(&String, &Entry)> =
            st.entries.iter().filter(|(_, e)| e.value.is_some() || e.of.is_some() || e.not_applicable || kind.is_appraisal()).collect();
        // What a change is told against: each key's standing before the
        // stage, and the answers (not a copy of the whole state).
        let before: Vec<Option<(Option<rust_decimal::Decimal>, bool)>> = scoring.iter().map(|(k, _)| rs.find(k).map(|id| standing(&self.s, id))).collect();
        let answers_before: Vec<Option<bool>> = (0..rs.conditions.len()).map(|c| self.s.answer(c)).collect();
        let s = &mut self.s;
        for (key, _) in &scoring {
            let Some(id) = rs.find(key) else { continue };
            let others = rs.node(id).assessed_by != AssessedBy::SelfScored;
            let path = || at(i, &format!("entries.{key}"));
            if kind.is_appraisal() && others {
                problems.push(Problem::at(path(), ProblemKind::NotAppraisable { key: (*key).clone() }));
            }
            if kind == StageKind::TongHop && !others {
                problems.push(Problem::at(path(), ProblemKind::NotOthersPart { key: (*key).clone() }));
            }
            if !st.areas.is_empty() && !st.areas.iter().any(|a| *key == a || key.starts_with(&format!("{a}/"))) {
                problems.push(Problem::at(path(), ProblemKind::OutsideAreas { key: (*key).clone() }));
            }
            if kind.is_appraisal() {
                // An appraisal states the item whole: a blank value
                // or a cleared mark is what the appraiser decided.
                s.set_not_applicable(id, false);
                if rs.node(id).is_item() {
                    s.set_pair(id, "", "");
                }
            }
        }
        problems.extend(apply_each(scoring.iter().copied(), &st.conditions, s, &at(i, "")));
        for ((key, e), was) in scoring.iter().zip(&before) {
            let (Some(id), Some(was)) = (rs.find(key), was) else { continue };
            let changed = *was != standing(s, id);
            let must = changed || (kind == StageKind::ThamDinh2 && self.disputed.contains(*key));
            if kind.is_appraisal() && must && e.reason.trim().is_empty() {
                problems.push(Problem::at(at(i, &format!("entries.{key}.reason")), ProblemKind::ReasonMissing { key: (*key).clone() }));
            }
            if kind == StageKind::TongHop {
                self.from_office.insert((*key).clone());
            }
        }
        if kind == StageKind::ThamDinh2 {
            for key in self.disputed.iter().filter(|k| !st.entries.contains_key(*k)) {
                problems.push(Problem::at(at(i, &format!("entries.{key}")), ProblemKind::ReasonMissing { key: key.clone() }));
            }
        }
        for (cid, answer) in &st.conditions {
            let ci = rs.conditions.iter().position(|c| &c.id == cid);
            let was = ci.and_then(|ci| answers_before[ci]);
            let reason = st.condition_reasons.get(cid).is_some_and(|r| !r.trim().is_empty());
            if kind.is_appraisal() && was.is_some() && was != Some(*answer) && !reason {
                problems.push(Problem::at(at(i, &format!("condition_reasons.{cid}")), ProblemKind::ReasonMissing { key: cid.clone() }));
            }
        }
    }
}

/// A stage's entries with their computed parts (`points`, `scored_by`) as
/// `computed` has them (in the entries' order).
fn with_computed(mut entries: BTreeMap<String, Entry>, computed: Vec<Computed>) -> BTreeMap<String, Entry> {
    let mut computed = computed.into_iter();
    for e in entries.values_mut() {
        (e.points, e.scored_by) = computed.next().unwrap_or_default();
    }
    entries
}

/// Replays `stages` on `rs` ([`Replayer`], one stage after the other).
/// Returns each stage replayed, with the state after it, and the problems
/// (with paths into the dossier).
pub fn replay(rs: &Arc<Ruleset>, stages: &[Stage]) -> (Vec<Replayed>, Vec<Problem>) {
    let mut r = Replayer::new(rs);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for st in stages {
        let (parts, p) = r.push(st);
        problems.extend(p);
        out.push(Replayed { scorer: r.scorer().clone(), entries: with_computed(st.entries.clone(), parts.entries), results: parts.results, checklist: parts.checklist });
    }
    (out, problems)
}

/// Problems of the stages' order and chain, without the ruleset.
fn order_and_chain(d: &Dossier) -> Vec<Problem> {
    let mut problems = Vec::new();
    if d.stages.is_empty() {
        problems.push(Problem::at("stages", ProblemKind::NoStages));
    }
    let mut prev_hash = d.ruleset.sha256.as_str();
    for (i, st) in d.stages.iter().enumerate() {
        problems.extend(order_of(&d.stages[..i], st));
        if seal(prev_hash, st) != st.hash {
            problems.push(Problem::at(at(i, "hash"), ProblemKind::StageHashMismatch));
        }
        prev_hash = &st.hash;
    }
    problems
}

/// Problems of stage `st` coming after `before`: its place in the order,
/// the agency (first stage only), areas (appraisals only, a partial stage last).
fn order_of(before: &[Stage], st: &Stage) -> Vec<Problem> {
    let i = before.len();
    let mut problems = Vec::new();
    let prev = before.last().map(|s| s.stage);
    let ok = match prev {
        None => st.stage == StageKind::TuCham,
        Some(p) => st.stage > p && (st.stage != StageKind::GiaiTrinh && st.stage != StageKind::ThamDinh2 || before.iter().any(|s| s.stage == StageKind::ThamDinh1)),
    };
    if !ok {
        problems.push(Problem::at(at(i, "stage"), ProblemKind::StageOutOfOrder { found: st.stage.code(), after: prev.map(StageKind::code) }));
    }
    if st.agency.is_some() != (st.stage == StageKind::TuCham) {
        let kind = if st.agency.is_some() {
            ProblemKind::FieldNotInStage { field: "agency".into(), stage: st.stage.code() }
        } else {
            ProblemKind::MissingField { field: "agency".into() }
        };
        problems.push(Problem::at(at(i, "agency"), kind));
    }
    if !st.areas.is_empty() && !st.stage.is_appraisal() {
        problems.push(Problem::at(at(i, "areas"), ProblemKind::FieldNotInStage { field: "areas".into(), stage: st.stage.code() }));
    }
    if before.last().is_some_and(|p| !p.areas.is_empty()) {
        problems.push(Problem::at(at(i, "stage"), ProblemKind::PartialNotLast));
    }
    problems
}

/// Checks a dossier: the order of its stages and their hash chain always;
/// with the ruleset it was made with (`rs`, whose file hashes to `sha256`),
/// every stage's rules and computed parts against a replay.
pub fn verify_dossier(d: &Dossier, ruleset: Option<(Arc<Ruleset>, &str)>, lang: Lang) -> DossierCheck {
    let kind_of = |p: &Problem| {
        let i = p.path.strip_prefix("stages[").and_then(|r| r.split(']').next()).and_then(|n| n.parse::<usize>().ok());
        i.and_then(|i| d.stages.get(i).map(|s| (i, s.stage)))
    };
    let finding = |p: &Problem| Finding { stage: kind_of(p), text: p.describe(lang) };
    let mut findings: Vec<Finding> = order_and_chain(d).iter().map(finding).collect();
    let Some((rs, _)) = ruleset.filter(|(_, sha)| *sha == d.ruleset.sha256) else {
        findings.push(Finding { stage: None, text: crate::text::results_unverifiable(&d.ruleset.id, &d.ruleset.version, lang) });
        return DossierCheck { stages: Vec::new(), state: None, findings, results_checked: false };
    };
    if (d.ruleset.id.as_str(), d.ruleset.version.as_str()) != (rs.id.as_str(), rs.version.as_str()) {
        let p = Problem::at("ruleset", ProblemKind::OtherRuleset { found: format!("{} {}", d.ruleset.id, d.ruleset.version), expected: format!("{} {}", rs.id, rs.version) });
        findings.push(finding(&p));
    }
    let mut r = Replayer::new(&rs);
    let mut differences = Vec::new();
    let mut stages = Vec::new();
    for (i, st) in d.stages.iter().enumerate() {
        let (parts, problems) = r.push(st);
        findings.extend(problems.iter().map(finding));
        let StageParts { entries: computed, results, checklist: check } = parts;
        let words = computed_differences(&st.entries, &st.results, st.checklist.as_ref(), &computed, &results, check.as_ref(), r.scorer(), lang);
        differences.extend(words.into_iter().map(|text| Finding { stage: Some((i, st.stage)), text }));
        if st.checklist.is_some() != check.is_some() {
            let p = Problem::at(at(i, "checklist"), ProblemKind::FieldNotInStage { field: "checklist".into(), stage: st.stage.code() });
            differences.push(finding(&p));
        }
        stages.push(StageState { kind: st.stage, results });
    }
    // Every stage's rules first, then what differs from the file.
    findings.extend(differences);
    DossierCheck { stages, state: Some(r), findings, results_checked: true }
}

impl Dossier {
    /// A new dossier whose first stage is the agency's self-assessment in `draft`.
    pub fn from_draft(draft: &Draft, rs: &Arc<Ruleset>, app_version: &str, by: Signer, now: &str) -> Result<Self, Vec<Problem>> {
        let mut d = Dossier {
            schema: None,
            format: DOSSIER_FORMAT.into(),
            format_version: DOSSIER_FORMAT_VERSION,
            app_version: app_version.into(),
            ruleset: draft.ruleset.clone(),
            stages: Vec::new(),
        };
        let mut st = Stage::new(StageKind::TuCham, by, now);
        st.agency = Some(draft.agency.clone());
        // Left-over entries of an older ruleset stay in the draft, not in the file.
        st.entries = crate::map_of(draft.entries.iter().filter(|(k, e)| !e.is_empty() && rs.find(k).is_some()).map(|(k, e)| {
            let mut e = e.as_typed();
            e.evidence.retain(|x| !x.is_blank());
            (k.clone(), e)
        }));
        st.conditions = crate::map_of(draft.conditions.iter().filter(|(id, _)| rs.conditions.iter().any(|c| &c.id == *id)).map(|(k, &v)| (k.clone(), v)));
        d.append(st, rs)?;
        Ok(d)
    }

    /// A v1 submission as a dossier at stage `tu_cham` (a copy: the v1 file
    /// had no chain, so the stage is sealed now).
    pub fn from_submission(sub: &Submission, rs: &Arc<Ruleset>, app_version: &str) -> Result<Self, Vec<Problem>> {
        let mut draft = sub.to_draft(String::new());
        draft.ruleset = sub.ruleset.clone();
        let by = Signer { unit: sub.agency.name.clone(), person: sub.agency.preparer.clone() };
        Dossier::from_draft(&draft, rs, app_version, by, &sub.updated_at)
    }

    /// Appends a stage: checks it against the stages before (the same rules
    /// a verification applies), fills its computed parts and its files'
    /// paths in the evidence package (`package::plan`), and seals it.
    /// Refused with the problems, the dossier unchanged, when it breaks a rule.
    pub fn append(&mut self, mut stage: Stage, rs: &Arc<Ruleset>) -> Result<(), Vec<Problem>> {
        // Each attached file's path in the evidence package, sealed with the
        // stage: the same stage (and hash) whether the dossier travels as
        // JSON alone or in a package; earlier stages' paths stay.
        crate::package::plan(self.stages.iter().flat_map(|s| &s.entries), &mut stage.entries);
        let mut r = Replayer::new(rs);
        for st in &self.stages {
            r.push(st);
        }
        let parts = self.check_on(&stage, &mut r)?;
        self.seal_parts(stage, parts);
        Ok(())
    }

    /// Checks `stage` as the next of this dossier on `r`, the replay of its
    /// stages so far (a verification's [`DossierCheck::state`]): `append`'s
    /// rules, without replaying the file again. Its computed parts, to seal
    /// with [`Dossier::seal_parts`] (the office seals its stage once every
    /// agency is ranked), or its problems. `r` holds the stage after.
    pub fn check_on(&self, stage: &Stage, r: &mut Replayer) -> Result<StageParts, Vec<Problem>> {
        let (parts, mut problems) = r.push(stage);
        problems.extend(order_of(&self.stages, stage));
        if problems.is_empty() { Ok(parts) } else { Err(problems) }
    }

    /// Seals `stage` onto the dossier with `parts`, its computed parts as
    /// [`Dossier::check_on`] gave them.
    pub fn seal_parts(&mut self, stage: Stage, parts: StageParts) {
        let stage = self.sealed(stage, parts);
        self.stages.push(stage);
    }

    /// `stage` with `parts` and its hash, sealed as the next stage of this
    /// dossier, which stays as it is (the office keeps its stage beside the
    /// dossier received, shared with the verification it keeps).
    pub fn sealed(&self, mut stage: Stage, parts: StageParts) -> Stage {
        stage.entries = with_computed(std::mem::take(&mut stage.entries), parts.entries);
        stage.results = parts.results;
        stage.checklist = parts.checklist;
        let prev = self.stages.last().map_or(self.ruleset.sha256.as_str(), |s| s.hash.as_str());
        stage.hash = seal(prev, &stage);
        stage
    }

    /// The last stage reached.
    /// The hash of the last stage, which seals the whole file: the key a
    /// browser keeps a dossier under ("" for a file with no stage).
    pub fn key(&self) -> &str {
        self.stages.last().map_or("", |s| s.hash.as_str())
    }

    pub fn stage(&self) -> Option<StageKind> {
        self.stages.last().map(|s| s.stage)
    }

    /// The agency, as its self-assessment declared it.
    pub fn agency(&self) -> Agency {
        self.stages.first().and_then(|s| s.agency.clone()).unwrap_or_default()
    }

    /// Default file name: agency, ruleset, year and stage, ASCII only.
    pub fn file_name(&self) -> String {
        super::names::export_name(&self.agency(), &self.ruleset.id, self.stage().map(StageKind::code))
    }
}

#[cfg(test)]
mod tests {
    use super::jcs;

    fn canonical(text: &str) -> String {
        // As `seal` has it: serde_json's compact text of the value.
        let compact = serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(text).unwrap()).unwrap();
        let mut out = Vec::new();
        jcs(&compact, 0, &mut out, &mut super::Scratch::default(), false);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn canonical_form_as_rfc_8785_writes_it() {
        // Members sorted by UTF-16 code units: U+1F600 (surrogates D83D DE00)
        // before U+E000, the reverse of code-point order; no whitespace.
        assert_eq!(canonical("{\"\u{e000}\": 1, \"\u{1F600}\": 2, \"b\": [true, null], \"a\": {\"y\": \"\", \"x\": 0}}"), "{\"a\":{\"x\":0,\"y\":\"\"},\"b\":[true,null],\"\u{1F600}\":2,\"\u{e000}\":1}");
        // Strings: the short escapes, other controls as lower-case \u00xx,
        // everything else (U+2028, "/", DEL, Vietnamese) as it is.
        assert_eq!(canonical(r#""\b\t\n\f\r\"\\\u001f\u007f\u2028/Sở""#), "\"\\b\\t\\n\\f\\r\\\"\\\\\\u001f\u{7f}\u{2028}/Sở\"");
    }

    /// The canonical form as it was first written (through a `Value`): the
    /// oracle `seal` must agree with.
    fn by_value(v: &serde_json::Value, out: &mut String) {
        use serde_json::Value;
        match v {
            Value::Object(o) => {
                let mut m: Vec<_> = o.iter().collect();
                m.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
                let inner: Vec<String> = m.into_iter().map(|(k, x)| { let mut s = serde_json::to_string(k).unwrap() + ":"; by_value(x, &mut s); s }).collect();
                out.push_str(&format!("{{{}}}", inner.join(",")));
            }
            Value::Array(a) => {
                let inner: Vec<String> = a.iter().map(|x| { let mut s = String::new(); by_value(x, &mut s); s }).collect();
                out.push_str(&format!("[{}]", inner.join(",")));
            }
            other => out.push_str(&other.to_string()),
        }
    }

    #[test]
    fn seal_hashes_the_canonical_form_of_the_stage_without_its_hash() {
        use super::{seal, Stage, StageKind};
        use crate::record::{Entry, Evidence, Signer};
        // Names a file may carry as keys: quotes, backslashes, controls,
        // characters above U+FFFF (whose UTF-16 order differs), an empty one.
        let keys = ["b", "a\"q", "c\\d", "\u{1}x", "\u{1F600}", "\u{e000}", "", "hash", "Sở/1.2"];
        let mut st = Stage::new(StageKind::ThamDinh1, Signer { unit: "Hội đồng \"A\"".into(), person: "Lê\tB".into() }, "2026-12-03T10:00:00+07:00");
        for (n, k) in keys.iter().enumerate() {
            let e = Entry {
                value: Some(format!("{n},5")),
                reason: format!("lý do\n{k}"),
                evidence: vec![Evidence { number: k.to_string(), summary: "\u{2028}/".into(), ..Evidence::default() }],
                ..Entry::default()
            };
            st.entries.insert(k.to_string(), e);
            st.conditions.insert(k.to_string(), n % 2 == 0);
            st.condition_reasons.insert(k.to_string(), String::new());
        }
        st.areas = vec!["z".into(), "a".into()];
        st.hash = "left out".into();
        let mut v = serde_json::to_value(&st).unwrap();
        v.as_object_mut().unwrap().remove("hash");
        let mut expected = "prev".to_string();
        by_value(&v, &mut expected);
        assert_eq!(seal("prev", &st), crate::record::sha256_hex(expected.as_bytes()));
        // A change anywhere changes the hash; the hash field itself does not.
        let mut other = st.clone();
        other.hash = "something else".into();
        assert_eq!(seal("prev", &other), seal("prev", &st));
        other.entries.get_mut("hash").unwrap().reason.push('.');
        assert_ne!(seal("prev", &other), seal("prev", &st));
    }
}
