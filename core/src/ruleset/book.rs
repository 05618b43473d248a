//! A ruleset as a workbook (issue 16): a provincial office writes its index
//! in Excel, as it writes every annex, and the converter turns the book into
//! the ruleset file and back. `to_xlsx` writes every field of the format;
//! `from_xlsx` reads a book back, collects every problem of its cells at
//! once (sheet, row, column and the cell's text), then puts the ruleset
//! through the one check every ruleset goes through (`check::check`), whose
//! problems are placed back on the cells they come from.
//!
//! The sheets and their columns are documented in docs/soan-bo-chi-so.md.
//! Their names are the format's own words (like the JSON's field names),
//! kept here; the messages are in `text`.

use super::check::{check, MAX_DEPTH};
use super::file::*;
use super::model::Ruleset;
use crate::decimal::{parse_user_decimal, Dec, NumberError};
use crate::json::{Problem, ProblemKind};
use crate::office::csv::{read_table, Table};
use crate::office::xlsx::read_sheets;
use crate::office::{CsvProblem, CsvProblemKind};
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

/// The sheets, by their role.
pub const INFO: &str = "Thông tin";
pub const TREE: &str = "Tiêu chí";
pub const CONDITIONS: &str = "Điều kiện";
pub const CLASSIFICATIONS: &str = "Xếp loại";
pub const LEVELS: &str = "Mức xếp loại";
pub const LEVEL_CONDITIONS: &str = "Điều kiện mức";
pub const RANKING: &str = "Xếp hạng";
/// A sheet of the author's own notes, not read.
pub const GUIDE: &str = "Hướng dẫn";
const SHEETS: &str = "Thông tin, Tiêu chí, Điều kiện, Xếp loại, Mức xếp loại, Điều kiện mức, Xếp hạng, Hướng dẫn";

/// Most problems listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 200;
/// Most rows the tree sheet may have: every node the check allows, each
/// with a few option rows. A longer sheet is refused unread.
pub const MAX_TREE_ROWS: usize = 4 * super::check::MAX_NODES;

// ───────────────────────────── words ─────────────────────────────

/// The words a cell may hold for a value: (Vietnamese, the JSON's own
/// identifier, value). The first word of a value is the one written.
struct Words<T: 'static> {
    list: &'static [(&'static str, &'static str, T)],
    expected: &'static str,
}

impl<T: Copy + PartialEq> Words<T> {
    fn word(&self, v: T) -> &'static str {
        self.list.iter().find(|(_, _, x)| *x == v).map_or("", |(w, _, _)| w)
    }
    /// The Vietnamese words, each once, in order.
    fn words(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for (w, _, _) in self.list {
            if !out.contains(w) {
                out.push(w);
            }
        }
        out
    }
    fn parse(&self, typed: &str) -> Option<T> {
        let t = typed.trim().to_lowercase();
        self.list.iter().find(|(vi, id, _)| t == vi.to_lowercase() || t == *id).map(|(_, _, v)| *v)
    }
}

static YES_NO: Words<bool> = Words { list: &[("có", "yes", true), ("không", "no", false), ("có", "true", true), ("không", "false", false)], expected: "có, không" };
static KIND: Words<Kind> = Words { list: &[("thường", "normal", Kind::Normal), ("cộng", "bonus", Kind::Bonus), ("trừ", "penalty", Kind::Penalty)], expected: "thường, cộng, trừ" };
static ASSESSED: Words<AssessedBy> = Words {
    list: &[("tự chấm", "self", AssessedBy::SelfScored), ("khảo sát", "survey", AssessedBy::Survey), ("lãnh đạo", "leaders", AssessedBy::Leaders)],
    expected: "tự chấm, khảo sát, lãnh đạo",
};
static EVIDENCE: Words<EvidenceRule> = Words {
    list: &[("khi có điểm", "when_points", EvidenceRule::WhenPoints), ("luôn cần", "always", EvidenceRule::Always), ("không cần", "never", EvidenceRule::Never)],
    expected: "khi có điểm, luôn cần, không cần",
};
static DECIDE: Words<DecideOn> = Words { list: &[("tỷ lệ chính xác", "exact", DecideOn::Exact), ("tỷ lệ làm tròn", "rounded", DecideOn::Rounded)], expected: "tỷ lệ chính xác, tỷ lệ làm tròn" };
static RANK_BY: Words<RankBy> = Words { list: &[("điểm", "points", RankBy::Points), ("tỷ lệ", "percent", RankBy::Percent)], expected: "điểm, tỷ lệ" };
static GROUPS: Words<GroupBy> = Words { list: &[("cả bộ chỉ số", "ruleset", GroupBy::Ruleset), ("theo danh sách", "roster", GroupBy::Roster)], expected: "cả bộ chỉ số, theo danh sách" };
static ROUNDING: Words<QuotaRounding> = Words {
    list: &[("làm tròn xuống", "down", QuotaRounding::Down), ("làm tròn lên", "up", QuotaRounding::Up), ("làm tròn nửa lên", "half_up", QuotaRounding::HalfUp)],
    expected: "làm tròn xuống, làm tròn lên, làm tròn nửa lên",
};
static BASE: Words<QuotaBase> = Words {
    list: &[
        ("từ mức dưới trở lên", "at_or_above_level_below", QuotaBase::AtOrAboveLevelBelow),
        ("mức dưới, trước khi cắt", "level_below_before_cut", QuotaBase::LevelBelowBeforeCut),
        ("mức dưới, sau khi cắt", "level_below_after_cut", QuotaBase::LevelBelowAfterCut),
    ],
    expected: "từ mức dưới trở lên; mức dưới, trước khi cắt; mức dưới, sau khi cắt",
};

/// A rule's type, as the tree sheet names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleType {
    Number,
    YesNo,
    Choice,
    RatioBands,
    Proportional,
    PerOccurrence,
    DeductPercent,
    Survey,
}

static RULES: Words<RuleType> = Words {
    list: &[
        ("nhập số", "number", RuleType::Number),
        ("có/không", "yes_no", RuleType::YesNo),
        ("chọn mức", "choice", RuleType::Choice),
        ("tỷ lệ theo khoảng", "ratio_bands", RuleType::RatioBands),
        ("tỷ lệ hoàn thành", "proportional", RuleType::Proportional),
        ("số lần × điểm", "per_occurrence", RuleType::PerOccurrence),
        ("số lần x điểm", "per_occurrence", RuleType::PerOccurrence),
        ("trừ % mỗi lần", "deduct_percent_per_occurrence", RuleType::DeductPercent),
        ("khảo sát", "survey", RuleType::Survey),
    ],
    expected: "nhập số, có/không, chọn mức, tỷ lệ theo khoảng, tỷ lệ hoàn thành, số lần × điểm, trừ % mỗi lần, khảo sát",
};

static LEVEL_TERMS: Words<bool> = Words { list: &[("cần", "requires", true), ("chặn", "veto", false)], expected: "cần, chặn" };

// ───────────────────────────── columns ─────────────────────────────

/// The tree sheet's columns, in the order written.
mod col {
    pub const LEVEL: usize = 0;
    pub const CODE: usize = 1;
    pub const TITLE: usize = 2;
    pub const KIND: usize = 3;
    pub const MAX: usize = 4;
    pub const CAP: usize = 5;
    pub const RULE: usize = 6;
    pub const STEP: usize = 7;
    pub const NUMERATOR: usize = 8;
    pub const DENOMINATOR: usize = 9;
    pub const POINTS_EACH: usize = 10;
    pub const PERCENT_EACH: usize = 11;
    pub const LABEL: usize = 12;
    pub const FROM_PERCENT: usize = 13;
    pub const POINTS: usize = 14;
    pub const PERCENT: usize = 15;
    pub const NOT_APPLICABLE: usize = 16;
    pub const UNASSIGNED: usize = 17;
    pub const ASSESSED_BY: usize = 18;
    pub const EVIDENCE: usize = 19;
    pub const NOTE: usize = 20;
    pub const NOT_VERIFIED: usize = 21;
}

const TREE_COLUMNS: &[&str] = &[
    "Cấp",
    "Mã",
    "Tên",
    "Loại điểm",
    "Điểm tối đa",
    "Mức trần",
    "Cách chấm",
    "Bước điểm",
    "Tử số / kết quả đạt",
    "Mẫu số / chỉ tiêu",
    "Điểm mỗi lần",
    "% trừ mỗi lần",
    "Lựa chọn",
    "Từ %",
    "Điểm lựa chọn",
    "% điểm tối đa",
    "Cho phép không áp dụng",
    "Cho phép điểm không được giao",
    "Người chấm",
    "Tài liệu kiểm chứng",
    "Ghi chú",
    "Chưa kiểm chứng",
];
/// Columns a node row uses (the others are a rule's option rows).
const NODE_ONLY: &[usize] = &[
    col::TITLE, col::KIND, col::MAX, col::CAP, col::RULE, col::STEP, col::NUMERATOR, col::DENOMINATOR, col::POINTS_EACH, col::PERCENT_EACH,
    col::NOT_APPLICABLE, col::UNASSIGNED, col::ASSESSED_BY, col::EVIDENCE, col::NOTE, col::NOT_VERIFIED,
];
const OPTION_ONLY: &[usize] = &[col::LABEL, col::FROM_PERCENT, col::POINTS, col::PERCENT];

/// Sheets of named values: a name column and a value column.
const NAMED_COLUMNS: &[&str] = &["Mục", "Giá trị"];

/// The information sheet's rows: (name, may repeat).
mod info {
    pub const ID: usize = 0;
    pub const VERSION: usize = 1;
    pub const TITLE: usize = 2;
    pub const SHORT_TITLE: usize = 3;
    pub const ILLUSTRATIVE: usize = 4;
    pub const MAX_TOTAL: usize = 5;
    pub const DECIDE_ON: usize = 6;
    pub const DOCUMENT: usize = 7;
    pub const DATE: usize = 8;
    pub const ISSUER: usize = 9;
    pub const SOURCE_TITLE: usize = 10;
    pub const REFERENCE: usize = 11;
    pub const NOT_VERIFIED: usize = 12;
    pub const NOTES: usize = 13;
    pub const SCHEMA: usize = 14;
}
const INFO_ROWS: &[(&str, bool)] = &[
    ("Mã bộ chỉ số", false),
    ("Phiên bản", false),
    ("Tên bộ chỉ số", false),
    ("Tên ngắn", false),
    ("Minh họa", false),
    ("Tổng điểm tối đa", false),
    ("Xếp loại dựa trên", false),
    ("Văn bản", false),
    ("Ngày ban hành", false),
    ("Cơ quan ban hành", false),
    ("Trích yếu", false),
    ("Nơi đọc văn bản", false),
    ("Chưa kiểm chứng", true),
    ("Ghi chú", true),
    ("Lược đồ JSON", false),
];
const INFO_NAMES: &str = "Mã bộ chỉ số, Phiên bản, Tên bộ chỉ số, Tên ngắn, Minh họa, Tổng điểm tối đa, Xếp loại dựa trên, Văn bản, Ngày ban hành, Cơ quan ban hành, Trích yếu, Nơi đọc văn bản, Chưa kiểm chứng, Ghi chú, Lược đồ JSON";

mod rank {
    pub const BY: usize = 0;
    pub const CLASSIFICATION: usize = 1;
    pub const TIE_BREAKS: usize = 2;
    pub const GROUPS: usize = 3;
    pub const NOT_RANKED: usize = 4;
    pub const NOT_VERIFIED: usize = 5;
    pub const Q_CLASSIFICATION: usize = 6;
    pub const Q_LEVEL: usize = 7;
    pub const Q_PERCENT: usize = 8;
    pub const Q_ROUNDING: usize = 9;
    pub const Q_BASE: usize = 10;
    pub const Q_NOT_VERIFIED: usize = 11;
}
const RANKING_ROWS: &[(&str, bool)] = &[
    ("Xếp hạng theo", false),
    ("Xếp loại dùng để xếp hạng", false),
    ("Khi bằng điểm, xét mục", true),
    ("Nhóm xếp hạng", false),
    ("Không xếp hạng", true),
    ("Chưa kiểm chứng", false),
    ("Hạn mức: xếp loại", false),
    ("Hạn mức: mức", false),
    ("Hạn mức: tỷ lệ (%)", false),
    ("Hạn mức: làm tròn", false),
    ("Hạn mức: tính trên", false),
    ("Hạn mức: chưa kiểm chứng", false),
];
const RANKING_NAMES: &str = "Xếp hạng theo, Xếp loại dùng để xếp hạng, Khi bằng điểm, xét mục, Nhóm xếp hạng, Không xếp hạng, Chưa kiểm chứng, Hạn mức: xếp loại, Hạn mức: mức, Hạn mức: tỷ lệ (%), Hạn mức: làm tròn, Hạn mức: tính trên, Hạn mức: chưa kiểm chứng";

const CONDITION_COLUMNS: &[&str] = &["Mã điều kiện", "Câu hỏi", "Chưa kiểm chứng"];
const CLASSIFICATION_COLUMNS: &[&str] = &["Mã xếp loại", "Tên xếp loại", "Tính trên nội dung", "Ghi chú", "Chưa kiểm chứng"];
const LEVEL_COLUMNS: &[&str] = &["Mã xếp loại", "Mức", "Tỷ lệ tối thiểu (%)"];
const LEVEL_CONDITION_COLUMNS: &[&str] = &["Mã xếp loại", "Mức", "Loại", "Mã điều kiện", "Trả lời", "Diễn giải"];

// ───────────────────────────── writing ─────────────────────────────

/// The ruleset as a workbook, every field in its cell.
pub fn to_xlsx(f: &RulesetFile) -> Result<Vec<u8>, String> {
    write(f).map_err(|e| e.to_string())
}

fn num(d: &Dec) -> f64 {
    // At most 9 + 6 digits: an f64 holds it exactly enough to give the same
    // decimal back by its shortest round trip.
    d.0.normalize().to_string().parse::<f64>().unwrap_or_default()
}

struct Out<'a> {
    ws: &'a mut Worksheet,
    row: u32,
}

impl Out<'_> {
    fn text(&mut self, c: usize, v: &str) -> Result<(), XlsxError> {
        if !v.is_empty() {
            self.ws.write_string(self.row, c as u16, v)?;
        }
        Ok(())
    }
    fn opt(&mut self, c: usize, v: Option<&str>) -> Result<(), XlsxError> {
        self.text(c, v.unwrap_or(""))
    }
    fn num(&mut self, c: usize, v: Option<&Dec>) -> Result<(), XlsxError> {
        if let Some(d) = v {
            self.ws.write_number(self.row, c as u16, num(d))?;
        }
        Ok(())
    }
}

/// A drop-down of the words a column takes, rows `first..=last`. A warning,
/// not a stop: the JSON's own identifiers are accepted too.
fn choices<T: Copy + PartialEq>(ws: &mut Worksheet, first: u32, last: u32, col: usize, w: &Words<T>) -> Result<(), XlsxError> {
    let dv = DataValidation::new().allow_list_strings(&w.words())?.set_error_style(DataValidationErrorStyle::Warning);
    ws.add_data_validation(first, col as u16, last, col as u16, &dv)?;
    Ok(())
}

fn header(ws: &mut Worksheet, names: &[&str], widths: &[f64]) -> Result<(), XlsxError> {
    let head = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    for (j, h) in names.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &head)?;
        ws.set_column_width(j as u16, widths.get(j).copied().unwrap_or(16.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A sheet of named values: each (row name, values); a name with no value
/// is written with its value blank, so the template shows every row.
/// Returns the row each name is first written on.
fn named(ws: &mut Worksheet, rows: &[(&str, bool)], values: Vec<Vec<String>>) -> Result<Vec<u32>, XlsxError> {
    header(ws, NAMED_COLUMNS, &[34.0, 80.0])?;
    let mut r = 1;
    let mut at = Vec::new();
    for ((name, _), vals) in rows.iter().zip(values) {
        at.push(r);
        let vals = if vals.is_empty() { vec![String::new()] } else { vals };
        for v in vals {
            ws.write_string(r, 0, *name)?;
            if !v.is_empty() {
                ws.write_string(r, 1, &v)?;
            }
            r += 1;
        }
    }
    Ok(at)
}

fn write(f: &RulesetFile) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The same ruleset gives the same bytes (the template in docs/ is
    // compared byte for byte): the book is dated by its source, not the clock.
    let date = f.source.date.split('/').map(|x| x.trim().parse::<u16>().ok()).collect::<Vec<_>>();
    let created = match date[..] {
        [Some(d), Some(m), Some(y)] => ExcelDateTime::from_ymd(y, m as u8, d as u8).ok(),
        _ => None,
    };
    let created = match created {
        Some(c) => c,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let one = |v: &str| if v.is_empty() { vec![] } else { vec![v.to_string()] };
    let opt = |v: &Option<String>| v.as_deref().map(one).unwrap_or_default();

    // Information and source. The total is a number cell below.
    let ws = book.add_worksheet();
    ws.set_name(INFO)?;
    let values = vec![
        one(&f.id),
        one(&f.version),
        one(&f.title),
        opt(&f.short_title),
        f.illustrative.map(|b| one(YES_NO.word(b))).unwrap_or_default(),
        vec![],
        f.decide_on.map(|d| one(DECIDE.word(d))).unwrap_or_default(),
        one(&f.source.document),
        one(&f.source.date),
        one(&f.source.issuer),
        opt(&f.source.title),
        opt(&f.source.reference),
        f.not_verified.clone(),
        f.notes.clone(),
        opt(&f.schema),
    ];
    let at = named(ws, INFO_ROWS, values)?;
    ws.write_number(at[info::MAX_TOTAL], 1, num(&f.max_total))?;
    choices(ws, at[info::ILLUSTRATIVE], at[info::ILLUSTRATIVE], 1, &YES_NO)?;
    choices(ws, at[info::DECIDE_ON], at[info::DECIDE_ON], 1, &DECIDE)?;

    // The tree: one row per node, then its rule's options, bands or answers.
    let ws = book.add_worksheet();
    ws.set_name(TREE)?;
    let mut widths = vec![6.0, 8.0, 60.0];
    widths.extend([12.0; 19]);
    widths[col::NOTE] = 50.0;
    widths[col::NOT_VERIFIED] = 50.0;
    header(ws, TREE_COLUMNS, &widths)?;
    // Codes are text: "1.10" must not become the number 1.1.
    ws.set_column_format(col::CODE as u16, &Format::new().set_num_format("@"))?;
    let last = MAX_TREE_ROWS as u32;
    choices(ws, 1, last, col::KIND, &KIND)?;
    choices(ws, 1, last, col::RULE, &RULES)?;
    choices(ws, 1, last, col::NOT_APPLICABLE, &YES_NO)?;
    choices(ws, 1, last, col::UNASSIGNED, &YES_NO)?;
    choices(ws, 1, last, col::ASSESSED_BY, &ASSESSED)?;
    choices(ws, 1, last, col::EVIDENCE, &EVIDENCE)?;
    let mut out = Out { ws, row: 1 };
    for s in &f.sections {
        tree_rows(&mut out, s, 1)?;
    }

    let ws = book.add_worksheet();
    ws.set_name(CONDITIONS)?;
    header(ws, CONDITION_COLUMNS, &[24.0, 70.0, 50.0])?;
    let mut out = Out { ws, row: 1 };
    for c in &f.conditions {
        out.text(0, &c.id)?;
        out.text(1, &c.question)?;
        out.opt(2, c.not_verified.as_deref())?;
        out.row += 1;
    }

    let ws = book.add_worksheet();
    ws.set_name(CLASSIFICATIONS)?;
    header(ws, CLASSIFICATION_COLUMNS, &[20.0, 40.0, 18.0, 50.0, 50.0])?;
    let mut out = Out { ws, row: 1 };
    for c in &f.classifications {
        out.text(0, &c.id)?;
        out.text(1, &c.title)?;
        out.opt(2, c.sections.as_ref().map(|s| s.join("; ")).as_deref())?;
        out.opt(3, c.note.as_deref())?;
        out.opt(4, c.not_verified.as_deref())?;
        out.row += 1;
    }

    let ws = book.add_worksheet();
    ws.set_name(LEVELS)?;
    header(ws, LEVEL_COLUMNS, &[20.0, 40.0, 18.0])?;
    let mut out = Out { ws, row: 1 };
    for c in &f.classifications {
        for l in &c.levels {
            out.text(0, &c.id)?;
            out.text(1, &l.label)?;
            out.num(2, l.min_percent.as_ref())?;
            out.row += 1;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name(LEVEL_CONDITIONS)?;
    header(ws, LEVEL_CONDITION_COLUMNS, &[20.0, 34.0, 8.0, 20.0, 8.0, 60.0])?;
    choices(ws, 1, 1000, 2, &LEVEL_TERMS)?;
    choices(ws, 1, 1000, 4, &YES_NO)?;
    let mut out = Out { ws, row: 1 };
    for c in &f.classifications {
        for l in &c.levels {
            for r in &l.requires {
                for (j, v) in [c.id.as_str(), &l.label, LEVEL_TERMS.word(true), &r.condition, YES_NO.word(r.answer), &r.text].iter().enumerate() {
                    out.text(j, v)?;
                }
                out.row += 1;
            }
        }
        for v in &c.vetoes {
            for (j, x) in [c.id.as_str(), &v.level, LEVEL_TERMS.word(false), &v.condition, YES_NO.word(v.answer), &v.text].iter().enumerate() {
                out.text(j, x)?;
            }
            out.row += 1;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name(RANKING)?;
    let r = f.ranking.as_ref();
    let q = r.and_then(|r| r.quota.as_ref());
    let values = vec![
        r.and_then(|r| r.by).map(|b| one(RANK_BY.word(b))).unwrap_or_default(),
        r.map(|r| opt(&r.classification)).unwrap_or_default(),
        r.map(|r| r.tie_breaks.clone()).unwrap_or_default(),
        r.and_then(|r| r.groups).map(|g| one(GROUPS.word(g))).unwrap_or_default(),
        r.map(|r| r.not_ranked.clone()).unwrap_or_default(),
        r.map(|r| opt(&r.not_verified)).unwrap_or_default(),
        q.map(|q| one(&q.classification)).unwrap_or_default(),
        q.map(|q| one(&q.level)).unwrap_or_default(),
        vec![],
        q.and_then(|q| q.rounding).map(|x| one(ROUNDING.word(x))).unwrap_or_default(),
        q.map(|q| one(BASE.word(q.base))).unwrap_or_default(),
        q.map(|q| opt(&q.not_verified)).unwrap_or_default(),
    ];
    let at = named(ws, RANKING_ROWS, values)?;
    // The quota's percentage is a number cell.
    if let Some(q) = q {
        ws.write_number(at[rank::Q_PERCENT], 1, num(&q.percent))?;
    }
    choices(ws, at[rank::BY], at[rank::BY], 1, &RANK_BY)?;
    choices(ws, at[rank::GROUPS], at[rank::GROUPS], 1, &GROUPS)?;
    choices(ws, at[rank::Q_ROUNDING], at[rank::Q_ROUNDING], 1, &ROUNDING)?;

    book.save_to_buffer()
}

fn tree_rows(out: &mut Out, n: &NodeFile, level: usize) -> Result<(), XlsxError> {
    out.ws.write_number(out.row, col::LEVEL as u16, level as f64)?;
    out.text(col::CODE, &n.code)?;
    out.text(col::TITLE, &n.title)?;
    out.opt(col::KIND, n.kind.map(|k| KIND.word(k)))?;
    out.num(col::MAX, n.max.as_ref())?;
    out.num(col::CAP, n.cap.as_ref())?;
    out.num(col::STEP, n.step.as_ref())?;
    out.opt(col::NOT_APPLICABLE, n.not_applicable_allowed.map(|b| YES_NO.word(b)))?;
    out.opt(col::UNASSIGNED, n.unassigned_allowed.map(|b| YES_NO.word(b)))?;
    out.opt(col::ASSESSED_BY, n.assessed_by.map(|a| ASSESSED.word(a)))?;
    out.opt(col::EVIDENCE, n.evidence.map(|e| EVIDENCE.word(e)))?;
    out.opt(col::NOTE, n.note.as_deref())?;
    out.opt(col::NOT_VERIFIED, n.not_verified.as_deref())?;
    // Per option row: (label, from %, points, % of the maximum).
    type OptionRow<'a> = (Option<&'a str>, Option<&'a Dec>, Option<&'a Dec>, Option<&'a Dec>);
    let mut options: Vec<OptionRow> = Vec::new();
    if let Some(r) = &n.rule {
        let t = match r {
            RuleFile::Number {} => RuleType::Number,
            RuleFile::YesNo {} => RuleType::YesNo,
            RuleFile::Choice { options: o } => {
                options = o.iter().map(|o| (Some(o.label.as_str()), None, Some(&o.points), None)).collect();
                RuleType::Choice
            }
            RuleFile::RatioBands { numerator, denominator, bands } => {
                out.text(col::NUMERATOR, numerator)?;
                out.text(col::DENOMINATOR, denominator)?;
                options = bands.iter().map(|b| (None, Some(&b.from_percent), Some(&b.points), None)).collect();
                RuleType::RatioBands
            }
            RuleFile::Proportional { achieved, target } => {
                out.text(col::NUMERATOR, achieved)?;
                out.text(col::DENOMINATOR, target)?;
                RuleType::Proportional
            }
            RuleFile::PerOccurrence { points_each } => {
                out.num(col::POINTS_EACH, Some(points_each))?;
                RuleType::PerOccurrence
            }
            RuleFile::DeductPercentPerOccurrence { percent_each } => {
                out.num(col::PERCENT_EACH, Some(percent_each))?;
                RuleType::DeductPercent
            }
            RuleFile::Survey { answers } => {
                options = answers.iter().map(|a| (Some(a.label.as_str()), None, None, Some(&a.percent))).collect();
                RuleType::Survey
            }
        };
        out.text(col::RULE, RULES.word(t))?;
    }
    out.row += 1;
    for (label, from, points, percent) in options {
        out.opt(col::LABEL, label)?;
        out.num(col::FROM_PERCENT, from)?;
        out.num(col::POINTS, points)?;
        out.num(col::PERCENT, percent)?;
        out.row += 1;
    }
    for c in &n.children {
        tree_rows(out, c, level + 1)?;
    }
    Ok(())
}

// ───────────────────────────── reading ─────────────────────────────

/// A ruleset read from a book and checked.
#[derive(Debug, Clone)]
pub struct BookRuleset {
    /// The file, to write as JSON (`write_ruleset`).
    pub file: RulesetFile,
    /// The same, checked: ready to score.
    pub ruleset: Ruleset,
}

impl BookRuleset {
    /// The ruleset's JSON as the app writes it (what its SHA-256 is taken of).
    pub fn json(&self) -> String {
        write_ruleset(&self.file)
    }

    /// Its line for `rulesets/index.json`: the file named after its id, the
    /// selector showing its short title (else its title).
    pub fn index_entry(&self) -> super::index::IndexEntry {
        super::index::IndexEntry {
            id: self.file.id.clone(),
            file: format!("{}.json", self.file.id),
            title: self.file.short_title.clone().unwrap_or_else(|| self.file.title.clone()),
            example: None,
            archive: Vec::new(),
            roster: None,
        }
    }
}

/// Reads a ruleset from a workbook. `file` names the file in problems.
/// Every problem is returned at once, each at its sheet, row and column
/// with the cell's text: first the cells that cannot be read, then what
/// the ruleset's check finds, placed on the cells it comes from.
pub fn from_xlsx(file: &str, bytes: &[u8]) -> Result<BookRuleset, Vec<CsvProblem>> {
    from_book(file, bytes, None)
}

/// `from_xlsx`, the tree read from `tree` (a CSV file: name and bytes; UTF-8
/// with or without BOM, comma or semicolon) instead of the book's own tree
/// sheet, which may then be left out. The other sheets come from the book.
pub fn from_book(file: &str, bytes: &[u8], tree: Option<(&str, &[u8])>) -> Result<BookRuleset, Vec<CsvProblem>> {
    let mut r = Reader { file: file.to_string(), problems: Vec::new(), places: HashMap::new(), tree_failed: false };
    let sheets = read_sheets(file, bytes, &mut r.problems).map_err(|p| vec![*p])?;
    let mut by_role: HashMap<&'static str, (String, Option<Table>)> = HashMap::new();
    let roles = [INFO, TREE, CONDITIONS, CLASSIFICATIONS, LEVELS, LEVEL_CONDITIONS, RANKING, GUIDE];
    let mut seen: HashMap<String, String> = HashMap::new();
    for (name, table) in sheets {
        let key = name.trim().to_lowercase();
        let place = Place { file: file.to_string(), sheet: Some(name.clone()), line: None, col: None, text: String::new() };
        if seen.insert(key.clone(), name.clone()).is_some() {
            r.push(&place, CsvProblemKind::DuplicateSheet);
            continue;
        }
        match roles.iter().find(|role| role.to_lowercase() == key) {
            Some(role) => {
                by_role.insert(role, (name, table));
            }
            None => r.push(&place, CsvProblemKind::UnknownSheet { expected: SHEETS }),
        }
    }
    let tree_table = match tree {
        Some((name, csv)) => match read_table(name, csv) {
            Ok(t) => Some((name.to_string(), None, Some(t))),
            Err(p) => {
                r.problems.push(*p);
                r.tree_failed = true;
                None
            }
        },
        None => by_role.remove(TREE).map(|(s, t)| (file.to_string(), Some(s), t)),
    };
    let rf = r.read(&mut by_role, tree_table, tree.is_some());
    r.finish(rf)
}

/// Where a value of the ruleset came from.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    sheet: Option<String>,
    line: Option<usize>,
    /// 1-based column (A = 1) and its header.
    col: Option<(usize, String)>,
    text: String,
}

struct Reader {
    file: String,
    problems: Vec<CsvProblem>,
    /// JSON path → the cell (or row, or sheet) it was read from.
    places: HashMap<String, Place>,
    /// The tree could not be read whole: what names its parts cannot be checked.
    tree_failed: bool,
}

/// A sheet's table with its columns found.
struct View {
    file: String,
    sheet: Option<String>,
    names: &'static [&'static str],
    /// Per known column, its index in the table.
    cols: Vec<Option<usize>>,
    rows: Vec<(usize, Vec<String>)>,
}

impl View {
    fn get<'a>(&self, row: &'a [String], c: usize) -> &'a str {
        self.cols[c].and_then(|i| row.get(i)).map_or("", |s| s.as_str())
    }
    fn place(&self, line: usize, c: usize, row: &[String]) -> Place {
        let at = self.cols[c].unwrap_or(c);
        Place { file: self.file.clone(), sheet: self.sheet.clone(), line: Some(line), col: Some((at + 1, self.names[c].to_string())), text: self.get(row, c).to_string() }
    }
    fn row_place(&self, line: usize) -> Place {
        Place { file: self.file.clone(), sheet: self.sheet.clone(), line: Some(line), col: None, text: String::new() }
    }
}

/// Named values read from a sheet: per row name, its (value, place) list;
/// and per row name, the value cell of its first row even when blank.
struct Named {
    values: Vec<Vec<(String, Place)>>,
    first: Vec<Option<Place>>,
}

impl std::ops::Index<usize> for Named {
    type Output = Vec<(String, Place)>;
    fn index(&self, i: usize) -> &Self::Output {
        &self.values[i]
    }
}

impl Reader {
    fn push(&mut self, p: &Place, kind: CsvProblemKind) {
        self.problems.push(CsvProblem { file: p.file.clone(), sheet: p.sheet.clone(), row: p.line, column: p.col.clone(), kind });
    }

    fn sheet_place(&self, file: &str, sheet: Option<&str>) -> Place {
        Place { file: file.to_string(), sheet: sheet.map(str::to_string), line: None, col: None, text: String::new() }
    }

    /// The table's columns matched to `names` (case and spaces aside); an
    /// unknown or repeated header, or a missing required column, is a problem.
    fn view(&mut self, file: &str, sheet: Option<&str>, table: Option<Table>, names: &'static [&'static str], required: usize) -> View {
        let mut v = View { file: file.to_string(), sheet: sheet.map(str::to_string), names, cols: vec![None; names.len()], rows: Vec::new() };
        let Some(t) = table else {
            // A blank optional sheet declares nothing; the information and
            // the tree cannot be blank.
            let must = sheet.is_none_or(|s| [INFO, TREE].iter().any(|r| r.to_lowercase() == s.trim().to_lowercase()));
            if must {
                let p = self.sheet_place(file, sheet);
                self.push(&p, CsvProblemKind::EmptySheet);
            }
            return v;
        };
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        for (i, h) in t.header.iter().enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            let at = Place { file: file.to_string(), sheet: sheet.map(str::to_string), line: Some(t.header_line), col: Some((i + 1, h.clone())), text: h.clone() };
            match names.iter().position(|n| norm(n) == norm(h)) {
                None => self.push(&at, CsvProblemKind::UnknownColumn),
                Some(c) if v.cols[c].is_some() => self.push(&at, CsvProblemKind::DuplicateColumn),
                Some(c) => v.cols[c] = Some(i),
            }
        }
        for (c, name) in names.iter().enumerate().take(required) {
            if v.cols[c].is_none() {
                let p = Place { line: Some(t.header_line), ..self.sheet_place(file, sheet) };
                self.push(&p, CsvProblemKind::MissingColumn { expected: name });
            }
        }
        // Cells right of the header (a row longer than it) are not silently dropped.
        for (line, row) in &t.rows {
            for (i, cell) in row.iter().enumerate().skip(t.header.len()) {
                if !cell.is_empty() {
                    let at = Place { file: file.to_string(), sheet: sheet.map(str::to_string), line: Some(*line), col: Some((i + 1, String::new())), text: cell.clone() };
                    self.push(&at, CsvProblemKind::UnknownColumn);
                }
            }
        }
        v.rows = t.rows;
        v
    }

    /// A sheet of named values (two columns: name, value).
    fn named(&mut self, sheet: Option<(String, Option<Table>)>, rows: &[(&'static str, bool)], expected: &'static str) -> (Named, Option<Place>) {
        let mut out = Named { values: vec![Vec::new(); rows.len()], first: vec![None; rows.len()] };
        let Some((name, table)) = sheet else { return (out, None) };
        let whole = self.sheet_place(&self.file.clone(), Some(&name));
        let v = self.view(&self.file.clone(), Some(&name), table, NAMED_COLUMNS, 2);
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        for (line, row) in &v.rows {
            let (key, value) = (v.get(row, 0), v.get(row, 1));
            let Some(i) = rows.iter().position(|(n, _)| norm(n) == norm(key)) else {
                self.push(&v.place(*line, 0, row), CsvProblemKind::UnknownRow { typed: key.to_string(), expected });
                continue;
            };
            if out.first[i].is_none() {
                out.first[i] = Some(v.place(*line, 1, row));
            }
            if value.is_empty() {
                continue;
            }
            if let (false, Some((_, first))) = (rows[i].1, out[i].first()) {
                let first = first.line.unwrap_or_default();
                self.push(&v.place(*line, 1, row), CsvProblemKind::RepeatedRow { first });
                continue;
            }
            out.values[i].push((value.to_string(), v.place(*line, 1, row)));
        }
        (out, Some(whole))
    }

    fn note(&mut self, path: impl Into<String>, p: &Place) {
        self.places.insert(path.into(), p.clone());
    }

    /// A number cell: `None` when blank or unreadable (then a problem).
    fn dec(&mut self, p: &Place) -> Option<Dec> {
        if p.text.is_empty() {
            return None;
        }
        match parse_user_decimal(&p.text) {
            Ok(d) => Some(Dec(d)),
            Err(NumberError::NotANumber) => {
                self.push(p, CsvProblemKind::NotANumber { typed: p.text.clone() });
                None
            }
            Err(NumberError::TooLong) => {
                self.push(p, CsvProblemKind::NumberTooLong { typed: p.text.clone() });
                None
            }
        }
    }

    /// A word cell: `None` when blank or not one of the words (then a problem).
    fn word<T: Copy + PartialEq>(&mut self, p: &Place, w: &Words<T>) -> Option<T> {
        if p.text.is_empty() {
            return None;
        }
        let v = w.parse(&p.text);
        if v.is_none() {
            self.push(p, CsvProblemKind::NotOneOf { typed: p.text.clone(), expected: w.expected });
        }
        v
    }

    fn blank(&mut self, p: &Place) {
        self.push(p, CsvProblemKind::BlankCell);
    }

    /// A required named value: its text ("" when missing, then a problem).
    fn required(&mut self, named: &Named, i: usize, rows: &[(&'static str, bool)], whole: &Option<Place>, path: &str) -> (String, Option<Place>) {
        match named[i].first() {
            Some((v, p)) => {
                self.note(path, p);
                (v.clone(), Some(p.clone()))
            }
            None => {
                match (&named.first[i], whole) {
                    // The row is there, its value blank (or unreadable, already said).
                    (Some(p), _) => {
                        self.note(path, p);
                        if !self.problems.iter().any(|q| q.sheet == p.sheet && q.row == p.line) {
                            self.blank(p);
                        }
                    }
                    (None, Some(w)) => {
                        self.note(path, w);
                        self.push(w, CsvProblemKind::MissingRow { name: rows[i].0 });
                    }
                    (None, None) => {}
                }
                (String::new(), None)
            }
        }
    }

    fn optional(&mut self, named: &Named, i: usize, path: &str) -> Option<String> {
        let (v, p) = named[i].first()?;
        self.note(path, p);
        Some(v.clone())
    }

    fn list(&mut self, named: &Named, i: usize, path: &str) -> Vec<String> {
        named[i]
            .iter()
            .enumerate()
            .map(|(k, (v, p))| {
                self.note(format!("{path}[{k}]"), p);
                v.clone()
            })
            .collect()
    }

    fn read(&mut self, roles: &mut HashMap<&'static str, (String, Option<Table>)>, tree: Option<(String, Option<String>, Option<Table>)>, tree_from_csv: bool) -> RulesetFile {
        let file = self.file.clone();
        // Information.
        let info_sheet = roles.remove(INFO);
        if info_sheet.is_none() {
            let p = self.sheet_place(&file, None);
            self.push(&p, CsvProblemKind::MissingSheet { sheet: INFO });
        }
        let (nv, whole) = self.named(info_sheet, INFO_ROWS, INFO_NAMES);
        let (id, _) = self.required(&nv, info::ID, INFO_ROWS, &whole, "id");
        let (version, _) = self.required(&nv, info::VERSION, INFO_ROWS, &whole, "version");
        let (title, _) = self.required(&nv, info::TITLE, INFO_ROWS, &whole, "title");
        let short_title = self.optional(&nv, info::SHORT_TITLE, "short_title");
        let illustrative = nv[info::ILLUSTRATIVE].first().cloned().and_then(|(_, p)| {
            self.note("illustrative", &p);
            self.word(&p, &YES_NO)
        });
        let (_, total_at) = self.required(&nv, info::MAX_TOTAL, INFO_ROWS, &whole, "max_total");
        let max_total = total_at.and_then(|p| self.dec(&p)).unwrap_or_default();
        let decide_on = nv[info::DECIDE_ON].first().cloned().and_then(|(_, p)| {
            self.note("decide_on", &p);
            self.word(&p, &DECIDE)
        });
        let mut source = SourceFile { document: String::new(), date: String::new(), issuer: String::new(), title: None, reference: None };
        for (i, path, field) in [(info::DOCUMENT, "source.document", &mut source.document), (info::DATE, "source.date", &mut source.date), (info::ISSUER, "source.issuer", &mut source.issuer)] {
            *field = self.required(&nv, i, INFO_ROWS, &whole, path).0;
        }
        source.title = self.optional(&nv, info::SOURCE_TITLE, "source.title");
        source.reference = self.optional(&nv, info::REFERENCE, "source.reference");
        let not_verified = self.list(&nv, info::NOT_VERIFIED, "not_verified");
        let notes = self.list(&nv, info::NOTES, "notes");
        let schema = self.optional(&nv, info::SCHEMA, "$schema");

        // The tree.
        let sections = match tree {
            Some((tfile, sheet, table)) => {
                let p = self.sheet_place(&tfile, sheet.as_deref());
                self.note("sections", &p);
                let before = self.problems.len();
                let v = self.view(&tfile, sheet.as_deref(), table, TREE_COLUMNS, 3);
                let t = self.tree(v);
                self.tree_failed = self.problems.len() > before;
                t
            }
            None => {
                if !tree_from_csv {
                    let p = self.sheet_place(&file, None);
                    self.push(&p, CsvProblemKind::MissingSheet { sheet: TREE });
                }
                Vec::new()
            }
        };

        // Conditions.
        let mut conditions = Vec::new();
        if let Some((name, table)) = roles.remove(CONDITIONS) {
            let v = self.view(&file, Some(&name), table, CONDITION_COLUMNS, 2);
            for (line, row) in &v.rows {
                let i = conditions.len();
                let path = format!("conditions[{i}]");
                self.note(&path, &v.row_place(*line));
                let (idp, qp, nvp) = (v.place(*line, 0, row), v.place(*line, 1, row), v.place(*line, 2, row));
                self.note(format!("{path}.id"), &idp);
                self.note(format!("{path}.question"), &qp);
                if idp.text.is_empty() {
                    self.blank(&idp);
                }
                conditions.push(ConditionFile { id: idp.text, question: qp.text, not_verified: some(nvp.text) });
            }
        }

        // Classifications, their levels, and the conditions on those levels.
        let mut classifications: Vec<ClassificationFile> = Vec::new();
        if let Some((name, table)) = roles.remove(CLASSIFICATIONS) {
            let v = self.view(&file, Some(&name), table, CLASSIFICATION_COLUMNS, 2);
            for (line, row) in &v.rows {
                let path = format!("classifications[{}]", classifications.len());
                self.note(&path, &v.row_place(*line));
                let idp = v.place(*line, 0, row);
                if idp.text.is_empty() {
                    self.blank(&idp);
                }
                self.note(format!("{path}.id"), &idp);
                self.note(format!("{path}.title"), &v.place(*line, 1, row));
                let sp = v.place(*line, 2, row);
                let sections = (!sp.text.is_empty()).then(|| sp.text.split(';').map(|s| s.trim().to_string()).collect::<Vec<_>>());
                if let Some(s) = &sections {
                    for k in 0..s.len() {
                        self.note(format!("{path}.sections[{k}]"), &sp);
                    }
                }
                self.note(format!("{path}.levels"), &v.row_place(*line));
                classifications.push(ClassificationFile {
                    id: idp.text,
                    title: v.get(row, 1).to_string(),
                    sections,
                    levels: Vec::new(),
                    not_verified: some(v.get(row, 4).to_string()),
                    vetoes: Vec::new(),
                    note: some(v.get(row, 3).to_string()),
                });
            }
        }
        let class_of = |r: &mut Self, p: &Place, classes: &[ClassificationFile]| {
            let found = classes.iter().position(|c| c.id == p.text);
            if found.is_none() {
                if p.text.is_empty() {
                    r.blank(p);
                } else {
                    r.push(p, CsvProblemKind::Ruleset { problem: ProblemKind::UnknownClassification { id: p.text.clone() }, typed: p.text.clone() });
                }
            }
            found
        };
        if let Some((name, table)) = roles.remove(LEVELS) {
            let v = self.view(&file, Some(&name), table, LEVEL_COLUMNS, 2);
            for (line, row) in &v.rows {
                let Some(ci) = class_of(self, &v.place(*line, 0, row), &classifications) else { continue };
                let li = classifications[ci].levels.len();
                let path = format!("classifications[{ci}].levels[{li}]");
                self.note(&path, &v.row_place(*line));
                self.note(format!("{path}.label"), &v.place(*line, 1, row));
                let mp = v.place(*line, 2, row);
                self.note(format!("{path}.min_percent"), &mp);
                let min_percent = self.dec(&mp);
                classifications[ci].levels.push(LevelFile { label: v.get(row, 1).to_string(), min_percent, requires: Vec::new() });
            }
        }
        if let Some((name, table)) = roles.remove(LEVEL_CONDITIONS) {
            let v = self.view(&file, Some(&name), table, LEVEL_CONDITION_COLUMNS, 6);
            for (line, row) in &v.rows {
                let Some(ci) = class_of(self, &v.place(*line, 0, row), &classifications) else { continue };
                let (lp, tp, cp, ap, xp) = (v.place(*line, 1, row), v.place(*line, 2, row), v.place(*line, 3, row), v.place(*line, 4, row), v.place(*line, 5, row));
                let requires = match self.word(&tp, &LEVEL_TERMS) {
                    Some(t) => t,
                    None => {
                        if tp.text.is_empty() {
                            self.blank(&tp);
                        }
                        continue;
                    }
                };
                let answer = self.word(&ap, &YES_NO);
                if ap.text.is_empty() {
                    self.blank(&ap);
                }
                let answer = answer.unwrap_or_default();
                let c = &mut classifications[ci];
                let path = if requires {
                    let Some(li) = c.levels.iter().position(|l| l.label == lp.text) else {
                        self.push(&lp, CsvProblemKind::Ruleset { problem: ProblemKind::UnknownLevel { label: lp.text.clone() }, typed: lp.text.clone() });
                        continue;
                    };
                    let k = c.levels[li].requires.len();
                    c.levels[li].requires.push(RequirementFile { condition: cp.text.clone(), answer, text: xp.text.clone() });
                    format!("classifications[{ci}].levels[{li}].requires[{k}]")
                } else {
                    let k = c.vetoes.len();
                    c.vetoes.push(VetoFile { condition: cp.text.clone(), answer, level: lp.text.clone(), text: xp.text.clone() });
                    self.note(format!("classifications[{ci}].vetoes[{k}].level"), &lp);
                    format!("classifications[{ci}].vetoes[{k}]")
                };
                self.note(&path, &v.row_place(*line));
                self.note(format!("{path}.condition"), &cp);
                self.note(format!("{path}.text"), &xp);
            }
        }

        // Ranking and quota.
        let (rv, rwhole) = self.named(roles.remove(RANKING), RANKING_ROWS, RANKING_NAMES);
        let ranking = if rv.values.iter().all(Vec::is_empty) {
            None
        } else {
            if let Some(w) = &rwhole {
                self.note("ranking", w);
            }
            let word = |r: &mut Self, i: usize, path: &str| rv[i].first().cloned().map(|(_, p)| {
                r.note(path, &p);
                p
            });
            let by = word(self, rank::BY, "ranking.by").and_then(|p| self.word(&p, &RANK_BY));
            let groups = word(self, rank::GROUPS, "ranking.groups").and_then(|p| self.word(&p, &GROUPS));
            let quota = if rv.values[rank::Q_CLASSIFICATION..].iter().all(Vec::is_empty) {
                None
            } else {
                let (classification, _) = self.required(&rv, rank::Q_CLASSIFICATION, RANKING_ROWS, &rwhole, "ranking.quota.classification");
                let (level, _) = self.required(&rv, rank::Q_LEVEL, RANKING_ROWS, &rwhole, "ranking.quota.level");
                let (_, pp) = self.required(&rv, rank::Q_PERCENT, RANKING_ROWS, &rwhole, "ranking.quota.percent");
                let percent = pp.and_then(|p| self.dec(&p)).unwrap_or_default();
                let rounding = word(self, rank::Q_ROUNDING, "ranking.quota.rounding").and_then(|p| self.word(&p, &ROUNDING));
                let (_, bp) = self.required(&rv, rank::Q_BASE, RANKING_ROWS, &rwhole, "ranking.quota.base");
                let base = bp.and_then(|p| self.word(&p, &BASE)).unwrap_or(QuotaBase::AtOrAboveLevelBelow);
                let not_verified = self.optional(&rv, rank::Q_NOT_VERIFIED, "ranking.quota.not_verified");
                Some(QuotaFile { classification, level, percent, rounding, base, not_verified })
            };
            Some(RankingFile {
                by,
                classification: self.optional(&rv, rank::CLASSIFICATION, "ranking.classification"),
                tie_breaks: self.list(&rv, rank::TIE_BREAKS, "ranking.tie_breaks"),
                groups,
                quota,
                not_ranked: self.list(&rv, rank::NOT_RANKED, "ranking.not_ranked"),
                not_verified: self.optional(&rv, rank::NOT_VERIFIED, "ranking.not_verified"),
            })
        };

        RulesetFile {
            schema,
            format: RULESET_FORMAT.to_string(),
            format_version: RULESET_FORMAT_VERSION,
            id,
            version,
            title,
            short_title,
            illustrative,
            source,
            not_verified,
            notes,
            max_total,
            sections,
            conditions,
            classifications,
            decide_on,
            ranking,
        }
    }

    /// The tree sheet: node rows (level and code), each followed by its
    /// rule's option rows (level and code blank).
    fn tree(&mut self, v: View) -> Vec<NodeFile> {
        struct Pending {
            node: NodeFile,
            children: Vec<usize>,
            rule: Option<(RuleType, Place)>,
            cells: Vec<Place>,
            options: Vec<Vec<Place>>,
            /// (JSON path below the node, place)
            places: Vec<(String, Place)>,
        }
        if v.rows.len() > MAX_TREE_ROWS {
            let at = Place { line: None, col: None, text: String::new(), ..v.row_place(0) };
            self.push(&at, CsvProblemKind::Ruleset { problem: ProblemKind::SizeLimit, typed: String::new() });
            return Vec::new();
        }
        let mut arena: Vec<Pending> = Vec::new();
        let mut roots = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        // The node option rows attach to; `None` after a node row refused.
        let mut current: Option<usize> = None;
        let mut refused = false;
        for (line, row) in &v.rows {
            let line = *line;
            let cells: Vec<Place> = (0..TREE_COLUMNS.len()).map(|c| v.place(line, c, row)).collect();
            let (lv, code) = (&cells[col::LEVEL], &cells[col::CODE]);
            if lv.text.is_empty() && code.text.is_empty() {
                // An option row of the item above.
                if NODE_ONLY.iter().any(|&c| !cells[c].text.is_empty()) {
                    self.blank(&cells[col::LEVEL]);
                    continue;
                }
                match current {
                    Some(i) => arena[i].options.push(cells),
                    None if refused => {}
                    None => self.push(&v.row_place(line), CsvProblemKind::ParameterWithoutItem),
                }
                continue;
            }
            current = None;
            refused = true;
            if lv.text.is_empty() {
                self.blank(lv);
                continue;
            }
            if code.text.is_empty() {
                self.blank(code);
                continue;
            }
            let deepest = MAX_DEPTH + 1;
            let level = match lv.text.parse::<usize>() {
                Ok(l) if (1..=deepest).contains(&l) => l,
                _ => {
                    self.push(lv, CsvProblemKind::BadLevel { typed: lv.text.clone(), deepest });
                    continue;
                }
            };
            if level - 1 > stack.len() {
                self.push(code, CsvProblemKind::NoParent { code: code.text.clone(), level });
                continue;
            }
            stack.truncate(level - 1);
            let parent = stack.last().copied();
            // "1.1.1" right under "1": the dotted code says a level is skipped.
            if let (Some(p), Some((prefix, _))) = (parent, code.text.rsplit_once('.')) {
                if prefix != arena[p].node.code {
                    self.push(code, CsvProblemKind::CodeNotUnderParent { code: code.text.clone(), parent: arena[p].node.code.clone() });
                    continue;
                }
            }
            for &c in OPTION_ONLY {
                if !cells[c].text.is_empty() {
                    self.push(&cells[c], CsvProblemKind::ParameterWithoutItem);
                }
            }
            let mut places = vec![(String::new(), v.row_place(line)), ("code".into(), code.clone()), ("title".into(), cells[col::TITLE].clone())];
            let mut at = |field: &str, c: usize| {
                places.push((field.to_string(), cells[c].clone()));
                cells[c].clone()
            };
            let (kp, mp, cp, sp, nap, up, ap, ep) =
                (at("kind", col::KIND), at("max", col::MAX), at("cap", col::CAP), at("step", col::STEP), at("not_applicable_allowed", col::NOT_APPLICABLE), at("unassigned_allowed", col::UNASSIGNED), at("assessed_by", col::ASSESSED_BY), at("evidence", col::EVIDENCE));
            at("note", col::NOTE);
            at("not_verified", col::NOT_VERIFIED);
            let rp = at("rule", col::RULE);
            let node = NodeFile {
                code: code.text.clone(),
                title: cells[col::TITLE].text.clone(),
                kind: self.word(&kp, &KIND),
                max: self.dec(&mp),
                cap: self.dec(&cp),
                step: self.dec(&sp),
                not_applicable_allowed: self.word(&nap, &YES_NO),
                unassigned_allowed: self.word(&up, &YES_NO),
                assessed_by: self.word(&ap, &ASSESSED),
                not_verified: some(cells[col::NOT_VERIFIED].text.clone()),
                note: some(cells[col::NOTE].text.clone()),
                rule: None,
                evidence: self.word(&ep, &EVIDENCE),
                children: Vec::new(),
            };
            let rule = self.word(&rp, &RULES).map(|t| (t, rp.clone()));
            let bad_rule = rule.is_none() && !rp.text.is_empty();
            let id = arena.len();
            arena.push(Pending { node, children: Vec::new(), rule, cells, options: Vec::new(), places });
            match parent {
                Some(p) => arena[p].children.push(id),
                None => roots.push(id),
            }
            stack.push(id);
            current = Some(id);
            refused = bad_rule;
            if bad_rule {
                // Its option rows are not read: the rule is unknown.
                current = None;
            }
        }

        // Each item's rule, from its row and its option rows.
        for p in arena.iter_mut() {
            let cells = std::mem::take(&mut p.cells);
            let options = std::mem::take(&mut p.options);
            let used: &[usize] = match p.rule.as_ref().map(|r| r.0) {
                None | Some(RuleType::Number) | Some(RuleType::YesNo) => &[],
                Some(RuleType::RatioBands) | Some(RuleType::Proportional) => &[col::NUMERATOR, col::DENOMINATOR],
                Some(RuleType::PerOccurrence) => &[col::POINTS_EACH],
                Some(RuleType::DeductPercent) => &[col::PERCENT_EACH],
                Some(RuleType::Choice) | Some(RuleType::Survey) => &[],
            };
            let option_cols: &[usize] = match p.rule.as_ref().map(|r| r.0) {
                Some(RuleType::Choice) => &[col::LABEL, col::POINTS],
                Some(RuleType::Survey) => &[col::LABEL, col::PERCENT],
                Some(RuleType::RatioBands) => &[col::FROM_PERCENT, col::POINTS],
                _ => &[],
            };
            let rule_word = p.rule.as_ref().map_or(String::new(), |r| RULES.word(r.0).to_string());
            for c in [col::NUMERATOR, col::DENOMINATOR, col::POINTS_EACH, col::PERCENT_EACH] {
                if !used.contains(&c) && !cells[c].text.is_empty() {
                    self.push(&cells[c], CsvProblemKind::NotForRule { rule: rule_word.clone() });
                }
            }
            for o in &options {
                for &c in OPTION_ONLY {
                    if !option_cols.contains(&c) && !o[c].text.is_empty() {
                        self.push(&o[c], CsvProblemKind::NotForRule { rule: rule_word.clone() });
                    }
                }
            }
            let Some((t, _)) = p.rule else { continue };
            let need = |r: &mut Self, c: &Place| {
                if c.text.is_empty() {
                    r.blank(c);
                }
                c.text.clone()
            };
            let list_places = |field: &str, cols: &[(&str, usize)], options: &[Vec<Place>]| {
                let mut out = Vec::new();
                for (k, o) in options.iter().enumerate() {
                    out.push((format!("rule.{field}[{k}]"), Place { col: None, text: String::new(), ..o[col::LABEL].clone() }));
                    for (name, c) in cols {
                        out.push((format!("rule.{field}[{k}].{name}"), o[*c].clone()));
                    }
                }
                out
            };
            let rule = match t {
                RuleType::Number => RuleFile::Number {},
                RuleType::YesNo => RuleFile::YesNo {},
                RuleType::Choice => {
                    p.places.extend(list_places("options", &[("label", col::LABEL), ("points", col::POINTS)], &options));
                    let options = options
                        .iter()
                        .map(|o| OptionFile { label: need(self, &o[col::LABEL]), points: self.required_dec(&o[col::POINTS]) })
                        .collect();
                    RuleFile::Choice { options }
                }
                RuleType::Survey => {
                    p.places.extend(list_places("answers", &[("label", col::LABEL), ("percent", col::PERCENT)], &options));
                    let answers = options
                        .iter()
                        .map(|o| AnswerFile { label: need(self, &o[col::LABEL]), percent: self.required_dec(&o[col::PERCENT]) })
                        .collect();
                    RuleFile::Survey { answers }
                }
                RuleType::RatioBands => {
                    p.places.extend(list_places("bands", &[("from_percent", col::FROM_PERCENT), ("points", col::POINTS)], &options));
                    let bands = options
                        .iter()
                        .map(|o| BandFile { from_percent: self.required_dec(&o[col::FROM_PERCENT]), points: self.required_dec(&o[col::POINTS]) })
                        .collect();
                    RuleFile::RatioBands { numerator: need(self, &cells[col::NUMERATOR]), denominator: need(self, &cells[col::DENOMINATOR]), bands }
                }
                RuleType::Proportional => RuleFile::Proportional { achieved: need(self, &cells[col::NUMERATOR]), target: need(self, &cells[col::DENOMINATOR]) },
                RuleType::PerOccurrence => {
                    p.places.push(("rule.points_each".into(), cells[col::POINTS_EACH].clone()));
                    RuleFile::PerOccurrence { points_each: self.required_dec(&cells[col::POINTS_EACH]) }
                }
                RuleType::DeductPercent => {
                    p.places.push(("rule.percent_each".into(), cells[col::PERCENT_EACH].clone()));
                    RuleFile::DeductPercentPerOccurrence { percent_each: self.required_dec(&cells[col::PERCENT_EACH]) }
                }
            };
            if matches!(t, RuleType::RatioBands | RuleType::Proportional) {
                let (a, b) = if t == RuleType::RatioBands { ("numerator", "denominator") } else { ("achieved", "target") };
                p.places.push((format!("rule.{a}"), cells[col::NUMERATOR].clone()));
                p.places.push((format!("rule.{b}"), cells[col::DENOMINATOR].clone()));
            }
            p.node.rule = Some(rule);
        }

        // The nested nodes, each with its JSON path noted.
        fn build(r: &mut Reader, arena: &mut [Pending], i: usize, path: &str) -> NodeFile {
            for (suffix, place) in std::mem::take(&mut arena[i].places) {
                let at = if suffix.is_empty() { path.to_string() } else { format!("{path}.{suffix}") };
                r.places.insert(at, place);
            }
            let children = arena[i].children.clone();
            let mut node = arena[i].node.clone();
            node.children = children.iter().enumerate().map(|(k, &c)| build(r, arena, c, &format!("{path}.children[{k}]"))).collect();
            node
        }
        roots.iter().enumerate().map(|(k, &i)| build(self, &mut arena, i, &format!("sections[{k}]"))).collect()
    }

    /// A number that must be given: blank is a problem.
    fn required_dec(&mut self, p: &Place) -> Dec {
        if p.text.is_empty() {
            self.blank(p);
        }
        self.dec(p).unwrap_or_default()
    }

    /// The ruleset's check, its problems placed on their cells; every
    /// problem, or the ruleset.
    fn finish(mut self, f: RulesetFile) -> Result<BookRuleset, Vec<CsvProblem>> {
        let read_failed = !self.problems.is_empty();
        let checked = check(f.clone());
        let mut problems = std::mem::take(&mut self.problems);
        match checked {
            Ok(ruleset) if !read_failed => return Ok(BookRuleset { file: f, ruleset }),
            Ok(_) => {}
            Err(found) => {
                let rows_with_problems: std::collections::HashSet<(Option<String>, Option<usize>)> = problems.iter().map(|p| (p.sheet.clone(), p.row)).collect();
                for p in found {
                    let sums = matches!(p.kind, ProblemKind::TotalMismatch { .. } | ProblemKind::GroupMaxMismatch { .. } | ProblemKind::CapAboveParts { .. });
                    let names_a_part = matches!(p.kind, ProblemKind::UnknownSection { .. } | ProblemKind::UnknownItem { .. } | ProblemKind::Empty { what: "sections" });
                    if self.tree_failed && names_a_part {
                        continue;
                    }
                    let located = self.locate(p);
                    // A cell that could not be read was read as blank: what the
                    // check then says of its row, or of sums, is not news.
                    if read_failed && (sums || rows_with_problems.contains(&(located.sheet.clone(), located.row))) {
                        continue;
                    }
                    problems.push(located);
                }
            }
        }
        if problems.len() > MAX_PROBLEMS {
            let more = problems.len() - MAX_PROBLEMS;
            problems.truncate(MAX_PROBLEMS);
            problems.push(CsvProblem { file: self.file.clone(), sheet: None, row: None, column: None, kind: CsvProblemKind::TooManyProblems { more } });
        }
        Err(problems)
    }

    /// A check problem at the cell its JSON path was read from (the
    /// nearest enclosing place noted).
    fn locate(&self, p: Problem) -> CsvProblem {
        let mut path = p.path.clone();
        match p.kind {
            ProblemKind::ItemNeedsMax => path += ".max",
            ProblemKind::BonusGroupNeedsCap => path += ".cap",
            _ => {}
        }
        loop {
            if let Some(at) = self.places.get(&path) {
                return CsvProblem { file: at.file.clone(), sheet: at.sheet.clone(), row: at.line, column: at.col.clone(), kind: CsvProblemKind::Ruleset { problem: p.kind, typed: at.text.clone() } };
            }
            match path.rfind(['.', '[']) {
                Some(i) => path.truncate(i),
                None => break,
            }
        }
        CsvProblem { file: self.file.clone(), sheet: None, row: None, column: None, kind: CsvProblemKind::Ruleset { problem: p.kind, typed: String::new() } }
    }
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}
