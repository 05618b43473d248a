//! Every string of the interface, in one place: Vietnamese first, English
//! second. Components never hold literal text; they ask `tr(lang)` or one of
//! the formatting functions below.

use chamdiem_core::decimal::{format_decimal, format_fixed2};
use chamdiem_core::record::StageKind;
use chamdiem_core::ruleset::file::AssessedBy;
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
    pub unassigned: &'static str,
    pub open_ruleset_file: &'static str,
    pub penalty: &'static str,
    pub penalty_hint: &'static str,
    pub not_counted: &'static str,
    pub contents: &'static str,
    pub choose: &'static str,
    pub count_hint: &'static str,
    pub computed: &'static str,
    pub read_only: &'static str,
    pub notices: &'static str,
    pub agency: &'static str,
    pub agency_name: &'static str,
    pub agency_kind: &'static str,
    pub agency_year: &'static str,
    pub agency_preparer: &'static str,
    pub agency_contact: &'static str,
    pub kind_department: &'static str,
    pub kind_unit: &'static str,
    pub kind_commune: &'static str,
    pub kind_other: &'static str,
    pub evidence_heading: &'static str,
    pub ev_number: &'static str,
    pub ev_date: &'static str,
    pub ev_summary: &'static str,
    pub ev_link: &'static str,
    pub ev_add: &'static str,
    pub ev_remove: &'static str,
    pub ev_attach: &'static str,
    pub ev_attach_hint: &'static str,
    pub ev_attaching: &'static str,
    pub ev_file_name: &'static str,
    pub ev_file_open: &'static str,
    pub ev_file_remove: &'static str,
    pub ev_file_remove_confirm: &'static str,
    pub ev_file_missing: &'static str,
    pub explanation: &'static str,
    pub drafts: &'static str,
    pub draft_new: &'static str,
    pub draft_open: &'static str,
    pub draft_rename: &'static str,
    pub draft_duplicate: &'static str,
    pub draft_delete: &'static str,
    pub draft_unnamed: &'static str,
    pub draft_copy: &'static str,
    pub draft_current: &'static str,
    pub col_name: &'static str,
    pub col_agency: &'static str,
    pub col_ruleset: &'static str,
    pub col_year: &'static str,
    pub col_changed: &'static str,
    pub col_progress: &'static str,
    pub col_actions: &'static str,
    pub rename_prompt: &'static str,
    pub delete_confirm: &'static str,
    pub set_aside: &'static str,
    pub export: &'static str,
    pub export_check: &'static str,
    pub export_go: &'static str,
    pub export_package: &'static str,
    pub package_checking: &'static str,
    pub export_incomplete: &'static str,
    pub export_complete: &'static str,
    pub close: &'static str,
    pub import: &'static str,
    pub import_drop: &'static str,
    pub import_failed: &'static str,
    pub check_unscored: &'static str,
    pub check_invalid: &'static str,
    pub check_evidence: &'static str,
    pub check_conditions: &'static str,
    pub check_awaiting: &'static str,
    pub storage_disabled: &'static str,
    pub storage_full: &'static str,
    pub storage_failed: &'static str,
    pub why: &'static str,
    pub next_level: &'static str,
    pub most_room: &'static str,
    pub load_example: &'static str,
    pub example_name: &'static str,
    pub example_banner: &'static str,
    pub reset: &'static str,
    pub reset_confirm: &'static str,
    pub warn_evidence: &'static str,
    pub todo: &'static str,
    pub todo_none: &'static str,
    pub new_version: &'static str,
    pub reload: &'static str,
    pub sheet_nation: &'static str,
    pub sheet_motto: &'static str,
    pub sheet_show: &'static str,
    pub sheet_print: &'static str,
    pub sheet_title: &'static str,
    pub sheet_date: &'static str,
    pub sheet_incomplete: &'static str,
    pub sheet_code: &'static str,
    pub sheet_criterion: &'static str,
    pub sheet_max: &'static str,
    pub sheet_score: &'static str,
    pub sheet_evidence: &'static str,
    pub sheet_preparer: &'static str,
    pub sheet_sign_hint: &'static str,
    pub sheet_place_date: &'static str,
    pub sheet_head: &'static str,
    pub sheet_sign_seal: &'static str,
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
    unassigned: "Điểm không được giao",
    open_ruleset_file: "Mở bộ chỉ số từ tệp (.json, để thử trước khi công bố)",
    penalty: "Điểm trừ",
    penalty_hint: "Nhập số điểm bị trừ, ví dụ 1,5",
    not_counted: "Không được tính vào tổng.",
    contents: "Nội dung chấm điểm",
    choose: "— Chưa chọn —",
    count_hint: "số lần",
    computed: "Điểm tính được",
    read_only: "Chỉ xem: tệp nhập vào không được mở để sửa",
    notices: "Lưu ý khi mở bản nháp",
    agency: "Thông tin cơ quan, đơn vị",
    agency_name: "Tên cơ quan, đơn vị",
    agency_kind: "Loại hình",
    agency_year: "Năm đánh giá",
    agency_preparer: "Người lập",
    agency_contact: "Liên hệ (điện thoại, thư điện tử)",
    kind_department: "Sở, ban, ngành",
    kind_unit: "Đơn vị sự nghiệp công lập",
    kind_commune: "UBND xã, phường",
    kind_other: "Khác",
    evidence_heading: "Tài liệu kiểm chứng, giải trình",
    ev_number: "Số hiệu",
    ev_date: "Ngày (dd/mm/yyyy)",
    ev_summary: "Trích yếu",
    ev_link: "Liên kết (không bắt buộc)",
    ev_add: "Thêm tài liệu kiểm chứng",
    ev_remove: "Xóa tài liệu",
    ev_attach: "Đính kèm tệp",
    ev_attach_hint: "Chọn tệp hoặc thả tệp vào đây (PDF, ảnh, Word, Excel, ZIP…; tối đa 50 MB mỗi tệp). Tệp được lưu trong trình duyệt này.",
    ev_attaching: "Đang lưu tệp…",
    ev_file_name: "Tên tệp",
    ev_file_open: "Mở tệp",
    ev_file_remove: "Gỡ tệp",
    ev_file_remove_confirm: "Gỡ tệp này khỏi tài liệu kiểm chứng?",
    ev_file_missing: "không còn trong trình duyệt này (có thể đã bị xoá): hãy đính kèm lại",
    explanation: "Giải trình",
    drafts: "Bản nháp",
    draft_new: "Tạo bản nháp mới",
    draft_open: "Mở",
    draft_rename: "Đổi tên",
    draft_duplicate: "Nhân bản",
    draft_delete: "Xóa",
    draft_unnamed: "Chưa đặt tên",
    draft_copy: "bản sao",
    draft_current: "đang mở",
    col_name: "Tên bản nháp",
    col_agency: "Cơ quan",
    col_ruleset: "Bộ chỉ số",
    col_year: "Năm",
    col_changed: "Sửa lần cuối",
    col_progress: "Đã nhập",
    col_actions: "Thao tác",
    rename_prompt: "Tên mới của bản nháp:",
    delete_confirm: "Xóa hẳn bản nháp này? Không thể hoàn tác. Tệp đính kèm mà không bản nháp, hồ sơ nào khác dùng cũng bị xoá khỏi trình duyệt.",
    set_aside: "Dữ liệu hỏng trong bộ nhớ trình duyệt đã được để riêng (không xóa), khóa:",
    export: "Xuất tệp nộp (JSON)",
    export_check: "Kiểm tra trước khi xuất",
    export_go: "Xuất tệp",
    export_package: "Xuất hồ sơ kèm tệp (.zip)",
    package_checking: "Đang kiểm tra các tệp trong gói",
    export_incomplete: "Bản tự đánh giá chưa đầy đủ. Vẫn xuất được; tệp sẽ ghi rõ là chưa đầy đủ.",
    export_complete: "Bản tự đánh giá đã đầy đủ.",
    close: "Đóng",
    import: "Nhập hồ sơ (JSON hoặc .zip kèm tệp)",
    import_drop: "hoặc kéo thả tệp vào đây",
    import_failed: "Không nhập được tệp",
    check_unscored: "Mục chưa chấm",
    check_invalid: "Giá trị không hợp lệ",
    check_evidence: "Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình",
    check_conditions: "Câu hỏi điều kiện chưa trả lời",
    check_awaiting: "Phần do cơ quan khác chấm chưa có điểm",
    storage_disabled: "Trình duyệt không cho lưu dữ liệu (bộ nhớ bị tắt). Những gì đã nhập vẫn còn trên trang này cho đến khi đóng trang: hãy xuất tệp để giữ lại.",
    storage_full: "Bộ nhớ trình duyệt đã đầy, không lưu được bản nháp. Những gì đã nhập vẫn còn trên trang này: hãy xuất tệp để giữ lại.",
    storage_failed: "Không lưu được bản nháp vào bộ nhớ trình duyệt. Những gì đã nhập vẫn còn trên trang này: hãy xuất tệp để giữ lại.",
    why: "Vì sao?",
    next_level: "Còn bao nhiêu điểm để lên mức trên?",
    most_room: "Các mục còn nhiều điểm nhất (tối đa − đã chấm):",
    load_example: "Nạp bài mẫu",
    example_name: "Bài mẫu",
    example_banner: "Bài mẫu để tập huấn: không phải kết quả tự đánh giá của cơ quan nào.",
    reset: "Làm lại từ đầu",
    reset_confirm: "Xóa mọi điểm, tài liệu kiểm chứng, giải trình và câu trả lời của bản nháp đang mở?",
    warn_evidence: "Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình.",
    todo: "Việc còn lại",
    todo_none: "Không còn việc nào: đã chấm đủ, hợp lệ, có tài liệu kiểm chứng và đã trả lời các câu hỏi.",
    new_version: "Đã có phiên bản mới của ứng dụng.",
    reload: "Tải lại để dùng phiên bản mới",
    sheet_nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    sheet_motto: "Độc lập - Tự do - Hạnh phúc",
    sheet_show: "Biểu tổng hợp để in",
    sheet_print: "In biểu tổng hợp",
    sheet_title: "BIỂU TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
    sheet_date: "Ngày lập",
    sheet_incomplete: "Bản tự đánh giá chưa đầy đủ (tạm tính).",
    sheet_code: "STT",
    sheet_criterion: "Nội dung, tiêu chí",
    sheet_max: "Điểm tối đa",
    sheet_score: "Điểm tự chấm",
    sheet_evidence: "Tài liệu kiểm chứng",
    sheet_preparer: "Người lập biểu",
    sheet_sign_hint: "(Ký, ghi rõ họ tên)",
    sheet_place_date: "Ngày",
    sheet_head: "THỦ TRƯỞNG CƠ QUAN",
    sheet_sign_seal: "(Ký, ghi rõ họ tên, đóng dấu)",
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
    unassigned: "Points not assigned",
    open_ruleset_file: "Open a ruleset from a file (.json, to try it before publishing)",
    penalty: "Penalty",
    penalty_hint: "Type the points deducted, e.g. 1.5",
    not_counted: "Not counted in the total.",
    contents: "Scoring contents",
    choose: "— Not chosen —",
    count_hint: "times",
    computed: "Points",
    read_only: "Read only: the imported file is not opened for editing",
    notices: "On opening this draft",
    agency: "Agency details",
    agency_name: "Agency name",
    agency_kind: "Kind of agency",
    agency_year: "Year assessed",
    agency_preparer: "Prepared by",
    agency_contact: "Contact (telephone, e-mail)",
    kind_department: "Provincial department",
    kind_unit: "Public service unit",
    kind_commune: "Commune / ward committee",
    kind_other: "Other",
    evidence_heading: "Evidence and explanation",
    ev_number: "Number",
    ev_date: "Date (dd/mm/yyyy)",
    ev_summary: "Summary",
    ev_link: "Link (optional)",
    ev_add: "Add evidence",
    ev_remove: "Remove evidence",
    ev_attach: "Attach files",
    ev_attach_hint: "Choose files or drop them here (PDF, images, Word, Excel, ZIP…; at most 50 MB each). Files are kept in this browser.",
    ev_attaching: "Keeping the files…",
    ev_file_name: "File name",
    ev_file_open: "Open file",
    ev_file_remove: "Remove file",
    ev_file_remove_confirm: "Remove this file from the evidence?",
    ev_file_missing: "no longer in this browser (it may have been deleted): attach it again",
    explanation: "Explanation",
    drafts: "Drafts",
    draft_new: "New draft",
    draft_open: "Open",
    draft_rename: "Rename",
    draft_duplicate: "Duplicate",
    draft_delete: "Delete",
    draft_unnamed: "Unnamed",
    draft_copy: "copy",
    draft_current: "open",
    col_name: "Draft",
    col_agency: "Agency",
    col_ruleset: "Index",
    col_year: "Year",
    col_changed: "Last change",
    col_progress: "Entered",
    col_actions: "Actions",
    rename_prompt: "New name of the draft:",
    delete_confirm: "Delete this draft for good? This cannot be undone. Attached files that no other draft or dossier uses are deleted from the browser too.",
    set_aside: "Damaged data in the browser's storage was set aside (not deleted), key:",
    export: "Export submission (JSON)",
    export_check: "Before exporting",
    export_go: "Export the file",
    export_package: "Export with the files (.zip)",
    package_checking: "Checking the files in the package",
    export_incomplete: "The self-assessment is incomplete. You can still export; the file will say it is incomplete.",
    export_complete: "The self-assessment is complete.",
    close: "Close",
    import: "Import a dossier (JSON, or .zip with its files)",
    import_drop: "or drop the file here",
    import_failed: "The file could not be imported",
    check_unscored: "Not scored",
    check_invalid: "Invalid values",
    check_evidence: "Points without evidence or explanation",
    check_conditions: "Conditions not answered",
    check_awaiting: "Parts scored by others with no value yet",
    storage_disabled: "This browser does not allow saving (storage is disabled). What you entered stays on this page until it is closed: export the file to keep it.",
    storage_full: "The browser's storage is full; the draft could not be saved. What you entered stays on this page: export the file to keep it.",
    storage_failed: "The draft could not be saved in the browser's storage. What you entered stays on this page: export the file to keep it.",
    why: "Why?",
    next_level: "How far is the next level?",
    most_room: "Items with the most points left (maximum − score):",
    load_example: "Load the example",
    example_name: "Example",
    example_banner: "A training example: not any agency's own self-assessment.",
    reset: "Start over",
    reset_confirm: "Clear every score, evidence, explanation and answer of the open draft?",
    warn_evidence: "Points but no evidence or explanation yet.",
    todo: "What is left",
    todo_none: "Nothing left: every item is scored, valid and supported, and every question answered.",
    new_version: "A new version of the app is available.",
    reload: "Reload to use it",
    sheet_nation: "SOCIALIST REPUBLIC OF VIETNAM",
    sheet_motto: "Independence - Freedom - Happiness",
    sheet_show: "Score sheet for printing",
    sheet_print: "Print the score sheet",
    sheet_title: "SELF-ASSESSMENT SCORE SHEET",
    sheet_date: "Date",
    sheet_incomplete: "The self-assessment is incomplete (provisional).",
    sheet_code: "No.",
    sheet_criterion: "Content, criterion",
    sheet_max: "Maximum",
    sheet_score: "Self-score",
    sheet_evidence: "Evidence",
    sheet_preparer: "Prepared by",
    sheet_sign_hint: "(Signature, full name)",
    sheet_place_date: "Date",
    sheet_head: "HEAD OF THE AGENCY",
    sheet_sign_seal: "(Signature, full name, seal)",
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
    chamdiem_core::text::value_error(e, lang)
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

/// Every kind of agency with its label, in the order the form lists them.
pub fn agency_kinds(lang: Lang) -> [(chamdiem_core::record::AgencyKind, &'static str); 4] {
    use chamdiem_core::record::AgencyKind::*;
    let t = tr(lang);
    [(Department, t.kind_department), (PublicServiceUnit, t.kind_unit), (Commune, t.kind_commune), (Other, t.kind_other)]
}

pub fn na_label(code: &str, title: &str, lang: Lang) -> String {
    format!("{} — {} {}", tr(lang).not_applicable, code, title)
}

/// A ruleset opened from a file, in the selector.
pub fn local_ruleset_title(title: &str, version: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{title} (phiên bản {version}) — mở từ tệp, chưa công bố"),
        Lang::En => format!("{title} (version {version}) — opened from a file, not published"),
    }
}

/// A ruleset opened from a file that this browser no longer holds.
pub fn local_ruleset_gone(title: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Trình duyệt không còn giữ bộ chỉ số «{title}»: hãy mở lại tệp."),
        Lang::En => format!("This browser no longer holds the ruleset «{title}»: open its file again."),
    }
}

/// Accessible name of an item's field of points not assigned: "Điểm không được giao — 1 …".
pub fn unassigned_label(code: &str, title: &str, lang: Lang) -> String {
    format!("{} — {} {}", tr(lang).unassigned, code, title)
}

/// What is left of an item's maximum once `u` points are declared not assigned.
pub fn unassigned_left(u: Decimal, left: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không được giao {} điểm: tối đa còn {} điểm.", num(u, lang), num(left, lang)),
        Lang::En => format!("{} points not assigned: at most {} points left.", num(u, lang), num(left, lang)),
    }
}

/// Accessible name of one field of an evidence row: "Số hiệu — tài liệu 2 — 1.1 …".
pub fn evidence_label(field: &str, row: u32, item: &str) -> String {
    format!("{field} — {row} — {item}")
}

/// Above a draft whose ruleset file changed since it was saved. An edit that
/// kept the version number is told apart by the files' SHA-256 (short form),
/// never as "2025.1 → 2025.1".
pub fn ruleset_changed(old: (&str, &str), new: (&str, &str), lang: Lang) -> String {
    let short = |sha: &str| sha.chars().take(12).collect::<String>();
    let which = if old.0 == new.0 {
        match lang {
            Lang::Vi => format!("phiên bản {}, tệp đã sửa: SHA-256 {} → {}", new.0, short(old.1), short(new.1)),
            Lang::En => format!("version {}, file edited: SHA-256 {} → {}", new.0, short(old.1), short(new.1)),
        }
    } else {
        match lang {
            Lang::Vi => format!("phiên bản {} → {}", old.0, new.0),
            Lang::En => format!("version {} → {}", old.0, new.0),
        }
    };
    match lang {
        Lang::Vi => format!("Bộ chỉ số đã thay đổi kể từ khi lưu bản nháp ({which}). Các giá trị của mục còn tồn tại được giữ nguyên."),
        Lang::En => format!("The index changed since the draft was saved ({which}). Values of items that still exist are kept."),
    }
}

/// The changes of a ruleset, one line each.
pub fn changes(c: &chamdiem_core::record::RulesetChanges, lang: Lang) -> Vec<String> {
    let vi = lang == Lang::Vi;
    let join = |v: &[String]| v.join(", ");
    let mut out = Vec::new();
    if !c.added.is_empty() {
        out.push(if vi { format!("Mục mới: {}", join(&c.added)) } else { format!("New items: {}", join(&c.added)) });
    }
    if !c.removed.is_empty() {
        out.push(if vi { format!("Mục đã bỏ: {}", join(&c.removed)) } else { format!("Removed items: {}", join(&c.removed)) });
    }
    for (k, o, n) in &c.max_changed {
        out.push(if vi { format!("Điểm tối đa của {k} đổi từ {o} thành {n}") } else { format!("Maximum of {k} changed from {o} to {n}") });
    }
    if !c.orphaned.is_empty() {
        out.push(if vi {
            format!("Giá trị đã nhập cho mục không còn trong bộ chỉ số (được giữ trong bản nháp, không tính điểm): {}", join(&c.orphaned))
        } else {
            format!("Values entered for items no longer in the index (kept in the draft, not counted): {}", join(&c.orphaned))
        });
    }
    out
}

pub fn entered(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} mục"),
        Lang::En => format!("{n} item(s)"),
    }
}

/// A portal link (`?bo=<id>`) to a ruleset the site does not have, and the one opened instead.
pub fn bad_link(id: &str, opened: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Liên kết mở trang này chỉ tới bộ chỉ số “{id}”, không có trong các bộ chỉ số của trang này. Đang mở: {opened}. \
             Nếu đây không phải bộ chỉ số của cơ quan, hãy chọn đúng bộ ở ô “Bộ chỉ số” phía trên và báo lại cho nơi đã gửi liên kết."
        ),
        Lang::En => format!(
            "The link that opened this page names the ruleset “{id}”, which is not among the rulesets of this site. Open now: {opened}. \
             If this is not your agency's index, pick the right one in the “Index” list above and tell whoever sent the link."
        ),
    }
}

pub fn unknown_ruleset(id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("bộ chỉ số \"{id}\" không có trong các bộ chỉ số của trang này"),
        Lang::En => format!("ruleset \"{id}\" is not among the rulesets of this site"),
    }
}

/// An imported file made on an earlier copy of its ruleset that the site
/// keeps (rulesets/archive/): which copy, and that the file was checked
/// against it; `matches`: and matched, so it opens as a draft on the current copy.
pub fn archived_copy(version: &str, sha256: &str, matches: bool, lang: Lang) -> String {
    let sha: String = sha256.chars().take(12).collect();
    match lang {
        Lang::Vi => format!(
            "Tệp được lập trên một bản trước của bộ chỉ số (phiên bản {version}, SHA-256 {sha}…), bản mà trang này vẫn lưu giữ: \
             tệp đã được kiểm tra theo đúng bản đó{}",
            if matches { " và khớp. Bản nháp được mở theo bản hiện hành của bộ chỉ số." } else { "." }
        ),
        Lang::En => format!(
            "The file was made with an earlier copy of the index (version {version}, SHA-256 {sha}…), which this site keeps: \
             it was checked against that copy{}",
            if matches { " and matches. The draft opens on the current copy of the index." } else { "." }
        ),
    }
}

/// The earlier copy an imported file was made with is listed, but could not be had or does not match its hash.
pub fn archive_unavailable(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Trang có liệt kê bản trước của bộ chỉ số mà tệp được lập trên đó, nhưng không dùng được bản này ({detail})."),
        Lang::En => format!("This site lists the earlier copy of the index the file was made with, but it could not be used ({detail})."),
    }
}

/// A subtotal explained part by part, then the sum.
pub fn breakdown_lines(rs: &chamdiem_core::Ruleset, b: &chamdiem_core::score::explain::Breakdown, lang: Lang) -> Vec<String> {
    use chamdiem_core::score::explain::PartState;
    let vi = lang == Lang::Vi;
    let mut out: Vec<String> = b
        .parts
        .iter()
        .map(|p| {
            let n = rs.node(p.node);
            let head = format!("{} {}", n.code, n.title);
            let what = match (&p.state, vi) {
                (PartState::NotApplicable, true) => "không áp dụng: không tính vào điểm tối đa".to_string(),
                (PartState::NotApplicable, false) => "not applicable: left out of the maximum".to_string(),
                (PartState::Unscored, true) => format!("chưa chấm: tính 0 trên tối đa {}", num(p.max, lang)),
                (PartState::Unscored, false) => format!("not scored: counts 0 of {}", num(p.max, lang)),
                (PartState::Awaiting, true) => "chờ cơ quan khác chấm: tạm không tính vào điểm tối đa".to_string(),
                (PartState::Awaiting, false) => "awaiting others: left out of the maximum for now".to_string(),
                (PartState::Invalid, true) => format!("giá trị không hợp lệ: tính 0 trên tối đa {}", num(p.max, lang)),
                (PartState::Invalid, false) => format!("invalid value: counts 0 of {}", num(p.max, lang)),
                (PartState::Counted, _) if n.kind == chamdiem_core::ruleset::file::Kind::Penalty => format!("{} {}", num(p.points, lang), tr(lang).points),
                (PartState::Counted, _) => out_of(p.points, p.max, lang),
            };
            format!("{head}: {what}")
        })
        .collect();
    if let Some((sum, cap)) = b.capped {
        out.push(capped(sum, cap, lang));
    }
    out.push(if vi {
        format!("Cộng lại: {} trên tối đa áp dụng {} điểm.", num(b.points, lang), num(b.max, lang))
    } else {
        format!("Sum: {} of an applicable maximum of {} points.", num(b.points, lang), num(b.max, lang))
    });
    out
}

/// The percentage in words: points × 100 / applicable maximum, rounded.
pub fn percent_line(points: Decimal, max: Decimal, percent: Option<Decimal>, lang: Lang) -> String {
    match (percent, lang) {
        (Some(_), Lang::Vi) => format!("Tỷ lệ = {} × 100 / {} = {} (làm tròn đến 2 chữ số thập phân; xếp loại dùng giá trị chính xác).", num(points, lang), num(max, lang), pct(percent, lang)),
        (Some(_), Lang::En) => format!("Percentage = {} × 100 / {} = {} (rounded to 2 decimals; levels use the exact value).", num(points, lang), num(max, lang), pct(percent, lang)),
        (None, Lang::Vi) => "Không còn phần nào áp dụng: tỷ lệ không xác định.".into(),
        (None, Lang::En) => "Nothing applicable is left: no percentage.".into(),
    }
}

/// A level explained: the percentage, each threshold, conditions and vetoes.
pub fn level_lines(rs: &chamdiem_core::Ruleset, ci: usize, r: &chamdiem_core::score::ClassResult, lang: Lang) -> Vec<String> {
    let vi = lang == Lang::Vi;
    let c = &rs.classifications[ci];
    let codes = c.sections.iter().map(|&s| rs.node(s).code.clone()).collect::<Vec<_>>().join(", ");
    let mut out = vec![if vi {
        format!("Tính trên nội dung {codes}: {} / {} điểm = {}.", num(r.points, lang), num(r.max, lang), pct(r.percent, lang))
    } else {
        format!("Over sections {codes}: {} / {} points = {}.", num(r.points, lang), num(r.max, lang), pct(r.percent, lang))
    }];
    let Some(o) = &r.outcome else {
        out.push(if vi { "Không còn phần nào áp dụng: không xác định được tỷ lệ.".into() } else { "Nothing applicable is left: no percentage.".into() });
        return out;
    };
    for (i, lv) in c.levels.iter().enumerate().skip(1).rev() {
        let reached = i <= o.by_exact;
        let threshold = lv.threshold(r.max);
        out.push(match (vi, reached) {
            (true, true) => format!("«{}» cần từ {}% (ít nhất {} điểm): đạt.", lv.label, num(lv.min_percent, lang), num(threshold, lang)),
            (true, false) => format!("«{}» cần từ {}% (ít nhất {} điểm): chưa đạt, thiếu {} điểm.", lv.label, num(lv.min_percent, lang), num(threshold, lang), num(threshold - r.points, lang)),
            (false, true) => format!("«{}» needs {}% (at least {} points): reached.", lv.label, num(lv.min_percent, lang), num(threshold, lang)),
            (false, false) => format!("«{}» needs {}% (at least {} points): not reached, {} short.", lv.label, num(lv.min_percent, lang), num(threshold, lang), num(threshold - r.points, lang)),
        });
    }
    for &(lv, ri) in &o.vetoed {
        out.push(vetoed(&c.levels[lv].label, &c.levels[lv].requires[ri].text, lang));
    }
    if let Some((lv, reqs)) = &o.pending {
        let conds = reqs.iter().map(|&ri| c.levels[*lv].requires[ri].text.clone()).collect::<Vec<_>>().join(", ");
        out.push(if vi {
            format!("«{}» còn phụ thuộc điều kiện chưa trả lời: {conds}.", c.levels[*lv].label)
        } else {
            format!("«{}» still depends on an unanswered condition: {conds}.", c.levels[*lv].label)
        });
    }
    for &vi_ in &o.forced {
        out.push(forced(&c.levels[c.vetoes[vi_].level].label, &c.vetoes[vi_].text, lang));
    }
    if o.rounding_differs() {
        out.push(rounding_note(lang).to_string());
    }
    out.push(if vi {
        format!("Kết quả: «{}».", c.levels[o.level].label)
    } else {
        format!("Result: «{}».", c.levels[o.level].label)
    });
    out
}

pub fn next_level_line(c: &chamdiem_core::ruleset::model::Classification, n: &chamdiem_core::score::explain::NextLevel, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}: để đạt «{}» cần thêm {} điểm.", c.title, c.levels[n.level].label, num(n.needed, lang)),
        Lang::En => format!("{}: «{}» needs {} more points.", c.title, c.levels[n.level].label, num(n.needed, lang)),
    }
}

pub fn room(r: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("còn {} điểm", num(r, lang)),
        Lang::En => format!("{} points left", num(r, lang)),
    }
}

pub fn missing_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} mục thiếu tài liệu kiểm chứng"),
        Lang::En => format!("{n} item(s) without evidence"),
    }
}

/// The worker that opens files could not run (its files not downloaded yet
/// and the device offline, or a fault in it): nothing on the page changed.
pub fn opener_failed(file_name: &str, detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{file_name} — Không mở được tệp: phần đọc tệp của ứng dụng không chạy được ({detail}). Nếu máy đang ngoại tuyến, hãy kết nối mạng rồi thử lại. Bản nháp đang có không bị ảnh hưởng."),
        Lang::En => format!("{file_name} — The file could not be opened: the app's file reader did not run ({detail}). If the device is offline, connect and try again. The drafts here are untouched."),
    }
}

/// A dossier asked for from the list is no longer kept (another tab removed it).
pub fn kept_gone(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Hồ sơ này không còn được lưu trong trình duyệt (có thể đã bị xoá ở một thẻ khác).".into(),
        Lang::En => "This dossier is no longer kept in the browser (it may have been removed in another tab).".into(),
    }
}

/// An evidence file asked for is not kept in this browser.
pub fn evidence_gone(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Tệp này không còn được lưu trong trình duyệt (có thể đã bị xoá).".into(),
        Lang::En => "This file is no longer kept in the browser (it may have been deleted).".into(),
    }
}

/// The package could not be made: these files are no longer kept.
pub fn package_files_gone(paths: &[String], lang: Lang) -> String {
    let list = paths.join(", ");
    match lang {
        Lang::Vi => format!("Không tạo được gói hồ sơ: các tệp sau không còn trong trình duyệt này (có thể đã bị xoá): {list}. Hãy đính kèm lại rồi xuất; tệp JSON vẫn xuất được."),
        Lang::En => format!("The package could not be made: these files are no longer kept in this browser (they may have been deleted): {list}. Attach them again, then export; the JSON file can still be exported."),
    }
}

/// An evidence file over the 50 MB limit, said before anything is stored.
pub fn evidence_too_large(name: &str, bytes: f64, lang: Lang) -> String {
    let size = self::bytes(bytes, lang);
    match lang {
        Lang::Vi => format!("{name}: {size}, quá 50 MB cho một tệp. Tệp không được đính kèm."),
        Lang::En => format!("{name}: {size}, over the 50 MB a file may have. It was not attached."),
    }
}

/// The browser refused to keep evidence files (storage full or refused):
/// none of them is kept, nothing else changed.
pub fn evidence_not_kept(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không lưu được tệp vào trình duyệt ({why}). Chưa tệp nào được đính kèm; những gì đã nhập vẫn còn. Bộ nhớ có thể đã đầy: hãy xuất hồ sơ để giữ bản sao."),
        Lang::En => format!("The browser did not keep the files ({why}). None was attached; everything entered is still there. Its storage may be full: export the dossier to keep a copy."),
    }
}

/// The texts of the "kept dossiers" list and of backup and restore.
pub struct KeptTexts {
    pub heading: &'static str,
    pub col_agency: &'static str,
    pub col_ruleset: &'static str,
    pub col_stage: &'static str,
    pub col_at: &'static str,
    pub open: &'static str,
    pub forget: &'static str,
    pub forget_confirm: &'static str,
    pub backup_heading: &'static str,
    pub backup_hint: &'static str,
    pub backup: &'static str,
    pub restore: &'static str,
    pub failed: &'static str,
}

pub fn kept_texts(lang: Lang) -> KeptTexts {
    match lang {
        Lang::Vi => KeptTexts {
            heading: "Hồ sơ đánh giá lưu trong trình duyệt",
            col_agency: "Cơ quan, đơn vị",
            col_ruleset: "Bộ chỉ số",
            col_stage: "Giai đoạn",
            col_at: "Thời điểm",
            open: "Mở",
            forget: "Bỏ khỏi trình duyệt",
            forget_confirm: "Bỏ hồ sơ này khỏi trình duyệt? Tệp hồ sơ đã tải về (nếu có) không bị ảnh hưởng.",
            backup_heading: "Sao lưu / Khôi phục",
            backup_hint: "Một tệp chứa mọi bản nháp và hồ sơ lưu trong trình duyệt này, để chuyển sang máy khác hoặc giữ trước khi xoá dữ liệu trình duyệt. Khôi phục chỉ thêm vào, không ghi đè.",
            backup: "Sao lưu (tải tệp)",
            restore: "Khôi phục từ tệp sao lưu",
            failed: "Không thực hiện được",
        },
        Lang::En => KeptTexts {
            heading: "Dossiers kept in this browser",
            col_agency: "Agency",
            col_ruleset: "Index",
            col_stage: "Stage",
            col_at: "Time",
            open: "Open",
            forget: "Remove from the browser",
            forget_confirm: "Remove this dossier from the browser? A dossier file already downloaded is not affected.",
            backup_heading: "Backup / Restore",
            backup_hint: "One file with every draft and dossier kept in this browser, to move to another computer or to keep before clearing the browser's data. Restoring only adds; nothing is overwritten.",
            backup: "Back up (download a file)",
            restore: "Restore from a backup file",
            failed: "Could not be done",
        },
    }
}

/// What a restore brought.
pub fn restored(drafts: usize, dossiers: usize, unchanged: usize, beside: usize, lang: Lang) -> String {
    let mut s = match lang {
        Lang::Vi => format!("Đã khôi phục {drafts} bản nháp và {dossiers} hồ sơ; {unchanged} mục đã có sẵn, giữ nguyên."),
        Lang::En => format!("Restored {drafts} draft(s) and {dossiers} dossier(s); {unchanged} already here, left as they were."),
    };
    if beside > 0 {
        s.push(' ');
        s.push_str(&match lang {
            Lang::Vi => format!("{beside} bản nháp trùng mã với một bản nháp khác ở đây được thêm bên cạnh, không ghi đè."),
            Lang::En => format!("{beside} draft(s) sharing an id with a different draft here were added beside it, not over it."),
        });
    }
    s
}

/// The backup file's name: "cham-diem-sao-luu-2026-12-03.json".
pub fn backup_file_name(created_at: &str) -> String {
    format!("cham-diem-sao-luu-{}.json", created_at.get(..10).unwrap_or(created_at))
}

/// A not-verified mark of the ruleset's ranking (or of its quota), in the
/// ruleset's list of marks.
pub fn ranking_not_verified(quota: bool, text: &str, lang: Lang) -> String {
    match (lang, quota) {
        (Lang::Vi, false) => format!("Cách xếp hạng: {text}"),
        (Lang::Vi, true) => format!("Hạn mức xếp loại: {text}"),
        (Lang::En, false) => format!("How agencies are ranked: {text}"),
        (Lang::En, true) => format!("The quota of a level: {text}"),
    }
}

/// Bytes as people read them: "1,2 MB", "8,4 GB" (decimal comma in Vietnamese).
/// In whole tenths, formatted as integers: formatting an `f64` would bring
/// Rust's float formatting (~12 KB) into the browser's wasm for one line.
pub fn bytes(n: f64, lang: Lang) -> String {
    let (scale, unit) = if n >= 1e9 { (1e8, "GB") } else if n >= 1e6 { (1e5, "MB") } else { (1e2, "kB") };
    let tenths = (n / scale).round() as u64;
    let sep = if lang == Lang::Vi { ',' } else { '.' };
    format!("{}{sep}{} {unit}", tenths / 10, tenths % 10)
}

/// A draft's evidence files in the drafts table, after its progress: "" when
/// it has none, else " · 3 tệp đính kèm, 2,4 MB".
pub fn draft_files(count: usize, size: f64, lang: Lang) -> String {
    match (count, lang) {
        (0, _) => String::new(),
        (n, Lang::Vi) => format!(" · {n} tệp đính kèm, {}", bytes(size, lang)),
        (1, Lang::En) => format!(" · 1 file attached, {}", bytes(size, lang)),
        (n, Lang::En) => format!(" · {n} files attached, {}", bytes(size, lang)),
    }
}

/// The browser's answer on keeping this site's data, and what it uses: the
/// line under the drafts table.
pub fn storage_usage(persisted: bool, used: f64, quota: f64, lang: Lang) -> String {
    let (u, q) = (bytes(used, lang), bytes(quota, lang));
    match (lang, persisted) {
        (Lang::Vi, true) => format!("Trình duyệt đã nhận giữ dữ liệu của trang này: không tự xoá khi máy thiếu chỗ. Đang dùng {u} trong {q} được phép."),
        (Lang::Vi, false) => format!("Trình duyệt chưa nhận giữ dữ liệu của trang này: khi máy thiếu chỗ, nó có thể xoá bản nháp — hãy xuất tệp để giữ một bản. Đang dùng {u} trong {q} được phép."),
        (Lang::En, true) => format!("The browser has agreed to keep this site's data: it will not clear it when the device runs short of space. Using {u} of the {q} allowed."),
        (Lang::En, false) => format!("The browser has not agreed to keep this site's data: when the device runs short of space it may clear the drafts — export a file to keep a copy. Using {u} of the {q} allowed."),
    }
}


// --- The office page (tong-hop/, src/office.rs). Kept apart from `Texts`, so
// that each page's wasm carries only its own strings. (The scoring page's
// links to the other pages are index.html's markup, in both languages.)

pub struct OfficeTexts {
    pub title: &'static str,
    pub tagline: &'static str,
    pub intro: &'static str,
    pub signer_legend: &'static str,
    pub signer_hint: &'static str,
    pub signer_unit: &'static str,
    pub signer_person: &'static str,
    pub ruleset_heading: &'static str,
    pub ruleset_label: &'static str,
    pub each_file: &'static str,
    pub files_heading: &'static str,
    pub files_hint: &'static str,
    pub files_label: &'static str,
    pub folder_label: &'static str,
    pub reading: &'static str,
    pub clear_files: &'static str,
    pub roster_heading: &'static str,
    pub roster_hint: &'static str,
    pub roster_label: &'static str,
    pub others_heading: &'static str,
    pub others_hint: &'static str,
    pub others_label: &'static str,
    pub paste_label: &'static str,
    pub paste_button: &'static str,
    pub pasted_name: &'static str,
    pub chosen: &'static str,
    pub remove: &'static str,
    pub problems_heading: &'static str,
    pub others_problems_heading: &'static str,
    pub refused_heading: &'static str,
    pub file: &'static str,
    pub reasons: &'static str,
    pub ranked_caption: &'static str,
    pub rank: &'static str,
    pub code: &'static str,
    pub agency: &'static str,
    pub stage_reached: &'static str,
    pub part: &'static str,
    pub points: &'static str,
    pub percent: &'static str,
    pub note: &'static str,
    pub dossier: &'static str,
    pub download_dossier: &'static str,
    pub counts_caption: &'static str,
    pub level: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub losses_caption: &'static str,
    pub criterion_losses_caption: &'static str,
    pub criterion: &'static str,
    pub lost_agencies: &'static str,
    pub points_lost: &'static str,
    pub download_xlsx: &'static str,
    pub download_dossiers: &'static str,
    pub dossiers_file: &'static str,
    pub download_csv: &'static str,
    pub print: &'static str,
    pub print_title: &'static str,
    pub print_date: &'static str,
    pub csv_file: &'static str,
    pub xlsx_file: &'static str,
    /// Said at the page's foot when the level names are not the rulesets'
    /// own words (empty in Vietnamese: they are).
    pub levels_translated: &'static str,
    pub bundled_roster: &'static str,
    pub bundled_roster_hint: &'static str,
    pub works_heading: &'static str,
    pub works_hint: &'static str,
    pub work_select: &'static str,
    pub work_title: &'static str,
    pub new_work: &'static str,
    pub delete_work: &'static str,
    pub delete_work_confirm: &'static str,
    pub save_work: &'static str,
    pub open_work: &'static str,
    pub previous_heading: &'static str,
    pub previous_hint: &'static str,
    pub previous_label: &'static str,
    pub previous_rank: &'static str,
    pub previous_percent: &'static str,
    pub change: &'static str,
    pub previous_problems: &'static str,
    pub back: &'static str,
}

const OFFICE_VI: OfficeTexts = OfficeTexts {
    title: "Tổng hợp, xếp hạng",
    tagline: "Dành cho cơ quan chủ trì việc đánh giá (ở Đắk Lắk: Sở Nội vụ)",
    intro: "Mở tệp hồ sơ của các cơ quan, đơn vị: trang kiểm tra từng tệp (chuỗi mã băm, tính lại kết quả), đối chiếu với \
            danh sách cơ quan, cộng phần điểm do cơ quan khác chấm, xếp hạng từng nhóm theo quyết định ban hành Bộ Chỉ số \
            (từ cao xuống thấp, trên số chính xác; bằng điểm thì xét điểm các nội dung bộ chỉ số nêu; hạn mức xếp loại) và lập \
            bảng kết quả. Trang tĩnh: không máy chủ, không tài khoản; tệp mở ra không rời khỏi trình duyệt.",
    signer_legend: "Người tổng hợp",
    signer_hint: "Ghi vào bước tổng hợp (tong_hop) của hồ sơ từng cơ quan; trình duyệt này nhớ cho lần sau.",
    signer_unit: "Cơ quan, đơn vị",
    signer_person: "Họ và tên",
    ruleset_heading: "Bộ chỉ số",
    ruleset_label: "Tổng hợp theo bộ chỉ số",
    each_file: "Theo bộ chỉ số của từng tệp (mỗi bộ một nhóm)",
    files_heading: "Hồ sơ của các cơ quan, đơn vị",
    files_hint: "Tệp hồ sơ (.json) hoặc tệp nộp phiên bản 1; chọn nhiều tệp, cả một thư mục (chỉ lấy tệp .json), hoặc kéo thả. \
                 Tệp của bộ chỉ số khác, tệp trùng cơ quan (lấy tệp mới hơn), tệp không đọc được: liệt kê riêng kèm lý do.",
    files_label: "Chọn tệp hồ sơ (.json)",
    folder_label: "Chọn cả thư mục",
    reading: "Đang đọc và kiểm tra tệp",
    clear_files: "Bỏ mọi tệp đã chọn",
    roster_heading: "Danh sách cơ quan, đơn vị (CSV, Excel)",
    roster_hint: "Cột code (mã), agency (tên cơ quan), group (nhóm); tệp Excel (.xlsx, đọc trang đầu tiên) hoặc CSV UTF-8, dấu phẩy hoặc chấm phẩy. Tệp được đối chiếu theo mã, \
                  nếu không có mã thì theo đúng tên; tên gần giống chỉ được gợi ý, không tự ghép. Cơ quan chưa nộp được liệt kê.",
    roster_label: "Chọn danh sách (.xlsx, .csv)",
    others_heading: "Điểm do cơ quan khác chấm (CSV, Excel)",
    others_hint: "Cột code (mã) hoặc agency (tên), rồi một cột cho mỗi phần do cơ quan khác chấm, tiêu đề là mã của phần \
                  (ví dụ 3, 4), ở trang đầu tiên của tệp Excel hoặc trong tệp CSV; số thập phân viết 4,5 hay 4.5 đều được. Ước tính của cơ quan không bao giờ được dùng làm kết quả.",
    others_label: "Chọn bảng điểm (.xlsx, .csv)",
    paste_label: "Hoặc dán từ bảng tính (chép các ô, cả dòng tiêu đề)",
    paste_button: "Dùng bảng đã dán",
    pasted_name: "bảng điểm đã dán",
    chosen: "Đã chọn",
    remove: "Bỏ",
    problems_heading: "Vấn đề trong danh sách và bảng điểm",
    others_problems_heading: "Vấn đề khi áp dụng bảng điểm",
    refused_heading: "Tệp không dùng được",
    file: "Tệp",
    reasons: "Lý do",
    ranked_caption: "Bảng xếp hạng",
    rank: "Hạng",
    code: "Mã",
    agency: "Cơ quan, đơn vị",
    stage_reached: "Bước đã qua",
    part: "Nội dung",
    points: "Tổng điểm",
    percent: "Tỷ lệ",
    note: "Ghi chú",
    dossier: "Hồ sơ",
    download_dossier: "Tải hồ sơ",
    counts_caption: "Số lượng theo mức xếp loại",
    level: "Mức",
    count: "Số lượng",
    share: "Tỷ lệ",
    losses_caption: "Nội dung bị trừ điểm, nhiều cơ quan nhất trước",
    criterion_losses_caption: "Tiêu chí bị trừ điểm, nhiều cơ quan nhất trước",
    criterion: "Tiêu chí",
    lost_agencies: "Số cơ quan bị trừ điểm",
    points_lost: "Tổng số điểm bị trừ",
    download_xlsx: "Tải kết quả (Excel)",
    download_dossiers: "Tải mọi hồ sơ đã tổng hợp (.zip)",
    dossiers_file: "ho-so-da-tong-hop.zip",
    download_csv: "Tải bảng xếp hạng (CSV)",
    print: "In bảng xếp hạng (A4 ngang)",
    print_title: "KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG THEO BỘ CHỈ SỐ",
    print_date: "Lập ngày",
    csv_file: "xep-hang.csv",
    xlsx_file: "ket-qua-xep-hang.xlsx",
    levels_translated: "",
    bundled_roster: "Dùng danh sách có sẵn của bộ chỉ số đã chọn",
    bundled_roster_hint: "Tên chép từ phụ lục của quyết định ban hành bộ chỉ số; mã do ứng dụng đặt (theo mục và số thứ tự của phụ lục), không phải mã chính thức.",
    works_heading: "Đợt tổng hợp",
    works_hint: "Mỗi đợt (ví dụ một năm, một nhóm) giữ riêng tệp, danh sách và bảng điểm của mình trong trình duyệt này. \
                 Tệp tổng hợp (.json) chứa nguyên vẹn mọi tệp đã dùng, kèm mã SHA-256, và bảng kết quả: để lưu trữ, \
                 chuyển cho đồng nghiệp, hoặc mở năm sau để so sánh.",
    work_select: "Đợt đang mở",
    work_title: "Tên đợt",
    new_work: "Thêm đợt mới",
    delete_work: "Xóa đợt này khỏi trình duyệt",
    delete_work_confirm: "Xóa đợt tổng hợp này khỏi trình duyệt? Các đợt khác không bị ảnh hưởng. Nên tải tệp tổng hợp trước.",
    save_work: "Tải tệp tổng hợp (.json)",
    open_work: "Mở tệp tổng hợp (.json)",
    previous_heading: "So sánh với năm trước",
    previous_hint: "Chọn tệp tổng hợp của năm trước: bảng xếp hạng có thêm hạng, tỷ lệ năm trước và mức thay đổi (điểm phần trăm). \
                    Cơ quan được đối chiếu theo mã, nếu không có mã thì theo đúng tên.",
    previous_label: "Tệp tổng hợp năm trước (.json)",
    previous_rank: "Hạng năm trước",
    previous_percent: "Tỷ lệ năm trước",
    change: "Thay đổi",
    previous_problems: "Không đọc được tệp tổng hợp năm trước",
    back: "Về trang chấm điểm",
};

const OFFICE_EN: OfficeTexts = OfficeTexts {
    title: "Consolidation and ranking",
    tagline: "For the agency that leads the assessment (in Đắk Lắk: the Department of Home Affairs)",
    intro: "Open the agencies' dossier files: the page checks each (hash chain, recomputed results), matches it to the roster, \
            adds the parts scored by others, ranks each group by the rules of the decision that issued the index (highest \
            first, on exact values; ties broken by the contents the ruleset names; the quota of a level) and draws up the \
            table of results. A static page: no server, no account; the files opened never leave the browser.",
    signer_legend: "Who consolidates",
    signer_hint: "Written into the consolidation stage (tong_hop) of each agency's dossier; this browser remembers it.",
    signer_unit: "Agency or unit",
    signer_person: "Full name",
    ruleset_heading: "Index",
    ruleset_label: "Consolidate on the index",
    each_file: "Each file's own index (one group per index)",
    files_heading: "The agencies' dossiers",
    files_hint: "Dossier files (.json) or version 1 submissions; several files, a whole folder (its .json files only), or \
                 dropped. Files of another index, two files of one agency (the newer is used), unreadable files: listed \
                 apart with the reason.",
    files_label: "Choose dossier files (.json)",
    folder_label: "Choose a whole folder",
    reading: "Reading and checking files",
    clear_files: "Remove every file chosen",
    roster_heading: "Roster of agencies (CSV, Excel)",
    roster_hint: "Columns code, agency, group; an Excel file (.xlsx, its first sheet is read) or CSV in UTF-8, comma or semicolon. Files are matched by code, else by the exact name; \
                  close names are proposed, never matched. Agencies that have not submitted are listed.",
    roster_label: "Choose the roster (.xlsx, .csv)",
    others_heading: "Scores given by others (CSV, Excel)",
    others_hint: "A column code or agency, then one column per part scored by others, headed by the part's key (e.g. 3, 4), on the first sheet of an Excel file or in a CSV file; \
                  decimals as 4,5 or 4.5. An agency's own estimate is never used as a result.",
    others_label: "Choose the scores (.xlsx, .csv)",
    paste_label: "Or paste from a spreadsheet (copy the cells, the header row too)",
    paste_button: "Use the pasted table",
    pasted_name: "pasted scores",
    chosen: "Chosen",
    remove: "Remove",
    problems_heading: "Problems in the roster and the scores",
    others_problems_heading: "Problems applying the scores",
    refused_heading: "Files not used",
    file: "File",
    reasons: "Reasons",
    ranked_caption: "Ranked table",
    rank: "Rank",
    code: "Code",
    agency: "Agency",
    stage_reached: "Stage reached",
    part: "Content",
    points: "Points",
    percent: "Percentage",
    note: "Note",
    dossier: "Dossier",
    download_dossier: "Download the dossier",
    counts_caption: "Agencies per level",
    level: "Level",
    count: "Count",
    share: "Share",
    losses_caption: "Contents where points were lost, most agencies first",
    criterion_losses_caption: "Criteria where points were lost, most agencies first",
    criterion: "Criterion",
    lost_agencies: "Agencies that lost points",
    points_lost: "Points lost in all",
    download_xlsx: "Download the results (Excel)",
    download_dossiers: "Download every consolidated dossier (.zip)",
    dossiers_file: "consolidated-dossiers.zip",
    download_csv: "Download the ranked table (CSV)",
    print: "Print the ranked table (A4 landscape)",
    print_title: "RESULTS OF THE ASSESSMENT AND RANKING BY THE INDEX",
    print_date: "Drawn up on",
    csv_file: "ranking.csv",
    xlsx_file: "ranking-results.xlsx",
    levels_translated: "The indexes name their levels in Vietnamese only: the English names shown are this app's translation, not an official one.",
    bundled_roster: "Use the roster that comes with the chosen index",
    bundled_roster_hint: "Names copied from the annex of the decision that issues the index; the codes are the app's own (the annex's section and row), not official codes.",
    works_heading: "Consolidations",
    works_hint: "Each consolidation (a year, a group) keeps its own files, roster and scores in this browser. \
                 The consolidation file (.json) holds every file used, unchanged, with its SHA-256, and the table of \
                 results: to archive, to hand to a colleague, or to open next year to compare.",
    work_select: "Consolidation open",
    work_title: "Name of the consolidation",
    new_work: "New consolidation",
    delete_work: "Remove this consolidation from the browser",
    delete_work_confirm: "Remove this consolidation from the browser? The others are not touched. Download its file first.",
    save_work: "Download the consolidation file (.json)",
    open_work: "Open a consolidation file (.json)",
    previous_heading: "Compared with last year",
    previous_hint: "Choose last year's consolidation file: the ranked table gains last year's rank and percentage and the \
                    change (percentage points). Agencies are matched by code, else by the exact name.",
    previous_label: "Last year's consolidation file (.json)",
    previous_rank: "Last year's rank",
    previous_percent: "Last year's percentage",
    change: "Change",
    previous_problems: "Last year's consolidation file cannot be read",
    back: "Back to the scoring page",
};

/// A file the office page kept that the browser no longer has.
pub fn office_file_gone(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{name} — tệp đã chọn lần trước không còn trong trình duyệt: chọn lại tệp này."),
        Lang::En => format!("{name} — a file chosen last time is no longer in the browser: choose it again."),
    }
}

/// A new consolidation's name.
pub fn office_work_title(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đợt tổng hợp {n}"),
        Lang::En => format!("Consolidation {n}"),
    }
}

/// A change of percentage, signed: "+2,50", "−1,25", "0,00".
pub fn signed_change(d: Decimal, lang: Lang) -> String {
    let shown = format_fixed2(d.abs(), lang);
    if d > Decimal::ZERO {
        format!("+{shown}")
    } else if d < Decimal::ZERO {
        format!("−{shown}")
    } else {
        shown
    }
}

/// "18 tệp đã chọn".
/// The progress of the files being read and verified: "Đang kiểm tra 12/250".
pub fn office_checking(done: u32, total: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đang kiểm tra {done}/{total}"),
        Lang::En => format!("Checking {done}/{total}"),
    }
}

pub fn office_files_given(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} tệp đã chọn."),
        Lang::En => format!("{n} files chosen."),
    }
}

pub fn office(lang: Lang) -> &'static OfficeTexts {
    match lang {
        Lang::Vi => &OFFICE_VI,
        Lang::En => &OFFICE_EN,
    }
}

// --- The appraisal page (tham-dinh/, src/appraise.rs), apart like the office
// page's, so that only that page's wasm carries them.

pub struct AppraiseTexts {
    pub title: &'static str,
    pub tagline: &'static str,
    pub intro: &'static str,
    pub signer_legend: &'static str,
    pub signer_hint: &'static str,
    pub signer_unit: &'static str,
    pub signer_person: &'static str,
    pub signer_missing: &'static str,
    pub open_heading: &'static str,
    pub open_hint: &'static str,
    pub open_label: &'static str,
    pub open_file: &'static str,
    pub attach: &'static str,
    pub detach: &'static str,
    pub drop_hint: &'static str,
    pub reading: &'static str,
    pub one_at_a_time: &'static str,
    pub dossier_gone: &'static str,
    pub works_heading: &'static str,
    pub kept_heading: &'static str,
    pub open: &'static str,
    pub agency: &'static str,
    pub ruleset: &'static str,
    pub stage: &'static str,
    pub updated: &'static str,
    pub actions: &'static str,
    pub resume: &'static str,
    pub discard: &'static str,
    pub merge_heading: &'static str,
    pub merge_parts: &'static str,
    pub merge_button: &'static str,
    pub appraiser: &'static str,
    pub areas: &'static str,
    pub areas_only: &'static str,
    pub file: &'static str,
    pub item: &'static str,
    pub condition: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub unanswered: &'static str,
    pub dossier: &'static str,
    pub year: &'static str,
    pub read_only: &'static str,
    pub close: &'static str,
    pub stages_caption: &'static str,
    pub by: &'static str,
    pub at: &'static str,
    pub points: &'static str,
    pub percent: &'static str,
    pub hash: &'static str,
    pub needs_merge: &'static str,
    pub to_office: &'static str,
    pub done: &'static str,
    pub scope_legend: &'static str,
    pub scope_hint: &'static str,
    pub accept_all: &'static str,
    pub accept: &'static str,
    pub export_hint: &'static str,
    pub results_caption: &'static str,
    pub self_assessed: &'static str,
    pub last_appraisal: &'static str,
    pub difference: &'static str,
    pub todo_heading: &'static str,
    pub todo_none: &'static str,
    pub max: &'static str,
    pub history: &'static str,
    pub others_part: &'static str,
    pub score_1: &'static str,
    pub score_2: &'static str,
    pub reason: &'static str,
    pub appraised: &'static str,
    pub not_appraised: &'static str,
    pub unchanged: &'static str,
    pub not_applicable: &'static str,
    pub agree: &'static str,
    pub agreed: &'static str,
    pub explanation: &'static str,
    pub evidence: &'static str,
    pub new_evidence: &'static str,
    pub ev_number: &'static str,
    pub ev_date: &'static str,
    pub ev_summary: &'static str,
    pub conditions_heading: &'static str,
    pub show_sheet: &'static str,
    pub hide_sheet: &'static str,
    pub print: &'static str,
    pub sheet_title: &'static str,
    pub sheet_hashes: &'static str,
    pub sheet_chair: &'static str,
    pub back: &'static str,
}

const APPRAISE_VI: AppraiseTexts = AppraiseTexts {
    title: "Thẩm định, giải trình",
    tagline: "Hội đồng thẩm định chấm lại từng điểm tự chấm; cơ quan được thẩm định giải trình",
    intro: "Mỗi bước là một tệp hồ sơ: hội đồng mở tệp cơ quan gửi, thẩm định lần 1 và tải hồ sơ về gửi lại; cơ quan mở \
            tệp đó, giải trình và gửi lại; hội đồng thẩm định lần 2. Mỗi bước được niêm phong bằng mã băm nối tiếp bước \
            trước: ai giữ tệp cũng kiểm tra được. Không máy chủ, không tài khoản; tệp mở ra không rời khỏi trình duyệt.",
    signer_legend: "Người thực hiện",
    signer_hint: "Ghi vào bước thẩm định hoặc giải trình khi xuất hồ sơ; trình duyệt này nhớ cho lần sau.",
    signer_unit: "Cơ quan, đơn vị",
    signer_person: "Họ và tên",
    signer_missing: "Chưa ghi cơ quan, đơn vị và họ tên người thực hiện (mục “Người thực hiện” ở đầu trang): hồ sơ chưa được xuất.",
    open_heading: "Mở hồ sơ",
    open_hint: "Tệp hồ sơ (.json) do cơ quan xuất từ trang chấm điểm, gói hồ sơ kèm tệp kiểm chứng (.zip), hoặc tệp nộp phiên bản 1. \
                Chọn nhiều tệp cùng lúc để gộp phần thẩm định của các thành viên hội đồng.",
    open_label: "Chọn tệp hồ sơ (.json)",
    drop_hint: "Có thể kéo thả tệp vào đây.",
    reading: "Đang đọc và kiểm tra tệp…",
    open_file: "Mở tệp",
    attach: "Đính kèm tệp",
    detach: "Gỡ tệp",
    one_at_a_time: "Đã chọn nhiều hồ sơ không phải phần thẩm định: chỉ mở hồ sơ thứ nhất; mở từng hồ sơ một.",
    dossier_gone: "Không còn bản hồ sơ trong trình duyệt này: mở lại tệp hồ sơ để tiếp tục (phần đang soạn vẫn được giữ).",
    works_heading: "Đang soạn trong trình duyệt này",
    kept_heading: "Hồ sơ đã mở trong trình duyệt này",
    open: "Mở",
    agency: "Cơ quan, đơn vị",
    ruleset: "Bộ chỉ số",
    stage: "Bước",
    updated: "Sửa lần cuối",
    actions: "Thao tác",
    resume: "Tiếp tục",
    discard: "Bỏ phần đang soạn",
    merge_heading: "Gộp phần thẩm định",
    merge_parts: "Các phần đã mở",
    merge_button: "Gộp và tải hồ sơ",
    appraiser: "Người thẩm định",
    areas: "Nội dung",
    areas_only: "chỉ nội dung",
    file: "Tệp",
    item: "Mục",
    condition: "Điều kiện",
    yes: "Có",
    no: "Không",
    unanswered: "Chưa trả lời",
    dossier: "Hồ sơ",
    year: "năm",
    read_only: "Hồ sơ chỉ mở để xem, không thực hiện được bước tiếp theo:",
    close: "Đóng hồ sơ",
    stages_caption: "Các bước đã qua",
    by: "Người thực hiện",
    at: "Thời gian",
    points: "Điểm",
    percent: "Tỷ lệ",
    hash: "Mã băm (rút gọn)",
    needs_merge: "Bước cuối là phần thẩm định của một thành viên: mở cùng lúc các phần của mọi thành viên để gộp thành một bước.",
    to_office: "Đã thẩm định lần 2: kết quả thẩm định là cuối cùng. Bước sau là tổng hợp, xếp hạng của cơ quan chủ trì.",
    done: "Hồ sơ đã được tổng hợp: không còn bước nào để thực hiện.",
    scope_legend: "Phạm vi thẩm định",
    scope_hint: "Để trống: thẩm định mọi nội dung. Chọn một số nội dung khi nhiều thành viên hội đồng chia nhau thẩm định; \
                 tổ giúp việc gộp các phần lại.",
    accept_all: "Đồng ý mọi mục chưa thẩm định",
    accept: "Đồng ý",
    export_hint: "Xuất hồ sơ niêm phong bước này và tải tệp về để gửi đi; phần đang soạn được lưu trong trình duyệt đến lúc đó.",
    results_caption: "Kết quả: tự chấm và thẩm định",
    self_assessed: "Tự chấm",
    last_appraisal: "Điểm đang xét",
    difference: "Chênh lệch",
    todo_heading: "Việc còn lại",
    todo_none: "Không còn việc nào: có thể xuất hồ sơ.",
    max: "tối đa",
    history: "Lịch sử",
    others_part: "Phần do cơ quan khác chấm (khảo sát, lãnh đạo): không thẩm định ở đây; kết quả đang dùng ước tính của cơ quan.",
    score_1: "Điểm thẩm định lần 1",
    score_2: "Điểm thẩm định lần 2",
    reason: "Lý do",
    appraised: "Đã thẩm định",
    not_appraised: "Chưa thẩm định",
    unchanged: "Giữ điểm thẩm định lần 1",
    not_applicable: "Không áp dụng",
    agree: "Đồng ý với kết quả thẩm định",
    agreed: "đồng ý",
    explanation: "Giải trình",
    evidence: "tài liệu",
    new_evidence: "Tài liệu bổ sung",
    ev_number: "Số hiệu",
    ev_date: "Ngày (dd/mm/yyyy)",
    ev_summary: "Trích yếu",
    conditions_heading: "Điều kiện",
    show_sheet: "Xem biểu in các bước",
    hide_sheet: "Đóng biểu in",
    print: "In biểu",
    sheet_title: "BIỂU TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM VÀ THẨM ĐỊNH",
    sheet_hashes: "Mã băm của từng bước (12 ký tự đầu; tệp hồ sơ khớp với biểu này khi mã băm trùng, kiểm tra bằng chamdiem verify):",
    sheet_chair: "CHỦ TỊCH HỘI ĐỒNG THẨM ĐỊNH",
    back: "Về trang chấm điểm",
};

const APPRAISE_EN: AppraiseTexts = AppraiseTexts {
    title: "Appraisal and response",
    tagline: "The appraisal council reviews each self-score; the agency appraised answers",
    intro: "Each step is a dossier file: the council opens the file an agency sent, appraises it (round 1) and downloads the \
            dossier to send back; the agency opens it, answers and sends it back; the council appraises again (round 2). \
            Each step is sealed by a hash chained to the step before: anyone holding the file can check it. No server, no \
            account; the files opened never leave the browser.",
    signer_legend: "Who is signing",
    signer_hint: "Written into the appraisal or the response when the dossier is exported; this browser remembers it.",
    signer_unit: "Agency or unit",
    signer_person: "Full name",
    signer_missing: "The unit and the name of the person signing are not filled in (“Who is signing”, at the top): the dossier was not exported.",
    open_heading: "Open a dossier",
    open_hint: "A dossier file (.json) exported by an agency from the scoring page, a package with its evidence files (.zip), or a \
                version 1 submission. Choose several files at once to merge the parts appraised by council members.",
    open_label: "Choose dossier files (.json)",
    drop_hint: "Files can also be dropped here.",
    reading: "Reading and checking the files…",
    open_file: "Open file",
    attach: "Attach files",
    detach: "Remove file",
    one_at_a_time: "Several dossiers that are not appraisal parts were chosen: only the first is open; open one dossier at a time.",
    dossier_gone: "This browser no longer holds the dossier: open its file again to continue (the stage being written is kept).",
    works_heading: "Being written in this browser",
    kept_heading: "Dossiers opened in this browser",
    open: "Open",
    agency: "Agency",
    ruleset: "Index",
    stage: "Stage",
    updated: "Last changed",
    actions: "Actions",
    resume: "Continue",
    discard: "Discard the stage being written",
    merge_heading: "Merge appraisal parts",
    merge_parts: "Parts opened",
    merge_button: "Merge and download the dossier",
    appraiser: "Appraiser",
    areas: "Areas",
    areas_only: "areas",
    file: "File",
    item: "Item",
    condition: "Condition",
    yes: "Yes",
    no: "No",
    unanswered: "Not answered",
    dossier: "Dossier",
    year: "year",
    read_only: "The dossier opens to read only; no next step can be taken on it:",
    close: "Close the dossier",
    stages_caption: "Stages so far",
    by: "By",
    at: "When",
    points: "Points",
    percent: "Percentage",
    hash: "Hash (short)",
    needs_merge: "The last stage is one council member's part: open every member's part together to merge them into one stage.",
    to_office: "Appraised twice: the appraisal is final. Next comes the lead agency's consolidation and ranking.",
    done: "The dossier is consolidated: no step is left to take.",
    scope_legend: "Scope of this appraisal",
    scope_hint: "Leave empty to appraise every area. Choose some areas when council members share the work; the working group \
                 merges the parts.",
    accept_all: "Accept every item not yet appraised",
    accept: "Accept",
    export_hint: "Exporting seals this stage and downloads the file to send; until then the stage is kept in this browser.",
    results_caption: "Results: self-assessed and appraised",
    self_assessed: "Self-assessed",
    last_appraisal: "Score under review",
    difference: "Difference",
    todo_heading: "Still to do",
    todo_none: "Nothing left: the dossier can be exported.",
    max: "max",
    history: "History",
    others_part: "Scored by others (surveys, leaders): not appraised here; the results use the agency's estimate.",
    score_1: "Appraisal 1 score",
    score_2: "Appraisal 2 score",
    reason: "Reason",
    appraised: "Appraised",
    not_appraised: "Not appraised yet",
    unchanged: "Keeps the round 1 score",
    not_applicable: "Not applicable",
    agree: "Agree with the appraisal",
    agreed: "agreed",
    explanation: "Explanation",
    evidence: "document",
    new_evidence: "Additional document",
    ev_number: "Number",
    ev_date: "Date (dd/mm/yyyy)",
    ev_summary: "Summary",
    conditions_heading: "Conditions",
    show_sheet: "Show the printed sheet of the stages",
    hide_sheet: "Close the printed sheet",
    print: "Print the sheet",
    sheet_title: "SELF-ASSESSMENT AND APPRAISAL SCORE SHEET",
    sheet_hashes: "Hash of each stage (first 12 characters; the dossier file matches this sheet when they agree, checked by chamdiem verify):",
    sheet_chair: "CHAIR OF THE APPRAISAL COUNCIL",
    back: "Back to the scoring page",
};

pub fn appraise_texts(lang: Lang) -> &'static AppraiseTexts {
    match lang {
        Lang::Vi => &APPRAISE_VI,
        Lang::En => &APPRAISE_EN,
    }
}

/// The button that begins a stage ("Bắt đầu thẩm định lần 1").
pub fn appraise_begin(kind: StageKind, lang: Lang) -> String {
    let name = chamdiem_core::text::stage_name(kind, lang);
    match lang {
        Lang::Vi => format!("Bắt đầu {name}"),
        Lang::En => format!("Begin {name}"),
    }
}

/// What an opened dossier waits for.
pub fn appraise_waits_for(kind: StageKind, lang: Lang) -> String {
    let name = chamdiem_core::text::stage_name(kind, lang);
    match lang {
        Lang::Vi => format!("Hồ sơ đang chờ bước “{name}”."),
        Lang::En => format!("The dossier waits for “{name}”."),
    }
}

/// The heading of the stage being written.
pub fn appraise_writing(kind: StageKind, lang: Lang) -> String {
    let name = chamdiem_core::text::stage_name(kind, lang);
    match lang {
        Lang::Vi => format!("Đang soạn: {name}"),
        Lang::En => format!("Writing: {name}"),
    }
}

/// The export button.
pub fn appraise_export(kind: StageKind, lang: Lang) -> String {
    let name = chamdiem_core::text::stage_name(kind, lang);
    match lang {
        Lang::Vi => format!("Xuất hồ sơ ({name})"),
        Lang::En => format!("Export the dossier ({name})"),
    }
}

pub fn appraise_downloaded(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã tải xuống “{file}”. Gửi tệp này cho bước sau."),
        Lang::En => format!("Downloaded “{file}”. Send this file on to the next step."),
    }
}

pub fn appraise_discard_confirm(agency: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bỏ phần đang soạn cho “{agency}”? Không khôi phục được."),
        Lang::En => format!("Discard the stage being written for “{agency}”? It cannot be recovered."),
    }
}

pub fn appraise_merge_intro(agency: &str, parts: usize, lang: Lang) -> String {
    match (parts, lang) {
        (1, Lang::Vi) => format!("Một phần thẩm định hồ sơ của “{agency}” đã mở: mở thêm phần của các thành viên khác để gộp."),
        (1, Lang::En) => format!("One appraisal part of “{agency}”'s dossier is open: open the other members' parts to merge them."),
        (n, Lang::Vi) => format!("{n} phần thẩm định hồ sơ của “{agency}”. Mục được thẩm định khác nhau ở hai phần phải được chọn trước khi gộp."),
        (n, Lang::En) => format!("{n} appraisal parts of “{agency}”'s dossier. An item appraised differently in two parts must be chosen before merging."),
    }
}

/// The response: how many self-scored items the appraisal left as they were.
pub fn appraise_unchanged(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} mục khác giữ nguyên điểm tự chấm: không cần giải trình. Dưới đây là các mục có điểm thay đổi."),
        Lang::En => format!("{n} other items keep their self-score: no answer needed. Below are the items whose points changed."),
    }
}

/// Parts still counted at the agency's estimate.
pub fn appraise_provisional(keys: &[String], lang: Lang) -> String {
    let keys = keys.join(", ");
    match lang {
        Lang::Vi => format!("Tạm tính: phần do cơ quan khác chấm ({keys}) còn theo ước tính của cơ quan, đến khi cơ quan chủ trì nhập điểm."),
        Lang::En => format!("Provisional: the parts scored by others ({keys}) are at the agency's estimate until the lead agency enters them."),
    }
}

/// One line of "Việc còn lại".
pub fn appraise_todo(t: &chamdiem_core::record::Todo, code: &str, lang: Lang) -> String {
    use chamdiem_core::record::Todo::*;
    let vi = lang == Lang::Vi;
    match t {
        NotAppraised(_) => if vi { format!("{code}: chưa thẩm định") } else { format!("{code}: not appraised yet") },
        Invalid(_) => if vi { format!("{code}: điểm thẩm định không hợp lệ") } else { format!("{code}: the appraised score is not valid") },
        ReasonMissing(_) => if vi { format!("{code}: thiếu lý do") } else { format!("{code}: no reason given") },
        Unanswered { lowered: true, .. } => if vi { format!("{code}: bị hạ điểm — đồng ý hoặc giải trình") } else { format!("{code}: points lowered — agree or explain") },
        Unanswered { lowered: false, .. } => if vi { format!("{code}: điểm thay đổi — đồng ý hoặc giải trình") } else { format!("{code}: points changed — agree or explain") },
    }
}

// ───────────────────────────── the office page: "Soạn bộ chỉ số" ─────────────────────────────

/// The words of the office page's authoring section (src/office/author.rs).
pub struct AuthorTexts {
    pub heading: &'static str,
    pub hint: &'static str,
    pub book_label: &'static str,
    pub tree_label: &'static str,
    pub chosen: &'static str,
    pub remove: &'static str,
    pub template: &'static str,
    pub preview_heading: &'static str,
    pub preview_caption: &'static str,
    pub row_has_problem: &'static str,
    pub col_row: &'static str,
    pub col_code: &'static str,
    pub col_title: &'static str,
    pub col_max: &'static str,
    pub col_rule: &'static str,
    pub download_json: &'static str,
    pub download_index: &'static str,
    pub index_line: &'static str,
    pub try_heading: &'static str,
    pub try_hint: &'static str,
}

static AUTHOR_VI: AuthorTexts = AuthorTexts {
    heading: "Soạn bộ chỉ số",
    hint: "Mở (hoặc kéo thả vào đây) bảng tính Excel soạn theo mẫu (hướng dẫn: docs/soan-bo-chi-so.md). Trang liệt kê mọi lỗi cùng lúc, mỗi lỗi dẫn tới dòng của nó; khi đọc được, biểu mẫu chấm điểm hiện ngay để thử và có thể tải bộ chỉ số (JSON).",
    book_label: "Bảng tính bộ chỉ số (.xlsx)",
    tree_label: "Trang Tiêu chí từ tệp CSV (không bắt buộc)",
    chosen: "Đã chọn",
    remove: "Bỏ tệp",
    template: "Tải mẫu Excel",
    preview_heading: "Các dòng của trang Tiêu chí",
    preview_caption: "Trang Tiêu chí như đã đọc",
    row_has_problem: "Dòng có lỗi:",
    col_row: "Dòng",
    col_code: "Mã",
    col_title: "Tên",
    col_max: "Điểm tối đa",
    col_rule: "Cách chấm",
    download_json: "Tải bộ chỉ số (JSON)",
    download_index: "Tải dòng index.json",
    index_line: "Dòng của bộ chỉ số trong rulesets/index.json:",
    try_heading: "Chấm thử",
    try_hint: "Đây là biểu mẫu của trang chấm điểm. Điểm nhập ở đây chỉ để thử: không được lưu thành bản nháp.",
};

static AUTHOR_EN: AuthorTexts = AuthorTexts {
    heading: "Write an index",
    hint: "Open (or drop here) an Excel workbook written on the template (guide: docs/soan-bo-chi-so.md). Every problem is listed at once, each linked to its row; once the book reads, the scoring form shows to try it out, and the index (JSON) can be downloaded.",
    book_label: "The index's workbook (.xlsx)",
    tree_label: "The criteria sheet from a CSV file (optional)",
    chosen: "Chosen",
    remove: "Remove file",
    template: "Download the Excel template",
    preview_heading: "The rows of the criteria sheet",
    preview_caption: "The criteria sheet as read",
    row_has_problem: "Row with a problem:",
    col_row: "Row",
    col_code: "Code",
    col_title: "Title",
    col_max: "Maximum",
    col_rule: "Scoring rule",
    download_json: "Download the index (JSON)",
    download_index: "Download its index.json line",
    index_line: "The index's line in rulesets/index.json:",
    try_heading: "Try it out",
    try_hint: "This is the scoring page's form. Scores typed here are only a try-out: they are not saved as a draft.",
};

pub fn author(lang: Lang) -> &'static AuthorTexts {
    match lang {
        Lang::Vi => &AUTHOR_VI,
        Lang::En => &AUTHOR_EN,
    }
}

/// The heading of a book's problems, with their number.
pub fn author_problems(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bảng tính có {n} lỗi"),
        Lang::En if n == 1 => "1 problem in the workbook".to_string(),
        Lang::En => format!("{n} problems in the workbook"),
    }
}

/// A book read: the index's title and how many items it has.
pub fn author_read(title: &str, items: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đọc được bộ chỉ số \"{title}\": {items} mục chấm điểm, không có lỗi."),
        Lang::En => format!("The index \"{title}\" reads: {items} items to score, no problems."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_with_the_languages_decimal_mark() {
        assert_eq!(bytes(1_234_567.0, Lang::Vi), "1,2 MB");
        assert_eq!(bytes(8_400_000_000.0, Lang::En), "8.4 GB");
        assert_eq!(bytes(950.0, Lang::Vi), "1,0 kB");
        assert_eq!(bytes(0.0, Lang::Vi), "0,0 kB");
    }

    #[test]
    fn a_drafts_files_are_said_only_when_it_has_some() {
        assert_eq!(draft_files(0, 0.0, Lang::Vi), "");
        assert_eq!(draft_files(3, 2_400_000.0, Lang::Vi), " · 3 tệp đính kèm, 2,4 MB");
        assert_eq!(draft_files(1, 800.0, Lang::En), " · 1 file attached, 0.8 kB");
    }

    #[test]
    fn a_ruleset_edited_under_the_same_version_is_told_by_its_hash() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        assert_eq!(
            ruleset_changed(("2025.1", &a), ("2025.1", &b), Lang::Vi),
            "Bộ chỉ số đã thay đổi kể từ khi lưu bản nháp (phiên bản 2025.1, tệp đã sửa: SHA-256 aaaaaaaaaaaa → bbbbbbbbbbbb). Các giá trị của mục còn tồn tại được giữ nguyên."
        );
        assert!(ruleset_changed(("2024.2", &a), ("2025.1", &b), Lang::En).contains("(version 2024.2 → 2025.1)"));
    }
}
