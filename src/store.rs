//! Drafts in the browser's localStorage (through gloo-storage).
//!
//! Storage can fail in three ways and none may lose work or crash the page:
//! disabled (privacy settings: `window.localStorage` itself throws, and
//! gloo's `LocalStorage::raw()` would throw too, so it is checked first),
//! full (QuotaExceededError on write), or holding an entry that no longer
//! parses (set aside under another key, never deleted).
//!
//! Drafts of format version 2 live under `chamdiem:v2:draft:<id>`. Those the
//! previous version stored (`chamdiem:v1:draft:<id>`) are copied there once,
//! never moved: a tab still running the previous version keeps reading its
//! own keys, and neither sees nor sets aside what this one writes.

use chamdiem_core::record::Draft;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

const DRAFT_PREFIX: &str = "chamdiem:v2:draft:";
const ASIDE_PREFIX: &str = "chamdiem:v2:aside:";
/// Keys of the previous version: read once to copy, never written.
const V1_DRAFT_PREFIX: &str = "chamdiem:v1:draft:";
const V1_ASIDE_PREFIX: &str = "chamdiem:v1:aside:";
/// Ids of the version-1 drafts already copied (a JSON list), so a draft
/// deleted here is not copied back from its old key.
const MIGRATED_KEY: &str = "chamdiem:v2:migrated";
const CURRENT_KEY: &str = "chamdiem:v1:current";
/// The ruleset opened last: read by the start-up script in `index.html`,
/// which fetches that ruleset while the wasm is still downloading.
const LAST_RULESET_KEY: &str = "chamdiem:v1:last-ruleset";

/// Why a draft could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Disabled,
    Full,
    Failed(String),
}

/// Whether localStorage can be used at all. Checked before every use,
/// because `LocalStorage::raw()` throws when it is disabled.
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Every stored draft, newest first, and the keys of entries set aside.
/// An entry that does not parse as a draft of a supported version is moved
/// to an `aside` key (its text kept as it was) and listed.
pub fn load_all(now_ms: u64) -> (Vec<Draft>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut aside = Vec::new();
    if !available() {
        return (drafts, aside);
    }
    let raw = LocalStorage::raw();
    let keys = || -> Vec<String> {
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    };
    copy_v1_drafts(&raw, &keys(), now_ms);
    for key in keys() {
        if key.starts_with(ASIDE_PREFIX) || key.starts_with(V1_ASIDE_PREFIX) {
            aside.push(key);
            continue;
        }
        let Some(id) = key.strip_prefix(DRAFT_PREFIX) else { continue };
        let Ok(Some(text)) = raw.get_item(&key) else { continue };
        match parse_draft(&text) {
            Some(d) if d.id == id => drafts.push(d),
            _ => {
                let new_key = format!("{ASIDE_PREFIX}{id}:{now_ms}");
                // Move, never delete: the original goes only once the copy is written.
                if raw.set_item(&new_key, &text).is_ok() {
                    let _ = raw.remove_item(&key);
                    aside.push(new_key);
                } else {
                    aside.push(key);
                }
            }
        }
    }
    drafts.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    aside.sort();
    (drafts, aside)
}

pub fn save(d: &Draft) -> Result<(), StoreError> {
    put(&draft_key(&d.id), d)
}

fn put(key: &str, value: &impl serde::Serialize) -> Result<(), StoreError> {
    if !available() {
        return Err(StoreError::Disabled);
    }
    LocalStorage::set(key, value).map_err(|e| match e {
        StorageError::JsError(j) if j.name == "QuotaExceededError" => StoreError::Full,
        e => StoreError::Failed(e.to_string()),
    })
}

pub fn delete(id: &str) {
    if available() {
        LocalStorage::delete(draft_key(id));
    }
}

/// The text of everything this site keeps in localStorage (drafts, aside
/// entries, the appraisal's and the office's work): what a sweep of unused
/// evidence files must not touch is named somewhere in it.
pub fn all_texts() -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    (0..raw.length().unwrap_or(0)).filter_map(|i| raw.key(i).ok().flatten()).filter_map(|k| raw.get_item(&k).ok().flatten()).collect()
}

/// A small setting's text (none when storage is off or the key unset).
fn setting(key: &str) -> Option<String> {
    available().then(|| LocalStorage::raw().get_item(key).ok().flatten()).flatten()
}

/// Writes a small setting; a failure only loses the convenience it gives.
fn set_setting(key: &str, value: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(key, value);
    }
}

/// The draft last worked on, so a reload or another tab reopens it.
pub fn current() -> Option<String> {
    setting(CURRENT_KEY)
}

pub fn set_current(id: &str) {
    set_setting(CURRENT_KEY, id);
}

pub fn last_ruleset() -> Option<String> {
    setting(LAST_RULESET_KEY)
}

pub fn set_last_ruleset(id: &str) {
    set_setting(LAST_RULESET_KEY, id);
}

/// Rulesets opened from a file ("Mở bộ chỉ số từ tệp", for an office trying
/// one before publishing it): their texts, newest first, one key each
/// (`…:0` the newest) — a JSON list of them would carry another serde
/// instantiation in the scoring page's wasm.
const LOCAL_RULESET_KEY: &str = "chamdiem:v1:local-ruleset:";
/// How many are kept: each may be a few hundred KB of the browser's ~5 MB.
const LOCAL_RULESETS_KEPT: usize = 5;

pub fn local_rulesets() -> Vec<String> {
    (0..LOCAL_RULESETS_KEPT).filter_map(|i| setting(&format!("{LOCAL_RULESET_KEY}{i}"))).collect()
}

/// Keeps a ruleset's text (first, once; the oldest beyond the few kept go).
pub fn keep_local_ruleset(text: &str) -> Result<(), StoreError> {
    if !available() {
        return Err(StoreError::Disabled);
    }
    let mut list = local_rulesets();
    list.retain(|t| t != text);
    list.insert(0, text.to_string());
    for (i, t) in list.iter().take(LOCAL_RULESETS_KEPT).enumerate() {
        LocalStorage::raw().set_item(&format!("{LOCAL_RULESET_KEY}{i}"), t).map_err(|_| StoreError::Full)?;
    }
    Ok(())
}

/// The draft id a storage key belongs to, if it is a draft key.
pub fn draft_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT_PREFIX)
}

/// Parses a stored draft's text (either version, upgraded).
pub fn parse_draft(text: &str) -> Option<Draft> {
    chamdiem_core::record::parse_draft(text).ok()
}

/// Copies each version-1 draft not copied before to its version-2 key (one
/// that does not read is copied to an aside key instead, its text as it
/// was). The old keys are left as they are.
fn copy_v1_drafts(raw: &web_sys::Storage, keys: &[String], now_ms: u64) {
    let mut done: Vec<String> = setting(MIGRATED_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    let before = done.len();
    for key in keys {
        let Some(id) = key.strip_prefix(V1_DRAFT_PREFIX) else { continue };
        if done.iter().any(|d| d == id) {
            continue;
        }
        let Ok(Some(text)) = raw.get_item(key) else { continue };
        let written = match parse_draft(&text) {
            Some(d) if d.id == id => serde_json::to_string(&d).ok().is_some_and(|json| raw.set_item(&draft_key(id), &json).is_ok()),
            _ => raw.set_item(&format!("{ASIDE_PREFIX}{id}:{now_ms}"), &text).is_ok(),
        };
        // Not written (storage full): tried again at the next start.
        if written {
            done.push(id.to_string());
        }
    }
    if done.len() > before {
        if let Ok(json) = serde_json::to_string(&done) {
            set_setting(MIGRATED_KEY, &json);
        }
    }
}

/// Also read by `public/start.js`, for the language of its "cannot start" message.
const LANG_KEY: &str = "chamdiem:v1:lang";

/// The interface language chosen last ("vi" or "en").
pub fn lang() -> Option<String> {
    setting(LANG_KEY)
}

pub fn set_lang(code: &str) {
    set_setting(LANG_KEY, code);
}

/// What the browser says of this site's storage: whether it promised to keep
/// it (`navigator.storage.persisted()`), and bytes used of the quota.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub persisted: bool,
    pub used: f64,
    pub quota: f64,
}

/// Asks the browser to keep this site's data when `ask` (only once there is a
/// draft worth keeping: browsers may prompt or judge by engagement), then
/// reads its answer and the estimate. `None` where the browser has no
/// StorageManager (an old one, or a page not served over HTTPS).
pub async fn usage(ask: bool) -> Option<Usage> {
    use wasm_bindgen_futures::JsFuture;
    let sm = web_sys::window()?.navigator().storage();
    let call = |p: Result<js_sys::Promise, wasm_bindgen::JsValue>| async move { JsFuture::from(p.ok()?).await.ok() };
    let mut persisted = call(sm.persisted()).await?.as_bool() == Some(true);
    if ask && !persisted {
        persisted = call(sm.persist()).await?.as_bool() == Some(true);
    }
    let est: web_sys::StorageEstimate = wasm_bindgen::JsCast::unchecked_into(call(sm.estimate()).await?);
    Some(Usage { persisted, used: est.get_usage().unwrap_or(0.0), quota: est.get_quota().unwrap_or(0.0) })
}

// --- The appraisal page (tham-dinh/, src/appraise.rs): the stage being
// written per dossier, and who writes it. Small records: the dossier itself is
// kept whole in IndexedDB (src/idb.rs).

const WORK_PREFIX: &str = "chamdiem:v2:work:";
const SIGNER_KEY: &str = "chamdiem:v1:signer";

/// Every stage being written in this browser, last changed first; entries
/// that do not read are left where they are, unlisted.
pub fn works() -> Vec<chamdiem_core::record::Work> {
    if !available() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    let n = raw.length().unwrap_or(0);
    let mut out: Vec<chamdiem_core::record::Work> = (0..n)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter(|k| k.starts_with(WORK_PREFIX))
        .filter_map(|k| raw.get_item(&k).ok().flatten())
        .filter_map(|t| chamdiem_core::record::Work::parse(&t))
        .collect();
    out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    out
}

/// Saves a stage being written, under its dossier's key.
pub fn save_work(w: &chamdiem_core::record::Work) -> Result<(), StoreError> {
    put(&format!("{WORK_PREFIX}{}", w.dossier), w)
}

pub fn delete_work(dossier_key: &str) {
    if available() {
        LocalStorage::delete(format!("{WORK_PREFIX}{dossier_key}"));
    }
}

/// The appraiser's (or the agency's) unit and name, asked once.
pub fn signer() -> chamdiem_core::record::Signer {
    setting(SIGNER_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

pub fn set_signer(s: &chamdiem_core::record::Signer) {
    if let Ok(t) = serde_json::to_string(s) {
        set_setting(SIGNER_KEY, &t);
    }
}

/// The office page's inputs (src/office.rs, `Kept`), as JSON: which index,
/// and each file by name and SHA-256 (the bytes are in IndexedDB).
const OFFICE_KEY: &str = "chamdiem:v1:office";

pub fn office_work() -> Option<String> {
    setting(OFFICE_KEY)
}

pub fn set_office_work(json: &str) {
    set_setting(OFFICE_KEY, json);
}
