//! review-widget: an embeddable book-review widget.
//!
//! * [`core`]: plain Rust, no browser: the review model, spoilers, `redact`, comments, i18n.
//! * `shell` (wasm only): the thin layer that talks to the browser (light DOM, storage, `Intl`).
//! * `components` (wasm only): the Yew components that render a widget into its shadow root.
//! * `mount` (wasm only): the entry `embed.js` calls; it wires the shell and the components.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod mount;
#[cfg(target_arch = "wasm32")]
pub mod shell;

/// The allocator of the wasm build: smaller than the default and faster on the comment store's
/// many small strings.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
