//! Hydration in chunks: after the first render, which only starts Yew and claims the page
//! (`app::Root`), the app's frame and then the pieces of the page take the pre-rendered page
//! over in browser tasks of their own, so no task of the start-up hydrates the whole page at
//! once (issue 16: no start-up task over 50 ms on a phone).
//!
//! [`later`] wraps a piece in a `Suspense` whose child suspends while the app hydrates: the
//! pre-rendered nodes stay in the page as they are (the reader sees and scrolls them as
//! before), and the piece hydrates them in place when its turn comes. Pieces take turns in the
//! order they were made: a piece inside another (a part of the issue, an article, a table's
//! chart) is queued when the outer one hydrates, after those waiting already. Hydrating in
//! place is Yew patched (`vendor/yew/PATCHED.md`): upstream hydrates a copy and swaps it in,
//! which made the browser lay each piece out again. A task hydrates pieces for at most about
//! 8 ms, then gives the browser a turn. Outside hydration (the pre-rendering itself, an issue
//! rendered in the browser) nothing waits.
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
    /// When the slice of the piece whose turn it is began, until that piece has hydrated.
    static SLICE: Cell<Option<f64>> = const { Cell::new(None) };
    /// The turn's stall timer; a new turn's replaces it, which cancels it, and the last piece's
    /// is cancelled once every piece has hydrated: a timer that fires is its own turn's.
    static STALL: RefCell<Option<gloo::timers::callback::Timeout>> = const { RefCell::new(None) };
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

/// What `build` makes, hydrated in a task of its own after the first render when the app
/// hydrates. It is built only then, at the piece's turn: the first render does not write the
/// markup of every piece that waits.
pub fn later(build: impl Fn() -> Html + 'static) -> Html {
    html! {
        <Suspense fallback={Html::default()}>
            <Later build={Callback::from(move |()| build())} />
        </Suspense>
    }
}

/// Props of [`Later`]. Yew compares callbacks by identity, so each render of the parent
/// renders the piece again: its raw markup changes the page only where the string differs, and
/// the components in it (tables) render again only where their props differ.
#[derive(Properties, PartialEq)]
struct LaterProps {
    build: Callback<(), Html>,
}

#[component]
fn Later(props: &LaterProps) -> HtmlResult {
    let waited = use_turn()?;
    // Effects run once the piece and everything in it has rendered: the turn is over.
    use_effect_with((), move |()| {
        if waited {
            hydrated();
        }
    });
    Ok(props.build.emit(()))
}

/// Suspends a component made while the app hydrates until its turn; then whether it waited.
#[hook]
fn use_turn() -> SuspensionResult<bool> {
    let waiting = use_state(|| HYDRATING.get().then(enqueue));
    match &*waiting {
        Some(suspension) if !suspension.resumed() => Err(suspension.clone()),
        waiting => Ok(waiting.is_some()),
    }
}

/// The piece whose turn it is has hydrated: the next one goes in this task while the slice
/// lasts, else in the next task.
fn hydrated() {
    if let Some(started) = SLICE.take() {
        if dom::now() - started < SLICE_MS {
            pump_from(started);
        } else {
            dom::in_next_task(pump);
        }
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

/// How long one task of the hydration hydrates pieces before it gives the browser a turn, in
/// milliseconds: a task stays well under the 50 ms that make a long task on a phone four times
/// slower than the machine it is measured on (as Lighthouse counts it: 16 ms slices measured
/// a total blocking time of 366 ms, 8 ms slices 206 ms, in one run each), in far fewer tasks
/// than one a piece.
const SLICE_MS: f64 = 8.0;

/// How long a piece may take to say it has hydrated before the next one goes anyway, in
/// milliseconds: a piece removed before its turn (the reader went elsewhere) never says so.
const STALL_MS: u32 = 200;

/// A task of the hydration: hydrates pieces until [`SLICE_MS`] have passed.
fn pump() {
    pump_from(dom::now());
}

/// Gives the next piece its turn, in a slice that began at `started`; the piece says when it
/// has hydrated ([`hydrated`]), which goes on with the next. Yew renders the piece in this
/// task's microtasks, or in tasks of its own when that takes long (its scheduler yields every
/// 16 ms), so the next piece never starts before this one is done. With no piece left, runs
/// what waits for every piece.
fn pump_from(started: f64) {
    let next = QUEUE.with_borrow_mut(VecDeque::pop_front);
    match next {
        Some(handle) => {
            SLICE.set(Some(started));
            // Set before the turn begins, so that the next turn's replaces it whenever that
            // comes. The next turn goes in a task of its own: not while this timer runs.
            let stall = gloo::timers::callback::Timeout::new(STALL_MS, move || {
                if SLICE.take().is_some() {
                    dom::in_next_task(pump);
                }
            });
            STALL.replace(Some(stall));
            handle.resume();
        }
        None => {
            STALL.take();
            PUMPING.set(false);
            HYDRATING.set(false);
            let settled = SETTLED.with_borrow_mut(std::mem::take);
            for f in settled {
                f();
            }
        }
    }
}
