//! The appraisal page's views over `Desk`: who signs, opening files, the
//! stages being written, the merge of parts, and the dossier with the stage
//! being written (results side by side, what is left, one block per item).
//! Each input has its own label naming the item's code; the tests find them
//! by it.

use super::{Desk, Opened};
use crate::i18n::{self, appraise_texts, tr, AppraiseTexts};
use crate::widgets::{page_header, signer_fieldset};
use chamdiem_core::record::{history, points_of, remaining, Entry, Evidence, Line, MergeError, Next, Replayed, StageKind, Todo, Work};
use chamdiem_core::ruleset::file::AssessedBy;
use chamdiem_core::ruleset::model::{NodeId, Rule};
use chamdiem_core::score::Value;
use chamdiem_core::{Lang, Ruleset};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::JsCast;

#[component]
pub fn Page() -> impl IntoView {
    let desk = Desk::new();
    desk.refresh_kept();
    view! {
        {page_header(desk.lang, |l| appraise_texts(l).title, |l| appraise_texts(l).tagline)}
        <main class="appraise">
            {move || {
                let t = appraise_texts(desk.lang.get());
                view! {
                    <p>{t.intro}</p>
                    {signer_fieldset(desk.signer, t.signer_legend, t.signer_hint, t.signer_unit, t.signer_person)}
                    {open_form(desk, t)}
                }
            }}
            {move || messages(desk)}
            {move || works_list(desk)}
            {move || kept_list(desk)}
            {move || merge_view(desk)}
            {dossier_view(desk)}
            // A child of <main>, so that print.css prints it alone.
            {move || {
                let l = desk.lang.get();
                desk.sheet.get().then(|| desk.opened.with(|o| o.as_ref().map(|o| super::sheet::stages_sheet(o, l))))
            }}
            <p><a href="../">{move || appraise_texts(desk.lang.get()).back}</a></p>
        </main>
    }
}

fn open_form(desk: Desk, t: &'static AppraiseTexts) -> impl IntoView {
    let files_of = |list: Option<web_sys::FileList>| -> Vec<web_sys::File> {
        list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let files = files_of(input.as_ref().and_then(|i| i.files()));
        if let Some(i) = input {
            i.set_value("");
        }
        if !files.is_empty() {
            desk.open_files(files);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let files = files_of(ev.data_transfer().and_then(|d| d.files()));
        if !files.is_empty() {
            desk.open_files(files);
        }
    };
    view! {
        <section class="import" aria-labelledby="open-h" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h2 id="open-h">{t.open_heading}</h2>
            <p class="hint">{t.open_hint}</p>
            <label for="open-files">{t.open_label}</label>
            <input id="open-files" type="file" accept=".json,application/json,.zip,application/zip" multiple on:change=on_pick />
            <p class="hint">{t.drop_hint}</p>
        </section>
    }
}

fn messages(desk: Desk) -> impl IntoView {
    let errors = desk.errors.get();
    let notice = desk.notice.get();
    let busy = desk.busy.get();
    let t = appraise_texts(desk.lang.get());
    view! {
        {busy.then(|| view! { <p role="status" class="loading">{t.reading}</p> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="banner error" role="alert">
                <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        })}
        {(!notice.is_empty()).then(|| view! { <p class="banner" role="status">{notice}</p> })}
    }
}

fn works_list(desk: Desk) -> impl IntoView {
    let works = desk.works.get();
    let l = desk.lang.get();
    let t = appraise_texts(l);
    (!works.is_empty()).then(|| {
        view! {
            <section aria-labelledby="works-h">
                <h2 id="works-h">{t.works_heading}</h2>
                <table class="drafts">
                    <thead><tr><th scope="col">{t.agency}</th><th scope="col">{t.ruleset}</th><th scope="col">{t.stage}</th><th scope="col">{t.updated}</th><th scope="col">{t.actions}</th></tr></thead>
                    <tbody>
                        {works.into_iter().map(|w| {
                            let name = if w.agency.name.is_empty() { "—".to_string() } else { w.agency.name.clone() };
                            let (resume, discard) = (w.clone(), w.dossier.clone());
                            let ask = i18n::appraise_discard_confirm(&name, l);
                            view! {
                                <tr>
                                    <td>{name.clone()}</td>
                                    <td>{format!("{} {}", w.ruleset.id, w.ruleset.version)}</td>
                                    <td>{chamdiem_core::text::stage_name(w.stage.stage, l)}</td>
                                    <td>{crate::files::show_time(&w.updated_at)}</td>
                                    <td>
                                        <button type="button" on:click=move |_| desk.resume(resume.clone())>{format!("{} — {name}", t.resume)}</button>
                                        <button type="button" on:click=move |_| {
                                            if web_sys::window().and_then(|w| w.confirm_with_message(&ask).ok()).unwrap_or(false) {
                                                desk.discard(&discard);
                                            }
                                        }>{format!("{} — {name}", t.discard)}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}

/// A person's word on an item, as one line: "thẩm định lần 1 (Trần Văn Minh, 20/12/2025 10:00): 30 — lý do".
fn line_text(line: &Line, l: Lang) -> String {
    let t = appraise_texts(l);
    let who = [line.by.person.as_str(), line.by.unit.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    let mut s = format!("{} ({who}, {})", chamdiem_core::text::stage_name(line.stage, l), crate::files::show_time(&line.at));
    if line.not_applicable {
        s += &format!(": {}", t.not_applicable);
    } else if let Some(p) = &line.points {
        s += &format!(": {}", shown(p, l));
    }
    if line.agreed {
        s += &format!(" — {}", t.agreed);
    }
    if !line.words.is_empty() {
        s += &format!(" — “{}”", line.words);
    }
    for e in &line.evidence {
        s += &format!(" — {}: {}", t.evidence, evidence_text(e));
    }
    s
}

/// The agency's response may bring files of its own: kept in this
/// browser (`evidence_io::attach`) and listed on the stage's document; they
/// leave in the package the export makes.
fn response_files(desk: Desk, key: &str, code: &str, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    let id = format!("evf-{}", key.replace('/', "-"));
    let k = key.to_string();
    let on_pick = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let files: js_sys::Array = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).map(wasm_bindgen::JsValue::from).collect()).unwrap_or_default();
        input.set_value("");
        let k = k.clone();
        leptos::task::spawn_local(async move {
            match crate::evidence_io::attach(&files.to_vec(), l).await {
                Ok(refs) => desk.edit_entry(&k, move |e| {
                    if e.evidence.is_empty() {
                        e.evidence.push(Evidence::default());
                    }
                    for f in refs {
                        if !e.evidence[0].files.iter().any(|g| g.sha256 == f.sha256) {
                            e.evidence[0].files.push(f);
                        }
                    }
                }),
                Err(e) => desk.errors.set(e),
            }
        });
    };
    let k = key.to_string();
    let code = code.to_string();
    let listed = move || desk.work.with(|w| w.as_ref().and_then(|w| w.stage.entries.get(&k)).and_then(|e| e.evidence.first()).map(|x| x.files.clone()).unwrap_or_default());
    let k = key.to_string();
    view! {
        <label for=id.clone()>{format!("{} — {code}", t.attach)}</label>
        <input id=id type="file" multiple on:change=on_pick />
        <ul class="files">{move || listed().into_iter().map(|f| {
            let (k, sha) = (k.clone(), f.sha256.clone());
            view! {
                <li>{format!("{} ({})", f.name, i18n::bytes(f.size as f64, l))}" "
                    <button type="button" aria-label=format!("{} {} — {code}", t.detach, f.name) on:click=move |_| {
                        let sha = sha.clone();
                        desk.edit_entry(&k, move |e| {
                            if let Some(x) = e.evidence.first_mut() {
                                x.files.retain(|g| g.sha256 != sha);
                                if x.is_blank() { e.evidence.clear(); }
                            }
                        });
                    }>{t.detach}</button>
                </li>
            }
        }).collect_view()}</ul>
    }
}

/// The evidence files of a line of an item's history, each opened from the
/// copy the browser keeps (kept when the package was opened).
fn line_files(desk: Desk, line: &Line, code: &str, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    line.evidence
        .iter()
        .flat_map(|e| e.files.iter().cloned())
        .map(|f| {
            let label = format!("{} {} — {code}", t.open_file, f.name);
            view! {
                " "
                <button type="button" class="file" aria-label=label on:click=move |_| {
                    let f = f.clone();
                    leptos::task::spawn_local(async move {
                        let shown = match crate::idb::evidence(&f.sha256).await {
                            Ok(Some(kept)) => crate::files::show_blob(&f.name, &f.media_type, &kept.blob),
                            Ok(None) => Err(format!("{} — {}", f.name, i18n::evidence_gone(l))),
                            Err(e) => Err(e),
                        };
                        if let Err(e) = shown {
                            desk.errors.set(vec![e]);
                        }
                    });
                }>{format!("{} {}", t.open_file, f.name)}</button>
            }
        })
        .collect_view()
}

fn evidence_text(e: &Evidence) -> String {
    [e.number.as_str(), e.date.as_str(), e.summary.as_str(), e.link.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

/// A file decimal ("85.5") in the reader's language ("85,5").
fn shown(file_decimal: &str, l: Lang) -> String {
    Decimal::from_str(file_decimal).map(|d| i18n::num(d, l)).unwrap_or_else(|_| file_decimal.to_string())
}

fn merge_view(desk: Desk) -> impl IntoView {
    let parts = desk.parts.get();
    let l = desk.lang.get();
    let t = appraise_texts(l);
    (!parts.is_empty()).then(|| {
        let state = desk.merge_state();
        let conflicts = match &state {
            Some(MergeError::Conflicts(c)) => c.clone(),
            _ => Vec::new(),
        };
        let other = match &state {
            Some(MergeError::Conflicts(_)) | None => Vec::new(),
            Some(e) => chamdiem_core::text::merge_error(e, l),
        };
        let first = parts[0].clone();
        view! {
            <section aria-labelledby="merge-h" class="merge">
                <h2 id="merge-h">{t.merge_heading}</h2>
                <p>{i18n::appraise_merge_intro(&first.dossier.agency().name, parts.len(), l)}</p>
                <table class="drafts">
                    <caption>{t.merge_parts}</caption>
                    <thead><tr><th scope="col">"#"</th><th scope="col">{t.appraiser}</th><th scope="col">{t.areas}</th><th scope="col">{t.file}</th></tr></thead>
                    <tbody>
                        {parts.iter().enumerate().map(|(i, p)| {
                            let st = p.dossier.stages.last().cloned();
                            let who = st.as_ref().map(|s| format!("{}, {}", s.by.person, s.by.unit)).unwrap_or_default();
                            let areas = st.map(|s| s.areas.join(", ")).unwrap_or_default();
                            view! { <tr><td>{i + 1}</td><td>{who}</td><td>{areas}</td><td>{p.file_name.clone()}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                {(!other.is_empty()).then(|| view! { <ul class="problems">{other.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul> })}
                {conflicts.into_iter().map(|c| {
                    let key = c.key.clone();
                    let legend = if c.condition { format!("{} “{}”", t.condition, c.key) } else { format!("{} {}", t.item, c.key) };
                    view! {
                        <fieldset class="conflict">
                            <legend>{legend}</legend>
                            {c.parts.iter().map(|&i| {
                                let p = &parts[i];
                                let st = p.dossier.stages.last();
                                let said = st.map(|s| {
                                    if c.condition {
                                        let a = s.conditions.get(&key).copied().unwrap_or(false);
                                        let r = s.condition_reasons.get(&key).cloned().unwrap_or_default();
                                        format!("{}{}", if a { t.yes } else { t.no }, if r.is_empty() { String::new() } else { format!(" — “{r}”") })
                                    } else {
                                        let e = s.entries.get(&key).cloned().unwrap_or_default();
                                        let v = e.points.as_deref().map(|p| shown(p, l)).unwrap_or_else(|| e.value.clone().unwrap_or_default());
                                        format!("{v}{}", if e.reason.is_empty() { String::new() } else { format!(" — “{}”", e.reason) })
                                    }
                                }).unwrap_or_default();
                                let who = st.map(|s| s.by.person.clone()).unwrap_or_default();
                                let id = format!("merge-{}-{i}", key.replace('/', "-"));
                                let k2 = key.clone();
                                view! {
                                    <div>
                                        <input type="radio" id=id.clone() name=format!("merge-{key}")
                                            prop:checked=move || desk.choices.with(|c| c.get(&k2) == Some(&i))
                                            on:change={ let k = key.clone(); move |_| desk.choices.update(|c| { c.insert(k.clone(), i); }) } />
                                        <label for=id>{format!("{} {}: {who} — {said}", t.file, i + 1)}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="button" class="primary" on:click=move |_| desk.merge()>{t.merge_button}</button>
            </section>
        }
    })
}

/// The dossier opened: its stages, and the stage being written. Drawn anew
/// only when another dossier, stage or scope is shown (`shape`); what is typed
/// updates in place.
fn dossier_view(desk: Desk) -> impl IntoView {
    let shape = Memo::new(move |_| {
        // A tampered copy has its original's key: told apart by its reasons.
        let o = desk.opened.with(|o| o.as_ref().map(|o| (o.dossier.key().to_string(), o.file_name.clone(), o.read_only.len())));
        let w = desk.work.with(|w| w.as_ref().map(|w| (w.stage.stage, w.stage.areas.clone())));
        (o, w, desk.lang.get())
    });
    move || {
        let (key, _, l) = shape.get();
        key?;
        let o = desk.opened.get_untracked()?;
        let t = appraise_texts(l);
        let d = &o.dossier;
        let agency = d.agency();
        let next = o.next();
        let work = desk.work.get_untracked();
        Some(view! {
            <section class="dossier" aria-labelledby="dossier-h">
                <h2 id="dossier-h">{format!("{} — {}", t.dossier, if agency.name.is_empty() { "—" } else { agency.name.as_str() })}</h2>
                <p>{format!("{}: {} {} ({})", t.ruleset, o.rs.title, d.ruleset.version, d.ruleset.id)}{(!agency.year.is_empty()).then(|| format!(" — {} {}", t.year, agency.year))}</p>
                {stages_table(&o, l)}
                {(!o.read_only.is_empty()).then(|| view! {
                    <div class="banner error" role="alert">
                        <p>{t.read_only}</p>
                        <ul>{o.read_only.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                    </div>
                })}
                {o.read_only.is_empty().then(|| next_view(desk, &o, next, work.as_ref(), l))}
                <p>
                    <button type="button" aria-expanded=move || desk.sheet.get().to_string() on:click=move |_| desk.sheet.update(|v| *v = !*v)>
                        {move || if desk.sheet.get() { t.hide_sheet } else { t.show_sheet }}
                    </button>
                    " "
                    <button type="button" on:click=move |_| {
                        desk.sheet.set(true);
                        if let Some(w) = web_sys::window() { let _ = w.print(); }
                    }>{t.print}</button>
                    " "
                    <button type="button" on:click=move |_| desk.close()>{t.close}</button>
                </p>
            </section>
        })
    }
}

fn stages_table(o: &Opened, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    view! {
        <table class="stages">
            <caption>{t.stages_caption}</caption>
            <thead><tr><th scope="col">{t.stage}</th><th scope="col">{t.by}</th><th scope="col">{t.at}</th><th scope="col">{t.points}</th><th scope="col">{t.hash}</th></tr></thead>
            <tbody>
                {o.dossier.stages.iter().map(|s| {
                    let who = [s.by.person.as_str(), s.by.unit.as_str()].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(", ");
                    let partial = if s.areas.is_empty() { String::new() } else { format!(" ({} {})", t.areas_only, s.areas.join(", ")) };
                    view! {
                        <tr>
                            <td>{format!("{}{partial}", chamdiem_core::text::stage_name(s.stage, l))}</td>
                            <td>{who}</td>
                            <td>{crate::files::show_time(&s.at)}</td>
                            <td>{shown(&s.results.points, l)}</td>
                            <td><code>{s.short_hash().to_string()}</code></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// What can be done with the dossier: begin or continue its next stage, or
/// say why there is none here.
fn next_view(desk: Desk, o: &Opened, next: Next, work: Option<&Work>, l: Lang) -> AnyView {
    let t = appraise_texts(l);
    match (next, work) {
        (Next::Write(_), Some(w)) => stage_editor(desk, o, w, l).into_any(),
        (Next::Write(kind), None) => {
            let what = i18n::appraise_begin(kind, l);
            view! {
                <p>{i18n::appraise_waits_for(kind, l)}</p>
                <button type="button" class="primary" on:click=move |_| desk.begin()>{what}</button>
            }
            .into_any()
        }
        (Next::Merge(_), _) => view! { <p>{t.needs_merge}</p> }.into_any(),
        (Next::ToOffice, _) => view! { <p>{t.to_office}</p> }.into_any(),
        (Next::Done, _) => view! { <p>{t.done}</p> }.into_any(),
    }
}

fn stage_editor(desk: Desk, o: &Opened, w: &Work, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    let kind = w.stage.stage;
    let rs = o.rs.clone();
    let hist = history(&o.dossier);
    let appraisal = kind != StageKind::GiaiTrinh;
    let areas_view = appraisal.then(|| {
        let roots: Vec<(String, String)> = rs.roots.iter().map(|&r| (rs.node(r).key.clone(), format!("{}. {}", rs.node(r).code, rs.node(r).title))).collect();
        view! {
            <fieldset class="areas">
                <legend>{t.scope_legend}</legend>
                <p class="hint">{t.scope_hint}</p>
                {roots.into_iter().map(|(key, title)| {
                    let id = format!("area-{}", key.replace('/', "-"));
                    let k = key.clone();
                    let checked = w.stage.areas.contains(&key);
                    view! {
                        <div>
                            <input type="checkbox" id=id.clone() prop:checked=checked on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let k = k.clone();
                                desk.edit(|w| {
                                    w.stage.areas.retain(|a| *a != k);
                                    if on { w.stage.areas.push(k); }
                                    // Entries outside the scope would be refused: kept out of it.
                                    let areas = w.stage.areas.clone();
                                    if !areas.is_empty() {
                                        w.stage.entries.retain(|key, _| areas.iter().any(|a| key == a || key.starts_with(&format!("{a}/"))));
                                    }
                                });
                            } />
                            <label for=id>{title}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
    });
    let in_scope = |key: &str, areas: &[String]| areas.is_empty() || areas.iter().any(|a| key == a || key.starts_with(&format!("{a}/")));
    let areas = w.stage.areas.clone();
    // The response shows the items the appraisal changed (or the agency has
    // answered); the others keep their self-score and need no answer.
    let p0 = desk.preview.get_untracked();
    let shown_in_response = |id: NodeId| {
        p0.as_ref().is_some_and(|p| points_of(&p.own, id) != points_of(&p.before, id) || p.own.scorer.is_not_applicable(id) != p.before.scorer.is_not_applicable(id))
            || w.stage.entries.contains_key(&rs.node(id).key)
    };
    let items_of = |r: NodeId| -> Vec<NodeId> {
        (r..rs.subtree_end(r)).filter(|&id| rs.node(id).is_item() && (appraisal || (rs.node(id).assessed_by == AssessedBy::SelfScored && shown_in_response(id)))).collect()
    };
    // "Đồng ý" on every self-scored item of `items` not appraised yet.
    let accept_button = |items: Vec<NodeId>, label: String| {
        let rs = rs.clone();
        view! {
            <button type="button" on:click=move |_| {
                let Some(p) = desk.preview.get_untracked() else { return };
                desk.edit(|w| {
                    for &id in &items {
                        let key = &rs.node(id).key;
                        let scope = w.stage.areas.is_empty() || w.stage.areas.iter().any(|a| key == a || key.starts_with(&format!("{a}/")));
                        if scope && rs.node(id).assessed_by == AssessedBy::SelfScored && !w.stage.entries.contains_key(key) {
                            w.stage.entries.insert(key.clone(), accepted(&p.before, id, Entry::default()));
                        }
                    }
                });
            }>{label}</button>
        }
    };
    let all_items: Vec<NodeId> = rs.roots.iter().filter(|&&r| in_scope(&rs.node(r).key, &areas)).flat_map(|&r| items_of(r)).collect();
    let accept_all = appraisal.then(|| accept_button(all_items.clone(), t.accept_all.to_string()));
    let unchanged = (!appraisal).then(|| {
        let listed = all_items.len();
        let total = rs.items.iter().filter(|&&id| rs.node(id).assessed_by == AssessedBy::SelfScored).count();
        view! { <p class="hint">{i18n::appraise_unchanged(total - listed, l)}</p> }
    });
    let sections = rs.roots.iter().filter(|&&r| in_scope(&rs.node(r).key, &areas)).map(|&r| {
        let items = items_of(r);
        let n = rs.node(r);
        let hist_of = |id: NodeId| hist.get(&rs.node(id).key).cloned().unwrap_or_default();
        if n.is_item() {
            // A content scored whole (Đắk Lắk's): the item is its own heading.
            return items.into_iter().map(|id| item_view(desk, &rs, id, kind, hist_of(id), l)).collect_view().into_any();
        }
        if items.is_empty() {
            return ().into_any();
        }
        let slug = n.key.replace('/', "-");
        let group_accept = appraisal.then(|| accept_button(items.clone(), format!("{} — {}", t.accept_all, n.code)));
        view! {
            <section class="appraise-area" aria-labelledby=format!("area-h-{slug}")>
                <h3 id=format!("area-h-{slug}")>{format!("{}. {}", n.code, n.title)}</h3>
                {group_accept}
                {items.into_iter().map(|id| item_view(desk, &rs, id, kind, hist_of(id), l)).collect_view()}
            </section>
        }
        .into_any()
    }).collect_view();
    let conditions = (appraisal && !rs.conditions.is_empty()).then(|| conditions_view(desk, &rs, l));
    view! {
        <section class="editor" aria-labelledby="editor-h">
            <h2 id="editor-h">{i18n::appraise_writing(kind, l)}</h2>
            {areas_view}
            {results_view(desk, l)}
            {todo_view(desk, rs.clone(), l)}
            {accept_all}
            {unchanged}
            {sections}
            {conditions}
            <p class="hint">{t.export_hint}</p>
            <button type="button" class="primary" on:click=move |_| desk.export()>{i18n::appraise_export(kind, l)}</button>
        </section>
    }
}

/// The entry that takes the state `r` left on an item as it is ("Đồng ý").
fn accepted(r: &Replayed, id: NodeId, mut e: Entry) -> Entry {
    e.value = Some(r.scorer.raw(id).to_string());
    let second = r.scorer.second(id);
    e.of = (!second.is_empty()).then(|| second.to_string());
    e.not_applicable = r.scorer.is_not_applicable(id);
    e
}

fn points_text(r: &Replayed, id: NodeId, l: Lang) -> String {
    let t = appraise_texts(l);
    if r.scorer.is_not_applicable(id) {
        return t.not_applicable.to_string();
    }
    let shown = match points_of(r, id) {
        Some(p) => i18n::num(p, l),
        None => "—".to_string(),
    };
    // The agency's points not assigned, which the appraisal keeps.
    match r.scorer.unassigned(id) {
        chamdiem_core::Value::Valid(u) if !u.is_zero() => format!("{shown} ({})", i18n::unassigned_left(*u, r.scorer.agg(id).max, l)),
        _ => shown,
    }
}

fn results_view(desk: Desk, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    move || {
        let p = desk.preview.get()?;
        let kind = desk.work.with_untracked(|w| w.as_ref().map(|w| w.stage.stage))?;
        let (own, now) = (&p.own.results, &p.after.results);
        let diff = match (Decimal::from_str(&now.points), Decimal::from_str(&own.points)) {
            (Ok(a), Ok(b)) => {
                let d = a - b;
                if d > Decimal::ZERO { format!("+{}", i18n::num(d, l)) } else { i18n::num(d, l) }
            }
            _ => String::new(),
        };
        let pct = |p: &Option<String>| i18n::pct(p.as_deref().and_then(|x| Decimal::from_str(x).ok()), l);
        let rs = desk.opened.with_untracked(|o| o.as_ref().map(|o| o.rs.clone()))?;
        let levels = rs.classifications.iter().enumerate().map(|(i, c)| {
            let a = own.classifications.get(i).and_then(|r| r.level.clone()).unwrap_or_else(|| "—".into());
            let b = now.classifications.get(i).and_then(|r| r.level.clone()).unwrap_or_else(|| "—".into());
            let (pa, pb) = (own.classifications.get(i).map(|r| pct(&r.percent)).unwrap_or_default(), now.classifications.get(i).map(|r| pct(&r.percent)).unwrap_or_default());
            view! { <tr><th scope="row">{c.title.clone()}</th><td>{format!("{a} ({pa})")}</td><td>{format!("{b} ({pb})")}</td><td></td></tr> }
        }).collect_view();
        let estimates = (!now.estimates.is_empty()).then(|| view! { <p class="hint">{i18n::appraise_provisional(&now.estimates, l)}</p> });
        Some(view! {
            <table class="compare" aria-live="polite">
                <caption>{t.results_caption}</caption>
                <thead><tr><th scope="col"></th><th scope="col">{t.self_assessed}</th><th scope="col">{chamdiem_core::text::stage_name(kind, l)}</th><th scope="col">{t.difference}</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{t.points}</th><td>{shown(&own.points, l)}</td><td>{shown(&now.points, l)}</td><td>{diff}</td></tr>
                    <tr><th scope="row">{t.percent}</th><td>{pct(&own.percent)}</td><td>{pct(&now.percent)}</td><td></td></tr>
                    {levels}
                </tbody>
            </table>
            {estimates}
        })
    }
}

fn todo_view(desk: Desk, rs: std::sync::Arc<Ruleset>, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    move || {
        let p = desk.preview.get()?;
        let stage = desk.work.with(|w| w.as_ref().map(|w| w.stage.clone()))?;
        let todo = remaining(&rs, &stage, &p);
        let items = todo
            .iter()
            .map(|x| {
                let key = match x {
                    Todo::NotAppraised(k) | Todo::Invalid(k) | Todo::ReasonMissing(k) | Todo::Unanswered { key: k, .. } => k.clone(),
                };
                // An item, by its code; else a condition (its reason missing), by its question.
                let (code, href) = match (rs.find(&key), rs.conditions.iter().position(|c| c.id == key)) {
                    (Some(id), _) => (rs.node(id).code.clone(), format!("#item-{}", key.replace('/', "-"))),
                    (None, Some(ci)) => (rs.conditions[ci].question.clone(), format!("#c-{ci}")),
                    (None, None) => (key.clone(), String::new()),
                };
                let text = i18n::appraise_todo(x, &code, l);
                view! { <li><a href=href>{text}</a></li> }
            })
            .collect_view();
        Some(view! {
            <section class="todo" aria-labelledby="todo-h">
                <h3 id="todo-h">{t.todo_heading}</h3>
                {if todo.is_empty() { view! { <p>{t.todo_none}</p> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() }}
            </section>
        })
    }
}

/// One item: what was said on it so far and this stage's inputs.
fn item_view(desk: Desk, rs: &std::sync::Arc<Ruleset>, id: NodeId, kind: StageKind, lines: Vec<Line>, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    let n = rs.node(id);
    let key = n.key.clone();
    let slug = key.replace('/', "-");
    let code = n.code.clone();
    let max = n.max.map(|m| format!("{} {}", t.max, i18n::num(m, l))).unwrap_or_default();
    let others = n.assessed_by != AssessedBy::SelfScored;
    let p0 = desk.preview.get_untracked();
    let standing = p0.as_ref().map(|p| {
        let mut v = vec![(t.self_assessed.to_string(), points_text(&p.own, id, l))];
        if kind != StageKind::ThamDinh1 {
            v.push((t.last_appraisal.to_string(), points_text(&p.before, id, l)));
        }
        v
    });
    let history_view = (!lines.is_empty()).then(|| {
        view! {
            <details class="history">
                <summary>{format!("{} — {code}", t.history)}</summary>
                <ol>{lines.iter().map(|x| view! { <li>{line_text(x, l)}{line_files(desk, x, &code, l)}</li> }).collect_view()}</ol>
            </details>
        }
    });
    let inputs = if others {
        view! { <p class="hint">{t.others_part}</p> }.into_any()
    } else if kind == StageKind::GiaiTrinh {
        response_inputs(desk, &key, &code, l).into_any()
    } else {
        appraisal_inputs(desk, rs, id, kind, l).into_any()
    };
    view! {
        <article class="appraise-item" id=format!("item-{slug}") aria-labelledby=format!("item-h-{slug}")>
            <h4 id=format!("item-h-{slug}")>{format!("{code}. {}", n.title)}<span class="max">{format!(" ({max})")}</span></h4>
            {standing.map(|v| view! {
                <dl class="standing">{v.into_iter().map(|(a, b)| view! { <dt>{a}</dt><dd>{b}</dd> }).collect_view()}</dl>
            })}
            {history_view}
            {inputs}
        </article>
    }
}

fn appraisal_inputs(desk: Desk, rs: &std::sync::Arc<Ruleset>, id: NodeId, kind: StageKind, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    let n = rs.node(id);
    let (key, code, slug) = (n.key.clone(), n.code.clone(), n.key.replace('/', "-"));
    let label = format!("{} — {code}", if kind == StageKind::ThamDinh1 { t.score_1 } else { t.score_2 });
    let (vid, sid, rid, naid) = (format!("v-{slug}"), format!("s-{slug}"), format!("r-{slug}"), format!("na-{slug}"));
    let (vmsg, rmsg) = (format!("vmsg-{slug}"), format!("rmsg-{slug}"));
    // Round 2 starts at round 1's value; round 1 at nothing (not appraised yet).
    let k = key.clone();
    let field = move |second: bool| {
        let k = k.clone();
        move || {
            let from_entry = desk.work.with(|w| w.as_ref().and_then(|w| w.stage.entries.get(&k).map(|e| if second { e.of.clone() } else { e.value.clone() })));
            match from_entry {
                Some(v) => v.unwrap_or_default(),
                None if kind == StageKind::ThamDinh2 => desk.preview.with_untracked(|p| p.as_ref().map(|p| if second { p.before.scorer.second(id).to_string() } else { p.before.scorer.raw(id).to_string() })).unwrap_or_default(),
                None => String::new(),
            }
        }
    };
    // An edit in round 2 starts from round 1's whole state of the item.
    let set = move |key: String, f: Box<dyn FnOnce(&mut Entry)>| {
        let before = desk.preview.get_untracked();
        desk.edit_entry(&key, move |e| {
            if e.value.is_none() && kind == StageKind::ThamDinh2 {
                if let Some(p) = &before {
                    *e = accepted(&p.before, id, std::mem::take(e));
                }
            }
            f(e);
        });
    };
    let value_msg = {
        move || {
            desk.preview.with(|p| match p.as_ref().map(|p| p.after.scorer.value(id)) {
                Some(Value::Invalid(e)) => i18n::value_error(e, l),
                _ => String::new(),
            })
        }
    };
    let k = key.clone();
    let reason_msg = move || {
        desk.preview.with(|p| {
            p.as_ref()
                .and_then(|p| p.problems_of(&k).find(|x| matches!(x.kind, chamdiem_core::json::ProblemKind::ReasonMissing { .. })).map(|x| x.kind.message(l)))
                .filter(|_| !desk.preview.with_untracked(|p| p.as_ref().is_some_and(|p| matches!(p.after.scorer.value(id), Value::Invalid(_)))))
                .unwrap_or_default()
        })
    };
    let k = key.clone();
    let status = move || {
        let has = desk.work.with(|w| w.as_ref().is_some_and(|w| w.stage.entries.contains_key(&k)));
        match (has, kind) {
            (true, _) => t.appraised,
            (false, StageKind::ThamDinh1) => t.not_appraised,
            (false, _) => t.unchanged,
        }
    };
    let options: Option<Vec<(String, String)>> = match &n.rule {
        Rule::YesNo => Some(vec![("yes".into(), tr(l).yes.into()), ("no".into(), tr(l).no.into())]),
        r => r.labels().map(|ls| ls.into_iter().map(|x| (x.to_string(), x.to_string())).collect()),
    };
    let k = key.clone();
    let on_value = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        set(k.clone(), Box::new(move |e| e.value = Some(v)));
    };
    let value_input = match options {
        Some(opts) => {
            let current = field(false);
            view! {
                <select id=vid.clone() aria-describedby=vmsg.clone() on:change=on_value>
                    <option value="" selected={ let c = current.clone(); move || c().is_empty() }>{tr(l).choose}</option>
                    {opts.into_iter().map(|(v, label)| { let c = current.clone(); let v2 = v.clone(); view! { <option value=v selected=move || c() == v2>{label}</option> } }).collect_view()}
                </select>
            }
            .into_any()
        }
        None => view! { <input id=vid.clone() type="text" inputmode="decimal" autocomplete="off" aria-describedby=vmsg.clone() prop:value=field(false) on:input=on_value /> }.into_any(),
    };
    let second = n.rule.is_pair().then(|| {
        let k = key.clone();
        let of_label = match &n.rule {
            Rule::RatioBands { denominator, .. } => denominator.clone(),
            Rule::Proportional { target, .. } => target.clone(),
            _ => String::new(),
        };
        view! {
            <label for=sid.clone()>{format!("{of_label} — {code}")}</label>
            <input id=sid.clone() type="text" inputmode="decimal" autocomplete="off" prop:value=field(true)
                on:input=move |ev| { let v = event_target_value(&ev); set(k.clone(), Box::new(move |e| e.of = Some(v))) } />
        }
    });
    let na = n.not_applicable_allowed.then(|| {
        let k = key.clone();
        let k2 = key.clone();
        view! {
            <div>
                <input type="checkbox" id=naid.clone()
                    prop:checked=move || desk.preview.with(|p| p.as_ref().is_some_and(|p| p.after.scorer.is_not_applicable(id))) && desk.work.with(|w| w.as_ref().is_some_and(|w| w.stage.entries.contains_key(&k2)))
                    on:change=move |ev| { let on = event_target_checked(&ev); set(k.clone(), Box::new(move |e| e.not_applicable = on)) } />
                <label for=naid.clone()>{format!("{} — {code}", t.not_applicable)}</label>
            </div>
        }
    });
    let k = key.clone();
    let on_reason = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let k = k.clone();
        desk.edit_entry(&k, move |e| e.reason = v);
    };
    let k = key.clone();
    let reason_value = move || desk.work.with(|w| w.as_ref().and_then(|w| w.stage.entries.get(&k).map(|e| e.reason.clone())).unwrap_or_default());
    let k = key.clone();
    let on_accept = move |_| {
        let Some(p) = desk.preview.get_untracked() else { return };
        desk.edit_entry(&k, |e| *e = accepted(&p.before, id, std::mem::take(e)));
    };
    view! {
        <div class="appraise-inputs">
            <label for=vid.clone()>{label}</label>
            {value_input}
            <p id=vmsg class="field-msg" aria-live="polite">{value_msg}</p>
            {second}
            {na}
            <label for=rid.clone()>{format!("{} — {code}", t.reason)}</label>
            <textarea id=rid aria-describedby=rmsg.clone() prop:value=reason_value on:input=on_reason></textarea>
            <p id=rmsg class="field-msg" aria-live="polite">{reason_msg}</p>
            <button type="button" on:click=on_accept>{format!("{} — {code}", t.accept)}</button>
            <p class="status">{status}</p>
        </div>
    }
}

fn response_inputs(desk: Desk, key: &str, code: &str, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    let slug = key.replace('/', "-");
    let entry = move |k: String| move || desk.work.with(|w| w.as_ref().and_then(|w| w.stage.entries.get(&k).cloned()).unwrap_or_default());
    let (aid, eid) = (format!("agree-{slug}"), format!("expl-{slug}"));
    let k = key.to_string();
    let on_agree = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        desk.edit_entry(&k, move |e| e.agreed = on);
    };
    let k = key.to_string();
    let on_expl = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        desk.edit_entry(&k, move |e| e.explanation = v);
    };
    let ev_field = |which: usize, label: &'static str| {
        let k = key.to_string();
        let id = format!("ev{which}-{slug}");
        let current = entry(k.clone());
        view! {
            <label for=id.clone()>{format!("{label} — {code}")}</label>
            <input id=id type="text" autocomplete="off" prop:value=move || { let e = current(); e.evidence.first().map(|x| match which { 0 => x.number.clone(), 1 => x.date.clone(), _ => x.summary.clone() }).unwrap_or_default() }
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    desk.edit_entry(&k, move |e| {
                        if e.evidence.is_empty() { e.evidence.push(Evidence::default()); }
                        let x = &mut e.evidence[0];
                        match which { 0 => x.number = v, 1 => x.date = v, _ => x.summary = v }
                        if x.is_blank() { e.evidence.clear(); }
                    });
                } />
        }
    };
    let ev_msg = {
        let current = entry(key.to_string());
        move || current().evidence.first().map(|x| x.problems().into_iter().map(|p| chamdiem_core::text::evidence_error(p, l)).collect::<Vec<_>>().join(" ")).unwrap_or_default()
    };
    let agreed = entry(key.to_string());
    let expl = entry(key.to_string());
    view! {
        <div class="appraise-inputs">
            <div>
                <input type="checkbox" id=aid.clone() prop:checked=move || agreed().agreed on:change=on_agree />
                <label for=aid>{format!("{} — {code}", t.agree)}</label>
            </div>
            <label for=eid.clone()>{format!("{} — {code}", t.explanation)}</label>
            <textarea id=eid prop:value=move || expl().explanation on:input=on_expl></textarea>
            <fieldset class="evidence">
                <legend>{format!("{} — {code}", t.new_evidence)}</legend>
                {ev_field(0, t.ev_number)}
                {ev_field(1, t.ev_date)}
                {ev_field(2, t.ev_summary)}
                {response_files(desk, key, code, l)}
                <p class="field-msg" aria-live="polite">{ev_msg}</p>
            </fieldset>
        </div>
    }
}

fn conditions_view(desk: Desk, rs: &std::sync::Arc<Ruleset>, l: Lang) -> impl IntoView {
    let t = appraise_texts(l);
    view! {
        <section class="conditions" aria-labelledby="cond-h">
            <h3 id="cond-h">{t.conditions_heading}</h3>
            {rs.conditions.iter().enumerate().map(|(ci, c)| {
                let cid = c.id.clone();
                let (sel, rid) = (format!("c-{ci}"), format!("cr-{ci}"));
                let before = move || desk.preview.with(|p| p.as_ref().and_then(|p| p.before.scorer.answer(ci)));
                let k = cid.clone();
                let current = move || desk.work.with(|w| w.as_ref().and_then(|w| w.stage.conditions.get(&k).copied())).or_else(before);
                let k = cid.clone();
                let on_answer = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let k = k.clone();
                    desk.edit(move |w| match v.as_str() {
                        "yes" => { w.stage.conditions.insert(k, true); }
                        "no" => { w.stage.conditions.insert(k, false); }
                        _ => { w.stage.conditions.remove(&k); }
                    });
                };
                let k = cid.clone();
                let on_reason = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let k = k.clone();
                    desk.edit(move |w| { if v.is_empty() { w.stage.condition_reasons.remove(&k); } else { w.stage.condition_reasons.insert(k, v); } });
                };
                let k = cid.clone();
                let reason = move || desk.work.with(|w| w.as_ref().and_then(|w| w.stage.condition_reasons.get(&k).cloned()).unwrap_or_default());
                let c1 = current.clone();
                let c2 = current.clone();
                let c3 = current;
                view! {
                    <div class="condition">
                        <label for=sel.clone()>{c.question.clone()}</label>
                        <select id=sel on:change=on_answer>
                            <option value="" selected=move || c1().is_none()>{t.unanswered}</option>
                            <option value="yes" selected=move || c2() == Some(true)>{t.yes}</option>
                            <option value="no" selected=move || c3() == Some(false)>{t.no}</option>
                        </select>
                        <label for=rid.clone()>{format!("{} — {}", t.reason, c.question)}</label>
                        <input id=rid type="text" prop:value=reason on:input=on_reason />
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// The dossiers kept in this browser (opened here or on the scoring page),
/// the latest step first: an appraiser with forty agencies finds each again.
fn kept_list(desk: Desk) -> impl IntoView {
    let kept = desk.kept.get();
    let l = desk.lang.get();
    let t = appraise_texts(l);
    (!kept.is_empty()).then(|| {
        view! {
            <section aria-labelledby="kept-h">
                <h2 id="kept-h">{t.kept_heading}</h2>
                <table class="drafts">
                    <thead><tr><th scope="col">{t.agency}</th><th scope="col">{t.ruleset}</th><th scope="col">{t.stage}</th><th scope="col">{t.at}</th><th scope="col">{t.actions}</th></tr></thead>
                    <tbody>
                        {kept.into_iter().map(|k| {
                            let stage = StageKind::from_code(&k.stage).map_or(k.stage.clone(), |s| chamdiem_core::text::stage_name(s, l).to_string());
                            let name = if k.agency.is_empty() { "—".to_string() } else { k.agency.clone() };
                            let label = format!("{} — {name}, {stage}", t.open);
                            let (ruleset, at) = (k.ruleset.clone(), crate::files::show_time(&k.at));
                            view! {
                                <tr>
                                    <td>{name}</td>
                                    <td>{ruleset}</td>
                                    <td>{stage}</td>
                                    <td>{at}</td>
                                    <td><button type="button" on:click=move |_| desk.open_kept(k.clone())>{label}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}
