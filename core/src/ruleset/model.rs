//! The checked ruleset, flattened into an arena of nodes.
//!
//! Nodes are stored in document order with parent links, so one changed item
//! recomputes only its path to the root (see `score`).

use crate::ruleset::file::{AssessedBy, DecideOn, EvidenceRule, GroupBy, Kind, QuotaBase, QuotaRounding, RankBy, SourceFile};
use rust_decimal::Decimal;

pub type NodeId = usize;

#[derive(Debug, Clone)]
pub struct Ruleset {
    pub id: String,
    pub version: String,
    pub title: String,
    pub short_title: Option<String>,
    pub illustrative: bool,
    pub source: SourceFile,
    pub not_verified: Vec<String>,
    pub notes: Vec<String>,
    pub max_total: Decimal,
    /// All nodes, in document order (a parent before its children).
    pub nodes: Vec<Node>,
    /// Top-level sections.
    pub roots: Vec<NodeId>,
    /// Scorable items (leaves), in document order.
    pub items: Vec<NodeId>,
    pub conditions: Vec<Condition>,
    pub classifications: Vec<Classification>,
    pub decide_on: DecideOn,
    /// How the office ranks agencies (`None`: by total points, no tie-break,
    /// no quota; see [`Ranking::default`]).
    pub ranking: Option<Ranking>,
    /// Each node by its key: `find` is called for every entry of every
    /// stage replayed (a linear search made a 2,000-item consolidation
    /// quadratic).
    pub by_key: std::collections::HashMap<String, NodeId, std::hash::BuildHasherDefault<KeyHasher>>,
}

/// FNV-1a, for [`Ruleset::by_key`]: the keys are a checked ruleset's short
/// paths ("2/2.1/a"), and a replay looks one up several times per entry:
/// with SipHash (the default) lookups were a sixth of a replay's work, and
/// its defence against chosen collisions is not needed (a key looked up that is not the
/// ruleset's only probes the ruleset's own keys).
pub struct KeyHasher(u64);

impl Default for KeyHasher {
    fn default() -> Self {
        KeyHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The checked ranking declaration.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    pub by: RankBy,
    /// Index into `Ruleset::classifications`; the whole index when `None`.
    pub classification: Option<usize>,
    /// Nodes whose points break a tie, in order.
    pub tie_breaks: Vec<NodeId>,
    pub groups: GroupBy,
    pub quota: Option<Quota>,
    /// Roster codes or exact names of agencies assessed but not ranked.
    pub not_ranked: Vec<String>,
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Quota {
    /// Index into `Ruleset::classifications`.
    pub classification: usize,
    /// Index of the capped level (never 0: there is a level below).
    pub level: usize,
    pub percent: Decimal,
    pub rounding: QuotaRounding,
    pub base: QuotaBase,
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub code: String,
    pub title: String,
    /// Codes from the section down, joined by "/": unique in the ruleset,
    /// and the key of this node's entry in drafts and submissions.
    pub key: String,
    /// Effective kind (declared here or inherited).
    pub kind: Kind,
    pub assessed_by: AssessedBy,
    /// Declared maximum (items; ordinary groups when declared).
    pub max: Option<Decimal>,
    /// Bonus groups: the most the group counts.
    pub cap: Option<Decimal>,
    /// Items: the step scores must be a multiple of.
    pub step: Decimal,
    pub not_applicable_allowed: bool,
    /// Part of the maximum may be declared not assigned (a number item).
    pub unassigned_allowed: bool,
    pub not_verified: Option<String>,
    pub note: Option<String>,
    /// Items: how the points are obtained.
    pub rule: Rule,
    /// Effective evidence requirement (declared here or inherited).
    pub evidence: EvidenceRule,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    /// 0 for a section.
    pub depth: usize,
    /// JSON path of this node in the file, for messages.
    pub path: String,
}

/// How an item's points are obtained (checked form of `file::RuleFile`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Number,
    YesNo,
    /// (label, points)
    Choice(Vec<(String, Decimal)>),
    /// Bands ascending by their starting percentage: (from_percent, points).
    RatioBands { numerator: String, denominator: String, bands: Vec<(Decimal, Decimal)> },
    Proportional { achieved: String, target: String },
    PerOccurrence { points_each: Decimal },
    DeductPercentPerOccurrence { percent_each: Decimal },
    /// (label, percent of max)
    Survey(Vec<(String, Decimal)>),
}

impl Rule {
    /// Rules whose input is two numbers (a count over a count, achieved over target).
    pub fn is_pair(&self) -> bool {
        matches!(self, Rule::RatioBands { .. } | Rule::Proportional { .. })
    }
    /// Rules whose input is one of a list of labels.
    pub fn labels(&self) -> Option<Vec<&str>> {
        match self {
            Rule::Choice(o) | Rule::Survey(o) => Some(o.iter().map(|(l, _)| l.as_str()).collect()),
            _ => None,
        }
    }
    /// Rules whose input is a whole count of occurrences.
    pub fn is_count(&self) -> bool {
        matches!(self, Rule::PerOccurrence { .. } | Rule::DeductPercentPerOccurrence { .. })
    }
}

impl Node {
    pub fn is_item(&self) -> bool {
        self.children.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub id: String,
    pub question: String,
    pub not_verified: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Classification {
    pub id: String,
    pub title: String,
    /// Sections (root node ids) it is computed over.
    pub sections: Vec<NodeId>,
    /// Ascending; `levels[0]` is the floor.
    pub levels: Vec<Level>,
    pub vetoes: Vec<Veto>,
    pub not_verified: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub label: String,
    /// Minimum percentage; zero for the floor level.
    pub min_percent: Decimal,
    pub requires: Vec<Requirement>,
}

/// A condition that, answered `answer`, caps the result at `level`.
#[derive(Debug, Clone)]
pub struct Veto {
    pub condition: usize,
    pub answer: bool,
    pub level: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Requirement {
    /// Index into `Ruleset::conditions`.
    pub condition: usize,
    pub answer: bool,
    pub text: String,
}

impl Level {
    /// Whether `points` of `max` reach this level, compared exactly:
    /// points × 100 ≥ min × max (no division, no rounding). The one place
    /// this is decided.
    pub fn reached_by(&self, points: Decimal, max: Decimal) -> bool {
        points * Decimal::ONE_HUNDRED >= self.min_percent * max
    }

    /// The fewest points of `max` that reach this level.
    pub fn threshold(&self, max: Decimal) -> Decimal {
        self.min_percent * max / Decimal::ONE_HUNDRED
    }
}

impl Ruleset {
    /// The end (exclusive) of `id`'s subtree: nodes are in document order, a
    /// subtree contiguous.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let depth = self.nodes[id].depth;
        (id + 1..self.nodes.len()).find(|&j| self.nodes[j].depth <= depth).unwrap_or(self.nodes.len())
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The node whose key is `key` ("2/2.1/a").
    pub fn find(&self, key: &str) -> Option<NodeId> {
        self.by_key.get(key).copied()
    }

    /// The node and its ancestors, from the node up to its section.
    pub fn path_to_root(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.nodes[n].parent)
    }

    /// Whether the agency scores this node itself (not a survey or the leaders).
    pub fn is_self_scored(&self, id: NodeId) -> bool {
        self.nodes[id].assessed_by == AssessedBy::SelfScored
    }
}
