//! Names inside a package: every file under `tai-lieu/<item key>/<name>`,
//! each part safe to unpack on Windows, macOS and Linux alike. Vietnamese is
//! kept (UTF-8, the ZIP's UTF-8 flag), unlike `record::names`, which makes
//! ASCII names for files sent on their own.

/// At most this many UTF-16 units in a file's name (Windows counts so;
/// 255 per part, 260 for a whole path in many programs).
pub const MAX_NAME_UNITS: usize = 100;
/// At most this many in a folder named after a part of an item's key.
pub const MAX_FOLDER_UNITS: usize = 32;
/// Names Windows keeps for devices, whatever the extension ("con.pdf").
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

fn units(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// A character Windows or a ZIP reader would take for something else.
pub fn is_unsafe_char(c: char) -> bool {
    // (A `match`, not a search in a string: a searcher is a kilobyte of wasm.)
    c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
}

/// A device name, compared as Windows does: the part before the first dot,
/// trailing spaces ignored, any case; COM0–9 and LPT0–9 too (and ¹²³).
pub fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ').to_ascii_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        return true;
    }
    let mut cs = stem.chars();
    let head: String = cs.by_ref().take(3).collect();
    let digit = cs.next();
    (head == "COM" || head == "LPT") && cs.next().is_none() && digit.is_some_and(|d| d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'))
}

/// `s` made into one safe part of a path, at most `max` UTF-16 units:
/// unsafe characters become "_", spaces around and dots at the end go
/// (Windows drops them), a device name gets "_" in front, the extension is
/// kept when shortening, and nothing left becomes "tep".
pub fn safe_part(s: &str, max: usize) -> String {
    let cleaned: String = s.chars().map(|c| if is_unsafe_char(c) { '_' } else { c }).collect();
    let mut name = trim(&cleaned).to_string();
    if units(&name) > max {
        name = shorten(&name, max);
    }
    if name.is_empty() {
        name = "tep".into();
    }
    if is_reserved(&name) {
        name.insert(0, '_');
        if units(&name) > max {
            name = shorten(&name, max);
        }
    }
    name
}

fn trim(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ' ']).trim_end()
}

/// The stem and extension ("ab.pdf" → ("ab", ".pdf")); an extension is a
/// final dot and 1 to 16 bytes, after a stem.
pub fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && (2..=17).contains(&(name.len() - i)) => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

/// `name` cut to `max` UTF-16 units, the stem shortened, the extension kept.
fn shorten(name: &str, max: usize) -> String {
    let (stem, ext) = split_ext(name);
    let (stem, ext) = if units(ext) >= max { (name, "") } else { (stem, ext) };
    let room = max - units(ext);
    let mut out = String::new();
    let mut used = 0;
    for c in stem.chars() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    let mut out = trim(&out).to_string();
    out.push_str(ext);
    out
}

/// The n-th name for `name` in a folder where it is taken: "a (2).pdf".
pub fn numbered(name: &str, n: usize, max: usize) -> String {
    let (stem, ext) = split_ext(name);
    let tag = format!(" ({n})");
    let room = max.saturating_sub(units(&tag) + units(ext));
    let mut s = shorten(stem, room.max(1));
    if s.is_empty() {
        s = "tep".into();
    }
    format!("{s}{tag}{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_kept_and_windows_hazards_are_not() {
        assert_eq!(safe_part("Quyết định 215.pdf", MAX_NAME_UNITS), "Quyết định 215.pdf");
        assert_eq!(safe_part("a<b>c:d\"e/f\\g|h?i*j.pdf", MAX_NAME_UNITS), "a_b_c_d_e_f_g_h_i_j.pdf");
        assert_eq!(safe_part("  báo cáo.docx. . ", MAX_NAME_UNITS), "báo cáo.docx");
        assert_eq!(safe_part("..", MAX_NAME_UNITS), "tep");
        assert_eq!(safe_part("../../etc/passwd", MAX_NAME_UNITS), ".._.._etc_passwd");
        assert_eq!(safe_part("tab\there\n.pdf", MAX_NAME_UNITS), "tab_here_.pdf");
        for reserved in ["CON", "con.pdf", "Nul .txt", "COM1.docx", "lpt9", "COM¹.pdf", "aux"] {
            let safe = safe_part(reserved, MAX_NAME_UNITS);
            assert!(safe.starts_with('_') && !is_reserved(&safe), "{reserved} → {safe}");
        }
        for fine in ["CONTRACT.pdf", "COM10.pdf", "console", "nul-1.pdf"] {
            assert_eq!(safe_part(fine, MAX_NAME_UNITS), fine);
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "Quyết định ".repeat(30));
        let safe = safe_part(&long, MAX_NAME_UNITS);
        assert!(units(&safe) <= MAX_NAME_UNITS && safe.ends_with("định.pdf") || safe.ends_with(".pdf"), "{safe}");
        assert!(!safe.trim_end_matches(".pdf").ends_with(' '));
        assert_eq!(numbered("a.pdf", 2, MAX_NAME_UNITS), "a (2).pdf");
        assert!(units(&numbered(&safe, 12, MAX_NAME_UNITS)) <= MAX_NAME_UNITS);
    }
}
