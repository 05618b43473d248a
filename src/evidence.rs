//! The scoring page's side of evidence files (issue 15): the files an agency
//! attaches to an item are kept by the worker (src/opener.rs) in IndexedDB,
//! by SHA-256; the draft holds only their `FileRef`s. Here: handing files to
//! the worker, opening one, and asking which are no longer kept. The page's
//! wasm never holds a file's bytes.

use crate::i18n;
use crate::opener::{self, Request, MAX_EVIDENCE_BYTES};
use chamdiem_core::record::FileRef;
use chamdiem_core::Lang;

/// Keeps the files picked or dropped: those over the limit are refused by
/// name before anything is stored, the rest kept in one go. Returns the
/// files kept and what was refused.
pub async fn attach(list: Vec<web_sys::File>, l: Lang) -> (Vec<FileRef>, Vec<String>) {
    let mut refused = Vec::new();
    let files = js_sys::Array::new();
    for f in list {
        if f.size() > MAX_EVIDENCE_BYTES as f64 {
            refused.push(i18n::evidence_too_large(&f.name(), f.size(), l));
        } else {
            files.push(&f);
        }
    }
    if files.length() == 0 {
        return (Vec::new(), refused);
    }
    match opener::ask_with(&Request::Attach { english: l == Lang::En }, Some(files)).await {
        Ok((a, _)) if a.errors.is_empty() => (a.attached, refused),
        Ok((a, _)) => (Vec::new(), refused.into_iter().chain(a.errors).collect()),
        Err(e) => (Vec::new(), vec![i18n::opener_failed(i18n::tr(l).ev_attach, &e, l)]),
    }
}

/// Opens a kept file through the worker (`files::show_blob`).
pub async fn open(f: &FileRef, l: Lang) -> Result<(), String> {
    let req = Request::File { sha256: f.sha256.clone(), english: l == Lang::En };
    let (a, blob) = opener::ask_with(&req, None).await.map_err(|e| i18n::opener_failed(&f.name, &e, l))?;
    if let Some(e) = a.errors.into_iter().next() {
        return Err(format!("{} — {e}", f.name));
    }
    let blob = blob.ok_or_else(|| i18n::evidence_gone(l))?;
    crate::files::show_blob(&f.name, &f.media_type, &blob)
}

/// The files of a picker or a drop, copied out of its `FileList` (a live
/// list: clearing the picker, so that the same file can be picked again,
/// empties it).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Which of these files (by SHA-256) the browser no longer keeps.
pub async fn missing(shas: Vec<String>) -> Vec<String> {
    match opener::ask(&Request::Have { sha256: shas }).await {
        Ok(a) => a.missing,
        Err(_) => Vec::new(),
    }
}
