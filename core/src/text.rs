//! Every message of the core, in Vietnamese and in English: problems in a
//! file, a value not counted, an evidence reference refused, and what an
//! import or a verification found. The web app's own interface text is in
//! its `i18n` module; these are the words the core itself produces (the
//! command line prints them, the app shows them as they are).

use crate::decimal::{format_decimal, Lang};
use crate::json::{Problem, ProblemKind, MAX_FILE_BYTES, MAX_JSON_NESTING};
use crate::ruleset::check::{MAX_DEPTH, MAX_NODES};
use crate::ruleset::file::RULESET_FORMAT;
use crate::record::checklist::Checklist;
use crate::record::dossier::StageKind;
use crate::record::entry::EvidenceError;
use crate::record::entry::RulesetRef;
use crate::record::results::Results;
use crate::ruleset::file::AssessedBy;
use crate::score::ValueError;

impl Problem {
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
            UnsupportedVersion { found, reads } => if vi { format!("phiên bản định dạng {found} chưa được hỗ trợ (ứng dụng đọc đến phiên bản {reads})") } else { format!("format version {found} is not supported (this app reads up to version {reads})") },
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
            ValueOnGroup { key } => if vi { format!("\"{key}\" là một nhóm; điểm của nhóm là tổng điểm các phần") } else { format!("\"{key}\" is a group; its points are the sum of its parts") },
            CannotBeNotApplicable { key } => if vi { format!("\"{key}\" không thể đánh dấu không áp dụng") } else { format!("\"{key}\" cannot be marked not applicable") },
            UnassignedNotAllowedHere => if vi { "chỉ mục tự chấm bằng một số điểm (không phải điểm cộng, điểm trừ hay phần do cơ quan khác chấm) mới cho khai điểm không được giao".into() } else { "only a self-scored item scored as a number (not a bonus, a penalty or a part scored by others) may allow unassigned points".into() },
            UnassignedNotAllowed { key } => if vi { format!("bộ chỉ số không cho khai điểm không được giao ở \"{key}\"") } else { format!("the ruleset does not allow unassigned points on \"{key}\"") },
            OtherRuleset { found, expected } => if vi { format!("tệp lập cho bộ chỉ số \"{found}\", không phải \"{expected}\"") } else { format!("the file is for ruleset \"{found}\", not \"{expected}\"") },
            FieldNotInStage { field, stage } => if vi { format!("giai đoạn \"{stage}\" không có trường \"{field}\"") } else { format!("a \"{stage}\" stage has no field \"{field}\"") },
            NotAppraisable { key } => if vi { format!("\"{key}\" do cơ quan khác chấm (khảo sát, lãnh đạo), không thẩm định") } else { format!("\"{key}\" is scored by others (surveys, leaders), not appraised") },
            NotOthersPart { key } => if vi { format!("\"{key}\" do cơ quan, đơn vị tự chấm; bước tổng hợp chỉ nhập điểm do cơ quan khác chấm") } else { format!("\"{key}\" is self-scored; the consolidation only enters parts scored by others") },
            OutsideAreas { key } => if vi { format!("\"{key}\" nằm ngoài các nội dung mà phần thẩm định này đảm nhận") } else { format!("\"{key}\" is outside the areas this partial appraisal covers") },
            ReasonMissing { key } => if vi { format!("thiếu lý do cho \"{key}\" (điểm thẩm định khác điểm được xem xét, hoặc mục cơ quan đã giải trình)") } else { format!("no reason for \"{key}\" (the appraised score differs from the one under review, or the agency disputed it)") },
            NoStages => if vi { "hồ sơ không có giai đoạn nào".into() } else { "the dossier has no stage".into() },
            StageOutOfOrder { found, after: Some(after) } => if vi { format!("giai đoạn \"{found}\" không thể đứng sau \"{after}\" (thứ tự: tu_cham, tham_dinh_1, giai_trinh, tham_dinh_2, tong_hop)") } else { format!("stage \"{found}\" cannot follow \"{after}\" (order: tu_cham, tham_dinh_1, giai_trinh, tham_dinh_2, tong_hop)") },
            StageOutOfOrder { found, after: None } => if vi { format!("giai đoạn đầu tiên phải là \"tu_cham\", không phải \"{found}\"") } else { format!("the first stage must be \"tu_cham\", not \"{found}\"") },
            PartialNotLast => if vi { "phần thẩm định của một thành viên (chỉ một số nội dung) phải được gộp trước khi sang giai đoạn sau".into() } else { "a partial appraisal (some areas only) must be merged before another stage follows".into() },
            InputHashMismatch => if vi { "nội dung tệp không khớp mã SHA-256 ghi kèm: tệp đã bị sửa".into() } else { "the file's content does not give the SHA-256 written beside it: it was changed".into() },
            StageHashMismatch => if vi { "mã băm không khớp nội dung: giai đoạn này (hoặc giai đoạn trước nó) đã bị sửa sau khi niêm phong".into() } else { "the hash does not match the content: this stage (or the one before it) was changed after it was sealed".into() },
            UnknownClassification { id } => if vi { format!("không có xếp loại id \"{id}\"") } else { format!("there is no classification with id \"{id}\"") },
            QuotaOnLowestLevel { label } => if vi { format!("không thể đặt hạn mức cho mức thấp nhất \"{label}\" (không có mức dưới để chuyển xuống)") } else { format!("a quota cannot cap the lowest level \"{label}\" (there is no level below)") },
            UnknownCondition { id } => if vi { format!("không có điều kiện id \"{id}\"") } else { format!("there is no condition with id \"{id}\"") },
        }
    }
}


/// The message shown at a field whose value is not counted.
pub fn value_error(e: &ValueError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match e {
        ValueError::NotANumber => if vi { "Không phải số. Nhập số như 4 hoặc 0,5.".into() } else { "Not a number. Type a number such as 4 or 0.5.".into() },
        ValueError::TooLong => if vi { "Số quá dài.".into() } else { "The number is too long.".into() },
        ValueError::Negative => if vi { "Điểm không được âm.".into() } else { "A score cannot be negative.".into() },
        ValueError::PenaltyTypedNegative => if vi { "Nhập số điểm bị trừ, không kèm dấu âm (ví dụ 1,5).".into() } else { "Type the points deducted, without a minus sign (e.g. 1.5).".into() },
        ValueError::AboveMax { max } => if vi { format!("Vượt điểm tối đa {}.", format_decimal(*max, lang)) } else { format!("Above the maximum of {}.", format_decimal(*max, lang)) },
        ValueError::NotMultiple { step } => if vi { format!("Điểm phải là bội số của {}.", format_decimal(*step, lang)) } else { format!("The score must be a multiple of {}.", format_decimal(*step, lang)) },
        ValueError::NotAnOption => if vi { "Không phải một lựa chọn của tiêu chí này.".into() } else { "Not one of this item's options.".into() },
        ValueError::NotACount => if vi { "Nhập số lần là số nguyên không âm (0, 1, 2…).".into() } else { "Type the count as a whole number (0, 1, 2…).".into() },
        ValueError::MissingSecond => if vi { "Cần nhập cả hai số.".into() } else { "Both numbers are needed.".into() },
        ValueError::ZeroDenominator => if vi { "Số thứ hai (mẫu số) phải lớn hơn 0.".into() } else { "The second number (denominator) must be greater than 0.".into() },
        ValueError::NumeratorAboveDenominator => if vi { "Số thứ nhất không được lớn hơn số thứ hai.".into() } else { "The first number cannot exceed the second.".into() },
    }
}


/// The words of an evidence reference's problem.
pub fn evidence_error(e: EvidenceError, lang: Lang) -> &'static str {
    match (e, lang) {
        (EvidenceError::NoNumberOrSummary, Lang::Vi) => "Cần số hiệu hoặc trích yếu của văn bản.",
        (EvidenceError::NoNumberOrSummary, Lang::En) => "A document number or summary is needed.",
        (EvidenceError::BadDate, Lang::Vi) => "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/12/2025.",
        (EvidenceError::BadDate, Lang::En) => "The date must be dd/mm/yyyy, e.g. 05/12/2025.",
        (EvidenceError::BadLink, Lang::Vi) => "Liên kết phải bắt đầu bằng http:// hoặc https://.",
        (EvidenceError::BadLink, Lang::En) => "The link must start with http:// or https://.",
    }
}

/// A record made with another copy of its ruleset than the one at hand.
pub fn other_copy(id: &str, version: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tệp được lập trên một bản khác của bộ chỉ số \"{id}\" (phiên bản {version}): mã băm không khớp với bộ chỉ số hiện có."),
        Lang::En => format!("The file was made with another copy of ruleset \"{id}\" (version {version}): its hash does not match the bundled one."),
    }
}

/// A dossier whose ruleset version is not at hand: its chain can be
/// checked, its results cannot.
pub fn results_unverifiable(id: &str, version: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không kiểm tra được kết quả: không có bản bộ chỉ số \"{id}\" (phiên bản {version}) mà hồ sơ được lập trên đó (mã băm không khớp bản nào đã biết). Chỉ kiểm tra được thứ tự và chuỗi mã băm của các giai đoạn."),
        Lang::En => format!("The results cannot be checked: the copy of ruleset \"{id}\" (version {version}) the dossier was made with is not at hand (its hash matches no known version). Only the order and the hash chain of the stages were checked."),
    }
}

/// `verify` given ENTRIES, which carry no computed part to check.
pub fn nothing_to_verify(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "không phải tệp nộp hay hồ sơ đánh giá: không có gì để kiểm tra (dùng \"chamdiem score\" để tính điểm)",
        Lang::En => "not a submission or a dossier: nothing to verify (use \"chamdiem score\" to compute results)",
    }
}

/// A stage's name in words.
pub fn stage_name(kind: StageKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (StageKind::TuCham, Lang::Vi) => "tự chấm",
        (StageKind::TuCham, Lang::En) => "self-assessment",
        (StageKind::ThamDinh1, Lang::Vi) => "thẩm định lần 1",
        (StageKind::ThamDinh1, Lang::En) => "appraisal 1",
        (StageKind::GiaiTrinh, Lang::Vi) => "giải trình",
        (StageKind::GiaiTrinh, Lang::En) => "the agency's response",
        (StageKind::ThamDinh2, Lang::Vi) => "thẩm định lần 2",
        (StageKind::ThamDinh2, Lang::En) => "appraisal 2",
        (StageKind::TongHop, Lang::Vi) => "tổng hợp",
        (StageKind::TongHop, Lang::En) => "consolidation",
    }
}

/// A dossier opened on the scoring page after its self-assessment.
pub fn dossier_past_self_assessment(kind: StageKind, lang: Lang) -> String {
    let name = stage_name(kind, lang);
    let code = kind.code();
    match lang {
        Lang::Vi => format!("Hồ sơ đã qua bước “{name}” ({code}): mở để xem, chỉ đọc; điểm hiển thị là điểm sau bước này. Trang tự chấm điểm không sửa được hồ sơ đã thẩm định: để thẩm định, giải trình, mở tệp trên trang “Thẩm định, giải trình” (liên kết cuối trang)."),
        Lang::En => format!("The dossier has passed the step “{name}” ({code}): opened to read only; the scores shown are those after that step. The self-assessment page cannot change an appraised dossier: to appraise it or answer, open the file on the page “Appraisal and response” (link at the foot of the page)."),
    }
}

/// Stored results that differ from a recomputation.
pub fn results_differ(f: &Results, r: &Results, lang: Lang) -> String {
    let detail = results_differences(f, r, lang == Lang::Vi).join("; ");
    match lang {
        Lang::Vi => format!("Kết quả ghi trong tệp khác kết quả tính lại: {detail}."),
        Lang::En => format!("The results stored in the file differ from a recomputation: {detail}."),
    }
}

/// An entry's stored points that differ from a recomputation.
pub fn item_points_differ(key: &str, f: Option<&str>, r: Option<&str>, lang: Lang) -> String {
    let none = match lang {
        Lang::Vi => "không có điểm",
        Lang::En => "no points",
    };
    let (f, r) = (f.unwrap_or(none), r.unwrap_or(none));
    match lang {
        Lang::Vi => format!("Mục \"{key}\": tệp ghi {f}, tính lại được {r}."),
        Lang::En => format!("Item \"{key}\": the file says {f}, recomputed {r}."),
    }
}

/// An entry whose stored scorer differs from the ruleset's.
pub fn item_scorer_differs(key: &str, f: AssessedBy, r: AssessedBy, lang: Lang) -> String {
    let name = |a: AssessedBy| serde_json::to_value(a).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let (f, r) = (name(f), name(r));
    match lang {
        Lang::Vi => format!("Mục \"{key}\": tệp ghi người chấm là \"{f}\", bộ chỉ số ghi \"{r}\"."),
        Lang::En => format!("Item \"{key}\": the file says it is scored by \"{f}\", the ruleset says \"{r}\"."),
    }
}

/// A stored checklist that differs from a recomputation, list by list.
pub fn checklist_differs(f: &Checklist, r: &Checklist, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let lists: [(&str, &str, &Vec<String>, &Vec<String>); 5] = [
        ("chưa chấm", "unscored", &f.unscored, &r.unscored),
        ("không hợp lệ", "invalid", &f.invalid, &r.invalid),
        ("thiếu tài liệu kiểm chứng", "missing evidence", &f.missing_evidence, &r.missing_evidence),
        ("điều kiện chưa trả lời", "unanswered conditions", &f.unanswered_conditions, &r.unanswered_conditions),
        ("chờ đơn vị khác chấm", "awaiting others", &f.awaiting_others, &r.awaiting_others),
    ];
    let show = |v: &Vec<String>| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let mut parts: Vec<String> = lists
        .iter()
        .filter(|(_, _, a, b)| a != b)
        .map(|(l_vi, l_en, a, b)| {
            if vi {
                format!("{l_vi}: tệp ghi {}, tính lại được {}", show(a), show(b))
            } else {
                format!("{l_en}: the file says {}, recomputed {}", show(a), show(b))
            }
        })
        .collect();
    if f.complete != r.complete {
        let yn = |b: bool| if vi { if b { "có" } else { "không" } } else if b { "yes" } else { "no" };
        parts.push(if vi {
            format!("đã đủ: tệp ghi {}, tính lại được {}", yn(f.complete), yn(r.complete))
        } else {
            format!("complete: the file says {}, recomputed {}", yn(f.complete), yn(r.complete))
        });
    }
    if vi {
        format!("Danh sách kiểm tra ghi trong tệp khác danh sách tính lại ({}).", parts.join("; "))
    } else {
        format!("The checklist stored in the file differs from a recomputation ({}).", parts.join("; "))
    }
}

/// Where stored results differ from recomputed ones, in words: the total
/// when it differs, otherwise each part that does (so a level changed by hand
/// is not reported as "56 / 77, recomputed 56 / 77").
fn results_differences(f: &Results, r: &Results, vi: bool) -> Vec<String> {
    let says = |what: String, a: String, b: String| {
        if vi { format!("{what}tệp ghi {a}, tính lại được {b}") } else { format!("{what}the file says {a}, recomputed {b}") }
    };
    let pts = |p: &str, m: &str| if vi { format!("{p} / {m} điểm") } else { format!("{p} / {m} points") };
    if (&f.points, &f.max) != (&r.points, &r.max) {
        return vec![if vi {
            format!("tệp ghi {} / {} điểm, tính lại được {} / {} điểm", f.points, f.max, r.points, r.max)
        } else {
            format!("the file says {} / {} points, recomputed {} / {}", f.points, f.max, r.points, r.max)
        }];
    }
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let yn = |b: bool| if vi { if b { "có" } else { "không" } } else if b { "yes" } else { "no" }.to_string();
    let mut out = Vec::new();
    if f.ruleset != r.ruleset {
        let name = |x: &RulesetRef| format!("{} {}", x.id, x.version);
        out.push(says(if vi { "bộ chỉ số: " } else { "ruleset: " }.into(), name(&f.ruleset), name(&r.ruleset)));
    }
    if f.percent != r.percent {
        out.push(says(if vi { "tỷ lệ: " } else { "percentage: " }.into(), opt(&f.percent), opt(&r.percent)));
    }
    if f.is_final != r.is_final {
        out.push(says(if vi { "kết quả chính thức (không tạm tính): " } else { "final: " }.into(), yn(f.is_final), yn(r.is_final)));
    }
    let group_name = |k: &str| match (k.contains('/'), vi) {
        (false, true) => format!("nội dung \"{k}\": "),
        (true, true) => format!("tiêu chí \"{k}\": "),
        (false, false) => format!("section \"{k}\": "),
        (true, false) => format!("criterion \"{k}\": "),
    };
    if f.groups.len() != r.groups.len() || f.groups.iter().zip(&r.groups).any(|(a, b)| a.key != b.key) {
        let keys = |g: &[crate::record::results::GroupResult]| g.iter().map(|x| x.key.clone()).collect::<Vec<_>>();
        out.push(says(if vi { "các nhóm: " } else { "groups: " }.into(), list(&keys(&f.groups)), list(&keys(&r.groups))));
    } else {
        for (a, b) in f.groups.iter().zip(&r.groups).filter(|(a, b)| a != b) {
            let show = |g: &crate::record::results::GroupResult| {
                let mut t = pts(&g.points, &g.max);
                if g.capped {
                    t += if vi { " (đã chạm mức trần)" } else { " (capped)" };
                }
                if g.not_applicable {
                    t += if vi { " (không áp dụng)" } else { " (not applicable)" };
                }
                t
            };
            out.push(says(group_name(&a.key), show(a), show(b)));
        }
    }
    if f.classifications.len() != r.classifications.len() || f.classifications.iter().zip(&r.classifications).any(|(a, b)| a.id != b.id) {
        let ids = |c: &[crate::record::results::ClassificationResult]| c.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        out.push(says(if vi { "các xếp loại: " } else { "classifications: " }.into(), list(&ids(&f.classifications)), list(&ids(&r.classifications))));
    } else {
        for (a, b) in f.classifications.iter().zip(&r.classifications).filter(|(a, b)| a != b) {
            let what = if vi { format!("xếp loại \"{}\": ", a.id) } else { format!("classification \"{}\": ", a.id) };
            let quoted = |o: &Option<String>| o.as_ref().map_or_else(|| "—".into(), |l| format!("\"{l}\""));
            if (&a.points, &a.max) != (&b.points, &b.max) {
                out.push(says(what, pts(&a.points, &a.max), pts(&b.points, &b.max)));
            } else if a.percent != b.percent {
                out.push(says(what, opt(&a.percent), opt(&b.percent)));
            } else if a.level != b.level {
                out.push(says(what, quoted(&a.level), quoted(&b.level)));
            } else {
                let what = if vi { format!("xếp loại \"{}\" nếu các điều kiện được đáp ứng: ", a.id) } else { format!("classification \"{}\" if the conditions hold: ", a.id) };
                out.push(says(what, quoted(&a.level_if_conditions_hold), quoted(&b.level_if_conditions_hold)));
            }
        }
    }
    if f.unscored != r.unscored {
        out.push(says(if vi { "chưa chấm: " } else { "unscored: " }.into(), list(&f.unscored), list(&r.unscored)));
    }
    if f.invalid != r.invalid {
        let keys = |v: &[crate::record::results::InvalidEntry]| v.iter().map(|x| format!("{} ({})", x.key, x.typed)).collect::<Vec<_>>();
        out.push(says(if vi { "không hợp lệ: " } else { "invalid: " }.into(), list(&keys(&f.invalid)), list(&keys(&r.invalid))));
    }
    if out.is_empty() {
        // Only the wording of an invalid value's message differs.
        out.push(if vi { "thông báo về giá trị không hợp lệ khác nhau".into() } else { "the messages about invalid values differ".into() });
    }
    out
}


// ───────────────────────────── the office's work ─────────────────────────────

impl crate::office::CsvProblem {
    /// The problem in words, with its file, row and column.
    pub fn describe(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let mut place = self.file.clone();
        if let Some(s) = &self.sheet {
            place += &if vi { format!(", trang \"{s}\"") } else { format!(", sheet \"{s}\"") };
        }
        if let Some(r) = self.row {
            place += &if vi { format!(", dòng {r}") } else { format!(", row {r}") };
        }
        if let Some((c, h)) = &self.column {
            // A workbook's columns go by letter, as Excel shows them.
            let c = if self.sheet.is_some() { column_letters(*c) } else { c.to_string() };
            place += &match (vi, h.is_empty()) {
                (true, true) => format!(", cột {c}"),
                (true, false) => format!(", cột {c} (\"{h}\")"),
                (false, true) => format!(", column {c}"),
                (false, false) => format!(", column {c} (\"{h}\")"),
            };
        }
        format!("{place}: {}", csv_problem(&self.kind, lang))
    }
}

/// A 1-based column number as Excel names it: 1 → A, 27 → AA.
fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn csv_problem(k: &crate::office::CsvProblemKind, lang: Lang) -> String {
    use crate::office::CsvProblemKind::*;
    let vi = lang == Lang::Vi;
    let quoted = |v: &[String]| v.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    match k {
        NotUtf8 { encoding } => if vi { format!("tệp không phải UTF-8 (có thể là {encoding}): trong Excel, chọn Lưu thành \"CSV UTF-8 (Comma delimited)\" rồi nộp lại") } else { format!("the file is not UTF-8 (probably {encoding}): in Excel, Save As \"CSV UTF-8 (Comma delimited)\" and try again") },
        TooLarge { bytes } => if vi { format!("tệp quá lớn ({bytes} byte; tối đa {MAX_FILE_BYTES})") } else { format!("file too large ({bytes} bytes; at most {MAX_FILE_BYTES})") },
        Empty => if vi { "tệp trống, không có dòng tiêu đề".into() } else { "the file is empty: no header row".into() },
        UnclosedQuote => if vi { "dấu ngoặc kép mở ở dòng này không được đóng".into() } else { "a double quote opened on this row is never closed".into() },
        TooManyCells { cells, columns } => if vi { format!("dòng có {cells} ô, tiêu đề có {columns} cột (số thập phân có dấu phẩy trong tệp phân cách bằng dấu phẩy phải đặt trong ngoặc kép, hoặc dùng dấu chấm phẩy)") } else { format!("the row has {cells} cells, the header {columns} columns (a decimal comma in a comma-separated file needs double quotes, or use semicolons)") },
        MissingColumn { expected } => if vi { format!("thiếu cột bắt buộc trong dòng tiêu đề (cần: {expected})") } else { format!("a required column is missing from the header (expected: {expected})") },
        DuplicateColumn => if vi { "cột này bị lặp lại".into() } else { "this column appears twice".into() },
        UnknownColumn => if vi { "tiêu đề cột không được nhận biết".into() } else { "the column's header is not recognised".into() },
        UnknownPart { key } => if vi { format!("bộ chỉ số không có mục \"{key}\"") } else { format!("the ruleset has no item \"{key}\"") },
        PartIsGroup { key } => if vi { format!("\"{key}\" là một nhóm; nhập điểm cho từng mục của nhóm") } else { format!("\"{key}\" is a group; give the points of each of its items") },
        PartSelfScored { key } => if vi { format!("\"{key}\" do cơ quan, đơn vị tự chấm, không phải phần do cơ quan khác chấm") } else { format!("\"{key}\" is self-scored, not a part scored by others") },
        BlankCell => if vi { "ô này không được để trống".into() } else { "this cell must not be blank".into() },
        BadValue { typed, error } => format!("\"{typed}\": {}", value_error(error, lang)),
        NotYesNo { typed } => if vi { format!("\"{typed}\": ghi \"có\" hoặc \"không\"") } else { format!("\"{typed}\": write \"yes\" or \"no\"") },
        UnknownAgency { name, near } if near.is_empty() => if vi { format!("không có cơ quan \"{name}\" trong danh sách hay trong các hồ sơ") } else { format!("no agency \"{name}\" on the roster or among the files") },
        UnknownAgency { name, near } => if vi { format!("không có cơ quan \"{name}\" trong danh sách hay trong các hồ sơ; có phải: {}?", quoted(near)) } else { format!("no agency \"{name}\" on the roster or among the files; did you mean: {}?", quoted(near)) },
        DuplicateAgency { name, first } => if vi { format!("\"{name}\" đã có ở dòng {first}; dòng này không được dùng") } else { format!("\"{name}\" is already on row {first}; this row is not used") },
        TooLargeUnpacked { bytes } => if vi { format!("bảng tính khi giải nén quá lớn ({bytes} byte; tối đa 64 MB): không đọc") } else { format!("the workbook unpacks to too much ({bytes} bytes; at most 64 MB): not read") },
        EncryptedOrXls => if vi { "tệp Excel có mật khẩu, hoặc ở định dạng .xls cũ: bỏ mật khẩu, hoặc lưu thành .xlsx hay CSV UTF-8 rồi mở lại".into() } else { "an Excel file with a password, or in the old .xls format: remove the password, or save as .xlsx or CSV UTF-8 and open it again".into() },
        NotXlsx { detail } => if vi { format!("không đọc được tệp như một bảng tính .xlsx ({detail})") } else { format!("the file cannot be read as an .xlsx workbook ({detail})") },
        FormulaWithoutValue => if vi { "ô có công thức nhưng không có giá trị đã lưu: mở tệp trong Excel, lưu lại rồi mở lại".into() } else { "the cell has a formula with no saved value: open the file in Excel, save it, and open it again".into() },
        TooPrecise { typed } => if vi { format!("{typed}: quá 15 chữ số có nghĩa, bảng tính không giữ đúng số đã nhập; ghi số dưới dạng văn bản") } else { format!("{typed}: more than 15 significant digits, which a spreadsheet cannot hold exactly; type the number as text") },
        CellError { error } => if vi { format!("ô có lỗi {error}") } else { format!("the cell holds the error {error}") },
        MergedCells { to: (r, c) } => if vi { format!("ô được gộp đến {}{r}: bỏ gộp ô (mỗi ô một giá trị)", column_letters(*c)) } else { format!("cells merged up to {}{r}: unmerge them (one value per cell)", column_letters(*c)) },
        NotANumber { typed } => if vi { format!("\"{typed}\" không phải là số") } else { format!("\"{typed}\" is not a number") },
        NumberTooLong { typed } => if vi { format!("\"{typed}\": số quá dài (tối đa {} chữ số phần nguyên, {} chữ số thập phân)", crate::decimal::MAX_INT_DIGITS, crate::decimal::MAX_FRAC_DIGITS) } else { format!("\"{typed}\": the number is too long (at most {} digits before the decimal mark, {} after)", crate::decimal::MAX_INT_DIGITS, crate::decimal::MAX_FRAC_DIGITS) },
        NotOneOf { typed, expected } => if vi { format!("\"{typed}\": ghi một trong: {expected}") } else { format!("\"{typed}\": write one of: {expected}") },
        MissingSheet { sheet } => if vi { format!("thiếu trang \"{sheet}\"") } else { format!("the sheet \"{sheet}\" is missing") },
        DuplicateSheet => if vi { "hai trang cùng một tên (không kể chữ hoa, khoảng trắng)".into() } else { "two sheets with the same name (case and spaces aside)".into() },
        UnknownSheet { expected } => if vi { format!("trang không được nhận biết (các trang: {expected})") } else { format!("the sheet is not recognised (the sheets: {expected})") },
        MissingRow { name } => if vi { format!("thiếu dòng \"{name}\"") } else { format!("the row \"{name}\" is missing") },
        UnknownRow { typed, expected } => if vi { format!("\"{typed}\" không phải tên một dòng của trang này (các dòng: {expected})") } else { format!("\"{typed}\" is not a row of this sheet (the rows: {expected})") },
        RepeatedRow { first } => if vi { format!("đã khai báo ở dòng {first}") } else { format!("already given on row {first}") },
        NoParent { code, level } => if vi { format!("mã \"{code}\" ở cấp {level} không có mục cấp {} ở dòng phía trên (thiếu mục cha)", level - 1) } else { format!("code \"{code}\" at level {level} has no level-{} row above it (its parent is missing)", level - 1) },
        CodeNotUnderParent { code, parent } => if vi { format!("mã \"{code}\" nằm ngay dưới mục \"{parent}\": thiếu một cấp, hoặc cột Cấp ghi sai") } else { format!("code \"{code}\" is right under \"{parent}\": a level is missing, or the level column is wrong") },
        BadLevel { typed, deepest } => if vi { format!("\"{typed}\": cấp là số nguyên từ 1 (nội dung) đến {deepest}") } else { format!("\"{typed}\": the level is a whole number from 1 (a section) to {deepest}") },
        ParameterWithoutItem => if vi { "dòng lựa chọn (không có cấp, không có mã) phải nằm ngay dưới tiêu chí của nó".into() } else { "an option row (no level, no code) must come right below its item".into() },
        NotForRule { rule } if rule.is_empty() => if vi { "ô này chỉ dùng với một cách chấm; dòng này không khai báo cách chấm".into() } else { "this cell is used by a rule only; this row declares no rule".into() },
        NotForRule { rule } => if vi { format!("cách chấm \"{rule}\" không dùng ô này") } else { format!("the rule \"{rule}\" does not use this cell") },
        Ruleset { problem, typed } if typed.is_empty() => problem.message(lang),
        Ruleset { problem, typed } => format!("\"{typed}\": {}", problem.message(lang)),
        EmptySheet => if vi { "trang trống, không có dòng tiêu đề".into() } else { "the sheet is empty: no header row".into() },
        TooManyProblems { more } => if vi { format!("còn {more} lỗi nữa không liệt kê; sửa các lỗi trên rồi mở lại") } else { format!("{more} more problems not listed; fix those above and open the file again") },
    }
}

/// A level's label in `lang`. The rulesets give their levels in Vietnamese
/// only (as their sources do); in English the usual terms — the four ratings
/// of quality (Nghị định 335/2025) and the four grades of an administrative
/// reform index — are given in the app's own translation, which is not an
/// official one (docs/office.md says so); any other label stays as written.
pub fn level_label(label: &str, lang: Lang) -> &str {
    if lang == Lang::Vi {
        return label;
    }
    match label {
        "Hoàn thành xuất sắc nhiệm vụ" => "Excellently completed duties",
        "Hoàn thành tốt nhiệm vụ" => "Well completed duties",
        "Hoàn thành nhiệm vụ" => "Completed duties",
        "Không hoàn thành nhiệm vụ" => "Did not complete duties",
        "Tốt" => "Good",
        "Khá" => "Fair",
        "Trung bình" => "Average",
        "Yếu" => "Weak",
        other => other,
    }
}

/// A note of the ranked table.
pub fn office_note(n: &crate::office::Note, lang: Lang) -> String {
    use crate::office::Note::*;
    let vi = lang == Lang::Vi;
    match n {
        Tied => if vi { "bằng điểm — Chủ tịch, các Phó Chủ tịch UBND tỉnh quyết định".into() } else { "tied — the Chair and Vice-Chairs of the provincial People's Committee decide".into() },
        OverQuota { percent } => if vi { format!("vượt hạn mức {}%", format_decimal(*percent, lang)) } else { format!("beyond the {}% quota", format_decimal(*percent, lang)) },
        TiedAtQuota => if vi { "bằng điểm tại hạn mức — lãnh đạo UBND tỉnh quyết định".into() } else { "tied at the quota — the provincial leaders decide".into() },
        NotRanked => if vi { "đánh giá, không xếp hạng".into() } else { "assessed, not ranked".into() },
        MissingOthers { keys } => if vi { format!("chưa có điểm do cơ quan khác chấm ({}): chưa xếp hạng", keys.join(", ")) } else { format!("scores given by others missing ({}): not ranked", keys.join(", ")) },
        NotSubmitted => if vi { "chưa có hồ sơ (chưa nộp, hoặc tệp bị từ chối)".into() } else { "no file taken (none received, or refused)".into() },
        NotAppraised => if vi { "chưa thẩm định".into() } else { "not appraised".into() },
        Provisional => if vi { "tạm tính: còn mục chưa chấm, giá trị không hợp lệ hoặc điều kiện chưa trả lời".into() } else { "provisional: items unscored, invalid values or unanswered conditions".into() },
        NoPercentage => if vi { "không xác định được tỷ lệ (không còn mục nào áp dụng): chưa xếp hạng".into() } else { "no percentage (nothing applicable): not ranked".into() },
    }
}

/// A file identical to one taken (the same content under another name).
pub fn same_file(taken: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("giống hệt tệp \"{taken}\" (cùng nội dung), tệp đó được dùng"),
        Lang::En => format!("identical to \"{taken}\" (the same content), which is used"),
    }
}

/// A file of an agency whose newer file is kept.
pub fn older_duplicate(newer: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("cùng cơ quan với tệp \"{newer}\", tệp đó mới hơn và được dùng"),
        Lang::En => format!("the same agency as \"{newer}\", which is newer and is used"),
    }
}

/// Points declared not assigned that are not counted, and why.
pub fn unassigned_error(e: &ValueError, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Điểm không được giao: {}", value_error(e, lang)),
        Lang::En => format!("Points not assigned: {}", value_error(e, lang)),
    }
}

/// A consolidation file whose bytes are not UTF-8.
pub fn consolidation_not_utf8(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "tệp không phải văn bản UTF-8: không phải tệp tổng hợp",
        Lang::En => "the file is not UTF-8 text: not a consolidation file",
    }
}

/// A dossier or submission whose bytes are not UTF-8.
pub fn json_not_utf8(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "tệp không phải văn bản UTF-8: không phải hồ sơ đánh giá hay tệp nộp",
        Lang::En => "the file is not UTF-8 text: not a dossier or a submission",
    }
}

/// A dossier already consolidated.
pub fn already_consolidated(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "hồ sơ đã qua bước tổng hợp (tong_hop): không tổng hợp lại",
        Lang::En => "the dossier is already consolidated (tong_hop): not consolidated again",
    }
}

/// A file whose agency the roster does not list, with the close names.
pub fn not_on_roster(code: &str, name: &str, near: &[String], lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let who = match (code.is_empty(), vi) {
        (true, _) => format!("\"{name}\""),
        (false, true) => format!("\"{name}\" (mã \"{code}\")"),
        (false, false) => format!("\"{name}\" (code \"{code}\")"),
    };
    let near = near.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    match (near.is_empty(), vi) {
        (true, true) => format!("cơ quan {who} không có trong danh sách cơ quan"),
        (true, false) => format!("agency {who} is not on the roster"),
        (false, true) => format!("cơ quan {who} không có trong danh sách cơ quan; có phải: {near}? (sửa danh sách hoặc mã trong hồ sơ; không tự ghép)"),
        (false, false) => format!("agency {who} is not on the roster; did you mean: {near}? (fix the roster or the file's code; never matched by guess)"),
    }
}

/// Why parts of an appraisal could not be merged (`record::merge`); parts
/// are numbered from 1 as the list shows them.
pub fn merge_error(e: &crate::record::MergeError, lang: Lang) -> Vec<String> {
    use crate::record::MergeError::*;
    let vi = lang == Lang::Vi;
    match e {
        TooFew => vec![if vi { "cần ít nhất hai phần thẩm định để gộp".into() } else { "at least two appraisal parts are needed to merge".into() }],
        NotPartial { part } => vec![if vi { format!("tệp thứ {}: bước cuối không phải một phần thẩm định (chỉ một số nội dung)", part + 1) } else { format!("file {}: its last stage is not a partial appraisal (some areas only)", part + 1) }],
        OtherDossier { part } => vec![if vi { format!("tệp thứ {}: không cùng hồ sơ với tệp thứ nhất (cơ quan, bộ chỉ số hoặc các bước trước khác nhau): không gộp", part + 1) } else { format!("file {}: not the same dossier as the first (another agency, ruleset or earlier stages): not merged", part + 1) }],
        Conflicts(list) => list
            .iter()
            .map(|c| {
                let parts = c.parts.iter().map(|p| (p + 1).to_string()).collect::<Vec<_>>().join(", ");
                match (c.condition, vi) {
                    (false, true) => format!("mục \"{}\" được thẩm định khác nhau ở các tệp {parts}: chọn một", c.key),
                    (false, false) => format!("item \"{}\" is appraised differently in files {parts}: choose one", c.key),
                    (true, true) => format!("điều kiện \"{}\" được trả lời khác nhau ở các tệp {parts}: chọn một", c.key),
                    (true, false) => format!("condition \"{}\" is answered differently in files {parts}: choose one", c.key),
                }
            })
            .collect(),
        Problems(p) => p.iter().map(|p| p.describe(lang)).collect(),
    }
}

/// The words of the office's workbook (`office::xlsx`).
pub struct XlsxTexts {
    pub title: &'static str,
    pub summary_sheet: &'static str,
    pub losses_sheet: &'static str,
    pub losses_title: &'static str,
    pub criteria_sheet: &'static str,
    pub criteria_title: &'static str,
    pub group: &'static str,
    pub classification: &'static str,
    pub level: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub rank: &'static str,
    pub code: &'static str,
    pub agency: &'static str,
    pub part: &'static str,
    pub points: &'static str,
    pub max: &'static str,
    pub percent: &'static str,
    pub note: &'static str,
    pub lost_agencies: &'static str,
    pub of_agencies: &'static str,
    pub points_lost: &'static str,
}

const XLSX_VI: XlsxTexts = XlsxTexts {
    title: "KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG THEO BỘ CHỈ SỐ",
    summary_sheet: "Tổng hợp",
    losses_sheet: "Tồn tại, hạn chế",
    losses_title: "Nội dung, tiêu chí bị trừ điểm, nhiều cơ quan nhất trước",
    criteria_sheet: "Theo tiêu chí",
    criteria_title: "Điểm từng tiêu chí (điểm tối đa trong ngoặc)",
    group: "Nhóm",
    classification: "Xếp loại",
    level: "Mức",
    count: "Số lượng",
    share: "Tỷ lệ (%)",
    rank: "Hạng",
    code: "Mã",
    agency: "Cơ quan, đơn vị",
    part: "Nội dung",
    points: "Tổng điểm",
    max: "Điểm tối đa",
    percent: "Tỷ lệ (%)",
    note: "Ghi chú",
    lost_agencies: "Số cơ quan bị trừ điểm",
    of_agencies: "Số cơ quan có điểm",
    points_lost: "Tổng số điểm bị trừ",
};

const XLSX_EN: XlsxTexts = XlsxTexts {
    title: "ASSESSMENT AND RANKING RESULTS",
    summary_sheet: "Summary",
    losses_sheet: "Points lost",
    losses_title: "Contents and criteria where points were lost, most agencies first",
    criteria_sheet: "By criterion",
    criteria_title: "Points per criterion (maximum in brackets)",
    group: "Group",
    classification: "Classification",
    level: "Level",
    count: "Count",
    share: "Share (%)",
    rank: "Rank",
    code: "Code",
    agency: "Agency",
    part: "Content",
    points: "Points",
    max: "Maximum",
    percent: "Percentage",
    note: "Note",
    lost_agencies: "Agencies that lost points",
    of_agencies: "Agencies with a score",
    points_lost: "Points lost in all",
};

pub fn xlsx(lang: Lang) -> &'static XlsxTexts {
    match lang {
        Lang::Vi => &XLSX_VI,
        Lang::En => &XLSX_EN,
    }
}

impl crate::package::PackageProblem {
    /// The problem in words, after the entry it is in ("tai-lieu/2/a.pdf: …").
    pub fn describe(&self, lang: Lang) -> String {
        let what = package_fault(&self.fault, lang);
        match (self.entry.is_empty(), lang) {
            (true, Lang::Vi) => format!("gói hồ sơ: {what}"),
            (true, Lang::En) => format!("package: {what}"),
            (false, _) => format!("{}: {what}", self.entry),
        }
    }
}

/// What is wrong with a package or one of its entries (`package::Fault`).
pub fn package_fault(f: &crate::package::Fault, lang: Lang) -> String {
    use crate::package::{Fault::*, DOSSIER_NAME, MAX_ENTRIES, MAX_ENTRY_NAME_BYTES, MAX_EXPANSION};
    let vi = lang == Lang::Vi;
    match f {
        NotZip => if vi { "không phải tệp ZIP (không có bản ghi kết thúc của ZIP)".into() } else { "not a ZIP file (no ZIP end record)".into() },
        Truncated => if vi { "tệp ZIP bị cắt cụt: thiếu phần cuối, tải hoặc chép lại tệp".into() } else { "the ZIP file is truncated: its end is missing; download or copy it again".into() },
        BadDirectory => if vi { "mục lục (central directory) của tệp ZIP bị hỏng".into() } else { "the ZIP's central directory is damaged".into() },
        Zip64 => if vi { "gói quá 4 GB hoặc quá 65.535 mục (ZIP64): không hỗ trợ".into() } else { "the package is over 4 GB or 65,535 entries (ZIP64): not supported".into() },
        SplitArchive => if vi { "tệp ZIP chia nhiều phần: không hỗ trợ, nén lại thành một tệp".into() } else { "a ZIP split into parts: not supported; zip it again as one file".into() },
        TooManyEntries { count } => if vi { format!("gói có {count} mục, quá giới hạn {MAX_ENTRIES}: không đọc") } else { format!("the package has {count} entries, over the limit of {MAX_ENTRIES}: not read") },
        DirectoryTooLarge { bytes } => if vi { format!("mục lục của tệp ZIP quá lớn ({bytes} byte): không đọc") } else { format!("the ZIP's central directory is too large ({bytes} bytes): not read") },
        NameTooLong { bytes } => if vi { format!("tên quá dài ({bytes} byte; tối đa {MAX_ENTRY_NAME_BYTES})") } else { format!("name too long ({bytes} bytes; at most {MAX_ENTRY_NAME_BYTES})") },
        NameNotUtf8 => if vi { "tên không ở dạng UTF-8: không đọc được tên tệp".into() } else { "the name is not UTF-8: it cannot be read".into() },
        ParentPath => if vi { "đường dẫn có \"..\" (trỏ ra ngoài thư mục giải nén): từ chối".into() } else { "the path contains \"..\" (points outside the folder unpacked into): refused".into() },
        AbsolutePath => if vi { "đường dẫn tuyệt đối (bắt đầu bằng / hoặc ổ đĩa): từ chối".into() } else { "an absolute path (starting with / or a drive): refused".into() },
        UnsafeName => if vi { "tên không an toàn trên Windows (ký tự <>:\"\\|?*, ký tự điều khiển, tên thiết bị như CON, NUL, dấu chấm hay khoảng trắng ở cuối, hoặc phần rỗng): từ chối".into() } else { "a name unsafe on Windows (characters <>:\"\\|?*, control characters, a device name such as CON or NUL, a trailing dot or space, or an empty part): refused".into() },
        Duplicate { other } => if vi { format!("trùng tên với \"{other}\" (không phân biệt hoa thường, hoặc tệp trùng tên thư mục)") } else { format!("the same name as \"{other}\" (ignoring case, or a file named as a folder)") },
        Encrypted => if vi { "mục được mã hóa (có mật khẩu): không đọc".into() } else { "the entry is encrypted (password-protected): not read".into() },
        UnknownMethod { method } => if vi { format!("phương thức nén {method} không được hỗ trợ (chỉ lưu nguyên hoặc deflate)") } else { format!("compression method {method} is not supported (stored or deflate only)") },
        Bomb { declared, package } => if vi { format!("khai báo giải nén ra {declared} byte, quá {MAX_EXPANSION} lần cả gói ({package} byte): nghi là bom ZIP, không giải nén") } else { format!("declares {declared} bytes unpacked, over {MAX_EXPANSION} times the whole package ({package} bytes): a ZIP bomb, not expanded") },
        StoredSizesDiffer => if vi { "mục lưu nguyên nhưng kích thước nén và kích thước thật khác nhau".into() } else { "a stored entry whose compressed and uncompressed sizes differ".into() },
        Overlaps => if vi { "dữ liệu của mục chồng lên mục khác hoặc lên mục lục".into() } else { "the entry's data overlaps another entry or the directory".into() },
        BadLocalHeader => if vi { "không tìm thấy phần đầu của mục tại vị trí mục lục ghi".into() } else { "no entry header where the directory says".into() },
        LocalDiffers => if vi { "phần đầu của mục khác với mục lục (tên, phương thức, kích thước hoặc CRC)".into() } else { "the entry's header differs from the directory (name, method, size or CRC)".into() },
        NoDossier => if vi { format!("gói không có {DOSSIER_NAME} ở thư mục gốc: không phải gói hồ sơ") } else { format!("no {DOSSIER_NAME} at the package's root: not a dossier package") },
        NotUtf8 => json_not_utf8(lang).into(),
        DossierTooLarge { bytes } => if vi { format!("tệp hồ sơ quá lớn ({bytes} byte; tối đa {MAX_FILE_BYTES})") } else { format!("the dossier file is too large ({bytes} bytes; at most {MAX_FILE_BYTES})") },
        Missing { item, name } => if vi { format!("thiếu tệp \"{name}\" của mục {item}: hồ sơ liệt kê nhưng gói không có") } else { format!("file \"{name}\" of item {item} is missing: the dossier lists it, the package does not hold it") },
        NoPath { item, name } => if vi { format!("tệp \"{name}\" của mục {item} không có đường dẫn trong gói") } else { format!("file \"{name}\" of item {item} has no path in the package") },
        BadPath { item, name } => if vi { format!("tệp \"{name}\" của mục {item} có đường dẫn không hợp lệ (phải nằm trong tai-lieu/, không \"..\", tên an toàn)") } else { format!("file \"{name}\" of item {item} has an invalid path (it must be inside tai-lieu/, without \"..\", safely named)") },
        PathTwice { item, name } => if vi { format!("tệp \"{name}\" của mục {item} dùng chung đường dẫn với một tệp khác nội dung") } else { format!("file \"{name}\" of item {item} shares its path with a file of other content") },
        Unlisted => if vi { "mục không có trong danh sách tệp của hồ sơ: gói chứa thứ hồ sơ không ghi".into() } else { "an entry the dossier does not list: the package holds something the dossier does not name".into() },
        SizeDiffers { expected, found } => if vi { format!("kích thước {found} byte, hồ sơ ghi {expected} byte") } else { format!("{found} bytes, the dossier says {expected}") },
        HashDiffers { item, name } => if vi { format!("nội dung không khớp mã SHA-256 ghi cho tệp \"{name}\" của mục {item}: tệp đã bị thay hoặc sửa") } else { format!("the content does not match the SHA-256 recorded for file \"{name}\" of item {item}: the file was replaced or changed") },
        CrcError => if vi { "lỗi CRC: dữ liệu khác với mã CRC-32 ghi trong ZIP (tệp hỏng khi chép hoặc tải)".into() } else { "CRC error: the data does not match the ZIP's CRC-32 (damaged when copied or downloaded)".into() },
        Unreadable { detail } => if vi { format!("không giải nén được: {detail}") } else { format!("cannot be unpacked: {detail}") },
        LongerThanDeclared => if vi { "giải nén ra nhiều hơn kích thước khai báo: dừng, không đọc tiếp".into() } else { "unpacks to more than its declared size: stopped, not read further".into() },
    }
}

/// A package that verifies, with the number of evidence files it holds.
pub fn package_sound(files: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("OK ({files} tệp tài liệu kiểm chứng)"),
        Lang::En => format!("OK ({files} evidence files)"),
    }
}
