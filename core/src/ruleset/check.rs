//! Checking a ruleset: [`RulesetFile`] (as written) → [`Ruleset`] (checked,
//! flattened). Every problem is collected (not just the first) and names its
//! JSON path, so a ruleset author can fix a file in one pass.

use super::file::*;
use super::model::*;
use crate::json::{parse_json, Problem, ProblemKind};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Deepest nesting allowed below a section (section = depth 0).
pub const MAX_DEPTH: usize = 8;
/// Most nodes (sections, criteria, items) in one ruleset.
pub const MAX_NODES: usize = 10_000;

/// Parses and checks a ruleset file.
pub fn load_ruleset(text: &str) -> Result<Ruleset, Vec<Problem>> {
    let file = parse_json::<RulesetFile>(text)?;
    check(file)
}

struct Builder {
    nodes: Vec<Node>,
    problems: Vec<Problem>,
}

/// Checks a ruleset already read: the one check of every ruleset, whether
/// it comes from JSON ([`load_ruleset`]) or from a workbook (`book`).
pub fn check(f: RulesetFile) -> Result<Ruleset, Vec<Problem>> {
    let mut b = Builder { nodes: Vec::new(), problems: Vec::new() };
    if f.format != RULESET_FORMAT {
        b.problems.push(Problem::at("format", ProblemKind::WrongFormat { found: f.format.clone() }));
        return Err(b.problems);
    }
    if f.format_version != RULESET_FORMAT_VERSION {
        b.problems.push(Problem::at("format_version", ProblemKind::UnsupportedVersion { found: f.format_version, reads: RULESET_FORMAT_VERSION }));
        return Err(b.problems);
    }
    for (field, value) in [("id", &f.id), ("version", &f.version), ("title", &f.title)] {
        if value.trim().is_empty() {
            b.problems.push(Problem::at(field, ProblemKind::Empty { what: field_name(field) }));
        }
    }
    if f.sections.is_empty() {
        b.problems.push(Problem::at("sections", ProblemKind::Empty { what: "sections" }));
    }
    let mut roots = Vec::new();
    let mut seen = HashSet::new();
    let mut total = Decimal::ZERO;
    for (i, s) in f.sections.iter().enumerate() {
        let path = format!("sections[{i}]");
        if !seen.insert(s.code.clone()) {
            b.problems.push(Problem::at(format!("{path}.code"), ProblemKind::DuplicateCode { code: s.code.clone() }));
        }
        let kind = s.kind.unwrap_or_default();
        let assessed = s.assessed_by.unwrap_or_default();
        let (id, contributes) = b.add(s, None, kind, assessed, "", 0, path);
        roots.push(id);
        total += contributes;
    }
    if b.nodes.len() > MAX_NODES {
        b.problems.push(Problem::at("sections", ProblemKind::SizeLimit));
    }
    if b.problems.is_empty() && total != f.max_total.0 {
        b.problems.push(Problem::at(
            "max_total",
            ProblemKind::TotalMismatch { declared: show(f.max_total.0), sum: show(total) },
        ));
    }

    // Conditions.
    let mut cond_index = HashMap::new();
    let conditions: Vec<Condition> = f
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if cond_index.insert(c.id.clone(), i).is_some() {
                b.problems.push(Problem::at(format!("conditions[{i}].id"), ProblemKind::DuplicateId { id: c.id.clone() }));
            }
            Condition { id: c.id.clone(), question: c.question.clone(), not_verified: c.not_verified.clone() }
        })
        .collect();

    // Classifications.
    let mut class_ids = HashSet::new();
    let mut classifications = Vec::new();
    for (ci, c) in f.classifications.iter().enumerate() {
        let cpath = format!("classifications[{ci}]");
        if !class_ids.insert(c.id.clone()) {
            b.problems.push(Problem::at(format!("{cpath}.id"), ProblemKind::DuplicateId { id: c.id.clone() }));
        }
        let sections = match &c.sections {
            None => roots.clone(),
            Some(codes) => codes
                .iter()
                .enumerate()
                .filter_map(|(si, code)| {
                    let found = roots.iter().copied().find(|&r| b.nodes[r].code == *code);
                    if found.is_none() {
                        b.problems.push(Problem::at(format!("{cpath}.sections[{si}]"), ProblemKind::UnknownSection { code: code.clone() }));
                    }
                    found
                })
                .collect(),
        };
        if c.levels.is_empty() {
            b.problems.push(Problem::at(format!("{cpath}.levels"), ProblemKind::NoLevels));
        }
        let mut levels = Vec::new();
        let mut prev: Option<Decimal> = None;
        for (li, l) in c.levels.iter().enumerate() {
            let lpath = format!("{cpath}.levels[{li}]");
            let min = match (li, l.min_percent) {
                (0, Some(_)) => {
                    b.problems.push(Problem::at(format!("{lpath}.min_percent"), ProblemKind::FloorHasMinimum));
                    Decimal::ZERO
                }
                (0, None) => Decimal::ZERO,
                (_, None) => {
                    b.problems.push(Problem::at(lpath.clone(), ProblemKind::MissingField { field: "min_percent".into() }));
                    Decimal::ZERO
                }
                (_, Some(m)) => {
                    if m.0 <= Decimal::ZERO || m.0 > Decimal::ONE_HUNDRED {
                        b.problems.push(Problem::at(format!("{lpath}.min_percent"), ProblemKind::LevelOutOfRange));
                    } else if prev.is_some_and(|p| m.0 <= p) {
                        b.problems.push(Problem::at(format!("{lpath}.min_percent"), ProblemKind::LevelsOutOfOrder));
                    }
                    prev = Some(m.0);
                    m.0
                }
            };
            let requires = l
                .requires
                .iter()
                .enumerate()
                .filter_map(|(ri, r)| match cond_index.get(&r.condition) {
                    Some(&condition) => Some(Requirement { condition, answer: r.answer, text: r.text.clone() }),
                    None => {
                        b.problems.push(Problem::at(
                            format!("{lpath}.requires[{ri}].condition"),
                            ProblemKind::UnknownCondition { id: r.condition.clone() },
                        ));
                        None
                    }
                })
                .collect();
            levels.push(Level { label: l.label.clone(), min_percent: min, requires });
        }
        let vetoes = c
            .vetoes
            .iter()
            .enumerate()
            .filter_map(|(vi, v)| {
                let vpath = format!("{cpath}.vetoes[{vi}]");
                let condition = cond_index.get(&v.condition).copied();
                if condition.is_none() {
                    b.problems.push(Problem::at(format!("{vpath}.condition"), ProblemKind::UnknownCondition { id: v.condition.clone() }));
                }
                let level = levels.iter().position(|l: &Level| l.label == v.level);
                if level.is_none() {
                    b.problems.push(Problem::at(format!("{vpath}.level"), ProblemKind::UnknownLevel { label: v.level.clone() }));
                }
                Some(Veto { condition: condition?, answer: v.answer, level: level?, text: v.text.clone() })
            })
            .collect();
        classifications.push(Classification {
            id: c.id.clone(),
            title: c.title.clone(),
            sections,
            levels,
            vetoes,
            not_verified: c.not_verified.clone(),
            note: c.note.clone(),
        });
    }

    let ranking = f.ranking.as_ref().map(|r| b.ranking(r, &classifications));

    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    let items = (0..b.nodes.len()).filter(|&i| b.nodes[i].is_item()).collect();
    let by_key = b.nodes.iter().enumerate().map(|(i, n)| (n.key.clone(), i)).collect();
    let (illustrative, decide_on) = (f.illustrative(), f.decide_on());
    Ok(Ruleset {
        id: f.id,
        version: f.version,
        title: f.title,
        short_title: f.short_title,
        illustrative,
        source: f.source,
        not_verified: f.not_verified,
        notes: f.notes,
        max_total: f.max_total.0,
        nodes: b.nodes,
        roots,
        items,
        conditions,
        classifications,
        decide_on,
        ranking,
        by_key,
    })
}

fn field_name(f: &str) -> &'static str {
    match f {
        "id" => "id",
        "version" => "version",
        _ => "title",
    }
}

fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

impl Builder {
    /// Checks the ranking declaration against the nodes and classifications.
    fn ranking(&mut self, r: &RankingFile, classifications: &[Classification]) -> Ranking {
        let class = |b: &mut Self, id: &str, at: String| {
            let found = classifications.iter().position(|c| c.id == id);
            if found.is_none() {
                b.problems.push(Problem::at(at, ProblemKind::UnknownClassification { id: id.to_string() }));
            }
            found
        };
        let classification = r.classification.as_ref().and_then(|id| class(self, id, "ranking.classification".into()));
        let mut seen = HashSet::new();
        let mut tie_breaks = Vec::new();
        for (i, key) in r.tie_breaks.iter().enumerate() {
            let at = format!("ranking.tie_breaks[{i}]");
            match self.nodes.iter().position(|n| n.key == *key) {
                None => self.problems.push(Problem::at(at, ProblemKind::UnknownItem { key: key.clone() })),
                Some(_) if !seen.insert(key.as_str()) => self.problems.push(Problem::at(at, ProblemKind::DuplicateId { id: key.clone() })),
                Some(id) => tie_breaks.push(id),
            }
        }
        let quota = r.quota.as_ref().and_then(|q| {
            let c = class(self, &q.classification, "ranking.quota.classification".into());
            if q.percent.0 <= Decimal::ZERO || q.percent.0 > Decimal::ONE_HUNDRED {
                self.problems.push(Problem::at("ranking.quota.percent", ProblemKind::PercentOutOfRange));
            }
            let c = c?;
            let level = classifications[c].levels.iter().position(|l| l.label == q.level);
            match level {
                None => self.problems.push(Problem::at("ranking.quota.level", ProblemKind::UnknownLevel { label: q.level.clone() })),
                Some(0) => self.problems.push(Problem::at("ranking.quota.level", ProblemKind::QuotaOnLowestLevel { label: q.level.clone() })),
                Some(_) => {}
            }
            Some(Quota {
                classification: c,
                level: level.filter(|&l| l > 0)?,
                percent: q.percent.0,
                rounding: q.rounding(),
                base: q.base,
                not_verified: q.not_verified.clone(),
            })
        });
        Ranking {
            by: r.by(),
            classification,
            tie_breaks,
            groups: r.groups(),
            quota,
            not_ranked: r.not_ranked.clone(),
            not_verified: r.not_verified.clone(),
        }
    }

    /// Checks an item's rule against its maximum; returns the checked rule.
    fn rule(&mut self, n: &NodeFile, path: &str) -> Rule {
        let p = |f: &str| format!("{path}.rule.{f}");
        let max = n.max.map(|m| m.0);
        let Some(r) = &n.rule else { return Rule::Number };
        if !n.children.is_empty() {
            return Rule::Number; // reported as RuleOnGroup by the caller
        }
        if n.step.is_some() && !matches!(r, RuleFile::Number {}) {
            self.problems.push(Problem::at(format!("{path}.step"), ProblemKind::StepOnlyForNumbers));
        }
        let check_points = |b: &mut Self, at: String, pts: Decimal| {
            if pts < Decimal::ZERO {
                b.problems.push(Problem::at(at, ProblemKind::NegativePoints));
            } else if let Some(m) = max {
                if pts > m {
                    b.problems.push(Problem::at(at, ProblemKind::PointsAboveMax { points: show(pts), max: show(m) }));
                }
            }
        };
        let labelled = |b: &mut Self, field: &str, items: Vec<(&String, Decimal)>| {
            if items.is_empty() {
                b.problems.push(Problem::at(p(field), ProblemKind::NoOptions));
            }
            let mut seen = HashSet::new();
            for (i, (label, _)) in items.iter().enumerate() {
                if !seen.insert(label.as_str()) {
                    b.problems.push(Problem::at(format!("{}[{i}].label", p(field)), ProblemKind::DuplicateLabel { label: (*label).clone() }));
                }
            }
            items.into_iter().map(|(l, v)| (l.clone(), v)).collect::<Vec<_>>()
        };
        match r {
            RuleFile::Number {} => Rule::Number,
            RuleFile::YesNo {} => Rule::YesNo,
            RuleFile::Choice { options } => {
                for (i, o) in options.iter().enumerate() {
                    check_points(self, format!("{}[{i}].points", p("options")), o.points.0);
                }
                Rule::Choice(labelled(self, "options", options.iter().map(|o| (&o.label, o.points.0)).collect()))
            }
            RuleFile::Survey { answers } => {
                for (i, a) in answers.iter().enumerate() {
                    if a.percent.0 < Decimal::ZERO || a.percent.0 > Decimal::ONE_HUNDRED {
                        self.problems.push(Problem::at(format!("{}[{i}].percent", p("answers")), ProblemKind::PercentOutOfRange));
                    }
                }
                Rule::Survey(labelled(self, "answers", answers.iter().map(|a| (&a.label, a.percent.0)).collect()))
            }
            RuleFile::RatioBands { numerator, denominator, bands } => {
                if bands.is_empty() {
                    self.problems.push(Problem::at(p("bands"), ProblemKind::NoOptions));
                }
                let mut prev: Option<Decimal> = None;
                for (i, band) in bands.iter().enumerate() {
                    let at = format!("{}[{i}]", p("bands"));
                    let from = band.from_percent.0;
                    if from < Decimal::ZERO || from > Decimal::ONE_HUNDRED {
                        self.problems.push(Problem::at(format!("{at}.from_percent"), ProblemKind::PercentOutOfRange));
                    } else if i == 0 && !from.is_zero() {
                        self.problems.push(Problem::at(format!("{at}.from_percent"), ProblemKind::BandsGap));
                    } else if prev.is_some_and(|p| from <= p) {
                        self.problems.push(Problem::at(format!("{at}.from_percent"), ProblemKind::BandsOverlap));
                    }
                    prev = Some(from);
                    check_points(self, format!("{at}.points"), band.points.0);
                }
                Rule::RatioBands {
                    numerator: numerator.clone(),
                    denominator: denominator.clone(),
                    bands: bands.iter().map(|b| (b.from_percent.0, b.points.0)).collect(),
                }
            }
            RuleFile::Proportional { achieved, target } => Rule::Proportional { achieved: achieved.clone(), target: target.clone() },
            RuleFile::PerOccurrence { points_each } => {
                if points_each.0 <= Decimal::ZERO {
                    self.problems.push(Problem::at(p("points_each"), ProblemKind::NotPositive));
                }
                Rule::PerOccurrence { points_each: points_each.0 }
            }
            RuleFile::DeductPercentPerOccurrence { percent_each } => {
                if percent_each.0 <= Decimal::ZERO || percent_each.0 > Decimal::ONE_HUNDRED {
                    self.problems.push(Problem::at(p("percent_each"), ProblemKind::PercentOutOfRange));
                }
                Rule::DeductPercentPerOccurrence { percent_each: percent_each.0 }
            }
        }
    }

    /// Adds `n` and its subtree; returns its id and what it contributes to
    /// its parent's maximum.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        n: &NodeFile,
        parent: Option<NodeId>,
        kind: Kind,
        assessed_by: AssessedBy,
        parent_key: &str,
        depth: usize,
        path: String,
    ) -> (NodeId, Decimal) {
        let id = self.nodes.len();
        let key = if parent_key.is_empty() { n.code.clone() } else { format!("{parent_key}/{}", n.code) };
        let p = |field: &str| format!("{path}.{field}");
        if n.code.trim().is_empty() {
            self.problems.push(Problem::at(p("code"), ProblemKind::Empty { what: "code" }));
        }
        if n.title.trim().is_empty() {
            self.problems.push(Problem::at(p("title"), ProblemKind::Empty { what: "title" }));
        }
        if depth > 0 && n.kind.is_some_and(|k| k != kind) {
            self.problems.push(Problem::at(p("kind"), ProblemKind::KindChangesInside));
        }
        if n.not_applicable_allowed() && kind != Kind::Normal {
            self.problems.push(Problem::at(p("not_applicable_allowed"), ProblemKind::NotApplicableNotAllowedHere));
        }
        let assessed_by = n.assessed_by.unwrap_or(assessed_by);
        let evidence = n.evidence.or(parent.map(|p| self.nodes[p].evidence)).unwrap_or_default();
        let rule = self.rule(n, &path);
        let number_item = n.children.is_empty() && rule == Rule::Number && n.max.is_some();
        if n.unassigned_allowed() && (kind != Kind::Normal || assessed_by != AssessedBy::SelfScored || !number_item) {
            self.problems.push(Problem::at(p("unassigned_allowed"), ProblemKind::UnassignedNotAllowedHere));
        }
        self.nodes.push(Node {
            code: n.code.clone(),
            title: n.title.clone(),
            key: key.clone(),
            kind,
            assessed_by,
            max: n.max.map(|d| d.0),
            cap: n.cap.map(|d| d.0),
            step: n.step.map(|d| d.0).unwrap_or(Decimal::new(1, 2)),
            not_applicable_allowed: n.not_applicable_allowed(),
            unassigned_allowed: n.unassigned_allowed(),
            not_verified: n.not_verified.clone(),
            note: n.note.clone(),
            rule,
            evidence,
            parent,
            children: Vec::new(),
            depth,
            path: path.clone(),
        });
        if self.nodes.len() > MAX_NODES + 1 {
            return (id, Decimal::ZERO); // reported once by the caller
        }
        if depth > MAX_DEPTH {
            self.problems.push(Problem::at(path, ProblemKind::DepthLimit));
            return (id, Decimal::ZERO);
        }

        if n.cap.is_some() && (kind != Kind::Bonus || n.children.is_empty()) {
            self.problems.push(Problem::at(p("cap"), ProblemKind::CapOnlyOnBonusGroups));
        }
        if let Some(m) = n.max {
            if m.0 <= Decimal::ZERO {
                self.problems.push(Problem::at(p("max"), ProblemKind::MaxNotPositive));
            }
        }

        if n.children.is_empty() {
            // A scorable item.
            if let Some(s) = n.step {
                if s.0 <= Decimal::ZERO {
                    self.problems.push(Problem::at(p("step"), ProblemKind::StepNotPositive));
                } else if let Some(m) = n.max {
                    if !(m.0 % s.0).is_zero() {
                        self.problems.push(Problem::at(p("step"), ProblemKind::StepDoesNotDivide { step: show(s.0), max: show(m.0) }));
                    }
                }
            }
            return match (kind, n.max) {
                (Kind::Penalty, _) => (id, Decimal::ZERO),
                (_, Some(m)) => (id, m.0),
                (_, None) => {
                    self.problems.push(Problem::at(path, ProblemKind::ItemNeedsMax));
                    (id, Decimal::ZERO)
                }
            };
        }

        // A group.
        if n.rule.is_some() {
            self.problems.push(Problem::at(p("rule"), ProblemKind::RuleOnGroup));
        }
        if n.step.is_some() {
            self.problems.push(Problem::at(p("step"), ProblemKind::StepOnGroup));
        }
        let mut seen = HashSet::new();
        let mut sum = Decimal::ZERO;
        for (i, c) in n.children.iter().enumerate() {
            let cpath = format!("{path}.children[{i}]");
            if !seen.insert(c.code.clone()) {
                self.problems.push(Problem::at(format!("{cpath}.code"), ProblemKind::DuplicateCode { code: c.code.clone() }));
            }
            let (cid, contributes) = self.add(c, Some(id), kind, assessed_by, &key, depth + 1, cpath);
            self.nodes[id].children.push(cid);
            sum += contributes;
        }
        match kind {
            Kind::Normal => {
                if let Some(m) = n.max {
                    if m.0 != sum && m.0 > Decimal::ZERO {
                        self.problems.push(Problem::at(p("max"), ProblemKind::GroupMaxMismatch { declared: show(m.0), sum: show(sum) }));
                    }
                }
                (id, sum)
            }
            Kind::Bonus => {
                if n.max.is_some() {
                    self.problems.push(Problem::at(p("max"), ProblemKind::MaxOnBonusGroup));
                }
                match n.cap {
                    None => {
                        self.problems.push(Problem::at(path, ProblemKind::BonusGroupNeedsCap));
                        (id, sum)
                    }
                    Some(c) => {
                        if c.0 <= Decimal::ZERO {
                            self.problems.push(Problem::at(p("cap"), ProblemKind::MaxNotPositive));
                        } else if c.0 > sum {
                            self.problems.push(Problem::at(p("cap"), ProblemKind::CapAboveParts { cap: show(c.0), parts: show(sum) }));
                        }
                        (id, c.0.min(sum))
                    }
                }
            }
            Kind::Penalty => {
                if n.max.is_some() {
                    self.problems.push(Problem::at(p("max"), ProblemKind::MaxOnPenaltyGroup));
                }
                (id, Decimal::ZERO)
            }
        }
    }
}

