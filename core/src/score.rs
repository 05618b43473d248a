//! Scoring: what the agency typed → checked values → group subtotals,
//! percentages and levels, all in exact decimals.
//!
//! The [`Scorer`] keeps one aggregate per node. Changing one item recomputes
//! that item and its ancestors only (each from its direct children), so a
//! keystroke costs O(depth × fan-out), not O(items).

use crate::decimal::{format_decimal, parse_user_decimal, percent_rounded_2dp, Lang, NumberError};
use crate::file::{DecideOn, Kind};
use crate::model::{Level, Node, NodeId, Ruleset};
use rust_decimal::Decimal;
use std::sync::Arc;

/// Why a typed value is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    NotANumber,
    TooLong,
    Negative,
    /// Penalty points are typed as the deduction, without a minus sign.
    PenaltyTypedNegative,
    AboveMax { max: Decimal },
    NotMultiple { step: Decimal },
}

/// The message shown at a field whose value is not counted.
pub fn describe_value_error(e: &ValueError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match e {
        ValueError::NotANumber => if vi { "Không phải số. Nhập số như 4 hoặc 0,5.".into() } else { "Not a number. Type a number such as 4 or 0.5.".into() },
        ValueError::TooLong => if vi { "Số quá dài.".into() } else { "The number is too long.".into() },
        ValueError::Negative => if vi { "Điểm không được âm.".into() } else { "A score cannot be negative.".into() },
        ValueError::PenaltyTypedNegative => if vi { "Nhập số điểm bị trừ, không kèm dấu âm (ví dụ 1,5).".into() } else { "Type the points deducted, without a minus sign (e.g. 1.5).".into() },
        ValueError::AboveMax { max } => if vi { format!("Vượt điểm tối đa {}.", format_decimal(*max, lang)) } else { format!("Above the maximum of {}.", format_decimal(*max, lang)) },
        ValueError::NotMultiple { step } => if vi { format!("Điểm phải là bội số của {}.", format_decimal(*step, lang)) } else { format!("The score must be a multiple of {}.", format_decimal(*step, lang)) },
    }
}

/// The state of one item's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Blank,
    Valid(Decimal),
    Invalid(ValueError),
}

/// Checks what was typed into `node`'s field. Never adjusts the value: an
/// out-of-range number is an error, not a clamp.
pub fn check_value(node: &Node, raw: &str) -> Value {
    if raw.trim().is_empty() {
        return Value::Blank;
    }
    let v = match parse_user_decimal(raw) {
        Ok(v) => v,
        Err(NumberError::NotANumber) => return Value::Invalid(ValueError::NotANumber),
        Err(NumberError::TooLong) => return Value::Invalid(ValueError::TooLong),
    };
    if v.is_sign_negative() && !v.is_zero() {
        return Value::Invalid(if node.kind == Kind::Penalty { ValueError::PenaltyTypedNegative } else { ValueError::Negative });
    }
    if let Some(max) = node.max {
        if v > max {
            return Value::Invalid(ValueError::AboveMax { max });
        }
    }
    if !(v % node.step).is_zero() {
        return Value::Invalid(ValueError::NotMultiple { step: node.step });
    }
    Value::Valid(v)
}

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
    /// This node (or an ancestor) is marked not applicable.
    pub not_applicable: bool,
}

/// A classification's outcome at the current scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassResult {
    pub points: Decimal,
    pub max: Decimal,
    /// Percentage rounded half-up to two decimals; `None` when nothing
    /// applicable remains ("không xác định").
    pub percent: Option<Decimal>,
    /// `None` when the percentage is undetermined.
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The level reached, counting unanswered conditions as not met.
    pub level: usize,
    /// A higher level the points reach that waits on unanswered conditions:
    /// (level, indices into that level's `requires`).
    pub pending: Option<(usize, Vec<usize>)>,
    /// Levels the points reach but an answer rules out: (level, requirement).
    pub vetoed: Vec<(usize, usize)>,
    /// The level the points alone give on the exact percentage.
    pub by_exact: usize,
    /// The level the points alone give on the rounded percentage shown.
    pub by_rounded: usize,
}

impl Outcome {
    /// True when the rounded percentage on screen suggests another level
    /// than the one decided (e.g. 89,996% shows 90,00% but is below 90%).
    pub fn rounding_differs(&self) -> bool {
        self.by_exact != self.by_rounded
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub points: Decimal,
    pub max: Decimal,
    pub percent: Option<Decimal>,
    pub unscored: u32,
    pub invalid: u32,
    pub classifications: Vec<ClassResult>,
}

impl Summary {
    /// Results are final when every item is scored or not applicable, no
    /// value is invalid and no level waits on an unanswered condition.
    pub fn is_final(&self) -> bool {
        self.unscored == 0
            && self.invalid == 0
            && self.classifications.iter().all(|c| c.outcome.as_ref().is_none_or(|o| o.pending.is_none()))
    }
}

/// The live state of one self-assessment.
#[derive(Debug, Clone)]
pub struct Scorer {
    rs: Arc<Ruleset>,
    raw: Vec<String>,
    values: Vec<Value>,
    na: Vec<bool>,
    agg: Vec<Agg>,
    answers: Vec<Option<bool>>,
}

impl Scorer {
    pub fn new(rs: Arc<Ruleset>) -> Self {
        let n = rs.nodes.len();
        let mut s = Scorer {
            raw: vec![String::new(); n],
            values: vec![Value::Blank; n],
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
        self.values[id] = check_value(&self.rs.nodes[id], raw);
        self.refresh_path(id)
    }

    /// Marks a node not applicable (or applicable again). Refused (returns
    /// nothing) where the ruleset does not allow it.
    pub fn set_not_applicable(&mut self, id: NodeId, na: bool) -> Vec<NodeId> {
        if !self.rs.nodes[id].not_applicable_allowed || self.na[id] == na {
            return Vec::new();
        }
        self.na[id] = na;
        // Every descendant's "not applicable" flag follows; recompute the subtree.
        let end = self.subtree_end(id);
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
    fn subtree_end(&self, id: NodeId) -> NodeId {
        let depth = self.rs.nodes[id].depth;
        (id + 1..self.rs.nodes.len()).find(|&n| self.rs.nodes[n].depth <= depth).unwrap_or(self.rs.nodes.len())
    }

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
                _ => node.max.unwrap_or_default(),
            };
            let mut a = Agg { max, ..Agg::default() };
            match &self.values[id] {
                Value::Blank => a.unscored = u32::from(node.kind == Kind::Normal),
                Value::Invalid(_) => a.invalid = 1,
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
        let (unscored, invalid) =
            self.rs.roots.iter().fold((0, 0), |(u, i), &r| (u + self.agg[r].unscored, i + self.agg[r].invalid));
        let classifications = self
            .rs
            .classifications
            .iter()
            .map(|c| {
                let (points, max) = self.over(&c.sections);
                let percent = percent_rounded_2dp(points, max);
                let outcome = percent.map(|p| decide(&c.levels, points, max, p, self.rs.decide_on, &self.answers));
                ClassResult { points, max, percent, outcome }
            })
            .collect();
        Summary { points, max, percent: percent_rounded_2dp(points, max), unscored, invalid, classifications }
    }
}

/// Whether `points / max` reaches `level`, compared exactly:
/// points × 100 ≥ min × max (no division).
fn reaches_exact(level: &Level, points: Decimal, max: Decimal) -> bool {
    points * Decimal::ONE_HUNDRED >= level.min_percent * max
}

fn highest_by_points(levels: &[Level], reaches: impl Fn(&Level) -> bool) -> usize {
    (1..levels.len()).rev().find(|&i| reaches(&levels[i])).unwrap_or(0)
}

/// Picks the level: the highest one the points reach whose conditions hold.
/// The lowest level holds whatever the percentage (even below 0%).
pub fn decide(
    levels: &[Level],
    points: Decimal,
    max: Decimal,
    rounded: Decimal,
    decide_on: DecideOn,
    answers: &[Option<bool>],
) -> Outcome {
    let by_exact = highest_by_points(levels, |l| reaches_exact(l, points, max));
    let by_rounded = highest_by_points(levels, |l| rounded >= l.min_percent);
    let top = match decide_on {
        DecideOn::Exact => by_exact,
        DecideOn::Rounded => by_rounded,
    };
    let mut pending = None;
    let mut vetoed = Vec::new();
    for i in (1..=top).rev() {
        let mut failed = None;
        let mut unanswered = Vec::new();
        for (ri, r) in levels[i].requires.iter().enumerate() {
            match answers.get(r.condition).copied().flatten() {
                Some(a) if a == r.answer => {}
                Some(_) => failed = failed.or(Some(ri)),
                None => unanswered.push(ri),
            }
        }
        if let Some(ri) = failed {
            vetoed.push((i, ri));
        } else if !unanswered.is_empty() {
            pending.get_or_insert((i, unanswered));
        } else {
            return Outcome { level: i, pending, vetoed, by_exact, by_rounded };
        }
    }
    Outcome { level: 0, pending, vetoed, by_exact, by_rounded }
}
