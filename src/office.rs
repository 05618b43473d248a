//! The provincial office's page (tong-hop/, issue 14): consolidation and
//! ranking. Its own binary (src/bin/tong_hop.rs) and wasm, so that an agency
//! opening the scoring page never downloads it. For now it says what it will
//! do and that none of it is built yet; nothing on it computes.

use crate::i18n::{office, tr};
use crate::shell::set_html_lang;
use crate::store;
use chamdiem_core::Lang;
use leptos::prelude::*;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Office);
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    register_service_worker();
}

/// The page's own worker, `sw.js` beside it (`tong-hop/`, `tham-dinh/`), whose
/// scope is its folder: the scoring page's worker (one folder up) neither precaches nor serves the
/// office page's files, and this one works offline after the first visit.
/// Relative to `<base href>` (tong-hop/index.html), so the address the page
/// was opened at (with or without its trailing slash) does not matter.
pub fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    // Its install fetches nothing the page is waiting for: no need to defer it.
    let _ = nav.service_worker().register("sw.js");
}


#[component]
fn Office() -> impl IntoView {
    // The language chosen on the scoring page (the same stored setting) is
    // this page's too; changing it here changes it there.
    let lang = RwSignal::new(if store::lang().as_deref() == Some("en") { Lang::En } else { Lang::Vi });
    set_html_lang(lang.get_untracked());
    let on_lang = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let l = if code == "en" { Lang::En } else { Lang::Vi };
        lang.set(l);
        store::set_lang(&code);
        set_html_lang(l);
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || office(lang.get()).title}</h1>
                <p class="tagline">{move || office(lang.get()).tagline}</p>
            </div>
            <div class="pickers">
                <label for="lang-select">{move || tr(lang.get()).language_label}</label>
                <select id="lang-select" on:change=on_lang>
                    <option value="vi" selected=move || lang.get() == Lang::Vi>"Tiếng Việt"</option>
                    <option value="en" selected=move || lang.get() == Lang::En>"English"</option>
                </select>
            </div>
        </header>
        <main class="office">
            {move || {
                let t = office(lang.get());
                view! {
                    <p>{t.intro}</p>
                    <p class="not-built" role="note">{t.not_built}</p>
                    <section aria-labelledby="plan-h">
                        <h2 id="plan-h">{t.plan_heading}</h2>
                        <ul>{t.plan.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                    </section>
                    <section aria-labelledby="meanwhile-h">
                        <h2 id="meanwhile-h">{t.meanwhile_heading}</h2>
                        <p>{t.meanwhile}</p>
                    </section>
                    // The scoring page, one folder up (the page's <base> is this folder).
                    <p><a href="../">{t.back}</a></p>
                }
            }}
        </main>
    }
}
