//! Hydration in chunks: what lies below the first screen takes the pre-rendered page over one
//! piece per browser task, after the first render, so no task of the start-up hydrates the
//! whole issue at once (issue 16: no start-up task over 50 ms on a phone).
//!
//! [`later`] wraps a piece in a `Suspense` whose child suspends while the app hydrates: Yew
//! then leaves the pre-rendered nodes in the page (the reader sees and scrolls them as before)
//! and hydrates the piece in a copy of them when its turn comes, one piece per
//! `setTimeout(0)` task, in the page's order, then swaps the copy in. Outside hydration
//! (the pre-rendering itself, an issue rendered in the browser) nothing waits.
//!
//! The page is marked ready (`data-ready`, which the tests wait for) only once every piece has
//! hydrated: [`when_settled`].

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use yew::prelude::*;
use yew::suspense::{Suspension, SuspensionHandle, SuspensionResult};

use crate::dom;

thread_local! {
    /// Whether the app is hydrating the pre-rendered page: set by [`begin_hydration`] until the
    /// last waiting piece has hydrated, so the pieces inside a piece wait for turns of their own.
    static HYDRATING: Cell<bool> = const { Cell::new(false) };
    /// The pieces waiting for their turn, in the page's order.
    static QUEUE: RefCell<VecDeque<SuspensionHandle>> = const { RefCell::new(VecDeque::new()) };
    /// Whether a task that hydrates the next piece is scheduled.
    static PUMPING: Cell<bool> = const { Cell::new(false) };
    /// What runs once every piece has hydrated.
    static SETTLED: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Called just before the app hydrates: the pieces [`later`] wraps while the app hydrates
/// wait for their turn; those of renders after it do not.
pub fn begin_hydration() {
    HYDRATING.set(true);
    // The first render runs in this task's microtasks; when it left no piece waiting, the
    // hydration is over in the next task.
    dom::in_next_task(|| {
        if !PUMPING.get() {
            HYDRATING.set(false);
        }
    });
}

/// Runs `f` once every waiting piece has hydrated (at once when none waits).
pub fn when_settled(f: impl FnOnce() + 'static) {
    let waiting = PUMPING.get() || QUEUE.with_borrow(|queue| !queue.is_empty());
    if waiting {
        SETTLED.with_borrow_mut(|settled| settled.push(Box::new(f)));
    } else {
        f();
    }
}

/// `children`, hydrated in a task of their own after the first render when the app hydrates.
pub fn later(children: Html) -> Html {
    html! {
        <Suspense fallback={Html::default()}>
            <Later>{ children }</Later>
        </Suspense>
    }
}

/// Props of [`Later`].
#[derive(Properties, PartialEq)]
struct LaterProps {
    children: Html,
}

#[component]
fn Later(props: &LaterProps) -> HtmlResult {
    use_turn()?;
    Ok(props.children.clone())
}

/// Suspends a component made while the app hydrates until its turn.
#[hook]
fn use_turn() -> SuspensionResult<()> {
    let waiting = use_state(|| HYDRATING.get().then(enqueue));
    match &*waiting {
        Some(suspension) if !suspension.resumed() => Err(suspension.clone()),
        _ => Ok(()),
    }
}

/// A suspension that resumes at its turn.
fn enqueue() -> Suspension {
    let (suspension, handle) = Suspension::new();
    QUEUE.with_borrow_mut(|queue| queue.push_back(handle));
    if !PUMPING.get() {
        PUMPING.set(true);
        dom::in_next_task(pump);
    }
    suspension
}

/// Hydrates the next piece (its render runs in this task's microtasks), and schedules the one
/// after it, or what waits for every piece.
fn pump() {
    let next = QUEUE.with_borrow_mut(VecDeque::pop_front);
    match next {
        Some(handle) => {
            handle.resume();
            dom::in_next_task(pump);
        }
        None => {
            PUMPING.set(false);
            HYDRATING.set(false);
            let settled = SETTLED.with_borrow_mut(std::mem::take);
            for f in settled {
                f();
            }
        }
    }
}
