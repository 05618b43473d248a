//! Chấm điểm — the web app. The browser build (wasm32) mounts the Leptos UI;
//! on the host this binary is empty, so `cargo test` never compiles the web
//! stack and tests only the scoring core.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod form;
#[cfg(target_arch = "wasm32")]
mod nav;
#[cfg(target_arch = "wasm32")]
mod sheet;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
mod i18n;

fn main() {
    #[cfg(target_arch = "wasm32")]
    app::start();
}
