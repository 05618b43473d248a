//! The office's consolidation: every agency's file verified (a dossier, or a
//! v1 submission through `record::incoming`), matched to the roster, given
//! the scores of others in a `tong_hop` stage (through `Dossier::append`, the
//! same rules as any stage), then each group ranked by the ruleset's
//! declaration (`rank`). Nothing is silently dropped: a file refused is
//! listed with its reasons, an agency without a file or missing a part
//! scored by others is listed unranked with a note.

use super::csv::{closest, CsvProblem, CsvProblemKind};
use super::others::Others;
use super::rank::{rank, Contender, Placed, QuotaOutcome};
use super::roster::{Match, Roster};
use crate::json::{Problem, ProblemKind};
use crate::record::{parse_incoming, Dossier, Entry, GroupResult, Incoming, Rank, Replayer, Results, RulesetStamp, Signer, Stage, StageKind, StageParts};
use crate::ruleset::file::{AssessedBy, GroupBy, RankBy};
use crate::ruleset::model::{Ranking, Ruleset};
use crate::score::Scorer;
use crate::text;
use crate::Lang;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A ruleset and the SHA-256 of its file.
pub type Loaded = (Arc<Ruleset>, String);

/// What the consolidation works with besides the files.
pub struct Options<'a> {
    /// The ruleset given (the command line's RULESET): every file must be
    /// made on it, or on an earlier version of it that `by_sha256` finds.
    pub given: Option<Loaded>,
    /// A ruleset file by its SHA-256 (the bundled and archived ones).
    pub by_sha256: &'a dyn Fn(&str) -> Option<Loaded>,
    /// The current version of a ruleset id: its ranking declaration applies
    /// to files made on an earlier version.
    pub current: &'a dyn Fn(&str) -> Option<Arc<Ruleset>>,
    pub roster: Option<&'a Roster>,
    pub others: Option<&'a Others>,
    /// Who consolidates, and when (ISO 8601): the `tong_hop` stage's signer.
    pub by: Signer,
    pub at: String,
    pub app_version: String,
    pub lang: Lang,
}

/// Why an agency has no rank, or what its rank needs said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Equal on everything compared: the provincial leaders decide.
    Tied,
    /// Beyond the quota of `percent`%: given the level below.
    OverQuota { percent: Decimal },
    /// Tied with others across the quota's boundary: kept, the leaders decide.
    TiedAtQuota,
    /// Assessed but not ranked (declared in the ruleset or the roster).
    NotRanked,
    /// Parts scored by others not given yet: not ranked.
    MissingOthers { keys: Vec<String> },
    /// On the roster, no file taken (none received, or the file refused).
    NotSubmitted,
    /// No appraisal in the file: the self-scores stand.
    NotAppraised,
    /// Items unscored, values invalid or a level waiting on an unanswered
    /// condition: ranked on the result as it stands.
    Provisional,
    /// Nothing applicable left: no percentage to rank on.
    NoPercentage,
}

/// One agency of a group, ranked or listed apart.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: String,
    pub agency: String,
    /// The file it came from.
    pub file: Option<String>,
    /// The dossier as received (shared with the verification the office
    /// page keeps: one copy, however often the table is redone).
    pub received: Option<Arc<Dossier>>,
    /// The office's `tong_hop` stage (the others' scores and the rank),
    /// sealed onto `received`, once every part is known.
    pub office: Option<Stage>,
    /// The results after the others' scores (provisional while one is missing).
    pub results: Option<Results>,
    pub rank: Option<u32>,
    pub notes: Vec<Note>,
    /// The level per classification of the file's ruleset, after the quota
    /// (by classification id).
    pub levels: Vec<(String, Option<String>)>,
    /// Each criterion (a node one level below the contents) as the final
    /// result has it; empty while a part scored by others is missing.
    pub criteria: Vec<GroupResult>,
}

impl Row {
    /// The dossier to give back to the agency: as received, with the
    /// office's stage when it has one. Made on demand, so the table holds
    /// each dossier once.
    pub fn dossier(&self) -> Option<Dossier> {
        let mut d = Dossier::clone(self.received.as_deref()?);
        d.stages.extend(self.office.clone());
        Some(d)
    }
}

/// The agencies ranked together.
#[derive(Debug, Clone)]
pub struct Group {
    /// The ruleset whose ranking declaration applies.
    pub ruleset: Arc<Ruleset>,
    pub name: String,
    /// Ranked first (by rank), then those listed apart.
    pub rows: Vec<Row>,
}

/// A file not taken, with the reasons in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub file: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Consolidation {
    pub groups: Vec<Group>,
    pub refused: Vec<Refused>,
    /// Problems of the roster or of the others' scores (file, row, column).
    pub problems: Vec<CsvProblem>,
}

/// An agency taken, before ranking.
struct Taken {
    file: String,
    rs: Arc<Ruleset>,
    ranking_rs: Arc<Ruleset>,
    dossier: Arc<Dossier>,
    /// The replay after the dossier's last stage (its verification's).
    state: Replayer,
    code: String,
    agency: String,
    group: String,
    ranked: bool,
    roster: Option<usize>,
}

impl Taken {
    /// Who the file is from: the code, else the name.
    fn identity(&self) -> &str {
        if self.code.is_empty() { &self.agency } else { &self.code }
    }
}

/// An agency with the others' scores: the stage to append (`t.state` holds
/// it), its computed parts, and the parts scored by others still missing.
struct Scored {
    t: Taken,
    stage: Stage,
    /// The stage's computed parts (its rules checked on `t.state`).
    parts: StageParts,
    missing: Vec<String>,
}

/// The group of an agency: the roster's, when the ruleset declares so and
/// there is a roster; otherwise the ruleset's own name.
fn group_name(rs: &Ruleset, roster_group: Option<&str>) -> String {
    match (rs.ranking.as_ref().map(|r| r.groups), roster_group) {
        (Some(GroupBy::Roster), Some(g)) if !g.is_empty() => g.to_string(),
        _ => rs.short_title.clone().unwrap_or_else(|| rs.title.clone()),
    }
}

/// The stage's progress and time, to tell the newer of two files of one agency.
fn progress(d: &Dossier) -> (Option<StageKind>, String) {
    (d.stage(), d.stages.last().map(|s| s.at.clone()).unwrap_or_default())
}

/// The criteria (nodes one level below the contents) of a scored agency.
fn criteria_of(s: &Scorer) -> Vec<GroupResult> {
    let rs = s.ruleset();
    (0..rs.nodes.len()).filter(|&id| rs.node(id).depth == 1).map(|id| GroupResult::of(s, id)).collect()
}

/// A file read and verified on the ruleset its stamp names, with the replay
/// after its last stage: what a consolidation takes from a file, whatever
/// its other inputs (the ruleset chosen, the roster, the others' scores, the
/// language). The office page keeps it by the file's SHA-256, so that a
/// change of those does not verify every file again.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The ruleset the file was made with, and the SHA-256 of its file.
    pub rs: Arc<Ruleset>,
    pub sha256: String,
    pub dossier: Arc<Dossier>,
    pub state: Replayer,
}

/// A file not verified.
#[derive(Debug, Clone)]
pub enum Unverified {
    /// Unreadable (no stamp), or its verification failed: the reasons, in
    /// the language asked.
    Refused { stamp: Option<RulesetStamp>, reasons: Vec<String> },
    /// Readable, but the ruleset file of its SHA-256 is not at hand.
    NoRuleset(RulesetStamp),
}

/// One file, checked.
pub type Checked = Result<Verified, Unverified>;

/// Reads a file (the expensive, input-independent part of taking it).
fn read(bytes: &[u8], lang: Lang) -> Result<Incoming, Unverified> {
    let refused = |reasons| Unverified::Refused { stamp: None, reasons };
    let text = std::str::from_utf8(bytes).map_err(|_| refused(vec![text::json_not_utf8(lang).to_string()]))?;
    parse_incoming(text).map_err(|p| refused(p.iter().map(|p| p.describe(lang)).collect()))
}

/// Verifies a file read on its ruleset (`loaded`, found by the stamp's SHA-256).
fn verify_read(incoming: Incoming, loaded: Option<Loaded>, app_version: &str, lang: Lang) -> Checked {
    let stamp = incoming.ruleset().clone();
    let Some((rs, sha256)) = loaded else { return Err(Unverified::NoRuleset(stamp)) };
    match incoming.verified_dossier(&rs, &sha256, app_version, lang) {
        Ok((dossier, state)) => Ok(Verified { rs, sha256, dossier: Arc::new(dossier), state }),
        Err(reasons) => Err(Unverified::Refused { stamp: Some(stamp), reasons }),
    }
}

/// Reads and verifies one file; `find` gives the ruleset file of a SHA-256
/// (the office page checks each file as it is read, with this).
pub fn check_file(bytes: &[u8], find: &dyn Fn(&str) -> Option<Loaded>, app_version: &str, lang: Lang) -> Checked {
    let incoming = read(bytes, lang)?;
    let loaded = find(&incoming.ruleset().sha256);
    verify_read(incoming, loaded, app_version, lang)
}

/// `f` on every item, in order; natively on every core (the files'
/// verifications are independent), in the browser one after the other.
/// Each thread takes the next item left, so that a core slowed by other
/// work does not leave the others waiting at the end.
fn each<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Mutex;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
        if threads > 1 {
            let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
            let next = AtomicUsize::new(0);
            let (f, slots, next) = (&f, &slots, &next);
            let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
                let running: Vec<_> = (0..threads)
                    .map(|_| {
                        scope.spawn(move || {
                            let mut mine = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(slot) = slots.get(i) else { break };
                                if let Some(item) = slot.lock().ok().and_then(|mut s| s.take()) {
                                    mine.push((i, f(item)));
                                }
                            }
                            mine
                        })
                    })
                    .collect();
                // A panic in a thread is the caller's, as if run here.
                running.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
            });
            done.sort_by_key(|(i, _)| *i);
            return done.into_iter().map(|(_, u)| u).collect();
        }
    }
    items.into_iter().map(f).collect()
}

/// Reads and verifies every file (natively in parallel; the results in the
/// files' order), each ruleset looked up once.
pub fn check_files(files: &[(&str, &[u8])], o: &Options) -> Vec<Checked> {
    let lang = o.lang;
    let read: Vec<Result<Incoming, Unverified>> = each(files.to_vec(), |(_, bytes)| read(bytes, lang));
    let mut found = Found::default();
    let with_rs: Vec<Result<(Incoming, Option<Loaded>), Unverified>> = read
        .into_iter()
        .map(|r| {
            r.map(|incoming| {
                let sha = incoming.ruleset().sha256.clone();
                let loaded = match &o.given {
                    Some((rs, given)) if *given == sha => Some((rs.clone(), given.clone())),
                    _ => by_sha256(o, &mut found, &sha),
                };
                (incoming, loaded)
            })
        })
        .collect();
    let app_version = o.app_version.as_str();
    each(with_rs, |r| r.and_then(|(incoming, loaded)| verify_read(incoming, loaded, app_version, lang)))
}

/// Consolidates `files` (name, bytes), owned or borrowed.
pub fn consolidate<N: AsRef<str>, B: AsRef<[u8]>>(files: &[(N, B)], o: &Options) -> Consolidation {
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_ref(), b.as_ref())).collect();
    let checked = check_files(&refs, o);
    consolidate_checked(refs.iter().map(|(n, _)| n.to_string()).zip(checked).collect(), o)
}

/// Consolidates files already checked ([`check_file`], [`check_files`]), by name.
pub fn consolidate_checked(files: Vec<(String, Checked)>, o: &Options) -> Consolidation {
    let lang = o.lang;
    let mut out = Consolidation::default();
    let mut taken: Vec<Taken> = Vec::new();
    let mut found = Found::default();
    for (name, checked) in files {
        match take(&name, checked, o, &mut found) {
            Err(reasons) => out.refused.push(Refused { file: name, reasons }),
            Ok(t) => {
                // One file per agency: the newer is kept, the other said.
                let same = taken.iter().position(|x| x.identity() == t.identity() && x.ranking_rs.id == t.ranking_rs.id);
                match same {
                    // The same file again (its last stage seals all of it).
                    Some(i) if taken[i].dossier.key() == t.dossier.key() => {
                        out.refused.push(Refused { file: name, reasons: vec![text::same_file(&taken[i].file, lang)] });
                    }
                    Some(i) if progress(&taken[i].dossier) >= progress(&t.dossier) => {
                        out.refused.push(Refused { file: name, reasons: vec![text::older_duplicate(&taken[i].file, lang)] });
                    }
                    Some(i) => {
                        let old = std::mem::replace(&mut taken[i], t);
                        out.refused.push(Refused { file: old.file, reasons: vec![text::older_duplicate(&taken[i].file, lang)] });
                    }
                    None => taken.push(t),
                }
            }
        }
    }

    // The others' scores: each row to its agency; header columns checked
    // once per ruleset.
    let mut values: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); taken.len()];
    if let Some(others) = o.others {
        let mut checked: Vec<String> = Vec::new();
        for t in &taken {
            if !checked.contains(&t.rs.id) {
                checked.push(t.rs.id.clone());
                let (_, problems) = others.parts_of(&t.rs);
                for p in problems {
                    if !out.problems.contains(&p) {
                        out.problems.push(p);
                    }
                }
            }
        }
        for row in &others.rows {
            let hit = taken.iter().position(|t| if others.by_code { t.code == row.agency } else { t.agency == row.agency });
            let Some(i) = hit else {
                let on_roster = o.roster.is_some_and(|r| r.entries.iter().any(|e| if others.by_code { e.code == row.agency } else { e.agency == row.agency }));
                if !on_roster {
                    // Codes proposed for a code, names for a name.
                    let pick = |code: &'_ str, name: &'_ str| -> String { if others.by_code { code.to_string() } else { name.to_string() } };
                    let mut owned: Vec<String> = o.roster.map(|r| r.entries.iter().map(|e| pick(&e.code, &e.agency)).collect()).unwrap_or_default();
                    owned.extend(taken.iter().map(|t| pick(&t.code, &t.agency)));
                    let names: Vec<&str> = owned.iter().map(String::as_str).filter(|n| !n.is_empty()).collect();
                    let near: Vec<String> = closest(names, &row.agency).into_iter().map(String::from).collect();
                    let (col, header) = &others.id_column;
                    out.problems.push(others.problem(row.line, *col, header, CsvProblemKind::UnknownAgency { name: row.agency.clone(), near }));
                }
                continue;
            };
            let (parts, _) = others.parts_of(&taken[i].rs);
            for (pi, node) in parts {
                match others.value(row, pi, &taken[i].rs, node) {
                    Ok(Some(_)) => {
                        values[i].insert(taken[i].rs.node(node).key.clone(), row.values[pi].clone());
                    }
                    Ok(None) => {}
                    Err(p) => out.problems.push(*p),
                }
            }
        }
    }

    // Each agency with the others' scores: its scorer and results.
    let mut scored: Vec<Scored> = Vec::new();
    for (t, given) in taken.into_iter().zip(values) {
        let missing: Vec<String> = t
            .rs
            .items
            .iter()
            .map(|&id| t.rs.node(id))
            .filter(|n| n.assessed_by != AssessedBy::SelfScored && !given.contains_key(&n.key))
            .map(|n| n.key.clone())
            .collect();
        let mut stage = Stage::new(StageKind::TongHop, o.by.clone(), &o.at);
        stage.entries = given.into_iter().map(|(k, v)| (k, Entry { value: Some(v), ..Entry::default() })).collect();
        // The stage applied on the state the verification left, by the rules
        // `Dossier::append` applies (one replay engine); sealed after ranking.
        let mut t = t;
        match t.dossier.check_on(&stage, &mut t.state) {
            Ok(parts) => scored.push(Scored { parts, stage, missing, t }),
            Err(problems) => out.refused.push(Refused { file: t.file.clone(), reasons: problems.iter().map(|p| p.describe(lang)).collect() }),
        }
    }

    // Groups: (ranking ruleset id, name) → members.
    let mut groups: Vec<(Arc<Ruleset>, String, Vec<Scored>)> = Vec::new();
    for s in scored {
        let name = s.t.group.clone();
        match groups.iter_mut().find(|(rs, n, _)| rs.id == s.t.ranking_rs.id && *n == name) {
            Some(g) => g.2.push(s),
            None => groups.push((s.t.ranking_rs.clone(), name, vec![s])),
        }
    }
    // Roster agencies without a file: listed in the group they would be in.
    let mut absent: Vec<(Arc<Ruleset>, String, Row)> = Vec::new();
    if let Some(roster) = o.roster {
        let home = o.given.as_ref().map(|(rs, _)| rs.clone()).or_else(|| groups.first().map(|g| g.0.clone()));
        for (i, e) in roster.entries.iter().enumerate() {
            let received = groups.iter().any(|g| g.2.iter().any(|s| s.t.roster == Some(i)));
            if let (false, Some(rs)) = (received, &home) {
                let row = Row { code: e.code.clone(), agency: e.agency.clone(), file: None, received: None, office: None, results: None, rank: None, notes: vec![Note::NotSubmitted], levels: Vec::new(), criteria: Vec::new() };
                absent.push((rs.clone(), group_name(rs, Some(&e.group)), row));
            }
        }
    }

    for (rs, name, members) in groups {
        let ranking = rs.ranking.clone().unwrap_or_default();
        let rows = rank_group(&ranking, members);
        out.groups.push(Group { ruleset: rs, name, rows });
    }
    for (rs, name, row) in absent {
        match out.groups.iter_mut().find(|g| g.ruleset.id == rs.id && g.name == name) {
            Some(g) => g.rows.push(row),
            None => out.groups.push(Group { ruleset: rs, name, rows: vec![row] }),
        }
    }
    out
}

/// The rulesets found so far, by SHA-256 and by id: each is looked up and
/// loaded once, not once per file (a consolidation has hundreds of files on
/// one or two rulesets).
#[derive(Default)]
struct Found {
    by_sha256: BTreeMap<String, Option<Loaded>>,
    current: BTreeMap<String, Option<Arc<Ruleset>>>,
}

/// Identifies one file checked: its ruleset, its agency on the roster.
fn take(name: &str, checked: Checked, o: &Options, found: &mut Found) -> Result<Taken, Vec<String>> {
    let lang = o.lang;
    let stamp = match &checked {
        Ok(v) => Some(&v.dossier.ruleset),
        Err(Unverified::NoRuleset(stamp)) => Some(stamp),
        Err(Unverified::Refused { stamp, .. }) => stamp.as_ref(),
    };
    // A file of another ruleset than the one given is said so first.
    if let (Some((rs, _)), Some(stamp)) = (&o.given, stamp) {
        if rs.id != stamp.id {
            let p = Problem::at("ruleset.id", ProblemKind::OtherRuleset { found: stamp.id.clone(), expected: rs.id.clone() });
            return Err(vec![p.describe(lang)]);
        }
    }
    let Verified { rs, dossier, state, .. } = match checked {
        Ok(v) => v,
        Err(Unverified::Refused { reasons, .. }) => return Err(reasons),
        Err(Unverified::NoRuleset(stamp)) if o.given.is_some() => return Err(vec![text::other_copy(&stamp.id, &stamp.version, lang)]),
        Err(Unverified::NoRuleset(stamp)) => return Err(vec![text::results_unverifiable(&stamp.id, &stamp.version, lang)]),
    };
    if dossier.stage() == Some(StageKind::TongHop) {
        return Err(vec![text::already_consolidated(lang).to_string()]);
    }
    let ranking_rs = match &o.given {
        Some((given, _)) => given.clone(),
        None => found.current.entry(rs.id.clone()).or_insert_with(|| (o.current)(&rs.id)).clone().unwrap_or_else(|| rs.clone()),
    };
    let agency = dossier.agency();
    let ranking = ranking_rs.ranking.clone().unwrap_or_default();
    let declared_not_ranked = |code: &str, name: &str| ranking.not_ranked.iter().any(|x| (!code.is_empty() && x == code) || x == name);
    match o.roster {
        None => Ok(Taken {
            file: name.into(),
            group: group_name(&ranking_rs, None),
            ranked: !declared_not_ranked(&agency.code, &agency.name),
            code: agency.code.clone(),
            agency: agency.name.clone(),
            rs,
            ranking_rs,
            dossier,
            state,
            roster: None,
        }),
        Some(roster) => match roster.find(&agency.code, &agency.name) {
            Match::Found(i) => {
                let e = &roster.entries[i];
                Ok(Taken {
                    file: name.into(),
                    group: group_name(&ranking_rs, Some(&e.group)),
                    ranked: e.ranked && !declared_not_ranked(&e.code, &e.agency),
                    code: e.code.clone(),
                    agency: e.agency.clone(),
                    rs,
                    ranking_rs,
                    dossier,
                    state,
                    roster: Some(i),
                })
            }
            Match::Near(near) => Err(vec![text::not_on_roster(&agency.code, &agency.name, &roster.names(&near), lang)]),
        },
    }
}

fn by_sha256(o: &Options, found: &mut Found, sha: &str) -> Option<Loaded> {
    found.by_sha256.entry(sha.to_string()).or_insert_with(|| (o.by_sha256)(sha)).clone()
}

/// Ranks one group and builds its rows.
/// A stage that cannot be sealed (the same rules as the probe before, so
/// not expected) is said in `refused`, never dropped in silence.
fn rank_group(ranking: &Ranking, members: Vec<Scored>) -> Vec<Row> {
    // The ranking ruleset's parts and classifications, found by key and id in
    // each file's own version.
    let ranking_rs = members.first().map(|m| m.t.ranking_rs.clone());
    let Some(ranking_rs) = ranking_rs else { return Vec::new() };
    let class_id = |ci: usize| ranking_rs.classifications[ci].id.clone();
    let quota = ranking.quota.as_ref();
    let mut contenders = Vec::new();
    let mut which = Vec::new();
    let mut notes: Vec<Vec<Note>> = vec![Vec::new(); members.len()];
    for (i, Scored { t, missing, .. }) in members.iter().enumerate() {
        let scorer = Some(t.state.scorer());
        if !t.dossier.stages.iter().any(|s| matches!(s.stage, StageKind::ThamDinh1 | StageKind::ThamDinh2)) {
            notes[i].push(Note::NotAppraised);
        }
        if !missing.is_empty() {
            notes[i].push(Note::MissingOthers { keys: missing.clone() });
            continue;
        }
        if scorer.as_ref().is_some_and(|s| !s.summary().is_final()) {
            notes[i].push(Note::Provisional);
        }
        if !t.ranked {
            notes[i].push(Note::NotRanked);
            continue;
        }
        let Some(s) = scorer else { continue };
        let sum = s.summary();
        let class_in_file = |ci: usize| t.rs.classifications.iter().position(|c| c.id == class_id(ci));
        let (points, max) = match ranking.classification.and_then(class_in_file) {
            Some(ci) => (sum.classifications[ci].points, sum.classifications[ci].max),
            None => (sum.points, sum.max),
        };
        if ranking.by == RankBy::Percent && max <= Decimal::ZERO {
            notes[i].push(Note::NoPercentage);
            continue;
        }
        let ties = ranking.tie_breaks.iter().map(|&n| t.rs.find(&ranking_rs.node(n).key).map_or(Decimal::ZERO, |id| s.agg(id).points)).collect();
        let level = quota.and_then(|q| {
            let ci = class_in_file(q.classification)?;
            let label = &t.rs.classifications[ci].levels[sum.classifications[ci].outcome.as_ref()?.level].label;
            ranking_rs.classifications[q.classification].levels.iter().position(|l| &l.label == label)
        });
        contenders.push(Contender { points, max, ties, level });
        which.push(i);
    }
    let placed = rank(ranking.by, &contenders, quota);
    let mut place: Vec<Option<Placed>> = vec![None; members.len()];
    for (p, &i) in placed.into_iter().zip(&which) {
        if p.tied {
            notes[i].push(Note::Tied);
        }
        match p.quota {
            QuotaOutcome::Cut => notes[i].push(Note::OverQuota { percent: quota.map_or(Decimal::ZERO, |q| q.percent) }),
            QuotaOutcome::TiedAtBoundary => notes[i].push(Note::TiedAtQuota),
            QuotaOutcome::Kept => {}
        }
        place[i] = Some(p);
    }
    // Each row, with the office's stage to seal onto its dossier.
    let mut rows: Vec<(Row, Option<(Stage, StageParts)>)> = Vec::new();
    for (Scored { t, mut stage, parts, missing }, (place, notes)) in members.into_iter().zip(place.into_iter().zip(notes)) {
        let results = Some(parts.results.clone());
        let criteria = if missing.is_empty() { criteria_of(t.state.scorer()) } else { Vec::new() };
        let cut = place.as_ref().is_some_and(|p| p.quota == QuotaOutcome::Cut);
        let quota_class = quota.map(|q| (class_id(q.classification), ranking_rs.classifications[q.classification].levels[q.level - 1].label.clone()));
        // Levels on an agency's estimate of a part are not said.
        let levels: Vec<(String, Option<String>)> = results
            .as_ref()
            .filter(|_| missing.is_empty())
            .map(|r| {
                r.classifications
                    .iter()
                    .map(|c| match &quota_class {
                        Some((id, below)) if cut && *id == c.id => (c.id.clone(), Some(below.clone())),
                        _ => (c.id.clone(), c.level.clone()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut seal = None;
        if missing.is_empty() {
            // The office's stage, with the rank, to seal onto the dossier.
            stage.rank = Some(Rank {
                group: t.group.clone(),
                rank: place.as_ref().map(|p| p.rank),
                notes: notes.iter().map(|n| text::office_note(n, Lang::Vi)).collect(),
                level: quota_class.filter(|_| cut).map(|(_, below)| below),
            });
            seal = Some((stage, parts));
        }
        rows.push((Row { code: t.code, agency: t.agency, file: Some(t.file), received: Some(t.dossier), office: None, results, rank: place.map(|p| p.rank), notes, levels, criteria }, seal));
    }
    // Sealed on every core natively (each agency's stage is its own).
    let mut rows = each(rows, |(mut row, seal)| {
        if let (Some((stage, parts)), Some(dossier)) = (seal, row.received.as_ref()) {
            // Checked on the verification's state, with `append`'s rules.
            let sealed = dossier.sealed(stage, parts);
            row.results = Some(sealed.results.clone());
            row.office = Some(sealed);
        }
        row
    });
    // Ranked first, by rank then name; the others after, in file order.
    rows.sort_by(|a, b| match (a.rank, b.rank) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.agency.cmp(&b.agency)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}
