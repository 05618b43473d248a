//! Text into HTML. The web app draws the contents tree from one string of
//! markup (src/form/tree.rs) made of ruleset texts, and rulesets come from
//! anyone: every text goes through `escape_into`. Pure: tested natively,
//! with a property over hostile text.

/// Appends `s` to `out` with the five HTML-significant characters escaped:
/// safe as element text and inside a double- or single-quoted attribute value.
pub fn escape_into(out: &mut String, s: &str) {
    // By byte: the five are ASCII, so every cut is on a character boundary.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// Appends `open`, `text` escaped, then `close`: an element holding text.
pub fn wrap(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_into(out, text);
    out.push_str(close);
}

/// Appends a start tag's attributes; `None` values are left out, `Some("")`
/// is a boolean attribute.
pub fn attrs(out: &mut String, list: &[(&str, Option<&str>)]) {
    for (k, v) in list {
        if let Some(v) = v {
            out.push(' ');
            out.push_str(k);
            if !v.is_empty() {
                out.push_str("=\"");
                escape_into(out, v);
                out.push('"');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape_into;
    use proptest::prelude::*;

    fn esc(s: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, s);
        out
    }

    #[test]
    fn markup_becomes_text() {
        assert_eq!(esc(r#"<img src=x onerror="alert('1')">"#), "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;");
        assert_eq!(esc("a & b"), "a &amp; b");
        assert_eq!(esc("&amp;"), "&amp;amp;", "an entity typed in a ruleset shows as typed");
    }

    #[test]
    fn vietnamese_text_is_kept_as_is() {
        assert_eq!(esc("Tiêu chí thành phần 1.1 — tối đa 0,5 điểm"), "Tiêu chí thành phần 1.1 — tối đa 0,5 điểm");
        let mut out = String::from("đã có ");
        escape_into(&mut out, "ở <đây>");
        assert_eq!(out, "đã có ở &lt;đây&gt;", "appends");
    }

    proptest! {
        // PROPTEST_CASES overrides the quick default, for long fuzzing runs.
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200), ..ProptestConfig::default() })]

        /// Ruleset text put into the page's markup (the contents tree is one HTML
        /// string): nothing in it can open a tag, end an attribute value or start
        /// an entry of its own, and the browser's reading gives back the text.
        #[test]
        fn escaped_text_is_inert_and_reads_back(text in r#"([<>&"'a-zđ ;#]|&amp;|&lt;|<script>|\x00|\PC){0,40}"#) {
            let mut html = String::from("<p title=\"");
            escape_into(&mut html, &text);
            html.push_str("\">");
            let inner = &html["<p title=\"".len()..html.len() - 2];
            prop_assert!(!inner.contains(['<', '>', '"', '\'']), "{:?} → {:?}", text, inner);
            // Every '&' starts one of the five references written, and undoing them gives the text back.
            let back = inner.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
            prop_assert!(back.split('&').skip(1).all(|rest| rest.starts_with("amp;")), "{:?}", inner);
            prop_assert_eq!(back.replace("&amp;", "&"), text);
        }
    }
}
