//! The scoring page's side of evidence files (issue 15): the files an agency
//! attaches to an item are kept by the worker (src/opener.rs) in IndexedDB,
//! by SHA-256; the draft holds only their `FileRef`s. Here: handing files to
//! the worker, opening one, and asking which are no longer kept. The page's
//! wasm never holds a file's bytes.

use crate::i18n;
use crate::opener::{self, Request, MAX_EVIDENCE_BYTES};
use chamdiem_core::record::FileRef;
use chamdiem_core::Lang;
use wasm_bindgen::{JsCast, JsValue};

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

/// Opens a kept file: a PDF or an image (not SVG) in a new tab from the
/// browser's copy (a `blob:` URL), any other type downloaded under its name —
/// an HTML or SVG file shown from the site's origin could run its scripts.
pub async fn open(f: &FileRef, l: Lang) -> Result<(), String> {
    let req = Request::File { sha256: f.sha256.clone(), english: l == Lang::En };
    let (a, blob) = opener::ask_with(&req, None).await.map_err(|e| i18n::opener_failed(&f.name, &e, l))?;
    if let Some(e) = a.errors.into_iter().next() {
        return Err(format!("{} — {e}", f.name));
    }
    let blob = blob.ok_or_else(|| i18n::evidence_gone(l))?;
    let shown = f.media_type == "application/pdf" || (f.media_type.starts_with("image/") && f.media_type != "image/svg+xml");
    let err = |e: JsValue| format!("{e:?}");
    if shown {
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
        let window = web_sys::window().ok_or("no window")?;
        window.open_with_url_and_target(&url, "_blank").map_err(err)?;
        // The new tab has read it by then; the URL would hold the file in memory.
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
        Ok(())
    } else {
        crate::files::download_blob(&f.name, &blob)
    }
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
