//! The roster: the agencies the office expects a file from, each with a
//! stable code and its group. Files are matched to it by code, else by the
//! exact name; a name that is only close is proposed, never taken.

use super::csv::{closest, read_table, CsvProblem, CsvProblemKind, Table};

/// One agency of the roster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterEntry {
    pub code: String,
    /// The agency's name.
    pub agency: String,
    /// Its group (nhóm loại hình), as the office writes it.
    pub group: String,
    /// False when the agency is assessed but not ranked.
    pub ranked: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
}

/// How an agency was found on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Index into `entries`.
    Found(usize),
    /// Not found; the indices of close names, to propose.
    Near(Vec<usize>),
}

/// "có"/"yes" (or blank) and "không"/"no", as a cell may say.
fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "có" | "co" | "yes" | "x" | "1" | "true" => Some(true),
        "không" | "khong" | "no" | "0" | "false" => Some(false),
        _ => None,
    }
}

/// Reads a roster CSV: columns `code`, `agency`, `group`, and optionally
/// `ranked` ("không"/"no" for an agency assessed but not ranked). Every
/// problem is returned; the rows without one are kept.
pub fn read_roster(file: &str, bytes: &[u8]) -> (Roster, Vec<CsvProblem>) {
    let table = match read_table(file, bytes) {
        Ok(t) => t,
        Err(p) => return (Roster::default(), vec![*p]),
    };
    let at = |row: Option<usize>, col: Option<usize>, kind| CsvProblem {
        file: file.into(),
        sheet: table.sheet.clone(),
        row,
        column: col.map(|c| (c + 1, table.header.get(c).cloned().unwrap_or_default())),
        kind,
    };
    let mut problems = Vec::new();
    let cols: Vec<Option<usize>> = ["code", "agency", "group"].iter().map(|c| table.column(c)).collect();
    let ranked_col = table.column("ranked");
    if cols.iter().any(Option::is_none) {
        problems.push(at(Some(1), None, CsvProblemKind::MissingColumn { expected: "code,agency,group[,ranked]" }));
        return (Roster::default(), problems);
    }
    for (i, h) in table.header.iter().enumerate() {
        let known = ["code", "agency", "group", "ranked"].iter().any(|k| h.eq_ignore_ascii_case(k));
        if !known {
            problems.push(at(Some(1), Some(i), CsvProblemKind::UnknownColumn));
        } else if table.column(h) != Some(i) {
            problems.push(at(Some(1), Some(i), CsvProblemKind::DuplicateColumn));
        }
    }
    problems.extend(table.overlong_rows(file));
    let (code_col, agency_col, group_col) = (cols[0].unwrap_or(0), cols[1].unwrap_or(0), cols[2].unwrap_or(0));
    let mut roster = Roster::default();
    // The line each entry was read from, to name the first of a duplicate.
    let mut lines = Vec::new();
    for (line, row) in &table.rows {
        let cell = |c| Table::cell(row, c).to_string();
        let mut ok = true;
        for c in [code_col, agency_col] {
            if cell(c).is_empty() {
                problems.push(at(Some(*line), Some(c), CsvProblemKind::BlankCell));
                ok = false;
            }
        }
        let ranked = match ranked_col.map(|c| (c, yes_no(&cell(c)))) {
            None => true,
            Some((_, Some(r))) => r,
            Some((c, None)) => {
                problems.push(at(Some(*line), Some(c), CsvProblemKind::NotYesNo { typed: cell(c) }));
                ok = false;
                true
            }
        };
        for (c, value) in [(code_col, cell(code_col)), (agency_col, cell(agency_col))] {
            let first = roster.entries.iter().position(|e: &RosterEntry| if c == code_col { e.code == value } else { e.agency == value });
            if let (Some(f), false) = (first, value.is_empty()) {
                problems.push(at(Some(*line), Some(c), CsvProblemKind::DuplicateAgency { name: value, first: lines[f] }));
                ok = false;
            }
        }
        if ok {
            roster.entries.push(RosterEntry { code: cell(code_col), agency: cell(agency_col), group: cell(group_col), ranked });
            lines.push(*line);
        }
    }
    (roster, problems)
}

impl Roster {
    /// The entry with this code, else with exactly this name; otherwise the
    /// entries whose name is close to `name` (to propose).
    pub fn find(&self, code: &str, name: &str) -> Match {
        let code = code.trim();
        let by_code = (!code.is_empty()).then(|| self.entries.iter().position(|e| e.code == code)).flatten();
        if let Some(i) = by_code.or_else(|| self.entries.iter().position(|e| e.agency == name.trim())) {
            return Match::Found(i);
        }
        let near = closest(self.entries.iter().map(|e| e.agency.as_str()), name);
        Match::Near(near.iter().filter_map(|n| self.entries.iter().position(|e| e.agency == *n)).collect())
    }

    /// The names of entries, by index.
    pub fn names(&self, ids: &[usize]) -> Vec<String> {
        ids.iter().map(|&i| self.entries[i].agency.clone()).collect()
    }
}
