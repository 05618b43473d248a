//! The printed sheet of a dossier's stages: one score column per stage that
//! scores (self-assessment, each appraisal, the consolidation), the last
//! appraisal's reason per item, totals, percentages and levels per column,
//! each stage's short hash (so a signed paper pins the file), and the
//! signature blocks of the agency's head and of the council's chair. Laid
//! out by print.css (the scoring page's sheet) and pages.css (A4
//! landscape when more than two score columns).

use super::Opened;
use crate::i18n::{self, appraise_texts, tr};
use crate::sheet_markup::{max_cell, score_cell};
use chamdiem_core::record::dossier::replay;
use chamdiem_core::record::StageKind;
use chamdiem_core::Lang;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn stages_sheet(o: &Opened, l: Lang) -> impl IntoView {
    let t = tr(l);
    let a = appraise_texts(l);
    let d = &o.dossier;
    let rs = o.rs.clone();
    let (states, _) = replay(&rs, &d.stages);
    // The stages that score (a response changes no score).
    let cols: Vec<usize> = d.stages.iter().enumerate().filter(|(_, s)| s.stage != StageKind::GiaiTrinh).map(|(i, _)| i).collect();
    let wide = cols.len() > 2;
    let heads = cols.iter().map(|&i| view! { <th scope="col">{chamdiem_core::text::stage_name(d.stages[i].stage, l)}</th> }).collect_view();
    let rows = rs
        .nodes
        .iter()
        .enumerate()
        .map(|(id, n)| {
            let cells = cols.iter().map(|&i| view! { <td class="num">{score_cell(&states[i].scorer, id, l)}</td> }).collect_view();
            // The last appraisal's reason on the item.
            let reason = d.stages.iter().rev().filter(|s| matches!(s.stage, StageKind::ThamDinh1 | StageKind::ThamDinh2)).find_map(|s| s.entries.get(&n.key).map(|e| e.reason.clone()).filter(|r| !r.is_empty())).unwrap_or_default();
            view! {
                <tr class=format!("d{}", n.depth) class:group=!n.is_item()>
                    <td class="code">{n.code.clone()}</td>
                    <td class="crit">{n.title.clone()}</td>
                    <td class="num">{max_cell(&states[0].scorer, id, l)}</td>
                    {cells}
                    <td class="expl">{reason}</td>
                </tr>
            }
        })
        .collect_view();
    let number = |s: &str| Decimal::from_str(s).ok();
    let totals = cols.iter().map(|&i| view! { <td class="num">{i18n::num(number(&states[i].results.points).unwrap_or_default(), l)}</td> }).collect_view();
    let percents = cols.iter().map(|&i| view! { <td class="num">{i18n::pct(states[i].results.percent.as_deref().and_then(number), l)}</td> }).collect_view();
    let levels = rs
        .classifications
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let cells = cols
                .iter()
                .map(|&i| {
                    let r = states[i].results.classifications.get(ci);
                    let level = r.and_then(|r| r.level.clone()).unwrap_or_else(|| t.undetermined.to_string());
                    view! { <td>{level}</td> }
                })
                .collect_view();
            view! { <tr class="level"><td></td><th scope="row" colspan="2">{c.title.clone()}</th>{cells}<td></td></tr> }
        })
        .collect_view();
    let agency = d.agency();
    let provisional = d.stages.last().is_some_and(|s| !s.results.estimates.is_empty());
    view! {
        <section class="sheet" class:wide=wide aria-labelledby="sheet-h">
            <div class="sheet-top">
                <p class="sheet-agency">{agency.name.clone()}</p>
                <p class="sheet-nation">{t.sheet_nation}<br/><span class="sheet-motto">{t.sheet_motto}</span></p>
            </div>
            <h2 id="sheet-h">{a.sheet_title}</h2>
            <p class="sheet-sub">{rs.title.clone()}</p>
            <p class="sheet-sub">{t.agency_year}": "{agency.year.clone()}</p>
            {provisional.then(|| view! { <p class="sheet-provisional">{i18n::appraise_provisional(&d.stages.last().map(|s| s.results.estimates.clone()).unwrap_or_default(), l)}</p> })}
            <table class="sheet-table stages-table">
                <thead>
                    <tr>
                        <th scope="col">{t.sheet_code}</th>
                        <th scope="col">{t.sheet_criterion}</th>
                        <th scope="col">{t.sheet_max}</th>
                        {heads}
                        <th scope="col">{a.reason}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr class="total"><td></td><th scope="row" colspan="2">{t.total}</th>{totals}<td></td></tr>
                    <tr><td></td><th scope="row" colspan="2">{t.percent}</th>{percents}<td></td></tr>
                    {levels}
                </tfoot>
            </table>
            <div class="sheet-hashes">
                <p><strong>{a.sheet_hashes}</strong></p>
                <ol>
                    {d.stages.iter().map(|s| {
                        let who = [s.by.person.as_str(), s.by.unit.as_str()].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(", ");
                        view! { <li>{format!("{} — {who} — {} — {}", chamdiem_core::text::stage_name(s.stage, l), crate::files::show_time(&s.at), s.short_hash())}</li> }
                    }).collect_view()}
                </ol>
            </div>
            <div class="signature">
                <div>
                    <p class="sig-role">{t.sheet_head}</p>
                    <p class="sig-hint">{t.sheet_sign_seal}</p>
                </div>
                <div>
                    <p class="sig-role">{a.sheet_chair}</p>
                    <p class="sig-hint">{t.sheet_sign_seal}</p>
                </div>
            </div>
        </section>
    }
}
