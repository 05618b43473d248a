//! A file someone hands to the app to open: a v1 submission or a dossier.
//! Both open the same way — the ruleset they name, checked, then a draft to
//! continue or a read-only view with the reasons — so the web app and the
//! command line have one entry point for "open this file".

use super::dossier::{parse_dossier, verify_dossier, Dossier, Replayer, StageKind, DOSSIER_FORMAT, DOSSIER_FORMAT_VERSION};
use super::draft::Draft;
use super::entries::entries_of;
use super::entry::RulesetStamp;
use super::submission::{parse_submission, Submission, SUBMISSION_FORMAT, SUBMISSION_FORMAT_VERSION};
use super::verify::{verify, ImportVerdict};
use crate::json::{parse_format_headed, peek_format, Problem, MAX_FILE_BYTES};
use crate::ruleset::model::Ruleset;
use crate::text;
use crate::Lang;
use std::sync::Arc;

/// A file to open, by the format it names. (One value per file opened: the
/// size of its variants does not matter.)
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Incoming {
    Submission(Submission),
    Dossier(Dossier),
}

/// Reads a submission (v1) or a dossier (v2); anything else is refused with
/// the place of the problem.
pub fn parse_incoming(text: &str) -> Result<Incoming, Vec<Problem>> {
    // The common case, a sound dossier, read in one pass; anything else
    // (another format, a version not read, a broken file) goes the general
    // way below, which names the problem as before. Not scanned for its
    // nesting first (a twentieth of a verification): every type of a
    // dossier refuses unknown fields, so one that reads is as shallow as
    // its types, well within MAX_JSON_NESTING; a deeper one fails here and
    // is refused below for its depth.
    if text.len() <= MAX_FILE_BYTES {
        if let Ok(d) = serde_json::from_str::<Dossier>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
            if d.format == DOSSIER_FORMAT && DOSSIER_FORMAT_VERSION == d.format_version {
                return Ok(Incoming::Dossier(d));
            }
        }
    }
    let Some(head) = head(text) else {
        // Not an object with a readable head: the general reader names the place.
        let (format, _) = peek_format(text)?;
        return if format == SUBMISSION_FORMAT { parse_submission(text).map(Incoming::Submission) } else { parse_dossier(text).map(Incoming::Dossier) };
    };
    if head.0 == SUBMISSION_FORMAT {
        parse_format_headed(text, SUBMISSION_FORMAT, &[SUBMISSION_FORMAT_VERSION], head, MAX_FILE_BYTES).map(Incoming::Submission)
    } else {
        parse_format_headed(text, DOSSIER_FORMAT, &[DOSSIER_FORMAT_VERSION], head, MAX_FILE_BYTES).map(Incoming::Dossier)
    }
}

/// A file's `format` and `format_version`, read without building the rest
/// (the office reads hundreds of files: building each as a `Value` first cost
/// a seventh of its time). `None` when the text is not such an object, or too
/// large or deep: the general reader then says why. Here, not in
/// `json::peek_format`, so that only the pages that open files carry it (the
/// scoring page's start-up wasm does not).
fn head(text: &str) -> Option<(String, Option<u32>)> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    if text.len() > MAX_FILE_BYTES || crate::json::nesting_depth(text) > crate::json::MAX_JSON_NESTING {
        return None;
    }
    let h: Head = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let format = h.format.as_ref().and_then(|f| f.as_str()).unwrap_or_default().to_string();
    let version = h.format_version.as_ref().and_then(|v| v.as_u64()).map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    Some((format, version))
}

impl Incoming {
    /// The file as a verified dossier on `rs` (whose file hashes to
    /// `sha256`): a dossier that verifies, or a v1 submission that verifies by
    /// v1's rules, turned into a dossier at stage `tu_cham`; with the replay
    /// after its last stage, for a stage to be appended on. Otherwise the
    /// reasons, in words. For the office's consolidation.
    pub fn verified_dossier(self, rs: &Arc<Ruleset>, sha256: &str, app_version: &str, lang: Lang) -> Result<(Dossier, Replayer), Vec<String>> {
        match self {
            Incoming::Submission(sub) => match verify(&sub, rs.clone(), sha256, lang).1 {
                ImportVerdict::Verified => {
                    let d = Dossier::from_submission(&sub, rs, app_version).map_err(|p| p.iter().map(|p| p.describe(lang)).collect::<Vec<_>>())?;
                    // One stage, just written: its replay is cheap.
                    let mut r = Replayer::new(rs);
                    d.stages.iter().for_each(|st| drop(r.push(st)));
                    Ok((d, r))
                }
                ImportVerdict::ReadOnly(reasons) => Err(reasons),
            },
            Incoming::Dossier(d) => {
                let check = verify_dossier(&d, Some((rs.clone(), sha256)), lang);
                match check.state {
                    Some(r) if check.findings.is_empty() => Ok((d, r)),
                    _ => Err(check.findings.into_iter().map(|f| f.text).collect()),
                }
            }
        }
    }

    /// The ruleset the file says it was made with.
    pub fn ruleset(&self) -> &RulesetStamp {
        match self {
            Incoming::Submission(s) => &s.ruleset,
            Incoming::Dossier(d) => &d.ruleset,
        }
    }

    /// Opens the file on `rs` (whose file hashes to `sha256`): the draft it
    /// holds (a new id is the caller's) and whether it can be continued.
    /// A dossier past the self-assessment opens read-only, saying its stage,
    /// with the values its last stage reached.
    pub fn open(&self, id: String, rs: Arc<Ruleset>, sha256: &str, lang: Lang) -> (Draft, ImportVerdict) {
        match self {
            Incoming::Submission(sub) => {
                let (_, verdict) = verify(sub, rs, sha256, lang);
                (sub.to_draft(id), verdict)
            }
            Incoming::Dossier(d) => {
                let check = verify_dossier(d, Some((rs, sha256)), lang);
                let mut draft = Draft::new(id, d.ruleset.clone(), d.stages.first().map_or("", |s| s.at.as_str()));
                draft.agency = d.agency();
                let mut reasons: Vec<String> = check
                    .findings
                    .iter()
                    .map(|f| match f.stage {
                        Some((i, k)) if !f.text.starts_with("stages[") => format!("stages[{i}] ({}): {}", k.code(), f.text),
                        _ => f.text.clone(),
                    })
                    .collect();
                if let Some(first) = d.stages.first() {
                    draft.entries = crate::map_of(first.entries.iter().map(|(k, e)| (k.clone(), e.as_typed())));
                    draft.conditions = first.conditions.clone();
                    draft.updated_at = d.stages.last().map_or(first.at.clone(), |s| s.at.clone());
                }
                let last = d.stage().unwrap_or(StageKind::TuCham);
                if last != StageKind::TuCham {
                    // What the last stage reached, over the agency's own words.
                    if let Some(state) = &check.state {
                        for e in draft.entries.values_mut() {
                            (e.value, e.of, e.not_applicable) = (None, None, false);
                        }
                        for (k, e) in entries_of(state.scorer()) {
                            let mine = draft.entries.entry(k).or_default();
                            mine.value = e.value;
                            mine.of = e.of;
                            mine.not_applicable = e.not_applicable;
                        }
                        draft.conditions = super::entries::answers_of(state.scorer());
                    }
                    reasons.insert(0, text::dossier_past_self_assessment(last, lang));
                }
                let verdict = if reasons.is_empty() { ImportVerdict::Verified } else { ImportVerdict::ReadOnly(reasons) };
                (draft, verdict)
            }
        }
    }
}
