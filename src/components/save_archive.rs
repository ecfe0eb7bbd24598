//! The archive view's control that saves every issue for reading offline.
//!
//! It asks the service worker how much of the archive it keeps and says so, with the size the
//! rest would take, before the reader decides; a click has the worker fetch every data file
//! it lacks, with progress, and the control says when that is done or what failed. The worker
//! does the work (xtask/src/service_worker.js), the page only talks to it ([`crate::sw`]).
//! Where there is no worker (`file://`, a frame, a browser without service workers, a build
//! without one) it says that saving is not available here.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::sw::{self, OfflineNews, OfflineStatus};

/// How long the control waits for the worker's first answer before it says saving is not
/// available (a browser that refused to keep a worker, in private mode say).
const ANSWER_TIMEOUT_MS: u32 = 15_000;

/// Where the control stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Saving {
    /// Waiting for the worker's answer.
    Asking,
    /// No worker here.
    Unavailable,
    /// What is kept, before any save.
    Known(OfflineStatus),
    /// A save under way: files done, files to do.
    Running(u64, u64),
    /// A save ended with everything kept.
    Done(OfflineStatus),
    /// A save ended with files missing: how much is kept, and what to tell the reader.
    Failed(OfflineStatus, String),
}

impl Saving {
    /// The state after the worker's `news`.
    fn hear(&self, news: OfflineNews, lang: Lang) -> Saving {
        match news {
            // A status asked for before a save does not undo the save's own news.
            OfflineNews::Status(status) if matches!(self, Saving::Asking | Saving::Unavailable | Saving::Known(_)) => {
                Saving::Known(status)
            }
            OfflineNews::Status(_) => self.clone(),
            OfflineNews::Progress(done, total) => Saving::Running(done, total),
            OfflineNews::Saved {
                status,
                failed,
                reason,
                full,
            } => {
                if full {
                    Saving::Failed(status, lang.offline_failed(lang.t().offline_storage_full))
                } else if failed > 0 || status.saved < status.issues {
                    Saving::Failed(status, lang.offline_failed(&lang.offline_failures(failed, &reason)))
                } else {
                    Saving::Done(status)
                }
            }
        }
    }
}

/// Props of [`SaveArchive`].
#[derive(Properties, PartialEq)]
pub struct SaveArchiveProps {
    /// The interface language.
    pub lang: Lang,
}

/// "Save every issue for reading offline", with the size first.
#[component]
pub fn SaveArchive(props: &SaveArchiveProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let saving = use_state(|| Saving::Asking);
    {
        let saving = saving.clone();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            let available = sw::offline_available();
            let listener = available
                .then(|| {
                    let saving = saving.clone();
                    sw::watch_offline(Callback::from(move |news| saving.set(saving.hear(news, lang))))
                })
                .flatten();
            let timeout = if listener.is_some() {
                sw::ask_offline_status();
                let saving = saving.clone();
                Some(Timeout::new(ANSWER_TIMEOUT_MS, move || {
                    if *saving == Saving::Asking {
                        saving.set(Saving::Unavailable);
                    }
                }))
            } else {
                saving.set(Saving::Unavailable);
                None
            };
            move || drop((listener, timeout))
        });
    }
    let on_save = {
        let saving = saving.clone();
        Callback::from(move |_: MouseEvent| {
            saving.set(Saving::Running(0, 0));
            sw::save_archive();
        })
    };
    let save_button = |status: &OfflineStatus, label: String| {
        html! {
            <button type="button" class="button save-archive" data-bytes={status.missing_bytes.to_string()} onclick={on_save.clone()}>
                { label }
            </button>
        }
    };
    let body = match &*saving {
        Saving::Asking => html! { <p>{ t.offline_checking }</p> },
        Saving::Unavailable => html! { <p>{ t.offline_unavailable }</p> },
        Saving::Known(status) | Saving::Done(status) if status.saved >= status.issues => html! {
            <p class="offline-done">{ lang.offline_all_saved(status.issues, status.saved_bytes) }</p>
        },
        Saving::Known(status) | Saving::Done(status) => html! {
            <>
                <p>{ lang.offline_saved(status.saved, status.issues, status.saved_bytes) }</p>
                { save_button(status, lang.save_archive(status.issues - status.saved.min(status.issues), status.missing_bytes)) }
            </>
        },
        Saving::Running(done, total) => html! {
            <>
                <p>{ lang.offline_saving(*done, *total) }</p>
                <progress max={(*total).max(1).to_string()} value={done.to_string()}></progress>
            </>
        },
        Saving::Failed(status, why) => html! {
            <>
                <p class="offline-failed" role="alert">{ why.clone() }</p>
                <p>{ lang.offline_saved(status.saved, status.issues, status.saved_bytes) }</p>
                { save_button(status, t.retry.to_string()) }
            </>
        },
    };
    html! {
        <section class="offline-save" aria-label={t.offline_title}>
            <div role="status">{ body }</div>
        </section>
    }
}
