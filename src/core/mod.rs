//! The pure core: everything here is plain Rust, free of `web_sys`, and tested natively.

pub mod config;
pub mod hash;
pub mod comments;
pub mod i18n;
pub mod json;
pub mod markup;
pub mod progress;
pub mod review;
pub mod url;
