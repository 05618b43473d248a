//! Loading a ruleset: JSON → [`RulesetFile`] → checked [`Ruleset`].
//!
//! Every problem is collected (not just the first) and names its JSON path,
//! so a ruleset author can fix a file in one pass. Nothing here panics on
//! input: malformed JSON, wrong types and absurd sizes all become problems.

use crate::decimal::Lang;
use crate::file::*;
use crate::model::*;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Deepest nesting allowed below a section (section = depth 0).
pub const MAX_DEPTH: usize = 8;
/// Most nodes (sections, criteria, items) in one ruleset.
pub const MAX_NODES: usize = 10_000;
/// Largest ruleset file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// JSON nesting beyond this is refused before parsing (serde_json's own
/// recursion limit is 128; we stop earlier with a clearer message).
const MAX_JSON_NESTING: usize = 64;

/// One thing wrong with a file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `sections[0].children[2].max`; "" for the whole file.
    pub path: String,
    /// Line and column in the file, where known (syntax errors).
    pub line_col: Option<(usize, usize)>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    TooLarge { bytes: usize },
    TooDeep,
    Syntax { detail: String },
    UnknownField { field: String },
    MissingField { field: String },
    WrongValue { detail: String },
    WrongFormat { found: String },
    UnsupportedVersion { found: u32 },
    Empty { what: &'static str },
    DuplicateCode { code: String },
    DuplicateId { id: String },
    DepthLimit,
    SizeLimit,
    ItemNeedsMax,
    MaxNotPositive,
    MaxOnPenaltyGroup,
    MaxOnBonusGroup,
    CapOnlyOnBonusGroups,
    BonusGroupNeedsCap,
    CapAboveParts { cap: String, parts: String },
    StepOnGroup,
    StepNotPositive,
    StepDoesNotDivide { step: String, max: String },
    GroupMaxMismatch { declared: String, sum: String },
    TotalMismatch { declared: String, sum: String },
    KindChangesInside,
    NotApplicableNotAllowedHere,
    UnknownSection { code: String },
    NoLevels,
    LevelsOutOfOrder,
    LevelOutOfRange,
    FloorHasMinimum,
    UnknownCondition { id: String },
    UnknownItem { key: String },
    /// A file of another kind (format) where one kind was expected.
    NotThisKindOfFile { found: String, expected: &'static str },
    RuleOnGroup,
    StepOnlyForNumbers,
    NoOptions,
    DuplicateLabel { label: String },
    PointsAboveMax { points: String, max: String },
    NegativePoints,
    BandsGap,
    BandsOverlap,
    PercentOutOfRange,
    NotPositive,
    UnknownLevel { label: String },
}

impl Problem {
    fn at(path: impl Into<String>, kind: ProblemKind) -> Self {
        Problem { path: path.into(), line_col: None, kind }
    }

    /// The problem in words, with its place.
    pub fn describe(&self, lang: Lang) -> String {
        let place = match (&self.line_col, self.path.is_empty(), lang) {
            (Some((l, c)), _, Lang::Vi) if self.path.is_empty() => format!("dòng {l}, cột {c}"),
            (Some((l, c)), _, Lang::En) if self.path.is_empty() => format!("line {l}, column {c}"),
            (Some((l, c)), _, Lang::Vi) => format!("{} (dòng {l}, cột {c})", self.path),
            (Some((l, c)), _, Lang::En) => format!("{} (line {l}, column {c})", self.path),
            (None, true, Lang::Vi) => "toàn tệp".to_string(),
            (None, true, Lang::En) => "whole file".to_string(),
            (None, false, _) => self.path.clone(),
        };
        format!("{place}: {}", self.kind.message(lang))
    }
}

impl ProblemKind {
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let vi = lang == Lang::Vi;
        match self {
            TooLarge { bytes } => if vi { format!("tệp quá lớn ({bytes} byte; tối đa {MAX_FILE_BYTES})") } else { format!("file too large ({bytes} bytes; at most {MAX_FILE_BYTES})") },
            TooDeep => if vi { format!("JSON lồng nhau quá sâu (tối đa {MAX_JSON_NESTING} cấp)") } else { format!("JSON nested too deeply (at most {MAX_JSON_NESTING} levels)") },
            Syntax { detail } => if vi { format!("JSON không hợp lệ: {detail}") } else { format!("invalid JSON: {detail}") },
            UnknownField { field } => if vi { format!("trường không có trong định dạng: \"{field}\"") } else { format!("unknown field \"{field}\"") },
            MissingField { field } => if vi { format!("thiếu trường bắt buộc \"{field}\"") } else { format!("missing required field \"{field}\"") },
            WrongValue { detail } => if vi { format!("giá trị không đúng kiểu: {detail}") } else { format!("wrong value: {detail}") },
            WrongFormat { found } => if vi { format!("không phải tệp bộ chỉ số (format là \"{found}\", cần \"{RULESET_FORMAT}\")") } else { format!("not a ruleset file (format is \"{found}\", expected \"{RULESET_FORMAT}\")") },
            UnsupportedVersion { found } => if vi { format!("phiên bản định dạng {found} chưa được hỗ trợ (ứng dụng đọc phiên bản {RULESET_FORMAT_VERSION})") } else { format!("format version {found} is not supported (this app reads version {RULESET_FORMAT_VERSION})") },
            Empty { what } => if vi { format!("{what} không được để trống") } else { format!("{what} must not be empty") },
            DuplicateCode { code } => if vi { format!("mã \"{code}\" bị trùng trong cùng một nhóm") } else { format!("code \"{code}\" is used twice in the same group") },
            DuplicateId { id } => if vi { format!("id \"{id}\" bị trùng") } else { format!("id \"{id}\" is used twice") },
            DepthLimit => if vi { format!("lồng quá {MAX_DEPTH} cấp dưới nội dung") } else { format!("nested more than {MAX_DEPTH} levels below a section") },
            SizeLimit => if vi { format!("quá {MAX_NODES} tiêu chí") } else { format!("more than {MAX_NODES} nodes") },
            ItemNeedsMax => if vi { "tiêu chí chấm điểm phải có điểm tối đa (max)".into() } else { "a scorable item needs a maximum (max)".into() },
            MaxNotPositive => if vi { "điểm tối đa phải lớn hơn 0".into() } else { "the maximum must be greater than 0".into() },
            MaxOnPenaltyGroup => if vi { "nhóm điểm trừ không có điểm tối đa".into() } else { "a penalty group has no maximum".into() },
            MaxOnBonusGroup => if vi { "nhóm điểm cộng khai báo mức trần (cap), không khai báo max".into() } else { "a bonus group declares a cap, not a max".into() },
            CapOnlyOnBonusGroups => if vi { "chỉ nhóm điểm cộng mới có mức trần (cap)".into() } else { "only bonus groups have a cap".into() },
            BonusGroupNeedsCap => if vi { "nhóm điểm cộng phải có mức trần (cap)".into() } else { "a bonus group needs a cap".into() },
            CapAboveParts { cap, parts } => if vi { format!("mức trần {cap} lớn hơn tổng điểm các phần ({parts})") } else { format!("cap {cap} is above the sum of the parts ({parts})") },
            StepOnGroup => if vi { "chỉ tiêu chí chấm điểm mới có bước điểm (step)".into() } else { "only scorable items have a step".into() },
            StepNotPositive => if vi { "bước điểm phải lớn hơn 0".into() } else { "the step must be greater than 0".into() },
            StepDoesNotDivide { step, max } => if vi { format!("điểm tối đa {max} không phải bội số của bước điểm {step}") } else { format!("the maximum {max} is not a multiple of the step {step}") },
            GroupMaxMismatch { declared, sum } => if vi { format!("điểm tối đa khai báo {declared} khác tổng điểm các phần {sum}") } else { format!("declared maximum {declared} differs from the sum of the parts {sum}") },
            TotalMismatch { declared, sum } => if vi { format!("tổng điểm tối đa khai báo {declared} khác tổng các nội dung {sum}") } else { format!("declared total {declared} differs from the sum of the sections {sum}") },
            KindChangesInside => if vi { "loại điểm (kind) chỉ khai báo ở nội dung, các phần bên trong kế thừa".into() } else { "kind is declared on a section; the parts inherit it".into() },
            NotApplicableNotAllowedHere => if vi { "điểm cộng, điểm trừ không thể đánh dấu không áp dụng".into() } else { "bonus and penalty parts cannot be not applicable".into() },
            UnknownSection { code } => if vi { format!("không có nội dung mã \"{code}\"") } else { format!("there is no section with code \"{code}\"") },
            NoLevels => if vi { "xếp loại cần ít nhất một mức".into() } else { "a classification needs at least one level".into() },
            LevelsOutOfOrder => if vi { "các mức phải xếp từ thấp đến cao, tỷ lệ tối thiểu tăng dần".into() } else { "levels must go from lowest to highest, with increasing minimum percentages".into() },
            LevelOutOfRange => if vi { "tỷ lệ tối thiểu phải từ 0 đến 100".into() } else { "a minimum percentage must be between 0 and 100".into() },
            FloorHasMinimum => if vi { "mức thấp nhất không có tỷ lệ tối thiểu (mọi kết quả đều ít nhất ở mức này)".into() } else { "the lowest level has no minimum (every result is at least this level)".into() },
            RuleOnGroup => if vi { "chỉ tiêu chí chấm điểm mới có cách chấm (rule); nhóm cộng điểm các phần".into() } else { "only scorable items have a rule; a group adds up its parts".into() },
            StepOnlyForNumbers => if vi { "bước điểm (step) chỉ dùng với cách chấm nhập số".into() } else { "a step only applies to the number rule".into() },
            NoOptions => if vi { "cần ít nhất một lựa chọn".into() } else { "at least one option is needed".into() },
            DuplicateLabel { label } => if vi { format!("lựa chọn \"{label}\" bị trùng") } else { format!("option \"{label}\" appears twice") },
            PointsAboveMax { points, max } => if vi { format!("điểm {points} lớn hơn điểm tối đa {max} của tiêu chí") } else { format!("points {points} above the item's maximum {max}") },
            NegativePoints => if vi { "điểm không được âm".into() } else { "points cannot be negative".into() },
            BandsGap => if vi { "các khoảng tỷ lệ bỏ trống một đoạn: khoảng đầu tiên phải bắt đầu từ 0%".into() } else { "the bands leave a gap: the first band must start at 0%".into() },
            BandsOverlap => if vi { "các khoảng tỷ lệ chồng nhau: mỗi khoảng phải bắt đầu cao hơn khoảng trước".into() } else { "the bands overlap: each band must start above the previous one".into() },
            PercentOutOfRange => if vi { "tỷ lệ phải từ 0 đến 100".into() } else { "a percentage must be between 0 and 100".into() },
            NotPositive => if vi { "giá trị phải lớn hơn 0".into() } else { "the value must be greater than 0".into() },
            UnknownLevel { label } => if vi { format!("không có mức \"{label}\" trong xếp loại này") } else { format!("this classification has no level \"{label}\"") },
            NotThisKindOfFile { found, expected } => if vi { format!("không phải tệp loại \"{expected}\" (format là \"{found}\")") } else { format!("not a \"{expected}\" file (format is \"{found}\")") },
            UnknownItem { key } => if vi { format!("bộ chỉ số không có mục \"{key}\"") } else { format!("the ruleset has no item \"{key}\"") },
            UnknownCondition { id } => if vi { format!("không có điều kiện id \"{id}\"") } else { format!("there is no condition with id \"{id}\"") },
        }
    }
}

/// Parses and checks a ruleset file.
pub fn load_ruleset(text: &str) -> Result<Ruleset, Vec<Problem>> {
    let file = parse_json::<RulesetFile>(text)?;
    check(file)
}

/// Parses JSON into `T`, turning every serde error into a [`Problem`] with the
/// JSON path and line/column. Shared by every file the app reads.
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::at("", ProblemKind::TooLarge { bytes: text.len() })]);
    }
    if nesting_depth(text) > MAX_JSON_NESTING {
        return Err(vec![Problem::at("", ProblemKind::TooDeep)]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let inner = match T::deserialize(&mut de) {
        Ok(v) => match de.end() {
            Ok(()) => return Ok(v),
            Err(e) => e,
        },
        Err(e) => e,
    };
    let line_col = Some((inner.line(), inner.column()));
    let msg = strip_position(&inner.to_string());
    let kind = match inner.classify() {
        serde_json::error::Category::Data => classify_data_error(&msg),
        _ => ProblemKind::Syntax { detail: msg },
    };
    let mut end = offset_of(text, inner.line(), inner.column());
    if let ProblemKind::UnknownField { field } = &kind {
        end = unknown_field_end(text, end, field).unwrap_or(end);
    }
    let path = path_before(text, end);
    Err(vec![Problem { path, line_col, kind }])
}

/// The byte offset of serde_json's 1-based line and byte column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return text.len();
    }
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column).min(text.len())
}

/// Where an unknown field's key is: serde reads some objects whole before
/// looking at their fields (a rule's `"type"` picks its variant), and then
/// reports the end of the enclosing object; the key's own place is the last
/// `"field":` before that.
fn unknown_field_end(text: &str, end: usize, field: &str) -> Option<usize> {
    let needle = format!("\"{field}\"");
    let mut upto = end.min(text.len());
    while !text.is_char_boundary(upto) {
        upto -= 1;
    }
    while let Some(i) = text[..upto].rfind(&needle) {
        let after = i + needle.len();
        if text[after..].trim_start().starts_with(':') {
            return Some(after);
        }
        upto = i;
    }
    None
}

/// The JSON path (`sections[1].max`) of the place serde_json reports an error
/// at: the text is walked up to that line and byte column, keeping the open
/// objects (with the key last read) and arrays (with the element's index).
/// Done after the fact, instead of tracking the path while deserialising
/// (serde_path_to_error), because that doubled every deserialiser in the
/// browser build (~20 KB gzip). serde_json puts the column just past what it
/// read: after a key, inside or after a value, or after the `}` of an object
/// missing a field — so the path names the key, the value or that object.
fn path_before(text: &str, end: usize) -> String {
    enum Open {
        Object(Option<String>),
        /// index, and whether that element has begun
        Array(usize, bool),
    }
    let bytes = &text.as_bytes()[..end.min(text.len())];
    let mut stack: Vec<Open> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(Open::Array(_, begun)) = stack.last_mut() {
            if !b.is_ascii_whitespace() && b != b']' && b != b',' {
                *begun = true;
            }
        }
        match b {
            b'"' => {
                let from = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Open::Object(key)) = stack.last_mut() {
                        *key = Some(String::from_utf8_lossy(&bytes[from..i.min(bytes.len())]).into_owned());
                    }
                    expecting_key = false;
                }
            }
            b'{' => {
                stack.push(Open::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Open::Array(0, false)),
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Open::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                Some(Open::Array(index, begun)) => {
                    *index += 1;
                    *begun = false;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for open in &stack {
        match open {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Array(index, true) => path.push_str(&format!("[{index}]")),
            // An object whose first key is not read yet, an array not begun:
            // the place is the container itself.
            _ => break,
        }
    }
    path
}

/// Counts the deepest bracket nesting outside strings, without recursion.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn between_backticks(msg: &str) -> Option<String> {
    let a = msg.find('`')?;
    let b = msg[a + 1..].find('`')?;
    Some(msg[a + 1..a + 1 + b].to_string())
}

fn classify_data_error(msg: &str) -> ProblemKind {
    if msg.starts_with("unknown field") {
        if let Some(field) = between_backticks(msg) {
            return ProblemKind::UnknownField { field };
        }
    }
    if msg.starts_with("missing field") {
        if let Some(field) = between_backticks(msg) {
            return ProblemKind::MissingField { field };
        }
    }
    ProblemKind::WrongValue { detail: msg.to_string() }
}

struct Builder {
    nodes: Vec<Node>,
    problems: Vec<Problem>,
}

fn check(f: RulesetFile) -> Result<Ruleset, Vec<Problem>> {
    let mut b = Builder { nodes: Vec::new(), problems: Vec::new() };
    if f.format != RULESET_FORMAT {
        b.problems.push(Problem::at("format", ProblemKind::WrongFormat { found: f.format.clone() }));
        return Err(b.problems);
    }
    if f.format_version != RULESET_FORMAT_VERSION {
        b.problems.push(Problem::at("format_version", ProblemKind::UnsupportedVersion { found: f.format_version }));
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

    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    let items = (0..b.nodes.len()).filter(|&i| b.nodes[i].is_item()).collect();
    Ok(Ruleset {
        id: f.id,
        version: f.version,
        title: f.title,
        short_title: f.short_title,
        illustrative: f.illustrative,
        source: f.source,
        not_verified: f.not_verified,
        notes: f.notes,
        max_total: f.max_total.0,
        nodes: b.nodes,
        roots,
        items,
        conditions,
        classifications,
        decide_on: f.decide_on,
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
        if n.not_applicable_allowed && kind != Kind::Normal {
            self.problems.push(Problem::at(p("not_applicable_allowed"), ProblemKind::NotApplicableNotAllowedHere));
        }
        let assessed_by = n.assessed_by.unwrap_or(assessed_by);
        let evidence = n.evidence.or(parent.map(|p| self.nodes[p].evidence)).unwrap_or_default();
        let rule = self.rule(n, &path);
        self.nodes.push(Node {
            code: n.code.clone(),
            title: n.title.clone(),
            key: key.clone(),
            kind,
            assessed_by,
            max: n.max.map(|d| d.0),
            cap: n.cap.map(|d| d.0),
            step: n.step.map(|d| d.0).unwrap_or(Decimal::new(1, 2)),
            not_applicable_allowed: n.not_applicable_allowed,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The place named for a serde error, through the public parser.
    fn place<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        parse_json::<T>(text).unwrap_err()[0].path.clone()
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        code: String,
        max: Option<u32>,
    }

    #[test]
    fn errors_name_the_path_of_the_value_key_or_object() {
        // wrong type: the value's path, also past strings holding brackets, commas and escaped quotes
        assert_eq!(place::<Doc>(r#"{"items": [{"code": "a,[{\"", "max": 1}, {"code": "b", "max": "x"}]}"#), "items[1].max");
        // unknown key: the key's path
        assert_eq!(place::<Doc>("{\"items\": [\n {\"code\": \"a\"},\n {\"code\": \"b\", \"mx\": 2}\n]}"), "items[1].mx");
        // missing field: the object that lacks it
        assert_eq!(place::<Doc>(r#"{"items": [{"code": "a"}, {"max": 2}]}"#), "items[1]");
        assert_eq!(place::<Doc>(r#"{}"#), "");
        // a whole value of the wrong kind: its key
        assert_eq!(place::<Doc>(r#"{"items": {"code": "a"}}"#), "items");
        assert_eq!(place::<Doc>(r#"{"items": [[]]}"#), "items[0]");
    }
}
