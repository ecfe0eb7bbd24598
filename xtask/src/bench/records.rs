//! The records the browser side writes, read: tests/bench/bench.mjs only measures, writes one
//! record a line, tab-separated, and leaves every statistic and verdict to the xtask, which is
//! tested natively. The records are:
//!
//! - `info <key> <value>`: facts of the run (the Chromium version, the largest table …);
//! - `file <page> <path> <kind> <origin> <raw> <gzip> <brotli>`: one file a cold first visit
//!   requested, with its size in bytes as stored, after gzip -9 and after brotli (quality 11);
//!   `origin` is `page` or `service-worker`;
//! - `sample <metric> <value>`: one measurement, in milliseconds or bytes.
//!
//! An info key or a metric that is not one of [`metric::ALL`]'s names is an error, and every
//! lookup goes through those names, so a misspelt name is never read as "not measured".

use super::metric::{self, Kind, Name};

/// Who asked for a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The page itself, while loading and starting.
    Page,
    /// The service worker, installing itself and precaching in the background.
    ServiceWorker,
}

/// One file of a first visit.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRecord {
    /// `app` or `plain`.
    pub page: String,
    /// The path below the page's folder.
    pub path: String,
    /// html, js, wasm, css, icon, manifest or data.
    pub kind: String,
    /// Who asked for it.
    pub origin: Origin,
    /// Bytes as stored.
    pub raw: u64,
    /// Bytes after gzip -9.
    pub gzip: u64,
    /// Bytes after brotli, quality 11.
    pub brotli: u64,
}

/// Everything the browser side wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Facts of the run, in the order written.
    pub info: Vec<(String, String)>,
    /// The files of first visits.
    pub files: Vec<FileRecord>,
    /// The samples of each metric, metrics in the order first written.
    pub samples: Vec<(String, Vec<f64>)>,
}

/// A metric's samples summed up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// How many samples.
    pub n: usize,
    /// The median (the mean of the two middle samples when `n` is even).
    pub median: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
}

impl Summary {
    /// None when there are no samples.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|value| value.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Some(Summary {
            n,
            median,
            min: sorted[0],
            max: sorted[n - 1],
        })
    }
}

impl Records {
    /// Reads the records file; an error names the line.
    pub fn parse(text: &str) -> Result<Records, String> {
        let mut records = Records::default();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format!("line {}: {what}: {line:?}", number + 1);
            match fields.as_slice() {
                ["info", key, value] => {
                    if !metric::is_known(Kind::Info, key) {
                        return Err(bad("no such info key in xtask/src/bench/metric.rs"));
                    }
                    records.info.push((key.to_string(), value.to_string()));
                }
                ["sample", metric, value] => {
                    if !metric::is_known(Kind::Sample, metric) {
                        return Err(bad("no such metric in xtask/src/bench/metric.rs"));
                    }
                    let value: f64 = value.parse().map_err(|_| bad("the value is not a number"))?;
                    records.push(metric, value);
                }
                ["file", page, path, kind, origin, raw, gzip, brotli] => {
                    let origin = match *origin {
                        "page" => Origin::Page,
                        "service-worker" => Origin::ServiceWorker,
                        _ => return Err(bad("the origin is neither page nor service-worker")),
                    };
                    let bytes = |text: &str| text.parse::<u64>().map_err(|_| bad("a size is not a whole number"));
                    records.files.push(FileRecord {
                        page: page.to_string(),
                        path: path.to_string(),
                        kind: kind.to_string(),
                        origin,
                        raw: bytes(raw)?,
                        gzip: bytes(gzip)?,
                        brotli: bytes(brotli)?,
                    });
                }
                _ => return Err(bad("not an info, sample or file record")),
            }
        }
        Ok(records)
    }

    fn push(&mut self, metric: &str, value: f64) {
        match self.samples.iter_mut().find(|(name, _)| name == metric) {
            Some((_, values)) => values.push(value),
            None => self.samples.push((metric.to_string(), vec![value])),
        }
    }

    /// The value of the info record `key`, filled in with `values`.
    pub fn info(&self, key: Name, values: &[&str]) -> Option<&str> {
        let key = key.with(values);
        self.info
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value.as_str())
    }

    /// The summary of `metric`, filled in with `values`, when it was measured.
    pub fn summary(&self, metric: Name, values: &[&str]) -> Option<Summary> {
        let metric = metric.with(values);
        let (_, samples) = self.samples.iter().find(|(name, _)| *name == metric)?;
        Summary::of(samples)
    }

    /// The median of `metric`, filled in with `values`, when it was measured.
    pub fn median(&self, metric: Name, values: &[&str]) -> Option<f64> {
        self.summary(metric, values).map(|summary| summary.median)
    }

    /// The distinct values of the first `{…}` of `metric` that `filled` leaves open, among the
    /// metrics measured whose earlier `{…}` hold `filled`, in the order first written: for
    /// `sort/big/{column}/app` they are the columns sorted.
    pub fn children(&self, metric: Name, filled: &[&str]) -> Vec<String> {
        let mut children: Vec<String> = Vec::new();
        for (name, _) in &self.samples {
            let Some(values) = metric.values_in(name) else {
                continue;
            };
            if values.len() > filled.len() && values[..filled.len()] == *filled {
                let child = values[filled.len()].to_string();
                if !children.contains(&child) {
                    children.push(child);
                }
            }
        }
        children
    }

    /// The page's first-visit files from `origin`.
    pub fn files_of(&self, page: &str, origin: Origin) -> Vec<&FileRecord> {
        self.files
            .iter()
            .filter(|file| file.page == page && file.origin == origin)
            .collect()
    }
}

/// `(query, prefix)` of every archive search measured, in the order typed.
pub fn archive_prefixes(records: &Records) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for query in records.children(metric::SEARCH_ARCHIVE_PREFIX, &[]) {
        for prefix in records.children(metric::SEARCH_ARCHIVE_PREFIX, &[&query]) {
            pairs.push((query.clone(), prefix));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_median(samples: &[f64], expected: f64) {
        assert_eq!(Summary::of(samples).map(|summary| summary.median), Some(expected));
    }

    #[test]
    fn medians() {
        check_median(&[3.0, 1.0, 2.0], 2.0);
        check_median(&[4.0, 1.0, 3.0, 2.0], 2.5);
        check_median(&[5.0], 5.0);
        check_median(&[f64::NAN, 1.0, 9.0], 5.0);
        assert_eq!(Summary::of(&[]), None);
    }

    fn records(text: &str) -> Records {
        Records::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn records_are_read_by_kind() {
        let read = records(
            "info\tchromium\t156.0\nsample\tchart/a\t2.5\nsample\tchart/a\t3.5\n\
             file\tapp\tindex.html\thtml\tpage\t1000\t300\t250\n",
        );
        assert_eq!(read.info(metric::INFO_CHROMIUM, &[]), Some("156.0"));
        assert_eq!(read.median(metric::CHART_DRAW, &["a"]), Some(3.0));
        assert_eq!(read.files.len(), 1);
        assert_eq!(read.files[0].origin, Origin::Page);
        assert_eq!(read.files[0].gzip, 300);
    }

    #[test]
    fn a_bad_record_names_its_line() {
        let error = Records::parse("info\tchromium\tb\nsample\tchart/x\tfast\n").err();
        assert_eq!(
            error.as_deref(),
            Some("line 2: the value is not a number: \"sample\\tchart/x\\tfast\"")
        );
    }

    #[test]
    fn a_name_not_in_the_list_is_refused() {
        let error = Records::parse("sample\tchart/a\t1\nsample\tstartup/app/fcpp\t1\n").err();
        assert_eq!(
            error.as_deref(),
            Some("line 2: no such metric in xtask/src/bench/metric.rs: \"sample\\tstartup/app/fcpp\\t1\"")
        );
        let error = Records::parse("info\tchromiun\t156\n").err();
        assert_eq!(
            error.as_deref(),
            Some("line 1: no such info key in xtask/src/bench/metric.rs: \"info\\tchromiun\\t156\"")
        );
    }

    #[test]
    fn children_keep_their_order() {
        let read = records(
            "sample\tsort/big/지원액/app\t1\nsample\tsort/big/기관/app\t1\nsample\tsort/big/지원액/datatables\t1\n",
        );
        assert_eq!(read.children(metric::SORT_BIG_APP, &[]), ["지원액", "기관"]);
        let read = records(
            "sample\tsearch/archive/build\t1\nsample\tsearch/archive/충전/충\t1\nsample\tsearch/archive/충전/충전\t1\n",
        );
        assert_eq!(read.children(metric::SEARCH_ARCHIVE_PREFIX, &[]), ["충전"]);
        assert_eq!(read.children(metric::SEARCH_ARCHIVE_PREFIX, &["충전"]), ["충", "충전"]);
    }
}
