//! Keyboard and "jump to" helpers: Enter moves to the next score field (not
//! the field of points not assigned beside it: scores are typed in a row), and
//! the "what is left" list opens the item's groups and focuses its field.

use wasm_bindgen::JsCast;

const FIELDS: &str = ".contents .item-entry input:not([disabled]):not([type=checkbox]):not([data-un]), .contents .item-entry select:not([disabled])";

/// Focuses the element with `id`, opening every collapsed group around it.
pub fn focus(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(el) = doc.get_element_by_id(id) else { return };
    let mut p = el.parent_element();
    while let Some(e) = p {
        if e.tag_name().eq_ignore_ascii_case("details") && !e.has_attribute("open") {
            let _ = e.set_attribute("open", "");
        }
        p = e.parent_element();
    }
    el.scroll_into_view();
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Moves focus from score field `from` to the next one in document order.
pub fn next_field(from: &web_sys::Element) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = doc.query_selector_all(FIELDS) else { return };
    let items: Vec<web_sys::Element> = (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    if let Some(pos) = items.iter().position(|e| e == from) {
        if let Some(next) = items.get(pos + 1) {
            let id = next.id();
            focus(&id);
        }
    }
}

/// Enter in a score field moves on, like in a paper form read line by line.
pub fn on_enter(ev: &web_sys::KeyboardEvent) {
    if ev.key() == "Enter" {
        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            ev.prevent_default();
            next_field(&t);
        }
    }
}
