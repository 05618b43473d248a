//! Parts shared by the pages in folders of their own (the appraisal page
//! and the office page): starting one, its header and language, and who
//! signs the stage it writes.

use crate::i18n::tr;
use crate::shell::set_html_lang;
use crate::store;
use chamdiem_core::record::Signer;
use chamdiem_core::Lang;
use leptos::prelude::*;

/// "Người thực hiện": unit and name, kept in the signal and remembered in
/// this browser for the next time (either page).
pub fn signer_fieldset(signer: RwSignal<Signer>, legend: &'static str, hint: &'static str, unit: &'static str, person: &'static str) -> impl IntoView {
    let s = signer.get_untracked();
    let set = move |f: &dyn Fn(&mut Signer)| {
        signer.update(|s| f(s));
        store::set_signer(&signer.get_untracked());
    };
    view! {
        <fieldset class="signer">
            <legend>{legend}</legend>
            <p class="hint">{hint}</p>
            <label for="signer-unit">{unit}</label>
            <input id="signer-unit" type="text" autocomplete="organization" prop:value=s.unit
                on:input=move |ev| { let v = event_target_value(&ev); set(&|s: &mut Signer| s.unit = v.clone()) } />
            <label for="signer-person">{person}</label>
            <input id="signer-person" type="text" autocomplete="name" prop:value=s.person
                on:input=move |ev| { let v = event_target_value(&ev); set(&|s: &mut Signer| s.person = v.clone()) } />
        </fieldset>
    }
}

/// The language chosen on any page (the same stored setting), as a signal,
/// with `<html lang>` set to it.
pub fn stored_lang() -> RwSignal<Lang> {
    let l = if store::lang().as_deref() == Some("en") { Lang::En } else { Lang::Vi };
    set_html_lang(l);
    RwSignal::new(l)
}

/// Another language chosen: kept for every page, set on `<html lang>`.
pub fn set_lang(lang: RwSignal<Lang>, l: Lang) {
    lang.set(l);
    store::set_lang(if l == Lang::En { "en" } else { "vi" });
    set_html_lang(l);
}

/// The header of a page: its title and tagline, and the language picker.
pub fn page_header(lang: RwSignal<Lang>, title: fn(Lang) -> &'static str, tagline: fn(Lang) -> &'static str) -> impl IntoView {
    let on_lang = move |ev: leptos::ev::Event| set_lang(lang, if event_target_value(&ev) == "en" { Lang::En } else { Lang::Vi });
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || title(lang.get())}</h1>
                <p class="tagline">{move || tagline(lang.get())}</p>
            </div>
            <div class="pickers">
                <label for="lang-select">{move || tr(lang.get()).language_label}</label>
                <select id="lang-select" on:change=on_lang>
                    <option value="vi" selected=move || lang.get() == Lang::Vi>"Tiếng Việt"</option>
                    <option value="en" selected=move || lang.get() == Lang::En>"English"</option>
                </select>
            </div>
        </header>
    }
}

/// Starts a page in a folder of its own: mounts it, removes "Đang tải…"
/// and registers the folder's own service worker.
pub fn start_page<N: IntoView + 'static>(page: fn() -> N) {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(page);
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    register_service_worker();
}

/// The page's own worker, `sw.js` beside it (`tong-hop/`, `tham-dinh/`), whose
/// scope is its folder: the scoring page's worker (one folder up) neither
/// precaches nor serves the page's files, and this one works offline after
/// the first visit. Relative to `<base href>` (the page's index.html), so the
/// address the page was opened at (with or without its trailing slash) does
/// not matter.
fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    // Its install fetches nothing the page is waiting for: no need to defer it.
    let _ = nav.service_worker().register("sw.js");
}
