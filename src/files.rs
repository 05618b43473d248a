//! Browser plumbing: downloading a file, reading a picked or dropped file,
//! the local time with its offset, and fresh ids.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `name` (JSON).
pub fn download(name: &str, text: &str) -> Result<(), String> {
    download_typed(name, text, "application/json")
}

/// Offers `text` as a download named `name`, of media type `mime`.
pub fn download_typed(name: &str, text: &str, mime: &str) -> Result<(), String> {
    download_parts(name, &js_sys::Array::of1(&JsValue::from_str(text)), mime)
}

/// Offers `bytes` (a workbook, an archive) as a download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    download_parts(name, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)), mime)
}

fn download_parts(name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts).map_err(|e| format!("{e:?}"))?;
    download_blob(name, &blob)
}

/// Offers a `Blob` (a package assembled from the files' own `Blob`s) as a
/// download named `name`, without reading it.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let err = |e: JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Shows a kept evidence file: a PDF or an image (not SVG) in a new tab from
/// the browser's copy (a `blob:` URL), any other type downloaded under its
/// name — an HTML or SVG file shown from the site's origin could run its
/// scripts.
pub fn show_blob(name: &str, media_type: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let shown = media_type == "application/pdf" || (media_type.starts_with("image/") && media_type != "image/svg+xml");
    if !shown {
        return download_blob(name, blob);
    }
    let err = |e: JsValue| format!("{e:?}");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let window = web_sys::window().ok_or("no window")?;
    window.open_with_url_and_target(&url, "_blank").map_err(err)?;
    // The new tab has read it by then; the URL would hold the file in memory.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// The text of a file the user picked or dropped.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// Now, as ISO 8601 with the local offset: "2025-12-05T14:03:11+07:00".
pub fn now_iso() -> String {
    let d = js_sys::Date::new_0();
    let offset = -(d.get_timezone_offset() as i32); // minutes east of UTC
    let sign = if offset >= 0 { '+' } else { '-' };
    let o = offset.abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        sign,
        o / 60,
        o % 60
    )
}

/// Milliseconds since 1970, as a whole number (for keys, not for scores).
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A fresh draft id: time and randomness, base 36.
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// "05/12/2025 14:03" from an ISO 8601 time, for lists.
pub fn show_time(iso: &str) -> String {
    let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
    let mut p = date.split('-');
    match (p.next(), p.next(), p.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y} {}", time.get(..5).unwrap_or("")),
        _ => iso.to_string(),
    }
}
