//! The application shell: which ruleset and which draft are open, the list of
//! drafts, import and export, and the storage banner. The form itself (and
//! all scoring display) is in `form.rs`; scoring is the core's.

use crate::fetch::fetch_text;
use crate::files::{download, new_id, now_iso, now_ms, read_file, show_time};
use crate::form::{form_view, Form, Persist};
use crate::sheet::sheet_view;
use crate::i18n::{self, tr};
use crate::idb::Kept;
use crate::opener;
use crate::store::{self, StoreError};
use chamdiem_core::ruleset::index::{IndexEntry, RulesetIndex};
use chamdiem_core::json::parse_json;
use chamdiem_core::record::EntriesFile;
use chamdiem_core::record::{parse_draft, sha256_hex, Draft, RulesetStamp, StageKind};
use chamdiem_core::text::stage_name;
use chamdiem_core::{load_ruleset, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    // A slow line: show the app's own parts (its header, "Đang tải bộ chỉ số…") after all.
    set_timeout(end_boot, std::time::Duration::from_millis(400));
}

/// Ends index.html's start-up state: its "Đang tải…" goes and the app's parts
/// show. Called when the first ruleset is open (or failed), so the page is laid
/// out once, with the form; idempotent.
fn end_boot() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(body) = doc.body() {
        let _ = body.class_list().remove_1("booting");
    }
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(Vec<String>),
    Ready(Arc<Form>),
}

/// Everything the shell's handlers need; all `Copy`, so closures share it.
#[derive(Clone, Copy)]
struct Shell {
    lang: RwSignal<Lang>,
    index: RwSignal<Option<Arc<RulesetIndex>>>,
    selected: RwSignal<String>,
    loaded: RwSignal<Loaded>,
    persist: Persist,
    aside: RwSignal<Vec<String>>,
    import_errors: RwSignal<Vec<String>>,
    show_export: RwSignal<bool>,
    show_sheet: RwSignal<bool>,
    /// A new version of the app was installed in the background.
    new_version: RwSignal<bool>,
    /// The page's link named a ruleset this site does not have (`?bo=<id>`),
    /// and the ruleset opened instead: said on screen, so that nobody scores
    /// against another index without knowing. Gone once another is opened.
    bad_link: RwSignal<Option<(String, String)>>,
    /// The service worker has been registered (once, after the first form).
    worker: StoredValue<bool>,
    /// The draft last imported from a file made on an earlier copy of its
    /// ruleset that the site keeps, with that copy's version and SHA-256:
    /// said above that draft's form.
    archived_import: StoredValue<Option<(String, String, String)>>,
    /// The browser's answer on keeping this site's data, and its estimate.
    usage: RwSignal<Option<store::Usage>>,
    /// The dossiers kept in the browser (IndexedDB, through the worker).
    kept: RwSignal<Vec<Kept>>,
    /// What the last restore brought.
    restore_note: RwSignal<Option<String>>,
}

impl Shell {
    fn entry(&self, id: &str) -> Option<IndexEntry> {
        self.index.with_untracked(|ix| ix.as_ref().and_then(|ix| ix.rulesets.iter().find(|e| e.id == id).cloned()))
    }

    fn form(&self) -> Option<Arc<Form>> {
        match self.loaded.get_untracked() {
            Loaded::Ready(f) => Some(f),
            _ => None,
        }
    }

    /// Opens a ruleset with a draft (`None`: a new, unsaved draft), or an
    /// imported submission read-only.
    fn open(self, entry: IndexEntry, draft: Option<Draft>, read_only: Option<Vec<String>>) {
        if let Some(f) = self.form() {
            f.save_now();
        }
        if self.bad_link.with_untracked(|b| b.as_ref().is_some_and(|(_, opened)| *opened != entry.id)) {
            self.bad_link.set(None);
        }
        self.selected.set(entry.id.clone());
        store::set_last_ruleset(&entry.id);
        self.loaded.set(Loaded::Loading);
        self.show_export.set(false);
        self.show_sheet.set(false);
        spawn_local(async move {
            let l = self.lang.get_untracked();
            let result = match fetch_text(&format!("rulesets/{}", entry.file)).await {
                Err(e) => Loaded::Failed(vec![e]),
                Ok(text) => match load_ruleset(&text) {
                    Err(problems) => Loaded::Failed(problems.iter().map(|p| format!("{} — {}", entry.file, p.describe(l))).collect()),
                    Ok(rs) => {
                        let sha = sha256_hex(text.as_bytes());
                        let draft = draft.unwrap_or_else(|| {
                            Draft::new(new_id(), RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha.clone() }, &now_iso())
                        });
                        if read_only.is_none() && self.persist.drafts.with_untracked(|d| d.iter().any(|x| x.id == draft.id)) {
                            store::set_current(&draft.id);
                        }
                        Loaded::Ready(Arc::new(Form::new(rs, sha, draft, read_only, self.persist, l)))
                    }
                },
            };
            self.loaded.set(result);
            // Installing the worker downloads every bundled ruleset for offline
            // use: only once the first form is on screen, not beside it.
            if !self.worker.get_value() {
                self.worker.set_value(true);
                let new_version = self.new_version;
                set_timeout(move || register_service_worker(new_version), std::time::Duration::from_millis(1000));
            }
        });
    }

    /// Opens the most recent draft of a ruleset, or a new one.
    fn open_ruleset(self, id: &str) {
        let Some(entry) = self.entry(id) else { return };
        let draft = self.persist.drafts.with_untracked(|d| d.iter().find(|x| x.ruleset.id == id).cloned());
        self.open(entry, draft, None);
    }

    fn open_draft(self, d: Draft) {
        match self.entry(&d.ruleset.id) {
            Some(entry) => self.open(entry, Some(d), None),
            None => self.import_errors.set(vec![i18n::unknown_ruleset(&d.ruleset.id, self.lang.get_untracked())]),
        }
    }

    fn save_new(self, d: Draft) {
        let err = store::save(&d).err();
        self.persist.storage_error.set(err);
        self.persist.drafts.update(|list| list.insert(0, d.clone()));
        self.open_draft(d);
    }

    /// Loads the ruleset's bundled example as a new draft, marked as an example.
    fn load_example(self) {
        let Some(entry) = self.entry(&self.selected.get_untracked()) else { return };
        let Some(path) = entry.example.clone() else { return };
        let l = self.lang.get_untracked();
        spawn_local(async move {
            let text = match fetch_text(&format!("rulesets/{path}")).await {
                Ok(t) => t,
                Err(e) => return self.import_errors.set(vec![e]),
            };
            let file: EntriesFile = match parse_json(&text) {
                Ok(f) => f,
                Err(p) => return self.import_errors.set(p.iter().map(|p| format!("{path} — {}", p.describe(l))).collect()),
            };
            let mut d = Draft::new(new_id(), RulesetStamp { id: entry.id.clone(), version: file.ruleset.version.clone(), sha256: String::new() }, &now_iso());
            d.example = true;
            d.name = format!("{} — {}", tr(l).example_name, entry.title);
            d.entries = file.entries;
            d.conditions = file.conditions;
            self.save_new(d);
        });
    }

    /// Clears every entry of the open draft (after confirmation).
    fn reset(self) {
        let t = tr(self.lang.get_untracked());
        let Some(f) = self.form() else { return };
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(t.reset_confirm).ok()).unwrap_or(false);
        if !ok {
            return;
        }
        f.touch(|d| {
            d.entries.clear();
            d.conditions.clear();
        });
        f.save_now();
        self.open_draft(f.draft.get_value());
    }

    /// Asks the worker (src/opener.rs); what it refused, or its failing to
    /// run at all, is shown where the import's problems are.
    async fn ask(self, req: opener::Request, what: &str) -> Option<opener::Answer> {
        let l = self.lang.get_untracked();
        match opener::ask(&req).await {
            Err(e) => {
                self.import_errors.set(vec![i18n::opener_failed(what, &e, l)]);
                None
            }
            Ok(a) if !a.errors.is_empty() => {
                self.import_errors.set(a.errors);
                None
            }
            Ok(a) => Some(a),
        }
    }

    /// Opens a submission (v1) or a dossier in the worker: verified at the
    /// self-assessment → a new draft; otherwise read-only with the reasons;
    /// anything else → refused with the place. A dossier is also kept.
    fn import(self, text: String, file_name: String) {
        let english = self.lang.get_untracked() == Lang::En;
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let req = opener::Request::Open { text, file_name: file_name.clone(), english, id: new_id() };
            if let Some(opened) = self.ask(req, &file_name).await.and_then(|a| a.opened) {
                self.show_opened(opened, &file_name);
                refresh_kept(self);
            }
        });
    }

    /// Opens a dossier kept in the browser, as a file handed in again.
    fn open_kept(self, k: Kept) {
        let english = self.lang.get_untracked() == Lang::En;
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let req = opener::Request::OpenKept { key: k.key.clone(), english, id: new_id() };
            if let Some(opened) = self.ask(req, &k.agency).await.and_then(|a| a.opened) {
                self.show_opened(opened, &k.agency);
            }
        });
    }

    fn show_opened(self, opened: opener::Opened, what: &str) {
        let l = self.lang.get_untracked();
        let Some(entry) = self.entry(&opened.ruleset) else {
            return self.import_errors.set(vec![format!("{what} — {}", i18n::unknown_ruleset(&opened.ruleset, l))]);
        };
        let draft = match parse_draft(&opened.draft) {
            Ok(d) => d,
            Err(p) => return self.import_errors.set(p.iter().map(|p| p.describe(l)).collect()),
        };
        match opened.read_only {
            None => {
                if let Some((version, sha)) = opened.archived {
                    self.archived_import.set_value(Some((draft.id.clone(), version, sha)));
                }
                self.save_new(draft)
            }
            Some(reasons) => self.open(entry, Some(draft), Some(reasons)),
        }
    }

    /// Downloads a backup of every draft and every dossier kept.
    fn backup(self) {
        let what = i18n::kept_texts(self.lang.get_untracked()).backup;
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let drafts = self.persist.drafts.with_untracked(|ds| ds.iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect());
            let created_at = now_iso();
            if let Some(a) = self.ask(opener::Request::Backup { drafts, created_at: created_at.clone() }, what).await {
                if let Err(e) = download(&i18n::backup_file_name(&created_at), &a.backup) {
                    self.import_errors.set(vec![e]);
                }
            }
        });
    }

    /// Restores a backup file: adds what this browser does not have.
    fn restore(self, text: String, file_name: String) {
        let l = self.lang.get_untracked();
        self.import_errors.set(Vec::new());
        self.restore_note.set(None);
        spawn_local(async move {
            let (drafts, ids) = self.persist.drafts.with_untracked(|ds| {
                (ds.iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect(), ds.iter().map(|_| new_id()).collect())
            });
            let req = opener::Request::Restore { text, file_name: file_name.clone(), english: l == Lang::En, drafts, ids };
            let Some(r) = self.ask(req, &file_name).await.and_then(|a| a.restored) else { return };
            let mut added = Vec::new();
            for t in &r.drafts {
                match parse_draft(t) {
                    Ok(d) => match store::save(&d) {
                        Ok(()) => added.push(d),
                        Err(e) => {
                            self.persist.storage_error.set(Some(e));
                            break;
                        }
                    },
                    Err(p) => return self.import_errors.set(p.iter().map(|p| format!("{file_name} — {}", p.describe(l))).collect()),
                }
            }
            let n = added.len();
            self.persist.drafts.update(|list| {
                for d in added.into_iter().rev() {
                    list.insert(0, d);
                }
            });
            self.restore_note.set(Some(i18n::restored(n, r.dossiers, r.unchanged, r.beside, l)));
            refresh_kept(self);
        });
    }
}

/// Above a draft imported from a file made on an earlier copy of its ruleset:
/// which copy, and that the file was checked against it.
fn archived_note(shell: Shell, form: &Form, l: Lang) -> Option<impl IntoView> {
    let (id, version, sha) = shell.archived_import.get_value()?;
    form.draft.with_value(|d| d.id == id).then(|| view! { <p class="archive-note" role="status">{i18n::archived_copy(&version, &sha, true, l)}</p> })
}

#[component]
fn App() -> impl IntoView {
    let shell = Shell {
        lang: RwSignal::new(Lang::Vi),
        index: RwSignal::new(None),
        selected: RwSignal::new(String::new()),
        loaded: RwSignal::new(Loaded::Loading),
        persist: Persist { storage_error: RwSignal::new(None), drafts: RwSignal::new(Vec::new()) },
        aside: RwSignal::new(Vec::new()),
        import_errors: RwSignal::new(Vec::new()),
        show_export: RwSignal::new(false),
        show_sheet: RwSignal::new(false),
        new_version: RwSignal::new(false),
        bad_link: RwSignal::new(None),
        worker: StoredValue::new(false),
        archived_import: StoredValue::new(None),
        usage: RwSignal::new(None),
        kept: RwSignal::new(Vec::new()),
        restore_note: RwSignal::new(None),
    };
    // The first ruleset is open (or failed): the page shows, laid out once (`end_boot`).
    Effect::new(move |_| {
        if !matches!(shell.loaded.get(), Loaded::Loading) {
            end_boot();
        }
    });
    let lang = shell.lang;
    if store::lang().as_deref() == Some("en") {
        lang.set(Lang::En);
        set_html_lang(Lang::En);
    }

    // Storage first: drafts, entries set aside, the draft last open.
    if store::available() {
        let (drafts, aside) = store::load_all(now_ms());
        shell.persist.drafts.set(drafts);
        shell.aside.set(aside);
    } else {
        shell.persist.storage_error.set(Some(StoreError::Disabled));
    }

    spawn_local(async move {
        let parsed = fetch_text("rulesets/index.json").await.and_then(|t| {
            parse_json::<RulesetIndex>(&t).map_err(|p| p.iter().map(|p| format!("index.json — {}", p.describe(Lang::Vi))).collect::<Vec<_>>().join("\n"))
        });
        match parsed {
            Ok(ix) => {
                let default = ix.default_entry().cloned();
                shell.index.set(Some(Arc::new(ix)));
                let current = store::current().and_then(|id| shell.persist.drafts.with_untracked(|d| d.iter().find(|x| x.id == id).cloned()));
                let known = |id: &String| shell.entry(id).is_some();
                // Which ruleset: a portal's link (?bo=<ruleset id>: each kind of
                // agency its own index), else the one open last, else the index's
                // default — the order public/start.js fetches in. (It reads no
                // drafts: the current draft's ruleset, the fallback for storage
                // written before `last-ruleset` existed, it does not foresee.)
                let link = query_param("bo");
                let bad_link = link.clone().filter(|id| !known(id));
                let ruleset = link
                    .filter(known)
                    .or_else(|| store::last_ruleset().filter(known))
                    .or_else(|| current.as_ref().map(|d| d.ruleset.id.clone()).filter(known))
                    .or_else(|| default.map(|e| e.id));
                if let (Some(bad), Some(opened)) = (bad_link, ruleset.clone()) {
                    shell.bad_link.set(Some((bad, opened)));
                }
                match (ruleset, current) {
                    (Some(id), Some(d)) if d.ruleset.id == id => shell.open_draft(d),
                    (Some(id), _) => shell.open_ruleset(&id),
                    (None, _) => shell.loaded.set(Loaded::Failed(vec!["rulesets/index.json: no rulesets".into()])),
                }
            }
            Err(e) => shell.loaded.set(Loaded::Failed(vec![e])),
        }
    });

    // Nothing typed may be lost when the page goes away mid-edit.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some(f) = shell.form() {
            f.save_now();
        }
    });

    // Another tab saved a draft: keep the list current, and if it is the draft
    // open here with nothing unsaved, reopen it so the next save here does not
    // overwrite the other tab's change.
    let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        let Some(key) = ev.key() else { return };
        let Some(id) = store::draft_id_of_key(&key).map(str::to_string) else { return };
        match ev.new_value().as_deref().and_then(store::parse_draft) {
            Some(d) => {
                shell.persist.drafts.update(|list| {
                    list.retain(|x| x.id != id);
                    list.insert(0, d.clone());
                });
                let open_here = shell.form().filter(|f| f.read_only.is_none() && f.draft.with_value(|x| x.id == id));
                if open_here.is_some_and(|f| !f.is_dirty()) {
                    shell.open_draft(d);
                }
            }
            None => shell.persist.drafts.update(|list| list.retain(|x| x.id != id)),
        }
    });

    // Printing from the browser's menu prints the score sheet too.
    let _ = window_event_listener(leptos::ev::beforeprint, move |_| shell.show_sheet.set(true));

    let on_select = move |ev: leptos::ev::Event| shell.open_ruleset(&event_target_value(&ev));
    let on_lang = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let l = if code == "en" { Lang::En } else { Lang::Vi };
        lang.set(l);
        store::set_lang(&code);
        set_html_lang(l);
    };

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

/// Registers `sw.js` (offline use after the first visit) and raises
/// `new_version` when an update is installed while this page runs.
fn register_service_worker(new_version: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else { return };
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = nav.service_worker();
    let had_controller = container.controller().is_some();
    let promise = container.register("sw.js");
    spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        let reg2 = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = reg2.installing() {
                let worker2 = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    if worker2.state() == web_sys::ServiceWorkerState::Installed && had_controller {
                        new_version.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget(); // lives as long as the worker
            }
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget(); // lives as long as the page
    });
}

/// A parameter of the page's query string (`?bo=…`).
fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string())).flatten()
    })
}

/// Keeps `<html lang>` right for screen readers and hyphenation.
fn set_html_lang(l: Lang) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", if l == Lang::En { "en" } else { "vi" });
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

/// Reads the browser's storage estimate again, and asks it to keep the data
/// once there is a draft (an empty site has nothing to keep).
fn refresh_usage(shell: Shell) {
    let ask = shell.persist.drafts.with_untracked(|d| !d.is_empty());
    spawn_local(async move { shell.usage.set(store::usage(ask).await) });
}

/// Lists the dossiers kept in the browser again (the worker reads them).
fn refresh_kept(shell: Shell) {
    spawn_local(async move {
        if let Some(a) = shell.ask(opener::Request::Kept, i18n::kept_texts(shell.lang.get_untracked()).heading).await {
            shell.kept.set(a.kept);
        }
    });
}

fn forget_kept(shell: Shell, key: String) {
    let k = i18n::kept_texts(shell.lang.get_untracked());
    if !web_sys::window().and_then(|w| w.confirm_with_message(k.forget_confirm).ok()).unwrap_or(false) {
        return;
    }
    spawn_local(async move {
        if shell.ask(opener::Request::Forget { key }, k.forget).await.is_some() {
            refresh_kept(shell);
        }
    });
}

/// The dossiers kept, and backup and restore: the end of the drafts panel.
fn kept_view(shell: Shell, l: Lang) -> impl IntoView {
    let k = i18n::kept_texts(l);
    let kept = shell.kept.get();
    let title_of = move |id: &str| shell.entry(id).map(|e| e.title).unwrap_or_else(|| id.to_string());
    let on_restore = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            spawn_local(async move {
                match read_file(file).await {
                    Ok(text) => shell.restore(text, name),
                    Err(e) => shell.import_errors.set(vec![e]),
                }
            });
        }
        if let Some(i) = input {
            i.set_value("");
        }
    };
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
                                <td>{title_of(&x.ruleset)}</td>
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
                <input id="restore-file" type="file" accept=".json,application/json" on:change=on_restore />
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
    let title_of = move |id: &str| shell.entry(id).map(|e| e.title).unwrap_or_else(|| id.to_string());
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            spawn_local(async move {
                match read_file(file).await {
                    Ok(text) => shell.import(text, name),
                    Err(e) => shell.import_errors.set(vec![e]),
                }
            });
        }
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            let name = file.name();
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
                            let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d.id.clone());
                            let nm = name.clone();
                            view! {
                                <tr class:current=is_current>
                                    <th scope="row">{name.clone()}{is_current.then(|| view! { " " <span class="badge">"("{t.draft_current}")"</span> })}</th>
                                    <td>{d.agency.name.clone()}</td>
                                    <td>{title_of(&d.ruleset.id)}</td>
                                    <td>{d.agency.year.clone()}</td>
                                    <td>{show_time(&d.updated_at)}</td>
                                    <td>{i18n::entered(entered, l)}</td>
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
                    <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
                    <span class="drop-hint">{t.import_drop}</span>
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

fn display_name(d: &Draft, l: Lang) -> String {
    if !d.name.trim().is_empty() {
        d.name.clone()
    } else if !d.agency.name.trim().is_empty() {
        format!("{} {}", d.agency.name, d.agency.year).trim().to_string()
    } else {
        tr(l).draft_unnamed.to_string()
    }
}

fn rename(shell: Shell, mut d: Draft) {
    let t = tr(shell.lang.get_untracked());
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(name)) = w.prompt_with_message_and_default(t.rename_prompt, &d.name) else { return };
    // The open draft is renamed through its form, so the next save keeps the name.
    if let Some(f) = shell.form().filter(|f| f.draft.with_value(|x| x.id == d.id)) {
        f.touch(|x| x.name = name);
        f.save_now();
        return;
    }
    d.name = name;
    d.updated_at = now_iso();
    shell.persist.storage_error.set(store::save(&d).err());
    shell.persist.drafts.update(|list| {
        if let Some(x) = list.iter_mut().find(|x| x.id == d.id) {
            *x = d;
        }
    });
}

fn duplicate(shell: Shell, d: Draft) {
    let t = tr(shell.lang.get_untracked());
    if let Some(f) = shell.form() {
        f.save_now();
    }
    // The open draft may have newer content than the list's copy.
    let source = shell.form().filter(|f| f.draft.with_value(|x| x.id == d.id)).map(|f| f.draft.get_value()).unwrap_or(d);
    let mut copy = source.clone();
    copy.id = new_id();
    copy.name = format!("{} ({})", display_name(&source, shell.lang.get_untracked()), t.draft_copy);
    copy.created_at = now_iso();
    copy.updated_at = copy.created_at.clone();
    shell.save_new(copy);
}

fn delete(shell: Shell, id: String) {
    let t = tr(shell.lang.get_untracked());
    let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(t.delete_confirm).ok()).unwrap_or(false);
    if !confirmed {
        return;
    }
    store::delete(&id);
    shell.persist.drafts.update(|list| list.retain(|x| x.id != id));
    let open_is_deleted = shell.form().is_some_and(|f| f.draft.with_value(|x| x.id == id));
    if open_is_deleted {
        let rid = shell.selected.get_untracked();
        if let Some(e) = shell.entry(&rid) {
            shell.open(e, None, None);
        }
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
            let f2 = f.clone();
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
                            match f2.submission(l).and_then(|(file, json)| download(&file, &json).map_err(|e| vec![e])) {
                                Ok(()) => {}
                                Err(e) => shell.import_errors.set(e),
                            }
                            show.set(false);
                        }>{t.export_go}</button>
                        <button type="button" on:click=move |_| show.set(false)>{t.close}</button>
                    </p>
                </section>
            }
        })}
    }
}
