//! Invariants of the scoring that hold for every input, checked with proptest
//! over random edits of the shipped rulesets.
//!
//! The invariants, and why each holds for this format:
//! 1. Incremental = from scratch: after any sequence of edits, the live
//!    scorer (which recomputes only the edited path) has the same aggregates
//!    and summary as a fresh scorer given the final entries. This is what
//!    makes the path-to-root update safe.
//! 2. Order does not matter: the same entries give the same results.
//! 3. Points never exceed the applicable maximum: every valid item is at most
//!    its maximum, a bonus group counts at most min(cap, its parts' maxima),
//!    and a penalty only subtracts.
//! 4. Raising an ordinary or bonus item's score never lowers the total
//!    (a higher penalty deduction does, by design).
//! 5. Marking an unscored item not applicable never lowers the percentage
//!    while the points are ≥ 0. (With a negative total, from penalties, a
//!    smaller denominator makes the percentage more negative: not an
//!    invariant of this format, so not claimed.)

mod common;

use chamdiem_core::record::EntriesFile;
use chamdiem_core::ruleset::file::Kind;
use chamdiem_core::ruleset::model::Rule;
use chamdiem_core::{Scorer, Value};
use common::bundled_rulesets;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Typed values: valid and invalid numbers, counts, labels, blanks.
fn raw_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..2000).prop_map(|c| format!("{},{:02}", c / 100, c % 100)),
        (0u32..60).prop_map(|n| n.to_string()),
        (0u32..40).prop_map(|q| format!("{}.{}", q / 4, [0, 25, 5, 75][(q % 4) as usize])),
        Just(String::new()),
        Just("abc".to_string()),
        Just("-1".to_string()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("A".to_string()),
        Just("B".to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Set { item: usize, first: String, second: String },
    NotApplicable { node: usize, on: bool },
    Answer { condition: usize, answer: Option<bool> },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<usize>(), raw_value(), raw_value()).prop_map(|(item, first, second)| Op::Set { item, first, second }),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(node, on)| Op::NotApplicable { node, on }),
        1 => (any::<usize>(), prop::option::of(any::<bool>())).prop_map(|(condition, answer)| Op::Answer { condition, answer }),
    ]
}

fn apply(s: &mut Scorer, op: &Op) {
    let rs = s.ruleset().clone();
    match op {
        Op::Set { item, first, second } => {
            let id = rs.items[item % rs.items.len()];
            s.set_pair(id, first, second);
        }
        Op::NotApplicable { node, on } => {
            s.set_not_applicable(node % rs.nodes.len(), *on);
        }
        Op::Answer { condition, answer } => {
            if !rs.conditions.is_empty() {
                s.set_answer(condition % rs.conditions.len(), *answer);
            }
        }
    }
}

fn replay(s: &Scorer) -> Scorer {
    let mut fresh = Scorer::new(s.ruleset().clone());
    let problems = EntriesFile::from_scorer(s).apply(&mut fresh);
    assert!(problems.is_empty(), "{problems:?}");
    fresh
}

proptest! {
    // PROPTEST_CASES overrides the quick default, for long runs.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_from_scratch_and_order_does_not_matter(which in any::<usize>(), ops in prop::collection::vec(op(), 1..40)) {
        let all = bundled_rulesets();
        let rs = all[which % all.len()].clone();
        let mut live = Scorer::new(rs.clone());
        for o in &ops {
            apply(&mut live, o);
        }
        let fresh = replay(&live);
        for id in 0..rs.nodes.len() {
            prop_assert_eq!(live.agg(id), fresh.agg(id), "node {}", rs.nodes[id].key);
        }
        prop_assert_eq!(live.summary(), fresh.summary());
    }

    #[test]
    fn points_never_exceed_the_applicable_maximum(which in any::<usize>(), ops in prop::collection::vec(op(), 1..40)) {
        let all = bundled_rulesets();
        let mut s = Scorer::new(all[which % all.len()].clone());
        for o in &ops {
            apply(&mut s, o);
        }
        let sum = s.summary();
        prop_assert!(sum.points <= sum.max, "{} > {}", sum.points, sum.max);
        for c in &sum.classifications {
            prop_assert!(c.points <= c.max);
        }
    }

    #[test]
    fn raising_a_score_never_lowers_the_total(which in any::<usize>(), ops in prop::collection::vec(op(), 0..30), item in any::<usize>(), steps in 1u32..8) {
        let all = bundled_rulesets();
        let rs = all[which % all.len()].clone();
        let mut s = Scorer::new(rs.clone());
        for o in &ops {
            apply(&mut s, o);
        }
        let id = rs.items[item % rs.items.len()];
        let node = rs.node(id);
        prop_assume!(node.rule == Rule::Number && node.kind != Kind::Penalty);
        let max = node.max.unwrap();
        let before_value = match s.value(id) { Value::Valid(v) => *v, _ => Decimal::ZERO };
        s.set_value(id, &before_value.to_string());
        let base = s.summary().points;
        let higher = (before_value + node.step * Decimal::from(steps)).min(max);
        s.set_value(id, &higher.to_string());
        prop_assert!(s.summary().points >= base, "raising {} to {} lowered the total", node.key, higher);
    }

    #[test]
    fn not_applicable_on_an_unscored_item_never_lowers_a_nonnegative_percentage(which in any::<usize>(), ops in prop::collection::vec(op(), 0..30), item in any::<usize>()) {
        let all = bundled_rulesets();
        let rs = all[which % all.len()].clone();
        let mut s = Scorer::new(rs.clone());
        for o in &ops {
            apply(&mut s, o);
        }
        let candidates: Vec<usize> =
            rs.items.iter().copied().filter(|&i| rs.node(i).not_applicable_allowed && s.agg(i).unscored == 1).collect();
        let before = s.summary();
        if candidates.is_empty() || before.points < Decimal::ZERO {
            return Ok(());
        }
        let id = candidates[item % candidates.len()];
        s.set_not_applicable(id, true);
        let after = s.summary();
        match (before.percent, after.percent) {
            (Some(b), Some(a)) => prop_assert!(a >= b, "{} → {}", b, a),
            (Some(_), None) => prop_assert!(false, "a percentage became undetermined with items left"),
            _ => {}
        }
    }
}
