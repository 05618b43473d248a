//! IndexedDB: the records too large or too many for localStorage (5–10 MB).
//! One database, `cham-diem` version 1, with two object stores:
//!
//! - `dossiers`: every dossier opened in this browser, under the hash of its
//!   last stage (`Dossier::key`, which seals all of it), as a [`Kept`] whose
//!   `text` is the file as it came, so its hashes still verify;
//! - `files`: files by SHA-256, as bytes: the files the office page works on
//!   (`keep_files`, `file`), and the evidence files of the evidence issue.
//!   Nothing is deleted from it yet: a file may serve several records.
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
    let db = open().await?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadWrite).map_err(err)?;
    let store = tx.object_store(FILES).map_err(err)?;
    for (sha, bytes) in files {
        let key = JsValue::from_str(sha);
        if store.get(key.clone()).map_err(err)?.await.map_err(err)?.is_none() {
            let value = js_sys::Uint8Array::from(bytes.as_slice());
            store.add(&value, Some(&key)).map_err(err)?.await.map_err(err)?;
        }
    }
    commit(tx).await
}

/// A file kept, by its SHA-256; `None` when it is not (or no longer) there.
pub async fn file(sha: &str) -> Result<Option<Vec<u8>>, String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadOnly).map_err(err)?;
    let v = tx.object_store(FILES).map_err(err)?.get(JsValue::from_str(sha)).map_err(err)?.await.map_err(err)?;
    Ok(v.map(|v| js_sys::Uint8Array::new(&v).to_vec()))
}
