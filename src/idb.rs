//! IndexedDB: the records too large or too many for localStorage (5–10 MB).
//! One database, `cham-diem` version 1, with two object stores:
//!
//! - `dossiers`: every dossier opened in this browser, under the hash of its
//!   last stage (`Dossier::key`, which seals all of it), as a [`Kept`] whose
//!   `text` is the file as it came, so its hashes still verify;
//! - `files`: files by SHA-256: the files the office page works on, as bytes
//!   (`keep_files`, `file`), and the agencies' evidence files, as an
//!   [`EvidenceFile`] (the `Blob` itself, never copied into wasm, and its
//!   ZIP CRC-32, computed once when attached: `keep_evidence`, `evidence`).
//!   A file may serve several records: [`sweep`] deletes only what no
//!   record names.
//!
//! Used in the worker that opens files (src/opener.rs) and in the appraisal
//! and office pages (src/appraise.rs, src/office.rs, wasm of their own), never
//! in the scoring page: workers have
//! IndexedDB, and the `idb` crate (+13 KB gzip of wasm, the least of the
//! maintained wrappers measured: rexie +20, indexed_db_futures +21,5) stays
//! out of the scoring page's start-up download. Through the crate's futures
//! only, without its builder. The database is opened on first use; another
//! tab asking for a newer version closes this connection.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "cham-diem";
const DB_VERSION: u32 = 1;
const DOSSIERS: &str = "dossiers";
const FILES: &str = "files";

/// A dossier kept in the browser: what the list shows, and the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Kept {
    /// The hash of its last stage.
    pub key: String,
    pub agency: String,
    pub ruleset: String,
    /// The last stage's code ("tu_cham" … "tong_hop").
    pub stage: String,
    /// When its last stage was made.
    pub at: String,
    /// The file as it came.
    pub text: String,
}

impl Kept {
    /// A dossier as the browser keeps it: what the list shows, and `text`, the file as it came.
    pub fn of(d: &chamdiem_core::record::Dossier, text: String) -> Kept {
        let last = d.stages.last();
        Kept {
            key: d.key().to_string(),
            agency: d.agency().name,
            ruleset: d.ruleset.id.clone(),
            stage: last.map_or("", |s| s.stage.code()).to_string(),
            at: last.map_or("", |s| s.at.as_str()).to_string(),
            text,
        }
    }
}

fn err(e: impl std::fmt::Display) -> String {
    format!("IndexedDB: {e}")
}

async fn open() -> Result<Database, String> {
    let mut request = Factory::new().map_err(err)?.open(DB_NAME, Some(DB_VERSION)).map_err(err)?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        // From nothing to version 1. A later version adds its own step here,
        // keyed on `event.old_version()`.
        let names = db.store_names();
        for store in [DOSSIERS, FILES] {
            if !names.iter().any(|n| n == store) {
                let _ = db.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    let mut db = request.await.map_err(err)?;
    db.on_version_change(|event| {
        if let Ok(d) = event.database() {
            d.close();
        }
    });
    db.forget_callbacks();
    Ok(db)
}

async fn commit(tx: idb::Transaction) -> Result<(), String> {
    match tx.await.map_err(err)? {
        idb::TransactionResult::Committed => Ok(()),
        idb::TransactionResult::Aborted => Err(err("aborted")),
    }
}

fn to_js(k: &Kept) -> Result<JsValue, String> {
    js_sys::JSON::parse(&serde_json::to_string(k).map_err(err)?).map_err(|e| err(format!("{e:?}")))
}

fn from_js(v: &JsValue) -> Result<Kept, String> {
    let text: String = js_sys::JSON::stringify(v).map_err(|e| err(format!("{e:?}")))?.into();
    serde_json::from_str(&text).map_err(err)
}

/// Keeps dossiers not yet kept, in one transaction: all or none. Returns how
/// many were new.
pub async fn keep(ds: &[Kept]) -> Result<usize, String> {
    let db = open().await?;
    let tx = db.transaction(&[DOSSIERS], TransactionMode::ReadWrite).map_err(err)?;
    let store = tx.object_store(DOSSIERS).map_err(err)?;
    let mut added = 0;
    for d in ds {
        let key = JsValue::from_str(&d.key);
        if store.get(key.clone()).map_err(err)?.await.map_err(err)?.is_none() {
            store.add(&to_js(d)?, Some(&key)).map_err(err)?.await.map_err(err)?;
            added += 1;
        }
    }
    commit(tx).await?;
    Ok(added)
}

/// Every dossier kept, in key order. One this version cannot read is an
/// error naming it, never left out in silence.
pub async fn kept() -> Result<Vec<Kept>, String> {
    let db = open().await?;
    let tx = db.transaction(&[DOSSIERS], TransactionMode::ReadOnly).map_err(err)?;
    let values = tx.object_store(DOSSIERS).map_err(err)?.get_all(None, None).map_err(err)?.await.map_err(err)?;
    values.iter().map(from_js).collect()
}

pub async fn get(key: &str) -> Result<Option<Kept>, String> {
    let db = open().await?;
    let tx = db.transaction(&[DOSSIERS], TransactionMode::ReadOnly).map_err(err)?;
    let v = tx.object_store(DOSSIERS).map_err(err)?.get(JsValue::from_str(key)).map_err(err)?.await.map_err(err)?;
    v.as_ref().map(from_js).transpose()
}

pub async fn forget(key: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[DOSSIERS], TransactionMode::ReadWrite).map_err(err)?;
    tx.object_store(DOSSIERS).map_err(err)?.delete(JsValue::from_str(key)).map_err(err)?.await.map_err(err)?;
    commit(tx).await
}

/// Keeps files by their SHA-256 (lowercase hex), in one transaction: all or
/// none. A file already kept is left as it is (same hash, same bytes).
pub async fn keep_files(files: &[(String, Vec<u8>)]) -> Result<(), String> {
    add_files(files.iter().map(|(sha, bytes)| (sha.as_str(), js_sys::Uint8Array::from(bytes.as_slice()).into()))).await
}

/// Adds to `files` each value whose key is not there yet, in one
/// transaction: all or none.
async fn add_files(values: impl Iterator<Item = (&str, JsValue)>) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadWrite).map_err(err)?;
    let store = tx.object_store(FILES).map_err(err)?;
    for (sha, value) in values {
        let key = JsValue::from_str(sha);
        if store.get(key.clone()).map_err(err)?.await.map_err(err)?.is_none() {
            store.add(&value, Some(&key)).map_err(err)?.await.map_err(err)?;
        }
    }
    commit(tx).await
}

/// A file kept, by its SHA-256; `None` when it is not (or no longer) there.
/// An evidence file is read from its `Blob`.
pub async fn file(sha: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(v) = get_file(sha).await? else { return Ok(None) };
    match EvidenceFile::of(&v) {
        Some(e) => {
            let buf = wasm_bindgen_futures::JsFuture::from(e.blob.array_buffer()).await.map_err(|e| err(format!("{e:?}")))?;
            Ok(Some(js_sys::Uint8Array::new(&buf).to_vec()))
        }
        None => Ok(Some(js_sys::Uint8Array::new(&v).to_vec())),
    }
}

async fn get_file(sha: &str) -> Result<Option<JsValue>, String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadOnly).map_err(err)?;
    tx.object_store(FILES).map_err(err)?.get(JsValue::from_str(sha)).map_err(err)?.await.map_err(err)
}

/// An evidence file as kept: its content as the browser holds it (a `Blob`,
/// so a 50 MB PDF is never copied through wasm memory to be stored or
/// packed) and its CRC-32, which a ZIP's headers need.
pub struct EvidenceFile {
    pub blob: web_sys::Blob,
    pub crc32: u32,
}

impl EvidenceFile {
    fn of(v: &JsValue) -> Option<EvidenceFile> {
        use wasm_bindgen::JsCast;
        let blob = js_sys::Reflect::get(v, &JsValue::from_str("blob")).ok()?.dyn_into::<web_sys::Blob>().ok()?;
        let crc32 = js_sys::Reflect::get(v, &JsValue::from_str("crc32")).ok()?.as_f64()? as u32;
        Some(EvidenceFile { blob, crc32 })
    }

    fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str("blob"), &self.blob);
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str("crc32"), &JsValue::from_f64(self.crc32.into()));
        // When it was kept: a sweep spares what is younger than a few minutes
        // (another tab may have just attached it and not saved its draft yet).
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str("at"), &JsValue::from_f64(js_sys::Date::now()));
        o.into()
    }
}

/// Keeps evidence files by SHA-256, in one transaction: all or none, so a
/// storage that fills up half-way leaves no file half-kept. A file already
/// kept is left as it is.
pub async fn keep_evidence(files: &[(String, EvidenceFile)]) -> Result<(), String> {
    add_files(files.iter().map(|(sha, f)| (sha.as_str(), f.to_js()))).await
}

/// A file attached in the last ten minutes and named by no record is swept
/// only when the record deleted named it: another tab may have kept it and
/// not yet saved the draft that names it.
pub const SWEEP_GRACE_MS: f64 = 10.0 * 60.0 * 1000.0;

/// Every run of exactly 64 lowercase hex digits in a text: the SHA-256s it
/// may name. Wider than the `sha256` fields on purpose: a sweep must never
/// delete a file that any record still names, in whatever format.
fn sha256s_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_ascii_digit() || ('a'..='f').contains(&c))).filter(|w| w.len() == 64).map(str::to_string)
}

/// Deletes the files no record names (`texts`: everything the site keeps in
/// localStorage, with the drafts and the office's consolidations; and every
/// dossier kept here) that are among `freed` (the files of the record just
/// deleted or changed, which were certainly saved with it), or are evidence
/// files kept more than `grace_ms` ago. The office's inputs (bytes, with no
/// time) go only when freed. Returns the SHA-256s deleted and their bytes.
pub async fn sweep(texts: &[String], freed: &[String], grace_ms: f64) -> Result<(Vec<String>, f64), String> {
    let kept = kept().await?;
    let used: std::collections::HashSet<String> = texts.iter().map(String::as_str).chain(kept.iter().map(|k| k.text.as_str())).flat_map(sha256s_in).collect();
    let db = open().await?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadWrite).map_err(err)?;
    let store = tx.object_store(FILES).map_err(err)?;
    let keys = store.get_all_keys(None, None).map_err(err)?.await.map_err(err)?;
    let cutoff = js_sys::Date::now() - grace_ms;
    let (mut gone, mut bytes) = (Vec::new(), 0.0);
    for key in keys {
        let Some(k) = key.as_string().filter(|k| !used.contains(k)) else { continue };
        let Some(v) = store.get(key.clone()).map_err(err)?.await.map_err(err)? else { continue };
        let at = js_sys::Reflect::get(&v, &JsValue::from_str("at")).ok().and_then(|a| a.as_f64());
        if freed.contains(&k) || at.is_some_and(|at| at < cutoff) {
            bytes += match EvidenceFile::of(&v) {
                Some(e) => e.blob.size(),
                None => f64::from(js_sys::Uint8Array::new(&v).length()),
            };
            store.delete(key).map_err(err)?.await.map_err(err)?;
            gone.push(k);
        }
    }
    commit(tx).await?;
    Ok((gone, bytes))
}

/// An evidence file kept, by its SHA-256; `None` when it is not (or no
/// longer) there. A file the office kept as bytes is given as a `Blob` too.
pub async fn evidence(sha: &str) -> Result<Option<EvidenceFile>, String> {
    let Some(v) = get_file(sha).await? else { return Ok(None) };
    Ok(Some(match EvidenceFile::of(&v) {
        Some(e) => e,
        None => {
            let bytes = js_sys::Uint8Array::new(&v);
            let parts = js_sys::Array::of1(&bytes);
            let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|e| err(format!("{e:?}")))?;
            EvidenceFile { blob, crc32: chamdiem_core::package::crc32::crc32(&bytes.to_vec()) }
        }
    }))
}
