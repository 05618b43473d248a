//! Chấm điểm — the web app's library: every module of the pages, so that each
//! page is a thin binary (src/main.rs: the scoring page; src/bin/tong_hop.rs:
//! the office page, tong-hop/; src/bin/tham_dinh.rs: the appraisal page, tham-dinh/) built by Trunk into its own wasm, and a later
//! page reuses the same parts.
//!
//! The browser parts (Leptos views, the DOM, storage) compile for wasm32 only;
//! on the host the library is its pure part, tested natively with `cargo test`
//! without building the web stack.

pub mod html;
pub mod i18n;
pub mod ids;
pub mod sheet_markup;
pub mod tree_markup;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod appraise;
#[cfg(target_arch = "wasm32")]
pub mod evidence;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod form;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod nav;
#[cfg(target_arch = "wasm32")]
pub mod office;
#[cfg(target_arch = "wasm32")]
pub mod opener;
#[cfg(target_arch = "wasm32")]
pub mod evidence_io;
#[cfg(target_arch = "wasm32")]
pub mod rulesets;
#[cfg(target_arch = "wasm32")]
pub mod sheet;
#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod widgets;
