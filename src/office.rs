//! The provincial office's page (tong-hop/, issue 14): every agency's file
//! verified, matched to the roster, given the scores of others, and each
//! group ranked by the ruleset's declaration; the ranked table, the counts
//! per level, the table as CSV and each agency's dossier with its `tong_hop`
//! stage to download. Its own binary (src/bin/tong_hop.rs) and wasm, so that
//! an agency opening the scoring page never downloads it.
//!
//! `Office` holds the page's state and actions, with no markup; the views are
//! in `office/view.rs`. The work is the core's (the same as `chamdiem
//! rank`): each file is read and verified once, as it is given
//! (`office::check_file`, the progress bar following), and kept by its
//! SHA-256; whenever an input changes, the consolidation
//! (`office::consolidate_checked`) adds the office's stage and ranks.

mod author;
mod view;

use crate::files::{download, download_bytes, download_typed, now_iso};
use crate::i18n::office;
use crate::idb;
use crate::i18n;
use crate::rulesets::{self, Catalog};
use crate::store;
use chamdiem_core::office::file::InputBytes;
use chamdiem_core::office::{check_file, consolidate_checked, parse_consolidation, read_others, read_roster, to_csv, Checked, Consolidation, ConsolidationFile, CsvProblem, InputRole, Options, Row};
use chamdiem_core::record::{sha256_hex, Signer};
use serde::{Deserialize, Serialize};
use chamdiem_core::Lang;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// From this page (one folder down) to the site's `rulesets/`.
const ROOT: &str = "../";

pub fn start() {
    crate::widgets::start_page(view::Page);
}

/// A file as picked: its name, its bytes and their SHA-256 (hashed once,
/// when read: the inputs are kept by hash at every change).
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

impl Picked {
    pub fn new(name: String, bytes: Vec<u8>) -> Self {
        let sha256 = sha256_hex(&bytes);
        Picked { name, bytes, sha256 }
    }

    /// (name, SHA-256), as the shelf lists it.
    fn listed(&self) -> (String, String) {
        (self.name.clone(), self.sha256.clone())
    }
}

/// One consolidation kept in this browser, so that a reload (or the next
/// day) finds it: its name, the index chosen, and each file by name and
/// SHA-256, its bytes in IndexedDB's `files` store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Kept {
    #[serde(default)]
    title: String,
    ruleset: String,
    files: Vec<(String, String)>,
    roster: Option<(String, String)>,
    others: Option<(String, String)>,
    /// Last year's consolidation file.
    #[serde(default)]
    previous: Option<(String, String)>,
}

impl Kept {
    /// The SHA-256 of every file it names.
    fn sha256s(&self) -> impl Iterator<Item = &String> {
        self.files.iter().chain(&self.roster).chain(&self.others).chain(&self.previous).map(|(_, sha)| sha)
    }

    /// The files `self` named that `now` no longer does (a set: a
    /// consolidation may name a thousand files, and this runs at each save).
    fn dropped(&self, now: &Kept) -> Vec<String> {
        let kept: std::collections::HashSet<&String> = now.sha256s().collect();
        self.sha256s().filter(|sha| !kept.contains(sha)).cloned().collect()
    }
}

/// Every consolidation kept (e.g. one per year and group), and the one open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Shelf {
    open: usize,
    works: Vec<Kept>,
}

impl Shelf {
    /// What this browser kept: the shelf, or the one consolidation an
    /// earlier version kept.
    fn read() -> Shelf {
        let Some(text) = store::office_work() else { return Shelf::default() };
        serde_json::from_str::<Shelf>(&text)
            .or_else(|_| serde_json::from_str::<Kept>(&text).map(|k| Shelf { open: 0, works: vec![k] }))
            .unwrap_or_default()
    }

    /// The names to choose from.
    pub fn titles(&self) -> Vec<String> {
        self.works.iter().map(|w| w.title.clone()).collect()
    }

    pub fn open(&self) -> usize {
        self.open
    }
}

/// The page's state: all `Copy` signals.
#[derive(Clone, Copy)]
pub struct Office {
    pub lang: RwSignal<Lang>,
    /// Who consolidates: the `tong_hop` stage's signer.
    pub signer: RwSignal<Signer>,
    /// Every ruleset of the site, fetched at start.
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    /// The ruleset every file must be made on ("" = each file's own).
    pub ruleset: RwSignal<String>,
    pub files: RwSignal<Vec<Picked>>,
    pub roster: RwSignal<Option<Picked>>,
    pub others: RwSignal<Option<Picked>>,
    /// The consolidation's name.
    pub title: RwSignal<String>,
    /// Last year's consolidation file, to compare with.
    pub previous: RwSignal<Option<Picked>>,
    /// Every consolidation kept in this browser; the open one is saved from
    /// the signals above at each change.
    pub shelf: RwSignal<Shelf>,
    /// The SHA-256 of every file known to be in IndexedDB: not written again.
    stored: StoredValue<std::collections::BTreeSet<String>>,
    /// Every file given, read and verified, by its SHA-256 (`Checks`).
    checks: StoredValue<Checks>,
    /// Files read so far of those being read, for the progress bar.
    pub reading: RwSignal<Option<(u32, u32)>>,
    pub errors: RwSignal<Vec<String>>,
    /// What this browser kept has been read back (nothing is saved before).
    restored: RwSignal<bool>,
    /// The consolidation of what is given, redone at each change.
    pub result: Memo<Option<Arc<Outcome>>>,
    /// Last year's file, read, or why it cannot be (each reason with its place).
    pub previous_file: Memo<Option<Arc<LastYear>>>,
}

/// What the consolidation gives, with the problems of the roster and the
/// spreadsheet read.
pub struct Outcome {
    pub c: Consolidation,
    pub problems: Vec<CsvProblem>,
    /// Who signed the office's stages.
    pub by: Signer,
}

/// Each file given, read and verified (`check_file`), by the SHA-256 of its
/// bytes: what the consolidation redone at each change of its inputs takes,
/// instead of verifying every file again. The bytes name the ruleset (its
/// SHA-256 is in them), so the file's hash is the key; a file refused keeps
/// the language its reasons are in (checked again in another), one verified
/// holds nothing said.
type Checks = std::collections::HashMap<String, (Lang, Checked)>;

/// The file's check, kept or made (and kept).
fn checked(checks: StoredValue<Checks>, cat: &Catalog, f: &Picked, l: Lang) -> Checked {
    let kept = checks.with_value(|c| c.get(&f.sha256).filter(|(lang, c)| c.is_ok() || *lang == l).map(|(_, c)| c.clone()));
    kept.unwrap_or_else(|| {
        let c = check_file(&f.bytes, &|sha| cat.find_sha(sha), env!("CARGO_PKG_VERSION"), l);
        checks.update_value(|m| {
            m.insert(f.sha256.clone(), (l, c.clone()));
        });
        c
    })
}

/// Last year's consolidation file, or why it cannot be read.
pub type LastYear = Result<ConsolidationFile, Vec<String>>;

/// Consolidates the files given, with the roster and the others' scores
/// read (their problems kept beside the consolidation's).
fn run((cat, checks): (&Catalog, StoredValue<Checks>), files: &[Picked], roster: Option<&Picked>, others: Option<&Picked>, ruleset: &str, by: Signer, l: Lang) -> Outcome {
    let mut problems = Vec::new();
    let roster = roster.map(|f| {
        let (r, p) = read_roster(&f.name, &f.bytes);
        problems.extend(p);
        r
    });
    let others = others.map(|f| {
        let (o, p) = read_others(&f.name, &f.bytes);
        problems.extend(p);
        o
    });
    let given = cat.current.iter().find(|c| c.0 == ruleset).map(|c| (c.2.clone(), c.3.clone()));
    let by_sha256 = |sha: &str| cat.find_sha(sha);
    let current = |id: &str| cat.current_of(id);
    let options = Options {
        given,
        by_sha256: &by_sha256,
        current: &current,
        roster: roster.as_ref(),
        others: others.as_ref(),
        by: by.clone(),
        at: now_iso(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        lang: l,
    };
    // Files no longer given are forgotten.
    checks.update_value(|m| m.retain(|sha, _| files.iter().any(|f| f.sha256 == *sha)));
    let inputs: Vec<(String, Checked)> = files.iter().map(|f| (f.name.clone(), checked(checks, cat, f, l))).collect();
    Outcome { c: consolidate_checked(inputs, &options), problems, by }
}

impl Office {
    pub fn new() -> Office {
        let lang = crate::widgets::stored_lang();
        let catalog: RwSignal<Option<Arc<Catalog>>> = RwSignal::new(None);
        let ruleset = RwSignal::new(String::new());
        let files: RwSignal<Vec<Picked>> = RwSignal::new(Vec::new());
        let roster: RwSignal<Option<Picked>> = RwSignal::new(None);
        let others: RwSignal<Option<Picked>> = RwSignal::new(None);
        let signer = RwSignal::new(store::signer());
        let previous: RwSignal<Option<Picked>> = RwSignal::new(None);
        let checks: StoredValue<Checks> = StoredValue::new(Default::default());
        // Who consolidates is read untracked: typing a name does not redo the
        // work; a download signs with the name as it is then (`signed`).
        let result = Memo::new_with_compare(
            move |_| {
                let cat = catalog.get()?;
                let files = files.read();
                (!files.is_empty()).then(|| {
                    let (roster, others) = (roster.read(), others.read());
                    Arc::new(run((&cat, checks), &files, roster.as_ref(), others.as_ref(), &ruleset.get(), signer.get_untracked(), lang.get()))
                })
            },
            |_, _| true,
        );
        let previous_file = Memo::new_with_compare(
            move |_| {
                let l = lang.get();
                previous.read().as_ref().map(|f| {
                    Arc::new(read_consolidation(&f.bytes, l).map_err(|reasons| reasons.into_iter().map(|r| format!("{}: {r}", f.name)).collect()))
                })
            },
            |_, _| true,
        );
        Office {
            lang,
            signer,
            catalog,
            ruleset,
            files,
            roster,
            others,
            title: RwSignal::new(String::new()),
            previous,
            shelf: RwSignal::new(Shelf::default()),
            stored: StoredValue::new(Default::default()),
            checks,
            reading: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            restored: RwSignal::new(false),
            result,
            previous_file,
        }
    }

    /// The consolidation signed by who consolidates now: redone when the
    /// name was changed since (the work is not redone at each keystroke).
    fn signed(&self) -> Option<Arc<Outcome>> {
        let r = self.result.get_untracked()?;
        let by = self.signer.get_untracked();
        if r.by == by {
            return Some(r);
        }
        let cat = self.catalog.get_untracked()?;
        let (roster, others) = (self.roster.read_untracked(), self.others.read_untracked());
        Some(Arc::new(run((&cat, self.checks), &self.files.read_untracked(), roster.as_ref(), others.as_ref(), &self.ruleset.get_untracked(), by, self.lang.get_untracked())))
    }

    /// Fetches every ruleset of the site (the index's default chosen), then
    /// reads back what this browser kept; from then on every change of the
    /// inputs is kept.
    pub fn start(&self) {
        let o = *self;
        leptos::task::spawn_local(async move {
            let l = o.lang.get_untracked();
            let (cat, said) = rulesets::catalog(ROOT, l).await;
            o.ruleset.set(cat.default.clone());
            o.catalog.set(Some(Arc::new(cat)));
            let mut shelf = Shelf::read();
            if shelf.works.is_empty() {
                shelf.works.push(o.blank(1));
            }
            o.shelf.set(shelf);
            o.errors.set(said);
            o.open_work(o.shelf.with_untracked(|s| s.open)).await;
        });
        Effect::new(move |_| {
            let kept = Kept {
                title: o.title.get(),
                ruleset: o.ruleset.get(),
                files: o.files.with(|fs| fs.iter().map(Picked::listed).collect()),
                roster: o.roster.with(|r| r.as_ref().map(Picked::listed)),
                others: o.others.with(|r| r.as_ref().map(Picked::listed)),
                previous: o.previous.with(|r| r.as_ref().map(Picked::listed)),
            };
            if o.restored.get() {
                o.save(kept);
            }
        });
    }

    /// A new consolidation's blank inputs, named by its number.
    fn blank(&self, n: usize) -> Kept {
        let ruleset = self.catalog.with_untracked(|c| c.as_ref().map(|c| c.default.clone())).unwrap_or_default();
        Kept { title: i18n::office_work_title(n, self.lang.get_untracked()), ruleset, ..Kept::default() }
    }

    /// Opens the consolidation `i` of the shelf: its inputs read back from
    /// IndexedDB (each file no longer there said). Nothing is saved while
    /// they are read.
    async fn open_work(&self, i: usize) {
        self.restored.set(false);
        let Some(kept) = self.shelf.with_untracked(|s| s.works.get(i).cloned()) else { return };
        self.shelf.update(|s| s.open = i);
        let mut said = Vec::new();
        let l = self.lang.get_untracked();
        let mut fetch = async |name: &str, sha: &str| match idb::file(sha).await {
            Ok(Some(b)) => {
                let f = Picked::new(name.to_string(), b);
                self.stored.update_value(|s| {
                    s.insert(f.sha256.clone());
                });
                Some(f)
            }
            Ok(None) => {
                said.push(i18n::office_file_gone(name, l));
                None
            }
            Err(e) => {
                said.push(e);
                None
            }
        };
        let mut files = Vec::new();
        let total = kept.files.len() as u32;
        for (i, (name, sha)) in kept.files.iter().enumerate() {
            self.reading.set(Some((i as u32, total)));
            let f = fetch(name, sha).await;
            if let Some(f) = &f {
                self.check(f);
            }
            files.extend(f);
        }
        self.reading.set(None);
        let mut one = async |x: &Option<(String, String)>| match x {
            Some((n, sha)) => fetch(n, sha).await,
            None => None,
        };
        let (roster, others, previous) = (one(&kept.roster).await, one(&kept.others).await, one(&kept.previous).await);
        if self.catalog.with_untracked(|c| c.as_ref().is_some_and(|c| kept.ruleset.is_empty() || c.current.iter().any(|x| x.0 == kept.ruleset))) {
            self.ruleset.set(kept.ruleset);
        }
        self.title.set(kept.title);
        self.files.set(files);
        self.roster.set(roster);
        self.others.set(others);
        self.previous.set(previous);
        if !said.is_empty() {
            self.errors.update(|e| e.extend(said));
        }
        self.restored.set(true);
    }

    /// Reads and verifies a file as it is given (kept by its hash), so that
    /// the progress bar follows the work and the consolidation only adds the
    /// office's stage and ranks. Before the rulesets are fetched, left to
    /// the consolidation.
    fn check(&self, f: &Picked) {
        if let Some(cat) = self.catalog.get_untracked() {
            // Kept; a refusal is the consolidation's to list.
            let _ = checked(self.checks, &cat, f, self.lang.get_untracked());
        }
    }

    /// Switches to another consolidation kept.
    pub fn switch_to(&self, i: usize) {
        let o = *self;
        leptos::task::spawn_local(async move { o.open_work(i).await });
    }

    /// Starts a new consolidation beside the others.
    pub fn new_work(&self) {
        let o = *self;
        let n = o.shelf.with_untracked(|s| s.works.len());
        let blank = o.blank(n + 1);
        o.shelf.update(|s| s.works.push(blank));
        o.errors.set(Vec::new());
        o.switch_to(n);
    }

    /// Removes the open consolidation from this browser, once confirmed, and
    /// the files in IndexedDB that nothing else names.
    pub fn delete_work(&self) {
        let l = self.lang.get_untracked();
        let sure = web_sys::window().and_then(|w| w.confirm_with_message(office(l).delete_work_confirm).ok()).unwrap_or(false);
        if !sure {
            return;
        }
        let o = *self;
        let mut freed = Vec::new();
        o.shelf.update(|s| {
            let open = s.open;
            freed = s.works.remove(open).sha256s().cloned().collect();
            if s.works.is_empty() {
                s.works.push(o.blank(1));
            }
            s.open = 0;
        });
        o.shelf.with_untracked(|s| store::set_office_work(&serde_json::to_string(s).unwrap_or_default()));
        o.sweep(freed);
        o.switch_to(0);
    }

    /// Deletes from IndexedDB the files just let go of that no record of
    /// this site names (another consolidation, a draft, a dossier kept).
    /// Runs after the shelf is written; a failure only leaves them kept.
    fn sweep(&self, freed: Vec<String>) {
        if freed.is_empty() {
            return;
        }
        let o = *self;
        leptos::task::spawn_local(async move {
            if let Ok((gone, _)) = idb::sweep(&store::all_texts(), &freed, idb::SWEEP_GRACE_MS).await {
                o.stored.update_value(|s| gone.iter().for_each(|sha| {
                    s.remove(sha);
                }));
            }
        });
    }

    /// Keeps the inputs: their bytes in IndexedDB (by hash, each once), then
    /// the shelf with this consolidation in its place. A failure is said; the
    /// page goes on.
    fn save(&self, kept: Kept) {
        let o = *self;
        // Only the files this browser does not hold yet are copied and written.
        let mut bytes: Vec<(String, Vec<u8>)> = Vec::new();
        let mut add = |f: &Picked| {
            if !o.stored.with_value(|s| s.contains(&f.sha256)) && !bytes.iter().any(|(sha, _)| *sha == f.sha256) {
                bytes.push((f.sha256.clone(), f.bytes.clone()));
            }
        };
        o.files.with_untracked(|fs| fs.iter().for_each(&mut add));
        for w in [o.roster, o.others, o.previous] {
            w.with_untracked(|r| r.iter().for_each(&mut add));
        }
        // The consolidation open now is the one saved, even if another is
        // opened (or one deleted) while the bytes are written.
        let (open, count) = o.shelf.with_untracked(|s| (s.open, s.works.len()));
        leptos::task::spawn_local(async move {
            match idb::keep_files(&bytes).await {
                Ok(()) => {
                    o.stored.update_value(|s| s.extend(bytes.into_iter().map(|(sha, _)| sha)));
                    let mut freed = Vec::new();
                    o.shelf.update(|s| {
                        let same = s.works.len() == count;
                        if let Some(w) = s.works.get_mut(open).filter(|_| same) {
                            freed = w.dropped(&kept);
                            *w = kept;
                        }
                    });
                    o.shelf.with_untracked(|s| store::set_office_work(&serde_json::to_string(s).unwrap_or_default()));
                    o.sweep(freed);
                }
                Err(e) => o.errors.set(vec![e]),
            }
        });
    }

    /// The inputs as the consolidation file holds them.
    fn inputs(&self) -> Vec<InputBytes> {
        let mut out: Vec<InputBytes> = self.files.with_untracked(|fs| fs.iter().map(|f| (InputRole::Agency, f.name.clone(), f.bytes.clone())).collect());
        for (role, w) in [(InputRole::Roster, self.roster), (InputRole::Others, self.others)] {
            w.with_untracked(|r| out.extend(r.as_ref().map(|f| (role, f.name.clone(), f.bytes.clone()))));
        }
        out
    }

    /// The consolidation as one file (`cham-diem/consolidation`): to keep,
    /// to hand on, to open next year as last year's.
    pub fn download_consolidation(&self) {
        let l = self.lang.get_untracked();
        let Some(r) = self.signed() else { return };
        let title = self.title.get_untracked();
        let file = ConsolidationFile::new(&title, &self.ruleset.get_untracked(), self.signer.get_untracked(), &now_iso(), env!("CARGO_PKG_VERSION"), &self.inputs(), &r.c, l);
        let name = format!("tong-hop-{}.json", chamdiem_core::record::slug(&title));
        if let Err(e) = download(&name, &(serde_json::to_string_pretty(&file).unwrap_or_default() + "\n")) {
            self.errors.set(vec![e]);
        }
    }

    /// Opens a consolidation file as a new consolidation beside the others,
    /// every input checked against its hash; a bad file is said and nothing
    /// kept is touched.
    pub fn open_consolidation(&self, f: web_sys::File) {
        let o = *self;
        leptos::task::spawn_local(async move {
            let l = o.lang.get_untracked();
            let name = f.name();
            let bytes = match bytes_of(&f).await {
                Ok(b) => b,
                Err(e) => return o.errors.set(vec![format!("{name} — {e}")]),
            };
            let read = read_consolidation(&bytes, l).and_then(|file| file.input_bytes().map(|b| (file, b)).map_err(|ps| ps.iter().map(|p| p.describe(l)).collect()));
            let (file, inputs) = match read {
                Ok(x) => x,
                Err(reasons) => return o.errors.set(reasons.into_iter().map(|r| format!("{name}: {r}")).collect()),
            };
            // The bytes first, then the shelf: nothing is listed that is not kept.
            let keep: Vec<(String, Vec<u8>)> = inputs.iter().map(|(_, _, b)| (sha256_hex(b), b.clone())).collect();
            if let Err(e) = idb::keep_files(&keep).await {
                return o.errors.set(vec![e]);
            }
            let of = |role: InputRole| inputs.iter().filter(move |(r, _, _)| *r == role).map(|(_, n, b)| (n.clone(), sha256_hex(b)));
            let kept = Kept {
                title: file.title.clone(),
                ruleset: file.ruleset.clone(),
                files: of(InputRole::Agency).collect(),
                roster: of(InputRole::Roster).next(),
                others: of(InputRole::Others).next(),
                previous: None,
            };
            let n = o.shelf.with_untracked(|s| s.works.len());
            o.shelf.update(|s| s.works.push(kept));
            o.errors.set(Vec::new());
            o.open_work(n).await;
        });
    }

    /// Adds the agencies' files picked, dropped or in a folder (only `.json`
    /// files of a folder: a folder holds other things too). A file already
    /// given under the same name is replaced.
    pub fn add_files(&self, picked: Vec<web_sys::File>) {
        let o = *self;
        leptos::task::spawn_local(async move {
            let total = picked.len() as u32;
            let mut read = Vec::new();
            let mut errors = Vec::new();
            for (i, f) in picked.into_iter().enumerate() {
                o.reading.set(Some((i as u32, total)));
                // Within a folder picked: its path there ("2025/so-noi-vu.json").
                let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
                let name = if path.is_empty() { f.name() } else { path };
                match bytes_of(&f).await {
                    Ok(b) => {
                        let picked = Picked::new(name, b);
                        o.check(&picked);
                        read.push(picked);
                    }
                    Err(e) => errors.push(format!("{name} — {e}")),
                }
            }
            o.reading.set(None);
            o.errors.set(errors);
            o.files.update(|fs| {
                for f in read {
                    fs.retain(|x| x.name != f.name);
                    fs.push(f);
                }
            });
        });
    }

    /// Reads the roster or the spreadsheet of others' scores.
    pub fn set_table(&self, which: RwSignal<Option<Picked>>, f: web_sys::File) {
        leptos::task::spawn_local(async move {
            let name = f.name();
            if let Ok(b) = bytes_of(&f).await {
                which.set(Some(Picked::new(name, b)));
            }
        });
    }

    /// Takes the roster bundled with the chosen index (rulesets/rosters/).
    pub fn use_bundled_roster(&self) {
        let o = *self;
        let Some(path) = o.catalog.with_untracked(|c| c.as_ref().and_then(|c| c.roster_of(&o.ruleset.get_untracked()).map(str::to_string))) else { return };
        leptos::task::spawn_local(async move {
            match crate::fetch::fetch_text(&format!("{ROOT}rulesets/{path}")).await {
                Ok(text) => o.roster.set(Some(Picked::new(path.rsplit('/').next().unwrap_or(&path).to_string(), text.into_bytes()))),
                Err(e) => o.errors.set(vec![e]),
            }
        });
    }

    pub fn clear_files(&self) {
        self.files.set(Vec::new());
    }

    /// The ranked table as CSV (UTF-8 with BOM, as `chamdiem rank --csv`).
    pub fn download_csv(&self) {
        let l = self.lang.get_untracked();
        let Some(r) = self.result.get_untracked() else { return };
        if let Err(e) = download_typed(office(l).csv_file, &to_csv(&r.c, l), "text/csv;charset=utf-8") {
            self.errors.set(vec![e]);
        }
    }

    /// The published results as a workbook (as `chamdiem rank --xlsx`).
    pub fn download_xlsx(&self) {
        let l = self.lang.get_untracked();
        let Some(r) = self.result.get_untracked() else { return };
        let written = chamdiem_core::office::xlsx::to_xlsx(&r.c, l)
            .and_then(|b| download_bytes(office(l).xlsx_file, &b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        if let Err(e) = written {
            self.errors.set(vec![e]);
        }
    }

    /// Every dossier with the office's stage, in one ZIP.
    pub fn download_dossiers(&self) {
        let l = self.lang.get_untracked();
        let Some(r) = self.signed() else { return };
        let written = chamdiem_core::office::archive::dossiers_zip(&r.c).and_then(|b| download_bytes(office(l).dossiers_file, &b, "application/zip"));
        if let Err(e) = written {
            self.errors.set(vec![e]);
        }
    }

    /// One agency's dossier with the office's stage.
    pub fn download_dossier(&self, group: usize, row: usize) {
        let Some(r) = self.signed() else { return };
        let Some(d) = r.c.groups.get(group).and_then(|g| g.rows.get(row)).and_then(Row::dossier) else { return };
        let text = serde_json::to_string_pretty(&d).unwrap_or_default() + "\n";
        if let Err(e) = download(&d.file_name(), &text) {
            self.errors.set(vec![e]);
        }
    }
}

impl Default for Office {
    fn default() -> Self {
        Self::new()
    }
}

/// A consolidation file's bytes read, or the problems in words.
fn read_consolidation(bytes: &[u8], l: Lang) -> Result<ConsolidationFile, Vec<String>> {
    let text = std::str::from_utf8(bytes).map_err(|_| vec![chamdiem_core::text::consolidation_not_utf8(l).to_string()])?;
    parse_consolidation(text).map_err(|ps| ps.iter().map(|p| p.describe(l)).collect())
}

/// A file's bytes.
async fn bytes_of(f: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(f.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
