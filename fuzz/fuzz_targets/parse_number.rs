//! Fuzz target: any valid UTF-8 text through `bulletin::number::parse`, the reader of
//! printed table figures (`1,087,845.00`, `630 (25)`).
//!
//! It must never panic, and a number it accepts must be what was printed: `shown` is the
//! input trimmed, the figures are finite, the exact main figure agrees with the float one,
//! the printed parts read back to the same figures, and the exact value survives its own
//! `Display` (which regroups the thousands).

#![no_main]

use bulletin::number::{self, Decimal};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = match number::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            // Every rejection can be told to the editor.
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    let figure = &parsed.number;
    assert_eq!(figure.shown, text.trim(), "shown is the printed text");
    assert!(figure.value.is_finite(), "{text:?} gave {}", figure.value);
    assert!(figure.sub.is_none_or(f64::is_finite), "{text:?} gave {:?}", figure.sub);
    assert_eq!(parsed.main.to_f64(), figure.value, "{text:?}");
    assert_eq!(parsed.sub.map(Decimal::to_f64), figure.sub, "{text:?}");

    // The printed main part alone (a percentage with its sign) reads as the same figure.
    let (main_text, sub_text) = figure.parts();
    match number::parse(main_text) {
        Ok(main) => assert!(main.main.same_value(parsed.main), "{text:?}: main part {main_text:?}"),
        Err(error) => panic!("{text:?}: the main part {main_text:?} does not parse: {error}"),
    }
    assert_eq!(sub_text.is_some(), parsed.sub.is_some(), "{text:?}: parts {sub_text:?}");

    for exact in std::iter::once(parsed.main).chain(parsed.sub) {
        let printed = exact.to_string();
        match Decimal::parse(&printed) {
            Ok(again) => assert!(again.same_value(exact), "{text:?}: {printed} reads back differently"),
            Err(error) => panic!("{text:?}: its own display {printed:?} does not parse: {error}"),
        }
    }
});
