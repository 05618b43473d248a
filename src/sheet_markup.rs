//! The printed score sheet's markup (biểu tổng hợp kết quả tự đánh giá, chấm
//! điểm) as one HTML string: a table laid out like the official ones — code,
//! criterion, maximum, self-score, evidence, explanation — with group
//! subtotals, the total, the percentage and levels, and the signature block.
//! Pure, like `tree_markup`: built and tested natively, and a string costs
//! the scoring page's wasm far less than a Leptos view per row (the sheet is
//! rarely opened, its code is downloaded by everyone). src/sheet.rs sets it
//! into the page; every text from a ruleset or a draft goes through `esc`.

use crate::html::{escape_into as esc, wrap};
use crate::i18n::{self, tr};
use chamdiem_core::record::Draft;
use chamdiem_core::ruleset::file::Kind;
use chamdiem_core::{Lang, Scorer, Value};

/// A node's points as a sheet prints them: an item's value (a penalty with
/// its minus, an invalid value in brackets, as typed), a group's subtotal,
/// or "Không áp dụng". Shared with the appraisal page's sheet of stages.
pub fn score_cell(s: &Scorer, id: usize, l: Lang) -> String {
    let n = s.ruleset().node(id);
    let a = s.agg(id);
    if a.not_applicable {
        tr(l).not_applicable.to_string()
    } else if n.is_item() {
        match s.value(id) {
            Value::Valid(v) if n.kind == Kind::Penalty => format!("−{}", i18n::num(*v, l)),
            Value::Valid(v) => i18n::num(*v, l),
            Value::Invalid(_) => format!("({})", s.raw(id)),
            Value::Blank => String::new(),
        }
    } else {
        i18n::num(a.points, l)
    }
}

/// A node's maximum as a sheet prints it (none for a penalty).
pub fn max_cell(s: &Scorer, id: usize, l: Lang) -> String {
    let n = s.ruleset().node(id);
    match (n.kind, n.max.or(n.cap)) {
        (Kind::Penalty, _) => String::new(),
        // Points declared not assigned: the maximum left, and the declared one beside it.
        (_, Some(m)) if s.agg(id).max < m && n.unassigned_allowed && !s.agg(id).not_applicable => format!("{} ({})", i18n::num(s.agg(id).max, l), i18n::num(m, l)),
        (_, Some(m)) => i18n::num(m, l),
        (_, None) => i18n::num(s.agg(id).max, l),
    }
}

/// The inside of `<section class="sheet" aria-labelledby="sheet-h">`: the
/// sheet of the scorer's state and the draft's words, dated `today`
/// ("05/12/2025").
pub fn sheet_inner_html(s: &Scorer, draft: &Draft, today: &str, l: Lang) -> String {
    let t = tr(l);
    let rs = s.ruleset();
    let summary = s.summary();
    let kind = i18n::agency_kinds(l).into_iter().find(|(k, _)| *k == draft.agency.kind).map_or("", |(_, label)| label);
    let mut o = String::with_capacity(4096 + rs.nodes.len() * 200);
    o.push_str("<div class=\"sheet-top\"><p class=\"sheet-agency\">");
    esc(&mut o, &draft.agency.name);
    o.push_str("<br><span class=\"sheet-kind\">(");
    esc(&mut o, kind);
    o.push_str(")</span></p><p class=\"sheet-nation\">");
    esc(&mut o, t.sheet_nation);
    wrap(&mut o, "<br><span class=\"sheet-motto\">", t.sheet_motto, "</span></p></div>");
    wrap(&mut o, "<h2 id=\"sheet-h\">", t.sheet_title, "</h2>");
    wrap(&mut o, "<p class=\"sheet-sub\">", &rs.title, "</p>");
    wrap(&mut o, "<p class=\"sheet-sub\">", &format!("{}: {} · {}: {today}", t.agency_year, draft.agency.year, t.sheet_date), "</p>");
    if !summary.is_final() {
        wrap(&mut o, "<p class=\"sheet-provisional\">", t.sheet_incomplete, "</p>");
    }
    o.push_str("<table class=\"sheet-table\"><thead><tr>");
    for h in [t.sheet_code, t.sheet_criterion, t.sheet_max, t.sheet_score, t.sheet_evidence, t.explanation] {
        wrap(&mut o, "<th scope=\"col\">", h, "</th>");
    }
    o.push_str("</tr></thead><tbody>");
    for (id, n) in rs.nodes.iter().enumerate() {
        o.push_str(&format!("<tr class=\"d{}{}\">", n.depth, if n.is_item() { "" } else { " group" }));
        wrap(&mut o, "<td class=\"code\">", &n.code, "</td>");
        wrap(&mut o, "<td class=\"crit\">", &n.title, "</td>");
        wrap(&mut o, "<td class=\"num\">", &max_cell(s, id, l), "</td>");
        wrap(&mut o, "<td class=\"num\">", &score_cell(s, id, l), "</td>");
        o.push_str("<td class=\"ev\">");
        let entry = draft.entries.get(&n.key);
        for x in entry.map(|e| e.evidence.as_slice()).unwrap_or_default().iter().filter(|x| !x.is_blank()) {
            let line = [x.number.as_str(), x.date.as_str(), x.summary.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
            wrap(&mut o, "<div>", &line, "</div>");
        }
        o.push_str("</td>");
        wrap(&mut o, "<td class=\"expl\">", entry.map_or("", |e| e.explanation.as_str()), "</td></tr>");
    }
    o.push_str("</tbody><tfoot><tr class=\"total\"><td></td>");
    wrap(&mut o, "<th scope=\"row\">", t.total, "</th>");
    wrap(&mut o, "<td class=\"num\">", &i18n::num(summary.max, l), "</td>");
    wrap(&mut o, "<td class=\"num\">", &i18n::num(summary.points, l), "</td>");
    wrap(&mut o, "<td colspan=\"2\">", &format!("{}: {}", t.percent, i18n::pct(summary.percent, l)), "</td></tr>");
    for (c, r) in rs.classifications.iter().zip(summary.classifications.iter()) {
        let level = r.outcome.as_ref().map_or(t.undetermined, |o| c.levels[o.level].label.as_str());
        o.push_str("<tr class=\"level\"><td></td>");
        wrap(&mut o, "<th scope=\"row\">", &c.title, "</th>");
        wrap(&mut o, "<td colspan=\"4\">", &format!("{level} ({})", i18n::pct(r.percent, l)), "</td></tr>");
    }
    o.push_str("</tfoot></table><div class=\"signature\"><div>");
    wrap(&mut o, "<p class=\"sig-role\">", t.sheet_preparer, "</p>");
    wrap(&mut o, "<p class=\"sig-hint\">", t.sheet_sign_hint, "</p>");
    wrap(&mut o, "<p class=\"sig-name\">", &draft.agency.preparer, "</p></div><div>");
    wrap(&mut o, "<p class=\"sig-date\">", &format!("{} {today}", t.sheet_place_date), "</p>");
    wrap(&mut o, "<p class=\"sig-role\">", t.sheet_head, "</p>");
    wrap(&mut o, "<p class=\"sig-hint\">", t.sheet_sign_seal, "</p></div></div>");
    o
}

#[cfg(test)]
mod tests {
    use super::sheet_inner_html;
    use chamdiem_core::record::{Draft, Entry, Evidence};
    use chamdiem_core::{load_ruleset, Lang, Scorer};
    use std::sync::Arc;

    #[test]
    fn texts_from_a_draft_are_escaped_and_the_cells_are_the_scorers() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rulesets/daklak-2025-chi-so-01.json")).unwrap();
        let rs = Arc::new(load_ruleset(&text).unwrap());
        let mut s = Scorer::new(rs.clone());
        s.set_value(rs.find("1").unwrap(), "42");
        s.set_value(rs.find("6").unwrap(), "2");
        let mut d = Draft::default();
        d.agency.name = "<b>Sở</b>".into();
        d.entries.insert("1".into(), Entry { explanation: "a & b".into(), evidence: vec![Evidence { number: "1/BC".into(), summary: "<i>x</i>".into(), ..Evidence::default() }], ..Entry::default() });
        let html = sheet_inner_html(&s, &d, "05/12/2025", Lang::Vi);
        assert!(html.contains("<p class=\"sheet-agency\">&lt;b&gt;Sở&lt;/b&gt;<br>"), "{html}");
        assert!(html.contains("<td class=\"num\">45</td><td class=\"num\">42</td><td class=\"ev\"><div>1/BC, &lt;i&gt;x&lt;/i&gt;</div></td><td class=\"expl\">a &amp; b</td>"), "{html}");
        assert!(html.contains("<td class=\"num\"></td><td class=\"num\">−2</td>"), "a penalty with its minus, no maximum: {html}");
        assert!(html.contains("<p class=\"sheet-provisional\">"), "unscored items: provisional");
        assert!(!html.contains("<b>") && !html.contains("<i>"));
    }
}
