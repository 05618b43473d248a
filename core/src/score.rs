//! Scoring: what the agency typed → checked values → group subtotals,
//! percentages and levels, all in exact decimals.
//!
//! The [`Scorer`] keeps one aggregate per node. Changing one item recomputes
//! that item and its ancestors only (each from its direct children), so a
//! keystroke costs O(depth × fan-out), not O(items).

use crate::decimal::{format_decimal, parse_user_decimal, percent_rounded_2dp, Lang, NumberError};
use crate::file::{DecideOn, Kind};
use crate::file::AssessedBy;
use crate::model::{Classification, Level, Node, NodeId, Rule, Ruleset};
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
    /// Not one of the item's options (choice, survey, yes/no).
    NotAnOption,
    /// A count must be a whole number.
    NotACount,
    /// One of two numbers is missing.
    MissingSecond,
    ZeroDenominator,
    NumeratorAboveDenominator,
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
        ValueError::NotAnOption => if vi { "Không phải một lựa chọn của tiêu chí này.".into() } else { "Not one of this item's options.".into() },
        ValueError::NotACount => if vi { "Nhập số lần là số nguyên không âm (0, 1, 2…).".into() } else { "Type the count as a whole number (0, 1, 2…).".into() },
        ValueError::MissingSecond => if vi { "Cần nhập cả hai số.".into() } else { "Both numbers are needed.".into() },
        ValueError::ZeroDenominator => if vi { "Số thứ hai (mẫu số) phải lớn hơn 0.".into() } else { "The second number (denominator) must be greater than 0.".into() },
        ValueError::NumeratorAboveDenominator => if vi { "Số thứ nhất không được lớn hơn số thứ hai.".into() } else { "The first number cannot exceed the second.".into() },
    }
}

/// The state of one item's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Blank,
    /// The points the input earns (a penalty's as the positive deduction).
    Valid(Decimal),
    Invalid(ValueError),
}

fn number(raw: &str, kind: Kind) -> Result<Decimal, ValueError> {
    let v = match parse_user_decimal(raw) {
        Ok(v) => v,
        Err(NumberError::NotANumber) => return Err(ValueError::NotANumber),
        Err(NumberError::TooLong) => return Err(ValueError::TooLong),
    };
    if v.is_sign_negative() && !v.is_zero() {
        return Err(if kind == Kind::Penalty { ValueError::PenaltyTypedNegative } else { ValueError::Negative });
    }
    Ok(v)
}

fn count(raw: &str) -> Result<Decimal, ValueError> {
    let v = number(raw, Kind::Normal).map_err(|e| if e == ValueError::TooLong { e } else { ValueError::NotACount })?;
    if !v.fract().is_zero() {
        return Err(ValueError::NotACount);
    }
    Ok(v)
}

/// The option `raw` names, compared without surrounding spaces or case.
fn option<'a>(options: &'a [(String, Decimal)], raw: &str) -> Result<&'a Decimal, ValueError> {
    let raw = raw.trim().to_lowercase();
    options.iter().find(|(l, _)| l.to_lowercase() == raw).map(|(_, v)| v).ok_or(ValueError::NotAnOption)
}

/// Checks what was typed into `node`'s field(s) and gives the points it earns.
/// Never adjusts a value: an out-of-range number is an error, not a clamp.
/// `second` is the second number of a two-number rule (ratio, proportional).
pub fn check_value(node: &Node, raw: &str, second: &str) -> Value {
    let blank = raw.trim().is_empty();
    let blank2 = second.trim().is_empty();
    if blank && (blank2 || !node.rule.is_pair()) {
        return Value::Blank;
    }
    match evaluate(node, raw, second, blank || blank2) {
        Ok(v) => Value::Valid(v),
        Err(e) => Value::Invalid(e),
    }
}

fn evaluate(node: &Node, raw: &str, second: &str, one_blank: bool) -> Result<Decimal, ValueError> {
    let max = node.max;
    let capped = |v: Decimal| max.map_or(v, |m| v.min(m));
    match &node.rule {
        Rule::Number => {
            let v = number(raw, node.kind)?;
            if let Some(max) = max {
                if v > max {
                    return Err(ValueError::AboveMax { max });
                }
            }
            if !(v % node.step).is_zero() {
                return Err(ValueError::NotMultiple { step: node.step });
            }
            Ok(v)
        }
        Rule::YesNo => match raw.trim().to_lowercase().as_str() {
            "yes" | "có" | "co" => Ok(max.unwrap_or_default()),
            "no" | "không" | "khong" => Ok(Decimal::ZERO),
            _ => Err(ValueError::NotAnOption),
        },
        Rule::Choice(options) => option(options, raw).copied(),
        Rule::Survey(answers) => {
            let pct = option(answers, raw)?;
            Ok(max.unwrap_or_default() * pct / Decimal::ONE_HUNDRED)
        }
        Rule::RatioBands { bands, .. } => {
            if one_blank {
                return Err(ValueError::MissingSecond);
            }
            let (n, d) = (count(raw)?, count(second)?);
            if d.is_zero() {
                return Err(ValueError::ZeroDenominator);
            }
            if n > d {
                return Err(ValueError::NumeratorAboveDenominator);
            }
            // The highest band whose start the ratio reaches, compared exactly.
            Ok(bands.iter().rev().find(|(from, _)| n * Decimal::ONE_HUNDRED >= *from * d).map(|(_, p)| *p).unwrap_or_default())
        }
        Rule::Proportional { .. } => {
            if one_blank {
                return Err(ValueError::MissingSecond);
            }
            let (a, t) = (number(raw, Kind::Normal)?, number(second, Kind::Normal)?);
            if t.is_zero() {
                return Err(ValueError::ZeroDenominator);
            }
            let m = max.unwrap_or_default();
            // max × a / t rounded half-up to 0,01, exactly: percent_rounded_2dp
            // computes round(x × 100 / y), so pass (m × a, t × 100).
            let v = percent_rounded_2dp(m * a, t * Decimal::ONE_HUNDRED).unwrap_or_default();
            Ok(capped(v))
        }
        Rule::PerOccurrence { points_each } => Ok(capped(count(raw)? * points_each)),
        Rule::DeductPercentPerOccurrence { percent_each } => {
            let m = max.unwrap_or_default();
            let left = (Decimal::ONE_HUNDRED - count(raw)? * percent_each).max(Decimal::ZERO);
            Ok(m * left / Decimal::ONE_HUNDRED)
        }
    }
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
    /// Parts scored by others (survey, leaders) with no value yet: left out
    /// of the maximum, so the result is provisional over the self-scored part.
    pub awaiting: u32,
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
    /// Vetoes (indices into the classification's `vetoes`) whose condition was
    /// answered so that they apply: the level is at most theirs.
    pub forced: Vec<usize>,
    /// Unanswered vetoes that would lower the level; `level` already assumes
    /// they apply, and `level_if_clear` is the level if none does.
    pub pending_vetoes: Vec<usize>,
    pub level_if_clear: usize,
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
        self.values[id] = check_value(&self.rs.nodes[id], raw, &self.second[id]);
        self.refresh_path(id)
    }

    /// Sets both numbers of a two-number rule (ratio bands, proportional).
    pub fn set_pair(&mut self, id: NodeId, first: &str, second: &str) -> Vec<NodeId> {
        if !self.rs.nodes[id].is_item() {
            return Vec::new();
        }
        self.second[id] = second.to_string();
        self.set_value(id, first)
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
                Value::Blank if node.assessed_by != AssessedBy::SelfScored && node.kind == Kind::Normal => {
                    a.max = Decimal::ZERO;
                    a.awaiting = 1;
                }
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

/// Whether `points / max` reaches `level`, compared exactly:
/// points × 100 ≥ min × max (no division).
fn reaches_exact(level: &Level, points: Decimal, max: Decimal) -> bool {
    points * Decimal::ONE_HUNDRED >= level.min_percent * max
}

fn highest_by_points(levels: &[Level], reaches: impl Fn(&Level) -> bool) -> usize {
    (1..levels.len()).rev().find(|&i| reaches(&levels[i])).unwrap_or(0)
}

/// Picks the level: the highest one the points reach whose conditions hold,
/// then lowered by any veto that applies. Unanswered conditions count as the
/// worse answer (the result is provisional until they are answered). The
/// lowest level holds whatever the percentage (even below 0%).
pub fn decide(
    c: &Classification,
    points: Decimal,
    max: Decimal,
    rounded: Decimal,
    decide_on: DecideOn,
    answers: &[Option<bool>],
) -> Outcome {
    let levels = &c.levels;
    let by_exact = highest_by_points(levels, |l| reaches_exact(l, points, max));
    let by_rounded = highest_by_points(levels, |l| rounded >= l.min_percent);
    let top = match decide_on {
        DecideOn::Exact => by_exact,
        DecideOn::Rounded => by_rounded,
    };
    let mut pending = None;
    let mut vetoed = Vec::new();
    let mut level = 0;
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
            level = i;
            break;
        }
    }
    let level_if_clear = level;
    let mut forced = Vec::new();
    let mut pending_vetoes = Vec::new();
    for (vi, v) in c.vetoes.iter().enumerate() {
        if v.level >= level_if_clear {
            continue;
        }
        match answers.get(v.condition).copied().flatten() {
            Some(a) if a == v.answer => forced.push(vi),
            Some(_) => {}
            None => pending_vetoes.push(vi),
        }
        if answers.get(v.condition).copied().flatten() != Some(!v.answer) {
            level = level.min(v.level);
        }
    }
    Outcome { level, pending, vetoed, forced, pending_vetoes, level_if_clear, by_exact, by_rounded }
}
