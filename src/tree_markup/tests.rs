//! The contents tree's markup read as a browser reads it: tokenized (a `<`
//! opens a tag, a `"` ends an attribute value, `&…;` are references), then
//! checked for what a user meets: every field named, ids, text shown as
//! typed, "not applicable" where allowed, messages and warnings.

use super::*;
use chamdiem_core::load_ruleset;
use chamdiem_core::record::{Entry, Evidence};
use std::sync::Arc;

/// An element of the parsed markup.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
}

#[derive(Debug)]
enum Child {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
    }
    fn has_class(&self, c: &str) -> bool {
        self.attr("class").is_some_and(|v| v.split(' ').any(|x| x == c))
    }
    /// This element and every one inside it, in document order.
    fn all(&self) -> Vec<&El> {
        let mut v = vec![self];
        for c in &self.children {
            if let Child::El(e) = c {
                v.extend(e.all());
            }
        }
        v
    }
    fn text(&self) -> String {
        self.children
            .iter()
            .map(|c| match c {
                Child::El(e) => e.text(),
                Child::Text(t) => t.clone(),
            })
            .collect()
    }
}

/// The five references `escape_into` writes, and nothing else: any other `&`
/// in the markup would be a bug (text shown differently from what was typed).
fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (with, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')]
            .into_iter()
            .find(|(r, _)| rest.starts_with(r))
            .map(|(r, c)| (c, r.len()))
            .unwrap_or_else(|| panic!("a bare '&' in the markup: {rest:.40}"));
        out.push(with);
        rest = &rest[len..];
    }
    out + rest
}

/// Elements that have no end tag.
const VOID: [&str; 1] = ["input"];

/// Parses the markup into a root element holding it. Panics on markup a
/// browser would read otherwise than it was meant (an end tag that closes
/// nothing open, an unquoted attribute value).
fn parse(html: &str) -> El {
    let mut stack = vec![El { name: "#root".into(), ..El::default() }];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').expect("end tag closed");
            let el = stack.pop().expect("open element");
            assert_eq!(el.name, &r[..end], "end tag closes the element open");
            stack.last_mut().expect("parent").children.push(Child::El(el));
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let name_end = r.find([' ', '>']).expect("tag name ends");
            let mut el = El { name: r[..name_end].into(), ..El::default() };
            let mut r = &r[name_end..];
            loop {
                r = r.trim_start_matches(' ');
                if let Some(x) = r.strip_prefix('>') {
                    r = x;
                    break;
                }
                let k_end = r.find(['=', ' ', '>']).expect("attribute name ends");
                let k = &r[..k_end];
                r = &r[k_end..];
                if let Some(x) = r.strip_prefix("=\"") {
                    let v_end = x.find('"').expect("attribute value ends");
                    el.attrs.push((k.into(), decode(&x[..v_end])));
                    r = &x[v_end + 1..];
                } else {
                    assert!(!r.starts_with('='), "unquoted value of {k}");
                    el.attrs.push((k.into(), String::new()));
                }
            }
            if VOID.contains(&el.name.as_str()) {
                stack.last_mut().expect("parent").children.push(Child::El(el));
            } else {
                stack.push(el);
            }
            rest = r;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            stack.last_mut().expect("parent").children.push(Child::Text(decode(&rest[..end])));
            rest = &rest[end..];
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    stack.pop().unwrap()
}

/// The tags the tree is made of; anything else came from a text.
const TAGS: [&str; 11] = ["details", "summary", "span", "div", "p", "strong", "label", "input", "select", "option", "button"];

/// A ruleset with markup, quotes and ampersands in every text the tree shows.
const HOSTILE: &str = r##"{
  "format": "cham-diem/ruleset", "format_version": 1, "id": "hong", "version": "1", "title": "T",
  "source": { "document": "x", "date": "01/01/2026", "issuer": "x" },
  "max_total": "10",
  "sections": [
    { "code": "1", "title": "<b>Nhóm</b> \"một\"", "max": "6", "not_applicable_allowed": true,
      "note": "<i onclick=\"alert(6)\">ghi chú</i> & 'x'", "not_verified": "</p><script>alert(7)</script>",
      "children": [
        { "code": "1.1", "title": "Tiêu chí <b>đậm</b> \"a\" & 'b' &amp;", "max": "4", "step": "0.5" },
        { "code": "1.2", "title": "Chọn", "max": "2",
          "rule": { "type": "choice", "options": [ { "label": "</option><b>hai</b>", "points": "2" }, { "label": "Không", "points": "0" } ] } }
      ] },
    { "code": "2", "title": "Tỷ lệ", "max": "4",
      "rule": { "type": "ratio_bands", "numerator": "\"><b>đã</b>", "denominator": "<b>tổng</b>",
        "bands": [ { "from_percent": "0", "points": "0" }, { "from_percent": "50", "points": "4" } ] } }
  ]
}"##;

const TRAINING: &str = include_str!("../../rulesets/tap-huan-mau.json");

/// The markup for `ruleset` with `draft`'s entries, no evidence missing unless `missing` says so.
fn markup(ruleset: &str, draft: &Draft, missing: &[(NodeId, usize)], l: Lang) -> (Scorer, El) {
    let rs = Arc::new(load_ruleset(ruleset).expect("ruleset loads"));
    let (scorer, problems) = draft.scorer(rs.clone());
    assert!(problems.is_empty(), "{problems:?}");
    let mut miss = vec![false; rs.nodes.len()];
    let mut count = vec![0; rs.nodes.len()];
    for &(id, c) in missing {
        if rs.nodes[id].is_item() {
            miss[id] = true;
        } else {
            count[id] = c;
        }
    }
    let html = tree_html(&State { scorer: &scorer, draft, missing: &miss, missing_count: &count }, l);
    (scorer, parse(&html))
}

fn by_id<'a>(root: &'a El, id: &str) -> &'a El {
    let found: Vec<&El> = root.all().into_iter().filter(|e| e.attr("id") == Some(id)).collect();
    assert_eq!(found.len(), 1, "exactly one element with id {id}");
    found[0]
}

/// What a screen reader announces for a form field: its `aria-label`, or the
/// text of the `<label for=…>` naming it.
fn accessible_name(root: &El, field: &El) -> String {
    if let Some(a) = field.attr("aria-label") {
        return a.to_string();
    }
    let id = field.attr("id").expect("a labelled field has an id");
    let labels: Vec<String> = root.all().into_iter().filter(|e| e.name == "label" && e.attr("for") == Some(id)).map(El::text).collect();
    assert!(labels.len() <= 1, "one label for {id}");
    labels.into_iter().next().unwrap_or_default()
}

fn draft_with(entries: &[(&str, Entry)]) -> Draft {
    let mut d = Draft::default();
    for (k, e) in entries {
        d.entries.insert(k.to_string(), e.clone());
    }
    d
}

#[test]
fn every_item_has_a_named_field_and_its_ids() {
    for l in [Lang::Vi, Lang::En] {
        let (s, root) = markup(TRAINING, &Draft::default(), &[], l);
        let rs = s.ruleset();
        let mut ids: Vec<&str> = root.all().into_iter().filter_map(|e| e.attr("id")).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        for &id in &rs.items {
            let node = &rs.nodes[id];
            let row = by_id(&root, &ids::item_row(id));
            assert_eq!(row.attr("data-key"), Some(node.key.as_str()));
            assert!(row.has_class("item") && row.has_class(&format!("depth-{}", node.depth)));
            let field = by_id(&root, &ids::item_field(id));
            assert!(field.name == "input" || field.name == "select", "{}: a field, not {}", node.key, field.name);
            let name = accessible_name(&root, field);
            assert!(name.contains(&node.code) && name.contains(&node.title), "{}: field named {name:?}", node.key);
            assert_eq!(field.attr("aria-describedby"), Some(ids::item_msg(id).as_str()));
            assert_eq!(by_id(&root, &ids::item_msg(id)).attr("aria-live"), Some("polite"));
            assert_eq!(field.attr("aria-invalid"), None, "nothing typed, nothing invalid");
            let pair = matches!(node.rule, Rule::RatioBands { .. } | Rule::Proportional { .. });
            let second: Vec<&El> = root.all().into_iter().filter(|e| e.attr("id") == Some(&ids::item_second_field(id))).collect();
            assert_eq!(second.len(), usize::from(pair), "{}: a second field only for a pair", node.key);
            if let (Some(f), Rule::Proportional { target, .. }) = (second.first(), &node.rule) {
                assert!(accessible_name(&root, f).ends_with(&format!("— {target}")));
            }
        }
        for (id, node) in rs.nodes.iter().enumerate().filter(|(_, n)| !n.is_item()) {
            let sub = by_id(&root, &ids::group_subtotal(id));
            assert!(!sub.text().is_empty());
            let why = root.all().into_iter().find(|e| e.attr("data-why") == Some(&id.to_string())).expect("a \"Vì sao?\" button");
            assert_eq!(why.name, "button");
            assert!(why.attr("aria-label").is_some_and(|a| a.contains(&node.code) && a.contains(&node.title)));
            assert_eq!(why.attr("aria-expanded"), Some("false"));
            let cap: Vec<&El> = root.all().into_iter().filter(|e| e.attr("id") == Some(&ids::group_cap(id))).collect();
            assert_eq!(cap.len(), usize::from(node.cap.is_some()), "{}: a cap note only with a cap", node.key);
        }
    }
}

#[test]
fn markup_in_a_ruleset_is_shown_as_text() {
    let (s, root) = markup(HOSTILE, &Draft::default(), &[], Lang::Vi);
    let rs = s.ruleset();
    for e in root.all().into_iter().skip(1) {
        assert!(TAGS.contains(&e.name.as_str()), "a <{}> element from a ruleset's text", e.name);
        assert!(e.attrs.iter().all(|(k, _)| !k.starts_with("on")), "an event handler attribute in <{}>", e.name);
    }
    let item = rs.find("1/1.1").unwrap();
    let label = root.all().into_iter().find(|e| e.name == "label" && e.attr("for") == Some(&ids::item_field(item))).unwrap();
    assert_eq!(label.text(), "1.1 Tiêu chí <b>đậm</b> \"a\" & 'b' &amp;");
    let group = root.all().into_iter().find(|e| e.has_class("title")).unwrap();
    assert_eq!(group.text(), "<b>Nhóm</b> \"một\"");
    let texts: Vec<String> = root.all().into_iter().map(El::text).collect();
    assert!(texts.iter().any(|t| t == "<i onclick=\"alert(6)\">ghi chú</i> & 'x'"), "the note");
    assert!(texts.iter().any(|t| t.ends_with("</p><script>alert(7)</script>")), "the not-verified note");
    let choice = by_id(&root, &ids::item_field(rs.find("1/1.2").unwrap()));
    let options: Vec<String> = choice.all().into_iter().filter(|e| e.name == "option").map(El::text).collect();
    assert_eq!(options[1..], ["</option><b>hai</b>".to_string(), "Không".to_string()]);
    let ratio = rs.find("2").unwrap();
    let second = by_id(&root, &ids::item_second_field(ratio));
    assert_eq!(accessible_name(&root, second), "2 Tỷ lệ — <b>tổng</b>");
    assert!(texts.iter().any(|t| t == "\"><b>đã</b> / <b>tổng</b>"), "the pair's separator");
}

#[test]
fn what_was_typed_comes_back_as_typed() {
    let typed = "\"><b>1</b> & 'x'";
    let d = draft_with(&[("1/1.1", Entry { value: Some(typed.into()), ..Entry::default() })]);
    let (s, root) = markup(HOSTILE, &d, &[], Lang::Vi);
    let id = s.ruleset().find("1/1.1").unwrap();
    let field = by_id(&root, &ids::item_field(id));
    assert_eq!(field.attr("value"), Some(typed));
    // Not a number: marked, explained, not counted.
    assert_eq!(field.attr("aria-invalid"), Some("true"));
    assert!(by_id(&root, &ids::item_row(id)).has_class("invalid"));
    assert!(by_id(&root, &ids::item_msg(id)).text().ends_with(tr(Lang::Vi).not_counted));
}

#[test]
fn a_valid_score_is_shown_and_counted() {
    let d = draft_with(&[("1/1.3", Entry { value: Some("5,5".into()), ..Entry::default() }), ("1/1.1", Entry { value: Some("yes".into()), ..Entry::default() })]);
    let (s, root) = markup(TRAINING, &d, &[], Lang::Vi);
    let rs = s.ruleset();
    let field = by_id(&root, &ids::item_field(rs.find("1/1.3").unwrap()));
    assert_eq!((field.attr("value"), field.attr("aria-invalid")), (Some("5,5"), None));
    assert_eq!(by_id(&root, &ids::item_msg(rs.find("1/1.3").unwrap())).text(), "");
    let yes_no = by_id(&root, &ids::item_field(rs.find("1/1.1").unwrap()));
    let selected: Vec<&El> = yes_no.all().into_iter().filter(|e| e.attr("selected").is_some()).collect();
    assert_eq!(selected.len(), 1);
    assert_eq!(selected[0].attr("value"), Some("yes"));
    let computed = by_id(&root, &ids::item_row(rs.find("1/1.1").unwrap())).all().into_iter().find(|e| e.has_class("computed")).map(El::text);
    assert_eq!(computed.as_deref(), Some("Điểm tính được: 2"));
    assert!(by_id(&root, &ids::group_subtotal(rs.find("1").unwrap())).text().starts_with("7,5 / 20"));
}

#[test]
fn not_applicable_only_where_the_ruleset_allows_it() {
    let d = draft_with(&[("3", Entry { not_applicable: true, ..Entry::default() })]);
    let (s, root) = markup(TRAINING, &d, &[], Lang::Vi);
    let rs = s.ruleset();
    let boxes: Vec<&El> = root.all().into_iter().filter(|e| e.attr("data-na").is_some()).collect();
    let allowed: Vec<String> = rs.nodes.iter().enumerate().filter(|(_, n)| n.not_applicable_allowed).map(|(i, _)| i.to_string()).collect();
    assert!(!allowed.is_empty());
    assert_eq!(boxes.iter().map(|b| b.attr("data-na").unwrap().to_string()).collect::<Vec<_>>(), allowed);
    for b in &boxes {
        let node = &rs.nodes[b.attr("data-na").unwrap().parse::<usize>().unwrap()];
        assert_eq!((b.name.as_str(), b.attr("type")), ("input", Some("checkbox")));
        assert!(accessible_name(&root, b).contains(&node.title), "{}", node.key);
        assert_eq!(b.attr("checked").is_some(), node.key == "3", "{}: ticked as the draft says", node.key);
    }
    // Everything under a group marked not applicable is disabled; nothing else is.
    let three = rs.find("3").unwrap();
    for &id in &rs.items {
        let under = std::iter::successors(Some(id), |&i| rs.nodes[i].parent).any(|a| a == three);
        assert_eq!(by_id(&root, &ids::item_field(id)).attr("disabled").is_some(), under, "{}", rs.nodes[id].key);
    }
    assert_eq!(by_id(&root, &ids::group_subtotal(three)).text(), tr(Lang::Vi).not_applicable);
}

#[test]
fn evidence_buttons_counts_and_warnings() {
    let ev = Evidence { number: "1/QĐ".into(), date: "01/02/2026".into(), summary: "<b>x</b>".into(), ..Evidence::default() };
    let d = draft_with(&[("1/1.3", Entry { value: Some("1".into()), evidence: vec![ev], ..Entry::default() })]);
    let rs = Arc::new(load_ruleset(TRAINING).unwrap());
    let (warned, group) = (rs.find("1/1.1").unwrap(), rs.find("1").unwrap());
    let (_, root) = markup(TRAINING, &d, &[(warned, 1), (group, 1)], Lang::Vi);
    for &id in &rs.items {
        let n = &rs.nodes[id];
        let buttons: Vec<&El> = root.all().into_iter().filter(|e| e.attr("id") == Some(&ids::item_evidence(id))).collect();
        let expected = n.evidence != EvidenceRule::Never && n.assessed_by == AssessedBy::SelfScored;
        assert_eq!(buttons.len(), usize::from(expected), "{}: an evidence button only where evidence is asked of the agency", n.key);
        if let Some(b) = buttons.first() {
            let with = n.key == "1/1.3";
            assert_eq!(b.attr("aria-expanded"), Some(if with { "true" } else { "false" }), "{}: opens with evidence", n.key);
            assert!(b.text().ends_with(if with { "(1)" } else { "(0)" }), "{}: {}", n.key, b.text());
        }
        let warn = by_id(&root, &ids::item_row(id)).all().into_iter().any(|e| e.has_class("warn"));
        assert_eq!(warn, id == warned, "{}: the missing-evidence warning", n.key);
    }
    let line = root.all().into_iter().find(|e| e.has_class("subtotal") && e.all().iter().any(|x| x.attr("id") == Some(&ids::group_subtotal(group)))).unwrap();
    let count = line.all().into_iter().find(|e| e.has_class("warn-count")).map(El::text);
    assert_eq!(count, Some(i18n::missing_count(1, Lang::Vi)));
}
