//! Fuzz target: any bytes through the importer of printed issues (`cargo xtask import`), whose
//! modules are compiled in here from `xtask/src/import/` (they use only the core and the
//! standard library; `--cfg fuzzing` leaves out the command's glue).
//!
//! The importer must never panic. It either refuses the input with a message, or gives a
//! draft: a source that `check-bulletin` accepts, or whose every error is at a line the review
//! list names; review items that point at lines of the input and of the draft that exist;
//! and the issue it reports is the one the draft holds, when nothing was spliced into it.

#![no_main]

#[allow(dead_code)]
#[path = "../../xtask/src/import/mod.rs"]
mod import;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let draft = match import::import(data, &import::Options::default()) {
        Ok(draft) => draft,
        Err(error) => {
            assert!(!error.to_string().is_empty(), "a refusal must say why");
            return;
        }
    };
    // Lines as the importer counts them: a lone carriage return ends one too.
    let text = String::from_utf8_lossy(data).replace("\r\n", "\n");
    let input_lines = text.split(['\n', '\r']).count();
    let draft_lines = draft.source.lines().count();
    for item in &draft.review {
        let (first, last) = item.input;
        assert!(first <= last && last <= input_lines, "{item}: the input has {input_lines} lines");
        match item.draft {
            import::DraftLine::At(line) | import::DraftLine::Near(line) => {
                assert!((1..=draft_lines).contains(&line), "{item}: the draft has {draft_lines} lines")
            }
            import::DraftLine::Absent => {}
        }
        assert!(!item.message.is_empty(), "{item}: no message");
    }
    let errors = import::check(&draft);
    for (error, named) in &errors {
        assert!(named, "check-bulletin finds an error the review list does not name: {error}\n{}", draft.source);
    }
    if errors.is_empty() {
        match bulletin::parse::parse("draft.md", &draft.source) {
            Ok(parsed) => assert_eq!(parsed.issue, draft.issue, "the draft holds another issue than reported"),
            Err(errors) => panic!("the draft does not parse: {}", errors[0]),
        }
    }
});
