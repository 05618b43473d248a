//! The scoring page's state and what changes it: which ruleset and which
//! draft are open, the drafts, the dossiers kept, import (through the worker,
//! `opener.rs`), backup and restore. Plain signals and methods, no markup:
//! the views (`app.rs`) read the state and call these.

use crate::fetch::fetch_text;
use crate::files::{download, new_id, now_iso, now_ms};
use crate::form::{Form, Persist};
use crate::i18n::{self, tr};
use crate::idb::Kept;
use crate::opener;
use crate::store::{self, StoreError};
use chamdiem_core::ruleset::index::{IndexEntry, RulesetIndex};
use chamdiem_core::json::parse_json;
use chamdiem_core::record::EntriesFile;
use chamdiem_core::record::{parse_draft, sha256_hex, Draft, RulesetStamp};
use chamdiem_core::{load_ruleset, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;


#[derive(Clone)]
pub(crate) enum Loaded {
    Loading,
    Failed(Vec<String>),
    Ready(Arc<Form>),
}

/// Everything the shell's handlers need; all `Copy`, so closures share it.
#[derive(Clone, Copy)]
pub(crate) struct Shell {
    pub(crate) lang: RwSignal<Lang>,
    pub(crate) index: RwSignal<Option<Arc<RulesetIndex>>>,
    pub(crate) selected: RwSignal<String>,
    pub(crate) loaded: RwSignal<Loaded>,
    pub(crate) persist: Persist,
    pub(crate) aside: RwSignal<Vec<String>>,
    pub(crate) import_errors: RwSignal<Vec<String>>,
    pub(crate) show_export: RwSignal<bool>,
    pub(crate) show_sheet: RwSignal<bool>,
    /// A new version of the app was installed in the background.
    pub(crate) new_version: RwSignal<bool>,
    /// The page's link named a ruleset this site does not have (`?bo=<id>`),
    /// and the ruleset opened instead: said on screen, so that nobody scores
    /// against another index without knowing. Gone once another is opened.
    pub(crate) bad_link: RwSignal<Option<(String, String)>>,
    /// The service worker has been registered (once, after the first form).
    pub(crate) worker: StoredValue<bool>,
    /// The draft last imported from a file made on an earlier copy of its
    /// ruleset that the site keeps, with that copy's version and SHA-256:
    /// said above that draft's form.
    pub(crate) archived_import: StoredValue<Option<(String, String, String)>>,
    /// The browser's answer on keeping this site's data, and its estimate.
    pub(crate) usage: RwSignal<Option<store::Usage>>,
    /// The dossiers kept in the browser (IndexedDB, through the worker).
    pub(crate) kept: RwSignal<Vec<Kept>>,
    /// What the last restore brought.
    pub(crate) restore_note: RwSignal<Option<String>>,
    /// A package being read: files checked of all (the worker reports).
    pub(crate) progress: RwSignal<Option<(u32, u32)>>,
}

impl Shell {
    /// A ruleset's title in the index, else its id.
    pub(crate) fn title_of(&self, id: &str) -> String {
        self.entry(id).map(|e| e.title).unwrap_or_else(|| id.to_string())
    }

    /// The interface's language, chosen: kept, and said to the page.
    pub(crate) fn set_lang(self, code: &str) {
        let l = if code == "en" { Lang::En } else { Lang::Vi };
        self.lang.set(l);
        store::set_lang(code);
        set_html_lang(l);
    }

    pub(crate) fn new() -> Self {
        Shell {
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
            progress: RwSignal::new(None),
            }
    }

    /// Everything the page starts with: storage read, the index and the
    /// first ruleset fetched, and the listeners that keep what is typed.
    pub(crate) fn start(self) {
        let shell = self;
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
                Ok(mut ix) => {
                    ix.rulesets.extend(store::local_rulesets().iter().filter_map(|t| Some(local_entry(&load_ruleset(t).ok()?, t, lang.get_untracked()))));
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

    }

    pub(crate) fn entry(&self, id: &str) -> Option<IndexEntry> {
        self.index.with_untracked(|ix| ix.as_ref().and_then(|ix| ix.rulesets.iter().find(|e| e.id == id).cloned()))
    }

    pub(crate) fn form(&self) -> Option<Arc<Form>> {
        match self.loaded.get_untracked() {
            Loaded::Ready(f) => Some(f),
            _ => None,
        }
    }

    /// Opens a ruleset with a draft (`None`: a new, unsaved draft), or an
    /// imported submission read-only.
    pub(crate) fn open(self, entry: IndexEntry, draft: Option<Draft>, read_only: Option<Vec<String>>) {
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
            let text = match local_sha(&entry) {
                Some(sha) => store::local_rulesets().into_iter().find(|t| sha256_hex(t.as_bytes()) == sha).ok_or_else(|| i18n::local_ruleset_gone(&entry.title, l)),
                None => fetch_text(&format!("rulesets/{}", entry.file)).await,
            };
            let result = match text {
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
                        Loaded::Ready(Arc::new(Form::new(rs, &text, draft, read_only, self.persist, l)))
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

    /// Opens the most recent draft of a ruleset, or a new one. A ruleset
    /// opened from a file has the drafts made on that very file (by its
    /// SHA-256); a bundled one, the others of its id.
    pub(crate) fn open_ruleset(self, id: &str) {
        let Some(entry) = self.entry(id) else { return };
        let locals = self.local_shas();
        let draft = self.persist.drafts.with_untracked(|d| {
            d.iter()
                .find(|x| match local_sha(&entry) {
                    Some(sha) => x.ruleset.sha256 == sha,
                    None => x.ruleset.id == id && !locals.contains(&x.ruleset.sha256),
                })
                .cloned()
        });
        self.open(entry, draft, None);
    }

    /// The SHA-256 of every ruleset opened from a file.
    fn local_shas(&self) -> Vec<String> {
        self.index.with_untracked(|ix| ix.as_ref().map(|ix| ix.rulesets.iter().filter_map(|e| local_sha(e).map(str::to_string)).collect()).unwrap_or_default())
    }

    /// Opens a ruleset from a file ("Mở bộ chỉ số từ tệp"): checked as any
    /// ruleset (a broken one said with its places, the form open stays),
    /// kept in this browser and listed in the selector as not published.
    pub(crate) fn open_ruleset_file(self, text: String, file_name: String) {
        let l = self.lang.get_untracked();
        self.import_errors.set(Vec::new());
        let entry = match load_ruleset(&text) {
            Ok(rs) => local_entry(&rs, &text, l),
            Err(problems) => return self.import_errors.set(problems.iter().map(|p| format!("{file_name} — {}", p.describe(l))).collect()),
        };
        if let Err(e) = store::keep_local_ruleset(&text) {
            return self.persist.storage_error.set(Some(e));
        }
        self.index.update(|ix| {
            if let Some(ix) = ix {
                let ix = Arc::make_mut(ix);
                if !ix.rulesets.iter().any(|e| e.id == entry.id) {
                    ix.rulesets.push(entry.clone());
                }
            }
        });
        self.open_ruleset(&entry.id);
    }

    pub(crate) fn open_draft(self, d: Draft) {
        // Made on a ruleset opened from a file: that file, found by its hash.
        let local = self.index.with_untracked(|ix| ix.as_ref().and_then(|ix| ix.rulesets.iter().find(|e| local_sha(e) == Some(d.ruleset.sha256.as_str())).cloned()));
        if let Some(entry) = local {
            return self.open(entry, Some(d), None);
        }
        match self.entry(&d.ruleset.id) {
            Some(entry) => self.open(entry, Some(d), None),
            None => self.import_errors.set(vec![i18n::unknown_ruleset(&d.ruleset.id, self.lang.get_untracked())]),
        }
    }

    pub(crate) fn save_new(self, d: Draft) {
        let err = store::save(&d).err();
        self.persist.storage_error.set(err);
        self.persist.drafts.update(|list| list.insert(0, d.clone()));
        self.open_draft(d);
    }

    /// Loads the ruleset's bundled example as a new draft, marked as an example.
    pub(crate) fn load_example(self) {
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
    pub(crate) fn reset(self) {
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
    pub(crate) async fn ask(self, req: opener::Request, what: &str) -> Option<opener::Answer> {
        self.answered(opener::ask(&req).await, what)
    }

    /// [`Shell::ask`] with a file handed to the worker beside the request,
    /// its progress shown while it reads it.
    async fn ask_file(self, req: opener::Request, what: &str, file: &web_sys::File) -> Option<opener::Answer> {
        let asked = opener::ask_with_progress(&req, Some(js_sys::Array::of1(file)), self.progress).await;
        self.progress.set(None);
        self.answered(asked.map(|(a, _)| a), what)
    }

    /// The worker's answer, or `None` with its errors (or why it could not
    /// answer, naming `what` was asked about) said.
    fn answered(self, asked: Result<opener::Answer, String>, what: &str) -> Option<opener::Answer> {
        let l = self.lang.get_untracked();
        match asked {
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
    pub(crate) fn import(self, text: String, file_name: String) {
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

    /// Opens a package (a dossier with its files, `.zip`) in the worker:
    /// every file checked, then kept, then the dossier opened as `import`
    /// opens a file.
    pub(crate) fn import_package(self, file: web_sys::File) {
        let english = self.lang.get_untracked() == Lang::En;
        let file_name = file.name();
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let req = opener::Request::OpenPackage { english, id: new_id() };
            if let Some(opened) = self.ask_file(req, &file_name, &file).await.and_then(|a| a.opened) {
                self.show_opened(opened, &file_name);
                refresh_kept(self);
            }
        });
    }

    /// Opens a dossier kept in the browser, as a file handed in again.
    pub(crate) fn open_kept(self, k: Kept) {
        let english = self.lang.get_untracked() == Lang::En;
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let req = opener::Request::OpenKept { key: k.key.clone(), english, id: new_id() };
            if let Some(opened) = self.ask(req, &k.agency).await.and_then(|a| a.opened) {
                self.show_opened(opened, &k.agency);
            }
        });
    }

    pub(crate) fn show_opened(self, opened: opener::Opened, what: &str) {
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
    pub(crate) fn backup(self) {
        let what = i18n::kept_texts(self.lang.get_untracked()).backup;
        self.import_errors.set(Vec::new());
        spawn_local(async move {
            let drafts = self.persist.drafts.with_untracked(|ds| ds.iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect());
            let created_at = now_iso();
            let l = self.lang.get_untracked();
            let name = i18n::backup_file_name(&created_at);
            // With evidence files, a package (`.zip`) holding them; the JSON alone otherwise.
            let done = match opener::ask_with(&opener::Request::Backup { drafts, created_at: created_at.clone() }, None).await {
                Ok((_, Some(blob))) => crate::files::download_blob(&(name.strip_suffix(".json").unwrap_or(&name).to_string() + ".zip"), &blob),
                Ok((a, None)) if a.errors.is_empty() => download(&name, &a.backup),
                Ok((a, None)) => Err(a.errors.join(" ")),
                Err(e) => Err(i18n::opener_failed(what, &e, l)),
            };
            if let Err(e) = done {
                self.import_errors.set(vec![e]);
            }
        });
    }

    /// Restores a backup package (`.zip`: the backup and its evidence files).
    pub(crate) fn restore_package(self, file: web_sys::File) {
        self.restore_with(String::new(), file.name(), Some(file));
    }

    /// Restores a backup file: adds what this browser does not have.
    pub(crate) fn restore(self, text: String, file_name: String) {
        self.restore_with(text, file_name, None);
    }

    fn restore_with(self, text: String, file_name: String, package: Option<web_sys::File>) {
        let l = self.lang.get_untracked();
        self.import_errors.set(Vec::new());
        self.restore_note.set(None);
        spawn_local(async move {
            let (drafts, ids) = self.persist.drafts.with_untracked(|ds| {
                (ds.iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect(), ds.iter().map(|_| new_id()).collect())
            });
            let req = opener::Request::Restore { text, file_name: file_name.clone(), english: l == Lang::En, drafts, ids };
            let answer = match &package {
                None => self.ask(req, &file_name).await,
                Some(f) => self.ask_file(req, &file_name, f).await,
            };
            let Some(r) = answer.and_then(|a| a.restored) else { return };
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


/// Reads the browser's storage estimate again, and asks it to keep the data
/// once there is a draft (an empty site has nothing to keep).
pub(crate) fn refresh_usage(shell: Shell) {
    let ask = shell.persist.drafts.with_untracked(|d| !d.is_empty());
    spawn_local(async move { shell.usage.set(store::usage(ask).await) });
}

/// Lists the dossiers kept in the browser again (the worker reads them).
pub(crate) fn refresh_kept(shell: Shell) {
    spawn_local(async move {
        if let Some(a) = shell.ask(opener::Request::Kept, i18n::kept_texts(shell.lang.get_untracked()).heading).await {
            shell.kept.set(a.kept);
        }
    });
}

pub(crate) fn forget_kept(shell: Shell, key: String) {
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

pub(crate) fn display_name(d: &Draft, l: Lang) -> String {
    if !d.name.trim().is_empty() {
        d.name.clone()
    } else if !d.agency.name.trim().is_empty() {
        format!("{} {}", d.agency.name, d.agency.year).trim().to_string()
    } else {
        tr(l).draft_unnamed.to_string()
    }
}

pub(crate) fn rename(shell: Shell, mut d: Draft) {
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

pub(crate) fn duplicate(shell: Shell, d: Draft) {
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

pub(crate) fn delete(shell: Shell, id: String) {
    let t = tr(shell.lang.get_untracked());
    let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(t.delete_confirm).ok()).unwrap_or(false);
    if !confirmed {
        return;
    }
    let freed: Vec<String> = shell.persist.drafts.with_untracked(|ds| {
        ds.iter().filter(|d| d.id == id).flat_map(|d| d.entries.values()).flat_map(|e| e.evidence.iter().flat_map(|x| x.files.iter().map(|f| f.sha256.clone()))).collect()
    });
    store::delete(&id);
    // Frees the evidence files no other record names; a worker that cannot
    // run leaves them kept, which loses nothing.
    let texts = store::all_texts();
    spawn_local(async move {
        let _ = opener::ask(&opener::Request::Sweep { texts, freed }).await;
    });
    shell.persist.drafts.update(|list| list.retain(|x| x.id != id));
    let open_is_deleted = shell.form().is_some_and(|f| f.draft.with_value(|x| x.id == id));
    if open_is_deleted {
        let rid = shell.selected.get_untracked();
        if let Some(e) = shell.entry(&rid) {
            shell.open(e, None, None);
        }
    }
}

/// Registers `sw.js` (offline use after the first visit) and raises
/// `new_version` when an update is installed while this page runs.
pub(crate) fn register_service_worker(new_version: RwSignal<bool>) {
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

/// Ends index.html's start-up state: its "Đang tải…" goes and the app's parts
/// show. Called when the first ruleset is open (or failed), so the page is laid
/// out once, with the form; idempotent.
pub(crate) fn end_boot() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(body) = doc.body() {
        let _ = body.class_list().remove_1("booting");
    }
}

/// Keeps `<html lang>` right for screen readers and hyphenation.
pub(crate) fn set_html_lang(l: Lang) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", if l == Lang::En { "en" } else { "vi" });
    }
}

/// The selector's entry of a ruleset opened from a file (`rs`, loaded from
/// `text`): its own id and "file", `local:` and its hash, so it never stands
/// for the bundled ruleset of the same id.
fn local_entry(rs: &chamdiem_core::Ruleset, text: &str, l: Lang) -> IndexEntry {
    let sha = sha256_hex(text.as_bytes());
    IndexEntry { id: format!("local:{}", &sha[..16]), file: format!("local:{sha}"), title: i18n::local_ruleset_title(&rs.title, &rs.version, l), example: None, archive: Vec::new(), roster: None }
}

/// The SHA-256 of a ruleset opened from a file, from its entry.
fn local_sha(e: &IndexEntry) -> Option<&str> {
    e.file.strip_prefix("local:")
}

/// A parameter of the page's query string (`?bo=…`).
pub(crate) fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string())).flatten()
    })
}
