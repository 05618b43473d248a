//! The scoring page (index.html): mounts the app. On the host this binary is
//! empty; the library holds everything (src/lib.rs).

fn main() {
    #[cfg(target_arch = "wasm32")]
    cham_diem::app::start();
}
