//! The bench results as JSON ([`results`]), and just enough JSON to write them: a value tree
//! and its text, keys in the order they were given so that two result files diff line by line.

use std::fmt::Write as _;

use super::budget::{Budget, Verdict};
use super::metric;
use super::records::{Origin, Records, Summary};
use super::Run;

/// The results as JSON: the run, the files, every metric with its samples, the budgets.
pub fn results(run: &Run, records: &Records, budgets: &[Budget]) -> Json {
    let files = records
        .files
        .iter()
        .map(|file| {
            Json::object([
                ("page", Json::string(&file.page)),
                ("path", Json::string(&file.path)),
                ("kind", Json::string(&file.kind)),
                (
                    "origin",
                    Json::string(match file.origin {
                        Origin::Page => "page",
                        Origin::ServiceWorker => "service-worker",
                    }),
                ),
                ("raw", Json::Number(file.raw as f64)),
                ("gzip", Json::Number(file.gzip as f64)),
                ("brotli", Json::Number(file.brotli as f64)),
            ])
        })
        .collect();
    let metrics = records
        .samples
        .iter()
        .map(|(name, samples)| {
            let summary = Summary::of(samples);
            let value = Json::object([
                ("n", Json::Number(summary.map_or(0.0, |s| s.n as f64))),
                ("median", Json::maybe(summary.map(|s| s.median))),
                ("min", Json::maybe(summary.map(|s| s.min))),
                ("max", Json::maybe(summary.map(|s| s.max))),
                (
                    "samples",
                    Json::Array(samples.iter().map(|v| Json::Number(*v)).collect()),
                ),
            ]);
            (name.clone(), value)
        })
        .collect();
    let info = records
        .info
        .iter()
        .map(|(key, value)| (key.clone(), Json::string(value)))
        .collect();
    Json::object([
        ("date", Json::string(&run.date)),
        (
            "machine",
            Json::object([
                ("nproc", Json::Number(run.nproc as f64)),
                ("cpu", Json::string(&run.cpu)),
                (
                    "chromium",
                    Json::string(records.info(metric::INFO_CHROMIUM, &[]).unwrap_or("unknown")),
                ),
            ]),
        ),
        ("commit", Json::string(&run.commit)),
        ("wasm_build", Json::string(&run.wasm_build)),
        ("runs", Json::Number(run.runs as f64)),
        ("only", run.only.as_ref().map_or(Json::Null, Json::string)),
        (
            "units",
            Json::string("times in ms since navigation start or per action; sizes and memory in bytes"),
        ),
        ("info", Json::Object(info)),
        ("files", Json::Array(files)),
        ("metrics", Json::Object(metrics)),
        ("budgets", Json::Array(budgets.iter().map(budget).collect())),
    ])
}

/// One budget: its name, limit, what was measured, and `pass` (true, false, or null when it
/// was not measured).
fn budget(budget: &Budget) -> Json {
    let pass = match budget.verdict {
        Verdict::Pass => Json::Bool(true),
        Verdict::Fail => Json::Bool(false),
        Verdict::NotMeasured => Json::Null,
    };
    Json::object([
        ("name", Json::string(&budget.name)),
        ("limit", Json::string(&budget.limit)),
        ("measured", Json::string(&budget.measured)),
        ("pass", pass),
    ])
}

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; one that is not finite is written as `null`, which JSON has no number for.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object from `(key, value)` pairs.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(pairs.into_iter().map(|(key, value)| (key.into(), value)).collect())
    }

    /// A string value.
    pub fn string(text: impl Into<String>) -> Json {
        Json::String(text.into())
    }

    /// A number, or `null` when there is none.
    pub fn maybe(number: Option<f64>) -> Json {
        number.map_or(Json::Null, Json::Number)
    }

    /// The value as indented text, ending in a newline.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Number(value) if !value.is_finite() => out.push_str("null"),
            Json::Number(value) => {
                // Whole numbers without a fraction; others rounded to what a timer resolves.
                if value.fract() == 0.0 && value.abs() < 1e15 {
                    let _ = write!(out, "{}", *value as i64);
                } else {
                    let text = format!("{value:.4}");
                    out.push_str(text.trim_end_matches('0'));
                }
            }
            Json::String(text) => write_string(out, text),
            Json::Array(items) if items.iter().all(|item| !item.is_container()) => {
                // Short arrays of numbers (samples) stay on one line.
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    item.write(out, depth);
                }
                out.push(']');
            }
            Json::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    out.push_str(if index == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Object(pairs) if pairs.is_empty() => out.push_str("{}"),
            Json::Object(pairs) => {
                out.push('{');
                for (index, (key, value)) in pairs.iter().enumerate() {
                    out.push_str(if index == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }

    fn is_container(&self) -> bool {
        matches!(self, Json::Array(_) | Json::Object(_))
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[track_caller]
    fn check(value: Json, expected: &str) {
        assert_eq!(value.to_text(), format!("{expected}\n"));
    }

    #[test]
    fn scalars() {
        check(Json::Null, "null");
        check(Json::Bool(true), "true");
        check(Json::Number(150000.0), "150000");
        check(Json::Number(12.5), "12.5");
        check(Json::Number(1.0 / 3.0), "0.3333");
        check(Json::Number(f64::NAN), "null");
        check(Json::maybe(None), "null");
    }

    #[test]
    fn strings_are_escaped() {
        check(Json::string("검색 \"a\"\\\t\u{1}"), "\"검색 \\\"a\\\"\\\\\\t\\u0001\"");
    }

    #[test]
    fn objects_and_arrays_nest() {
        let value = Json::object([
            ("samples", Json::Array(vec![Json::Number(1.0), Json::Number(2.5)])),
            ("files", Json::Array(vec![Json::object([("raw", Json::Number(3.0))])])),
            ("empty", Json::Object(Vec::new())),
        ]);
        check(
            value,
            "{\n  \"samples\": [1, 2.5],\n  \"files\": [\n    {\n      \"raw\": 3\n    }\n  ],\n  \"empty\": {}\n}",
        );
    }
}
