//! Comments in a real browser with real `localStorage`: post, reply, edit, delete and undo,
//! drafts, sort, validation; the storage telling its own writes from other writers'. Run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use review_widget::core::comments::envelope;
use review_widget::core::comments::replica::Replica;
use review_widget::core::comments::store::{comments_key, KeyValueStore};
use review_widget::core::comments::{Comment, CommentId};
use review_widget::shell::local_store::LocalStore;
use support::browser::{button_in, local_storage, mount_widget, settle, type_into, Mounted};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A comment as another reader stored it earlier.
fn stored_comment(id: &str, body: &str, created: i64) -> Comment {
    Comment::new(CommentId(id.into()), None, "Bea".into(), body.into(), false, created, "earlier")
}

/// The envelope text of `comments`, as a store holds them.
fn envelope_of(review_id: &str, comments: Vec<Comment>) -> String {
    envelope::to_text(review_id, &Replica::from_records(comments, Vec::new()))
}

async fn widget(name: &str) -> (Mounted, String) {
    let id = format!("{name}-{}", (js_sys::Math::random() * 1e9) as u64);
    let w = mount_widget(&[("review-id", &id), ("book-title", "A Book"), ("lang", "en")], "<p>Review.</p>").await;
    (w, id)
}

/// Every record stored for the review, tombstones included.
fn stored(id: &str) -> Vec<Comment> {
    let text = local_storage().get_item(&comments_key(id)).unwrap().unwrap();
    let envelope = envelope::from_text(&text).expect("a readable envelope");
    envelope.replica.records().iter().map(|c| (**c).clone()).collect()
}

async fn fill(w: &Mounted, name: &str, body: &str) {
    type_into(&w.field("Leave a comment", "Name"), name);
    type_into(&w.field("Leave a comment", "Comment"), body);
    settle().await;
}

async fn post(w: &Mounted, name: &str, body: &str) {
    fill(w, name, body).await;
    button_in(&w.form("Leave a comment"), "Post comment").click();
    settle().await;
}

#[wasm_bindgen_test]
async fn posting_shows_the_comment_and_stores_it() {
    let (w, id) = widget("post").await;
    assert_eq!(w.heading_text(), "No comments yet");
    post(&w, "Ann", "First <b>thoughts</b> ||the twist||").await;
    assert_eq!(w.heading_text(), "1 comment");
    let article = w.comment("First");
    assert!(article.text_content().unwrap().contains("Ann"));
    assert!(article.query_selector("b").unwrap().is_none(), "markup is shown as text");
    assert!(article.text_content().unwrap().contains("First <b>thoughts</b>"));
    assert!(!article.text_content().unwrap().contains("the twist"), "the inline spoiler is hidden");
    assert!(article.query_selector("time[datetime]").unwrap().is_some());
    let comments = stored(&id);
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author, "Ann");
    assert_eq!(comments[0].body, "First <b>thoughts</b> ||the twist||");
    let field = w.field("Leave a comment", "Comment");
    assert_eq!(field.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).as_deref(), Some(""));
    w.unmount();
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
async fn invalid_input_is_explained_at_the_field_and_nothing_is_lost() {
    let (w, id) = widget("invalid").await;
    type_into(&w.field("Leave a comment", "Comment"), "Kept text");
    settle().await;
    button_in(&w.form("Leave a comment"), "Post comment").click();
    settle().await;
    let name = w.field("Leave a comment", "Name");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let error_id = name.get_attribute("aria-describedby").expect("the error is tied to the field");
    let error = w.root.get_element_by_id(&error_id).unwrap();
    assert_eq!(error.text_content().unwrap(), "Please enter your name.");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    let body = w.field("Leave a comment", "Comment");
    assert_eq!(body.dyn_ref::<web_sys::HtmlTextAreaElement>().unwrap().value(), "Kept text");
    assert!(local_storage().get_item(&comments_key(&id)).unwrap().is_none());
    type_into(&w.field("Leave a comment", "Name"), "Ann");
    type_into(&body, &"x".repeat(5003));
    settle().await;
    assert!(w.text().contains("3 characters too many"));
    button_in(&w.form("Leave a comment"), "Post comment").click();
    settle().await;
    assert!(w.text().contains("Your comment is 3 characters too long (5,000 at most)."));
    w.unmount();
}

#[wasm_bindgen_test]
async fn replies_nest_and_edit_and_delete_with_undo_work() {
    let (w, id) = widget("thread").await;
    post(&w, "Ann", "Top comment").await;
    button_in(&w.comment("Top comment"), "Reply").click();
    settle().await;
    type_into(&w.field("Reply to Ann", "Comment"), "A reply");
    settle().await;
    button_in(&w.form("Reply to Ann"), "Post reply").click();
    settle().await;
    assert_eq!(w.heading_text(), "2 comments");
    let reply = w.comment("A reply");
    assert_eq!(reply.parent_element().unwrap().class_name(), "rw-replies");
    let comments = stored(&id);
    let top = comments.iter().find(|c| c.body == "Top comment").unwrap();
    assert_eq!(comments.iter().find(|c| c.body == "A reply").unwrap().parent.as_ref(), Some(&top.id));

    // Edit the reply.
    button_in(&reply, "Edit").click();
    settle().await;
    type_into(&w.field("Edit your comment", "Comment"), "An edited reply");
    settle().await;
    button_in(&w.form("Edit your comment"), "Save").click();
    settle().await;
    let edited = w.comment("An edited reply");
    assert!(edited.text_content().unwrap().contains("edited"));
    assert!(stored(&id).iter().any(|c| c.body == "An edited reply" && c.edited.is_some()));

    // Delete the top comment: its reply stays under a placeholder; Undo restores it.
    button_in(&w.comment("Top comment"), "Delete").click();
    settle().await;
    assert!(w.text().contains("Deleted comment"));
    assert!(w.text().contains("An edited reply"));
    assert_eq!(w.heading_text(), "1 comment");
    let status = w.query(".rw-comments .rw-status").unwrap();
    assert!(status.text_content().unwrap().contains("Comment deleted."));
    button_in(&status, "Undo").click();
    settle().await;
    assert!(w.text().contains("Top comment"));
    assert_eq!(w.heading_text(), "2 comments");
    assert!(stored(&id).iter().all(|c| !c.deleted));
    w.unmount();
}

#[wasm_bindgen_test]
async fn a_draft_survives_a_remount_and_posting_clears_it() {
    let (w, id) = widget("draft").await;
    fill(&w, "Ann", "Half-written thought").await;
    // The draft is saved when the form goes away (and 400 ms after typing stops).
    w.unmount();
    let again = mount_widget(&[("review-id", &id), ("lang", "en")], "<p>Review.</p>").await;
    let body = again.field("Leave a comment", "Comment");
    assert_eq!(body.dyn_ref::<web_sys::HtmlTextAreaElement>().unwrap().value(), "Half-written thought");
    let name = again.field("Leave a comment", "Name");
    assert_eq!(name.dyn_ref::<web_sys::HtmlInputElement>().unwrap().value(), "Ann");
    button_in(&again.form("Leave a comment"), "Post comment").click();
    settle().await;
    assert!(local_storage().get_item(&format!("review-widget:v1:{id}:drafts")).unwrap().is_none());
    again.unmount();
}

#[wasm_bindgen_test]
async fn sort_order_is_applied_and_remembered() {
    let id = format!("sort-{}", (js_sys::Math::random() * 1e9) as u64);
    let older = stored_comment("older", "Older comment", 1_600_000_000_000);
    local_storage().set_item(&comments_key(&id), &envelope_of(&id, vec![older])).unwrap();
    let w = mount_widget(&[("review-id", &id), ("lang", "en")], "<p>Review.</p>").await;
    post(&w, "Ann", "Newer comment").await;
    let order = |w: &Mounted| {
        w.query_all(".rw-comment-list > article .rw-comment-body").iter().map(|b| b.text_content().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(order(&w), vec!["Older comment", "Newer comment"]);
    let select: web_sys::HtmlSelectElement = w.query("select").unwrap().dyn_into().unwrap();
    select.set_value("newest");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert_eq!(order(&w), vec!["Newer comment", "Older comment"]);
    assert_eq!(local_storage().get_item("review-widget:v1:sort").unwrap().as_deref(), Some("newest"));
    w.unmount();
    let again = mount_widget(&[("review-id", &id), ("lang", "en")], "<p>Review.</p>").await;
    assert_eq!(order(&again), vec!["Newer comment", "Older comment"]);
    local_storage().remove_item("review-widget:v1:sort").unwrap();
    again.unmount();
}

#[wasm_bindgen_test]
async fn remember_my_name_prefills_other_reviews() {
    let (w, _) = widget("remember").await;
    fill(&w, "Remembered Reader", "Hello").await;
    let remember = w.field("Leave a comment", "Remember my name");
    remember.click();
    settle().await;
    button_in(&w.form("Leave a comment"), "Post comment").click();
    settle().await;
    assert_eq!(local_storage().get_item("review-widget:v1:name").unwrap().as_deref(), Some("Remembered Reader"));
    w.unmount();
    let (other, _) = widget("remember-elsewhere").await;
    let name = other.field("Leave a comment", "Name");
    assert_eq!(name.dyn_ref::<web_sys::HtmlInputElement>().unwrap().value(), "Remembered Reader");
    local_storage().remove_item("review-widget:v1:name").unwrap();
    other.unmount();
}

#[wasm_bindgen_test]
async fn a_spoiler_comment_is_collapsed_behind_a_named_button() {
    let (w, _) = widget("spoiler-comment").await;
    fill(&w, "Ann", "The ending broke me").await;
    w.field("Leave a comment", "Contains spoilers").click();
    settle().await;
    button_in(&w.form("Leave a comment"), "Post comment").click();
    settle().await;
    assert!(!w.text().contains("The ending broke me"));
    let button = w.button("Show spoiler: Comment by Ann").expect("a named spoiler button");
    button.click();
    settle().await;
    assert!(w.text().contains("The ending broke me"));
    w.unmount();
}

#[wasm_bindgen_test]
async fn large_stores_show_twenty_threads_then_fifty_more_and_your_new_comment_always() {
    let id = format!("paging-{}", (js_sys::Math::random() * 1e9) as u64);
    let comments: Vec<_> = (0..80)
        .map(|i| stored_comment(&format!("c{i:02}"), &format!("Stored comment {i}"), 1_600_000_000_000 + i))
        .collect();
    local_storage().set_item(&comments_key(&id), &envelope_of(&id, comments)).unwrap();
    let w = mount_widget(&[("review-id", &id), ("lang", "en")], "<p>Review.</p>").await;
    let shown = |w: &Mounted| w.query_all("article.rw-comment").len();
    assert_eq!(w.heading_text(), "80 comments");
    assert_eq!(shown(&w), 20);
    // Oldest first: a new comment belongs after the hidden sixty, and is shown all the same.
    post(&w, "Ann", "Brand new").await;
    assert_eq!(shown(&w), 21);
    assert!(w.text().contains("Brand new"));
    w.button("Show more comments").expect("more to show").click();
    settle().await;
    assert_eq!(shown(&w), 71);
    w.button("Show more comments").expect("still more to show").click();
    settle().await;
    assert_eq!(shown(&w), 81);
    assert!(w.button("Show more comments").is_none());
    w.unmount();
}

#[wasm_bindgen_test]
fn the_storage_tells_its_own_last_write_from_another_writers() {
    let key = "review-widget:v1:storage-test:comments";
    let page = local_storage();
    page.remove_item(key).unwrap();
    let store = LocalStore::open().unwrap();
    assert_eq!(store.read_changed(key).unwrap(), Some(None), "the first read: nothing stored");
    assert_eq!(store.read_changed(key).unwrap(), None, "still nothing: unchanged");
    store.set(key, &"a long value ".repeat(1000)).unwrap();
    assert_eq!(store.read_changed(key).unwrap(), None, "its own write reads as unchanged");
    page.set_item(key, "written by another tab").unwrap();
    assert_eq!(store.read_changed(key).unwrap(), Some(Some("written by another tab".to_owned())));
    assert_eq!(store.read_changed(key).unwrap(), None);
    store.remove(key).unwrap();
    assert_eq!(store.read_changed(key).unwrap(), None, "its own removal reads as unchanged");
    page.set_item(key, "back again").unwrap();
    assert_eq!(store.read_changed(key).unwrap(), Some(Some("back again".to_owned())));
    page.remove_item(key).unwrap();
    assert_eq!(store.read_changed(key).unwrap(), Some(None), "removed by another writer");
}
