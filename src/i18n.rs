//! Every string of the interface, in one place: Vietnamese first, English
//! second. Components never hold literal text; they ask `tr(lang)` or one of
//! the formatting functions below.

use chamdiem_core::decimal::{format_decimal, format_fixed2};
use chamdiem_core::file::AssessedBy;
use chamdiem_core::{Lang, ValueError};
use rust_decimal::Decimal;

pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub ruleset_label: &'static str,
    pub language_label: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub load_failed_hint: &'static str,
    pub source_prefix: &'static str,
    pub illustrative: &'static str,
    pub not_verified: &'static str,
    pub notes: &'static str,
    pub results: &'static str,
    pub total: &'static str,
    pub percent: &'static str,
    pub undetermined: &'static str,
    pub provisional: &'static str,
    pub final_result: &'static str,
    pub conditions: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub unanswered: &'static str,
    pub max_prefix: &'static str,
    pub points: &'static str,
    pub not_applicable: &'static str,
    pub penalty: &'static str,
    pub penalty_hint: &'static str,
    pub not_counted: &'static str,
    pub contents: &'static str,
    pub choose: &'static str,
    pub count_hint: &'static str,
    pub computed: &'static str,
}

const VI: Texts = Texts {
    app_name: "Chấm điểm",
    tagline: "Tự đánh giá, chấm điểm theo Bộ Chỉ số trước khi nộp chính thức",
    ruleset_label: "Bộ chỉ số",
    language_label: "Ngôn ngữ",
    loading: "Đang tải bộ chỉ số…",
    load_failed: "Không mở được bộ chỉ số",
    load_failed_hint: "Tệp bộ chỉ số có lỗi. Mỗi lỗi ghi rõ vị trí trong tệp (đường dẫn JSON, dòng, cột):",
    source_prefix: "Căn cứ",
    illustrative: "Bộ chỉ số minh họa, không phải văn bản chính thức",
    not_verified: "Chưa kiểm chứng",
    notes: "Ghi chú",
    results: "Kết quả",
    total: "Tổng điểm",
    percent: "Tỷ lệ",
    undetermined: "không xác định",
    provisional: "Tạm tính",
    final_result: "Kết quả đầy đủ",
    conditions: "Điều kiện xếp loại",
    yes: "Có",
    no: "Không",
    unanswered: "Chưa trả lời",
    max_prefix: "Tối đa",
    points: "điểm",
    not_applicable: "Không áp dụng",
    penalty: "Điểm trừ",
    penalty_hint: "Nhập số điểm bị trừ, ví dụ 1,5",
    not_counted: "Không được tính vào tổng.",
    contents: "Nội dung chấm điểm",
    choose: "— Chưa chọn —",
    count_hint: "số lần",
    computed: "Điểm tính được",
};

const EN: Texts = Texts {
    app_name: "Chấm điểm",
    tagline: "Self-assessment against a provincial index, before the official submission",
    ruleset_label: "Index",
    language_label: "Language",
    loading: "Loading the index…",
    load_failed: "The index could not be opened",
    load_failed_hint: "The index file has errors. Each names its place in the file (JSON path, line, column):",
    source_prefix: "Source",
    illustrative: "Illustrative index, not an official text",
    not_verified: "Not verified",
    notes: "Notes",
    results: "Results",
    total: "Total",
    percent: "Percentage",
    undetermined: "undetermined",
    provisional: "Provisional",
    final_result: "Complete result",
    conditions: "Conditions for the levels",
    yes: "Yes",
    no: "No",
    unanswered: "Not answered",
    max_prefix: "Maximum",
    points: "points",
    not_applicable: "Not applicable",
    penalty: "Penalty",
    penalty_hint: "Type the points deducted, e.g. 1.5",
    not_counted: "Not counted in the total.",
    contents: "Scoring contents",
    choose: "— Not chosen —",
    count_hint: "times",
    computed: "Points",
};

pub fn tr(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn num(d: Decimal, lang: Lang) -> String {
    format_decimal(d, lang)
}

pub fn pct(p: Option<Decimal>, lang: Lang) -> String {
    match p {
        Some(p) => format!("{}%", format_fixed2(p, lang)),
        None => tr(lang).undetermined.to_string(),
    }
}

/// The message shown at a field whose value is not counted (the core words
/// it, so the command-line `score` says the same).
pub fn value_error(e: &ValueError, lang: Lang) -> String {
    chamdiem_core::score::describe_value_error(e, lang)
}

pub fn assessed_by(a: AssessedBy, lang: Lang) -> Option<&'static str> {
    match (a, lang) {
        (AssessedBy::SelfScored, _) => None,
        (AssessedBy::Survey, Lang::Vi) => Some("Chấm qua điều tra, khảo sát — không do cơ quan tự chấm; nhập điểm dự kiến nếu có"),
        (AssessedBy::Survey, Lang::En) => Some("Scored by a survey, not by the agency; enter an expected value if known"),
        (AssessedBy::Leaders, Lang::Vi) => Some("Do lãnh đạo UBND tỉnh chấm — không do cơ quan tự chấm; nhập điểm dự kiến nếu có"),
        (AssessedBy::Leaders, Lang::En) => Some("Scored by the provincial leaders, not by the agency; enter an expected value if known"),
    }
}

pub fn out_of(points: Decimal, max: Decimal, lang: Lang) -> String {
    format!("{} / {} {}", num(points, lang), num(max, lang), tr(lang).points)
}

pub fn unscored(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Còn {n} mục chưa chấm"),
        Lang::En => format!("{n} item(s) not scored yet"),
    }
}

pub fn invalid(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} giá trị không hợp lệ (không tính)"),
        Lang::En => format!("{n} invalid value(s) (not counted)"),
    }
}

pub fn capped(uncapped: Decimal, cap: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Các phần cộng lại {}; chỉ tính tối đa {} (mức trần)", num(uncapped, lang), num(cap, lang)),
        Lang::En => format!("The parts add up to {}; only {} is counted (the cap)", num(uncapped, lang), num(cap, lang)),
    }
}

pub fn bonus_cap(cap: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tính tối đa {} điểm", num(cap, lang)),
        Lang::En => format!("Counts at most {} points", num(cap, lang)),
    }
}

pub fn source_line(document: &str, date: &str, issuer: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} ngày {} của {}", document, date, issuer),
        Lang::En => format!("{} of {}, {}", document, date, issuer),
    }
}

pub fn pending_level(level: &str, conditions: &str, fallback: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{level} nếu {conditions}; nếu không: {fallback}"),
        Lang::En => format!("{level} if {conditions}; otherwise: {fallback}"),
    }
}

pub fn forced(level: &str, veto: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Xếp «{level}» bất kể điểm số: {veto}."),
        Lang::En => format!("Rated «{level}» whatever the points: {veto}."),
    }
}

pub fn pending_veto(level_if_clear: &str, vetoes: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{level_if_clear} nếu không thuộc trường hợp: {vetoes}"),
        Lang::En => format!("{level_if_clear} unless: {vetoes}"),
    }
}

pub fn vetoed(level: &str, requirement: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không xếp «{level}»: điều kiện «{requirement}» không được đáp ứng."),
        Lang::En => format!("Not «{level}»: the condition «{requirement}» is not met."),
    }
}

pub fn rounding_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Tỷ lệ hiển thị đã làm tròn đến 2 chữ số thập phân; xếp loại tính trên tỷ lệ chính xác, chưa đạt ngưỡng của mức trên.",
        Lang::En => "The percentage shown is rounded to 2 decimals; the level is decided on the exact percentage, which is below the next threshold.",
    }
}

pub fn awaiting(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} phần do cơ quan khác chấm (khảo sát, lãnh đạo) chưa có điểm: kết quả tạm tính trên phần tự chấm"),
        Lang::En => format!("{n} part(s) scored by others (survey, leaders) have no value yet: the result is provisional over the self-scored part"),
    }
}

pub fn provisional_because(unscored_n: u32, invalid_n: u32, awaiting_n: u32, pending: bool, lang: Lang) -> String {
    let mut parts = Vec::new();
    let vi = lang == Lang::Vi;
    if awaiting_n > 0 {
        parts.push(if vi { format!("{awaiting_n} phần chờ cơ quan khác chấm") } else { format!("{awaiting_n} part(s) awaiting others") });
    }
    if unscored_n > 0 {
        parts.push(if vi { format!("còn {unscored_n} mục chưa chấm") } else { format!("{unscored_n} item(s) not scored") });
    }
    if invalid_n > 0 {
        parts.push(if vi { format!("{invalid_n} giá trị không hợp lệ") } else { format!("{invalid_n} invalid value(s)") });
    }
    if pending {
        parts.push(if vi { "chưa trả lời câu hỏi điều kiện".into() } else { "a condition is not answered".into() });
    }
    format!("{}: {}", tr(lang).provisional, parts.join(", "))
}

/// Accessible name of the second field of a two-number rule.
pub fn pair_label(code: &str, title: &str, part: &str) -> String {
    format!("{code} {title} — {part}")
}

pub fn na_label(code: &str, title: &str, lang: Lang) -> String {
    format!("{} — {} {}", tr(lang).not_applicable, code, title)
}
