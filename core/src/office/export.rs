//! The ranked table as the office publishes it: CSV in UTF-8 with a
//! byte-order mark (so Excel shows the diacritics), one row per agency, the
//! columns `group,rank,code,agency,points,max,percent,note`, then
//! `level:<classification id>` per classification and `part:<key>` per
//! top-level part. Decimals with a point, as files carry them; the
//! percentage with two decimals; notes joined by "; ". Text that a
//! spreadsheet would take for a formula is kept as text.

use super::consolidate::{Consolidation, Group, Row};
use crate::record::{GroupResult, Results};
use crate::ruleset::file::Kind;
use crate::text;
use crate::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What the published table shows of a row: the page and the CSV alike.
impl Row {
    /// The results, unless they rest on an agency's own estimate of a part
    /// scored by others: the estimate is never a result.
    pub fn published_total(&self) -> Option<&Results> {
        self.results.as_ref().filter(|r| r.estimates.is_empty())
    }

    /// A top-level part's points (a file decimal), blank while it is the
    /// agency's estimate.
    pub fn published_part(&self, key: &str) -> Option<String> {
        let r = self.results.as_ref()?;
        let estimated = r.estimates.iter().any(|e| e == key || e.starts_with(&format!("{key}/")));
        (!estimated).then(|| r.groups.iter().find(|x| x.key == key).map(|x| x.points.clone())).flatten()
    }

    /// The level reached in a classification, by its id.
    pub fn level(&self, classification: &str, lang: Lang) -> Option<String> {
        self.level_as_written(classification).map(|l| text::level_label(l, lang).to_string())
    }

    /// The level as the ruleset writes it (Vietnamese).
    fn level_as_written(&self, classification: &str) -> Option<&str> {
        self.levels.iter().find(|(id, _)| id == classification).and_then(|(_, l)| l.as_deref())
    }

    /// The notes in words, joined by "; ".
    pub fn notes_text(&self, lang: Lang) -> String {
        self.notes.iter().map(|n| text::office_note(n, lang)).collect::<Vec<_>>().join("; ")
    }
}

/// One CSV field, quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A text cell (a name, a note, a label): one that a spreadsheet would read
/// as a formula (=, +, -, @ first: a name in an agency's file is not to be
/// trusted) is kept as text by a leading apostrophe, as OWASP advises.
fn text_field(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field(&format!("'{s}"))
    } else {
        field(s)
    }
}

impl Group {
    /// How many agencies of the group stand at each level of classification
    /// `ci` (after the quota), the highest level first; agencies with no
    /// level (no file, a part missing) are not counted.
    pub fn level_counts(&self, ci: usize, lang: Lang) -> Vec<(String, usize)> {
        let Some(c) = self.ruleset.classifications.get(ci) else { return Vec::new() };
        // A ruleset lists its levels lowest first.
        c.levels
            .iter()
            .rev()
            .map(|lv| (text::level_label(&lv.label, lang).to_string(), self.rows.iter().filter(|r| r.level_as_written(&c.id) == Some(lv.label.as_str())).count()))
            .collect()
    }
}

/// How a group fared on one top-level part ("những tồn tại, hạn chế"):
/// how many of the agencies with a final figure on it lost points there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartLoss {
    pub key: String,
    /// Agencies below the part's maximum (for a penalty: with a deduction).
    pub lost: usize,
    /// Agencies with a final figure on the part (not applicable, or still the
    /// agency's estimate, left out).
    pub of: usize,
    /// The points lost, all agencies together.
    pub points_lost: Decimal,
}

impl Group {
    /// Each top-level part but bonuses (a bonus not earned is not a loss),
    /// the weakest first: the largest share of agencies that lost points,
    /// then the most points lost, then the ruleset's order.
    pub fn part_losses(&self) -> Vec<PartLoss> {
        let rs = &self.ruleset;
        let parts = rs.roots.iter().map(|&r| rs.node(r)).filter(|n| n.kind != Kind::Bonus);
        self.losses(parts.map(|n| n.key.as_str()), |row, key| row.results.as_ref().and_then(|r| r.groups.iter().find(|g| g.key == key)))
    }

    /// The same for each criterion (one level below the contents), where
    /// the ruleset has any: "những tồn tại, hạn chế" criterion by criterion.
    pub fn criterion_losses(&self) -> Vec<PartLoss> {
        let rs = &self.ruleset;
        let criteria = rs.nodes.iter().filter(|n| n.depth == 1 && n.kind != Kind::Bonus);
        self.losses(criteria.map(|n| n.key.as_str()), |row, key| row.criteria.iter().find(|g| g.key == key))
    }

    fn losses<'a>(&self, keys: impl Iterator<Item = &'a str>, figure: impl for<'r> Fn(&'r Row, &str) -> Option<&'r GroupResult>) -> Vec<PartLoss> {
        let mut out: Vec<PartLoss> = Vec::new();
        for key in keys {
            let mut loss = PartLoss { key: key.to_string(), lost: 0, of: 0, points_lost: Decimal::ZERO };
            for row in &self.rows {
                // A figure still resting on the agency's own estimate is no result.
                let estimated = row.results.as_ref().is_some_and(|r| r.estimates.iter().any(|e| e == key || e.starts_with(&format!("{key}/")) || key.starts_with(&format!("{e}/"))));
                let Some(g) = figure(row, key).filter(|g| !g.not_applicable && !estimated) else { continue };
                let (Ok(points), Ok(max)) = (Decimal::from_str(&g.points), Decimal::from_str(&g.max)) else { continue };
                loss.of += 1;
                if points < max {
                    loss.lost += 1;
                    loss.points_lost += max - points;
                }
            }
            out.push(loss);
        }
        // Shares compared by cross-multiplication: exact. A stable sort keeps the ruleset's order.
        out.sort_by(|a, b| (b.lost * a.of.max(1)).cmp(&(a.lost * b.of.max(1))).then(b.points_lost.cmp(&a.points_lost)));
        out
    }
}

/// The table as CSV text, starting with the byte-order mark.
pub fn to_csv(c: &Consolidation, lang: Lang) -> String {
    // Columns: every classification and top-level part of the groups'
    // rulesets, in their order.
    let mut classes: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for g in &c.groups {
        for cl in &g.ruleset.classifications {
            if !classes.contains(&cl.id) {
                classes.push(cl.id.clone());
            }
        }
        for &r in &g.ruleset.roots {
            let key = &g.ruleset.node(r).key;
            if !parts.contains(key) {
                parts.push(key.clone());
            }
        }
    }
    let mut header: Vec<String> = ["group", "rank", "code", "agency", "points", "max", "percent", "note"].map(String::from).to_vec();
    header.extend(classes.iter().map(|c| format!("level:{c}")));
    header.extend(parts.iter().map(|p| format!("part:{p}")));
    let mut out = String::from("\u{feff}");
    out += &header.iter().map(|h| field(h)).collect::<Vec<_>>().join(",");
    out += "\r\n";
    for g in &c.groups {
        for row in &g.rows {
            let total = row.published_total();
            // Numbers are the core's own decimals ("-2" for a penalty): as they are.
            let number = |s: Option<String>| field(&s.unwrap_or_default());
            let mut cells = vec![
                text_field(&g.name),
                number(row.rank.map(|n| n.to_string())),
                text_field(&row.code),
                text_field(&row.agency),
                number(total.map(|r| r.points.clone())),
                number(total.map(|r| r.max.clone())),
                number(total.and_then(|r| r.percent.clone())),
                text_field(&row.notes_text(lang)),
            ];
            for c in &classes {
                cells.push(text_field(&row.level(c, lang).unwrap_or_default()));
            }
            for p in &parts {
                cells.push(number(row.published_part(p)));
            }
            out += &cells.join(",");
            out += "\r\n";
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_stays_text() {
        assert_eq!(text_field("=HYPERLINK(\"http://x\",\"Sở A\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"Sở A\"\")\"");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("Sở Nội vụ, Đắk Lắk"), "\"Sở Nội vụ, Đắk Lắk\"");
        assert_eq!(field("-2"), "-2");
    }
}
