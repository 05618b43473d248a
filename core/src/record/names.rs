//! File names: ASCII only, so a name survives any e-mail client, portal or
//! Windows folder.

use super::entry::Agency;

/// "<agency>_<ruleset>_<year>[-<stage>].json", each part a slug; an agency
/// or year left blank is named "co-quan" or "nam".
pub fn export_name(agency: &Agency, ruleset_id: &str, stage: Option<&str>) -> String {
    let name = if agency.name.trim().is_empty() { "co-quan" } else { agency.name.as_str() };
    let year = if agency.year.trim().is_empty() { "nam" } else { agency.year.as_str() };
    let year = match stage {
        Some(stage) => format!("{year}-{stage}"),
        None => year.to_string(),
    };
    format!("{}_{}_{}.json", slug(name), slug(ruleset_id), slug(&year))
}

/// ASCII, lower case, words joined by "-": "Sở Nội vụ" → "so-noi-vu".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(fold_vietnamese) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-').to_string();
    if t.is_empty() { "x".into() } else { t }
}

/// Drops Vietnamese diacritics (and đ → d) for file names.
fn fold_vietnamese(c: char) -> Option<char> {
    const GROUPS: [(&str, char); 12] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
    ];
    if c == 'đ' {
        return Some('d');
    }
    if c == 'Đ' {
        return Some('D');
    }
    if c.is_ascii() {
        return Some(c);
    }
    // Combining diacritics (decomposed text: "o" + U+031B + U+0309 for "ở")
    // belong to the letter before them.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    GROUPS.iter().find(|(set, _)| set.contains(c)).map(|&(_, base)| base).or(Some(' '))
}

