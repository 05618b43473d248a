//! The Leptos view: a thin layer over the scoring core. It writes what the
//! user types into the core's `Scorer` and shows the core's results; it
//! computes nothing itself.

use crate::fetch::fetch_text;
use crate::i18n::{self, tr};
use chamdiem_core::file::Kind;
use chamdiem_core::index::RulesetIndex;
use chamdiem_core::load::parse_json;
use chamdiem_core::score::{Agg, Summary};
use chamdiem_core::model::Rule;
use chamdiem_core::{load_ruleset, Lang, NodeId, Ruleset, Scorer, Value};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The reactive state of one open ruleset. The `Scorer` is the single source
/// of truth; the signals mirror the parts the view shows, one per node, so a
/// keystroke re-renders only the item, its ancestors and the results panel.
struct Form {
    rs: Arc<Ruleset>,
    scorer: StoredValue<Scorer>,
    aggs: Vec<RwSignal<Agg>>,
    values: Vec<RwSignal<Value>>,
    na: Vec<RwSignal<bool>>,
    answers: Vec<RwSignal<Option<bool>>>,
    summary: RwSignal<Summary>,
}

impl Form {
    fn new(rs: Ruleset) -> Self {
        let rs = Arc::new(rs);
        let scorer = Scorer::new(rs.clone());
        let n = rs.nodes.len();
        Form {
            aggs: (0..n).map(|i| RwSignal::new(scorer.agg(i).clone())).collect(),
            values: (0..n).map(|i| RwSignal::new(scorer.value(i).clone())).collect(),
            na: (0..n).map(|_| RwSignal::new(false)).collect(),
            answers: rs.conditions.iter().map(|_| RwSignal::new(None)).collect(),
            summary: RwSignal::new(scorer.summary()),
            scorer: StoredValue::new(scorer),
            rs,
        }
    }

    fn set_value(&self, id: NodeId, raw: &str) {
        let changed = self.scorer.try_update_value(|s| s.set_value(id, raw)).unwrap_or_default();
        self.publish(&changed, Some(id));
    }

    fn set_pair(&self, id: NodeId, first: &str, second: &str) {
        let changed = self.scorer.try_update_value(|s| s.set_pair(id, first, second)).unwrap_or_default();
        self.publish(&changed, Some(id));
    }

    fn set_not_applicable(&self, id: NodeId, na: bool) {
        let changed = self.scorer.try_update_value(|s| s.set_not_applicable(id, na)).unwrap_or_default();
        self.na[id].set(na);
        self.publish(&changed, None);
    }

    fn set_answer(&self, condition: usize, answer: Option<bool>) {
        self.scorer.update_value(|s| s.set_answer(condition, answer));
        self.answers[condition].set(answer);
        self.publish(&[], None);
    }

    /// Copies the core's new results into the signals that show them.
    fn publish(&self, changed: &[NodeId], item: Option<NodeId>) {
        self.scorer.with_value(|s| {
            if let Some(id) = item {
                self.values[id].set(s.value(id).clone());
            }
            for &n in changed {
                self.aggs[n].set(s.agg(n).clone());
            }
            self.summary.set(s.summary());
        });
    }
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(Vec<String>),
    Ready(Arc<Form>),
}

#[component]
fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Vi);
    let index = RwSignal::new(None::<Arc<RulesetIndex>>);
    let selected = RwSignal::new(String::new());
    let loaded = RwSignal::new(Loaded::Loading);

    let open = move |file: String| {
        loaded.set(Loaded::Loading);
        spawn_local(async move {
            let result = match fetch_text(&format!("rulesets/{file}")).await {
                Err(e) => Loaded::Failed(vec![e]),
                Ok(text) => match load_ruleset(&text) {
                    Ok(rs) => Loaded::Ready(Arc::new(Form::new(rs))),
                    Err(problems) => Loaded::Failed(problems.iter().map(|p| format!("{file} — {}", p.describe(lang.get_untracked()))).collect()),
                },
            };
            loaded.set(result);
        });
    };

    spawn_local(async move {
        let parsed = fetch_text("rulesets/index.json").await.and_then(|t| {
            parse_json::<RulesetIndex>(&t).map_err(|p| p.iter().map(|p| format!("index.json — {}", p.describe(Lang::Vi))).collect::<Vec<_>>().join("\n"))
        });
        match parsed {
            Ok(ix) => {
                if let Some(e) = ix.default_entry() {
                    selected.set(e.id.clone());
                    open(e.file.clone());
                }
                index.set(Some(Arc::new(ix)));
            }
            Err(e) => loaded.set(Loaded::Failed(vec![e])),
        }
    });

    let on_select = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let file = index.with_untracked(|ix| ix.as_ref().and_then(|ix| ix.rulesets.iter().find(|e| e.id == id).map(|e| e.file.clone())));
        selected.set(id);
        if let Some(f) = file {
            open(f);
        }
    };

    let on_lang = move |ev: leptos::ev::Event| {
        let l = if event_target_value(&ev) == "en" { Lang::En } else { Lang::Vi };
        lang.set(l);
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", if l == Lang::En { "en" } else { "vi" });
        }
    };

    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || tr(lang.get()).app_name}</h1>
                <p class="tagline">{move || tr(lang.get()).tagline}</p>
            </div>
            <div class="pickers">
                <label for="ruleset-select">{move || tr(lang.get()).ruleset_label}</label>
                <select id="ruleset-select" on:change=on_select prop:value=move || selected.get()>
                    {move || index.get().map(|ix| ix.rulesets.iter().map(|e| {
                        let id = e.id.clone();
                        view! { <option value=id.clone() selected=move || selected.get() == id>{e.title.clone()}</option> }
                    }).collect_view())}
                </select>
                <label for="lang-select">{move || tr(lang.get()).language_label}</label>
                <select id="lang-select" on:change=on_lang>
                    <option value="vi" selected=true>"Tiếng Việt"</option>
                    <option value="en">"English"</option>
                </select>
            </div>
        </header>
        <main>
            {move || {
                let l = lang.get();
                match loaded.get() {
                    Loaded::Loading => view! { <p class="loading" role="status">{tr(l).loading}</p> }.into_any(),
                    Loaded::Failed(errors) => view! {
                        <section class="load-error" role="alert" aria-labelledby="load-error-h">
                            <h2 id="load-error-h">{tr(l).load_failed}</h2>
                            <p>{tr(l).load_failed_hint}</p>
                            <ul>{errors.into_iter().map(|e| view! { <li><code>{e}</code></li> }).collect_view()}</ul>
                        </section>
                    }.into_any(),
                    Loaded::Ready(form) => form_view(form, l).into_any(),
                }
            }}
        </main>
    }
}

fn form_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let rs = form.rs.clone();
    let t = tr(l);
    let src = &rs.source;
    view! {
        <section class="ruleset-head" aria-labelledby="ruleset-title">
            <h2 id="ruleset-title">{rs.title.clone()}</h2>
            {rs.illustrative.then(|| view! { <p class="illustrative" role="note">{t.illustrative}</p> })}
            <p class="source">
                <span class="label">{t.source_prefix}": "</span>
                {i18n::source_line(&src.document, &src.date, &src.issuer, l)}
                {src.title.clone().map(|x| view! { <span class="source-title">" — "{x}</span> })}
            </p>
            {(!rs.not_verified.is_empty()).then(|| view! {
                <div class="not-verified" role="note">
                    <strong>{t.not_verified}": "</strong>
                    <ul>{rs.not_verified.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!rs.notes.is_empty()).then(|| view! {
                <details class="notes">
                    <summary>{t.notes}</summary>
                    <ul>{rs.notes.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
        </section>
        <div class="layout">
            {results_view(form.clone(), l)}
            <section class="contents" aria-label=t.contents>
                {conditions_view(form.clone(), l)}
                {rs.roots.iter().map(|&r| node_view(form.clone(), r, l)).collect_view()}
            </section>
        </div>
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
                    let name = format!("cond-{ci}");
                    let answer = form.answers[ci];
                    let form = form.clone();
                    let choice = move |value: Option<bool>, label: &'static str| {
                        let f = form.clone();
                        view! {
                            <label class="radio">
                                <input type="radio" name=name.clone()
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
        </section>
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

fn node_view(form: Arc<Form>, id: NodeId, l: Lang) -> AnyView {
    if form.rs.nodes[id].is_item() {
        item_view(form, id, l).into_any()
    } else {
        group_view(form, id, l).into_any()
    }
}

fn badges(form: &Form, id: NodeId, l: Lang) -> impl IntoView {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    // Who scores it is shown where it is declared, not repeated on every child.
    let parent_assessed = n.parent.map(|p| form.rs.nodes[p].assessed_by);
    let assessed = (parent_assessed != Some(n.assessed_by)).then(|| i18n::assessed_by(n.assessed_by, l)).flatten();
    view! {
        {assessed.map(|a| view! { <p class="badge assessed">{a}</p> })}
        {n.not_verified.clone().map(|nv| view! { <p class="badge nv"><strong>{t.not_verified}": "</strong>{nv}</p> })}
        {n.note.clone().map(|x| view! { <p class="node-note">{x}</p> })}
    }
}

fn na_checkbox(form: Arc<Form>, id: NodeId, l: Lang) -> impl IntoView {
    let n = &form.rs.nodes[id];
    n.not_applicable_allowed.then(|| {
        let na = form.na[id];
        let label = i18n::na_label(&n.code, &n.title, l);
        let f = form.clone();
        view! {
            <label class="na">
                <input type="checkbox" aria-label=label
                    prop:checked=move || na.get()
                    on:change=move |ev| f.set_not_applicable(id, event_target_checked(&ev)) />
                {tr(l).not_applicable}
            </label>
        }
    })
}

fn group_view(form: Arc<Form>, id: NodeId, l: Lang) -> impl IntoView {
    let n = &form.rs.nodes[id];
    let agg = form.aggs[id];
    let kind = n.kind;
    let cap = n.cap;
    let t = tr(l);
    let children = n.children.iter().map(|&c| node_view(form.clone(), c, l)).collect_view();
    view! {
        <details open class=format!("group depth-{}", n.depth) data-key=n.key.clone()>
            <summary>
                <span class="code">{n.code.clone()}</span>" "
                <span class="title">{n.title.clone()}</span>" "
                <span class="subtotal">{move || agg.with(|a| subtotal_text(a, kind, l))}</span>
            </summary>
            <div class="group-body">
                {badges(&form, id, l)}
                {cap.map(|c| view! { <p class="badge bonus">{i18n::bonus_cap(c, l)}</p> })}
                {(kind == Kind::Penalty && n.depth == 0).then(|| view! { <p class="badge penalty">{t.penalty_hint}</p> })}
                <p class="capped" aria-live="polite">{move || agg.with(|a| match (a.capped, cap) {
                    (true, Some(c)) => i18n::capped(a.uncapped, c, l),
                    _ => String::new(),
                })}</p>
                {na_checkbox(form.clone(), id, l)}
                {children}
            </div>
        </details>
    }
}

fn subtotal_text(a: &Agg, kind: Kind, l: Lang) -> String {
    let t = tr(l);
    if a.not_applicable {
        return t.not_applicable.to_string();
    }
    let mut s = match kind {
        Kind::Penalty => format!("{} {}", i18n::num(a.points, l), t.points),
        _ => i18n::out_of(a.points, a.max, l),
    };
    if a.unscored > 0 {
        s.push_str(" · ");
        s.push_str(&i18n::unscored(a.unscored, l));
    }
    if a.invalid > 0 {
        s.push_str(" · ");
        s.push_str(&i18n::invalid(a.invalid, l));
    }
    s
}

fn item_view(form: Arc<Form>, id: NodeId, l: Lang) -> impl IntoView {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    let input_id = format!("item-{id}");
    let msg_id = format!("msg-{id}");
    let value = form.values[id];
    let kind = n.kind;
    let max_text = match (kind, n.max) {
        (Kind::Penalty, Some(m)) => format!("{}: −{}", t.max_prefix, i18n::num(m, l)),
        (Kind::Penalty, None) => t.penalty.to_string(),
        (_, Some(m)) => format!("{} {} {}", t.max_prefix, i18n::num(m, l), t.points),
        (_, None) => String::new(),
    };
    // Rules other than a plain number show the points they compute.
    let computed = (n.rule != Rule::Number).then(|| {
        view! {
            <span class="computed">{move || value.with(|v| match v {
                Value::Valid(p) => format!("{}: {}{}", t.computed, if kind == Kind::Penalty { "−" } else { "" }, i18n::num(*p, l)),
                _ => String::new(),
            })}</span>
        }
    });
    view! {
        <div class=format!("item depth-{}", n.depth) class:invalid=move || value.with(|v| matches!(v, Value::Invalid(_))) data-key=n.key.clone()>
            <div class="item-head">
                <label for=input_id.clone()>
                    <span class="code">{n.code.clone()}</span>" "
                    <span class="title">{n.title.clone()}</span>
                </label>
                <span class="max">{max_text}</span>
            </div>
            {badges(&form, id, l)}
            <div class="item-entry">
                {(kind == Kind::Penalty).then(|| view! { <span class="minus" aria-hidden="true">"−"</span> })}
                {entry_fields(form.clone(), id, input_id, msg_id.clone(), l)}
                {computed}
                {na_checkbox(form.clone(), id, l)}
            </div>
            <p id=msg_id class="msg" aria-live="polite">{move || value.with(|v| match v {
                Value::Invalid(e) => format!("{} {}", i18n::value_error(e, l), t.not_counted),
                _ => String::new(),
            })}</p>
        </div>
    }
}

/// The input(s) of one item, by its rule: a text field for numbers and
/// counts, a list for yes/no, choices and survey answers, two fields for
/// ratios. Each writes to the core and nothing else.
fn entry_fields(form: Arc<Form>, id: NodeId, input_id: String, msg_id: String, l: Lang) -> AnyView {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    let value = form.values[id];
    let agg = form.aggs[id];
    let invalid = move || if value.with(|v| matches!(v, Value::Invalid(_))) { "true" } else { "false" };
    let disabled = move || agg.with(|a| a.not_applicable);
    let (first, second) = form.scorer.with_value(|s| (s.raw(id).to_string(), s.second(id).to_string()));
    let options: Option<Vec<(String, String)>> = match &n.rule {
        Rule::YesNo => Some(vec![("yes".into(), t.yes.into()), ("no".into(), t.no.into())]),
        r => r.labels().map(|ls| ls.into_iter().map(|x| (x.to_string(), x.to_string())).collect()),
    };
    if let Some(options) = options {
        let f = form.clone();
        return view! {
            <select id=input_id aria-invalid=invalid aria-describedby=msg_id prop:disabled=disabled
                on:change=move |ev| f.set_value(id, &event_target_value(&ev))>
                <option value="" selected=first.is_empty()>{t.choose}</option>
                {options.into_iter().map(|(v, label)| {
                    let sel = v == first;
                    view! { <option value=v selected=sel>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any();
    }
    if let Rule::RatioBands { numerator, denominator, .. } | Rule::Proportional { achieved: numerator, target: denominator } = &n.rule {
        let second_id = format!("{input_id}-of");
        let first_label = i18n::pair_label(&n.code, &n.title, numerator);
        let second_label = i18n::pair_label(&n.code, &n.title, denominator);
        let (f1, f2) = (form.clone(), form.clone());
        let other = move |f: &Form| f.scorer.with_value(|s| (s.raw(id).to_string(), s.second(id).to_string()));
        return view! {
            <span class="pair">
                <input id=input_id type="text" inputmode="decimal" autocomplete="off" value=first
                    aria-label=first_label aria-invalid=invalid aria-describedby=msg_id.clone() prop:disabled=disabled
                    on:input=move |ev| { let (_, b) = other(&f1); f1.set_pair(id, &event_target_value(&ev), &b) } />
                <span class="pair-sep">{numerator.clone()}" / "{denominator.clone()}</span>
                <input id=second_id type="text" inputmode="decimal" autocomplete="off" value=second
                    aria-label=second_label aria-invalid=invalid aria-describedby=msg_id prop:disabled=disabled
                    on:input=move |ev| { let (a, _) = other(&f2); f2.set_pair(id, &a, &event_target_value(&ev)) } />
            </span>
        }
        .into_any();
    }
    let f = form.clone();
    let count = n.rule.is_count();
    view! {
        <input id=input_id type="text" inputmode=if count { "numeric" } else { "decimal" } autocomplete="off" spellcheck="false"
            value=first
            aria-invalid=invalid
            aria-describedby=msg_id
            prop:disabled=disabled
            on:input=move |ev| f.set_value(id, &event_target_value(&ev)) />
        {count.then(|| view! { <span class="unit">{t.count_hint}</span> })}
    }
    .into_any()
}
