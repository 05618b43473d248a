//! The live state of one self-assessment: raw text, checked value and
//! aggregate per node. Changing one item recomputes that item and its
//! ancestors only (each from its direct children), so a keystroke costs
//! O(depth × fan-out), not O(items).

use super::decide::{decide, ClassResult};
use super::value::{check_unassigned, check_value_within, Value};
use crate::decimal::percent_rounded_2dp;
use crate::ruleset::file::{AssessedBy, Kind};
use crate::ruleset::model::{NodeId, Ruleset};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What a node adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agg {
    /// Points counted (a bonus group's are capped; a penalty's are negative).
    pub points: Decimal,
    /// Applicable maximum (not-applicable parts left out; bonus at its cap;
    /// penalty adds nothing).
    pub max: Decimal,
    /// A bonus group's points before the cap.
    pub uncapped: Decimal,
    /// True when a bonus group's parts exceed its cap.
    pub capped: bool,
    /// Ordinary items, not marked not applicable, with nothing typed.
    pub unscored: u32,
    /// Items whose value is not counted because it is invalid.
    pub invalid: u32,
    /// Parts scored by others (survey, leaders) with no value yet: left out
    /// of the maximum, so the result is provisional over the self-scored part.
    pub awaiting: u32,
    /// This node (or an ancestor) is marked not applicable.
    pub not_applicable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub points: Decimal,
    pub max: Decimal,
    pub percent: Option<Decimal>,
    pub unscored: u32,
    pub invalid: u32,
    /// Parts scored by others that have no value yet.
    pub awaiting: u32,
    pub classifications: Vec<ClassResult>,
}

impl Summary {
    /// Whether any level waits on an unanswered condition.
    pub fn conditions_pending(&self) -> bool {
        self.classifications.iter().any(|c| c.outcome.as_ref().is_some_and(|o| o.pending.is_some() || !o.pending_vetoes.is_empty()))
    }

    /// Results are final when every item is scored or not applicable, no
    /// value is invalid, every part scored by others is known and no level
    /// waits on an unanswered condition.
    pub fn is_final(&self) -> bool {
        self.unscored == 0 && self.invalid == 0 && self.awaiting == 0 && !self.conditions_pending()
    }
}

/// The live state of one self-assessment.
#[derive(Debug, Clone)]
pub struct Scorer {
    rs: Arc<Ruleset>,
    raw: Vec<String>,
    second: Vec<String>,
    values: Vec<Value>,
    /// Points of the maximum declared not assigned (as typed, and checked).
    unassigned_raw: Vec<String>,
    unassigned: Vec<Value>,
    na: Vec<bool>,
    agg: Vec<Agg>,
    answers: Vec<Option<bool>>,
}

impl Scorer {
    pub fn new(rs: Arc<Ruleset>) -> Self {
        let n = rs.nodes.len();
        let mut s = Scorer {
            raw: vec![String::new(); n],
            second: vec![String::new(); n],
            values: vec![Value::Blank; n],
            unassigned_raw: vec![String::new(); n],
            unassigned: vec![Value::Blank; n],
            na: vec![false; n],
            agg: vec![Agg::default(); n],
            answers: vec![None; rs.conditions.len()],
            rs,
        };
        // Children come after their parent in the arena: compute bottom-up.
        for id in (0..n).rev() {
            s.agg[id] = s.compute(id, false);
        }
        s
    }

    pub fn ruleset(&self) -> &Arc<Ruleset> {
        &self.rs
    }
    pub fn agg(&self, id: NodeId) -> &Agg {
        &self.agg[id]
    }
    pub fn value(&self, id: NodeId) -> &Value {
        &self.values[id]
    }
    pub fn raw(&self, id: NodeId) -> &str {
        &self.raw[id]
    }
    /// The second number of a two-number rule (ratio, proportional).
    pub fn second(&self, id: NodeId) -> &str {
        &self.second[id]
    }
    /// The points declared not assigned on item `id`, as typed and checked.
    pub fn unassigned_raw(&self, id: NodeId) -> &str {
        &self.unassigned_raw[id]
    }
    pub fn unassigned(&self, id: NodeId) -> &Value {
        &self.unassigned[id]
    }
    /// What leaves item `id`'s maximum: the unassigned points when valid.
    fn unassigned_points(&self, id: NodeId) -> Decimal {
        match self.unassigned[id] {
            Value::Valid(u) => u,
            _ => Decimal::ZERO,
        }
    }

    pub fn is_not_applicable(&self, id: NodeId) -> bool {
        self.na[id]
    }
    pub fn answer(&self, condition: usize) -> Option<bool> {
        self.answers[condition]
    }

    /// Sets what was typed into item `id`; returns the nodes whose aggregate
    /// changed (the item and ancestors), for the view to refresh.
    pub fn set_value(&mut self, id: NodeId, raw: &str) -> Vec<NodeId> {
        if !self.rs.nodes[id].is_item() {
            return Vec::new();
        }
        self.raw[id] = raw.to_string();
        self.values[id] = check_value_within(&self.rs.nodes[id], raw, &self.second[id], self.unassigned_points(id));
        self.refresh_path(id)
    }

    /// Declares points of item `id`'s maximum not assigned to the agency (""
    /// = none); the value typed is checked again against what is left.
    /// Refused (returns nothing) where the ruleset does not allow it.
    pub fn set_unassigned(&mut self, id: NodeId, raw: &str) -> Vec<NodeId> {
        if !self.rs.nodes[id].unassigned_allowed {
            return Vec::new();
        }
        self.unassigned_raw[id] = raw.to_string();
        self.unassigned[id] = check_unassigned(&self.rs.nodes[id], raw);
        let typed = self.raw[id].clone();
        self.set_value(id, &typed)
    }

    /// Sets both numbers of a two-number rule (ratio bands, proportional).
    pub fn set_pair(&mut self, id: NodeId, first: &str, second: &str) -> Vec<NodeId> {
        if !self.rs.nodes[id].is_item() {
            return Vec::new();
        }
        self.second[id] = second.to_string();
        self.set_value(id, first)
    }

    /// Sets both numbers of many items at once (a record's entries): each
    /// as [`Scorer::set_pair`] would, every node above them recomputed once
    /// at the end rather than after each value. Groups are passed over.
    pub fn set_pairs<'a>(&mut self, pairs: impl IntoIterator<Item = (NodeId, &'a str, &'a str)>) {
        let mut dirty = vec![false; self.rs.nodes.len()];
        for (id, first, second) in pairs {
            if !self.rs.nodes[id].is_item() {
                continue;
            }
            self.second[id] = second.to_string();
            self.raw[id] = first.to_string();
            self.values[id] = check_value_within(&self.rs.nodes[id], first, second, self.unassigned_points(id));
            let mut cur = Some(id);
            while let Some(n) = cur.filter(|&n| !dirty[n]) {
                dirty[n] = true;
                cur = self.rs.nodes[n].parent;
            }
        }
        // Children come after their parent in the arena: bottom-up.
        for id in (0..dirty.len()).rev().filter(|&id| dirty[id]) {
            self.agg[id] = self.compute(id, self.inherited_na(id));
        }
    }

    /// Marks a node not applicable (or applicable again). Refused (returns
    /// nothing) where the ruleset does not allow it.
    pub fn set_not_applicable(&mut self, id: NodeId, na: bool) -> Vec<NodeId> {
        if !self.rs.nodes[id].not_applicable_allowed || self.na[id] == na {
            return Vec::new();
        }
        self.na[id] = na;
        // Every descendant's "not applicable" flag follows; recompute the subtree.
        let end = self.rs.subtree_end(id);
        for n in (id..end).rev() {
            self.agg[n] = self.compute(n, self.inherited_na(n));
        }
        let mut changed: Vec<NodeId> = (id..end).collect();
        if let Some(p) = self.rs.nodes[id].parent {
            changed.extend(self.refresh_path(p));
        }
        changed
    }

    /// Answers a condition (`None` = unanswered).
    pub fn set_answer(&mut self, condition: usize, answer: Option<bool>) {
        if let Some(slot) = self.answers.get_mut(condition) {
            *slot = answer;
        }
    }

    /// Nodes are in document order, so a subtree is a contiguous range.
    fn inherited_na(&self, id: NodeId) -> bool {
        self.rs.path_to_root(id).any(|n| self.na[n])
    }

    fn refresh_path(&mut self, from: NodeId) -> Vec<NodeId> {
        let mut changed = Vec::new();
        let mut cur = Some(from);
        while let Some(id) = cur {
            let na = self.inherited_na(id);
            let a = self.compute(id, na);
            if a != self.agg[id] {
                self.agg[id] = a;
                changed.push(id);
            } else if id != from {
                break; // nothing above can change either
            }
            cur = self.rs.nodes[id].parent;
        }
        changed
    }

    fn compute(&self, id: NodeId, na_above: bool) -> Agg {
        let node = &self.rs.nodes[id];
        if na_above || self.na[id] {
            return Agg { not_applicable: true, ..Agg::default() };
        }
        if node.is_item() {
            let max = match node.kind {
                Kind::Penalty => Decimal::ZERO,
                _ => node.max.unwrap_or_default() - self.unassigned_points(id),
            };
            let mut a = Agg { max, ..Agg::default() };
            if matches!(self.unassigned[id], Value::Invalid(_)) {
                a.invalid = 1;
            }
            match &self.values[id] {
                Value::Blank if node.assessed_by != AssessedBy::SelfScored && node.kind == Kind::Normal => {
                    a.max = Decimal::ZERO;
                    a.awaiting = 1;
                }
                Value::Blank => a.unscored = u32::from(node.kind == Kind::Normal),
                Value::Invalid(_) => a.invalid = 1,
                Value::Valid(_) if a.invalid > 0 => {}
                Value::Valid(v) => a.points = if node.kind == Kind::Penalty { -*v } else { *v },
            }
            a.uncapped = a.points;
            return a;
        }
        let mut a = Agg::default();
        for &c in &node.children {
            let ca = &self.agg[c];
            a.points += ca.points;
            a.max += ca.max;
            a.unscored += ca.unscored;
            a.invalid += ca.invalid;
            a.awaiting += ca.awaiting;
        }
        a.uncapped = a.points;
        if let (Kind::Bonus, Some(cap)) = (node.kind, node.cap) {
            if a.points > cap {
                a.points = cap;
                a.capped = true;
            }
            a.max = a.max.min(cap);
        }
        a
    }

    /// Points and applicable maximum over some sections.
    pub fn over(&self, sections: &[NodeId]) -> (Decimal, Decimal) {
        sections.iter().fold((Decimal::ZERO, Decimal::ZERO), |(p, m), &s| (p + self.agg[s].points, m + self.agg[s].max))
    }

    pub fn summary(&self) -> Summary {
        let (points, max) = self.over(&self.rs.roots);
        let (unscored, invalid, awaiting) = self.rs.roots.iter().fold((0, 0, 0), |(u, i, w), &r| {
            let a = &self.agg[r];
            (u + a.unscored, i + a.invalid, w + a.awaiting)
        });
        let classifications = self
            .rs
            .classifications
            .iter()
            .map(|c| {
                let (points, max) = self.over(&c.sections);
                let percent = percent_rounded_2dp(points, max);
                let outcome = percent.map(|p| decide(c, points, max, p, self.rs.decide_on, &self.answers));
                ClassResult { points, max, percent, outcome }
            })
            .collect();
        Summary { points, max, percent: percent_rounded_2dp(points, max), unscored, invalid, awaiting, classifications }
    }
}
