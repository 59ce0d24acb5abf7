//! A DOM-free copy of the host's light DOM: the shell reads the browser's nodes into this
//! tree, and the review model allow-lists it. Nothing here is trusted.

/// How deep the review's markup is read: deeper content is read as plain text, so hostile
/// pages that nest thousands of elements cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// One node of the host's HTML, as the browser parsed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Markup {
    Element {
        /// Lowercase tag name (`p`, `details`, `span`, …).
        tag: String,
        /// Attributes in document order, names lowercase.
        attrs: Vec<(String, String)>,
        children: Vec<Markup>,
    },
    Text(String),
}

impl Markup {
    pub fn element(tag: &str, attrs: &[(&str, &str)], children: Vec<Markup>) -> Self {
        Markup::Element {
            tag: tag.to_ascii_lowercase(),
            attrs: attrs
                .iter()
                .map(|(name, value)| (name.to_ascii_lowercase(), (*value).to_owned()))
                .collect(),
            children,
        }
    }

    pub fn text(text: &str) -> Self {
        Markup::Text(text.to_owned())
    }

    /// The value of an attribute, when this is an element that has it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Markup::Element { attrs, .. } => attrs
                .iter()
                .find(|(attr, _)| attr == name)
                .map(|(_, value)| value.as_str()),
            Markup::Text(_) => None,
        }
    }
}

/// `text` with each run of white space made one space, and nothing at the ends.
pub fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
