//! The office page's views over `Office`: who consolidates, which index,
//! the files (picked, a whole folder, or dropped, with a progress bar), the
//! roster and the others' scores, then per group the ranked table, the
//! counts per level (a table, and an SVG chart beside it for the eye), the
//! files refused and the problems of the spreadsheets, each named.

use super::{Office, Outcome};
use crate::i18n::{self, office, OfficeTexts};
use crate::widgets::{page_header, signer_fieldset};
use chamdiem_core::office::{ConsolidationFile, Group, PartLoss};
use chamdiem_core::Lang;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::JsCast;

#[component]
pub fn Page() -> impl IntoView {
    let o = Office::new();
    o.start();
    view! {
        {page_header(o.lang, |l| office(l).title, |l| office(l).tagline)}
        <main class="office">
            {move || {
                let t = office(o.lang.get());
                view! {
                    <p>{t.intro}</p>
                    {works(o, t)}
                    {signer_fieldset(o.signer, t.signer_legend, t.signer_hint, t.signer_unit, t.signer_person)}
                    {inputs(o, t)}
                }
            }}
            {move || errors(o)}
            {move || results(o)}
            {super::author::section(o.lang)}
            {move || {
                let said = office(o.lang.get()).levels_translated;
                (!said.is_empty()).then(|| view! { <p class="hint" role="note">{said}</p> })
            }}
            // The scoring page, one folder up (the page's <base> is this folder).
            <p><a href="../">{move || office(o.lang.get()).back}</a></p>
        </main>
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

fn picked(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
    let files = files_of(input.as_ref().and_then(|i| i.files()));
    if let Some(i) = input {
        i.set_value("");
    }
    files
}

/// The consolidations kept side by side: which one is open, its name, a new
/// one, removing it, and the consolidation file out and in.
fn works(o: Office, t: &'static OfficeTexts) -> impl IntoView {
    let on_open_file = move |ev: leptos::ev::Event| {
        if let Some(f) = picked(&ev).into_iter().next() {
            o.open_consolidation(f);
        }
    };
    view! {
        <section class="office-input" aria-labelledby="works-h">
            <h2 id="works-h">{t.works_heading}</h2>
            <p class="hint">{t.works_hint}</p>
            <label for="office-work">{t.work_select}</label>
            <select id="office-work" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    o.switch_to(i);
                }
            }>
                {move || {
                    let open = o.shelf.with(|s| s.open());
                    o.shelf.with(|s| s.titles()).into_iter().enumerate().map(|(i, title)| {
                        view! { <option value=i.to_string() selected=i == open>{title}</option> }
                    }).collect_view()
                }}
            </select>
            <label for="office-title">{t.work_title}</label>
            <input id="office-title" type="text" prop:value=move || o.title.get() on:change=move |ev| o.title.set(event_target_value(&ev)) />
            <p class="actions">
                <button type="button" on:click=move |_| o.new_work()>{t.new_work}</button>
                " "
                <button type="button" on:click=move |_| o.delete_work()>{t.delete_work}</button>
                " "
                <button type="button" disabled=move || o.result.with(Option::is_none) on:click=move |_| o.download_consolidation()>{t.save_work}</button>
            </p>
            <label for="office-open-work">{t.open_work}</label>
            <input id="office-open-work" type="file" accept=".json,application/json" on:change=on_open_file />
        </section>
    }
}

fn inputs(o: Office, t: &'static OfficeTexts) -> impl IntoView {
    let on_files = move |ev: leptos::ev::Event| o.add_files(picked(&ev));
    // A folder holds other files too: only the JSON ones are the agencies'.
    let on_folder = move |ev: leptos::ev::Event| o.add_files(picked(&ev).into_iter().filter(|f| f.name().to_lowercase().ends_with(".json")).collect());
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        o.add_files(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    let on_roster = move |ev: leptos::ev::Event| {
        if let Some(f) = picked(&ev).into_iter().next() {
            o.set_table(o.roster, f);
        }
    };
    let on_others = move |ev: leptos::ev::Event| {
        if let Some(f) = picked(&ev).into_iter().next() {
            o.set_table(o.others, f);
        }
    };
    let on_previous = move |ev: leptos::ev::Event| {
        if let Some(f) = picked(&ev).into_iter().next() {
            o.set_table(o.previous, f);
        }
    };
    let paste: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let chosen = move |which: RwSignal<Option<super::Picked>>| {
        move || {
            which.with(|p| {
                p.as_ref().map(|super::Picked { name, .. }| {
                    let name = name.clone();
                    view! {
                        <p>{format!("{}: {name}", t.chosen)}" "
                            <button type="button" on:click=move |_| which.set(None)>{format!("{} — {name}", t.remove)}</button>
                        </p>
                    }
                })
            })
        }
    };
    view! {
        <section class="office-input" aria-labelledby="ruleset-h">
            <h2 id="ruleset-h">{t.ruleset_heading}</h2>
            <label for="office-ruleset">{t.ruleset_label}</label>
            <select id="office-ruleset" on:change=move |ev| o.ruleset.set(event_target_value(&ev))>
                {move || o.catalog.get().map(|c| c.current.iter().map(|(id, title, _, _)| {
                    let id2 = id.clone();
                    view! { <option value=id.clone() selected=move || o.ruleset.get() == id2>{title.clone()}</option> }
                }).collect_view())}
                <option value="" selected=move || o.ruleset.get().is_empty()>{t.each_file}</option>
            </select>
        </section>
        <section class="office-input import" aria-labelledby="files-h" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h2 id="files-h">{t.files_heading}</h2>
            <p class="hint">{t.files_hint}</p>
            <label for="office-files">{t.files_label}</label>
            <input id="office-files" type="file" accept=".json,application/json" multiple on:change=on_files />
            <label for="office-folder">{t.folder_label}</label>
            <input id="office-folder" type="file" prop:webkitdirectory=true multiple on:change=on_folder />
            {move || o.reading.get().map(|(n, total)| view! {
                <p class="office-progress">
                    <progress aria-label=t.reading max=total.to_string() value=n.to_string()></progress>
                    " "{i18n::office_checking(n, total, o.lang.get())}
                </p>
            })}
            {move || {
                let n = o.files.with(Vec::len);
                (n > 0).then(|| view! {
                    <p>{i18n::office_files_given(n, o.lang.get())}" "
                        <button type="button" on:click=move |_| o.clear_files()>{t.clear_files}</button>
                    </p>
                })
            }}
        </section>
        <section class="office-input" aria-labelledby="roster-h">
            <h2 id="roster-h">{t.roster_heading}</h2>
            <p class="hint">{t.roster_hint}</p>
            <label for="office-roster">{t.roster_label}</label>
            <input id="office-roster" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_roster />
            // The index's own roster, where the site has one (rulesets/rosters/).
            {move || o.catalog.with(|c| c.as_ref().is_some_and(|c| c.roster_of(&o.ruleset.get()).is_some())).then(|| view! {
                <p>
                    <button type="button" on:click=move |_| o.use_bundled_roster()>{t.bundled_roster}</button>
                    " "<span class="hint">{t.bundled_roster_hint}</span>
                </p>
            })}
            {chosen(o.roster)}
        </section>
        <section class="office-input" aria-labelledby="others-h">
            <h2 id="others-h">{t.others_heading}</h2>
            <p class="hint">{t.others_hint}</p>
            <label for="office-others">{t.others_label}</label>
            <input id="office-others" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_others />
            <label for="office-paste" class="block">{t.paste_label}</label>
            <textarea id="office-paste" rows="4" node_ref=paste></textarea>
            <button type="button" on:click=move |_| {
                let text = paste.get_untracked().map(|a| a.value()).unwrap_or_default();
                if !text.trim().is_empty() {
                    o.others.set(Some(super::Picked::new(t.pasted_name.to_string(), text.into_bytes())));
                }
            }>{t.paste_button}</button>
            {chosen(o.others)}
        </section>
        <section class="office-input" aria-labelledby="previous-h">
            <h2 id="previous-h">{t.previous_heading}</h2>
            <p class="hint">{t.previous_hint}</p>
            <label for="office-previous">{t.previous_label}</label>
            <input id="office-previous" type="file" accept=".json,application/json" on:change=on_previous />
            {chosen(o.previous)}
        </section>
    }
}

fn errors(o: Office) -> impl IntoView {
    let e = o.errors.get();
    (!e.is_empty()).then(|| view! {
        <div class="banner error" role="alert"><ul>{e.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul></div>
    })
}

/// A file decimal ("85.5") in the reader's language ("85,5").
fn shown(s: &str, l: Lang) -> String {
    Decimal::from_str(s).map(|d| i18n::num(d, l)).unwrap_or_else(|_| s.to_string())
}

fn results(o: Office) -> impl IntoView {
    let l = o.lang.get();
    let t = office(l);
    let r = o.result.get()?;
    let Outcome { c, problems, .. } = &*r;
    let previous = o.previous_file.get();
    let previous = previous.as_deref();
    let today = crate::files::show_time(&crate::files::now_iso());
    let today = today.split(' ').next().unwrap_or("").to_string();
    Some(view! {
        // On paper only (pages.css): the heading of the annex.
        <div class="print-head">
            <p class="print-title">{t.print_title}</p>
            <p>{format!("{} {today}", t.print_date)}</p>
        </div>
        {(!problems.is_empty()).then(|| view! {
            <section class="problems" aria-labelledby="problems-h">
                <h2 id="problems-h">{t.problems_heading}</h2>
                <ul>{problems.iter().map(|p| view! { <li>{p.describe(l)}</li> }).collect_view()}</ul>
            </section>
        })}
        {previous.as_ref().and_then(|p| p.as_ref().err()).map(|reasons| view! {
            <section class="problems" aria-labelledby="previous-problems-h">
                <h2 id="previous-problems-h">{t.previous_problems}</h2>
                <ul>{reasons.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        {(!c.problems.is_empty()).then(|| view! {
            <section class="problems" aria-labelledby="cproblems-h">
                <h2 id="cproblems-h">{t.others_problems_heading}</h2>
                <ul>{c.problems.iter().map(|p| view! { <li>{p.describe(l)}</li> }).collect_view()}</ul>
            </section>
        })}
        {c.groups.iter().enumerate().map(|(gi, g)| group_view(o, gi, g, previous.as_ref().and_then(|p| p.as_ref().ok()), l)).collect_view()}
        {(!c.refused.is_empty()).then(|| view! {
            <section aria-labelledby="refused-h">
                <h2 id="refused-h">{t.refused_heading}</h2>
                <table class="drafts">
                    <thead><tr><th scope="col">{t.file}</th><th scope="col">{t.reasons}</th></tr></thead>
                    <tbody>
                        {c.refused.iter().map(|x| view! {
                            <tr><td>{x.file.clone()}</td><td><ul>{x.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        <p class="actions">
            <button type="button" class="primary" on:click=move |_| o.download_xlsx()>{t.download_xlsx}</button>
            " "
            <button type="button" on:click=move |_| o.download_csv()>{t.download_csv}</button>
            " "
            <button type="button" on:click=move |_| o.download_dossiers()>{t.download_dossiers}</button>
            " "
            <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t.print}</button>
        </p>
    })
}

fn group_view(o: Office, gi: usize, g: &Group, previous: Option<&ConsolidationFile>, l: Lang) -> impl IntoView {
    let t = office(l);
    let rs = g.ruleset.clone();
    let parts: Vec<(String, String)> = rs.roots.iter().map(|&r| (rs.node(r).key.clone(), rs.node(r).code.clone())).collect();
    let classes: Vec<(String, String)> = rs.classifications.iter().map(|c| (c.id.clone(), c.title.clone())).collect();
    let slug = format!("g{gi}");
    let rows = g
        .rows
        .iter()
        .enumerate()
        .map(|(ri, row)| {
            let total = row.published_total();
            let cells = parts.iter().map(|(k, _)| view! { <td class="num">{row.published_part(k).map(|p| shown(&p, l)).unwrap_or_default()}</td> }).collect_view();
            let levels = classes.iter().map(|(id, _)| view! { <td>{row.level(id, l).unwrap_or_default()}</td> }).collect_view();
            // The last step the agency's file had reached before the office's.
            let reached = row.received.as_ref().and_then(|d| d.stage()).map_or("", |s| chamdiem_core::text::stage_name(s, l));
            let download = row.received.is_some().then(|| {
                let name = row.agency.clone();
                // Named with the agency for a screen reader; the row says it to the eye.
                view! { <button type="button" on:click=move |_| o.download_dossier(gi, ri)>{t.download_dossier}<span class="visually-hidden">{format!(" — {name}")}</span></button> }
            });
            // Last year's rank and percentage, and the change in percentage points.
            let before = previous.map(|p| {
                let last = p.previous(&row.code, &row.agency);
                let percent = |s: Option<&String>| s.and_then(|p| Decimal::from_str(p).ok());
                let (now, then) = (percent(total.and_then(|r| r.percent.as_ref())), percent(last.and_then(|r| r.percent.as_ref())));
                view! {
                    <td class="num">{last.and_then(|r| r.rank).map(|n| n.to_string()).unwrap_or_default()}</td>
                    <td class="num">{then.map(|p| i18n::pct(Some(p), l)).unwrap_or_default()}</td>
                    <td class="num">{now.zip(then).map(|(a, b)| i18n::signed_change(a - b, l)).unwrap_or_default()}</td>
                }
            });
            view! {
                <tr>
                    <td class="num">{row.rank.map(|n| n.to_string()).unwrap_or_default()}</td>
                    <td>{row.code.clone()}</td>
                    <th scope="row">{row.agency.clone()}</th>
                    <td>{reached}</td>
                    {cells}
                    <td class="num">{total.map(|r| shown(&r.points, l)).unwrap_or_default()}</td>
                    <td class="num">{total.map(|r| i18n::pct(r.percent.as_deref().and_then(|p| Decimal::from_str(p).ok()), l)).unwrap_or_default()}</td>
                    {levels}
                    {before}
                    <td>{row.notes_text(l)}</td>
                    <td>{download}</td>
                </tr>
            }
        })
        .collect_view();
    // The counts per level of the quota's classification (else the first).
    let ci = rs.ranking.as_ref().and_then(|r| r.quota.as_ref().map(|q| q.classification).or(r.classification)).unwrap_or(0);
    let counts = g.level_counts(ci, l);
    let counted: usize = counts.iter().map(|(_, n)| n).sum();
    let class_title = rs.classifications.get(ci).map(|c| c.title.clone()).unwrap_or_default();
    view! {
        <section class="group-result" aria-labelledby=format!("{slug}-h")>
            <h2 id=format!("{slug}-h")>{g.name.clone()}</h2>
            <div class="table-wrap">
                <table class="ranked">
                    <caption>{format!("{} — {}", t.ranked_caption, g.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.rank}</th>
                            <th scope="col">{t.code}</th>
                            <th scope="col">{t.agency}</th>
                            <th scope="col">{t.stage_reached}</th>
                            {parts.iter().map(|(_, code)| view! { <th scope="col">{format!("{} {code}", t.part)}</th> }).collect_view()}
                            <th scope="col">{t.points}</th>
                            <th scope="col">{t.percent}</th>
                            {classes.iter().map(|(_, title)| view! { <th scope="col">{title.clone()}</th> }).collect_view()}
                            {previous.is_some().then(|| view! {
                                <th scope="col">{t.previous_rank}</th>
                                <th scope="col">{t.previous_percent}</th>
                                <th scope="col">{t.change}</th>
                            })}
                            <th scope="col">{t.note}</th>
                            <th scope="col">{t.dossier}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="counts">
                <table class="level-counts">
                    <caption>{format!("{} — {class_title}", t.counts_caption)}</caption>
                    <thead><tr><th scope="col">{t.level}</th><th scope="col">{t.count}</th><th scope="col">{t.share}</th></tr></thead>
                    <tbody>
                        {counts.iter().map(|(label, n)| {
                            let share = (counted > 0).then(|| Decimal::from(*n as u64) * Decimal::from(100) / Decimal::from(counted as u64));
                            view! { <tr><th scope="row">{label.clone()}</th><td class="num">{*n}</td><td class="num">{i18n::pct(share, l)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                {chart(&counts, counted)}
            </div>
            {losses_view(g, g.part_losses(), office(l).losses_caption, office(l).part, l)}
            {(g.ruleset.nodes.iter().any(|n| n.depth == 1)).then(|| losses_view(g, g.criterion_losses(), office(l).criterion_losses_caption, office(l).criterion, l))}
        </section>
    }
}

/// The counts as horizontal bars: for the eye (and on paper); the table
/// beside it says the same to a screen reader, so the chart is hidden from it.
fn chart(counts: &[(String, usize)], counted: usize) -> impl IntoView {
    let (bar_h, gap, label_w, width) = (22usize, 8usize, 230usize, 520usize);
    let height = counts.len() * (bar_h + gap) + gap;
    let span = width - label_w - 40;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let y = gap + i * (bar_h + gap);
            let w = (n * span).checked_div(counted).unwrap_or(0);
            view! {
                <g>
                    <text x=(label_w - 6).to_string() y=(y + bar_h * 3 / 4).to_string() text-anchor="end">{label.clone()}</text>
                    <rect x=label_w.to_string() y=y.to_string() width=w.max(1).to_string() height=bar_h.to_string()></rect>
                    <text x=(label_w + w + 6).to_string() y=(y + bar_h * 3 / 4).to_string()>{n.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" aria-hidden="true" width=width.to_string() height=height.to_string() viewBox=format!("0 0 {width} {height}")>{bars}</svg>
    }
}

/// Where the group lost points, the weakest part first ("những tồn tại, hạn chế").
fn losses_view(g: &Group, losses: Vec<PartLoss>, caption: &'static str, what: &'static str, l: Lang) -> impl IntoView {
    let t = office(l);
    let rs = g.ruleset.clone();
    let rows = losses
        .into_iter()
        .map(|p| {
            let title = rs.find(&p.key).map(|id| format!("{}. {}", rs.node(id).code, rs.node(id).title)).unwrap_or_else(|| p.key.clone());
            let share = (p.of > 0).then(|| Decimal::from(p.lost as u64) * Decimal::from(100) / Decimal::from(p.of as u64));
            view! {
                <tr>
                    <th scope="row">{title}</th>
                    <td class="num">{format!("{} / {}", p.lost, p.of)}</td>
                    <td class="num">{i18n::pct(share, l)}</td>
                    <td class="num">{i18n::num(p.points_lost, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="level-counts losses">
            <caption>{format!("{caption} — {}", g.name)}</caption>
            <thead><tr><th scope="col">{what}</th><th scope="col">{t.lost_agencies}</th><th scope="col">{t.share}</th><th scope="col">{t.points_lost}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
