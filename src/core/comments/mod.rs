//! Reader comments, kept in the reader's own browser: the model, the text format,
//! validation, the records and their merge, the stored envelope, the save path, drafts and
//! preferences. Plain Rust.

pub mod drafts;
pub mod envelope;
pub mod model;
pub mod record;
pub mod replica;
pub mod store;
pub mod sync;
pub mod text_format;
pub mod time;
pub mod validation;

pub use model::{Comment, CommentId, SortOrder, ThreadIndex};
