//! The office's spreadsheets. Written: the published results as a workbook
//! (a summary sheet of the levels per group, one sheet per group in the
//! shape of the ranked table, and the contents where points were lost),
//! numbers stored as numbers so that Excel shows them in the reader's own
//! format (a decimal comma in Vietnamese). Read: the first sheet of a roster
//! or of the others' scores, into the same `Table` as a CSV file, so that
//! every check and message is the CSV's, with the sheet's name added.
//!
//! An Excel number is a binary float: it is read back by its shortest round
//! trip ("0.1", not "0.1000000000000000055"), and refused past 15
//! significant digits, where a float no longer holds the decimal typed.

use super::consolidate::Consolidation;
use super::csv::{CsvProblem, CsvProblemKind, Table};
use crate::text::{self, XlsxTexts};
use crate::Lang;
use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io::Cursor;

/// The first bytes of a ZIP file (an XLSX is one).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file: an encrypted XLSX, or an old .xls.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most a roster's or a spreadsheet of scores' workbook may unpack to.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Whether the bytes are a spreadsheet rather than CSV text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads the first sheet of an XLSX workbook as a table.
pub fn read_sheet(file: &str, bytes: &[u8]) -> Result<Table, Box<CsvProblem>> {
    let mut book = open(file, bytes)?;
    let Some(name) = book.sheet_names().first().cloned() else { return Err(whole(file, CsvProblemKind::Empty)) };
    let mut problems = Vec::new();
    let table = read_named(file, &mut book, &name, false, &mut problems)?;
    // A roster or a sheet of scores stops at its first unreadable cell.
    if let Some(p) = problems.into_iter().next() {
        return Err(Box::new(p));
    }
    match table {
        Some(t) => Ok(t),
        None => Err(Box::new(CsvProblem { sheet: Some(name), ..*whole(file, CsvProblemKind::Empty) })),
    }
}

/// Every sheet of an XLSX workbook, in the workbook's order: its name and,
/// unless it is blank, its table (columns counted from A, so a cell's index
/// is its Excel column). Cells that cannot be read (a formula without its
/// value, a number past 15 significant digits, an error, a merged range)
/// are all collected in `problems`, each at its cell, and read as blank.
pub fn read_sheets(file: &str, bytes: &[u8], problems: &mut Vec<CsvProblem>) -> Result<Vec<(String, Option<Table>)>, Box<CsvProblem>> {
    let mut book = open(file, bytes)?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let table = read_named(file, &mut book, &name, true, problems)?;
        out.push((name, table));
    }
    Ok(out)
}

fn whole(file: &str, kind: CsvProblemKind) -> Box<CsvProblem> {
    Box::new(CsvProblem { file: file.into(), sheet: None, row: None, column: None, kind })
}

/// Opens a workbook after the checks that need no unpacking: size, an
/// encrypted or old-format file, a ZIP bomb.
fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>, Box<CsvProblem>> {
    if bytes.len() > crate::json::MAX_FILE_BYTES {
        return Err(whole(file, CsvProblemKind::TooLarge { bytes: bytes.len() }));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(whole(file, CsvProblemKind::EncryptedOrXls));
    }
    // A workbook is a ZIP: one that unpacks to far more than any roster (a
    // "ZIP bomb") is refused on the sizes its directory declares, unread.
    if let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
        let unpacked: u64 = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size())).sum();
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(whole(file, CsvProblemKind::TooLargeUnpacked { bytes: unpacked }));
        }
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => whole(file, CsvProblemKind::EncryptedOrXls),
        e => whole(file, CsvProblemKind::NotXlsx { detail: e.to_string() }),
    })
}

/// One sheet as a table (`None` when blank). `from_a`: cells indexed from
/// column A, whatever the first used column (a ruleset's book names
/// columns by letter); otherwise from the first used column.
fn read_named(file: &str, book: &mut Xlsx<Cursor<&[u8]>>, name: &str, from_a: bool, problems: &mut Vec<CsvProblem>) -> Result<Option<Table>, Box<CsvProblem>> {
    let at = |row: usize, col: usize, kind| CsvProblem { file: file.into(), sheet: Some(name.to_string()), row: Some(row), column: Some((col, String::new())), kind };
    let range = book.worksheet_range(name).map_err(|e| whole(file, CsvProblemKind::NotXlsx { detail: e.to_string() }))?;
    let formulas = book.worksheet_formula(name).ok();
    let Some((top, left)) = range.start() else { return Ok(None) };
    if from_a {
        // Merged cells hold their text in the first cell only: a merged
        // range across a table's cells would be read as blanks.
        if let Ok(merged) = book.merge_cells_by_sheet_name(name) {
            for m in merged {
                problems.push(at(m.start.0 as usize + 1, m.start.1 as usize + 1, CsvProblemKind::MergedCells { to: (m.end.0 as usize + 1, m.end.1 as usize + 1) }));
            }
        }
    }
    let pad = if from_a { left as usize } else { 0 };
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        // Rows and columns as Excel numbers them, from 1.
        let line = top as usize + i + 1;
        let mut out = vec![String::new(); pad];
        out.reserve(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            let col = left as usize + j + 1;
            let abs = (top + i as u32, left + j as u32);
            let has_formula = formulas.as_ref().and_then(|f| f.get_value(abs)).is_some_and(|f| !f.is_empty());
            let mut bad = |kind| {
                problems.push(at(line, col, kind));
                String::new()
            };
            out.push(match cell {
                Data::Empty if has_formula => bad(CsvProblemKind::FormulaWithoutValue),
                Data::Empty => String::new(),
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
                Data::Int(n) => n.to_string(),
                Data::Float(f) => match float_text(*f) {
                    Some(t) => t,
                    None => bad(CsvProblemKind::TooPrecise { typed: f.to_string() }),
                },
                Data::Bool(b) => if *b { "true" } else { "false" }.to_string(),
                Data::DateTime(d) if d.is_datetime() => date_text(d.as_f64()).or_else(|| float_text(d.as_f64())).unwrap_or_default(),
                Data::DateTime(d) => float_text(d.as_f64()).unwrap_or_default(),
                Data::Error(e) => bad(CsvProblemKind::CellError { error: e.to_string() }),
            });
        }
        rows.push((line, out));
    }
    let mut rows = rows.into_iter().filter(|(_, r)| r.iter().any(|c| !c.is_empty()));
    let Some((header_line, header)) = rows.next() else { return Ok(None) };
    Ok(Some(Table { sheet: Some(name.to_string()), header, header_line, rows: rows.collect() }))
}

/// A whole-day Excel date as it is shown in Vietnam, dd/mm/yyyy (day 1 is
/// 1900-01-01; Excel's phantom 29/02/1900 is before any ruleset's date).
fn date_text(serial: f64) -> Option<String> {
    if serial.fract() != 0.0 || !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = serial as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{day:02}/{month:02}/{year}"))
}

/// An Excel number as the decimal it was typed as: the float's shortest
/// round trip, `None` past 15 significant digits.
fn float_text(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    // Rust prints an f64 by its shortest round trip, without exponent.
    let s = format!("{f}");
    let digits = s.trim_start_matches('-').replace('.', "");
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    (significant <= 15).then_some(s)
}

/// A number cell: the core's decimal string stored as a number.
fn number(ws: &mut Worksheet, row: u32, col: u16, value: Option<&str>, format: &Format) -> Result<(), XlsxError> {
    match value.and_then(|v| v.parse::<f64>().ok()) {
        Some(n) => ws.write_number_with_format(row, col, n, format).map(|_| ()),
        None => Ok(()),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// unique in the workbook.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() { "Sheet".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The published results as an XLSX workbook.
pub fn to_xlsx(c: &Consolidation, lang: Lang) -> Result<Vec<u8>, String> {
    write(c, lang, text::xlsx(lang)).map_err(|e| e.to_string())
}

fn write(c: &Consolidation, lang: Lang, t: &XlsxTexts) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    // "General" shows 45.75 as "45,75" in a Vietnamese Excel, 45 as "45".
    let points = Format::new();
    let percent = Format::new().set_num_format("0.00");
    let mut taken = vec![t.summary_sheet.to_string(), t.losses_sheet.to_string()];

    // The summary: the levels per group.
    let ws = book.add_worksheet();
    ws.set_name(t.summary_sheet)?;
    ws.write_string_with_format(0, 0, t.title, &bold)?;
    for (j, h) in [t.group, t.classification, t.level, t.count, t.share].iter().enumerate() {
        ws.write_string_with_format(2, j as u16, *h, &head)?;
    }
    let mut r = 3;
    for g in &c.groups {
        for (ci, cl) in g.ruleset.classifications.iter().enumerate() {
            let counts = g.level_counts(ci, lang);
            let counted: usize = counts.iter().map(|(_, n)| n).sum();
            for (label, n) in counts {
                ws.write_string(r, 0, &g.name)?;
                ws.write_string(r, 1, &cl.title)?;
                ws.write_string(r, 2, &label)?;
                ws.write_number(r, 3, n as f64)?;
                if counted > 0 {
                    let share = Decimal::from(n as u64) * Decimal::from(100) / Decimal::from(counted as u64);
                    number(ws, r, 4, Some(&share.round_dp(2).to_string()), &percent)?;
                }
                r += 1;
            }
        }
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(2, 28)?;

    // One sheet per group: the ranked table.
    for g in &c.groups {
        let rs = &g.ruleset;
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&g.name, &mut taken))?;
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        ws.write_string_with_format(0, 0, format!("{} — {}", t.title, g.name), &bold)?;
        let parts: Vec<_> = rs.roots.iter().map(|&id| rs.node(id)).collect();
        let mut header: Vec<String> = vec![t.rank.into(), t.code.into(), t.agency.into()];
        header.extend(parts.iter().map(|n| format!("{} {}", t.part, n.code)));
        header.extend([t.points.to_string(), t.max.to_string(), t.percent.to_string()]);
        header.extend(rs.classifications.iter().map(|cl| cl.title.clone()));
        header.push(t.note.into());
        for (j, h) in header.iter().enumerate() {
            ws.write_string_with_format(2, j as u16, h, &head)?;
        }
        for (i, row) in g.rows.iter().enumerate() {
            let r = 3 + i as u32;
            if let Some(rank) = row.rank {
                ws.write_number(r, 0, rank as f64)?;
            }
            ws.write_string(r, 1, &row.code)?;
            ws.write_string(r, 2, &row.agency)?;
            let mut col = 3u16;
            for n in &parts {
                number(ws, r, col, row.published_part(&n.key).as_deref(), &points)?;
                col += 1;
            }
            let total = row.published_total();
            number(ws, r, col, total.map(|x| x.points.as_str()), &points)?;
            number(ws, r, col + 1, total.map(|x| x.max.as_str()), &points)?;
            number(ws, r, col + 2, total.and_then(|x| x.percent.as_deref()), &percent)?;
            col += 3;
            for cl in &rs.classifications {
                if let Some(level) = row.level(&cl.id, lang) {
                    ws.write_string(r, col, &level)?;
                }
                col += 1;
            }
            ws.write_string(r, col, row.notes_text(lang))?;
        }
        ws.set_column_width(2, 40)?;
        ws.set_freeze_panes(3, 3)?;
    }

    // The contents where points were lost, per group.
    let ws = book.add_worksheet();
    ws.set_name(t.losses_sheet)?;
    ws.write_string_with_format(0, 0, t.losses_title, &bold)?;
    for (j, h) in [t.group, t.part, t.lost_agencies, t.of_agencies, t.share, t.points_lost].iter().enumerate() {
        ws.write_string_with_format(2, j as u16, *h, &head)?;
    }
    let mut r = 3;
    for g in &c.groups {
        for p in g.part_losses().into_iter().chain(g.criterion_losses()) {
            let title = g.ruleset.find(&p.key).map(|id| format!("{}. {}", g.ruleset.node(id).code, g.ruleset.node(id).title)).unwrap_or_else(|| p.key.clone());
            ws.write_string(r, 0, &g.name)?;
            ws.write_string(r, 1, &title)?;
            ws.write_number(r, 2, p.lost as f64)?;
            ws.write_number(r, 3, p.of as f64)?;
            if p.of > 0 {
                let share = Decimal::from(p.lost as u64) * Decimal::from(100) / Decimal::from(p.of as u64);
                number(ws, r, 4, Some(&share.round_dp(2).to_string()), &percent)?;
            }
            number(ws, r, 5, Some(&p.points_lost.to_string()), &points)?;
            r += 1;
        }
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 50)?;

    // Agency × criterion, for the groups whose index has criteria below its contents.
    let with_criteria: Vec<_> = c.groups.iter().filter(|g| g.ruleset.nodes.iter().any(|n| n.depth == 1)).collect();
    if !with_criteria.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(t.criteria_sheet, &mut taken))?;
        let mut r = 0;
        for g in with_criteria {
            let rs = &g.ruleset;
            let criteria: Vec<_> = rs.nodes.iter().filter(|n| n.depth == 1).collect();
            ws.write_string_with_format(r, 0, format!("{} — {}", t.criteria_title, g.name), &bold)?;
            r += 2;
            ws.write_string_with_format(r, 0, t.code, &head)?;
            ws.write_string_with_format(r, 1, t.agency, &head)?;
            for (j, n) in criteria.iter().enumerate() {
                ws.write_string_with_format(r, 2 + j as u16, format!("{} ({})", n.code, crate::decimal::format_decimal(n.max.unwrap_or_default(), lang)), &head)?;
            }
            r += 1;
            for row in &g.rows {
                ws.write_string(r, 0, &row.code)?;
                ws.write_string(r, 1, &row.agency)?;
                for (j, n) in criteria.iter().enumerate() {
                    let figure = row.criteria.iter().find(|x| x.key == n.key).filter(|x| !x.not_applicable);
                    number(ws, r, 2 + j as u16, figure.map(|x| x.points.as_str()), &points)?;
                }
                r += 1;
            }
            r += 1;
        }
        ws.set_column_width(1, 40)?;
        ws.set_freeze_panes(0, 2)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_numbers_read_as_typed() {
        assert_eq!(float_text(0.1).as_deref(), Some("0.1"));
        assert_eq!(float_text(45.75).as_deref(), Some("45.75"));
        assert_eq!(float_text(40.0).as_deref(), Some("40"));
        assert_eq!(float_text(0.1 + 0.2), None, "0.30000000000000004 has 17 significant digits");
        assert_eq!(float_text(123456789012345.0).as_deref(), Some("123456789012345"));
        assert_eq!(float_text(f64::NAN), None);
    }

    #[test]
    fn excel_dates_read_as_shown() {
        assert_eq!(date_text(45_658.0).as_deref(), Some("01/01/2025"));
        assert_eq!(date_text(44_264.0).as_deref(), Some("09/03/2021"));
        assert_eq!(date_text(45_658.5), None, "a time of day is not a date");
    }

    #[test]
    fn sheet_names_excel_accepts() {
        let mut taken = vec!["Tổng hợp".to_string()];
        assert_eq!(sheet_name("Sở/ban/ngành", &mut taken), "Sở-ban-ngành");
        assert_eq!(sheet_name("tổng hợp", &mut taken), "tổng hợp (2)");
        let long = "Đơn vị sự nghiệp công lập trực thuộc UBND tỉnh";
        let name = sheet_name(long, &mut taken);
        assert_eq!(name.chars().count(), 31);
        assert_eq!(sheet_name(long, &mut taken).chars().count(), 31);
        assert_ne!(taken[taken.len() - 1], taken[taken.len() - 2]);
    }
}
