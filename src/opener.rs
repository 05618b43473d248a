//! The worker that opens files and keeps dossiers: the scoring page asks
//! (`ask`), the worker (src/bin/opener.rs, `serve`) answers. It opens a file
//! handed in — reads it, fetches the ruleset it names (or the earlier copy
//! the site keeps), checks the hash chain, recomputes every stage — and keeps
//! every dossier opened in IndexedDB (src/idb.rs), lists them, makes the
//! backup of everything the browser holds and restores one.
//!
//! Why a worker: reading and verifying files is the largest code of the app
//! (the formats' readers, the replay of every stage, the wording of every
//! difference) and, with IndexedDB, what an agency that only scores never
//! needs. In a wasm of its own it is downloaded when first asked, never at
//! start-up, and checking a large file (up to the 5 MB limit) never freezes
//! the page. Both sides speak JSON
//! text: the page sends a `Request`, the worker answers an `Answer`.

use crate::i18n;
use crate::rulesets;
use crate::idb::{self, Kept};
use chamdiem_core::record::{outline, FileRef, parse_backup, parse_dossier, parse_draft, parse_incoming, Backup, Dossier, Draft, ImportVerdict, Incoming};
use std::sync::Arc;
use chamdiem_core::Lang;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's files (Trunk names a worker after its binary, without a hash:
/// see index.html). The service worker caches them at install, for opening
/// files offline (public/sw.js).
const LOADER: &str = "opener_loader.js";
/// The worker's first message: its wasm is running and listening. A message
/// sent before would be lost while the wasm still instantiates.
const READY: &str = "ready";
/// A message of the worker's that reports progress: `{ progress: [done, of] }`.
const PROGRESS: &str = "progress";
/// The request's property holding the `File`s of an `Attach`.
const FILES: &str = "files";
/// The largest evidence file kept: 50 MB (issue 15), said before storing.
pub const MAX_EVIDENCE_BYTES: u64 = 50_000_000;

/// What the page asks. Messages in Vietnamese unless `english`. The page
/// writes it as a plain object (`to_js`), the worker reads it with serde.
#[derive(Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Request {
    /// Open a file handed in, as the draft `id`; a dossier is also kept.
    Open { text: String, file_name: String, english: bool, id: String },
    /// Open a dossier kept in the browser, as the draft `id`.
    OpenKept { key: String, english: bool, id: String },
    /// The dossiers kept (without their text).
    Kept,
    /// Stop keeping a dossier.
    Forget { key: String },
    /// A backup of the drafts given (as stored) and every dossier kept.
    Backup { drafts: Vec<String>, created_at: String },
    /// Restore a backup into a browser holding `drafts` (as stored): keeps
    /// its new dossiers, answers the drafts to add, with `ids` for any that
    /// come in beside a different draft of the same id.
    Restore { text: String, file_name: String, english: bool, drafts: Vec<String>, ids: Vec<String> },
    /// Keep the evidence files handed with the request (`files`, `File`s,
    /// never through JSON): answers their `FileRef`s.
    Attach { english: bool },
    /// One evidence file, answered as a `Blob` beside the answer.
    File { sha256: String, english: bool },
    /// Which of these evidence files are no longer kept (`missing`).
    Have { sha256: Vec<String> },
    /// The file to hand in, made from the draft (as stored) on the ruleset
    /// file it is scored on, at `at`: the dossier's JSON (`file_name`,
    /// `file_text`), or with `package` the dossier as `ho-so.json` and the
    /// files it lists at their paths, as a `Blob` built from the files' own
    /// `Blob`s. Made here, not in the page: the dossier's making and sealing
    /// (the replay, the stage's writer, the package's plan) are ≈ 45 KB of
    /// wasm the page's start-up need not download.
    Export { draft: String, ruleset: String, at: String, english: bool, package: bool },
    /// Open a package handed in (`files`: one `File`): its `ho-so.json` as
    /// `Open` does, once every file it lists is there with its size, SHA-256
    /// and CRC, and nothing else; the files are then kept.
    OpenPackage { english: bool, id: String },
    /// Delete the evidence files that neither these texts (everything the
    /// page keeps in localStorage) nor the dossiers kept name: at once those
    /// of the draft just deleted (`freed`), the others once past a grace.
    Sweep { texts: Vec<String>, freed: Vec<String> },
}

/// The answer: `errors` (why it could not be done, with the place), or what
/// was asked for.
#[derive(Serialize, Default)]
pub struct Answer {
    pub errors: Vec<String>,
    pub opened: Option<Opened>,
    pub kept: Vec<Kept>,
    /// The backup file's text.
    pub backup: String,
    pub restored: Option<Restored>,
    /// Evidence files kept (`Attach`).
    pub attached: Vec<FileRef>,
    /// Evidence files asked about that are not kept (`Have`).
    pub missing: Vec<String>,
    /// The file made (`Export`): its name, and its text unless a package.
    pub file_name: String,
    pub file_text: String,
}

/// A file opened: the draft, to continue or (`read_only`) to show with the reasons.
#[derive(Serialize, Default)]
pub struct Opened {
    /// The ruleset's id in the index.
    pub ruleset: String,
    /// The draft, as the browser stores it (`record::Draft`, JSON).
    pub draft: String,
    pub read_only: Option<Vec<String>>,
    /// Checked against an earlier copy the site keeps: its version and SHA-256.
    pub archived: Option<(String, String)>,
}

/// What a restore brought: the drafts to store (as stored), and counts.
#[derive(Serialize, Default)]
pub struct Restored {
    pub drafts: Vec<String>,
    pub dossiers: usize,
    pub unchanged: usize,
    pub beside: usize,
}

impl Request {
    /// The request as the object the worker reads (its JSON is serde's form
    /// of `Request`: the variant in `do`, snake case). Written by hand for
    /// the same reason as `Answer::read`.
    fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        let s = |x: &str| JsValue::from_str(x);
        let list = |xs: &[String]| JsValue::from(xs.iter().map(|x| JsValue::from_str(x)).collect::<js_sys::Array>());
        match self {
            Request::Open { text, file_name, english, id } => {
                set("do", s("open"));
                set("text", s(text));
                set("file_name", s(file_name));
                set("english", JsValue::from_bool(*english));
                set("id", s(id));
            }
            Request::OpenKept { key, english, id } => {
                set("do", s("open_kept"));
                set("key", s(key));
                set("english", JsValue::from_bool(*english));
                set("id", s(id));
            }
            Request::Kept => set("do", s("kept")),
            Request::Forget { key } => {
                set("do", s("forget"));
                set("key", s(key));
            }
            Request::Backup { drafts, created_at } => {
                set("do", s("backup"));
                set("drafts", list(drafts));
                set("created_at", s(created_at));
            }
            Request::Restore { text, file_name, english, drafts, ids } => {
                set("do", s("restore"));
                set("text", s(text));
                set("file_name", s(file_name));
                set("english", JsValue::from_bool(*english));
                set("drafts", list(drafts));
                set("ids", list(ids));
            }
            Request::Attach { english } => {
                set("do", s("attach"));
                set("english", JsValue::from_bool(*english));
            }
            Request::File { sha256, english } => {
                set("do", s("file"));
                set("sha256", s(sha256));
                set("english", JsValue::from_bool(*english));
            }
            Request::Have { sha256 } => {
                set("do", s("have"));
                set("sha256", list(sha256));
            }
            Request::Export { draft, ruleset, at, english, package } => {
                set("do", s("export"));
                set("draft", s(draft));
                set("ruleset", s(ruleset));
                set("at", s(at));
                set("english", JsValue::from_bool(*english));
                set("package", JsValue::from_bool(*package));
            }
            Request::OpenPackage { english, id } => {
                set("do", s("open_package"));
                set("english", JsValue::from_bool(*english));
                set("id", s(id));
            }
            Request::Sweep { texts, freed } => {
                set("do", s("sweep"));
                set("texts", list(texts));
                set("freed", list(freed));
            }
        }
        o.into()
    }
}

/// The page reads the worker's answer through the browser's `JSON.parse` and
/// property reads, not serde: its derived readers for these types would add
/// several KB to the scoring page's start-up wasm. The worker writes it with
/// serde (`Serialize` above), so the field names are the structs'.
impl Answer {
    fn read(text: &str) -> Result<Answer, String> {
        let o = js_sys::JSON::parse(text).map_err(|e| format!("{e:?}"))?;
        let opened = Some(prop(&o, "opened")).filter(|v| v.is_object()).map(|v| Opened {
            ruleset: string(&v, "ruleset"),
            draft: string(&v, "draft"),
            read_only: Some(prop(&v, "read_only")).filter(js_sys::Array::is_array).map(|r| strings(&r)),
            archived: Some(strings(&prop(&v, "archived"))).filter(|a| a.len() == 2).map(|a| (a[0].clone(), a[1].clone())),
        });
        let kept = array(&prop(&o, "kept"))
            .iter()
            .map(|k| Kept { key: string(k, "key"), agency: string(k, "agency"), ruleset: string(k, "ruleset"), stage: string(k, "stage"), at: string(k, "at"), text: String::new() })
            .collect();
        let restored = Some(prop(&o, "restored")).filter(|v| v.is_object()).map(|v| Restored {
            drafts: strings(&prop(&v, "drafts")),
            dossiers: number(&v, "dossiers"),
            unchanged: number(&v, "unchanged"),
            beside: number(&v, "beside"),
        });
        let attached = array(&prop(&o, "attached"))
            .iter()
            .map(|f| FileRef { name: string(f, "name"), media_type: string(f, "type"), size: number(f, "size") as u64, sha256: string(f, "sha256"), path: String::new() })
            .collect();
        Ok(Answer {
            errors: strings(&prop(&o, "errors")),
            opened,
            kept,
            backup: string(&o, "backup"),
            restored,
            attached,
            missing: strings(&prop(&o, "missing")),
            file_name: string(&o, "file_name"),
            file_text: string(&o, "file_text"),
        })
    }
}

fn prop(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn string(o: &JsValue, key: &str) -> String {
    prop(o, key).as_string().unwrap_or_default()
}

fn number(o: &JsValue, key: &str) -> usize {
    prop(o, key).as_f64().map_or(0, |n| n as usize)
}

fn array(v: &JsValue) -> Vec<JsValue> {
    if js_sys::Array::is_array(v) {
        js_sys::Array::from(v).iter().collect()
    } else {
        Vec::new()
    }
}

fn strings(v: &JsValue) -> Vec<String> {
    array(v).iter().filter_map(JsValue::as_string).collect()
}

/// In the page: asks a new worker, stopped once it has answered.
/// `Err` when the worker could not run (its files not had, offline before
/// any file was opened, or a fault in it): nothing in the page is touched.
pub async fn ask(req: &Request) -> Result<Answer, String> {
    ask_with(req, None).await.map(|(a, _)| a)
}

/// `ask`, handing the worker `files` (`File`s, structured-cloned, never
/// copied into the page's wasm) and taking the `Blob` it may answer with.
pub async fn ask_with(req: &Request, files: Option<js_sys::Array>) -> Result<(Answer, Option<web_sys::Blob>), String> {
    ask_with_progress(req, files, None).await
}

/// `ask_with`, moving `progress` as the worker reports what it has checked
/// of a package (`report`).
pub async fn ask_with_progress(req: &Request, files: Option<js_sys::Array>, progress: impl Into<Option<leptos::prelude::RwSignal<Option<(u32, u32)>>>>) -> Result<(Answer, Option<web_sys::Blob>), String> {
    use leptos::prelude::Set;
    let progress = progress.into();
    let worker = web_sys::Worker::new(LOADER).map_err(|e| format!("{e:?}"))?;
    let body = req.to_js();
    if let Some(files) = files {
        let _ = js_sys::Reflect::set(&body, &JsValue::from_str(FILES), &files);
    }
    let w = worker.clone();
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let (w, body) = (w.clone(), body.clone());
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() == Some(READY) {
                let _ = w.post_message(&body);
            } else if let Some(p) = Some(prop(&data, PROGRESS)).filter(js_sys::Array::is_array) {
                let p = js_sys::Array::from(&p);
                if let (Some(s), Some(d), Some(n)) = (progress, p.get(0).as_f64(), p.get(1).as_f64()) {
                    s.set(Some((d as u32, n as u32)));
                }
            } else {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let said = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| ev.type_());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&said));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Owned by the worker's handlers from now on; two small closures per
        // file opened.
        on_message.forget();
        on_error.forget();
    });
    let result = JsFuture::from(answer).await;
    w.terminate();
    let data = result.map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    // An answer with a file comes as `{ text, blob }`, any other as its text.
    let (text, blob) = match data.as_string() {
        Some(t) => (t, None),
        None => (string(&data, "text"), prop(&data, "blob").dyn_into::<web_sys::Blob>().ok()),
    };
    Ok((Answer::read(&text)?, blob))
}

/// In the worker: tells the page how far it has got (`done` of `of` files
/// of a package checked), before its answer.
pub fn report(done: usize, of: usize) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str(PROGRESS), &js_sys::Array::of2(&JsValue::from_f64(done as f64), &JsValue::from_f64(of as f64)));
    let _ = scope.post_message(&o);
}

/// In the worker (src/bin/opener.rs): answers each request, after saying it
/// is ready.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let files = prop(&data, FILES);
        let text: String = js_sys::JSON::stringify(&data).map(String::from).unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            let (answer, blob) = match serde_json::from_str::<Request>(&text) {
                Ok(Request::Attach { english }) => (attach(&array(&files), lang(english)).await, None),
                Ok(Request::File { sha256, english }) => match idb::evidence(&sha256).await {
                    Ok(Some(f)) => (Answer::default(), Some(f.blob)),
                    Ok(None) => (refused(vec![i18n::evidence_gone(lang(english))]), None),
                    Err(e) => (refused(vec![e]), None),
                },
                Ok(Request::Export { draft, ruleset, at, english, package }) => export(&draft, &ruleset, &at, lang(english), package).await,
                Ok(Request::OpenPackage { english, id }) => match array(&files).first().and_then(|f| f.clone().dyn_into::<web_sys::File>().ok()) {
                    Some(f) => (open_package(f, lang(english), id).await, None),
                    None => (Answer::default(), None),
                },
                Ok(Request::Backup { drafts, created_at }) => backup(&drafts, &created_at).await,
                Ok(Request::Restore { text, file_name, english, drafts, ids }) => {
                    // A backup package: its files checked and kept, then its backup restored.
                    let text = match array(&files).first().and_then(|f| f.clone().dyn_into::<web_sys::File>().ok()) {
                        Some(f) => crate::evidence_io::read_backup(&f, lang(english), &report).await,
                        None => Ok(text),
                    };
                    match text {
                        Ok(t) => (restore(&t, &file_name, lang(english), &drafts, ids).await, None),
                        Err(e) => (refused(e), None),
                    }
                }
                Ok(req) => (answer(req).await, None),
                Err(e) => (Answer { errors: vec![e.to_string()], ..Default::default() }, None),
            };
            let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            let text = JsValue::from_str(&serde_json::to_string(&answer).unwrap_or_default());
            let message = match blob {
                Some(b) => {
                    let o = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("text"), &text);
                    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("blob"), &b);
                    o.into()
                }
                None => text,
            };
            let _ = scope.post_message(&message);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

fn lang(english: bool) -> Lang {
    if english {
        Lang::En
    } else {
        Lang::Vi
    }
}

fn refused(errors: Vec<String>) -> Answer {
    Answer { errors, ..Default::default() }
}

async fn answer(req: Request) -> Answer {
    match req {
        Request::Open { text, file_name, english, id } => open(&text, &file_name, lang(english), id, true).await,
        Request::OpenKept { key, english, id } => match idb::get(&key).await {
            Ok(Some(k)) => open(&k.text, &k.agency, lang(english), id, false).await,
            Ok(None) => refused(vec![i18n::kept_gone(lang(english))]),
            Err(e) => refused(vec![e]),
        },
        Request::Kept => match idb::kept().await {
            Ok(mut ks) => {
                ks.iter_mut().for_each(|k| k.text.clear());
                Answer { kept: ks, ..Default::default() }
            }
            Err(e) => refused(vec![e]),
        },
        Request::Forget { key } => idb::forget(&key).await.err().map_or_else(Answer::default, |e| refused(vec![e])),
        Request::Have { sha256 } => {
            let mut missing = Vec::new();
            for sha in sha256 {
                match idb::evidence(&sha).await {
                    Ok(Some(_)) => {}
                    Ok(None) => missing.push(sha),
                    Err(e) => return refused(vec![e]),
                }
            }
            Answer { missing, ..Default::default() }
        }
        Request::Sweep { texts, freed } => match idb::sweep(&texts, &freed, idb::SWEEP_GRACE_MS).await {
            Ok(_) => Answer::default(),
            Err(e) => refused(vec![e]),
        },
        // Answered in `serve`, with what came beside the request.
        Request::Attach { .. } | Request::File { .. } | Request::Export { .. } | Request::OpenPackage { .. } | Request::Backup { .. } | Request::Restore { .. } => Answer::default(),
    }
}

/// Opens a package (docs/goi-ho-so.md): checked and its files kept
/// (`evidence_io::read`), then its dossier opened as a file handed in.
async fn open_package(file: web_sys::File, l: Lang, id: String) -> Answer {
    let name = file.name();
    match crate::evidence_io::read(&file, l, &report).await {
        Ok(text) => open(&text, &name, l, id, true).await,
        Err(e) => refused(e),
    }
}

/// The file to hand in (`Request::Export`): the dossier at its first stage
/// made from the draft, as JSON or in a package with its files.
async fn export(draft: &str, ruleset: &str, at: &str, l: Lang, package: bool) -> (Answer, Option<web_sys::Blob>) {
    let said = |p: Vec<chamdiem_core::Problem>| refused(p.iter().map(|p| p.describe(l)).collect());
    let draft = match parse_draft(draft) {
        Ok(d) => d,
        Err(p) => return (said(p), None),
    };
    let rs = match chamdiem_core::load_ruleset(ruleset) {
        Ok(rs) => Arc::new(rs),
        Err(p) => return (said(p), None),
    };
    let by = chamdiem_core::record::Signer { unit: draft.agency.name.clone(), person: draft.agency.preparer.clone() };
    let dossier = match Dossier::from_draft(&draft, &rs, env!("CARGO_PKG_VERSION"), by, at) {
        Ok(d) => d,
        Err(p) => return (said(p), None),
    };
    let name = dossier.file_name();
    let json = serde_json::to_string_pretty(&dossier).unwrap_or_default();
    if !package {
        return (Answer { file_name: name, file_text: json, ..Default::default() }, None);
    }
    match crate::evidence_io::make(json, at, l).await {
        Ok(blob) => (Answer { file_name: name.strip_suffix(".json").unwrap_or(&name).to_string() + ".zip", ..Default::default() }, Some(blob)),
        Err(e) => (refused(e), None),
    }
}

/// Keeps the evidence files handed in (`evidence_io::attach`).
async fn attach(files: &[JsValue], l: Lang) -> Answer {
    match crate::evidence_io::attach(files, l).await {
        Ok(attached) => Answer { attached, ..Default::default() },
        Err(e) => refused(e),
    }
}

/// Every draft given, read; one that does not read is said, with its place.
fn drafts_of(texts: &[String]) -> Result<Vec<Draft>, Vec<String>> {
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        out.push(parse_draft(t).map_err(|p| p.iter().map(|p| format!("drafts[{i}] — {}", p.describe(Lang::Vi))).collect::<Vec<_>>())?);
    }
    Ok(out)
}

/// The backup: every draft given and every dossier kept; with the evidence
/// files they name and this browser keeps, a package (`evidence_io::make_backup`)
/// answered as a `Blob` beside the text.
async fn backup(drafts: &[String], created_at: &str) -> (Answer, Option<web_sys::Blob>) {
    let drafts = match drafts_of(drafts) {
        Ok(d) => d,
        Err(e) => return (refused(e), None),
    };
    let mut dossiers = Vec::new();
    match idb::kept().await {
        Ok(ks) => {
            for k in ks {
                match parse_dossier(&k.text) {
                    Ok(d) => dossiers.push(d),
                    Err(p) => return (refused(p.iter().map(|p| format!("{} — {}", k.agency, p.describe(Lang::Vi))).collect()), None),
                }
            }
        }
        Err(e) => return (refused(vec![e]), None),
    }
    let mut shas: Vec<String> = drafts
        .iter()
        .flat_map(|d| d.entries.values())
        .chain(dossiers.iter().flat_map(|d| d.stages.iter().flat_map(|s| s.entries.values())))
        .flat_map(|e| e.evidence.iter().flat_map(|x| x.files.iter().map(|f| f.sha256.clone())))
        .collect();
    shas.sort();
    shas.dedup();
    let b = Backup::new(env!("CARGO_PKG_VERSION"), created_at, drafts, dossiers);
    let text = serde_json::to_string(&b).unwrap_or_default();
    match crate::evidence_io::make_backup(&text, &shas, created_at, Lang::Vi).await {
        Ok(blob) => (Answer { backup: text, ..Default::default() }, blob),
        Err(e) => (refused(e), None),
    }
}

async fn restore(text: &str, file_name: &str, l: Lang, drafts: &[String], ids: Vec<String>) -> Answer {
    let b = match parse_backup(text) {
        Ok(b) => b,
        Err(p) => return refused(p.iter().map(|p| format!("{file_name} — {}", p.describe(l))).collect()),
    };
    let here = match drafts_of(drafts) {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    let known: Vec<String> = match idb::kept().await {
        Ok(ks) => ks.into_iter().map(|k| k.key).collect(),
        Err(e) => return refused(vec![e]),
    };
    let mut ids = ids.into_iter();
    let plan = b.restore_plan(&here, |k| known.iter().any(|x| x == k), || ids.next().unwrap_or_default());
    let kept: Vec<Kept> = plan.dossiers.iter().map(|d| Kept::of(d, serde_json::to_string(d).unwrap_or_default())).collect();
    if let Err(e) = idb::keep(&kept).await {
        return refused(vec![e]);
    }
    let restored = Restored {
        drafts: plan.drafts.iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect(),
        dossiers: kept.len(),
        unchanged: plan.unchanged,
        beside: plan.beside,
    };
    Answer { restored: Some(restored), ..Default::default() }
}

/// Opens a submission (v1) or a dossier: verified at the self-assessment →
/// a draft to continue; otherwise read-only with the reasons; anything else
/// → refused with the place. A dossier opened from a file is kept (`keep`).
async fn open(text: &str, file_name: &str, l: Lang, draft_id: String, keep: bool) -> Answer {
    let incoming = match parse_incoming(text) {
        Ok(x) => x,
        Err(p) => return refused(p.iter().map(|p| format!("{file_name} — {}", p.describe(l))).collect()),
    };
    if let (true, Incoming::Dossier(d)) = (keep, &incoming) {
        // Kept as it came, before any check: a file read-only here is still
        // one an appraiser may need to find again. `idb::keep` only adds: a
        // tampered copy (it has the key, the last stage's hash, of the file it
        // was made from) never replaces the copy kept.
        if let Err(e) = idb::keep(&[Kept::of(d, text.to_string())]).await {
            return refused(vec![e]);
        }
    }
    let found = match rulesets::for_file("", incoming.ruleset(), file_name, l).await {
        Ok(f) => f,
        Err(e) => return refused(e),
    };
    let rulesets::Found { id, rs, sha256: sha, archived, said } = found;
    let (mut draft, verdict) = incoming.open(draft_id, rs.clone(), &sha, l);
    draft.name = file_name.trim_end_matches(".json").to_string();
    let mut opened = Opened { ruleset: id, ..Default::default() };
    match verdict {
        ImportVerdict::Verified => {
            if let Some(a) = archived {
                // It opens on the current copy, which lists what changed since this one (form.rs).
                draft.outline = outline(&rs);
                opened.archived = Some((a.version.clone(), a.sha256.clone()));
            }
        }
        ImportVerdict::ReadOnly(reasons) => opened.read_only = Some(said.into_iter().chain(reasons).collect()),
    }
    opened.draft = serde_json::to_string(&draft).unwrap_or_default();
    Answer { opened: Some(opened), ..Default::default() }
}
