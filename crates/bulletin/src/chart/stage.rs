//! How far a chart's canvas is on its way from the pre-rendered SVG to its first draw.
//!
//! The pre-rendered page shows every chart as SVG. A new canvas at devicePixelRatio 2 costs the
//! browser tens of milliseconds of one-off work (its backing store, the chart's fonts, a frame
//! that paints it), which would make the page's start-up a long task on a phone, so the viewer
//! leaves a chart's SVG in place until the chart comes near the view, then waits for the
//! browser to be idle, has it do that work in a task of its own, waits for it to be idle
//! again, and only then draws (docs/benchmark.md). A chart the reader never scrolls near costs
//! no canvas at all. [`CanvasStage`] is that sequence as one value; the viewer's
//! component only reports what happened ([`StageEvent`]) and does what the stage asks
//! ([`CanvasStage::work`]).

/// How far a chart's canvas is on its way to its first draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CanvasStage {
    /// The chart is not near the view (or not known to be yet); the SVG shows it.
    #[default]
    Far,
    /// Near the view, waiting for the browser to be idle; the SVG shows the chart.
    Waiting,
    /// Idle once: the canvas gets its size and the browser does its one-off work for it, in a
    /// task of its own; then the canvas waits for the browser to be idle again.
    SetUp,
    /// Idle again: the canvas is drawn as soon as it can be (it has a width and is shown).
    Draw,
    /// Drawn at least once: the canvas has replaced the SVG, and is drawn again whenever what it
    /// shows changes.
    Drawn,
}

/// What happened to a chart's canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageEvent {
    /// The chart came near the view.
    Near,
    /// The browser was idle (or the wait for it timed out).
    Idle,
    /// The chart was drawn on the canvas.
    Drew,
}

/// What a chart's canvas does whenever what it shows, or its size, changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CanvasWork {
    /// Size the canvas and have the browser do its one-off work for it, drawing nothing; then
    /// wait for the browser to be idle.
    SetUp,
    /// Size the canvas and draw the chart.
    Draw,
}

impl CanvasStage {
    /// The stage after `event`. Coming near the view starts the wait for the browser to be
    /// idle; idle moves the canvas on from waiting to being set up, and from being set up to
    /// drawing; a draw makes it drawn. Anything else leaves it where it is: a chart far from
    /// the view does nothing when the browser is idle, a late idle callback changes nothing
    /// once the canvas draws, and nothing is drawn before the canvas is set up.
    pub fn next(self, event: StageEvent) -> CanvasStage {
        match (self, event) {
            (CanvasStage::Far, StageEvent::Near) => CanvasStage::Waiting,
            (CanvasStage::Waiting, StageEvent::Idle) => CanvasStage::SetUp,
            (CanvasStage::SetUp, StageEvent::Idle) => CanvasStage::Draw,
            (CanvasStage::Draw, StageEvent::Drew) => CanvasStage::Drawn,
            (stage, _) => stage,
        }
    }

    /// What the canvas does at this stage when what it shows changes: nothing while far or
    /// waiting, its set-up, or a draw. Drawing and drawn ask for the same work, so the first draw does
    /// not bring a second one with it.
    pub fn work(self) -> Option<CanvasWork> {
        match self {
            CanvasStage::Far | CanvasStage::Waiting => None,
            CanvasStage::SetUp => Some(CanvasWork::SetUp),
            CanvasStage::Draw | CanvasStage::Drawn => Some(CanvasWork::Draw),
        }
    }

    /// Whether the canvas has been drawn: it then shows the chart instead of the SVG, and can
    /// be saved as an image.
    pub fn is_drawn(self) -> bool {
        self == CanvasStage::Drawn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(events: &[StageEvent], expected: CanvasStage) {
        let stage = events
            .iter()
            .fold(CanvasStage::default(), |stage, event| stage.next(*event));
        assert_eq!(stage, expected, "after {events:?}");
    }

    #[test]
    fn a_canvas_near_the_view_waits_for_two_idle_moments_then_draws() {
        use StageEvent::{Drew, Idle, Near};
        check(&[], CanvasStage::Far);
        check(&[Near], CanvasStage::Waiting);
        check(&[Near, Idle], CanvasStage::SetUp);
        check(&[Near, Idle, Idle], CanvasStage::Draw);
        check(&[Near, Idle, Idle, Drew], CanvasStage::Drawn);
    }

    #[test]
    fn a_canvas_far_from_the_view_stays_unset_however_idle_the_browser() {
        use StageEvent::{Drew, Idle, Near};
        check(&[Idle], CanvasStage::Far);
        check(&[Idle, Idle, Drew], CanvasStage::Far);
        check(&[Idle, Idle, Near], CanvasStage::Waiting);
    }

    #[test]
    fn nothing_is_drawn_before_the_set_up() {
        use StageEvent::{Drew, Idle, Near};
        check(&[Near, Drew], CanvasStage::Waiting);
        check(&[Near, Idle, Drew], CanvasStage::SetUp);
    }

    #[test]
    fn late_idle_callbacks_redraws_and_nearness_change_nothing() {
        use StageEvent::{Drew, Idle, Near};
        check(&[Near, Idle, Idle, Idle], CanvasStage::Draw);
        check(&[Near, Idle, Idle, Drew, Idle], CanvasStage::Drawn);
        check(&[Near, Idle, Idle, Drew, Drew], CanvasStage::Drawn);
        check(&[Near, Near, Idle, Near, Idle, Near], CanvasStage::Draw);
    }

    #[test]
    fn the_work_of_each_stage() {
        assert_eq!(CanvasStage::Far.work(), None);
        assert_eq!(CanvasStage::Waiting.work(), None);
        assert_eq!(CanvasStage::SetUp.work(), Some(CanvasWork::SetUp));
        assert_eq!(CanvasStage::Draw.work(), Some(CanvasWork::Draw));
        assert_eq!(CanvasStage::Drawn.work(), Some(CanvasWork::Draw));
    }

    #[test]
    fn only_a_drawn_canvas_replaces_the_svg() {
        assert!(!CanvasStage::Far.is_drawn());
        assert!(!CanvasStage::Waiting.is_drawn());
        assert!(!CanvasStage::SetUp.is_drawn());
        assert!(!CanvasStage::Draw.is_drawn());
        assert!(CanvasStage::Drawn.is_drawn());
    }
}
