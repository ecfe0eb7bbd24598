//! The embedded issue: postcard bytes written by `build.rs`, decoded once at start-up.

use std::rc::Rc;

use bulletin::model::Issue;

static ISSUE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/issue.postcard"));

/// Decodes the embedded issue; an error names what went wrong instead of panicking.
pub fn embedded_issue() -> Result<Rc<Issue>, String> {
    postcard::from_bytes::<Issue>(ISSUE_BYTES)
        .map(Rc::new)
        .map_err(|error| format!("the embedded issue could not be read: {error}"))
}
