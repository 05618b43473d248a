//! The contents tree (groups and items) in the page: its markup, one HTML
//! string built by `crate::tree_markup` (pure, tested natively), is set once;
//! one listener per event type on the contents wires it, and the `patch_*`
//! functions, which the `Form` calls with what each change touched, keep it
//! up to date.
//!
//! Why not a Leptos view per node: at 2,000 items that built ~30,000 elements
//! one wasm→DOM call at a time (each class name, attribute and text decoded
//! from wasm memory separately) plus ~8 effects and 3 listeners per row:
//! ~460 ms. The browser parses the same markup from one string in a fraction
//! of that. What opens on demand (an item's evidence, a group's "Vì sao?")
//! is a Leptos view mounted into its place when first opened.

use super::*;
use crate::ids;
use crate::tree_markup::{self, capped_text, computed_text, evidence_button_text, item_class, msg_text, subtotal_text};
use std::any::Any;
use wasm_bindgen::JsCast;

/// The markup of the whole tree, as it is at this moment (crate::tree_markup).
pub(super) fn tree_html(form: &Form, l: Lang) -> String {
    form.scorer.with_value(|scorer| {
        form.draft.with_value(|draft| {
            form.missing.with_value(|missing| {
                form.missing_count.with_value(|missing_count| tree_markup::tree_html(&tree_markup::State { scorer, draft, missing, missing_count }, l))
            })
        })
    })
}

/// Whether item `id`'s evidence starts open: it has some, or an explanation.
fn evidence_open(form: &Form, id: NodeId) -> bool {
    form.draft.with_value(|d| tree_markup::evidence_open(&form.rs.nodes[id], d))
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Sets an element's text, touching the DOM only if it differs, and then by
/// changing its text node in place: replacing nodes (what `textContent =`
/// does) costs the keystroke a style and layout of the new node.
fn set_text(el: &web_sys::Element, s: &str) {
    match el.first_child() {
        Some(t) if t.node_type() == web_sys::Node::TEXT_NODE && t.next_sibling().is_none() => {
            if t.node_value().as_deref() != Some(s) {
                t.set_node_value(Some(s));
            }
        }
        None if s.is_empty() => {}
        _ => el.set_text_content(Some(s)),
    }
}

/// Brings item `id`'s row up to date with the scorer: its value (invalid
/// marks, message, computed points) and whether it is not applicable.
/// Writes only what changed (each write costs the next style and layout).
pub(super) fn patch(form: &Form, id: NodeId) {
    let Some(doc) = document() else { return };
    let n = &form.rs.nodes[id];
    let l = form.lang.get_value();
    let (value, na) = form.scorer.with_value(|s| (s.value(id).clone(), s.agg(id).not_applicable));
    let invalid = matches!(value, Value::Invalid(_));
    let marked = if invalid { "true" } else { "false" };
    for field_id in [ids::item_field(id), ids::item_second_field(id)] {
        if let Some(field) = doc.get_element_by_id(&field_id) {
            if (field.get_attribute("aria-invalid").as_deref() == Some("true")) != invalid {
                let _ = field.set_attribute("aria-invalid", marked);
                if let Some(row) = doc.get_element_by_id(&ids::item_row(id)) {
                    row.set_class_name(&item_class(n.depth, invalid));
                }
            }
            if field.has_attribute("disabled") != na {
                let _ = if na { field.set_attribute("disabled", "") } else { field.remove_attribute("disabled") };
            }
        }
    }
    if let Some(msg) = doc.get_element_by_id(&ids::item_msg(id)) {
        set_text(&msg, &msg_text(&value, l));
    }
    if n.rule != Rule::Number {
        if let Some(Ok(Some(c))) = doc.get_element_by_id(&ids::item_row(id)).map(|row| row.query_selector(".computed")) {
            set_text(&c, &computed_text(&value, n.kind, l));
        }
    }
}

/// Brings item `id`'s field of points not assigned up to date: what is
/// left of the maximum, or why the declaration is not counted.
pub(super) fn patch_unassigned(form: &Form, id: NodeId) {
    let Some(doc) = document() else { return };
    let l = form.lang.get_value();
    let v = form.scorer.with_value(|s| s.unassigned(id).clone());
    if let Some(field) = doc.get_element_by_id(&ids::item_unassigned(id)) {
        let _ = field.set_attribute("aria-invalid", if matches!(v, Value::Invalid(_)) { "true" } else { "false" });
    }
    if let Some(msg) = doc.get_element_by_id(&ids::item_unassigned_msg(id)) {
        msg.set_class_name(tree_markup::unassigned_class(&v));
        set_text(&msg, &tree_markup::unassigned_text(&v, form.rs.nodes[id].max, l));
    }
}

/// Shows `text` in `parent`'s last child `<span class=…>`, made if missing,
/// or removes that span (`None`).
fn optional_span(parent: &web_sys::Element, class: &str, text: Option<&str>) {
    let shown = parent.query_selector(&format!(":scope > .{class}")).ok().flatten();
    match (text, shown) {
        (None, Some(span)) => span.remove(),
        (None, None) => {}
        (Some(t), Some(span)) => set_text(&span, t),
        (Some(t), None) => {
            if let Some(Ok(span)) = document().map(|d| d.create_element("span")) {
                span.set_class_name(class);
                span.set_text_content(Some(t));
                let _ = parent.append_child(&span);
            }
        }
    }
}

/// Shows or removes item `id`'s missing-evidence warning.
pub(super) fn patch_warning(form: &Form, id: NodeId, missing: bool) {
    let row = document().and_then(|d| d.get_element_by_id(&ids::item_row(id)));
    if let Some(Ok(Some(entry))) = row.map(|r| r.query_selector(".item-entry")) {
        optional_span(&entry, "warn", missing.then(|| tr(form.lang.get_value()).warn_evidence));
    }
}

/// Brings group `id`'s subtotal and cap note up to date with the scorer.
pub(super) fn patch_group(form: &Form, id: NodeId) {
    let Some(doc) = document() else { return };
    let n = &form.rs.nodes[id];
    let l = form.lang.get_value();
    let agg = form.scorer.with_value(|s| s.agg(id).clone());
    if let Some(e) = doc.get_element_by_id(&ids::group_subtotal(id)) {
        set_text(&e, &subtotal_text(&agg, n.kind, l));
    }
    if n.cap.is_some() {
        if let Some(e) = doc.get_element_by_id(&ids::group_cap(id)) {
            set_text(&e, &capped_text(&agg, n.cap, l));
        }
    }
}

/// Shows group `id`'s count of items missing evidence (none at 0).
pub(super) fn patch_missing_count(form: &Form, id: NodeId, count: usize) {
    if let Some(line) = document().and_then(|d| d.get_element_by_id(&ids::group_subtotal(id))).and_then(|e| e.parent_element()) {
        let text = (count > 0).then(|| i18n::missing_count(count, form.lang.get_value()));
        optional_span(&line, "warn-count", text.as_deref());
    }
}

/// Long rulesets skip the groups of the first two levels off screen
/// (`content-visibility: auto`, style.css): tells the browser how tall each
/// would be, from what it holds, so the page is about as long as when drawn
/// (set through the CSSOM: the Content-Security-Policy refuses style attributes).
pub(super) fn size_skipped_groups(form: &Form) {
    let Some(doc) = document() else { return };
    for (id, n) in form.rs.nodes.iter().enumerate() {
        if n.is_item() || n.depth > 1 {
            continue;
        }
        let inside = &form.rs.nodes[id..form.subtree_end[id]];
        let items = inside.iter().filter(|m| m.is_item()).count();
        // rem: an item's row ~6.5 (style.css assumes 7 for one skipped), a group's heading ~5.
        // Integers: this is a layout hint, and float formatting would grow the wasm.
        let rem = items * 13 / 2 + (inside.len() - items) * 5;
        let details = doc.get_element_by_id(&ids::group_subtotal(id)).and_then(|e| e.closest("details").ok().flatten());
        if let Some(el) = details.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.style().set_property("contain-intrinsic-size", &format!("auto {rem}rem"));
        }
    }
}

/// Then draws the skipped groups, one top-level group (with its subgroups)
/// per frame: the first frame shows the screenful the user starts on, and
/// the rest follows within about a third of a second (20 groups at 2,000
/// items). Left skipped, a group jumped to (Enter, the to-do list) would be
/// drawn within the first keystroke typed there.
pub(super) fn draw_skipped_groups(form: &Arc<Form>) {
    fn next(roots: Arc<Vec<NodeId>>, at: usize) {
        let Some(&id) = roots.get(at) else { return };
        let details = document()
            .and_then(|d| d.get_element_by_id(&ids::group_subtotal(id)))
            .and_then(|e| e.closest("details").ok().flatten());
        // Gone: another ruleset or language was opened meanwhile.
        let Some(details) = details else { return };
        let _ = details.class_list().add_1("drawn");
        request_animation_frame(move || next(roots, at + 1));
    }
    let roots: Vec<NodeId> = form.rs.roots.iter().copied().filter(|&r| !form.rs.nodes[r].is_item()).collect();
    request_animation_frame(move || next(Arc::new(roots), 0));
}

/// Sets the count on item `id`'s evidence button.
pub(super) fn patch_evidence_count(form: &Form, id: NodeId, count: usize) {
    if let Some(b) = document().and_then(|d| d.get_element_by_id(&ids::item_evidence(id))) {
        set_text(&b, &evidence_button_text(count, form.lang.get_value()));
    }
}

/// Evidence bodies and "Vì sao?" panels mounted into the tree; dropping them (with the form's view)
/// unmounts them and frees their signals.
pub(super) type Mounted = StoredValue<Vec<Box<dyn Any>>, LocalStorage>;

/// The element an event happened on, if it is an element.
fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The item a score field belongs to, from its id (`item-7`, `item-7-of`),
/// and whether it is the second field of a pair.
fn field_item(form: &Form, el: &web_sys::Element) -> Option<(NodeId, bool)> {
    let (id, second) = ids::parse_item_field(&el.id())?;
    form.rs.nodes.get(id).filter(|n| n.is_item())?;
    let tag = el.tag_name();
    (tag.eq_ignore_ascii_case("input") || tag.eq_ignore_ascii_case("select")).then_some((id, second))
}

/// `input` on the contents: a text score field changed.
pub(super) fn on_input(form: &Form, ev: &web_sys::Event) {
    let Some(el) = target(ev) else { return };
    if !el.tag_name().eq_ignore_ascii_case("input") {
        return;
    }
    if let Some(id) = node_attr(form, &el, "data-un") {
        return form.set_unassigned(id, &event_target_value(ev));
    }
    let Some((id, second)) = field_item(form, &el) else { return };
    let v = event_target_value(ev);
    if matches!(form.rs.nodes[id].rule, Rule::RatioBands { .. } | Rule::Proportional { .. }) {
        let (a, b) = form.scorer.with_value(|s| (s.raw(id).to_string(), s.second(id).to_string()));
        if second { form.set_pair(id, &a, &v) } else { form.set_pair(id, &v, &b) }
    } else {
        form.set_value(id, &v);
    }
}

/// `change` on the contents: a list was chosen from, or "not applicable" ticked.
pub(super) fn on_change(form: &Form, ev: &web_sys::Event) {
    let Some(el) = target(ev) else { return };
    if let Some(id) = node_attr(form, &el, "data-na") {
        form.set_not_applicable(id, event_target_checked(ev));
    } else if el.tag_name().eq_ignore_ascii_case("select") {
        if let Some((id, _)) = field_item(form, &el) {
            form.set_value(id, &event_target_value(ev));
        }
    }
}

/// Enter in a score field moves on, like in a paper form read line by line.
pub(super) fn on_keydown(form: &Form, ev: &web_sys::KeyboardEvent) {
    if target(ev).is_some_and(|el| field_item(form, &el).is_some()) {
        crate::nav::on_enter(ev);
    }
}

/// The node a `data-*` attribute of `el` names, if it is one.
fn node_attr(form: &Form, el: &web_sys::Element, name: &str) -> Option<NodeId> {
    el.get_attribute(name).and_then(|x| x.parse::<NodeId>().ok()).filter(|&i| i < form.rs.nodes.len())
}

/// A click on an item's evidence button or a group's "Vì sao?" opens or
/// closes it; what it shows is built on the first opening (most are never
/// opened).
pub(super) fn on_click(form: &Arc<Form>, ev: &web_sys::Event, mounted: Mounted, l: Lang) {
    let Some(el) = target(ev) else { return };
    let f = form.clone();
    if let Some(button) = el.closest("button.why[data-why]").ok().flatten() {
        let Some(id) = node_attr(form, &button, "data-why") else { return };
        disclose(&button, &ids::group_why_panel(id), "why-panel", mounted, move || why_lines(f, Some(id), l));
    } else if let Some(button) = el.closest(".evidence-toggle[data-ev]").ok().flatten() {
        let Some(id) = node_attr(form, &button, "data-ev") else { return };
        disclose(&button, &ids::item_evidence_body(id), "evidence-body", mounted, move || evidence_body(f, id, l));
    }
}

/// Flips a disclosure button: shows or hides its panel `panel_id`, or on the
/// first opening makes it (`open_panel`).
fn disclose<V: IntoView + 'static>(button: &web_sys::Element, panel_id: &str, class: &str, mounted: Mounted, build: impl FnOnce() -> V + 'static) {
    let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    match document().and_then(|d| d.get_element_by_id(panel_id)) {
        Some(panel) => {
            let _ = if open { panel.remove_attribute("hidden") } else { panel.set_attribute("hidden", "") };
        }
        None if open => open_panel(button, panel_id, class, mounted, build),
        None => {}
    }
}

/// Makes the panel `panel_id` right after `button` and mounts the view
/// `build` into it (kept in `mounted`, so it lives as long as the form's view).
fn open_panel<V: IntoView + 'static>(button: &web_sys::Element, panel_id: &str, class: &str, mounted: Mounted, build: impl FnOnce() -> V + 'static) {
    let (Some(doc), Some(parent)) = (document(), button.parent_node()) else { return };
    let Ok(panel) = doc.create_element("div") else { return };
    panel.set_id(panel_id);
    panel.set_class_name(class);
    if parent.insert_before(&panel, button.next_sibling().as_ref()).is_err() {
        return;
    }
    let _ = button.set_attribute("aria-controls", panel_id);
    let handle = leptos::mount::mount_to(panel.unchecked_into(), build);
    mounted.update_value(|m| m.push(Box::new(handle)));
}

/// After the tree is in the document: builds the evidence of the items
/// that open with some.
pub(super) fn mount_open_evidence(form: &Arc<Form>, mounted: Mounted, l: Lang) {
    let Some(doc) = document() else { return };
    for &id in &form.rs.items {
        if evidence_open(form, id) {
            if let Some(button) = doc.get_element_by_id(&ids::item_evidence(id)) {
                let f = form.clone();
                open_panel(&button, &ids::item_evidence_body(id), "evidence-body", mounted, move || evidence_body(f, id, l));
            }
        }
    }
}
