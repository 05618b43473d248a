//! "Vì sao?" and "how far to the next level", checked against hand computation.

mod common;

use chamdiem_core::score::explain::{breakdown, most_room, next_level, PartState};
use chamdiem_core::Scorer;
use common::{d, scorer, set, DAKLAK_01};
use rust_decimal::Decimal;

/// A scorer on a bundled ruleset with `values` typed in, by key.
fn scored(file: &str, values: &[(&str, &str)]) -> Scorer {
    let mut s = scorer(file);
    for (k, v) in values {
        set(&mut s, k, v);
    }
    s
}

#[test]
fn next_level_points_on_the_worked_example() {
    let s = scored(DAKLAK_01, &[("1", "42"), ("2", "31,5"), ("3", "9"), ("4", "4"), ("5", "1"), ("6", "2")]);
    // Quality: 85.5 of 100 is "tốt"; "xuất sắc" needs 90 → 4.5 more.
    let q = next_level(&s, 0).unwrap();
    assert_eq!((q.level, q.needed), (3, d("4.5")));
    // CCHC: 43.5 of 55 is "Khá"; "Tốt" needs 80% of 55 = 44 → 0.5 more.
    let c = next_level(&s, 1).unwrap();
    assert_eq!((c.level, c.needed), (3, d("0.5")));
    // Room left: content 2 has 3.5, content 1 has 3; bonus, penalty and the
    // parts scored by others are not the agency's to gain.
    let room: Vec<(String, Decimal)> = most_room(&s, 5).into_iter().map(|(id, r)| (s.ruleset().node(id).key.clone(), r)).collect();
    assert_eq!(room, vec![("2".to_string(), d("3.5")), ("1".to_string(), d("3"))]);
}

#[test]
fn at_the_top_level_there_is_no_next_level() {
    let s = scored(DAKLAK_01, &[("1", "45"), ("2", "35"), ("3", "12"), ("4", "5"), ("5", "3")]);
    assert_eq!(next_level(&s, 0), None);
}

#[test]
fn breakdown_names_each_part_and_the_cap() {
    let mut s = scored("minh-hoa-long-nhau.json", &[("1/1.1/a", "2"), ("1/1.1/b", "x"), ("4/4.1", "3"), ("4/4.2", "3")]);
    let na = s.ruleset().find("1/1.3").unwrap();
    s.set_not_applicable(na, true);
    let rs = s.ruleset().clone();
    let b = breakdown(&s, rs.find("1/1.1"));
    let states: Vec<PartState> = b.parts.iter().map(|p| p.state.clone()).collect();
    assert_eq!(states, vec![PartState::Counted, PartState::Invalid]);
    assert_eq!((b.points, b.max), (d("2"), d("12")));
    let g1 = breakdown(&s, rs.find("1"));
    assert_eq!(g1.parts[2].state, PartState::NotApplicable);
    assert_eq!(g1.parts[1].state, PartState::Unscored);
    let bonus = breakdown(&s, rs.find("4"));
    assert_eq!(bonus.capped, Some((d("6"), d("5"))));
    let all = breakdown(&s, None);
    assert_eq!(all.parts.len(), rs.roots.len());
    assert_eq!(all.parts[0].state, PartState::Counted, "a group is counted; its items say more");
    assert_eq!(all.parts[2].state, PartState::Awaiting, "the survey section, none of it known yet");
}
