//! The appraisal page (tham-dinh/index.html): the council's rounds, the
//! agency's response, the merge of parts; its own wasm so the scoring page
//! never downloads it. On the host this binary is empty; the library holds
//! everything (src/appraise.rs).

fn main() {
    #[cfg(target_arch = "wasm32")]
    cham_diem::appraise::start();
}
