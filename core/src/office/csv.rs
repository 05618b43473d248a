//! Reading the office's CSV files (roster, scores given by others) as Excel
//! writes them: UTF-8 with or without a byte-order mark, comma or semicolon
//! (Excel's Vietnamese export uses ";"), fields in double quotes where they
//! hold the separator. Anything else — a file in a legacy encoding above all
//! (Windows-1258, TCVN3) — is refused with words that name the problem, never
//! read as mojibake.

/// A problem in an office file, at a row and column when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The file's name as given.
    pub file: String,
    /// The sheet, in a workbook.
    pub sheet: Option<String>,
    /// 1-based line of the file (1 = the header); `None` for the whole file.
    pub row: Option<usize>,
    /// 1-based column and its header, when the problem is in one cell or column.
    pub column: Option<(usize, String)>,
    pub kind: CsvProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblemKind {
    /// Bytes that are not UTF-8: `encoding` is the likeliest name ("UTF-16",
    /// "Windows-1258 / TCVN3").
    NotUtf8 { encoding: &'static str },
    /// Larger than any roster or spreadsheet of scores (the JSON files' limit).
    TooLarge { bytes: usize },
    Empty,
    /// A quoted field never closed.
    UnclosedQuote,
    /// A row with more cells than the header has columns.
    TooManyCells { cells: usize, columns: usize },
    /// A required column is missing: `expected` lists what the header may hold.
    MissingColumn { expected: &'static str },
    /// A column header read twice.
    DuplicateColumn,
    /// A header the file's kind does not know.
    UnknownColumn,
    /// The part a column names is not in the ruleset.
    UnknownPart { key: String },
    /// The part is a group, whose points are the sum of its items.
    PartIsGroup { key: String },
    /// The part is scored by the agency itself, not by others.
    PartSelfScored { key: String },
    /// A cell left blank where a value is needed (code or name).
    BlankCell,
    /// The value is not counted, for the reason the scoring page gives.
    BadValue { typed: String, error: crate::score::ValueError },
    /// A yes/no cell with something else.
    NotYesNo { typed: String },
    /// An agency neither on the roster nor among the files; `near` lists close names.
    UnknownAgency { name: String, near: Vec<String> },
    /// An agency given twice; `first` is the row it was first given on.
    DuplicateAgency { name: String, first: usize },
    /// A workbook that would unpack to more than any roster needs.
    TooLargeUnpacked { bytes: u64 },
    /// An OLE file: an encrypted workbook, or the old .xls format.
    EncryptedOrXls,
    /// A ZIP file that is not a workbook that can be read.
    NotXlsx { detail: String },
    /// A formula whose value Excel never saved (a file written by a program).
    FormulaWithoutValue,
    /// A number with more than 15 significant digits: not the decimal typed.
    TooPrecise { typed: String },
    /// A cell holding an error (#DIV/0!, #REF!…).
    CellError { error: String },
    /// Cells merged from this one to `to` (row, column): the others would
    /// read as blank.
    MergedCells { to: (usize, usize) },
    // ── a ruleset's book (`ruleset::book`) ──
    /// A number cell holding something else ("2,5đ").
    NotANumber { typed: String },
    /// A number with more digits than a ruleset's decimals have.
    NumberTooLong { typed: String },
    /// A cell that must hold one of the words `expected` lists.
    NotOneOf { typed: String, expected: &'static str },
    /// A sheet the book needs is missing.
    MissingSheet { sheet: &'static str },
    /// Two sheets with the same role (names equal but for case and spaces).
    DuplicateSheet,
    /// A sheet the book does not know; `expected` lists those it does.
    UnknownSheet { expected: &'static str },
    /// A row a sheet of named values needs is missing.
    MissingRow { name: &'static str },
    /// A sheet of named values given a name it does not know.
    UnknownRow { typed: String, expected: &'static str },
    /// A value given twice where one is allowed; `first` is the row it was first on.
    RepeatedRow { first: usize },
    /// A tree row whose level has no row one level up above it (its parent missing).
    NoParent { code: String, level: usize },
    /// A dotted code whose first part is not its parent's code ("1.1.1"
    /// right under "1": a level skipped, or the wrong level typed).
    CodeNotUnderParent { code: String, parent: String },
    /// A level that is not a whole number from 1 to `deepest`.
    BadLevel { typed: String, deepest: usize },
    /// A row of a rule's options, bands or answers with no item row above it.
    ParameterWithoutItem,
    /// A value in a column the row's rule does not use.
    NotForRule { rule: String },
    /// What the ruleset's check finds, at the cell it comes from (`typed`:
    /// the cell's text).
    Ruleset { problem: crate::json::ProblemKind, typed: String },
    /// A sheet with nothing in it, not even its header row.
    EmptySheet,
    /// Problems past the first ones shown, not listed.
    TooManyProblems { more: usize },
}

/// A CSV file or a workbook's sheet read: the header and the rows, each
/// with its line number.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet's name, for a workbook.
    pub sheet: Option<String>,
    pub header: Vec<String>,
    /// The line (row) the header is on.
    pub header_line: usize,
    /// (line, cells); blank lines are skipped.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The likeliest encoding of bytes that are not UTF-8.
fn guess_encoding(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "UTF-16"
    } else {
        // Vietnamese text saved by older Windows software: one byte per
        // letter. The two are not told apart from the bytes alone.
        "Windows-1258 / TCVN3"
    }
}

/// Reads CSV bytes, or the first sheet of an XLSX workbook. `file` names
/// the file in problems.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<Table, Box<CsvProblem>> {
    #[cfg(feature = "office-files")]
    if super::xlsx::is_workbook(bytes) {
        return super::xlsx::read_sheet(file, bytes);
    }
    let whole = |kind| CsvProblem { file: file.into(), sheet: None, row: None, column: None, kind };
    if bytes.len() > crate::json::MAX_FILE_BYTES {
        return Err(Box::new(whole(CsvProblemKind::TooLarge { bytes: bytes.len() })));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Box::new(CsvProblem { row: Some(line), ..whole(CsvProblemKind::NotUtf8 { encoding: guess_encoding(bytes) }) }));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    // The header decides the separator: Excel's Vietnamese locale writes ";",
    // and cells copied from a spreadsheet and pasted come separated by tabs.
    let count = |c: char| first_line.matches(c).count();
    let sep = if count('\t') > 0 && count('\t') >= count(';').max(count(',')) {
        '\t'
    } else if count(';') > count(',') {
        ';'
    } else {
        ','
    };
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let (mut line, mut start_line) = (1, 1);
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push(c);
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            c if c == sep => cells.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                records.push((start_line, std::mem::take(&mut cells)));
                line += 1;
                start_line = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(Box::new(CsvProblem { row: Some(start_line), ..whole(CsvProblemKind::UnclosedQuote) }));
    }
    if any && !(cells.is_empty() && cell.is_empty()) {
        cells.push(cell);
        records.push((start_line, cells));
    }
    let mut records = records.into_iter().filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let Some((header_line, header)) = records.next() else { return Err(Box::new(whole(CsvProblemKind::Empty))) };
    let header: Vec<String> = header.into_iter().map(|h| h.trim().to_string()).collect();
    let rows = records.map(|(l, r)| (l, r.into_iter().map(|c| c.trim().to_string()).collect())).collect();
    Ok(Table { sheet: None, header, header_line, rows })
}

impl Table {
    /// The index of the column whose header is `name` (case and spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
    }

    /// Rows with more cells than the header has columns (a decimal comma in an
    /// unquoted cell of a comma-separated file splits it): one problem each.
    pub fn overlong_rows(&self, file: &str) -> Vec<CsvProblem> {
        let columns = self.header.len();
        self.rows
            .iter()
            .filter(|(_, r)| r.len() > columns && r[columns..].iter().any(|c| !c.is_empty()))
            .map(|(line, r)| CsvProblem { file: file.into(), sheet: self.sheet.clone(), row: Some(*line), column: None, kind: CsvProblemKind::TooManyCells { cells: r.len(), columns } })
            .collect()
    }

    /// A cell, "" where the row is short.
    pub fn cell(row: &[String], col: usize) -> &str {
        row.get(col).map_or("", String::as_str)
    }
}

/// Edit distance between the ASCII forms of two names (diacritics, case
/// and spaces dropped): 0 for "Sở Tư pháp" and "So tu phap".
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (crate::record::slug(a), crate::record::slug(b));
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Levenshtein, one row at a time.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The names close to `name`, to propose (never to match): those equal
/// once diacritics, case and spaces are dropped if any; otherwise up to
/// three a few letters away, closest first.
pub fn closest<'a>(names: impl IntoIterator<Item = &'a str>, name: &str) -> Vec<&'a str> {
    let limit = 1 + name.chars().count() / 10;
    let mut scored: Vec<(usize, &str)> = Vec::new();
    for n in names {
        let d = distance(n, name);
        if d <= limit && !scored.iter().any(|(_, x)| *x == n) {
            scored.push((d, n));
        }
    }
    scored.sort_by_key(|(d, _)| *d);
    if scored.first().is_some_and(|(d, _)| *d == 0) {
        scored.retain(|(d, _)| *d == 0);
    }
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_quotes_and_bom() {
        let t = read_table("a.csv", "\u{feff}code;agency;3\r\nA;\"Sở \"\"A\"\"; x\";4,5\r\n\r\nB;Sở B;\n".as_bytes()).unwrap();
        assert_eq!(t.header, ["code", "agency", "3"]);
        assert_eq!(t.rows, [(2, vec!["A".into(), "Sở \"A\"; x".into(), "4,5".into()]), (4, vec!["B".into(), "Sở B".into(), "".into()])]);
        let t = read_table("b.csv", b"code,3\nA,\"4,5\"").unwrap();
        assert_eq!(t.rows, [(2, vec!["A".into(), "4,5".into()])]);
    }

    #[test]
    fn cells_pasted_from_a_spreadsheet_are_separated_by_tabs() {
        // Copied from Excel: tabs, a decimal comma kept in its cell.
        let t = read_table("dán", "code\tagency\t3\r\nA01\tSở A, B\t4,5\r\n".as_bytes()).unwrap();
        assert_eq!(t.header, ["code", "agency", "3"]);
        assert_eq!(t.rows, [(2, vec!["A01".to_string(), "Sở A, B".to_string(), "4,5".to_string()])]);
    }

    #[test]
    fn close_names() {
        let names = ["Sở Tư pháp", "Sở Tài chính", "Sở Y tế"];
        assert_eq!(closest(names, "So tu phap"), ["Sở Tư pháp"]);
        assert_eq!(closest(names, "Sở Tư phá"), ["Sở Tư pháp"]);
        assert!(closest(names, "Sở Xây dựng").is_empty());
    }
}
