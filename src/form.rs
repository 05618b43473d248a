//! One open self-assessment: its state (`Form`, a thin mirror of the core's
//! `Scorer` plus the draft being saved) and its view (the tree of items, the
//! results panel, conditions, evidence and explanations).

use crate::i18n::{self, tr};
use crate::ids;
use chamdiem_core::ruleset::file::{AssessedBy, EvidenceRule};
use chamdiem_core::ruleset::model::Rule;
use crate::files::now_iso;
use crate::opener::Request;
use crate::store::{self, StoreError};
use chamdiem_core::score::explain::{breakdown, most_room, next_level};
use chamdiem_core::score::{Agg, Summary};
use chamdiem_core::record::{
    checklist, outline, ruleset_changes, Agency, Checklist, Draft, Entry, Evidence, EvidenceError,
    RulesetStamp, Unassigned,
};
use chamdiem_core::{Lang, NodeId, Ruleset, Scorer, Value};
use leptos::prelude::*;
use std::sync::Arc;

mod tree;

/// Where a form reports saving: the lasting storage banner and the list of drafts.
#[derive(Clone, Copy)]
pub struct Persist {
    pub storage_error: RwSignal<Option<StoreError>>,
    pub drafts: RwSignal<Vec<Draft>>,
}

/// The state of one open ruleset. The `Scorer` is the single source of truth
/// for scores; a change patches the item's row and its ancestors' subtotals
/// in the tree (form/tree.rs) and moves the signals that the Leptos views
/// read (the results panel, the to-do list, open "Vì sao?" panels). The
/// `Draft` mirrors what was typed, for saving.
pub struct Form {
    pub rs: Arc<Ruleset>,
    /// The ruleset's file as read: the worker makes the file to hand in on it.
    ruleset_text: Arc<str>,
    scorer: StoredValue<Scorer>,
    pub draft: StoredValue<Draft>,
    aggs: Vec<RwSignal<Agg>>,
    /// Whether an item has evidence or an explanation (for the warnings).
    support: Vec<RwSignal<bool>>,
    /// End (exclusive) of each node's subtree in the arena.
    subtree_end: Vec<NodeId>,
    /// Whether each item misses evidence, as last counted, and how many
    /// items under each node do: kept up to date by each change, so a group's
    /// warning never rescans its subtree (thousands of items at 2,000).
    missing: StoredValue<Vec<bool>>,
    missing_count: StoredValue<Vec<usize>>,
    answers: Vec<RwSignal<Option<bool>>>,
    summary: RwSignal<Summary>,
    /// Reasons the form is shown read-only (an import that did not verify).
    pub read_only: Option<Vec<String>>,
    /// What to tell the user on opening (a changed ruleset, entries that no longer fit).
    pub notices: Vec<String>,
    persist: Persist,
    /// The language the form is shown in (the item rows are patched in it).
    lang: StoredValue<Lang>,
    save_pending: StoredValue<bool>,
    /// Changed since the last save: an untouched new draft is never stored,
    /// so browsing rulesets does not fill the list with empty drafts.
    dirty: StoredValue<bool>,
    /// Whether changes are saved as a draft: not for a ruleset tried out
    /// while it is written (the office page's "Soạn bộ chỉ số").
    saves: bool,
}

impl Form {
    /// Opens `draft` on `rs`, read from the file `text`.
    pub fn new(rs: Ruleset, text: &str, mut draft: Draft, read_only: Option<Vec<String>>, persist: Persist, l: Lang) -> Self {
        let sha256 = chamdiem_core::record::sha256_hex(text.as_bytes());
        let rs = Arc::new(rs);
        let (scorer, problems) = draft.scorer(rs.clone());
        let mut notices: Vec<String> = problems.iter().map(|p| p.describe(l)).collect();
        let changed_ruleset = !draft.outline.is_empty() && draft.ruleset.sha256 != sha256;
        if changed_ruleset {
            let c = ruleset_changes(&draft.outline, &rs, &draft.entries);
            notices.insert(0, i18n::ruleset_changed((&draft.ruleset.version, &draft.ruleset.sha256), (&rs.version, &sha256), l));
            notices.extend(i18n::changes(&c, l));
        }
        draft.ruleset = RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256 };
        draft.outline = outline(&rs);
        let n = rs.nodes.len();
        let form = Form {
            aggs: (0..n).map(|i| RwSignal::new(scorer.agg(i).clone())).collect(),
            support: rs
                .nodes
                .iter()
                .map(|node| {
                    let e = draft.entries.get(&node.key);
                    RwSignal::new(e.is_some_and(Entry::is_supported))
                })
                .collect(),
            subtree_end: (0..n).map(|i| (i + 1..n).find(|&j| rs.nodes[j].depth <= rs.nodes[i].depth).unwrap_or(n)).collect(),
            missing: StoredValue::new(vec![false; n]),
            missing_count: StoredValue::new(vec![0; n]),
            answers: (0..rs.conditions.len()).map(|i| RwSignal::new(scorer.answer(i))).collect(),
            summary: RwSignal::new(scorer.summary()),
            scorer: StoredValue::new(scorer),
            draft: StoredValue::new(draft),
            rs,
            ruleset_text: text.into(),
            read_only,
            notices,
            persist,
            lang: StoredValue::new(l),
            save_pending: StoredValue::new(false),
            dirty: StoredValue::new(false),
            saves: true,
        };
        form.recount_missing(0..n);
        form
    }

    /// The same form, scorable but never saved: nothing it holds is written
    /// to this browser's drafts.
    pub fn unsaved(mut self) -> Self {
        self.saves = false;
        self
    }

    fn key(&self, id: NodeId) -> String {
        self.rs.nodes[id].key.clone()
    }

    /// Changes the draft and saves it soon after (coalescing keystrokes, so
    /// typing never waits on storage).
    pub fn touch(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update_value(|d| {
            change(d);
            d.updated_at = now_iso();
        });
        if self.read_only.is_some() || !self.saves {
            return;
        }
        self.dirty.set_value(true);
        if self.save_pending.get_value() {
            return;
        }
        self.save_pending.set_value(true);
        let (draft, pending, dirty, persist) = (self.draft, self.save_pending, self.dirty, self.persist);
        set_timeout(
            move || {
                pending.set_value(false);
                flush(draft, dirty, persist);
            },
            std::time::Duration::ZERO,
        );
    }

    /// Whether this tab holds changes not yet written.
    pub fn is_dirty(&self) -> bool {
        self.dirty.get_value()
    }

    /// Saves now if anything changed (page hide, switching drafts, export).
    pub fn save_now(&self) {
        if self.read_only.is_none() {
            flush(self.draft, self.dirty, self.persist);
        }
    }

    fn entry(&self, id: NodeId, change: impl FnOnce(&mut Entry)) {
        let key = self.key(id);
        self.touch(|d| {
            let e = d.entries.entry(key.clone()).or_default();
            change(e);
            if e.is_empty() {
                d.entries.remove(&key);
            }
        });
    }

    pub fn set_value(&self, id: NodeId, raw: &str) {
        let changed = self.scorer.try_update_value(|s| s.set_value(id, raw)).unwrap_or_default();
        self.publish(&changed);
        tree::patch(self, id);
        self.entry(id, |e| e.value = (!raw.is_empty()).then(|| raw.to_string()));
        self.recount_missing(id..id + 1);
    }

    pub fn set_pair(&self, id: NodeId, first: &str, second: &str) {
        let changed = self.scorer.try_update_value(|s| s.set_pair(id, first, second)).unwrap_or_default();
        self.publish(&changed);
        tree::patch(self, id);
        self.entry(id, |e| {
            e.value = (!first.is_empty()).then(|| first.to_string());
            e.of = (!second.is_empty()).then(|| second.to_string());
        });
        self.recount_missing(id..id + 1);
    }

    /// Points of item `id`'s maximum declared not assigned to the agency.
    pub fn set_unassigned(&self, id: NodeId, raw: &str) {
        let changed = self.scorer.try_update_value(|s| s.set_unassigned(id, raw)).unwrap_or_default();
        self.publish(&changed);
        tree::patch(self, id);
        tree::patch_unassigned(self, id);
        self.entry(id, |e| {
            let explanation = e.unassigned.take().map(|u| u.explanation).unwrap_or_default();
            e.unassigned = (!raw.is_empty()).then(|| Unassigned { points: raw.to_string(), explanation });
        });
        self.recount_missing(id..id + 1);
    }

    pub fn set_not_applicable(&self, id: NodeId, na: bool) {
        let changed = self.scorer.try_update_value(|s| s.set_not_applicable(id, na)).unwrap_or_default();
        self.publish(&changed);
        for i in id..self.subtree_end[id] {
            if self.rs.nodes[i].is_item() {
                tree::patch(self, i);
            }
        }
        self.entry(id, |e| e.not_applicable = na);
        self.recount_missing(id..self.subtree_end[id]);
    }

    pub fn set_answer(&self, condition: usize, answer: Option<bool>) {
        self.scorer.update_value(|s| s.set_answer(condition, answer));
        self.answers[condition].set(answer);
        self.publish(&[]);
        let cid = self.rs.conditions[condition].id.clone();
        self.touch(|d| match answer {
            Some(a) => {
                d.conditions.insert(cid, a);
            }
            None => {
                d.conditions.remove(&cid);
            }
        });
    }

    pub fn set_evidence(&self, id: NodeId, evidence: Vec<Evidence>) {
        tree::patch_evidence_count(self, id, evidence.len());
        self.entry(id, |e| e.evidence = evidence);
        self.refresh_support(id);
    }

    pub fn set_explanation(&self, id: NodeId, text: &str) {
        self.entry(id, |e| e.explanation = text.to_string());
        self.refresh_support(id);
    }

    fn refresh_support(&self, id: NodeId) {
        let key = &self.rs.nodes[id].key;
        let has = self.draft.with_value(|d| d.entries.get(key).is_some_and(Entry::is_supported));
        if self.support[id].get_untracked() != has {
            self.support[id].set(has);
        }
        self.recount_missing(id..id + 1);
    }

    /// Reactive: the item has points (or always needs evidence) and neither
    /// evidence nor an explanation.
    pub fn missing_evidence(&self, id: NodeId) -> bool {
        let n = &self.rs.nodes[id];
        if n.assessed_by != AssessedBy::SelfScored || self.aggs[id].with(|a| a.not_applicable) {
            return false;
        }
        let needed = match n.evidence {
            EvidenceRule::Never => false,
            EvidenceRule::Always => true,
            // Read from the core: a change of value also changes the summary,
            // which the reactive readers (the to-do list) track.
            EvidenceRule::WhenPoints => self.scorer.with_value(|s| matches!(s.value(id), Value::Valid(p) if !p.is_zero())),
        };
        needed && !self.support[id].get()
    }

    /// Re-checks the items in `ids` after a change to them, and moves the
    /// counts of their groups by the difference.
    fn recount_missing(&self, ids: std::ops::Range<NodeId>) {
        for i in ids {
            if !self.rs.nodes[i].is_item() {
                continue;
            }
            let now = untrack(|| self.missing_evidence(i));
            if self.missing.with_value(|m| m[i]) == now {
                continue;
            }
            self.missing.update_value(|m| m[i] = now);
            tree::patch_warning(self, i, now);
            let mut at = self.rs.nodes[i].parent;
            while let Some(a) = at {
                let c = self.missing_count.with_value(|m| m[a]);
                let c = if now { c + 1 } else { c - 1 };
                self.missing_count.update_value(|m| m[a] = c);
                tree::patch_missing_count(self, a, c);
                at = self.rs.nodes[a].parent;
            }
        }
    }

    /// Copies the core's new results into the signals that show them, and
    /// into the groups' subtotals (item rows: `tree::patch`, by the caller).
    fn publish(&self, changed: &[NodeId]) {
        self.scorer.with_value(|s| {
            for &n in changed {
                self.aggs[n].set(s.agg(n).clone());
            }
            self.summary.set(s.summary());
        });
        for &n in changed {
            if !self.rs.nodes[n].is_item() {
                tree::patch_group(self, n);
            }
        }
    }

    /// What the file-opening worker needs to make the file to hand in — a
    /// dossier at its first stage, the self-assessment — (`Request::Export`):
    /// the draft as stored and the ruleset file it is scored on; as JSON, or
    /// with `package` in a package with its evidence files (issue 15).
    pub fn export_request(&self, lang: Lang, package: bool) -> Request {
        Request::Export {
            draft: self.draft.with_value(|d| serde_json::to_string(d).unwrap_or_default()),
            ruleset: self.ruleset_text.to_string(),
            at: now_iso(),
            english: lang == Lang::En,
            package,
        }
    }

    /// Reads the scorer (for views that are snapshots, like the print sheet).
    pub fn snapshot<T>(&self, f: impl FnOnce(&Scorer) -> T) -> T {
        self.scorer.with_value(f)
    }

    pub fn checklist(&self) -> Checklist {
        self.draft.with_value(|d| self.scorer.with_value(|s| checklist(&d.entries, s)))
    }
}

fn flush(draft: StoredValue<Draft>, dirty: StoredValue<bool>, persist: Persist) {
    if dirty.try_get_value() != Some(true) {
        return;
    }
    let Some(d) = draft.try_get_value() else { return };
    let result = store::save(&d);
    let err = result.err();
    // Still dirty after a failed write, so the next change or page hide retries.
    dirty.set_value(err.is_some());
    if persist.storage_error.get_untracked() != err {
        persist.storage_error.set(err.clone());
    }
    if err.is_none() {
        store::set_current(&d.id);
    }
    // The draft worked on last goes to the top (the list and "open the
    // ruleset's draft" both read it in that order).
    persist.drafts.update(|list| {
        list.retain(|x| x.id != d.id);
        list.insert(0, d);
    });
}

/// Items from which a ruleset counts as long (see `.contents.long` in style.css).
const LONG_RULESET: usize = 200;

pub fn form_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let long = form.rs.items.len() > LONG_RULESET;
    let rs = form.rs.clone();
    let t = tr(l);
    form.lang.set_value(l);
    // The tree's events, one listener each for the whole contents (form/tree.rs).
    let mounted: tree::Mounted = StoredValue::new_local(Vec::new());
    let (f1, f2, f3, f4, f5) = (form.clone(), form.clone(), form.clone(), form.clone(), form.clone());
    // Once the rows are in the document: the evidence that opens with some.
    // Long rulesets: the sizes the browser assumes for the groups it skips.
    // Runs once: nothing here is tracked.
    Effect::new(move |_| {
        untrack(|| {
            tree::mount_open_evidence(&f5, mounted, l);
            if long {
                tree::size_skipped_groups(&f5);
                tree::draw_skipped_groups(&f5);
            }
        })
    });
    let src = &rs.source;
    // The index's own marks, then those of how the office ranks with it: a
    // reading of the decision the agency should see before it scores.
    let mut not_verified = rs.not_verified.clone();
    if let Some(r) = &rs.ranking {
        not_verified.extend(r.not_verified.iter().map(|nv| i18n::ranking_not_verified(false, nv, l)));
        not_verified.extend(r.quota.iter().filter_map(|q| q.not_verified.as_ref()).map(|nv| i18n::ranking_not_verified(true, nv, l)));
    }
    view! {
        <section class="ruleset-head" aria-labelledby="ruleset-title">
            <h2 id="ruleset-title">{rs.title.clone()}</h2>
            {rs.illustrative.then(|| view! { <p class="illustrative" role="note">{t.illustrative}</p> })}
            <p class="source">
                <span class="label">{t.source_prefix}": "</span>
                {i18n::source_line(&src.document, &src.date, &src.issuer, l)}
                {src.title.clone().map(|x| view! { <span class="source-title">" — "{x}</span> })}
            </p>
            {(!not_verified.is_empty()).then(|| view! {
                <div class="not-verified" role="note">
                    <strong>{t.not_verified}": "</strong>
                    <ul>{not_verified.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!rs.notes.is_empty()).then(|| view! {
                <details class="notes">
                    <summary>{t.notes}</summary>
                    <ul>{rs.notes.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
        </section>
        {form.draft.with_value(|d| d.example).then(|| view! {
            <p class="example-banner" role="note">{t.example_banner}</p>
        })}
        {form.read_only.clone().map(|reasons| view! {
            <section class="read-only" role="alert" aria-labelledby="read-only-h">
                <h3 id="read-only-h">{t.read_only}</h3>
                <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </section>
        })}
        {(!form.notices.is_empty()).then(|| view! {
            <section class="notices" role="status" aria-labelledby="notices-h">
                <h3 id="notices-h">{t.notices}</h3>
                <ul>{form.notices.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <div class="layout">
            {results_view(form.clone(), l)}
            // A disabled fieldset disables every control inside: a read-only import.
            <fieldset class="contents-wrap" disabled=form.read_only.is_some()>
                <legend class="visually-hidden">{t.contents}</legend>
                {agency_view(form.clone(), l)}
                {todo_view(form.clone(), l)}
                // Long rulesets skip the items off screen (style.css): worth it from a
                // few hundred items on, a cost of ~25 ms at start-up below that.
                <section class="contents" class:long=long aria-label=t.contents
                    on:input=move |ev| tree::on_input(&f1, &ev)
                    on:change=move |ev| tree::on_change(&f2, &ev)
                    on:keydown=move |ev| tree::on_keydown(&f3, &ev)
                    on:click=move |ev| tree::on_click(&f4, &ev, mounted, l)>
                    {conditions_view(form.clone(), l)}
                    <div class="tree" inner_html=tree::tree_html(&form, l)></div>
                </section>
            </fieldset>
        </div>
    }
}

/// "Việc còn lại": what still needs doing, each entry a button that opens
/// the item's groups and focuses its field.
fn todo_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let summary = form.summary;
    // Built only while open: the list walks every item, too much for each keystroke.
    let open = RwSignal::new(false);
    view! {
        <details class="todo" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>{t.todo}{move || summary.with(|s| {
                let n = s.unscored + s.invalid;
                (n > 0).then(|| format!(" ({n}+)"))
            })}</summary>
            {move || {
                if !open.get() {
                    return ().into_any();
                }
                summary.track();
                let rs = form.rs.clone();
                let mut entries: Vec<(String, String, String)> = Vec::new(); // (group label, element id, text)
                for &id in &rs.items {
                    let n = rs.node(id);
                    let a = form.aggs[id].get();
                    if a.not_applicable {
                        continue;
                    }
                    let label = format!("{} {}", n.code, n.title);
                    let target = ids::item_field(id);
                    if a.unscored > 0 {
                        entries.push((t.check_unscored.into(), target.clone(), label.clone()));
                    }
                    if a.invalid > 0 {
                        entries.push((t.check_invalid.into(), target.clone(), label.clone()));
                    }
                    if form.missing_evidence(id) {
                        entries.push((t.check_evidence.into(), ids::item_evidence(id), label));
                    }
                }
                for (ci, c) in rs.conditions.iter().enumerate() {
                    if form.answers[ci].get().is_none() {
                        entries.push((t.check_conditions.into(), ids::condition_answer(ci, Some(true)), c.question.clone()));
                    }
                }
                if entries.is_empty() {
                    return view! { <p>{t.todo_none}</p> }.into_any();
                }
                view! {
                    <ul>{entries.into_iter().map(|(kind, target, text)| view! {
                        <li><span class="todo-kind">{kind}": "</span>
                            <button type="button" class="linklike" on:click=move |_| crate::nav::focus(&target)>{text}</button></li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </details>
    }
}

fn agency_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let a = form.draft.with_value(|d| d.agency.clone());
    let field = |id: &'static str, label: &'static str, value: String, set: fn(&mut Agency, String)| {
        let f = form.clone();
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" value=value on:input=move |ev| {
                    let v = event_target_value(&ev);
                    f.touch(|d| set(&mut d.agency, v));
                } />
            </div>
        }
    };
    let f = form.clone();
    let kind = a.kind;
    let kinds = i18n::agency_kinds(l).map(|(k, label)| (k, k.code(), label));
    view! {
        <fieldset class="agency">
            <legend>{t.agency}</legend>
            {field("agency-name", t.agency_name, a.name, |a, v| a.name = v)}
            <div class="field">
                <label for="agency-kind">{t.agency_kind}</label>
                <select id="agency-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let k = kinds.iter().find(|(_, code, _)| *code == v).map(|(k, _, _)| *k).unwrap_or_default();
                    f.touch(|d| d.agency.kind = k);
                }>
                    {kinds.iter().map(|(k, code, label)| view! { <option value=*code selected=*k == kind>{*label}</option> }).collect_view()}
                </select>
            </div>
            {field("agency-year", t.agency_year, a.year, |a, v| a.year = v)}
            {field("agency-preparer", t.agency_preparer, a.preparer, |a, v| a.preparer = v)}
            {field("agency-contact", t.agency_contact, a.contact, |a, v| a.contact = v)}
        </fieldset>
    }
}

fn conditions_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let rs = form.rs.clone();
    (!rs.conditions.is_empty()).then(|| {
        view! {
            <section class="conditions" aria-labelledby="conditions-h">
                <h3 id="conditions-h">{t.conditions}</h3>
                {rs.conditions.iter().enumerate().map(|(ci, c)| {
                    let name = ids::condition(ci);
                    let answer = form.answers[ci];
                    let form = form.clone();
                    let choice = move |value: Option<bool>, label: &'static str| {
                        let f = form.clone();
                        let rid = ids::condition_answer(ci, value);
                        view! {
                            <label class="radio">
                                <input type="radio" id=rid name=name.clone()
                                    prop:checked=move || answer.get() == value
                                    on:change=move |_| f.set_answer(ci, value) />
                                {label}
                            </label>
                        }
                    };
                    view! {
                        <fieldset class="condition">
                            <legend>{c.question.clone()}</legend>
                            {choice(Some(true), t.yes)}
                            {choice(Some(false), t.no)}
                            {choice(None, t.unanswered)}
                            {c.not_verified.clone().map(|nv| view! { <p class="nv">{t.not_verified}": "{nv}</p> })}
                        </fieldset>
                    }
                }).collect_view()}
            </section>
        }
    })
}

fn results_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let summary = form.summary;
    let rs = form.rs.clone();
    view! {
        <section class="results" role="region" aria-labelledby="results-h">
            <h2 id="results-h">{t.results}</h2>
            <dl>
                <div class="row">
                    <dt>{t.total}</dt>
                    <dd class="total">{move || summary.with(|s| i18n::out_of(s.points, s.max, l))}</dd>
                    <dd>{why(form.clone(), ids::WHY_TOTAL_PANEL, t.total.to_string(), l)}</dd>
                </div>
                <div class="row">
                    <dt>{t.percent}</dt>
                    <dd class="percent">{move || summary.with(|s| i18n::pct(s.percent, l))}</dd>
                </div>
                {rs.classifications.iter().enumerate().map(|(ci, c)| {
                    let rs2 = rs.clone();
                    let title = c.title.clone();
                    let nv = c.not_verified.clone();
                    view! {
                        <div class="row classification">
                            <dt>{title}</dt>
                            <dd>
                                {move || summary.with(|s| classification_text(&rs2, s, ci, l))}
                                {nv.map(|nv| view! { <span class="note nv">{t.not_verified}": "{nv}</span> })}
                                {why_level(form.clone(), ci, l)}
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <p class="status" aria-live="polite">{move || summary.with(|s| {
                if s.is_final() { t.final_result.to_string() } else { i18n::provisional_because(s.unscored, s.invalid, s.awaiting, s.conditions_pending(), l) }
            })}</p>
            <p class="unscored">{move || summary.with(|s| (s.unscored > 0).then(|| i18n::unscored(s.unscored, l)))}</p>
            <p class="awaiting">{move || summary.with(|s| (s.awaiting > 0).then(|| i18n::awaiting(s.awaiting, l)))}</p>
            {next_level_view(form.clone(), l)}
        </section>
    }
}

/// A "Vì sao?" toggle and, when open, the breakdown of the total (a group's
/// is in its markup, tree.rs, and mounts `why_lines` when first opened).
fn why(form: Arc<Form>, panel: &'static str, what: String, l: Lang) -> impl IntoView {
    let t = tr(l);
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="why" aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=panel aria-label=format!("{} — {what}", t.why)
            on:click=move |_| open.update(|o| *o = !*o)>{t.why}</button>
        <div id=panel class="why-panel" hidden=move || !open.get()>
            {move || open.get().then(|| why_lines(form.clone(), None, l))}
        </div>
    }
}

/// The breakdown of a subtotal (`group`) or of the total (`None`), kept live.
fn why_lines(form: Arc<Form>, group: Option<NodeId>, l: Lang) -> impl IntoView {
    let summary = form.summary;
    let aggs: Vec<RwSignal<Agg>> = match group {
        Some(g) => form.rs.nodes[g].children.iter().map(|&c| form.aggs[c]).collect(),
        None => Vec::new(),
    };
    move || {
        // Track what the breakdown depends on, then read it from the core.
        summary.track();
        aggs.iter().for_each(|a| a.track());
        let (b, pct) = form.scorer.with_value(|s| (breakdown(s, group), s.summary().percent));
        let mut lines = i18n::breakdown_lines(&form.rs, &b, l);
        if group.is_none() {
            lines.push(i18n::percent_line(b.points, b.max, pct, l));
        }
        lines.into_iter().map(|x| view! { <p>{x}</p> }).collect_view()
    }
}

/// "Vì sao?" for a level: the percentage, each threshold reached or not, the
/// conditions and vetoes that decided it.
fn why_level(form: Arc<Form>, ci: usize, l: Lang) -> impl IntoView {
    let t = tr(l);
    let open = RwSignal::new(false);
    let panel = ids::level_why_panel(ci);
    let summary = form.summary;
    let c = form.rs.classifications[ci].clone();
    let rs = form.rs.clone();
    view! {
        <button type="button" class="why" aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=panel.clone() aria-label=format!("{} — {}", t.why, c.title)
            on:click=move |_| open.update(|o| *o = !*o)>{t.why}</button>
        <div id=panel class="why-panel" hidden=move || !open.get()>
            {move || open.get().then(|| summary.with(|s| {
                i18n::level_lines(&rs, ci, &s.classifications[ci], l).into_iter().map(|x| view! { <p>{x}</p> }).collect_view()
            }))}
        </div>
    }
}

/// How far each classification's next level is, and where points can still be gained.
fn next_level_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let summary = form.summary;
    let rs = form.rs.clone();
    let open = RwSignal::new(false);
    view! {
        <details class="next-level" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>{t.next_level}</summary>
            {move || {
                if !open.get() {
                    return ().into_any();
                }
                summary.track();
                form.scorer.with_value(|s| {
                    let lines: Vec<String> = (0..rs.classifications.len())
                        .filter_map(|ci| next_level(s, ci).map(|n| i18n::next_level_line(&rs.classifications[ci], &n, l)))
                        .collect();
                    let room: Vec<String> = most_room(s, 5)
                        .into_iter()
                        .map(|(id, r)| format!("{} {} — {}", rs.node(id).code, rs.node(id).title, i18n::room(r, l)))
                        .collect();
                    view! {
                        <ul class="next">{lines.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                        {(!room.is_empty()).then(|| view! {
                            <p class="room-h">{t.most_room}</p>
                            <ol class="room">{room.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ol>
                        })}
                    }
                    .into_any()
                })
            }}
        </details>
    }
}

/// The level of classification `ci` in words, with what it depends on.
fn classification_text(rs: &Ruleset, s: &Summary, ci: usize, l: Lang) -> impl IntoView {
    let c = &rs.classifications[ci];
    let r = &s.classifications[ci];
    let t = tr(l);
    let pct = i18n::pct(r.percent, l);
    let Some(o) = r.outcome.as_ref() else {
        return view! { <span class="level undetermined">{t.undetermined}</span> }.into_any();
    };
    let decided = c.levels[o.level].label.clone();
    let level = match &o.pending {
        Some((lv, reqs)) => {
            let conds = reqs.iter().map(|&ri| c.levels[*lv].requires[ri].text.clone()).collect::<Vec<_>>().join(", ");
            i18n::pending_level(&c.levels[*lv].label, &conds, &decided, l)
        }
        None => decided,
    };
    let level = if o.pending_vetoes.is_empty() {
        level
    } else {
        let texts = o.pending_vetoes.iter().map(|&vi| c.vetoes[vi].text.clone()).collect::<Vec<_>>().join("; ");
        format!("{level} — {}", i18n::pending_veto(&c.levels[o.level_if_clear].label, &texts, l))
    };
    let vetoes: Vec<String> = o
        .vetoed
        .iter()
        .map(|&(lv, ri)| i18n::vetoed(&c.levels[lv].label, &c.levels[lv].requires[ri].text, l))
        .chain(o.forced.iter().map(|&vi| i18n::forced(&c.levels[c.vetoes[vi].level].label, &c.vetoes[vi].text, l)))
        .collect();
    let final_ = s.is_final();
    view! {
        <span class="level" class:provisional=!final_>{level}</span>
        " "
        <span class="class-percent">"("{pct}" — "{i18n::out_of(r.points, r.max, l)}")"</span>
        {(!final_).then(|| view! { <span class="badge">{t.provisional}</span> })}
        {o.rounding_differs().then(|| view! { <span class="note rounding">{i18n::rounding_note(l)}</span> })}
        {vetoes.into_iter().map(|v| view! { <span class="note veto">{v}</span> }).collect_view()}
    }
    .into_any()
}

/// Evidence documents and the explanation of one item, mounted into its row
/// when first opened (form/tree.rs). Each row keeps its own signal, so typing in
/// a row never re-renders the list (focus stays put); the draft is rebuilt
/// from the rows on every change.
fn evidence_body(form: Arc<Form>, id: NodeId, l: Lang) -> impl IntoView {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    let item = format!("{} {}", n.code, n.title);
    let entry = form.draft.with_value(|d| d.entries.get(&n.key).cloned().unwrap_or_default());
    let next = StoredValue::new(entry.evidence.len() as u32 + 1);
    let rows: RwSignal<Vec<(u32, RwSignal<Evidence>)>> =
        RwSignal::new(entry.evidence.into_iter().enumerate().map(|(i, e)| (i as u32 + 1, RwSignal::new(e))).collect());
    let f = form.clone();
    let sync = move || f.set_evidence(id, rows.with_untracked(|r| r.iter().map(|(_, e)| e.get_untracked()).collect()));
    let add = {
        let sync = sync.clone();
        move |_| {
            let k = next.get_value();
            next.set_value(k + 1);
            rows.update(|r| r.push((k, RwSignal::new(Evidence::default()))));
            sync();
        }
    };
    let expl_id = ids::item_explanation(id);
    let (item2, item3) = (item.clone(), item);
    let f = form.clone();
    let explanation = entry.explanation;
    // Attaching: said while the worker keeps the files, then what it refused.
    let said: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    // Files no longer kept in this browser (by SHA-256), asked once when opened.
    let gone: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let shas: Vec<String> = rows.with_untracked(|r| r.iter().flat_map(|(_, e)| e.with_untracked(|e| e.files.iter().map(|f| f.sha256.clone()).collect::<Vec<_>>())).collect());
    if !shas.is_empty() {
        leptos::task::spawn_local(async move { gone.set(crate::evidence::missing(shas).await) });
    }
    // Files to a row (`Some(k)`), or each file a row of its own.
    let attach = {
        let sync = sync.clone();
        move |list: Vec<web_sys::File>, to: Option<u32>| {
            if list.is_empty() {
                return;
            }
            let sync = sync.clone();
            said.set(vec![t.ev_attaching.to_string()]);
            leptos::task::spawn_local(async move {
                let (kept, refused) = crate::evidence::attach(list, l).await;
                said.set(refused);
                if kept.is_empty() {
                    return;
                }
                match to.and_then(|k| rows.with_untracked(|r| r.iter().find(|(x, _)| *x == k).map(|(_, e)| *e))) {
                    Some(ev) => ev.update(|e| {
                        for f in kept {
                            if !e.files.iter().any(|g| g.sha256 == f.sha256) {
                                e.files.push(f);
                            }
                        }
                    }),
                    None => rows.update(|r| {
                        for f in kept {
                            let k = next.get_value();
                            next.set_value(k + 1);
                            r.push((k, RwSignal::new(Evidence { files: vec![f], ..Default::default() })));
                        }
                    }),
                }
                sync();
            });
        }
    };
    let picked = |e: &leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(e);
        let files = crate::evidence::files_of(input.files());
        // Picking the same file again is a new pick.
        input.set_value("");
        files
    };
    let (attach_row, attach_item, attach_drop) = (attach.clone(), attach.clone(), attach);
    view! {
        <For each=move || rows.get() key=|(k, _)| *k children=move |(k, ev)| {
                let sync = sync.clone();
                let item = item2.clone();
                let (sync_in, item_in) = (sync.clone(), item.clone());
                let input = move |field: &'static str, label: &'static str, get: fn(&Evidence) -> String, set: fn(&mut Evidence, String)| {
                    let sync = sync_in.clone();
                    let aria = i18n::evidence_label(label, k, &item_in);
                    let initial = ev.with_untracked(get);
                    view! {
                        <label class=format!("ev-{field}")>
                            <span>{label}</span>
                            <input type="text" value=initial aria-label=aria
                                aria-invalid=move || ev.with(|e| {
                                    let p = e.problems();
                                    let bad = match field {
                                        "date" => p.contains(&EvidenceError::BadDate),
                                        "link" => p.contains(&EvidenceError::BadLink),
                                        _ => false,
                                    };
                                    if bad { "true" } else { "false" }
                                })
                                on:input=move |e| {
                                    let v = event_target_value(&e);
                                    ev.update(|x| set(x, v));
                                    sync();
                                } />
                        </label>
                    }
                };
                let remove = {
                    let sync = sync.clone();
                    move |_| {
                        rows.update(|r| r.retain(|(x, _)| *x != k));
                        sync();
                    }
                };
                let attach = attach_row.clone();
                let drop_row = {
                    let sync = sync.clone();
                    move || {
                        rows.update(|r| r.retain(|(x, _)| *x != k));
                        sync();
                    }
                };
                let files = file_list(ev, sync.clone(), drop_row, gone, said, k, item.clone(), l);
                view! {
                    <div class="ev-row">
                        {input("number", t.ev_number, |e| e.number.clone(), |e, v| e.number = v)}
                        {input("date", t.ev_date, |e| e.date.clone(), |e, v| e.date = v)}
                        {input("summary", t.ev_summary, |e| e.summary.clone(), |e, v| e.summary = v)}
                        {input("link", t.ev_link, |e| e.link.clone(), |e, v| e.link = v)}
                        {files}
                        <label class="ev-attach">
                            <span>{t.ev_attach}</span>
                            <input type="file" multiple aria-label=i18n::evidence_label(t.ev_attach, k, &item)
                                on:change=move |e| attach(picked(&e), Some(k)) />
                        </label>
                        <button type="button" class="remove" aria-label=i18n::evidence_label(t.ev_remove, k, &item) on:click=remove>{t.ev_remove}</button>
                        <p class="msg">{move || ev.with(|e| if e.is_blank() { String::new() } else {
                            e.problems().iter().map(|p| chamdiem_core::text::evidence_error(*p, l)).collect::<Vec<_>>().join(" ")
                        })}</p>
                    </div>
                }
            } />
            <button type="button" class="add" aria-label=format!("{} — {}", t.ev_add, item3) on:click=add>{t.ev_add}</button>
            <div class="ev-drop"
                on:dragover=|e: leptos::ev::DragEvent| e.prevent_default()
                on:drop=move |e: leptos::ev::DragEvent| {
                    e.prevent_default();
                    attach_drop(crate::evidence::files_of(e.data_transfer().and_then(|d| d.files())), None);
                }>
                <label class="ev-attach">
                    <span>{t.ev_attach}</span>
                    <input type="file" multiple aria-label=format!("{} — {}", t.ev_attach, item3)
                        on:change=move |e| attach_item(picked(&e), None) />
                </label>
                <span class="hint">{t.ev_attach_hint}</span>
                <p class="msg" role="status">{move || said.get().join(" ")}</p>
            </div>
            <label for=expl_id.clone() class="expl-label">{t.explanation}</label>
            <textarea id=expl_id rows="2" aria-label=format!("{} — {}", t.explanation, item3)
                prop:value=explanation
                on:input=move |ev| f.set_explanation(id, &event_target_value(&ev))></textarea>
    }
}

/// The files of one evidence row: each with its name (editable), type and
/// size, opened or removed (after a confirmation; a row left with nothing
/// goes too); one no longer kept in this browser is said so by name.
#[allow(clippy::too_many_arguments)]
fn file_list(
    ev: RwSignal<Evidence>,
    sync: impl Fn() + Clone + Send + Sync + 'static,
    drop_row: impl Fn() + Clone + Send + Sync + 'static,
    gone: RwSignal<Vec<String>>,
    said: RwSignal<Vec<String>>,
    row: u32,
    item: String,
    l: Lang,
) -> impl IntoView {
    let t = tr(l);
    view! {
        <ul class="ev-files">
            <For each=move || ev.with(|e| e.files.iter().map(|f| f.sha256.clone()).collect::<Vec<_>>()) key=|sha| sha.clone() children=move |sha| {
                let sha = StoredValue::new(sha);
                let file = move || sha.with_value(|sha| ev.with(|e| e.files.iter().find(|f| &f.sha256 == sha).cloned())).unwrap_or_default();
                let f0 = untrack(file);
                let (sha1, sha2, sha3) = (f0.sha256.clone(), f0.sha256.clone(), f0.sha256.clone());
                let (sync1, sync2, drop_row) = (sync.clone(), sync.clone(), drop_row.clone());
                let name_label = i18n::evidence_label(t.ev_file_name, row, &item);
                let (item1, item2) = (item.clone(), item.clone());
                let meta = format!("{} · {}", if f0.media_type.is_empty() { "?" } else { &f0.media_type }, i18n::bytes(f0.size as f64, l));
                view! {
                    <li class="ev-file">
                        <input type="text" value=f0.name.clone() aria-label=name_label
                            on:input=move |e| {
                                let v = event_target_value(&e);
                                ev.update(|x| if let Some(f) = x.files.iter_mut().find(|f| f.sha256 == sha1) { f.name = v });
                                sync1();
                            } />
                        <span class="ev-meta">{meta}</span>
                        {move || gone.with(|g| g.contains(&sha2)).then(|| view! { <span class="warn">{t.ev_file_missing}</span> })}
                        <button type="button" aria-label=move || format!("{} {} — {}", t.ev_file_open, file().name, item1)
                            on:click=move |_| {
                                let f = untrack(file);
                                leptos::task::spawn_local(async move {
                                    if let Err(e) = crate::evidence::open(&f, l).await {
                                        said.set(vec![e]);
                                    }
                                });
                            }>{t.ev_file_open}</button>
                        <button type="button" aria-label=move || format!("{} {} — {}", t.ev_file_remove, file().name, item2)
                            on:click=move |_| {
                                let ok = web_sys::window().and_then(|w| w.confirm_with_message(t.ev_file_remove_confirm).ok()).unwrap_or(false);
                                if ok {
                                    ev.update(|x| x.files.retain(|f| f.sha256 != sha3));
                                    if ev.with_untracked(Evidence::is_blank) { drop_row() } else { sync2() }
                                }
                            }>{t.ev_file_remove}</button>
                    </li>
                }
            } />
        </ul>
    }
}
