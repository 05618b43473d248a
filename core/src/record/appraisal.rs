//! The appraisal rounds (Quyết định 02050/QĐ-UBND §4c; issue 13): what can
//! be done next with a dossier, the stage a person is writing ([`Work`],
//! kept in the browser until it is exported), what that stage still lacks
//! ([`remaining`]), each item's history across the stages ([`history`]),
//! and the merge of the parts several council members appraised
//! ([`merge`]). Everything here goes through [`replay`] and
//! [`Dossier::append`]: a stage written here is checked by the same rules a
//! verification applies.

use super::dossier::{replay, Dossier, Replayed, Stage, StageKind};
use super::entry::{Agency, Entry, Evidence, RulesetStamp, Signer};
use crate::json::{Problem, ProblemKind};
use crate::ruleset::file::AssessedBy;
use crate::ruleset::model::Ruleset;
use crate::score::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub const WORK_FORMAT: &str = "cham-diem/work";
pub const WORK_FORMAT_VERSION: u32 = 1;

/// What a dossier is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// A stage to write: `ThamDinh1`, `GiaiTrinh` or `ThamDinh2`.
    Write(StageKind),
    /// Its last stage is one council member's part (`areas`): the working
    /// group merges the parts before anything else.
    Merge(StageKind),
    /// The appraisal is over: the office's consolidation comes next.
    ToOffice,
    /// Consolidated: there is nothing left to add.
    Done,
}

impl Dossier {
    /// What the dossier is waiting for, by its last stage.
    pub fn next(&self) -> Next {
        let Some(last) = self.stages.last() else { return Next::Write(StageKind::TuCham) };
        if !last.areas.is_empty() {
            return Next::Merge(last.stage);
        }
        match last.stage {
            StageKind::TuCham => Next::Write(StageKind::ThamDinh1),
            StageKind::ThamDinh1 => Next::Write(StageKind::GiaiTrinh),
            StageKind::GiaiTrinh => Next::Write(StageKind::ThamDinh2),
            StageKind::ThamDinh2 => Next::ToOffice,
            StageKind::TongHop => Next::Done,
        }
    }
}

/// A stage being written in the browser: the dossier it goes onto (by
/// [`Dossier::key`]; the file itself is kept apart, whole) and the stage,
/// not sealed yet (`hash` and `results` empty until the export appends it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    /// Always "cham-diem/work".
    pub format: String,
    pub format_version: u32,
    /// The key of the dossier the stage goes onto.
    pub dossier: String,
    /// The agency appraised, for the list of work in progress.
    pub agency: Agency,
    pub ruleset: RulesetStamp,
    pub stage: Stage,
    /// Last change, ISO 8601 with offset.
    pub updated_at: String,
}

impl Work {
    /// A new stage of the kind the dossier waits for, signed by `by`; `None`
    /// when the dossier waits for no stage a person writes here (a file with
    /// no stage at all waits for a self-assessment: the scoring page's work).
    pub fn start(d: &Dossier, by: Signer, now: &str) -> Option<Work> {
        let Next::Write(kind) = d.next() else { return None };
        if kind == StageKind::TuCham {
            return None;
        }
        Some(Work {
            format: WORK_FORMAT.into(),
            format_version: WORK_FORMAT_VERSION,
            dossier: d.key().into(),
            agency: d.agency(),
            ruleset: d.ruleset.clone(),
            stage: Stage::new(kind, by, now),
            updated_at: now.into(),
        })
    }

    /// Reads a kept work; `None` for anything else (another format or version).
    pub fn parse(text: &str) -> Option<Work> {
        serde_json::from_str::<Work>(text).ok().filter(|w| w.format == WORK_FORMAT && w.format_version == WORK_FORMAT_VERSION)
    }
}

/// The stage being written, replayed on the dossier's stages.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The state the agency's self-assessment left.
    pub own: Replayed,
    /// The state before this stage (what it reviews).
    pub before: Replayed,
    /// With this stage.
    pub after: Replayed,
    /// This stage's problems, their paths inside the stage
    /// (`entries.2.reason`, `conditions.c1`).
    pub problems: Vec<Problem>,
}

impl Preview {
    /// The problems of one item's entry (`entries.<key>` and below).
    pub fn problems_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        let at = format!("entries.{key}");
        self.problems.iter().filter(move |p| p.path == at || p.path.starts_with(&format!("{at}.")))
    }
}

/// Replays `d`'s stages and `stage` after them. A dossier with no stage
/// (refused on reading, but never a panic here) compares the stage with itself.
pub fn preview(rs: &Arc<Ruleset>, d: &Dossier, stage: &Stage) -> Preview {
    let mut stages = d.stages.clone();
    stages.push(stage.clone());
    let (mut states, problems) = replay(rs, &stages);
    let n = stages.len() - 1;
    let prefix = format!("stages[{n}].");
    let problems = problems.into_iter().filter_map(|p| p.path.strip_prefix(&prefix).map(|rest| Problem { path: rest.to_string(), ..p.clone() })).collect();
    // `replay` gives one state per stage, and `stages` holds at least the one pushed.
    let after = states.pop().expect("one state per stage");
    let before = states.last().cloned().unwrap_or_else(|| after.clone());
    let own = states.into_iter().next().unwrap_or_else(|| after.clone());
    Preview { own, before, after, problems }
}

/// Something the stage being written still lacks, by item key or condition id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Todo {
    /// Round 1: an item of the areas covered not appraised yet.
    NotAppraised(String),
    /// An appraised value that is not valid (the field says why).
    Invalid(String),
    /// A change (or a disputed item in round 2) without its reason.
    ReasonMissing(String),
    /// The agency's response: an item the appraisal changed, neither agreed
    /// nor explained; `lowered` when its points went down.
    Unanswered { key: String, lowered: bool },
}

/// The self-scored items a stage may appraise: all of them, or those of its areas.
fn in_areas(stage: &Stage, key: &str) -> bool {
    stage.areas.is_empty() || stage.areas.iter().any(|a| key == a || key.starts_with(&format!("{a}/")))
}

/// What the stage still lacks, in the order a person works through it: in
/// a response, the items whose points went down first.
pub fn remaining(rs: &Arc<Ruleset>, stage: &Stage, p: &Preview) -> Vec<Todo> {
    let mut out = Vec::new();
    let self_scored = rs.items.iter().filter(|&&id| rs.node(id).assessed_by == AssessedBy::SelfScored);
    match stage.stage {
        StageKind::GiaiTrinh => {
            let mut changed: Vec<(bool, String)> = Vec::new();
            for &id in self_scored {
                let (was, now) = (points_of(&p.own, id), points_of(&p.before, id));
                let key = &rs.node(id).key;
                let answered = stage.entries.get(key).is_some_and(|e| e.agreed || e.is_supported());
                if was != now && !answered {
                    changed.push((now < was, key.clone()));
                }
            }
            // Lowered first, then in the ruleset's order (a stable sort).
            changed.sort_by_key(|(lowered, _)| !*lowered);
            out.extend(changed.into_iter().map(|(lowered, key)| Todo::Unanswered { key, lowered }));
        }
        kind => {
            for &id in self_scored {
                let key = &rs.node(id).key;
                if !in_areas(stage, key) {
                    continue;
                }
                match stage.entries.get(key) {
                    None if kind == StageKind::ThamDinh1 => out.push(Todo::NotAppraised(key.clone())),
                    Some(_) if matches!(p.after.scorer.value(id), Value::Invalid(_)) => out.push(Todo::Invalid(key.clone())),
                    _ => {}
                }
            }
            for pr in &p.problems {
                // An invalid value is said once, as invalid, not also as a change without reason.
                if let ProblemKind::ReasonMissing { key } = &pr.kind {
                    if !out.contains(&Todo::Invalid(key.clone())) {
                        out.push(Todo::ReasonMissing(key.clone()));
                    }
                }
            }
        }
    }
    out
}

/// An item's points in a replayed state, `None` when blank, invalid or not applicable.
pub fn points_of(r: &Replayed, id: usize) -> Option<rust_decimal::Decimal> {
    match r.scorer.value(id) {
        Value::Valid(v) if !r.scorer.is_not_applicable(id) => Some(*v),
        _ => None,
    }
}

/// One stage's word on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub stage: StageKind,
    /// The item's appraiser where named, else the stage's signer.
    pub by: Signer,
    pub at: String,
    /// The points the stage gave (computed, as the file carries them).
    pub points: Option<String>,
    pub not_applicable: bool,
    /// The reason (appraisal) or the explanation (self-assessment, response).
    pub words: String,
    pub agreed: bool,
    pub evidence: Vec<Evidence>,
}

/// Each item's history, one line per stage that said something about it,
/// in the stages' order.
pub fn history(d: &Dossier) -> BTreeMap<String, Vec<Line>> {
    let mut out: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    for st in &d.stages {
        for (key, e) in &st.entries {
            let words = if st.stage == StageKind::TuCham || st.stage == StageKind::GiaiTrinh { &e.explanation } else { &e.reason };
            out.entry(key.clone()).or_default().push(Line {
                stage: st.stage,
                by: e.by.clone().unwrap_or_else(|| st.by.clone()),
                at: st.at.clone(),
                points: e.points.clone(),
                not_applicable: e.not_applicable,
                words: words.clone(),
                agreed: e.agreed,
                evidence: e.evidence.iter().filter(|x| !x.is_blank()).cloned().collect(),
            });
        }
    }
    out
}

/// Two parts that say different things about one item or condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The item key, or the condition id when `condition`.
    pub key: String,
    pub condition: bool,
    /// The parts (their index in the list merged) that disagree.
    pub parts: Vec<usize>,
}

/// Why parts could not be merged.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeError {
    /// Fewer than two parts.
    TooFew,
    /// This part's last stage is not a partial appraisal.
    NotPartial { part: usize },
    /// This part is not of the same dossier as the first (another agency,
    /// another ruleset, or other stages before the part).
    OtherDossier { part: usize },
    /// Parts disagree: a choice (`choices`) is needed for each.
    Conflicts(Vec<Conflict>),
    /// The merged stage breaks a rule of its stage (reasons, areas).
    Problems(Vec<Problem>),
}

/// Merges the parts several council members appraised (each a copy of the
/// same dossier whose last stage is their part) into one whole stage signed
/// by `by` (the working group). Each item keeps who appraised it (`by`).
/// Where two parts disagree on an item or a condition, `choices` names the
/// part to take (by index); without a choice the disagreements are returned,
/// never settled silently.
pub fn merge(rs: &Arc<Ruleset>, parts: &[Dossier], choices: &BTreeMap<String, usize>, by: Signer, now: &str) -> Result<Dossier, MergeError> {
    if parts.len() < 2 {
        return Err(MergeError::TooFew);
    }
    let base_of = |d: &Dossier| (d.ruleset.clone(), d.stages[..d.stages.len() - 1].iter().map(|s| s.hash.clone()).collect::<Vec<_>>());
    for (i, d) in parts.iter().enumerate() {
        if !matches!(d.next(), Next::Merge(_)) {
            return Err(MergeError::NotPartial { part: i });
        }
    }
    let first = &parts[0];
    // Every part passed `Next::Merge`, which needs a last stage.
    let kind = first.stages.last().expect("a part has its stage").stage;
    for (i, d) in parts.iter().enumerate().skip(1) {
        if base_of(d) != base_of(first) || d.stages.last().map(|s| s.stage) != Some(kind) {
            return Err(MergeError::OtherDossier { part: i });
        }
    }
    let mut entries: BTreeMap<String, Vec<(usize, Entry)>> = BTreeMap::new();
    let mut answers: BTreeMap<String, Vec<(usize, bool, String)>> = BTreeMap::new();
    for (i, d) in parts.iter().enumerate() {
        let st = d.stages.last().expect("a part has its stage");
        for (key, e) in &st.entries {
            let mut e = e.as_typed();
            e.by.get_or_insert_with(|| st.by.clone());
            entries.entry(key.clone()).or_default().push((i, e));
        }
        for (cid, &a) in &st.conditions {
            answers.entry(cid.clone()).or_default().push((i, a, st.condition_reasons.get(cid).cloned().unwrap_or_default()));
        }
    }
    let mut conflicts = Vec::new();
    let mut stage = Stage::new(kind, by, now);
    for (key, said) in entries {
        // The same appraisal twice (the same person's copy) is no conflict.
        let same = said.iter().all(|(_, e)| Entry { by: None, ..e.clone() } == Entry { by: None, ..said[0].1.clone() });
        let pick = match choices.get(&key) {
            Some(&c) => said.iter().find(|(i, _)| *i == c),
            None if same => said.first(),
            None => None,
        };
        match pick {
            Some((_, e)) => {
                stage.entries.insert(key, e.clone());
            }
            None => conflicts.push(Conflict { key, condition: false, parts: said.iter().map(|(i, _)| *i).collect() }),
        }
    }
    for (cid, said) in answers {
        let same = said.iter().all(|x| x.1 == said[0].1 && x.2 == said[0].2);
        let pick = match choices.get(&cid) {
            Some(&c) => said.iter().find(|x| x.0 == c),
            None if same => said.first(),
            None => None,
        };
        match pick {
            Some((_, a, reason)) => {
                stage.conditions.insert(cid.clone(), *a);
                if !reason.is_empty() {
                    stage.condition_reasons.insert(cid, reason.clone());
                }
            }
            None => conflicts.push(Conflict { key: cid, condition: true, parts: said.iter().map(|x| x.0).collect() }),
        }
    }
    if !conflicts.is_empty() {
        return Err(MergeError::Conflicts(conflicts));
    }
    let mut d = first.clone();
    d.stages.pop();
    d.append(stage, rs).map_err(MergeError::Problems)?;
    Ok(d)
}
