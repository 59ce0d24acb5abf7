//! What the comments section tells a reader about their storage: blocked, unreadable (with
//! a way out that keeps the old value), and stored comments that cannot be shown.

use super::actions::Actions;
use super::env::CommentsEnv;
use crate::components::button;
use crate::core::comments::envelope::Unreadable;
use yew::prelude::*;

/// How sharing goes, when it does not go well (sync build only).
fn sharing(env: &CommentsEnv) -> Html {
    #[cfg(feature = "sync")]
    if let Some(sharing) = &env.sharing {
        use super::sharing::Health;
        let template = match sharing.health.get() {
            Health::Working => return Html::default(),
            Health::Paused => env.strings.sharing_paused,
            Health::Refused => env.strings.sharing_refused,
        };
        let text = crate::core::i18n::fill(template, &[("host", &sharing.host)]);
        return html! { <p class="rw-notice" role="status">{ text }</p> };
    }
    let _ = env;
    Html::default()
}

pub fn notices(env: &CommentsEnv, actions: &Actions, problem: Option<&Unreadable>, hidden: usize) -> Html {
    let strings = env.strings;
    let blocked = env.blocked.then(|| html! { <p class="rw-notice" role="status">{ strings.storage_blocked }</p> });
    let hidden = (hidden > 0).then(|| {
        html! { <p class="rw-notice" role="status">{ env.counted(hidden, &strings.hidden) }</p> }
    });
    let problem = problem.map(|problem| {
        let text = match problem {
            Unreadable::Damaged => strings.storage_damaged,
            Unreadable::Newer(_) => strings.storage_newer,
        };
        html! {
            <div class="rw-notice is-problem" role="alert">
                <p>{ text }</p>
                <div class="rw-actions">
                    { button("rw-button", strings.download_stored, actions.ondownloadraw.reform(|_| ())) }
                    { button("rw-button", strings.start_afresh, actions.onstartafresh.reform(|_| ())) }
                </div>
            </div>
        }
    });
    html! { <>{ blocked.unwrap_or_default() }{ hidden.unwrap_or_default() }{ problem.unwrap_or_default() }{ sharing(env) }</> }
}
