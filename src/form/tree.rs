//! The contents tree (groups and items): drawn as one HTML string, wired by
//! one listener per event type on the contents, and kept up to date by the
//! `patch_*` functions, which the `Form` calls with what each change touched.
//!
//! Why not a Leptos view per node: at 2,000 items that built ~30,000 elements
//! one wasm→DOM call at a time (each class name, attribute and text decoded
//! from wasm memory separately) plus ~8 effects and 3 listeners per row:
//! ~460 ms. The browser parses the same markup from one string in a fraction
//! of that. What opens on demand (an item's evidence, a group's "Vì sao?")
//! is a Leptos view mounted into its place when first opened.
//!
//! Everything taken from a ruleset or a draft goes through `esc`
//! (`crate::html::escape_into`): rulesets come from anyone
//! (tests/hostile/html-in-text-fields.json).

use super::*;
use crate::ids;
use rust_decimal::Decimal;
use std::any::Any;
use wasm_bindgen::JsCast;

use crate::html::escape_into as esc;

/// Appends `open`, `text` escaped, then `close`: an element holding text.
fn wrap(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    esc(out, text);
    out.push_str(close);
}

/// Appends a start tag's attributes; `None` values are left out, `Some("")`
/// is a boolean attribute.
fn attrs(out: &mut String, list: &[(&str, Option<&str>)]) {
    for (k, v) in list {
        if let Some(v) = v {
            out.push(' ');
            out.push_str(k);
            if !v.is_empty() {
                out.push_str("=\"");
                esc(out, v);
                out.push('"');
            }
        }
    }
}

fn item_class(depth: usize, invalid: bool) -> String {
    format!("item depth-{depth}{}", if invalid { " invalid" } else { "" })
}

fn msg_text(v: &Value, l: Lang) -> String {
    match v {
        Value::Invalid(e) => format!("{} {}", i18n::value_error(e, l), tr(l).not_counted),
        _ => String::new(),
    }
}

fn computed_text(v: &Value, kind: Kind, l: Lang) -> String {
    match v {
        Value::Valid(p) => format!("{}: {}{}", tr(l).computed, if kind == Kind::Penalty { "−" } else { "" }, i18n::num(*p, l)),
        _ => String::new(),
    }
}

fn evidence_button_text(count: usize, l: Lang) -> String {
    format!("{} ({count})", tr(l).evidence_heading)
}

/// Whether an item has the evidence disclosure at all.
fn has_evidence(n: &chamdiem_core::model::Node) -> bool {
    n.evidence != EvidenceRule::Never && n.assessed_by == AssessedBy::SelfScored
}

/// The markup of the whole tree, as it is at this moment.
pub(super) fn tree_html(form: &Form, l: Lang) -> String {
    let mut out = String::with_capacity(form.rs.nodes.len() * 900);
    for &id in &form.rs.roots {
        node_html(&mut out, form, id, l);
    }
    out
}

fn node_html(out: &mut String, form: &Form, id: NodeId, l: Lang) {
    if form.rs.nodes[id].is_item() {
        item_html(out, form, id, l)
    } else {
        group_html(out, form, id, l)
    }
}

/// The notes under a node's heading: who scores it, what is not verified, the ruleset's note.
fn badges_html(out: &mut String, form: &Form, id: NodeId, l: Lang) {
    let n = &form.rs.nodes[id];
    let mut p = |class: &str, strong: Option<&str>, text: &str| {
        out.push_str("<p class=\"");
        out.push_str(class);
        out.push_str("\">");
        if let Some(s) = strong {
            out.push_str("<strong>");
            esc(out, s);
            out.push_str(": </strong>");
        }
        esc(out, text);
        out.push_str("</p>");
    };
    // Who scores it is shown where it is declared, not repeated on every child.
    let parent_assessed = n.parent.map(|p| form.rs.nodes[p].assessed_by);
    if let Some(a) = (parent_assessed != Some(n.assessed_by)).then(|| i18n::assessed_by(n.assessed_by, l)).flatten() {
        p("badge assessed", None, a);
    }
    if let Some(nv) = &n.not_verified {
        p("badge nv", Some(tr(l).not_verified), nv);
    }
    if let Some(x) = &n.note {
        p("node-note", None, x);
    }
}

/// "Not applicable" for a node that allows it.
fn na_html(out: &mut String, form: &Form, id: NodeId, l: Lang) {
    let n = &form.rs.nodes[id];
    if n.not_applicable_allowed {
        out.push_str("<label class=\"na\"><input type=\"checkbox\"");
        let own_na = form.scorer.with_value(|s| s.is_not_applicable(id));
        attrs(out, &[("aria-label", Some(&i18n::na_label(&n.code, &n.title, l))), ("data-na", Some(&id.to_string())), ("checked", own_na.then_some(""))]);
        out.push('>');
        esc(out, tr(l).not_applicable);
        out.push_str("</label>");
    }
}

fn capped_text(a: &Agg, cap: Option<Decimal>, l: Lang) -> String {
    match (a.capped, cap) {
        (true, Some(c)) => i18n::capped(a.uncapped, c, l),
        _ => String::new(),
    }
}

fn group_html(out: &mut String, form: &Form, id: NodeId, l: Lang) {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    let agg = form.scorer.with_value(|s| s.agg(id).clone());
    out.push_str("<details open");
    attrs(out, &[("class", Some(&format!("group depth-{}", n.depth))), ("data-key", Some(&n.key))]);
    out.push_str("><summary><span class=\"code\">");
    esc(out, &n.code);
    out.push_str("</span> <span class=\"title\">");
    esc(out, &n.title);
    // The count of missing evidence shares the subtotal's line: appearing
    // while typing, it must not push the rest of the form down.
    out.push_str("</span> <span class=\"subtotal\"><span");
    attrs(out, &[("id", Some(&ids::group_subtotal(id)))]);
    out.push('>');
    esc(out, &subtotal_text(&agg, n.kind, l));
    out.push_str("</span>");
    let missing = form.missing_count.with_value(|m| m[id]);
    if missing > 0 {
        wrap(out, "<span class=\"warn-count\">", &i18n::missing_count(missing, l), "</span>");
    }
    out.push_str("</span></summary><div class=\"group-body\">");
    badges_html(out, form, id, l);
    if let Some(c) = n.cap {
        wrap(out, "<p class=\"badge bonus\">", &i18n::bonus_cap(c, l), "</p>");
    }
    if n.kind == Kind::Penalty && n.depth == 0 {
        wrap(out, "<p class=\"badge penalty\">", t.penalty_hint, "</p>");
    }
    // Only a group with a cap can be capped. Fewer elements per node is what
    // makes a long ruleset open fast, hence also the "Vì sao?" panel made on
    // first opening (`disclose`).
    if n.cap.is_some() {
        out.push_str("<p class=\"capped\" aria-live=\"polite\"");
        attrs(out, &[("id", Some(&ids::group_cap(id)))]);
        out.push('>');
        esc(out, &capped_text(&agg, n.cap, l));
        out.push_str("</p>");
    }
    out.push_str("<button type=\"button\" class=\"why\" aria-expanded=\"false\"");
    attrs(out, &[("aria-label", Some(&format!("{} — {} {}", t.why, n.code, n.title))), ("data-why", Some(&id.to_string()))]);
    out.push('>');
    esc(out, t.why);
    out.push_str("</button>");
    na_html(out, form, id, l);
    for &c in &n.children {
        node_html(out, form, c, l);
    }
    out.push_str("</div></details>");
}

fn item_html(out: &mut String, form: &Form, id: NodeId, l: Lang) {
    let n = &form.rs.nodes[id];
    let t = tr(l);
    let (value, na, first, second) =
        form.scorer.with_value(|s| (s.value(id).clone(), s.agg(id).not_applicable, s.raw(id).to_string(), s.second(id).to_string()));
    let invalid = matches!(value, Value::Invalid(_));
    let input_id = ids::item_field(id);
    let msg_id = ids::item_msg(id);
    // Absent means "false" (and `patch` reads it so): fewer bytes per row.
    let aria_invalid = invalid.then_some("true");
    let disabled = na.then_some("");

    out.push_str("<div");
    attrs(out, &[("class", Some(&item_class(n.depth, invalid))), ("id", Some(&ids::item_row(id))), ("data-key", Some(&n.key))]);
    // The label and the maximum share the first row of the item's grid (style.css).
    out.push_str("><label");
    attrs(out, &[("for", Some(&input_id))]);
    out.push_str("><span class=\"code\">");
    esc(out, &n.code);
    out.push_str("</span> ");
    esc(out, &n.title);
    out.push_str("</label><span class=\"max\">");
    let max_text = match (n.kind, n.max) {
        (Kind::Penalty, Some(m)) => format!("{}: −{}", t.max_prefix, i18n::num(m, l)),
        (Kind::Penalty, None) => t.penalty.to_string(),
        (_, Some(m)) => format!("{} {} {}", t.max_prefix, i18n::num(m, l), t.points),
        (_, None) => String::new(),
    };
    esc(out, &max_text);
    out.push_str("</span>");
    badges_html(out, form, id, l);

    out.push_str("<div class=\"item-entry\">");
    if n.kind == Kind::Penalty {
        out.push_str("<span class=\"minus\" aria-hidden=\"true\">−</span>");
    }
    let options: Option<Vec<(String, String)>> = match &n.rule {
        Rule::YesNo => Some(vec![("yes".into(), t.yes.into()), ("no".into(), t.no.into())]),
        r => r.labels().map(|ls| ls.into_iter().map(|x| (x.to_string(), x.to_string())).collect()),
    };
    if let Some(options) = options {
        out.push_str("<select");
        attrs(out, &[("id", Some(&input_id)), ("aria-invalid", aria_invalid), ("aria-describedby", Some(&msg_id)), ("disabled", disabled)]);
        out.push('>');
        for (v, label) in std::iter::once((String::new(), t.choose.to_string())).chain(options) {
            out.push_str("<option");
            attrs(out, &[("value", Some(&v)), ("selected", (v == first).then_some(""))]);
            out.push('>');
            esc(out, &label);
            out.push_str("</option>");
        }
        out.push_str("</select>");
    } else if let Rule::RatioBands { numerator, denominator, .. } | Rule::Proportional { achieved: numerator, target: denominator } = &n.rule {
        out.push_str("<span class=\"pair\">");
        let second_id = ids::item_second_field(id);
        for (fid, v, part) in [(&input_id, &first, numerator), (&second_id, &second, denominator)] {
            out.push_str("<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\"");
            attrs(
                out,
                &[
                    ("id", Some(fid)),
                    ("value", (!v.is_empty()).then_some(v.as_str())),
                    ("aria-label", Some(&i18n::pair_label(&n.code, &n.title, part))),
                    ("aria-invalid", aria_invalid),
                    ("aria-describedby", Some(&msg_id)),
                    ("disabled", disabled),
                ],
            );
            out.push('>');
            if fid == &input_id {
                wrap(out, "<span class=\"pair-sep\">", &format!("{numerator} / {denominator}"), "</span>");
            }
        }
        out.push_str("</span>");
    } else {
        let count = n.rule.is_count();
        out.push_str("<input type=\"text\" autocomplete=\"off\" spellcheck=\"false\"");
        attrs(
            out,
            &[
                ("id", Some(&input_id)),
                ("inputmode", Some(if count { "numeric" } else { "decimal" })),
                ("value", (!first.is_empty()).then_some(first.as_str())),
                ("aria-invalid", aria_invalid),
                ("aria-describedby", Some(&msg_id)),
                ("disabled", disabled),
            ],
        );
        out.push('>');
        if count {
            wrap(out, "<span class=\"unit\">", t.count_hint, "</span>");
        }
    }
    // Rules other than a plain number show the points they compute.
    if n.rule != Rule::Number {
        wrap(out, "<span class=\"computed\">", &computed_text(&value, n.kind, l), "</span>");
    }
    na_html(out, form, id, l);
    // In the entry row, not below it: a warning that appears with the first
    // point typed must not push the rest of the form down (the whole page
    // would be laid out and painted again on that keystroke).
    if form.missing.with_value(|m| m[id]) {
        wrap(out, "<span class=\"warn\">", t.warn_evidence, "</span>");
    }
    out.push_str("</div><p class=\"msg\" aria-live=\"polite\"");
    attrs(out, &[("id", Some(&msg_id))]);
    out.push('>');
    esc(out, &msg_text(&value, l));
    out.push_str("</p>");

    // A disclosure button, not <details>: Chromium keeps every closed
    // <details> as a locked subtree and walks them all on each frame — with
    // 2,000 items that doubled the time from a keystroke to the painted total.
    if has_evidence(n) {
        let count = form.draft.with_value(|d| d.entries.get(&n.key).map_or(0, |e| e.evidence.len()));
        let open = evidence_open(form, id);
        out.push_str("<button type=\"button\" class=\"evidence-toggle\"");
        attrs(
            out,
            &[
                ("id", Some(&ids::item_evidence(id))),
                ("data-ev", Some(&id.to_string())),
                ("aria-expanded", Some(if open { "true" } else { "false" })),
            ],
        );
        out.push('>');
        esc(out, &evidence_button_text(count, l));
        out.push_str("</button>");
    }
    out.push_str("</div>");
}

/// Whether an item's evidence starts open: it has some, or an explanation.
fn evidence_open(form: &Form, id: NodeId) -> bool {
    let n = &form.rs.nodes[id];
    has_evidence(n) && form.draft.with_value(|d| d.entries.get(&n.key).is_some_and(|e| !e.evidence.is_empty() || !e.explanation.is_empty()))
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
