//! The scoring page's views: the shell around the form (ruleset picker,
//! drafts panel, dossiers kept, backup, export, banners). The state they
//! read and the actions they call are in `shell.rs`; the form itself (and all
//! scoring display) is in `form.rs`; scoring is the core's.

use crate::files::{download, read_file, show_time};
use crate::form::{form_view, Form};
use crate::sheet::sheet_view;
use crate::i18n::{self, tr};
use crate::shell::*;
use crate::store::StoreError;
use chamdiem_core::record::StageKind;
use chamdiem_core::text::stage_name;
use chamdiem_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;


pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    // The footer's links to the other pages are index.html's own markup, in
    // both languages (style.css shows the one of <html lang>): moved after
    // what the app appended, at the cost of one call rather than a view.
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let (Some(body), Some(footer)) = (doc.body(), doc.get_element_by_id("links")) {
            let _ = body.append_child(&footer);
        }
    }
    // A slow line: show the app's own parts (its header, "Đang tải bộ chỉ số…") after all.
    set_timeout(end_boot, std::time::Duration::from_millis(400));
}



/// Above a draft imported from a file made on an earlier copy of its ruleset:
/// which copy, and that the file was checked against it.
fn archived_note(shell: Shell, form: &Form, l: Lang) -> Option<impl IntoView> {
    let (id, version, sha) = shell.archived_import.get_value()?;
    form.draft.with_value(|d| d.id == id).then(|| view! { <p class="archive-note" role="status">{i18n::archived_copy(&version, &sha, true, l)}</p> })
}

#[component]
fn App() -> impl IntoView {
    let shell = Shell::new();
    shell.start();
    let lang = shell.lang;
    let on_select = move |ev: leptos::ev::Event| shell.open_ruleset(&event_target_value(&ev));
    let on_lang = move |ev: leptos::ev::Event| shell.set_lang(&event_target_value(&ev));
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || tr(lang.get()).app_name}</h1>
                <p class="tagline">{move || tr(lang.get()).tagline}</p>
            </div>
            <div class="pickers">
                <label for="ruleset-select">{move || tr(lang.get()).ruleset_label}</label>
                <select id="ruleset-select" on:change=on_select prop:value=move || shell.selected.get()>
                    {move || shell.index.get().map(|ix| ix.rulesets.iter().map(|e| {
                        let id = e.id.clone();
                        view! { <option value=id.clone() selected=move || shell.selected.get() == id>{e.title.clone()}</option> }
                    }).collect_view())}
                </select>
                <label for="lang-select">{move || tr(lang.get()).language_label}</label>
                <select id="lang-select" on:change=on_lang>
                    <option value="vi" selected=move || lang.get() == Lang::Vi>"Tiếng Việt"</option>
                    <option value="en" selected=move || lang.get() == Lang::En>"English"</option>
                </select>
            </div>
        </header>
        {move || storage_banner(shell)}
        {move || shell.bad_link.get().map(|(id, opened)| {
            let opened = shell.entry(&opened).map(|e| e.title).unwrap_or(opened);
            view! { <p class="link-banner" role="alert">{i18n::bad_link(&id, &opened, lang.get())}</p> }
        })}
        {move || shell.new_version.get().then(|| {
            let t = tr(lang.get());
            view! {
                <div class="update-banner" role="status">
                    <p>{t.new_version}</p>
                    <button type="button" on:click=move |_| {
                        if let Some(f) = shell.form() { f.save_now(); }
                        if let Some(w) = web_sys::window() { let _ = w.location().reload(); }
                    }>{t.reload}</button>
                </div>
            }
        })}
        <main>
            {move || drafts_view(shell)}
            {move || {
                let l = lang.get();
                match shell.loaded.get() {
                    Loaded::Loading => view! { <p class="loading" role="status">{tr(l).loading}</p> }.into_any(),
                    Loaded::Failed(errors) => view! {
                        <section class="load-error" role="alert" aria-labelledby="load-error-h">
                            <h2 id="load-error-h">{tr(l).load_failed}</h2>
                            <p>{tr(l).load_failed_hint}</p>
                            <ul>{errors.into_iter().map(|e| view! { <li><code>{e}</code></li> }).collect_view()}</ul>
                        </section>
                    }.into_any(),
                    Loaded::Ready(form) => view! {
                        {export_view(shell, form.clone(), l)}
                        {archived_note(shell, &form, l)}
                        {form_view(form, l)}
                    }.into_any(),
                }
            }}
        </main>
    }
}




/// A lasting banner while drafts cannot be saved; it offers the export.
fn storage_banner(shell: Shell) -> Option<impl IntoView> {
    let err = shell.persist.storage_error.get()?;
    let t = tr(shell.lang.get());
    let text = match err {
        StoreError::Disabled => t.storage_disabled,
        StoreError::Full => t.storage_full,
        StoreError::Failed(_) => t.storage_failed,
    };
    Some(view! {
        <div class="storage-banner" role="alert">
            <p>{text}</p>
            <button type="button" on:click=move |_| shell.show_export.set(true)>{t.export}</button>
        </div>
    })
}

/// A file input's handler: reads the file chosen and hands its text and name
/// to `then`; the input is emptied, so that the same file can be chosen again.
fn file_chosen(shell: Shell, then: fn(Shell, String, String), package: Option<fn(Shell, web_sys::File)>) -> impl Fn(leptos::ev::Event) + Clone + 'static {
    move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            if let Some(open) = package.filter(|_| is_package(&name)) {
                open(shell, file);
                if let Some(i) = input {
                    i.set_value("");
                }
                return;
            }
            spawn_local(async move {
                match read_file(file).await {
                    Ok(text) => then(shell, text, name),
                    Err(e) => shell.import_errors.set(vec![e]),
                }
            });
        }
        if let Some(i) = input {
            i.set_value("");
        }
    }
}

/// A package (a dossier with its files) is known by its name; the worker
/// says if it is no ZIP.
fn is_package(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// The dossiers kept, and backup and restore: the end of the drafts panel.
fn kept_view(shell: Shell, l: Lang) -> impl IntoView {
    let k = i18n::kept_texts(l);
    let kept = shell.kept.get();
    let on_restore = file_chosen(shell, Shell::restore, Some(Shell::restore_package));
    view! {
        {(!kept.is_empty()).then(|| view! {
            <h2 id="kept-h">{k.heading}</h2>
            <div class="table-scroll" role="region" aria-labelledby="kept-h" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{k.col_agency}</th>
                    <th scope="col">{k.col_ruleset}</th>
                    <th scope="col">{k.col_stage}</th>
                    <th scope="col">{k.col_at}</th>
                    <th scope="col">{tr(l).col_actions}</th>
                </tr></thead>
                <tbody>
                    {kept.into_iter().map(|x| {
                        let stage = StageKind::from_code(&x.stage).map_or(x.stage.clone(), |s| stage_name(s, l).to_string());
                        let (x1, key) = (x.clone(), x.key.clone());
                        view! {
                            <tr>
                                <th scope="row">{x.agency.clone()}</th>
                                <td>{shell.title_of(&x.ruleset)}</td>
                                <td>{stage}</td>
                                <td>{show_time(&x.at)}</td>
                                <td class="actions">
                                    <button type="button" aria-label=format!("{} — {}", k.open, x.agency) on:click=move |_| shell.open_kept(x1.clone())>{k.open}</button>
                                    <button type="button" aria-label=format!("{} — {}", k.forget, x.agency) on:click=move |_| forget_kept(shell, key.clone())>{k.forget}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        })}
        <div class="backup">
            <h2 id="backup-h">{k.backup_heading}</h2>
            <p>{k.backup_hint}</p>
            <p>
                <button type="button" on:click=move |_| shell.backup()>{k.backup}</button>
                " "
                <label for="restore-file">{k.restore}</label>
                <input id="restore-file" type="file" accept=".json,application/json,.zip,application/zip" on:change=on_restore />
            </p>
            {shell.restore_note.get().map(|n| view! { <p role="status">{n}</p> })}
        </div>
    }
}

fn drafts_view(shell: Shell) -> impl IntoView {
    let l = shell.lang.get();
    let t = tr(l);
    let drafts = shell.persist.drafts.get();
    let aside = shell.aside.get();
    let current = match shell.loaded.get() {
        Loaded::Ready(f) => f.draft.with_value(|d| d.id.clone()),
        _ => String::new(),
    };
    let import_errors = shell.import_errors.get();
    let on_file = file_chosen(shell, Shell::import, Some(Shell::import_package));
    let on_ruleset_file = file_chosen(shell, Shell::open_ruleset_file, None);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            if is_package(&name) {
                return shell.import_package(file);
            }
            spawn_local(async move {
                match read_file(file).await {
                    Ok(text) => shell.import(text, name),
                    Err(e) => shell.import_errors.set(vec![e]),
                }
            });
        }
    };
    view! {
        <details class="drafts" on:toggle=move |ev: leptos::ev::Event| {
            // Read when the panel opens: the usage, and the dossiers (which starts the worker).
            if ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open()) {
                refresh_usage(shell);
                refresh_kept(shell);
            }
        }>
            <summary>{t.drafts}" ("{drafts.len()}")"</summary>
            <section aria-label=t.drafts>
                // Scrolls on its own on a phone instead of widening the page.
                <div class="table-scroll" role="region" aria-label=t.drafts tabindex="0">
                <table>
                    <thead><tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col">{t.col_agency}</th>
                        <th scope="col">{t.col_ruleset}</th>
                        <th scope="col">{t.col_year}</th>
                        <th scope="col">{t.col_changed}</th>
                        <th scope="col">{t.col_progress}</th>
                        <th scope="col">{t.col_actions}</th>
                    </tr></thead>
                    <tbody>
                        {drafts.into_iter().map(|d| {
                            let name = display_name(&d, l);
                            let is_current = d.id == current;
                            let entered = d.entries.values().filter(|e| e.value.is_some() || e.not_applicable).count();
                            // The files it names, each counted once (a file on two items is kept once).
                            let mut files: Vec<_> = d.entries.values().flat_map(|e| e.evidence.iter().flat_map(|v| v.files.iter().map(|f| (f.sha256.as_str(), f.size)))).collect();
                            files.sort_unstable();
                            files.dedup();
                            let progress = i18n::entered(entered, l) + &i18n::draft_files(files.len(), files.iter().map(|f| f.1 as f64).sum(), l);
                            let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d.id.clone());
                            let nm = name.clone();
                            view! {
                                <tr class:current=is_current>
                                    <th scope="row">{name.clone()}{is_current.then(|| view! { " " <span class="badge">"("{t.draft_current}")"</span> })}</th>
                                    <td>{d.agency.name.clone()}</td>
                                    <td>{shell.title_of(&d.ruleset.id)}</td>
                                    <td>{d.agency.year.clone()}</td>
                                    <td>{show_time(&d.updated_at)}</td>
                                    <td>{progress}</td>
                                    <td class="actions">
                                        <button type="button" aria-label=format!("{} — {nm}", t.draft_open) on:click=move |_| shell.open_draft(d1.clone())>{t.draft_open}</button>
                                        <button type="button" aria-label=format!("{} — {nm}", t.draft_rename) on:click=move |_| rename(shell, d2.clone())>{t.draft_rename}</button>
                                        <button type="button" aria-label=format!("{} — {nm}", t.draft_duplicate) on:click=move |_| duplicate(shell, d3.clone())>{t.draft_duplicate}</button>
                                        <button type="button" aria-label=format!("{} — {nm}", t.draft_delete) on:click=move |_| delete(shell, d4.clone())>{t.draft_delete}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p>
                    <button type="button" on:click=move |_| {
                        let id = shell.selected.get_untracked();
                        if let Some(e) = shell.entry(&id) {
                            if let Some(f) = shell.form() { f.save_now(); }
                            shell.open(e, None, None);
                        }
                    }>{t.draft_new}</button>
                </p>
                {shell.usage.get().map(|u| view! {
                    <p class="usage">{i18n::storage_usage(u.persisted, u.used, u.quota, l)}</p>
                })}
                {(!aside.is_empty()).then(|| view! {
                    <div class="aside" role="note">
                        <p>{t.set_aside}</p>
                        <ul>{aside.into_iter().map(|k| view! { <li><code>{k}</code></li> }).collect_view()}</ul>
                    </div>
                })}
                <div class="import" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for="import-file">{t.import}</label>
                    <input id="import-file" type="file" accept=".json,application/json,.zip,application/zip" on:change=on_file />
                    <span class="drop-hint">{t.import_drop}</span>
                    {move || shell.progress.get().map(|(done, of)| view! {
                        <p role="status">{t.package_checking}" "<progress max=of value=done aria-label=t.package_checking></progress>" "{format!("{done}/{of}")}</p>
                    })}
                </div>
                // An office trying a ruleset before it publishes it.
                <div class="ruleset-file">
                    <label for="ruleset-file">{t.open_ruleset_file}</label>
                    <input id="ruleset-file" type="file" accept=".json,application/json" on:change=on_ruleset_file />
                </div>
                {kept_view(shell, l)}
            </section>
        </details>
        {(!import_errors.is_empty()).then(|| view! {
            <section class="import-error" role="alert" aria-labelledby="import-error-h">
                <h2 id="import-error-h">{t.import_failed}</h2>
                <ul>{import_errors.into_iter().map(|e| view! { <li><code>{e}</code></li> }).collect_view()}</ul>
            </section>
        })}
    }
}


/// Asks the worker for the file to hand in (the dossier's JSON, or the
/// package: the dossier and the files it lists, as a `Blob` of the files'
/// own `Blob`s) and offers it; what stops it is said where the import's
/// problems are.
async fn export(shell: Shell, req: crate::opener::Request, l: Lang) {
    shell.import_errors.set(Vec::new());
    match crate::opener::ask_with(&req, None).await {
        Ok((a, _)) if !a.errors.is_empty() => shell.import_errors.set(a.errors),
        Ok((a, blob)) => {
            let written = match blob {
                Some(b) => crate::files::download_blob(&a.file_name, &b),
                None => download(&a.file_name, &a.file_text),
            };
            if let Err(e) = written {
                shell.import_errors.set(vec![e]);
            }
        }
        Err(e) => shell.import_errors.set(vec![i18n::opener_failed(tr(l).export_go, &e, l)]),
    }
}

/// The export button and the checklist shown before the file is written.
fn export_view(shell: Shell, form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let show = shell.show_export;
    let f = form.clone();
    view! {
        <div class="export-bar">
            <button type="button" aria-pressed=move || if shell.show_sheet.get() { "true" } else { "false" }
                on:click=move |_| shell.show_sheet.update(|v| *v = !*v)>{t.sheet_show}</button>
            <button type="button" on:click=move |_| {
                shell.show_sheet.set(true);
                // After the sheet is rendered.
                set_timeout(|| { if let Some(w) = web_sys::window() { let _ = w.print(); } }, std::time::Duration::from_millis(50));
            }>{t.sheet_print}</button>
            <button type="button" on:click=move |_| show.set(true)>{t.export}</button>
            {shell.entry(&shell.selected.get_untracked()).and_then(|e| e.example).map(|_| view! {
                <button type="button" on:click=move |_| shell.load_example()>{t.load_example}</button>
            })}
            <button type="button" on:click=move |_| shell.reset()>{t.reset}</button>
        </div>
        {
            let f = form.clone();
            move || shell.show_sheet.get().then(|| sheet_view(f.clone(), l))
        }
        {move || show.get().then(|| {
            let c = f.checklist();
            let rs = f.rs.clone();
            let name = move |key: &String| rs.find(key).map(|id| format!("{} {}", rs.node(id).code, rs.node(id).title)).unwrap_or_else(|| key.clone());
            let section = |title: &'static str, keys: &[String]| (!keys.is_empty()).then(|| view! {
                <h4>{title}" ("{keys.len()}")"</h4>
                <ul>{keys.iter().map(|k| view! { <li>{name(k)}</li> }).collect_view()}</ul>
            });
            let conds: Vec<String> = c.unanswered_conditions.iter().filter_map(|id| f.rs.conditions.iter().find(|x| &x.id == id).map(|x| x.question.clone())).collect();
            let (f2, f3) = (f.clone(), f.clone());
            view! {
                <section class="export-check" role="dialog" aria-labelledby="export-h">
                    <h3 id="export-h">{t.export_check}</h3>
                    <p>{if c.complete { t.export_complete } else { t.export_incomplete }}</p>
                    {section(t.check_unscored, &c.unscored)}
                    {section(t.check_invalid, &c.invalid)}
                    {section(t.check_evidence, &c.missing_evidence)}
                    {section(t.check_awaiting, &c.awaiting_others)}
                    {(!conds.is_empty()).then(|| view! {
                        <h4>{t.check_conditions}" ("{conds.len()}")"</h4>
                        <ul>{conds.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ul>
                    })}
                    <p class="buttons">
                        <button type="button" on:click=move |_| {
                            f2.save_now();
                            spawn_local(export(shell, f2.export_request(l, false), l));
                            show.set(false);
                        }>{t.export_go}</button>
                        <button type="button" on:click=move |_| {
                            f3.save_now();
                            spawn_local(export(shell, f3.export_request(l, true), l));
                            show.set(false);
                        }>{t.export_package}</button>
                        <button type="button" on:click=move |_| show.set(false)>{t.close}</button>
                    </p>
                </section>
            }
        })}
    }
}
