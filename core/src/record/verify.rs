//! Checking a record someone hands in: the ruleset it was made with, and
//! every computed part (results, each entry's points and who scores it, the
//! checklist) against a fresh computation. What differs is said in words
//! (`crate::text`), never silently corrected.

use super::checklist::Checklist;
use super::dossier::Computed;
use super::entry::Entry;
use super::results::Results;
use super::submission::Submission;
use crate::ruleset::model::Ruleset;
use crate::score::Scorer;
use crate::text;
use crate::Lang;
use std::collections::BTreeMap;

/// What an import found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportVerdict {
    /// Matches a known ruleset and its stored results equal the recomputation.
    Verified,
    /// Opened read-only: the reasons, in words.
    ReadOnly(Vec<String>),
}

/// Checks an imported v1 submission against the ruleset it names (`rs`,
/// whose file hashes to `sha256`): same file, and stored results equal to a
/// fresh computation. Anything else opens read-only, with the reason.
pub fn verify(sub: &Submission, rs: std::sync::Arc<Ruleset>, sha256: &str, lang: Lang) -> (Scorer, ImportVerdict) {
    let mut reasons = Vec::new();
    if sub.ruleset.sha256 != sha256 {
        reasons.push(text::other_copy(&sub.ruleset.id, &sub.ruleset.version, lang));
    }
    let draft = sub.to_draft(String::new());
    let (s, problems) = draft.scorer(rs);
    reasons.extend(problems.iter().map(|p| p.describe(lang)));
    let rebuilt = Submission::build(&draft, &s, &sub.app_version);
    let computed: Vec<_> = sub.entries.keys().map(|k| rebuilt.entries.get(k).map(|r| (r.points.clone(), r.scored_by)).unwrap_or_default()).collect();
    reasons.extend(computed_differences(&sub.entries, &sub.results, Some(&sub.checklist), &computed, &rebuilt.results, Some(&rebuilt.checklist), &s, lang));
    let verdict = if reasons.is_empty() { ImportVerdict::Verified } else { ImportVerdict::ReadOnly(reasons) };
    (s, verdict)
}

/// Where the computed parts of a record (`f`, as stored) differ from a
/// recomputation (`r`; `r_computed` per entry of `f_entries`, in its
/// order), in words: results, each known entry's points and who scores it,
/// and the checklist where the record has one.
#[allow(clippy::too_many_arguments)]
pub fn computed_differences(
    f_entries: &BTreeMap<String, Entry>,
    f_results: &Results,
    f_checklist: Option<&Checklist>,
    r_computed: &[Computed],
    r_results: &Results,
    r_checklist: Option<&Checklist>,
    s: &Scorer,
    lang: Lang,
) -> Vec<String> {
    let mut reasons = Vec::new();
    if f_results != r_results {
        reasons.push(text::results_differ(f_results, r_results, lang));
    }
    let rs = s.ruleset();
    for ((key, e), (points, scored_by)) in f_entries.iter().zip(r_computed) {
        if rs.find(key).is_none() {
            continue; // reported by `apply` as an unknown item
        }
        let scored_by = *scored_by;
        if e.points != *points {
            reasons.push(text::item_points_differ(key, e.points.as_deref(), points.as_deref(), lang));
        }
        if e.scored_by.unwrap_or_default() != scored_by.unwrap_or_default() {
            reasons.push(text::item_scorer_differs(key, e.scored_by.unwrap_or_default(), scored_by.unwrap_or_default(), lang));
        }
    }
    if let (Some(f), Some(r)) = (f_checklist, r_checklist) {
        if f != r {
            reasons.push(text::checklist_differs(f, r, lang));
        }
    }
    reasons
}
