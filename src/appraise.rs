//! The appraisal page (tham-dinh/, issue 13): the council appraises an
//! agency's dossier (round 1), the agency answers (giải trình), the council
//! appraises again (round 2), and the working group merges the parts several
//! members appraised. Its own binary (src/bin/tham_dinh.rs) and wasm, so
//! the scoring page's start-up never carries it.
//!
//! `Desk` holds the page's state and actions, with no markup; the views are
//! in `appraise/view.rs`. Every rule is the core's (`record::appraisal`):
//! the stage being written is replayed on the dossier at each change, and
//! exported through `Dossier::append`, which refuses what a verification
//! would refuse.

mod sheet;
mod view;

use crate::files::{download, now_iso, read_file};
use crate::i18n::{self, appraise_texts};
use crate::idb::{self, Kept};
use crate::rulesets;
use crate::store;
use chamdiem_core::record::{merge, parse_incoming, preview, verify_dossier, Dossier, Entry, Incoming, MergeError, Next, Preview, Signer, Work};
use chamdiem_core::{Lang, Ruleset};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// From this page (one folder down) to the site's `rulesets/`.
const ROOT: &str = "../";

pub fn start() {
    crate::widgets::start_page(view::Page);
}

/// A dossier opened on this page, verified.
#[derive(Clone)]
pub struct Opened {
    pub file_name: String,
    pub dossier: Dossier,
    pub rs: Arc<Ruleset>,
    /// Why no step can be taken on it (a tampered stage, another copy of the
    /// ruleset): shown, and the dossier only read. Empty when sound.
    pub read_only: Vec<String>,
}

impl Opened {
    /// The next step, if one can be taken here.
    pub fn next(&self) -> Next {
        self.dossier.next()
    }
}

/// The page's state: all `Copy` signals.
#[derive(Clone, Copy)]
pub struct Desk {
    pub lang: RwSignal<Lang>,
    /// Who writes the stage: unit and name, remembered.
    pub signer: RwSignal<Signer>,
    pub opened: RwSignal<Option<Opened>>,
    /// The stage being written on `opened`.
    pub work: RwSignal<Option<Work>>,
    /// Its replay on the dossier, recomputed at each change.
    pub preview: Memo<Option<Preview>>,
    /// Parts opened to be merged (each a dossier whose last stage is partial).
    pub parts: RwSignal<Vec<Opened>>,
    /// For each conflict of the merge, the part chosen (by index).
    pub choices: RwSignal<BTreeMap<String, usize>>,
    /// The stages being written in this browser.
    pub works: RwSignal<Vec<Work>>,
    /// The dossiers kept in this browser (by either page), to open again.
    pub kept: RwSignal<Vec<Kept>>,
    /// What went wrong (files refused, an export refused), with the place.
    pub errors: RwSignal<Vec<String>>,
    /// What was done ("Đã tải xuống …").
    pub notice: RwSignal<String>,
    /// Files are being read.
    pub busy: RwSignal<bool>,
    /// The printed sheet of the dossier's stages is shown.
    pub sheet: RwSignal<bool>,
}

impl Desk {
    pub fn new() -> Desk {
        let lang = crate::widgets::stored_lang();
        let opened: RwSignal<Option<Opened>> = RwSignal::new(None);
        let work: RwSignal<Option<Work>> = RwSignal::new(None);
        // Replayed once per change, read by every part of the view; each
        // change is a new preview (a comparison would cost another replay).
        let preview = Memo::new_with_compare(
            move |_| {
                let o = opened.read();
                let w = work.read();
                match (o.as_ref(), w.as_ref()) {
                    (Some(o), Some(w)) => Some(preview(&o.rs, &o.dossier, &w.stage)),
                    _ => None,
                }
            },
            |_, _| true,
        );
        Desk {
            lang,
            signer: RwSignal::new(store::signer()),
            opened,
            work,
            preview,
            parts: RwSignal::new(Vec::new()),
            choices: RwSignal::new(BTreeMap::new()),
            works: RwSignal::new(store::works()),
            kept: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
            notice: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            sheet: RwSignal::new(false),
        }
    }

    /// Reads a file: a dossier, or a v1 submission taken as a dossier at its
    /// self-assessment. Else why not, each line naming the file.
    async fn read(&self, text: &str, file_name: &str) -> Result<Opened, Vec<String>> {
        let l = self.lang.get_untracked();
        let named = |p: Vec<chamdiem_core::Problem>| p.iter().map(|p| format!("{file_name} — {}", p.describe(l))).collect::<Vec<_>>();
        let incoming = parse_incoming(text).map_err(named)?;
        let found = rulesets::for_file(ROOT, incoming.ruleset(), file_name, l).await?;
        let (dossier, read_only) = match incoming {
            Incoming::Submission(_) => {
                let (d, _) = incoming.verified_dossier(&found.rs, &found.sha256, env!("CARGO_PKG_VERSION"), l).map_err(|r| r.into_iter().map(|r| format!("{file_name} — {r}")).collect::<Vec<_>>())?;
                (d, Vec::new())
            }
            Incoming::Dossier(d) => {
                let check = verify_dossier(&d, Some((found.rs.clone(), &found.sha256)), l);
                let reasons: Vec<String> = if check.is_sound() { Vec::new() } else { found.said.iter().cloned().chain(check.findings.into_iter().map(|f| f.text)).collect() };
                (d, reasons)
            }
        };
        if found.archived.is_some() && read_only.is_empty() {
            self.notice.set(found.said.join(" "));
        }
        Ok(Opened { file_name: file_name.to_string(), dossier, rs: found.rs, read_only })
    }

    /// Opens files picked or dropped: one dossier to work on, or the parts
    /// of an appraisal to merge. A file refused is said and nothing already
    /// open is lost.
    pub fn open_files(&self, files: Vec<web_sys::File>) {
        let desk = *self;
        desk.errors.set(Vec::new());
        desk.notice.set(String::new());
        desk.busy.set(true);
        leptos::task::spawn_local(async move {
            let mut errors = Vec::new();
            let mut whole = Vec::new();
            let mut parts = Vec::new();
            for f in files {
                let name = f.name();
                // A package: its files checked and kept first, then its dossier read as a file.
                let read = if name.to_ascii_lowercase().ends_with(".zip") {
                    crate::evidence_io::read(&f, desk.lang.get_untracked(), &|_, _| {}).await
                } else {
                    read_file(f).await.map_err(|e| vec![format!("{name} — {e}")])
                };
                let text = match read {
                    Ok(t) => t,
                    Err(e) => {
                        errors.extend(e);
                        continue;
                    }
                };
                match desk.read(&text, &name).await {
                    Ok(o) => {
                        // Only a sound file: `idb::keep` only adds, and a tampered
                        // copy has the key (the last stage's hash) of the file it
                        // was made from: kept first, it would stand for that file.
                        if o.read_only.is_empty() {
                            desk.keep_and_list(&o.dossier, &text).await;
                        }
                        if matches!(o.next(), Next::Merge(_)) && o.read_only.is_empty() {
                            parts.push(o);
                        } else {
                            whole.push(o);
                        }
                    }
                    Err(e) => errors.extend(e),
                }
            }
            let l = desk.lang.get_untracked();
            if whole.len() > 1 {
                errors.push(appraise_texts(l).one_at_a_time.to_string());
            }
            if !parts.is_empty() {
                desk.parts.update(|p| {
                    for o in parts {
                        // The same part opened twice is listed once.
                        if !p.iter().any(|x| x.dossier.key() == o.dossier.key()) {
                            p.push(o);
                        }
                    }
                });
                desk.choices.set(BTreeMap::new());
            }
            if let Some(o) = whole.into_iter().next() {
                desk.show(o);
            }
            desk.errors.set(errors);
            desk.busy.set(false);
        });
    }

    /// Shows a dossier, with the stage this browser was writing on it.
    fn show(&self, o: Opened) {
        self.sheet.set(false);
        let w = store::works().into_iter().find(|w| w.dossier == o.dossier.key());
        self.work.set(w);
        self.opened.set(Some(o));
        self.parts.set(Vec::new());
    }

    /// Begins the stage the dossier waits for, signed by the person named.
    pub fn begin(&self) {
        let Some(o) = self.opened.get_untracked() else { return };
        if let Some(w) = Work::start(&o.dossier, self.signer.get_untracked(), &now_iso()) {
            self.work.set(Some(w));
            self.save();
        }
    }

    /// Changes the stage being written and keeps it.
    pub fn edit(&self, f: impl FnOnce(&mut Work)) {
        self.work.update(|w| {
            if let Some(w) = w {
                f(w);
                w.updated_at = now_iso();
            }
        });
        self.save();
    }

    /// One item's entry in the stage being written.
    pub fn edit_entry(&self, key: &str, f: impl FnOnce(&mut Entry)) {
        self.edit(|w| {
            let e = w.stage.entries.entry(key.to_string()).or_default();
            f(e);
            if e.is_empty() && !e.not_applicable && e.value.is_none() {
                w.stage.entries.remove(key);
            }
        });
    }

    fn save(&self) {
        let l = self.lang.get_untracked();
        if let Some(w) = self.work.get_untracked() {
            match store::save_work(&w) {
                Ok(()) => {}
                Err(e) => {
                    let t = i18n::tr(l);
                    let said = match e {
                        store::StoreError::Disabled => t.storage_disabled,
                        store::StoreError::Full => t.storage_full,
                        store::StoreError::Failed(_) => t.storage_failed,
                    };
                    self.errors.set(vec![said.to_string()]);
                }
            }
        }
        self.works.set(store::works());
    }

    /// Seals the stage onto the dossier and downloads the file; refused
    /// with the problems when it breaks a rule (nothing lost: the stage
    /// stays as it was).
    pub fn export(&self) {
        let l = self.lang.get_untracked();
        let (Some(o), Some(mut w)) = (self.opened.get_untracked(), self.work.get_untracked()) else { return };
        w.stage.by = self.signer.get_untracked();
        w.stage.at = now_iso();
        let t = appraise_texts(l);
        if w.stage.by.unit.trim().is_empty() || w.stage.by.person.trim().is_empty() {
            self.errors.set(vec![t.signer_missing.to_string()]);
            return;
        }
        let mut d = o.dossier.clone();
        if let Err(p) = d.append(w.stage.clone(), &o.rs) {
            self.errors.set(p.iter().map(|p| p.describe(l)).collect());
            return;
        }
        self.finish(d, o.rs.clone());
        store::delete_work(&w.dossier);
        self.works.set(store::works());
    }

    /// A new state of the dossier: downloaded, kept, and shown.
    fn finish(&self, d: Dossier, rs: Arc<Ruleset>) {
        let l = self.lang.get_untracked();
        let text = serde_json::to_string_pretty(&d).unwrap_or_default() + "\n";
        let name = d.file_name();
        self.errors.set(Vec::new());
        let has_files = d.stages.iter().any(|s| s.entries.values().any(|e| e.evidence.iter().any(|x| !x.files.is_empty())));
        if has_files {
            // The next person needs the files too: the package, made from the
            // files this browser keeps; the JSON alone when one is missing.
            let (desk, text, name) = (*self, text.clone(), name.clone());
            leptos::task::spawn_local(async move {
                let zip = name.strip_suffix(".json").unwrap_or(&name).to_string() + ".zip";
                match crate::evidence_io::make(text.clone(), &now_iso(), l).await {
                    Ok(blob) => match crate::files::download_blob(&zip, &blob) {
                        Ok(()) => desk.notice.set(i18n::appraise_downloaded(&zip, l)),
                        Err(e) => desk.errors.set(vec![e]),
                    },
                    Err(e) => {
                        desk.errors.set(e);
                        match download(&name, &text) {
                            Ok(()) => desk.notice.set(i18n::appraise_downloaded(&name, l)),
                            Err(e) => desk.errors.update(|x| x.push(e)),
                        }
                    }
                }
            });
        } else {
            match download(&name, &text) {
                Ok(()) => self.notice.set(i18n::appraise_downloaded(&name, l)),
                Err(e) => self.errors.set(vec![e]),
            }
        }
        let kept = text.clone();
        let dd = d.clone();
        let desk = *self;
        leptos::task::spawn_local(async move { desk.keep_and_list(&dd, &kept).await });
        self.work.set(None);
        self.opened.set(Some(Opened { file_name: name, dossier: d, rs, read_only: Vec::new() }));
    }

    /// Merges the parts opened, with the choices made for their conflicts.
    /// The conflicts left are shown (`merge_state`), never settled here.
    pub fn merge(&self) {
        let l = self.lang.get_untracked();
        let parts = self.parts.get_untracked();
        let Some(first) = parts.first() else { return };
        let by = self.signer.get_untracked();
        if by.unit.trim().is_empty() || by.person.trim().is_empty() {
            self.errors.set(vec![appraise_texts(l).signer_missing.to_string()]);
            return;
        }
        let rs = first.rs.clone();
        let ds: Vec<Dossier> = parts.iter().map(|p| p.dossier.clone()).collect();
        match merge(&rs, &ds, &self.choices.get_untracked(), by, &now_iso()) {
            Ok(d) => {
                self.parts.set(Vec::new());
                self.finish(d, rs);
            }
            Err(e) => self.errors.set(chamdiem_core::text::merge_error(&e, l)),
        }
    }

    /// What merging the parts opened would leave to decide: every conflict,
    /// chosen or not (the view shows each with its choice), or why they
    /// cannot be merged at all.
    pub fn merge_state(&self) -> Option<MergeError> {
        let parts = self.parts.get();
        let first = parts.first()?;
        let ds: Vec<Dossier> = parts.iter().map(|p| p.dossier.clone()).collect();
        merge(&first.rs, &ds, &BTreeMap::new(), Signer { unit: "-".into(), person: "-".into() }, "").err()
    }

    /// Reads the list of dossiers kept in this browser.
    pub fn refresh_kept(&self) {
        let desk = *self;
        leptos::task::spawn_local(async move {
            if let Ok(mut k) = idb::kept().await {
                // The latest step first: an appraiser with forty agencies looks for today's.
                k.sort_by(|a, b| b.at.cmp(&a.at));
                desk.kept.set(k);
            }
        });
    }

    /// Opens a dossier kept in this browser.
    pub fn open_kept(&self, k: Kept) {
        let desk = *self;
        desk.errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            match desk.read(&k.text, &k.agency).await {
                Ok(o) => desk.show(o),
                Err(e) => desk.errors.set(e),
            }
        });
    }

    /// Continues a stage kept in this browser: its dossier from IndexedDB.
    pub fn resume(&self, w: Work) {
        let desk = *self;
        desk.errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let l = desk.lang.get_untracked();
            match idb::get(&w.dossier).await {
                Ok(Some(k)) => match desk.read(&k.text, &w.agency.name).await {
                    Ok(o) => desk.show(o),
                    Err(e) => desk.errors.set(e),
                },
                Ok(None) => desk.errors.set(vec![appraise_texts(l).dossier_gone.to_string()]),
                Err(e) => desk.errors.set(vec![e]),
            }
        });
    }

    /// Drops a stage being written (asked first by the view).
    pub fn discard(&self, dossier_key: &str) {
        store::delete_work(dossier_key);
        if self.work.get_untracked().is_some_and(|w| w.dossier == dossier_key) {
            self.work.set(None);
        }
        self.works.set(store::works());
    }

    /// Closes the dossier shown (its stage stays kept).
    pub fn close(&self) {
        self.sheet.set(false);
        self.work.set(None);
        self.opened.set(None);
    }
}

impl Default for Desk {
    fn default() -> Self {
        Self::new()
    }
}

impl Desk {
    /// Keeps a dossier in IndexedDB (as the scoring page's worker does), so a
    /// stage being written finds it again, then lists the dossiers kept again;
    /// a failure only loses that.
    async fn keep_and_list(&self, d: &Dossier, text: &str) {
        let _ = idb::keep(&[Kept::of(d, text.to_string())]).await;
        self.refresh_kept();
    }
}
