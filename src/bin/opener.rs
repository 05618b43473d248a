//! The worker that opens files handed in (src/opener.rs): its own wasm,
//! downloaded when a file is first opened, never at the scoring page's start.

fn main() {
    #[cfg(target_arch = "wasm32")]
    cham_diem::opener::serve();
}
