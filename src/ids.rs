//! The element ids the pages give what they draw, named in one place. The
//! contents tree's markup, its patches, the to-do list's jumps and the browser
//! tests (tests/browser) all find elements by them: change one here, and there.
//! `N` is a node's index in the ruleset (`NodeId`), `C` a condition's or a
//! classification's.

use chamdiem_core::NodeId;

/// An item's row: `it-N`.
pub fn item_row(n: NodeId) -> String {
    format!("it-{n}")
}

/// An item's score field (the first of a pair): `item-N`.
pub fn item_field(n: NodeId) -> String {
    format!("item-{n}")
}

/// The second field of a pair ("achieved / target"): `item-N-of`.
pub fn item_second_field(n: NodeId) -> String {
    format!("item-{n}-of")
}

/// The item and whether it is the second field of a pair, from a score
/// field's id (`item-N`, `item-N-of`); the reverse of the two above.
pub fn parse_item_field(id: &str) -> Option<(NodeId, bool)> {
    let rest = id.strip_prefix("item-")?;
    let (num, second) = match rest.strip_suffix("-of") {
        Some(n) => (n, true),
        None => (rest, false),
    };
    Some((num.parse().ok()?, second))
}

/// An item's message (why a value is not counted): `msg-N`.
pub fn item_msg(n: NodeId) -> String {
    format!("msg-{n}")
}

/// An item's field for the points not assigned to the agency: `un-N`.
pub fn item_unassigned(n: NodeId) -> String {
    format!("un-{n}")
}

/// What that field says (what is left, or why it is not counted): `un-msg-N`.
pub fn item_unassigned_msg(n: NodeId) -> String {
    format!("un-msg-{n}")
}

/// An item's evidence button: `item-N-evidence`.
pub fn item_evidence(n: NodeId) -> String {
    format!("item-{n}-evidence")
}

/// The evidence panel that button opens: `item-N-evidence-body`.
pub fn item_evidence_body(n: NodeId) -> String {
    format!("item-{n}-evidence-body")
}

/// An item's explanation field, in its evidence panel: `expl-N`.
pub fn item_explanation(n: NodeId) -> String {
    format!("expl-{n}")
}

/// A group's subtotal: `sub-N`.
pub fn group_subtotal(n: NodeId) -> String {
    format!("sub-{n}")
}

/// A capped group's note on its cap: `cap-N`.
pub fn group_cap(n: NodeId) -> String {
    format!("cap-{n}")
}

/// A group's "Vì sao?" panel: `why-N-panel`.
pub fn group_why_panel(n: NodeId) -> String {
    format!("why-{n}-panel")
}

/// The total's "Vì sao?" panel.
pub const WHY_TOTAL_PANEL: &str = "why-total-panel";

/// A classification's "Vì sao?" panel: `why-level-C-panel`.
pub fn level_why_panel(c: usize) -> String {
    format!("why-level-{c}-panel")
}

/// A condition's radio group (its `name`): `cond-C`.
pub fn condition(c: usize) -> String {
    format!("cond-{c}")
}

/// A condition's answer: `cond-C-yes`, `cond-C-no`, `cond-C-unanswered`.
pub fn condition_answer(c: usize, answer: Option<bool>) -> String {
    let which = match answer {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unanswered",
    };
    format!("cond-{c}-{which}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_ones_the_browser_tests_find() {
        let built = [
            (item_row(7), "it-7"),
            (item_field(7), "item-7"),
            (item_second_field(7), "item-7-of"),
            (item_msg(7), "msg-7"),
            (item_evidence(7), "item-7-evidence"),
            (item_evidence_body(7), "item-7-evidence-body"),
            (item_explanation(7), "expl-7"),
            (group_subtotal(3), "sub-3"),
            (group_cap(3), "cap-3"),
            (group_why_panel(3), "why-3-panel"),
            (level_why_panel(1), "why-level-1-panel"),
            (condition(0), "cond-0"),
            (condition_answer(0, Some(true)), "cond-0-yes"),
            (condition_answer(0, Some(false)), "cond-0-no"),
            (condition_answer(0, None), "cond-0-unanswered"),
        ];
        for (id, want) in built {
            assert_eq!(id, want);
        }
    }

    #[test]
    fn a_field_id_reads_back_and_nothing_else_does() {
        for n in [0, 7, 1999] {
            assert_eq!(parse_item_field(&item_field(n)), Some((n, false)));
            assert_eq!(parse_item_field(&item_second_field(n)), Some((n, true)));
        }
        for other in ["item-7-evidence", "item-7-evidence-body", "it-7", "msg-7", "item-", "item--of", "item-x", "sub-7"] {
            assert_eq!(parse_item_field(other), None, "{other}");
        }
    }
}
