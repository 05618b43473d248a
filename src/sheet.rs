//! The printed score sheet in the page: its markup (`sheet_markup`, one
//! string) set into `<section class="sheet">`, rendered on demand (it is a
//! snapshot), shown on screen as a preview and alone on paper (print.css).

use crate::files::{now_iso, show_time};
use crate::form::Form;
use crate::sheet_markup::sheet_inner_html;
use chamdiem_core::Lang;
use leptos::prelude::*;
use std::sync::Arc;

pub fn sheet_view(form: Arc<Form>, l: Lang) -> impl IntoView {
    let today = show_time(&now_iso());
    let today = today.split(' ').next().unwrap_or("").to_string();
    let html = form.draft.with_value(|d| form.snapshot(|s| sheet_inner_html(s, d, &today, l)));
    view! { <section class="sheet" aria-labelledby="sheet-h" inner_html=html></section> }
}
