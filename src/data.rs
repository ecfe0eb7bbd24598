//! The embedded issue: postcard bytes written by `build.rs`, decoded once at start-up.

use std::rc::Rc;

use bulletin::model::Issue;

static ISSUE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/issue.postcard"));

/// Decodes the embedded issue; an error names what went wrong instead of panicking.
pub fn embedded_issue() -> Result<Rc<Issue>, String> {
    decode(ISSUE_BYTES).map(Rc::new)
}

/// Decodes an issue from postcard bytes.
pub fn decode(bytes: &[u8]) -> Result<Issue, String> {
    postcard::from_bytes::<Issue>(bytes).map_err(|error| format!("the embedded issue could not be read: {error}"))
}
