//! The contents tree's markup (groups and items) as one HTML string: pure,
//! no DOM, so it is built and tested natively. src/form/tree.rs sets it into
//! the page once, wires its events and patches it (with the text functions
//! here) as scores change.
//!
//! Everything taken from a ruleset or a draft goes through `esc`
//! (`crate::html::escape_into`): rulesets come from anyone
//! (tests/hostile/html-in-text-fields.json). Ids come from `crate::ids`; the
//! browser tests find elements by them and by the accessible names given here.

use crate::html::{attrs, escape_into as esc, wrap};
use crate::i18n::{self, tr};
use crate::ids;
use chamdiem_core::ruleset::file::{AssessedBy, EvidenceRule, Kind};
use chamdiem_core::ruleset::model::{Node, Rule};
use chamdiem_core::score::Agg;
use chamdiem_core::record::Draft;
use chamdiem_core::{Lang, NodeId, Scorer, Value};
use rust_decimal::Decimal;

/// What the tree shows, as it is at this moment.
pub struct State<'a> {
    /// Values, aggregates and the ruleset (`scorer.ruleset()`).
    pub scorer: &'a Scorer,
    /// Evidence and explanations, per item key.
    pub draft: &'a Draft,
    /// Per node: whether the item misses evidence (the warning in its row).
    pub missing: &'a [bool],
    /// Per node: how many items under the group miss evidence.
    pub missing_count: &'a [usize],
}

/// An item row's class: its depth, and `invalid` when its value is not counted.
pub fn item_class(depth: usize, invalid: bool) -> String {
    format!("item depth-{depth}{}", if invalid { " invalid" } else { "" })
}

/// An item's message: why its value is not counted (empty when it is).
pub fn msg_text(v: &Value, l: Lang) -> String {
    match v {
        Value::Invalid(e) => format!("{} {}", i18n::value_error(e, l), tr(l).not_counted),
        _ => String::new(),
    }
}

/// What the field of points not assigned says: what is left of the
/// maximum, or why the declaration is not counted.
pub fn unassigned_text(v: &Value, max: Option<Decimal>, l: Lang) -> String {
    match v {
        Value::Invalid(e) => format!("{} {}", i18n::value_error(e, l), tr(l).not_counted),
        Value::Valid(u) if !u.is_zero() => i18n::unassigned_left(*u, max.unwrap_or_default() - *u, l),
        _ => String::new(),
    }
}

/// The class of that note: an error's (`msg`) or a remark's.
pub fn unassigned_class(v: &Value) -> &'static str {
    if matches!(v, Value::Invalid(_)) { "msg" } else { "un-note" }
}

/// The field of points not assigned, for an item whose ruleset allows it.
fn unassigned_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    let n = &st.scorer.ruleset().nodes[id];
    if !n.unassigned_allowed {
        return;
    }
    let (raw, v, na) = (st.scorer.unassigned_raw(id), st.scorer.unassigned(id), st.scorer.agg(id).not_applicable);
    let field = ids::item_unassigned(id);
    let msg = ids::item_unassigned_msg(id);
    out.push_str("<span class=\"unassigned\"><label");
    attrs(out, &[("for", Some(&field))]);
    out.push('>');
    esc(out, tr(l).unassigned);
    out.push_str("</label><input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\"");
    attrs(
        out,
        &[
            ("id", Some(&field)),
            ("data-un", Some(&id.to_string())),
            ("value", (!raw.is_empty()).then_some(raw)),
            ("aria-label", Some(&i18n::unassigned_label(&n.code, &n.title, l))),
            ("aria-invalid", matches!(v, Value::Invalid(_)).then_some("true")),
            ("aria-describedby", Some(&msg)),
            ("disabled", na.then_some("")),
        ],
    );
    out.push_str("></span>");
}

/// The points a rule other than a plain number gives for what was entered.
pub fn computed_text(v: &Value, kind: Kind, l: Lang) -> String {
    match v {
        Value::Valid(p) => format!("{}: {}{}", tr(l).computed, if kind == Kind::Penalty { "−" } else { "" }, i18n::num(*p, l)),
        _ => String::new(),
    }
}

/// The evidence button's text, with how many documents are listed.
pub fn evidence_button_text(count: usize, l: Lang) -> String {
    format!("{} ({count})", tr(l).evidence_heading)
}

/// Whether an item has the evidence disclosure at all.
pub fn has_evidence(n: &Node) -> bool {
    n.evidence != EvidenceRule::Never && n.assessed_by == AssessedBy::SelfScored
}

/// The markup of the whole tree, as it is at this moment.
pub fn tree_html(st: &State, l: Lang) -> String {
    let rs = st.scorer.ruleset();
    let mut out = String::with_capacity(rs.nodes.len() * 900);
    for &id in &rs.roots {
        node_html(&mut out, st, id, l);
    }
    out
}

fn node_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    if st.scorer.ruleset().nodes[id].is_item() {
        item_html(out, st, id, l)
    } else {
        group_html(out, st, id, l)
    }
}

/// The notes under a node's heading: who scores it, what is not verified, the ruleset's note.
fn badges_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    let rs = st.scorer.ruleset();
    let n = &rs.nodes[id];
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
    let parent_assessed = n.parent.map(|p| rs.nodes[p].assessed_by);
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
fn na_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    let n = &st.scorer.ruleset().nodes[id];
    if n.not_applicable_allowed {
        out.push_str("<label class=\"na\"><input type=\"checkbox\"");
        let own_na = st.scorer.is_not_applicable(id);
        attrs(out, &[("aria-label", Some(&i18n::na_label(&n.code, &n.title, l))), ("data-na", Some(&id.to_string())), ("checked", own_na.then_some(""))]);
        out.push('>');
        esc(out, tr(l).not_applicable);
        out.push_str("</label>");
    }
}

/// A capped group's note when its parts exceed the cap (empty otherwise).
pub fn capped_text(a: &Agg, cap: Option<Decimal>, l: Lang) -> String {
    match (a.capped, cap) {
        (true, Some(c)) => i18n::capped(a.uncapped, c, l),
        _ => String::new(),
    }
}

fn group_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    let n = &st.scorer.ruleset().nodes[id];
    let t = tr(l);
    let agg = st.scorer.agg(id);
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
    esc(out, &subtotal_text(agg, n.kind, l));
    out.push_str("</span>");
    let missing = st.missing_count[id];
    if missing > 0 {
        wrap(out, "<span class=\"warn-count\">", &i18n::missing_count(missing, l), "</span>");
    }
    out.push_str("</span></summary><div class=\"group-body\">");
    badges_html(out, st, id, l);
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
        esc(out, &capped_text(agg, n.cap, l));
        out.push_str("</p>");
    }
    out.push_str("<button type=\"button\" class=\"why\" aria-expanded=\"false\"");
    attrs(out, &[("aria-label", Some(&format!("{} — {} {}", t.why, n.code, n.title))), ("data-why", Some(&id.to_string()))]);
    out.push('>');
    esc(out, t.why);
    out.push_str("</button>");
    na_html(out, st, id, l);
    for &c in &n.children {
        node_html(out, st, c, l);
    }
    out.push_str("</div></details>");
}

fn item_html(out: &mut String, st: &State, id: NodeId, l: Lang) {
    let n = &st.scorer.ruleset().nodes[id];
    let t = tr(l);
    let s = st.scorer;
    let (value, na, first, second) = (s.value(id), s.agg(id).not_applicable, s.raw(id), s.second(id));
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
    badges_html(out, st, id, l);

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
        for (fid, v, part) in [(&input_id, first, numerator), (&second_id, second, denominator)] {
            out.push_str("<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\"");
            attrs(
                out,
                &[
                    ("id", Some(fid)),
                    ("value", (!v.is_empty()).then_some(v)),
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
                ("value", (!first.is_empty()).then_some(first)),
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
        wrap(out, "<span class=\"computed\">", &computed_text(value, n.kind, l), "</span>");
    }
    na_html(out, st, id, l);
    unassigned_html(out, st, id, l);
    // In the entry row, not below it: a warning that appears with the first
    // point typed must not push the rest of the form down (the whole page
    // would be laid out and painted again on that keystroke).
    if st.missing[id] {
        wrap(out, "<span class=\"warn\">", t.warn_evidence, "</span>");
    }
    out.push_str("</div><p class=\"msg\" aria-live=\"polite\"");
    attrs(out, &[("id", Some(&msg_id))]);
    out.push('>');
    esc(out, &msg_text(value, l));
    out.push_str("</p>");
    if n.unassigned_allowed {
        out.push_str("<p aria-live=\"polite\"");
        attrs(out, &[("class", Some(unassigned_class(s.unassigned(id)))), ("id", Some(&ids::item_unassigned_msg(id)))]);
        out.push('>');
        esc(out, &unassigned_text(s.unassigned(id), n.max, l));
        out.push_str("</p>");
    }

    // A disclosure button, not <details>: Chromium keeps every closed
    // <details> as a locked subtree and walks them all on each frame — with
    // 2,000 items that doubled the time from a keystroke to the painted total.
    if has_evidence(n) {
        let count = st.draft.entries.get(&n.key).map_or(0, |e| e.evidence.len());
        let open = evidence_open(n, st.draft);
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
pub fn evidence_open(n: &Node, draft: &Draft) -> bool {
    has_evidence(n) && draft.entries.get(&n.key).is_some_and(|e| !e.evidence.is_empty() || !e.explanation.is_empty())
}

/// A group's subtotal in words: points out of the maximum, and what is not counted yet.
pub fn subtotal_text(a: &Agg, kind: Kind, l: Lang) -> String {
    let t = tr(l);
    if a.not_applicable {
        return t.not_applicable.to_string();
    }
    let mut s = match kind {
        Kind::Penalty => format!("{} {}", i18n::num(a.points, l), t.points),
        _ => i18n::out_of(a.points, a.max, l),
    };
    if a.unscored > 0 {
        s.push_str(" · ");
        s.push_str(&i18n::unscored(a.unscored, l));
    }
    if a.invalid > 0 {
        s.push_str(" · ");
        s.push_str(&i18n::invalid(a.invalid, l));
    }
    s
}

#[cfg(test)]
mod tests;
