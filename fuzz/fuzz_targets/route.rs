//! Fuzz target: any valid UTF-8 text as a location hash through `Route::parse`.
//!
//! Reading a hash never fails and never panics, and the hash a route writes is canonical:
//! `Route::parse(route.to_hash())` gives back the same route, with nothing ignored, and
//! writing it again gives the same hash. A link the viewer shares must open what it showed.

#![no_main]

use bulletin::route::Route;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(hash) = std::str::from_utf8(data) else { return };
    let parsed = Route::parse(hash);
    let _ = parsed.route.anchor();
    let written = parsed.route.to_hash();
    let again = Route::parse(&written);
    assert_eq!(again.route, parsed.route, "{hash:?} was written as {written:?}");
    assert_eq!(
        again.problems,
        [],
        "{hash:?} was written as {written:?}, which reads with problems"
    );
    assert_eq!(again.route.to_hash(), written, "{hash:?}: writing is not stable");
});
