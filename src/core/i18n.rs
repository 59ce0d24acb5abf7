//! Every word a reader sees, one table per language. Templates use `{name}` placeholders,
//! filled by [`fill`]; plural forms are chosen by the category that `Intl.PluralRules`
//! gives in the browser (see [`Plural`]).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
}

impl Lang {
    /// `en`, `fr-CA`, `DE`… → the language; unknown languages → `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The BCP 47 tag handed to `Intl` and written in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::De => &DE,
            Lang::Es => &ES,
        }
    }
}

/// A text with one form per plural category (`Intl.PluralRules` categories).
#[derive(Debug)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// `category` is what `Intl.PluralRules#select` returned (`one`, `other`, `many`…).
    pub fn pick(&self, category: &str) -> &'static str {
        if category == "one" {
            self.one
        } else {
            self.other
        }
    }
}

#[derive(Debug)]
pub struct Strings {
    pub show_spoiler: &'static str,
    pub hide_spoiler: &'static str,
    pub unnamed_spoiler: &'static str,
    pub whole_review: &'static str,
    pub spoiler_tag: &'static str,
    pub show_all_spoilers: &'static str,
    pub hide_all_spoilers: &'static str,
    pub rating: &'static str,
    pub book_by: &'static str,
    pub reviewed_by: &'static str,
    pub content_warnings: &'static str,
    pub review_of: &'static str,
    pub review: &'static str,
}

/// Tables are static: two are the same table exactly when they are the same object.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Replaces each `{name}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

static EN: Strings = Strings {
    show_spoiler: "Show spoiler: {label}",
    hide_spoiler: "Hide spoiler: {label}",
    unnamed_spoiler: "Spoiler",
    whole_review: "The whole review",
    spoiler_tag: "Spoiler",
    show_all_spoilers: "Show all spoilers",
    hide_all_spoilers: "Hide all spoilers",
    rating: "{rating} out of 5",
    book_by: "by {author}",
    reviewed_by: "Reviewed by {reviewer}",
    content_warnings: "Content warnings",
    review_of: "Review of {title}",
    review: "Review",
};

static FR: Strings = Strings {
    show_spoiler: "Afficher le spoiler : {label}",
    hide_spoiler: "Masquer le spoiler : {label}",
    unnamed_spoiler: "Spoiler",
    whole_review: "La critique entière",
    spoiler_tag: "Spoiler",
    show_all_spoilers: "Afficher tous les spoilers",
    hide_all_spoilers: "Masquer tous les spoilers",
    rating: "{rating} sur 5",
    book_by: "de {author}",
    reviewed_by: "Critique de {reviewer}",
    content_warnings: "Avertissements",
    review_of: "Critique de {title}",
    review: "Critique",
};

static DE: Strings = Strings {
    show_spoiler: "Spoiler anzeigen: {label}",
    hide_spoiler: "Spoiler verbergen: {label}",
    unnamed_spoiler: "Spoiler",
    whole_review: "Die ganze Rezension",
    spoiler_tag: "Spoiler",
    show_all_spoilers: "Alle Spoiler anzeigen",
    hide_all_spoilers: "Alle Spoiler verbergen",
    rating: "{rating} von 5",
    book_by: "von {author}",
    reviewed_by: "Rezensiert von {reviewer}",
    content_warnings: "Inhaltswarnungen",
    review_of: "Rezension zu {title}",
    review: "Rezension",
};

static ES: Strings = Strings {
    show_spoiler: "Mostrar spoiler: {label}",
    hide_spoiler: "Ocultar spoiler: {label}",
    unnamed_spoiler: "Spoiler",
    whole_review: "La reseña completa",
    spoiler_tag: "Spoiler",
    show_all_spoilers: "Mostrar todos los spoilers",
    hide_all_spoilers: "Ocultar todos los spoilers",
    rating: "{rating} de 5",
    book_by: "de {author}",
    reviewed_by: "Reseña de {reviewer}",
    content_warnings: "Advertencias de contenido",
    review_of: "Reseña de {title}",
    review: "Reseña",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_match_the_embed_contract() {
        let s = Lang::En.strings();
        assert_eq!(fill(s.show_spoiler, &[("label", "The ending")]), "Show spoiler: The ending");
        assert_eq!(fill(s.hide_spoiler, &[("label", "Spoiler")]), "Hide spoiler: Spoiler");
        assert_eq!(s.show_all_spoilers, "Show all spoilers");
        assert_eq!(s.hide_all_spoilers, "Hide all spoilers");
    }

    #[test]
    fn language_tags_resolve_to_their_primary_language() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag("es_MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("tlh"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn every_template_keeps_its_placeholder_in_every_language() {
        for lang in [Lang::En, Lang::Fr, Lang::De, Lang::Es] {
            let s = lang.strings();
            for (template, name) in [
                (s.show_spoiler, "{label}"),
                (s.hide_spoiler, "{label}"),
                (s.rating, "{rating}"),
                (s.book_by, "{author}"),
                (s.reviewed_by, "{reviewer}"),
                (s.review_of, "{title}"),
            ] {
                assert!(template.contains(name), "{lang:?}: {template}");
            }
        }
    }
}
