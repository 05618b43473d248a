//! Parts shared by the pages in folders of their own (the appraisal page
//! and the office page): who signs the stage a page writes.

use crate::store;
use chamdiem_core::record::Signer;
use leptos::prelude::*;

/// "Người thực hiện": unit and name, kept in the signal and remembered in
/// this browser for the next time (either page).
pub fn signer_fieldset(signer: RwSignal<Signer>, legend: &'static str, hint: &'static str, unit: &'static str, person: &'static str) -> impl IntoView {
    let s = signer.get_untracked();
    let set = move |f: &dyn Fn(&mut Signer)| {
        signer.update(|s| f(s));
        store::set_signer(&signer.get_untracked());
    };
    view! {
        <fieldset class="signer">
            <legend>{legend}</legend>
            <p class="hint">{hint}</p>
            <label for="signer-unit">{unit}</label>
            <input id="signer-unit" type="text" autocomplete="organization" prop:value=s.unit
                on:input=move |ev| { let v = event_target_value(&ev); set(&|s: &mut Signer| s.unit = v.clone()) } />
            <label for="signer-person">{person}</label>
            <input id="signer-person" type="text" autocomplete="name" prop:value=s.person
                on:input=move |ev| { let v = event_target_value(&ev); set(&|s: &mut Signer| s.person = v.clone()) } />
        </fieldset>
    }
}
