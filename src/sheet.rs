//! The printed score sheet (biểu tổng hợp kết quả tự đánh giá, chấm điểm):
//! a table laid out like the official ones — code, criterion, maximum,
//! self-score, evidence, explanation — with group subtotals, the total, the
//! percentage and levels, and the head's signature block. Rendered on
//! demand (it is a snapshot), shown on screen as a preview and alone on paper.

use crate::files::{now_iso, show_time};
use crate::form::Form;
use crate::i18n::{self, tr};
use chamdiem_core::ruleset::file::Kind;
use chamdiem_core::score::{Scorer, Value};
use chamdiem_core::Lang;
use leptos::prelude::*;
use std::sync::Arc;

/// A node's points as a sheet prints them: an item's value (a penalty with
/// its minus, an invalid value in brackets, as typed), a group's subtotal,
/// or "Không áp dụng". Shared with the appraisal page's sheet of stages.
pub fn score_cell(s: &Scorer, id: usize, l: Lang) -> String {
    let n = s.ruleset().node(id);
    let a = s.agg(id);
    if a.not_applicable {
        tr(l).not_applicable.to_string()
    } else if n.is_item() {
        match s.value(id) {
            Value::Valid(v) if n.kind == Kind::Penalty => format!("−{}", i18n::num(*v, l)),
            Value::Valid(v) => i18n::num(*v, l),
            Value::Invalid(_) => format!("({})", s.raw(id)),
            Value::Blank => String::new(),
        }
    } else {
        i18n::num(a.points, l)
    }
}

/// A node's maximum as a sheet prints it (none for a penalty).
pub fn max_cell(s: &Scorer, id: usize, l: Lang) -> String {
    let n = s.ruleset().node(id);
    match (n.kind, n.max.or(n.cap)) {
        (Kind::Penalty, _) => String::new(),
        (_, Some(m)) => i18n::num(m, l),
        (_, None) => i18n::num(s.agg(id).max, l),
    }
}

pub fn sheet_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let t = tr(l);
    let rs = form.rs.clone();
    let draft = form.draft.get_value();
    let (rows, summary) = form.snapshot(|s| {
        let rows: Vec<_> = rs
            .nodes
            .iter()
            .enumerate()
            .map(|(id, n)| {
                let (score, max) = (score_cell(s, id, l), max_cell(s, id, l));
                let entry = draft.entries.get(&n.key);
                let evidence = entry
                    .map(|e| {
                        e.evidence
                            .iter()
                            .filter(|x| !x.is_blank())
                            .map(|x| [x.number.as_str(), x.date.as_str(), x.summary.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", "))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                let explanation = entry.map(|e| e.explanation.clone()).unwrap_or_default();
                (n.depth, n.code.clone(), n.title.clone(), !n.is_item(), max, score, evidence, explanation)
            })
            .collect();
        (rows, s.summary())
    });
    let kind = i18n::agency_kinds(l).into_iter().find(|(k, _)| *k == draft.agency.kind).map_or("", |(_, label)| label);
    let today = show_time(&now_iso());
    let today = today.split(' ').next().unwrap_or("").to_string();
    view! {
        <section class="sheet" aria-labelledby="sheet-h">
            <div class="sheet-top">
                <p class="sheet-agency">{draft.agency.name.clone()}<br/><span class="sheet-kind">"("{kind}")"</span></p>
                <p class="sheet-nation">{t.sheet_nation}<br/><span class="sheet-motto">{t.sheet_motto}</span></p>
            </div>
            <h2 id="sheet-h">{t.sheet_title}</h2>
            <p class="sheet-sub">{rs.title.clone()}</p>
            <p class="sheet-sub">{t.agency_year}": "{draft.agency.year.clone()}" · "{t.sheet_date}": "{today.clone()}</p>
            {(!summary.is_final()).then(|| view! { <p class="sheet-provisional">{t.sheet_incomplete}</p> })}
            <table class="sheet-table">
                <thead>
                    <tr>
                        <th scope="col">{t.sheet_code}</th>
                        <th scope="col">{t.sheet_criterion}</th>
                        <th scope="col">{t.sheet_max}</th>
                        <th scope="col">{t.sheet_score}</th>
                        <th scope="col">{t.sheet_evidence}</th>
                        <th scope="col">{t.explanation}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(depth, code, title, group, max, score, evidence, explanation)| view! {
                        <tr class=format!("d{depth}") class:group=group>
                            <td class="code">{code}</td>
                            <td class="crit">{title}</td>
                            <td class="num">{max}</td>
                            <td class="num">{score}</td>
                            <td class="ev">{evidence.into_iter().map(|e| view! { <div>{e}</div> }).collect_view()}</td>
                            <td class="expl">{explanation}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr class="total">
                        <td></td>
                        <th scope="row">{t.total}</th>
                        <td class="num">{i18n::num(summary.max, l)}</td>
                        <td class="num">{i18n::num(summary.points, l)}</td>
                        <td colspan="2">{t.percent}": "{i18n::pct(summary.percent, l)}</td>
                    </tr>
                    {rs.classifications.iter().zip(summary.classifications.iter()).map(|(c, r)| {
                        let level = r.outcome.as_ref().map(|o| c.levels[o.level].label.clone()).unwrap_or_else(|| t.undetermined.to_string());
                        view! {
                            <tr class="level">
                                <td></td>
                                <th scope="row">{c.title.clone()}</th>
                                <td colspan="4">{level}" ("{i18n::pct(r.percent, l)}")"</td>
                            </tr>
                        }
                    }).collect_view()}
                </tfoot>
            </table>
            <div class="signature">
                <div>
                    <p class="sig-role">{t.sheet_preparer}</p>
                    <p class="sig-hint">{t.sheet_sign_hint}</p>
                    <p class="sig-name">{draft.agency.preparer.clone()}</p>
                </div>
                <div>
                    <p class="sig-date">{t.sheet_place_date}" "{today}</p>
                    <p class="sig-role">{t.sheet_head}</p>
                    <p class="sig-hint">{t.sheet_sign_seal}</p>
                </div>
            </div>
        </section>
    }
}
