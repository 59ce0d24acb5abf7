//! The Yew components that draw a widget inside its shadow root.

pub mod app;
pub mod comments;
pub mod header;
pub mod heading;
pub mod progress;
pub mod review_body;
pub mod spoiler;

pub use app::{App, AppProps, Widget};
