//! A ruleset as a workbook (issue 16): every bundled ruleset goes JSON →
//! XLSX → JSON unchanged; broken books are refused at their cells; the
//! template in docs/ is the converter's own output.

mod common;

use chamdiem_core::office::{CsvProblem, CsvProblemKind};
use chamdiem_core::ruleset::book::{from_book, from_xlsx, to_xlsx};
use chamdiem_core::ruleset::file::{write_ruleset, RulesetFile};
use chamdiem_core::json::parse_json;
use chamdiem_core::{load_ruleset, Lang};
use common::*;
use serde_json::Value;

fn parse(text: &str) -> RulesetFile {
    parse_json(text).unwrap()
}

/// The ruleset as it comes back from its workbook, or the book's problems.
fn through_book(name: &str, file: &RulesetFile) -> (Vec<u8>, RulesetFile) {
    let book = to_xlsx(file).unwrap();
    let back = from_xlsx(name, &book).unwrap_or_else(|p| panic!("{name}: {}", p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>().join("\n")));
    (book, back.file)
}

/// Issue 16: a current bundled ruleset goes JSON → XLSX → JSON and comes
/// back as the very bytes of its file (declared defaults stay declared,
/// what the file leaves out stays out), and the same file gives the same
/// book.
#[test]
fn every_bundled_ruleset_comes_back_from_its_workbook_byte_for_byte() {
    let files = bundled_ruleset_files();
    assert!(files.len() >= 8, "the bundled rulesets");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (book, back) = through_book(&name, &parse(&text));
        assert!(write_ruleset(&back) == text, "rulesets/{name} does not come back from its workbook byte for byte");
        assert!(to_xlsx(&back).unwrap() == book, "{name}: the book is not reproducible");
    }
}

/// What makes the byte-for-byte round trip hold: each bundled file is
/// written as the app writes it (fields in the types' order, two-space
/// indents, a final newline), so a hand edit that is not is named here.
#[test]
fn every_bundled_ruleset_is_written_as_the_app_writes_it() {
    for path in bundled_ruleset_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            write_ruleset(&parse(&text)) == text,
            "rulesets/{name} is not in the writer's form (key order, indents, final newline): `chamdiem to-xlsx` then `from-xlsx` gives the form"
        );
    }
}

/// Archived files are named by their hash and never rewritten, so they need
/// not be in the writer's form; they still come back from their workbook
/// with every value they hold, and nothing added.
#[test]
fn every_archived_ruleset_comes_back_from_its_workbook_with_the_same_values() {
    let files = json_files(&repo().join("rulesets/archive"));
    assert!(files.len() >= 8, "the archived rulesets");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (book, back) = through_book(&name, &parse(&text));
        assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::from_str::<Value>(&text).unwrap(), "archive/{name}");
        assert!(to_xlsx(&back).unwrap() == book, "{name}: the book is not reproducible");
    }
}

/// A default declared in the file (`"decide_on": "exact"`, `"illustrative":
/// false`, …) is a written cell in the book and comes back declared; the
/// same file leaving them out gives blank cells and comes back without them.
#[test]
fn a_declared_default_and_a_left_out_one_both_come_back_as_they_were() {
    let declared = read_repo("rulesets/tap-huan-mau.json").replacen("\"illustrative\": true", "\"illustrative\": false", 1);
    let mut v: Value = serde_json::from_str(&declared).unwrap();
    v["decide_on"] = "exact".into();
    v["sections"][0]["not_applicable_allowed"] = false.into();
    v["sections"][0]["children"][0]["unassigned_allowed"] = false.into();
    v["ranking"] = serde_json::json!({"by": "points", "groups": "ruleset"});
    let declared = write_ruleset(&serde_json::from_value(v).unwrap());
    for key in ["\"illustrative\": false", "\"decide_on\": \"exact\"", "\"not_applicable_allowed\": false", "\"unassigned_allowed\": false", "\"by\": \"points\"", "\"groups\": \"ruleset\""] {
        assert!(declared.contains(key), "{key} is written when declared");
    }
    let (_, back) = through_book("declared", &parse(&declared));
    assert_eq!(write_ruleset(&back), declared);
    let mut left_out = parse(&declared);
    left_out.illustrative = None;
    left_out.decide_on = None;
    left_out.sections[0].not_applicable_allowed = None;
    left_out.sections[0].children[0].unassigned_allowed = None;
    left_out.ranking = None;
    let left_out = write_ruleset(&left_out);
    for key in ["illustrative", "decide_on", "\"not_applicable_allowed\": false", "unassigned_allowed", "ranking"] {
        assert!(!left_out.contains(key), "{key} is not written when left out");
    }
    let (_, back) = through_book("left-out", &parse(&left_out));
    assert_eq!(write_ruleset(&back), left_out);
    // Both mean the same ruleset.
    let (a, b) = (load_ruleset(&declared).unwrap(), load_ruleset(&left_out).unwrap());
    assert_eq!((a.illustrative, a.decide_on, a.nodes[0].not_applicable_allowed), (b.illustrative, b.decide_on, b.nodes[0].not_applicable_allowed));
}

// ───────────────────────────── broken books ─────────────────────────────

/// A book's sheets as text grids (numbers kept as numbers), to edit.
#[derive(Clone, Debug)]
enum C {
    T(String),
    N(f64),
}

fn grid(book: &[u8]) -> Vec<(String, Vec<Vec<C>>)> {
    use calamine::{Data, Reader, Xlsx};
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    x.sheet_names()
        .into_iter()
        .map(|name| {
            let r = x.worksheet_range(&name).unwrap();
            let rows = r
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::Float(f) => C::N(*f),
                            Data::Int(i) => C::N(*i as f64),
                            Data::Empty => C::T(String::new()),
                            other => C::T(other.to_string()),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn book_of(sheets: &[(String, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    C::T(t) if t.is_empty() => {}
                    C::T(t) => drop(ws.write_string(r as u32, c as u16, t).unwrap()),
                    C::N(n) => drop(ws.write_number(r as u32, c as u16, *n).unwrap()),
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn training() -> RulesetFile {
    parse(&read_repo("rulesets/tap-huan-mau.json"))
}

fn training_grid() -> Vec<(String, Vec<Vec<C>>)> {
    grid(&to_xlsx(&training()).unwrap())
}

/// The sheet's rows, by name.
fn sheet<'a>(g: &'a mut [(String, Vec<Vec<C>>)], name: &str) -> &'a mut Vec<Vec<C>> {
    &mut g.iter_mut().find(|(n, _)| n == name).unwrap().1
}

/// The (0-based) row of the tree whose code is `code`.
fn row_of(rows: &[Vec<C>], code: &str) -> usize {
    rows.iter().position(|r| matches!(&r[1], C::T(t) if t == code)).unwrap()
}

fn problems_of(book: &[u8]) -> Vec<String> {
    match from_xlsx("bo.xlsx", book) {
        Ok(_) => vec![],
        Err(p) => p.iter().map(|p| p.describe(Lang::Vi)).collect(),
    }
}

/// Edits the training book, reads it back: the problems, in Vietnamese.
fn broken(edit: impl FnOnce(&mut Vec<(String, Vec<Vec<C>>)>)) -> Vec<String> {
    let mut g = training_grid();
    edit(&mut g);
    problems_of(&book_of(&g))
}

fn t(s: &str) -> C {
    C::T(s.into())
}

#[test]
fn the_training_book_reads_back_and_its_cells_are_where_the_guide_says() {
    let mut g = training_grid();
    let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Thông tin", "Tiêu chí", "Điều kiện", "Xếp loại", "Mức xếp loại", "Điều kiện mức", "Xếp hạng"]);
    let tree = sheet(&mut g, "Tiêu chí");
    let head: Vec<String> = tree[0].iter().map(|c| match c { C::T(t) => t.clone(), C::N(n) => n.to_string() }).collect();
    assert_eq!(&head[..5], ["Cấp", "Mã", "Tên", "Loại điểm", "Điểm tối đa"]);
    assert!(problems_of(&book_of(&g)).is_empty());
}

#[test]
fn a_number_that_is_not_one_is_named_at_its_cell_with_its_text() {
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][4] = t("2,5đ");
    });
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 3, cột E (\"Điểm tối đa\"): \"2,5đ\" không phải là số"]);
    // A decimal comma or point, typed as text: both are numbers.
    for typed in ["2,0", "2.0", " 2 "] {
        let p = broken(|g| {
            let tree = sheet(g, "Tiêu chí");
            let r = row_of(tree, "1.1");
            tree[r][4] = t(typed);
        });
        assert!(p.is_empty(), "{typed:?}: {p:?}");
    }
}

#[test]
fn every_problem_of_a_book_is_given_at_once() {
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][4] = t("2,5đ");
        let r = row_of(tree, "1.2");
        tree[r][6] = t("bốc thăm");
        let r = row_of(tree, "2.1");
        tree[r][16] = t("chưa rõ");
        let info = sheet(g, "Thông tin");
        info[6][1] = t("một trăm");
    });
    assert_eq!(
        p,
        [
            "bo.xlsx, trang \"Thông tin\", dòng 7, cột B (\"Giá trị\"): \"một trăm\" không phải là số",
            "bo.xlsx, trang \"Tiêu chí\", dòng 3, cột E (\"Điểm tối đa\"): \"2,5đ\" không phải là số",
            "bo.xlsx, trang \"Tiêu chí\", dòng 4, cột G (\"Cách chấm\"): \"bốc thăm\": ghi một trong: nhập số, có/không, chọn mức, tỷ lệ theo khoảng, tỷ lệ hoàn thành, số lần × điểm, trừ % mỗi lần, khảo sát",
            "bo.xlsx, trang \"Tiêu chí\", dòng 13, cột Q (\"Cho phép không áp dụng\"): \"chưa rõ\": ghi một trong: có, không",
        ]
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let p = broken(|g| {
        for row in sheet(g, "Tiêu chí").iter_mut() {
            row.remove(2);
        }
    });
    assert_eq!(p[0], "bo.xlsx, trang \"Tiêu chí\", dòng 1: thiếu cột bắt buộc trong dòng tiêu đề (cần: Tên)");
}

#[test]
fn a_duplicate_code_is_found_by_the_rulesets_own_check_at_its_cell() {
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.2");
        tree[r][1] = t("1.1");
    });
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 4, cột B (\"Mã\"): \"1.1\": mã \"1.1\" bị trùng trong cùng một nhóm"]);
}

#[test]
fn a_code_whose_parent_is_missing_is_named() {
    // "1" then a row one level too deep: "1.1" at level 3.
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][0] = C::N(3.0);
    });
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 3, cột B (\"Mã\"): mã \"1.1\" ở cấp 3 không có mục cấp 2 ở dòng phía trên (thiếu mục cha)"]);
}

#[test]
fn a_code_that_skips_a_level_is_named() {
    // "1" then "1.1.1": the dotted code is not under its parent.
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][1] = t("1.1.1");
    });
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 3, cột B (\"Mã\"): mã \"1.1.1\" nằm ngay dưới mục \"1\": thiếu một cấp, hoặc cột Cấp ghi sai"]);
}

#[test]
fn a_number_a_spreadsheet_cannot_hold_is_refused_with_its_digits() {
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][4] = C::N(0.1 + 0.2);
    });
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 3, cột E: 0.30000000000000004: quá 15 chữ số có nghĩa, bảng tính không giữ đúng số đã nhập; ghi số dưới dạng văn bản"]);
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1.1");
        tree[r][4] = t("1234567890123456789012345678901234567890");
    });
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("bo.xlsx, trang \"Tiêu chí\", dòng 3, cột E (\"Điểm tối đa\"): \"1234567890123456789012345678901234567890\": số quá dài"), "{p:?}");
}

#[test]
fn the_rulesets_check_speaks_at_the_cells() {
    // A group whose parts add up to more than its maximum; a choice above the item's maximum.
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        let r = row_of(tree, "1");
        tree[r][4] = C::N(11.0);
    });
    assert!(p.iter().any(|m| m.starts_with("bo.xlsx, trang \"Tiêu chí\", dòng 2, cột E (\"Điểm tối đa\"): \"11\": điểm tối đa khai báo 11 khác tổng điểm các phần")), "{p:?}");
}

#[test]
fn a_formula_without_its_value_is_named_at_its_cell() {
    use std::io::{Read, Write};
    let book = to_xlsx(&training()).unwrap();
    // The total's cell (Thông tin!B7) made a formula with no saved value.
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let start = text.find("<c r=\"B7\"").unwrap();
            let end = start + text[start..].find("</c>").unwrap() + 4;
            text.replace_range(start..end, "<c r=\"B7\"><f>SUM(C1:C3)</f></c>");
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zout.write_all(text.as_bytes()).unwrap();
    }
    let p = problems_of(&zout.finish().unwrap().into_inner());
    assert_eq!(p, ["bo.xlsx, trang \"Thông tin\", dòng 7, cột B: ô có công thức nhưng không có giá trị đã lưu: mở tệp trong Excel, lưu lại rồi mở lại"]);
}

#[test]
fn a_file_that_is_not_a_readable_workbook_is_named() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0; 504]);
    assert_eq!(problems_of(&ole), ["bo.xlsx: tệp Excel có mật khẩu, hoặc ở định dạng .xls cũ: bỏ mật khẩu, hoặc lưu thành .xlsx hay CSV UTF-8 rồi mở lại"]);
    assert!(problems_of(b"PK\x03\x04 not a zip")[0].starts_with("bo.xlsx: không đọc được tệp như một bảng tính .xlsx ("));
    assert!(problems_of(read_repo("rulesets/tap-huan-mau.json").as_bytes())[0].starts_with("bo.xlsx: không đọc được tệp như một bảng tính .xlsx ("));
    assert!(problems_of(b"")[0].starts_with("bo.xlsx: không đọc được tệp như một bảng tính .xlsx ("));
    // A 20 MB book is refused on its size, unread.
    let mut big = b"PK\x03\x04".to_vec();
    big.resize(20 * 1024 * 1024, 0);
    assert_eq!(problems_of(&big), ["bo.xlsx: tệp quá lớn (20971520 byte; tối đa 5242880)"]);
}

#[test]
fn an_empty_or_missing_sheet_is_named() {
    let p = broken(|g| sheet(g, "Tiêu chí").clear());
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\": trang trống, không có dòng tiêu đề"]);
    let p = broken(|g| g.retain(|(n, _)| n != "Thông tin"));
    assert_eq!(p[0], "bo.xlsx: thiếu trang \"Thông tin\"");
    // A blank optional sheet declares nothing: the training ruleset has no ranking.
    let p = broken(|g| sheet(g, "Xếp hạng").clear());
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn merged_cells_and_unknown_sheets_and_columns_are_refused() {
    let p = broken(|g| {
        g.push(("Ghi chép".into(), vec![vec![t("x")]]));
        sheet(g, "Điều kiện")[0].push(t("Cột lạ"));
    });
    assert_eq!(
        p,
        [
            "bo.xlsx, trang \"Ghi chép\": trang không được nhận biết (các trang: Thông tin, Tiêu chí, Điều kiện, Xếp loại, Mức xếp loại, Điều kiện mức, Xếp hạng, Hướng dẫn)",
            "bo.xlsx, trang \"Điều kiện\", dòng 1, cột D (\"Cột lạ\"): tiêu đề cột không được nhận biết",
        ]
    );
    // Merged cells across the tree.
    let g = training_grid();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &g {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    C::T(t) if t.is_empty() => {}
                    C::T(t) => drop(ws.write_string(r as u32, c as u16, t).unwrap()),
                    C::N(n) => drop(ws.write_number(r as u32, c as u16, *n).unwrap()),
                }
            }
        }
        if name == "Tiêu chí" {
            ws.merge_range(2, 2, 3, 2, "Tiêu chí gộp", &rust_xlsxwriter::Format::new()).unwrap();
        }
    }
    let p = problems_of(&book.save_to_buffer().unwrap());
    assert_eq!(p[0], "bo.xlsx, trang \"Tiêu chí\", dòng 3, cột C: ô được gộp đến C4: bỏ gộp ô (mỗi ô một giá trị)");
}

#[test]
fn problems_are_data_a_page_can_link_to_its_rows() {
    let mut g = training_grid();
    let tree = sheet(&mut g, "Tiêu chí");
    let r = row_of(tree, "1.1");
    tree[r][4] = t("2,5đ");
    let p = from_xlsx("bo.xlsx", &book_of(&g)).unwrap_err();
    assert_eq!(
        p,
        [CsvProblem { file: "bo.xlsx".into(), sheet: Some("Tiêu chí".into()), row: Some(3), column: Some((5, "Điểm tối đa".into())), kind: CsvProblemKind::NotANumber { typed: "2,5đ".into() } }]
    );
    assert_eq!(p[0].describe(Lang::En), "bo.xlsx, sheet \"Tiêu chí\", row 3, column E (\"Điểm tối đa\"): \"2,5đ\" is not a number");
}

// ───────────────────────────── CSV for the tree ─────────────────────────────

/// The tree sheet as CSV text (semicolons, as a Vietnamese Excel saves it).
fn tree_csv(g: &mut [(String, Vec<Vec<C>>)]) -> String {
    let tree = sheet(g, "Tiêu chí");
    let mut out = String::from("\u{feff}");
    for row in tree.iter() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                C::T(t) => format!("\"{}\"", t.replace('"', "\"\"")),
                C::N(n) => n.to_string().replace('.', ","),
            })
            .collect();
        out += &cells.join(";");
        out += "\r\n";
    }
    out
}

#[test]
fn the_tree_may_come_from_a_csv_file() {
    let mut g = training_grid();
    let csv = tree_csv(&mut g);
    g.retain(|(n, _)| n != "Tiêu chí");
    let book = book_of(&g);
    let read = from_book("bo.xlsx", &book, Some(("cay.csv", csv.as_bytes()))).unwrap();
    assert_eq!(write_ruleset(&read.file), write_ruleset(&training()));
    // Its problems name the CSV file, its line and column.
    let bad = csv.replacen(";2;", ";2,5đ;", 1);
    let p = from_book("bo.xlsx", &book, Some(("cay.csv", bad.as_bytes()))).unwrap_err();
    assert_eq!(p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>(), ["cay.csv, dòng 3, cột 5 (\"Điểm tối đa\"): \"2,5đ\" không phải là số"]);
    // A CSV in a legacy encoding is refused as the office's CSV files are, and alone.
    let p = from_book("bo.xlsx", &book, Some(("cay.csv", b"C\xe1p;M\xe3;T\xean\n1;1;x\n"))).unwrap_err();
    assert_eq!(p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>(), ["cay.csv, dòng 1: tệp không phải UTF-8 (có thể là Windows-1258 / TCVN3): trong Excel, chọn Lưu thành \"CSV UTF-8 (Comma delimited)\" rồi nộp lại"]);
    // Only the columns needed: the others are blank.
    let small = "Cấp,Mã,Tên,Điểm tối đa\n1,1,Nội dung,\"2,5\"\n";
    let p = from_book("bo.xlsx", &book, Some(("cay.csv", small.as_bytes()))).unwrap_err();
    assert!(p.iter().all(|p| !p.describe(Lang::Vi).starts_with("cay.csv")), "{p:?}");
}

// ───────────────────────────── the templates in docs/ ─────────────────────────────

const TEMPLATES: [(&str, &str); 2] = [("rulesets/tap-huan-mau.json", "docs/mau-bo-chi-so.xlsx"), ("tests/rulesets/vi-du-day-du.json", "docs/vi-du-bo-chi-so-day-du.xlsx")];

/// The template (the training ruleset) and the full example (every rule,
/// every field) in docs/ are the converter's own output, byte for byte, so
/// they cannot drift from it; `UPDATE_FIXTURES=1` rewrites them.
#[test]
fn the_templates_in_docs_are_the_converters_own_output() {
    for (json, xlsx) in TEMPLATES {
        let file = parse(&read_repo(json));
        let book = to_xlsx(&file).unwrap();
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(repo().join(xlsx), &book).unwrap();
        }
        let have = std::fs::read(repo().join(xlsx)).unwrap_or_default();
        assert!(have == book, "{xlsx} is not current: UPDATE_FIXTURES=1 cargo test -p chamdiem-core --test book");
        let back = from_xlsx(xlsx, &have).unwrap();
        assert_eq!(write_ruleset(&back.file), write_ruleset(&file), "{xlsx}");
    }
}

/// Every name a value of `v` is held under, and every rule type.
fn names(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                if k == "type" {
                    out.insert(format!("type={}", x.as_str().unwrap_or_default()));
                }
                names(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        _ => {}
    }
}

/// The training ruleset leaves some of the format unused (the number rule
/// declared, unassigned points, a ranking and quota, vetoes…): the full
/// example uses every field the schema knows and every rule type.
#[test]
fn the_full_example_uses_every_field_and_every_rule() {
    let text = read_repo("tests/rulesets/vi-du-day-du.json");
    assert_eq!(write_ruleset(&parse(&text)), text, "written as the app writes it");
    let mut used = std::collections::BTreeSet::new();
    names(&serde_json::from_str(&text).unwrap(), &mut used);
    let mut known = std::collections::BTreeSet::new();
    fn properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(p)) = m.get("properties") {
                    out.extend(p.keys().cloned());
                }
                if let Some(Value::String(c)) = m.get("const") {
                    if m.get("type").is_some_and(|t| t == "string") && ["number", "yes_no", "choice", "ratio_bands", "proportional", "per_occurrence", "deduct_percent_per_occurrence", "survey"].contains(&c.as_str()) {
                        out.insert(format!("type={c}"));
                    }
                }
                m.values().for_each(|x| properties(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| properties(x, out)),
            _ => {}
        }
    }
    properties(&read_json("docs/ruleset.schema.json"), &mut known);
    let rules: Vec<&String> = known.iter().filter(|k| k.starts_with("type=")).collect();
    assert_eq!(rules.len(), 8, "the schema's rule types: {rules:?}");
    let missing: Vec<&String> = known.difference(&used).collect();
    assert!(missing.is_empty(), "the full example leaves out {missing:?}");
}

// ───────────────────────────── the command line ─────────────────────────────

#[test]
fn the_command_line_converts_both_ways_and_names_each_problem() {
    let dir = scratch("book-cli");
    let book = dir.join("mau.xlsx");
    let json = dir.join("mau.json");
    let out = run(&["to-xlsx", "rulesets/tap-huan-mau.json", "-o", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["from-xlsx", book.to_str().unwrap(), "-o", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&json).unwrap(), write_ruleset(&training()));
    assert!(
        text(&out.stderr).contains(r#"index.json: {"id":"tap-huan-mau","file":"tap-huan-mau.json","title":"Bộ chỉ số mẫu dùng để tập huấn (minh họa)"}"#),
        "{}",
        text(&out.stderr)
    );
    // What `from-xlsx` writes passes `validate`.
    let out = run(&["validate", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Without -o, the JSON goes to stdout.
    let out = run(&["from-xlsx", "docs/vi-du-bo-chi-so-day-du.xlsx"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), read_repo("tests/rulesets/vi-du-day-du.json"));

    // A broken book: exit 1, one line per problem naming sheet, row and column.
    let mut g = training_grid();
    let tree = sheet(&mut g, "Tiêu chí");
    let r = row_of(tree, "1.1");
    tree[r][4] = t("2,5đ");
    let r = row_of(tree, "1.2");
    tree[r][1] = t("1.1");
    std::fs::write(&book, book_of(&g)).unwrap();
    let out = run(&["from-xlsx", book.to_str().unwrap(), "-o", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let b = book.to_str().unwrap();
    assert_eq!(
        text(&out.stderr).lines().collect::<Vec<_>>(),
        [format!("{b}, trang \"Tiêu chí\", dòng 3, cột E (\"Điểm tối đa\"): \"2,5đ\" không phải là số"), format!("{b}, trang \"Tiêu chí\", dòng 4, cột B (\"Mã\"): \"1.1\": mã \"1.1\" bị trùng trong cùng một nhóm")]
    );
    let out = run(&["--lang", "en", "from-xlsx", b]);
    assert!(text(&out.stderr).starts_with(&format!("{b}, sheet \"Tiêu chí\", row 3, column E (\"Điểm tối đa\"): \"2,5đ\" is not a number")), "{}", text(&out.stderr));
    // An invalid ruleset is not written out as a book.
    let out = run(&["to-xlsx", "tests/rulesets/broken/group-max-mismatch.json", "-o", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("sections[0].max: điểm tối đa khai báo 6 khác tổng điểm các phần 7"));
}

// ───────────────────────────── hostile books ─────────────────────────────

fn cell_text() -> impl proptest::strategy::Strategy<Value = C> {
    use proptest::prelude::*;
    prop_oneof![
        prop::sample::select(vec![
            "", "0", "1", "2", "3", "9", "10", "1.1", "1,5", "2,5đ", "-1", "a", "x", "có", "không", "cộng", "trừ", "thường", "nhập số", "có/không", "chọn mức",
            "tỷ lệ theo khoảng", "tỷ lệ hoàn thành", "số lần × điểm", "trừ % mỗi lần", "khảo sát", "lãnh đạo", "luôn cần", "cần", "chặn", "điểm", "tỷ lệ",
            "Mã bộ chỉ số", "Tổng điểm tối đa", "Hạn mức: mức", "Cấp", "Mã", "Tên", "<script>alert(1)</script>", "=SUM(A1:A3)", "1e300", "99999999999999999999", "\u{feff}", "1;2;3",
        ])
        .prop_map(|s| C::T(s.to_string())),
        any::<String>().prop_map(C::T),
        any::<f64>().prop_map(C::N),
        (0i32..200).prop_map(|n| C::N(f64::from(n) / 4.0)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 48, ..Default::default() })]

    /// Random cells written into the training book: never a panic; every
    /// problem has its words; and a book that reads is one that round-trips.
    #[test]
    fn random_cells_never_panic_and_what_reads_round_trips(
        edits in proptest::collection::vec((0usize..7, 0usize..40, 0usize..24, cell_text()), 0..10),
        drop_row in proptest::option::of((0usize..7, 0usize..40)),
    ) {
        let mut g = training_grid();
        for (s, r, c, v) in edits {
            let rows = &mut g[s].1;
            while rows.len() <= r {
                rows.push(Vec::new());
            }
            while rows[r].len() <= c {
                rows[r].push(C::T(String::new()));
            }
            rows[r][c] = v;
        }
        if let Some((s, r)) = drop_row {
            if r < g[s].1.len() {
                g[s].1.remove(r);
            }
        }
        let book = book_of(&g);
        match from_xlsx("bo.xlsx", &book) {
            Err(problems) => {
                proptest::prop_assert!(!problems.is_empty());
                for p in &problems {
                    proptest::prop_assert!(p.describe(Lang::Vi).starts_with("bo.xlsx"));
                    proptest::prop_assert!(!p.describe(Lang::En).is_empty());
                }
            }
            Ok(read) => {
                let again = from_xlsx("bo.xlsx", &to_xlsx(&read.file).unwrap()).unwrap();
                proptest::prop_assert_eq!(write_ruleset(&again.file), write_ruleset(&read.file));
            }
        }
    }
}

/// 100,000 rows: refused on their count, in bounded time; 5,000 rows each
/// with a bad number: the problems listed up to a limit, the rest counted.
#[test]
fn a_hundred_thousand_rows_are_refused_and_many_problems_counted() {
    let rows = |n: usize| {
        let mut g = training_grid();
        let tree = sheet(&mut g, "Tiêu chí");
        tree.truncate(1);
        for i in 0..n {
            tree.push(vec![C::N(1.0), t(&format!("{i}")), t("x"), t(""), t("2,5đ")]);
        }
        book_of(&g)
    };
    let book = rows(100_000);
    assert!(book.len() < 5 * 1024 * 1024, "{} bytes", book.len());
    let start = std::time::Instant::now();
    let p = from_xlsx("bo.xlsx", &book).unwrap_err();
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
    assert_eq!(p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>(), ["bo.xlsx, trang \"Tiêu chí\": quá 10000 tiêu chí"]);

    let p = from_xlsx("bo.xlsx", &rows(5_000)).unwrap_err();
    assert_eq!(p.len(), chamdiem_core::ruleset::book::MAX_PROBLEMS + 1);
    assert_eq!(p.last().unwrap().describe(Lang::Vi), "bo.xlsx: còn 4800 lỗi nữa không liệt kê; sửa các lỗi trên rồi mở lại");
}

/// Text with HTML is kept as text, as in a JSON ruleset.
#[test]
fn html_in_a_title_is_kept_as_text() {
    let mut g = training_grid();
    let tree = sheet(&mut g, "Tiêu chí");
    let r = row_of(tree, "1.1");
    tree[r][2] = t("<b>Tiêu chí</b> <script>alert(1)</script>");
    let read = from_xlsx("bo.xlsx", &book_of(&g)).unwrap();
    assert_eq!(read.file.sections[0].children[0].title, "<b>Tiêu chí</b> <script>alert(1)</script>");
}

/// A rule's parameters missing, out of order, or where the rule does not
/// use them: each at its cell.
#[test]
fn a_rules_parameters_missing_or_out_of_order_are_named() {
    let p = broken(|g| {
        let tree = sheet(g, "Tiêu chí");
        // 6.2 (row 46): points per occurrence left blank.
        tree[45][10] = t("");
        // 1.1 (row 3), yes/no: a points-per-occurrence cell it does not use.
        tree[2][10] = C::N(2.0);
    });
    assert_eq!(
        p,
        [
            "bo.xlsx, trang \"Tiêu chí\", dòng 3, cột K (\"Điểm mỗi lần\"): cách chấm \"có/không\" không dùng ô này",
            "bo.xlsx, trang \"Tiêu chí\", dòng 46, cột K (\"Điểm mỗi lần\"): ô này không được để trống",
        ],
        "the problems of cells come first"
    );
    // 2.1's bands (rows 14–17): the third starts below the second.
    let p = broken(|g| sheet(g, "Tiêu chí")[15][13] = C::N(60.0));
    assert_eq!(p, ["bo.xlsx, trang \"Tiêu chí\", dòng 16, cột N (\"Từ %\"): \"60\": các khoảng tỷ lệ chồng nhau: mỗi khoảng phải bắt đầu cao hơn khoảng trước"]);
}

#[test]
fn two_sheets_with_the_same_role_are_refused() {
    let p = broken(|g| {
        let copy = g.iter().find(|(n, _)| n == "Điều kiện").unwrap().1.clone();
        g.push((" điều kiện ".into(), copy));
    });
    assert_eq!(p, ["bo.xlsx, trang \" điều kiện \": hai trang cùng một tên (không kể chữ hoa, khoảng trắng)"]);
}
