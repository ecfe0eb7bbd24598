//! The facts of a build, as `cargo xtask dist` writes them beside it (xtask/src/facts.rs says
//! what each is and which core function computed it), so that the scenarios compare the page
//! with the issue the build embeds and with the interface's own strings, never with a Rust
//! source read as text or a second reading of the Markdown.
//!
//! `readFacts(path)` returns the file as it is:
//! - `derived`: the issue as the scenarios walk it: `parts` (`{ id, numeral, title, briefs }`),
//!   `articles` and `briefs` (`{ id, number, title, category, part }`; a brief's category is
//!   null), `figures` (`{ id, caption }`), `date` (`2023-06-30`), `deepest_bullet`, and
//!   `tables`: `{ id, caption, columns: [{ id, label, kind, unit, heading, numeric }],
//!   rows: [{ id, cells: [text as shown], values: [main figure or null] }], total: a row or
//!   null, chart: { kind, label, measures } or null }` (column kinds as the model names them:
//!   `Ordinal`, `Text`, `Integer`, `Decimal`, `Index`, `List`; `label` and `measures` are
//!   column indices);
//! - `strings`: the interface strings, `ko` and `en`, keyed by their names in src/i18n.rs;
//! - `constants`: `palettes.light` and `palettes.dark`, the chart colours as `[r, g, b]`;
//! - `issue`: the whole model, for anything the lists above leave out;
//! - `build`: how the WebAssembly was built: `toolchain` (`nightly-…` or `stable`), `rustc`
//!   (its version line) and `panic` (`immediate-abort`: a panic is a bare trap with no message;
//!   `abort`: the panic hook shows the message first);
//! - `bench`: what tests/bench/bench.mjs takes from it.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPO } from "./harness.mjs";

/** Cargo's target folder, where `cargo xtask dist` writes the facts. */
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, "target");
/** The facts of the first issue's build, which the scenarios of one issue drive (env FACTS, set by `cargo xtask test`). */
export const FACTS = process.env.FACTS ? resolve(process.env.FACTS) : join(TARGET, "facts/issue.json");
/** The facts of the archive build of the first issue and the fixtures (env ARCHIVE_FACTS). */
export const ARCHIVE_FACTS = process.env.ARCHIVE_FACTS ? resolve(process.env.ARCHIVE_FACTS) : join(TARGET, "facts/archive.json");
/** The facts of the hostile build (env HOSTILE_FACTS, set by `cargo xtask test`). */
export const HOSTILE_FACTS = process.env.HOSTILE_FACTS ? resolve(process.env.HOSTILE_FACTS) : join(TARGET, "facts/hostile.json");

/** The facts file at `path`; a missing one says what writes it. */
export function readFacts(path = FACTS) {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: \`cargo xtask dist\` writes it for each build (\`cargo xtask test\` makes both builds)`);
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

/** `[r, g, b]` as getComputedStyle writes a colour: `rgb(r, g, b)`. */
export function cssColour([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}
