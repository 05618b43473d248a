//! Opening a file someone hands in (a v1 submission or a dossier) in a Web
//! Worker of its own: the scoring page asks (`open_in_worker`), the worker
//! (src/bin/opener.rs, `serve`) reads the file, fetches the ruleset it names
//! (or the earlier copy the site keeps), checks the hash chain, recomputes
//! every stage and answers with the draft to show.
//!
//! Why a worker: reading and verifying a file is the largest code of the app
//! (the formats' readers, the replay of every stage, the wording of every
//! difference) and its slowest work on a large file. In a wasm of its own it
//! is downloaded when a file is first opened, never at start-up, and a
//! 10 MB file never freezes the page. Both sides speak JSON text.

use crate::fetch::fetch_text;
use crate::i18n;
use chamdiem_core::json::parse_json;
use chamdiem_core::record::{outline, parse_incoming, sha256_hex, ImportVerdict};
use chamdiem_core::ruleset::index::{ArchivedVersion, RulesetIndex};
use chamdiem_core::{load_ruleset, Lang, Ruleset};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
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

/// What the page asks: a file's text and name, the language of the messages,
/// and the id of the draft to make.
#[derive(Serialize, Deserialize)]
pub struct Request {
    pub text: String,
    pub file_name: String,
    pub english: bool,
    pub id: String,
}

/// The answer. Either `errors` (the file cannot be opened: why, with the
/// place) or the draft, to continue or (`read_only`) to show with the reasons.
#[derive(Serialize, Deserialize, Default)]
pub struct Opened {
    pub errors: Vec<String>,
    /// The ruleset's id in the index.
    pub ruleset: String,
    /// The draft, as the browser stores it (`record::Draft`, JSON).
    pub draft: String,
    pub read_only: Option<Vec<String>>,
    /// Checked against an earlier copy the site keeps: its version and SHA-256.
    pub archived: Option<(String, String)>,
}

/// In the page: opens `req` in a new worker, stopped once it has answered.
/// `Err` when the worker could not run (its files not had, offline before
/// any file was opened, or a fault in it): nothing in the page is touched.
pub async fn open_in_worker(req: &Request) -> Result<Opened, String> {
    let worker = web_sys::Worker::new(LOADER).map_err(|e| format!("{e:?}"))?;
    let body = serde_json::to_string(req).map_err(|e| e.to_string())?;
    let w = worker.clone();
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let (w, body) = (w.clone(), body.clone());
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() == Some(READY) {
                let _ = w.post_message(&JsValue::from_str(&body));
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
    let text = result.map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// In the worker (src/bin/opener.rs): answers each request, after saying it
/// is ready.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            let opened = match serde_json::from_str::<Request>(&text) {
                Ok(req) => open(req).await,
                Err(e) => Opened { errors: vec![e.to_string()], ..Default::default() },
            };
            let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            let _ = scope.post_message(&JsValue::from_str(&serde_json::to_string(&opened).unwrap_or_default()));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Opens a submission (v1) or a dossier: verified at the self-assessment →
/// a draft to continue; otherwise read-only with the reasons; anything else
/// → refused with the place.
async fn open(req: Request) -> Opened {
    let l = if req.english { Lang::En } else { Lang::Vi };
    let refused = |errors: Vec<String>| Opened { errors, ..Default::default() };
    let incoming = match parse_incoming(&req.text) {
        Ok(x) => x,
        Err(p) => return refused(p.iter().map(|p| format!("{} — {}", req.file_name, p.describe(l))).collect()),
    };
    let index = match fetch_text("rulesets/index.json").await {
        Ok(t) => match parse_json::<RulesetIndex>(&t) {
            Ok(ix) => ix,
            Err(p) => return refused(p.iter().map(|p| format!("index.json — {}", p.describe(l))).collect()),
        },
        Err(e) => return refused(vec![e]),
    };
    let id = incoming.ruleset().id.clone();
    let Some(entry) = index.rulesets.iter().find(|e| e.id == id) else {
        return refused(vec![format!("{} — {}", req.file_name, i18n::unknown_ruleset(&id, l))]);
    };
    // Made on an earlier copy the site keeps (rulesets/archive/<sha256>.json):
    // checked against that copy. Said first if the file is read-only.
    let mut said = Vec::new();
    let mut archived = None;
    if let Some(a) = entry.archived(&incoming.ruleset().sha256) {
        match archived_ruleset(a, l).await {
            Ok(rs) => {
                said.push(i18n::archived_copy(&a.version, &a.sha256, false, l));
                archived = Some((a, rs));
            }
            Err(e) => said.push(i18n::archive_unavailable(&e, l)),
        }
    }
    let (rs, sha) = match archived {
        Some((a, ref rs)) => (rs.clone(), a.sha256.clone()),
        None => {
            let text = match fetch_text(&format!("rulesets/{}", entry.file)).await {
                Ok(t) => t,
                Err(e) => return refused(vec![e]),
            };
            match load_ruleset(&text) {
                Ok(rs) => (Arc::new(rs), sha256_hex(text.as_bytes())),
                Err(p) => return refused(p.iter().map(|p| p.describe(l)).collect()),
            }
        }
    };
    let (mut draft, verdict) = incoming.open(req.id, rs, &sha, l);
    draft.name = req.file_name.trim_end_matches(".json").to_string();
    let mut opened = Opened { ruleset: entry.id.clone(), ..Default::default() };
    match verdict {
        ImportVerdict::Verified => {
            if let Some((a, rs)) = archived {
                // It opens on the current copy, which lists what changed since this one (form.rs).
                draft.outline = outline(&rs);
                opened.archived = Some((a.version.clone(), a.sha256.clone()));
            }
        }
        ImportVerdict::ReadOnly(reasons) => opened.read_only = Some(said.into_iter().chain(reasons).collect()),
    }
    opened.draft = serde_json::to_string(&draft).unwrap_or_default();
    opened
}

/// The earlier copy `a` of a ruleset, fetched beside the index and checked
/// against its SHA-256; else why not.
async fn archived_ruleset(a: &ArchivedVersion, l: Lang) -> Result<Arc<Ruleset>, String> {
    let path = format!("rulesets/{}", a.file);
    let text = fetch_text(&path).await?;
    let sha = sha256_hex(text.as_bytes());
    if sha != a.sha256 {
        return Err(format!("{path}: SHA-256 {sha}"));
    }
    load_ruleset(&text).map(Arc::new).map_err(|p| p.iter().map(|p| format!("{path} — {}", p.describe(l))).collect::<Vec<_>>().join("; "))
}
