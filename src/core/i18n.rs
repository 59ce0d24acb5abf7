//! Every word a reader sees, one table per language. Templates use `{name}` placeholders,
//! filled by [`fill`]; plural forms are chosen by the category that `Intl.PluralRules`
//! gives in the browser.

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
    pub comments_heading_none: &'static str,
    pub comments_heading_one: &'static str,
    pub comments_heading_other: &'static str,
    pub name: &'static str,
    pub comment: &'static str,
    pub contains_spoilers: &'static str,
    pub remember_name: &'static str,
    pub post_comment: &'static str,
    pub post_reply: &'static str,
    pub reply: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub undo: &'static str,
    pub sort_comments: &'static str,
    pub oldest_first: &'static str,
    pub newest_first: &'static str,
    pub export_comments: &'static str,
    pub import_comments: &'static str,
    pub show_more_comments: &'static str,
    pub deleted_comment: &'static str,
    /// Shown before the time of the last edit: "(edited 3 minutes ago)".
    pub edited: &'static str,
    pub comment_by: &'static str,
    pub reply_to: &'static str,
    pub edit_comment: &'static str,
    pub leave_comment: &'static str,
    pub comments_note: &'static str,
    pub name_missing: &'static str,
    pub name_too_long: &'static str,
    pub comment_missing: &'static str,
    pub comment_too_long: &'static str,
    pub characters_left: &'static str,
    pub characters_over: &'static str,
    pub storage_blocked: &'static str,
    pub storage_full: &'static str,
    pub storage_damaged: &'static str,
    pub storage_newer: &'static str,
    pub not_saved_unreadable: &'static str,
    pub download_stored: &'static str,
    pub start_afresh: &'static str,
    pub comment_deleted: &'static str,
    pub imported_none: &'static str,
    pub imported_one: &'static str,
    pub imported_other: &'static str,
    pub import_not_export: &'static str,
    pub import_newer: &'static str,
    pub import_other_review: &'static str,
    pub import_unreadable: &'static str,
    pub comments_changed_elsewhere: &'static str,
    /// A notice of stored comments this version cannot show.
    pub hidden_one: &'static str,
    pub hidden_other: &'static str,
    /// After an import: records of the file that cannot be shown (kept all the same).
    pub import_hidden_one: &'static str,
    pub import_hidden_other: &'static str,
    /// Chapter-aware spoilers: the reading-progress select and its options.
    pub reading_progress: &'static str,
    pub not_started: &'static str,
    pub chapter_n: &'static str,
    pub finished: &'static str,
    /// The comment form's select, and its first option.
    pub spoils_up_to: &'static str,
    pub no_spoilers: &'static str,
    /// A spoiler's visible tag.
    pub up_to_chapter: &'static str,
    pub whole_book: &'static str,
    pub more_spoilers_one: &'static str,
    pub more_spoilers_other: &'static str,
    /// Announcements of what just happened.
    pub comment_posted: &'static str,
    pub comment_restored: &'static str,
    pub all_spoilers_shown: &'static str,
    pub all_spoilers_hidden: &'static str,
}

/// Tables are static: two are the same table exactly when they are the same object.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Replaces each `{name}` in `template` by its value, in one pass (a value that itself
/// contains `{…}` is never filled again). Unknown placeholders stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
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
    comments_heading_none: "No comments yet",
    comments_heading_one: "1 comment",
    comments_heading_other: "{count} comments",
    name: "Name",
    comment: "Comment",
    contains_spoilers: "Contains spoilers",
    remember_name: "Remember my name",
    post_comment: "Post comment",
    post_reply: "Post reply",
    reply: "Reply",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    cancel: "Cancel",
    undo: "Undo",
    sort_comments: "Sort comments",
    oldest_first: "Oldest first",
    newest_first: "Newest first",
    export_comments: "Export comments",
    import_comments: "Import comments",
    show_more_comments: "Show more comments",
    deleted_comment: "Deleted comment",
    edited: "edited",
    comment_by: "Comment by {name}",
    reply_to: "Reply to {name}",
    edit_comment: "Edit your comment",
    leave_comment: "Leave a comment",
    comments_note: "Comments stay in this browser: they are not sent anywhere.",
    name_missing: "Please enter your name.",
    name_too_long: "Your name is {over} characters too long (80 at most).",
    comment_missing: "Please write a comment.",
    comment_too_long: "Your comment is {over} characters too long (5,000 at most).",
    characters_left: "{count} characters left",
    characters_over: "{count} characters too many",
    storage_blocked: "This browser does not let the page keep data, so comments will be gone when you close it. Export them to keep a copy.",
    storage_full: "Your comment was not saved: this browser’s storage for this site is full. It is still in the form. Export your comments to keep a copy, or free some space and try again.",
    storage_damaged: "The comments saved in this browser are damaged, so nothing new can be saved over them. You can download what is stored, or start afresh (the old data is kept aside).",
    storage_newer: "These comments were saved by a newer version of this widget, so this page will not change them. You can download what is stored.",
    not_saved_unreadable: "Not saved: the stored comments cannot be changed safely (see the notice above). Your text is still in the form.",
    download_stored: "Download stored data",
    start_afresh: "Start afresh",
    comment_deleted: "Comment deleted. Undo is available for 10 seconds.",
    imported_none: "No new comments in that file: they are all here already.",
    imported_one: "1 comment imported.",
    imported_other: "{count} comments imported.",
    import_not_export: "That file is not a comments export from this widget, so nothing was imported.",
    import_newer: "That file comes from a newer version of this widget, so nothing was imported.",
    import_other_review: "That file holds the comments of another review, so nothing was imported.",
    import_unreadable: "That file could not be read, so nothing was imported.",
    comments_changed_elsewhere: "This comment was changed or deleted in another tab.",
    hidden_one: "1 saved comment could not be shown. It is kept as it was.",
    hidden_other: "{count} saved comments could not be shown. They are kept as they were.",
    import_hidden_one: "1 comment in the file could not be shown.",
    import_hidden_other: "{count} comments in the file could not be shown.",
    reading_progress: "How far have you read?",
    not_started: "Not started",
    chapter_n: "Chapter {number}",
    finished: "Finished",
    spoils_up_to: "Spoils up to",
    no_spoilers: "No spoilers",
    up_to_chapter: "Up to chapter {number}",
    whole_book: "Whole book",
    more_spoilers_one: "1 more spoiler is now shown.",
    more_spoilers_other: "{count} more spoilers are now shown.",
    comment_posted: "Comment posted.",
    comment_restored: "Comment restored.",
    all_spoilers_shown: "All spoilers are shown.",
    all_spoilers_hidden: "All spoilers are hidden.",
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
    comments_heading_none: "Aucun commentaire pour l’instant",
    comments_heading_one: "1 commentaire",
    comments_heading_other: "{count} commentaires",
    name: "Nom",
    comment: "Commentaire",
    contains_spoilers: "Contient des spoilers",
    remember_name: "Retenir mon nom",
    post_comment: "Publier le commentaire",
    post_reply: "Publier la réponse",
    reply: "Répondre",
    edit: "Modifier",
    delete: "Supprimer",
    save: "Enregistrer",
    cancel: "Annuler",
    undo: "Annuler la suppression",
    sort_comments: "Trier les commentaires",
    oldest_first: "Les plus anciens d’abord",
    newest_first: "Les plus récents d’abord",
    export_comments: "Exporter les commentaires",
    import_comments: "Importer les commentaires",
    show_more_comments: "Afficher plus de commentaires",
    deleted_comment: "Commentaire supprimé",
    edited: "modifié",
    comment_by: "Commentaire de {name}",
    reply_to: "Répondre à {name}",
    edit_comment: "Modifier votre commentaire",
    leave_comment: "Laisser un commentaire",
    comments_note: "Les commentaires restent dans ce navigateur : ils ne sont envoyés nulle part.",
    name_missing: "Veuillez indiquer votre nom.",
    name_too_long: "Votre nom dépasse de {over} caractères (80 au plus).",
    comment_missing: "Veuillez écrire un commentaire.",
    comment_too_long: "Votre commentaire dépasse de {over} caractères (5 000 au plus).",
    characters_left: "{count} caractères restants",
    characters_over: "{count} caractères en trop",
    storage_blocked: "Ce navigateur n’autorise pas la page à garder des données : les commentaires disparaîtront à la fermeture. Exportez-les pour en garder une copie.",
    storage_full: "Votre commentaire n’a pas été enregistré : l’espace de ce navigateur pour ce site est plein. Il est toujours dans le formulaire. Exportez vos commentaires pour en garder une copie, ou libérez de la place et réessayez.",
    storage_damaged: "Les commentaires enregistrés dans ce navigateur sont endommagés : rien de nouveau ne peut être enregistré par-dessus. Vous pouvez télécharger ce qui est stocké, ou repartir de zéro (les anciennes données sont mises de côté).",
    storage_newer: "Ces commentaires ont été enregistrés par une version plus récente de ce widget : cette page ne les modifiera pas. Vous pouvez télécharger ce qui est stocké.",
    not_saved_unreadable: "Non enregistré : les commentaires stockés ne peuvent pas être modifiés sans risque (voir l’avis ci-dessus). Votre texte est toujours dans le formulaire.",
    download_stored: "Télécharger les données stockées",
    start_afresh: "Repartir de zéro",
    comment_deleted: "Commentaire supprimé. Vous pouvez annuler pendant 10 secondes.",
    imported_none: "Aucun nouveau commentaire dans ce fichier : ils sont tous déjà là.",
    imported_one: "1 commentaire importé.",
    imported_other: "{count} commentaires importés.",
    import_not_export: "Ce fichier n’est pas un export de commentaires de ce widget : rien n’a été importé.",
    import_newer: "Ce fichier vient d’une version plus récente de ce widget : rien n’a été importé.",
    import_other_review: "Ce fichier contient les commentaires d’une autre critique : rien n’a été importé.",
    import_unreadable: "Ce fichier n’a pas pu être lu : rien n’a été importé.",
    comments_changed_elsewhere: "Ce commentaire a été modifié ou supprimé dans un autre onglet.",
    hidden_one: "1 commentaire enregistré n’a pas pu être affiché. Il est conservé tel quel.",
    hidden_other: "{count} commentaires enregistrés n’ont pas pu être affichés. Ils sont conservés tels quels.",
    import_hidden_one: "1 commentaire du fichier n’a pas pu être affiché.",
    import_hidden_other: "{count} commentaires du fichier n’ont pas pu être affichés.",
    reading_progress: "Où en êtes-vous de votre lecture ?",
    not_started: "Pas commencé",
    chapter_n: "Chapitre {number}",
    finished: "Terminé",
    spoils_up_to: "Dévoile jusqu’à",
    no_spoilers: "Aucun spoiler",
    up_to_chapter: "Jusqu’au chapitre {number}",
    whole_book: "Tout le livre",
    more_spoilers_one: "1 spoiler de plus est maintenant affiché.",
    more_spoilers_other: "{count} spoilers de plus sont maintenant affichés.",
    comment_posted: "Commentaire publié.",
    comment_restored: "Commentaire rétabli.",
    all_spoilers_shown: "Tous les spoilers sont affichés.",
    all_spoilers_hidden: "Tous les spoilers sont masqués.",
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
    comments_heading_none: "Noch keine Kommentare",
    comments_heading_one: "1 Kommentar",
    comments_heading_other: "{count} Kommentare",
    name: "Name",
    comment: "Kommentar",
    contains_spoilers: "Enthält Spoiler",
    remember_name: "Meinen Namen merken",
    post_comment: "Kommentar senden",
    post_reply: "Antwort senden",
    reply: "Antworten",
    edit: "Bearbeiten",
    delete: "Löschen",
    save: "Speichern",
    cancel: "Abbrechen",
    undo: "Rückgängig",
    sort_comments: "Kommentare sortieren",
    oldest_first: "Älteste zuerst",
    newest_first: "Neueste zuerst",
    export_comments: "Kommentare exportieren",
    import_comments: "Kommentare importieren",
    show_more_comments: "Weitere Kommentare anzeigen",
    deleted_comment: "Gelöschter Kommentar",
    edited: "bearbeitet",
    comment_by: "Kommentar von {name}",
    reply_to: "Antwort an {name}",
    edit_comment: "Kommentar bearbeiten",
    leave_comment: "Einen Kommentar schreiben",
    comments_note: "Kommentare bleiben in diesem Browser und werden nirgendwohin gesendet.",
    name_missing: "Bitte geben Sie Ihren Namen ein.",
    name_too_long: "Ihr Name ist {over} Zeichen zu lang (höchstens 80).",
    comment_missing: "Bitte schreiben Sie einen Kommentar.",
    comment_too_long: "Ihr Kommentar ist {over} Zeichen zu lang (höchstens 5.000).",
    characters_left: "noch {count} Zeichen",
    characters_over: "{count} Zeichen zu viel",
    storage_blocked: "Dieser Browser erlaubt der Seite nicht, Daten zu speichern: Kommentare sind beim Schließen verloren. Exportieren Sie sie, um eine Kopie zu behalten.",
    storage_full: "Ihr Kommentar wurde nicht gespeichert: Der Speicher dieses Browsers für diese Website ist voll. Er steht noch im Formular. Exportieren Sie Ihre Kommentare, um eine Kopie zu behalten, oder schaffen Sie Platz und versuchen Sie es erneut.",
    storage_damaged: "Die in diesem Browser gespeicherten Kommentare sind beschädigt, daher kann nichts Neues darüber gespeichert werden. Sie können das Gespeicherte herunterladen oder neu beginnen (die alten Daten werden aufbewahrt).",
    storage_newer: "Diese Kommentare stammen von einer neueren Version dieses Widgets, daher ändert diese Seite sie nicht. Sie können das Gespeicherte herunterladen.",
    not_saved_unreadable: "Nicht gespeichert: Die gespeicherten Kommentare können nicht sicher geändert werden (siehe Hinweis oben). Ihr Text steht noch im Formular.",
    download_stored: "Gespeicherte Daten herunterladen",
    start_afresh: "Neu beginnen",
    comment_deleted: "Kommentar gelöscht. Rückgängig ist 10 Sekunden lang möglich.",
    imported_none: "Keine neuen Kommentare in dieser Datei: Sie sind alle schon da.",
    imported_one: "1 Kommentar importiert.",
    imported_other: "{count} Kommentare importiert.",
    import_not_export: "Diese Datei ist kein Kommentar-Export dieses Widgets, daher wurde nichts importiert.",
    import_newer: "Diese Datei stammt von einer neueren Version dieses Widgets, daher wurde nichts importiert.",
    import_other_review: "Diese Datei enthält die Kommentare einer anderen Rezension, daher wurde nichts importiert.",
    import_unreadable: "Diese Datei konnte nicht gelesen werden, daher wurde nichts importiert.",
    comments_changed_elsewhere: "Dieser Kommentar wurde in einem anderen Tab geändert oder gelöscht.",
    hidden_one: "1 gespeicherter Kommentar konnte nicht angezeigt werden. Er bleibt unverändert erhalten.",
    hidden_other: "{count} gespeicherte Kommentare konnten nicht angezeigt werden. Sie bleiben unverändert erhalten.",
    import_hidden_one: "1 Kommentar aus der Datei konnte nicht angezeigt werden.",
    import_hidden_other: "{count} Kommentare aus der Datei konnten nicht angezeigt werden.",
    reading_progress: "Wie weit haben Sie gelesen?",
    not_started: "Nicht begonnen",
    chapter_n: "Kapitel {number}",
    finished: "Ausgelesen",
    spoils_up_to: "Verrät bis",
    no_spoilers: "Keine Spoiler",
    up_to_chapter: "Bis Kapitel {number}",
    whole_book: "Ganzes Buch",
    more_spoilers_one: "1 weiterer Spoiler wird jetzt gezeigt.",
    more_spoilers_other: "{count} weitere Spoiler werden jetzt gezeigt.",
    comment_posted: "Kommentar veröffentlicht.",
    comment_restored: "Kommentar wiederhergestellt.",
    all_spoilers_shown: "Alle Spoiler werden gezeigt.",
    all_spoilers_hidden: "Alle Spoiler sind verborgen.",
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
    comments_heading_none: "Aún no hay comentarios",
    comments_heading_one: "1 comentario",
    comments_heading_other: "{count} comentarios",
    name: "Nombre",
    comment: "Comentario",
    contains_spoilers: "Contiene spoilers",
    remember_name: "Recordar mi nombre",
    post_comment: "Publicar comentario",
    post_reply: "Publicar respuesta",
    reply: "Responder",
    edit: "Editar",
    delete: "Eliminar",
    save: "Guardar",
    cancel: "Cancelar",
    undo: "Deshacer",
    sort_comments: "Ordenar comentarios",
    oldest_first: "Más antiguos primero",
    newest_first: "Más recientes primero",
    export_comments: "Exportar comentarios",
    import_comments: "Importar comentarios",
    show_more_comments: "Mostrar más comentarios",
    deleted_comment: "Comentario eliminado",
    edited: "editado",
    comment_by: "Comentario de {name}",
    reply_to: "Responder a {name}",
    edit_comment: "Editar tu comentario",
    leave_comment: "Deja un comentario",
    comments_note: "Los comentarios se quedan en este navegador: no se envían a ningún sitio.",
    name_missing: "Escribe tu nombre.",
    name_too_long: "Tu nombre tiene {over} caracteres de más (80 como máximo).",
    comment_missing: "Escribe un comentario.",
    comment_too_long: "Tu comentario tiene {over} caracteres de más (5.000 como máximo).",
    characters_left: "quedan {count} caracteres",
    characters_over: "{count} caracteres de más",
    storage_blocked: "Este navegador no permite que la página guarde datos: los comentarios se perderán al cerrarla. Expórtalos para conservar una copia.",
    storage_full: "Tu comentario no se guardó: el almacenamiento de este navegador para este sitio está lleno. Sigue en el formulario. Exporta tus comentarios para conservar una copia, o libera espacio e inténtalo de nuevo.",
    storage_damaged: "Los comentarios guardados en este navegador están dañados, así que no se puede guardar nada nuevo encima. Puedes descargar lo guardado o empezar de nuevo (los datos antiguos se conservan aparte).",
    storage_newer: "Estos comentarios los guardó una versión más reciente de este widget, así que esta página no los cambiará. Puedes descargar lo guardado.",
    not_saved_unreadable: "No se guardó: los comentarios guardados no se pueden cambiar con seguridad (ver el aviso de arriba). Tu texto sigue en el formulario.",
    download_stored: "Descargar los datos guardados",
    start_afresh: "Empezar de nuevo",
    comment_deleted: "Comentario eliminado. Puedes deshacerlo durante 10 segundos.",
    imported_none: "No hay comentarios nuevos en ese archivo: ya están todos aquí.",
    imported_one: "1 comentario importado.",
    imported_other: "{count} comentarios importados.",
    import_not_export: "Ese archivo no es una exportación de comentarios de este widget, así que no se importó nada.",
    import_newer: "Ese archivo es de una versión más reciente de este widget, así que no se importó nada.",
    import_other_review: "Ese archivo contiene los comentarios de otra reseña, así que no se importó nada.",
    import_unreadable: "No se pudo leer ese archivo, así que no se importó nada.",
    comments_changed_elsewhere: "Este comentario se cambió o eliminó en otra pestaña.",
    hidden_one: "No se pudo mostrar 1 comentario guardado. Se conserva tal como estaba.",
    hidden_other: "No se pudieron mostrar {count} comentarios guardados. Se conservan tal como estaban.",
    import_hidden_one: "No se pudo mostrar 1 comentario del archivo.",
    import_hidden_other: "No se pudieron mostrar {count} comentarios del archivo.",
    reading_progress: "¿Hasta dónde has leído?",
    not_started: "Sin empezar",
    chapter_n: "Capítulo {number}",
    finished: "Terminado",
    spoils_up_to: "Desvela hasta",
    no_spoilers: "Sin spoilers",
    up_to_chapter: "Hasta el capítulo {number}",
    whole_book: "Todo el libro",
    more_spoilers_one: "Ahora se muestra 1 spoiler más.",
    more_spoilers_other: "Ahora se muestran {count} spoilers más.",
    comment_posted: "Comentario publicado.",
    comment_restored: "Comentario restaurado.",
    all_spoilers_shown: "Se muestran todos los spoilers.",
    all_spoilers_hidden: "Todos los spoilers están ocultos.",
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
        let comment_names = [
            s.name, s.comment, s.contains_spoilers, s.remember_name, s.post_comment, s.comments_heading_none,
            s.comments_heading_one, s.reply, s.edit, s.delete, s.sort_comments, s.oldest_first, s.newest_first,
            s.export_comments, s.import_comments, s.undo,
        ];
        assert_eq!(
            comment_names,
            [
                "Name", "Comment", "Contains spoilers", "Remember my name", "Post comment", "No comments yet",
                "1 comment", "Reply", "Edit", "Delete", "Sort comments", "Oldest first", "Newest first",
                "Export comments", "Import comments", "Undo",
            ]
        );
        assert_eq!(fill(s.comments_heading_other, &[("count", "12")]), "12 comments");
        let chapter_names = [s.reading_progress, s.not_started, s.finished, s.spoils_up_to, s.no_spoilers, s.whole_book];
        assert_eq!(chapter_names, ["How far have you read?", "Not started", "Finished", "Spoils up to", "No spoilers", "Whole book"]);
        assert_eq!(fill(s.chapter_n, &[("number", "12")]), "Chapter 12");
        assert_eq!(fill(s.up_to_chapter, &[("number", "12")]), "Up to chapter 12");
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
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
