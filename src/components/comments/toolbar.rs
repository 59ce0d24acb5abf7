//! The tools above the list: the sort order, export and import.

use super::actions::Actions;
use super::env::CommentsEnv;
use crate::components::button;
use crate::core::comments::SortOrder;
use crate::shell::files;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub fn toolbar(env: &CommentsEnv, actions: &Actions, order: SortOrder, file_input: &NodeRef) -> Html {
    let strings = env.strings;
    let onsort = actions
        .onsort
        .reform(|event: Event| SortOrder::parse(&event.target_unchecked_into::<HtmlSelectElement>().value()));
    let onimportclick = {
        let input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onfile = {
        let onimport = actions.onimport.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let onimport = onimport.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(text) = files::read_chosen_file(&input).await {
                    onimport.emit(text);
                }
            });
        })
    };
    html! {
        <div class="rw-comments-toolbar">
            <label class="rw-sort">
                { strings.sort_comments }
                <select onchange={onsort}>
                    <option value="oldest" selected={order == SortOrder::OldestFirst}>{ strings.oldest_first }</option>
                    <option value="newest" selected={order == SortOrder::NewestFirst}>{ strings.newest_first }</option>
                </select>
            </label>
            { button("rw-button", strings.export_comments, actions.onexport.reform(|_| ())) }
            { button("rw-button", strings.import_comments, onimportclick) }
            <input type="file" accept=".json,application/json" class="rw-hidden-input" ref={file_input.clone()}
                onchange={onfile} tabindex="-1" aria-hidden="true" />
        </div>
    }
}
