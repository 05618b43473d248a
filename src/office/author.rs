//! "Soạn bộ chỉ số" on the office page (issue 16): an office opens (or
//! drops) the workbook its index is written in, sees every problem at once,
//! each linked to its row in a preview of the tree sheet, and once the book
//! reads, tries the index out in the scoring page's own form (`Form`, never
//! saved as a draft) and downloads the ruleset JSON and its `index.json`
//! line. The reading is the core's (`ruleset::book`, as `chamdiem
//! from-xlsx`); this module only holds the files picked and shows the result.

use super::Picked;
use crate::files::{download, download_bytes, now_iso};
use crate::form::{form_view, Form, Persist};
use crate::i18n::{author, AuthorTexts};
use chamdiem_core::office::csv::{read_table, Table};
use chamdiem_core::office::xlsx::read_sheets;
use chamdiem_core::office::CsvProblem;
use chamdiem_core::record::{sha256_hex, Draft, RulesetStamp};
use chamdiem_core::ruleset::book::{self, BookRuleset};
use chamdiem_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The training ruleset, which the template is written from (one folder up).
const TEMPLATE_SOURCE: &str = "../rulesets/tap-huan-mau.json";

/// The authoring section's state.
#[derive(Clone, Copy)]
struct Author {
    lang: RwSignal<Lang>,
    book: RwSignal<Option<Picked>>,
    /// The tree sheet from a CSV file instead of the book's own.
    tree: RwSignal<Option<Picked>>,
    errors: RwSignal<Vec<String>>,
    /// The book read, redone whenever a file changes.
    result: Memo<Option<Arc<Authored>>>,
}

/// A book read: the ruleset (with its JSON) or every problem, and the tree
/// as read, for the preview the problems link to.
struct Authored {
    outcome: Result<Ready, Vec<CsvProblem>>,
    preview: Option<Preview>,
}

struct Ready {
    book: BookRuleset,
    json: String,
    index_line: String,
    /// The scoring page's own form on it, kept across a change of language.
    form: Arc<Form>,
}

/// The tree sheet's rows: where they come from (file, sheet) and, per row,
/// its line and its code, title, maximum and rule cells.
struct Preview {
    file: String,
    sheet: Option<String>,
    header_line: usize,
    rows: Vec<(usize, [String; 4])>,
}

impl Preview {
    /// The row a problem is on, when it is a row of this preview.
    fn row_of(&self, p: &CsvProblem) -> Option<usize> {
        let r = p.row?;
        let here = p.file == self.file && p.sheet == self.sheet;
        (here && (r == self.header_line || self.rows.iter().any(|(l, _)| *l == r))).then_some(r)
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The tree as the book gives it (or the CSV file given instead).
fn preview(book_file: &Picked, tree: Option<&Picked>) -> Option<Preview> {
    let (file, table): (String, Table) = match tree {
        Some(t) => (t.name.clone(), read_table(&t.name, &t.bytes).ok()?),
        None => {
            let sheets = read_sheets(&book_file.name, &book_file.bytes, &mut Vec::new()).ok()?;
            let (_, table) = sheets.into_iter().find(|(name, _)| norm(name) == norm(book::TREE))?;
            (book_file.name.clone(), table?)
        }
    };
    // The columns by their headers, as the reader finds them.
    let col = |name: &str| table.header.iter().position(|h| norm(h) == norm(name));
    let cols = ["Mã", "Tên", "Điểm tối đa", "Cách chấm"].map(col);
    let rows = table.rows.iter().map(|(line, cells)| (*line, cols.map(|c| c.map_or("", |c| Table::cell(cells, c)).to_string()))).collect();
    Some(Preview { file, sheet: table.sheet.clone(), header_line: table.header_line, rows })
}

fn read(book_file: &Picked, tree: Option<&Picked>, persist: Persist, l: Lang) -> Authored {
    let outcome = book::from_book(&book_file.name, &book_file.bytes, tree.map(|t| (t.name.as_str(), t.bytes.as_slice()))).map(|book| {
        let json = book.json();
        let index_line = serde_json::to_string(&book.index_entry()).unwrap_or_default();
        let sha = sha256_hex(json.as_bytes());
        let rs = book.ruleset.clone();
        let stamp = RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha.clone() };
        let draft = Draft::new(format!("soan-{}", &sha[..12]), stamp, &now_iso());
        // Scorable, never saved as a draft.
        let form = Arc::new(Form::new(rs, &json, draft, None, persist, l).unsaved());
        Ready { book, json, index_line, form }
    });
    Authored { outcome, preview: preview(book_file, tree) }
}

impl Author {
    fn new(lang: RwSignal<Lang>) -> Author {
        let book: RwSignal<Option<Picked>> = RwSignal::new(None);
        let tree: RwSignal<Option<Picked>> = RwSignal::new(None);
        // Where the try-out form would report saving: it never saves.
        let persist = Persist { storage_error: RwSignal::new(None), drafts: RwSignal::new(Vec::new()) };
        let result = Memo::new_with_compare(
            move |_| {
                let b = book.read();
                let b = b.as_ref()?;
                Some(Arc::new(read(b, tree.read().as_ref(), persist, lang.get_untracked())))
            },
            |_, _| true,
        );
        Author { lang, book, tree, errors: RwSignal::new(Vec::new()), result }
    }

    /// Reads the files picked or dropped: a workbook is the book, a CSV file
    /// the tree sheet.
    fn take(self, files: Vec<web_sys::File>) {
        spawn_local(async move {
            let mut errors = Vec::new();
            for f in files {
                let name = f.name();
                match bytes_of(&f).await {
                    Ok(bytes) if name.to_lowercase().ends_with(".csv") => self.tree.set(Some(Picked::new(name, bytes))),
                    Ok(bytes) => self.book.set(Some(Picked::new(name, bytes))),
                    Err(e) => errors.push(format!("{name}: {e}")),
                }
            }
            self.errors.set(errors);
        });
    }

    /// The template: the training ruleset written as a workbook, as
    /// `chamdiem to-xlsx` writes docs/mau-bo-chi-so.xlsx.
    fn template(self) {
        spawn_local(async move {
            let made = crate::fetch::fetch_text(TEMPLATE_SOURCE).await.and_then(|text| {
                let l = self.lang.get_untracked();
                let file = chamdiem_core::json::parse_json(&text).map_err(|ps| ps.iter().map(|p| p.describe(l)).collect::<Vec<_>>().join("; "))?;
                book::to_xlsx(&file)
            });
            let done = made.and_then(|bytes| download_bytes("mau-bo-chi-so.xlsx", &bytes, XLSX_MIME));
            self.errors.set(done.err().into_iter().collect());
        });
    }
}

/// A file's bytes.
async fn bytes_of(f: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(f.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn picked(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
    let list = input.as_ref().and_then(|i| i.files());
    let files = list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
    if let Some(i) = input {
        i.set_value("");
    }
    files
}

fn row_id(line: usize) -> String {
    format!("bo-dong-{line}")
}

/// The section, mounted by the office page (office/view.rs).
pub fn section(lang: RwSignal<Lang>) -> impl IntoView {
    let a = Author::new(lang);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let list = ev.data_transfer().and_then(|d| d.files());
        a.take(list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default());
    };
    view! {
        <section class="office-input author" aria-labelledby="author-h" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            {move || {
                let t = author(lang.get());
                view! {
                    <h2 id="author-h">{t.heading}</h2>
                    <p class="hint">{t.hint}</p>
                    <label for="author-book">{t.book_label}</label>
                    <input id="author-book" type="file" accept=format!(".xlsx,{XLSX_MIME}") on:change=move |ev| a.take(picked(&ev)) />
                    <label for="author-tree">{t.tree_label}</label>
                    <input id="author-tree" type="file" accept=".csv,text/csv" on:change=move |ev| a.take(picked(&ev)) />
                    {chosen(a.book, t)}
                    {chosen(a.tree, t)}
                    <p><button type="button" on:click=move |_| a.template()>{t.template}</button></p>
                }
            }}
            {move || {
                let errors = a.errors.get();
                (!errors.is_empty()).then(|| view! {
                    <ul class="problems" role="alert">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                })
            }}
            {move || a.result.get().map(|r| result_view(a, r, lang.get()))}
        </section>
    }
}

fn chosen(which: RwSignal<Option<Picked>>, t: &'static AuthorTexts) -> impl IntoView {
    move || {
        which.with(|p| {
            p.as_ref().map(|Picked { name, .. }| {
                let name = name.clone();
                view! {
                    <p>{format!("{}: {name}", t.chosen)}" "
                        <button type="button" on:click=move |_| which.set(None)>{format!("{} — {name}", t.remove)}</button>
                    </p>
                }
            })
        })
    }
}

fn result_view(a: Author, r: Arc<Authored>, l: Lang) -> impl IntoView {
    let t = author(l);
    let bad_rows: Vec<usize> = match (&r.outcome, &r.preview) {
        (Err(problems), Some(p)) => problems.iter().filter_map(|x| p.row_of(x)).collect(),
        _ => Vec::new(),
    };
    let top = match &r.outcome {
        Err(problems) => view! {
            <section class="problems" aria-labelledby="author-problems-h">
                <h3 id="author-problems-h">{crate::i18n::author_problems(problems.len(), l)}</h3>
                <ul>{problems.iter().map(|p| {
                    let text = p.describe(l);
                    match r.preview.as_ref().and_then(|pv| pv.row_of(p)) {
                        Some(line) => {
                            let id = row_id(line);
                            let href = format!("#{id}");
                            view! {
                                <li><a href=href on:click=move |ev| {
                                    ev.prevent_default();
                                    crate::nav::focus(&id);
                                }>{text}</a></li>
                            }.into_any()
                        }
                        None => view! { <li>{text}</li> }.into_any(),
                    }
                }).collect_view()}</ul>
            </section>
        }
        .into_any(),
        Ok(ready) => ready_view(a, ready, l).into_any(),
    };
    let table = r.preview.as_ref().map(|p| preview_view(p, &bad_rows, t));
    view! { {top} {table} }
}

fn preview_view(p: &Preview, bad: &[usize], t: &'static AuthorTexts) -> impl IntoView {
    let caption = match &p.sheet {
        Some(s) => format!("{} — {}, \"{s}\"", t.preview_caption, p.file),
        None => format!("{} — {}", t.preview_caption, p.file),
    };
    let header_bad = bad.contains(&p.header_line);
    // A row with a problem can take focus (the problem's link moves it there)
    // and is marked, for the eye and for assistive technology.
    let mark = move |is_bad: bool| is_bad.then(|| view! { <span class="bad-mark" aria-hidden="true">"⚠ "</span><span class="visually-hidden">{t.row_has_problem}" "</span> });
    view! {
        <details class="author-preview" open=!bad.is_empty()>
            <summary>{t.preview_heading}</summary>
            <div class="table-wrap">
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr id=row_id(p.header_line) tabindex=header_bad.then_some("-1") aria-invalid=header_bad.then_some("true") class:bad=header_bad>
                            <th scope="col">{mark(header_bad)}{t.col_row}</th>
                            <th scope="col">{t.col_code}</th>
                            <th scope="col">{t.col_title}</th>
                            <th scope="col">{t.col_max}</th>
                            <th scope="col">{t.col_rule}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.rows.iter().map(|(line, [code, title, max, rule])| {
                            let is_bad = bad.contains(line);
                            view! {
                                <tr id=row_id(*line) tabindex=is_bad.then_some("-1") aria-invalid=is_bad.then_some("true") class:bad=is_bad>
                                    <th scope="row">{mark(is_bad)}{line.to_string()}</th>
                                    <td>{code.clone()}</td>
                                    <td>{title.clone()}</td>
                                    <td>{max.clone()}</td>
                                    <td>{rule.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn ready_view(a: Author, ready: &Ready, l: Lang) -> impl IntoView {
    let t = author(l);
    let f = &ready.book.file;
    let (json, line, id) = (ready.json.clone(), ready.index_line.clone(), f.id.clone());
    let form = ready.form.clone();
    let (line2, id2) = (line.clone(), id.clone());
    view! {
        <p role="status">{crate::i18n::author_read(&f.title, ready.book.ruleset.items.len(), l)}</p>
        <p>
            <button type="button" on:click=move |_| {
                let r = download(&format!("{id}.json"), &json);
                a.errors.set(r.err().into_iter().collect());
            }>{t.download_json}</button>
            " "
            <button type="button" on:click=move |_| {
                let r = download(&format!("index-{id2}.json"), &line2);
                a.errors.set(r.err().into_iter().collect());
            }>{t.download_index}</button>
        </p>
        <figure class="index-line">
            <figcaption>{t.index_line}</figcaption>
            <pre>{line}</pre>
        </figure>
        <section class="author-try" aria-labelledby="author-try-h">
            <h3 id="author-try-h">{t.try_heading}</h3>
            <p class="hint">{t.try_hint}</p>
            {form_view(form, l)}
        </section>
    }
}
