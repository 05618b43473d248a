//! Reading any of the app's JSON files: size and nesting limits first, then
//! serde, with every error turned into a [`Problem`] that names its JSON path
//! and line. Every loader (ruleset, index, entries, draft, submission,
//! dossier, backup) goes through [`parse_json`]; [`check_format`] is the one
//! check of a file's `format` and `format_version`.


/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// JSON nesting beyond this is refused before parsing (serde_json's own
/// recursion limit is 128; we stop earlier with a clearer message).
pub const MAX_JSON_NESTING: usize = 64;

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
    /// A format version this app does not read; `reads` is the newest it does.
    UnsupportedVersion { found: u32, reads: u32 },
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
    /// A value typed on a group, whose points are the sum of its parts.
    ValueOnGroup { key: String },
    CannotBeNotApplicable { key: String },
    /// Unassigned points on an item whose ruleset does not allow them.
    UnassignedNotAllowed { key: String },
    /// A ruleset allowing unassigned points where they cannot apply (not a
    /// self-scored number item).
    UnassignedNotAllowedHere,
    /// A field the stage's author does not fill (a response's value, …).
    FieldNotInStage { field: String, stage: &'static str },
    /// An appraisal of a part scored by others (surveys, leaders).
    NotAppraisable { key: String },
    /// The office's stage sets a part the agency scores itself.
    NotOthersPart { key: String },
    /// An item outside the areas a partial appraisal covers.
    OutsideAreas { key: String },
    /// An appraised score or answer that differs, or a disputed item, without a reason.
    ReasonMissing { key: String },
    NoStages,
    StageOutOfOrder { found: &'static str, after: Option<&'static str> },
    /// A partial appraisal followed by another stage (it must be merged first).
    PartialNotLast,
    /// The stage's content does not give its hash: edited after sealing (or
    /// the stage before it was).
    StageHashMismatch,
    /// A file held in another (a consolidation's input) whose bytes do not
    /// give the SHA-256 written beside them.
    InputHashMismatch,
    /// A record made for another ruleset.
    OtherRuleset { found: String, expected: String },
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
    /// A ranking or quota naming a classification the ruleset does not have.
    UnknownClassification { id: String },
    /// A quota on the lowest level (there is no level below to give).
    QuotaOnLowestLevel { label: String },
}

impl Problem {
    pub fn at(path: impl Into<String>, kind: ProblemKind) -> Self {
        Problem { path: path.into(), line_col: None, kind }
    }
}

/// The one check of a file's kind: its `format` is `expected` and its
/// `format_version` one of `versions` (oldest first).
pub fn check_format(format: &str, version: u32, expected: &'static str, versions: &[u32]) -> Result<(), Problem> {
    if format != expected {
        return Err(Problem::at("format", ProblemKind::NotThisKindOfFile { found: format.to_string(), expected }));
    }
    if !versions.contains(&version) {
        let reads = versions.iter().copied().max().unwrap_or_default();
        return Err(Problem::at("format_version", ProblemKind::UnsupportedVersion { found: version, reads }));
    }
    Ok(())
}

/// The `format` and `format_version` of any JSON text, read before the
/// whole file so a file of another kind is named as such rather than
/// reported field by field. A missing or non-numeric version is left to the
/// full parse, which names it.
pub fn peek_format(text: &str) -> Result<(String, Option<u32>), Vec<Problem>> {
    peek_format_within(text, MAX_FILE_BYTES)
}

fn peek_format_within(text: &str, limit: usize) -> Result<(String, Option<u32>), Vec<Problem>> {
    let head: serde_json::Value = parse_json_within(text, limit)?;
    let format = head.get("format").and_then(|f| f.as_str()).unwrap_or_default().to_string();
    let version = head.get("format_version").and_then(|v| v.as_u64()).map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    Ok((format, version))
}

/// Parses a file that must be of format `expected`, at one of `versions`.
pub fn parse_format<T: serde::de::DeserializeOwned>(text: &str, expected: &'static str, versions: &[u32]) -> Result<T, Vec<Problem>> {
    parse_format_within(text, expected, versions, MAX_FILE_BYTES)
}

/// `parse_format` for a file that holds others (a consolidation), with its own size limit.
pub fn parse_format_within<T: serde::de::DeserializeOwned>(text: &str, expected: &'static str, versions: &[u32], limit: usize) -> Result<T, Vec<Problem>> {
    let head = peek_format_within(text, limit)?;
    parse_format_headed(text, expected, versions, head, limit)
}

/// `parse_format` for a caller that has read the file's `format` and
/// `format_version` already (`record::parse_incoming`): not read again.
pub fn parse_format_headed<T: serde::de::DeserializeOwned>(text: &str, expected: &'static str, versions: &[u32], (format, version): (String, Option<u32>), limit: usize) -> Result<T, Vec<Problem>> {
    if let Some(v) = version {
        check_format(&format, v, expected, versions).map_err(|p| vec![p])?;
    } else if format != expected {
        check_format(&format, 0, expected, versions).map_err(|p| vec![p])?;
    }
    parse_json_within::<T>(text, limit)
}

/// Parses JSON into `T`, turning every serde error into a [`Problem`] with the
/// JSON path and line/column. Shared by every file the app reads.
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    parse_json_within(text, MAX_FILE_BYTES)
}

fn parse_json_within<T: serde::de::DeserializeOwned>(text: &str, limit: usize) -> Result<T, Vec<Problem>> {
    if text.len() > limit {
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
pub(crate) fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                // Most of a file is strings: to the closing quote at once.
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
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
