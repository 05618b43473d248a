//! The provincial office's page (tong-hop/index.html): consolidation and
//! ranking, its own wasm so the scoring page never downloads it. On the host
//! this binary is empty; the library holds everything (src/office.rs).

fn main() {
    #[cfg(target_arch = "wasm32")]
    cham_diem::office::start();
}
