//! Fetching the bundled files (index and rulesets) relative to the page, so
//! the site works from any sub-path of a portal (and from the worker that
//! opens files: src/opener.rs).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A request for `url` that the start-up script (`public/start.js`) began
/// before the wasm had arrived (`window.chamdiemEarly[url]`), taken so it is
/// used once. The script decides which ruleset to ask for only when the index
/// has come, so for any other file its `ready` promise is awaited first.
async fn early(window: &web_sys::Window, url: &str) -> Option<js_sys::Promise> {
    let Some(early) = js_sys::Reflect::get(window, &"chamdiemEarly".into()).ok().filter(|e| e.is_object()) else {
        // start.js (loaded async) has not run: mark the start as taken, so
        // that it does not fetch the same files again when it does run.
        let _ = js_sys::Reflect::set(window, &"chamdiemEarly".into(), &js_sys::Object::new());
        return None;
    };
    let take = || {
        let promise = js_sys::Reflect::get(&early, &url.into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
        let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &url.into());
        Some(promise)
    };
    if let Some(p) = take() {
        return Some(p);
    }
    let ready = js_sys::Reflect::get(&early, &"ready".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = JsFuture::from(ready).await;
    take()
}

/// The text of `url`, or a message saying why it could not be had.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    // In the page, or in the worker that opens files (src/opener.rs), where
    // a relative URL is read from the worker's script: the same folder.
    let promise = match web_sys::window() {
        Some(window) => match early(&window, url).await {
            Some(p) => p,
            None => window.fetch_with_str(url),
        },
        None => js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().fetch_with_str(url),
    };
    let resp = JsFuture::from(promise).await.map_err(|e| format!("{url}: {e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = resp.text().map_err(|e| format!("{url}: {e:?}"))?;
    let text = JsFuture::from(text).await.map_err(|e| format!("{url}: {e:?}"))?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}
