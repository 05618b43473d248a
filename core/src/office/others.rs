//! The scores given by others (survey, provincial leaders), as the office
//! keeps them in a spreadsheet: a column `code` or `agency`, then one column
//! per part, headed by the part's item key as in ENTRIES ("3", "4/4.1"),
//! optionally written `part:3`. Values are read as the scoring page reads a
//! typed score (decimal comma or point; "1.234,5" is not a number) and
//! checked by the same rule, so a value above a part's maximum is refused.

use super::csv::{read_table, CsvProblem, CsvProblemKind, Table};
use crate::ruleset::file::AssessedBy;
use crate::ruleset::model::{NodeId, Ruleset};
use crate::score::value::check_value;
use crate::score::Value;
use rust_decimal::Decimal;

/// One row: the agency as written and the value typed per part ("" = not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OthersRow {
    pub line: usize,
    /// The code or the name, as the identifying column holds it.
    pub agency: String,
    /// One per part of [`Others::parts`], as typed.
    pub values: Vec<String>,
}

/// The scores given by others, as read (not yet checked against a ruleset).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Others {
    pub file: String,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// True when rows name their agency by code, false by name.
    pub by_code: bool,
    /// The identifying column (0-based) and its header.
    pub id_column: (usize, String),
    /// The parts: (column, header as written, item key).
    pub parts: Vec<(usize, String, String)>,
    pub rows: Vec<OthersRow>,
}

impl Others {
    /// A problem at a row and a column (0-based) of this file.
    pub fn problem(&self, row: usize, column: usize, header: &str, kind: CsvProblemKind) -> CsvProblem {
        CsvProblem { file: self.file.clone(), sheet: self.sheet.clone(), row: Some(row), column: Some((column + 1, header.to_string())), kind }
    }

    /// The parts this file gives that `rs` scores by others, by index into
    /// `parts`, with every column `rs` cannot take reported.
    pub fn parts_of(&self, rs: &Ruleset) -> (Vec<(usize, NodeId)>, Vec<CsvProblem>) {
        let mut ok = Vec::new();
        let mut problems = Vec::new();
        for (i, (col, header, key)) in self.parts.iter().enumerate() {
            let kind = match rs.find(key) {
                None => CsvProblemKind::UnknownPart { key: key.clone() },
                Some(id) if !rs.node(id).is_item() => CsvProblemKind::PartIsGroup { key: key.clone() },
                Some(id) if rs.node(id).assessed_by == AssessedBy::SelfScored => CsvProblemKind::PartSelfScored { key: key.clone() },
                Some(id) => {
                    ok.push((i, id));
                    continue;
                }
            };
            problems.push(self.problem(1, *col, header, kind));
        }
        (ok, problems)
    }

    /// The value of part `i` in `row` for the item `node` of `rs`: `None`
    /// when blank, the points when valid, the problem otherwise.
    pub fn value(&self, row: &OthersRow, i: usize, rs: &Ruleset, node: NodeId) -> Result<Option<Decimal>, Box<CsvProblem>> {
        let typed = &row.values[i];
        let (col, header, _) = &self.parts[i];
        match check_value(rs.node(node), typed, "") {
            Value::Blank => Ok(None),
            Value::Valid(v) => Ok(Some(v)),
            Value::Invalid(error) => Err(Box::new(self.problem(row.line, *col, header, CsvProblemKind::BadValue { typed: typed.clone(), error }))),
        }
    }
}

/// Reads the others' scores. Problems of the header or of a row are
/// returned beside what could be read (a row naming an agency twice is
/// left out).
pub fn read_others(file: &str, bytes: &[u8]) -> (Others, Vec<CsvProblem>) {
    let mut others = Others { file: file.into(), ..Others::default() };
    let table = match read_table(file, bytes) {
        Ok(t) => t,
        Err(p) => return (others, vec![*p]),
    };
    others.sheet = table.sheet.clone();
    let mut problems = Vec::new();
    let header_problem = |col: usize, kind| CsvProblem { file: file.into(), sheet: table.sheet.clone(), row: Some(1), column: Some((col + 1, table.header[col].clone())), kind };
    let (code, agency) = (table.column("code"), table.column("agency"));
    let Some(id_col) = code.or(agency) else {
        problems.push(CsvProblem { file: file.into(), sheet: table.sheet.clone(), row: Some(1), column: None, kind: CsvProblemKind::MissingColumn { expected: "code | agency, 3, 4/4.1 … (part:3)" } });
        return (others, problems);
    };
    others.by_code = code.is_some();
    others.id_column = (id_col, table.header[id_col].clone());
    for (col, h) in table.header.iter().enumerate() {
        if Some(col) == code || Some(col) == agency {
            continue;
        }
        let key = h.strip_prefix("part:").unwrap_or(h).trim();
        if key.is_empty() || h.eq_ignore_ascii_case("code") || h.eq_ignore_ascii_case("agency") {
            problems.push(header_problem(col, if key.is_empty() { CsvProblemKind::UnknownColumn } else { CsvProblemKind::DuplicateColumn }));
        } else if others.parts.iter().any(|(_, _, k)| k == key) {
            problems.push(header_problem(col, CsvProblemKind::DuplicateColumn));
        } else {
            others.parts.push((col, h.clone(), key.to_string()));
        }
    }
    if others.parts.is_empty() {
        problems.push(CsvProblem { file: file.into(), sheet: table.sheet.clone(), row: Some(1), column: None, kind: CsvProblemKind::MissingColumn { expected: "3, 4/4.1 … (part:3)" } });
    }
    problems.extend(table.overlong_rows(file));
    for (line, row) in &table.rows {
        let id = Table::cell(row, id_col).to_string();
        if id.is_empty() {
            problems.push(header_problem(id_col, CsvProblemKind::BlankCell).at_row(*line));
            continue;
        }
        if let Some(first) = others.rows.iter().find(|r| r.agency == id) {
            let first = first.line;
            problems.push(header_problem(id_col, CsvProblemKind::DuplicateAgency { name: id, first }).at_row(*line));
            continue;
        }
        let values = others.parts.iter().map(|(c, _, _)| Table::cell(row, *c).to_string()).collect();
        others.rows.push(OthersRow { line: *line, agency: id, values });
    }
    (others, problems)
}

impl CsvProblem {
    fn at_row(self, row: usize) -> Self {
        CsvProblem { row: Some(row), ..self }
    }
}
